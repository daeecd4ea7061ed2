"""Who may do what: every role against every staff action, and every predicate, by table."""

from __future__ import annotations

import itertools
from datetime import timedelta
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from flask_login import AnonymousUserMixin

from consultations import permissions
from consultations.accounts.models import Role, RoleGrant, User
from consultations.agencies.models import Agency
from consultations.audit.models import AuditEvent
from consultations.clock import now
from consultations.consultation.models import Consultation
from consultations.extensions import db
from consultations.plans.models import Commitment, PlanStatus

from helpers import login

ROLES = ["anonymous", "citizen", "coordinator", "monitor", "moderator", "admin"]

# action: (method, path template, form data)
ACTIONS = {
    "list users": ("GET", "/en/staff/users", None),
    "see user": ("GET", "/en/staff/users/{target}", None),
    "grant role": ("POST", "/en/staff/users/{target}", {"role": "monitor", "organisation": "X"}),
    "revoke role": ("POST", "/en/staff/roles/{grant}/revoke", {}),
    "list agencies": ("GET", "/en/staff/agencies", None),
    "create agency": (
        "POST",
        "/en/staff/agencies/new",
        {"slug": "new-body", "name_en": "New", "country": "IL"},
    ),
    "edit agency": (
        "POST",
        "/en/staff/agencies/{agency}",
        {"slug": "renamed", "name_en": "R", "country": "LV"},
    ),
}


def snapshot() -> dict:
    """Everything a staff action could write."""
    return {
        "grants": sorted(
            (g.user_id, g.role.value, g.agency_id, g.organisation)
            for g in db.session.scalars(db.select(RoleGrant))
        ),
        "agencies": sorted(
            (a.slug, a.country, tuple(sorted((t.locale, t.name) for t in a.texts)))
            for a in db.session.scalars(db.select(Agency))
        ),
        "audit": db.session.scalar(db.select(db.func.count(AuditEvent.id))),
    }


@pytest.mark.parametrize(("role", "action"), list(itertools.product(ROLES, ACTIONS)))
def test_staff_actions_by_role(client, app_ctx, make_user, make_agency, role, action):
    agency = make_agency("existing-body", en="Existing body")
    target = make_user(name="Target Person", roles=["moderator"])
    if role != "anonymous":
        actor = make_user(name="Actor", roles=[] if role == "citizen" else [role], agency=agency)
        assert login(client, actor).status_code == 302
    method, template, data = ACTIONS[action]
    path = template.format(target=target.id, grant=target.roles[0].id, agency=agency.id)
    db.session.expire_all()
    before = snapshot()

    response = client.open(path, method=method, data=data)

    db.session.expire_all()
    if role == "admin":
        assert response.status_code == (200 if method == "GET" else 302)
        if method == "POST":
            assert snapshot() != before
            assert snapshot()["audit"] == before["audit"] + 1
        return
    if role == "anonymous":
        assert response.status_code == 302
        location = urlsplit(response.headers["Location"])
        assert location.path == "/en/login"
    else:
        assert response.status_code == 403
        assert "You do not have permission to do this." in response.get_data(as_text=True)
    assert snapshot() == before


# Drafting in a plan by role, where the plan is Israel's: who may, and nobody else.
PLAN_ROLES = [
    "anonymous",
    "citizen",
    "coordinator",
    "coordinator abroad",
    "national coordinator",
    "monitor",
    "moderator",
    "admin",
]
PLAN_ACTIONS = {
    "draft commitment": {"coordinator", "national coordinator"},
    "create consultation": {"coordinator", "national coordinator"},
    "open import page": {"admin", "coordinator", "national coordinator"},
}


