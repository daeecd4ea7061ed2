"""Demo content, made through the same services the site uses; safe to load twice.

`load_demo()` makes the agencies, one account per role (and a few more, so each country's
plan has its own coordinator and monitor), then three action plans with their commitments,
milestones, progress histories and independent assessments, and one plan still being drafted
(see `plans.py` for how, and `israel.py`, `latvia.py`, `hungary.py` for what); then the
citizens and consultations on the draft plan (`consultations.py`, `consultation_texts.py`).
Documents come with the records they belong to — the adopted Latvian plan, evidence files of
a progress update, a comment's attachment, the forum's signed minutes — made in code by
`files.py`, which also keeps an archived copy of an evidence link without fetching it.
"""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select

from ..accounts import services as accounts
from ..accounts import tokens
from ..accounts.models import Role, User
from ..admin import services as admin
from ..admin.services import AgencyDetails
from ..agencies.models import Agency
from ..clock import now
from ..extensions import db
from ..quality.records import record_missing_months
from . import hungary, israel, latvia, preflight
from .consultation_texts import CITIZENS
from .consultations import load_consultations
from .files import keep_archived_copy
from .forum import load_forum
from .plans import load_plan
from .proposals import load_proposals

DEMO_PASSWORD = "open-government-demo"

AGENCIES = {
    "ict-authority": {
        "he": "רשות התקשוב הממשלתית",
        "en": "Government ICT Authority",
        "lv": "Valdības IKT iestāde",
        "hu": "Kormányzati Informatikai Hatóság",
    },
    "state-chancellery": {
        "lv": "Valsts kanceleja",
        "en": "State Chancellery",
        "he": "קנצלריית המדינה של לטביה",
        "hu": "Állami Kancellária",
    },
    "county-office": {
        "hu": "Megyei Kormányhivatal",
        "en": "County Government Office",
        "he": "משרד הממשלה המחוזי",
        "lv": "Apriņķa valdības birojs",
    },
    **israel.AGENCIES,
    **latvia.AGENCIES,
    **hungary.AGENCIES,
}

# Every demo agency's country, and the public contact details of the coordinating bodies.
DETAILS = {
    **{slug: AgencyDetails(country="IL") for slug in israel.AGENCIES},
    **{slug: AgencyDetails(country="LV") for slug in latvia.AGENCIES},
    **{slug: AgencyDetails(country="HU") for slug in hungary.AGENCIES},
    "ict-authority": AgencyDetails(
        country="IL",
        contact_email="opengov@ict-authority.example.org",
        phone="+972 2 000 0000",
        website="https://ict-authority.example.org/",
        postal_address="רחוב כנפי נשרים 0\nירושלים",
    ),
    "state-chancellery": AgencyDetails(
        country="LV",
        contact_email="atverta.parvaldiba@state-chancellery.example.org",
        phone="+371 6700 0000",
        website="https://state-chancellery.example.org/",
        postal_address="Brīvības bulvāris 0\nRīga, LV-1000",
    ),
    "county-office": AgencyDetails(
        country="HU",
        contact_email="nyilt@county-office.example.org",
        phone="+36 1 000 0000",
        website="https://county-office.example.org/",
        postal_address="Fő utca 0.\n1000 Budapest",
    ),
}

# (e-mail, display name, language, role, agency slug, organisation)
PEOPLE = [
    ("admin@example.org", "Demo Admin", "en", Role.ADMIN, None, None),
    ("coordinator@example.org", "נועה לוי", "he", Role.COORDINATOR, "ict-authority", None),
    ("koordinators@example.org", "Jānis Ozols", "lv", Role.COORDINATOR, "state-chancellery", None),
    (
        "koordinator@example.org",
        "Nagy Péter",
        "hu",
        Role.COORDINATOR,
        hungary.PLAN.coordinating_agency,
        None,
    ),
    ("monitor@example.org", "Kovács Eszter", "hu", Role.MONITOR, None, "Civil Átláthatóság"),
    ("tzofe@example.org", "יואב בן דוד", "he", Role.MONITOR, None, "המרכז לשקיפות אזרחית"),
    ("uzraugs@example.org", "Līga Bērziņa", "lv", Role.MONITOR, None, "Biedrība «Pārredzamība»"),
    ("moderator@example.org", "Sam Moderator", "en", Role.MODERATOR, None, None),
    ("mazkirut@example.org", "מיכל אברהם", "he", Role.FORUM_SECRETARIAT, "ict-authority", None),
    ("citizen@example.org", "דנה כהן", "he", None, None, None),
]

