"""The demo content: made through the services, unchanged by a second load, showing every case."""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta
from functools import partial

import pytest
from sqlalchemy import func, select
from werkzeug.security import generate_password_hash

from consultations.accounts.models import RoleGrant, User
from consultations.agencies.models import Agency
from consultations.audit.models import AuditEvent
from consultations.audit.services import verify_chain
from consultations.clock import as_utc, now
from consultations.demo import DEMO_PASSWORD, load_demo
from consultations.documents.models import Document, LinkArchive
from consultations.documents.services import get_document_or_404
from consultations.documents.views import owner_url
from consultations.extensions import db
from consultations.mail.models import OutboxMail
from consultations.permissions import DRAFT_STATUSES, can_edit_commitment
from consultations.plans.amendment_models import Revision, RevisionKind
from consultations.plans.models import (
    ActionPlan,
    AssessedCompletion,
    Assessment,
    Commitment,
    CommitmentText,
    Completion,
    Milestone,
    MilestoneStatus,
    MilestoneText,
    PlanStatus,
    ProgressUpdate,
)
from consultations.staff.items import collect_groups

COUNTED = (
    ActionPlan,
    Commitment,
    CommitmentText,
    Milestone,
    MilestoneText,
    ProgressUpdate,
    Assessment,
    User,
    RoleGrant,
    Agency,
    AuditEvent,
    OutboxMail,
    Document,
    LinkArchive,
)
LANGUAGE = {"IL": "he", "LV": "lv", "HU": "hu"}
HEBREW = re.compile("[\u0590-\u05ff]")
COMMITMENT_FIELDS = ("title", "problem", "objective", "description", "other_actors")
# Plans whose commitments are expected to report; a closed plan is not.
REPORTING = (PlanStatus.ADOPTED, PlanStatus.IMPLEMENTATION)
DRAFT_PLAN = "il-2026-2029"


def reported_commitments():
    """The commitments of the plans past drafting, the ones with a history to show."""
    return db.session.scalars(
        select(Commitment).join(ActionPlan).where(ActionPlan.status.not_in(DRAFT_STATUSES))
    )


@pytest.fixture
def cheap_hashes(monkeypatch):
    """Cheap password hashes keep loading the demo quick."""
    monkeypatch.setattr(
        "consultations.accounts.services.hash_password",
        partial(generate_password_hash, method="pbkdf2:sha256:1000"),
    )


@pytest.fixture
def demo(app_ctx, cheap_hashes) -> list[str]:
    """The demo loaded once; the lines it printed."""
    return list(load_demo())


def count_rows() -> dict[str, int]:
    return {
        model.__name__: db.session.scalar(select(func.count()).select_from(model))
        for model in COUNTED
    }


def latest(records):
    return max(records, key=lambda record: (as_utc(record.published_at), record.id), default=None)


def history(commitment: Commitment) -> tuple[list[ProgressUpdate], list[Assessment]]:
    updates = db.session.scalars(
        select(ProgressUpdate).where(ProgressUpdate.commitment_id == commitment.id)
    ).all()
    assessments = db.session.scalars(
        select(Assessment).where(Assessment.commitment_id == commitment.id)
    ).all()
    return list(updates), list(assessments)


def test_loading_the_demo_twice_adds_nothing_and_keeps_the_audit_chain(demo):
    first = count_rows()
    again = list(load_demo())
    assert count_rows() == first
    assert [line for line in again if line.startswith("Plan ")] == [
        line.replace(line.split("new: ")[1], "nothing") for line in demo if line.startswith("Plan ")
    ]
    assert first["ActionPlan"] == 4
    assert first["Commitment"] >= 3 * 6 + 2
    assert verify_chain() is None


def test_demo_is_made_through_the_audited_services(demo):
    actions = dict(
        db.session.execute(
            select(AuditEvent.action, func.count()).group_by(AuditEvent.action)
        ).all()
    )
    assert actions["plan.create"] == 4
    assert actions["commitment.create"] == db.session.scalar(select(func.count(Commitment.id)))
    # Milestones added after adoption are amendments of their commitment, audited as such.
    added_later = db.session.scalar(
        select(func.count(Revision.id)).where(Revision.kind == RevisionKind.MILESTONE_ADDED)
    )
    milestones = db.session.scalar(select(func.count(Milestone.id)))
    assert actions["milestone.create"] + added_later == milestones
    assert actions["update.publish"] == db.session.scalar(select(func.count(ProgressUpdate.id)))
    assert actions["assessment.publish"] == db.session.scalar(select(func.count(Assessment.id)))
    # Each plan went through consultation and adoption step by step, each step logged.
    assert actions["plan.update"] >= 3 * 3
    assert verify_chain() is None


