"""The consultation report and its CSV file, on a small consultation counted by hand."""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime, timedelta

import pytest
from responses.pages import table

from consultations.accounts.services import update_profile
from consultations.clock import as_utc, now
from consultations.comments.models import CommentState
from consultations.comments.services import edit_comment
from consultations.extensions import db
from consultations.privacy.services import delete_account
from consultations.responses import report, services

from helpers import PASSWORD

LETTER = (
    "Please publish every public contract above one million within thirty days of signing, "
    "with the names of all bidders and the reasons for choosing the winner."
)


def reasons(text: str, lang: str = "en") -> dict:
    return {lang: {"reasons": text}}


@pytest.fixture
def data(world, make_user, make_comment):
    """Seven visible comments by six people, one hidden; three answered 2 and 5 days on."""
    consultation = world.consultation
    first, _second = consultation.sections
    ada, ben, cai = make_user("Ada Lovász"), make_user("בן כהן"), make_user("Cai Ozols")
    c1 = make_comment(consultation, "Add a deadline.", ada, section=first, stance="support")
    c2 = make_comment(
        consultation, "אני מתנגד לסעיף.", ben, section=first, stance="oppose", language="he"
    )
    c3 = make_comment(consultation, "Piekrītu.", ada, parent=c1, stance="neutral", language="lv")
    c4 = make_comment(consultation, "=SUM(A1:A9) Általános.", cai, language="hu")
    hidden = make_comment(consultation, "Rude words.", make_user("Dan"), section=_second)
    hidden.state = CommentState.HIDDEN
    campaign = [
        make_comment(consultation, LETTER, make_user(name), stance="support")
        for name in ("Eva", "Fēlikss")
    ]
    campaign.append(
        make_comment(
            consultation, LETTER.upper() + " Thanks!", make_user("Gábor"), stance="support"
        )
    )
    db.session.commit()
    closed = as_utc(consultation.closes_at)
    coordinator = world.coordinator
    answered = services.publish_response(
        coordinator,
        consultation,
        outcome="adopted",
        texts={"en": {"reasons": "Deadline added."}, "he": {"reasons": "הוספנו מועד."}},
        comment_ids=[c1.id, c2.id],
        moment=closed + timedelta(days=2),
    )
    services.publish_response(
        coordinator,
        consultation,
        outcome="out_of_scope",
        texts=reasons("Not in this plan."),
        comment_ids=[c4.id],
        moment=closed + timedelta(days=5),
    )
    return {"comments": [c1, c2, c3, c4, *campaign], "response": answered, "hidden": hidden}


def report_page(client, consultation, lang: str = "en"):
    return client.get(f"/{lang}/consultations/{consultation.slug}/report")


def test_report_counts_participants_stances_sections_and_languages(client, world, data):
    response = report_page(client, world.consultation)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    key = dict(table(html, "Key figures"))
    assert key["Participants"] == "6"
    assert key["Comments and replies"] == "7"
    assert key["Answered with a reasoned response"] == "3 of 7 (43%)"
    assert key["Days from closing to the first response"] == "2"
    assert key["Days from closing to the latest response"] == "5"
    assert key["Response deadline"].endswith("not yet due")
    assert table(html, "Comments by stance")[1:] == [
        ["support", "4", "57%"],
        ["oppose", "1", "14%"],
        ["neutral", "1", "14%"],
        ["no stance stated", "1", "14%"],
    ]
    assert table(html, "Comments by section")[1:] == [
        ["General comments", "4", "57%"],
        ["Section 1", "3", "43%"],
        ["Section 2", "0", "0%"],
    ]
    assert table(html, "Comments by language")[1:] == [
        ["English", "4", "57%"],
        ["Hebrew", "1", "14%"],
        ["Hungarian", "1", "14%"],
        ["Latvian", "1", "14%"],
    ]
    assert table(html, "Answered comments by outcome")[1] == ["adopted", "2", "29%"]
    assert "Rude words" not in html


def test_report_groups_the_campaign_and_lists_every_author(client, world, data):
    html = report_page(client, world.consultation).get_data(as_text=True)
    assert "1 group of near-identical comments." in html
    assert "3 near-identical comments" in html
    assert "Written by 3 people" in html
    for name in ("Eva", "Fēlikss", "Gábor"):
        assert f"<li><bdi>{name}</bdi></li>" in html
    assert "Ada Lovász</bdi></li>" not in html


