"""Loading a plan already under way: its progress updates, assessments and milestones
imported beside its commitments, and the open-data export imported back into an empty site."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from consultations import permissions
from consultations.agencies.models import Agency
from consultations.audit.models import AuditEvent
from consultations.clock import as_utc
from consultations.extensions import db
from consultations.plans.importer import NEW_AGENCY, import_plan, name_key
from consultations.plans.models import (
    ActionPlan,
    Assessment,
    Commitment,
    PlanStatus,
    ProgressUpdate,
)

from helpers import login


def at(year: int, month: int, day: int, hour: int = 9) -> datetime:
    return datetime(year, month, day, hour, tzinfo=UTC)


def rich_plan(make_plan, make_agency, make_commitment, make_update, make_assessment):
    """An Israeli plan in three languages with milestones, a backdated update and a
    correction, and assessments of the commitment and of one milestone."""
    body = make_agency(slug="ict", country="IL", he="רשות התקשוב", en="ICT Authority")
    justice = make_agency(slug="justice", country="IL", he="משרד המשפטים", en="Ministry of Justice")
    plan = make_plan(slug="il-5", status=PlanStatus.IMPLEMENTATION, country="IL", agency=body)
    texts = {
        "he": {
            "title": "מאגר החלטות פתוח",
            "problem": "הציבור אינו יודע",
            "objective": "לפרסם",
            "description": "-תיאור שמתחיל במקף",
            "other_actors": "עמותות",
        },
        "en": {"title": "Open resolutions", "problem": "Nobody knows", "objective": "Publish"},
        "lv": {"title": "Atvērti lēmumi", "description": "=Apraksts"},
    }
    commitment = make_commitment(
        plan,
        reference="IL0501",
        agency=justice,
        texts=texts,
        values=("access_to_information", "technology"),
        start_date=date(2024, 2, 1),
        end_date=date(2026, 6, 30),
        milestones=(
            (date(2024, 9, 30), "complete", date(2024, 9, 1)),
            (date(2025, 6, 30), "in_progress"),
        ),
    )
    commitment.policy_area, commitment.budget_amount = "open_data", Decimal("1200.50")
    commitment.budget_currency, commitment.contact_person = "ILS", "Dana"
    first, second = commitment.milestones
    first.texts[0].deliverable = "Register designed"
    second.start_date = date(2024, 10, 1)
    db.session.commit()
    old = make_update(
        commitment,
        status="limited",
        percent=20,
        published_at=at(2024, 6, 1),
        narratives={"he": "התחלנו", "en": "We started"},
        evidence=("https://example.org/a",),
    )
    fixed = make_update(commitment, status="substantial", percent=60, published_at=at(2024, 9, 2))
    correction = make_update(
        commitment,
        status="substantial",
        percent=65,
        published_at=at(2024, 9, 3),
        corrects=fixed,
        narratives={"lv": "Labojums"},
        organisation="",
    )
    old.recorded_at, fixed.recorded_at = at(2024, 11, 5), at(2024, 9, 2)
    correction.recorded_at, correction.agency = at(2024, 9, 3), justice
    fixed.agency = body
    correction.milestone_states = [
        {"milestone_id": first.id, "status": "complete", "completed_on": "2024-09-01"},
        {"milestone_id": second.id, "status": "in_progress", "completed_on": None},
    ]
    db.session.commit()
    whole = make_assessment(
        commitment,
        completion="substantial",
        opened_government="major",
        published_at=at(2024, 12, 1),
        narratives={"he": "בדקנו", "en": "@We checked"},
        evidence=("https://example.org/b", "https://example.org/c"),
    )
    make_assessment(
        commitment,
        completion="limited",
        opened_government="marginal",
        published_at=at(2025, 1, 1),
        corrects=whole,
        author_name="Someone Else",
        organisation="Another Watchdog",
    )
    part = make_assessment(commitment, completion="complete", published_at=at(2025, 2, 1))
    part.milestone, part.opened_government = first, None
    db.session.commit()
    return plan


def snapshot(slug: str) -> list[dict]:
    """Everything the round trip must give back, with ids replaced by places in the plan."""
    plan = db.session.scalar(select(ActionPlan).where(ActionPlan.slug == slug))
    found = []
    for commitment in db.session.scalars(
        select(Commitment).where(Commitment.plan_id == plan.id).order_by(Commitment.reference)
    ):
        position = {milestone.id: milestone.position for milestone in commitment.milestones}
        updates = _records(ProgressUpdate, commitment)
        assessments = _records(Assessment, commitment)
        places = {record.id: n for n, record in enumerate([*updates, *assessments])}
        found.append(
            {
                "commitment": (
                    commitment.reference,
                    commitment.source_locale,
                    commitment.lead_agency.name("he").text,
                    commitment.start_date,
                    commitment.end_date,
                    commitment.ogp_values,
                    commitment.policy_area,
                    commitment.budget_amount,
                    commitment.budget_currency,
                    commitment.contact_person,
                    commitment.latest_status,
                    commitment.latest_percent,
                ),
                "texts": {
                    text.locale: (
                        text.title,
                        text.problem,
                        text.objective,
                        text.description,
                        text.other_actors,
                    )
                    for text in commitment.texts
                },
                "milestones": [
                    (
                        milestone.position,
                        milestone.start_date,
                        milestone.due_date,
                        milestone.status,
                        milestone.completed_on,
                        {text.locale: text.deliverable for text in milestone.texts},
                    )
                    for milestone in commitment.milestones
                ],
                "updates": [
                    (
                        as_utc(update.published_at),
                        as_utc(update.recorded_at),
                        update.author_name,
                        update.agency.name("he").text if update.agency else None,
                        update.organisation,
                        update.status,
                        update.percent_complete,
                        [
                            (
                                position[state["milestone_id"]],
                                state["status"],
                                state["completed_on"],
                            )
                            for state in update.milestone_states
                        ],
                        update.evidence,
                        {text.locale: text.narrative for text in update.texts},
                        places.get(update.corrects_id),
                    )
                    for update in updates
                ],
                "assessments": [
                    (
                        as_utc(assessment.published_at),
                        assessment.author_name,
                        assessment.organisation,
                        position.get(assessment.milestone_id),
                        assessment.completion,
                        assessment.opened_government,
                        assessment.evidence,
                        {text.locale: text.narrative for text in assessment.texts},
                        places.get(assessment.corrects_id),
                    )
                    for assessment in assessments
                ],
            }
        )
    return found


def _records(model, commitment):
    return db.session.scalars(
        select(model).where(model.commitment_id == commitment.id).order_by(model.published_at)
    ).all()


def empty_database() -> None:
    db.session.commit()
    db.session.expunge_all()
    with db.engine.begin() as connection:
        for table in reversed(db.metadata.sorted_tables):
            connection.execute(table.delete())


def test_an_exported_plan_imports_into_an_empty_site_and_gives_the_same_plan_back(
    app_ctx,
    runner,
    tmp_path,
    make_plan,
    make_agency,
    make_commitment,
    make_update,
    make_assessment,
    make_user,
):
    number = rich_plan(make_plan, make_agency, make_commitment, make_update, make_assessment).number
    make_plan(slug="il-other", country="IL")  # another plan in the same export: left out
    before = snapshot("il-5")
    result = runner.invoke(args=["export-open-data", str(tmp_path)])
    assert result.exit_code == 0, result.output
    empty_database()

    body = make_agency(slug="ict", country="IL", he="רשות התקשוב", en="ICT Authority")
    plan = make_plan(slug="il-5", status=PlanStatus.IMPLEMENTATION, country="IL", agency=body)
    plan.number = number
    db.session.commit()
    files = {
        name: (tmp_path / filename).read_bytes()
        for name, filename in (
            ("milestones", "milestones.csv"),
            ("updates", "progress-updates.csv"),
            ("assessments", "assessments.csv"),
        )
    }
    admin = make_user(roles=["admin"])
    report = import_plan(
        admin,
        plan,
        (tmp_path / "commitments.csv").read_bytes(),
        write=True,
        history=files,
        only_plan=True,
        choices={name_key("משרד המשפטים"): NEW_AGENCY},
    )

    assert report.written, report.problems
    assert snapshot("il-5") == before
    actions = db.session.scalars(select(AuditEvent.action)).all()
    assert actions.count("update.import") == 3 and actions.count("assessment.import") == 3


def test_the_command_imports_an_export_directory(
    app_ctx, runner, tmp_path, make_plan, make_agency, make_commitment, make_update, make_assessment
):
    number = rich_plan(make_plan, make_agency, make_commitment, make_update, make_assessment).number
    runner.invoke(args=["export-open-data", str(tmp_path)])
    empty_database()
    body = make_agency(slug="ict", country="IL", he="רשות התקשוב")
    make_agency(slug="justice", country="IL", he="משרד המשפטים")
    plan = make_plan(slug="il-5", status=PlanStatus.IMPLEMENTATION, country="IL", agency=body)
    plan.number = number
    db.session.commit()

    result = runner.invoke(args=["import-plan", "il-5", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "1 commitments, 2 milestones, 3 progress updates, 3 assessments" in result.output
    assert db.session.scalar(select(func.count(Commitment.id))) == 0
    result = runner.invoke(args=["import-plan", "il-5", str(tmp_path), "--commit"])
    assert result.exit_code == 0, result.output
    assert db.session.scalar(select(func.count(ProgressUpdate.id))) == 3


def history_csv(header: list[str], *rows: list[str]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


UPDATE_HEADER = [
    "Commitment Unique Identifier",
    "published_at",
    "author_name",
    "status",
    "percent_complete",
    "narrative_en",
    "narrative",
]


@pytest.fixture
def underway(make_plan, make_agency, make_commitment):
    body = make_agency(slug="ict", country="IL", en="ICT Authority")
    justice = make_agency(slug="justice", country="IL", en="Ministry of Justice")
    plan = make_plan(slug="il-6", status=PlanStatus.IMPLEMENTATION, country="IL", agency=body)
    make_commitment(plan, reference="IL0601", agency=justice)
    make_commitment(plan, reference="IL0602", agency=body)
    return plan


def test_coordinators_load_their_agencys_past_updates_backdated_and_in_order(
    client, underway, make_user
):
    coordinator = make_user(roles=["coordinator"], agency=agency("justice"))
    updates = history_csv(
        UPDATE_HEADER,
        ["IL0601", "2024-09-01", "Dana", "substantial", "60", "Most of it", ""],
        ["IL0601", "2024-03-01", "Dana", "limited", "10", "", "התחלנו"],
    )
    login(client, coordinator)
    response = client.post(
        "/en/staff/plans/il-6/import",
        data={"updates": (io.BytesIO(updates), "updates.csv"), "confirm": "y"},
        content_type="multipart/form-data",
    )
    assert response.status_code == 302, response.text
    commitment = db.session.scalar(select(Commitment).where(Commitment.reference == "IL0601"))
    updates = _records(ProgressUpdate, commitment)
    assert [u.percent_complete for u in updates] == [10, 60]
    assert updates[0].text("narrative", "he").text == "התחלנו"
    assert as_utc(updates[0].published_at) == at(2024, 3, 1, 12)  # backdated: noon UTC
    assert as_utc(updates[0].recorded_at).date() > date(2024, 3, 1)
    assert updates[1].agency.slug == "justice" and updates[1].author_name == "Dana"
    assert updates[1].author_id is None  # the file names the author; the audit the importer
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "update.import"))
    assert event.actor_id == coordinator.id
    assert (commitment.latest_percent, commitment.latest_status.value) == (60, "substantial")
    other = history_csv(UPDATE_HEADER, ["IL0602", "2024-09-01", "Dana", "limited", "5", "x", ""])
    report = import_plan(coordinator, underway, None, history={"updates": other}, write=True)
    assert [(p.line, p.column) for p in report.problems] == [(2, "Commitment Unique Identifier")]
    assert "You do not coordinate the lead agency of IL0602" in report.problems[0].message
    page = client.get("/en/commitments/IL0601").text
    assert "recorded on" in page.lower()


def agency(slug: str):
    return db.session.scalar(select(Agency).where(Agency.slug == slug))


def test_every_problem_of_every_file_is_reported_translated_and_nothing_written(
    client, underway, make_user
):
    updates = history_csv(
        [*UPDATE_HEADER, "milestone_states", "corrects_id"],
        ["IL0601", "2099-01-01", "Dana", "done", "120", "Text", "", "", ""],  # 2
        ["IL0999", "2024-05-01", "Dana", "limited", "5", "Text", "", "", ""],  # 3
        ["IL0601", "yesterday", "", "limited", "5", "", "", "[{]", "7"],  # 4
    )
    assessments = history_csv(
        ["Commitment Unique Identifier", "published_at", "author_name", "organisation"]
        + ["completion", "opened_government", "narrative_en", "evidence"],
        ["IL0602", "2024-05-01", "Eszter", "", "half", "", "Checked", "ftp://x"],
    )
    login(client, make_user(roles=["admin"]))
    before = db.session.scalar(select(func.count(AuditEvent.id)))
    response = client.post(
        "/he/staff/plans/il-6/import",
        data={
            "updates": (io.BytesIO(updates), "u.csv"),
            "assessments": (io.BytesIO(assessments), "a.csv"),
            "confirm": "y",
        },
        content_type="multipart/form-data",
    )
    assert response.status_code == 422
    page = response.text
    found = {
        ("progress-updates.csv", 2, "published_at"),
        ("progress-updates.csv", 2, "status"),
        ("progress-updates.csv", 2, "percent_complete"),
        ("progress-updates.csv", 3, "Commitment Unique Identifier"),
        ("progress-updates.csv", 4, "published_at"),
        ("progress-updates.csv", 4, "author_name"),
        ("progress-updates.csv", 4, "narrative"),
        ("progress-updates.csv", 4, "milestone_states"),
        ("progress-updates.csv", 4, "corrects_id"),
        ("assessments.csv", 2, "organisation"),
        ("assessments.csv", 2, "completion"),
        ("assessments.csv", 2, "opened_government"),
        ("assessments.csv", 2, "evidence"),
    }
    assert "progress-updates.csv" in page and "assessments.csv" in page
    assert "The date cannot be in the future." not in page  # in Hebrew
    report = import_plan(
        None,
        underway,
        None,
        history={"updates": updates, "assessments": assessments},
    )
    assert {(p.file, p.line, p.column) for p in report.problems} == found
    assert db.session.scalar(select(func.count(AuditEvent.id))) == before
    assert db.session.scalar(select(func.count(ProgressUpdate.id))) == 0


@pytest.mark.parametrize(
    ("role", "updates", "assessments"),
    [
        ("anonymous", False, False),
        ("citizen", False, False),
        ("monitor", False, False),
        ("moderator", False, False),
        ("coordinator of the agency", True, False),
        ("national coordinator", True, False),
        ("coordinator of another agency", False, False),
        ("coordinator abroad", False, False),
        ("admin", True, True),
    ],
)
def test_who_may_import_updates_and_assessments(
    underway, make_user, make_agency, role, updates, assessments
):
    justice = agency("justice")
    person = {
        "anonymous": lambda: None,
        "citizen": lambda: make_user(),
        "monitor": lambda: make_user(roles=["monitor"]),
        "moderator": lambda: make_user(roles=["moderator"]),
        "coordinator of the agency": lambda: make_user(roles=["coordinator"], agency=justice),
        "national coordinator": lambda: make_user(
            roles=["coordinator"], agency=underway.coordinating_agency
        ),
        "coordinator of another agency": lambda: make_user(
            roles=["coordinator"], agency=make_agency(country="IL")
        ),
        "coordinator abroad": lambda: make_user(
            roles=["coordinator"], agency=make_agency(country="LV")
        ),
        "admin": lambda: make_user(roles=["admin"]),
    }[role]()
    assert permissions.can_import_update(person, underway, justice.id) is updates
    assert permissions.can_import_assessment(person, underway) is assessments
    underway.status = PlanStatus.DRAFTING
    assert permissions.can_import_update(person, underway, justice.id) is False
    assert permissions.can_import_assessment(person, underway) is False
