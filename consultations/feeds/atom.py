"""Atom 1.0 feeds (RFC 4287): events turned into entries in the reader's language.

Titles and summaries are written in the reader's language; content text (a narrative, a
consultation's introduction, a response's reasons) comes in the reader's language or the
site's fallback, carries its own `xml:lang`, and the summary then says which language it is
shown in, as the pages do. Everything is plain text (`type="text"`): the template escapes it,
so no HTML from anyone reaches a feed reader.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlsplit

from flask import current_app, url_for
from flask_babel import gettext as _

from ..clock import as_utc, now
from ..consultation.labels import OUTCOME
from ..consultation.models import Consultation
from ..content import Shown
from ..formatting import format_day, format_share
from ..i18n import current_language, site_name, text_direction
from ..plans.labels import ASSESSED_COMPLETION, COMPLETION, OPENED_GOVERNMENT, language_label
from ..plans.models import ActionPlan, Assessment, Commitment, ProgressUpdate
from ..responses.models import Response
from . import queries
from .queries import (
    AMENDMENT,
    ASSESSMENT,
    CLOSED,
    OPENED,
    PROPOSAL_ANSWER,
    REPORT,
    RESPONDED,
    RESPONSE,
    TIMELINE_CHANGED,
    TIMELINE_PUBLISHED,
    UPDATE,
    Event,
    Scope,
)

# When a site has nothing at all yet: a fixed time, never "now", so the feed stays the same.
EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
# Characters XML 1.0 cannot carry, not even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def _name(value: str) -> str:
    """A name or reference inside a right-to-left sentence, isolated as <bdi> does on pages."""
    return f"\u2068{value}\u2069" if text_direction(current_language()) == "rtl" else value


def _day(moment: datetime) -> str:
    """A date inside a sentence that ends with a full stop (Hungarian dates end with one)."""
    return format_day(moment, "long").rstrip(".")


@dataclass(frozen=True)
class Entry:
    id: str
    kind: str
    title: str
    updated: datetime
    published: datetime
    link: str
    author: str
    summary: str
    content: str = ""
    content_lang: str = ""


@dataclass
class Feed:
    id: str
    title: str
    lang: str
    updated: datetime
    self_url: str
    page_url: str
    # The same feed in the site's other languages: (language, address).
    translations: list[tuple[str, str]] = field(default_factory=list)
    entries: list[Entry] = field(default_factory=list)


def tag(specific: str) -> str:
    """A tag: URI (RFC 4151) on the site's public host: stable whatever address served it."""
    host = urlsplit(current_app.config["PUBLIC_URL"]).hostname or "localhost"
    return f"tag:{host},2026:{specific}"


def entry_limit() -> int:
    return current_app.config["FEED_ENTRIES"]


# Each feed's address, and the page it is the feed of.
PAGES = {
    "feeds.site": "main.home",
    "feeds.plan": "plans.detail",
    "feeds.commitment": "plans.commitment",
    "feeds.consultation": "consultation.detail",
}


def _feed(scope: Scope, specific: str, title: str, endpoint: str, since: datetime, **args):
    """The newest entries of `scope`; the feed's time is its newest entry's, else `since`."""
    lang = current_language()
    entries = [_entry(event) for event in queries.newest_events(scope, now(), entry_limit())]
    languages = current_app.config["LANGUAGES"]
    page_endpoint = PAGES[endpoint]
    return Feed(
        id=tag(f"feed/{lang}/{specific}"),
        title=xml_text(title),
        lang=lang,
        updated=max((entry.updated for entry in entries), default=since),
        self_url=url_for(endpoint, lang=lang, _external=True, **args),
        page_url=url_for(page_endpoint, lang=lang, _external=True, **args),
        translations=[
            (code, url_for(endpoint, lang=code, _external=True, **args))
            for code in languages
            if code != lang
        ],
        entries=entries,
    )


def site_feed() -> Feed:
    """Everything new on the site."""
    title = _("What's new on %(site)s", site=site_name())
    since = queries.site_started() or EPOCH
    return _feed(Scope(), "site", title, "feeds.site", since)


def plan_feed(plan: ActionPlan) -> Feed:
    """What is new in one action plan: its commitments' records and its consultations."""
    title = _("Updates: %(title)s", title=_name(plan.text("title").text))
    return _feed(
        Scope(plan_id=plan.id), f"plan/{plan.id}", title, "feeds.plan", _at(plan), slug=plan.slug
    )


def commitment_feed(commitment: Commitment) -> Feed:
    """What is new about one commitment: its updates, assessments and consultations."""
    name = f"{_name(commitment.reference)} · {_name(commitment.text('title').text)}"
    return _feed(
        Scope(commitment_id=commitment.id),
        f"commitment/{commitment.id}",
        _("Updates: %(title)s", title=name),
        "feeds.commitment",
        _at(commitment),
        reference=_name(commitment.reference),
    )


