"""Flask commands of documents: check every stored file against its record."""

from __future__ import annotations

import click

from . import services


@click.group("documents")
def documents() -> None:
    """Stored documents."""


@documents.command("verify")
@click.option(
    "--orphans",
    is_flag=True,
    help="Also remove stored files that no record names (left by failed uploads).",
)
def verify(orphans: bool) -> None:
    """Re-hash every stored file; exit 1 if one is missing or altered."""
    problems = list(services.verify())
    for problem in problems:
        click.echo(
            f"Document {problem.document_id}: its file {problem.key} is {problem.kind}.", err=True
        )
    if orphans:
        removed = services.collect_orphans(remove=True)
        click.echo(f"Removed {len(removed)} stored file(s) that no record names.")
    if problems:
        raise SystemExit(1)
    click.echo("Every stored document matches its SHA-256.")


COMMANDS = [documents]
