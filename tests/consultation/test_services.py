from datetime import timedelta

import pytest

from consultations.audit.models import AuditEvent
from consultations.clock import as_utc, now
from consultations.consultation import services
from consultations.consultation.models import Consultation, Phase, Section, SectionRevision
from consultations.errors import PermissionDenied
from consultations.extensions import db
from consultations.plans.models import PlanStatus

SECTIONS = [
    {"he": {"heading": "מטרה", "body": "נוסח ראשון"}, "en": {"heading": "Aim", "body": "First"}},
    {"en": {"heading": "Means", "body": "Second wording"}},
]


@pytest.fixture
def world(make_plan, make_agency, make_user):
    agency = make_agency()
    plan = make_plan(status=PlanStatus.DRAFTING, agency=agency)
    coordinator = make_user(roles=("coordinator",), agency=agency)
    return plan, agency, coordinator


def create(world, opens_in=timedelta(days=-1), **overrides):
    plan, agency, coordinator = world
    opens = now() + opens_in
    values = {
        "agency": agency,
        "plan": plan,
        "commitment": None,
        "slug": "open-data-draft",
        "texts": {"en": {"title": "Open data draft", "introduction": "Tell us."}},
        "sections": SECTIONS,
        "opens_at": opens,
        "closes_at": opens + timedelta(days=14),
        # Made before it opened, however long ago that was.
        "moment": min(now(), opens),
        **overrides,
    }
    return services.create_consultation(coordinator, **values)


def test_coordinator_opens_a_draft_with_ordered_sections_and_default_deadline(world, app):
    consultation = create(world)
    assert [s.anchor for s in consultation.sections] == ["section-1", "section-2"]
    deadline = consultation.response_deadline - consultation.closes_at
    assert deadline == timedelta(days=app.config["RESPONSE_DAYS"])
    assert consultation.phase(now()) == Phase.OPEN
    event = db.session.scalar(
        db.select(AuditEvent).where(AuditEvent.action == "consultation.create")
    )
    assert event.target_id == "open-data-draft"


def test_coordinator_of_another_agency_cannot_open_a_consultation_and_nothing_is_written(
    world, make_agency, make_user
):
    plan, agency, _ = world
    outsider = make_user(roles=("coordinator",), agency=make_agency())
    with pytest.raises(PermissionDenied):
        services.create_consultation(
            outsider,
            agency=agency,
            plan=plan,
            commitment=None,
            slug="x",
            texts={"en": {"title": "X"}},
            sections=SECTIONS,
            opens_at=now(),
            closes_at=now() + timedelta(days=1),
        )
    assert db.session.scalar(db.select(db.func.count(Consultation.id))) == 0
    assert db.session.scalar(db.select(db.func.count(AuditEvent.id))) == 0


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"slug": "Not A Slug"}, "slug"),
        ({"sections": []}, "sections"),
        ({"texts": {"en": {"title": "  "}}}, "title_en"),
    ],
)
def test_bad_input_is_refused_with_the_field_named(world, overrides, field):
    with pytest.raises(services.ConsultationRejected) as refused:
        create(world, **overrides)
    assert refused.value.field == field
    assert db.session.scalar(db.select(db.func.count(Consultation.id))) == 0


def test_closing_before_opening_is_refused(world):
    with pytest.raises(services.ConsultationRejected) as refused:
        create(world, closes_at=now() - timedelta(days=5))
    assert refused.value.field == "closes_at"


def test_editing_an_open_consultations_section_keeps_the_earlier_wording(world):
    consultation = create(world)
    section = consultation.sections[0]
    services.edit_section(
        world[2],
        section,
        {"he": {"heading": "מטרה", "body": "נוסח שני"}, "en": {"heading": "Aim", "body": "First"}},
    )
    revisions = db.session.scalars(db.select(SectionRevision)).all()
    assert [(r.locale, r.body) for r in revisions] == [("he", "נוסח ראשון")]
    assert section.text("body", "he").text == "נוסח שני"


def test_editing_before_opening_keeps_no_revision(world):
    consultation = create(world, opens_in=timedelta(days=3))
    services.edit_section(world[2], consultation.sections[1], {"en": {"heading": "M", "body": "B"}})
    assert db.session.scalar(db.select(db.func.count(SectionRevision.id))) == 0


# Changing a consultation's texts and schedule


def edit(world, consultation, **overrides):
    values = {
        "texts": {"en": {"title": "Open data draft", "introduction": "Tell us."}},
        "opens_at": consultation.opens_at,
        "closes_at": consultation.closes_at,
        "response_deadline": consultation.response_deadline,
        **overrides,
    }
    return services.edit_consultation(world[2], consultation, **values)


