"""The privacy notice and the account page link the two personal-data actions."""

from __future__ import annotations

import pytest

from helpers import login


@pytest.mark.parametrize("lang", ["he", "lv", "hu", "en"])
def test_privacy_notice_links_both_actions(client, lang):
    html = client.get(f"/{lang}/privacy").get_data(as_text=True)
    assert f'href="/{lang}/account/data"' in html
    assert f'href="/{lang}/account/delete"' in html


def test_privacy_notice_states_retention(client):
    html = client.get("/en/privacy").get_data(as_text=True)
    assert "Copies of sent e-mails are deleted 30 days after sending." in html
    assert "The audit log is kept forever" in html
    assert "IP addresses" in html


def test_account_page_links_both_actions(client, make_user):
    login(client, make_user())
    html = client.get("/en/account").get_data(as_text=True)
    assert 'href="/en/account/data"' in html and 'href="/en/account/delete"' in html


def test_purge_sent_mail_keeps_recent_and_unsent_mail(app_ctx, runner):
    from datetime import timedelta

    from consultations.clock import now
    from consultations.extensions import db
    from consultations.mail.models import OutboxMail
    from consultations.mail.services import queue_mail

    old = queue_mail("a@example.org", "verify_email", "en", name="A", verify_url="x")
    recent = queue_mail("b@example.org", "verify_email", "en", name="B", verify_url="x")
    pending = queue_mail("c@example.org", "verify_email", "en", name="C", verify_url="x")
    old.sent_at = now() - timedelta(days=31)
    recent.sent_at = now() - timedelta(days=2)
    db.session.commit()
    result = runner.invoke(args=["purge-sent-mail"])
    assert "deleted 1 sent e-mails" in result.output
    left = {mail.recipient for mail in db.session.scalars(db.select(OutboxMail))}
    assert left == {"b@example.org", "c@example.org"}
    assert pending.id
