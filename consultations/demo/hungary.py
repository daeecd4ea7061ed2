"""Demo plan in the style of Hungary's second national action plan (2015–2017), our own text.

Closed: Hungary left the partnership in December 2016, so HU9009 was withdrawn and the last
updates date from autumn 2016.
"""

from __future__ import annotations

from datetime import date

from ..plans.models import AssessedCompletion as Assessed
from ..plans.models import Completion as Status
from ..plans.models import MilestoneStatus as M
from ..plans.models import OpenedGovernment as Opened
from ..plans.models import PlanStatus
from .plans import DemoAssessment, DemoCommitment, DemoMilestone, DemoPlan, DemoUpdate

AGENCIES = {
    "hu-ministry-of-justice": {
        "hu": "Igazságügyi Minisztérium",
        "en": "Ministry of Justice (Hungary)",
        "he": "משרד המשפטים (הונגריה)",
        "lv": "Tieslietu ministrija (Ungārija)",
    },
    "ministry-for-national-economy": {
        "hu": "Nemzetgazdasági Minisztérium",
        "en": "Ministry for National Economy (Hungary)",
        "he": "המשרד לכלכלה לאומית (הונגריה)",
        "lv": "Tautsaimniecības ministrija (Ungārija)",
    },
    "public-procurement-authority": {
        "hu": "Közbeszerzési Hatóság",
        "en": "Public Procurement Authority (Hungary)",
        "he": "רשות הרכש הציבורי (הונגריה)",
        "lv": "Publisko iepirkumu iestāde (Ungārija)",
    },
    "public-service-university": {
        "hu": "Nemzeti Közszolgálati Egyetem",
        "en": "National University of Public Service (Hungary)",
        "he": "האוניברסיטה הלאומית לשירות הציבורי (הונגריה)",
        "lv": "Nacionālā valsts dienesta universitāte (Ungārija)",
    },
}