def test_report_in_hebrew_formats_numbers_and_keeps_names_isolated(client, world, data):
    response = report_page(client, world.consultation, "he")
    assert response.status_code == 200
    assert "<bdi>Fēlikss</bdi>" in response.get_data(as_text=True)


def test_report_before_closing_says_when_it_appears_and_shows_no_numbers(
    client, world, make_consultation, make_comment
):
    open_one = make_consultation(agency=world.consultation.agency)
    make_comment(open_one)
    response = report_page(client, open_one)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "The report appears here once the consultation closes" in html
    assert "Key figures" not in html
    assert client.get(f"/en/consultations/{open_one.slug}/report.csv").status_code == 404
    assert client.get("/en/consultations/no-such-thing/report").status_code == 404


def read_csv(client, consultation, lang: str = "en"):
    response = client.get(f"/{lang}/consultations/{consultation.slug}/report.csv")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert response.headers["Content-Disposition"] == (
        f'attachment; filename="{consultation.slug}-comments.csv"'
    )
    body = response.get_data()
    assert body.startswith("\ufeff".encode())
    return body, list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_csv_lists_every_visible_comment_with_its_response(client, world, data):
    body, rows = read_csv(client, world.consultation)
    assert rows[0] == [
        "comment_id",
        "created_at",
        "section_anchor",
        "section_heading",
        "author",
        "language",
        "stance",
        "text",
        "parent_id",
        "response_id",
        "outcome",
        "reasons",
        "response_published_at",
    ]
    by_id = {int(row[0]): dict(zip(rows[0], row, strict=True)) for row in rows[1:]}
    c1, c2, c3, c4 = data["comments"][:4]
    assert set(by_id) == {c.id for c in data["comments"]}
    first = by_id[c1.id]
    assert first["created_at"] == as_utc(c1.created_at).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert (first["section_anchor"], first["section_heading"]) == ("section-1", "Section 1")
    assert (first["author"], first["language"], first["stance"]) == ("Ada Lovász", "en", "support")
    assert (first["text"], first["parent_id"]) == ("Add a deadline.", "")
    assert first["response_id"] == str(data["response"].id)
    assert (first["outcome"], first["reasons"]) == ("adopted", "Deadline added.")
    assert first["response_published_at"].endswith("Z")
    assert by_id[c2.id]["author"] == "בן כהן"
    assert by_id[c3.id]["parent_id"] == str(c1.id)
    assert by_id[c3.id]["section_anchor"] == "section-1"
    assert by_id[c3.id]["response_id"] == ""
    # A formula would run in a spreadsheet; it is kept as text.
    assert by_id[c4.id]["text"] == "'=SUM(A1:A9) Általános."
    assert by_id[c4.id]["section_anchor"] == ""
    assert b"@" not in body.replace(b"'=SUM(A1", b"")
    assert "Rude words" not in body.decode()


def test_csv_reasons_follow_the_page_language_with_fallback(client, world, data):
    _body, rows = read_csv(client, world.consultation, "he")
    reasons_by_outcome = {row[10]: row[11] for row in rows[1:] if row[10]}
    assert reasons_by_outcome == {"adopted": "הוספנו מועד.", "out_of_scope": "Not in this plan."}


def test_report_and_csv_queries_do_not_grow_with_comments(
    client, world, make_user, make_comment, count_queries
):
    consultation = world.consultation
    people = [make_user() for _ in range(4)]

    def add(number: int) -> None:
        for n in range(number):
            comment = make_comment(
                consultation, f"{LETTER} {n % 3}", people[n % 4], stance="support"
            )
            services.publish_response(
                world.coordinator,
                consultation,
                outcome="adopted",
                texts=reasons("Thanks."),
                comment_ids=[comment.id],
                moment=as_utc(consultation.closes_at) + timedelta(days=1),
            )

    def queries(url: str) -> int:
        client.get(url)  # warm any first-request caches
        with count_queries() as counter:
            assert client.get(url).status_code == 200
        return counter.count

    url = f"/en/consultations/{consultation.slug}/report"
    add(3)
    small, small_csv = queries(url), queries(url + ".csv")
    add(40)
    assert queries(url) == small
    assert queries(url + ".csv") == small_csv
    assert now() > as_utc(consultation.closes_at)


