"""Configuration: safe defaults, production refusing unsafe settings, cookies and headers."""

from __future__ import annotations

import runpy
import secrets
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest
from flask.helpers import get_debug_flag

from consultations import create_app
from consultations.config import SHIPPED_LANGUAGES as SHIPPED
from consultations.config import ConfigurationError, load_config, published_example

from helpers import PASSWORD, ROOT, add_account, settings_for

THIRTY_DAYS = timedelta(days=30)
# Made afresh for each run: a key written in this file is refused as a published example.
STRONG_KEY = secrets.token_urlsafe(48)


@pytest.fixture
def environment(monkeypatch):
    """A clean environment: none of the settings a developer's shell might export."""
    for name in (
        "CONSULTATIONS_ENV",
        "SECRET_KEY",
        "DATABASE_URL",
        "DEFAULT_LANGUAGE",
        "FLASK_DEBUG",
        "RATELIMIT_STORAGE_URI",
        "RATELIMIT_ENABLED",
        "RATELIMIT_PER_WORKER",
        "WEB_CONCURRENCY",
    ):
        monkeypatch.delenv(name, raising=False)
    for name in ("LANGUAGES", "SITE_NAME", *(f"SITE_NAME_{code.upper()}" for code in SHIPPED)):
        monkeypatch.delenv(name, raising=False)
    return monkeypatch


@pytest.fixture
def production(environment):
    environment.setenv("CONSULTATIONS_ENV", "production")
    environment.setenv("SECRET_KEY", STRONG_KEY)
    return environment


def cookie(response, name: str) -> dict[str, str]:
    """The attributes of the cookie `name` that `response` sets, with lower-cased keys."""
    for header in response.headers.getlist("Set-Cookie"):
        if header.startswith(f"{name}="):
            value, *attributes = header.split("; ")
            flags = {"value": value.partition("=")[2]}
            for attribute in attributes:
                key, _, setting = attribute.partition("=")
                flags[key.lower()] = setting
            return flags
    raise AssertionError(f"no {name} cookie in {response.headers.getlist('Set-Cookie')}")


def log_in_remembered(app):
    with app.app_context():
        add_account("cookie@example.org")
    client = app.test_client()
    response = client.post(
        "/en/login",
        data={"email": "cookie@example.org", "password": PASSWORD, "remember": "y"},
    )
    assert response.status_code == 302, "the log-in did not succeed"
    return response


def test_production_refuses_to_start_without_a_secret_key(environment, tmp_path):
    environment.setenv("CONSULTATIONS_ENV", "production")
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        load_config(tmp_path)
    with pytest.raises(ConfigurationError, match="SECRET_KEY"):
        create_app()


def test_production_uses_the_secret_key_it_is_given(production, tmp_path):
    assert load_config(tmp_path)["SECRET_KEY"] == STRONG_KEY
    assert not (tmp_path / "secret_key").exists()


def test_development_generates_a_secret_key_once_and_keeps_it(environment, tmp_path):
    instance = tmp_path / "instance"
    first = load_config(instance)["SECRET_KEY"]
    second = load_config(instance)["SECRET_KEY"]
    key_file = instance / "secret_key"
    assert len(first) >= 32
    assert second == first
    assert key_file.read_text().strip() == first
    assert key_file.stat().st_mode & 0o777 == 0o600


def test_development_secret_keys_differ_between_instances(environment, tmp_path):
    assert load_config(tmp_path / "a")["SECRET_KEY"] != load_config(tmp_path / "b")["SECRET_KEY"]


@pytest.mark.parametrize(
    ("given", "used"),
    [
        (
            "postgresql://app:pw@db:5432/consultations",
            "postgresql+psycopg://app:pw@db:5432/consultations",
        ),
        ("postgres://app@db/consultations", "postgresql+psycopg://app@db/consultations"),
        ("postgresql+psycopg://app@db/c", "postgresql+psycopg://app@db/c"),
        ("sqlite:////srv/consultations.sqlite3", "sqlite:////srv/consultations.sqlite3"),
    ],
)
def test_database_url_uses_the_psycopg_3_driver(environment, tmp_path, given, used):
    environment.setenv("DATABASE_URL", given)
    assert load_config(tmp_path)["SQLALCHEMY_DATABASE_URI"] == used


def test_database_defaults_to_a_sqlite_file_in_the_instance_folder(environment, tmp_path):
    url = load_config(tmp_path)["SQLALCHEMY_DATABASE_URI"]
    assert url == f"sqlite:///{tmp_path / 'consultations.sqlite3'}"


def test_default_language_must_be_one_the_site_offers(environment, tmp_path):
    environment.setenv("DEFAULT_LANGUAGE", "fr")
    with pytest.raises(ConfigurationError, match="DEFAULT_LANGUAGE"):
        load_config(tmp_path)


def test_languages_default_to_hebrew_latvian_hungarian_and_english(environment, tmp_path):
    config = load_config(tmp_path)
    assert config["LANGUAGES"] == ("he", "lv", "hu", "en")
    assert config["DEFAULT_LANGUAGE"] == "en"


