"""The public audit log: public events only, newest first, filterable, paged, in bounded queries."""

from __future__ import annotations

import re

from consultations.accounts.models import Role, User
from consultations.admin.services import grant_role
from consultations.audit.models import AuditEvent
from consultations.audit.services import record
from consultations.extensions import db


def add(action: str, target_type: str, target_id: str, before=None, after=None, **extra):
    event = record(None, action, target_type, target_id, before, after or {"n": 1}, **extra)
    db.session.commit()
    return event


def entries(page: str) -> list[str]:
    """The entries on the page, in order."""
    log = page.split('<ol class="records audit-log">', 1)
    return log[1].split("</ol>", 1)[0].split("<li>")[1:] if len(log) == 2 else []


def test_footer_links_to_the_audit_log(client, app_ctx):
    assert 'href="/en/audit"' in client.get("/en/").get_data(as_text=True)


def test_only_public_events_are_shown(client, app_ctx, make_user):
    admin = make_user(roles=["admin"])
    person = make_user(name="Quiet Person")
    add("agency.create", "agency", "state-chancellery")
    grant_role(admin, person, Role.MODERATOR, None, None)
    assert db.session.scalar(db.select(AuditEvent).where(AuditEvent.public.is_(False)))

    page = client.get("/en/audit").get_data(as_text=True)
    assert len(entries(page)) == 1
    assert "Added the agency" in page and "state-chancellery" in page
    assert "role.grant" not in page and "moderator" not in page
    assert "1 entry." in page


def test_each_entry_shows_time_actor_action_target_changes_and_hash(
    client, app_ctx, make_user, make_plan, make_commitment
):
    plan = make_plan(slug="il-5", country="IL")
    make_commitment(plan, reference="IL0003")
    coordinator = make_user(name="Noa Levi")
    event = record(
        coordinator,
        "commitment.update",
        "commitment",
        "IL0003",
        {"reference": "IL0003", "start_date": "2026-01-01", "texts": {"en": {"title": "Old"}}},
        {"reference": "IL0003", "start_date": "2026-02-01", "texts": {"en": {"title": "New"}}},
    )
    db.session.commit()

    (entry,) = entries(client.get("/en/audit").get_data(as_text=True))
    assert "Changed the commitment" in entry
    assert "<bdi>Noa Levi</bdi>" in entry
    assert 'href="/en/commitments/IL0003"' in entry
    assert "<dd>Start date, Texts</dd>" in entry
    assert "Reference" not in entry  # unchanged
    assert f"<code>{event.hash[:12]}</code>" in entry
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00">', entry)


def test_a_new_record_lists_all_its_fields_and_an_unknown_action_shows_its_code(client, app_ctx):
    add("update.publish", "commitment", "IL0003", None, {"status": "limited", "percent": 30})
    add("survey.archive", "comment", "17")

    newest, oldest = entries(client.get("/en/audit").get_data(as_text=True))
    assert "<code>survey.archive</code>" in newest and "the system" in newest
    assert "Published a progress update" in oldest
    assert "<dd>Status, Percent complete</dd>" in oldest


def test_everything_recorded_is_escaped(client, app_ctx):
    add("agency.create", "agency", "<script>alert(1)</script>", None, {"<b>name</b>": "x"})
    page = client.get("/en/audit").get_data(as_text=True)
    assert "<script>alert(1)" not in page and "<b>name</b>" not in page
    assert "&lt;script&gt;" in page and "&lt;b&gt;name&lt;/b&gt;" in page


def test_filter_by_target_type_and_id(client, app_ctx):
    add("commitment.create", "commitment", "IL0003")
    add("milestone.create", "commitment", "IL0003")
    add("commitment.create", "commitment", "IL0004")
    add("plan.create", "plan", "il0003")
    add("agency.create", "agency", "IL0003")

    page = client.get("/en/audit?target_type=commitment&target_id=il0003").get_data(as_text=True)
    found = entries(page)
    assert len(found) == 2
    assert all("IL0003" in entry and "Commitment" in entry for entry in found)
    assert "Added a milestone to the commitment" in found[0]  # newest first
    assert 'value="il0003"' in page and "Show every entry" in page

    only_type = entries(client.get("/en/audit?target_type=plan").get_data(as_text=True))
    assert len(only_type) == 1 and "Created the action plan" in only_type[0]
    assert len(entries(client.get("/en/audit?target_id=IL0003").get_data(as_text=True))) == 4
    nothing = client.get("/en/audit?target_type=commitment&target_id=IL9999")
    assert "No entries match." in nothing.get_data(as_text=True)


def test_an_unknown_filter_value_counts_as_no_filter(client, app_ctx):
    add("agency.create", "agency", "a")
    response = client.get("/en/audit?target_type=user&target_id=" + "x" * 200)
    assert response.status_code == 200
    assert len(entries(response.get_data(as_text=True))) == 1


def test_pages_of_fifty_newest_first(client, app_ctx):
    for number in range(120):
        add("agency.create", "agency", f"agency-{number:03d}")

    first = client.get("/en/audit").get_data(as_text=True)
    assert len(entries(first)) == 50
    assert "agency-119" in entries(first)[0] and "agency-070" in entries(first)[-1]
    assert "Page 1 of 3" in first and "page=2" in first

    last = client.get("/en/audit?page=3").get_data(as_text=True)
    assert len(entries(last)) == 20
    assert "agency-019" in entries(last)[0] and "agency-000" in entries(last)[-1]
    filtered = client.get("/en/audit?target_type=agency").get_data(as_text=True)
    assert "target_type=agency" in filtered.split('rel="next"', 1)[1].split(">", 1)[0]


def test_query_count_does_not_grow_with_the_number_of_events(
    client, app_ctx, make_user, count_queries
):
    people = [make_user(name=f"Staff {number}") for number in range(5)]

    def queries() -> int:
        db.session.remove()
        with count_queries() as counter:
            response = client.get("/en/audit")
        assert response.status_code == 200
        return counter.count

    for number in range(5):
        record(people[number % 5], "agency.update", "agency", f"a-{number}", {"n": 0}, {"n": 1})
    db.session.commit()
    small = queries()
    people = db.session.scalars(db.select(User)).all()
    for number in range(115):
        record(people[number % 5], "agency.update", "agency", f"b-{number}", {"n": 0}, {"n": 1})
    db.session.commit()
    assert queries() == small


def test_the_page_works_in_every_language(client, app_ctx):
    add("plan.create", "plan", "lv-6")
    for lang in ("he", "lv", "hu", "en"):
        response = client.get(f"/{lang}/audit")
        assert response.status_code == 200
        assert f'href="/{lang}/plans/lv-6"' in response.get_data(as_text=True)


def test_fields_are_named_in_the_readers_language(client, app_ctx):
    add("commitment.update", "commitment", "IL0003", {"lead_agency_id": 1}, {"lead_agency_id": 2})
    for lang, label in (
        ("en", "Lead agency"),
        ("he", "גוף מוביל"),
        ("lv", "Atbildīgā iestāde"),
        ("hu", "Felelős intézmény"),
    ):
        (entry,) = entries(client.get(f"/{lang}/audit").get_data(as_text=True))
        assert f"<dd>{label}</dd>" in entry and "lead_agency_id" not in entry


def test_a_field_without_a_label_is_shown_as_words(client, app_ctx):
    add("survey.archive", "comment", "17", None, {"archived_by_id": 3, "review_due_at": "x"})
    (entry,) = entries(client.get("/en/audit").get_data(as_text=True))
    assert "<dd>Archived by, Review due at</dd>" in entry
