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
