"""The standards check, one line per plan, on /quality and on its own page; the facts of
every plan on the page are gathered together in the same few queries."""

from __future__ import annotations

from datetime import date, timedelta

from consultations.clock import now
from consultations.extensions import db
from consultations.forum.models import Forum, ForumMember, Meeting, MemberRole, Sector
from consultations.standards import summary
from consultations.standards.facts import facts_by_plan, plan_facts


def test_each_plan_has_its_line_with_counts(client, make_consultation):
    consultation = make_consultation(opens_in=timedelta(days=-60), lasts=timedelta(days=10))
    for address in ("/en/quality", "/en/quality/co-creation"):
        html = client.get(address).get_data(as_text=True)
        line = html[html.index(f"/en/plans/{consultation.plan.slug}/standards") :]
        line = line[: line.index("</tr>")]
        # Consulted on, no comment left unanswered: 2 met; no forum, timeline or proposals:
        # 6 not met; the repository's first year, proposals and the self-assessment not yet due.
        assert '<td data-label="Met">2 of 11</td>' in line
        assert '<td data-label="Not met">6</td>' in line
        assert '<td data-label="Not yet due">3</td>' in line
    assert "/en/quality/co-creation" in client.get("/en/quality").get_data(as_text=True)


def a_forum_that_met(country: str) -> None:
    forum = Forum(country=country, join_html="", join_language="en")
    db.session.add(forum)
    db.session.flush()
    for sector in (Sector.GOVERNMENT, Sector.CIVIL_SOCIETY):
        db.session.add(
            ForumMember(
                forum_id=forum.id,
                name=f"Member {sector}",
                sector=sector,
                role=MemberRole.MEMBER,
                term_start=date(2024, 1, 1),
            )
        )
    db.session.add(Meeting(forum_id=forum.id, held_at=now() - timedelta(days=30), language="en"))
    db.session.commit()


def test_facts_gathered_together_are_each_plans_own(app, make_plan, make_consultation):
    a_forum_that_met("IL")
    consulted = make_consultation(opens_in=timedelta(days=-60), lasts=timedelta(days=10))
    other = make_plan(country="LV")
    together = facts_by_plan([consulted.plan, other])
    for plan in (consulted.plan, other):
        alone = plan_facts(plan)
        assert together[plan.id].consultations == alone.consultations
        assert together[plan.id].comments_due == alone.comments_due
        assert together[plan.id].record_days == alone.record_days
        assert together[plan.id].forum == alone.forum
    assert together[consulted.plan.id].forum.both_sectors
    assert together[other.id].forum is None


def test_quality_costs_the_same_queries_however_many_plans(
    client, monkeypatch, make_plan, make_consultation, count_queries
):
    monkeypatch.setattr(summary, "PLANS_PER_PAGE", 50)  # every plan on one page
    a_forum_that_met("IL")

    def queries() -> int:
        with count_queries() as counted:
            assert client.get("/en/quality").status_code == 200
        return counted.count

    def plans(number: int) -> None:
        for _ in range(number):
            make_consultation(opens_in=timedelta(days=-60), lasts=timedelta(days=10))
            make_plan(country="LV")

    plans(1)
    with_two = queries()
    plans(3)
    assert queries() == with_two
    html = client.get("/en/quality/co-creation").get_data(as_text=True)
    assert html.count("/standards") >= 8
