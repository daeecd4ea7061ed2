"""The words shown for consultation, comment and response enums (the glossary's terms)."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext

from ..comments.models import Stance
from ..comments.threads import comment_threads
from ..moderation.rules import RULES, rule_title
from ..responses.models import Outcome
from .models import Phase

PHASE = {
    # TRANSLATORS: a consultation that has not opened yet.
    Phase.SCHEDULED: lazy_pgettext("consultation phase", "upcoming"),
    # TRANSLATORS: a consultation taking comments now.
    Phase.OPEN: lazy_pgettext("consultation phase", "open for comments"),
    Phase.CLOSED: lazy_pgettext("consultation phase", "closed"),
    # TRANSLATORS: a closed consultation whose reasoned responses are published.
    Phase.RESPONDED: lazy_pgettext("consultation phase", "responses published"),
}

STANCE = {
    # TRANSLATORS: the stance of a comment on a draft; glossary: support.
    Stance.SUPPORT: _l("support"),
    # TRANSLATORS: the stance of a comment on a draft; glossary: oppose.
    Stance.OPPOSE: _l("oppose"),
    # TRANSLATORS: the stance of a comment on a draft; glossary: neutral.
    Stance.NEUTRAL: _l("neutral"),
}

OUTCOME = {
    # TRANSLATORS: what became of a comment in the reasoned response.
    Outcome.ADOPTED: lazy_pgettext("outcome", "adopted"),
    Outcome.PARTLY_ADOPTED: lazy_pgettext("outcome", "partly adopted"),
    Outcome.NOT_ADOPTED: lazy_pgettext("outcome", "not adopted"),
    Outcome.OUT_OF_SCOPE: lazy_pgettext("outcome", "out of scope"),
}


class _Translated(dict):
    """A label table for one render: each label translated the first time it is shown, not
    once for every comment that shows it."""

    def __init__(self, table: dict) -> None:
        super().__init__()
        self.table = table

    def __missing__(self, key):
        value = self[key] = str(self.table[key])
        return value


def init_consultation_labels(app: Flask) -> None:
    """Expose the label tables to every template."""
    app.add_template_global(comment_threads)

    @app.context_processor
    def consultation_labels():
        return {
            "phase_label": _Translated(PHASE),
            "stance_label": _Translated(STANCE),
            "outcome_label": _Translated(OUTCOME),
            "participation_rules": RULES,
            "rule_title": rule_title,
        }
