"""Flask commands of service quality; register_cli adds every command in COMMANDS."""

from __future__ import annotations

from datetime import date

import click

from ..clock import now
from .records import recompute_month, record_missing_months


def _month(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError as error:
        raise click.BadParameter("write the month as YYYY-MM, e.g. 2026-11") from error


@click.command("quality-months")
@click.option("--recompute", "recompute", metavar="YYYY-MM", help="Recompute one closed month.")
def quality_months(recompute: str | None) -> None:
    """Keep the service-quality figures of every closed month not kept yet."""
    month = _month(recompute)
    if month is not None:
        try:
            recompute_month(month, now())
        except ValueError as error:
            raise click.BadParameter(str(error), param_hint="--recompute") from error
        click.echo(f"Recomputed {month:%Y-%m}.")
        return
    written = record_missing_months(now())
    click.echo(f"Kept {len(written)} month(s): " + ", ".join(f"{m:%Y-%m}" for m in written))


COMMANDS = [quality_months]
