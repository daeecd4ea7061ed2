import re
import statistics
import time

import pytest
from flask_babel import force_locale
from flask_babel import gettext as _

from consultations.accounts import tokens
from consultations.accounts.models import User
from consultations.extensions import db

from helpers import link_in, outbox

HEBREW_PASSPHRASE = "שמש ירוקה על גג הבית הישן"
LATVIAN_PASSPHRASE = "Zaļā ābele zied pie ezera krasta"
HUNGARIAN_PASSPHRASE = "Árvíztűrő tükörfúrógép a hegyen"


def register(client, **overrides):
    data = {
        "display_name": "Miriam Peretz",
        "email": "miriam@example.org",
        "password": "quiet-harbour-violet-88",
        "language": "he",
        "accept_terms": "y",
        **overrides,
    }
    return client.post("/en/register", data=data)


def user_count() -> int:
    return db.session.scalar(db.select(db.func.count(User.id)))


def test_registration_creates_unverified_account_and_mails_a_link(client, app_ctx):
    response = register(client)
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).where(User.email == "miriam@example.org"))
    assert user is not None and not user.is_verified
    assert user.language == "he"
    mails = outbox("miriam@example.org")
    assert len(mails) == 1 and mails[0].language == "he"

    verified = client.get(link_in(mails[0]))
    assert verified.status_code == 302
    db.session.refresh(user)
    assert user.is_verified


def test_verification_mail_is_written_in_the_chosen_language(client, app_ctx):
    register(client, language="lv")
    (mail,) = outbox("miriam@example.org")
    with force_locale("lv"):
        subject = _("Confirm your e-mail address")
    assert mail.language == "lv" and mail.subject == subject
    assert "/lv/verify/" in mail.body


def test_registration_thanks_the_person_and_asks_them_to_open_the_link(client, app_ctx):
    page = client.post(
        "/en/register",
        data={
            "display_name": "Miriam Peretz",
            "email": "miriam@example.org",
            "password": "quiet-harbour-violet-88",
            "language": "en",
            "accept_terms": "y",
        },
        follow_redirects=True,
    )
    assert page.status_code == 200
    assert "open the link we sent to your e-mail address" in page.get_data(as_text=True)


def test_unverified_account_shows_the_confirmation_notice_until_the_link_is_opened(client, app_ctx):
    register(client, language="en")
    client.post(
        "/en/login", data={"email": "miriam@example.org", "password": "quiet-harbour-violet-88"}
    )
    assert "Confirm your e-mail address" in client.get("/en/account").get_data(as_text=True)

    client.get(link_in(outbox("miriam@example.org")[0]))
    assert "Confirm your e-mail address" not in client.get("/en/account").get_data(as_text=True)


def test_a_forged_verification_link_confirms_nothing(client, app_ctx):
    register(client)
    page = client.get("/en/verify/not-a-real-token", follow_redirects=True)
    assert "This link is not valid or has expired" in page.get_data(as_text=True)
    assert not db.session.scalar(db.select(User)).is_verified


def test_registration_without_consent_is_refused_and_creates_nothing(client, app_ctx):
    response = register(client, accept_terms="")
    assert response.status_code == 422
    assert "Please accept the terms of use to register." in response.get_data(as_text=True)
    assert user_count() == 0
    assert outbox() == []


def test_refused_form_comes_back_with_typed_values_and_a_linked_error_summary(client, app_ctx):
    response = register(client, password="short", display_name="Miriam Peretz", language="hu")
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert 'class="error-summary"' in page
    assert 'href="#password"' in page
    assert 'value="Miriam Peretz"' in page
    assert 'value="miriam@example.org"' in page
    assert '<option selected value="hu">' in page or 'value="hu" selected' in page
    assert "short" not in page.split('id="password"')[1].split(">")[0]


def test_password_under_ten_characters_is_refused(client, app_ctx):
    response = register(client, password="abc-123-x")
    assert response.status_code == 422
    assert "A password needs at least 10 characters." in response.get_data(as_text=True)
    assert user_count() == 0


@pytest.mark.parametrize("password", ["password123456", "miriam@example.org", "qwertyuiop123"])
def test_common_or_guessable_password_is_refused(client, app_ctx, password):
    response = register(client, password=password)
    assert response.status_code == 422
    assert "too common or too easy to guess" in response.get_data(as_text=True)
    assert user_count() == 0
    assert outbox() == []


@pytest.mark.parametrize(
    "password",
    [
        HEBREW_PASSPHRASE,
        LATVIAN_PASSPHRASE,
        HUNGARIAN_PASSPHRASE,
        "  " + LATVIAN_PASSPHRASE + "  ",
        " " + HEBREW_PASSPHRASE,
    ],
)
def test_long_passphrase_in_any_script_works_to_log_in_exactly_as_typed(client, app_ctx, password):
    assert register(client, password=password).status_code == 302
    user = db.session.scalar(db.select(User))

    wrong = client.post("/en/login", data={"email": user.email, "password": password.strip()})
    if password != password.strip():
        assert wrong.status_code == 422  # spaces are part of the password
    client.post("/en/logout")

    response = client.post("/en/login", data={"email": user.email, "password": password})
    assert response.status_code == 302
    assert client.get("/en/account").status_code == 200


