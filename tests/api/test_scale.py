"""The long lists at scale: totals from counters, pages walked from either end, and change
times looked up per row, all giving what counting and gathering every row would give."""

from __future__ import annotations

from datetime import timedelta

from api.paths import LISTS
from sqlalchemy import func, select

from consultations.audit.services import record
from consultations.clock import as_utc, now
from consultations.comments.models import Comment, CommentState
from consultations.extensions import db
from consultations.plans.models import (
    Assessment,
    Commitment,
    CommitmentText,
    Milestone,
    MilestoneText,
    ProgressUpdate,
)


def walk(client, path: str, per_page: int) -> tuple[list[int], set[int]]:
    """Every page's item ids in order, and the totals each page reported."""
    ids, totals, page = [], set(), 1
    sep = "&" if "?" in path else "?"
    while True:
        body = client.get(f"{path}{sep}per_page={per_page}&page={page}").get_json()
        totals.add(body["meta"]["total"])
        if not body["data"]:
            return ids, totals
        ids += [item["id"] for item in body["data"]]
        page += 1


def public_ids(consultation_id: int | None = None) -> list[int]:
    stmt = select(Comment.id).where(Comment.state == CommentState.VISIBLE, Comment.held.is_(False))
    if consultation_id is not None:
        stmt = stmt.where(Comment.consultation_id == consultation_id)
    return list(db.session.scalars(stmt.order_by(Comment.id)))


def test_comment_pages_from_either_end_and_totals_leave_out_hidden_and_held(
    client, build_world, make_comment
):
    first = build_world(size=6)
    second = build_world(size=3)
    for number in range(5):
        comment = make_comment(second.consultation, f"Later words {number}.")
        comment.held = number == 2
    db.session.commit()
    for path, expected in (
        ("/api/v1/comments", public_ids()),
        (
            f"/api/v1/comments?consultation={first.consultation.slug}",
            public_ids(first.consultation.id),
        ),
        (
            f"/api/v1/comments?consultation={second.consultation.slug}",
            public_ids(second.consultation.id),
        ),
    ):
        sep = "&" if "?" in path else "?"
        since = (now() - timedelta(days=1)).isoformat().replace("+", "%2B")
        for per_page in (1, 2, 3, 100):
            for listed in (path, f"{path}{sep}updated_since={since}"):
                ids, totals = walk(client, listed, per_page)
                assert ids == expected, (listed, per_page)
                assert totals == {len(expected)}, (listed, per_page)
        body = client.get(path).get_json()
        assert body["meta"]["total"] == len(expected)
    unknown = client.get("/api/v1/comments?consultation=no-such-consultation").get_json()
    assert unknown["data"] == [] and unknown["meta"]["total"] == 0


def test_comments_changed_since_by_writing_editing_or_moderation(client, world, make_comment):
    past, since = now() - timedelta(days=10), now() - timedelta(days=1)
    old = make_comment(world.consultation, "Old words.", created_at=past)
    edited = make_comment(world.consultation, "Edited words.", created_at=past)
    edited.edited_at = now()
    audited = make_comment(world.consultation, "Restored words.", created_at=past)
    new = make_comment(world.consultation, "New words.")
    db.session.commit()
    record(None, "comment.restore", "comment", audited.id, {}, {})
    record(None, "comment.note", "comment", old.id, {}, {}, public=False)
    db.session.commit()
    for extra in ({}, {"consultation": world.consultation.slug}):
        path = "/api/v1/comments"
        response = client.get(path, query_string={"updated_since": since.isoformat(), **extra})
        body = response.get_json()
        ids = [item["id"] for item in body["data"]]
        assert {edited.id, audited.id, new.id} <= set(ids)
        assert old.id not in ids
        assert ids == sorted(ids) and body["meta"]["total"] == len(ids)
        moments = {item["id"]: item["updated_at"] for item in body["data"]}
        assert moments[edited.id] > since.isoformat()[:19]
        assert moments[audited.id] > since.isoformat()[:19]


