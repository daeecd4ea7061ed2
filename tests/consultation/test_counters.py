"""The comment counters on consultations and sections stay right through every write path,
and the pages that read them (paged from either end) show what counting would show."""

from __future__ import annotations

import importlib.util
import threading
import time
from datetime import timedelta
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import event, func, insert, select, update

from consultations.accounts.models import Role
from consultations.clock import now
from consultations.comments import services as comments
from consultations.comments.models import Comment, CommentState, Stance
from consultations.comments.services import comment_fingerprint
from consultations.consultation import queries
from consultations.consultation.counters import recount
from consultations.consultation.models import Consultation, Section
from consultations.consultation.queries import CommentFilters, _roots, list_comments, page_of
from consultations.extensions import db
from consultations.moderation import services as moderation
from consultations.privacy import services as privacy
from consultations.responses.queries import response_summary
from consultations.responses.services import publish_response

from helpers import PASSWORD, login

MIGRATION = next(
    (Path(__file__).parents[2] / "consultations/migrations/versions").glob(
        "*_f5a6b7c8d9e0_consultation_counters.py"
    )
)


def counted(consultation: Consultation) -> dict:
    """The counters as stored, read fresh from the database."""
    db.session.expire_all()
    fresh = db.session.get(Consultation, consultation.id)
    return {
        "comments": fresh.comment_count,
        "threads": fresh.thread_count,
        "sections": {s.anchor: (s.comment_count, s.thread_count) for s in fresh.sections},
    }


def truth(consultation: Consultation) -> dict:
    """The same figures, counted from the comments."""
    visible = Comment.state == CommentState.VISIBLE

    def threads(*where) -> int:
        stmt = _roots(consultation).where(*where)
        return db.session.scalar(select(func.count()).select_from(stmt.subquery()))

    def comments_(*where) -> int:
        return db.session.scalar(
            select(func.count(Comment.id)).where(
                Comment.consultation_id == consultation.id, visible, *where
            )
        )

    sections = db.session.scalars(
        select(Section).where(Section.consultation_id == consultation.id)
    ).all()
    return {
        "comments": comments_(),
        "threads": threads(),
        "sections": {
            s.anchor: (comments_(Comment.section_id == s.id), threads(Comment.section_id == s.id))
            for s in sections
        },
    }


def assert_exact(consultation: Consultation) -> dict:
    stored = counted(consultation)
    assert stored == truth(consultation)
    return stored


@pytest.fixture
def consultation(make_consultation):
    return make_consultation(slug="counted", sections=2)


@pytest.fixture
def citizen(make_user):
    return make_user()


def test_new_comments_and_replies_count_on_the_consultation_and_their_section(
    consultation, citizen
):
    section = consultation.sections[0]
    root = comments.add_comment(
        citizen, consultation, "On the first section.", language="en", section=section
    )
    comments.add_comment(citizen, consultation, "On the whole draft.", language="en")
    comments.add_comment(citizen, consultation, "A reply.", language="en", parent=root)
    # The same text twice is one comment, and counts once.
    comments.add_comment(citizen, consultation, "On the whole draft.", language="en")
    stored = assert_exact(consultation)
    assert stored["comments"] == 3 and stored["threads"] == 2
    assert stored["sections"]["section-1"] == (2, 1)


def test_edits_leave_the_counters_alone(consultation, citizen):
    comment = comments.add_comment(citizen, consultation, "First wording.", language="en")
    comments.edit_comment(citizen, comment, "Second wording.")
    assert assert_exact(consultation)["comments"] == 1


def test_author_removal_keeps_a_thread_listed_only_while_a_reply_hangs_under_it(
    consultation, citizen, make_user
):
    other = make_user()
    lonely = comments.add_comment(citizen, consultation, "Nobody answers.", language="en")
    answered = comments.add_comment(
        citizen, consultation, "Answered.", language="en", section=consultation.sections[1]
    )
    reply = comments.add_comment(other, consultation, "An answer.", language="en", parent=answered)
    assert assert_exact(consultation)["threads"] == 2

    comments.remove_comment(citizen, lonely)
    assert assert_exact(consultation) == {
        "comments": 2,
        "threads": 1,
        "sections": {"section-1": (0, 0), "section-2": (2, 1)},
    }
    comments.remove_comment(citizen, answered)
    assert assert_exact(consultation)["threads"] == 1  # listed as a placeholder
    comments.remove_comment(other, reply)
    assert assert_exact(consultation) == {
        "comments": 0,
        "threads": 0,
        "sections": {"section-1": (0, 0), "section-2": (0, 0)},
    }


