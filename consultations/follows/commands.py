"""Flask commands of follows; register_cli adds every command in COMMANDS."""

from __future__ import annotations

import click


@click.command("notify")
def notify():
    """Record clock events for followers and queue the notification mail that is due.

    Meant for cron every few minutes; running it twice sends nothing new.
    """
    from ..clock import now
    from .schedule import run

    report = run(now())
    click.echo(
        f"recorded {report.recorded}, mails {report.mails} "
        f"(digests {report.digests}), dropped {report.dropped}"
    )


COMMANDS: list = [notify]
