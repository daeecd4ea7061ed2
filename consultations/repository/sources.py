"""Where the records of a plan's cycle come from: one source per kind of record.

A source gives a SELECT of (plan id, id, moment) for some plans, which the repository puts
together with every other source's into one ordered, paginated list; and a loader that turns the
ids of one page into entries (title, address, documents) in a fixed number of queries.
A feature that adds a kind of record to the cycle adds its source to `_builtin_sources`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta

from flask import url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, and_, false, or_, select
from sqlalchemy.orm import lazyload, selectinload

from ..content import Shown
from ..extensions import db


@dataclass
class Entry:
    """One record of the cycle as the repository lists it."""

    kind: str
    id: int
    moment: datetime
    title: Shown | str
    url: str
    documents: list = field(default_factory=list)


@dataclass(frozen=True)
class Source:
    kind: str
    label: object  # a lazy translated name of the kind
    rows: Callable[[list], Select]  # plans -> SELECT plan id, id, moment
    load: Callable[[list[int]], dict[int, tuple[Shown | str, str]]]  # ids -> (title, url)
    owner_type: str | None = None  # documents attached to these records


def _ids(plans) -> list[int]:
    return [plan.id for plan in plans]


def _consultation_rows(plans) -> Select:
    from ..consultation.models import Consultation

    return select(Consultation.plan_id, Consultation.id, Consultation.opens_at).where(
        Consultation.plan_id.in_(_ids(plans))
    )


def _report_rows(plans) -> Select:
    from ..consultation.models import Consultation

    return select(Consultation.plan_id, Consultation.id, Consultation.responses_completed_at).where(
        Consultation.plan_id.in_(_ids(plans)), Consultation.responses_completed_at.is_not(None)
    )


def _consultations(ids: list[int], endpoint: str) -> dict[int, tuple[Shown, str]]:
    from ..consultation.models import Consultation

    rows = db.session.scalars(
        select(Consultation)
        .where(Consultation.id.in_(ids))
        .options(selectinload(Consultation.texts))
    )
    return {row.id: (row.text("title"), url_for(endpoint, slug=row.slug)) for row in rows}


def _plan_document_rows(plans) -> Select:
    from ..documents.models import Document

    return select(Document.owner_id, Document.id, Document.uploaded_at).where(
        Document.owner_type == "plan", Document.owner_id.in_(_ids(plans))
    )


def _plan_documents(ids: list[int]) -> dict[int, tuple[Shown, str]]:
    from ..documents.models import Document

    rows = db.session.scalars(select(Document).where(Document.id.in_(ids)))
    return {row.id: (row.title(), url_for("documents.detail", document_id=row.id)) for row in rows}


def _update_rows(plans) -> Select:
    from ..plans.models import Commitment, ProgressUpdate

    return (
        select(Commitment.plan_id, ProgressUpdate.id, ProgressUpdate.published_at)
        .join(Commitment, Commitment.id == ProgressUpdate.commitment_id)
        .where(Commitment.plan_id.in_(_ids(plans)))
    )


def _assessment_rows(plans) -> Select:
    from ..plans.models import Assessment, Commitment

    return (
        select(Commitment.plan_id, Assessment.id, Assessment.published_at)
        .join(Commitment, Commitment.id == Assessment.commitment_id)
        .where(Commitment.plan_id.in_(_ids(plans)))
    )


def _on_commitments(model, anchor: str) -> Callable[[list[int]], dict]:
    """Loader of records shown on their commitment's page: titled by the commitment."""

    def load(ids: list[int]) -> dict[int, tuple[Shown, str]]:
        from ..plans.models import Commitment

        rows = db.session.execute(
            select(model.id, Commitment)
            .join(Commitment, Commitment.id == model.commitment_id)
            .where(model.id.in_(ids))
            .options(lazyload("*"), selectinload(Commitment.texts))
        )
        return {
            record_id: (
                commitment.text("title"),
                url_for(
                    "plans.commitment",
                    reference=commitment.reference,
                    _anchor=f"{anchor}-{record_id}",
                ),
            )
            for record_id, commitment in rows
        }

    return load


def _timeline_rows(plans) -> Select:
    from ..proposals.models import CoCreationTimeline

    return select(
        CoCreationTimeline.plan_id, CoCreationTimeline.id, CoCreationTimeline.published_at
    ).where(CoCreationTimeline.plan_id.in_(_ids(plans)))


def _timeline_change_rows(plans) -> Select:
    from ..proposals.models import CoCreationChange, CoCreationTimeline

    # Only changes made once the timeline was public: before that, it was being drafted.
    return (
        select(CoCreationTimeline.plan_id, CoCreationChange.id, CoCreationChange.changed_at)
        .join(CoCreationTimeline, CoCreationTimeline.id == CoCreationChange.timeline_id)
        .where(
            CoCreationTimeline.plan_id.in_(_ids(plans)),
            CoCreationTimeline.published_at.is_not(None),
            CoCreationChange.changed_at > CoCreationTimeline.published_at,
        )
    )


