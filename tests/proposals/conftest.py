"""A drafting Israeli plan with a published co-creation timeline whose proposals stage is
running today, and one person for every role the rules name."""

from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from proposals.dates import stage_dates

from consultations.accounts.models import RoleGrant
from consultations.clock import now
from consultations.extensions import db
from consultations.plans.models import PlanStatus
from consultations.proposals import services


@pytest.fixture
def world(app_ctx, make_agency, make_plan, make_user, make_commitment):
    national = make_agency("ict", country="IL", en="Government ICT Authority")
    lead = make_agency("justice", country="IL", en="Ministry of Justice")
    other = make_agency("health", country="IL", en="Ministry of Health")
    abroad = make_agency("chancellery", country="LV", en="State Chancellery")
    plan = make_plan(slug="il-draft", status=PlanStatus.DRAFTING, country="IL", agency=national)
    commitment = make_commitment(plan=plan, agency=lead)
    people = SimpleNamespace(
        citizen=make_user("Citizen"),
        speaker=make_user("Speaker", roles=("monitor",)),
        lead=make_user("Lead coordinator", roles=("coordinator",), agency=lead),
        national=make_user("National coordinator", roles=("coordinator",), agency=national),
        other=make_user("Other coordinator", roles=("coordinator",), agency=other),
        abroad=make_user("Abroad coordinator", roles=("coordinator",), agency=abroad),
        monitor=make_user("Monitor", roles=("monitor",)),
        moderator=make_user("Moderator", roles=("moderator",)),
        admin=make_user("Admin", roles=("admin",)),
    )
    # The monitor speaks for another organisation than the speaker's "Watchdog".
    grant = db.session.scalar(db.select(RoleGrant).where(RoleGrant.user_id == people.monitor.id))
    grant.organisation = "Open Knowledge"
    db.session.commit()
    today = now().date()
    services.save_timeline(
        people.admin, plan, stage_dates(today - timedelta(days=3), today + timedelta(days=3))
    )
    services.publish_timeline(people.admin, plan)
    return SimpleNamespace(
        plan=plan,
        commitment=commitment,
        people=people,
        lead=lead,
        national=national,
        other=other,
        abroad=abroad,
        today=today,
    )


@pytest.fixture
def make_proposal(world):
    counter = iter(range(1, 100_000))

    def make(author=None, lead_agency=None, **fields):
        number = next(counter)
        return services.propose(
            author or world.people.citizen,
            world.plan,
            title=fields.get("title", f"Proposal {number}"),
            problem=fields.get("problem", f"Problem {number}"),
            solution=fields.get("solution", f"Solution {number}"),
            language="en",
            lead_agency_id=(lead_agency or world.lead).id,
            values=fields.get("values", ("access_to_information",)),
            organisation=fields.get("organisation", ""),
        )

    return make
