"""Atom feeds: well-formed Atom 1.0, every event kind, the reader's language, nothing hidden."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest

from consultations.clock import now
from consultations.comments.models import CommentState
from consultations.extensions import db

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
# RFC 3339 date-time, as Atom's date constructs require.
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
LANGUAGES = ("he", "lv", "hu", "en")


def parse(response) -> ET.Element:
    """The feed document, checked against what RFC 4287 requires of a feed and its entries."""
    assert response.status_code == 200, response.status_code
    assert response.headers["Content-Type"] == "application/atom+xml; charset=utf-8"
    root = ET.fromstring(response.data)
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated"):
        assert root.find(f"{ATOM}{name}").text.strip(), name
    assert root.find(f"{ATOM}author/{ATOM}name").text.strip()
    links = [(link.get("rel"), link.get("type"), link) for link in root.findall(f"{ATOM}link")]
    (own,) = [link for rel, kind, link in links if rel == "self"]
    assert own.get("type") == "application/atom+xml" and own.get("href").startswith("http://")
    (page,) = [link for rel, kind, link in links if kind == "text/html"]
    assert page.get("rel") == "alternate" and page.get("hreflang") == root.get(XML_LANG)
    # The same feed in the three other languages, one alternate per language (RFC 4287 4.1.1).
    others = [link.get("hreflang") for rel, kind, link in links if rel == "alternate"]
    assert sorted(others) == sorted(LANGUAGES)
    assert RFC3339.match(root.find(f"{ATOM}updated").text)
    ids = [entry.find(f"{ATOM}id").text for entry in root.findall(f"{ATOM}entry")]
    assert len(ids) == len(set(ids)), "entry ids must be unique"
    for entry in root.findall(f"{ATOM}entry"):
        assert entry.find(f"{ATOM}id").text.startswith("tag:localhost,2026:")
        assert entry.find(f"{ATOM}title").text.strip()
        assert entry.find(f"{ATOM}title").get("type") == "text"
        for name in ("updated", "published"):
            assert RFC3339.match(entry.find(f"{ATOM}{name}").text), name
        link = entry.find(f"{ATOM}link")
        assert link.get("rel") == "alternate" and link.get("href").startswith("http://")
        for name in ("summary", "content"):
            element = entry.find(f"{ATOM}{name}")
            if element is not None:
                assert element.get("type") == "text"
    return root


def entries(root: ET.Element) -> list[ET.Element]:
    return root.findall(f"{ATOM}entry")


def kinds(root: ET.Element) -> list[str]:
    return [entry.find(f"{ATOM}category").get("term") for entry in entries(root)]


def titles(root: ET.Element) -> list[str]:
    return [entry.find(f"{ATOM}title").text for entry in entries(root)]


@pytest.fixture
def world(
    make_plan,
    make_commitment,
    make_update,
    make_assessment,
    make_consultation,
    make_comment,
    make_response,
):
    """A plan with a commitment that has an update and an assessment; consultations in every
    phase, one of them answered and declared complete; a second plan with its own records."""
    moment = now()
    plan = make_plan(slug="fifth", titles={"en": "Fifth plan", "lv": "Piektais plāns"})
    commitment = make_commitment(
        plan,
        reference="IL0024",
        texts={"en": {"title": "Open budgets"}, "lv": {"title": "Atklāti budžeti"}},
    )
    update = make_update(
        commitment,
        status="substantial",
        percent=60,
        published_at=moment - timedelta(days=5),
        narratives={"en": "Half of the ministries publish their budgets."},
    )
    assessment = make_assessment(
        commitment,
        published_at=moment - timedelta(days=4),
        narratives={"en": "We checked the budgets.", "lv": "Mēs pārbaudījām budžetus."},
    )
    closed = make_consultation(
        slug="closed-one",
        plan=plan,
        commitment=commitment,
        opens_in=timedelta(days=-30),
        lasts=timedelta(days=14),
        titles={"en": "Budget draft", "lv": "Budžeta projekts"},
    )
    comment = make_comment(closed, text="Please publish monthly.")
    response = make_response(
        closed,
        [comment],
        reasons={"en": "Monthly figures will be published."},
        published_at=moment - timedelta(days=3),
    )
    closed.responses_completed_at = moment - timedelta(days=2)
    db.session.commit()
    open_one = make_consultation(
        slug="open-one", plan=plan, opens_in=timedelta(days=-1), titles={"en": "Open draft"}
    )
    scheduled = make_consultation(
        slug="scheduled-one", plan=plan, opens_in=timedelta(days=3), titles={"en": "Later draft"}
    )
    other_plan = make_plan(slug="other", titles={"en": "Other plan"})
    other = make_commitment(other_plan, reference="LV0040", texts={"en": {"title": "Elsewhere"}})
    make_update(other, published_at=moment - timedelta(days=1), narratives={"en": "Elsewhere."})
    return {
        "plan": plan,
        "commitment": commitment,
        "update": update,
        "assessment": assessment,
        "closed": closed,
        "comment": comment,
        "response": response,
        "open": open_one,
        "scheduled": scheduled,
        "other": other,
    }


def test_site_feed_has_an_entry_for_every_kind_of_event_newest_first(client, world):
    root = parse(client.get("/en/feeds/site.atom"))
    assert kinds(root) == [
        "consultation-opened",  # the open one, a day ago
        "progress-update",  # the other plan's, a day ago (just before the opening)
        "consultation-responded",
        "response",
        "assessment",
        "progress-update",
        "consultation-closed",
        "consultation-opened",
    ]
    updated = [entry.find(f"{ATOM}updated").text for entry in entries(root)]
    assert updated == sorted(updated, reverse=True)
    assert root.find(f"{ATOM}updated").text == updated[0]
    assert root.get(XML_LANG) == "en"
    assert "Later draft" not in client.get("/en/feeds/site.atom").get_data(as_text=True)


def test_entries_say_what_happened_and_link_to_the_page(client, world):
    root = parse(client.get("/en/commitments/IL0024/feed.atom"))
    by_kind = {entry.find(f"{ATOM}category").get("term"): entry for entry in entries(root)}
    update = by_kind["progress-update"]
    assert update.find(f"{ATOM}title").text == "Progress update on IL0024: Open budgets"
    assert "substantial" in update.find(f"{ATOM}summary").text
    assert "60%" in update.find(f"{ATOM}summary").text
    assert update.find(f"{ATOM}content").text == "Half of the ministries publish their budgets."
    assert update.find(f"{ATOM}content").get(XML_LANG) == "en"
    assert update.find(f"{ATOM}link").get("href") == (
        f"http://localhost/en/commitments/IL0024#update-{world['update'].id}"
    )
    assert (
        update.find(f"{ATOM}id").text == f"tag:localhost,2026:progress-update/{world['update'].id}"
    )
    assert update.find(f"{ATOM}author/{ATOM}name").text == "Noa Levi, Government ICT Authority"
    assessment = by_kind["assessment"]
    assert assessment.find(f"{ATOM}title").text.startswith("Independent assessment of IL0024")
    assert (
        assessment.find(f"{ATOM}link").get("href").endswith(f"#assessment-{world['assessment'].id}")
    )
    # The commitment's consultation (opened and closed) is in its feed; the plan's are not.
    assert sorted(kinds(root)) == [
        "assessment",
        "consultation-closed",
        "consultation-opened",
        "consultation-responded",
        "progress-update",
        "response",
    ]


def test_consultation_feed_opens_closes_and_answers(client, world):
    root = parse(client.get("/en/consultations/closed-one/feed.atom"))
    by_kind = {entry.find(f"{ATOM}category").get("term"): entry for entry in entries(root)}
    assert set(by_kind) == {
        "consultation-opened",
        "consultation-closed",
        "response",
        "consultation-responded",
    }
    closed = world["closed"]
    opened = by_kind["consultation-opened"]
    assert opened.find(f"{ATOM}title").text == "Open for comments: Budget draft"
    assert opened.find(f"{ATOM}updated").text == closed.opens_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    assert by_kind["consultation-closed"].find(f"{ATOM}updated").text == (
        closed.closes_at.strftime("%Y-%m-%dT%H:%M:%SZ")
    )
    response = by_kind["response"]
    assert response.find(f"{ATOM}title").text == "Reasoned response on Budget draft: adopted"
    assert response.find(f"{ATOM}content").text == "Monthly figures will be published."
    assert response.find(f"{ATOM}link").get("href") == (
        "http://localhost/en/consultations/closed-one#comments"
    )
    assert by_kind["consultation-closed"].find(f"{ATOM}link").get("href") == (
        "http://localhost/en/consultations/closed-one/report"
    )


def test_opening_and_closing_appear_only_once_the_moment_has_passed(client, world):
    root = parse(client.get("/en/consultations/open-one/feed.atom"))
    assert kinds(root) == ["consultation-opened"]
    scheduled = parse(client.get("/en/consultations/scheduled-one/feed.atom"))
    assert entries(scheduled) == []
    # Nothing happened yet: the feed's time is the consultation's own, not the time of asking.
    created = world["scheduled"].created_at
    assert scheduled.find(f"{ATOM}updated").text == created.strftime("%Y-%m-%dT%H:%M:%SZ")


def test_records_dated_in_the_future_are_not_listed(client, world, make_update, make_response):
    make_update(
        world["commitment"],
        published_at=now() + timedelta(days=2),
        narratives={"en": "Not yet out."},
    )
    make_response(
        world["closed"], reasons={"en": "Not yet out either."}, published_at=now() + timedelta(1)
    )
    for path in (
        "/en/feeds/site.atom",
        "/en/commitments/IL0024/feed.atom",
        "/en/plans/fifth/feed.atom",
    ):
        text = client.get(path).get_data(as_text=True)
        assert "Not yet out" not in text, path


def test_plan_feed_lists_only_its_own_records_and_consultations(client, world):
    root = parse(client.get("/en/plans/fifth/feed.atom"))
    assert root.find(f"{ATOM}title").text == "Updates: Fifth plan"
    assert kinds(root).count("consultation-opened") == 2  # closed-one and open-one
    assert "progress-update" in kinds(root)
    assert not any("LV0040" in title for title in titles(root))
    other = parse(client.get("/en/plans/other/feed.atom"))
    assert titles(other) == ["Progress update on LV0040: Elsewhere"]
    self_link = next(link for link in root.findall(f"{ATOM}link") if link.get("rel") == "self")
    assert self_link.get("href") == "http://localhost/en/plans/fifth/feed.atom"


@pytest.mark.parametrize("lang", ["lv", "he", "hu"])
def test_feed_is_in_the_readers_language_with_marked_fallback(client, world, lang):
    root = parse(client.get(f"/{lang}/commitments/IL0024/feed.atom"))
    assert root.get(XML_LANG) == lang
    update = next(
        e for e in entries(root) if e.find(f"{ATOM}category").get("term") == "progress-update"
    )
    content = update.find(f"{ATOM}content")
    # The narrative exists only in English: it says so, and carries its own language.
    assert content.get(XML_LANG) == "en"
    summary = update.find(f"{ATOM}summary").text
    link = update.find(f"{ATOM}link").get("href")
    assert link.startswith(f"http://localhost/{lang}/commitments/IL0024#update-")
    if lang == "he":
        # Right to left: references and titles are isolated, as <bdi> does on the pages.
        assert "\u2068IL0024\u2069" in update.find(f"{ATOM}title").text
    if lang == "lv":
        assert "Atklāti budžeti" in update.find(f"{ATOM}title").text
        assert "angļu" in summary  # "shown in English", in Latvian
        assessment = next(
            e for e in entries(root) if e.find(f"{ATOM}category").get("term") == "assessment"
        )
        assert assessment.find(f"{ATOM}content").text == "Mēs pārbaudījām budžetus."
        assert assessment.find(f"{ATOM}content").get(XML_LANG) == "lv"


def test_unknown_things_are_404(client, world):
    for path in (
        "/en/plans/nope/feed.atom",
        "/en/commitments/XX9999/feed.atom",
        "/en/consultations/nope/feed.atom",
        "/fr/feeds/site.atom",
    ):
        assert client.get(path).status_code == 404, path


def test_lower_case_reference_finds_the_commitment(client, world):
    parse(client.get("/en/commitments/il0024/feed.atom"))


def test_hidden_comments_and_personal_data_never_appear(client, world, make_comment, make_user):
    person = make_user("Secret Person", email="secret@example.org")
    hidden = make_comment(world["closed"], text="Hidden words here.", author=person)
    hidden.state = CommentState.HIDDEN
    hidden.hidden_note = "Off topic"
    db.session.commit()
    for path in (
        "/en/feeds/site.atom",
        "/en/consultations/closed-one/feed.atom",
        "/en/plans/fifth/feed.atom",
    ):
        text = client.get(path).get_data(as_text=True)
        for secret in (
            "Hidden words",
            "Please publish monthly",
            "secret@example.org",
            "Secret Person",
        ):
            assert secret not in text, (path, secret)


def test_markup_and_control_characters_stay_text(client, world, make_update):
    make_update(
        world["commitment"],
        narratives={"en": "<script>alert(1)</script> & <b>bold</b>\x01\x0b done"},
    )
    root = parse(client.get("/en/commitments/IL0024/feed.atom"))
    contents = [
        e.find(f"{ATOM}content").text for e in entries(root) if e.find(f"{ATOM}content") is not None
    ]
    assert "<script>alert(1)</script> & <b>bold</b> done" in contents
    assert root.find(f".//{ATOM}script") is None


def test_conditional_get_answers_304(client, world):
    first = client.get("/en/feeds/site.atom")
    assert first.headers["ETag"] and first.headers["Last-Modified"]
    again = client.get("/en/feeds/site.atom", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    since = client.get(
        "/en/plans/fifth/feed.atom",
        headers={
            "If-Modified-Since": client.get("/en/plans/fifth/feed.atom").headers["Last-Modified"]
        },
    )
    assert since.status_code == 304


def test_a_feed_does_not_change_while_nothing_happens(client, world):
    first = client.get("/en/plans/fifth/feed.atom")
    second = client.get("/en/plans/fifth/feed.atom")
    assert first.data == second.data


def test_empty_site_feed_is_valid(client, app_ctx):
    root = parse(client.get("/en/feeds/site.atom"))
    assert entries(root) == []


def test_feed_keeps_the_newest_entries_only(client, world, app, monkeypatch):
    monkeypatch.setitem(app.config, "FEED_ENTRIES", 3)
    root = parse(client.get("/en/feeds/site.atom"))
    assert len(entries(root)) == 3
    assert kinds(root)[0] == "consultation-opened"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_pages_link_to_their_feeds(client, world, lang):
    pages = {
        f"/{lang}/": f"/{lang}/feeds/site.atom",
        f"/{lang}/plans/fifth": f"/{lang}/plans/fifth/feed.atom",
        f"/{lang}/commitments/IL0024": f"/{lang}/commitments/IL0024/feed.atom",
        f"/{lang}/consultations/closed-one": f"/{lang}/consultations/closed-one/feed.atom",
    }
    for page, feed in pages.items():
        html = client.get(page).get_data(as_text=True)
        head = html.split("</head>", 1)[0]
        links = re.findall(
            r'<link rel="alternate" type="application/atom\+xml" title="([^"]+)" href="([^"]+)">',
            head,
        )
        assert feed in [href for _title, href in links], page
        assert all(title.strip() for title, _href in links)
        parse(client.get(feed))


# Query counts ---------------------------------------------------------------------------


def _fill(
    size,
    make_plan,
    make_commitment,
    make_update,
    make_assessment,
    make_consultation,
    make_comment,
    make_response,
):
    plan = make_plan(slug="big")
    for number in range(size):
        commitment = make_commitment(
            plan, texts={"en": {"title": f"C{number}"}, "lv": {"title": f"L{number}"}}
        )
        make_update(commitment, published_at=now() - timedelta(hours=number + 1))
        make_assessment(commitment, published_at=now() - timedelta(hours=number + 2))
        consultation = make_consultation(
            plan=plan, commitment=commitment, opens_in=timedelta(days=-20 - number)
        )
        comment = make_comment(consultation)
        make_response(consultation, [comment], published_at=now() - timedelta(hours=number + 3))
        consultation.responses_completed_at = now() - timedelta(hours=number)
        db.session.commit()
    return plan, commitment, consultation


def _counts(client, count_queries, plan, commitment, consultation):
    result = {}
    for path in (
        "/en/feeds/site.atom",
        f"/en/plans/{plan.slug}/feed.atom",
        f"/en/commitments/{commitment.reference}/feed.atom",
        f"/en/consultations/{consultation.slug}/feed.atom",
    ):
        with count_queries() as counter:
            root = parse(client.get(path))
        result[path.split("/")[2]] = (counter.count, len(entries(root)))
    return result


@pytest.fixture
def fill(
    make_plan,
    make_commitment,
    make_update,
    make_assessment,
    make_consultation,
    make_comment,
    make_response,
):
    def make(size):
        return _fill(
            size,
            make_plan,
            make_commitment,
            make_update,
            make_assessment,
            make_consultation,
            make_comment,
            make_response,
        )

    return make


def test_query_count_does_not_grow_with_the_data(client, count_queries, fill, app_ctx):
    small = _counts(client, count_queries, *fill(2))
    for table in reversed(db.metadata.sorted_tables):
        db.session.execute(table.delete())
    db.session.commit()
    large = _counts(client, count_queries, *fill(12))
    assert {key: count for key, (count, _) in small.items()} == {
        key: count for key, (count, _) in large.items()
    }
    assert large["feeds"][1] == 50  # 12 x 6 events, the newest 50
    # 14 for the page, 1 for the table versions that decide whether it can be kept
    assert all(count <= 15 for count, _ in large.values()), large