def test_hiding_restoring_and_holding_move_the_visible_count(consultation, citizen, make_user):
    moderator = make_user(roles=(Role.MODERATOR,))
    comment = comments.add_comment(citizen, consultation, "Borderline.", language="en")
    comments.add_comment(citizen, consultation, "Fine.", language="en")
    moderation.hide_comment(moderator, comment, "spam")
    assert assert_exact(consultation)["comments"] == 1
    moderation.restore_comment(moderator, comment)
    assert assert_exact(consultation)["comments"] == 2
    for _ in range(3):
        moderation.flag_comment(make_user(), comment, "spam")
    assert db.session.get(Comment, comment.id).held
    # A held comment is still a visible comment; the page hides its text, not its place.
    assert assert_exact(consultation)["comments"] == 2


@pytest.mark.parametrize("choice", [privacy.KEEP, privacy.REMOVE])
def test_account_deletion_recounts_what_its_bulk_updates_touched(
    consultation, citizen, make_user, make_consultation, choice
):
    elsewhere = make_consultation(slug="elsewhere")
    mine = comments.add_comment(citizen, consultation, "Mine.", language="en")
    comments.add_comment(make_user(), consultation, "Answer.", language="en", parent=mine)
    comments.add_comment(
        citizen, consultation, "Mine again.", language="en", section=consultation.sections[0]
    )
    comments.add_comment(citizen, elsewhere, "Mine elsewhere.", language="en")
    privacy.delete_account(citizen, PASSWORD, choice)
    stored = assert_exact(consultation)
    assert_exact(elsewhere)
    if choice == privacy.REMOVE:
        assert stored["comments"] == 1 and stored["threads"] == 1
    else:
        assert stored["comments"] == 3 and stored["threads"] == 2


def test_rows_written_straight_to_the_database_are_counted(consultation, make_comment):
    """Factories and tests set states by hand; bulk inserts (bench-data) are recounted."""
    root = make_comment(consultation)
    make_comment(consultation, parent=root)
    root.state = CommentState.REMOVED
    db.session.commit()
    assert assert_exact(consultation)["threads"] == 1
    author = root.author_id
    db.session.execute(
        insert(Comment),
        [
            {
                "consultation_id": consultation.id,
                "section_id": consultation.sections[1].id,
                "parent_id": None,
                "depth": 0,
                "author_id": author,
                "language": "en",
                "stance": None,
                "body_text": f"Bulk {number}",
                "body_html": f"<p>Bulk {number}</p>",
                "fingerprint": comment_fingerprint(f"Bulk {number}"),
                "state": CommentState.VISIBLE,
                "held": False,
                "flag_count": 0,
                "created_at": now(),
            }
            for number in range(5)
        ],
    )
    db.session.commit()
    assert assert_exact(consultation)["threads"] == 6
    db.session.execute(
        update(Comment)
        .where(Comment.body_text == "Bulk 0")
        .values(state=CommentState.HIDDEN)
        .execution_options(synchronize_session=False)
    )
    db.session.commit()
    assert assert_exact(consultation)["comments"] == 5


def test_bench_data_fills_the_counters(runner, app_ctx):
    result = runner.invoke(args=["bench-data", "--scale", "0.002"])
    assert result.exit_code == 0, result.output
    for consultation in db.session.scalars(select(Consultation)).all():
        assert_exact(consultation)


def test_the_migration_backfills_the_counters_of_an_existing_database(
    consultation, citizen, make_comment
):
    root = comments.add_comment(
        citizen, consultation, "Before.", language="en", section=consultation.sections[0]
    )
    comments.add_comment(citizen, consultation, "Reply.", language="en", parent=root)
    make_comment(consultation).state = CommentState.HIDDEN
    db.session.commit()
    expected = truth(consultation)
    db.session.execute(update(Consultation).values(comment_count=0, thread_count=0))
    db.session.execute(update(Section).values(comment_count=0, thread_count=0))
    spec = importlib.util.spec_from_file_location("counters_migration", MIGRATION)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with Operations.context(MigrationContext.configure(db.session.connection())):
        migration._backfill("consultations", "c.consultation_id = consultations.id")
        migration._backfill(
            "sections",
            "c.consultation_id = sections.consultation_id AND c.section_id = sections.id",
        )
    db.session.commit()
    assert counted(consultation) == expected


