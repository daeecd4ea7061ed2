"""Kept fragments of comments and progress updates: used when nothing they show changed,
rendered anew the moment anything did, never shown in another language or to another reader.

Signed-in readers are never served kept pages, so their pages show what the fragments do;
anonymous pages are read with the page store emptied first (rendered anew).
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import pytest
from sqlalchemy import select

from bench.cost import measure
from consultations.accounts.services import update_profile
from consultations.clock import now
from consultations.comments.services import edit_comment
from consultations.extensions import db
from consultations.moderation.services import hide_comment, restore_comment
from consultations.plans.models import ProgressUpdateText
from consultations.privacy.services import KEEP, delete_account

from helpers import PASSWORD, login


@pytest.fixture
def store(app):
    return app.extensions["fragments"]


@pytest.fixture
def page(app, client):
    """The page at `path` rendered anew (not a kept page), as text."""

    def read(path: str, reader=None) -> str:
        if "page_cache" in app.extensions:
            app.extensions["page_cache"].clear()
        response = (reader or client).get(path)
        assert response.status_code == 200
        return response.get_data(as_text=True)

    return read


@pytest.fixture
def cold_then_warm(app, client, store):
    """The cost of the page at `path` rendered with no fragment kept, then again, and how
    many fragments the second rendering took from the store."""

    def measure_both(path: str):
        store.clear()
        app.extensions["page_cache"].clear()
        cold = measure(app, lambda: client.get(path))
        hits = store.hits
        app.extensions["page_cache"].clear()
        warm = measure(app, lambda: client.get(path))
        return cold, warm, store.hits - hits

    return measure_both


@pytest.fixture
def thread(make_consultation, make_comment, make_user):
    consultation = make_consultation()
    author = make_user(name="Dana Cohen")
    comment = make_comment(consultation, text="Publish the budget lines.", author=author)
    return consultation, author, comment


def test_a_kept_comment_is_used_and_costs_fewer_calls(page, thread, make_comment, cold_then_warm):
    consultation, _author, _comment = thread
    for _ in range(9):
        make_comment(consultation)
    path = f"/en/consultations/{consultation.slug}"
    page(path)  # whatever is built once per process
    cold, warm, kept = cold_then_warm(path)
    # Every comment, the consultation's facts, its comment filter and the six parts every
    # page shows alike (stylesheet, feed, search form, menu, log-in links, footer).
    assert kept == 10 + 1 + 1 + 6
    assert warm.calls < cold.calls - 10 * 100, (cold.calls, warm.calls)


def test_a_consultations_kept_facts_skip_the_names_and_show_a_rename_at_once(
    page, count_queries, make_agency, make_plan, make_commitment, make_consultation
):
    from consultations.agencies.models import AgencyText

    agency = make_agency(en="Tax Authority")
    commitment = make_commitment(make_plan(agency=agency), texts={"en": {"title": "Open tax data"}})
    consultation = make_consultation(commitment=commitment)
    path = f"/en/consultations/{consultation.slug}"
    db.session.expire_all()  # as a new request's session has nothing loaded yet
    with count_queries() as cold:
        shown = page(path)
    assert "Open tax data" in shown
    db.session.expire_all()
    with count_queries(cold=False) as warm:
        assert "Open tax data" in page(path)
    # The agency's, plan's and commitment's names are not read again.
    assert warm.count == cold.count - 3, (cold.count, warm.count)

    commitment.texts[0].title = "Open every tax dataset"
    db.session.commit()
    assert "Open every tax dataset" in page(path)
    db.session.add(AgencyText(agency_id=consultation.agency_id, locale="he", name="רשות המסים"))
    db.session.commit()
    assert "רשות המסים" in page(f"/he/consultations/{consultation.slug}")


def test_the_comment_filter_is_kept_per_choice_and_shows_a_renamed_section_at_once(
    page, make_consultation
):
    consultation = make_consultation()
    section = consultation.sections[0]
    path = f"/en/consultations/{consultation.slug}"
    english = next(text for text in section.texts if text.locale == "en")
    heading = english.heading

    def chosen(shown: str, field: str) -> str:
        select = shown.split(f'id="filter-{field}"')[1].split("</select>")[0]
        return select.split("<option selected")[1].split('value="')[1].split('"')[0]

    assert f">{heading}</option>" in page(path)
    assert chosen(page(f"{path}?stance=oppose"), "stance") == "oppose"
    assert chosen(page(f"{path}?stance=support"), "stance") == "support"
    anchored = page(f"{path}?section={section.anchor}&order=newest")
    assert chosen(anchored, "section") == section.anchor
    assert chosen(anchored, "order") == "newest"
    assert chosen(page(f"{path}?stance=oppose"), "stance") == "oppose"

    english.heading = "Budget lines, renamed"
    db.session.commit()
    assert ">Budget lines, renamed</option>" in page(path)
    hebrew = page(f"/he/consultations/{consultation.slug}")
    assert '<option selected value="">כל ההערות</option>' in hebrew


def test_the_plan_filter_is_kept_per_choice_and_shows_a_new_lead_agency_at_once(
    page, make_agency, make_plan, make_commitment
):
    from consultations.agencies.models import AgencyText

    plan = make_plan()
    tax = make_agency(slug="tax", en="Tax Authority")
    make_commitment(plan, agency=tax)
    path = f"/en/plans/{plan.slug}"

    def chosen(shown: str, field: str) -> str:
        select = shown.split(f'id="{field}"')[1].split("</select>")[0]
        return select.split("<option selected")[1].split('value="')[1].split('"')[0]

    assert ">Tax Authority</option>" in page(path)
    assert chosen(page(f"{path}?agency=tax&sort=status"), "agency") == "tax"
    assert chosen(page(f"{path}?agency=tax&sort=status"), "sort") == "status"
    assert chosen(page(f"{path}?order=desc"), "order") == "desc"
    assert chosen(page(f"{path}?agency=nowhere"), "agency") == ""

    make_commitment(plan, agency=make_agency(slug="water", en="Water Authority"))
    assert ">Water Authority</option>" in page(path)
    db.session.add(AgencyText(agency_id=tax.id, locale="he", name="רשות המסים"))
    db.session.commit()
    assert ">רשות המסים</option>" in page(f"/he/plans/{plan.slug}")


def test_the_parts_every_page_shows_are_kept_per_language_and_reader(app, page, make_user):
    english = page("/en/accessibility")
    hebrew = page("/he/accessibility")
    assert 'href="/en/terms"' in english and 'href="/he/terms"' in hebrew
    assert 'href="/he/terms"' not in english and 'href="/en/terms"' not in hebrew
    footers = [shown.split('class="site-footer"')[1] for shown in (english, hebrew)]
    assert "Terms of use" in footers[0] and "Terms of use" not in footers[1]
    assert 'href="/he/login"' in hebrew

    reader = app.test_client()
    login(reader, make_user(name="Noa Peretz"))
    signed_in = page("/he/accessibility", reader)
    assert "Noa Peretz" in signed_in and 'href="/he/login"' not in signed_in
    assert 'href="/he/terms"' in signed_in


def test_every_change_to_a_comment_shows_at_once(page, thread, make_user, client):
    consultation, author, comment = thread
    path = f"/en/consultations/{consultation.slug}"
    moderator = make_user(roles=("moderator",))
    assert "Publish the budget lines." in page(path) and "Dana Cohen" in page(path)

    hide_comment(moderator, comment, "respect")
    shown = page(path)
    assert "Publish the budget lines." not in shown and "hidden by a moderator" in shown
    restore_comment(moderator, comment)
    assert "Publish the budget lines." in page(path)

    edit_comment(author, comment, "Publish every budget line.")
    shown = page(path)
    assert "Publish every budget line." in shown and "edited" in shown

    update_profile(author, "Dana Levi", "en")
    shown = page(path)
    assert "Dana Levi" in shown and "Dana Cohen" not in shown

    delete_account(author, PASSWORD, KEEP)
    shown = page(path)
    assert "Dana Levi" not in shown and "Deleted account" in shown


def test_a_kept_comment_never_shows_in_another_language_or_to_another_reader(
    app, page, thread, make_user
):
    consultation, author, comment = thread
    english = page(f"/en/consultations/{consultation.slug}")
    hebrew = page(f"/he/consultations/{consultation.slug}")
    assert "Publish the budget lines." in hebrew
    assert "Deleted account" not in hebrew  # the name, not a translated placeholder
    english_meta = english.split('class="comment-meta"')[1].split("</p>")[0]
    hebrew_meta = hebrew.split('class="comment-meta"')[1].split("</p>")[0]
    assert english_meta != hebrew_meta  # the date in each language's own format

    # The author's own buttons stay theirs, though the comment's fragment is kept.
    own = app.test_client()
    login(own, author)
    assert "/edit" in page(f"/en/consultations/{consultation.slug}", own)
    assert f"/comments/{comment.id}/edit" not in page(f"/en/consultations/{consultation.slug}")

    # A held comment's text: moderators see it, nobody else, whoever read it first.
    comment.held, comment.held_at = True, now()
    db.session.commit()
    moderator = app.test_client()
    login(moderator, make_user(roles=("moderator",)))
    assert "Publish the budget lines." not in page(f"/en/consultations/{consultation.slug}")
    assert "Publish the budget lines." in page(f"/en/consultations/{consultation.slug}", moderator)
    assert "Publish the budget lines." not in page(f"/en/consultations/{consultation.slug}")


def test_a_kept_progress_update_shows_its_translation_and_correction_at_once(
    page, store, make_plan, make_commitment, make_update
):
    commitment = make_commitment(make_plan())
    update = make_update(commitment, narratives={"en": "Servers are bought."})
    path = f"/he/commitments/{commitment.reference}"
    assert "Servers are bought." in page(path)
    hits = store.hits
    assert "Servers are bought." in page(path)
    assert store.hits - hits == 2 + 6  # the update, the commitment's body; the site's parts

    update.texts.append(ProgressUpdateText(locale="he", narrative="השרתים נרכשו."))
    db.session.commit()
    shown = page(path)
    assert "השרתים נרכשו." in shown and "Servers are bought." not in shown

    make_update(commitment, corrects=update, published_at=now() + timedelta(days=1))
    assert page(f"/en/commitments/{commitment.reference}").count("Corrected by the update") == 1


def test_kept_progress_updates_are_not_loaded_and_a_new_one_shows_beside_them(
    page, store, count_queries, make_plan, make_commitment, make_update
):
    commitment = make_commitment(make_plan())
    make_update(commitment, narratives={"en": "Servers are bought."}, percent=20)
    path = f"/en/commitments/{commitment.reference}"
    with count_queries() as cold:
        assert "Servers are bought." in page(path)
    with count_queries(cold=False) as warm:
        assert "Servers are bought." in page(path)
    # Neither the kept update, its texts nor its corrections are read again, nor the
    # milestones (none here: one statement) of the kept body.
    assert warm.count == cold.count - 4, (cold.count, warm.count)

    make_update(
        commitment,
        narratives={"en": "The portal is live."},
        percent=60,
        published_at=now() + timedelta(days=1),
    )
    shown = page(path)
    assert shown.index("The portal is live.") < shown.index("Servers are bought.")


def test_a_timeline_of_kept_and_aged_out_updates_keeps_its_order(
    monkeypatch, page, make_plan, make_commitment, make_update
):
    from consultations.plans import timeline

    commitment = make_commitment(make_plan())
    for day, words in enumerate(("First step.", "Second step.", "Third step.")):
        make_update(commitment, narratives={"en": words}, published_at=now() + timedelta(days=day))
    path = f"/en/commitments/{commitment.reference}"
    page(path)
    kept_already = timeline.kept_already

    def the_middle_one_aged_out(kind, stamped):
        found = kept_already(kind, stamped)
        if kind == "update":
            assert len(found) == 3
            found.pop(sorted(found)[1])
        return found

    monkeypatch.setattr(timeline, "kept_already", the_middle_one_aged_out)
    shown = page(path)
    assert shown.index("Third step.") < shown.index("Second step.") < shown.index("First step.")


def test_a_kept_commitment_body_skips_its_milestones_and_shows_each_change_at_once(
    monkeypatch, page, count_queries, make_plan, make_commitment
):
    from consultations.plans import views as plan_views
    from consultations.plans.models import Milestone, MilestoneStatus

    due = now().date() + timedelta(days=10)
    commitment = make_commitment(
        make_plan(),
        texts={"en": {"title": "Open tax data", "objective": "Every tax table online."}},
        milestones=((due, "in_progress"),),
    )
    path = f"/en/commitments/{commitment.reference}"
    with count_queries() as cold:
        shown = page(path)
    assert "Every tax table online." in shown and "overdue" not in shown
    with count_queries(cold=False) as warm:
        assert "Every tax table online." in page(path)
    assert warm.count == cold.count - 2, (cold.count, warm.count)  # milestones, their texts

    commitment.texts[0].objective = "Every tax table online, as open data."
    db.session.commit()
    assert "Every tax table online, as open data." in page(path)

    assert '<td data-label="Status">in progress</td>' in page(path)
    milestone = db.session.scalars(select(Milestone)).one()
    milestone.status = MilestoneStatus.COMPLETE
    db.session.commit()
    shown = page(path)
    assert '<td data-label="Status">complete</td>' in shown and ">in progress<" not in shown

    milestone.status = MilestoneStatus.IN_PROGRESS
    db.session.commit()
    the_day_after = datetime.combine(due + timedelta(days=1), time(12), UTC)
    monkeypatch.setattr(plan_views, "now", lambda: the_day_after)
    assert 'class="overdue"' in page(path)


def _row(shown: str, reference: str) -> str:
    """The plan table's row of commitment `reference`."""
    return shown.split(f"/commitments/{reference}")[1].split("</tr>")[0]


