"""Settings with safe defaults, each overridable from an environment variable."""

from __future__ import annotations

import os
import secrets
from datetime import date, timedelta
from pathlib import Path

from babel import Locale, UnknownLocaleError

LANGUAGES = ("he", "lv", "hu", "en")


def _flag(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _development_secret(instance_path: Path) -> str:
    """Generate a secret key once and keep it in instance/ so sessions survive restarts."""
    key_file = instance_path / "secret_key"
    if key_file.exists():
        return key_file.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(48)
    key_file.write_text(key)
    key_file.chmod(0o600)
    return key


class ConfigurationError(RuntimeError):
    """The deployment's settings cannot run safely."""


def load_config(instance_path: Path) -> dict:
    """Read the settings from the environment; production refuses to start without a secret."""
    production = os.environ.get("CONSULTATIONS_ENV", "development") == "production"
    secret = os.environ.get("SECRET_KEY")
    if not secret:
        if production:
            raise ConfigurationError("SECRET_KEY must be set when CONSULTATIONS_ENV=production")
        secret = _development_secret(instance_path)
    default_db = f"sqlite:///{instance_path / 'consultations.sqlite3'}"
    languages = LANGUAGES
    default_language = os.environ.get("DEFAULT_LANGUAGE", "en")
    if default_language not in languages:
        raise ConfigurationError(f"DEFAULT_LANGUAGE must be one of {', '.join(languages)}")
    return {
        "PRODUCTION": production,
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": _database_url(os.environ.get("DATABASE_URL", default_db)),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "LANGUAGES": languages,
        "DEFAULT_LANGUAGE": default_language,
        "BABEL_DEFAULT_LOCALE": default_language,
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("TIME_ZONE", "UTC"),
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent.parent / "translations"),
        "SITE_NAME": os.environ.get("SITE_NAME", "Consultations"),
        "MAIL_BACKEND": os.environ.get("MAIL_BACKEND", "smtp" if production else "log"),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", "localhost"),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _flag("MAIL_USE_TLS", False),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "Consultations <no-reply@localhost>"),
        "MAIL_MAX_ATTEMPTS": int(os.environ.get("MAIL_MAX_ATTEMPTS", "5")),
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", "http://127.0.0.1:5000"),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _flag("RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": True,
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", "0")),
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", str(1024 * 1024))),
        "MAX_FORM_MEMORY_SIZE": 512 * 1024,
        # Documents: where files are kept (empty: instance/documents; a folder, file:///…
        # or s3://bucket/prefix), the largest file, and attachments per comment (0: none).
        "STORAGE_URL": os.environ.get("STORAGE_URL", ""),
        "UPLOAD_MAX_MB": int(os.environ.get("UPLOAD_MAX_MB", "20")),
        "COMMENT_ATTACHMENTS": int(os.environ.get("COMMENT_ATTACHMENTS", "3")),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_DURATION": timedelta(days=30),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "PERMANENT_SESSION_LIFETIME": timedelta(days=30),
        "WTF_CSRF_TIME_LIMIT": None,
        "PASSWORD_RESET_MAX_AGE": 3600,
        "EMAIL_VERIFY_MAX_AGE": 7 * 24 * 3600,
        "AUTO_MIGRATE": _flag("AUTO_MIGRATE", True),
        "STALE_AFTER_DAYS": int(os.environ.get("STALE_AFTER_DAYS", "90")),
        "RESPONSE_DAYS": int(os.environ.get("RESPONSE_DAYS", "30")),
        "COMMENT_MAX_LENGTH": int(os.environ.get("COMMENT_MAX_LENGTH", "5000")),
        "COMMENT_MAX_DEPTH": 3,
        # A comment flagged by this many people is held until a moderator reviews it.
        "FLAG_HOLD_THRESHOLD": int(os.environ.get("FLAG_HOLD_THRESHOLD", "3")),
        "COMMENT_RATE_LIMIT": os.environ.get("COMMENT_RATE_LIMIT", "10 per minute;60 per hour"),
        # Accounts younger than NEW_ACCOUNT_DAYS post under the stricter limit.
        "NEW_ACCOUNT_COMMENT_RATE_LIMIT": os.environ.get(
            "NEW_ACCOUNT_COMMENT_RATE_LIMIT", "3 per minute;20 per hour"
        ),
        "NEW_ACCOUNT_DAYS": int(os.environ.get("NEW_ACCOUNT_DAYS", "7")),
        "COMMENT_IP_RATE_LIMIT": os.environ.get("COMMENT_IP_RATE_LIMIT", "30 per minute"),
        "API_RATE_LIMIT": os.environ.get("API_RATE_LIMIT", "300 per minute"),
        "FEED_ENTRIES": int(os.environ.get("FEED_ENTRIES", "50")),
        # Daily digests go out at or after this hour in TIME_ZONE.
        "FOLLOWS_DIGEST_HOUR": int(os.environ.get("FOLLOWS_DIGEST_HOUR", "7")),
        "FOLLOWS_CLOSING_HOURS": int(os.environ.get("FOLLOWS_CLOSING_HOURS", "48")),
        "SENT_MAIL_KEEP_DAYS": int(os.environ.get("SENT_MAIL_KEEP_DAYS", "30")),
        # Pages for readers who are not signed in are kept until a table they read changes,
        # and at most this long (0 turns keeping off); the clock alone changes some pages.
        "PAGE_CACHE_SECONDS": float(os.environ.get("PAGE_CACHE_SECONDS", "60")),
        "PAGE_CACHE_MEGABYTES": int(os.environ.get("PAGE_CACHE_MEGABYTES", "64")),
        # The Babel locale whose date and number formats English pages use.
        "ENGLISH_LOCALE": _english_locale(os.environ.get("ENGLISH_LOCALE", "en_GB")),
        # Who answers for the site: named on the privacy notice, the participation rules
        # and the accessibility statement.
        "CONTACT_EMAIL": os.environ.get("CONTACT_EMAIL", ""),
        "CONTROLLER_NAME": os.environ.get("CONTROLLER_NAME", ""),
        "CONTROLLER_CONTACT": os.environ.get("CONTROLLER_CONTACT", ""),
        "DPO_CONTACT": os.environ.get("DPO_CONTACT", ""),
        "ACCESSIBILITY_CONTACT": os.environ.get("ACCESSIBILITY_CONTACT", ""),
        "ACCESSIBILITY_ENFORCEMENT_URL": os.environ.get("ACCESSIBILITY_ENFORCEMENT_URL", ""),
        "ACCESSIBILITY_REVIEWED_ON": _day(
            "ACCESSIBILITY_REVIEWED_ON", os.environ.get("ACCESSIBILITY_REVIEWED_ON", "2026-12-06")
        ),
    }


def _english_locale(code: str) -> str:
    try:
        locale = Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        locale = None
    if locale is None or locale.language != "en":
        raise ConfigurationError("ENGLISH_LOCALE must be an English locale such as en_GB or en_US")
    return code


def _day(name: str, value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ConfigurationError(f"{name} must be a date written YYYY-MM-DD") from None


def _database_url(url: str) -> str:
    """Let a plain postgresql:// address use psycopg 3, the driver we ship."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
