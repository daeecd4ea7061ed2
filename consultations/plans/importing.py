"""The staff page that checks a CSV file of commitments and imports it into a plan."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf.file import FileField
from wtforms import SubmitField

from .. import permissions
from ..accounts.sessions import fresh_login_required
from ..forms import Form
from ..permissions import require
from . import importer, services, worklist
from .staff_forms import agency_choices

bp = Blueprint("importing", __name__, url_prefix="/<lang:lang>/staff")


class ImportForm(Form):
    file = FileField(
        _l("Commitments (CSV file)"),
        description=_l(
            "UTF-8 text with a header line, up to 512 KB, in the layout of OGP's commitment sheet."
        ),
    )
    milestones = FileField(
        _l("Milestones (CSV file, optional)"),
        description=_l("As in milestones.csv of the open data, for the commitments above."),
    )
    updates = FileField(
        _l("Progress updates (CSV file, optional)"),
        description=_l(
            "As in progress-updates.csv of the open data; updates with past dates are "
            "recorded as backdated."
        ),
    )
    assessments = FileField(
        _l("Independent assessments (CSV file, optional)"),
        description=_l(
            "As in assessments.csv of the open data, attributed to the author and "
            "organisation the file names. Administrators only."
        ),
    )
    # The first button is the one Enter presses: checking, which writes nothing.
    check = SubmitField(_l("Check the file"))
    confirm = SubmitField(_l("Import"))

    def validate(self, extra_validators=None) -> bool:
        if not super().validate(extra_validators):
            return False
        if not any(field.data for field in (self.file, *self.history_fields())):
            self.file.errors.append(_l("Choose a CSV file."))
            return False
        return True

    def history_fields(self):
        return (self.milestones, self.updates, self.assessments)

    def history(self) -> dict[str, bytes]:
        """The chosen files of milestones, updates and assessments, by section name."""
        return {field.name: field.data.read() for field in self.history_fields() if field.data}


@bp.route("/plans/<slug>/import", methods=["GET", "POST"])
@fresh_login_required
def upload(slug: str):
    """Check a CSV file of commitments for a plan, and import it when every line is right."""
    plan = services.get_plan_or_404(slug)
    require(permissions.can_import_plan(current_user, plan))
    form = ImportForm()
    if not form.validate_on_submit():
        page = render_template("importing/upload.html", plan=plan, form=form, report=None)
        return page, 422 if form.errors else 200
    report = importer.import_plan(
        current_user,
        plan,
        form.file.data.read() if form.file.data else None,
        write=bool(form.confirm.data),
        choices=_lead_choices(),
        history=form.history(),
    )
    if report.written:
        commitments, milestones = len(report.commitments), report.milestone_count
        flash(
            ngettext("%(num)s commitment imported.", "%(num)s commitments imported.", commitments)
        )
        flash(ngettext("%(num)s milestone imported.", "%(num)s milestones imported.", milestones))
        for message in _imported_history(report):
            flash(message)
        return redirect(url_for("plans.detail", slug=plan.slug))
    page = render_template(
        "importing/upload.html",
        plan=plan,
        form=form,
        report=report,
        lead_options=_lead_options(plan) if report.unmatched else [],
        chosen=_lead_choices(),
        new_agency=importer.NEW_AGENCY,
    )
    return page, 422 if report.problems else 200


def _imported_history(report) -> list[str]:
    """What was imported beside commitments and milestones, one sentence each."""
    messages = []
    if report.updates:
        messages.append(
            ngettext(
                "%(num)s progress update imported.",
                "%(num)s progress updates imported.",
                len(report.updates),
            )
        )
    if report.assessments:
        messages.append(
            ngettext(
                "%(num)s assessment imported.",
                "%(num)s assessments imported.",
                len(report.assessments),
            )
        )
    return messages


def _lead_choices() -> dict[str, str]:
    """What the person chose for each lead institution no agency matched: pairs of fields
    `lead-name-N` (the name as the file writes it) and `lead-N` (new, or an agency's id)."""
    choices = {}
    for key, name in request.form.items():
        if key.startswith("lead-name-"):
            choice = request.form.get("lead-" + key.removeprefix("lead-name-"), "")
            if choice:
                choices[importer.name_key(name)] = choice
    return choices


def _lead_options(plan):
    """The agencies a lead institution may be mapped to: those the person may import for."""
    agencies = [
        agency
        for agency in worklist.list_agencies()
        if permissions.belongs_to_plan(agency, plan)
        and permissions.can_import_commitment(current_user, plan, agency.id)
    ]
    return agency_choices(agencies)
