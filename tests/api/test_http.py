"""Pagination, updated_since, headers, JSON errors and query counts."""

from __future__ import annotations

from datetime import timedelta

import pytest
from api.paths import LISTS

from consultations.clock import now
from consultations.extensions import db
from consultations.plans.models import CommitmentText


def links(response) -> dict[str, str]:
    """The Link header as {rel: path}."""
    result = {}
    for part in response.headers["Link"].split(","):
        url, rel = part.split(";")
        result[rel.strip().removeprefix('rel="').removesuffix('"')] = url.strip(" <>").removeprefix(
            "http://localhost"
        )
    return result


def test_lists_are_paginated_with_link_headers_and_totals(client, world, make_commitment):
    for number in range(4):
        make_commitment(world.plan, reference=f"HU{number:04d}")
    first = client.get("/api/v1/commitments?per_page=2&plan=" + world.plan.slug)
    assert first.headers["X-Total-Count"] == "5"
    assert first.get_json()["meta"] == {"page": 1, "per_page": 2, "total": 5, "pages": 3}
    assert list(links(first)) == ["first", "next", "last"]
    assert links(first)["last"] == f"/api/v1/commitments?per_page=2&plan={world.plan.slug}&page=3"
    second = client.get(links(first)["next"])
    assert list(links(second)) == ["first", "prev", "next", "last"]
    last = client.get(links(first)["last"])
    assert list(links(last)) == ["first", "prev", "last"]
    seen = [item["reference"] for page in (first, second, last) for item in page.get_json()["data"]]
    assert len(seen) == len(set(seen)) == 5
    assert last.get_json()["links"] == {
        rel: "http://localhost" + path for rel, path in links(last).items()
    }
    beyond = client.get("/api/v1/commitments?per_page=2&page=9")
    assert beyond.status_code == 200 and beyond.get_json()["data"] == []


