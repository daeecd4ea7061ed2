"""The published participation rules: flags cite them and moderators hide comments under them."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# Keys are stored on flags and hidden comments; never rename one.
RULES = {
    "respect": (
        _l("Respect other people"),
        _l("No insults, threats, harassment or attacks on a person instead of an argument."),
    ),
    "hate": (
        _l("No hate speech"),
        _l(
            "No content that demeans people for their origin, religion, gender, disability "
            "or any other part of who they are."
        ),
    ),
    "privacy": (
        _l("Protect personal data"),
        _l(
            "Do not publish anyone's address, phone number, identity number "
            "or other private details."
        ),
    ),
    "on_topic": (
        _l("Stay on topic"),
        _l("Comments should be about the draft under consultation."),
    ),
    "spam": (
        _l("No advertising or spam"),
        _l("No commercial promotion, and no flooding the page with the same text."),
    ),
    "lawful": (
        _l("Keep within the law"),
        _l("No content that breaks the law, such as incitement or copyright infringement."),
    ),
}


def rule_title(key: str | None) -> str:
    """The rule's short name, or an empty string for an unknown key."""
    return str(RULES[key][0]) if key in RULES else ""