def test_campaigns_follow_hidden_comments(client, world, data):
    assert "3 near-identical comments" in report_page(client, world.consultation).get_data(
        as_text=True
    )
    data["comments"][4].state = CommentState.HIDDEN
    db.session.commit()
    html = report_page(client, world.consultation).get_data(as_text=True)
    assert "2 near-identical comments" in html
    assert "<li><bdi>Eva</bdi></li>" not in html


def test_held_comments_keep_their_text_out_of_the_csv_and_campaigns(client, world, data):
    held = data["comments"][4]
    held.held = True
    db.session.commit()
    _body, rows = read_csv(client, world.consultation)
    by_id = {int(row[0]): row for row in rows[1:]}
    assert by_id[held.id][7] == ""
    assert by_id[data["comments"][5].id][7] == LETTER
    html = report_page(client, world.consultation).get_data(as_text=True)
    assert "2 near-identical comments" in html


def test_days_after_closing_are_counted_to_one_decimal_and_never_below_zero():
    closed = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    assert report.days_after(closed, None) is None
    assert report.days_after(closed, closed - timedelta(days=2)) == 0
    assert report.days_after(closed, closed + timedelta(hours=36)) == 1.5
    assert report.days_after(closed, closed + timedelta(hours=49)) == 2.0  # 2.04 rounded
    assert report.days_after(closed, closed + timedelta(hours=25, minutes=12)) == 1.1  # 1.05
    assert report.days_after(closed.replace(tzinfo=None), closed + timedelta(days=3)) == 3.0


def test_a_long_csv_file_is_written_whole_in_batches():
    rows = [["id", "text"], *([n, f"=cell {n}"] for n in range(450))]
    chunks = list(report._encoded(iter(rows)))
    assert chunks[0] == "\ufeff".encode()
    assert [chunk.count(b"\r\n") for chunk in chunks] == [0, 200, 200, 51]  # the mark first
    expected = "".join(f"{a},{b}\r\n" for a, b in rows)
    assert b"".join(chunks) == ("\ufeff" + expected).encode()


def test_each_worker_keeps_the_campaigns_of_its_sixteen_latest_consultations(monkeypatch):
    grouped = []
    monkeypatch.setattr(report, "_CACHE", report.OrderedDict())
    monkeypatch.setattr(report, "_fingerprint", lambda consultation: (consultation,))
    monkeypatch.setattr(
        report,
        "_group_campaigns",
        lambda consultation: grouped.append(consultation) or [consultation],
    )
    for number in range(16):
        assert report.find_campaigns(number) == [number]
    assert report.find_campaigns(0) == [0] and grouped == list(range(16))  # kept
    report.find_campaigns(16)  # the seventeenth pushes out the least recently read: 1
    report.find_campaigns(0)
    assert grouped == list(range(17))
    report.find_campaigns(1)
    assert grouped == [*range(17), 1]


def test_a_report_before_any_response_says_so(client, world, make_comment):
    make_comment(world.consultation, "The only comment.", section=world.consultation.sections[1])
    response = report_page(client, world.consultation)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    key = dict(table(html, "Key figures"))
    assert key["Answered with a reasoned response"] == "0 of 1 (0%)"
    assert key["Days from closing to the first response"] == "no response yet"
    assert key["Days from closing to the latest response"] == "no response yet"
    # What nobody wrote, or nobody answered, is listed at zero.
    assert table(html, "Comments by stance")[1:] == [
        ["support", "0", "0%"],
        ["oppose", "0", "0%"],
        ["neutral", "0", "0%"],
        ["no stance stated", "1", "100%"],
    ]
    assert table(html, "Comments by section")[1:] == [
        ["General comments", "0", "0%"],
        ["Section 1", "0", "0%"],
        ["Section 2", "1", "100%"],
    ]
    assert [row[1] for row in table(html, "Answered comments by outcome")[1:]] == ["0"] * 4


def test_languages_are_listed_most_used_first(client, world, make_comment):
    for text, language in (("Labi.", "lv"), ("Good.", "en"), ("Jó.", "hu"), ("Ļoti labi.", "lv")):
        make_comment(world.consultation, text, language=language)
    html = report_page(client, world.consultation).get_data(as_text=True)
    assert table(html, "Comments by language")[1:] == [
        ["Latvian", "2", "50%"],
        ["English", "1", "25%"],
        ["Hungarian", "1", "25%"],
    ]


@pytest.fixture
def fresh_campaigns(monkeypatch):
    """No campaigns kept from an earlier test, whose consultation may have had the same id."""
    monkeypatch.setattr(report, "_CACHE", report.OrderedDict())


