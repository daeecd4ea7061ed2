"""Who may do what in the staff area: every role against every staff action, from one table.

A refused action answers 403 (or sends an anonymous visitor to log in) and writes nothing:
the row counts of every accountability table and of the audit log stay as they were.
"""

from __future__ import annotations

import pytest
from plans.staff_world import (
    ADMIN_ACTIONS,
    COORDINATOR_ACTIONS,
    MONITOR_ACTIONS,
    build_world,
    client_for,
    last_audit,
    row_counts,
)

ALL_ACTIONS = COORDINATOR_ACTIONS + MONITOR_ACTIONS + ADMIN_ACTIONS


@pytest.fixture
def world(make_agency, make_user, make_plan, make_commitment, make_update, make_assessment):
    return build_world(
        make_agency, make_user, make_plan, make_commitment, make_update, make_assessment
    )


def own_plan(action) -> str:
    return "draft" if action.stage == "draft" else "adopted"


def other_plan(action) -> str:
    return "other_draft" if action.stage == "draft" else "other_adopted"


def assert_succeeds(app, world, user_key: str, action, key: str) -> None:
    before = row_counts()
    url, data = action.call(world, key)
    response = client_for(app, world.users[user_key]).post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    after = row_counts()
    assert after["audit_events"] == before["audit_events"] + 1
    assert last_audit().action == action.audit
    if action.adds:
        assert after[action.adds] == before[action.adds] + 1


def assert_refused(app, world, user_key: str | None, action, key: str, status: int = 403):
    before = row_counts()
    url, data = action.call(world, key)
    user = world.users[user_key] if user_key else None
    client = client_for(app, user)
    # Any coordinator may open the new-commitment form, to draft for an agency they cover.
    if not (action.name == "create commitment" and user and user.coordinated_agency_ids()):
        assert client.get(url).status_code == status
    response = client.post(url, data=data)
    assert response.status_code == status
    assert row_counts() == before
    return response


@pytest.mark.parametrize("action", COORDINATOR_ACTIONS, ids=lambda a: a.name)
def test_lead_agencys_coordinator_may_act(app, world, action):
    assert_succeeds(app, world, "coordinator_b", action, own_plan(action))


@pytest.mark.parametrize("action", COORDINATOR_ACTIONS, ids=lambda a: a.name)
def test_coordinator_cannot_act_on_other_agencys_commitment(app, world, action):
    assert_refused(app, world, "coordinator_a", action, own_plan(action))


def test_coordinator_cannot_name_an_agency_they_do_not_cover_as_lead(app, world):
    url = f"/en/staff/plans/{world.draft_plan.slug}/commitments/new"
    from plans.staff_world import commitment_form

    before = row_counts()
    client = client_for(app, world.users["coordinator_a"])
    assert client.get(url).status_code == 200  # may draft for their own agency
    response = client.post(url, data=commitment_form(world, world.agency_b))
    assert response.status_code == 403
    assert row_counts() == before


@pytest.mark.parametrize("action", COORDINATOR_ACTIONS, ids=lambda a: a.name)
def test_coordinator_of_another_countrys_agency_cannot_act_even_where_it_is_named_lead(
    app, world, action
):
    key = "abroad_draft" if action.stage == "draft" else "abroad_adopted"
    assert_refused(app, world, "coordinator_abroad", action, key)
    assert_refused(app, world, "coordinator_abroad", action, own_plan(action))


def test_coordinator_of_another_countrys_agency_cannot_open_the_new_commitment_form(app, world):
    from plans.staff_world import commitment_form

    url = f"/en/staff/plans/{world.draft_plan.slug}/commitments/new"
    before = row_counts()
    client = client_for(app, world.users["coordinator_abroad"])
    assert client.get(url).status_code == 403
    assert client.post(url, data=commitment_form(world, world.abroad)).status_code == 403
    assert row_counts() == before


def test_national_coordinator_cannot_name_another_countrys_agency_as_lead(app, world):
    from plans.staff_world import commitment_form

    url = f"/en/staff/plans/{world.draft_plan.slug}/commitments/new"
    before = row_counts()
    client = client_for(app, world.users["national"])
    assert f'value="{world.abroad.id}"' not in client.get(url).get_data(as_text=True)
    assert client.post(url, data=commitment_form(world, world.abroad)).status_code == 403
    assert row_counts() == before


@pytest.mark.parametrize("action", COORDINATOR_ACTIONS, ids=lambda a: a.name)
def test_national_coordinator_may_act_on_every_commitment_of_their_plan(app, world, action):
    assert_succeeds(app, world, "national", action, own_plan(action))


