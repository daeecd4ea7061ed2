"""Flask commands of self-assessment reports: gather a plan's figures outside any request."""

from __future__ import annotations

import time

import click

from ..plans.queries import get_plan_or_404
from . import services
from .models import Period


@click.command("self-assessment")
@click.argument("plan", required=False)
@click.argument("period", required=False, type=click.Choice([p.value for p in Period]))
@click.option("--queued", is_flag=True, help="Gather every draft that staff queued from the site.")
def self_assessment(plan: str | None, period: str | None, queued: bool) -> None:
    """Gather the figures of PLAN's PERIOD report (mid_term or end_of_term) into its draft,
    starting one if there is none; with --queued, the drafts waiting for this command."""
    if queued:
        while (report := services.next_queued()) is not None:
            _timed(lambda report=report: services.generate(report))
        return
    if not plan or not period:
        raise click.UsageError("Give PLAN and PERIOD, or --queued.")
    found = get_plan_or_404(plan)
    draft = services.latest_draft(found, Period(period))
    if draft is None:
        _timed(lambda: services.start_report(None, found, Period(period)))
    else:
        _timed(lambda: services.generate(draft))


def _timed(work) -> None:
    started = time.perf_counter()
    report = work()
    seconds = time.perf_counter() - started
    click.echo(
        f"Report {report.id} of {report.plan.slug}: {report.progress_total} commitments "
        f"gathered in {seconds:.1f} s."
    )


COMMANDS = [self_assessment]