def _plan_request(action: str, plan, agency) -> tuple[str, str, dict | None]:
    if action == "draft commitment":
        data = {
            "reference": "IL0777",
            "lead_agency": str(agency.id),
            "source_locale": "en",
            "title_en": "Open budget data",
        }
        return "POST", f"/en/staff/plans/{plan.slug}/commitments/new", data
    if action == "create consultation":
        opens = (now() + timedelta(days=2)).date()
        data = {
            "plan": str(plan.id),
            "agency": str(agency.id),
            "slug": "budget-draft",
            "opens_on": opens.isoformat(),
            "opens_time": "09:00",
            "closes_on": (opens + timedelta(days=30)).isoformat(),
            "closes_time": "23:59",
            "title_en": "Budget draft",
            "heading_en": "Aim",
            "body_en": "Publish every budget line.",
        }
        return "POST", "/en/staff/consultations/new", data
    return "GET", f"/en/staff/plans/{plan.slug}/import", None


def plan_rows() -> tuple[int, int, int]:
    return (
        db.session.scalar(db.select(db.func.count(Commitment.id))),
        db.session.scalar(db.select(db.func.count(Consultation.id))),
        db.session.scalar(db.select(db.func.count(AuditEvent.id))),
    )


@pytest.mark.parametrize(("role", "action"), list(itertools.product(PLAN_ROLES, PLAN_ACTIONS)))
def test_plan_actions_by_role(client, app_ctx, make_user, make_agency, make_plan, role, action):
    national_body = make_agency("national-body", country="IL")
    home = make_agency("home-agency", country="IL")
    abroad = make_agency("abroad-agency", country="LV")
    plan = make_plan("il-draft", status=PlanStatus.DRAFTING, country="IL", agency=national_body)
    agency = {"coordinator abroad": abroad, "national coordinator": national_body}.get(role, home)
    if role != "anonymous":
        roles = {"citizen": [], "coordinator abroad": ["coordinator"]}.get(role, [role])
        roles = ["coordinator"] if role == "national coordinator" else roles
        assert login(client, make_user(roles=roles, agency=agency)).status_code == 302
    method, path, data = _plan_request(action, plan, agency)
    before = plan_rows()

    response = client.open(path, method=method, data=data)

    if role in PLAN_ACTIONS[action]:
        assert response.status_code == (200 if method == "GET" else 302), response.get_data(
            as_text=True
        )
        if method == "POST":
            assert plan_rows() != before
        return
    if role == "anonymous":
        assert response.status_code == 302
        assert urlsplit(response.headers["Location"]).path == "/en/login"
    else:
        assert response.status_code == 403
    assert plan_rows() == before


def test_staff_navigation_is_shown_only_to_admins(app, app_ctx, make_user):
    for role in ROLES[1:]:
        client = app.test_client()
        login(client, make_user(roles=[] if role == "citizen" else [role]))
        page = client.get("/en/").get_data(as_text=True)
        assert ("/en/staff/users" in page) == (role == "admin"), role
        assert ("/en/staff/agencies" in page) == (role == "admin"), role


# The predicates themselves, with people and objects that never touch the database.

_ids = itertools.count(1)

# The plans are Israel's; ABROAD is an agency of Latvia.
AGENCY, OTHER_AGENCY, ABROAD, NATIONAL_BODY = 1, 2, 3, 9
COUNTRY_OF = {AGENCY: "IL", OTHER_AGENCY: "IL", ABROAD: "LV", NATIONAL_BODY: "IL"}


def person(*roles: str, agencies: tuple[int, ...] = (), organisation: str = "Watchdog") -> User:
    user = User(id=next(_ids), email="p@example.org", display_name="P", language="en")
    for role in roles:
        if role == "coordinator":
            for agency_id in agencies:
                agency = Agency(id=agency_id, country=COUNTRY_OF[agency_id])
                user.roles.append(
                    RoleGrant(role=Role.COORDINATOR, agency_id=agency_id, agency=agency)
                )
        else:
            organisation_value = organisation if role == "monitor" else None
            user.roles.append(RoleGrant(role=Role(role), organisation=organisation_value))
    return user


