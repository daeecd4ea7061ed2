"""Kept pages: served from memory to readers who are not signed in, never once untrue."""

from __future__ import annotations

import pytest
from sqlalchemy import event, text, update

from consultations import create_app, pagecache, versions
from consultations.accounts.models import Role
from consultations.agencies.models import Agency, AgencyText
from consultations.comments import services as comments
from consultations.consultation.models import ConsultationText
from consultations.extensions import db
from consultations.moderation import services as moderation
from consultations.moderation.rules import RULES

from helpers import PASSWORD, login, settings_for

# A kept page costs the version lookup (and SQLite's BEGIN), nothing more.
KEPT_PAGE_STATEMENTS = 2


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def statements(client, count_queries, path: str) -> int:
    with count_queries() as counter:
        page(client, path)
    return counter.count


@pytest.fixture
def consultation(make_consultation):
    return make_consultation(titles={"en": "Clean rivers consultation"})


@pytest.fixture
def path(consultation) -> str:
    return f"/en/consultations/{consultation.slug}"


def test_a_page_read_again_comes_from_memory_unchanged(client, count_queries, path):
    first = page(client, path)
    assert statements(client, count_queries, path) <= KEPT_PAGE_STATEMENTS
    assert page(client, path) == first


def test_a_new_comment_shows_on_the_next_read(client, count_queries, path, consultation, make_user):
    page(client, path)
    comments.add_comment(make_user(), consultation, "Fund the river wardens.", language="en")
    db.session.commit()
    assert statements(client, count_queries, path) > KEPT_PAGE_STATEMENTS
    assert "Fund the river wardens." in page(client, path)


def test_a_hidden_comment_leaves_the_page_at_once(
    client, path, consultation, make_comment, make_user
):
    comment = make_comment(consultation, "Text a moderator will hide.")
    assert "Text a moderator will hide." in page(client, path)
    moderator = make_user(roles=(Role.MODERATOR,))
    moderation.hide_comment(moderator, comment, rule=next(iter(RULES)))
    db.session.commit()
    assert "Text a moderator will hide." not in page(client, path)


def test_a_write_by_another_process_counts(client, path, consultation):
    assert "Clean rivers consultation" in page(client, path)
    consultation_id = consultation.id
    db.session.rollback()  # the test's own session lets go of the database first
    # Another worker or a command line tool: its own connection, a plain SQL UPDATE.
    with db.engine.begin() as connection:
        connection.execute(
            update(ConsultationText)
            .where(ConsultationText.consultation_id == consultation_id)
            .values(title="Clean rivers and lakes")
        )
    assert "Clean rivers and lakes" in page(client, path)


def test_a_write_rolled_back_leaves_the_kept_page(client, count_queries, path, consultation):
    page(client, path)
    consultation_id = consultation.id
    db.session.rollback()
    with db.engine.connect() as connection:
        connection.execute(
            update(ConsultationText)
            .where(ConsultationText.consultation_id == consultation_id)
            .values(title="Never committed")
        )
        connection.rollback()
    assert statements(client, count_queries, path) <= KEPT_PAGE_STATEMENTS
    assert "Never committed" not in page(client, path)


def test_two_workers_on_one_database_see_each_others_writes(make_app):
    reader, writer = make_app(), make_app()  # two apps, one SQLite file
    with writer.app_context():
        agency = Agency(slug="water-office")
        agency.texts.append(AgencyText(locale="en", name="Water Office"))
        db.session.add(agency)
        db.session.commit()
    reader_client = reader.test_client()
    assert "Water Office" in page(reader_client, "/en/agencies/water-office")
    assert reader.extensions["page_cache"].get("http://localhost/en/agencies/water-office")
    with writer.app_context():
        db.session.execute(update(AgencyText).values(name="Water and Rivers Office"))
        db.session.commit()
    assert "Water and Rivers Office" in page(reader_client, "/en/agencies/water-office")


def test_a_migration_that_drops_or_creates_the_versions_table_is_noticed_midway(make_app):
    # Going down past the table drops it on a connection that has already committed writes
    # (and noted that the table exists); going up again creates it, as Alembic does.
    with make_app().app_context(), db.engine.connect() as connection:
        connection.execute(text("DELETE FROM comments"))
        connection.commit()
        versions.table_versions.drop(connection)
        connection.execute(text("DELETE FROM comments"))
        connection.commit()  # nothing to bump any more, and no error
        versions.table_versions.create(connection)
        connection.execute(text("DELETE FROM comments"))
        connection.commit()
        assert "comments" in versions.current(connection)


def test_a_commit_after_writes_costs_one_statement_once_its_connection_knows_the_table(
    app_ctx, count_queries
):
    with db.engine.connect() as connection:
        connection.execute(text("DELETE FROM comments"))
        connection.commit()  # the connection now knows the versions table is there
        connection.execute(text("DELETE FROM comments"))
        with count_queries() as counter:
            connection.commit()
    assert counter.count == 1  # the new version of the table written; no schema lookup


def test_signed_in_people_get_their_own_page_and_leave_nothing(client, app, path, make_user):
    anonymous = page(client, path)
    person = make_user(name="Dana Reader")
    signed_in = app.test_client()
    login(signed_in, person)
    own = page(signed_in, path)
    assert "Dana Reader" in own and "Dana Reader" not in anonymous
    assert "Dana Reader" not in page(app.test_client(), path)