FISCAL_DATA = DemoCommitment(
    reference="HU9006",
    lead="ministry-for-national-economy",
    start=date(2015, 9, 1),
    end=date(2017, 6, 30),
    values=frozenset({"access_to_information", "public_accountability"}),
    texts={
        "hu": {
            "title": "A költségvetési adatok nyilvánossága",
            "problem": "A központi költségvetés végrehajtásának adatai nehezen értelmezhető, "
            "géppel nem olvasható táblázatokban jelennek meg, ezért az állampolgárok és a "
            "sajtó alig tudja követni, mire költ az állam.",
            "objective": "A költségvetés végrehajtásának adatai havonta, géppel olvasható "
            "formában és közérthető magyarázattal legyenek elérhetők.",
            "description": "A minisztérium havonta nyílt formátumban közzéteszi a fejezetenkénti "
            "kiadási és bevételi adatokat, elkészíti az állampolgári költségvetést (a "
            "költségvetés közérthető összefoglalóját), és online felületet indít az adatok "
            "böngészésére.",
            "other_actors": "Magyar Államkincstár; Állami Számvevőszék; a költségvetési "
            "átláthatósággal foglalkozó civil szervezetek",
        },
        "en": {
            "title": "Publicity of fiscal data",
            "problem": "Data on how the central budget is executed appears in hard-to-read "
            "tables that machines cannot read, so citizens and the press can hardly follow "
            "what the state spends its money on.",
            "objective": "Make budget execution data available every month, in a "
            "machine-readable format with a plain explanation.",
            "description": "The ministry will publish monthly spending and revenue data by "
            "budget chapter in an open format, produce a citizens' budget (a plain summary of "
            "the budget) and launch an online tool for browsing the data.",
            "other_actors": "Hungarian State Treasury; State Audit Office; civil-society "
            "organisations working on budget transparency",
        },
    },
    milestones=(
        DemoMilestone(
            date(2015, 9, 1),
            date(2016, 3, 31),
            {
                "hu": "Havi költségvetés-végrehajtási adatok nyílt formátumban",
                "en": "Monthly budget execution data in an open format",
            },
        ),
        DemoMilestone(
            date(2016, 1, 1),
            date(2016, 9, 30),
            {
                "hu": "Megjelenik az első állampolgári költségvetés",
                "en": "First citizens' budget published",
            },
        ),
        DemoMilestone(
            date(2016, 6, 1),
            date(2017, 6, 30),
            {
                "hu": "Online felület a költségvetési adatok böngészésére",
                "en": "Online tool for browsing budget data",
            },
        ),
    ),
    updates=(
        DemoUpdate(
            date(2016, 2, 10),
            Status.LIMITED,
            25,
            {
                "hu": "A Magyar Államkincstárral egyeztettük az adatszerkezetet; a januári "
                "adatok már CSV formátumban is letölthetők.",
                "en": "The data structure was agreed with the State Treasury; January's data "
                "can already be downloaded as CSV.",
            },
            {1: M.IN_PROGRESS},
        ),
        DemoUpdate(
            date(2016, 6, 15),
            Status.SUBSTANTIAL,
            55,
            {
                "hu": "A havi adatok rendszeresen, nyílt formátumban jelennek meg. Az "
                "állampolgári költségvetés szövege elkészült.",
                "en": "Monthly data now appears regularly in an open format. The text of the "
                "citizens' budget is ready.",
            },
            {1: M.COMPLETE, 2: M.IN_PROGRESS},
            ("https://koltsegvetes.example.gov.hu/adatok",),
        ),
        DemoUpdate(
            date(2016, 11, 7),
            Status.SUBSTANTIAL,
            70,
            {
                "hu": "Megjelent az első állampolgári költségvetés. Az online felület "
                "fejlesztése folyamatban van.",
                "en": "The first citizens' budget is out. The online tool is being built.",
            },
            {2: M.COMPLETE, 3: M.IN_PROGRESS},
            ("https://koltsegvetes.example.gov.hu/allampolgari-koltsegvetes-2017.pdf",),
        ),
    ),
    assessments=(
        DemoAssessment(
            date(2017, 2, 20),
            Assessed.SUBSTANTIAL,
            Opened.MARGINAL,
            {
                "hu": "A havi adatok valóban elérhetők, de a fejezeteken belüli részletezés "
                "hiányzik, így a konkrét programok költései továbbra sem követhetők.",
                "en": "The monthly data is indeed available, but without detail below the "
                "chapter level, so spending on specific programmes still cannot be followed.",
            },
            ("https://civilatlathatosag.example.org/elemzesek/koltsegvetes",),
        ),
    ),
)