def test_the_deployment_chooses_its_languages_and_their_order(environment, tmp_path):
    environment.setenv("LANGUAGES", " he, AR ,en,ar")
    config = load_config(tmp_path)
    assert config["LANGUAGES"] == ("he", "ar", "en")
    assert config["DEFAULT_LANGUAGE"] == "en"


def test_without_english_the_first_language_is_the_default(environment, tmp_path):
    environment.setenv("LANGUAGES", "ru,lv")
    assert load_config(tmp_path)["DEFAULT_LANGUAGE"] == "ru"


@pytest.mark.parametrize("languages", ["he,fr,en", "he,en,xx", " , "])
def test_a_language_the_site_is_not_translated_into_refuses_to_start(
    environment, tmp_path, languages
):
    environment.setenv("LANGUAGES", languages)
    if not languages.strip(" ,"):
        assert load_config(tmp_path)["LANGUAGES"] == ("he", "lv", "hu", "en")  # unset
        return
    with pytest.raises(ConfigurationError, match="LANGUAGES may list only he, lv, hu, en, ar, ru"):
        load_config(tmp_path)


def test_a_default_language_the_deployment_does_not_offer_refuses_to_start(environment, tmp_path):
    environment.setenv("LANGUAGES", "lv,en")
    environment.setenv("DEFAULT_LANGUAGE", "he")
    with pytest.raises(ConfigurationError, match="DEFAULT_LANGUAGE is 'he', which is not in"):
        load_config(tmp_path)


def test_settings_given_to_the_factory_are_checked_too(environment, tmp_path):
    settings = settings_for(f"sqlite:///{tmp_path / 'x.sqlite3'}", LANGUAGES=("lv", "de"))
    with pytest.raises(ConfigurationError, match="unknown: de"):
        create_app(settings)


def test_the_site_name_may_differ_by_language(environment, make_app):
    environment.setenv("SITE_NAME", "Open Government")
    environment.setenv("SITE_NAME_HE", "ממשל פתוח")
    client = make_app().test_client()
    hebrew = client.get("/he/").get_data(as_text=True)
    english = client.get("/en/").get_data(as_text=True)
    assert "· ממשל פתוח</title>" in hebrew and "Open Government" not in hebrew
    assert "· Open Government</title>" in english and "ממשל פתוח" not in english
    feed = client.get("/he/feeds/site.atom").get_data(as_text=True)
    assert "ממשל פתוח" in feed


def test_production_pages_tell_browsers_to_use_https_only(production, make_app):
    response = make_app().test_client().get("/en/")
    assert response.headers["Strict-Transport-Security"].startswith("max-age=")
    max_age = int(response.headers["Strict-Transport-Security"].split("=")[1].split(";")[0])
    assert max_age >= 365 * 24 * 3600


def test_development_pages_do_not_pin_https(client):
    assert "Strict-Transport-Security" not in client.get("/en/").headers


@pytest.mark.parametrize("name", ["session", "remember_token", "lang"])
def test_production_cookies_are_secure_http_only_and_same_site(production, make_app, name):
    flags = cookie(log_in_remembered(make_app()), name)
    assert "httponly" in flags
    assert flags["samesite"] == "Lax"
    assert "secure" in flags


@pytest.mark.parametrize("name", ["session", "remember_token", "lang"])
def test_development_cookies_work_over_plain_http(environment, make_app, name):
    flags = cookie(log_in_remembered(make_app()), name)
    assert "httponly" in flags
    assert flags["samesite"] == "Lax"
    assert "secure" not in flags


def test_remember_me_lasts_at_most_thirty_days(environment, make_app):
    app = make_app()
    assert app.config["REMEMBER_COOKIE_DURATION"] <= THIRTY_DAYS
    expires = parsedate_to_datetime(cookie(log_in_remembered(app), "remember_token")["expires"])
    assert expires <= datetime.now(UTC) + THIRTY_DAYS + timedelta(minutes=1)
    assert expires >= datetime.now(UTC) + timedelta(days=1)


def test_settings_given_to_the_factory_override_the_environment(environment, tmp_path):
    environment.setenv("SITE_NAME", "From the environment")
    app = create_app(settings_for(f"sqlite:///{tmp_path / 'x.sqlite3'}", SITE_NAME="Given"))
    assert app.config["SITE_NAME"] == "Given"


# Production refuses unsafe settings ----------------------------------------------------

# An example key, strong to look at, but written down here and so known to everyone.
PUBLISHED_KEY = "QXFXf_ehV2Phnl7ZDvyCDbmuv7UHpkl3J-Xsci6zNnyrQ7EsEAbIxv2ihfKqslY3"


