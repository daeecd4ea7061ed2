"""The public consultation pages: the list by phase, one consultation with its comments."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from sqlalchemy import insert

from consultations.clock import now
from consultations.comments.models import Comment, CommentState
from consultations.consultation.models import SectionRevision
from consultations.extensions import db
from consultations.responses.models import AnsweredComment, Outcome, Response, ResponseText

from helpers import login


def page_of(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.get_data(as_text=True)


def between(html: str, start: str, end: str) -> str:
    return html.split(start, 1)[1].split(end, 1)[0]


def comment_ids(html: str) -> list[int]:
    """Comment ids in the order the page shows them."""
    return [int(number) for number in re.findall(r'<li class="comment" id="comment-(\d+)"', html)]


# The list -------------------------------------------------------------------------------


@pytest.fixture
def phases(make_consultation):
    """Two open consultations, one upcoming and one closed."""
    return {
        "open": [
            make_consultation(titles={"en": "Open data law"}, opens_in=timedelta(days=-2)),
            make_consultation(titles={"en": "Lobbying register"}, opens_in=timedelta(days=-1)),
        ],
        "upcoming": [make_consultation(titles={"en": "Budget portal"}, opens_in=timedelta(days=3))],
        "closed": [
            make_consultation(
                titles={"en": "Open contracting"},
                opens_in=timedelta(days=-30),
                lasts=timedelta(days=10),
            )
        ],
    }


def test_list_counts_each_phase_and_shows_the_open_ones_first(client, phases):
    html = page_of(client, "/en/consultations")
    assert "2 open consultations" in html
    assert "1 upcoming consultation<" in html and "1 closed consultation<" in html
    assert 'aria-current="page">2 open consultations' in html
    assert "Open data law" in html and "Lobbying register" in html
    assert "Budget portal" not in html and "Open contracting" not in html
    assert "open for comments" in html


def test_list_shows_one_phase_at_a_time(client, phases):
    upcoming = page_of(client, "/en/consultations?phase=upcoming")
    assert "Budget portal" in upcoming and "Open data law" not in upcoming
    assert '<h2 id="phase-title">Upcoming consultations</h2>' in upcoming
    closed = page_of(client, "/en/consultations?phase=closed")
    assert "Open contracting" in closed and "Budget portal" not in closed
    assert ">closed</span>" in closed


def test_without_open_consultations_the_upcoming_ones_are_shown(client, make_consultation):
    make_consultation(titles={"en": "Budget portal"}, opens_in=timedelta(days=3))
    html = page_of(client, "/en/consultations")
    assert "0 open consultations" in html and "Budget portal" in html


def test_empty_list_says_so(client, app_ctx):
    html = page_of(client, "/en/consultations")
    assert "No consultation is open for comments right now." in html


def test_each_row_shows_agency_plan_dates_and_comments(
    client, make_agency, make_plan, make_consultation, make_comment
):
    from consultations.plans.models import PlanStatus

    agency = make_agency("ict", en="Government ICT Authority")
    plan = make_plan(
        slug="il-5", status=PlanStatus.CONSULTATION, agency=agency, titles={"en": "Fifth plan"}
    )
    consultation = make_consultation(
        slug="open-data", plan=plan, titles={"en": "Open data law"}, lasts=timedelta(days=14)
    )
    for _ in range(3):
        make_comment(consultation)
    html = page_of(client, "/en/consultations")
    row = between(html, "Open data law", "</li>")
    assert 'href="/en/agencies/ict"' in row and "Government ICT Authority" in row
    assert 'href="/en/plans/il-5"' in row and "Fifth plan" in row
    assert "<dd>3</dd>" in row
    opens = consultation.opens_at
    assert f"{opens.day} {opens:%b} {opens.year}" in row


def test_a_title_in_another_language_is_marked_with_its_language(client, make_consultation):
    make_consultation(titles={"lv": "Atvērto datu likums"})
    html = page_of(client, "/en/consultations")
    assert '<bdi lang="lv">Atvērto datu likums</bdi>' in html


def test_the_list_is_paginated(client, make_plan, make_consultation):
    plan = make_plan()
    for number in range(22):
        make_consultation(plan=plan, titles={"en": f"Draft {number:02d}"})
    first = page_of(client, "/en/consultations")
    second = page_of(client, "/en/consultations?page=2")
    assert first.count('class="consultation-item"') == 20
    assert second.count('class="consultation-item"') == 2
    assert "Page 1 of 2" in first and 'rel="next"' in first


def test_open_consultations_for_the_home_page(app_ctx, make_consultation, make_comment):
    from consultations.consultation.queries import open_consultations

    soon = make_consultation(titles={"en": "Closing soon"}, lasts=timedelta(days=3))
    later = make_consultation(titles={"en": "Closing later"}, lasts=timedelta(days=20))
    make_consultation(titles={"en": "Upcoming"}, opens_in=timedelta(days=2))
    make_comment(later)
    rows = open_consultations(5, now())
    assert [(c.id, count) for c, count in rows] == [(soon.id, 0), (later.id, 1)]
    assert len(open_consultations(1)) == 1


def test_list_query_count_does_not_grow_with_the_data(
    client, count_queries, make_plan, make_agency, make_consultation, make_comment
):
    def build(size: int) -> None:
        for number in range(size):
            agency = make_agency()
            consultation = make_consultation(plan=make_plan(agency=agency), agency=agency)
            for _ in range(number % 3):
                make_comment(consultation)

    def queries() -> int:
        db.session.remove()
        with count_queries() as counter:
            page_of(client, "/en/consultations")
        return counter.count

    build(3)
    small = queries()
    build(30)
    assert queries() == small


# One consultation -------------------------------------------------------------------------


@pytest.fixture
def open_consultation(make_consultation):
    return make_consultation(slug="open-data", titles={"en": "Open data law"}, sections=2)


def test_detail_shows_sections_with_their_comment_counts_and_links(
    client, open_consultation, make_comment
):
    first, second = open_consultation.sections
    make_comment(open_consultation, section=first)
    make_comment(open_consultation, section=first)
    make_comment(open_consultation, section=second)
    make_comment(open_consultation)
    html = page_of(client, "/en/consultations/open-data")
    draft = between(html, 'id="section-1"', "</section>")
    assert "Section 1" in draft and "Draft wording of section 1." in draft
    assert 'lang="en" dir="auto"' in draft
    assert "2 comments on this section" in draft
    assert 'href="/en/consultations/open-data?section=section-1#comments"' in draft
    assert "1 comment on this section" in between(html, 'id="section-2"', "</section>")
    assert "open for comments" in html


def test_detail_links_agency_plan_and_commitment(
    client, make_plan, make_commitment, make_consultation
):
    from consultations.plans.models import PlanStatus

    plan = make_plan(slug="lv-5", status=PlanStatus.CONSULTATION)
    commitment = make_commitment(plan, reference="LV0040")
    make_consultation(slug="c", plan=plan, commitment=commitment)
    html = page_of(client, "/en/consultations/c")
    assert 'href="/en/plans/lv-5"' in html
    assert 'href="/en/commitments/LV0040"' in html and "<bdi>LV0040</bdi>" in html


def test_unknown_consultation_is_not_found(client, app_ctx):
    assert client.get("/en/consultations/nothing-here").status_code == 404


def test_replies_are_threaded_three_levels_deep(client, open_consultation, make_comment):
    root = make_comment(open_consultation, text="Publish the registry.")
    first = make_comment(open_consultation, text="Agreed, and in CSV.", parent=root)
    second = make_comment(open_consultation, text="CSV loses types.", parent=first)
    third = make_comment(open_consultation, text="Then both formats.", parent=second)
    html = page_of(client, "/en/consultations/open-data")
    nested = re.search(
        rf'id="comment-{root.id}".*?<ol class="replies">.*?id="comment-{first.id}".*?'
        rf'<ol class="replies">.*?id="comment-{second.id}".*?<ol class="replies">.*?'
        rf'id="comment-{third.id}"',
        html,
        re.S,
    )
    assert nested
    assert comment_ids(html) == [root.id, first.id, second.id, third.id]


def test_each_comment_shows_author_date_stance_and_edited(
    client, open_consultation, make_comment, make_user
):
    author = make_user(name="Dana Cohen")
    comment = make_comment(
        open_consultation, text="I support *this*.", author=author, stance="support"
    )
    comment.edited_at = now()
    reply = make_comment(open_consultation, text="Labas!", parent=comment, language="lv")
    db.session.commit()
    html = page_of(client, "/en/consultations/open-data")
    item = between(html, f'id="comment-{comment.id}"', f'id="comment-{reply.id}"')
    assert "<bdi>Dana Cohen</bdi>" in item
    assert 'class="badge badge-stance badge-stance-support">support<' in item
    assert "edited" in item
    assert '<div class="comment-body" lang="en" dir="auto"><p>I support <em>this</em>.</p>' in item
    assert 'lang="lv" dir="auto"' in between(html, f'id="comment-{reply.id}"', "</li>")


def test_hidden_comment_leaves_a_placeholder_naming_the_rule(
    client, open_consultation, make_comment
):
    comment = make_comment(open_consultation, text="You are all idiots.")
    comment.state, comment.hidden_rule, comment.hidden_at = CommentState.HIDDEN, "respect", now()
    db.session.commit()
    html = page_of(client, "/en/consultations/open-data")
    assert "You are all idiots." not in html
    assert (
        "This comment was hidden by a moderator for breaking the rule: Respect other people" in html
    )


def test_removed_comment_stays_as_a_placeholder_only_when_it_has_replies(
    client, open_consultation, make_comment
):
    answered = make_comment(open_consultation, text="Answered and removed.")
    reply = make_comment(open_consultation, text="A reply.", parent=answered)
    lonely = make_comment(open_consultation, text="Removed, no replies.")
    for comment in (answered, lonely):
        comment.state, comment.body_text, comment.body_html = CommentState.REMOVED, "", ""
    db.session.commit()
    html = page_of(client, "/en/consultations/open-data")
    assert comment_ids(html) == [answered.id, reply.id]
    assert "This comment was removed by its author." in html
    assert "A reply." in html


def test_held_comment_waits_for_review_but_moderators_see_it(
    client, open_consultation, make_comment, make_user
):
    comment = make_comment(open_consultation, text="Flagged text.")
    comment.held = True
    db.session.commit()
    html = page_of(client, "/en/consultations/open-data")
    assert "Flagged text." not in html and "This comment is awaiting moderator review." in html
    login(client, make_user(roles=("moderator",)))
    html = page_of(client, "/en/consultations/open-data")
    assert "Flagged text." in html and "only moderators see this text" in html


def test_stance_filter(client, open_consultation, make_comment):
    support = make_comment(open_consultation, text="Yes please.", stance="support")
    make_comment(open_consultation, text="No thanks.", stance="oppose")
    html = page_of(client, "/en/consultations/open-data?stance=support")
    assert comment_ids(html) == [support.id]
    assert "1 comment matches, not counting replies." in html
    assert '<option selected value="support">' in html


def test_section_filter_by_anchor_and_general(client, open_consultation, make_comment):
    first = open_consultation.sections[0]
    on_section = make_comment(open_consultation, text="On section one.", section=first)
    general = make_comment(open_consultation, text="On the whole draft.")
    html = page_of(client, "/en/consultations/open-data?section=section-1")
    assert comment_ids(html) == [on_section.id]
    html = page_of(client, "/en/consultations/open-data?section=general")
    assert comment_ids(html) == [general.id]
    html = page_of(client, "/en/consultations/open-data?section=no-such-section")
    assert comment_ids(html) == [on_section.id, general.id]


def test_order_oldest_or_newest(client, open_consultation, make_comment):
    older = make_comment(open_consultation, created_at=now() - timedelta(hours=2))
    newer = make_comment(open_consultation, created_at=now() - timedelta(hours=1))
    assert comment_ids(page_of(client, "/en/consultations/open-data")) == [older.id, newer.id]
    newest = page_of(client, "/en/consultations/open-data?order=newest")
    assert comment_ids(newest) == [newer.id, older.id]


def test_twenty_top_level_comments_a_page(client, open_consultation, make_comment):
    start = now() - timedelta(hours=1)
    comments = [
        make_comment(open_consultation, created_at=start + timedelta(seconds=number))
        for number in range(23)
    ]
    reply = make_comment(open_consultation, parent=comments[0])
    first = page_of(client, "/en/consultations/open-data")
    assert comment_ids(first) == [comments[0].id, reply.id] + [c.id for c in comments[1:20]]
    second = page_of(client, "/en/consultations/open-data?page=2&stance=")
    assert comment_ids(second) == [c.id for c in comments[20:]]
    assert "Page 2 of 2" in second
    assert 'href="/en/consultations/open-data?page=1#comments"' in second
    # The page links keep the reader's order (and filters), and lead back to the comments.
    newest = page_of(client, "/en/consultations/open-data?order=newest")
    assert 'href="/en/consultations/open-data?page=2&amp;order=newest#comments"' in newest


def test_edited_section_links_to_its_earlier_wording(client, open_consultation):
    section = open_consultation.sections[0]
    replaced = now() - timedelta(hours=1)
    db.session.add(
        SectionRevision(
            section_id=section.id,
            locale="en",
            heading="Section 1",
            body="The first wording.",
            written_at=replaced - timedelta(days=1),
            replaced_at=replaced,
        )
    )
    db.session.commit()
    html = page_of(client, "/en/consultations/open-data")
    draft = between(html, 'id="section-1"', "</section>")
    assert "Edited on" in draft
    assert 'href="/en/consultations/open-data/sections/section-1/history"' in draft
    assert "Edited on" not in between(html, 'id="section-2"', "</section>")
    history = page_of(client, "/en/consultations/open-data/sections/section-1/history")
    assert "The first wording." in history and "Draft wording of section 1." in history
    assert 'lang="en" dir="auto">The first wording.' in history


def test_section_history_newest_first_and_unknown_anchor(client, open_consultation):
    section = open_consultation.sections[1]
    for day, body in ((3, "Oldest wording."), (1, "Newer wording.")):
        db.session.add(
            SectionRevision(
                section_id=section.id,
                locale="en",
                heading="",
                body=body,
                written_at=now() - timedelta(days=day + 1),
                replaced_at=now() - timedelta(days=day),
            )
        )
    db.session.commit()
    history = page_of(client, "/en/consultations/open-data/sections/section-2/history")
    assert history.index("Newer wording.") < history.index("Oldest wording.")
    missing = client.get("/en/consultations/open-data/sections/section-9/history")
    assert missing.status_code == 404
    untouched = page_of(client, "/en/consultations/open-data/sections/section-1/history")
    assert "This section has not been changed since the consultation opened." in untouched


def test_closed_consultation_shows_answers_summary_and_report_link(
    client, make_consultation, make_comment, make_user
):
    consultation = make_consultation(
        slug="closed", opens_in=timedelta(days=-20), lasts=timedelta(days=10)
    )
    answered = make_comment(consultation, text="Please add a deadline.")
    make_comment(consultation, text="Not answered.")
    response = Response(
        consultation_id=consultation.id,
        outcome=Outcome.ADOPTED,
        published_at=now(),
    )
    response.texts.append(ResponseText(locale="en", reasons="We added it.", updated_at=now()))
    db.session.add(response)
    db.session.flush()
    db.session.add(AnsweredComment(comment_id=answered.id, response_id=response.id))
    db.session.commit()
    html = page_of(client, "/en/consultations/closed")
    assert "1 of 2 comments answered" in html
    assert 'href="/en/consultations/closed/report"' in html
    item = between(html, f'id="comment-{answered.id}"', "</li>")
    assert "We added it." in item and "adopted" in item
    assert (
        "This consultation closed on" in html
        and 'action="/en/consultations/closed/comments' not in html
    )


def test_scheduled_consultation_has_no_summary_and_says_when_it_opens(client, make_consultation):
    make_consultation(slug="soon", opens_in=timedelta(days=3))
    html = page_of(client, "/en/consultations/soon")
    assert "Comments open on" in html
    assert "comments answered" not in html and "/report" not in html


# Query counts -------------------------------------------------------------------------


def _bulk_comments(consultation, authors, count: int, start) -> None:
    """Top-level comments written straight to the table, newer than the first ones."""
    sections = [None, *consultation.sections]
    rows = [
        {
            "consultation_id": consultation.id,
            "section_id": sections[number % 3].id if sections[number % 3] else None,
            "parent_id": None,
            "depth": 0,
            "author_id": authors[number % len(authors)].id,
            "language": "en",
            "stance": None,
            "body_text": f"Bulk comment {number}.",
            "body_html": f"<p>Bulk comment {number}.</p>",
            "fingerprint": f"bulk-{number}",
            "state": CommentState.VISIBLE,
            "held": False,
            "flag_count": 0,
            "created_at": start + timedelta(seconds=number),
        }
        for number in range(count)
    ]
    db.session.execute(insert(Comment), rows)
    db.session.commit()


def test_detail_query_count_is_the_same_with_10_and_10000_comments(
    client, count_queries, make_consultation, make_comment, make_user
):
    def build(slug: str, extra: int) -> None:
        consultation = make_consultation(slug=slug)
        author = make_user()
        start = now() - timedelta(days=1)
        root = make_comment(consultation, author=author, created_at=start)
        reply = make_comment(consultation, parent=root, created_at=start)
        deeper = make_comment(consultation, parent=reply, created_at=start)
        make_comment(consultation, parent=deeper, created_at=start)
        hidden = make_comment(consultation, section=consultation.sections[0], created_at=start)
        hidden.state, hidden.hidden_rule = CommentState.HIDDEN, "spam"
        make_comment(consultation, stance="oppose", created_at=start)
        db.session.commit()
        _bulk_comments(consultation, [author, make_user()], extra, start + timedelta(minutes=1))

    def queries(path: str) -> int:
        db.session.remove()
        with count_queries() as counter:
            page_of(client, path)
        return counter.count

    viewer = make_user()
    login(client, viewer)
    build("small", 4)
    build("large", 9_994)
    for suffix in ("", "?section=section-1", "?order=newest&stance=oppose"):
        assert queries(f"/en/consultations/small{suffix}") == queries(
            f"/en/consultations/large{suffix}"
        ), suffix
