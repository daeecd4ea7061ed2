"""Which answers the page store keeps: only complete 200 answers to GET, never a streamed
file, a private or no-store answer, an error page, a health check, a page read inside a
transaction that has written; what a kept page never carries to the next reader; and
when a kept page stops being current."""

from __future__ import annotations

import pytest
from flask import Response, session
from flask_wtf.csrf import generate_csrf
from sqlalchemy import func, select

from consultations import pagecache
from consultations.consultation.models import ConsultationText
from consultations.extensions import db, limiter
from consultations.follows import services as follows
from consultations.follows.models import Follow
from consultations.follows.tokens import unsubscribe_token


@pytest.fixture
def store(app):
    kept = app.extensions["page_cache"]
    kept.clear()
    return kept


@pytest.fixture
def path(make_consultation) -> str:
    return f"/en/consultations/{make_consultation().slug}"


def test_a_plain_page_is_kept(client, store, path):
    assert client.get(path).status_code == 200
    assert len(store) == 1


def test_another_method_on_a_kept_pages_address_is_not_answered_from_the_store(client, store, path):
    client.get(path)
    assert len(store) == 1
    assert client.post(path).status_code == 405
    assert client.put(path).status_code == 405


@pytest.mark.parametrize("form", ["/en/login", "/en/register", "/en/reset"])
def test_a_page_whose_view_has_its_own_rate_limit_is_never_kept(client, store, app_ctx, form):
    for _ in range(2):
        assert client.get(form).status_code == 200
    assert len(store) == 0


def test_an_error_page_is_not_kept(client, store, app_ctx):
    assert client.get("/en/consultations/no-such-consultation").status_code == 404
    assert len(store) == 0


def test_an_answer_to_head_is_not_kept(client, store, path):
    assert client.head(path).status_code == 200
    assert len(store) == 0


def test_a_streamed_file_is_not_kept(client, store, app_ctx):
    assert client.get("/data/comments.csv").status_code == 200
    assert len(store) == 0


def test_a_health_check_is_never_kept(client, store, app_ctx):
    for _ in range(2):
        assert client.get("/livez").status_code == 200
    assert len(store) == 0


@pytest.mark.parametrize("header", ["private", "no-store", "private, max-age=0"])
def test_a_private_or_no_store_answer_is_not_kept(app, client, store, path, header):
    def mark(response):
        response.headers["Cache-Control"] = header
        return response

    app.after_request_funcs.setdefault(None, []).append(mark)  # runs before the store
    try:
        assert client.get(path).status_code == 200
    finally:
        app.after_request_funcs[None].remove(mark)
    assert len(store) == 0


def test_a_kept_page_expires_at_its_moment_exactly():
    entry = pagecache.Entry.of(b"page", (), (("comments", 3),), expires=100.0)
    assert entry.is_current(99.999, {"comments": 3}) is True
    assert entry.is_current(100.0, {"comments": 3}) is False
    assert entry.is_current(99.0, {"comments": 4}) is False
    assert entry.is_current(99.0, {}) is False


def test_a_kept_page_is_held_compressed_and_given_back_whole():
    body = ("<p>" + "Published comment text. " * 400 + "</p>").encode()
    entry = pagecache.Entry.of(body, (), (), 0.0)
    assert entry.body() == body
    assert len(entry.packed) < len(body) / 6


def entry(size: int) -> pagecache.Entry:
    """An entry whose packed body is `size` bytes."""
    return pagecache.Entry(b"x" * size, (), (), 0.0)


def test_memory_holds_exactly_its_size_and_starts_empty_after_clearing():
    each = 50 + pagecache.ENTRY_OVERHEAD
    cache = pagecache.PageCache(max_bytes=2 * each, seconds=60)
    cache.put("a", entry(50))
    cache.put("b", entry(50))
    assert len(cache) == 2  # exactly full
    cache.clear()
    cache.put("c", entry(50))
    cache.put("d", entry(50))
    assert len(cache) == 2
    cache.put("c", entry(60))  # replaced, larger: "d" goes
    assert len(cache) == 1 and cache.get("d") is None


def test_a_page_larger_than_the_whole_store_is_not_kept():
    cache = pagecache.PageCache(max_bytes=10 + pagecache.ENTRY_OVERHEAD, seconds=60)
    cache.put("big", entry(11))
    assert len(cache) == 0
    cache.put("fits", entry(10))
    assert len(cache) == 1


