"""Admins find people and grant or revoke their roles; every change is audited."""

from consultations.accounts.models import Role, RoleGrant, User
from consultations.audit.models import AuditEvent
from consultations.audit.services import verify_chain
from consultations.extensions import db

from helpers import login


def grants_of(user) -> list[tuple[str, int | None, str | None]]:
    rows = db.session.scalars(db.select(RoleGrant).where(RoleGrant.user_id == user.id))
    return sorted((g.role.value, g.agency_id, g.organisation) for g in rows)


def audit_events() -> list[AuditEvent]:
    return list(db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id)))


def grant(client, person, role, agency="", organisation=""):
    return client.post(
        f"/en/staff/users/{person.id}",
        data={"role": role, "agency": str(agency), "organisation": organisation},
    )


def test_admin_finds_people_by_name(client, app_ctx, make_user):
    login(client, make_user(name="Site Admin", roles=["admin"]))
    make_user(name="Dana Cohen", email="dana@example.org")
    make_user(name="Miriam Peretz", email="miriam@example.org")

    page = client.get("/en/staff/users?q=COHEN").get_data(as_text=True)
    assert "Dana Cohen" in page and "Miriam Peretz" not in page
    assert "1 person found." in page


def test_admin_finds_people_by_address(client, app_ctx, make_user):
    login(client, make_user(name="Site Admin", roles=["admin"]))
    make_user(name="Dana Cohen", email="dana@example.org")
    make_user(name="Miriam Peretz", email="miriam@gov.example")

    page = client.get("/en/staff/users?q=Gov.Example").get_data(as_text=True)
    assert "Miriam Peretz" in page and "Dana Cohen" not in page


def test_search_treats_wildcards_as_plain_characters(client, app_ctx, make_user):
    login(client, make_user(name="Site Admin", roles=["admin"]))
    make_user(name="Dana Cohen")
    make_user(name="Fifty_Percent 50%")

    for query in ("_", "%"):
        page = client.get("/en/staff/users", query_string={"q": query}).get_data(as_text=True)
        assert "Fifty_Percent" in page and "Dana Cohen" not in page, query


def test_user_list_is_paginated(client, app_ctx, make_user):
    login(client, make_user(name="Site Admin", roles=["admin"]))
    for number in range(30):
        make_user(name=f"Citizen {number:02d}")

    first = client.get("/en/staff/users").get_data(as_text=True)
    assert "31 people found." in first
    assert first.count('href="/en/staff/users/') == 25
    assert 'rel="next" href="/en/staff/users?page=2"' in first
    second = client.get("/en/staff/users?page=2").get_data(as_text=True)
    assert second.count('href="/en/staff/users/') == 6
    assert "Site Admin" in second  # newest first: the admin was made first
    assert client.get("/en/staff/users?page=99").status_code == 200


def test_pagination_keeps_the_search(client, app_ctx, make_user):
    login(client, make_user(name="Site Admin", roles=["admin"]))
    for number in range(27):
        make_user(name=f"Citizen {number:02d}")
    page = client.get("/en/staff/users?q=citizen").get_data(as_text=True)
    assert "q=citizen" in page.split('rel="next"')[1].split(">")[0]


def test_admin_grants_moderator_role_and_it_is_audited(client, app_ctx, make_user):
    admin = make_user(name="Site Admin", roles=["admin"])
    person = make_user(name="Dana Cohen")
    login(client, admin)

    response = grant(client, person, "moderator")

    assert response.status_code == 302
    assert "The role is granted." in client.get(response.headers["Location"]).get_data(as_text=True)
    assert grants_of(person) == [("moderator", None, None)]
    (event,) = audit_events()
    assert (event.actor_id, event.actor_name, event.action) == (
        admin.id,
        "Site Admin",
        "role.grant",
    )
    assert (event.target_type, event.target_id) == ("user", str(person.id))
    assert event.before is None
    assert event.after == {
        "user_id": person.id,
        "role": "moderator",
        "agency_id": None,
        "organisation": None,
    }
    assert verify_chain() is None


