from consultations.accounts.models import User
from consultations.extensions import db

from helpers import PASSWORD, login, outbox

NEW_PASSWORD = "amber-falcon-meadow-77"


def save_profile(client, name, language="en"):
    return client.post("/en/account", data={"display_name": name, "language": language})


def change_password(client, current, new, confirm=None):
    return client.post(
        "/en/account/password",
        data={"current_password": current, "password": new, "confirm": confirm or new},
    )


def test_profile_page_shows_name_address_and_roles(client, app_ctx, make_user, make_agency):
    agency = make_agency(en="State Chancellery")
    user = make_user(name="Dana Cohen", roles=["coordinator"], agency=agency)
    login(client, user)
    page = client.get("/en/account").get_data(as_text=True)
    assert 'value="Dana Cohen"' in page
    assert user.email in page
    assert "Coordinator" in page and "State Chancellery" in page


def test_changing_name_and_language_is_saved(client, app_ctx, make_user):
    user = make_user(name="Dana Cohen")
    login(client, user)
    response = save_profile(client, "  Dana   Levi ", language="lv")
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your profile is saved." in page
    saved = db.session.get(User, user.id)
    assert (saved.display_name, saved.language) == ("Dana Levi", "lv")


def test_mail_follows_the_newly_chosen_language(client, app_ctx, make_user):
    user = make_user(language="en")
    login(client, user)
    save_profile(client, user.display_name, language="hu")
    client.post("/en/logout")

    client.post("/en/reset", data={"email": user.email})
    (mail,) = outbox(user.email)
    assert mail.language == "hu"
    assert "/hu/reset/" in mail.body


def test_keeping_ones_own_name_in_another_case_is_allowed(client, app_ctx, make_user):
    user = make_user(name="Dana Cohen")
    login(client, user)
    assert save_profile(client, "Dana COHEN").status_code == 302
    assert db.session.get(User, user.id).display_name == "Dana COHEN"


def test_taking_a_name_that_looks_like_anothers_is_refused(client, app_ctx, make_user):
    make_user(name="Dana Cohen")
    user = make_user(name="Miriam Peretz")
    login(client, user)
    response = save_profile(client, "dána cohen")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert 'class="error-summary"' in page and 'href="#display_name"' in page
    assert "looks too much like another participant" in page
    assert db.session.get(User, user.id).display_name == "Miriam Peretz"


def test_name_with_direction_override_is_refused_on_the_profile(client, app_ctx, make_user):
    user = make_user(name="Miriam Peretz")
    login(client, user)
    response = save_profile(client, "Miriam \u202ezteреP")
    assert response.status_code == 422
    assert db.session.get(User, user.id).display_name == "Miriam Peretz"


def test_unknown_language_is_refused(client, app_ctx, make_user):
    user = make_user()
    login(client, user)
    response = save_profile(client, user.display_name, language="fr")
    assert response.status_code == 422
    assert db.session.get(User, user.id).language == "en"


def test_changing_password_needs_the_current_one(client, app_ctx, make_user):
    user = make_user()
    login(client, user)
    response = change_password(client, "not-my-password-1", NEW_PASSWORD)
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "The current password is not correct." in page
    assert 'href="#current_password"' in page
    client.post("/en/logout")
    assert login(client, user).status_code == 302


def test_changing_password_with_the_current_one_works(client, app_ctx, make_user):
    user = make_user()
    login(client, user)
    response = change_password(client, PASSWORD, NEW_PASSWORD)
    assert response.status_code == 302
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Your password is changed." in page
    client.post("/en/logout")
    assert login(client, user).status_code == 422
    assert login(client, user, password=NEW_PASSWORD).status_code == 302


def test_weak_new_password_is_refused_on_the_profile(client, app_ctx, make_user):
    user = make_user()
    login(client, user)
    response = change_password(client, PASSWORD, "short")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "A password needs at least 10 characters." in page
    assert 'href="#password"' in page
    assert client.get("/en/account").status_code == 200  # still logged in


def test_profile_page_needs_login(client, app_ctx):
    assert client.get("/en/account").status_code == 302
    assert client.post("/en/account/password", data={}).status_code == 302
