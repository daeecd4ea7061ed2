"""The standards check in the API: the same findings as the page, with absolute links."""

from __future__ import annotations

from datetime import timedelta


def test_the_api_gives_each_requirement_with_its_status(client, make_consultation, make_comment):
    consultation = make_consultation(opens_in=timedelta(days=-60), lasts=timedelta(days=10))
    make_comment(consultation)
    body = client.get(f"/api/v1/plans/{consultation.plan.slug}/standards").get_json()
    statuses = {item["key"]: item["status"] for item in body["requirements"]}
    assert statuses["draft_consulted"] == "met"
    assert statuses["comments_answered"] == "not_met"
    consulted = next(i for i in body["requirements"] if i["key"] == "draft_consulted")
    assert consulted["evidence"] == [f"http://localhost/en/consultations/{consultation.slug}"]
    assert body["url"].endswith(f"/en/plans/{consultation.plan.slug}/standards")


def test_an_unknown_plan_is_404(client):
    assert client.get("/api/v1/plans/no-such-plan/standards").status_code == 404