def test_recount_repairs_drifted_counters(consultation, citizen):
    comments.add_comment(citizen, consultation, "Counted.", language="en")
    db.session.execute(update(Consultation).values(comment_count=99, thread_count=99))
    recount(db.session.connection(), [consultation.id])
    db.session.commit()
    assert assert_exact(consultation)["comments"] == 1


# Paging from either end ----------------------------------------------------------------


@pytest.fixture
def threads(consultation, make_user, make_comment):
    """Seventeen top-level comments on both sections and the whole draft, every stance,
    some with replies, two removed (one still answered), two at the same moment."""
    people = [make_user() for _ in range(3)]
    start = now() - timedelta(days=2)
    made = []
    for number in range(17):
        section = (None, *consultation.sections)[number % 3]
        stance = (None, "support", "oppose", "neutral")[number % 4]
        moment = start + timedelta(minutes=number if number != 9 else 8)
        made.append(
            make_comment(
                consultation,
                author=people[number % 3],
                section=section,
                stance=stance,
                created_at=moment,
            )
        )
    make_comment(consultation, parent=made[4], created_at=start + timedelta(hours=1))
    make_comment(consultation, parent=made[11], created_at=start + timedelta(hours=1))
    made[4].state = CommentState.REMOVED  # answered: stays listed
    made[6].state = CommentState.REMOVED  # unanswered: leaves the list
    made[7].state = CommentState.HIDDEN
    db.session.commit()
    return made


def _expected(consultation, filters: CommentFilters) -> list[int]:
    stmt = _roots(consultation)
    if filters.section == queries.GENERAL:
        stmt = stmt.where(Comment.section_id.is_(None))
    elif filters.section:
        anchor = {s.anchor: s.id for s in consultation.sections}[filters.section]
        stmt = stmt.where(Comment.section_id == anchor)
    if filters.stance:
        stmt = stmt.where(Comment.stance == Stance(filters.stance))
    if filters.order == "newest":
        stmt = stmt.order_by(Comment.created_at.desc(), Comment.id.desc())
    else:
        stmt = stmt.order_by(Comment.created_at, Comment.id)
    return list(db.session.scalars(stmt.with_only_columns(Comment.id)))


@pytest.mark.parametrize("order", ["oldest", "newest"])
@pytest.mark.parametrize("section", ["", "general", "section-1", "section-2"])
@pytest.mark.parametrize("stance", ["", "support", "oppose"])
def test_every_page_from_either_end_shows_what_offset_paging_shows(
    consultation, threads, monkeypatch, order, section, stance
):
    monkeypatch.setattr(queries, "PER_PAGE", 3)
    filters = CommentFilters(section=section, stance=stance, order=order)
    expected = _expected(consultation, filters)
    consultation = db.session.get(Consultation, consultation.id)
    nodes = []
    for number in range(1, 10):
        page = list_comments(consultation, filters, number)
        assert page.total == len(expected)
        assert len(page.items) <= 3
        if page.page < number:  # past the end, the last page is shown again
            assert number > 1 and page.page == max(page.pages, 1)
            break
        nodes += page.items
    assert [node.comment.id for node in nodes] == expected
    for node in nodes:
        if node.comment.id == threads[4].id:
            assert node.replies  # a removed comment stays with its reply under it


def test_page_of_a_comment_counted_from_the_newest_end(consultation, threads, monkeypatch):
    monkeypatch.setattr(queries, "PER_PAGE", 3)
    order = _expected(consultation, CommentFilters())
    for position, comment_id in enumerate(order):
        assert page_of(db.session.get(Comment, comment_id)) == position // 3 + 1
    reply = db.session.scalar(select(Comment).where(Comment.parent_id == threads[11].id))
    assert page_of(reply) == order.index(threads[11].id) // 3 + 1


def test_the_last_page_shows_the_oldest_comments_in_order(client, consultation, threads):
    html = client.get("/en/consultations/counted?order=newest&page=1").get_data(as_text=True)
    assert f'id="comment-{threads[16].id}"' in html
    listed = _expected(consultation, CommentFilters())
    assert "17 comments match" not in html and f"{len(listed)} comments match" in html


# Pages read counters, not rows ----------------------------------------------------------