@pytest.mark.parametrize(("seconds", "kept"), [(0, False), (-1, False), (1, True), (0.5, True)])
def test_keeping_is_on_for_any_positive_number_of_seconds(make_app, seconds, kept):
    app = make_app(PAGE_CACHE_SECONDS=seconds)
    assert ("page_cache" in app.extensions) is kept


def test_the_store_holds_the_configured_megabytes(make_app):
    app = make_app(PAGE_CACHE_MEGABYTES=3)
    assert app.extensions["page_cache"].max_bytes == 3 * 1024 * 1024


def test_unsubscribing_is_not_answered_with_the_kept_question(
    client, store, make_consultation, make_user
):
    # The question has no form token (the signed address authorizes), so it is kept.
    person = make_user()
    follow = follows.follow(person, make_consultation())
    address = f"/en/unsubscribe/{unsubscribe_token(person.id, follow.id)}"
    question = client.get(address)
    assert question.status_code == 200 and len(store) == 1
    answer = client.post(address, data={"scope": "follow"})
    assert answer.status_code == 200
    assert answer.get_data() != question.get_data()
    assert db.session.scalar(select(func.count(Follow.id)).where(Follow.user_id == person.id)) == 0


def test_a_kept_page_gives_the_next_reader_none_of_the_first_readers_cookies(app, client, store):
    first = client.get("/he/")
    assert first.headers.getlist("Set-Cookie")  # the newcomer's language is remembered
    assert len(store) == 1
    settled = app.test_client()
    settled.set_cookie("lang", "he")
    kept = settled.get("/he/")
    assert kept.get_data() == first.get_data()
    assert kept.headers.getlist("Set-Cookie") == []


def test_a_page_read_while_its_own_transaction_has_written_is_not_kept(
    client, store, make_consultation
):
    consultation = make_consultation(titles={"en": "Clean rivers"})
    path = f"/en/consultations/{consultation.slug}"
    text = db.session.scalar(
        select(ConsultationText).where(ConsultationText.consultation_id == consultation.id)
    )
    text.title = "Not yet committed"
    db.session.flush()
    assert "Not yet committed" in client.get(path).get_data(as_text=True)
    assert len(store) == 0
    db.session.rollback()  # the title never existed: no reader may see it
    assert "Not yet committed" not in client.get(path).get_data(as_text=True)


@pytest.fixture
def future_app(make_app):
    """An app with pages for anonymous readers that hold a form token, write the session or
    stream their answer: no page the site could keep does any of these today (the document
    downloads stream, but are marked never kept); a page added later might."""
    app = make_app(WTF_CSRF_ENABLED=True, WTF_CSRF_FIELD_NAME="form_key")

    @app.get("/with-a-form")
    def with_a_form():
        return f'<form method="post"><input name="form_key" value="{generate_csrf()}"></form>'

    @app.get("/remembers-the-reader")
    def remembers_the_reader():
        session["seen"] = True
        return "<p>Welcome back</p>"

    @app.get("/streamed")
    def streamed():
        return Response(iter([b"<p>Part one</p>", b"<p>Part two</p>"]))

    return app


def test_a_page_with_a_readers_form_token_is_never_kept(future_app):
    reader = future_app.test_client()
    first = reader.get("/with-a-form")  # the token is made and put in the reader's session
    again = reader.get("/with-a-form")  # the same token, from the session, is only signed
    assert first.status_code == again.status_code == 200
    assert len(future_app.extensions["page_cache"]) == 0


def test_a_page_that_writes_the_readers_session_is_never_kept(future_app):
    assert future_app.test_client().get("/remembers-the-reader").status_code == 200
    assert len(future_app.extensions["page_cache"]) == 0


def test_a_streamed_answer_is_not_gathered_into_the_store(future_app):
    response = future_app.test_client().get("/streamed")
    assert response.get_data() == b"<p>Part one</p><p>Part two</p>"
    assert len(future_app.extensions["page_cache"]) == 0


def test_a_view_with_its_own_rate_limit_is_never_answered_from_memory(make_app):
    app = make_app(RATELIMIT_ENABLED=True)

    @app.get("/once-a-minute")
    @limiter.limit("1 per minute")
    def once_a_minute():
        return "<p>Counted</p>"

    reader = app.test_client()
    assert reader.get("/once-a-minute").status_code == 200
    assert reader.get("/once-a-minute").status_code == 429