PROCUREMENT = DemoCommitment(
    reference="HU9007",
    lead="public-procurement-authority",
    start=date(2015, 9, 1),
    end=date(2017, 3, 31),
    values=frozenset({"access_to_information", "public_accountability", "technology"}),
    texts={
        "hu": {
            "title": "Kereshető közbeszerzési adatok",
            "problem": "A közbeszerzési hirdetmények és szerződések különböző felületeken, "
            "nehezen kereshető formában érhetők el, így nem lehet egyszerűen megnézni, melyik "
            "ajánlatkérő kivel és mennyiért szerződött.",
            "objective": "A közbeszerzési eljárások, szerződések és szerződésmódosítások "
            "adatai egyetlen, szabadon kereshető és letölthető adatbázisban legyenek "
            "elérhetők.",
            "description": "A Közbeszerzési Hatóság továbbfejleszti a Közbeszerzési "
            "Adatbázist: bevezeti az ajánlatkérő, a nyertes, az érték és a CPV-kód szerinti "
            "keresést, a tömeges letöltést és a szerződésmódosítások adatainak közzétételét.",
            "other_actors": "Miniszterelnökség; ajánlatkérők; oknyomozó újságírók és "
            "átláthatósági civil szervezetek",
        },
        "en": {
            "title": "Searchable public procurement data",
            "problem": "Procurement notices and contracts are scattered across separate sites "
            "in a form that is hard to search, so one cannot easily see which contracting "
            "authority signed with whom and for how much.",
            "objective": "Make data on procurement procedures, contracts and contract "
            "amendments available in one freely searchable, downloadable database.",
            "description": "The Public Procurement Authority will improve the Public "
            "Procurement Database with search by contracting authority, winner, value and CPV "
            "code, bulk download and the publication of contract amendments.",
            "other_actors": "Prime Minister's Office; contracting authorities; investigative "
            "journalists and transparency NGOs",
        },
    },
    milestones=(
        DemoMilestone(
            date(2015, 9, 1),
            date(2016, 6, 30),
            {
                "hu": "Keresés ajánlatkérő, nyertes, érték és CPV-kód szerint",
                "en": "Search by contracting authority, winner, value and CPV code",
            },
        ),
        DemoMilestone(
            date(2016, 3, 1),
            date(2016, 12, 31),
            {
                "hu": "Tömeges letöltés géppel olvasható formátumban",
                "en": "Bulk download in a machine-readable format",
            },
        ),
        DemoMilestone(
            date(2016, 6, 1),
            date(2017, 3, 31),
            {
                "hu": "A szerződésmódosítások adatainak közzététele",
                "en": "Data on contract amendments published",
            },
        ),
    ),
    updates=(
        DemoUpdate(
            date(2016, 1, 20),
            Status.LIMITED,
            20,
            {
                "hu": "Elkészült a keresőfelület specifikációja; a fejlesztő kiválasztása "
                "folyamatban van.",
                "en": "The search specification is ready; a developer is being selected.",
            },
            {1: M.IN_PROGRESS},
        ),
        DemoUpdate(
            date(2016, 7, 12),
            Status.SUBSTANTIAL,
            50,
            {
                "hu": "Az új kereső működik: ajánlatkérő, nyertes, érték és CPV-kód szerint is "
                "lehet keresni.",
                "en": "The new search works: one can search by contracting authority, winner, "
                "value and CPV code.",
            },
            {1: M.COMPLETE, 2: M.IN_PROGRESS},
            ("https://kozbeszerzes.example.gov.hu/adatbazis/kereses",),
        ),
        DemoUpdate(
            date(2016, 11, 28),
            Status.SUBSTANTIAL,
            60,
            {
                "hu": "A tömeges letöltés tesztelése késik. A szerződésmódosítások "
                "közzétételéhez jogszabály-módosítás szükséges.",
                "en": "Testing of bulk download is delayed. Publishing contract amendments "
                "needs a change in the law.",
            },
            {2: M.IN_PROGRESS, 3: M.NOT_STARTED},
        ),
    ),
    assessments=(
        DemoAssessment(
            date(2017, 3, 15),
            Assessed.LIMITED,
            Opened.MARGINAL,
            {
                "hu": "A kereső javult, de tömeges letöltés nincs, a szerződésmódosítások nem "
                "nyilvánosak, és a szerződések szövege sokszor hiányzik. Érdemi előrelépést "
                "csak a keresésben látunk.",
                "en": "Search has improved, but there is no bulk download, contract amendments "
                "are not public and contract texts are often missing. We see real progress "
                "only in search.",
            },
            ("https://civilatlathatosag.example.org/elemzesek/kozbeszerzes",),
        ),
    ),
)

