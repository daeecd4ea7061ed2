"""The coordinators' consultation pages: who may use them, what they save, how they refuse.

A refused action answers 403 (or sends an anonymous visitor to log in) and writes nothing:
the row counts of the consultation tables and of the audit log stay as they were.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from consultations.audit.models import AuditEvent
from consultations.clock import as_utc, now
from consultations.consultation.models import (
    Consultation,
    ConsultationText,
    Phase,
    Section,
    SectionRevision,
    SectionText,
)
from consultations.extensions import db
from consultations.plans.models import PlanStatus

from helpers import login

COUNTED = (Consultation, ConsultationText, Section, SectionText, SectionRevision, AuditEvent)


def row_counts() -> dict[str, int]:
    return {
        model.__tablename__: db.session.scalar(select(func.count()).select_from(model))
        for model in COUNTED
    }


def last_audit() -> AuditEvent:
    return db.session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()


def client_for(app, user):
    client = app.test_client()
    if user is not None:
        assert login(client, user).status_code == 302
    return client


def day(offset: timedelta) -> str:
    return (now() + offset).date().isoformat()


@pytest.fixture
def world(make_agency, make_user, make_plan, make_commitment, make_consultation):
    w = SimpleNamespace()
    w.national_body = make_agency("ict-authority", en="Government ICT Authority")
    w.agency_a = make_agency("agency-a", en="Agency A")
    w.agency_b = make_agency("agency-b", en="Agency B")
    w.other_body = make_agency("other-body", en="Other coordinating body")
    w.plan = make_plan(
        "draft", status=PlanStatus.DRAFTING, agency=w.national_body, titles={"en": "Draft plan"}
    )
    w.other_plan = make_plan("other-draft", status=PlanStatus.DRAFTING, agency=w.other_body)
    w.adopted_plan = make_plan("adopted", status=PlanStatus.IMPLEMENTATION, agency=w.national_body)
    w.commitment = make_commitment(w.plan, reference="IL0001", agency=w.agency_b)
    w.consultation = make_consultation(
        slug="open-budget",
        plan=w.plan,
        agency=w.agency_b,
        titles={"en": "Open budget draft"},
    )
    w.users = {
        "citizen": make_user(),
        "monitor": make_user(roles=("monitor",)),
        "moderator": make_user(roles=("moderator",)),
        "admin": make_user(roles=("admin",)),
        "coordinator_a": make_user(roles=("coordinator",), agency=w.agency_a),
        "coordinator_b": make_user(roles=("coordinator",), agency=w.agency_b),
        "national": make_user(roles=("coordinator",), agency=w.national_body),
        "other_national": make_user(roles=("coordinator",), agency=w.other_body),
    }
    return w


def new_form(w, **extra) -> dict:
    return {
        "plan": str(w.plan.id),
        "agency": str(w.agency_b.id),
        "commitment": "",
        "slug": "budget-transparency",
        "opens_on": day(timedelta(days=2)),
        "opens_time": "09:00",
        "closes_on": day(timedelta(days=30)),
        "closes_time": "23:59",
        "deadline_on": "",
        "deadline_time": "",
        "title_en": "Budget transparency",
        "title_he": "שקיפות תקציבית",
        "introduction_en": "Tell us what to publish.",
        "heading_en": "Aim",
        "body_en": "Publish every budget line as open data.",
        "body_lv": "Publicēt katru budžeta pozīciju kā atvērtos datus.",
        **extra,
    }


def local_fields(prefix: str, moment: datetime) -> dict:
    moment = as_utc(moment)  # the tests run in UTC, the default time zone
    return {f"{prefix}_on": moment.date().isoformat(), f"{prefix}_time": moment.strftime("%H:%M")}


def edit_form(consultation, **extra) -> dict:
    """The edit form as the page shows it, with `extra` typed over it."""
    data = {
        **local_fields("opens", consultation.opens_at),
        **local_fields("closes", consultation.closes_at),
        **local_fields("deadline", consultation.response_deadline),
    }
    for row in consultation.texts:
        data[f"title_{row.locale}"] = row.title
        data[f"introduction_{row.locale}"] = row.introduction
    return {**data, **extra}


def section_form(**extra) -> dict:
    return {"heading_en": "Means", "body_en": "Publish budgets monthly.", **extra}


# The table: every staff action, and who may take it.


@dataclass(frozen=True)
class Action:
    name: str
    method: str
    audit: str | None
    request: Callable  # world -> (url, form data)


ACTIONS = [
    Action("list", "GET", None, lambda w: ("/en/staff/consultations", None)),
    Action("new form", "GET", None, lambda w: ("/en/staff/consultations/new", None)),
    Action(
        "create",
        "POST",
        "consultation.create",
        lambda w: ("/en/staff/consultations/new", new_form(w)),
    ),
    Action("edit form", "GET", None, lambda w: ("/en/staff/consultations/open-budget", None)),
    Action(
        "edit",
        "POST",
        "consultation.update",
        lambda w: (
            "/en/staff/consultations/open-budget",
            edit_form(w.consultation, title_en="Open budget draft, revised"),
        ),
    ),
    Action(
        "section form",
        "GET",
        None,
        lambda w: ("/en/staff/consultations/open-budget/sections/section-1", None),
    ),
    Action(
        "edit section",
        "POST",
        "section.update",
        lambda w: ("/en/staff/consultations/open-budget/sections/section-1", section_form()),
    ),
    Action(
        "add section form",
        "GET",
        None,
        lambda w: ("/en/staff/consultations/open-budget/sections/new", None),
    ),
    Action(
        "add section",
        "POST",
        "section.create",
        lambda w: ("/en/staff/consultations/open-budget/sections/new", section_form()),
    ),
]
# A coordinator of another agency runs their own consultations: the list and the new form
# are theirs too, but they cannot create for Agency B or touch its consultation.
OWN_WORK = {"list", "new form"}


def send(app, w, user_key: str | None, action: Action):
    url, data = action.request(w)
    client = client_for(app, w.users[user_key] if user_key else None)
    if action.method == "GET":
        return client.get(url)
    return client.post(url, data=data)


@pytest.mark.parametrize("role", ["coordinator_b", "national"])
@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_the_agencys_coordinator_and_the_national_coordinator_may_act(app, world, action, role):
    before = row_counts()
    response = send(app, world, role, action)
    if action.method == "GET":
        assert response.status_code == 200, response.get_data(as_text=True)
        assert row_counts() == before
        return
    assert response.status_code == 302, response.get_data(as_text=True)
    assert row_counts()["audit_events"] == before["audit_events"] + 1
    assert last_audit().action == action.audit


REFUSED = [
    pytest.param(role, action, id=f"{action.name}-{role}")
    for role in ("citizen", "monitor", "moderator", "admin", "coordinator_a")
    for action in ACTIONS
    if not (role == "coordinator_a" and action.name in OWN_WORK)
]


@pytest.mark.parametrize(("role", "action"), REFUSED)
def test_everyone_else_is_refused_and_nothing_is_written(app, world, role, action):
    before = row_counts()
    assert send(app, world, role, action).status_code == 403
    assert row_counts() == before


@pytest.mark.parametrize("action", ACTIONS, ids=lambda a: a.name)
def test_anonymous_visitors_are_sent_to_log_in(app, world, action):
    before = row_counts()
    response = send(app, world, None, action)
    assert response.status_code == 302
    assert "/en/login" in response.headers["Location"]
    assert row_counts() == before


def test_coordinator_of_another_agency_sees_only_their_own_consultations(
    app, world, make_consultation
):
    make_consultation(
        slug="agency-a-draft", plan=world.plan, agency=world.agency_a, titles={"en": "A's draft"}
    )
    page = client_for(app, world.users["coordinator_a"]).get("/en/staff/consultations")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert "A&#39;s draft" in text and "Open budget draft" not in text


# The list


def test_list_shows_phase_dates_comment_count_and_links(app, world, make_comment, make_user):
    for _ in range(3):
        make_comment(world.consultation)
    client = client_for(app, world.users["coordinator_b"])
    page = client.get("/en/staff/consultations").get_data(as_text=True)
    assert "Open budget draft" in page
    assert "open for comments" in page
    assert re.search(r"<td[^>]*>3</td>", page)
    assert 'href="/en/staff/consultations/open-budget"' in page
    assert 'href="/en/staff/consultations/open-budget/responses"' in page
    assert 'href="/en/consultations/open-budget"' in page
    assert 'href="/en/staff/consultations/new"' in page


def test_national_coordinator_sees_every_consultation_of_their_plan(app, world, make_consultation):
    make_consultation(slug="a-draft", plan=world.plan, agency=world.agency_a)
    make_consultation(slug="elsewhere", plan=world.other_plan, agency=world.agency_a)
    page = client_for(app, world.users["national"]).get("/en/staff/consultations")
    text = page.get_data(as_text=True)
    assert "/en/staff/consultations/open-budget" in text
    assert "/en/staff/consultations/a-draft" in text
    assert "/en/staff/consultations/elsewhere" not in text


def test_list_query_count_does_not_grow_with_the_data(
    app, world, make_consultation, make_comment, count_queries
):
    client = client_for(app, world.users["national"])

    def queries() -> int:
        db.session.remove()
        with count_queries() as counter:
            response = client.get("/en/staff/consultations")
        assert response.status_code == 200
        return counter.count

    small = queries()
    for number in range(30):
        consultation = make_consultation(
            slug=f"more-{number}",
            plan=world.plan,
            agency=world.agency_a if number % 2 else world.agency_b,
            titles={"en": f"More {number}", "he": f"עוד {number}"},
        )
        make_comment(consultation)
    large = queries()
    assert large == small
    second = client.get("/en/staff/consultations?page=2").get_data(as_text=True)
    assert "Page 2 of 2" in second


# Creating


def test_new_form_offers_own_agencies_or_every_agency_to_the_national_coordinator(app, world):
    url = "/en/staff/consultations/new"
    own = client_for(app, world.users["coordinator_b"]).get(url).get_data(as_text=True)
    assert "Agency B" in own and "Agency A" not in own
    assert "Draft plan" in own
    national = client_for(app, world.users["national"]).get(url).get_data(as_text=True)
    assert "Agency A" in national and "Agency B" in national
    assert 'name="opens_time"' in national and 'value="09:00"' in national
    assert "If left empty: 30 days after the closing." in national


def test_coordinator_creates_a_consultation_in_the_deployments_time_zone(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "BABEL_DEFAULT_TIMEZONE", "Asia/Jerusalem")
    client = client_for(app, world.users["coordinator_b"])
    data = new_form(
        world,
        commitment="il0001",
        opens_on="2031-03-01",
        opens_time="09:00",
        closes_on="2031-03-31",
        closes_time="18:30",
    )
    response = client.post("/en/staff/consultations/new", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    assert response.headers["Location"].endswith("/en/staff/consultations/budget-transparency")
    consultation = db.session.scalar(
        select(Consultation).where(Consultation.slug == "budget-transparency")
    )
    # Israel is at UTC+2 in March before its summer time starts on the last Friday.
    assert as_utc(consultation.opens_at) == datetime(2031, 3, 1, 7, 0, tzinfo=UTC)
    assert as_utc(consultation.closes_at) == datetime(2031, 3, 31, 15, 30, tzinfo=UTC)
    assert as_utc(consultation.response_deadline) - as_utc(consultation.closes_at) == timedelta(
        days=30
    )
    assert consultation.agency_id == world.agency_b.id
    assert consultation.plan_id == world.plan.id
    assert consultation.commitment_id == world.commitment.id
    assert consultation.text("title", "he").text == "שקיפות תקציבית"
    assert consultation.text("introduction", "en").text == "Tell us what to publish."
    assert consultation.phase(now()) == Phase.SCHEDULED
    [section] = consultation.sections
    assert section.anchor == "section-1"
    assert section.text("heading", "en").text == "Aim"
    assert section.text("body", "lv").text.startswith("Publicēt")
    assert last_audit().action == "consultation.create"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The consultation is created." in page
    assert 'value="09:00"' in page  # shown back in the deployment's time zone
    public = client.get("/en/consultations/budget-transparency").get_data(as_text=True)
    assert "Budget transparency" in public and "Publish every budget line as open data." in public


def test_a_given_response_deadline_is_kept(app, world):
    client = client_for(app, world.users["coordinator_b"])
    data = new_form(world, deadline_on=day(timedelta(days=45)))
    assert client.post("/en/staff/consultations/new", data=data).status_code == 302
    consultation = db.session.scalar(
        select(Consultation).where(Consultation.slug == "budget-transparency")
    )
    deadline = as_utc(consultation.response_deadline)
    assert deadline.date().isoformat() == day(timedelta(days=45))
    assert (deadline.hour, deadline.minute) == (23, 59)


def refused_with(response, field_id: str, message: str) -> str:
    """The page came back 422 with an error summary linking to the field, and the message."""
    page = response.get_data(as_text=True)
    assert response.status_code == 422, page
    assert 'class="error-summary"' in page
    assert f'href="#{field_id}"' in page
    assert message in page
    assert f'id="{field_id}"' in page and 'aria-invalid="true"' in page
    return page


@pytest.mark.parametrize(
    ("extra", "field_id", "message"),
    [
        ({"title_en": "", "title_he": "", "introduction_en": ""}, "title_en", "at least one"),
        ({"title_he": "", "introduction_he": "הקדמה"}, "title_he", "Give a title in this"),
        ({"body_en": "", "body_lv": ""}, "body_en", "at least one"),
        ({"body_en": "", "heading_en": "Aim"}, "body_en", "text in this language too"),
        ({"slug": "Not A Slug"}, "slug", "lower-case Latin letters"),
        ({"slug": "new"}, "slug", "reserved"),
        ({"slug": "open-budget"}, "slug", "Another consultation already uses this address."),
        ({"closes_on": day(timedelta(days=1))}, "closes_on", "after the opening"),
        (
            {"deadline_on": day(timedelta(days=10))},
            "deadline_on",
            "cannot come before the closing",
        ),
        ({"opens_on": "not a date"}, "opens_on", "Not a valid date value."),
        ({"opens_time": ""}, "opens_time", "This field is required."),
        ({"plan": ""}, "plan", "This field is required."),
        ({"commitment": "IL9999"}, "commitment", "no commitment with this reference"),
    ],
)
def test_bad_input_comes_back_with_errors_and_everything_typed(
    app, world, extra, field_id, message
):
    before = row_counts()
    client = client_for(app, world.users["coordinator_b"])
    data = new_form(world, **extra)
    page = refused_with(client.post("/en/staff/consultations/new", data=data), field_id, message)
    assert row_counts() == before
    assert "Publish every budget line as open data." in page or "body_en" in extra
    assert "Tell us what to publish." in page or "introduction_en" in extra
    if data["slug"] != "new":
        assert f'value="{data["slug"]}"' in page


def test_commitment_of_another_agency_is_refused_on_its_field(app, world, make_commitment):
    make_commitment(world.plan, reference="IL0002", agency=world.agency_a)
    before = row_counts()
    client = client_for(app, world.users["coordinator_b"])
    response = client.post("/en/staff/consultations/new", data=new_form(world, commitment="IL0002"))
    refused_with(response, "commitment", "led by an agency you do not coordinate")
    assert row_counts() == before


def test_national_coordinator_of_another_plan_is_told_on_the_agency_field(app, world):
    before = row_counts()
    # Nationally coordinating the other plan, they are offered every agency, but not here.
    client = client_for(app, world.users["other_national"])
    page = client.get("/en/staff/consultations/new").get_data(as_text=True)
    assert "Draft plan" in page and "Agency B" in page
    response = client.post("/en/staff/consultations/new", data=new_form(world))
    refused_with(response, "agency", "You do not coordinate this agency in the chosen plan.")
    assert row_counts() == before


def test_plans_no_longer_drafted_are_not_offered_or_accepted(app, world):
    client = client_for(app, world.users["national"])
    page = client.get("/en/staff/consultations/new").get_data(as_text=True)
    plan_select = page[page.index('id="plan"') : page.index("</select>")]
    assert f'value="{world.plan.id}"' in plan_select
    assert f'value="{world.adopted_plan.id}"' not in plan_select
    before = row_counts()
    data = new_form(world, plan=str(world.adopted_plan.id))
    assert client.post("/en/staff/consultations/new", data=data).status_code == 403
    assert row_counts() == before


# Editing the consultation and its schedule


def test_edit_page_shows_the_form_and_the_sections_in_order(app, world):
    page = client_for(app, world.users["coordinator_b"]).get("/en/staff/consultations/open-budget")
    text = page.get_data(as_text=True)
    assert page.status_code == 200
    assert 'value="Open budget draft"' in text
    assert text.index("Section 1") < text.index("Section 2")
    assert 'href="/en/staff/consultations/open-budget/sections/section-1"' in text
    assert 'href="/en/staff/consultations/open-budget/sections/new"' in text
    assert "its opening can no longer move" in text


def test_coordinator_changes_texts_and_extends_the_closing(app, world):
    consultation = world.consultation
    old_closes = as_utc(consultation.closes_at)
    new_closes = old_closes + timedelta(days=7)
    client = client_for(app, world.users["coordinator_b"])
    data = edit_form(
        consultation,
        title_en="Open budget draft, revised",
        title_lv="Atvērtā budžeta projekts",
        **local_fields("closes", new_closes),
        deadline_on="",
    )
    response = client.post("/en/staff/consultations/open-budget", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.refresh(consultation)
    assert consultation.text("title", "en").text == "Open budget draft, revised"
    assert consultation.text("title", "lv").text == "Atvērtā budžeta projekts"
    closes = as_utc(consultation.closes_at)
    assert closes.replace(second=0, microsecond=0) == new_closes.replace(second=0, microsecond=0)
    assert as_utc(consultation.response_deadline) - closes == timedelta(days=30)
    event = last_audit()
    assert event.action == "consultation.update"
    assert event.before["texts"]["en"]["title"] == "Open budget draft"
    assert event.after["texts"]["en"]["title"] == "Open budget draft, revised"
    assert event.before["closes_at"] != event.after["closes_at"]


def test_saving_the_form_untouched_changes_nothing(app, world):
    before = row_counts()
    opens = world.consultation.opens_at
    client = client_for(app, world.users["coordinator_b"])
    response = client.post(
        "/en/staff/consultations/open-budget", data=edit_form(world.consultation)
    )
    assert response.status_code == 302
    assert row_counts() == before
    assert world.consultation.opens_at == opens


@pytest.mark.parametrize(
    ("change", "field_id", "message"),
    [
        (lambda c: local_fields("opens", c.opens_at + timedelta(hours=2)), "opens_on", "opened"),
        (
            lambda c: local_fields("closes", c.closes_at - timedelta(days=2)),
            "closes_on",
            "can only be extended",
        ),
        (
            lambda c: local_fields("closes", now() - timedelta(hours=2)),
            "closes_on",
            "cannot move into the past",
        ),
        (
            lambda c: local_fields("deadline", c.closes_at - timedelta(days=1)),
            "deadline_on",
            "cannot come before the closing",
        ),
        (lambda c: {"title_en": ""}, "title_en", "at least one"),
    ],
)
def test_schedule_rules_of_an_open_consultation(app, world, change, field_id, message):
    before = row_counts()
    consultation = world.consultation
    data = edit_form(consultation, **change(consultation))
    client = client_for(app, world.users["coordinator_b"])
    page = refused_with(
        client.post("/en/staff/consultations/open-budget", data=data), field_id, message
    )
    assert row_counts() == before
    assert data["opens_time"] in page


def test_a_scheduled_consultation_may_move_its_opening(app, world, make_consultation):
    later = make_consultation(
        slug="later", plan=world.plan, agency=world.agency_b, opens_in=timedelta(days=5)
    )
    new_opens = as_utc(later.opens_at) + timedelta(days=2)
    client = client_for(app, world.users["national"])
    data = edit_form(later, **local_fields("opens", new_opens))
    assert client.post("/en/staff/consultations/later", data=data).status_code == 302
    db.session.refresh(later)
    assert as_utc(later.opens_at) == new_opens.replace(second=0, microsecond=0)
    assert last_audit().action == "consultation.update"


# Sections


def test_section_edit_after_opening_keeps_the_earlier_wording_and_is_audited(app, world):
    client = client_for(app, world.users["coordinator_b"])
    url = "/en/staff/consultations/open-budget/sections/section-1"
    form_page = client.get(url).get_data(as_text=True)
    assert "Readers will see that this section was edited" in form_page
    assert 'value="Section 1"' in form_page
    response = client.post(url, data=section_form(heading_en="Section 1", body_en="New wording."))
    assert response.status_code == 302
    assert response.headers["Location"].endswith(
        "/en/staff/consultations/open-budget#staff-section-1"
    )
    [revision] = db.session.scalars(select(SectionRevision)).all()
    assert revision.body == "Draft wording of section 1."
    section = world.consultation.sections[0]
    db.session.refresh(section)
    assert section.text("body", "en").text == "New wording."
    event = last_audit()
    assert event.action == "section.update"
    assert event.before["texts"]["en"]["body"] == "Draft wording of section 1."


def test_section_edit_before_opening_keeps_no_revision_and_shows_no_notice(
    app, world, make_consultation
):
    make_consultation(
        slug="later", plan=world.plan, agency=world.agency_b, opens_in=timedelta(days=5)
    )
    client = client_for(app, world.users["coordinator_b"])
    url = "/en/staff/consultations/later/sections/section-2"
    assert "Readers will see" not in client.get(url).get_data(as_text=True)
    assert client.post(url, data=section_form()).status_code == 302
    assert db.session.scalar(select(func.count(SectionRevision.id))) == 0


def test_section_edit_without_any_text_is_refused(app, world):
    before = row_counts()
    client = client_for(app, world.users["coordinator_b"])
    url = "/en/staff/consultations/open-budget/sections/section-1"
    data = section_form(body_en="", heading_he="כותרת")
    page = refused_with(client.post(url, data=data), "body_he", "text in this language too")
    assert 'value="כותרת"' in page
    assert row_counts() == before


def test_unknown_section_is_not_found(app, world):
    client = client_for(app, world.users["coordinator_b"])
    url = "/en/staff/consultations/open-budget/sections/section-9"
    assert client.get(url).status_code == 404


def test_coordinator_adds_a_section_at_the_end(app, world):
    client = client_for(app, world.users["coordinator_b"])
    url = "/en/staff/consultations/open-budget/sections/new"
    response = client.post(url, data=section_form(heading_hu="Eszközök", body_hu="Havonta."))
    assert response.status_code == 302
    db.session.refresh(world.consultation)
    sections = world.consultation.sections
    assert [s.anchor for s in sections] == ["section-1", "section-2", "section-3"]
    assert sections[-1].text("body", "hu").text == "Havonta."
    event = last_audit()
    assert event.action == "section.create"
    assert event.after["anchor"] == "section-3"
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "The section is added." in page and "Means" in page


def test_no_section_can_be_added_after_closing(app, world, make_consultation):
    make_consultation(
        slug="closed", plan=world.plan, agency=world.agency_b, opens_in=timedelta(days=-20)
    )
    before = row_counts()
    client = client_for(app, world.users["coordinator_b"])
    url = "/en/staff/consultations/closed/sections/new"
    assert "no sections can be added" in client.get(url).get_data(as_text=True)
    refused_with(client.post(url, data=section_form()), "heading_en", "no sections can be added")
    assert row_counts() == before
    edit_page = client.get("/en/staff/consultations/closed").get_data(as_text=True)
    assert "/sections/new" not in edit_page


def test_pages_render_in_hebrew(app, world):
    client = client_for(app, world.users["coordinator_b"])
    for url in (
        "/he/staff/consultations",
        "/he/staff/consultations/new",
        "/he/staff/consultations/open-budget",
        "/he/staff/consultations/open-budget/sections/section-1",
        "/he/staff/consultations/open-budget/sections/new",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert 'dir="rtl"' in response.get_data(as_text=True)


@pytest.mark.parametrize("lang", ["he", "lv"])
def test_a_missing_title_or_text_is_shown_on_the_field_of_the_pages_language(app, world, lang):
    client = client_for(app, world.users["coordinator_b"])
    languages = ("he", "lv", "hu", "en")
    for names in (("title", "introduction"), ("body", "heading")):
        empty = {f"{name}_{code}": "" for name in names for code in languages}
        response = client.post(f"/{lang}/staff/consultations/new", data=new_form(world, **empty))
        refused_with(response, f"{names[0]}_{lang}", "")
        assert f'href="#{names[0]}_en"' not in response.get_data(as_text=True)


def test_opening_in_the_past_is_refused_on_its_field_and_nothing_is_written(app, world):
    before = row_counts()
    client = client_for(app, world.users["coordinator_b"])
    yesterday = now() - timedelta(days=1)
    data = new_form(world, **local_fields("opens", yesterday))
    response = client.post("/en/staff/consultations/new", data=data)
    refused_with(response, "opens_on", "The opening is in the past; choose a time from now on.")
    assert row_counts() == before


def test_coordinator_of_another_countrys_agency_cannot_create_a_consultation(
    app, world, make_agency, make_user
):
    abroad = make_agency("abroad-body", country="LV", en="Latvian body")
    person = make_user(roles=("coordinator",), agency=abroad)
    before = row_counts()
    client = client_for(app, person)
    page = client.get("/en/staff/consultations/new").get_data(as_text=True)
    assert "Draft plan" not in page  # the Israeli draft is not offered
    response = client.post(
        "/en/staff/consultations/new", data=new_form(world, agency=str(abroad.id))
    )
    assert response.status_code == 403
    assert row_counts() == before