PEOPLE = {
    "nobody": None,
    "anonymous": AnonymousUserMixin(),
    "citizen": person(),
    "coordinator": person("coordinator", agencies=(AGENCY,)),
    "coordinator abroad": person("coordinator", agencies=(ABROAD,)),
    "national coordinator": person("coordinator", agencies=(NATIONAL_BODY,)),
    "monitor": person("monitor"),
    "other monitor": person("monitor", organisation="Another watchdog"),
    "moderator": person("moderator"),
    "admin": person("admin"),
    "admin and monitor": person("admin", "monitor"),
}
STAFF = {
    "coordinator",
    "coordinator abroad",
    "national coordinator",
    "monitor",
    "other monitor",
    "moderator",
    "admin",
    "admin and monitor",
}
ADMINS = {"admin", "admin and monitor"}
MONITORS = {"monitor", "other monitor", "admin and monitor"}


@pytest.mark.parametrize(
    ("predicate", "allowed"),
    [
        ("is_admin", ADMINS),
        ("can_manage_users", ADMINS),
        ("can_manage_agencies", ADMINS),
        ("can_set_service_standards", ADMINS),
        ("can_manage_plans", ADMINS),
        ("can_access_staff", STAFF),
        ("can_see_translation_status", STAFF),
        ("can_coordinate", {"coordinator", "coordinator abroad", "national coordinator"}),
        ("can_monitor", MONITORS),
        ("can_delete_account", {"citizen"}),
    ],
)
@pytest.mark.parametrize("who", PEOPLE)
def test_person_predicates(predicate, allowed, who):
    assert getattr(permissions, predicate)(PEOPLE[who]) is (who in allowed)


@pytest.mark.parametrize("who", PEOPLE)
def test_only_admins_change_roles_of_an_existing_person(who):
    assert permissions.can_change_roles(PEOPLE[who], person()) is (who in ADMINS)
    assert permissions.can_change_roles(PEOPLE[who], None) is False


def test_admin_revokes_any_grant_except_their_own_admin_role():
    admin = person("admin", "moderator")
    own_admin, own_moderator = admin.roles
    other = person("admin")
    for grant in (own_moderator, other.roles[0], PEOPLE["monitor"].roles[0]):
        grant.user_id = 999 if grant is not own_moderator else admin.id
    own_admin.user_id = admin.id
    other.roles[0].user_id = other.id

    assert permissions.can_revoke_grant(admin, own_admin) is False
    assert permissions.can_revoke_grant(admin, own_moderator) is True
    assert permissions.can_revoke_grant(admin, other.roles[0]) is True
    assert permissions.can_revoke_grant(admin, PEOPLE["monitor"].roles[0]) is True


@pytest.mark.parametrize("who", sorted(set(PEOPLE) - ADMINS))
def test_non_admins_revoke_nothing(who):
    grant = RoleGrant(role=Role.MODERATOR, user_id=999)
    assert permissions.can_revoke_grant(PEOPLE[who], grant) is False


def plan(status: PlanStatus):
    return SimpleNamespace(status=status, country="IL", coordinating_agency_id=NATIONAL_BODY)


def commitment(status: PlanStatus, agency_id: int = AGENCY):
    return SimpleNamespace(plan=plan(status), lead_agency_id=agency_id)


DRAFTING = {PlanStatus.DRAFTING, PlanStatus.CONSULTATION}
REPORTING = {PlanStatus.ADOPTED, PlanStatus.IMPLEMENTATION, PlanStatus.CLOSED}
COORDINATORS_OF_AGENCY = {"coordinator", "national coordinator"}