def _expected_changed_at(commitment: Commitment):
    """What the UNION of every source gave: the latest of them all."""
    moments = [commitment.created_at]
    moments += db.session.scalars(
        select(CommitmentText.updated_at).where(CommitmentText.commitment_id == commitment.id)
    ).all()
    moments += db.session.scalars(
        select(MilestoneText.updated_at)
        .join(Milestone, Milestone.id == MilestoneText.milestone_id)
        .where(Milestone.commitment_id == commitment.id)
    ).all()
    for model in (ProgressUpdate, Assessment):
        moments += db.session.scalars(
            select(model.published_at).where(model.commitment_id == commitment.id)
        ).all()
    from consultations.audit.models import AuditEvent

    moments += db.session.scalars(
        select(AuditEvent.occurred_at).where(
            AuditEvent.target_type == "commitment",
            AuditEvent.target_id == commitment.reference,
            AuditEvent.public.is_(True),
        )
    ).all()
    return max(as_utc(moment) for moment in moments if moment is not None)


def test_commitment_change_times_are_the_latest_of_every_source(
    client, build_world, make_update, make_assessment
):
    world = build_world(size=4)
    commitments = db.session.scalars(select(Commitment).order_by(Commitment.id)).all()
    base = now() - timedelta(days=20)
    for offset, commitment in enumerate(commitments):
        commitment.created_at = base + timedelta(hours=offset)
        for text in commitment.texts:
            text.updated_at = base + timedelta(hours=offset)
        for milestone in commitment.milestones:
            for text in milestone.texts:
                text.updated_at = base
    db.session.commit()
    make_update(commitments[1], published_at=now() - timedelta(days=3))
    make_assessment(commitments[2], published_at=now() - timedelta(days=2))
    record(None, "commitment.update", "commitment", commitments[3].reference, {}, {})
    record(None, "commitment.note", "commitment", commitments[0].reference, {}, {}, public=False)
    db.session.commit()
    body = client.get("/api/v1/commitments?per_page=100").get_json()
    served = {item["reference"]: item["updated_at"] for item in body["data"]}
    expected = {}
    for commitment in db.session.scalars(select(Commitment)):
        db.session.refresh(commitment)
        expected[commitment.reference] = _expected_changed_at(commitment)
        moment = as_utc(expected[commitment.reference])
        assert served[commitment.reference] == moment.isoformat().replace("+00:00", "Z")
    for days in (25, 15, 4, 2.5, 1, -1):
        since = now() - timedelta(days=days)
        body = client.get(
            "/api/v1/commitments", query_string={"per_page": 100, "updated_since": since}
        ).get_json()
        got = {item["reference"] for item in body["data"]}
        assert got == {ref for ref, at in expected.items() if at >= since}, days
        assert body["meta"]["total"] == len(got)
    assert world.commitment.reference in served
    total = db.session.scalar(select(func.count()).select_from(Commitment))
    assert body["meta"]["total"] <= total


def test_query_counts_with_updated_since_and_from_the_far_end_do_not_grow(
    client, build_world, count_queries
):
    since = (now() - timedelta(days=1)).isoformat()

    def counts(number: int) -> dict[str, int]:
        paths = [
            *(f"{path}?updated_since={{since}}" for path in LISTS),
            "/api/v1/comments?consultation=consultation-{n}&updated_since={since}",
            "/api/v1/comments?consultation=consultation-{n}&per_page=1&page=2",
            "/api/v1/comments?per_page=1&page=3",
        ]
        result = {}
        for path in paths:
            db.session.remove()
            with count_queries() as counter:
                response = client.get(path.format(n=number, since=since.replace("+", "%2B")))
            assert response.status_code == 200, path
            result[path] = counter.count
        return result

    build_world(size=2)
    small = counts(1)
    build_world(size=12)
    build_world(size=5)
    large = counts(2)
    assert small == large


def test_totals_after_bench_data_match_the_comments(client, runner, app_ctx):
    """Bulk-inserted comments count too (the counters are filled after bench-data)."""
    result = runner.invoke(args=["bench-data", "--scale", "0.002"])
    assert result.exit_code == 0, result.output
    body = client.get("/api/v1/comments").get_json()
    assert body["meta"]["total"] == len(public_ids()) > 0
    big = client.get("/api/v1/comments?consultation=bench-consultation-1").get_json()
    assert big["meta"]["total"] == len(public_ids(1)) > 0
