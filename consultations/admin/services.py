"""Admin writes: roles and agencies, each checked, committed once and audited."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields

from email_validator import EmailNotValidError, validate_email
from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError

from .. import permissions, security_log
from ..accounts.models import Role, RoleGrant, User, new_session_token
from ..agencies.countries import is_country
from ..agencies.models import Agency, AgencyText
from ..audit.services import record
from ..content import language_field
from ..errors import FieldRejected, PermissionDenied
from ..extensions import db
from ..i18n import site_languages

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ()./-]{3,38}$")
WEBSITE_PATTERN = re.compile(r"^https?://[^\s/$.?#][^\s]*\.[^\s]+$", re.IGNORECASE)


# A value the rules refuse; `field` names the form field it belongs to.
AdminRejected = FieldRejected


def search_users(query: str):
    """Users whose name or address contains `query`, newest first (a statement to paginate)."""
    statement = select(User).order_by(User.id.desc())
    query = query.strip().lower()
    if query:
        # autoescape: "%" and "_" in a search are plain characters, not wildcards.
        statement = statement.where(
            or_(
                func.lower(User.display_name).contains(query, autoescape=True),
                User.email.contains(query, autoescape=True),
            )
        )
    return statement


def list_agencies() -> list[Agency]:
    return list(db.session.scalars(select(Agency).order_by(Agency.slug)))


def _grant_snapshot(grant: RoleGrant) -> dict:
    return {
        "user_id": grant.user_id,
        "role": grant.role.value,
        "agency_id": grant.agency_id,
        "organisation": grant.organisation,
    }


def grant_role(
    actor: User, user: User, role: Role, agency: Agency | None, organisation: str | None
) -> RoleGrant:
    """Give `user` a role; coordinators need an agency and monitors an organisation."""
    if not permissions.can_change_roles(actor, user):
        raise PermissionDenied()
    if role == Role.COORDINATOR and agency is None:
        raise AdminRejected("agency", _("A coordinator needs an agency."))
    if role == Role.FORUM_SECRETARIAT and (agency is None or not agency.country):
        # The agency's country is the forum the secretariat keeps.
        raise AdminRejected("agency", _("A forum secretariat needs an agency of its country."))
    if role == Role.MONITOR and not (organisation or "").strip():
        raise AdminRejected("organisation", _("A monitor needs an organisation."))
    if role != Role.MONITOR:
        organisation = None
    grant = RoleGrant(
        role=role,
        agency=agency if role in (Role.COORDINATOR, Role.FORUM_SECRETARIAT) else None,
        organisation=organisation.strip() if organisation else None,
        granted_by_id=actor.id,
    )
    if any(_same_grant(existing, grant) for existing in user.roles):
        raise AdminRejected("role", _("This person already holds this role."))
    user.roles.append(grant)
    db.session.flush()
    record(actor, "role.grant", "user", user.id, after=_grant_snapshot(grant), public=False)
    db.session.commit()
    security_log.account_changed(
        "role.granted", actor.id, user.id, role=role, agency=grant.agency_id
    )
    return grant


def _same_grant(a: RoleGrant, b: RoleGrant) -> bool:
    return a.role == b.role and a.agency_id == (b.agency.id if b.agency else None)


def revoke_role(actor: User, grant: RoleGrant) -> None:
    """Take a role away; the person's sessions end so the change applies at once."""
    if not permissions.can_revoke_grant(actor, grant):
        raise PermissionDenied()
    user = grant.user
    role, agency_id = grant.role, grant.agency_id
    record(actor, "role.revoke", "user", user.id, before=_grant_snapshot(grant), public=False)
    db.session.delete(grant)
    user.session_token = new_session_token()
    db.session.commit()
    security_log.account_changed("role.withdrawn", actor.id, user.id, role=role, agency=agency_id)


@dataclass(frozen=True)
class AgencyDetails:
    """An agency's country and public contact details, as an admin types them."""

    country: str = ""
    contact_email: str = ""
    phone: str = ""
    website: str = ""
    postal_address: str = ""

    def cleaned(self) -> AgencyDetails:
        """Stripped values, checked; raises AdminRejected on the first field that is wrong."""
        values = {f.name: (getattr(self, f.name) or "").strip() for f in fields(self)}
        values["country"] = values["country"].upper()
        if not is_country(values["country"]):
            raise AdminRejected(
                "country", _("Choose the agency's country by its two-letter code, e.g. IL.")
            )
        if values["contact_email"]:
            try:
                validate_email(values["contact_email"], check_deliverability=False)
            except EmailNotValidError as error:
                message = _("Enter an e-mail address like name@example.org.")
                raise AdminRejected("contact_email", message) from error
        if values["phone"] and not PHONE_PATTERN.match(values["phone"]):
            raise AdminRejected(
                "phone", _("Use digits, spaces and + ( ) - only, e.g. +972 2 670 8888.")
            )
        if values["website"] and not WEBSITE_PATTERN.match(values["website"]):
            raise AdminRejected("website", _("Give the full address, starting with https://."))
        return AgencyDetails(**values)


def save_agency(
    actor: User,
    agency: Agency | None,
    slug: str,
    names: dict[str, str],
    details: AgencyDetails | None = None,
) -> Agency:
    """Create an agency or change its names (in any of the site's languages) and, when
    given, its country and contact details."""
    if not permissions.can_manage_agencies(actor):
        raise PermissionDenied()
    details = details.cleaned() if details is not None else None
    slug = slug.strip().lower()
    if not SLUG_PATTERN.match(slug):
        raise AdminRejected(
            "slug", _("Use lower-case Latin letters, digits and single hyphens only.")
        )
    names = {lang: name.strip() for lang, name in names.items() if name and name.strip()}
    if not names:
        raise AdminRejected(
            language_field("name"), _("Give the agency a name in at least one language.")
        )
    before = _agency_snapshot(agency) if agency else None
    agency = agency or Agency()
    agency.slug = slug
    if details is not None:
        for name, value in vars(details).items():
            setattr(agency, name, value or None)
    existing = {text.locale: text for text in agency.texts}
    for lang, name in names.items():
        if lang in existing:
            existing[lang].name = name
        else:
            agency.texts.append(AgencyText(locale=lang, name=name))
    for lang, text in existing.items():
        if lang not in names and lang in site_languages():  # others have no field to clear
            agency.texts.remove(text)
    db.session.add(agency)
    try:
        db.session.flush()
    except IntegrityError as error:
        db.session.rollback()
        raise AdminRejected("slug", _("Another agency already uses this address.")) from error
    action = "agency.update" if before else "agency.create"
    record(actor, action, "agency", agency.slug, before=before, after=_agency_snapshot(agency))
    db.session.commit()
    return agency


def _agency_snapshot(agency: Agency) -> dict:
    return {
        "slug": agency.slug,
        "names": {text.locale: text.name for text in agency.texts},
        **{f.name: getattr(agency, f.name) for f in fields(AgencyDetails)},
    }


def bootstrap_admin(user: User) -> None:
    """Make the first admin from the command line, where no admin exists to act."""
    if user.has_role(Role.ADMIN):
        return
    grant = RoleGrant(role=Role.ADMIN)
    user.roles.append(grant)
    db.session.flush()
    record(None, "role.grant", "user", user.id, after=_grant_snapshot(grant), public=False)
    db.session.commit()
