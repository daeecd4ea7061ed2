"""Reference numbers: a letter for the kind, then eight random Crockford base-32 characters.

"C-7K3Q-9M2P": 40 random bits, so numbers cannot be guessed from one another; the alphabet
leaves out I, L, O and U, so a number read aloud or typed from paper comes out right.
"""

from __future__ import annotations

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
RANDOM_LENGTH = 8
GROUP = 4
# What people mistype for what they meant (Crockford's decoding rules).
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_TYPED = re.compile(r"^[A-Z][0-9A-HJKMNP-TV-Z]{8}$")
PATTERN = re.compile(r"^[A-Z]-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$")
MAX_LENGTH = 1 + 1 + RANDOM_LENGTH + RANDOM_LENGTH // GROUP - 1


def check_prefix(prefix: str) -> str:
    """A kind's prefix is one capital letter (C for comments, P for proposals)."""
    if len(prefix) != 1 or not ("A" <= prefix <= "Z"):
        raise ValueError(f"A reference prefix is one capital letter, not {prefix!r}")
    return prefix


def new_reference(prefix: str) -> str:
    """A fresh random reference of the kind `prefix`."""
    body = "".join(secrets.choice(ALPHABET) for _ in range(RANDOM_LENGTH))
    groups = [body[start : start + GROUP] for start in range(0, RANDOM_LENGTH, GROUP)]
    return "-".join([check_prefix(prefix), *groups])


def normalise(typed: str) -> str | None:
    """The reference someone typed, in its stored form; None when it cannot be one.

    Case, spaces and dashes do not matter, and O, I and L are read as 0, 1 and 1.
    """
    compact = re.sub(r"[\s\-‐-―]", "", typed or "").upper()
    if len(compact) != 1 + RANDOM_LENGTH:
        return None
    compact = compact[0] + compact[1:].translate(_LOOKALIKES)
    if not _TYPED.match(compact):
        return None
    return f"{compact[0]}-{compact[1:5]}-{compact[5:]}"