def test_the_latvian_plan_was_refreshed_with_an_amended_and_an_added_commitment(app, demo):
    plan_page = app.test_client().get("/en/plans/lv-2022-2025").text
    assert "Mid-term review with civil society" in plan_page
    assert "1 commitment amended after adoption." in plan_page
    assert "1 commitment added at a refresh." in plan_page
    history = app.test_client().get("/lv/commitments/LV9040/revisions").text
    assert "termiņš pagarināts līdz 2025. gada beigām" in history
    assert "</span>nedēļu</ins>" in history
    english = app.test_client().get("/en/commitments/LV9040").text
    assert "the deadline moves to the end of 2025" in english
    added = app.test_client().get("/en/commitments/LV9047/revisions").text
    assert "Added at the plan" in added and "refresh on" in added


def test_each_plan_has_commitments_in_its_language_and_english(demo):
    plans = db.session.scalars(select(ActionPlan).order_by(ActionPlan.slug)).all()
    assert {plan.country for plan in plans} == set(LANGUAGE)
    for plan in plans:
        lang = LANGUAGE[plan.country]
        assert {lang, "en"} <= {text.locale for text in plan.texts}
        commitments = db.session.scalars(
            select(Commitment).where(Commitment.plan_id == plan.id)
        ).all()
        if plan.status not in DRAFT_STATUSES:
            assert len(commitments) >= 6, plan.slug
            assert len({c.lead_agency_id for c in commitments}) >= 3, plan.slug
        else:
            assert len(commitments) >= 2, plan.slug
        for commitment in commitments:
            assert re.fullmatch(rf"{plan.country}\d{{4}}", commitment.reference)
            assert commitment.source_locale == lang
            assert commitment.ogp_values
            assert plan.period_start <= commitment.start_date <= commitment.end_date
            assert commitment.end_date <= plan.period_end
            texts = {text.locale: text for text in commitment.texts}
            for field in COMMITMENT_FIELDS:
                native, english = getattr(texts[lang], field), getattr(texts["en"], field)
                assert native and english and native != english, (commitment.reference, field)
            if lang == "he":
                assert HEBREW.search(texts["he"].title)
            assert 2 <= len(commitment.milestones) <= 4
            for milestone in commitment.milestones:
                assert {lang, "en"} <= {text.locale for text in milestone.texts}
                assert milestone.start_date <= milestone.due_date


def test_demo_shows_disagreement_staleness_an_overdue_milestone_and_a_correction(app, demo):
    today, cutoff = now().date(), now() - timedelta(days=app.config["STALE_AFTER_DAYS"])
    disagree, recent, stale, overdue = [], [], [], []
    for commitment in reported_commitments():
        updates, assessments = history(commitment)
        update, assessment = latest(updates), latest(assessments)
        if (
            update.status == Completion.COMPLETE
            and assessment
            and assessment.completion == AssessedCompletion.LIMITED
        ):
            disagree.append(commitment.reference)
        if commitment.plan.status not in REPORTING:
            continue
        if as_utc(update.published_at) > cutoff:
            recent.append(commitment.reference)
        elif update.status not in (Completion.COMPLETE, Completion.WITHDRAWN):
            stale.append(commitment.reference)
        overdue += [
            commitment.reference
            for milestone in commitment.milestones
            if milestone.due_date < today
            and milestone.status not in (MilestoneStatus.COMPLETE, MilestoneStatus.WITHDRAWN)
        ]
    assert "LV9041" in disagree
    assert stale == ["LV9043"]
    assert len(recent) >= 4
    assert "LV9042" in overdue

    correction = db.session.scalar(
        select(ProgressUpdate).where(ProgressUpdate.corrects_id.is_not(None))
    )
    corrected = db.session.get(ProgressUpdate, correction.corrects_id)
    assert corrected.commitment_id == correction.commitment_id
    assert as_utc(corrected.published_at) < as_utc(correction.published_at)
    assert corrected.percent_complete != correction.percent_complete
    assert latest(history(correction.commitment)[0]) == correction


