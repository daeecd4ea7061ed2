"""The service-quality page, checked against figures worked out by hand."""

from __future__ import annotations

from datetime import timedelta

import pytest
from responses.pages import table

from consultations.clock import as_utc, now
from consultations.comments.models import CommentState
from consultations.extensions import db
from consultations.plans.models import PlanStatus
from consultations.responses import services
from consultations.satisfaction.models import SatisfactionAnswer

CAPTION = "Service quality by agency"


def respond(coordinator, consultation, comments, days: float):
    services.publish_response(
        coordinator,
        consultation,
        outcome="adopted",
        texts={"en": {"reasons": "Thank you."}},
        comment_ids=[c.id for c in comments],
        moment=as_utc(consultation.closes_at) + timedelta(days=days),
    )


def survey(consultation, user, satisfaction=None, ease=None, declined=False):
    db.session.add(
        SatisfactionAnswer(
            consultation_id=consultation.id,
            user_id=user.id,
            satisfaction=satisfaction,
            ease=ease,
            remark="",
            declined=declined,
            created_at=now(),
        )
    )
    db.session.commit()


@pytest.fixture
def site(
    make_agency,
    make_user,
    make_consultation,
    make_comment,
    make_plan,
    make_commitment,
    make_update,
):
    """Alpha: two closed consultations, surveys and three reporting commitments; Beta: one
    closed consultation nobody answered and one still open; Gamma: nothing at all."""
    alpha, beta = make_agency(en="Alpha"), make_agency(en="Beta", country="LV")
    make_agency(en="Gamma")
    alpha_coordinator = make_user(roles=("coordinator",), agency=alpha)

    # Closed 46 days ago, deadline passed 16 days ago: 2 of 4 answered in time, 1 late.
    past = make_consultation(agency=alpha, opens_in=timedelta(days=-60), lasts=timedelta(days=14))
    comments = [make_comment(past) for _ in range(5)]
    comments[4].state = CommentState.HIDDEN
    db.session.commit()
    respond(alpha_coordinator, past, comments[:2], 3)
    respond(alpha_coordinator, past, comments[2:3], 31)
    # Closed 10 days ago, deadline still ahead: counts for the median only.
    recent = make_consultation(agency=alpha, opens_in=timedelta(days=-24), lasts=timedelta(days=14))
    recent_comments = [make_comment(recent) for _ in range(2)]
    respond(alpha_coordinator, recent, recent_comments[:1], 1)
    survey(past, make_user(), 5, 4)
    survey(past, make_user(), 3, 2)
    survey(recent, make_user(), declined=True)

    silent = make_consultation(agency=beta, opens_in=timedelta(days=-60), lasts=timedelta(days=14))
    make_comment(silent), make_comment(silent)
    still_open = make_consultation(agency=beta)
    make_comment(still_open)

    plan = make_plan(status=PlanStatus.IMPLEMENTATION)
    fresh, old, never = (make_commitment(plan, agency=alpha) for _ in range(3))
    make_update(fresh, published_at=now() - timedelta(days=10))
    make_update(old, published_at=now() - timedelta(days=100))
    drafting = make_plan(status=PlanStatus.DRAFTING)
    make_update(make_commitment(drafting, agency=beta), published_at=now())
    return alpha, beta


def test_quality_figures_match_the_hand_computed_ones(client, site):
    response = client.get("/en/quality")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    overall = dict(table(html, "Across all agencies")[1:])
    assert overall == {
        # First responses after 3 and 1 days; Beta's has waited 46 days so far.
        "Median days from closing to the first response": "3 (3 consultations)",
        # Due: Alpha's past consultation (4 visible) and Beta's (2); answered in time: 2.
        "Comments answered by the response deadline": "33% (2 of 6 comments)",
        "Satisfaction": "4 of 5 (2 answers)",
        "Ease of use": "3 of 5 (2 answers)",
        "Commitments with a recent progress update": "33% (1 of 3 commitments)",
    }
    rows = table(html, CAPTION)
    assert rows[1:] == [
        [
            "Alpha",
            "2 (2 consultations)",
            "50% (2 of 4 comments)",
            "4 of 5 (2 answers)",
            "3 of 5 (2 answers)",
            "33% (1 of 3 commitments)",
        ],
        [
            "Beta",
            "46 (1 consultation)",
            "0% (0 of 2 comments)",
            "not enough data yet",
            "not enough data yet",
            "not enough data yet",
        ],
    ]