def _bulk(consultation, author_id: int, count: int) -> None:
    start = now() - timedelta(days=1)
    db.session.execute(
        insert(Comment),
        [
            {
                "consultation_id": consultation.id,
                "section_id": consultation.sections[number % 2].id if number % 3 else None,
                "parent_id": None,
                "depth": 0,
                "author_id": author_id,
                "language": "en",
                "stance": Stance.SUPPORT if number % 2 else None,
                "body_text": f"Bulk {number}",
                "body_html": f"<p>Bulk {number}</p>",
                "fingerprint": comment_fingerprint(f"Bulk {number}"),
                "state": CommentState.VISIBLE,
                "held": False,
                "flag_count": 0,
                "created_at": start + timedelta(seconds=number),
            }
            for number in range(count)
        ],
    )
    db.session.commit()


def test_first_and_last_pages_cost_the_same_queries_at_two_sizes(
    client, count_queries, make_consultation, make_user
):
    author = make_user()
    small = make_consultation(slug="small")
    large = make_consultation(slug="large")
    _bulk(small, author.id, 30)
    _bulk(large, author.id, 3_000)
    login(client, make_user())

    def queries_for(path: str) -> int:
        db.session.remove()
        with count_queries() as counter:
            assert client.get(path).status_code == 200, path
        return counter.count

    for suffix in ("", "?page=2", "?section=section-1", "?order=newest&page=2"):
        assert queries_for(f"/en/consultations/small{suffix}") == queries_for(
            f"/en/consultations/large{suffix}"
        ), suffix
    assert queries_for("/en/consultations/large?page=150") == queries_for(
        "/en/consultations/small?page=2"
    )
    stored = db.session.scalar(
        select(Consultation.thread_count).where(Consultation.slug == "large")
    )
    assert stored == 3_000


def test_home_list_and_quality_cost_the_same_queries_at_two_sizes(
    client, count_queries, make_consultation, make_user
):
    def queries_for(path: str) -> int:
        db.session.remove()
        with count_queries() as counter:
            assert client.get(path).status_code == 200, path
        return counter.count

    author = make_user().id
    _bulk(make_consultation(), author, 5)
    _bulk(make_consultation(opens_in=timedelta(days=-40), lasts=timedelta(days=10)), author, 5)
    before = {path: queries_for(path) for path in ("/en/", "/en/consultations", "/en/quality")}
    for _ in range(4):
        more = make_consultation()
        _bulk(more, author, 400)
        closed = make_consultation(opens_in=timedelta(days=-40), lasts=timedelta(days=10))
        _bulk(closed, author, 50)
    after = {path: queries_for(path) for path in before}
    assert after == before


def test_the_summary_counts_answered_comments_through_the_responses(
    client, make_consultation, make_user, make_agency
):
    agency = make_agency()
    coordinator = make_user(roles=(Role.COORDINATOR,), agency=agency)
    consultation = make_consultation(
        slug="answered", agency=agency, opens_in=timedelta(days=-20), lasts=timedelta(days=10)
    )
    author = make_user()
    _bulk(consultation, author.id, 4)
    ids = db.session.scalars(
        select(Comment.id).where(Comment.consultation_id == consultation.id).order_by(Comment.id)
    ).all()
    publish_response(
        coordinator,
        consultation,
        outcome="adopted",
        texts={"en": {"reasons": "Done."}},
        comment_ids=ids[:2],
    )
    hidden = db.session.get(Comment, ids[0])
    hidden.state = CommentState.HIDDEN
    db.session.commit()
    summary = response_summary(db.session.get(Consultation, consultation.id), now())
    assert (summary.answered, summary.total) == (1, 3)
    html = client.get("/en/consultations/answered").get_data(as_text=True)
    assert "1 of 3 comments answered" in html