def campaigns_shown(client, consultation) -> list[tuple[str, str, str, list[str]]]:
    """Each campaign as a reader sees it: its size, its sample's language and text, its authors."""
    html = report_page(client, consultation).get_data(as_text=True)
    found = re.findall(
        r"<h3>(\d+) near-identical comments</h3>\s*"
        r'<blockquote class="prose" lang="([^"]*)" dir="auto">(.*?)</blockquote>(.*?)</details>',
        html,
        re.S,
    )
    return [
        (
            size,
            lang,
            sample,
            [re.sub(r"<[^>]+>", "", name) for name in re.findall(r"<li>(.*?)</li>", rest)],
        )
        for size, lang, sample, rest in found
    ]


def test_a_campaign_is_shown_by_its_first_comment_in_that_comments_language(
    client, world, make_user, make_comment, fresh_campaigns
):
    make_comment(world.consultation, LETTER, make_user("Eva"))
    make_comment(world.consultation, LETTER + " Paldies.", make_user("Ilze"), language="lv")
    assert campaigns_shown(client, world.consultation) == [("2", "en", LETTER, ["Eva", "Ilze"])]


def campaign_authors(client, consultation) -> list[list[str]]:
    return [authors for _size, _lang, _sample, authors in campaigns_shown(client, consultation)]


CAMPAIGN = ["Eva", "Fēlikss", "Gábor"]


def test_a_campaign_changes_as_soon_as_one_of_its_comments_is_held(
    client, world, data, fresh_campaigns
):
    assert campaign_authors(client, world.consultation) == [CAMPAIGN]
    data["comments"][4].held = True  # flagged enough to wait for a moderator
    db.session.commit()
    assert campaign_authors(client, world.consultation) == [CAMPAIGN[1:]]


def test_a_campaign_changes_as_soon_as_one_of_its_comments_is_edited(
    client, world, data, fresh_campaigns
):
    assert campaign_authors(client, world.consultation) == [CAMPAIGN]
    gabor = data["comments"][6]
    edit_comment(gabor.author, gabor, "I wrote my own letter instead, about something else.")
    assert campaign_authors(client, world.consultation) == [CAMPAIGN[:2]]


def test_a_campaign_shows_an_author_who_left_as_a_deleted_account_at_once(
    client, world, data, fresh_campaigns
):
    assert campaign_authors(client, world.consultation) == [CAMPAIGN]
    delete_account(data["comments"][5].author, PASSWORD, "keep")
    assert campaign_authors(client, world.consultation) == [["Eva", "Deleted account", "Gábor"]]


def test_a_campaign_changes_when_one_comment_is_hidden_and_another_restored(
    client, world, data, fresh_campaigns
):
    assert campaign_authors(client, world.consultation) == [CAMPAIGN]
    data["comments"][4].state = CommentState.HIDDEN
    data["hidden"].state = CommentState.VISIBLE  # as many comments, by as many people
    db.session.commit()
    assert campaign_authors(client, world.consultation) == [CAMPAIGN[1:]]


def test_a_campaign_changes_when_two_comments_are_hidden_and_two_restored(
    client, world, make_user, make_comment, fresh_campaigns
):
    start = as_utc(world.consultation.closes_at)
    letters = [
        make_comment(
            world.consultation, LETTER, make_user(name), created_at=start + timedelta(minutes=n)
        )
        for n, name in enumerate(("Ada", "Ben", "Cai", "Dan"))
    ]
    first, second, third, fourth = letters
    # The same number of comments, by as many people, with the same sum of ids.
    assert first.id + fourth.id == second.id + third.id
    second.state = third.state = CommentState.HIDDEN
    db.session.commit()
    assert campaign_authors(client, world.consultation) == [["Ada", "Dan"]]
    first.state = fourth.state = CommentState.HIDDEN
    second.state = third.state = CommentState.VISIBLE
    db.session.commit()
    assert campaign_authors(client, world.consultation) == [["Ben", "Cai"]]


def test_a_campaign_shows_an_authors_new_name_at_once(client, world, data, fresh_campaigns):
    """Grouping is kept per worker, names are not: a renamed author shows renamed."""
    assert campaign_authors(client, world.consultation) == [CAMPAIGN]
    felikss = data["comments"][5].author
    update_profile(felikss, "Fēlikss Bērziņš", felikss.language)
    assert campaign_authors(client, world.consultation) == [["Eva", "Fēlikss Bērziņš", "Gábor"]]