def test_overall_page_breaks_the_figures_down_by_country_and_links_each(client, site):
    html = client.get("/en/quality").get_data(as_text=True)
    rows = table(html, "Service quality by country")
    assert [row[0] for row in rows[1:]] == ["Israel", "Latvia"]
    assert rows[1][1:] == table(html, CAPTION)[1][1:]  # Israel's only agency is Alpha
    assert 'href="/en/quality/il"' in html and 'href="/en/quality/lv"' in html


def test_a_country_page_has_the_same_measures_for_its_agencies_only(client, site):
    response = client.get("/en/quality/lv")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Service quality in Latvia" in html and 'href="/en/quality"' in html
    overall = dict(table(html, "Across the agencies of Latvia")[1:])
    assert overall == {
        "Median days from closing to the first response": "46 (1 consultation)",
        "Comments answered by the response deadline": "0% (0 of 2 comments)",
        "Satisfaction": "not enough data yet",
        "Ease of use": "not enough data yet",
        "Commitments with a recent progress update": "not enough data yet",
    }
    assert [row[0] for row in table(html, CAPTION)[1:]] == ["Beta"]
    assert "Service quality by country" not in html
    hebrew = client.get("/he/quality/lv").get_data(as_text=True)
    assert "לטביה" in hebrew


@pytest.mark.parametrize("path", ["/en/quality/xx", "/en/quality/IL", "/en/quality/isr"])
def test_an_unknown_country_is_not_found(client, app_ctx, path):
    assert client.get(path).status_code == 404


def test_a_country_page_queries_do_not_grow_with_data(
    client, make_agency, make_user, make_consultation, make_comment, count_queries
):
    def add(number: int) -> None:
        for index in range(number):
            agency = make_agency(country="LV" if index % 2 else "IL")
            consultation = make_consultation(
                agency=agency, opens_in=timedelta(days=-60), lasts=timedelta(days=14)
            )
            make_comment(consultation)

    def queries() -> int:
        client.get("/en/quality/lv")
        with count_queries() as counter:
            assert client.get("/en/quality/lv").status_code == 200
        return counter.count

    add(2)
    small = queries()
    add(50)  # more than a page of Latvian agencies
    assert queries() == small
    assert client.get("/en/quality/lv?page=2").status_code == 200


def test_an_empty_site_says_there_is_not_enough_data_rather_than_zero(client, app_ctx):
    html = client.get("/en/quality").get_data(as_text=True)
    overall = dict(table(html, "Across all agencies")[1:])
    assert set(overall.values()) == {"not enough data yet"}
    assert "No agency has figures yet." in html


@pytest.mark.parametrize("lang", ["he", "lv", "hu"])
def test_quality_page_in_every_language(client, site, lang):
    assert client.get(f"/{lang}/quality").status_code == 200


def test_quality_page_queries_do_not_grow_with_data(
    client, make_agency, make_user, make_consultation, make_comment, count_queries
):
    def add(number: int) -> None:
        for _n in range(number):
            agency = make_agency()
            consultation = make_consultation(
                agency=agency, opens_in=timedelta(days=-60), lasts=timedelta(days=14)
            )
            make_comment(consultation)
            survey(consultation, make_user(), 4, 4)

    def queries() -> int:
        client.get("/en/quality")
        with count_queries() as counter:
            assert client.get("/en/quality").status_code == 200
        return counter.count

    add(2)
    small = queries()
    add(25)  # more than a page of agencies
    assert queries() == small
    assert client.get("/en/quality?page=2").status_code == 200
