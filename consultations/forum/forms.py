"""Forms of the forum: the public's proposal of a member, and the secretariat's forms."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    DateField,
    RadioField,
    SelectChoice,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import InputRequired, Length, Optional

from ..forms import Form
from .labels import MEMBER_ROLE, PROPOSAL_STATE, SECTOR
from .models import ProposalState


def _sector_choices():
    return [SelectChoice(sector.value, label) for sector, label in SECTOR.items()]


class ProposalForm(Form):
    """A signed-in person proposes someone (or an organisation) for the forum."""

    name = StringField(
        _l("Who do you propose?"),
        validators=[InputRequired(), Length(max=200)],
        description=_l("A person's name, or an organisation that would name its representative."),
    )
    organisation = StringField(_l("Organisation"), validators=[Optional(), Length(max=200)])
    sector = RadioField(_l("Sector"), choices=_sector_choices(), validators=[InputRequired()])
    reason = TextAreaField(_l("Why should they join?"), validators=[Optional(), Length(max=4000)])


class MemberForm(Form):
    """A member, or a seat, of the forum."""

    name = StringField(
        _l("Name"),
        validators=[InputRequired(), Length(max=200)],
        description=_l("A person's name, or the seat's (e.g. the ministry's representative)."),
    )
    is_seat = BooleanField(_l("This is a seat, not a named person"))
    organisation = StringField(_l("Organisation"), validators=[Optional(), Length(max=200)])
    sector = RadioField(_l("Sector"), choices=_sector_choices(), validators=[InputRequired()])
    role = RadioField(
        _l("Role in the forum"),
        choices=[SelectChoice(role.value, label) for role, label in MEMBER_ROLE.items()],
        validators=[InputRequired()],
    )
    term_start = DateField(_l("Term starts"), validators=[Optional()])
    term_end = DateField(
        _l("Term ends"),
        validators=[Optional()],
        description=_l("Leave empty when the term has no set end."),
    )


class ChangeMemberForm(MemberForm):
    """A change to a membership from a given day; the earlier row stays in the history."""

    changed_on = DateField(_l("The change takes effect on"), validators=[InputRequired()])


class EndMemberForm(Form):
    ended_on = DateField(_l("Leaves the forum on"), validators=[InputRequired()])


class TextForm(Form):
    """Rules of participation, or how to join: a text the secretariat publishes."""

    text = TextAreaField(_l("Text"), validators=[InputRequired(), Length(max=20000)])


class MeetingForm(Form):
    day = DateField(_l("Date"), validators=[InputRequired()])
    time = TimeField(_l("Time"), validators=[InputRequired()])
    place = StringField(_l("Place"), validators=[Optional(), Length(max=200)])
    online = BooleanField(_l("Held online"))


class AgendaForm(Form):
    agenda = TextAreaField(_l("Agenda"), validators=[InputRequired(), Length(max=20000)])


class MinutesForm(Form):
    minutes = TextAreaField(_l("Minutes"), validators=[InputRequired(), Length(max=50000)])
    decisions = TextAreaField(_l("Decisions"), validators=[Optional(), Length(max=20000)])


class AnswerForm(Form):
    state = RadioField(
        _l("Answer"),
        choices=[
            SelectChoice(state.value, label)
            for state, label in PROPOSAL_STATE.items()
            if state != ProposalState.PENDING
        ],
        validators=[InputRequired()],
    )
    answer = TextAreaField(
        _l("Reasons"),
        validators=[InputRequired(), Length(max=4000)],
        description=_l("The person who proposed the member reads this answer."),
    )


class CreateForumForm(Form):
    country = StringField(
        _l("Country code"),
        validators=[InputRequired(), Length(min=2, max=2)],
        description=_l("The country's two-letter code, e.g. IL."),
    )
