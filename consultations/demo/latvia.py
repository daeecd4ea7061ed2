"""Demo plan in the style of Latvia's fifth national action plan (2022–2025), our own text.

Still in implementation, with recent updates. LV9041: the coordinator reports it complete, the
monitor finds it limited. LV9042: a milestone past its due date. LV9043: silent for months.
LV9045: an update corrected by the next one. At its mid-term refresh LV9040 was amended and
LV9047 added (`REFRESH`).
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from ..plans.models import AssessedCompletion as Assessed
from ..plans.models import Completion as Status
from ..plans.models import MilestoneStatus as M
from ..plans.models import OpenedGovernment as Opened
from ..plans.models import PlanStatus
from .amendments import AddedSpec, AmendmentSpec, RefreshSpec
from .files import DemoFile, bar_chart, pdf, table
from .plans import DemoAssessment, DemoCommitment, DemoMilestone, DemoPlan, DemoUpdate, ago

# The evidence files of the procurement commitment's last update: the monthly dataset's
# figures and a chart of the share of contracts published, year by year.
PROCUREMENT_FILES = (
    DemoFile(
        "publicetie-ligumi-2024.csv",
        table(
            [
                ["Mēnesis", "Noslēgtie līgumi", "Publicētie līgumi", "Publicētie grozījumi"],
                ["2024-09", "1912", "1874", "402"],
                ["2024-10", "2075", "2049", "436"],
                ["2024-11", "1988", "1971", "411"],
                ["2024-12", "2304", "2298", "517"],
            ]
        ),
    ),
    DemoFile("publicetie-ligumi-pa-gadiem.png", bar_chart([22, 54, 83, 99])),
)

# The adopted plan, as the Cabinet's order published it (an English summary: the demo's
# PDF is drawn with a standard font that has no Latvian letters).
ADOPTED_PLAN = DemoFile(
    "ricibas-plans-2022-2025.pdf",
    pdf(
        [
            "Latvia's Fifth National Open Government Action Plan 2022-2025",
            "Adopted by order of the Cabinet of Ministers. Coordinated by the State Chancellery.",
            "1. Open public procurement: contracts and amendments published as open data.",
            "2. Lobbying transparency: a public register of lobbyists and their meetings.",
            "3. Open local government: council meetings, votes and budgets online.",
            "4. Plain language in public administration.",
            "5. Open data by default, with a catalogue kept up to date.",
            "6. Public participation in drafting laws and policies.",
        ]
    ),
    {
        "lv": "Pieņemtais rīcības plāns (Ministru kabineta rīkojums)",
        "en": "The adopted action plan (Cabinet of Ministers' order)",
    },
)

# Evidence links with an archived copy, as the evidence archive took it the night after the
# update citing it was published: (address, the page as it then was, when it was taken).
ARCHIVED_PAGES = (
    (
        "https://data.example.gov.lv/dataset/iepirkumu-ligumi",
        """<!DOCTYPE html>
