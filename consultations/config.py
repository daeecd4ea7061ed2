"""Settings with safe defaults, each overridable from an environment variable."""

from __future__ import annotations

import logging
import math
import os
import secrets
import string
import zlib
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError

# Every language the interface is translated into; a deployment turns on some of them.
SHIPPED_LANGUAGES = ("he", "lv", "hu", "en", "ar", "ru")
DEFAULT_LANGUAGES = ("he", "lv", "hu", "en")
ROOT = Path(__file__).parent.parent
# A secret key needs this much entropy (256 bits) to stand up to guessing offline.
SECRET_KEY_MIN_BITS = 256
# Where example settings are written down: a key found there is known to everyone.
_BASE64 = frozenset(string.ascii_letters + string.digits + "+/-_=")
EXAMPLE_PLACES = ("README.md", "docs", "tests", "bench", ".ci")
DEFAULT_PUBLIC_URL = "http://127.0.0.1:5000"


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


def secret_key_bits(secret: str) -> float:
    """A generous estimate of a key's entropy, in bits.

    The lesser of its length times the bits of its alphabet and its compressed size, so
    that a long but repetitive key ("aaaa…", "abcabc…") counts for little.
    """
    if not secret:
        return 0.0
    if all(char in string.hexdigits for char in secret):
        alphabet = 16
    elif all(char in _BASE64 for char in secret):
        alphabet = 64
    else:
        classes = (string.ascii_lowercase, string.ascii_uppercase, string.digits)
        alphabet = sum(len(chars) for chars in classes if any(c in chars for c in secret))
        alphabet += 33 if any(char in string.punctuation + " " for char in secret) else 0
        alphabet += 128 if any(not char.isascii() for char in secret) else 0
    compressed = (len(zlib.compress(secret.encode(), 9)) - 6) * 8  # less zlib's own bytes
    return min(len(secret) * math.log2(max(alphabet, 2)), compressed)


def published_example(secret: str, root: Path = ROOT) -> str | None:
    """The file of the project's docs or tests that shows `secret`, if any."""
    if not (root / "pyproject.toml").is_file():
        return None  # installed without its source tree: nothing to look through
    for place in EXAMPLE_PLACES:
        path = root / place
        files = sorted(path.rglob("*")) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts or not file.is_file() or file.stat().st_size > 2 << 20:
                continue
            if secret in file.read_text(encoding="utf-8", errors="ignore"):
                return str(file.relative_to(root))
    return None


def check_production_secret(secret: str | None) -> None:
    """Refuse a missing, short, guessable or published SECRET_KEY."""
    if not secret:
        raise ConfigurationError("SECRET_KEY must be set when CONSULTATIONS_ENV=production")
    if secret_key_bits(secret) < SECRET_KEY_MIN_BITS:
        raise ConfigurationError(
            "SECRET_KEY is too short or too guessable for production: use at least 32 random "
            "bytes, such as the output of: "
            'python -c "import secrets; print(secrets.token_urlsafe(48))"'
        )
    example = published_example(secret)
    if example:
        raise ConfigurationError(
            f"SECRET_KEY is an example value published in {example}: generate a new one"
        )


def check_rate_limit_storage(storage_uri: str, enabled: bool, workers: int) -> None:
    """Refuse limits counted in each worker's memory when several workers share the load.

    Each worker would count on its own, so every limit would be multiplied by the number
    of workers. RATELIMIT_PER_WORKER=1 accepts that (load tests on one machine).
    """
    if enabled and workers > 1 and storage_uri.startswith("memory://"):
        if _flag("RATELIMIT_PER_WORKER", False):
            return
        raise ConfigurationError(
            f"RATELIMIT_STORAGE_URI=memory:// cannot be shared by {workers} workers: "
            "set RATELIMIT_STORAGE_URI=redis://… (or run one worker)"
        )


def check_workers(workers: int) -> None:
    """In production, refuse rate limits that `workers` processes would each count alone."""
    if os.environ.get("CONSULTATIONS_ENV", "development") == "production":
        check_rate_limit_storage(
            os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
            _flag("RATELIMIT_ENABLED", True),
            workers,
        )


def configured_workers() -> int:
    """The worker count a process manager announces (gunicorn reads WEB_CONCURRENCY too)."""
    value = os.environ.get("WEB_CONCURRENCY", "1").strip() or "1"
    if not value.isdigit():
        raise ConfigurationError("WEB_CONCURRENCY must be a whole number of workers")
    return int(value)


def _force_debug_off() -> None:
    if _flag("FLASK_DEBUG", False):
        logging.getLogger(__name__).warning(
            "FLASK_DEBUG is ignored when CONSULTATIONS_ENV=production: debug stays off"
        )
        # `flask run` reads it after loading the app to decide on the interactive debugger.
        os.environ["FLASK_DEBUG"] = "0"