def _summary(shown: str) -> str:
    """The plan's summary: key figures, chart and table."""
    return shown.split('id="summary-title"')[1].split("</section>")[0]


def test_a_plan_rows_fragment_is_used_and_each_change_shows_at_once(
    monkeypatch, page, cold_then_warm, make_agency, make_plan, make_commitment, make_update
):
    from consultations.agencies.models import AgencyText
    from consultations.plans import views as plan_views

    agency = make_agency(en="Tax Authority")
    plan = make_plan()
    due = now().date() + timedelta(days=10)
    commitment = make_commitment(
        plan,
        agency=agency,
        texts={"en": {"title": "Open tax data"}},
        milestones=((due, "in_progress"),),
    )
    for _ in range(4):
        make_commitment(plan)
    make_update(commitment, status="limited", percent=30)
    path = f"/en/plans/{plan.slug}"
    assert "30%" in _row(page(path), commitment.reference)
    cold, warm, kept = cold_then_warm(path)
    # Every row of the page, its filter and summary, and the six parts every page shows.
    assert kept == 5 + 1 + 1 + 6
    assert warm.calls < cold.calls - 5 * 300, (cold.calls, warm.calls)
    # Kept rows' commitments, texts and agencies are not loaded at all.
    assert warm.statements <= cold.statements - 3, (cold.statements, warm.statements)

    # Nothing else of the row changes (not stale before or after): the new figures show,
    # in the row and in the plan's summary.
    def counted(shown: str, status: str) -> str:
        cell = _summary(shown).split(f'<th scope="row">{status}</th>')[1]
        return cell.split('<td data-label="Commitments">')[1].split("<")[0]

    assert (counted(page(path), "limited"), counted(page(path), "substantial")) == ("1", "0")
    make_update(commitment, status="substantial", percent=70)
    shown = page(path)
    row = _row(shown, commitment.reference)
    assert "70%" in row and "30%" not in row
    assert (counted(shown, "limited"), counted(shown, "substantial")) == ("0", "1")

    commitment.texts[0].title = "Open every tax dataset"
    agency.texts.append(AgencyText(locale="he", name="רשות המסים"))
    agency.texts[0].name = "Revenue Authority"
    db.session.commit()
    row = _row(page(path), commitment.reference)
    assert "Open every tax dataset" in row and "Revenue Authority" in row
    assert "רשות המסים" in _row(page(f"/he/plans/{plan.slug}"), commitment.reference)

    # The milestone's due day has passed, with the last update still recent: overdue.
    assert "overdue" not in _row(page(path), commitment.reference)
    the_day_after = datetime.combine(due + timedelta(days=1), time(12), UTC)
    monkeypatch.setattr(plan_views, "now", lambda: the_day_after)
    row = _row(page(path), commitment.reference)
    assert "overdue" in row and "No update for" not in row


