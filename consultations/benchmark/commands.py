"""`flask bench-data`: national-scale data for the benchmark in bench/."""

from __future__ import annotations

import time

import click

COMMANDS: list = []


@click.command("bench-data")
@click.option(
    "--scale",
    default=1.0,
    show_default=True,
    help="Fraction of the national scale (1.0: 200,000 comments, 50,000 people).",
)
@click.option("--seed", default=2026, show_default=True, help="Same seed, same data.")
def bench_data(scale: float, seed: int):
    """Fill the (empty) database named by DATABASE_URL with benchmark data."""
    from .data import DatabaseNotEmpty, Scale, fill

    started = time.monotonic()
    size = Scale() if scale == 1.0 else Scale.fraction(scale)
    try:
        for line in fill(size, seed):
            click.echo(f"{time.monotonic() - started:7.1f} s  {line}")
    except DatabaseNotEmpty:
        raise click.ClickException(
            "The database already has accounts; benchmark data goes only into an empty one."
        ) from None
    click.echo(f"Done in {time.monotonic() - started:.0f} s.")


COMMANDS.append(bench_data)
