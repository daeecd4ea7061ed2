"""Sentences in the four languages that the benchmark data is written from."""

from __future__ import annotations

SENTENCES = {
    "he": (
        "הממשלה תפרסם את כל החוזים הציבוריים במאגר פתוח.",
        "אנו מציעים להוסיף לוח זמנים ברור לכל אבן דרך.",
        "חשוב שהציבור יוכל לעקוב אחר ההתקדמות בשקיפות מלאה.",
        "המשרד צריך להסביר כיצד ייבחרו נציגי החברה האזרחית.",
        "הנתונים צריכים להיות זמינים בפורמט פתוח וללא תשלום.",
        "כדאי לקבוע מדד הצלחה שניתן למדוד בסוף התוכנית.",
        "לא ברור מי אחראי על היישום בכל רשות מקומית.",
        "אני תומך בהצעה, אך יש לכלול גם נגישות לאנשים עם מוגבלות.",
    ),
    "lv": (
        "Valdība publicēs visus publiskos līgumus atvērtā reģistrā.",
        "Mēs iesakām katram starpposmam noteikt skaidru termiņu.",
        "Sabiedrībai jāvar pilnīgi pārredzami sekot līdzi progresam.",
        "Ministrijai jāpaskaidro, kā tiks izvēlēti pilsoniskās sabiedrības pārstāvji.",
        "Datiem jābūt pieejamiem atvērtā formātā un bez maksas.",
        "Plāna beigās būtu jānosaka izmērāms panākumu rādītājs.",
        "Nav skaidrs, kurš ir atbildīgs par ieviešanu katrā pašvaldībā.",
        "Es atbalstu priekšlikumu, bet jāiekļauj arī piekļūstamība cilvēkiem ar invaliditāti.",
    ),
    "hu": (
        "A kormány minden közbeszerzési szerződést nyilvános adatbázisban tesz közzé.",
        "Javasoljuk, hogy minden mérföldkőnek legyen világos határideje.",
        "Fontos, hogy a nyilvánosság teljes átláthatósággal követhesse az előrehaladást.",
        "A minisztériumnak el kell magyaráznia, hogyan választják ki a civilek képviselőit.",
        "Az adatoknak nyílt formátumban és díjmentesen kell elérhetőnek lenniük.",
        "A terv végére mérhető sikermutatót kellene meghatározni.",
        "Nem világos, ki felel a megvalósításért az egyes önkormányzatokban.",
        "Támogatom a javaslatot, de a fogyatékossággal élők akadálymentességét is bele kell venni.",
    ),
    "en": (
        "The government will publish every public contract in an open register.",
        "We suggest a clear deadline for each milestone.",
        "The public must be able to follow progress with full transparency.",
        "The ministry should explain how civil-society representatives are chosen.",
        "The data should be available in an open format and free of charge.",
        "A measurable indicator of success should be set for the end of the plan.",
        "It is not clear who is responsible for implementation in each municipality.",
        "I support the proposal, but accessibility for people with disabilities must be included.",
    ),
}

TITLES = {
    "he": "התחייבות %(number)d: שקיפות ומעורבות ציבורית",
    "lv": "%(number)d. apņemšanās: atklātība un sabiedrības līdzdalība",
    "hu": "%(number)d. vállalás: átláthatóság és társadalmi részvétel",
    "en": "Commitment %(number)d: transparency and public participation",
}

CONSULTATION_TITLES = {
    "he": "היוועצות %(number)d על טיוטת התוכנית",
    "lv": "%(number)d. konsultācija par plāna projektu",
    "hu": "%(number)d. konzultáció a tervezetről",
    "en": "Consultation %(number)d on the draft plan",
}

SECTION_HEADINGS = {
    "he": "סעיף %(number)d",
    "lv": "%(number)d. sadaļa",
    "hu": "%(number)d. szakasz",
    "en": "Section %(number)d",
}


def paragraph(language: str, seed: int, sentences: int = 3) -> str:
    """A few sentences of `language`, different for each seed of a run of 8**sentences."""
    pool = SENTENCES[language]
    return " ".join(pool[(seed // len(pool) ** n) % len(pool)] for n in range(sentences))