@pytest.mark.parametrize("status", list(PlanStatus))
@pytest.mark.parametrize("who", PEOPLE)
def test_commitment_predicates(status, who):
    user = PEOPLE[who]
    own = commitment(status, AGENCY)
    others = commitment(status, OTHER_AGENCY)
    covers_own = who in COORDINATORS_OF_AGENCY
    covers_others = who == "national coordinator"

    assert permissions.can_edit_commitment(user, own) is (status in DRAFTING and covers_own)
    assert permissions.can_edit_commitment(user, others) is (status in DRAFTING and covers_others)
    assert permissions.can_draft_commitment(user, own.plan, AGENCY) is (
        status in DRAFTING and covers_own
    )
    assert permissions.can_draft_commitment(user, own.plan, None) is (
        status in DRAFTING and covers_others
    )
    assert permissions.can_draft_in_plan(user, own.plan) is (status in DRAFTING and covers_own)
    assert permissions.can_publish_update(user, own) is (status in REPORTING and covers_own)
    assert permissions.can_publish_update(user, others) is (status in REPORTING and covers_others)
    assert permissions.can_publish_assessment(user, own) is (
        status in REPORTING and who in MONITORS
    )
    assert permissions.is_national_coordinator(user, own.plan) is covers_others
    assert permissions.can_act_in_plan(user, own.plan) is covers_own
    assert permissions.can_create_consultation(user, own.plan, AGENCY) is (
        status in DRAFTING and covers_own
    )
    assert permissions.can_create_consultation(user, own.plan, ABROAD) is (
        status in DRAFTING and covers_others
    )
    # Imports go into plans in any status: admins for every agency, coordinators for theirs.
    assert permissions.can_import_plan(user, own.plan) is (who in ADMINS or covers_own)
    assert permissions.can_import_commitment(user, own.plan, AGENCY) is (
        who in ADMINS or covers_own
    )
    assert permissions.can_import_commitment(user, own.plan, OTHER_AGENCY) is (
        who in ADMINS or covers_others
    )
    assert permissions.can_publish_design_assessment(user, own) is (
        status in DRAFTING and who in MONITORS
    )


@pytest.mark.parametrize("status", sorted(DRAFTING))
def test_coordinator_abroad_covers_even_their_own_agencys_commitment_in_another_country(status):
    """A Latvian agency named as lead of an Israeli commitment gives its coordinator nothing."""
    user = PEOPLE["coordinator abroad"]
    theirs = commitment(status, ABROAD)
    assert permissions.covers(user, theirs.plan, ABROAD) is False
    assert permissions.can_edit_commitment(user, theirs) is False
    assert permissions.can_draft_commitment(user, theirs.plan, ABROAD) is False
    assert (
        permissions.can_edit_consultation(user, SimpleNamespace(plan=theirs.plan, agency_id=ABROAD))
        is False
    )


@pytest.mark.parametrize(
    ("agency", "belongs"),
    [
        (SimpleNamespace(id=AGENCY, country="IL"), True),
        (SimpleNamespace(id=ABROAD, country="LV"), False),
        (SimpleNamespace(id=5, country=None), False),
        # The coordinating body takes part in its plan whatever its country.
        (SimpleNamespace(id=NATIONAL_BODY, country="LV"), True),
        (None, False),
    ],
)
def test_agencies_belong_to_the_plans_of_their_country(agency, belongs):
    assert permissions.belongs_to_plan(agency, plan(PlanStatus.DRAFTING)) is belongs


@pytest.mark.parametrize("status", sorted(REPORTING))
@pytest.mark.parametrize("who", PEOPLE)
def test_monitors_correct_only_their_own_organisations_assessments(status, who):
    assessment = SimpleNamespace(commitment=commitment(status), organisation="Watchdog")
    expected = who in {"monitor", "admin and monitor"}
    assert permissions.can_correct_assessment(PEOPLE[who], assessment) is expected


def test_every_predicate_is_available_to_templates():
    names = {name for name in dir(permissions) if name.startswith(("can_", "is_"))}
    assert names <= set(permissions.TEMPLATE_PREDICATES)
    assert "require" not in permissions.TEMPLATE_PREDICATES


def test_require_stops_with_403(app):
    from werkzeug.exceptions import Forbidden

    with app.test_request_context():
        permissions.require(True)
        with pytest.raises(Forbidden):
            permissions.require(False)
