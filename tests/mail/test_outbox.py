"""The outbox sender: each message is sent once, failures are retried later, then given up."""

from __future__ import annotations

import email
import socket
import socketserver
import threading
from datetime import timedelta
from email import policy

import pytest

from consultations.clock import as_utc, now
from consultations.extensions import db
from consultations.mail.models import OutboxMail
from consultations.mail.services import queue_mail

from helpers import outbox


def queue(recipient="dana@example.org", language="en") -> OutboxMail:
    mail = queue_mail(
        recipient, "reset_password", language, name="Dana", reset_url="http://localhost/x"
    )
    db.session.commit()
    return mail


def send(runner):
    return runner.invoke(args=["send-mail"])


def reload(mail: OutboxMail) -> OutboxMail:
    db.session.expire_all()
    return db.session.get(OutboxMail, mail.id)


def make_due(mail: OutboxMail) -> None:
    """Let time pass until the next attempt."""
    db.session.execute(
        db.update(OutboxMail)
        .where(OutboxMail.id == mail.id)
        .values(next_attempt_at=now() - timedelta(seconds=1))
    )
    db.session.commit()


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def broken_smtp(app, monkeypatch):
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", closed_port())


def test_queued_mail_is_rendered_in_the_recipients_language(app_ctx):
    mail = queue(language="he")
    assert mail.language == "he"
    assert mail.subject and "\n" not in mail.subject
    assert "http://localhost/x" in mail.body
    assert mail.sent_at is None and mail.attempts == 0


def test_send_mail_sends_pending_mail_once(runner, app_ctx):
    first, second = queue("a@example.org"), queue("b@example.org")

    result = send(runner)

    assert result.exit_code == 0
    assert "sent 2, failed 0" in result.output
    assert all(reload(mail).sent_at is not None for mail in (first, second))
    assert reload(first).attempts == 1

    again = send(runner)
    assert again.exit_code == 0 and "sent 0, failed 0" in again.output


def test_send_mail_respects_the_limit(runner, app_ctx):
    for number in range(3):
        queue(f"p{number}@example.org")
    assert "sent 2," in runner.invoke(args=["send-mail", "--limit", "2"]).output
    assert [mail.sent_at is not None for mail in outbox()] == [True, True, False]


def test_failed_delivery_is_recorded_and_retried_later(runner, app_ctx, broken_smtp):
    mail = queue()
    started = now()

    result = send(runner)

    assert result.exit_code == 1
    assert "sent 0, failed 1" in result.output
    failed = reload(mail)
    assert failed.sent_at is None and failed.claimed_at is None
    assert failed.attempts == 1
    assert failed.last_error
    first_retry_at = as_utc(failed.next_attempt_at)
    assert first_retry_at > started + timedelta(seconds=60)

    assert "sent 0, failed 0" in send(runner).output  # not due yet
    assert reload(mail).attempts == 1

    make_due(mail)
    assert "failed 1" in send(runner).output
    retried = reload(mail)
    assert retried.attempts == 2
    assert as_utc(retried.next_attempt_at) > first_retry_at


def test_retry_waits_longer_after_each_failure(runner, app_ctx, broken_smtp):
    mail = queue()
    waits = []
    for _attempt in range(3):
        make_due(mail)
        before = now()
        send(runner)
        waits.append(as_utc(reload(mail).next_attempt_at) - before)
    assert waits[0] < waits[1] < waits[2]


def test_mail_is_given_up_after_the_maximum_attempts(
    app, runner, app_ctx, broken_smtp, monkeypatch
):
    monkeypatch.setitem(app.config, "MAIL_MAX_ATTEMPTS", 3)
    mail = queue()
    for _attempt in range(3):
        make_due(mail)
        send(runner)
    assert reload(mail).attempts == 3

    make_due(mail)
    result = send(runner)
    assert result.exit_code == 0 and "sent 0, failed 0" in result.output
    assert reload(mail).attempts == 3


