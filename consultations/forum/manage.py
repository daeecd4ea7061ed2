"""The secretariat's pages: members, rules, how to join, meetings and proposed members."""

from __future__ import annotations

from collections.abc import Callable

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..consultation.staff_forms import to_local, to_utc
from ..documents.limits import accepts_uploads
from ..documents.services import documents_of
from ..documents.staff_forms import PlanDocumentForm
from ..errors import FieldRejected
from ..pagination import paginate_models
from ..permissions import (
    can_create_forum,
    can_keep_any_forum,
    can_manage_forum,
    forum_countries,
    is_admin,
    require,
)
from . import queries, services
from .forms import (
    AgendaForm,
    AnswerForm,
    ChangeMemberForm,
    CreateForumForm,
    EndMemberForm,
    MeetingForm,
    MemberForm,
    MinutesForm,
    TextForm,
)
from .models import Forum, Meeting

bp = Blueprint("forum_staff", __name__, url_prefix="/<lang:lang>/staff/forum")

PROPOSALS_PER_PAGE = 20


def _language() -> str:
    return str(get_locale() or "en")


def _kept_forum_or_404(country: str) -> Forum:
    forum = services.get_forum_or_404(country)
    require(can_manage_forum(current_user, forum.country))
    return forum


def _failed(form, error: FieldRejected) -> None:
    field = getattr(form, error.field, None)
    if field is None:
        field = next(iter(form))
    field.errors = [*field.errors, error.message]


def _written(form, write: Callable[[], object]):
    """What `write` returns (or True) once the form is valid and the write accepted.

    None when the form is invalid or the service refused a value: the refusal is then shown
    on its field, and the view answers with the form again.
    """
    if not form.validate_on_submit():
        return None
    try:
        return write() or True
    except FieldRejected as error:
        _failed(form, error)
        return None


def _to_dashboard(forum: Forum):
    return redirect(url_for("forum_staff.dashboard", country=forum.country))


def _to_meeting(forum: Forum, meeting: Meeting):
    return redirect(url_for("forum_staff.meeting", country=forum.country, meeting_id=meeting.id))


@bp.route("", methods=["GET", "POST"])
@login_required
def index():
    """The forums this person keeps; admins open a country's forum here."""
    require(can_keep_any_forum(current_user))
    if request.method == "POST":
        require(can_create_forum(current_user))
    form = CreateForumForm() if can_create_forum(current_user) else None
    forum = form and _written(form, lambda: services.create_forum(current_user, form.country.data))
    if forum:
        flash(_("The forum is open."))
        return _to_dashboard(forum)
    statement = queries.forums_statement()
    if not is_admin(current_user):
        statement = statement.where(Forum.country.in_(sorted(forum_countries(current_user))))
    page = paginate_models(statement, 50)
    status = 422 if form is not None and form.errors else 200
    return render_template("forum/staff_index.html", page=page, form=form), status


def _dashboard(forum: Forum, status: int = 200, **forms):
    moment_day = to_local_today()
    forms.setdefault("member_form", MemberForm(formdata=None, term_start=moment_day))
    forms.setdefault("rules_form", TextForm(formdata=None, prefix="rules"))
    forms.setdefault("join_form", TextForm(formdata=None, prefix="join"))
    forms.setdefault("meeting_form", MeetingForm(formdata=None))
    page = paginate_models(queries.meetings_statement(forum.id), 20)
    page_html = render_template(
        "forum/staff_dashboard.html",
        forum=forum,
        members=queries.members_current_on(forum.id, moment_day),
        rules=queries.current_rules(forum.id),
        page=page,
        **forms,
    )
    return page_html, status


def to_local_today():
    from ..clock import now

    return to_local(now()).date()


@bp.get("/<country>")
@login_required
def dashboard(country: str):
    """Everything the secretariat keeps about its forum, on one page."""
    return _dashboard(_kept_forum_or_404(country))


@bp.post("/<country>/members")
@login_required
def add_member(country: str):
    """Add a member or a seat."""
    forum = _kept_forum_or_404(country)
    form = MemberForm()
    if _written(
        form,
        lambda: services.add_member(
            current_user, forum, **_member_values(form), term_start=form.term_start.data
        ),
    ):
        flash(_("The member is added."))
        return _to_dashboard(forum)
    return _dashboard(forum, 422, member_form=form)


