"""The standards check, one line per plan, on its own page linked from service quality."""

from __future__ import annotations

from datetime import timedelta

from consultations.standards import summary


def test_each_plan_has_its_line_with_counts(client, make_consultation):
    consultation = make_consultation(opens_in=timedelta(days=-60), lasts=timedelta(days=10))
    assert "/en/quality/co-creation" in client.get("/en/quality").get_data(as_text=True)
    html = client.get("/en/quality/co-creation").get_data(as_text=True)
    assert "Co-creation standards of every plan" in html
    line = html[html.index(f"/en/plans/{consultation.plan.slug}/standards") :]
    line = line[: line.index("</tr>")]
    # Consulted on, no comment left unanswered: 2 met; no forum, timeline or proposals: 6
    # not met; the repository's first year, proposals and the self-assessment not yet due.
    assert '<td data-label="Met">2</td>' in line
    assert '<td data-label="Not met">6</td>' in line
    assert '<td data-label="Not yet due">3</td>' in line


def test_the_lines_cost_a_page_of_plans_however_many_plans(
    client, monkeypatch, make_plan, count_queries
):
    monkeypatch.setattr(summary, "PLANS_PER_PAGE", 2)

    def queries() -> int:
        with count_queries() as counted:
            assert client.get("/en/quality/co-creation?plans=1").status_code == 200
        return counted.count

    for _ in range(3):
        make_plan()
    with_three = queries()
    for _ in range(4):
        make_plan()
    assert queries() == with_three
    assert "Page 4 of 4" in client.get("/en/quality/co-creation?plans=9").get_data(as_text=True)
