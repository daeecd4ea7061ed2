"""Which answers the page store keeps: only complete 200 answers to GET, never a streamed
file, a private or no-store answer, an error page, a health check; and when a kept page
stops being current."""

from __future__ import annotations

import pytest

from consultations import pagecache


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
    entry = pagecache.Entry(b"page", (), (("comments", 3),), expires=100.0)
    assert entry.is_current(99.999, {"comments": 3}) is True
    assert entry.is_current(100.0, {"comments": 3}) is False
    assert entry.is_current(99.0, {"comments": 4}) is False
    assert entry.is_current(99.0, {}) is False


def test_memory_holds_exactly_its_size_and_starts_empty_after_clearing():
    cache = pagecache.PageCache(max_bytes=100, seconds=60)
    cache.put("a", pagecache.Entry(b"x" * 50, (), (), 0.0))
    cache.put("b", pagecache.Entry(b"x" * 50, (), (), 0.0))
    assert len(cache) == 2  # exactly full
    cache.clear()
    cache.put("c", pagecache.Entry(b"x" * 50, (), (), 0.0))
    cache.put("d", pagecache.Entry(b"x" * 50, (), (), 0.0))
    assert len(cache) == 2
    cache.put("c", pagecache.Entry(b"x" * 60, (), (), 0.0))  # replaced, larger: "d" goes
    assert len(cache) == 1 and cache.get("d") is None


def test_a_page_larger_than_the_whole_store_is_not_kept():
    cache = pagecache.PageCache(max_bytes=10, seconds=60)
    cache.put("big", pagecache.Entry(b"x" * 11, (), (), 0.0))
    assert len(cache) == 0


@pytest.mark.parametrize(("seconds", "kept"), [(0, False), (-1, False), (1, True), (0.5, True)])
def test_keeping_is_on_for_any_positive_number_of_seconds(make_app, seconds, kept):
    app = make_app(PAGE_CACHE_SECONDS=seconds)
    assert ("page_cache" in app.extensions) is kept


def test_the_store_holds_the_configured_megabytes(make_app):
    app = make_app(PAGE_CACHE_MEGABYTES=3)
    assert app.extensions["page_cache"].max_bytes == 3 * 1024 * 1024
