"""Demo plan in the style of Israel's third national action plan (2017–2019), our own text.

Closed after its end-of-term reports; IL9025 is where the coordinator and the monitor disagree.
`DRAFT_PLAN` is the next plan, still being drafted (IL9030–IL9031, no reports yet).
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
    "freedom-of-information-unit": {
        "he": "היחידה הממשלתית לחופש המידע",
        "en": "Government Freedom of Information Unit",
        "lv": "Valdības Informācijas atklātības nodaļa (Izraēla)",
        "hu": "Kormányzati Információszabadság Egység (Izrael)",
    },
    "prime-ministers-office": {
        "he": "משרד ראש הממשלה",
        "en": "Prime Minister's Office (Israel)",
        "lv": "Ministru prezidenta birojs (Izraēla)",
        "hu": "Miniszterelnöki Hivatal (Izrael)",
    },
    "il-ministry-of-justice": {
        "he": "משרד המשפטים",
        "en": "Ministry of Justice (Israel)",
        "lv": "Tieslietu ministrija (Izraēla)",
        "hu": "Igazságügyi Minisztérium (Izrael)",
    },
    "central-bureau-of-statistics": {
        "he": "הלשכה המרכזית לסטטיסטיקה",
        "en": "Central Bureau of Statistics (Israel)",
        "lv": "Centrālais statistikas birojs (Izraēla)",
        "hu": "Központi Statisztikai Hivatal (Izrael)",
    },
}

FOI = DemoCommitment(
    reference="IL9024",
    lead="freedom-of-information-unit",
    start=date(2017, 9, 1),
    end=date(2019, 6, 30),
    values=frozenset({"access_to_information", "technology"}),
    texts={
        "he": {
            "title": "מערכת מקוונת לבקשות חופש מידע ופרסום התשובות",
            "problem": "בקשות לפי חוק חופש המידע מוגשות בכל משרד בדרך אחרת, והמבקשים אינם "
            "יודעים מה מצב בקשתם. תשובות שכבר ניתנו אינן מתפרסמות, ולכן אותו מידע מתבקש "
            "שוב ושוב.",
            "objective": "לאפשר לכל אדם להגיש בקשת חופש מידע לכל משרד ממשלתי במקום אחד, "
            "לעקוב אחר הטיפול בה ולעיין בתשובות שניתנו לאחרים.",
            "description": "הקמת מערכת מקוונת אחידה להגשת בקשות ולמעקב אחריהן, פרסום "
            "התשובות והמסמכים שנמסרו (בכפוף להגנת הפרטיות), ופרסום דוח שנתי על זמני המענה "
            "של כל משרד.",
            "other_actors": "רשות התקשוב הממשלתית; הממונים על חופש המידע במשרדי הממשלה; "
            "ארגוני חברה אזרחית העוסקים בשקיפות",
        },
        "en": {
            "title": "An online system for freedom-of-information requests and their answers",
            "problem": "Requests under the Freedom of Information Law are filed differently at "
            "each ministry, and requesters cannot see where their request stands. Answers "
            "already given are not published, so the same information is requested again "
            "and again.",
            "objective": "Let anyone file a freedom-of-information request with any ministry "
            "in one place, follow its handling and read the answers given to others.",
            "description": "Build one online system for filing and tracking requests, publish "
            "the answers and the documents released (subject to privacy protection), and "
            "publish a yearly report on each ministry's response times.",
            "other_actors": "Government ICT Authority; freedom-of-information officers in the "
            "ministries; civil-society organisations working on transparency",
        },
    },
    milestones=(
        DemoMilestone(
            date(2017, 9, 1),
            date(2018, 3, 31),
            {
                "he": "אפיון המערכת בשיתוף הממונים על חופש המידע ונציגי החברה האזרחית",
                "en": "System specification agreed with freedom-of-information officers and "
                "civil-society representatives",
            },
        ),
        DemoMilestone(
            date(2018, 4, 1),
            date(2018, 12, 31),
            {"he": "המערכת פועלת בכל משרדי הממשלה", "en": "The system in use at every ministry"},
        ),
        DemoMilestone(
            date(2018, 6, 1),
            date(2019, 6, 30),
            {
                "he": "פרסום התשובות ודוח שנתי על זמני המענה",
                "en": "Answers and a yearly report on response times published",
            },
        ),
    ),
    updates=(
        DemoUpdate(
            date(2018, 1, 15),
            Status.LIMITED,
            15,
            {
                "he": "החל אפיון המערכת. נערכו שתי פגישות עם הממונים על חופש המידע ועם "
                "ארגוני שקיפות.",
                "en": "Specification work has started, with two meetings held with "
                "freedom-of-information officers and transparency organisations.",
            },
            {1: M.IN_PROGRESS},
        ),
        DemoUpdate(
            date(2018, 5, 20),
            Status.LIMITED,
            35,
            {
                "he": "האפיון הושלם ופורסם. שלב הפיתוח החל, ושלושה משרדים ישמשו כפיילוט.",
                "en": "The specification is complete and published. Development has begun, "
                "with three ministries as the pilot.",
            },
            {1: M.COMPLETE, 2: M.IN_PROGRESS},
            ("https://foi.example.gov.il/docs/specification-2018.pdf",),
        ),
        DemoUpdate(
            date(2018, 12, 10),
            Status.SUBSTANTIAL,
            70,
            {
                "he": "המערכת פועלת ב-28 משרדים ויחידות סמך, והתקבלו בה כ-1,900 בקשות.",
                "en": "The system is live at 28 ministries and agencies and has received about "
                "1,900 requests.",
            },
            {2: M.COMPLETE, 3: M.IN_PROGRESS},
            ("https://foi.example.gov.il/requests",),
        ),
        DemoUpdate(
            date(2019, 6, 25),
            Status.COMPLETE,
            100,
            {
                "he": "פורסם הדוח השנתי הראשון על זמני המענה, והתשובות לבקשות מתפרסמות "
                "במערכת באופן שוטף.",
                "en": "The first yearly report on response times is out, and answers are "
                "published in the system as they are given.",
            },
            {3: M.COMPLETE},
            (
                "https://foi.example.gov.il/reports/annual-2018",
                "https://foi.example.gov.il/answers",
            ),
        ),
    ),
    assessments=(
        DemoAssessment(
            date(2019, 9, 15),
            Assessed.COMPLETE,
            Opened.MAJOR,
            {
                "he": "המערכת פועלת בכל משרדי הממשלה והתשובות מתפרסמות בה. זהו שינוי של ממש "
                "ביכולת הציבור לקבל מידע, אף שחלק מהמשרדים עדיין עונים באיחור.",
                "en": "The system works across government and answers are published in it — "
                "a real change in the public's ability to get information, although some "
                "ministries still answer late.",
            },
            ("https://shkifut.example.org.il/reports/foi-2019",),
        ),
    ),
)

RESOLUTIONS = DemoCommitment(
    reference="IL9025",
    lead="prime-ministers-office",
    start=date(2017, 7, 1),
    end=date(2019, 6, 30),
    values=frozenset({"access_to_information", "public_accountability"}),
    texts={
        "he": {
            "title": "פרסום המעקב אחר יישום החלטות הממשלה",
            "problem": "הממשלה מקבלת מאות החלטות בשנה, אך הציבור אינו יכול לדעת אילו מהן "
            "יושמו, אילו נתקעו ומי אחראי לכך.",
            "objective": "לפרסם לציבור באופן שוטף את מצב היישום של החלטות הממשלה ואת הגורם "
            "האחראי לכל אחת מהן.",
            "description": "משרד ראש הממשלה יפרסם דוח מעקב שנתי ולוח מקוון שיציג לכל החלטה את "
            "סטטוס היישום, את המשרד האחראי ואת לוח הזמנים. הנתונים יתפרסמו גם כמידע פתוח.",
            "other_actors": "משרדי הממשלה; רשות התקשוב הממשלתית; מכוני מחקר וארגוני חברה אזרחית",
        },
        "en": {
            "title": "Publishing how government resolutions are implemented",
            "problem": "The government adopts hundreds of resolutions a year, but the public "
            "cannot tell which were carried out, which stalled and who is responsible.",
            "objective": "Publish, on a regular basis, where each government resolution stands "
            "and which body is responsible for it.",
            "description": "The Prime Minister's Office will publish a yearly monitoring report "
            "and an online dashboard showing, for each resolution, its implementation status, "
            "the responsible ministry and the timetable. The data will also be released as "
            "open data.",
            "other_actors": "Government ministries; Government ICT Authority; research "
            "institutes and civil-society organisations",
        },
    },
    milestones=(
        DemoMilestone(
            date(2017, 7, 1),
            date(2018, 2, 28),
            {
                "he": "פרסום דוח המעקב השנתי הראשון על יישום החלטות הממשלה",
                "en": "First yearly report on the implementation of government resolutions "
                "published",
            },
        ),
        DemoMilestone(
            date(2018, 3, 1),
            date(2018, 12, 31),
            {
                "he": "השקת לוח מקוון המציג את סטטוס היישום של כל החלטה",
                "en": "Online dashboard showing each resolution's implementation status launched",
            },
        ),
        DemoMilestone(
            date(2018, 9, 1),
            date(2019, 6, 30),
            {
                "he": "פרסום נתוני המעקב כמידע פתוח המתעדכן פעמיים בשנה",
                "en": "Monitoring data released as open data, refreshed twice a year",
            },
        ),
    ),
    updates=(
        DemoUpdate(
            date(2018, 3, 5),
            Status.LIMITED,
            30,
            {
                "he": "דוח המעקב הראשון פורסם, והוא מכסה 312 החלטות שהתקבלו בשנת 2016.",
                "en": "The first monitoring report is out, covering 312 resolutions adopted "
                "in 2016.",
            },
            {1: M.COMPLETE, 2: M.IN_PROGRESS},
            ("https://www.example.gov.il/pmo/resolutions-report-2017.pdf",),
        ),
        DemoUpdate(
            date(2018, 11, 18),
            Status.SUBSTANTIAL,
            65,
            {
                "he": "הלוח המקוון עלה לאוויר, ובו סטטוס היישום של החלטות השנים 2016–2018.",
                "en": "The online dashboard is live, with the implementation status of the "
                "resolutions of 2016–2018.",
            },
            {2: M.COMPLETE, 3: M.IN_PROGRESS},
            ("https://resolutions.example.gov.il/",),
        ),
        DemoUpdate(
            date(2019, 6, 20),
            Status.COMPLETE,
            100,
            {
                "he": "נתוני המעקב פורסמו כמידע פתוח. ההתחייבות הושלמה.",
                "en": "The monitoring data has been released as open data. The commitment "
                "is complete.",
            },
            {3: M.COMPLETE},
            ("https://data.example.gov.il/dataset/government-resolutions-status",),
        ),
    ),
    assessments=(
        DemoAssessment(
            date(2019, 9, 30),
            Assessed.LIMITED,
            Opened.MARGINAL,
            {
                "he": "הלוח המקוון קיים, אך רק לכ-40% מההחלטות מופיע בו סטטוס עדכני, וקובץ "
                "המידע הפתוח לא עודכן מאז פרסומו. לא ניתן לומר שההתחייבות הושלמה.",
                "en": "The dashboard exists, but only about 40% of resolutions show a current "
                "status, and the open-data file has not been refreshed since it first "
                "appeared. The commitment cannot be called complete.",
            },
            (
                "https://shkifut.example.org.il/reports/resolutions-2019",
                "https://data.example.gov.il/dataset/government-resolutions-status",
            ),
        ),
    ),
)

LEGISLATION = DemoCommitment(
    reference="IL9026",
    lead="il-ministry-of-justice",
    start=date(2017, 10, 1),
    end=date(2019, 6, 30),
    values=frozenset({"access_to_information", "civic_participation"}),
    texts={
        "he": {
            "title": "שקיפות בהליך החקיקה הממשלתי",
            "problem": "תזכירי חוק מתפרסמים להערות הציבור באתרים שונים, וההערות שהוגשו "
            "עליהם אינן מתפרסמות. הציבור אינו יודע אם הערותיו נשקלו.",
            "objective": "לרכז את כל תזכירי החוק במקום אחד, ולפרסם את ההערות שהתקבלו ואת "
            "התייחסות המשרד אליהן.",
            "description": "כל תזכיר חוק יפורסם באתר אחד עם מועד אחרון להערות. ההערות "
            "שהוגשו יפורסמו בתום התקופה, ולצד הצעת החוק שתונח על שולחן הכנסת יפורסם מסמך "
            "המסביר כיצד נשקלו.",
            "other_actors": "משרדי הממשלה; הכנסת; ארגוני חברה אזרחית",
        },
        "en": {
            "title": "Transparency in government law-making",
            "problem": "Draft bills (memoranda of law) are put out for public comment on "
            "different sites, and the comments received are not published. People do not "
            "know whether their comments were considered.",
            "objective": "Bring every memorandum of law into one place, and publish the "
            "comments received and the ministry's response to them.",
            "description": "Every memorandum will be published on one site with a comment "
            "deadline. The comments will be published once it passes, and a document "
            "explaining how they were considered will accompany the bill when it is tabled "
            "in the Knesset.",
            "other_actors": "Government ministries; the Knesset; civil-society organisations",
        },
    },
    milestones=(
        DemoMilestone(
            date(2017, 10, 1),
            date(2018, 6, 30),
            {
                "he": "כל תזכירי החוק מתפרסמים באתר אחד עם מועד אחרון להערות",
                "en": "All memoranda of law published on one site with a comment deadline",
            },
        ),
        DemoMilestone(
            date(2018, 7, 1),
            date(2019, 3, 31),
            {
                "he": "ההערות שהתקבלו על כל תזכיר מתפרסמות",
                "en": "Comments received on each memorandum published",
            },
        ),
        DemoMilestone(
            date(2018, 10, 1),
            date(2019, 6, 30),
            {
                "he": "נוהל לפרסום התייחסות המשרד להערות לצד הצעת החוק",
                "en": "A procedure for publishing the ministry's response to comments "
                "alongside the bill",
            },
        ),
    ),
    updates=(
        DemoUpdate(
            date(2018, 4, 10),
            Status.LIMITED,
            25,
            {
                "he": "תזכירים של 14 משרדים כבר מתפרסמים באתר המרכזי; שאר המשרדים יצטרפו עד "
                "סוף יוני.",
                "en": "Memoranda from 14 ministries are already published on the central "
                "site; the rest will join by the end of June.",
            },
            {1: M.IN_PROGRESS},
            ("https://www.example.gov.il/memoranda",),
        ),
        DemoUpdate(
            date(2018, 9, 2),
            Status.SUBSTANTIAL,
            50,
            {
                "he": "כל תזכירי החוק מתפרסמים באתר המרכזי. החל פרסום ההערות שהתקבלו.",
                "en": "Every memorandum of law is now published on the central site. "
                "Publishing the comments received has begun.",
            },
            {1: M.COMPLETE, 2: M.IN_PROGRESS},
        ),
        DemoUpdate(
            date(2019, 7, 8),
            Status.SUBSTANTIAL,
            75,
            {
                "he": "ההערות מתפרסמות לגבי כל התזכירים. טיוטת הנוהל לפרסום התייחסות המשרד "
                "הועברה להערות המשרדים, אך טרם אושרה.",
                "en": "Comments are published for every memorandum. The draft procedure for "
                "publishing the ministry's response has gone to the ministries for comment "
                "but is not yet approved.",
            },
            {2: M.COMPLETE},
            ("https://www.example.gov.il/memoranda/comments",),
        ),
    ),
    assessments=(
        DemoAssessment(
            date(2019, 10, 10),
            Assessed.SUBSTANTIAL,
            Opened.MARGINAL,
            {
                "he": "ריכוז התזכירים ופרסום ההערות הם צעד חשוב, אך בלי התייחסות מנומקת של "
                "המשרדים הציבור עדיין אינו יודע מה עלה בגורל הערותיו.",
                "en": "Gathering the memoranda and publishing comments is an important step, "
                "but without reasoned responses from the ministries the public still does "
                "not know what became of its comments.",
            },
        ),
    ),
)

OPEN_DATA = DemoCommitment(
    reference="IL9027",
    lead="ict-authority",
    start=date(2017, 7, 1),
    end=date(2019, 6, 30),
    values=frozenset({"access_to_information", "technology"}),
    texts={
        "he": {
            "title": "הרחבת המידע הפתוח באתר data.gov.il",
            "problem": "מאגרי מידע ממשלתיים רבים מתפרסמים כקובצי PDF או אינם מתפרסמים כלל, "
            "ולכן קשה לעשות בהם שימוש חוזר.",
            "objective": "לפרסם את המאגרים הממשלתיים המבוקשים בפורמטים פתוחים וקריאים "
            "למכונה, עם תיעוד ועדכון קבוע.",
            "description": "כל משרד ימפה את מאגרי המידע שלו ויפרסם לפחות חמישה מאגרים בעלי "
            "ערך גבוה באתר המידע הפתוח הממשלתי. יוקם ערוץ שבו הציבור יוכל לבקש מאגרים "
            "ולדרג אותם.",
            "other_actors": "משרדי הממשלה; מפתחים וחוקרים; ארגוני חברה אזרחית",
        },
        "en": {
            "title": "More open data on data.gov.il",
            "problem": "Many government databases are published as PDF files or not at all, "
            "which makes them hard to reuse.",
            "objective": "Publish the government datasets people ask for in open, "
            "machine-readable formats, documented and regularly refreshed.",
            "description": "Each ministry will map its data holdings and publish at least five "
            "high-value datasets on the government open data portal. A channel will let the "
            "public request and rate datasets.",
            "other_actors": "Government ministries; developers and researchers; civil-society "
            "organisations",
        },
    },
    milestones=(
        DemoMilestone(
            date(2017, 7, 1),
            date(2018, 3, 31),
            {
                "he": "כל משרד השלים מיפוי של מאגרי המידע שלו",
                "en": "Every ministry has mapped its data holdings",
            },
        ),
        DemoMilestone(
            date(2018, 1, 1),
            date(2019, 3, 31),
            {
                "he": "כל משרד פרסם לפחות חמישה מאגרים בעלי ערך גבוה",
                "en": "At least five high-value datasets published by each ministry",
            },
        ),
        DemoMilestone(
            date(2018, 6, 1),
            date(2018, 12, 31),
            {
                "he": "ערוץ לבקשת מאגרים ולדירוגם פתוח לציבור",
                "en": "A channel for requesting and rating datasets open to the public",
            },
        ),
    ),
    updates=(
        DemoUpdate(
            date(2017, 12, 20),
            Status.LIMITED,
            20,
            {
                "he": "23 משרדים החלו במיפוי מאגרי המידע שלהם, לפי תבנית אחידה.",
                "en": "23 ministries have started mapping their data holdings using a common "
                "template.",
            },
            {1: M.IN_PROGRESS},
        ),
        DemoUpdate(
            date(2018, 7, 15),
            Status.SUBSTANTIAL,
            55,
            {
                "he": "המיפוי הושלם. פורסמו 240 מאגרים חדשים, והחל פיתוח ערוץ הבקשות.",
                "en": "Mapping is complete. 240 new datasets are published, and work on the "
                "request channel has begun.",
            },
            {1: M.COMPLETE, 2: M.IN_PROGRESS, 3: M.IN_PROGRESS},
            ("https://data.example.gov.il/dataset?sort=new",),
        ),
        DemoUpdate(
            date(2019, 2, 1),
            Status.SUBSTANTIAL,
            80,
            {
                "he": "ערוץ הבקשות פתוח לציבור; התקבלו בו 150 בקשות למאגרים.",
                "en": "The request channel is open; it has received 150 dataset requests.",
            },
            {3: M.COMPLETE},
            ("https://data.example.gov.il/requests",),
        ),
        DemoUpdate(
            date(2019, 6, 28),
            Status.COMPLETE,
            100,
            {
                "he": "באתר מתפרסמים כיום 870 מאגרים מ-41 גופים, וכל משרד פרסם לפחות חמישה "
                "מאגרים בעלי ערך גבוה.",
                "en": "The portal now holds 870 datasets from 41 bodies, and every ministry has "
                "published at least five high-value datasets.",
            },
            {2: M.COMPLETE},
            ("https://data.example.gov.il/organization",),
        ),
    ),
    assessments=(
        DemoAssessment(
            date(2019, 9, 20),
            Assessed.COMPLETE,
            Opened.MAJOR,
            {
                "he": "מספר המאגרים גדל פי שלושה, וערוץ הבקשות נענה לרוב הבקשות תוך חודשיים.",
                "en": "The number of datasets has tripled, and the request channel answers most "
                "requests within two months.",
            },
        ),
    ),
)

PARTICIPATION = DemoCommitment(
    reference="IL9028",
    lead="prime-ministers-office",
    start=date(2017, 9, 1),
    end=date(2019, 6, 30),
    values=frozenset({"civic_participation", "technology"}),
    texts={
        "he": {
            "title": "כלים מקוונים לשיתוף ציבור בקבלת החלטות",
            "problem": "משרדי הממשלה מקיימים הליכי שיתוף ציבור בדרכים שונות, לעיתים בלי "
            "הודעה מראש ובלי לפרסם מה נעשה בעמדות הציבור.",
            "objective": "לתת לכל משרד כלי מקוון אחיד לשיתוף ציבור, ולהבטיח שהציבור יקבל "
            "מענה מנומק על עמדותיו.",
            "description": "פיתוח פלטפורמה ממשלתית אחת להיוועצות ציבורית, הדרכת צוותי "
            "המשרדים בשימוש בה, ופרסום מענה מנומק בסיום כל היוועצות.",
            "other_actors": "רשות התקשוב הממשלתית; ארגוני חברה אזרחית; רשויות מקומיות",
        },
        "en": {
            "title": "Online tools for public participation in decision-making",
            "problem": "Ministries run public participation in different ways, sometimes "
            "without notice and without publishing what became of the public's views.",
            "objective": "Give every ministry one online tool for public participation, and "
            "make sure the public gets a reasoned response to what it said.",
            "description": "Develop one government platform for public consultation, train "
            "ministry teams to use it, and publish a reasoned response at the end of every "
            "consultation.",
            "other_actors": "Government ICT Authority; civil-society organisations; local "
            "authorities",
        },
    },
    milestones=(
        DemoMilestone(
            date(2017, 9, 1),
            date(2018, 6, 30),
            {
                "he": "הפלטפורמה להיוועצות ציבורית עולה לאוויר",
                "en": "Public consultation platform launched",
            },
        ),
        DemoMilestone(
            date(2018, 3, 1),
            date(2018, 12, 31),
            {
                "he": "הדרכה ל-20 צוותים במשרדי הממשלה",
                "en": "Training for 20 ministry teams",
            },
        ),
        DemoMilestone(
            date(2018, 7, 1),
            date(2019, 6, 30),
            {
                "he": "מענה מנומק מתפרסם בסיום כל היוועצות בפלטפורמה",
                "en": "A reasoned response published at the end of every consultation on the "
                "platform",
            },
        ),
    ),
    updates=(
        DemoUpdate(
            date(2018, 2, 12),
            Status.LIMITED,
            20,
            {
                "he": "נבחר ספק לפיתוח הפלטפורמה, ונערך מפגש שיתוף עם ארגוני חברה אזרחית.",
                "en": "A supplier was chosen to build the platform, and a workshop was held "
                "with civil-society organisations.",
            },
            {1: M.IN_PROGRESS},
        ),
        DemoUpdate(
            date(2018, 8, 30),
            Status.SUBSTANTIAL,
            50,
            {
                "he": "הפלטפורמה פועלת, ו-11 משרדים כבר פרסמו בה היוועצויות.",
                "en": "The platform is running, and 11 ministries have already published "
                "consultations on it.",
            },
            {1: M.COMPLETE, 2: M.IN_PROGRESS},
            ("https://shituf.example.gov.il/",),
        ),
        DemoUpdate(
            date(2019, 6, 30),
            Status.SUBSTANTIAL,
            70,
            {
                "he": "הודרכו 22 צוותים. מענה מנומק פורסם במחצית מההיוועצויות שהסתיימו.",
                "en": "22 teams have been trained. A reasoned response was published for half "
                "of the consultations that ended.",
            },
            {2: M.COMPLETE, 3: M.IN_PROGRESS},
        ),
    ),
    assessments=(
        DemoAssessment(
            date(2019, 10, 1),
            Assessed.SUBSTANTIAL,
            Opened.MARGINAL,
            {
                "he": "הפלטפורמה נוחה לשימוש, אך רוב המענים המנומקים כלליים ואינם מתייחסים "
                "להערות עצמן.",
                "en": "The platform is easy to use, but most reasoned responses are generic "
                "and do not address the comments themselves.",
            },
        ),
    ),
)

SATISFACTION = DemoCommitment(
    reference="IL9029",
    lead="central-bureau-of-statistics",
    start=date(2017, 7, 1),
    end=date(2019, 6, 30),
    values=frozenset({"public_accountability", "civic_participation"}),
    texts={
        "he": {
            "title": "מדידת שביעות רצון הציבור מהשירותים הממשלתיים",
            "problem": "אין מדידה אחידה של שביעות רצון הציבור מהשירות שהוא מקבל מהממשלה, "
            "ולכן קשה לדעת היכן השירות טוב והיכן הוא כושל.",
            "objective": "למדוד מדי שנה את שביעות הרצון מהשירותים הממשלתיים המרכזיים "
            "ולפרסם את התוצאות לכל שירות.",
            "description": "הלשכה המרכזית לסטטיסטיקה תערוך סקר שביעות רצון שנתי על שירותים "
            "ממשלתיים נבחרים ותפרסם את התוצאות כמידע פתוח. המשרדים יפרסמו תוכנית שיפור "
            "לשירותים שקיבלו ציון נמוך.",
            "other_actors": "משרד ראש הממשלה; נציבות שירות המדינה; משרדי הממשלה הנותנים "
            "שירות לציבור",
        },
        "en": {
            "title": "Measuring public satisfaction with government services",
            "problem": "There is no common measure of how satisfied people are with the "
            "service they get from government, so it is hard to tell where service works and "
            "where it fails.",
            "objective": "Measure satisfaction with the main government services every year and "
            "publish the results for each service.",
            "description": "The Central Bureau of Statistics will run a yearly satisfaction "
            "survey on selected government services and publish the results as open data. "
            "Ministries will publish an improvement plan for services that score low.",
            "other_actors": "Prime Minister's Office; Civil Service Commission; ministries "
            "that serve the public",
        },
    },
    milestones=(
        DemoMilestone(
            date(2017, 7, 1),
            date(2018, 6, 30),
            {
                "he": "סקר שביעות הרצון הראשון נערך ותוצאותיו פורסמו",
                "en": "First satisfaction survey carried out and its results published",
            },
        ),
        DemoMilestone(
            date(2018, 7, 1),
            date(2019, 6, 30),
            {
                "he": "פורסמו תוכניות שיפור לשירותים שקיבלו ציון נמוך",
                "en": "Improvement plans published for the services that scored low",
            },
        ),
    ),
    updates=(
        DemoUpdate(
            date(2018, 1, 30),
            Status.LIMITED,
            30,
            {
                "he": "שאלון הסקר גובש עם 12 משרדים, ועבודת השדה החלה בינואר.",
                "en": "The questionnaire was agreed with 12 ministries, and fieldwork began in "
                "January.",
            },
            {1: M.IN_PROGRESS},
        ),
        DemoUpdate(
            date(2018, 8, 14),
            Status.SUBSTANTIAL,
            60,
            {
                "he": "תוצאות הסקר הראשון פורסמו: 31 שירותים, כ-9,000 משיבים.",
                "en": "The first survey's results are published: 31 services, about 9,000 "
                "respondents.",
            },
            {1: M.COMPLETE, 2: M.IN_PROGRESS},
            ("https://www.example.cbs.gov.il/publications/satisfaction-survey-2018",),
        ),
        DemoUpdate(
            date(2019, 6, 10),
            Status.COMPLETE,
            100,
            {
                "he": "שבעת המשרדים שקיבלו ציון נמוך פרסמו תוכניות שיפור.",
                "en": "The seven ministries whose services scored low have published "
                "improvement plans.",
            },
            {2: M.COMPLETE},
            ("https://data.example.gov.il/dataset/service-satisfaction",),
        ),
    ),
    assessments=(
        DemoAssessment(
            date(2019, 9, 25),
            Assessed.COMPLETE,
            Opened.MARGINAL,
            {
                "he": "הסקר נערך ותוצאותיו פורסמו, אך תוכניות השיפור כלליות ואינן כוללות "
                "יעדים מדידים.",
                "en": "The survey was run and its results published, but the improvement plans "
                "are vague and set no measurable targets.",
            },
        ),
    ),
)

PLAN = DemoPlan(
    slug="il-2017-2019",
    country="IL",
    number=3,
    period_start=date(2017, 7, 1),
    period_end=date(2019, 6, 30),
    coordinating_agency="ict-authority",
    coordinator="coordinator@example.org",
    monitor="tzofe@example.org",
    status=PlanStatus.CLOSED,
    language="he",
    texts={
        "he": {
            "title": "תוכנית הפעולה הלאומית השלישית של ישראל לממשל פתוח 2017–2019",
            "summary": "התוכנית השלישית של ישראל במסגרת השותפות לממשל פתוח, בתיאום רשות "
            "התקשוב הממשלתית. היא גובשה בהיוועצות ציבורית ומתמקדת בחופש המידע, בשקיפות "
            "החקיקה, במידע פתוח ובשיתוף הציבור בקבלת החלטות.",
        },
        "en": {
            "title": "Israel's third national action plan for open government 2017–2019",
            "summary": "Israel's third plan in the Open Government Partnership, coordinated by "
            "the Government ICT Authority. Shaped through a public consultation, it focuses on "
            "freedom of information, transparent law-making, open data and public "
            "participation in decision-making.",
        },
    },
    commitments=(FOI, RESOLUTIONS, LEGISLATION, OPEN_DATA, PARTICIPATION, SATISFACTION),
    self_assessment=(
        "end_of_term",
        {
            "he": {
                "introduction": "דוח הערכה עצמית לסיום תוכנית הפעולה השלישית. הדוח מסכם את "
                "יישום שש ההתחייבויות, את העדכונים שפרסמו המשרדים ואת ההערכות הבלתי תלויות.",
                "process": "התוכנית גובשה בהיוועצות ציבורית פתוחה. כל הערה קיבלה מענה מנומק, "
                "ופורום בעלי העניין ליווה את היישום.",
                "conclusions": "רוב ההתחייבויות הושלמו. בהתחייבות IL9025 יש פער בין הדיווח "
                "העצמי לבין ההערכה הבלתי תלויה, ונלמד ממנו בתוכנית הבאה.",
            },
            "en": {
                "introduction": "The end-of-term self-assessment of the third action plan. It "
                "sums up the six commitments, the agencies' progress updates and the "
                "independent assessments.",
                "process": "The plan was shaped in an open public consultation. Every comment "
                "received a reasoned response, and the multi-stakeholder forum followed the "
                "implementation.",
                "conclusions": "Most commitments were completed. For IL9025 the self-report and "
                "the independent assessment disagree; the next plan learns from it.",
            },
        },
    ),
)

# The next plan is still being drafted: commitments and milestones only, no reports yet.
ALGORITHMS = DemoCommitment(
    reference="IL9030",
    lead="ict-authority",
    start=date(2026, 9, 1),
    end=date(2028, 12, 31),
    values=frozenset({"access_to_information", "public_accountability", "technology"}),
    texts={
        "he": {
            "title": "מרשם ציבורי של מערכות אלגוריתמיות בשירות הממשלה",
            "problem": "משרדי הממשלה משתמשים יותר ויותר במערכות אלגוריתמיות ובבינה מלאכותית "
            "כדי לקבל החלטות על אנשים, אך הציבור אינו יודע אילו מערכות פועלות, למה הן "
            "משמשות ואל מי אפשר לפנות בעניינן.",
            "objective": "שכל אדם יוכל לדעת אילו מערכות אלגוריתמיות משפיעות על החלטות "
            "הנוגעות לו, על סמך אילו נתונים, ואיך לערער על החלטה.",
            "description": "הקמת מרשם מקוון אחיד שבו כל משרד מפרסם את המערכות האלגוריתמיות "
            "שהוא מפעיל: מטרתן, מקורות הנתונים, הגורם האחראי ודרך הערעור. המרשם יתעדכן "
            "לפני הפעלת מערכת חדשה.",
            "other_actors": "משרד המשפטים; הרשות להגנת הפרטיות; ארגוני חברה אזרחית העוסקים "
            "בזכויות דיגיטליות; חוקרים מהאקדמיה",
        },
        "en": {
            "title": "A public register of the algorithmic systems government uses",
            "problem": "Ministries increasingly use algorithmic and AI systems to make "
            "decisions about people, but the public does not know which systems are in use, "
            "what they are for or whom to ask about them.",
            "objective": "Let anyone find out which algorithmic systems affect decisions about "
            "them, on what data, and how to appeal a decision.",
            "description": "Build one online register in which every ministry publishes the "
            "algorithmic systems it runs: their purpose, data sources, the official "
            "responsible and the way to appeal. An entry is published before a new system "
            "goes live.",
            "other_actors": "Ministry of Justice; the Privacy Protection Authority; "
            "civil-society organisations working on digital rights; academic researchers",
        },
    },
    milestones=(
        DemoMilestone(
            date(2026, 9, 1),
            date(2027, 3, 31),
            {
                "he": "תבנית הרישום במרשם מגובשת בשיתוף הציבור ומתפרסמת",
                "en": "The register's entry template drafted with the public and published",
            },
        ),
        DemoMilestone(
            date(2027, 4, 1),
            date(2028, 12, 31),
            {
                "he": "כל משרדי הממשלה רשמו את המערכות שהם מפעילים",
                "en": "Every ministry has registered the systems it runs",
            },
        ),
    ),
)

REGULATION = DemoCommitment(
    reference="IL9031",
    lead="prime-ministers-office",
    start=date(2026, 9, 1),
    end=date(2029, 6, 30),
    values=frozenset({"civic_participation", "public_accountability"}),
    texts={
        "he": {
            "title": "היוועצות ציבורית בטיוטות תקנות, עם מענה מנומק להערות",
            "problem": "טיוטות תקנות מתפרסמות להערות הציבור באתרים שונים ולזמן קצר, "
            "והמגיבים אינם יודעים אם הערותיהם נקראו ומה נעשה בהן.",
            "objective": "שכל טיוטת תקנות תתפרסם במקום אחד לפרק זמן סביר, ושכל הערה תקבל "
            "מענה מנומק ופומבי.",
            "description": "פרסום כל טיוטות התקנות באתר היוועצות אחד למשך 30 יום לפחות, "
            "פרסום ההערות שהתקבלו ודוח מענה של המשרד המסביר מה אומץ ומה לא, ומדוע.",
            "other_actors": "משרד המשפטים; הלשכה המשפטית של הכנסת; ארגוני חברה אזרחית; "
            "ציבור המגיבים",
        },
        "en": {
            "title": "Public consultation on draft regulations, with reasoned replies to comments",
            "problem": "Draft regulations are put out for comment on different websites and "
            "for short periods, and those who comment do not learn whether their comments "
            "were read or what became of them.",
            "objective": "Put every draft regulation in one place for a reasonable period, "
            "and give every comment a reasoned public reply.",
            "description": "Publish every draft regulation on one consultation site for at "
            "least 30 days, publish the comments received and a reply report from the "
            "ministry explaining what was adopted, what was not, and why.",
            "other_actors": "Ministry of Justice; the Knesset legal department; civil-society "
            "organisations; the people who comment",
        },
    },
    milestones=(
        DemoMilestone(
            date(2026, 9, 1),
            date(2027, 6, 30),
            {
                "he": "כל טיוטות התקנות מתפרסמות באתר ההיוועצות האחד",
                "en": "Every draft regulation published on the one consultation site",
            },
        ),
        DemoMilestone(
            date(2027, 1, 1),
            date(2029, 6, 30),
            {
                "he": "דוח מענה מנומק מתפרסם לכל היוועצות שהסתיימה",
                "en": "A reasoned reply report published for every closed consultation",
            },
        ),
    ),
)

DRAFT_PLAN = DemoPlan(
    slug="il-2026-2029",
    country="IL",
    number=5,
    period_start=date(2026, 7, 1),
    period_end=date(2029, 6, 30),
    coordinating_agency="ict-authority",
    coordinator="coordinator@example.org",
    monitor="tzofe@example.org",
    status=PlanStatus.DRAFTING,
    language="he",
    texts={
        "he": {
            "title": "טיוטת תוכנית הפעולה הלאומית של ישראל לממשל פתוח 2026–2029",
            "summary": "התוכנית הבאה של ישראל במסגרת השותפות לממשל פתוח, בתיאום רשות התקשוב "
            "הממשלתית, נמצאת בשלב הניסוח. ההתחייבויות הן טיוטות שעשויות להשתנות לפני "
            "ההיוועצות הציבורית. (תוכנית לדוגמה: מספרה, תקופתה והתחייבויותיה בדויים.)",
        },
        "en": {
            "title": "Israel's draft national action plan for open government 2026–2029",
            "summary": "Israel's next plan in the Open Government Partnership, coordinated by "
            "the Government ICT Authority, is being drafted. Its commitments are drafts that "
            "may change before the public consultation. (A demonstration plan: its number, "
            "period and commitments are invented.)",
        },
    },
    commitments=(ALGORITHMS, REGULATION),
)