def test_demo_histories_span_months_with_evidence(demo):
    for commitment in reported_commitments():
        updates, _assessments = history(commitment)
        assert len(updates) >= 2, commitment.reference
        moments = sorted(as_utc(update.published_at) for update in updates)
        assert moments[-1] - moments[0] > timedelta(days=90), commitment.reference
    links = [
        link for update in db.session.scalars(select(ProgressUpdate)) for link in update.evidence
    ]
    assert links and all(link.startswith("https://") for link in links)


def test_draft_plan_holds_commitments_the_coordinator_can_still_edit(demo):
    plan = db.session.scalar(select(ActionPlan).where(ActionPlan.slug == DRAFT_PLAN))
    assert plan.status == PlanStatus.DRAFTING
    assert plan.coordinating_agency.slug == "ict-authority"
    coordinator = db.session.scalar(select(User).where(User.email == "coordinator@example.org"))
    references = []
    for commitment in db.session.scalars(select(Commitment).where(Commitment.plan_id == plan.id)):
        references.append(commitment.reference)
        assert can_edit_commitment(coordinator, commitment)
        assert history(commitment) == ([], [])
        assert all(m.status == MilestoneStatus.NOT_STARTED for m in commitment.milestones)
    assert sorted(references) == ["IL9030", "IL9031"]


def test_demo_command_prints_the_accounts_and_plans(runner, demo):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert DEMO_PASSWORD in result.output
    assert "koordinator@example.org" in result.output
    for slug in ("il-2017-2019", "lv-2022-2025", "hu-2015-2017", DRAFT_PLAN):
        assert f"Plan {slug}" in result.output
    assert "new: nothing" in result.output


def test_the_demo_loads_beside_other_records_and_leaves_them_alone(
    cheap_hashes, make_user, make_plan, make_commitment
):
    someone = make_user(name="Someone Else", email="someone@gov.example")
    other = make_commitment(make_plan(), reference="XX0001")
    before = (someone.display_name, other.plan.slug, other.lead_agency.slug)
    lines = list(load_demo())
    assert any(line.startswith("Plan il-2026-2029") for line in lines)
    db.session.expire_all()
    assert (someone.display_name, other.plan.slug, other.lead_agency.slug) == before
    assert db.session.scalar(select(func.count()).select_from(ActionPlan)) == 4 + 1


def test_the_demo_writes_nothing_when_a_demo_name_belongs_to_someone_else(runner, make_user):
    make_user(name="Demo Admin", email="admin@gov.example")
    before = count_rows()
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 1
    assert "The demo was not loaded" in result.output and "'Demo Admin'" in result.output
    assert "Traceback" not in result.output
    assert count_rows() == before


def test_the_demo_writes_nothing_when_a_demo_reference_is_in_another_plan(
    runner, make_plan, make_commitment
):
    make_commitment(make_plan(), reference="IL9024")
    before = count_rows()
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 1
    assert "IL9024" in result.output
    assert count_rows() == before


def test_the_israeli_coordinator_has_responses_due_within_the_week(demo):
    coordinator = db.session.scalar(select(User).where(User.email == "coordinator@example.org"))
    groups = {group.source.key: group for group in collect_groups(coordinator, now())}
    (item,) = groups["responses"].items
    assert item.values == {"slug": "il-2026-2029-draft"}
    assert "comments unanswered" in item.text


def test_the_demo_documents_show_on_their_records_pages_and_download_whole(app, demo):
    client = app.test_client()
    documents = db.session.scalars(select(Document).order_by(Document.id)).all()
    kinds = {document.owner_type: document for document in documents}
    assert set(kinds) == {"plan", "progress_update", "comment", "meeting", "evidence_link"}
    assert kinds["plan"].title("en").text == "The adopted action plan (Cabinet of Ministers' order)"
    assert {kinds[kind].media_type for kind in ("plan", "comment")} == {"application/pdf"}
    for document in documents:
        _document, owner = get_document_or_404(document.id)
        with app.test_request_context():
            page = owner_url(document, owner)
        if document.owner_type == "evidence_link":
            # The copy is shown beside the link, on the page of the update that cites it.
            page = "/en/commitments/LV9040"
            assert "Archived copy of" in client.get(page).text
        assert f'href="/en/documents/{document.id}"' in client.get(page).text, page
        assert document.sha256 in client.get(f"/en/documents/{document.id}").text
        download = client.get(f"/documents/{document.id}/file")
        assert download.status_code == 200
        assert hashlib.sha256(download.data).hexdigest() == document.sha256
        assert len(download.data) == document.size
    (archive,) = db.session.scalars(select(LinkArchive)).all()
    assert archive.document_id == kinds["evidence_link"].id and archive.failing_since is None
