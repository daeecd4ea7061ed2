"""Flask commands of documents: check every stored file against its record; archive the
evidence links."""

from __future__ import annotations

import click

from . import archive, services


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


@click.command("archive-evidence")
@click.option("--limit", type=int, default=None, help="Fetch at most this many addresses.")
def archive_evidence(limit: int | None) -> None:
    """Archive every evidence link without a copy, and re-check the archived ones due."""
    run = archive.archive_evidence(limit)
    for url, reason in run.failed:
        click.echo(f"Not archived: {url}: {reason}.", err=True)
    click.echo(
        f"Archived {len(run.archived)} new link(s); {len(run.answered)} archived link(s) "
        f"still answer; {len(run.failed)} did not answer."
    )


COMMANDS = [documents, archive_evidence]