def _member_values(form: MemberForm) -> dict:
    return {
        "name": form.name.data,
        "is_seat": form.is_seat.data,
        "organisation": form.organisation.data,
        "sector": form.sector.data,
        "role": form.role.data,
        "term_end": form.term_end.data,
    }


@bp.route("/<country>/members/<int:member_id>", methods=["GET", "POST"])
@login_required
def member(country: str, member_id: int):
    """Change a membership from a day on (the earlier terms stay in the history)."""
    forum = _kept_forum_or_404(country)
    member = services.get_member_or_404(forum, member_id)
    form = ChangeMemberForm(obj=member)
    end_form = EndMemberForm(formdata=None)
    if _written(
        form,
        lambda: services.change_member(
            current_user, member, form.changed_on.data, **_member_values(form)
        ),
    ):
        flash(_("The change is recorded; the earlier membership stays in the history."))
        return _to_dashboard(forum)
    status = 422 if form.errors else 200
    return render_template(
        "forum/staff_member.html", forum=forum, member=member, form=form, end_form=end_form
    ), status


@bp.post("/<country>/members/<int:member_id>/end")
@login_required
def end_member(country: str, member_id: int):
    """A member leaves the forum on a day."""
    forum = _kept_forum_or_404(country)
    member = services.get_member_or_404(forum, member_id)
    end_form = EndMemberForm()
    if _written(
        end_form, lambda: services.end_membership(current_user, member, end_form.ended_on.data)
    ):
        flash(_("The membership ends on that day."))
        return _to_dashboard(forum)
    form = ChangeMemberForm(formdata=None, obj=member)
    return render_template(
        "forum/staff_member.html", forum=forum, member=member, form=form, end_form=end_form
    ), 422


@bp.post("/<country>/rules")
@login_required
def publish_rules(country: str):
    """Publish a new version of the rules of participation."""
    forum = _kept_forum_or_404(country)
    form = TextForm(prefix="rules")
    rules = _written(
        form, lambda: services.publish_rules(current_user, forum, form.text.data, _language())
    )
    if rules:
        flash(_("Version %(version)d of the rules is published.", version=rules.version))
        return _to_dashboard(forum)
    return _dashboard(forum, 422, rules_form=form)


@bp.post("/<country>/join")
@login_required
def join_text(country: str):
    """Publish how to join the forum."""
    forum = _kept_forum_or_404(country)
    form = TextForm(prefix="join")
    if _written(
        form, lambda: services.save_join_text(current_user, forum, form.text.data, _language())
    ):
        flash(_("How to join is published."))
        return _to_dashboard(forum)
    return _dashboard(forum, 422, join_form=form)


@bp.post("/<country>/meetings")
@login_required
def schedule(country: str):
    """Announce a meeting."""
    forum = _kept_forum_or_404(country)
    form = MeetingForm()
    meeting = _written(
        form,
        lambda: services.schedule_meeting(
            current_user,
            forum,
            to_utc(form.day.data, form.time.data),
            form.place.data,
            form.online.data,
            _language(),
        ),
    )
    if meeting:
        flash(_("The meeting is announced. Publish its agenda before it is held."))
        return _to_meeting(forum, meeting)
    return _dashboard(forum, 422, meeting_form=form)


def _meeting_page(forum: Forum, meeting: Meeting, status: int = 200, **forms):
    held = to_local(meeting.held_at)
    forms.setdefault(
        "meeting_form",
        MeetingForm(
            formdata=None,
            day=held.date(),
            time=held.time(),
            place=meeting.place,
            online=meeting.online,
        ),
    )
    forms.setdefault("agenda_form", AgendaForm(formdata=None))
    forms.setdefault("minutes_form", MinutesForm(formdata=None))
    forms.setdefault("document_form", PlanDocumentForm(formdata=None))
    attendance = dict((member.id, present) for member, present in queries.attendance_of(meeting))
    page = render_template(
        "forum/staff_meeting.html",
        forum=forum,
        meeting=meeting,
        members=queries.members_current_on(forum.id, to_local(meeting.held_at).date()),
        attendance=attendance,
        documents=documents_of("meeting", [meeting.id])[meeting.id],
        **forms,
    )
    return page, status


def _kept_meeting(country: str, meeting_id: int) -> tuple[Forum, Meeting]:
    forum = _kept_forum_or_404(country)
    return forum, services.get_meeting_or_404(forum, meeting_id)


