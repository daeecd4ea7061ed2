"""Demo content, made through the same services the site uses; safe to load twice."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import select

from .accounts import services as accounts
from .accounts import tokens
from .accounts.models import Role, User
from .admin import services as admin
from .agencies.models import Agency
from .extensions import db

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
        "he": "משרד הממשלה של לטביה",
        "hu": "Állami Kancellária",
    },
    "county-office": {
        "hu": "Megyei Kormányhivatal",
        "en": "County Government Office",
        "he": "משרד הממשלה המחוזי",
        "lv": "Apriņķa valdības birojs",
    },
}

# (e-mail, display name, language, role, agency slug, organisation)
PEOPLE = [
    ("admin@example.org", "Demo Admin", "en", Role.ADMIN, None, None),
    ("coordinator@example.org", "נועה לוי", "he", Role.COORDINATOR, "ict-authority", None),
    ("koordinators@example.org", "Jānis Ozols", "lv", Role.COORDINATOR, "state-chancellery", None),
    ("monitor@example.org", "Kovács Eszter", "hu", Role.MONITOR, None, "Civil Átláthatóság"),
    ("moderator@example.org", "Sam Moderator", "en", Role.MODERATOR, None, None),
    ("citizen@example.org", "דנה כהן", "he", None, None, None),
]


def ensure_user(email: str, name: str, password: str, language: str, roles: list[Role]) -> User:
    """The account for `email`, registered and verified through the account services."""
    user = accounts.find_by_email(email)
    if user is None:
        user = accounts.register(name, email, password, language)
        accounts.verify_email(tokens.verification_token(user))
    if Role.ADMIN in roles:
        admin.bootstrap_admin(user)
    return user


def load_demo() -> Iterator[str]:
    """Create the demo agencies and one account per role; yield what was made."""
    first_admin = ensure_user("admin@example.org", "Demo Admin", DEMO_PASSWORD, "en", [Role.ADMIN])
    agencies = {}
    for slug, names in AGENCIES.items():
        agency = db.session.scalar(select(Agency).where(Agency.slug == slug))
        agencies[slug] = agency or admin.save_agency(first_admin, None, slug, names)
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
