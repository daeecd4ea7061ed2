"""Staff forms for people, roles and agencies."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    EmailField,
    SearchField,
    SelectChoice,
    SelectField,
    StringField,
    TelField,
    TextAreaField,
    URLField,
)
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..accounts.models import Role
from ..forms import Form
from .services import AgencyDetails


def role_label(role: Role) -> str:
    return str(ROLE_LABELS[role])


ROLE_LABELS = {
    Role.COORDINATOR: _l("Coordinator"),
    Role.MONITOR: _l("Civil-society monitor"),
    Role.MODERATOR: _l("Moderator"),
    Role.ADMIN: _l("Administrator"),
    Role.FORUM_SECRETARIAT: _l("Forum secretariat"),
}


class UserSearchForm(Form):
    class Meta:
        csrf = False  # a GET search changes nothing

    q = SearchField(_l("Name or e-mail address"), validators=[Optional(), Length(max=100)])


class GrantRoleForm(Form):
    # No role is chosen for the admin: granting one is always a deliberate choice.
    role = SelectField(
        _l("Role"),
        choices=[
            SelectChoice("", _l("Choose a role")),
            *(SelectChoice(role.value, label) for role, label in ROLE_LABELS.items()),
        ],
        default="",
        validators=[InputRequired(message=_l("Choose the role to grant."))],
    )
    agency = SelectField(
        _l("Agency"),
        choices=[],  # the agencies, filled in by the view before validation
        default="",
        description=_l("Only for coordinators."),
    )
    organisation = StringField(
        _l("Organisation"),
        validators=[Optional(), Length(max=200)],
        description=_l("Only for civil-society monitors."),
    )


class AgencyForm(Form):
    slug = StringField(
        _l("Address name"),
        validators=[DataRequired(), Length(max=80)],
        description=_l("Used in the page address, e.g. state-chancellery."),
    )
    name_he = StringField(_l("Name in Hebrew"), validators=[Optional(), Length(max=200)])
    name_lv = StringField(_l("Name in Latvian"), validators=[Optional(), Length(max=200)])
    name_hu = StringField(_l("Name in Hungarian"), validators=[Optional(), Length(max=200)])
    name_en = StringField(_l("Name in English"), validators=[Optional(), Length(max=200)])
    name_ar = StringField(_l("Name in Arabic"), validators=[Optional(), Length(max=200)])
    name_ru = StringField(_l("Name in Russian"), validators=[Optional(), Length(max=200)])
    per_language = ("name",)

    country = SelectField(
        _l("Country"),
        choices=[],  # every country, named in the reader's language, filled in by the view
        validators=[DataRequired(_l("Choose the agency's country."))],
        description=_l("Its coordinators draft and report only in plans of this country."),
    )
    contact_email = EmailField(
        _l("Contact e-mail address"), validators=[Optional(), Length(max=254)]
    )
    phone = TelField(_l("Telephone"), validators=[Optional(), Length(max=40)])
    website = URLField(
        _l("Website"),
        validators=[Optional(), Length(max=300)],
        description=_l("The full address, e.g. https://www.gov.il/."),
    )
    postal_address = TextAreaField(_l("Postal address"), validators=[Optional(), Length(max=500)])

    def names(self) -> dict[str, str]:
        return {lang: self[f"name_{lang}"].data for lang in self.languages()}

    def details(self) -> AgencyDetails:
        return AgencyDetails(
            country=self.country.data or "",
            contact_email=self.contact_email.data or "",
            phone=self.phone.data or "",
            website=self.website.data or "",
            postal_address=self.postal_address.data or "",
        )
