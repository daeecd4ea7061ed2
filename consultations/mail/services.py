"""Queueing e-mail in the outbox, and sending it: retried on failure, never twice."""

from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from datetime import timedelta
from email.message import EmailMessage

from flask import current_app, render_template, url_for
from sqlalchemy import select, update

from ..clock import now
from ..extensions import db
from ..i18n import force_locale, offered_language
from .models import OutboxMail

log = logging.getLogger(__name__)


def absolute_url(endpoint: str, **values) -> str:
    """A link for an e-mail, always on the configured public address (never the Host header)."""
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        return url_for(endpoint, _external=True, **values)


def queue_mail(
    recipient: str, template: str, language: str, list_unsubscribe: str | None = None, **context
) -> OutboxMail:
    """Render `email/<template>.txt` in the recipient's language into the outbox (caller commits).

    The template's first line is the subject; the rest is the body. `list_unsubscribe` is the
    one-click unsubscribe address (RFC 8058) of notification mail.
    """
    language = offered_language(language)
    with force_locale(language):
        rendered = render_template(f"email/{template}.txt", lang=language, **context)
    subject, _, body = rendered.strip().partition("\n")
    mail = OutboxMail(
        recipient=recipient,
        subject=subject.strip(),
        body=body.strip() + "\n",
        language=language,
        list_unsubscribe=list_unsubscribe,
        next_attempt_at=now(),
        attempts=0,
    )
    db.session.add(mail)
    return mail


@dataclass
class SendReport:
    sent: int = 0
    failed: int = 0


def send_pending(limit: int = 100) -> SendReport:
    """Send what is due; each message is claimed first, so no two senders send it twice."""
    config = current_app.config
    report = SendReport()
    due = db.session.scalars(
        select(OutboxMail.id)
        .where(
            OutboxMail.sent_at.is_(None),
            OutboxMail.claimed_at.is_(None),
            OutboxMail.attempts < config["MAIL_MAX_ATTEMPTS"],
            OutboxMail.next_attempt_at <= now(),
        )
        .order_by(OutboxMail.id)
        .limit(limit)
    ).all()
    db.session.commit()
    for mail_id in due:
        if not _claim(mail_id):
            continue
        mail = db.session.get(OutboxMail, mail_id)
        try:
            deliver(mail)
        except Exception as error:  # any transport failure is retried later
            mail.attempts += 1
            mail.last_error = str(error)[:2000]
            mail.claimed_at = None
            mail.next_attempt_at = now() + timedelta(minutes=2**mail.attempts)
            report.failed += 1
            log.warning("Mail %s to %s failed: %s", mail.id, mail.recipient, error)
        else:
            mail.attempts += 1
            mail.sent_at = now()
            report.sent += 1
        db.session.commit()
    return report


def _claim(mail_id: int) -> bool:
    result = db.session.execute(
        update(OutboxMail)
        .where(
            OutboxMail.id == mail_id,
            OutboxMail.claimed_at.is_(None),
            OutboxMail.sent_at.is_(None),
        )
        .values(claimed_at=now())
    )
    db.session.commit()
    return result.rowcount == 1


def deliver(mail: OutboxMail) -> None:
    """Hand one message to the configured transport."""
    config = current_app.config
    if config["MAIL_BACKEND"] == "log":
        log.info("E-mail to %s\nSubject: %s\n\n%s", mail.recipient, mail.subject, mail.body)
        return
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = mail.recipient
    message["Subject"] = mail.subject
    message.set_content(mail.body)
    # After set_content, which clears every Content-* header set before it.
    message["Content-Language"] = mail.language
    if mail.list_unsubscribe:
        message["List-Unsubscribe"] = f"<{mail.list_unsubscribe}>"
        message["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)
