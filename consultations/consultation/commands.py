"""`flask recount-comments`: the consultations' comment counters counted again."""

from __future__ import annotations

import click

COMMANDS: list = []


@click.command("recount-comments")
def recount_comments():
    """Count every consultation's and section's comments again (after hand-written SQL)."""
    from ..extensions import db
    from .counters import recount

    recount(db.session.connection())
    db.session.commit()
    click.echo("Comment counters counted again.")


COMMANDS.append(recount_comments)
