"""Flask commands of the staff worklist; register_cli adds every command in COMMANDS."""

from __future__ import annotations

import click


@click.command("staff-digest")
def staff_digest():
    """Queue today's digest for each staff member with something to do (once a day, from cron).

    Running it again the same day, even at the same time, sends nobody a second digest.
    """
    from ..clock import now
    from .digest import send_digests

    report = send_digests(now())
    click.echo(f"digests {report.sent}, nothing to say {report.quiet}, already sent {report.taken}")


COMMANDS: list = [staff_digest]
