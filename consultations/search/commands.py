"""Flask commands of search; register_cli adds every command in COMMANDS."""

from __future__ import annotations

import click

from ..extensions import db


@click.command("search-reindex")
def search_reindex():
    """Rebuild the search index from every commitment, consultation, update and comment."""
    from .documents import rebuild

    with db.engine.begin() as connection:
        counts = rebuild(connection)
    for kind, number in counts.items():
        click.echo(f"{kind}: {number} documents")
    click.echo(f"Search index rebuilt: {sum(counts.values())} documents.")


COMMANDS: list = [search_reindex]
