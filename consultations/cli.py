"""Flask commands: demo content, the first admin, the mail sender, translations, audit."""

from __future__ import annotations

import subprocess
import sys
from importlib import import_module
from pathlib import Path

import click
from flask import Flask, current_app

ROOT = Path(__file__).parent.parent
# Features that keep their own commands in <feature>/commands.py.
FEATURE_COMMANDS = (
    "api",
    "opendata",
    "feeds",
    "follows",
    "search",
    "privacy",
    "benchmark",
    "consultation",
    "documents",
    "staff",
    "quality",
    "reports",
)


def register_cli(app: Flask) -> None:
    app.cli.add_command(demo)
    app.cli.add_command(create_admin)
    app.cli.add_command(send_mail)
    app.cli.add_command(translate)
    app.cli.add_command(audit)
    app.cli.add_command(import_plan)
    for feature in FEATURE_COMMANDS:
        for command in import_module(f"consultations.{feature}.commands").COMMANDS:
            app.cli.add_command(command)


@click.command("demo")
def demo():
    """Load the demo content (safe to run again); stop, writing nothing, when other records
    stand in its way."""
    from .demo import DemoBlocked, load_demo
    from .errors import DomainError
    from .extensions import db

    try:
        for line in load_demo():
            click.echo(line)
    except DemoBlocked as blocked:
        click.echo("The demo was not loaded: this database already holds records in its way.")
        for clash in blocked.args[0]:
            click.echo(f"  - {clash}")
        click.echo("Load the demo into an empty database (DATABASE_URL), or remove these first.")
        sys.exit(1)
    except DomainError as error:
        db.session.rollback()
        click.echo(f"The demo stopped: {error}")
        sys.exit(1)


@click.command("create-admin")
@click.argument("email")
@click.option("--name", default="Administrator", help="Display name for a new account.")
@click.password_option(help="Password for a new account.")
def create_admin(email: str, name: str, password: str):
    """Make EMAIL an admin, creating the account if needed."""
    from .accounts.models import Role
    from .demo import ensure_user

    user = ensure_user(email, name, password, current_app.config["DEFAULT_LANGUAGE"], [Role.ADMIN])
    click.echo(f"{user.email} is an admin.")


@click.command("send-mail")
@click.option("--limit", default=100, help="How many messages to send at most.")
def send_mail(limit: int):
    """Send the e-mail waiting in the outbox (retries failures later, never sends twice)."""
    from .mail.services import send_pending

    report = send_pending(limit)
    click.echo(f"sent {report.sent}, failed {report.failed}")
    if report.failed:
        sys.exit(1)


@click.group("translate")
def translate():
    """Keep the translation catalogs in step with the code."""


@translate.command("update")
def translate_update():
    """Extract the messages and merge them into every catalog."""
    pot = ROOT / "translations" / "messages.pot"
    extract_messages(pot)
    _pybabel(
        "update", "-i", str(pot), "-d", "translations", "--no-fuzzy-matching", "--ignore-obsolete"
    )


def extract_messages(pot: Path) -> None:
    """Write every translatable string in the code and templates to the template `pot`."""
    _pybabel(
        "extract",
        "-F",
        "pyproject.toml",
        "-k",
        "_l",
        "-k",
        "lazy_ngettext:1,2",
        "-k",
        "lazy_pgettext:1c,2",
        "--no-location",
        "--sort-output",
        "-o",
        str(pot),
        "consultations",
        "templates",
        # Babel's walk skips folders whose names start with "_", such as templates/_macros.
        *sorted(str(path.relative_to(ROOT)) for path in (ROOT / "templates").glob("_*/")),
    )


@translate.command("compile")
def translate_compile():
    """Compile every catalog."""
    _pybabel("compile", "-d", "translations", "--statistics")


def _pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)


@click.group("audit")
def audit():
    """The audit log."""


@audit.command("verify")
def audit_verify():
    """Recompute the hash chain; exit non-zero naming the first broken event."""
    from .audit.services import verify_chain

    broken = verify_chain()
    if broken:
        click.echo(f"Audit event {broken.event_id} is broken: {broken.reason}.", err=True)
        sys.exit(1)
    click.echo("The audit log is intact.")


@click.command("import-plan")
@click.argument("slug")
@click.argument("path", type=click.Path(exists=True, allow_dash=True, path_type=Path))
@click.option("--milestones", type=click.File("rb"), help="A milestones file (milestones.csv).")
@click.option("--updates", type=click.File("rb"), help="A progress updates file.")
@click.option("--assessments", type=click.File("rb"), help="An assessments file.")
@click.option("--commit", is_flag=True, help="Import (without it, only check the files).")
def import_plan(slug: str, path: Path, commit: bool, **history):
    """Check a CSV file of commitments for the plan SLUG, or a directory that
    `export-open-data` wrote (this plan's lines of its commitments, milestones, progress
    updates and assessments); with --commit, import it."""
    from .extensions import db
    from .plans.import_history import SECTIONS
    from .plans.importer import ImportRefused
    from .plans.importer import import_plan as run_import
    from .plans.models import ActionPlan

    plan = db.session.scalar(db.select(ActionPlan).where(ActionPlan.slug == slug))
    if plan is None:
        click.echo(f"No action plan has the address name {slug}.", err=True)
        sys.exit(1)
    files = {name: file.read() for name, file in history.items() if file is not None}
    if path.is_dir():
        for name, section in SECTIONS.items():
            if (path / section.filename).exists():
                files.setdefault(name, (path / section.filename).read_bytes())
        data = (path / "commitments.csv").read_bytes()
    else:
        with click.open_file(str(path), "rb") as file:
            data = file.read()
    try:
        report = run_import(None, plan, data, write=commit, history=files, only_plan=path.is_dir())
    except ImportRefused as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    for name in report.ignored_columns:
        click.echo(f"ignored column: {name}")
    for problem in report.problems:
        where = f"line {problem.line}" if problem.line else "file"
        if problem.file:
            where = f"{problem.file} line {problem.line}" if problem.line else problem.file
        column = f" [{problem.column}]" if problem.column else ""
        click.echo(f"{where}{column}: {problem.message}")
    counts = (
        f"{len(report.commitments)} commitments, {report.milestone_count} milestones, "
        f"{len(report.updates)} progress updates, {len(report.assessments)} assessments"
    )
    if report.problems:
        click.echo(f"{len(report.problems)} problems; nothing was imported.", err=True)
        sys.exit(1)
    if report.written:
        click.echo(f"Imported {counts} into {plan.slug}.")
    else:
        click.echo(f"No problems: {counts}. Run again with --commit to import.")