def test_kept_select_options_are_what_wtforms_writes_in_each_language(app):
    from flask_babel import lazy_gettext as _l
    from wtforms import SelectChoice, SelectField
    from wtforms.validators import DataRequired
    from wtforms.widgets import Select

    from consultations.forms import Form

    class Pick(Form):
        class Meta:
            csrf = False

        order = SelectField(
            _l("Order"),
            choices=[
                SelectChoice("oldest", _l("Oldest first")),
                SelectChoice("he", "עברית", render_kw={"lang": "he"}),
                SelectChoice("<&>", 'Odd "value" & <label>'),
            ],
            validators=[DataRequired()],
            render_kw={"class": "wide", "data_role": "order"},
        )

    for lang in ("en", "hu", "en"):
        for chosen in ("oldest", "he", "<&>", "none of them"):
            with app.test_request_context(f"/{lang}/?order={chosen}"):
                app.preprocess_request()
                field = Pick(formdata=None, data={"order": chosen}).order
                assert field(class_="x", aria_label="y") == Select()(
                    field, **{"class": "x", "data-role": "order", "aria-label": "y"}
                )


def test_the_store_keeps_one_fragment_per_record_and_language_and_refuses_an_old_stamp():
    from consultations.fragments import FragmentStore

    store = FragmentStore(max_bytes=1 << 20)
    store.keep("comment", 7, "he", ("visible", 1), "<p>שלום</p>")
    assert store.find("comment", 7, "he", ("visible", 1)) == "<p>שלום</p>"
    assert store.find("comment", 7, "he", ("hidden", 1)) is None
    assert store.find("comment", 7, "en", ("visible", 1)) is None
    assert store.find("comment", 8, "he", ("visible", 1)) is None
    store.keep("comment", 7, "he", ("hidden", 1), "<p>hidden</p>")
    assert len(store) == 1
    assert store.find("comment", 7, "he", ("visible", 1)) is None
    assert store.find("comment", 7, "he", ("hidden", 1)) == "<p>hidden</p>"
    assert store.misses == 4 and store.hits == 2


