"""The public accountability pages: plans, one plan, one commitment, one agency."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

import pytest

from consultations.clock import now
from consultations.extensions import db
from consultations.plans.models import PlanStatus


def at(day: str) -> datetime:
    return datetime.fromisoformat(day).replace(tzinfo=UTC)


def references(html: str) -> list[str]:
    """Commitment references in the order the page links to them."""
    return re.findall(r'href="/en/commitments/([A-Z]{2}\d{4})"', html)


def section(html: str, start: str, end: str | None = None) -> str:
    part = html.split(start, 1)[1]
    return part.split(end, 1)[0] if end else part


def test_navigation_links_to_plans(client, app_ctx):
    page = client.get("/en/").get_data(as_text=True)
    assert 'href="/en/plans"' in page


def test_plans_list_shows_each_plan_with_country_period_status_and_count(
    client, make_plan, make_commitment
):
    plan = make_plan(
        titles={"en": "Fifth national action plan"},
        country="LV",
        status=PlanStatus.IMPLEMENTATION,
        period_start=date(2022, 1, 1),
        period_end=date(2025, 12, 31),
    )
    make_plan(titles={"en": "Draft plan"}, status=PlanStatus.DRAFTING)
    for _ in range(3):
        make_commitment(plan)
    response = client.get("/en/plans")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    row = section(page, "Fifth national action plan", "</tr>")
    assert "Latvia" in row and "implementation" in row and re.search(r"<td[^>]*>3</td>", row)
    assert "1 Jan 2022" in row and "31 Dec 2025" in row
    assert "Draft plan" in page and "drafting" in page


def test_status_and_percent_come_from_the_latest_published_update(
    client, make_plan, make_commitment, make_update
):
    plan = make_plan(slug="il-4")
    commitment = make_commitment(plan, reference="IL0024")
    make_update(commitment, status="substantial", percent=60, published_at=at("2025-03-01"))
    # Written later (a higher id) but published earlier: not the latest.
    make_update(commitment, status="limited", percent=20, published_at=at("2025-01-01"))

    page = client.get("/en/plans/il-4").get_data(as_text=True)
    row = section(page, 'href="/en/commitments/IL0024"', "</tr>")
    assert "substantial" in row and 'value="60"' in row and "60%" in row
    assert "1 Mar 2025" in row

    detail = client.get("/en/commitments/IL0024").get_data(as_text=True)
    facts = section(detail, "<dl", "</dl>")
    assert "substantial" in facts and "60%" in facts


def test_same_publication_time_takes_the_higher_id(client, make_plan, make_commitment, make_update):
    plan = make_plan(slug="tie")
    commitment = make_commitment(plan, reference="IL0001")
    make_update(commitment, status="limited", percent=20, published_at=at("2025-03-01"))
    make_update(commitment, status="complete", percent=100, published_at=at("2025-03-01"))
    row = section(client.get("/en/plans/tie").get_data(as_text=True), "IL0001", "</tr>")
    assert "complete" in row and "100%" in row


def test_plan_summary_counts_by_status_and_states_the_schedule(
    client, make_plan, make_commitment, make_update
):
    plan = make_plan(slug="summary")
    yesterday, next_year = now().date() - timedelta(days=1), now().date() + timedelta(days=365)
    late = make_commitment(
        plan, milestones=[(yesterday, "in_progress"), (yesterday, "not_started")]
    )
    done = make_commitment(plan, milestones=[(yesterday, "complete", yesterday)])
    make_commitment(plan, milestones=[(next_year, "not_started")])
    make_update(late, status="limited")
    make_update(done, status="complete", percent=100)

    page = client.get("/en/plans/summary").get_data(as_text=True)
    summary = section(page, 'id="summary-title"', 'id="commitments-title"')
    assert "3 commitments in this plan." in summary
    assert "2 commitments are on schedule" in summary and "67%" in summary
    assert "2 milestones are overdue." in summary
    assert '<svg role="img" aria-labelledby="status-chart-title status-chart-desc"' in summary
    assert "no update yet: 1; not started: 0; limited: 1; substantial: 0; complete: 1" in summary
    table = section(summary, "<table", "</table>")
    assert re.search(r"no update yet</th><td[^>]*>1</td>", table)
    assert re.search(r"limited</th><td[^>]*>1</td><td[^>]*>33%</td>", table)


def test_plan_commitments_filter_by_agency_status_and_value(
    client, make_plan, make_agency, make_commitment, make_update
):
    plan = make_plan(slug="filters")
    health = make_agency(slug="health", en="Ministry of Health")
    a = make_commitment(plan, reference="IL0001", agency=health, values=("civic_participation",))
    b = make_commitment(plan, reference="IL0002", values=("access_to_information",))
    make_commitment(plan, reference="IL0003", agency=health)
    make_update(a, status="complete", percent=100)
    make_update(b, status="limited")

    def shown(query: str) -> list[str]:
        return references(client.get(f"/en/plans/filters?{query}").get_data(as_text=True))

    assert shown("") == ["IL0001", "IL0002", "IL0003"]
    assert shown("agency=health") == ["IL0001", "IL0003"]
    assert shown("status=complete") == ["IL0001"]
    assert shown("status=none") == ["IL0003"]
    assert shown("value=access_to_information") == ["IL0002"]
    assert shown("agency=health&status=none") == ["IL0003"]
    # An unknown choice is ignored rather than breaking the page.
    assert shown("status=bogus") == ["IL0001", "IL0002", "IL0003"]


def test_plan_commitments_sort_both_ways(client, make_plan, make_commitment, make_update):
    plan = make_plan(slug="sorting")
    soon, later = now().date() + timedelta(days=10), now().date() + timedelta(days=100)
    a = make_commitment(plan, reference="IL0001", texts={"en": {"title": "Zebra crossings"}})
    b = make_commitment(
        plan,
        reference="IL0002",
        texts={"en": {"title": "Archives"}},
        milestones=[(later, "not_started")],
    )
    c = make_commitment(
        plan,
        reference="IL0003",
        texts={"en": {"title": "Budgets"}},
        milestones=[(soon, "in_progress")],
    )
    make_update(a, status="limited", percent=10, published_at=at("2025-01-01"))
    make_update(b, status="complete", percent=100, published_at=at("2025-02-01"))
    make_update(c, status="substantial", percent=70, published_at=at("2025-03-01"))

    def order(query: str) -> list[str]:
        return references(client.get(f"/en/plans/sorting?{query}").get_data(as_text=True))

    assert order("sort=reference&order=desc") == ["IL0003", "IL0002", "IL0001"]
    assert order("sort=title") == ["IL0002", "IL0003", "IL0001"]
    assert order("sort=status") == ["IL0001", "IL0003", "IL0002"]
    assert order("sort=percent&order=desc") == ["IL0002", "IL0003", "IL0001"]
    assert order("sort=updated&order=desc") == ["IL0003", "IL0002", "IL0001"]
    # No pending milestone sorts last either way.
    assert order("sort=due") == ["IL0003", "IL0002", "IL0001"]
    assert order("sort=due&order=desc") == ["IL0002", "IL0003", "IL0001"]
    page = client.get("/en/plans/sorting?sort=percent&order=desc").get_data(as_text=True)
    assert 'aria-sort="descending"' in page


def test_plan_commitments_are_paginated_keeping_the_filters(client, make_plan, make_commitment):
    plan = make_plan(slug="many")
    for number in range(1, 31):
        make_commitment(plan, reference=f"IL{number:04d}", values=("technology",))
    first = client.get("/en/plans/many?value=technology").get_data(as_text=True)
    assert len(references(first)) == 25
    assert "30 commitments match." in first
    next_link = re.search(r'<a rel="next" href="([^"]+)"', first).group(1).replace("&amp;", "&")
    assert "value=technology" in next_link and "page=2" in next_link
    second = client.get(next_link).get_data(as_text=True)
    assert references(second) == [f"IL{number:04d}" for number in range(26, 31)]


def test_overdue_milestone_is_marked_in_text(client, make_plan, make_commitment):
    plan = make_plan()
    today = now().date()
    make_commitment(
        plan,
        reference="IL0024",
        milestones=[
            (today - timedelta(days=5), "in_progress"),
            (today - timedelta(days=5), "complete", today - timedelta(days=6)),
            (today + timedelta(days=5), "not_started"),
        ],
    )
    page = client.get("/en/commitments/IL0024").get_data(as_text=True)
    rows = section(page, 'id="milestones-title"', "</table>").split("<tr")[2:]
    assert 'class="overdue"' in rows[0] and "overdue</span>" in rows[0]
    assert "overdue" not in rows[1] and "overdue" not in rows[2]
    plan_page = client.get(f"/en/plans/{plan.slug}").get_data(as_text=True)
    assert "overdue</span>" in section(plan_page, "IL0024", "</tr>")


@pytest.mark.parametrize(
    ("reported", "assessed", "says"),
    [
        ("complete", "limited", "rates the completion lower than the coordinator does"),
        ("limited", "substantial", "rates the completion higher than the coordinator does"),
        ("substantial", "no_evidence", "found no evidence of the progress"),
        ("withdrawn", "not_started", "reports the commitment as withdrawn"),
    ],
)
def test_gap_panel_says_how_the_two_statuses_disagree(
    client, make_plan, make_commitment, make_update, make_assessment, reported, assessed, says
):
    commitment = make_commitment(make_plan(), reference="IL0024")
    make_update(commitment, status=reported, published_at=at("2025-06-01"))
    make_assessment(commitment, completion=assessed, published_at=at("2025-08-10"))
    page = client.get("/en/commitments/IL0024").get_data(as_text=True)
    gap = section(page, 'class="gap"', "</section>")
    labels = {
        "complete": "complete",
        "limited": "limited",
        "substantial": "substantial",
        "withdrawn": "withdrawn",
        "not_started": "not started",
        "no_evidence": "no evidence available",
    }
    assert (
        f"The coordinator reports {labels[reported]} (1 Jun 2025); "
        f"the independent assessment found {labels[assessed]} (10 Aug 2025)."
    ) in gap
    assert says in gap


def test_no_gap_panel_when_they_agree_or_one_is_missing(
    client, make_plan, make_commitment, make_update, make_assessment
):
    plan = make_plan()
    agreeing = make_commitment(plan, reference="IL0001")
    make_update(agreeing, status="complete", published_at=at("2025-01-01"))
    make_assessment(agreeing, completion="limited", published_at=at("2025-02-01"))
    # The latest of each now agree: the older disagreement no longer counts.
    make_update(agreeing, status="limited", published_at=at("2025-03-01"))
    unassessed = make_commitment(plan, reference="IL0002")
    make_update(unassessed, status="complete")
    for reference in ("IL0001", "IL0002"):
        page = client.get(f"/en/commitments/{reference}").get_data(as_text=True)
        assert 'class="gap"' not in page


def test_stale_badge_appears_after_the_configured_days_and_not_before(
    client, app, make_plan, make_commitment, make_update
):
    plan = make_plan(slug="fresh")
    recent = make_commitment(plan, reference="IL0001")
    silent = make_commitment(plan, reference="IL0002")
    finished = make_commitment(plan, reference="IL0003")
    make_update(recent, published_at=now() - timedelta(days=89))
    make_update(silent, published_at=now() - timedelta(days=91))
    make_update(finished, status="complete", published_at=now() - timedelta(days=400))
    page = client.get("/en/plans/fresh").get_data(as_text=True)
    assert "No update for 90 days or more" not in section(page, "IL0001", "</tr>")
    assert "No update for 90 days or more" in section(page, "IL0002", "</tr>")
    assert "No update for" not in section(page, "IL0003", "</tr>")
    assert "No progress update has been published" in client.get("/en/commitments/IL0002").get_data(
        as_text=True
    )

    app.config["STALE_AFTER_DAYS"] = 100
    app.extensions["page_cache"].clear()  # new settings come with a restart
    try:
        page = client.get("/en/plans/fresh").get_data(as_text=True)
    finally:
        app.config["STALE_AFTER_DAYS"] = 90
    assert "No update for" not in section(page, "IL0002", "</tr>")


def test_without_updates_staleness_counts_from_the_start(client, make_plan, make_commitment):
    today = now().date()
    running = make_plan(slug="running", period_start=today - timedelta(days=200))
    make_commitment(running, reference="IL0001")  # counts from the plan's start
    make_commitment(running, reference="IL0002", start_date=today - timedelta(days=30))
    drafting = make_plan(
        slug="draft", status=PlanStatus.DRAFTING, period_start=today - timedelta(days=200)
    )
    make_commitment(drafting, reference="IL0003")
    page = client.get("/en/plans/running").get_data(as_text=True)
    assert "No update for 90 days" in section(page, "IL0001", "</tr>")
    assert "No update for" not in section(page, "IL0002", "</tr>")
    draft_page = client.get("/en/plans/draft").get_data(as_text=True)
    assert "No update for" not in draft_page


def test_fallback_text_carries_its_own_language(client, make_plan, make_commitment, make_update):
    plan = make_plan(titles={"he": "תוכנית פעולה רביעית"})
    commitment = make_commitment(
        plan,
        reference="IL0024",
        texts={
            "he": {"title": "חופש המידע", "description": "פרסום החלטות הממשלה"},
            "en": {"title": "Freedom of information"},
        },
    )
    make_update(commitment, narratives={"he": "העבודה החלה"})
    page = client.get("/en/commitments/IL0024").get_data(as_text=True)
    assert "Freedom of information" in page
    assert '<div class="prose" lang="he" dir="auto">פרסום החלטות הממשלה</div>' in page
    assert '<div class="prose" lang="he" dir="auto">העבודה החלה</div>' in page
    assert '<bdi lang="he">תוכנית פעולה רביעית</bdi>' in page
    assert "shown in Hebrew" in page
    hebrew = client.get("/he/commitments/IL0024").get_data(as_text=True)
    assert "חופש המידע" in hebrew and '<bdi lang="he">' not in hebrew


def test_timeline_merges_updates_and_assessments_newest_first_with_corrections(
    client, make_plan, make_commitment, make_update, make_assessment
):
    commitment = make_commitment(make_plan(), reference="IL0024")
    first = make_update(
        commitment,
        status="limited",
        percent=20,
        published_at=at("2025-01-10"),
        evidence=("https://gov.example/report.pdf",),
    )
    make_assessment(
        commitment,
        completion="not_started",
        opened_government="did_not_change",
        published_at=at("2025-02-10"),
    )
    make_update(
        commitment, status="substantial", percent=50, published_at=at("2025-03-10"), corrects=first
    )
    page = client.get("/en/commitments/IL0024").get_data(as_text=True)
    timeline = section(page, 'id="timeline-title"', "</section>")
    headings = re.findall(r"<h3[^>]*>\s*(.*?)\s*</h3>", timeline, re.S)
    assert headings == [
        "Progress update of 10 Mar 2025",
        "Independent assessment of 10 Feb 2025",
        "Progress update of 10 Jan 2025",
    ]
    assert "Corrects the update of 10 Jan 2025." in timeline
    assert "Corrected by the update of 10 Mar 2025." in timeline
    assert "did not change" in timeline and "Kovács Eszter" in timeline
    assert '<a href="https://gov.example/report.pdf" rel="nofollow noopener"' in timeline


def test_timeline_is_paginated(client, make_plan, make_commitment, make_update):
    commitment = make_commitment(make_plan(), reference="IL0024")
    for day in range(1, 26):
        make_update(commitment, published_at=at(f"2025-01-{day:02d}"))
    first = client.get("/en/commitments/IL0024").get_data(as_text=True)
    assert first.count("Progress update of") == 20
    assert "Progress update of 25 Jan 2025" in first
    second = client.get("/en/commitments/IL0024?page=2").get_data(as_text=True)
    assert second.count("Progress update of") == 5
    assert "Progress update of 1 Jan 2025" in second


def test_agency_page_lists_its_commitments_and_how_many_are_up_to_date(
    client, make_plan, make_agency, make_commitment, make_update
):
    agency = make_agency(slug="ict-authority", en="Government ICT Authority")
    plan = make_plan(agency=agency)
    fresh = make_commitment(plan, reference="IL0001")
    make_update(fresh)
    make_commitment(plan, reference="IL0002", start_date=now().date() - timedelta(days=120))
    make_commitment(make_plan(status=PlanStatus.DRAFTING, agency=agency), reference="IL0003")
    make_commitment(make_plan(), reference="IL0004")  # another agency's
    page = client.get("/en/agencies/ict-authority").get_data(as_text=True)
    assert "Government ICT Authority" in page
    assert sorted(references(page)) == ["IL0001", "IL0002", "IL0003"]
    assert "<p>1 of 2 commitments in plans being implemented are up to date." in page
    assert "No update for 90 days" in section(page, "IL0002", "</tr>")


def test_agencies_page_lists_every_agency_with_country_contact_and_freshness(
    client, make_plan, make_agency, make_commitment, make_update
):
    agency = make_agency(slug="ict-authority", en="Government ICT Authority", he="רשות התקשוב")
    agency.contact_email, agency.phone = "opengov@ict.example.org", "+972 2 000 0000"
    agency.website, agency.postal_address = (
        "https://ict.example.org/",
        "Kanfei Nesharim 0\nJerusalem",
    )
    make_agency(slug="chancellery", country="LV", en="State Chancellery")
    plan = make_plan(agency=agency)
    make_update(make_commitment(plan, reference="IL0001"))
    make_commitment(plan, reference="IL0002", start_date=now().date() - timedelta(days=120))
    make_commitment(plan, reference="IL0003", start_date=now().date() - timedelta(days=120))

    page = client.get("/en/agencies").get_data(as_text=True)
    row = section(page, "Government ICT Authority", "</tr>")
    assert "Israel" in row
    assert 'href="mailto:opengov@ict.example.org"' in row and 'href="tel:+97220000000"' in row
    assert 'href="https://ict.example.org/"' in row and "Kanfei Nesharim 0" in row
    assert "33% (1 of 3)" in row and re.search(r"<td[^>]*>2</td>", row)
    other = section(page, "State Chancellery", "</tr>")
    assert "Latvia" in other and "none published" in other and "no updates expected" in other
    assert 'href="/en/agencies"' in page  # the site navigation links to it
    hebrew = client.get("/he/agencies").get_data(as_text=True)
    assert "רשות התקשוב" in hebrew and "ישראל" in hebrew and "לטביה" in hebrew


def test_agency_page_shows_its_contact_details(client, make_agency):
    agency = make_agency(slug="ict-authority", en="Government ICT Authority")
    agency.website = "https://ict.example.org/"
    db.session.commit()
    page = client.get("/en/agencies/ict-authority").get_data(as_text=True)
    assert 'href="https://ict.example.org/"' in page and "Israel" in page
    assert 'href="mailto:' not in page  # only what the agency publishes


def test_agencies_are_listed_by_name_in_the_readers_language_a_page_at_a_time(client, make_agency):
    for number in range(30):
        make_agency(
            slug=f"body-{number:02d}", en=f"Body {number:02d}", lv=f"Iestāde {29 - number:02d}"
        )
    first = client.get("/en/agencies").get_data(as_text=True)
    assert "Body 00" in first and "Body 24" in first and "Body 25" not in first
    assert "Body 29" in client.get("/en/agencies?page=2").get_data(as_text=True)
    latvian = client.get("/lv/agencies").get_data(as_text=True)
    assert latvian.index("Iestāde 00") < latvian.index("Iestāde 01")


@pytest.mark.parametrize(
    "path", ["/en/plans/no-such-plan", "/en/commitments/XX9999", "/en/agencies/nobody"]
)
def test_unknown_plan_commitment_or_agency_is_not_found(client, app_ctx, path):
    assert client.get(path).status_code == 404


def _build(make_plan, make_agency, make_commitment, make_update, make_assessment, size: int):
    """A plan of `size` commitments, each with milestones and several records."""
    agency = make_agency(slug=f"agency-of-{size}")
    other = make_agency(slug=f"partner-of-{size}")
    plan = make_plan(slug=f"plan-of-{size}", agency=agency)
    today = now().date()
    for number in range(size):
        commitment = make_commitment(
            plan,
            reference=f"{'L' if size > 9 else 'S'}V{number:04d}",
            agency=agency if number % 2 else other,
            values=("civic_participation",),
            milestones=[
                (today - timedelta(days=10), "in_progress"),
                (today + timedelta(days=30), "not_started"),
            ],
        )
        for record in range(size // 3 + 1):
            published = now() - timedelta(days=record * 7)
            update = make_update(
                commitment, published_at=published, evidence=("https://a.example",)
            )
            make_assessment(commitment, published_at=published - timedelta(days=1))
            make_update(commitment, published_at=published + timedelta(hours=1), corrects=update)
    return plan


def test_query_counts_do_not_grow_with_the_data(
    client,
    count_queries,
    make_plan,
    make_agency,
    make_commitment,
    make_update,
    make_assessment,
):
    factories = (make_plan, make_agency, make_commitment, make_update, make_assessment)

    def queries(path: str) -> int:
        db.session.remove()
        with count_queries() as counter:
            response = client.get(path)
        assert response.status_code == 200, path
        return counter.count

    pages = {
        "plans": "/en/plans",
        "plan": "/en/plans/plan-of-{size}",
        "filtered": "/en/plans/plan-of-{size}?status=limited&sort=title&order=desc",
        "commitment": "/en/commitments/{prefix}V0001",
        "agency": "/en/agencies/agency-of-{size}",
        "agencies": "/en/agencies",
        "agencies page 2": "/en/agencies?page=2",
    }
    _build(*factories, size=3)
    small = {name: queries(path.format(size=3, prefix="S")) for name, path in pages.items()}
    _build(*factories, size=30)
    for _ in range(12):
        make_plan()
    large = {name: queries(path.format(size=30, prefix="L")) for name, path in pages.items()}
    assert small == large