def _answers_rows(plans) -> Select:
    from ..proposals.models import CoCreationTimeline

    return select(
        CoCreationTimeline.plan_id, CoCreationTimeline.id, CoCreationTimeline.answers_published_at
    ).where(CoCreationTimeline.plan_id.in_(_ids(plans)))


def _timeline_pages(ids: list[int], title, endpoint: str, changes: bool = False) -> dict:
    """Records shown on one page of their plan (its timeline, its proposals), by id."""
    from ..plans.models import ActionPlan
    from ..proposals.models import CoCreationChange, CoCreationTimeline

    stmt = select(CoCreationTimeline.id, ActionPlan.slug).join(
        ActionPlan, ActionPlan.id == CoCreationTimeline.plan_id
    )
    if changes:
        stmt = (
            stmt.add_columns(CoCreationChange.id)
            .join(CoCreationChange, CoCreationChange.timeline_id == CoCreationTimeline.id)
            .where(CoCreationChange.id.in_(ids))
        )
    else:
        stmt = stmt.add_columns(CoCreationTimeline.id).where(CoCreationTimeline.id.in_(ids))
    return {
        record_id: (str(title), url_for(endpoint, slug=slug))
        for _timeline_id, slug, record_id in db.session.execute(stmt)
    }


def _proposal_rows(plans) -> Select:
    from ..proposals.models import Proposal, public_proposal

    return select(Proposal.plan_id, Proposal.id, Proposal.created_at).where(
        Proposal.plan_id.in_(_ids(plans)), public_proposal()
    )


def _proposals(ids: list[int]) -> dict[int, tuple[str, str]]:
    from ..proposals.models import Proposal

    rows = db.session.execute(select(Proposal.id, Proposal.title).where(Proposal.id.in_(ids)))
    return {
        proposal_id: (title, url_for("proposals.detail", proposal_id=proposal_id))
        for proposal_id, title in rows
    }


def _self_assessment_rows(plans) -> Select:
    from ..reports.models import ReportState, SelfAssessmentReport

    return select(
        SelfAssessmentReport.plan_id, SelfAssessmentReport.id, SelfAssessmentReport.published_at
    ).where(
        SelfAssessmentReport.plan_id.in_(_ids(plans)),
        SelfAssessmentReport.state == ReportState.PUBLISHED,
    )


def _self_assessments(ids: list[int]) -> dict[int, tuple[str, str]]:
    from ..plans.models import ActionPlan
    from ..reports.forms import PERIODS
    from ..reports.models import SelfAssessmentReport

    rows = db.session.execute(
        select(SelfAssessmentReport.id, SelfAssessmentReport.period, ActionPlan.slug)
        .join(ActionPlan, ActionPlan.id == SelfAssessmentReport.plan_id)
        .where(SelfAssessmentReport.id.in_(ids))
    )
    return {
        report_id: (str(PERIODS[period]), url_for("reports.report", slug=slug, report_id=report_id))
        for report_id, period, slug in rows
    }


def _revision_rows(plans) -> Select:
    from ..plans.amendment_models import Revision
    from ..plans.models import Commitment

    return (
        select(Commitment.plan_id, Revision.id, Revision.created_at)
        .join(Commitment, Commitment.id == Revision.commitment_id)
        .where(Commitment.plan_id.in_(_ids(plans)))
    )


def _revisions(ids: list[int]) -> dict[int, tuple[Shown, str]]:
    from ..plans.amendment_models import Revision
    from ..plans.models import Commitment

    rows = db.session.execute(
        select(Revision.id, Commitment)
        .join(Commitment, Commitment.id == Revision.commitment_id)
        .where(Revision.id.in_(ids))
        .options(lazyload("*"), selectinload(Commitment.texts))
    )
    return {
        revision_id: (
            commitment.text("title"),
            url_for("amend.history", reference=commitment.reference),
        )
        for revision_id, commitment in rows
    }


def _refresh_rows(plans) -> Select:
    from ..plans.amendment_models import PlanRefresh

    return select(PlanRefresh.plan_id, PlanRefresh.id, PlanRefresh.created_at).where(
        PlanRefresh.plan_id.in_(_ids(plans))
    )