def audit_count() -> int:
    return db.session.scalar(db.select(db.func.count(AuditEvent.id)))


def test_open_consultation_extends_its_closing_and_the_change_is_audited(world):
    consultation = create(world)
    closes = as_utc(consultation.closes_at) + timedelta(days=7)
    edit(
        world,
        consultation,
        texts={"en": {"title": "Open data draft, revised"}, "lv": {"title": "Atvērtie dati"}},
        closes_at=closes,
        response_deadline=None,
    )
    assert as_utc(consultation.closes_at) == closes
    assert as_utc(consultation.response_deadline) == closes + timedelta(days=30)
    assert consultation.text("title", "lv").text == "Atvērtie dati"
    event = db.session.scalars(
        db.select(AuditEvent).where(AuditEvent.action == "consultation.update")
    ).one()
    assert event.before["texts"]["en"]["title"] == "Open data draft"
    assert event.after["texts"]["en"]["title"] == "Open data draft, revised"
    assert event.after["closes_at"] == closes.isoformat()


def test_an_unchanged_consultation_records_nothing(world):
    consultation = create(world)
    events = audit_count()
    edit(world, consultation)
    assert audit_count() == events


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (lambda c: {"opens_at": as_utc(c.opens_at) + timedelta(hours=1)}, "opens_at", "opened"),
        (
            lambda c: {"closes_at": as_utc(c.closes_at) - timedelta(days=1)},
            "closes_at",
            "only be extended",
        ),
        (lambda c: {"closes_at": now() - timedelta(minutes=5)}, "closes_at", "into the past"),
        (
            lambda c: {"response_deadline": as_utc(c.closes_at) - timedelta(days=1)},
            "response_deadline",
            "before the closing",
        ),
        (lambda c: {"texts": {"en": {"title": " "}}}, "title_en", "at least one"),
    ],
)
def test_schedule_rules_once_open(world, change, field, message):
    consultation = create(world)
    before = services.consultation_snapshot(consultation)
    events = audit_count()
    with pytest.raises(services.ConsultationRejected) as refused:
        edit(world, consultation, **change(consultation))
    assert refused.value.field == field
    assert message in refused.value.message
    db.session.expire_all()
    assert services.consultation_snapshot(db.session.get(Consultation, consultation.id)) == before
    assert audit_count() == events


def test_a_scheduled_consultation_may_move_its_opening_and_shorten_its_closing(world):
    consultation = create(world, opens_in=timedelta(days=3))
    opens = as_utc(consultation.opens_at) + timedelta(days=1)
    closes = as_utc(consultation.closes_at) - timedelta(days=2)
    edit(world, consultation, opens_at=opens, closes_at=closes)
    assert (as_utc(consultation.opens_at), as_utc(consultation.closes_at)) == (opens, closes)


def test_a_closed_consultation_cannot_close_at_another_past_moment(world):
    consultation = create(world, opens_in=timedelta(days=-20))
    with pytest.raises(services.ConsultationRejected) as refused:
        edit(world, consultation, closes_at=as_utc(consultation.closes_at) - timedelta(hours=1))
    assert refused.value.field == "closes_at"


def test_schedule_cannot_change_once_the_responses_are_published(world):
    consultation = create(world, opens_in=timedelta(days=-20))
    consultation.responses_completed_at = now()
    db.session.commit()
    with pytest.raises(services.ConsultationRejected) as refused:
        edit(world, consultation, closes_at=now() + timedelta(days=5))
    assert "responses are published" in refused.value.message
    edit(world, consultation, texts={"en": {"title": "Still correctable"}})
    assert consultation.text("title", "en").text == "Still correctable"


def test_coordinator_of_another_agency_cannot_edit_a_consultation(world, make_agency, make_user):
    consultation = create(world)
    outsider = make_user(roles=("coordinator",), agency=make_agency())
    events = audit_count()
    with pytest.raises(PermissionDenied):
        services.edit_consultation(
            outsider,
            consultation,
            {"en": {"title": "Taken over"}},
            consultation.opens_at,
            consultation.closes_at,
        )
    with pytest.raises(PermissionDenied):
        services.add_section(outsider, consultation, {"en": {"body": "More"}})
    assert audit_count() == events
    assert len(consultation.sections) == 2


# Adding sections