def test_coordinator_role_needs_an_agency(client, app_ctx, make_user):
    login(client, make_user(roles=["admin"]))
    person = make_user()
    response = grant(client, person, "coordinator")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "A coordinator needs an agency." in page and 'href="#agency"' in page
    assert grants_of(person) == []
    assert audit_events() == []


def test_coordinator_role_with_an_agency_is_granted(client, app_ctx, make_user, make_agency):
    agency = make_agency(en="State Chancellery")
    login(client, make_user(roles=["admin"]))
    person = make_user()
    assert grant(client, person, "coordinator", agency=agency.id).status_code == 302
    assert grants_of(person) == [("coordinator", agency.id, None)]
    assert "State Chancellery" in client.get(f"/en/staff/users/{person.id}").get_data(as_text=True)


def test_unknown_agency_is_refused_not_a_server_error(client, app_ctx, make_user):
    login(client, make_user(roles=["admin"]))
    person = make_user()
    for value in ("999999", "not-a-number"):
        response = grant(client, person, "coordinator", agency=value)
        assert response.status_code == 422, value
    assert grants_of(person) == []


def test_monitor_role_needs_an_organisation(client, app_ctx, make_user):
    login(client, make_user(roles=["admin"]))
    person = make_user()
    response = grant(client, person, "monitor", organisation="   ")
    assert response.status_code == 422
    assert "A monitor needs an organisation." in response.get_data(as_text=True)
    assert grants_of(person) == []

    assert grant(client, person, "monitor", organisation=" Transparency LV ").status_code == 302
    assert grants_of(person) == [("monitor", None, "Transparency LV")]


def test_granting_a_role_twice_is_refused_with_a_message(client, app_ctx, make_user):
    login(client, make_user(roles=["admin"]))
    person = make_user(roles=["moderator"])
    response = grant(client, person, "moderator")
    assert response.status_code == 422
    assert "This person already holds this role." in response.get_data(as_text=True)
    assert grants_of(person) == [("moderator", None, None)]
    assert audit_events() == []


def test_coordinator_of_two_agencies_is_allowed(client, app_ctx, make_user, make_agency):
    first, second = make_agency(), make_agency()
    login(client, make_user(roles=["admin"]))
    person = make_user(roles=["coordinator"], agency=first)
    assert grant(client, person, "coordinator", agency=first.id).status_code == 422
    assert grant(client, person, "coordinator", agency=second.id).status_code == 302
    assert grants_of(person) == sorted(
        [("coordinator", first.id, None), ("coordinator", second.id, None)]
    )


def test_admin_revokes_a_role_and_it_is_audited(client, app_ctx, make_user):
    admin = make_user(roles=["admin"])
    person = make_user(roles=["moderator", "monitor"])
    moderator_grant = next(g for g in person.roles if g.role == Role.MODERATOR)
    login(client, admin)

    response = client.post(f"/en/staff/roles/{moderator_grant.id}/revoke")

    assert response.status_code == 302
    assert "The role is revoked." in client.get(response.headers["Location"]).get_data(as_text=True)
    assert grants_of(person) == [("monitor", None, "Watchdog")]
    (event,) = audit_events()
    assert (event.actor_id, event.action) == (admin.id, "role.revoke")
    assert event.before["role"] == "moderator" and event.after is None
    assert verify_chain() is None


def test_admin_cannot_revoke_their_own_admin_role(client, app_ctx, make_user):
    admin = make_user(roles=["admin"])
    login(client, admin)
    own = admin.roles[0]
    page = client.get(f"/en/staff/users/{admin.id}").get_data(as_text=True)
    assert f"/en/staff/roles/{own.id}/revoke" not in page

    assert client.post(f"/en/staff/roles/{own.id}/revoke").status_code == 403
    assert grants_of(admin) == [("admin", None, None)]
    assert audit_events() == []