def test_display_name_is_normalised(client, app_ctx):
    # Full-width letters (NFKC) and runs of spaces, tabs and line breaks.
    register(client, display_name="  Ｍiriam \t  Peretz\n ")
    assert db.session.scalar(db.select(User.display_name)) == "Miriam Peretz"


@pytest.mark.parametrize(
    "name",
    [
        "Miriam \u202eztereP",  # right-to-left override
        "Miriam \u2066Peretz\u2069",  # left-to-right isolate
        "Miri\u200bam Peretz",  # zero-width space
        "Miriam\u200dPeretz",  # zero-width joiner
    ],
)
def test_display_name_with_invisible_or_direction_characters_is_refused(client, app_ctx, name):
    response = register(client, display_name=name)
    assert response.status_code == 422
    assert "cannot contain invisible or direction-changing characters" in response.get_data(
        as_text=True
    )
    assert 'href="#display_name"' in response.get_data(as_text=True)
    assert user_count() == 0


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("Dana Cohen", "looks too much like another participant"),
        ("dana cohen", "looks too much like another participant"),
        ("DANA  COHEN", "looks too much like another participant"),
        ("Daná Cöhen", "looks too much like another participant"),
        ("Dana\u00a0Cohen", "looks too much like another participant"),
        ("D\u0430na Cohen", "Add a surname, an initial or your organisation"),  # Cyrillic а
        ("Dana C\u043ehen", "Add a surname, an initial or your organisation"),  # Cyrillic о
        ("Dana C\u03bfhen", "looks too much like another participant"),  # Greek ο
        ("DANA C0HEN", "looks too much like another participant"),  # zero for O
    ],
)
def test_name_that_looks_like_an_existing_one_is_refused(client, app_ctx, make_user, name, message):
    make_user(name="Dana Cohen", email="dana@example.org")
    response = register(client, display_name=name, email="other@example.org")
    assert response.status_code == 422
    assert message in response.get_data(as_text=True)
    assert user_count() == 1
    assert outbox() == []


@pytest.mark.parametrize(
    "name", ["Deleted account", "deleted  ACCOUNT", "Törölt fiók", "Dzēsts konts", "חשבון שנמחק"]
)
def test_the_name_deleted_accounts_sign_with_is_reserved_in_every_language(client, app_ctx, name):
    response = register(client, display_name=name)
    assert response.status_code == 422
    assert "looks too much like another participant" in response.get_data(as_text=True)
    assert user_count() == 0


def test_names_in_other_scripts_are_accepted(client, app_ctx):
    for number, name in enumerate(["דנה כהן", "Jānis Bērziņš", "Kovács Éva", "Анна Петрова"]):
        response = register(client, display_name=name, email=f"p{number}@example.org")
        assert response.status_code == 302, name
    assert user_count() == 4


def test_registering_a_known_address_looks_the_same_and_warns_the_owner(client, app_ctx, make_user):
    owner = make_user(name="Dana Cohen", email="dana@example.org", language="hu")

    fresh = register(client, email="new@example.org", display_name="Someone New")
    known = register(client, email="Dana@Example.org", display_name="Someone Else")

    assert fresh.status_code == known.status_code == 302
    assert fresh.headers["Location"] == known.headers["Location"]
    assert user_count() == 2
    db.session.refresh(owner)
    assert owner.display_name == "Dana Cohen"
    (notice,) = outbox("dana@example.org")
    assert notice.language == "hu"
    assert "/hu/login" in notice.body and "/hu/reset" in notice.body


@pytest.mark.parametrize(
    "overrides",
    [{"password": "password123456"}, {"display_name": "Miri\u200bam"}, {"accept_terms": ""}],
)
def test_a_known_address_gets_the_same_refusal_as_a_new_one(client, app_ctx, make_user, overrides):
    make_user(name="Dana Cohen", email="dana@example.org")
    fresh = register(client, email="new@example.org", **overrides)
    known = register(client, email="dana@example.org", **overrides)
    assert fresh.status_code == known.status_code == 422
    assert outbox() == []
    assert user_count() == 1


def test_names_written_in_two_scripts_are_accepted(client, app_ctx, make_user):
    make_user(name="Noa Levi", email="noa@example.org")
    make_user(name="Anna Kalniņa", email="anna@example.org")
    names = ["Noa Levi נועה", "נועה לוי (Prime Minister's Office)", "Anna Kalniņa / Анна"]
    for number, name in enumerate(names):
        response = register(client, display_name=name, email=f"p{number}@example.org")
        assert response.status_code == 302, name
    assert user_count() == 5