DISCLOSURE = DemoCommitment(
    reference="HU9008",
    lead="county-office",
    start=date(2015, 10, 1),
    end=date(2017, 6, 30),
    values=frozenset({"access_to_information", "public_accountability"}),
    texts={
        "hu": {
            "title": "A közzétételi kötelezettségek betartásának ellenőrzése",
            "problem": "Az információszabadságról szóló törvény előírja, hogy a közfeladatot "
            "ellátó szervek honlapjukon közzétegyék alapvető adataikat, de sokan ezt "
            "hiányosan vagy elavult adatokkal teszik, és ezt senki sem ellenőrzi rendszeresen.",
            "objective": "Rendszeresen ellenőrizni és nyilvánosan értékelni, hogy a "
            "közfeladatot ellátó szervek mennyire teljesítik közzétételi kötelezettségeiket.",
            "description": "A kormányhivatal évente mintavételes ellenőrzést végez az általános "
            "közzétételi lista elemeiről, az eredményeket szervenként nyilvánosságra hozza, és "
            "útmutatót ad a hiányosságok pótlásához.",
            "other_actors": "Nemzeti Adatvédelmi és Információszabadság Hatóság; járási "
            "hivatalok; információszabadsággal foglalkozó civil szervezetek",
        },
        "en": {
            "title": "Checking compliance with disclosure duties",
            "problem": "The freedom of information act requires bodies performing public "
            "duties to publish their basic data on their websites, but many do so "
            "incompletely or with outdated data, and no one checks this regularly.",
            "objective": "Regularly check, and publicly rate, how well bodies performing public "
            "duties meet their disclosure duties.",
            "description": "The government office will run a yearly sample check of the items "
            "on the general disclosure list, publish the results body by body and give "
            "guidance on filling the gaps.",
            "other_actors": "National Authority for Data Protection and Freedom of Information; "
            "district offices; civil-society organisations working on freedom of information",
        },
    },
    milestones=(
        DemoMilestone(
            date(2015, 10, 1),
            date(2016, 4, 30),
            {
                "hu": "Az ellenőrzési módszertan és az útmutató közzététele",
                "en": "Checking method and guidance published",
            },
        ),
        DemoMilestone(
            date(2016, 5, 1),
            date(2016, 12, 31),
            {
                "hu": "Az első éves ellenőrzés eredményei szervenként nyilvánosak",
                "en": "Results of the first yearly check published body by body",
            },
        ),
    ),
    updates=(
        DemoUpdate(
            date(2016, 4, 18),
            Status.LIMITED,
            35,
            {
                "hu": "Közzétettük az ellenőrzési módszertant és a szerveknek szóló útmutatót.",
                "en": "The checking method and the guidance for public bodies are published.",
            },
            {1: M.COMPLETE},
            ("https://kormanyhivatal.example.gov.hu/kozzetetel/utmutato.pdf",),
        ),
        DemoUpdate(
            date(2016, 10, 3),
            Status.SUBSTANTIAL,
            60,
            {
                "hu": "212 szerv honlapját ellenőriztük; az eredmények összesítése folyamatban "
                "van.",
                "en": "We have checked the websites of 212 bodies; the results are being compiled.",
            },
            {2: M.IN_PROGRESS},
        ),
    ),
    assessments=(
        DemoAssessment(
            date(2017, 2, 1),
            Assessed.SUBSTANTIAL,
            Opened.MARGINAL,
            {
                "hu": "Az ellenőrzés megtörtént, de a szervenkénti eredmények csak összesítve "
                "jelentek meg, így a lakosság nem látja, melyik hivatal mulasztott.",
                "en": "The check was carried out, but the results were published only in "
                "aggregate, so residents cannot see which office fell short.",
            },
        ),
    ),
)