PLANS = (israel.PLAN, latvia.PLAN, hungary.PLAN, israel.DRAFT_PLAN)


def ensure_user(email: str, name: str, password: str, language: str, roles: list[Role]) -> User:
    """The account for `email`, registered and verified through the account services."""
    user = accounts.find_by_email(email)
    if user is None:
        user = accounts.register(name, email, password, language)
        accounts.verify_email(tokens.verification_token(user))
    if Role.ADMIN in roles:
        admin.bootstrap_admin(user)
    return user


def ensure_agency(actor: User, slug: str, names: dict[str, str], details: AgencyDetails) -> Agency:
    """The agency `slug` with exactly these names and details, saved only when it differs."""
    agency = db.session.scalar(select(Agency).where(Agency.slug == slug))
    if (
        agency is not None
        and {text.locale: text.name for text in agency.texts} == names
        and all((getattr(agency, key) or "") == value for key, value in vars(details).items())
    ):
        return agency
    return admin.save_agency(actor, agency, slug, names, details)


class DemoBlocked(Exception):
    """Records already in the database clash with the demo; nothing was written."""


def load_demo() -> Iterator[str]:
    """Create the demo agencies, accounts and action plans; yield what was made. Raise
    DemoBlocked, before writing anything, when other records stand in the way."""
    clashes = preflight.conflicts(PLANS, PEOPLE)
    if clashes:
        raise DemoBlocked(clashes)
    loaded_at = now()
    first_admin = ensure_user("admin@example.org", "Demo Admin", DEMO_PASSWORD, "en", [Role.ADMIN])
    agencies = {
        slug: ensure_agency(first_admin, slug, names, DETAILS[slug])
        for slug, names in AGENCIES.items()
    }
    yield f"Agencies: {', '.join(agencies)}"
    yield f"Demo accounts (password for all: {DEMO_PASSWORD}):"
    for email, name, language, role, agency_slug, organisation in PEOPLE:
        user = ensure_user(email, name, DEMO_PASSWORD, language, [role] if role else [])
        agency = agencies.get(agency_slug)
        if (
            role
            and role != Role.ADMIN
            and not any(
                g.role == role and g.agency_id == (agency.id if agency else None)
                for g in user.roles
            )
        ):
            admin.grant_role(first_admin, user, role, agency, organisation)
        yield f"  {email:28} {role.value if role else 'citizen'}"
    for email, name, language in CITIZENS:
        ensure_user(email, name, DEMO_PASSWORD, language, [])
    yield f"  and {len(CITIZENS)} more citizens (see consultations/demo/consultation_texts.py)"
    for plan in PLANS:
        yield from load_plan(first_admin, plan, loaded_at)
    for url, page, taken_at in latvia.ARCHIVED_PAGES:
        keep_archived_copy(url, page, taken_at)
    yield f"Archived copies of evidence links: {len(latvia.ARCHIVED_PAGES)} (made, never fetched)"
    yield from load_consultations(loaded_at)
    # The demo's past months are kept as the monthly command would keep them.
    kept = record_missing_months(now())
    yield f"Service quality kept for {len(kept)} closed month(s)"
    yield from load_proposals(loaded_at)
    yield from load_forum(first_admin, accounts.find_by_email("mazkirut@example.org"), loaded_at)