def test_retried_mail_is_sent_once_the_server_is_back(
    app, runner, app_ctx, broken_smtp, monkeypatch
):
    mail = queue()
    send(runner)
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "log")
    make_due(mail)
    assert "sent 1, failed 0" in send(runner).output
    sent = reload(mail)
    assert sent.sent_at is not None and sent.attempts == 2


def test_claimed_mail_is_never_sent_again(runner, app_ctx):
    mail = queue()
    db.session.execute(
        db.update(OutboxMail).where(OutboxMail.id == mail.id).values(claimed_at=now())
    )
    db.session.commit()

    result = send(runner)

    assert "sent 0, failed 0" in result.output
    assert reload(mail).sent_at is None


def test_mail_claimed_between_listing_and_sending_is_skipped(runner, app_ctx, monkeypatch):
    """Another sender takes the message after this one listed it as due."""
    from consultations.mail import services

    mail = queue()
    real_claim = services._claim

    def other_sender_first(mail_id):
        db.session.execute(
            db.update(OutboxMail).where(OutboxMail.id == mail_id).values(claimed_at=now())
        )
        db.session.commit()
        return real_claim(mail_id)

    monkeypatch.setattr(services, "_claim", other_sender_first)
    delivered = []
    monkeypatch.setattr(services, "deliver", delivered.append)

    assert "sent 0, failed 0" in send(runner).output
    assert delivered == []
    assert reload(mail).sent_at is None


# A real SMTP conversation, with a small server that keeps what it receives.


class _SMTPHandler(socketserver.StreamRequestHandler):
    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 test ESMTP")
        envelope: dict = {"rcpt": []}
        while line := self.rfile.readline():
            command = line.decode().strip()
            verb = command.split(" ", 1)[0].upper()
            if verb in ("EHLO", "HELO"):
                self.reply("250 test")
            elif verb == "MAIL":
                envelope["from"] = command
                self.reply("250 OK")
            elif verb == "RCPT":
                envelope["rcpt"].append(command)
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                data = b""
                while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                    data += chunk[1:] if chunk.startswith(b"..") else chunk
                self.server.received.append({**envelope, "data": data})
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:
                self.reply("250 OK")


@pytest.fixture
def smtp_server(app, monkeypatch):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.daemon_threads = True
    server.received = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setitem(app.config, "MAIL_BACKEND", "smtp")
    monkeypatch.setitem(app.config, "MAIL_SERVER", "127.0.0.1")
    monkeypatch.setitem(app.config, "MAIL_PORT", server.server_address[1])
    monkeypatch.setitem(app.config, "MAIL_FROM", "Consultations <no-reply@gov.example>")
    yield server
    server.shutdown()
    server.server_close()


def test_mail_reaches_the_smtp_server_exactly_once(runner, app_ctx, smtp_server):
    mail = queue("dana@example.org", language="lv")

    assert "sent 1, failed 0" in send(runner).output
    assert "sent 0, failed 0" in send(runner).output

    (received,) = smtp_server.received
    assert [rcpt.upper() for rcpt in received["rcpt"]] == ["RCPT TO:<DANA@EXAMPLE.ORG>"]
    message = email.message_from_bytes(received["data"], policy=policy.default)
    assert message["Subject"] == mail.subject
    assert message["Content-Language"] == "lv"
    assert message["To"] == "dana@example.org"
    assert message["From"] == "Consultations <no-reply@gov.example>"
    assert "http://localhost/x" in message.get_content()
    assert reload(mail).sent_at is not None


def test_non_latin_subject_arrives_intact(runner, app_ctx, smtp_server):
    mail = queue_mail("dana@example.org", "reset_password", "he", name="דנה", reset_url="u")
    mail.subject = "איפוס סיסמה"
    db.session.commit()

    send(runner)

    (received,) = smtp_server.received
    message = email.message_from_bytes(received["data"], policy=policy.default)
    assert message["Subject"] == "איפוס סיסמה"
    assert "דנה" in message.get_content()
