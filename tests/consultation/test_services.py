from datetime import timedelta

import pytest

from consultations.audit.models import AuditEvent
from consultations.clock import now
from consultations.consultation import services
from consultations.consultation.models import Consultation, Phase, SectionRevision
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