def load_config(instance_path: Path) -> dict:
    """Read the settings from the environment; production refuses to start unsafely."""
    production = os.environ.get("CONSULTATIONS_ENV", "development") == "production"
    secret = os.environ.get("SECRET_KEY")
    if production:
        check_production_secret(secret)
        check_workers(configured_workers())
        _force_debug_off()
    elif not secret:
        secret = _development_secret(instance_path)
    default_db = f"sqlite:///{instance_path / 'consultations.sqlite3'}"
    languages = parse_languages(os.environ.get("LANGUAGES", ""))
    default_language = os.environ.get("DEFAULT_LANGUAGE", "").strip()
    default_language = default_language or first_choice(languages)
    check_languages(languages, default_language)
    return {
        "PRODUCTION": production,
        # Production never runs the interactive debugger, whatever FLASK_DEBUG says.
        **({"DEBUG": False} if production else {}),
        "SECRET_KEY": secret,
        "SQLALCHEMY_DATABASE_URI": _database_url(os.environ.get("DATABASE_URL", default_db)),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "LANGUAGES": languages,
        "DEFAULT_LANGUAGE": default_language,
        "BABEL_DEFAULT_LOCALE": default_language,
        "BABEL_DEFAULT_TIMEZONE": os.environ.get("TIME_ZONE", "UTC"),
        "BABEL_TRANSLATION_DIRECTORIES": str(Path(__file__).parent.parent / "translations"),
        "SITE_NAME": os.environ.get("SITE_NAME", "Consultations"),
        # SITE_NAME_HE, SITE_NAME_AR, …: the name in one language, else SITE_NAME.
        **{
            f"SITE_NAME_{lang.upper()}": os.environ[f"SITE_NAME_{lang.upper()}"]
            for lang in SHIPPED_LANGUAGES
            if os.environ.get(f"SITE_NAME_{lang.upper()}")
        },
        "MAIL_BACKEND": os.environ.get("MAIL_BACKEND", "smtp" if production else "log"),
        "MAIL_SERVER": os.environ.get("MAIL_SERVER", "localhost"),
        "MAIL_PORT": int(os.environ.get("MAIL_PORT", "25")),
        "MAIL_USERNAME": os.environ.get("MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _flag("MAIL_USE_TLS", False),
        "MAIL_FROM": os.environ.get("MAIL_FROM", "Consultations <no-reply@localhost>"),
        "MAIL_MAX_ATTEMPTS": int(os.environ.get("MAIL_MAX_ATTEMPTS", "5")),
        "PUBLIC_URL": os.environ.get("PUBLIC_URL", DEFAULT_PUBLIC_URL),
        "RATELIMIT_STORAGE_URI": os.environ.get("RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _flag("RATELIMIT_ENABLED", True),
        "RATELIMIT_HEADERS_ENABLED": True,
        "TRUSTED_HOSTS": _trusted_hosts(production),
        "TRUSTED_PROXIES": int(os.environ.get("TRUSTED_PROXIES", "0")),
        "MAX_CONTENT_LENGTH": int(os.environ.get("MAX_CONTENT_LENGTH", str(1024 * 1024))),
        "MAX_FORM_MEMORY_SIZE": 512 * 1024,
        # Documents: where files are kept (empty: instance/documents; a folder, file:///…
        # or s3://bucket/prefix), the largest file, and attachments per comment (0: none).
        "STORAGE_URL": os.environ.get("STORAGE_URL", ""),
        "UPLOAD_MAX_MB": int(os.environ.get("UPLOAD_MAX_MB", "20")),
        "COMMENT_ATTACHMENTS": int(os.environ.get("COMMENT_ATTACHMENTS", "3")),
        # Archived copies of evidence links: limits of one fetch, how often an archived
        # address is checked again, and hosts let through although not public (tests only).
        "ARCHIVE_TIMEOUT_SECONDS": int(os.environ.get("ARCHIVE_TIMEOUT_SECONDS", "10")),
        "ARCHIVE_MAX_MB": int(os.environ.get("ARCHIVE_MAX_MB", "20")),
        "ARCHIVE_RECHECK_DAYS": int(os.environ.get("ARCHIVE_RECHECK_DAYS", "30")),
        "ARCHIVE_ALLOWED_HOSTS": os.environ.get("ARCHIVE_ALLOWED_HOSTS", ""),
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_SECURE": production,
        "REMEMBER_COOKIE_DURATION": timedelta(days=30),
        "REMEMBER_COOKIE_HTTPONLY": True,
        "REMEMBER_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_SECURE": production,
        "PERMANENT_SESSION_LIFETIME": timedelta(days=30),
        # Powerful acts need a log-in, or the password typed again, this recently.
        "REAUTH_MINUTES": int(os.environ.get("REAUTH_MINUTES", "15")),
        # A staff member's session ends after this long without a request, and this long
        # after the log-in, remember-me or not.
        "STAFF_IDLE_MINUTES": int(os.environ.get("STAFF_IDLE_MINUTES", "30")),
        "STAFF_SESSION_HOURS": int(os.environ.get("STAFF_SESSION_HOURS", "12")),
        # A registration sent sooner than this after the form was shown is a robot's.
        "REGISTRATION_MIN_SECONDS": float(os.environ.get("REGISTRATION_MIN_SECONDS", "3")),
        "WTF_CSRF_TIME_LIMIT": None,
        "PASSWORD_RESET_MAX_AGE": 3600,
        "EMAIL_VERIFY_MAX_AGE": 7 * 24 * 3600,
        "AUTO_MIGRATE": _flag("AUTO_MIGRATE", True),
        "STALE_AFTER_DAYS": int(os.environ.get("STALE_AFTER_DAYS", "90")),
        # Plans with more commitments have their self-assessment gathered by the command.
        "SELF_ASSESSMENT_INLINE_LIMIT": int(os.environ.get("SELF_ASSESSMENT_INLINE_LIMIT", "150")),
        "RESPONSE_DAYS": int(os.environ.get("RESPONSE_DAYS", "30")),
        # Days after a plan's proposals stage ends by which every proposal has its answer.
        "PROPOSAL_ANSWER_DAYS": int(os.environ.get("PROPOSAL_ANSWER_DAYS", "30")),
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
        # What the staff digest and /staff call soon: response deadlines, milestones and
        # commitments about to go stale within these many days; held comments waiting this long.
        "STAFF_RESPONSE_DAYS": int(os.environ.get("STAFF_RESPONSE_DAYS", "7")),
        "STAFF_MILESTONE_DAYS": int(os.environ.get("STAFF_MILESTONE_DAYS", "14")),
        "STAFF_STALE_DAYS": int(os.environ.get("STAFF_STALE_DAYS", "14")),
        "STAFF_HELD_HOURS": int(os.environ.get("STAFF_HELD_HOURS", "24")),
        # Pages for readers who are not signed in are kept until a table they read changes,
        # and at most this long (0 turns keeping off); the clock alone changes some pages.
        "PAGE_CACHE_SECONDS": float(os.environ.get("PAGE_CACHE_SECONDS", "60")),
        "PAGE_CACHE_MEGABYTES": int(os.environ.get("PAGE_CACHE_MEGABYTES", "16")),
        # Rendered comments, records, rows and page bodies, for every reader, signed in or
        # not: memory per worker (fragments.py); 0 renders every one every time. The larger
        # share: fragments serve everybody, kept pages only anonymous readers. The benchmark's
        # 2,660 addresses in every language need some 60 MB of them; 64 left a worker at
        # 298 MB of its 300 after the ten-minute mix, 48 keeps four in five of them.
        "FRAGMENT_CACHE_MEGABYTES": int(os.environ.get("FRAGMENT_CACHE_MEGABYTES", "48")),
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


def parse_languages(value: str) -> tuple[str, ...]:
    """`he,ar,en` as a tuple in the given order; empty means the default four."""
    codes = tuple(dict.fromkeys(code.strip().lower() for code in value.split(",") if code.strip()))
    return codes or DEFAULT_LANGUAGES


def first_choice(languages) -> str:
    """The default language when none is set: English if offered, else the first."""
    return "en" if "en" in languages else languages[0]


def check_languages(languages, default_language: str) -> None:
    """Refuse a language the site is not translated into, or a default outside the set."""
    unknown = [code for code in languages if code not in SHIPPED_LANGUAGES]
    if unknown or not languages:
        raise ConfigurationError(
            f"LANGUAGES may list only {', '.join(SHIPPED_LANGUAGES)}; "
            f"unknown: {', '.join(unknown) or '(none given)'}"
        )
    if default_language not in languages:
        raise ConfigurationError(
            f"DEFAULT_LANGUAGE is {default_language!r}, which is not in LANGUAGES "
            f"({', '.join(languages)})"
        )


def _trusted_hosts(production: bool) -> list[str] | None:
    """Host names the site answers to: TRUSTED_HOSTS, else PUBLIC_URL's host in production
    and any host in development (None, or "*", accepts every host)."""
    setting = os.environ.get("TRUSTED_HOSTS")
    if setting is None:
        public = urlsplit(os.environ.get("PUBLIC_URL", DEFAULT_PUBLIC_URL)).hostname
        return [public] if production and public else None
    hosts = [host.strip() for host in setting.split(",") if host.strip()]
    return None if not hosts or "*" in hosts else hosts


def _database_url(url: str) -> str:
    """Let a plain postgresql:// address use psycopg 3, the driver we ship."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url