def test_a_page_with_a_form_token_is_never_shared(make_app):
    app = make_app(WTF_CSRF_ENABLED=True)
    first, second = app.test_client(), app.test_client()
    first.get("/en/login")
    second_form = second.get("/en/login").get_data(as_text=True)
    token = second_form.split('name="csrf_token" value="')[1].split('"')[0]
    response = second.post(
        "/en/login", data={"csrf_token": token, "email": "x@example.org", "password": PASSWORD}
    )
    assert response.status_code != 400  # the form was not refused as expired
    assert len(app.extensions["page_cache"]) == 0


def test_a_message_for_one_reader_is_not_kept_or_hidden(app, client, make_user):
    page(client, "/en/")
    person = make_user()
    leaving = app.test_client()
    login(leaving, person)
    leaving.post("/en/logout")
    farewell = page(leaving, "/en/")
    assert "logged out" in farewell.lower()
    assert "logged out" not in page(client, "/en/").lower()


def test_a_kept_page_still_sets_the_readers_language(app, client):
    page(client, "/he/")
    newcomer = app.test_client()
    response = newcomer.get("/he/")
    assert response.headers.get("Set-Cookie", "").startswith("lang=he")


def test_a_kept_answer_counts_against_the_rate_limit_afresh(make_app):
    client = make_app(RATELIMIT_ENABLED=True).test_client()
    first, second = client.get("/api/v1/agencies"), client.get("/api/v1/agencies")
    assert second.get_data() == first.get_data()
    remaining = second.headers.getlist("X-RateLimit-Remaining")
    assert len(remaining) == 1
    assert int(remaining[0]) == int(first.headers["X-RateLimit-Remaining"]) - 1


def test_a_head_request_for_a_kept_page_is_answered_from_memory(client, count_queries, path):
    page(client, path)
    with count_queries() as counter:
        assert client.head(path).status_code == 200
    assert counter.count <= KEPT_PAGE_STATEMENTS


def test_a_static_file_is_sent_without_a_database_statement(client, count_queries, app_ctx):
    with count_queries() as counter:
        assert client.get("/static/css/main.css").status_code == 200
    assert counter.count == 0


@pytest.mark.parametrize("signed_in", [False, True])
def test_a_page_rendered_afresh_reads_the_table_versions_once(
    app, make_plan, make_commitment, make_user, signed_in
):
    # The store reads them before an anonymous page; the commitment page's kept fragments
    # use the same ones, and read them themselves for a signed-in person.
    path = f"/en/commitments/{make_commitment(make_plan()).reference}"
    reader = app.test_client()
    if signed_in:
        login(reader, make_user())
    lookups = []

    def note(_connection, _cursor, statement, *_args):
        if "FROM table_versions" in statement:
            lookups.append(statement)

    event.listen(db.engine, "before_cursor_execute", note)
    try:
        page(reader, path)
    finally:
        event.remove(db.engine, "before_cursor_execute", note)
    assert len(lookups) == 1


def test_a_reader_who_has_the_page_gets_304(client, path):
    client.get(path)
    etag = client.get(path).headers["ETag"]
    response = client.get(path, headers={"If-None-Match": etag})
    assert response.status_code == 304


def test_a_page_is_kept_no_longer_than_its_time(client, count_queries, path, monkeypatch, app):
    page(client, path)
    clock = pagecache.time.monotonic() + app.config["PAGE_CACHE_SECONDS"] + 1
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: clock)
    assert statements(client, count_queries, path) > KEPT_PAGE_STATEMENTS


def test_keeping_can_be_turned_off(make_app):
    app = make_app(PAGE_CACHE_SECONDS=0)
    assert "page_cache" not in app.extensions
    assert app.test_client().get("/en/").status_code == 200


def test_memory_holds_at_most_its_size():
    cache = pagecache.PageCache(max_bytes=2 * (40 + pagecache.ENTRY_OVERHEAD) + 30, seconds=60)
    for number in range(5):
        cache.put(f"page-{number}", pagecache.Entry(b"x" * 40, (), (), 0.0))
    assert len(cache) == 2
    assert cache.get("page-0") is None and cache.get("page-4") is not None


@pytest.mark.parametrize(
    ("statement", "written"),
    [
        ("INSERT INTO comments (body_text) VALUES (?)", {"comments"}),
        ('UPDATE "consultations" SET comment_count=(comment_count + ?)', {"consultations"}),
        ("DELETE FROM flags WHERE flags.comment_id = ?", {"flags"}),
        (
            "INSERT INTO search_documents (kind) VALUES (%(kind)s) "
            "ON CONFLICT (kind) DO UPDATE SET title = excluded.title",
            {"search_documents"},
        ),
        ("WITH old AS (SELECT id FROM users) DELETE FROM comments WHERE 1", {"comments"}),
        ("SELECT comments.id FROM comments JOIN users ON 1 FOR UPDATE OF comments", set()),
        ("SELECT id FROM search_index WHERE search_index MATCH ?", set()),
    ],
)
def test_writes_are_recognised_from_the_sql(app_ctx, statement, written):
    versions.classify.cache_clear()  # read afresh, not from an earlier test's memo
    assert versions.classify(statement)[0] == written


def test_reading_the_search_index_depends_on_its_documents(app_ctx):
    assert versions.classify("SELECT rowid FROM search_index WHERE search_index MATCH ?")[1] == {
        "search_documents"
    }


def test_a_page_that_needs_no_database_still_answers_without_one():
    unreachable = create_app(settings_for("postgresql://postgres@127.0.0.1:9/nowhere"))
    response = unreachable.test_client().get("/en/terms")
    assert response.status_code == 200
    with unreachable.app_context():
        db.engine.dispose()
