"""The forum's public pages: the forums, one forum, its meetings, rules and history."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..clock import as_utc, now
from ..documents.services import documents_of
from ..pagination import paginate_models
from ..permissions import can_propose_member, require
from . import queries, services
from .forms import ProposalForm

bp = Blueprint("forum", __name__, url_prefix="/<lang:lang>/forum")

MEETINGS_PER_PAGE = 20
FORUMS_PER_PAGE = 50
HISTORY_PER_PAGE = 50


@bp.get("")
def index():
    """Every forum the site hosts; with only one, its page."""
    page = paginate_models(queries.forums_statement(), FORUMS_PER_PAGE)
    if page.total == 1:
        return redirect(url_for("forum.detail", country=page.items[0].country))
    return render_template("forum/index.html", page=page)


@bp.get("/<country>")
def detail(country: str):
    """Who sits on the forum today, its rules, how to join, and its meetings."""
    forum = services.get_forum_or_404(country)
    moment = now()
    page = paginate_models(queries.meetings_statement(forum.id), MEETINGS_PER_PAGE)
    mine = queries.proposals_of(current_user.id, forum.id) if current_user.is_authenticated else []
    return render_template(
        "forum/detail.html",
        forum=forum,
        members=queries.members_current_on(forum.id, moment.date()),
        rules=queries.current_rules(forum.id),
        next_meeting=queries.next_meeting(forum.id, moment),
        page=page,
        proposals=mine,
    )


@bp.get("/<country>/members")
def history(country: str):
    """Every membership, current and past, with the day each began and ended."""
    forum = services.get_forum_or_404(country)
    page = paginate_models(queries.member_history_statement(forum.id), HISTORY_PER_PAGE)
    return render_template("forum/history.html", forum=forum, page=page)


@bp.get("/<country>/rules")
@bp.get("/<country>/rules/<int:version>")
def rules(country: str, version: int | None = None):
    """The rules of participation: the current version or an earlier one, and every version."""
    forum = services.get_forum_or_404(country)
    versions = queries.rules_versions(forum.id)
    if version is None:
        shown = versions[0] if versions else None
    else:
        shown = next((rules for rules in versions if rules.version == version), None)
        if shown is None:
            abort(404)
    return render_template("forum/rules.html", forum=forum, shown=shown, versions=versions)


@bp.get("/<country>/meetings/<int:meeting_id>")
def meeting(country: str, meeting_id: int):
    """A meeting: when and where, its agenda, who attended, minutes, decisions, documents."""
    forum = services.get_forum_or_404(country)
    meeting = services.get_meeting_or_404(forum, meeting_id)
    return render_template(
        "forum/meeting.html",
        forum=forum,
        meeting=meeting,
        attendance=queries.attendance_of(meeting),
        documents=documents_of("meeting", [meeting.id])[meeting.id],
        upcoming=as_utc(meeting.held_at) > now(),
    )


@bp.route("/<country>/propose", methods=["GET", "POST"])
@login_required
def propose(country: str):
    """Propose a member; the forum's secretariat answers."""
    forum = services.get_forum_or_404(country)
    require(can_propose_member(current_user))
    form = ProposalForm()
    if form.validate_on_submit():
        services.propose_member(
            current_user,
            forum,
            form.name.data,
            form.organisation.data,
            form.sector.data,
            form.reason.data,
        )
        flash(_("Thank you. The forum's secretariat will answer your proposal."))
        return redirect(url_for("forum.detail", country=forum.country, _anchor="proposals"))
    page = render_template("forum/propose.html", forum=forum, form=form)
    return page, 422 if form.errors else 200
