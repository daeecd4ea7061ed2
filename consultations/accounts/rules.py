"""What a display name and a password must be; used by forms and re-checked by services."""

from __future__ import annotations

import unicodedata

from confusable_homoglyphs import confusables
from flask_babel import gettext as _
from zxcvbn import zxcvbn

NAME_MIN, NAME_MAX = 2, 80
PASSWORD_MIN, PASSWORD_MAX = 10, 500
# zxcvbn refuses longer input (its matching grows steeply with length); a password whose
# first 72 characters are hard to guess is hard to guess, whatever follows.
STRENGTH_CHECKED = 72
# Control, format (bidi marks, zero-width), private-use, unassigned and separator characters.
FORBIDDEN_CATEGORIES = {"Cc", "Cf", "Co", "Cs", "Cn", "Zl", "Zp"}
# Unicode's directional marks, which the confusables data puts around right-to-left letters.
_MARKS = str.maketrans("", "", "\u200e\u200f")


def _prototypes() -> dict[str, str]:
    """Each look-alike character's prototype, as UTS #39's confusables table maps it.

    The data lists every pair both ways: a character with a single look-alike, which lists
    it back among others, is a source and that look-alike its prototype. Where two characters
    only list each other, the table's direction is lost; one of them (an ASCII one, a
    sequence, else the first in code-point order) stands for both, which gives the same
    equivalence.
    """
    data = {
        key.translate(_MARKS): [entry["c"].translate(_MARKS) for entry in entries]
        for key, entries in confusables.confusables_data.items()
    }
    prototypes = {}
    for char, homoglyphs in data.items():
        if len(char) != 1 or len(homoglyphs) != 1 or homoglyphs[0] == char:
            continue
        (other,) = homoglyphs
        if data.get(other) == [char]:  # a pair: pick one to stand for both
            other = min(other, char, key=lambda text: (not text.isascii(), len(text) == 1, text))
        if other != char:
            prototypes[char] = other
    return prototypes


_PROTOTYPES = _prototypes()


def normalise_display_name(raw: str) -> str:
    """NFKC, single spaces, no leading or trailing space."""
    return " ".join(unicodedata.normalize("NFKC", raw or "").split())


def display_name_problem(name: str) -> str | None:
    """Why `name` (already normalised) cannot be a display name, or None.

    Names may mix scripts ("Noa Levi נועה", "Anna Kalniņa / Анна"): what is refused is a name
    that imitates another, which `name_key` finds, not a mixture as such.
    """
    if not NAME_MIN <= len(name) <= NAME_MAX:
        return _(
            "A display name is %(min)d to %(max)d characters long.", min=NAME_MIN, max=NAME_MAX
        )
    if any(unicodedata.category(char) in FORBIDDEN_CATEGORIES for char in name):
        return _("A display name cannot contain invisible or direction-changing characters.")
    return None


def name_taken_message() -> str:
    """What a person is told when their name is, or looks like, someone else's."""
    return _(
        "This name is taken or looks too much like another participant's name. "
        "Add a surname, an initial or your organisation to tell yours apart."
    )


def name_key(name: str) -> str:
    """How a name looks: its confusable skeleton (UTS #39), with case, accents and spaces folded.

    Two names with one key cannot be told apart at a glance: "Dana Cohen" with a Cyrillic "о",
    "DANA COHEN", "Daná Cöhen", "DanieI" with a capital I. Capitals that look like a small
    letter are mapped before case folding, everything else after it, so "АННА" meets "Анна".
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(_prototype_of_capital(char) for char in text).casefold()
    key = _skeleton(_skeleton(text).casefold())
    letters = (char for char in key if not unicodedata.combining(char) and not char.isspace())
    return "".join(letters)[:160]


def _prototype_of_capital(char: str) -> str:
    prototype = _PROTOTYPES.get(char)
    if prototype is None or char == char.casefold() or prototype != prototype.casefold():
        return char
    return prototype


def _skeleton(text: str) -> str:
    return unicodedata.normalize("NFD", "".join(_PROTOTYPES.get(char, char) for char in text))


def password_problem(password: str, user_inputs: list[str]) -> str | None:
    """Why `password` is not acceptable, or None. Long passphrases in any script pass."""
    if len(password) < PASSWORD_MIN:
        return _("A password needs at least %(min)d characters.", min=PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        return _("A password can have at most %(max)d characters.", max=PASSWORD_MAX)
    strength = zxcvbn(
        password[:STRENGTH_CHECKED], user_inputs=user_inputs, max_length=STRENGTH_CHECKED
    )
    if strength["score"] < 3:
        return _(
            "This password is too common or too easy to guess. "
            "A few unrelated words make a strong one."
        )
    return None