@pytest.mark.parametrize(
    ("existing", "imitation"),
    [
        ("Daniel Weiss", "DanieI Weiss"),  # capital I for l
        ("Emma Stone", "Ernrna Stone"),  # r n for m
        ("Анна Петрова", "АННА ПЕТРОВА"),
        ("Anna Kalniņa / Анна", "Anna Kalnina / \u0410\u043d\u043d\u0430"),
        ("נועה לוי", "נועה ל\u05dfי"),  # final nun for vav
    ],
)
def test_an_imitation_of_an_existing_name_is_refused_with_what_to_change(
    client, app_ctx, make_user, existing, imitation
):
    make_user(name=existing, email="first@example.org")
    response = register(client, display_name=imitation, email="other@example.org")
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Add a surname, an initial or your organisation to tell yours apart." in page
    assert user_count() == 1


# The same time and answer for a known address -----------------------------------------

CSRF_TOKEN = re.compile(r'name="csrf_token"[^>]*value="[^"]*"')


def answer_and_time(client, **overrides) -> tuple[str, float]:
    """The page a person ends on after registering (without its form token), and how long
    the registration itself took."""
    started = time.perf_counter()
    response = register(client, **overrides)
    elapsed = time.perf_counter() - started
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    return CSRF_TOKEN.sub("", page), elapsed


def test_a_known_address_takes_as_long_and_reads_the_same_as_a_new_one(
    app, client, app_ctx, make_user
):
    make_user(email="known@example.org")
    new_times, known_times, pages = [], [], set()
    for number in range(7):  # interleaved, so a busy moment slows both alike
        page, elapsed = answer_and_time(
            app.test_client(), email=f"new{number}@example.org", display_name=f"New {number}"
        )
        new_times.append(elapsed)
        pages.add(page)
        page, elapsed = answer_and_time(
            app.test_client(), email="known@example.org", display_name=f"Known {number}"
        )
        known_times.append(elapsed)
        pages.add(page)

    assert len(pages) == 1
    new, known = statistics.median(new_times), statistics.median(known_times)
    assert max(new, known) / min(new, known) < 1.5, (new_times, known_times)
    assert len(outbox("known@example.org")) == 7  # the owner hears of every attempt by mail


# Traps for robots ------------------------------------------------------------------------

THANKS = "Thank you. To finish, open the link we sent to your e-mail address."


@pytest.fixture
def patient_app(make_app):
    """The site as deployed: a registration must take at least three seconds."""
    app = make_app(REGISTRATION_MIN_SECONDS=3)
    assert app.config["REGISTRATION_MIN_SECONDS"] == 3
    return app


def shown_token(app, seconds_ago: float) -> str:
    with app.test_request_context():
        return tokens.form_shown_token(time.time() - seconds_ago)


def register_on(app, **overrides):
    with app.app_context():
        client = app.test_client()
        response = register(client, **overrides)
        page = client.get("/en/login").get_data(as_text=True) if response.status_code == 302 else ""
        return response, page, user_count(), len(outbox())


def test_the_registration_form_carries_the_time_it_was_shown_and_a_hidden_trap(patient_app):
    page = patient_app.test_client().get("/en/register").get_data(as_text=True)
    assert 'name="shown"' in page
    assert 'name="website"' in page and 'class="visually-hidden"' in page


def test_a_person_taking_their_time_registers(patient_app):
    response, page, users, mails = register_on(patient_app, shown=shown_token(patient_app, 3))
    assert response.status_code == 302 and THANKS in page
    assert (users, mails) == (1, 1)


@pytest.mark.parametrize("seconds_ago", [0, 2.9])
def test_a_form_sent_back_too_fast_gets_the_usual_answer_and_creates_nothing(
    patient_app, seconds_ago
):
    response, page, users, mails = register_on(
        patient_app, shown=shown_token(patient_app, seconds_ago)
    )
    assert response.status_code == 302 and THANKS in page
    assert (users, mails) == (0, 0)


@pytest.mark.parametrize("shown", [None, "", "forged", "eyJ0IjoxfQ.forged.signature"])
def test_a_form_without_a_genuine_time_is_treated_as_a_robots(patient_app, shown):
    overrides = {} if shown is None else {"shown": shown}
    response, page, users, mails = register_on(patient_app, **overrides)
    assert response.status_code == 302 and THANKS in page
    assert (users, mails) == (0, 0)


def test_a_filled_hidden_field_gets_the_usual_answer_and_creates_nothing(patient_app):
    response, page, users, mails = register_on(
        patient_app, shown=shown_token(patient_app, 60), website="https://spam.example"
    )
    assert response.status_code == 302 and THANKS in page
    assert (users, mails) == (0, 0)


def test_a_robot_filling_the_hidden_field_gets_nothing_even_without_the_time_check(client, app_ctx):
    response = register(client, website="https://spam.example")
    assert response.status_code == 302
    assert user_count() == 0 and outbox() == []


def test_a_known_address_sent_by_a_robot_warns_nobody(patient_app):
    with patient_app.app_context():
        from helpers import add_account

        add_account("miriam@example.org")
        before = len(outbox())
    response, _page, _users, mails = register_on(patient_app, shown=shown_token(patient_app, 1))
    assert response.status_code == 302 and mails == before
