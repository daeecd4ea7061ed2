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
_HOMOGLYPHS = confusables.confusables_data


def normalise_display_name(raw: str) -> str:
    """NFKC, single spaces, no leading or trailing space."""
    return " ".join(unicodedata.normalize("NFKC", raw or "").split())


def display_name_problem(name: str) -> str | None:
    """Why `name` (already normalised) cannot be a display name, or None."""
    if not NAME_MIN <= len(name) <= NAME_MAX:
        return _(
            "A display name is %(min)d to %(max)d characters long.", min=NAME_MIN, max=NAME_MAX
        )
    if any(unicodedata.category(char) in FORBIDDEN_CATEGORIES for char in name):
        return _("A display name cannot contain invisible or direction-changing characters.")
    if confusables.is_dangerous(name):
        return _("This name mixes alphabets in a way that imitates other letters.")
    return None


def name_key(name: str) -> str:
    """How a name looks: case, accents and look-alike letters folded together."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    letters = [char for char in decomposed if not unicodedata.combining(char) and char != " "]
    return "".join(_prototype(char) for char in letters)


def _prototype(char: str) -> str:
    homoglyphs = _HOMOGLYPHS.get(char)
    if not homoglyphs:
        return char
    return min([char, *(entry["c"] for entry in homoglyphs)]).casefold()


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