INTEGRITY = DemoCommitment(
    reference="HU9009",
    lead="public-service-university",
    start=date(2015, 9, 1),
    end=date(2017, 6, 30),
    values=frozenset({"public_accountability"}),
    texts={
        "hu": {
            "title": "Integritás a közszférában",
            "problem": "Kevés közigazgatási szerv méri fel az integritási kockázatait, és az "
            "integritási tanácsadók munkája szervenként nagyon eltérő.",
            "objective": "Minden minisztériumban és kormányhivatalban legyen képzett "
            "integritási tanácsadó és évente felülvizsgált integritási kockázatelemzés.",
            "description": "Az egyetem képzési programot indít az integritási tanácsadóknak, "
            "módszertant dolgoz ki a kockázatelemzéshez, és évente közzéteszi a szervek "
            "integritásjelentéseinek összefoglalóját.",
            "other_actors": "Belügyminisztérium; a minisztériumok és kormányhivatalok "
            "integritási tanácsadói; Állami Számvevőszék",
        },
        "en": {
            "title": "Integrity in the public sector",
            "problem": "Few public administration bodies assess their integrity risks, and the "
            "work of integrity advisers varies widely from body to body.",
            "objective": "Have a trained integrity adviser and a yearly reviewed integrity risk "
            "analysis in every ministry and government office.",
            "description": "The university will launch a training programme for integrity "
            "advisers, develop a method for risk analysis and publish a yearly summary of the "
            "bodies' integrity reports.",
            "other_actors": "Ministry of Interior; integrity advisers of ministries and "
            "government offices; State Audit Office",
        },
    },
    milestones=(
        DemoMilestone(
            date(2015, 9, 1),
            date(2016, 6, 30),
            {
                "hu": "Elindul az integritási tanácsadók képzési programja",
                "en": "Training programme for integrity advisers launched",
            },
        ),
        DemoMilestone(
            date(2016, 1, 1),
            date(2016, 12, 31),
            {
                "hu": "A kockázatelemzési módszertan közzététele",
                "en": "Risk-analysis method published",
            },
        ),
        DemoMilestone(
            date(2016, 9, 1),
            date(2017, 6, 30),
            {
                "hu": "Az integritásjelentések éves összefoglalójának közzététele",
                "en": "Yearly summary of integrity reports published",
            },
        ),
    ),
    updates=(
        DemoUpdate(
            date(2016, 3, 1),
            Status.LIMITED,
            30,
            {
                "hu": "A képzési program tananyaga elkészült; az első csoport áprilisban indul.",
                "en": "The training materials are ready; the first group starts in April.",
            },
            {1: M.IN_PROGRESS},
        ),
        DemoUpdate(
            date(2016, 8, 22),
            Status.SUBSTANTIAL,
            50,
            {
                "hu": "64 integritási tanácsadó végezte el a képzést. A módszertan tervezete "
                "véleményezés alatt áll.",
                "en": "64 integrity advisers have completed the training. The draft method is "
                "out for comment.",
            },
            {1: M.COMPLETE, 2: M.IN_PROGRESS},
            ("https://integritas.example.uni-nke.hu/kepzes",),
        ),
        DemoUpdate(
            date(2016, 12, 12),
            Status.WITHDRAWN,
            50,
            {
                "hu": "Magyarország kilépett a Nyílt Kormányzati Együttműködésből, ezért a "
                "vállalást a cselekvési terv keretében nem folytatjuk. A képzési program az "
                "egyetem saját forrásából tovább működik.",
                "en": "Hungary has left the Open Government Partnership, so the commitment will "
                "not continue under the action plan. The training programme goes on with the "
                "university's own funds.",
            },
            {2: M.WITHDRAWN, 3: M.WITHDRAWN},
        ),
    ),
    assessments=(
        DemoAssessment(
            date(2017, 3, 1),
            Assessed.LIMITED,
            Opened.MARGINAL,
            {
                "hu": "A képzés hasznos volt, de a kockázatelemzések és az összefoglaló nem "
                "készültek el, így a nyilvánosság semmit sem tud meg a szervek integritásáról.",
                "en": "The training was useful, but the risk analyses and the summary were never "
                "produced, so the public learns nothing about the bodies' integrity.",
            },
        ),
    ),
)