@pytest.mark.parametrize(
    "query",
    ["per_page=101", "per_page=0", "page=0", "page=-1", "page=abc", "per_page=1.5", "page=%00"],
)
def test_bad_paging_is_a_clear_400(client, query):
    response = client.get(f"/api/v1/plans?{query}")
    assert response.status_code == 400
    error = response.get_json()["error"]
    assert error["status"] == 400
    assert "page" in error["message"] or "NUL" in error["message"]


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01", "2026-01-01T25:00", "1700000000"])
def test_malformed_updated_since_is_a_clear_400(client, value):
    response = client.get(f"/api/v1/commitments?updated_since={value}")
    assert response.status_code == 400
    assert "updated_since" in response.get_json()["error"]["message"]
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_updated_since_returns_what_changed(client, world, make_commitment):
    old = make_commitment(world.plan, reference="LV0001")
    for row in old.texts:
        row.updated_at = now() - timedelta(days=30)
    old.created_at = now() - timedelta(days=30)
    db.session.commit()
    since = (now() - timedelta(days=1)).isoformat()
    references = {
        item["reference"]
        for item in client.get(
            "/api/v1/commitments", query_string={"updated_since": since}
        ).get_json()["data"]
    }
    assert world.commitment.reference in references and "LV0001" not in references
    # Editing a translation makes it new again; so does a date with an offset, or a bare date.
    db.session.add(
        CommitmentText(commitment_id=old.id, locale="lv", title="Jauns", updated_at=now())
    )
    db.session.commit()
    for value in (
        since,
        (now() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S+00:00"),
        (now() - timedelta(days=1)).date().isoformat(),
    ):
        body = client.get("/api/v1/commitments", query_string={"updated_since": value}).get_json()
        assert "LV0001" in {item["reference"] for item in body["data"]}, value
    future = (now() + timedelta(days=1)).isoformat()
    for path in LISTS:
        body = client.get(path, query_string={"updated_since": future}).get_json()
        assert body["data"] == [], path


def test_updated_since_sees_audited_changes_and_edited_comments(client, world):
    from consultations.audit.services import record

    past = now() - timedelta(days=5)
    world.plan.created_at = past
    for row in world.plan.texts:
        row.updated_at = past
    db.session.commit()
    since = (now() - timedelta(days=1)).isoformat()
    plans = client.get("/api/v1/plans", query_string={"updated_since": since}).get_json()
    assert plans["data"] == []
    record(None, "plan.update", "plan", world.plan.slug, {"status": "a"}, {"status": "b"})
    world.visible.created_at = past
    world.visible.edited_at = now()
    db.session.commit()
    plans = client.get("/api/v1/plans", query_string={"updated_since": since}).get_json()
    assert [plan["slug"] for plan in plans["data"]] == [world.plan.slug]
    comments = client.get(
        "/api/v1/comments",
        query_string={"updated_since": since, "consultation": world.consultation.slug},
    ).get_json()
    assert world.visible.id in {comment["id"] for comment in comments["data"]}


def test_api_answers_carry_cors_cache_and_security_headers(client, world):
    response = client.get("/api/v1/plans")
    assert response.headers["Access-Control-Allow-Origin"] == "*"
    assert "X-Total-Count" in response.headers["Access-Control-Expose-Headers"]
    assert "Link" in response.headers["Access-Control-Expose-Headers"]
    assert response.headers["Cache-Control"] == "public, max-age=60"
    assert response.headers["Content-Type"] == "application/json"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "Set-Cookie" not in response.headers
    again = client.get("/api/v1/plans", headers={"If-None-Match": response.headers["ETag"]})
    assert again.status_code == 304
    preflight = client.options("/api/v1/plans")
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"


def test_errors_under_api_are_json(client):
    unknown = client.get("/api/v1/no-such-thing")
    assert unknown.status_code == 404
    assert unknown.mimetype == "application/json"
    assert unknown.get_json()["error"]["status"] == 404
    assert unknown.headers["Access-Control-Allow-Origin"] == "*"
    assert client.get("/api/v2/plans").get_json()["error"]["status"] == 404
    posted = client.post("/api/v1/plans")
    assert posted.status_code == 405
    assert posted.get_json() == {
        "error": {
            "status": 405,
            "message": "This address only answers GET (and HEAD and OPTIONS) requests.",
        }
    }
    assert "GET" in posted.headers["Allow"]
    # Pages outside the API keep their HTML error pages.
    assert client.get("/en/no-such-page").mimetype == "text/html"


def test_a_server_error_is_json_without_a_trace(client, monkeypatch):
    from consultations.api import queries

    def broken(*_args, **_kwargs):
        raise RuntimeError("secret detail")

    monkeypatch.setattr(queries, "list_plans", broken)
    response = client.get("/api/v1/plans")
    assert response.status_code == 500
    assert response.get_json()["error"]["status"] == 500
    assert "secret detail" not in response.get_data(as_text=True)


def test_too_many_requests_is_json(make_app):
    app = make_app(RATELIMIT_ENABLED=True, API_RATE_LIMIT="2 per minute")
    client = app.test_client()
    statuses = [client.get("/api/v1/agencies").status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    response = client.get("/api/v1/agencies")
    assert response.get_json()["error"]["status"] == 429
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_query_counts_do_not_grow_with_the_data(client, build_world, count_queries):
    paths = [*LISTS, "/api/v1/comments?consultation=consultation-{n}"]
    details = [
        "/api/v1/plans/plan-{n}",
        "/api/v1/commitments/IL{n:02d}01",
        "/api/v1/consultations/consultation-{n}",
        "/api/v1/consultations/consultation-{n}/revisions",
    ]

    def counts(number: int) -> dict[str, int]:
        result = {}
        for path in (*paths, *details):
            db.session.remove()
            with count_queries() as counter:
                response = client.get(
                    path.format(n=number) + ("&" if "?" in path else "?") + "per_page=100"
                )
            assert response.status_code == 200, path
            result[path] = counter.count
        return result

    build_world(size=2)
    small = counts(1)
    build_world(size=12)
    build_world(size=5)
    large = counts(2)
    assert small == large
