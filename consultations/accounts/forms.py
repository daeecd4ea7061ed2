"""Account forms; labels are lazy so they follow the page's language."""

from flask import current_app
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    EmailField,
    HiddenField,
    PasswordField,
    SelectChoice,
    SelectField,
    StringField,
)
from wtforms.validators import DataRequired, Email, EqualTo, InputRequired, Length

from ..forms import Form
from ..i18n import language_name

EMAIL_MAX = 254


def language_choices() -> list[SelectChoice]:
    """The site's languages, each named in its own language."""
    return [SelectChoice(code, language_name(code)) for code in current_app.config["LANGUAGES"]]


def LanguageField(label) -> SelectField:  # noqa: N802  (reads like the field classes)
    return SelectField(label, choices=language_choices)


class RegisterForm(Form):
    display_name = StringField(
        _l("Display name"),
        validators=[DataRequired(), Length(max=80)],
        description=_l("Shown next to your comments. Use the name you want the public to see."),
    )
    email = EmailField(
        _l("E-mail address"), validators=[DataRequired(), Email(), Length(max=EMAIL_MAX)]
    )
    password = PasswordField(
        _l("Password"),
        validators=[InputRequired()],
        description=_l("At least 10 characters. A few unrelated words make a strong password."),
    )
    language = LanguageField(_l("Preferred language"))
    accept_terms = BooleanField(
        _l("I accept the terms of use and have read the privacy notice."),
        validators=[DataRequired(message=_l("Please accept the terms of use to register."))],
    )
    # Traps for robots: a field people never see (as under comments), and the signed time
    # the form was shown, since nobody types a name, an address and a password in a blink.
    website = StringField(
        _l("Leave this field empty"), render_kw={"autocomplete": "off", "tabindex": "-1"}
    )
    shown = HiddenField()


class LoginForm(Form):
    email = EmailField(_l("E-mail address"), validators=[DataRequired(), Length(max=EMAIL_MAX)])
    password = PasswordField(_l("Password"), validators=[InputRequired()])
    remember = BooleanField(_l("Keep me logged in on this device for 30 days"))
    next = HiddenField()


class ReauthenticateForm(Form):
    password = PasswordField(_l("Password"), validators=[InputRequired()])
    next = HiddenField()


class ResetRequestForm(Form):
    email = EmailField(
        _l("E-mail address"), validators=[DataRequired(), Email(), Length(max=EMAIL_MAX)]
    )


class NewPasswordForm(Form):
    password = PasswordField(
        _l("New password"),
        validators=[InputRequired()],
        description=_l("At least 10 characters. A few unrelated words make a strong password."),
    )
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[InputRequired(), EqualTo("password", message=_l("The two passwords differ."))],
    )


class ChangePasswordForm(NewPasswordForm):
    current_password = PasswordField(_l("Current password"), validators=[InputRequired()])


class ProfileForm(Form):
    display_name = StringField(_l("Display name"), validators=[DataRequired(), Length(max=80)])
    language = LanguageField(_l("Preferred language"))
    response_mail = BooleanField(
        _l("E-mail me the reasoned response to each of my comments when it is published"),
        description=_l("With what became of the comment and why, in your preferred language."),
    )


class EmptyForm(Form):
    """A form with only its CSRF token, for buttons that change something."""
