"""The reads behind the consultation pages: phases, comment threads and their pages."""

from __future__ import annotations

from datetime import timedelta

from consultations.clock import now
from consultations.comments.models import CommentState
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
    assert len(queries.thread_ids(page.items)) == 3


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