LOCAL_GOVERNMENT = DemoCommitment(
    reference="HU9010",
    lead="county-office",
    start=date(2015, 10, 1),
    end=date(2017, 6, 30),
    values=frozenset({"access_to_information", "civic_participation", "technology"}),
    texts={
        "hu": {
            "title": "Önkormányzati információszabadság: mintahonlap a kistelepüléseknek",
            "problem": "A kistelepülési önkormányzatok többségének nincs kapacitása a kötelező "
            "adatok közzétételére: honlapjuk hiányos, a testületi ülések jegyzőkönyvei "
            "gyakran csak papíron érhetők el.",
            "objective": "Ingyenes mintahonlapot és adatfeltöltési segítséget adni a megye "
            "kistelepüléseinek, hogy a kötelező adatok és a testületi döntések mindenhol "
            "elérhetők legyenek.",
            "description": "A kormányhivatal a közös önkormányzati hivatalokkal együtt "
            "mintahonlapot fejleszt, amely tartalmazza a közzétételi lista elemeit és a "
            "testületi jegyzőkönyveket, majd képzést tart a jegyzőknek és a hivatali "
            "dolgozóknak.",
            "other_actors": "Települési önkormányzatok; közös önkormányzati hivatalok; megyei "
            "önkormányzat; helyi civil szervezetek",
        },
        "en": {
            "title": "Local-government freedom of information: a model website for small "
            "municipalities",
            "problem": "Most small municipalities lack the capacity to publish mandatory data: "
            "their websites are incomplete, and council minutes are often only on paper.",
            "objective": "Give the county's small municipalities a free model website and help "
            "with uploading data, so mandatory data and council decisions are available "
            "everywhere.",
            "description": "With the joint municipal offices, the government office will build "
            "a model website that holds the disclosure list items and council minutes, then "
            "train town clerks and office staff.",
            "other_actors": "Municipalities; joint municipal offices; county self-government; "
            "local civil-society organisations",
        },
    },
    milestones=(
        DemoMilestone(
            date(2015, 10, 1),
            date(2016, 5, 31),
            {
                "hu": "Elkészül a mintahonlap, és tíz településen próbaüzemben működik",
                "en": "Model website built and piloted in ten municipalities",
            },
        ),
        DemoMilestone(
            date(2016, 6, 1),
            date(2017, 3, 31),
            {
                "hu": "A megye kistelepüléseinek legalább fele a mintahonlapot használja",
                "en": "At least half of the county's small municipalities use the model website",
            },
        ),
        DemoMilestone(
            date(2016, 6, 1),
            date(2016, 12, 31),
            {
                "hu": "Képzés a jegyzőknek és a hivatali dolgozóknak",
                "en": "Training for town clerks and office staff",
            },
        ),
    ),
    updates=(
        DemoUpdate(
            date(2016, 5, 30),
            Status.SUBSTANTIAL,
            40,
            {
                "hu": "A mintahonlap elkészült, és tíz településen működik. A képzések "
                "szervezése megkezdődött.",
                "en": "The model website is ready and running in ten municipalities. "
                "Organising the training has begun.",
            },
            {1: M.COMPLETE, 3: M.IN_PROGRESS},
            ("https://mintahonlap.example.gov.hu/",),
        ),
        DemoUpdate(
            date(2016, 11, 15),
            Status.SUBSTANTIAL,
            65,
            {
                "hu": "A képzéseken 87 jegyző és hivatali dolgozó vett részt. A mintahonlapot "
                "41 település használja.",
                "en": "87 town clerks and office staff took part in the training. 41 "
                "municipalities use the model website.",
            },
            {2: M.IN_PROGRESS, 3: M.COMPLETE},
        ),
    ),
    assessments=(
        DemoAssessment(
            date(2017, 2, 14),
            Assessed.SUBSTANTIAL,
            Opened.MAJOR,
            {
                "hu": "A mintahonlapot használó településeken először váltak elérhetővé a "
                "testületi jegyzőkönyvek. Ez a helyi nyilvánosság jelentős javulása.",
                "en": "In the municipalities using the model website, council minutes became "
                "available for the first time — a major improvement in local openness.",
            },
        ),
    ),
)

