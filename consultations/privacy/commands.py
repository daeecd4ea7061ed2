"""Flask commands of privacy; register_cli adds every command in COMMANDS."""

from __future__ import annotations

import click
from flask import current_app


@click.command("purge-sent-mail")
@click.option(
    "--days",
    type=int,
    default=None,
    help="Keep copies this many days (default: SENT_MAIL_KEEP_DAYS, 30).",
)
def purge_sent_mail(days: int | None):
    """Delete copies of e-mail sent longer ago than the privacy notice promises (run daily)."""
    from .services import purge_sent_mail as purge

    days = days if days is not None else current_app.config["SENT_MAIL_KEEP_DAYS"]
    click.echo(f"deleted {purge(days)} sent e-mails older than {days} days")


COMMANDS: list = [purge_sent_mail]