def test_recount_command_repairs_counters_that_drifted(
    runner, app_ctx, make_consultation, make_comment
):
    consultation = make_consultation()
    make_comment(consultation)
    db.session.execute(
        update(Consultation).where(Consultation.id == consultation.id).values(comment_count=99)
    )
    db.session.commit()
    result = runner.invoke(args=["recount-comments"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert db.session.get(Consultation, consultation.id).comment_count == 1


def test_two_accounts_erased_at_once_leave_exact_counters(
    app, app_ctx, make_consultation, make_user
):
    """PostgreSQL's writers run side by side: the second recount waits for the first."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite runs one writer at a time")
    consultation = make_consultation()
    first, second = make_user(), make_user()
    _bulk(consultation, first.id, 3)
    _bulk(consultation, second.id, 2)
    db.session.commit()

    def erase(connection, author_id):
        connection.execute(
            update(Comment).where(Comment.author_id == author_id).values(state="removed")
        )
        recount(connection, [consultation.id])

    with db.engine.connect() as one, db.engine.connect() as two:
        erase(one, first.id)  # holds the consultation's row until it commits
        failures = []

        def erase_second():
            try:
                with app.app_context():
                    erase(two, second.id)
                    two.commit()
            except Exception as error:  # shown by the assertion below
                failures.append(error)

        waiting = threading.Thread(target=erase_second)
        waiting.start()
        waiting.join(timeout=0.5)
        assert waiting.is_alive(), f"the second recount waits for the first writer {failures}"
        one.commit()
        waiting.join(timeout=10)
    assert not failures
    db.session.expire_all()
    assert db.session.get(Consultation, consultation.id).comment_count == 0


@pytest.mark.parametrize("round_", range(3))
def test_accounts_deleted_at_the_same_moment_are_all_erased(
    app, app_ctx, make_consultation, make_user, round_
):
    """Each erasure locks the consultation before its comments: taken the other way round,
    one recount renumbered threads another erasure had locked, while it waited for the
    consultation (PostgreSQL reported a deadlock and the person got an error page)."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite runs one writer at a time")
    consultation = make_consultation()
    leavers = [make_user() for _ in range(4)]
    for leaver in leavers:
        _bulk(consultation, leaver.id, 4)  # the threads of all four interleave in time
    stayer = make_user()
    _bulk(consultation, stayer.id, 3)
    ids = [leaver.id for leaver in leavers]
    consultation_id, stayer_id = consultation.id, stayer.id
    db.session.remove()  # this test's own reading session lets the writers be
    barrier = threading.Barrier(len(ids))
    failures = []

    def leave(position, user_id):
        with app.app_context():
            try:
                from consultations.accounts.models import User

                user = db.session.get(User, user_id)
                barrier.wait(timeout=10)
                choice = privacy.REMOVE if position % 2 == 0 else privacy.KEEP
                privacy.delete_account(user, PASSWORD, choice)
            except Exception as error:  # shown by the assertion below
                failures.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=leave, args=pair) for pair in enumerate(ids)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures == []
    stored = assert_exact(db.session.get(Consultation, consultation_id))
    assert stored["comments"] == 3 + 2 * 4  # the stayer's and the two kept accounts'
    authors = db.session.scalars(select(Comment.author_id).distinct()).all()
    assert set(authors) == {stayer_id, None}


def test_a_comment_hidden_while_an_account_is_erased_waits_its_turn(
    app, app_ctx, make_consultation, make_user
):
    """A flush that moves a counter holds the consultation before it writes the comment: an
    erasure recounting in between would wait for the comment while holding the consultation."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("PostgreSQL only: SQLite runs one writer at a time")
    consultation = make_consultation()
    leaver, author = make_user(), make_user()
    _bulk(consultation, leaver.id, 3)
    _bulk(consultation, author.id, 3)  # interleaved: the erasure renumbers these threads
    hidden_id = db.session.scalar(
        select(Comment.id).where(Comment.author_id == author.id).order_by(Comment.id.desc())
    )
    consultation_id, leaver_id = consultation.id, leaver.id
    db.session.remove()
    comment_written, failures = threading.Event(), []

    def after_execute(_connection, _cursor, statement, *_args):
        if statement.startswith("UPDATE comments") and not comment_written.is_set():
            comment_written.set()
            time.sleep(0.5)  # the erasure below starts in this gap

    def hide():
        with app.app_context():
            try:
                comment = db.session.get(Comment, hidden_id)
                comment.state = CommentState.HIDDEN
                event.listen(db.engine, "after_cursor_execute", after_execute)
                db.session.commit()
            except Exception as error:  # shown by the assertion below
                failures.append(error)
            finally:
                event.remove(db.engine, "after_cursor_execute", after_execute)
                db.session.remove()

    moderator = threading.Thread(target=hide)
    moderator.start()
    assert comment_written.wait(timeout=10)
    try:
        with db.engine.connect() as erasure:
            erasure.execute(
                update(Comment).where(Comment.author_id == leaver_id).values(state="removed")
            )
            recount(erasure, [consultation_id])
            erasure.commit()
    except Exception as error:  # shown by the assertion below
        failures.append(error)
    moderator.join(timeout=10)
    assert failures == []
    stored = assert_exact(db.session.get(Consultation, consultation_id))
    assert stored["comments"] == 2