CONSULTATION = DemoCommitment(
    reference="HU9011",
    lead="hu-ministry-of-justice",
    start=date(2015, 7, 1),
    end=date(2017, 6, 30),
    values=frozenset({"civic_participation", "access_to_information"}),
    texts={
        "hu": {
            "title": "A jogszabálytervezetek társadalmi egyeztetése",
            "problem": "A jogszabálytervezetek jelentős része társadalmi egyeztetés nélkül, "
            "egyéni képviselői indítványként kerül az Országgyűlés elé, és az egyeztetésre "
            "bocsátott tervezetek véleményezésére gyakran csak néhány nap jut.",
            "objective": "A kormány által készített jogszabálytervezetek érdemi, legalább "
            "nyolcnapos társadalmi egyeztetésen menjenek át, és a beérkezett észrevételekről "
            "összefoglaló készüljön.",
            "description": "A minisztérium egységes felületen teszi közzé a tervezeteket, "
            "figyelemmel kíséri a véleményezési határidők betartását, és nyilvánosságra hozza "
            "a beérkezett észrevételek összefoglalóját az indokolt válasszal együtt.",
            "other_actors": "Minisztériumok; Miniszterelnökség; szakmai kamarák; civil szervezetek",
        },
        "en": {
            "title": "Public consultation on draft legislation",
            "problem": "Much draft legislation reaches Parliament as private members' bills "
            "without public consultation, and drafts that are put out for comment often allow "
            "only a few days to respond.",
            "objective": "Put the government's draft legislation through a meaningful public "
            "consultation of at least eight days, with a summary of the comments received.",
            "description": "The ministry will publish drafts on one site, monitor whether "
            "comment deadlines are kept and publish a summary of the comments received "
            "together with its reasoned response.",
            "other_actors": "Ministries; Prime Minister's Office; professional chambers; "
            "civil-society organisations",
        },
    },
    milestones=(
        DemoMilestone(
            date(2015, 7, 1),
            date(2016, 3, 31),
            {
                "hu": "Egységes felület a véleményezésre bocsátott tervezeteknek",
                "en": "One site for drafts open for comment",
            },
        ),
        DemoMilestone(
            date(2016, 1, 1),
            date(2016, 12, 31),
            {
                "hu": "Éves jelentés a véleményezési határidők betartásáról",
                "en": "Yearly report on whether comment deadlines were kept",
            },
        ),
    ),
    updates=(
        DemoUpdate(
            date(2016, 2, 8),
            Status.LIMITED,
            30,
            {
                "hu": "Az egységes felület próbaüzemben működik; a minisztériumok fele már "
                "ott teszi közzé tervezeteit.",
                "en": "The common site is in trial operation; half of the ministries already "
                "publish their drafts there.",
            },
            {1: M.IN_PROGRESS},
        ),
        DemoUpdate(
            date(2016, 9, 19),
            Status.LIMITED,
            45,
            {
                "hu": "A tervezetek egységes felületen érhetők el, de a tervezetek harmadánál "
                "nyolc napnál rövidebb volt a véleményezési határidő.",
                "en": "Drafts are available on one site, but a third of them had a comment "
                "period shorter than eight days.",
            },
            {1: M.COMPLETE, 2: M.IN_PROGRESS},
            ("https://jogszabalytervezetek.example.gov.hu/",),
        ),
    ),
    assessments=(
        DemoAssessment(
            date(2017, 1, 30),
            Assessed.LIMITED,
            Opened.DID_NOT_CHANGE,
            {
                "hu": "A felület létezik, de a fontos törvények továbbra is egyéni képviselői "
                "indítványként, egyeztetés nélkül születnek. A gyakorlat nem változott.",
                "en": "The site exists, but important laws are still passed as private "
                "members' bills without consultation. Practice has not changed.",
            },
        ),
    ),
)

PLAN = DemoPlan(
    slug="hu-2015-2017",
    country="HU",
    number=2,
    period_start=date(2015, 7, 1),
    period_end=date(2017, 6, 30),
    coordinating_agency="hu-ministry-of-justice",
    coordinator="koordinator@example.org",
    monitor="monitor@example.org",
    status=PlanStatus.CLOSED,
    language="hu",
    texts={
        "hu": {
            "title": "Magyarország második nemzeti cselekvési terve a nyílt kormányzásért "
            "2015–2017",
            "summary": "A Nyílt Kormányzati Együttműködés keretében készült második cselekvési "
            "terv, amelyet az Igazságügyi Minisztérium koordinált. Fő témái a költségvetési "
            "adatok nyilvánossága, a kereshető közbeszerzési adatok, a közzétételi "
            "kötelezettségek betartása, a közszféra integritása és az önkormányzati "
            "információszabadság. Magyarország 2016 decemberében kilépett az "
            "együttműködésből, így a terv végrehajtása lezárult.",
        },
        "en": {
            "title": "Hungary's second national action plan for open government 2015–2017",
            "summary": "The second action plan under the Open Government Partnership, "
            "coordinated by the Ministry of Justice. Its themes are the publicity of fiscal "
            "data, searchable procurement data, compliance with disclosure duties, integrity in "
            "the public sector and freedom of information in local government. Hungary left "
            "the partnership in December 2016, which closed the plan's implementation.",
        },
    },
    commitments=(FISCAL_DATA, PROCUREMENT, DISCLOSURE, INTEGRITY, LOCAL_GOVERNMENT, CONSULTATION),
)
