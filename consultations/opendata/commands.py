"""Flask commands of opendata; register_cli adds every command in COMMANDS."""

from __future__ import annotations

import shutil
from pathlib import Path

import click
from flask import current_app
from flask.cli import with_appcontext

from . import files
from .schema import datapackage
from .tables import TABLES


@click.command("export-open-data")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@with_appcontext
def export_open_data(directory: Path) -> None:
    """Write every open-data file and datapackage.json into DIRECTORY, as /data/ serves them.

    For publishing on a data portal, and for `frictionless validate DIRECTORY/datapackage.json`
    in CI.
    """
    directory.mkdir(parents=True, exist_ok=True)
    # Addresses in the files (a commitment's URL) are built as in a request to the public site.
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        for table in TABLES:
            _save(files.write_csv(table), directory / table.filename)
        _save(files.write_json(datapackage(TABLES)), directory / "datapackage.json")
    click.echo(f"Wrote {len(TABLES) + 1} files to {directory}.")


def _save(written: files.Written, path: Path) -> None:
    with written.body, path.open("wb") as target:
        shutil.copyfileobj(written.body, target)


COMMANDS: list = [export_open_data]
