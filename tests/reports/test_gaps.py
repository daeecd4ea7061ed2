"""The plan-wide gaps page and its API: which commitments disagree, by how much, filtered,
sorted, paginated, in a number of queries that does not grow with the plan."""

from __future__ import annotations

from datetime import UTC, datetime

from consultations.extensions import db


def _rows(html: str) -> list[str]:
    return [part.split("</bdi>")[0] for part in html.split('<td data-label="Reference">')[1:]]


def test_gaps_page_lists_only_commitments_that_disagree(client, report_world):
    html = client.get("/en/plans/il-plan/gaps").get_data(as_text=True)
    assert "1 commitment with a gap." in html
    assert "IL0001" in html and "Open data register" in html
    assert "IL0002" not in html  # reported and assessed substantial: they agree
    assert "IL0003" not in html  # never assessed
    assert '<td data-label="Steps apart">2</td>' in html  # complete vs limited
    assert "1 Apr 2025" in html  # apart since the assessment, the later claim
    assert "milestone overdue" in html


def test_gaps_filter_by_agency_and_sort(
    client, report_world, make_commitment, make_update, make_assessment, make_agency
):
    plan, _ = report_world
    other = db.session.scalar(
        db.select(type(plan.coordinating_agency)).where(
            type(plan.coordinating_agency).slug == "other-body"
        )
    )
    small = make_commitment(plan, reference="IL0004", agency=other)
    make_update(small, status="limited", published_at=datetime(2025, 5, 1, tzinfo=UTC))
    make_assessment(small, completion="not_started", published_at=datetime(2025, 6, 1, tzinfo=UTC))

    by_distance = _rows(client.get("/en/plans/il-plan/gaps").get_data(as_text=True))
    assert [row[-6:] for row in by_distance] == ["IL0001", "IL0004"]
    by_since = client.get("/en/plans/il-plan/gaps?sort=since&order=desc").get_data(as_text=True)
    assert [row[-6:] for row in _rows(by_since)] == ["IL0004", "IL0001"]
    filtered = client.get("/en/plans/il-plan/gaps?agency=other-body").get_data(as_text=True)
    assert [row[-6:] for row in _rows(filtered)] == ["IL0004"]
    nonsense = client.get("/en/plans/il-plan/gaps?sort=nonsense&agency=nobody&page=x")
    assert nonsense.status_code == 200


def test_plan_page_links_to_the_gaps_with_their_number(client, report_world):
    html = client.get("/en/plans/il-plan").get_data(as_text=True)
    assert "/en/plans/il-plan/gaps" in html
    assert "1 commitment where the self-report and the independent assessment disagree" in html


def test_gaps_in_the_api(client, report_world):
    body = client.get("/api/v1/plans/il-plan/gaps").get_json()
    assert body["meta"]["total"] == 1
    (gap,) = body["data"]
    assert gap["commitment"] == "IL0001"
    assert (gap["reported"], gap["assessed"], gap["kind"], gap["distance"]) == (
        "complete",
        "limited",
        "lower",
        2,
    )
    assert gap["title"]["he"] == "מאגר נתונים פתוח"
    assert client.get("/api/v1/plans/no-such-plan/gaps").status_code == 404
    paths = client.get("/api/v1/openapi.json").get_json()["paths"]
    assert "/plans/{slug}/gaps" in paths and "/self-assessment-reports" in paths


def test_gaps_page_query_count_does_not_grow_with_the_plan(
    client,
    count_queries,
    make_plan,
    make_agency,
    make_commitment,
    make_update,
    make_assessment,
):
    def build(slug: str, size: int) -> None:
        plan = make_plan(slug=slug)
        for number in range(size):
            agency = make_agency(f"{slug}-agency-{number}", en=f"Agency {number}")
            commitment = make_commitment(
                plan, reference=f"{slug[:2].upper()}{number:04d}", agency=agency
            )
            make_update(commitment, status="complete", percent=100)
            make_assessment(commitment, completion="no_evidence" if number % 2 else "limited")

    def queries(path: str) -> int:
        db.session.remove()
        with count_queries() as counter:
            assert client.get(path).status_code == 200
        return counter.count

    build("sm-plan", 3)
    build("lg-plan", 40)
    for query in ("", "?sort=agency", "?sort=since&order=asc", "?page=2"):
        small = queries(f"/en/plans/sm-plan/gaps{query}")
        large = queries(f"/en/plans/lg-plan/gaps{query}")
        assert small == large, query
    assert queries("/en/plans/sm-plan") == queries("/en/plans/lg-plan")
