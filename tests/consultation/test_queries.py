"""The reads behind the consultation pages: phases, comment threads and their pages."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, select

from consultations import models  # noqa: F401  (the whole schema, for queries built at import)
from consultations.clock import now
from consultations.comments.models import Comment, CommentState
from consultations.consultation import queries
from consultations.consultation.queries import CommentFilters
from consultations.extensions import db


def test_phase_counts_follow_the_clock(make_consultation):
    make_consultation(opens_in=timedelta(days=-1))
    make_consultation(opens_in=timedelta(days=2))
    make_consultation(opens_in=timedelta(days=3))
    closed = make_consultation(opens_in=timedelta(days=-20), lasts=timedelta(days=5))
    closed.responses_completed_at = now()  # responded still counts as closed
    db.session.commit()
    assert queries.phase_counts(now()) == {"open": 1, "upcoming": 2, "closed": 1}
    later = now() + timedelta(days=30)
    assert queries.phase_counts(later) == {"open": 0, "upcoming": 0, "closed": 4}


def test_listing_orders_open_by_closing_and_closed_latest_first(make_consultation):
    late = make_consultation(lasts=timedelta(days=20))
    early = make_consultation(lasts=timedelta(days=5))
    old = make_consultation(opens_in=timedelta(days=-40), lasts=timedelta(days=5))
    recent = make_consultation(opens_in=timedelta(days=-20), lasts=timedelta(days=5))
    open_page = queries.list_consultations("open", 1, now())
    assert [c.id for c, _count in open_page.items] == [early.id, late.id]
    closed_page = queries.list_consultations("closed", 1, now())
    assert [c.id for c, _count in closed_page.items] == [recent.id, old.id]


def test_comment_counts_leave_out_hidden_and_removed(make_consultation, make_comment):
    consultation = make_consultation()
    section = consultation.sections[0]
    make_comment(consultation, section=section)
    hidden = make_comment(consultation, section=section)
    make_comment(consultation)
    hidden.state = CommentState.HIDDEN
    db.session.commit()
    assert queries.comment_counts(consultation) == {section.id: 1, None: 1}


def test_threads_keep_removed_comments_only_where_someone_replied(make_consultation, make_comment):
    consultation = make_consultation()
    root = make_comment(consultation)
    answered = make_comment(consultation, parent=root)
    make_comment(consultation, parent=answered)
    lonely = make_comment(consultation, parent=root)
    for comment in (answered, lonely):
        comment.state = CommentState.REMOVED
    db.session.commit()
    page = queries.list_comments(consultation, CommentFilters(), 1)
    [node] = page.items
    assert [reply.comment.id for reply in node.replies] == [answered.id]
    assert len(queries.listed_comments(page.items)) == 3


def test_page_of_a_reply_is_the_page_of_its_thread(make_consultation, make_comment):
    consultation = make_consultation()
    start = now() - timedelta(hours=1)
    roots = [
        make_comment(consultation, created_at=start + timedelta(seconds=number))
        for number in range(25)
    ]
    reply = make_comment(consultation, parent=roots[22])
    deeper = make_comment(consultation, parent=reply)
    assert queries.page_of(roots[0]) == 1
    assert queries.page_of(roots[19]) == 1
    assert queries.page_of(roots[20]) == 2
    assert queries.page_of(deeper) == 2
    assert queries.root_of(deeper).id == roots[22].id


def _reference_order(consultation_id: int, newest: bool = False) -> list[int]:
    """The listed threads in reading order, worked out in Python from every comment."""
    comments = db.session.scalars(
        select(Comment).where(Comment.consultation_id == consultation_id)
    ).all()
    answered = {c.parent_id for c in comments if c.parent_id and c.state != CommentState.REMOVED}
    listed = [
        c
        for c in comments
        if c.parent_id is None and (c.state != CommentState.REMOVED or c.id in answered)
    ]
    listed.sort(key=lambda c: (c.created_at, c.id), reverse=newest)
    return [c.id for c in listed]


def _every_page(consultation, order: str = "oldest") -> list[int]:
    db.session.expire_all()
    ids, number = [], 1
    while True:
        page = queries.list_comments(consultation, CommentFilters(order=order), number)
        if not page.items or page.page < number:  # past the end shows the last page again
            return ids
        ids += [node.comment.id for node in page.items]
        number += 1


def test_pages_follow_threads_written_out_of_order_removed_and_answered(
    make_consultation, make_comment
):
    consultation = make_consultation()
    start = now() - timedelta(days=1)
    roots = [
        make_comment(consultation, created_at=start + timedelta(minutes=(number * 7) % 45))
        for number in range(45)
    ]
    # A thread written "earlier" than others already there (an import) takes its place.
    make_comment(consultation, created_at=start - timedelta(minutes=5))
    assert _every_page(consultation) == _reference_order(consultation.id)
    # Removed and unanswered: gone from the pages; removed but answered: still listed.
    roots[3].state = CommentState.REMOVED
    roots[30].state = CommentState.REMOVED
    db.session.commit()
    make_comment(consultation, parent=roots[30])
    assert len(_reference_order(consultation.id)) == 45
    assert _every_page(consultation) == _reference_order(consultation.id)
    assert _every_page(consultation, "newest") == _reference_order(consultation.id, newest=True)
    # Restored: back in its place.
    roots[3].state = CommentState.VISIBLE
    db.session.commit()
    assert _every_page(consultation) == _reference_order(consultation.id)
    assert queries.page_of_id(roots[3].id) == (
        _reference_order(consultation.id).index(roots[3].id) // queries.PER_PAGE + 1
    )


def test_page_2500_of_a_large_consultation_costs_what_page_1_does(
    app, make_consultation, make_user, count_queries
):
    consultation = make_consultation()
    author = make_user()
    start = now() - timedelta(days=30)
    total = 2500 * queries.PER_PAGE + 7
    db.session.execute(
        insert(Comment),
        [
            {
                "consultation_id": consultation.id,
                "author_id": author.id,
                "language": "en",
                "body_text": f"Thread {number}.",
                "body_html": f"<p>Thread {number}.</p>",
                "fingerprint": f"thread-{number}",
                "state": CommentState.VISIBLE,
                "created_at": start + timedelta(seconds=number),
            }
            for number in range(total)
        ],
    )
    db.session.commit()
    db.session.expire_all()
    queries.list_comments(consultation, CommentFilters(), 1)  # loads the consultation itself
    statements = {}
    pages = {}
    for number in (1, 1250, 2500):
        with count_queries() as counter:
            pages[number] = queries.list_comments(consultation, CommentFilters(), number)
        statements[number] = counter.count
    assert statements[1] == statements[1250] == statements[2500]
    assert [node.comment.body_html for node in pages[2500].items] == [
        f"<p>Thread {number}.</p>" for number in range(2499 * 20, 2500 * 20)
    ]
    assert pages[1250].items[0].comment.body_html == f"<p>Thread {1249 * 20}.</p>"
    newest = queries.list_comments(consultation, CommentFilters(order="newest"), 2500)
    assert newest.items[0].comment.body_html == f"<p>Thread {total - 1 - 2499 * 20}.</p>"