def test_added_sections_go_last_with_a_fresh_anchor_and_are_audited(world):
    consultation = create(world)
    consultation.sections[1].anchor = "section-3"  # an anchor the next number would reuse
    db.session.commit()
    added = services.add_section(
        world[2], consultation, {"hu": {"heading": "Eszközök", "body": "Havonta."}}
    )
    assert [s.anchor for s in consultation.sections] == ["section-1", "section-3", "section-4"]
    assert added.position == 3
    event = db.session.scalars(
        db.select(AuditEvent).where(AuditEvent.action == "section.create")
    ).one()
    assert event.after == {
        "anchor": "section-4",
        "texts": {"hu": {"heading": "Eszközök", "body": "Havonta."}},
    }


def test_no_section_is_added_after_closing_or_without_text(world):
    consultation = create(world)
    with pytest.raises(services.ConsultationRejected) as refused:
        services.add_section(world[2], consultation, {"en": {"heading": "Only a heading"}})
    assert refused.value.field == "body_en"
    consultation.closes_at = now() - timedelta(minutes=1)
    db.session.commit()
    with pytest.raises(services.ConsultationRejected) as refused:
        services.add_section(world[2], consultation, {"en": {"body": "Too late"}})
    assert refused.value.field == "sections"
    assert db.session.scalar(db.select(db.func.count(Section.id))) == 2


# Creating: the commitment and the address


def test_consultation_on_a_commitment_of_an_agency_not_covered_is_refused(
    world, make_agency, make_user, make_commitment
):
    plan = world[0]
    own_agency, other_agency = make_agency(), make_agency()
    coordinator = make_user(roles=("coordinator",), agency=own_agency)
    others = make_commitment(plan, reference="IL0042", agency=other_agency)
    own = make_commitment(plan, reference="IL0043", agency=own_agency)
    values = {
        "agency": own_agency,
        "plan": plan,
        "slug": "on-a-commitment",
        "texts": {"en": {"title": "On a commitment"}},
        "sections": SECTIONS,
        "opens_at": now(),
        "closes_at": now() + timedelta(days=7),
    }
    with pytest.raises(services.ConsultationRejected) as refused:
        services.create_consultation(coordinator, commitment=others, **values)
    assert refused.value.field == "commitment"
    created = services.create_consultation(coordinator, commitment=own, **values)
    assert created.commitment_id == own.id


def test_the_staff_pages_own_address_cannot_be_a_slug(world):
    with pytest.raises(services.ConsultationRejected) as refused:
        create(world, slug="new")
    assert refused.value.field == "slug"


def test_find_commitment_looks_only_in_the_plan(world, make_plan, make_commitment):
    plan = world[0]
    make_commitment(make_plan(), reference="IL0077")
    own = make_commitment(plan, reference="IL0078")
    assert services.find_commitment(plan, "  ") is None
    assert services.find_commitment(plan, "il0078 ") == own
    with pytest.raises(services.ConsultationRejected):
        services.find_commitment(plan, "IL0077")


def test_opening_exactly_at_the_clock_skew_limit_is_accepted(world):
    opens = now() + timedelta(days=1)
    consultation = create(world, opens_at=opens, moment=opens + services.OPENING_CLOCK_SKEW)
    assert as_utc(consultation.opens_at) == opens


def test_opening_a_minute_past_the_clock_skew_limit_is_refused_and_nothing_is_written(world):
    opens = now() + timedelta(days=1)
    late = opens + services.OPENING_CLOCK_SKEW + timedelta(minutes=1)
    with pytest.raises(services.ConsultationRejected) as refused:
        create(world, opens_at=opens, moment=late)
    assert refused.value.field == "opens_at"
    assert "in the past" in refused.value.message
    db.session.rollback()
    assert db.session.scalar(db.select(db.func.count(Consultation.id))) == 0


@pytest.mark.parametrize(
    ("beyond", "accepted"), [(timedelta(0), True), (timedelta(minutes=1), False)]
)
def test_moving_an_opening_into_the_past_is_refused_beyond_the_clock_skew(
    world, monkeypatch, beyond, accepted
):
    consultation = create(world, opens_in=timedelta(days=3))
    moment = now()
    monkeypatch.setattr(services, "now", lambda: moment)
    opens = moment - services.OPENING_CLOCK_SKEW - beyond
    if accepted:
        edit(world, consultation, opens_at=opens)
        assert as_utc(consultation.opens_at) == opens
        return
    before = as_utc(consultation.opens_at)
    with pytest.raises(services.ConsultationRejected) as refused:
        edit(world, consultation, opens_at=opens)
    assert refused.value.field == "opens_at"
    db.session.rollback()
    db.session.expire_all()
    assert as_utc(db.session.get(Consultation, consultation.id).opens_at) == before