@bp.get("/<country>/meetings/<int:meeting_id>")
@login_required
def meeting(country: str, meeting_id: int):
    """A meeting's agenda, attendance, minutes and documents, for the secretariat."""
    return _meeting_page(*_kept_meeting(country, meeting_id))


@bp.post("/<country>/meetings/<int:meeting_id>")
@login_required
def reschedule(country: str, meeting_id: int):
    """Correct when or where a meeting is held."""
    forum, meeting = _kept_meeting(country, meeting_id)
    form = MeetingForm()
    if _written(
        form,
        lambda: services.reschedule_meeting(
            current_user,
            meeting,
            to_utc(form.day.data, form.time.data),
            form.place.data,
            form.online.data,
        ),
    ):
        flash(_("The meeting is changed."))
        return _to_meeting(forum, meeting)
    return _meeting_page(forum, meeting, 422, meeting_form=form)


@bp.post("/<country>/meetings/<int:meeting_id>/agenda")
@login_required
def agenda(country: str, meeting_id: int):
    """Publish the meeting's agenda."""
    forum, meeting = _kept_meeting(country, meeting_id)
    form = AgendaForm()
    if _written(form, lambda: services.publish_agenda(current_user, meeting, form.agenda.data)):
        flash(_("The agenda is published."))
        return _to_meeting(forum, meeting)
    return _meeting_page(forum, meeting, 422, agenda_form=form)


@bp.post("/<country>/meetings/<int:meeting_id>/minutes")
@login_required
def minutes(country: str, meeting_id: int):
    """Publish the minutes and decisions of a meeting that was held."""
    forum, meeting = _kept_meeting(country, meeting_id)
    form = MinutesForm()
    if _written(
        form,
        lambda: services.publish_minutes(
            current_user, meeting, form.minutes.data, form.decisions.data
        ),
    ):
        flash(_("The minutes are published."))
        return _to_meeting(forum, meeting)
    return _meeting_page(forum, meeting, 422, minutes_form=form)


@bp.post("/<country>/meetings/<int:meeting_id>/attendance")
@login_required
def attendance(country: str, meeting_id: int):
    """Record who of the members attended."""
    forum, meeting = _kept_meeting(country, meeting_id)
    present = [int(value) for value in request.form.getlist("present") if value.isdigit()]
    try:
        services.record_attendance(current_user, meeting, present)
    except FieldRejected as error:
        flash(error.message)
        return _meeting_page(forum, meeting, 422)
    flash(_("The attendance is recorded."))
    return _to_meeting(forum, meeting)


@bp.post("/<country>/meetings/<int:meeting_id>/documents")
@login_required
@accepts_uploads(1)
def documents(country: str, meeting_id: int):
    """Attach a document (the invitation, a presentation, the signed minutes)."""
    forum, meeting = _kept_meeting(country, meeting_id)
    form = PlanDocumentForm()
    if form.validate_on_submit():
        services.attach_documents(current_user, meeting, form.file.received, form.titles())
        flash(_("The document is attached to the meeting."))
        return _to_meeting(forum, meeting)
    return _meeting_page(forum, meeting, 422, document_form=form)


@bp.get("/<country>/proposals")
@login_required
def proposals(country: str):
    """Proposed members, those waiting for an answer first."""
    forum = _kept_forum_or_404(country)
    page = paginate_models(queries.pending_proposals_statement(forum.id), PROPOSALS_PER_PAGE)
    return render_template(
        "forum/staff_proposals.html", forum=forum, page=page, form=AnswerForm(formdata=None)
    )


@bp.route("/<country>/proposals/<int:proposal_id>", methods=["GET", "POST"])
@login_required
def answer(country: str, proposal_id: int):
    """Accept or decline a proposed member, with reasons."""
    forum = _kept_forum_or_404(country)
    proposal = services.get_proposal_or_404(forum, proposal_id)
    form = AnswerForm()
    if _written(
        form,
        lambda: services.answer_proposal(current_user, proposal, form.state.data, form.answer.data),
    ):
        flash(_("Your answer is sent."))
        return redirect(url_for("forum_staff.proposals", country=forum.country))
    status = 422 if form.errors else 200
    return render_template(
        "forum/staff_answer.html", forum=forum, proposal=proposal, form=form
    ), status
