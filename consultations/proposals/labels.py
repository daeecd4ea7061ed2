"""The words shown for the co-creation stages and the answers to proposals."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from .models import Outcome, Stage

STAGE = {
    # TRANSLATORS: the co-creation stage in which the public learns that a plan is being made.
    Stage.AWARENESS: _l("Awareness"),
    Stage.PROPOSALS: _l("Proposals from the public"),
    Stage.DRAFTING: _l("Drafting"),
    Stage.CONSULTATION: _l("Consultation on the draft"),
    Stage.ADOPTION: _l("Adoption"),
}

OUTCOME = {
    Outcome.INCLUDED: _l("included"),
    Outcome.PARTLY_INCLUDED: _l("partly included"),
    Outcome.MERGED: _l("merged into another proposal"),
    Outcome.NOT_INCLUDED: _l("not included"),
}
