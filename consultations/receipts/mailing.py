"""E-mail to a comment's author: the receipt when it is sent, the response when it comes;
and to a proposal's author, the receipt.

Both go through the outbox in the author's language. The response mail is recorded as a
notification first (one per person and comment, by its unique key), so publishing that
runs twice, or twice at once, queues it once.
"""

from __future__ import annotations

from datetime import datetime

from babel.dates import format_date
from flask import current_app
from sqlalchemy import select

from ..accounts.models import User
from ..clock import as_utc
from ..comments.models import Comment, CommentState
from ..consultation.labels import OUTCOME
from ..consultation.models import Consultation
from ..extensions import db
from ..follows.models import EventKind
from ..follows.notify import record
from ..formatting import zone
from ..i18n import offered_language
from ..mail.services import absolute_url, queue_mail
from ..plans.models import ActionPlan
from ..proposals.models import Proposal
from ..responses.models import Response
from . import proposal_status
from .comment_status import PREFIX, SUBJECT
from .services import issue_receipt, reference_for


def receive_comment(author: User, comment: Comment, consultation: Consultation) -> str:
    """Give a new comment its reference and e-mail it to the author (caller commits)."""
    db.session.flush()  # the comment's id
    receipt = issue_receipt(PREFIX, SUBJECT, comment.id, comment.created_at)
    lang = offered_language(author.language)
    queue_mail(
        author.email,
        "comment_receipt",
        lang,
        name=author.display_name,
        reference=receipt.reference,
        consultation_title=consultation.text("title", lang).text,
        received_on=_day(comment.created_at, lang),
        closes_on=_day(consultation.closes_at, lang),
        deadline=_day(consultation.response_deadline, lang),
        response_mail=author.response_mail,
        track_url=absolute_url("receipts.track", lang=lang, reference=receipt.reference),
    )
    return receipt.reference


def receive_proposal(author: User, proposal: Proposal, plan: ActionPlan) -> str:
    """Give a new proposal its reference and e-mail it to the author (caller commits)."""
    from ..proposals.publication import timeline_of
    from ..proposals.queries import answer_deadline, proposals_stage

    db.session.flush()  # the proposal's id
    receipt = issue_receipt(
        proposal_status.PREFIX, proposal_status.SUBJECT, proposal.id, proposal.created_at
    )
    lang = offered_language(author.language)
    timeline = timeline_of(plan)
    stage, deadline = proposals_stage(timeline), answer_deadline(timeline)
    queue_mail(
        author.email,
        "proposal_receipt",
        lang,
        name=author.display_name,
        reference=receipt.reference,
        plan_title=plan.text("title", lang).text,
        received_on=_day(proposal.created_at, lang),
        ends_on=format_date(stage.ends_on, "long", locale=_locale(lang)) if stage else None,
        deadline=format_date(deadline, "long", locale=_locale(lang)) if deadline else None,
        track_url=absolute_url("receipts.track", lang=lang, reference=receipt.reference),
    )
    return receipt.reference


def response_published(response: Response, comments: list[Comment]) -> int:
    """Tell each author of an answered comment its outcome and reasons, once (caller commits).

    Authors who turned this mail off, and accounts deleted, suspended or never confirmed,
    get nothing. Returns how many mails were queued.
    """
    authors = _reachable_authors({c.author_id for c in comments if c.author_id is not None})
    consultation = db.session.get(Consultation, response.consultation_id)
    queued = 0
    for comment in comments:
        author = authors.get(comment.author_id)
        if author is None or comment.state != CommentState.VISIBLE:
            continue
        if not record(EventKind.ANSWERED, comment.id, {author.id: None}, mailed=True):
            continue  # this comment's author already has it
        _mail_response(author, comment, response, consultation)
        queued += 1
    return queued


def _reachable_authors(ids: set[int]) -> dict[int, User]:
    if not ids:
        return {}
    users = db.session.scalars(
        select(User).where(
            User.id.in_(ids),
            User.response_mail.is_(True),
            User.email_verified_at.is_not(None),
            User.suspended_at.is_(None),
            User.deleted_at.is_(None),
        )
    )
    return {user.id: user for user in users}


def _mail_response(
    author: User, comment: Comment, response: Response, consultation: Consultation
) -> None:
    lang = offered_language(author.language)
    reference = reference_for(SUBJECT, comment.id)
    reasons = response.text("reasons", lang)
    queue_mail(
        author.email,
        "comment_answered",
        lang,
        name=author.display_name,
        reference=reference,
        consultation_title=consultation.text("title", lang).text,
        outcome=OUTCOME[response.outcome],  # translated as the mail is written
        reasons=reasons.text,
        published_on=_day(response.published_at, lang),
        comment_url=absolute_url(
            "consultation.detail",
            lang=lang,
            slug=consultation.slug,
            _anchor=f"comment-{comment.id}",
        ),
        track_url=(
            absolute_url("receipts.track", lang=lang, reference=reference) if reference else None
        ),
        settings_url=absolute_url("accounts.account", lang=lang, _anchor="response-mail"),
    )


def _day(moment: datetime, lang: str) -> str:
    """A day in the recipient's language (not the language of the page that sent the mail)."""
    return format_date(as_utc(moment).astimezone(zone()).date(), "long", locale=_locale(lang))


def _locale(lang: str) -> str:
    return current_app.config.get("ENGLISH_LOCALE", "en_GB") if lang == "en" else lang
