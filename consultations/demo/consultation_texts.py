"""What the demo consultations say: three consultations on Israel's draft plan, and the
comments, flags, responses and survey answers people gave (see `consultations.py` for how
they are made).

`OPEN` takes comments now, in four languages, with replies, a hidden comment and a small
campaign of near-identical comments; `CLOSED` ended weeks ago and every comment has its
reasoned response; `UPCOMING` opens next week.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta

from .files import DemoFile, pdf

# (e-mail, display name, language): citizens who take part, besides the role accounts.
CITIZENS = [
    ("avi@example.org", "אבי מזרחי", "he"),
    ("miriam@example.org", "מרים חדד", "he"),
    ("yossi@example.org", "יוסי אברהם", "he"),
    ("rana@example.org", "רנא ח'ורי", "he"),
    ("tamar@example.org", "תמר שפירא", "he"),
    ("noam@example.org", "נועם גולן", "he"),
    ("shira@example.org", "שירה לוין", "he"),
    ("eli@example.org", "אלי ביטון", "he"),
    ("roni@example.org", "רוני קרמר", "he"),
    ("anna@example.org", "Anna Kalniņa", "lv"),
    ("martins@example.org", "Mārtiņš Liepa", "lv"),
    ("zsofia@example.org", "Szabó Zsófia", "hu"),
    ("gabor@example.org", "Tóth Gábor", "hu"),
    ("david@example.org", "David Green", "en"),
    ("sarah@example.org", "Sarah Cohen", "en"),
    ("olga@example.org", "Olga Petrova", "en"),
]


@dataclass(frozen=True)
class DemoComment:
    key: str
    author: str  # e-mail
    text: str
    language: str
    when: timedelta  # after the consultation opened
    stance: str | None = None
    section: int | None = None  # 1-based position; None for the draft as a whole
    parent: str | None = None  # key of the comment replied to
    flags: tuple[tuple[str, str], ...] = ()  # (e-mail, rule key)
    hidden: tuple[str, str] | None = None  # (rule key, moderator's note)
    files: tuple[DemoFile, ...] = ()  # attachments, uploaded with the comment


@dataclass(frozen=True)
class DemoResponse:
    outcome: str
    reasons: dict[str, str]
    comments: tuple[str, ...]
    when: timedelta  # after the consultation closed


@dataclass(frozen=True)
class DemoConsultation:
    slug: str
    agency: str
    commitment: str | None
    opens: timedelta  # relative to loading; negative is in the past
    lasts: timedelta
    texts: dict[str, dict[str, str]]
    sections: list[dict[str, dict[str, str]]]
    comments: list[DemoComment] = field(default_factory=list)
    responses: list[DemoResponse] = field(default_factory=list)
    responses_complete: timedelta | None = None  # after closing
    # (e-mail, satisfaction, ease, remark)
    survey: list[tuple[str, int, int, str]] = field(default_factory=list)
    # (section position, new wording per language): edited after opening, so readers see it
    edits: list[tuple[int, dict[str, dict[str, str]]]] = field(default_factory=list)
    # Days from closing to the response deadline (None: the site's RESPONSE_DAYS).
    response_days: float | None = None


def days(number: float) -> timedelta:
    return timedelta(days=number)


CAMPAIGN = (
    "אני דורש/ת שכל מערכת אלגוריתמית שמשמשת את הממשלה תפורסם במרשם יחד עם קוד המקור שלה, "
    "נתוני האימון והגורם האחראי עליה, ושכל אדם שנפגע מהחלטה אוטומטית יוכל לערער עליה בפני "
    "אדם."
)

OPEN = DemoConsultation(
    slug="il-2026-2029-draft",
    agency="ict-authority",
    commitment=None,
    opens=-days(12),
    # Closes in three days and its responses are due three days later: the coordinator's
    # /staff page and daily digest show its unanswered comments as due within a week.
    lasts=days(15),
    response_days=3,
    texts={
        "he": {
            "title": "היוועצות ציבורית: טיוטת תוכנית הפעולה הלאומית לממשל פתוח 2026–2029",
            "introduction": "רשות התקשוב הממשלתית מזמינה את הציבור להעיר על טיוטת תוכנית "
            "הפעולה הלאומית הבאה של ישראל במסגרת השותפות לממשל פתוח. אפשר להעיר על הטיוטה "
            "כולה או על סעיף מסוים, להביע תמיכה או התנגדות ולהגיב להערות של אחרים. כל הערה "
            "תקבל מענה מנומק עד המועד האחרון למענה.",
        },
        "en": {
            "title": "Public consultation: draft national action plan for open government "
            "2026–2029",
            "introduction": "The Government ICT Authority invites everyone to comment on the "
            "draft of Israel's next national action plan in the Open Government Partnership. "
            "Comment on the draft as a whole or on one section, say whether you support or "
            "oppose it, and reply to others. Every comment will get a reasoned response by "
            "the response deadline.",
        },
        "lv": {
            "title": "Sabiedriskā apspriešana: Izraēlas nacionālā atvērtās pārvaldības rīcības "
            "plāna projekts 2026–2029",
            "introduction": "Izraēlas Valdības IKT iestāde aicina ikvienu komentēt nākamā "
            "nacionālā rīcības plāna projektu. Katrs komentārs saņems pamatotu atbildi līdz "
            "atbildes termiņam.",
        },
        "hu": {
            "title": "Társadalmi egyeztetés: Izrael 2026–2029-es nyílt kormányzati nemzeti "
            "cselekvési tervének tervezete",
            "introduction": "Az izraeli Kormányzati Informatikai Hatóság mindenkit arra kér, "
            "hogy tegye meg észrevételeit a következő nemzeti cselekvési terv tervezetével "
            "kapcsolatban. Minden észrevételre indokolt válasz érkezik a válaszadási "
            "határidőig.",
        },
    },
    sections=[
        {
            "he": {
                "heading": "מטרות התוכנית",
                "body": "התוכנית מבקשת להפוך את פעולת הממשלה לשקופה ומובנת יותר, לשתף את הציבור "
                "בעיצוב מדיניות ולחזק את האחריותיות הציבורית. היא כוללת שתי התחייבויות, ואנו "
                "מזמינים כל אדם להעיר על כל אחת מהן לפני שהתוכנית תאומץ.",
            },
            "en": {
                "heading": "Aims of the plan",
                "body": "The plan sets out to make government work more transparent and easier "
                "to understand, to involve the public in shaping policy and to strengthen public "
                "accountability. It has two commitments, and everyone is invited to comment on "
                "each of them before the plan is adopted.",
            },
        },
        {
            "he": {
                "heading": "מרשם ציבורי של מערכות אלגוריתמיות (IL9030)",
                "body": "רשות התקשוב הממשלתית תקים מרשם ציבורי של מערכות אלגוריתמיות שמשרדי "
                "הממשלה משתמשים בהן בהחלטות על אנשים. לכל מערכת יפורסמו מטרתה, הגוף האחראי, "
                "סוגי המידע שבהם היא משתמשת ודרך לפנות בשאלות או בערעור. המרשם יתעדכן לפחות "
                "פעם ברבעון.",
            },
            "en": {
                "heading": "A public register of algorithmic systems (IL9030)",
                "body": "The Government ICT Authority will set up a public register of the "
                "algorithmic systems ministries use in decisions about people. For each system "
                "the register will give its purpose, the body responsible, the kinds of data it "
                "uses and how to ask questions or appeal. It will be updated at least every "
                "quarter.",
            },
        },
        {
            "he": {
                "heading": "היוועצות ציבורית בטיוטות תקנות (IL9031)",
                "body": "משרד ראש הממשלה יפרסם כל טיוטת תקנות במקום אחד להערות הציבור למשך 30 "
                "יום לפחות, ויפרסם מענה מנומק לכל הערה לפני שהתקנות ייחתמו.",
            },
            "en": {
                "heading": "Public consultation on draft regulations (IL9031)",
                "body": "The Prime Minister's Office will publish every draft regulation in one "
                "place for public comment for at least 30 days, and publish a reasoned response "
                "to every comment before the regulation is signed.",
            },
        },
        {
            "he": {
                "heading": "מעקב ודיווח",
                "body": "רכזת הממשל הפתוח תפרסם עדכון התקדמות על כל התחייבות לפחות פעם בשלושה "
                "חודשים, וגופי החברה האזרחית מוזמנים לפרסם הערכות בלתי תלויות באתר זה.",
            },
            "en": {
                "heading": "Monitoring and reporting",
                "body": "The open government coordinator will publish a progress update on each "
                "commitment at least every three months, and civil-society organisations are "
                "invited to publish independent assessments on this site.",
            },
        },
    ],
    edits=[
        (
            4,
            {
                "he": {
                    "heading": "מעקב ודיווח",
                    "body": "רכזת הממשל הפתוח תפרסם עדכון התקדמות על כל התחייבות לפחות פעם "
                    "בשלושה חודשים, ובכל עדכון יצוין אילו אבני דרך התעכבו ומדוע. גופי החברה "
                    "האזרחית מוזמנים לפרסם הערכות בלתי תלויות באתר זה.",
                },
                "en": {
                    "heading": "Monitoring and reporting",
                    "body": "The open government coordinator will publish a progress update on "
                    "each commitment at least every three months, saying which milestones "
                    "slipped and why. Civil-society organisations are invited to publish "
                    "independent assessments on this site.",
                },
            },
        )
    ],
    comments=[
        DemoComment(
            "bias",
            "citizen@example.org",
            "מרשם כזה חשוב מאוד. הייתי מוסיפה חובה לפרסם גם את תוצאות הבדיקות לאיתור הטיות "
            "במערכות, ולא רק את מטרתן.",
            "he",
            days(0.2),
            "support",
            2,
        ),
        DemoComment(
            "bias-reply",
            "avi@example.org",
            "מסכים. בלי תוצאות בדיקות אין לנו דרך לדעת אם מערכת מפלה.",
            "he",
            days(0.5),
            parent="bias",
        ),
        DemoComment(
            "bias-reply-2",
            "citizen@example.org",
            "בדיוק. ואולי גם את תאריך הבדיקה האחרונה, כדי שנדע אם היא עדכנית.",
            "he",
            days(0.6),
            parent="bias-reply",
        ),
        DemoComment(
            "arabic",
            "rana@example.org",
            "חשוב שהמרשם יהיה זמין גם בערבית, ושהמידע על דרך הערעור ייכתב בשפה פשוטה.",
            "he",
            days(0.9),
            "support",
            2,
        ),
        DemoComment(
            "quarterly",
            "yossi@example.org",
            "עדכון פעם ברבעון לא מספיק. מערכות משתנות כל הזמן; המרשם צריך להתעדכן בכל פעם "
            "שמערכת חדשה נכנסת לשימוש.",
            "he",
            days(1.1),
            "oppose",
            2,
        ),
        DemoComment(
            "quarterly-reply",
            "david@example.org",
            "Agreed. Other registers ask for an update whenever a tool changes in a way that "
            "matters to the people it decides about, not on a fixed calendar.",
            "en",
            days(1.4),
            parent="quarterly",
        ),
        DemoComment(
            "vendors",
            "david@example.org",
            "Will the register cover systems bought from private vendors? Procurement "
            "contracts should *require* vendors to provide the information the register needs. "
            "Our short paper on how other registers do it is attached.",
            "en",
            days(1.8),
            "neutral",
            2,
            files=(
                DemoFile(
                    "vendor-systems-position-paper.pdf",
                    pdf(
                        [
                            "Algorithm registers and systems bought from vendors",
                            "A position paper by David Green",
                            "Registers elsewhere list purchased systems like any other.",
                            "Procurement contracts oblige vendors to describe the system,",
                            "its purpose, its data and the tests for bias it has passed.",
                            "We ask the draft plan to write this duty into every new contract.",
                        ]
                    ),
                ),
            ),
        ),
        DemoComment(
            "vendors-reply",
            "citizen@example.org",
            "שאלה חשובה. גם מערכות שנרכשות מספקים צריכות להיות במרשם, אחרת יהיה קל לעקוף אותו.",
            "he",
            days(2.0),
            parent="vendors",
        ),
        DemoComment(
            "machine-readable",
            "anna@example.org",
            "Latvijā mēs domājam par līdzīgu reģistru. Būtu noderīgi publicēt datus arī "
            "mašīnlasāmā formātā, lai pētnieki tos varētu analizēt.",
            "lv",
            days(2.3),
            "support",
            2,
        ),
        DemoComment(
            "machine-readable-reply",
            "martins@example.org",
            "Piekrītu. Un ar atvērtu licenci, lai datus var izmantot atkārtoti.",
            "lv",
            days(2.6),
            parent="machine-readable",
        ),
        DemoComment(
            "human-review",
            "zsofia@example.org",
            "Javaslom, hogy a nyilvántartás minden rendszernél tüntesse fel, hogy ember "
            "felülvizsgálja-e a döntést, mielőtt az érvényessé válik.",
            "hu",
            days(2.9),
            "neutral",
            2,
        ),
        DemoComment(
            "alerts",
            "miriam@example.org",
            "סוף סוף! 30 יום הם מינימום סביר. חשוב שאפשר יהיה גם להירשם להתראה כשמתפרסמת "
            "טיוטה חדשה.",
            "he",
            days(3.2),
            "support",
            3,
        ),
        DemoComment(
            "timetable",
            "tamar@example.org",
            "המענה המנומק צריך להתפרסם לפני ההחלטה, אבל בטיוטה אין מועד. בלי לוח זמנים מחייב "
            "זה יישאר על הנייר.",
            "he",
            days(3.5),
            "oppose",
            3,
        ),
        DemoComment(
            "timetable-reply",
            "shira@example.org",
            "נכון. אפשר לקבוע שהתקנות לא ייחתמו לפני שעברו 14 יום מפרסום המענה.",
            "he",
            days(3.7),
            parent="timetable",
        ),
        DemoComment(
            "timetable-reply-2",
            "tamar@example.org",
            "רעיון טוב, זה גם ייתן זמן לפנות לבית המשפט אם צריך.",
            "he",
            days(3.9),
            parent="timetable-reply",
        ),
        DemoComment(
            "timetable-reply-3",
            "eli@example.org",
            "רק שזה לא יעכב תקנות דחופות. אולי חריג מוגדר למצבי חירום?",
            "he",
            days(4.1),
            parent="timetable-reply-2",
        ),
        DemoComment(
            "short-deadlines",
            "gabor@example.org",
            "Magyarországon is gyakori, hogy a véleményezési határidő nagyon rövid. "
            "A legalább 30 napos időszak jó példa lehet.",
            "hu",
            days(4.4),
            "support",
            3,
        ),
        DemoComment(
            "all-comments",
            "sarah@example.org",
            "Please publish all comments received, not only a summary, so that people can "
            "check the responses against what was actually said.",
            "en",
            days(4.8),
            "support",
            3,
        ),
        DemoComment(
            "indicators",
            "eli@example.org",
            "כדאי להגדיר בתוכנית מדדים שאפשר למדוד, למשל:\n- כמה מערכות נרשמו במרשם\n"
            "- כמה הערות קיבלו מענה בזמן",
            "he",
            days(5.0),
            "neutral",
            1,
        ),
        DemoComment(
            "plain-summary",
            "noam@example.org",
            "תודה על ההזדמנות להעיר. אשמח אם תפרסמו גם סיכום של ההיוועצות בשפה פשוטה.",
            "he",
            days(5.3),
            "support",
            1,
        ),
        DemoComment(
            "slipped",
            "olga@example.org",
            "Quarterly progress updates are good. It would help if each update said which "
            "milestones slipped and why.",
            "en",
            days(5.6),
            "neutral",
            4,
        ),
        DemoComment(
            "same-page",
            "martins@example.org",
            "Vai neatkarīgie novērtējumi tiks publicēti tajā pašā lapā kā valdības progresa "
            "ziņojumi? Tas palīdzētu tos salīdzināt.",
            "lv",
            days(5.9),
            "neutral",
            4,
        ),
        DemoComment(
            "archive",
            "shira@example.org",
            "מצוין שגופי החברה האזרחית יכולים לפרסם הערכות באתר. חשוב שהמידע יישאר זמין גם "
            "אחרי שהתוכנית תסתיים.",
            "he",
            days(6.2),
            "support",
            4,
        ),
        DemoComment(
            "insult",
            "roni@example.org",
            "מי שכתב את הטיוטה הזאת הוא אידיוט חסר מושג. תפסיקו לבזבז את הכסף שלנו.",
            "he",
            days(6.5),
            "oppose",
            1,
            flags=(
                ("citizen@example.org", "respect"),
                ("rana@example.org", "respect"),
                ("tamar@example.org", "respect"),
            ),
            hidden=("respect", "עלבון אישי במקום טיעון לגופו של עניין."),
        ),
        DemoComment(
            "meeting",
            "avi@example.org",
            "האם יתקיים גם מפגש פתוח לציבור על הטיוטה, או שההיוועצות מתקיימת רק כאן באתר?",
            "he",
            days(6.8),
            "neutral",
        ),
        DemoComment(
            "languages",
            "zsofia@example.org",
            "Köszönöm, hogy a tervezet több nyelven is olvasható. Ez példaértékű.",
            "hu",
            days(7.1),
            "support",
        ),
        DemoComment(
            "modest",
            "david@example.org",
            "The plan has only two commitments. For a four-year plan that seems modest; "
            "consider adding one on beneficial ownership transparency.",
            "en",
            days(7.4),
            "oppose",
            1,
            # Enough flags to hold it for a moderator's review (FLAG_HOLD_THRESHOLD).
            flags=(
                ("tamar@example.org", "on_topic"),
                ("rana@example.org", "on_topic"),
                ("avi@example.org", "on_topic"),
            ),
        ),
        DemoComment(
            "measured",
            "anna@example.org",
            "Būtu labi plānā norādīt, kā tiks vērtēts, vai saistības ir izpildītas.",
            "lv",
            days(7.7),
            "neutral",
            1,
        ),
        DemoComment("campaign-1", "avi@example.org", CAMPAIGN, "he", days(8.0), "support", 2),
        DemoComment("campaign-2", "miriam@example.org", CAMPAIGN, "he", days(8.3), "support", 2),
        DemoComment(
            "campaign-3", "noam@example.org", CAMPAIGN + " תודה.", "he", days(8.6), "support", 2
        ),
        DemoComment(
            "campaign-4",
            "shira@example.org",
            CAMPAIGN.replace("אדם.", "אדם!"),
            "he",
            days(9.0),
            "support",
            2,
        ),
        DemoComment("campaign-5", "eli@example.org", CAMPAIGN, "he", days(9.4), "support", 2),
        DemoComment(
            "appeal-time",
            "yossi@example.org",
            "כמה זמן יהיה לערער על החלטה אוטומטית? כדאי לכתוב את זה במפורש במרשם.",
            "he",
            days(10.0),
            "neutral",
            2,
        ),
        DemoComment(
            "thanks",
            "sarah@example.org",
            "Thank you for opening the draft in four languages. See also "
            "https://www.opengovpartnership.org/ for how other members run consultations.",
            "en",
            days(11.0),
            "support",
        ),
    ],
    # The demo citizen has not answered yet, so signing in as her shows the survey.
    survey=[("david@example.org", 4, 5, ""), ("anna@example.org", 5, 4, "")],
)

CLOSED = DemoConsultation(
    slug="il9030-register-principles",
    agency="ict-authority",
    commitment="IL9030",
    opens=-days(80),
    lasts=days(30),
    texts={
        "he": {
            "title": "עקרונות למרשם המערכות האלגוריתמיות",
            "introduction": "לפני ניסוח ההתחייבות IL9030 ביקשנו מהציבור לומר מה המרשם צריך "
            "לכלול. ההיוועצות הסתיימה; לכל הערה פורסם מענה מנומק.",
        },
        "en": {
            "title": "Principles for the register of algorithmic systems",
            "introduction": "Before drafting commitment IL9030 we asked the public what the "
            "register should hold. The consultation has ended; every comment has a reasoned "
            "response.",
        },
        "lv": {
            "title": "Algoritmisko sistēmu reģistra principi",
            "introduction": "Apspriešana ir beigusies; katram komentāram ir publicēta pamatota "
            "atbilde.",
        },
        "hu": {
            "title": "Az algoritmikus rendszerek nyilvántartásának elvei",
            "introduction": "Az egyeztetés lezárult; minden észrevételre indokolt válasz "
            "született.",
        },
    },
    sections=[
        {
            "he": {
                "heading": "אילו מערכות ייכנסו למרשם",
                "body": "כל מערכת ממוחשבת שמשמשת משרד ממשלתי כדי לקבל החלטה על אדם או להמליץ "
                "עליה, כולל מערכות שנרכשו מספקים חיצוניים.",
            },
            "en": {
                "heading": "Which systems the register covers",
                "body": "Every computer system a ministry uses to make or recommend a decision "
                "about a person, including systems bought from outside vendors.",
            },
        },
        {
            "he": {
                "heading": "מה יפורסם על כל מערכת",
                "body": "מטרת המערכת, הגוף האחראי, סוגי המידע שבהם היא משתמשת, האם אדם בודק את "
                "ההחלטה ודרך לפנות בשאלות.",
            },
            "en": {
                "heading": "What is published about each system",
                "body": "Its purpose, the body responsible, the kinds of data it uses, whether "
                "a person reviews the decision, and how to ask questions.",
            },
        },
        {
            "he": {
                "heading": "ערעור על החלטה",
                "body": "כל אדם שהחלטה אוטומטית השפיעה עליו יוכל לבקש שאדם יבחן אותה מחדש.",
            },
            "en": {
                "heading": "Appealing a decision",
                "body": "Anyone affected by an automated decision may ask for a person to "
                "review it again.",
            },
        },
    ],
    comments=[
        DemoComment(
            "police",
            "tamar@example.org",
            "האם גם מערכות של משטרת ישראל ייכללו במרשם? שם ההשפעה על אנשים הכי גדולה.",
            "he",
            days(2),
            "neutral",
            1,
        ),
        DemoComment(
            "vendors-too",
            "david@example.org",
            "Good that vendor systems are included. Make it a condition in every new contract.",
            "en",
            days(3),
            "support",
            1,
        ),
        DemoComment(
            "data-sources",
            "rana@example.org",
            "צריך לפרסם גם מאילו מאגרי מידע המערכת שואבת, לא רק את סוגי המידע.",
            "he",
            days(5),
            "support",
            2,
        ),
        DemoComment(
            "accuracy",
            "anna@example.org",
            "Lūdzu, publicējiet arī sistēmu precizitātes rādītājus un to, kā tie tika mērīti.",
            "lv",
            days(7),
            "support",
            2,
        ),
        DemoComment(
            "source-code",
            "yossi@example.org",
            "בלי קוד המקור אי אפשר באמת לבדוק מערכת. צריך לפרסם אותו.",
            "he",
            days(9),
            "oppose",
            2,
        ),
        DemoComment(
            "deadline",
            "zsofia@example.org",
            "A felülvizsgálat kérésének legyen határideje, és a hivatal is határidőn belül "
            "válaszoljon.",
            "hu",
            days(12),
            "support",
            3,
        ),
        DemoComment(
            "human",
            "citizen@example.org",
            "חשוב שהבדיקה החוזרת תיעשה בידי אדם שלא היה מעורב בהחלטה המקורית.",
            "he",
            days(15),
            "support",
            3,
        ),
        DemoComment(
            "cost",
            "gabor@example.org",
            "Mennyibe fog kerülni a nyilvántartás fenntartása?",
            "hu",
            days(20),
            "neutral",
        ),
    ],
    responses=[
        DemoResponse(
            "partly_adopted",
            {
                "he": "מערכות של גופי ביטחון ואכיפה ייכללו במרשם, אך פרטים שחשיפתם תפגע בביטחון "
                "יושמטו, וההשמטה תצוין במפורש.",
                "en": "Systems of security and enforcement bodies will be in the register; "
                "details whose publication would harm security will be left out, and the "
                "omission will be stated.",
            },
            ("police",),
            days(12),
        ),
        DemoResponse(
            "adopted",
            {
                "he": "ההתחייבות קובעת שכל חוזה רכש חדש יחייב את הספק למסור את המידע הדרוש למרשם.",
                "en": "The commitment makes it a condition of every new procurement contract "
                "that the vendor provides what the register needs.",
            },
            ("vendors-too",),
            days(12),
        ),
        DemoResponse(
            "adopted",
            {
                "he": "לכל מערכת יפורסמו מאגרי המידע שהיא משתמשת בהם, וכן מדדי הדיוק ואופן מדידתם.",
                "en": "For each system the register will list the databases it draws on, its "
                "accuracy measures and how they were measured.",
                "lv": "Par katru sistēmu reģistrā būs norādītas izmantotās datubāzes, "
                "precizitātes rādītāji un to mērīšanas veids.",
            },
            ("data-sources", "accuracy"),
            days(13),
        ),
        DemoResponse(
            "not_adopted",
            {
                "he": "קוד המקור של מערכות רבות שייך לספקים ומוגן בזכויות יוצרים. במקום זאת "
                "יפורסמו תוצאות בדיקות חיצוניות של המערכות.",
                "en": "The source code of many systems belongs to vendors and is protected by "
                "copyright. Instead, the results of external audits of the systems will be "
                "published.",
            },
            ("source-code",),
            days(13),
        ),
        DemoResponse(
            "adopted",
            {
                "he": "בקשה לבדיקה חוזרת תוגש בתוך 60 יום, והמשרד ישיב בתוך 30 יום. את הבדיקה "
                "יערוך אדם שלא השתתף בהחלטה המקורית.",
                "en": "A review may be asked for within 60 days and the ministry answers "
                "within 30. The review is done by a person who took no part in the original "
                "decision.",
                "hu": "A felülvizsgálatot 60 napon belül lehet kérni, és a minisztérium 30 "
                "napon belül válaszol. A felülvizsgálatot olyan személy végzi, aki nem vett "
                "részt az eredeti döntésben.",
            },
            ("deadline", "human"),
            days(14),
        ),
        DemoResponse(
            "out_of_scope",
            {
                "he": "עלות המרשם נכללת בתקציב רשות התקשוב ואינה חלק מההתחייבות עצמה; היא "
                "תפורסם בדוח השנתי של הרשות.",
                "en": "The register's cost is part of the ICT Authority's budget, not of the "
                "commitment itself; it will be published in the Authority's annual report.",
            },
            ("cost",),
            days(15),
        ),
    ],
    responses_complete=days(15),
    survey=[
        ("tamar@example.org", 4, 4, "המענה היה ענייני, גם אם לא הכול אומץ."),
        ("david@example.org", 5, 5, "Clear responses, on time."),
        ("rana@example.org", 4, 3, ""),
        ("anna@example.org", 5, 4, ""),
        ("yossi@example.org", 2, 4, "ההצעה שלי לא אומצה, אבל לפחות הוסבר למה."),
        ("zsofia@example.org", 4, 5, ""),
    ],
)

UPCOMING = DemoConsultation(
    slug="il9031-comment-periods",
    agency="prime-ministers-office",
    commitment="IL9031",
    opens=days(7),
    lasts=days(30),
    texts={
        "he": {
            "title": "טיוטת נוהל: תקופות הערות לטיוטות תקנות",
            "introduction": "טיוטת הנוהל שתקבע כיצד ולכמה זמן יתפרסמו טיוטות תקנות להערות "
            "הציבור. ההיוועצות תיפתח בשבוע הבא.",
        },
        "en": {
            "title": "Draft procedure: comment periods for draft regulations",
            "introduction": "The draft procedure setting how, and for how long, draft "
            "regulations are published for public comment. The consultation opens next week.",
        },
        "lv": {"title": "Procedūras projekts: komentēšanas termiņi noteikumu projektiem"},
        "hu": {"title": "Eljárástervezet: véleményezési határidők a rendelettervezetekhez"},
    },
    sections=[
        {
            "he": {
                "heading": "משך תקופת ההערות",
                "body": "כל טיוטת תקנות תתפרסם להערות הציבור למשך 30 יום לפחות.",
            },
            "en": {
                "heading": "How long comments are taken",
                "body": "Every draft regulation is open for public comment for at least 30 days.",
            },
        },
        {
            "he": {
                "heading": "פרסום המענה",
                "body": "המענה המנומק לכל הערה יתפרסם לפחות 14 יום לפני חתימת התקנות.",
            },
            "en": {
                "heading": "Publishing the response",
                "body": "The reasoned response to every comment is published at least 14 days "
                "before the regulation is signed.",
            },
        },
    ],
)

CONSULTATIONS = (CLOSED, OPEN, UPCOMING)