@pytest.mark.parametrize("action", COORDINATOR_ACTIONS, ids=lambda a: a.name)
def test_national_coordinator_cannot_act_on_another_plans_commitment(app, world, action):
    assert_refused(app, world, "national", action, other_plan(action))


@pytest.mark.parametrize("role", ["citizen", "monitor", "moderator", "admin"])
@pytest.mark.parametrize("action", COORDINATOR_ACTIONS, ids=lambda a: a.name)
def test_people_without_a_coordinator_grant_cannot_act_as_coordinators(app, world, action, role):
    assert_refused(app, world, role, action, own_plan(action))


@pytest.mark.parametrize("action", ALL_ACTIONS, ids=lambda a: a.name)
def test_anonymous_visitors_are_sent_to_log_in(app, world, action):
    response = assert_refused(app, world, None, action, own_plan(action), status=302)
    assert "/en/login" in response.headers["Location"]


@pytest.mark.parametrize("action", MONITOR_ACTIONS, ids=lambda a: a.name)
def test_monitor_may_assess_any_commitment_of_an_adopted_plan(app, world, action):
    assert_succeeds(app, world, "monitor", action, "adopted")
    assert_succeeds(app, world, "monitor", action, "other_adopted")


@pytest.mark.parametrize("role", ["coordinator_b", "national", "citizen", "moderator", "admin"])
@pytest.mark.parametrize("action", MONITOR_ACTIONS, ids=lambda a: a.name)
def test_only_monitors_publish_assessments(app, world, action, role):
    assert_refused(app, world, role, action, "adopted")


def test_monitor_cannot_correct_another_organisations_assessment(app, world, make_assessment):
    from plans.staff_world import MONITOR_ACTIONS as actions

    world.assessments["adopted"] = make_assessment(
        world.commitments["adopted"], organisation="Another watchdog"
    )
    assert_refused(app, world, "monitor", actions[1], "adopted")


def test_monitor_cannot_assess_before_adoption(app, world):
    url = f"/en/staff/commitments/{world.commitments['draft'].reference}/assessments/new"
    client = client_for(app, world.users["monitor"])
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("action", ADMIN_ACTIONS, ids=lambda a: a.name)
def test_admin_manages_plans(app, world, action):
    assert_succeeds(app, world, "admin", action, "draft")


@pytest.mark.parametrize("role", ["national", "coordinator_b", "monitor", "moderator", "citizen"])
@pytest.mark.parametrize("action", ADMIN_ACTIONS, ids=lambda a: a.name)
def test_only_admins_manage_plans(app, world, action, role):
    assert_refused(app, world, role, action, "draft")


@pytest.mark.parametrize("action", COORDINATOR_ACTIONS[:4], ids=lambda a: a.name)
def test_commitment_cannot_be_edited_after_adoption(app, world, action):
    assert_refused(app, world, "coordinator_b", action, "adopted")
    assert_refused(app, world, "national", action, "adopted")


@pytest.mark.parametrize("action", COORDINATOR_ACTIONS[4:], ids=lambda a: a.name)
def test_no_update_is_published_before_adoption(app, world, action, make_update):
    world.updates["draft"] = make_update(world.commitments["draft"])
    assert_refused(app, world, "coordinator_b", action, "draft")
    assert_refused(app, world, "national", action, "draft")


@pytest.mark.parametrize(
    ("role", "shown", "hidden"),
    [
        ("coordinator_b", ["/en/staff/commitments"], ["/en/staff/plans", "/en/staff/assessments"]),
        ("monitor", ["/en/staff/assessments"], ["/en/staff/plans", "/en/staff/commitments"]),
        ("admin", ["/en/staff/plans"], ["/en/staff/commitments", "/en/staff/assessments"]),
        ("citizen", [], ["/en/staff/plans", "/en/staff/commitments", "/en/staff/assessments"]),
    ],
)
def test_staff_navigation_shows_only_the_pages_a_person_may_use(app, world, role, shown, hidden):
    client = client_for(app, world.users[role])
    page = client.get("/en/").get_data(as_text=True)
    for link in shown:
        assert f'href="{link}"' in page
        assert client.get(link).status_code == 200
    for link in hidden:
        assert f'href="{link}"' not in page
        assert client.get(link).status_code == 403


def test_my_commitments_lists_only_what_the_person_covers_in_their_country(app, world):
    abroad = client_for(app, world.users["coordinator_abroad"]).get("/en/staff/commitments")
    assert abroad.status_code == 200
    assert "IL0005" not in abroad.get_data(as_text=True)
    own = client_for(app, world.users["coordinator_b"]).get("/en/staff/commitments")
    assert "IL0001" in own.get_data(as_text=True)