<html lang="lv">
<head><meta charset="utf-8"><title>Iepirkumu līgumi — Latvijas atvērto datu portāls</title></head>
<body>
<h1>Iepirkumu līgumi un to grozījumi</h1>
<p>Ikmēneša datu kopa: visi publisko iepirkumu līgumi un to grozījumi OCDS formātā.</p>
<p>Izdevējs: Iepirkumu uzraudzības birojs. Atjaunināts: 2025-03-01. Licence: CC0.</p>
<ul><li>ligumi-2025-02.json (OCDS)</li><li>ligumi-2025-02.csv</li></ul>
</body>
</html>
""",
        datetime(2025, 3, 13, 2, 0, tzinfo=UTC),
    ),
)

AGENCIES = {
    "procurement-monitoring-bureau": {
        "lv": "Iepirkumu uzraudzības birojs",
        "en": "Procurement Monitoring Bureau (Latvia)",
        "he": "הלשכה לפיקוח על רכש ציבורי (לטביה)",
        "hu": "Közbeszerzés-felügyeleti Hivatal (Lettország)",
    },
    "corruption-prevention-bureau": {
        "lv": "Korupcijas novēršanas un apkarošanas birojs",
        "en": "Corruption Prevention and Combating Bureau (Latvia)",
        "he": "הלשכה למניעת שחיתות ולמאבק בה (לטביה)",
        "hu": "Korrupciómegelőzési és Korrupcióellenes Hivatal (Lettország)",
    },
    "smart-administration-ministry": {
        "lv": "Viedās administrācijas un reģionālās attīstības ministrija",
        "en": "Ministry of Smart Administration and Regional Development (Latvia)",
        "he": "המשרד למנהל חכם ולפיתוח אזורי (לטביה)",
        "hu": "Intelligens Közigazgatási és Regionális Fejlesztési Minisztérium (Lettország)",
    },
}

PROCUREMENT = DemoCommitment(
    reference="LV9040",
    lead="procurement-monitoring-bureau",
    start=date(2022, 3, 1),
    end=date(2024, 12, 31),
    values=frozenset({"access_to_information", "public_accountability", "technology"}),
    texts={
        "lv": {
            "title": "Publisko iepirkumu līgumu un to grozījumu atklātība",
            "problem": "Iepirkumu procedūru rezultāti ir publiski, taču noslēgtie līgumi un to "
            "grozījumi bieži netiek publicēti vai ir pieejami tikai kā skenēti dokumenti. "
            "Tāpēc sabiedrībai ir grūti izsekot, kā mainās līgumu summas un termiņi.",
            "objective": "Publicēt visus publisko iepirkumu līgumus un to grozījumus "
            "mašīnlasāmā formātā, lai ikviens varētu izsekot līgumu izpildei.",
            "description": "Iepirkumu uzraudzības birojs noteiks, ka līgumi un to grozījumi "
            "obligāti jāpublicē Elektronisko iepirkumu sistēmā, ieviesīs atvērto līgumslēgšanas "
            "datu standartu (OCDS) un katru mēnesi publicēs datu kopu atvērto datu portālā.",
            "other_actors": "Finanšu ministrija; Valsts reģionālās attīstības aģentūra; "
            "pasūtītāji; biedrības, kas uzrauga publiskos iepirkumus",
        },
        "en": {
            "title": "Openness of public procurement contracts and their amendments",
            "problem": "Procurement results are public, but the contracts signed and their "
            "amendments are often not published, or only as scanned documents. That makes it "
            "hard for the public to follow how contract sums and deadlines change.",
            "objective": "Publish every public procurement contract and its amendments in a "
            "machine-readable format, so anyone can follow how contracts are carried out.",
            "description": "The Procurement Monitoring Bureau will make publishing contracts and "
            "amendments in the Electronic Procurement System mandatory, adopt the Open "
            "Contracting Data Standard (OCDS) and publish a monthly dataset on the open data "
            "portal.",
            "other_actors": "Ministry of Finance; State Regional Development Agency; "
            "contracting authorities; NGOs that watch public procurement",
        },
    },
    milestones=(
        DemoMilestone(
            date(2022, 3, 1),
            date(2022, 12, 31),
            {
                "lv": "Grozījumi normatīvajos aktos par obligātu līgumu un to grozījumu "
                "publicēšanu",
                "en": "Regulations amended to make publishing contracts and amendments mandatory",
            },
        ),
        DemoMilestone(
            date(2023, 1, 1),
            date(2023, 12, 31),
            {
                "lv": "Līgumi un grozījumi tiek publicēti Elektronisko iepirkumu sistēmā OCDS "
                "formātā",
                "en": "Contracts and amendments published in OCDS format in the Electronic "
                "Procurement System",
            },
        ),
        DemoMilestone(
            date(2023, 6, 1),
            date(2024, 12, 31),
            {
                "lv": "Ikmēneša iepirkumu datu kopa pieejama atvērto datu portālā",
                "en": "A monthly procurement dataset available on the open data portal",
            },
        ),
    ),
    updates=(
        DemoUpdate(
            date(2022, 9, 14),
            Status.LIMITED,
            20,
            {
                "lv": "Sagatavoti grozījumi Ministru kabineta noteikumos; tie nodoti "
                "sabiedriskajai apspriešanai.",
                "en": "Amendments to the Cabinet regulations have been drafted and put out for "
                "public consultation.",
            },
            {1: M.IN_PROGRESS},
            ("https://tap.example.gov.lv/projekti/iepirkumu-ligumu-publicesana",),
        ),
        DemoUpdate(
            date(2023, 6, 20),
            Status.SUBSTANTIAL,
            50,
            {
                "lv": "Noteikumi ir stājušies spēkā: no 1. jūlija līgumi un to grozījumi "
                "jāpublicē sistēmā.",
                "en": "The regulations are in force: from 1 July, contracts and their "
                "amendments must be published in the system.",
            },
            {1: M.COMPLETE, 2: M.IN_PROGRESS},
        ),
        DemoUpdate(
            date(2024, 5, 8),
            Status.SUBSTANTIAL,
            80,
            {
                "lv": "Līgumi un grozījumi tiek publicēti OCDS formātā. Ikmēneša datu kopa "
                "tiek testēta.",
                "en": "Contracts and amendments are published in OCDS format. The monthly "
                "dataset is being tested.",
            },
            {2: M.COMPLETE, 3: M.IN_PROGRESS},
            ("https://eis.example.gov.lv/ocds",),
        ),
        DemoUpdate(
            date(2025, 3, 12),
            Status.COMPLETE,
            100,
            {
                "lv": "Ikmēneša datu kopa atvērto datu portālā tiek publicēta kopš 2024. gada "
                "decembra. Apņemšanās ir izpildīta.",
                "en": "The monthly dataset has been published on the open data portal since "
                "December 2024. The commitment is complete.",
            },
            {3: M.COMPLETE},
            ("https://data.example.gov.lv/dataset/iepirkumu-ligumi",),
            files=PROCUREMENT_FILES,
        ),
    ),
    assessments=(
        DemoAssessment(
            date(2025, 5, 20),
            Assessed.COMPLETE,
            Opened.MAJOR,
            {
                "lv": "Līgumi un to grozījumi ir publiski pieejami un lejupielādējami. "
                "Žurnālisti un biedrības jau izmanto šos datus, lai pamanītu neparasti lielus "
                "līgumu grozījumus.",
                "en": "Contracts and their amendments are public and downloadable. Journalists "
                "and NGOs already use the data to spot unusually large contract amendments.",
            },
            ("https://parredzamiba.example.org/petijumi/iepirkumu-dati",),
        ),
    ),
)

LOBBYING = DemoCommitment(
    reference="LV9041",
    lead="corruption-prevention-bureau",
    start=date(2022, 1, 1),
    end=date(2025, 6, 30),
    values=frozenset({"access_to_information", "public_accountability"}),
    texts={
        "lv": {
            "title": "Lobēšanas atklātības reģistrs",
            "problem": "Sabiedrība nezina, kas un kādos jautājumos ietekmē lēmumu pieņēmējus. "
            "Amatpersonu tikšanās ar interešu pārstāvjiem netiek reģistrētas vienotā veidā.",
            "objective": "Ieviest publisku lobētāju reģistru un panākt, ka valsts amatpersonu "
            "tikšanās ar lobētājiem tiek publiskotas.",
            "description": "Pēc Lobēšanas atklātības likuma pieņemšanas tiks izveidots "
            "publisks lobētāju reģistrs, amatpersonām tiks sagatavoti norādījumi par tikšanos "
            "publiskošanu, un ministriju un Saeimas darbinieki tiks apmācīti.",
            "other_actors": "Saeima; Valsts kanceleja; ministrijas; biedrības un "
            "nodibinājumi; uzņēmēju organizācijas",
        },
        "en": {
            "title": "A lobbying transparency register",
            "problem": "The public does not know who is influencing decision-makers, or on "
            "what. Officials' meetings with interest representatives are not recorded in any "
            "common way.",
            "objective": "Introduce a public register of lobbyists and make public officials' "
            "meetings with lobbyists public.",
            "description": "Once the Lobbying Transparency Law is adopted, a public register of "
            "lobbyists will be set up, officials will get guidance on publishing their "
            "meetings, and staff of the ministries and the Saeima will be trained.",
            "other_actors": "Saeima; State Chancellery; ministries; associations and "
            "foundations; business organisations",
        },
    },
    milestones=(
        DemoMilestone(
            date(2022, 1, 1),
            date(2023, 12, 31),
            {
                "lv": "Pieņemts Lobēšanas atklātības likums",
                "en": "Lobbying Transparency Law adopted",
            },
        ),
        DemoMilestone(
            date(2024, 1, 1),
            date(2025, 3, 31),
            {
                "lv": "Darbojas publisks lobētāju reģistrs",
                "en": "A public register of lobbyists in operation",
            },
        ),
        DemoMilestone(
            date(2024, 6, 1),
            date(2025, 6, 30),
            {
                "lv": "Ministriju un Saeimas amatpersonas publisko savas tikšanās ar lobētājiem",
                "en": "Ministry and Saeima officials publish their meetings with lobbyists",
            },
        ),
    ),
    updates=(
        DemoUpdate(
            date(2022, 10, 4),
            Status.LIMITED,
            10,
            {
                "lv": "Likumprojekts apspriests Saeimas komisijā; birojs sniedza atzinumu par "
                "reģistra uzbūvi.",
                "en": "The bill was discussed in a Saeima committee; the Bureau gave its opinion "
                "on how the register should work.",
            },
            {1: M.IN_PROGRESS},
        ),
        DemoUpdate(
            date(2023, 11, 16),
            Status.LIMITED,
            35,
            {
                "lv": "Saeima pieņēma Lobēšanas atklātības likumu; reģistrs jāatver līdz 2025. "
                "gada sākumam.",
                "en": "The Saeima adopted the Lobbying Transparency Law; the register must open "
                "by early 2025.",
            },
            {1: M.COMPLETE, 2: M.IN_PROGRESS},
            ("https://likumi.example.lv/lobesanas-atklatibas-likums",),
        ),
        DemoUpdate(
            date(2025, 2, 26),
            Status.SUBSTANTIAL,
            70,
            {
                "lv": "Lobētāju reģistrs ir atvērts, un tajā reģistrējušies pirmie 60 lobētāji.",
                "en": "The register of lobbyists is open, and the first 60 lobbyists have "
                "registered.",
            },
            {2: M.COMPLETE, 3: M.IN_PROGRESS},
            ("https://lobetaji.example.gov.lv/",),
        ),
        DemoUpdate(
            ago(40),
            Status.COMPLETE,
            100,
            {
                "lv": "Visas ministrijas ir apstiprinājušas kārtību, kā publiskot tikšanās ar "
                "lobētājiem. Apņemšanās ir izpildīta.",
                "en": "Every ministry has approved a procedure for publishing meetings with "
                "lobbyists. The commitment is complete.",
            },
            {3: M.COMPLETE},
            ("https://lobetaji.example.gov.lv/tiksanas",),
        ),
    ),
    assessments=(
        DemoAssessment(
            ago(12),
            Assessed.LIMITED,
            Opened.MARGINAL,
            {
                "lv": "Reģistrs darbojas, taču tikšanās publisko tikai trīs ministrijas, un "
                "ierakstos nav norādīts, kāds jautājums apspriests. Saeimas deputātu tikšanās "
                "netiek publiskotas vispār. Mūsuprāt, izpilde ir ierobežota.",
                "en": "The register works, but only three ministries publish meetings, and the "
                "entries do not say what was discussed. Meetings of members of the Saeima are "
                "not published at all. In our view completion is limited.",
            },
            (
                "https://parredzamiba.example.org/petijumi/lobesanas-registrs",
                "https://lobetaji.example.gov.lv/tiksanas",
            ),
        ),
    ),
)

LOCAL_GOVERNMENT = DemoCommitment(
    reference="LV9042",
    lead="smart-administration-ministry",
    start=date(2022, 4, 1),
    end=date(2025, 6, 30),
    values=frozenset({"access_to_information", "civic_participation"}),
    texts={
        "lv": {
            "title": "Atvērta pašvaldība: domes sēdes, balsojumi un līdzdalības budžets",
            "problem": "Daudzās pašvaldībās domes sēžu ieraksti, balsojumi un lēmumprojekti "
            "nav viegli atrodami. Iedzīvotājiem ir maz iespēju tieši ietekmēt, kā tiek "
            "izlietoti pašvaldības līdzekļi.",
            "objective": "Panākt, ka visas pašvaldības vienotā veidā publicē domes sēžu "
            "videoierakstus un balsojumus un ievieš līdzdalības budžetu.",
            "description": "Ministrija izstrādās vienotas prasības domes sēžu materiālu "
            "publicēšanai, palīdzēs pašvaldībām tās ieviest un sagatavos līdzdalības budžeta "
            "vadlīnijas, lai līdzdalības budžets tiktu ieviests visās 43 pašvaldībās.",
            "other_actors": "Latvijas Pašvaldību savienība; pašvaldības; iedzīvotāju "
            "konsultatīvās padomes; biedrības",
        },
        "en": {
            "title": "Open local government: council meetings, votes and participatory budgeting",
            "problem": "In many municipalities, council meeting recordings, votes and draft "
            "decisions are hard to find. Residents have few ways to influence directly how "
            "municipal money is spent.",
            "objective": "Have every municipality publish council meeting videos and votes in "
            "the same way, and introduce participatory budgeting.",
            "description": "The ministry will set common requirements for publishing council "
            "meeting materials, help municipalities meet them and write participatory "
            "budgeting guidelines, so that all 43 municipalities introduce a participatory "
            "budget.",
            "other_actors": "Latvian Association of Local and Regional Governments; "
            "municipalities; residents' advisory councils; NGOs",
        },
    },
    milestones=(
        DemoMilestone(
            date(2022, 4, 1),
            date(2022, 12, 31),
            {
                "lv": "Vienotas prasības domes sēžu videoierakstu, balsojumu un lēmumprojektu "
                "publicēšanai",
                "en": "Common requirements for publishing council meeting videos, votes and "
                "draft decisions",
            },
        ),
        DemoMilestone(
            date(2023, 1, 1),
            date(2024, 6, 30),
            {
                "lv": "Visas pašvaldības publicē domes sēžu videoierakstus un balsojumus",
                "en": "Every municipality publishes council meeting videos and votes",
            },
        ),
        DemoMilestone(
            date(2023, 6, 1),
            date(2025, 6, 30),
            {
                "lv": "Līdzdalības budžets ieviests visās 43 pašvaldībās",
                "en": "Participatory budgeting introduced in all 43 municipalities",
            },
        ),
    ),
    updates=(
        DemoUpdate(
            date(2022, 11, 22),
            Status.LIMITED,
            15,
            {
                "lv": "Prasību projekts apspriests ar Latvijas Pašvaldību savienību un piecām "
                "pašvaldībām.",
                "en": "Draft requirements were discussed with the Association of Local and "
                "Regional Governments and five municipalities.",
            },
            {1: M.IN_PROGRESS},
        ),
        DemoUpdate(
            date(2023, 10, 5),
            Status.LIMITED,
            40,
            {
                "lv": "Prasības apstiprinātas. Sēžu ierakstus un balsojumus jau publicē 28 "
                "pašvaldības.",
                "en": "The requirements are approved. 28 municipalities already publish meeting "
                "recordings and votes.",
            },
            {1: M.COMPLETE, 2: M.IN_PROGRESS},
            ("https://www.example.gov.lv/pasvaldibu-atklatiba/prasibas.pdf",),
        ),
        DemoUpdate(
            date(2024, 12, 3),
            Status.SUBSTANTIAL,
            60,
            {
                "lv": "Visas pašvaldības publicē sēžu ierakstus un balsojumus. Līdzdalības "
                "budžets ieviests 19 pašvaldībās.",
                "en": "Every municipality publishes meeting recordings and votes. Participatory "
                "budgeting is in place in 19 municipalities.",
            },
            {2: M.COMPLETE, 3: M.IN_PROGRESS},
        ),
        DemoUpdate(
            ago(30),
            Status.SUBSTANTIAL,
            75,
            {
                "lv": "Līdzdalības budžets ieviests 31 pašvaldībā. Pārējās to plāno nākamajā "
                "budžeta ciklā, tāpēc starpposma mērķa termiņš ir nokavēts.",
                "en": "Participatory budgeting is in place in 31 municipalities. The rest plan "
                "it for the next budget cycle, so the milestone's due date has been missed.",
            },
            {3: M.IN_PROGRESS},
            ("https://www.example.gov.lv/lidzdalibas-budzets/karte",),
        ),
    ),
    assessments=(
        DemoAssessment(
            date(2025, 4, 15),
            Assessed.SUBSTANTIAL,
            Opened.MARGINAL,
            {
                "lv": "Balsojumu publicēšana ir būtiski uzlabojusies, taču daudzviet "
                "līdzdalības budžets ir simbolisks — mazāk par vienu procentu no pašvaldības "
                "budžeta.",
                "en": "Publishing votes has improved markedly, but in many places the "
                "participatory budget is symbolic — less than one per cent of the municipal "
                "budget.",
            },
        ),
    ),
)

PLAIN_LANGUAGE = DemoCommitment(
    reference="LV9043",
    lead="state-chancellery",
    start=date(2022, 2, 1),
    end=date(2025, 12, 31),
    values=frozenset({"access_to_information", "civic_participation"}),
    texts={
        "lv": {
            "title": "Saprotama valsts pārvaldes valoda",
            "problem": "Valsts iestāžu vēstules, lēmumi un tīmekļvietnes bieži ir rakstītas "
            "sarežģītā birokrātiskā valodā, ko daudzi iedzīvotāji nesaprot. Tas apgrūtina "
            "savu tiesību izmantošanu un palielina zvanu un sūdzību skaitu.",
            "objective": "Panākt, ka iestādes sazinās ar iedzīvotājiem skaidrā un saprotamā "
            "valodā.",
            "description": "Valsts kanceleja izstrādās saprotamas valodas vadlīnijas, apmācīs "
            "iestāžu komunikācijas speciālistus un kopā ar iedzīvotājiem pārrakstīs biežāk "
            "izmantotās vēstuļu un lēmumu veidnes.",
            "other_actors": "Valsts valodas centrs; Latviešu valodas aģentūra; ministrijas un "
            "to padotības iestādes; Valsts administrācijas skola",
        },
        "en": {
            "title": "Plain language in public administration",
            "problem": "Letters, decisions and websites of state institutions are often written "
            "in complicated bureaucratic language that many people do not understand. That "
            "makes it harder to exercise one's rights and adds to calls and complaints.",
            "objective": "Have institutions communicate with people in clear, understandable "
            "language.",
            "description": "The State Chancellery will write plain-language guidelines, train "
            "institutions' communication staff and, together with residents, rewrite the most "
            "used letter and decision templates.",
            "other_actors": "State Language Centre; Latvian Language Agency; ministries and "
            "their subordinate institutions; School of Public Administration",
        },
    },
    milestones=(
        DemoMilestone(
            date(2022, 2, 1),
            date(2022, 12, 31),
            {
                "lv": "Publicētas saprotamas valodas vadlīnijas",
                "en": "Plain-language guidelines published",
            },
        ),
        DemoMilestone(
            date(2023, 1, 1),
            date(2024, 12, 31),
            {
                "lv": "Apmācīti vismaz 500 iestāžu darbinieki",
                "en": "At least 500 public servants trained",
            },
        ),
        DemoMilestone(
            date(2024, 1, 1),
            date(2025, 12, 1),
            {
                "lv": "Pārrakstītas 50 biežāk lietotās vēstuļu un lēmumu veidnes",
                "en": "The 50 most used letter and decision templates rewritten",
            },
        ),
    ),
    updates=(
        DemoUpdate(
            date(2022, 6, 30),
            Status.LIMITED,
            20,
            {
                "lv": "Vadlīniju projekts sagatavots kopā ar Valsts valodas centru un nodots "
                "apspriešanai.",
                "en": "Draft guidelines were prepared with the State Language Centre and put "
                "out for comment.",
            },
            {1: M.IN_PROGRESS},
        ),
        DemoUpdate(
            date(2023, 9, 12),
            Status.SUBSTANTIAL,
            55,
            {
                "lv": "Vadlīnijas publicētas. Mācības notikušas 210 darbiniekiem.",
                "en": "The guidelines are published. 210 public servants have been trained.",
            },
            {1: M.COMPLETE, 2: M.IN_PROGRESS},
            ("https://www.example.gov.lv/saprotama-valoda/vadlinijas.pdf",),
        ),
        DemoUpdate(
            date(2024, 10, 21),
            Status.SUBSTANTIAL,
            70,
            {
                "lv": "Apmācīti 540 darbinieki. Sākta veidņu pārrakstīšana kopā ar iedzīvotāju "
                "fokusgrupām.",
                "en": "540 public servants have been trained. Rewriting the templates has begun "
                "with residents' focus groups.",
            },
            {2: M.COMPLETE, 3: M.IN_PROGRESS},
        ),
        DemoUpdate(
            ago(150),
            Status.SUBSTANTIAL,
            80,
            {
                "lv": "Pārrakstītas 32 veidnes. Darbs turpinās ar Valsts ieņēmumu dienesta un "
                "Nodarbinātības valsts aģentūras vēstulēm.",
                "en": "32 templates have been rewritten. Work continues on letters from the "
                "State Revenue Service and the State Employment Agency.",
            },
            {3: M.IN_PROGRESS},
            ("https://www.example.gov.lv/saprotama-valoda/veidnes",),
        ),
    ),
    assessments=(
        DemoAssessment(
            date(2024, 12, 9),
            Assessed.SUBSTANTIAL,
            Opened.MARGINAL,
            {
                "lv": "Vadlīnijas ir labas, taču iedzīvotāji vēl nav saņēmuši daudz "
                "pārrakstītu vēstuļu.",
                "en": "The guidelines are good, but residents have not yet received many "
                "rewritten letters.",
            },
        ),
    ),
)

OPEN_DATA = DemoCommitment(
    reference="LV9044",
    lead="smart-administration-ministry",
    start=date(2022, 1, 1),
    end=date(2025, 12, 31),
    values=frozenset({"access_to_information", "technology"}),
    texts={
        "lv": {
            "title": "Augstvērtīgās datu kopas atvērto datu portālā",
            "problem": "Daudzas valsts datu kopas, kas interesē uzņēmējus, pētniekus un "
            "žurnālistus, nav publicētas vai netiek regulāri atjaunotas. Iestādes nezina, "
            "kuri dati sabiedrībai ir visvērtīgākie.",
            "objective": "Publicēt Eiropas Savienības noteiktās augstvērtīgās datu kopas un "
            "citas pieprasītākās datu kopas atvērto datu portālā ar lietojumprogrammu "
            "saskarni (API) un regulāru atjaunošanu.",
            "description": "Ministrija kopā ar iestādēm apzinās pieprasītākās datu kopas, "
            "publicēs augstvērtīgās datu kopas (ģeotelpiskos, statistikas, uzņēmumu, "
            "meteoroloģiskos un mobilitātes datus) un ieviesīs datu kvalitātes uzraudzību "
            "portālā.",
            "other_actors": "Centrālā statistikas pārvalde; Uzņēmumu reģistrs; Latvijas "
            "Ģeotelpiskās informācijas aģentūra; atvērto datu kopiena",
        },
        "en": {
            "title": "High-value datasets on the open data portal",
            "problem": "Many state datasets of interest to businesses, researchers and "
            "journalists are not published or not kept up to date. Institutions do not know "
            "which data the public values most.",
            "objective": "Publish the high-value datasets defined by the European Union and the "
            "other most requested datasets on the open data portal, with an API and regular "
            "refreshes.",
            "description": "With the institutions, the ministry will identify the most "
            "requested datasets, publish the high-value datasets (geospatial, statistical, "
            "company, meteorological and mobility data) and introduce data-quality "
            "monitoring on the portal.",
            "other_actors": "Central Statistical Bureau; Register of Enterprises; Latvian "
            "Geospatial Information Agency; the open data community",
        },
    },
    milestones=(
        DemoMilestone(
            date(2022, 1, 1),
            date(2022, 12, 31),
            {
                "lv": "Apzinātas pieprasītākās datu kopas",
                "en": "Most requested datasets identified",
            },
        ),
        DemoMilestone(
            date(2023, 1, 1),
            date(2025, 6, 30),
            {
                "lv": "Publicētas visas augstvērtīgās datu kopas ar API",
                "en": "All high-value datasets published with an API",
            },
        ),
        DemoMilestone(
            date(2024, 1, 1),
            date(2025, 12, 31),
            {
                "lv": "Portālā ieviesta datu kvalitātes uzraudzība",
                "en": "Data-quality monitoring introduced on the portal",
            },
        ),
    ),
    updates=(
        DemoUpdate(
            date(2022, 12, 15),
            Status.LIMITED,
            25,
            {
                "lv": "Aptaujā piedalījās 640 datu lietotāji; pieprasītāko datu kopu saraksts "
                "ir publicēts.",
                "en": "640 data users took part in a survey; the list of the most requested "
                "datasets is published.",
            },
            {1: M.COMPLETE, 2: M.IN_PROGRESS},
            ("https://data.example.gov.lv/pieprasitakas-datu-kopas",),
        ),
        DemoUpdate(
            date(2024, 2, 9),
            Status.SUBSTANTIAL,
            55,
            {
                "lv": "Publicētas 38 no 52 augstvērtīgajām datu kopām. Sākta datu kvalitātes "
                "rādītāju izstrāde.",
                "en": "38 of the 52 high-value datasets are published. Work on data-quality "
                "scores has begun.",
            },
            {3: M.IN_PROGRESS},
        ),
        DemoUpdate(
            date(2025, 6, 18),
            Status.SUBSTANTIAL,
            85,
            {
                "lv": "Visas augstvērtīgās datu kopas pieejamas ar API.",
                "en": "Every high-value dataset is available through an API.",
            },
            {2: M.COMPLETE},
            ("https://data.example.gov.lv/api/3/action/package_list",),
        ),
        DemoUpdate(
            ago(20),
            Status.COMPLETE,
            100,
            {
                "lv": "Datu kvalitātes rādītāji tagad redzami katrai portāla datu kopai. "
                "Apņemšanās ir izpildīta.",
                "en": "Data-quality scores are now shown for every dataset on the portal. The "
                "commitment is complete.",
            },
            {3: M.COMPLETE},
            ("https://data.example.gov.lv/datu-kvalitate",),
        ),
    ),
    assessments=(
        DemoAssessment(
            ago(8),
            Assessed.COMPLETE,
            Opened.MAJOR,
            {
                "lv": "Augstvērtīgās datu kopas ir pieejamas un tiek atjaunotas; kvalitātes "
                "rādītāji palīdz lietotājiem izvēlēties uzticamus datus.",
                "en": "The high-value datasets are available and kept current; the quality "
                "scores help users pick reliable data.",
            },
        ),
    ),
)

PARTICIPATION = DemoCommitment(
    reference="LV9045",
    lead="state-chancellery",
    start=date(2022, 6, 1),
    end=date(2025, 12, 31),
    values=frozenset({"civic_participation", "public_accountability", "technology"}),
    texts={
        "lv": {
            "title": "Sabiedrības līdzdalība tiesību aktu izstrādē TAP portālā",
            "problem": "Sabiedrība tiesību aktu izstrādē bieži tiek iesaistīta pārāk vēlu, "
            "kad lēmums faktiski jau pieņemts, un uz iesniegtajiem priekšlikumiem netiek "
            "sniegtas publiskas atbildes.",
            "objective": "Nodrošināt, ka tiesību aktu projekti tiek apspriesti agrīni un ka uz "
            "katru priekšlikumu tiek sniegta pamatota atbilde.",
            "description": "Tiesību aktu projektu portālā (TAP) tiks ieviesta agrīnā "
            "apspriešana, paziņojumi sekotājiem un pamatotu atbilžu publicēšana. Iestāžu "
            "darbinieki tiks apmācīti, un reizi gadā tiks publicēts pārskats par sabiedrības "
            "līdzdalību.",
            "other_actors": "Ministrijas; Nevalstisko organizāciju un Ministru kabineta "
            "sadarbības memoranda īstenošanas padome; biedrības un nodibinājumi",
        },
        "en": {
            "title": "Public participation in law-making on the TAP portal",
            "problem": "The public is often brought into drafting legislation too late, when "
            "the decision has in effect been made, and proposals submitted get no public "
            "answer.",
            "objective": "Make sure draft legislation is discussed early and every proposal "
            "gets a reasoned response.",
            "description": "The legislative drafts portal (TAP) will gain early consultation, "
            "notifications to followers and publication of reasoned responses. Institutions' "
            "staff will be trained, and a yearly report on public participation will be "
            "published.",
            "other_actors": "Ministries; the Council for the Implementation of the Memorandum "
            "of Cooperation between NGOs and the Cabinet; associations and foundations",
        },
    },
    milestones=(
        DemoMilestone(
            date(2022, 6, 1),
            date(2023, 6, 30),
            {
                "lv": "TAP portālā ieviesta agrīnā apspriešana un paziņojumi sekotājiem",
                "en": "Early consultation and notifications to followers on the TAP portal",
            },
        ),
        DemoMilestone(
            date(2023, 1, 1),
            date(2024, 12, 31),
            {
                "lv": "Pamatotas atbildes uz priekšlikumiem tiek publicētas portālā",
                "en": "Reasoned responses to proposals published on the portal",
            },
        ),
        DemoMilestone(
            date(2024, 1, 1),
            date(2025, 12, 31),
            {
                "lv": "Publicēts ikgadējs pārskats par sabiedrības līdzdalību",
                "en": "Yearly report on public participation published",
            },
        ),
    ),
    updates=(
        DemoUpdate(
            date(2023, 2, 14),
            Status.LIMITED,
            25,
            {
                "lv": "Agrīnās apspriešanas funkcija testēta ar trim ministrijām.",
                "en": "Early consultation has been tested with three ministries.",
            },
            {1: M.IN_PROGRESS},
        ),
        DemoUpdate(
            date(2024, 4, 10),
            Status.SUBSTANTIAL,
            60,
            {
                "lv": "Agrīnā apspriešana un paziņojumi sekotājiem darbojas visām iestādēm. "
                "Sākta pamatotu atbilžu publicēšana.",
                "en": "Early consultation and notifications to followers work for every "
                "institution. Publishing reasoned responses has begun.",
            },
            {1: M.COMPLETE, 2: M.IN_PROGRESS},
            ("https://tap.example.gov.lv/apspriesanas",),
        ),
        DemoUpdate(
            ago(64),
            Status.SUBSTANTIAL,
            90,
            {
                "lv": "Pamatotas atbildes tiek publicētas, un ir publicēts pirmais līdzdalības "
                "pārskats.",
                "en": "Reasoned responses are published, and the first participation report "
                "is out.",
            },
            {2: M.COMPLETE, 3: M.COMPLETE},
            ("https://tap.example.gov.lv/parskats",),
        ),
        DemoUpdate(
            ago(61),
            Status.SUBSTANTIAL,
            80,
            {
                "lv": "Labojums iepriekšējam ziņojumam: līdzdalības pārskats vēl nav publicēts, "
                "tas tiek saskaņots ar ministrijām. Izpilde ir 80 %, nevis 90 %.",
                "en": "Correction to the previous update: the participation report is not yet "
                "published; it is being agreed with the ministries. Progress is 80%, not 90%.",
            },
            {2: M.COMPLETE, 3: M.IN_PROGRESS},
            ("https://tap.example.gov.lv/parskats-projekts",),
            corrects=3,
        ),
    ),
    assessments=(
        DemoAssessment(
            date(2024, 9, 3),
            Assessed.SUBSTANTIAL,
            Opened.MARGINAL,
            {
                "lv": "Agrīnā apspriešana darbojas, taču tikai aptuveni pusei priekšlikumu ir "
                "publicēta pamatota atbilde.",
                "en": "Early consultation works, but only about half of the proposals have a "
                "published reasoned response.",
            },
        ),
    ),
)

# The mid-term refresh: LV9040 amended (a later end, weekly data), LV9047 added.
REFRESH = RefreshSpec(
    plan="lv-2022-2025",
    refreshed_on=date(2024, 1, 15),
    note={
        "lv": "Vidusposma pārskats kopā ar pilsonisko sabiedrību: viena apņemšanās grozīta, "
        "viena pievienota.",
        "en": "Mid-term review with civil society: one commitment amended, one added.",
    },
    amendments=(
        AmendmentSpec(
            reference="LV9040",
            end=date(2025, 12, 31),
            replace={
                "lv": ("katru mēnesi publicēs", "katru nedēļu publicēs"),
                "en": ("a monthly dataset", "a weekly dataset"),
            },
            reason={
                "lv": "Līgumu grozījumu datu publicēšanai jāpārbūvē Elektroniskā iepirkumu "
                "sistēma, tāpēc termiņš pagarināts līdz 2025. gada beigām; pēc lietotāju "
                "lūguma dati tiks publicēti katru nedēļu.",
                "en": "Publishing contract amendment data needs a rebuild of the Electronic "
                "Procurement System, so the deadline moves to the end of 2025; at users' "
                "request the data will be published every week.",
            },
        ),
    ),
    added=(
        AddedSpec(
            reference="LV9047",
            lead="smart-administration-ministry",
            start=date(2024, 2, 1),
            end=date(2025, 12, 31),
            values=frozenset({"access_to_information", "technology"}),
            texts={
                "lv": {
                    "title": "Valsts pārvaldē izmantoto algoritmu publisks reģistrs",
                    "problem": "Iestādes arvien biežāk izmanto algoritmus lēmumu sagatavošanā, "
                    "bet sabiedrība nezina, kur un kā tos izmanto.",
                    "objective": "Publicēt reģistru, kurā aprakstīti valsts pārvaldē izmantotie "
                    "algoritmi, to mērķi un atbildīgās iestādes.",
                    "description": "Ministrija apkopos iestāžu izmantotos algoritmus, vienosies "
                    "par apraksta veidni un publicēs reģistru atvērto datu portālā.",
                    "other_actors": "Valsts kanceleja; Datu valsts inspekcija; biedrības, kas "
                    "pēta mākslīgā intelekta izmantošanu",
                },
                "en": {
                    "title": "A public register of algorithms used in public administration",
                    "problem": "Agencies increasingly use algorithms to prepare decisions, but "
                    "the public does not know where and how they are used.",
                    "objective": "Publish a register describing the algorithms used in public "
                    "administration, their purposes and the agencies responsible.",
                    "description": "The ministry will collect the algorithms agencies use, agree "
                    "a template for describing them and publish the register on the open data "
                    "portal.",
                    "other_actors": "State Chancellery; Data State Inspectorate; NGOs that study "
                    "the use of artificial intelligence",
                },
            },
            reason={
                "lv": "Pievienota vidusposma pārskatā pēc pilsoniskās sabiedrības priekšlikuma.",
                "en": "Added at the mid-term review on a proposal from civil society.",
            },
            milestones=(
                DemoMilestone(
                    date(2024, 2, 1),
                    date(2024, 9, 30),
                    {
                        "lv": "Iestāžu aptauja par izmantotajiem algoritmiem un reģistra "
                        "apraksta veidne",
                        "en": "A survey of agencies on the algorithms they use, and a template "
                        "for the register's entries",
                    },
                ),
                DemoMilestone(
                    date(2024, 10, 1),
                    date(2025, 9, 30),
                    {
                        "lv": "Publicēts reģistra pirmais izdevums ar vismaz 20 algoritmiem",
                        "en": "First edition of the register published, with at least 20 "
                        "algorithms",
                    },
                ),
            ),
            updates=(
                DemoUpdate(
                    ago(200),
                    Status.LIMITED,
                    30,
                    {
                        "lv": "Aptauja pabeigta: 34 iestādes norādīja 57 algoritmus. Veidne "
                        "saskaņota ar pilsonisko sabiedrību.",
                        "en": "The survey is done: 34 agencies listed 57 algorithms. The "
                        "template was agreed with civil society.",
                    },
                    {1: M.COMPLETE, 2: M.IN_PROGRESS},
                ),
                DemoUpdate(
                    ago(25),
                    Status.SUBSTANTIAL,
                    60,
                    {
                        "lv": "Reģistra projektā aprakstīti 22 algoritmi; publicēšana plānota "
                        "pēc juridiskās pārbaudes.",
                        "en": "The draft register describes 22 algorithms; publication follows "
                        "a legal review.",
                    },
                    {2: M.IN_PROGRESS},
                ),
            ),
        ),
    ),
)

PLAN = DemoPlan(
    slug="lv-2022-2025",
    country="LV",
    number=5,
    period_start=date(2022, 1, 1),
    period_end=date(2025, 12, 31),
    coordinating_agency="state-chancellery",
    coordinator="koordinators@example.org",
    monitor="uzraugs@example.org",
    status=PlanStatus.IMPLEMENTATION,
    language="lv",
    refresh=REFRESH,
    documents=(ADOPTED_PLAN,),
    texts={
        "lv": {
            "title": "Latvijas piektais nacionālais atvērtās pārvaldības rīcības plāns 2022–2025",
            "summary": "Četru gadu rīcības plāns, ko koordinē Valsts kanceleja. Tas izstrādāts "
            "kopā ar pilsonisko sabiedrību un aptver publisko iepirkumu atklātību, lobēšanas "
            "atklātību, atvērtu pašvaldību darbu, atvērtos datus, sabiedrības līdzdalību un "
            "saprotamu valsts pārvaldes valodu. Nepabeigto apņemšanos īstenošana turpinās arī "
            "pēc 2025. gada.",
        },
        "en": {
            "title": "Latvia's fifth national open government action plan 2022–2025",
            "summary": "A four-year action plan coordinated by the State Chancellery. Written "
            "together with civil society, it covers open public procurement, lobbying "
            "transparency, open local government, open data, public participation and plain "
            "language in public administration. Work on unfinished commitments continues "
            "beyond 2025.",
        },
    },
    commitments=(
        PROCUREMENT,
        LOBBYING,
        LOCAL_GOVERNMENT,
        PLAIN_LANGUAGE,
        OPEN_DATA,
        PARTICIPATION,
    ),
)