def test_admin_may_revoke_another_admins_role(client, app_ctx, make_user):
    login(client, make_user(roles=["admin"]))
    other = make_user(roles=["admin"])
    assert client.post(f"/en/staff/roles/{other.roles[0].id}/revoke").status_code == 302
    assert grants_of(other) == []


def test_revoking_a_missing_grant_is_404(client, app_ctx, make_user):
    login(client, make_user(roles=["admin"]))
    assert client.post("/en/staff/roles/999999/revoke").status_code == 404


def test_audit_chain_stays_intact_over_many_staff_changes(client, app_ctx, make_user, make_agency):
    agency = make_agency()
    login(client, make_user(roles=["admin"]))
    people = [make_user() for _number in range(3)]
    for person in people:
        grant(client, person, "moderator")
        grant(client, person, "coordinator", agency=agency.id)
    for grant_row in db.session.scalars(db.select(RoleGrant).where(RoleGrant.role == "moderator")):
        client.post(f"/en/staff/roles/{grant_row.id}/revoke")
    client.post(
        "/en/staff/agencies/new", data={"slug": "ministry", "name_en": "Ministry", "country": "IL"}
    )

    events = audit_events()
    assert len(events) == 3 * 2 + 3 + 1
    assert [e.prev_hash for e in events[1:]] == [e.hash for e in events[:-1]]
    assert verify_chain() is None


def test_tampering_with_an_audit_event_is_detected(client, app_ctx, make_user):
    login(client, make_user(roles=["admin"]))
    person = make_user()
    grant(client, person, "moderator")
    grant(client, person, "monitor", organisation="Watchdog")
    first = audit_events()[0]
    db.session.execute(
        db.update(AuditEvent).where(AuditEvent.id == first.id).values(after={"role": "admin"})
    )
    db.session.commit()
    broken = verify_chain()
    assert broken is not None and broken.event_id == first.id


def test_user_page_lists_the_persons_details(client, app_ctx, make_user):
    login(client, make_user(roles=["admin"]))
    person = make_user(name="Dana Cohen", email="dana@example.org", verified=False)
    page = client.get(f"/en/staff/users/{person.id}").get_data(as_text=True)
    assert "Dana Cohen" in page and "dana@example.org" in page
    assert "holds no staff role" in page
    assert client.get("/en/staff/users/999999").status_code == 404


def test_users_page_shows_roles(client, app_ctx, make_user):
    login(client, make_user(name="Site Admin", roles=["admin"]))
    make_user(name="Dana Cohen", roles=["monitor"])
    page = client.get("/en/staff/users").get_data(as_text=True)
    assert "Civil-society monitor" in page and "Administrator" in page


def test_revoked_person_is_really_gone_from_the_role(app, app_ctx, make_user):
    admin = make_user(roles=["admin"])
    other_admin = make_user(roles=["admin"])
    admin_client, other_client = app.test_client(), app.test_client()
    login(admin_client, admin)
    login(other_client, other_admin)
    admin_client.post(f"/en/staff/roles/{other_admin.roles[0].id}/revoke")
    login(other_client, db.session.get(User, other_admin.id))
    assert other_client.get("/en/staff/users").status_code == 403


def test_the_role_selector_starts_empty_and_a_role_must_be_chosen(client, app_ctx, make_user):
    login(client, make_user(name="Site Admin", roles=["admin"]))
    person = make_user(name="Dana Cohen")
    page = client.get(f"/en/staff/users/{person.id}").get_data(as_text=True)
    role = page.split('id="role"', 1)[1].split("</select>", 1)[0]
    assert '<option selected value="">Choose a role</option>' in role
    assert "selected" not in role.split("Choose a role", 1)[1]
    response = grant(client, person, "")
    assert response.status_code == 422
    assert "Choose the role to grant." in response.get_data(as_text=True)
    assert grants_of(person) == [] and audit_events() == []
    response = client.post(f"/hu/staff/users/{person.id}", data={"agency": ""})
    assert "Válassza ki, milyen szerepkört ad." in response.get_data(as_text=True)
