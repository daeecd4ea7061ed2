"""Proposals in the service-quality figures: the month's proposals received, by agency."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from responses.pages import table

from consultations.clock import now
from consultations.extensions import db
from consultations.proposals import services
from consultations.quality.monthly import compute_month

SITE = ("site", "")


def test_the_months_proposals_are_counted_by_agency_and_shown(client, world, make_proposal):
    month = world.today.replace(day=1)
    first_moment = datetime(month.year, month.month, 1, tzinfo=UTC)
    led = make_proposal()  # the Ministry of Justice suggested as lead agency
    unnamed = make_proposal()
    unnamed.lead_agency_id = None  # counted for the plan's coordinating body
    make_proposal().created_at = first_moment  # the month's first moment counts
    make_proposal().created_at = first_moment - timedelta(microseconds=1)  # last month's
    hidden = make_proposal()
    db.session.commit()
    services.hide_proposal(world.people.moderator, hidden, "Off topic.")
    assert led.lead_agency_id == world.lead.id

    figures = compute_month(month, now())
    assert figures[SITE].proposals == 3
    assert figures[("agency", str(world.lead.id))].proposals == 2
    assert figures[("agency", str(world.national.id))].proposals == 1
    assert figures[("country", "IL")].proposals == 3

    html = client.get(f"/en/quality/{month:%Y-%m}").get_data(as_text=True)
    rows = {r[0]: r[1:] for r in table(html, "Across all agencies, against the service standards")}
    assert rows["Proposals received"][0] == "3"


def test_quality_shows_answers_to_proposals_answered_and_in_time(client, world, make_proposal):
    assert "No proposals from the public yet." in client.get("/en/quality").get_data(as_text=True)
    in_time, late, waiting = make_proposal(), make_proposal(), make_proposal()
    for proposal in (in_time, late, waiting):
        services.answer_proposal(
            world.people.national, proposal, outcome="not_included", reasons="No.", language="en"
        )
    services.publish_answers(world.people.national, world.plan)
    make_proposal()  # made after the answers were published: none yet
    waiting.answer.published_at = None  # written, not yet public
    # Published 31 days after the stage's end: a day past the 30-day deadline.
    late.answer.published_at = datetime.combine(
        world.today + timedelta(days=3 + 31), datetime.min.time(), UTC
    )
    db.session.commit()

    html = client.get("/en/quality").get_data(as_text=True)
    assert "Answers to proposals from the public" in html
    rows = dict(table(html, "Proposals from the public and their answers")[1:])
    assert rows["Proposals from the public"] == "4"
    assert rows["With a published answer"] == "2 of 4 (50%)"
    assert rows["Answered by the answer deadline"] == "1 of 4 (25%)"
    israel = client.get("/en/quality/il").get_data(as_text=True)
    assert "Answers to proposals from the public" in israel and "2 of 4 (50%)" in israel
    latvia = client.get("/en/quality/lv").get_data(as_text=True)
    assert "No proposals from the public yet." in latvia


def test_quality_lists_answers_by_country_at_a_constant_cost(
    client, world, make_proposal, make_plan, count_queries
):
    from proposals.dates import stage_dates

    from consultations.plans.models import PlanStatus

    make_proposal()
    client.get("/en/quality")
    with count_queries() as small:
        client.get("/en/quality")
    latvian = make_plan(
        slug="lv-draft", status=PlanStatus.DRAFTING, country="LV", agency=world.abroad
    )
    services.save_timeline(
        world.people.admin,
        latvian,
        stage_dates(world.today - timedelta(days=1), world.today + timedelta(days=1)),
    )
    services.publish_timeline(world.people.admin, latvian)
    for number in range(6):
        make_proposal()
        services.propose(
            world.people.citizen,
            latvian,
            title=f"LV {number}",
            problem="P",
            solution="S",
            language="en",
        )
    client.get("/en/quality")
    with count_queries() as large:
        html = client.get("/en/quality").get_data(as_text=True)
    assert large.count == small.count
    rows = {r[0]: r[1:] for r in table(html, "Answers to proposals by country")[1:]}
    assert rows["Israel"][0] == "7" and rows["Latvia"][0] == "6"