def consultation_feed(consultation: Consultation) -> Feed:
    """One consultation's opening, closing and reasoned responses."""
    return _feed(
        Scope(consultation_id=consultation.id),
        f"consultation/{consultation.id}",
        _("Updates: %(title)s", title=_name(consultation.text("title").text)),
        "feeds.consultation",
        _at(consultation),
        slug=consultation.slug,
    )


def _at(thing) -> datetime:
    return as_utc(thing.created_at) if thing.created_at else EPOCH


# Entries --------------------------------------------------------------------------------


def _entry(event: Event) -> Entry:
    return {
        UPDATE: _update_entry,
        ASSESSMENT: _assessment_entry,
        AMENDMENT: _amendment_entry,
        OPENED: _opened_entry,
        CLOSED: _closed_entry,
        RESPONDED: _responded_entry,
        RESPONSE: _response_entry,
        REPORT: _report_entry,
        PROPOSAL_ANSWER: _proposal_answer_entry,
        TIMELINE_PUBLISHED: _timeline_entry,
        TIMELINE_CHANGED: _timeline_entry,
    }[event.kind](event)


def _make(event: Event, specific: str, title: str, link: str, author: str, lines, shown=None):
    """An entry whose summary is `lines` and whose content is `shown` (with its language)."""
    lines = [line for line in lines if line]
    if shown is not None and shown.text and shown.fallback:
        lines.append(
            _(
                "Not available in this language; shown in %(language)s.",
                language=language_label(shown.lang),
            )
        )
    published = getattr(event.record, "published_at", None)
    return Entry(
        id=tag(specific),
        kind=event.kind,
        title=xml_text(title),
        updated=event.moment,
        published=as_utc(published) if published else event.moment,
        link=link,
        author=xml_text(author),
        summary=xml_text(" ".join(lines)),
        content=xml_text(shown.text) if shown is not None else "",
        content_lang=shown.lang if shown is not None else "",
    )


def _commitment_link(record: ProgressUpdate | Assessment, anchor: str) -> str:
    reference = record.commitment.reference
    return url_for("plans.commitment", reference=reference, _anchor=anchor, _external=True)


def _by(record: ProgressUpdate | Assessment) -> str:
    organisation = record.organisation_name().text
    return ", ".join(part for part in (record.author_name, organisation) if part)


def _update_entry(event: Event) -> Entry:
    update: ProgressUpdate = event.record
    commitment = update.commitment
    title = _(
        "Progress update on %(reference)s: %(title)s",
        reference=_name(commitment.reference),
        title=_name(commitment.text("title").text),
    )
    status = _(
        "Status: %(status)s, %(percent)s complete.",
        status=COMPLETION[update.status],
        percent=format_share(update.percent_complete / 100),
    )
    link = _commitment_link(update, f"update-{update.id}")
    shown = update.text("narrative")
    return _make(event, f"{UPDATE}/{update.id}", title, link, _by(update), [status], shown)


def _assessment_entry(event: Event) -> Entry:
    assessment: Assessment = event.record
    commitment = assessment.commitment
    title = _(
        "Independent assessment of %(reference)s: %(title)s",
        reference=_name(commitment.reference),
        title=_name(commitment.text("title").text),
    )
    if assessment.opened_government is None:  # one milestone's assessment
        verdict = _(
            "Milestone %(number)s: completion %(completion)s.",
            number=assessment.milestone.position if assessment.milestone else "",
            completion=ASSESSED_COMPLETION[assessment.completion],
        )
    else:
        verdict = _(
            "Completion: %(completion)s. Did it open government? %(opened)s.",
            completion=ASSESSED_COMPLETION[assessment.completion],
            opened=OPENED_GOVERNMENT[assessment.opened_government],
        )
    link = _commitment_link(assessment, f"assessment-{assessment.id}")
    shown = assessment.text("narrative")
    specific = f"{ASSESSMENT}/{assessment.id}"
    return _make(event, specific, title, link, _by(assessment), [verdict], shown)


def _amendment_entry(event: Event) -> Entry:
    revision = event.record
    commitment = revision.commitment
    title = _(
        "Amendment of %(reference)s: %(title)s",
        reference=_name(commitment.reference),
        title=_name(commitment.text("title").text),
    )
    link = url_for(
        "amend.history",
        reference=commitment.reference,
        _anchor=f"revision-{revision.id}",
        _external=True,
    )
    shown = revision.text("reason")
    return _make(event, f"{AMENDMENT}/{revision.id}", title, link, revision.author_name, [], shown)


def _consultation_link(consultation: Consultation, anchor: str | None = None) -> str:
    return url_for("consultation.detail", slug=consultation.slug, _anchor=anchor, _external=True)


def _opened_entry(event: Event) -> Entry:
    consultation: Consultation = event.record
    title = _("Open for comments: %(title)s", title=_name(consultation.text("title").text))
    until = _("Comments are welcome until %(date)s.", date=_day(consultation.closes_at))
    shown = consultation.text("introduction")
    return _make(
        event,
        f"{OPENED}/{consultation.id}",
        title,
        _consultation_link(consultation),
        consultation.agency.name().text,
        [until],
        shown if shown.text else None,
    )