GAPS = "where the self-report and the independent assessment disagree"


def test_a_plans_figures_are_kept_until_a_table_they_count_is_written(
    page, count_queries, make_plan, make_commitment, make_update, make_assessment
):
    plan = make_plan()
    commitment = make_commitment(plan)
    make_update(commitment, status="complete", percent=100)
    path = f"/en/plans/{plan.slug}"
    with count_queries(cold=False) as first:
        assert f"0 commitments {GAPS}" in page(path)
    with count_queries(cold=False) as again:
        assert f"0 commitments {GAPS}" in page(path)
    # The summary's counts, the amendments' and the gaps', and the filter's agencies.
    assert again.count <= first.count - 4, (first.count, again.count)
    make_assessment(commitment, completion="not_started")
    assert f"1 commitment {GAPS}" in page(path)
    make_commitment(plan)
    assert "2 commitments in this plan." in page(path)


def test_a_kept_page_goes_when_a_table_behind_its_kept_parts_is_written(
    app, client, monkeypatch, make_plan, make_commitment, make_update, make_assessment
):
    """Rendering a page from kept figures and fragments reads none of their tables; the page
    kept whole still depends on them."""
    from consultations import pagecache

    plan = make_plan()
    commitment = make_commitment(plan)
    make_update(commitment, status="complete", percent=100)
    path = f"/en/plans/{plan.slug}"
    assert f"0 commitments {GAPS}" in client.get(path).get_data(as_text=True)
    # Its time runs out: rendered again from the kept figures, which read no assessment.
    later = pagecache.time.monotonic() + app.config["PAGE_CACHE_SECONDS"] + 1
    monkeypatch.setattr(pagecache.time, "monotonic", lambda: later)
    assert f"0 commitments {GAPS}" in client.get(path).get_data(as_text=True)
    make_assessment(commitment, completion="not_started")
    assert f"1 commitment {GAPS}" in client.get(path).get_data(as_text=True)
