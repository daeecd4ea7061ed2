"""A session ends for real: copied cookies stop working once the person's sessions end."""

from consultations.accounts.models import Role, RoleGrant
from consultations.extensions import db

from helpers import PASSWORD, link_in, login, outbox

NEW_PASSWORD = "amber-falcon-meadow-77"
COOKIES = ("session", "remember_token")


def copy_cookies(source, target, names=COOKIES) -> None:
    """Give `target` the same cookies `source` holds, as a thief copying them would."""
    for name in names:
        cookie = source.get_cookie(name)
        if cookie is not None:
            target.set_cookie(name, cookie.value)


def logged_in(client) -> bool:
    return client.get("/en/account").status_code == 200


def test_copied_session_cookie_works_while_the_session_lasts(app, app_ctx, make_user):
    user = make_user()
    owner, copy = app.test_client(), app.test_client()
    login(owner, user)
    copy_cookies(owner, copy)
    assert logged_in(copy)


def test_copied_session_cookie_is_refused_after_logout(app, app_ctx, make_user):
    user = make_user()
    owner, thief = app.test_client(), app.test_client()
    login(owner, user)
    copy_cookies(owner, thief, ["session"])

    owner.post("/en/logout")

    assert not logged_in(thief)
    assert not logged_in(owner)


def test_copied_remember_cookie_is_refused_after_logout(app, app_ctx, make_user):
    user = make_user()
    owner, thief = app.test_client(), app.test_client()
    login(owner, user, remember=True)
    copy_cookies(owner, thief, ["remember_token"])
    assert logged_in(thief)  # the copy works before logout ...

    owner.post("/en/logout")

    after_restart = app.test_client()  # ... not after, even without a session cookie
    after_restart.set_cookie("remember_token", thief.get_cookie("remember_token").value)
    assert not logged_in(after_restart)
    assert not logged_in(thief)


def change_password(client, current=PASSWORD, new=NEW_PASSWORD):
    return client.post(
        "/en/account/password",
        data={"current_password": current, "password": new, "confirm": new},
    )


def test_password_change_ends_other_sessions_but_keeps_this_one(app, app_ctx, make_user):
    user = make_user()
    here, elsewhere = app.test_client(), app.test_client()
    login(here, user)
    login(elsewhere, user, remember=True)

    response = change_password(here)

    assert response.status_code == 302
    assert logged_in(here)
    assert not logged_in(elsewhere)


def test_password_change_keeps_remember_me_on_this_device(app, app_ctx, make_user):
    user = make_user()
    here = app.test_client()
    login(here, user, remember=True)
    change_password(here)

    after_restart = app.test_client()  # the browser closed: only the remember cookie is left
    copy_cookies(here, after_restart, ["remember_token"])
    assert logged_in(after_restart)


def test_password_reset_ends_every_session(app, app_ctx, make_user):
    user = make_user()
    one, two = app.test_client(), app.test_client()
    login(one, user)
    login(two, user, remember=True)
    remembered = two.get_cookie("remember_token").value

    anonymous = app.test_client()
    anonymous.post("/en/reset", data={"email": user.email})
    link = link_in(outbox(user.email)[0])
    anonymous.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})

    assert not logged_in(one)
    assert not logged_in(two)
    restarted = app.test_client()
    restarted.set_cookie("remember_token", remembered)
    assert not logged_in(restarted)


def test_revoking_a_role_ends_that_persons_sessions(app, app_ctx, make_user):
    admin = make_user(roles=["admin"])
    moderator = make_user(roles=["moderator"])
    grant_id = moderator.roles[0].id
    admin_client, moderator_client = app.test_client(), app.test_client()
    login(admin_client, admin)
    login(moderator_client, moderator, remember=True)

    response = admin_client.post(f"/en/staff/roles/{grant_id}/revoke")

    assert response.status_code == 302
    assert not logged_in(moderator_client)
    assert logged_in(admin_client)


def test_roles_are_read_from_the_database_on_every_request(app, app_ctx, make_user):
    person = make_user()
    client = app.test_client()
    login(client, person)
    assert client.get("/en/staff/users").status_code == 403

    db.session.add(RoleGrant(user_id=person.id, role=Role.ADMIN))
    db.session.commit()

    page = client.get("/en/staff/users")
    assert page.status_code == 200
    assert "People and roles" in page.get_data(as_text=True)


def test_role_removed_in_the_database_is_gone_on_the_next_request(app, app_ctx, make_user):
    person = make_user(roles=["admin"])
    client = app.test_client()
    login(client, person)
    assert client.get("/en/staff/users").status_code == 200

    db.session.execute(db.delete(RoleGrant).where(RoleGrant.user_id == person.id))
    db.session.commit()

    assert client.get("/en/staff/users").status_code == 403