def _closed_entry(event: Event) -> Entry:
    consultation: Consultation = event.record
    title = _("Consultation closed: %(title)s", title=_name(consultation.text("title").text))
    due = _("Responses are due by %(date)s.", date=_day(consultation.response_deadline))
    return _make(
        event,
        f"{CLOSED}/{consultation.id}",
        title,
        url_for("responses.report", slug=consultation.slug, _external=True),
        consultation.agency.name().text,
        [_("Comments are closed."), due],
    )


def _responded_entry(event: Event) -> Entry:
    consultation: Consultation = event.record
    title = _("Responses complete: %(title)s", title=_name(consultation.text("title").text))
    line = _(
        "The government has answered the comments; the consultation report shows how each "
        "was taken into account."
    )
    return _make(
        event,
        f"{RESPONDED}/{consultation.id}",
        title,
        url_for("responses.report", slug=consultation.slug, _external=True),
        consultation.agency.name().text,
        [line],
    )


def _response_entry(event: Event) -> Entry:
    response: Response = event.record
    consultation = event.consultation
    title = _(
        "Reasoned response on %(title)s: %(outcome)s",
        title=_name(consultation.text("title").text),
        outcome=OUTCOME[response.outcome],
    )
    shown: Shown = response.text("reasons")
    return _make(
        event,
        f"{RESPONSE}/{response.id}",
        title,
        _consultation_link(consultation, "comments"),
        consultation.agency.name().text,
        [],
        shown,
    )


def _report_entry(event: Event) -> Entry:
    report = event.record
    plan = report.plan
    if report.period == "mid_term":
        title = _("Mid-term self-assessment report: %(plan)s", plan=_name(plan.text("title").text))
    else:
        title = _(
            "End-of-term self-assessment report: %(plan)s", plan=_name(plan.text("title").text)
        )
    line = _(
        "The government's account of the plan: consultation figures, each commitment's "
        "progress, the independent assessments and where they disagree."
    )
    link = url_for("reports.report", slug=plan.slug, report_id=report.id, _external=True)
    author = plan.coordinating_agency.name().text
    return _make(event, f"{REPORT}/{report.id}", title, link, author, [line])


def _proposal_answer_entry(event: Event) -> Entry:
    from ..content import Shown
    from ..proposals.labels import OUTCOME as PROPOSAL_OUTCOME

    proposal = event.record
    answer = proposal.answer
    title = _(
        "Answer to the proposal %(title)s: %(outcome)s",
        title=_name(proposal.title),
        outcome=PROPOSAL_OUTCOME[answer.outcome],
    )
    return _make(
        event,
        f"{PROPOSAL_ANSWER}/{proposal.id}",
        title,
        url_for("proposals.detail", proposal_id=proposal.id, _external=True),
        answer.author_name,
        [],
        Shown(answer.reasons, answer.language, False),
    )


def _timeline_entry(event: Event) -> Entry:
    """The co-creation timeline published (every stage's dates) or changed (what moved, and
    the note that says why, in the language it was written in)."""
    from ..content import Shown
    from ..proposals.labels import STAGE

    timeline, change = event.record.timeline, event.record.change
    plan = timeline.plan
    name = _name(plan.text("title").text)
    if change is None:
        title = _("Co-creation timeline published: %(plan)s", plan=name)
        specific = f"{TIMELINE_PUBLISHED}/{timeline.id}"
        lines = [
            _(
                "%(stage)s: %(start)s to %(end)s.",
                stage=STAGE[row.stage],
                start=_day(row.starts_on),
                end=_day(row.ends_on),
            )
            for row in timeline.stages
        ]
    else:
        title = _("Co-creation timeline changed: %(plan)s", plan=name)
        specific = f"{TIMELINE_CHANGED}/{change.id}"
        lines = [_moved(stage, before, after) for stage, before, after in change.moves()]
    link = url_for(
        "proposals.timeline",
        slug=plan.slug,
        _anchor=f"change-{change.id}" if change else None,
        _external=True,
    )
    note = Shown(change.note, "", False) if change is not None and change.note else None
    return _make(event, specific, title, link, plan.coordinating_agency.name().text, lines, note)


def _moved(stage, before, after) -> str:
    from ..proposals.labels import STAGE

    if before is None:
        return _(
            "%(stage)s: %(start)s to %(end)s.",
            stage=STAGE[stage],
            start=_day(after[0]),
            end=_day(after[1]),
        )
    return _(
        "%(stage)s: now %(start)s to %(end)s (was %(was_start)s to %(was_end)s).",
        stage=STAGE[stage],
        start=_day(after[0]),
        end=_day(after[1]),
        was_start=_day(before[0]),
        was_end=_day(before[1]),
    )