def _refreshes(ids: list[int]) -> dict[int, tuple[Shown, str]]:
    from ..plans.amendment_models import PlanRefresh
    from ..plans.models import ActionPlan

    rows = db.session.execute(
        select(PlanRefresh.id, ActionPlan)
        .join(ActionPlan, ActionPlan.id == PlanRefresh.plan_id)
        .where(PlanRefresh.id.in_(ids))
        .options(lazyload("*"), selectinload(ActionPlan.texts))
    )
    return {
        refresh_id: (plan.text("title"), url_for("plans.detail", slug=plan.slug))
        for refresh_id, plan in rows
    }


# The forum's meetings belong to a plan's cycle from a year before its period begins to the
# period's end: co-creation comes first, then the forum follows the implementation.
CYCLE_LEAD = timedelta(days=365)


def _meeting_rows(column_name: str):
    def rows(plans) -> Select:
        from ..forum.models import Forum, Meeting
        from ..plans.models import ActionPlan

        column = getattr(Meeting, column_name)
        # Each plan's own stretch of time, so many plans still take one query.
        in_cycle = [
            and_(
                ActionPlan.id == plan.id,
                Meeting.held_at.between(
                    datetime.combine(plan.period_start - CYCLE_LEAD, time.min, UTC),
                    datetime.combine(plan.period_end, time.max, UTC),
                ),
            )
            for plan in plans
        ]
        return (
            select(ActionPlan.id, Meeting.id, column)
            .join(Forum, Forum.id == Meeting.forum_id)
            .join(ActionPlan, ActionPlan.country == Forum.country)
            .where(or_(false(), *in_cycle))
        )

    return rows


def _meetings(ids: list[int]) -> dict[int, tuple[str, str]]:
    from ..formatting import format_day
    from ..forum.models import Forum, Meeting

    rows = db.session.execute(
        select(Meeting.id, Meeting.held_at, Forum.country)
        .join(Forum, Forum.id == Meeting.forum_id)
        .where(Meeting.id.in_(ids))
    )
    return {
        meeting_id: (
            _("Forum meeting of %(date)s", date=format_day(held_at)),
            url_for("forum.meeting", country=country, meeting_id=meeting_id),
        )
        for meeting_id, held_at, country in rows
    }


def _builtin_sources() -> list[Source]:
    from ..plans.models import Assessment, ProgressUpdate

    return [
        Source(
            "consultation",
            _l("Consultation on the draft"),
            _consultation_rows,
            lambda ids: _consultations(ids, "consultation.detail"),
        ),
        Source(
            "consultation_report",
            _l("Report on the consultation, with the reasoned responses"),
            _report_rows,
            lambda ids: _consultations(ids, "responses.report"),
        ),
        Source(
            "timeline",
            _l("Co-creation timeline published"),
            _timeline_rows,
            lambda ids: _timeline_pages(ids, _l("Co-creation timeline"), "proposals.timeline"),
        ),
        Source(
            "timeline_change",
            _l("Co-creation timeline changed"),
            _timeline_change_rows,
            lambda ids: _timeline_pages(
                ids, _l("Co-creation timeline"), "proposals.timeline", changes=True
            ),
        ),
        Source(
            "proposal",
            _l("Proposal from the public"),
            _proposal_rows,
            _proposals,
            owner_type="proposal",
        ),
        Source(
            "proposal_answers",
            _l("Answers to the proposals published"),
            _answers_rows,
            lambda ids: _timeline_pages(ids, _l("Proposals and their answers"), "proposals.index"),
        ),
        Source(
            "forum_agenda",
            _l("Forum meeting announced, with its agenda"),
            _meeting_rows("agenda_published_at"),
            _meetings,
        ),
        Source(
            "forum_minutes",
            _l("Minutes of a forum meeting"),
            _meeting_rows("minutes_published_at"),
            _meetings,
            owner_type="meeting",
        ),
        Source("plan_document", _l("Official document"), _plan_document_rows, _plan_documents),
        Source(
            "progress_update",
            _l("Progress update"),
            _update_rows,
            _on_commitments(ProgressUpdate, "update"),
            owner_type="progress_update",
        ),
        Source(
            "assessment",
            _l("Independent assessment"),
            _assessment_rows,
            _on_commitments(Assessment, "assessment"),
            owner_type="assessment",
        ),
        Source("plan_refresh", _l("Plan refreshed"), _refresh_rows, _refreshes),
        Source("amendment", _l("Amendment after adoption"), _revision_rows, _revisions),
        Source(
            "self_assessment",
            _l("Self-assessment report"),
            _self_assessment_rows,
            _self_assessments,
        ),
    ]


_SOURCES: list[Source] = []


def sources() -> list[Source]:
    """Every source, built once (the models are imported late: they import much)."""
    if not _SOURCES:
        _SOURCES.extend(_builtin_sources())
    return _SOURCES


def by_kind() -> dict[str, Source]:
    return {source.kind: source for source in sources()}
