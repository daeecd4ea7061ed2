"""The forum's words: sectors, member roles and proposal answers, in the reader's language."""

from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from .models import MemberRole, ProposalState, Sector

SECTOR = {
    Sector.GOVERNMENT: _l("government"),
    Sector.CIVIL_SOCIETY: _l("civil society"),
    # TRANSLATORS: a forum member's sector that is neither government nor civil society.
    Sector.OTHER: _l("other sector"),
}

MEMBER_ROLE = {
    # TRANSLATORS: one of the chairs of the multi-stakeholder forum.
    MemberRole.CO_CHAIR: _l("co-chair"),
    MemberRole.MEMBER: _l("member"),
    MemberRole.OBSERVER: _l("observer"),
}

PROPOSAL_STATE = {
    ProposalState.PENDING: _l("waiting for an answer"),
    ProposalState.ACCEPTED: _l("accepted"),
    ProposalState.DECLINED: _l("declined"),
}


def init_forum_labels(app: Flask) -> None:
    app.jinja_env.globals.update(
        sector_label=SECTOR, member_role_label=MEMBER_ROLE, proposal_state_label=PROPOSAL_STATE
    )