@pytest.mark.parametrize(
    "key",
    [
        secrets.token_hex(31),  # 31 random bytes: one short
        secrets.token_urlsafe(31),
        "a-long-production-secret",
        "a" * 200,
        "correct-horse-" * 20,
    ],
)
def test_production_refuses_a_short_or_guessable_secret_key(production, tmp_path, key):
    production.setenv("SECRET_KEY", key)
    with pytest.raises(ConfigurationError, match="SECRET_KEY is too short or too guessable"):
        load_config(tmp_path)


@pytest.mark.parametrize("key", [secrets.token_hex(32), secrets.token_urlsafe(32)])
def test_production_accepts_a_secret_key_of_32_random_bytes(production, tmp_path, key):
    production.setenv("SECRET_KEY", key)
    assert load_config(tmp_path)["SECRET_KEY"] == key


def test_production_refuses_a_secret_key_published_in_the_tests(production, tmp_path):
    production.setenv("SECRET_KEY", PUBLISHED_KEY)
    with pytest.raises(ConfigurationError, match="SECRET_KEY .*tests/test_config.py"):
        load_config(tmp_path)


def test_a_secret_key_shown_in_the_readme_or_docs_counts_as_published(tmp_path):
    (tmp_path / "pyproject.toml").write_text("[project]\nname = 'consultations'\n")
    (tmp_path / "docs").mkdir()
    (tmp_path / "README.md").write_text("export SECRET_KEY=readme-example\n")
    (tmp_path / "docs" / "deploy.md").write_text("SECRET_KEY=docs-example\n")
    assert published_example("readme-example", tmp_path) == "README.md"
    assert published_example("docs-example", tmp_path) == "docs/deploy.md"
    assert published_example(STRONG_KEY, tmp_path) is None


def test_production_turns_the_debugger_off_whatever_flask_debug_says(production, make_app):
    production.setenv("FLASK_DEBUG", "1")
    app = make_app()
    assert app.debug is False
    assert app.config["DEBUG"] is False
    assert get_debug_flag() is False  # what `flask run` asks before starting the debugger


@pytest.mark.parametrize("workers", ["2", "4"])
def test_production_refuses_per_worker_rate_limits_with_several_workers(
    production, tmp_path, workers
):
    production.setenv("WEB_CONCURRENCY", workers)
    with pytest.raises(ConfigurationError, match="RATELIMIT_STORAGE_URI=memory://"):
        load_config(tmp_path)


@pytest.mark.parametrize(
    "settings",
    [
        {"WEB_CONCURRENCY": "1"},
        {"WEB_CONCURRENCY": "4", "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379/0"},
        {"WEB_CONCURRENCY": "4", "RATELIMIT_ENABLED": "0"},
        {"WEB_CONCURRENCY": "4", "RATELIMIT_PER_WORKER": "1"},
    ],
)
def test_production_starts_when_rate_limits_are_shared_or_not_split(production, tmp_path, settings):
    for name, value in settings.items():
        production.setenv(name, value)
    assert load_config(tmp_path)["PRODUCTION"] is True


class FakeArbiter:
    """What gunicorn hands its on_starting hook: the settings and a log."""

    def __init__(self, workers: int):
        self.cfg = type("Config", (), {"workers": workers})()
        self.errors: list[str] = []
        self.log = type("Log", (), {"error": lambda _log, *args: self.errors.append(args)})()


def gunicorn_hook():
    return runpy.run_path(str(ROOT / "gunicorn.conf.py"))["on_starting"]


def test_gunicorn_refuses_to_start_several_workers_on_per_worker_limits(production):
    server = FakeArbiter(workers=2)
    with pytest.raises(SystemExit):
        gunicorn_hook()(server)
    assert "RATELIMIT_STORAGE_URI" in str(server.errors)


@pytest.mark.parametrize("workers", [1, 2])
def test_gunicorn_starts_one_worker_or_any_number_in_development(environment, workers):
    if workers == 1:
        environment.setenv("CONSULTATIONS_ENV", "production")
        environment.setenv("SECRET_KEY", STRONG_KEY)
    gunicorn_hook()(FakeArbiter(workers=workers))


def test_production_refuses_a_worker_count_that_is_not_a_number(production, tmp_path):
    production.setenv("WEB_CONCURRENCY", "many")
    with pytest.raises(ConfigurationError, match="WEB_CONCURRENCY"):
        load_config(tmp_path)


def test_a_gunicorn_worker_hands_freed_memory_back_every_few_hundred_requests():
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    trims = []
    settings["post_request"].__globals__["_trim"] = trims.append
    every = settings["TRIM_EVERY_REQUESTS"]
    for _request in range(every - 1):
        settings["post_request"](None, None, {}, None)
    assert trims == []
    settings["post_request"](None, None, {}, None)
    assert trims == [0]
    for _request in range(every):
        settings["post_request"](None, None, {}, None)
    assert trims == [0, 0]


def test_the_c_library_found_on_this_machine_can_hand_memory_back():
    trim = runpy.run_path(str(ROOT / "gunicorn.conf.py"))["_trim"]
    assert trim is not None  # glibc: CI and production images
    trim(0)
