"""How passwords are stored: argon2id, with older hashes verified and upgraded at login.

The parameters are argon2-cffi's defaults, the low-memory profile RFC 9106 recommends
(64 MiB, 3 passes, 4 lanes). Accounts made before argon2id hold Werkzeug hashes
("scrypt:…" or "pbkdf2:…"); those are still checked, and replaced at the next login.
"""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from werkzeug.security import check_password_hash

_HASHER = PasswordHasher()
_ARGON2_PREFIX = "$argon2"


def hash_password(password: str) -> str:
    return _HASHER.hash(password)


def verify_password(stored: str, password: str) -> bool:
    """Whether `password` matches `stored`, in whichever format it was saved."""
    if not stored.startswith(_ARGON2_PREFIX):
        return check_password_hash(stored, password)
    try:
        return _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """Whether `stored` is in an older format or with weaker parameters than today's."""
    return not stored.startswith(_ARGON2_PREFIX) or _HASHER.check_needs_rehash(stored)


# Checked when no account matches, so a wrong address takes as long as a wrong password.
DUMMY_HASH = hash_password("not-a-real-password-0")
