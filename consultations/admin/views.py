"""Staff pages for admins: find people, grant and revoke roles, manage agencies."""

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms import SelectChoice

from .. import permissions
from ..accounts.forms import EmptyForm
from ..accounts.models import Role, RoleGrant, User
from ..accounts.sessions import fresh_login_required
from ..agencies.countries import country_codes
from ..agencies.models import Agency
from ..extensions import db
from ..pagination import paginate_models
from ..permissions import require
from ..plans.labels import country_name
from . import bp, services
from .forms import AgencyForm, GrantRoleForm, UserSearchForm

PER_PAGE = 25


@bp.get("/users")
@login_required
def users():
    """Find people by name or address."""
    require(permissions.can_manage_users(current_user))
    form = UserSearchForm(request.args)
    query = form.q.data if form.validate() else ""
    page = paginate_models(services.search_users(query or ""), PER_PAGE)
    return render_template("admin/users.html", form=form, page=page)


@bp.route("/users/<int:user_id>", methods=["GET", "POST"])
@fresh_login_required
def user(user_id: int):
    """One person's roles, with the form to grant another."""
    person = db.get_or_404(User, user_id)
    require(permissions.can_change_roles(current_user, person))
    form = _grant_form()
    if form.validate_on_submit():
        agency = db.session.get(Agency, int(form.agency.data)) if form.agency.data else None
        try:
            services.grant_role(
                current_user, person, Role(form.role.data), agency, form.organisation.data
            )
        except services.AdminRejected as error:
            getattr(form, error.field).errors.append(error.message)
        else:
            flash(_("The role is granted."))
            return redirect(url_for("admin.user", user_id=person.id))
    return render_template(
        "admin/user.html", person=person, form=form, revoke_form=EmptyForm()
    ), 422 if form.errors else 200


@bp.post("/roles/<int:grant_id>/revoke")
@fresh_login_required
def revoke(grant_id: int):
    """Take one role away from a person."""
    grant = db.get_or_404(RoleGrant, grant_id)
    require(permissions.can_revoke_grant(current_user, grant))
    if not EmptyForm().validate_on_submit():
        abort(400)
    services.revoke_role(current_user, grant)
    flash(_("The role is revoked."))
    return redirect(url_for("admin.user", user_id=grant.user_id))


def _grant_form() -> GrantRoleForm:
    form = GrantRoleForm()
    form.agency.choices = [SelectChoice("", _("No agency"))] + [
        SelectChoice(str(agency.id), agency.name().text) for agency in services.list_agencies()
    ]
    return form


@bp.get("/agencies")
@fresh_login_required
def agencies():
    """Every agency, with its names."""
    require(permissions.can_manage_agencies(current_user))
    return render_template("admin/agencies.html", agencies=services.list_agencies())


@bp.route("/agencies/new", methods=["GET", "POST"], defaults={"agency_id": None})
@bp.route("/agencies/<int:agency_id>", methods=["GET", "POST"])
@fresh_login_required
def agency(agency_id: int | None):
    """Create an agency or rename one in any language."""
    existing = db.get_or_404(Agency, agency_id) if agency_id else None
    require(permissions.can_manage_agencies(current_user))
    form = AgencyForm(obj=existing, data=_agency_names(existing))
    form.country.choices = _country_choices()
    if form.validate_on_submit():
        try:
            services.save_agency(
                current_user, existing, form.slug.data, form.names(), form.details()
            )
        except services.AdminRejected as error:
            getattr(form, error.field).errors.append(error.message)
        else:
            flash(_("The agency is saved."))
            return redirect(url_for("admin.agencies"))
    return render_template(
        "admin/agency.html", form=form, agency=existing
    ), 422 if form.errors else 200


def _country_choices() -> list[SelectChoice]:
    """Every country, by its name in the reader's language."""
    named = sorted(((country_name(code), code) for code in country_codes()), key=_by_name)
    return [SelectChoice("", _("Choose the country"))] + [
        SelectChoice(code, name) for name, code in named
    ]


def _by_name(pair: tuple[str, str]) -> str:
    return pair[0].casefold()


def _agency_names(agency: Agency | None) -> dict:
    if agency is None:
        return {}
    return {"slug": agency.slug, **{f"name_{t.locale}": t.name for t in agency.texts}}
