"""The month-by-month pages: charts with tables, the month report, standards and the feed."""

from __future__ import annotations

from datetime import timedelta

import pytest
from quality.monthly_data import OCTOBER, at
from responses.pages import table

from consultations.audit.models import AuditEvent
from consultations.clock import now
from consultations.extensions import db
from consultations.quality.models import ServiceStandard
from consultations.quality.records import record_missing_months

from helpers import login

MEDIAN = "Median days from closing to the first response by month"


def test_quality_page_charts_each_month_with_a_table_and_the_standard(client, kept_october):
    html = client.get("/en/quality").get_data(as_text=True)
    assert html.count('role="img"') >= 8 and "<desc id=" in html
    rows = {row[0]: row[1:] for row in table(html, MEDIAN)[1:]}
    assert rows["October 2026"] == ["9.5", "Met"]  # the default standard: at most 30 days
    assert rows["November 2026"] == ["no data", "—"]  # kept, no first response in it
    assert rows["August 2026"] == ["not kept yet", "—"]
    on_time = {
        row[0]: row[1:]
        for row in table(html, "Comments answered by the response deadline by month")[1:]
    }
    assert on_time["October 2026"] == ["67%", "Not met"]  # 2 of 3 against 90%
    assert 'href="/en/quality/2026-10"' in html


def test_a_country_and_an_agency_have_their_own_months(client, kept_october):
    alpha, beta, _ = kept_october
    latvia = client.get("/en/quality/lv").get_data(as_text=True)
    assert {r[0]: r[1] for r in table(latvia, MEDIAN)[1:]}["October 2026"] == "3.5"
    page = client.get(f"/en/quality/agencies/{alpha.slug}")
    assert page.status_code == 200
    rows = {r[0]: r[1] for r in table(page.get_data(as_text=True), MEDIAN)[1:]}
    assert rows["October 2026"] == "15.5"
    assert client.get("/en/quality/agencies/nobody").status_code == 404


def test_charts_run_from_the_right_in_right_to_left_languages(client, kept_october):
    english = client.get("/en/quality").get_data(as_text=True)
    hebrew = client.get("/he/quality").get_data(as_text=True)
    first_bar = 'x="274.5"'  # October, third bar from the end, read from the left
    assert first_bar in english and 'x="64.5"' in hebrew


def test_month_report_compares_the_month_with_the_standards(client, kept_october):
    response = client.get("/en/quality/2026-10")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "Service quality report: October 2026" in html
    rows = {r[0]: r[1:] for r in table(html, "Across all agencies, against the service standards")}
    assert rows["Median days from closing to the first response"] == ["9.5", "at most 30", "Met"]
    assert rows["Comments"] == ["3", "—", "—"]
    countries = table(html, "Service quality by country in October 2026")
    assert [r[0] for r in countries[1:]] == ["Israel", "Latvia"]
    assert "@media print" in client.get("/static/css/main.css").get_data(as_text=True)


@pytest.mark.parametrize("month", ["2026-13", "2026-00", "1999-12", "2099-01"])
def test_an_impossible_or_future_month_is_a_translated_not_found(client, app_ctx, month):
    assert client.get(f"/en/quality/{month}").status_code == 404
    hebrew = client.get(f"/he/quality/{month}")
    assert hebrew.status_code == 404 and "Page not found" not in hebrew.get_data(as_text=True)


def test_the_current_month_report_says_it_is_not_over(client, app_ctx):
    response = client.get(f"/en/quality/{now():%Y-%m}")
    assert response.status_code == 200
    assert "This month is not over yet" in response.get_data(as_text=True)


def test_a_kept_month_report_stays_the_same_after_late_data(client, kept_october, make_comment):
    _, _, fresh = kept_october
    before = table(
        client.get("/en/quality/2026-10").get_data(as_text=True),
        "Across all agencies, against the service standards",
    )
    make_comment(fresh, created_at=at(29))
    after = table(
        client.get("/en/quality/2026-10").get_data(as_text=True),
        "Across all agencies, against the service standards",
    )
    assert after == before


def test_the_feed_lists_each_kept_month_report(client, kept_october):
    response = client.get("/en/quality/feed.atom")
    assert response.status_code == 200
    xml = response.get_data(as_text=True)
    assert "Service quality report: October 2026" in xml
    assert "/en/quality/2026-10" in xml


def _grow(make_agency, make_consultation, make_comment, number: int) -> None:
    for index in range(number):
        agency = make_agency(country="LV" if index % 2 else "IL")
        consultation = make_consultation(agency=agency, opens_in=timedelta(days=-60))
        make_comment(consultation, created_at=at(10 + index % 10))
        make_comment(consultation)


@pytest.mark.parametrize("path", ["/en/quality", "/en/quality/2026-10"])
def test_monthly_pages_queries_do_not_grow_with_data(
    client, app_ctx, make_agency, make_consultation, make_comment, count_queries, path
):
    def queries() -> int:
        db.session.query(db.text("1"))
        record_missing_months(now(), since=OCTOBER)
        client.get(path)
        with count_queries() as counter:
            assert client.get(path).status_code == 200
        return counter.count

    _grow(make_agency, make_consultation, make_comment, 2)
    small = queries()
    _grow(make_agency, make_consultation, make_comment, 30)
    assert queries() == small


def test_the_standards_page_shows_the_defaults(client, app_ctx):
    html = client.get("/en/quality/standards").get_data(as_text=True)
    rows = dict(table(html, "The targets")[1:])
    assert rows["Median days from closing to the first response"] == "at most 30"
    assert rows["Comments answered by the response deadline"] == "at least 90%"
    assert "default targets" in html and "Change the service standards" not in html


def test_an_admin_publishes_new_standards_and_the_change_is_audited(client, make_user):
    admin = make_user(roles=("admin",))
    login(client, admin)
    form = {
        "median_days": "14",
        "on_time_percent": "95",
        "satisfaction": "4.5",
        "fresh_percent": "75",
    }
    response = client.post("/en/quality/standards/edit", data=form)
    assert response.status_code == 302
    html = client.get("/en/quality/standards").get_data(as_text=True)
    rows = dict(table(html, "The targets")[1:])
    assert rows["Median days from closing to the first response"] == "at most 14"
    assert rows["Satisfaction"] == "at least 4.5 of 5"
    event = db.session.scalars(
        db.select(AuditEvent).where(AuditEvent.action == "standards.update")
    ).one()
    assert event.actor_id == admin.id


def test_a_bad_standard_is_refused_and_nothing_is_written(client, make_user):
    login(client, make_user(roles=("admin",)))
    form = {
        "median_days": "0",
        "on_time_percent": "140",
        "satisfaction": "4",
        "fresh_percent": "75",
    }
    response = client.post("/en/quality/standards/edit", data=form)
    assert response.status_code == 422
    assert "Enter a number from" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count(ServiceStandard.id))) == 0


@pytest.mark.parametrize("roles", [(), ("coordinator",), ("monitor",), ("moderator",)])
def test_only_admins_may_change_the_standards(client, make_user, make_agency, roles):
    login(client, make_user(roles=roles, agency=make_agency()))
    assert client.get("/en/quality/standards/edit").status_code == 403
    form = {"median_days": "5", "on_time_percent": "50", "satisfaction": "3", "fresh_percent": "50"}
    assert client.post("/en/quality/standards/edit", data=form).status_code == 403


def test_an_anonymous_visitor_is_sent_to_log_in_for_the_standards_form(client, app_ctx):
    response = client.get("/en/quality/standards/edit")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
