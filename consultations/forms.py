"""The base of every form: WTForms' own messages come from the site's catalogs.

WTForms ships no Latvian translation, so its built-in messages are listed here for
extraction and translated with the rest of the interface, in every language alike.
"""

from flask import current_app
from flask_babel import get_translations, lazy_ngettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm

from .config import SHIPPED_LANGUAGES


class _SiteTranslations:
    """Hands WTForms the raw catalog strings; WTForms fills in the numbers itself."""

    def gettext(self, string: str) -> str:
        return get_translations().gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ngettext(singular, plural, n)


_TRANSLATIONS = _SiteTranslations()


class Form(FlaskForm):
    # Fields named `<name>_<lang>` exist for every shipped language; a form keeps only
    # those of the deployment's languages, so turning a language off needs no code.
    per_language: tuple[str, ...] = ()

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            return _TRANSLATIONS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        languages = current_app.config["LANGUAGES"]
        for name in self.per_language:
            for lang in SHIPPED_LANGUAGES:
                if lang not in languages:
                    del self[f"{name}_{lang}"]

    @staticmethod
    def languages() -> tuple[str, ...]:
        """The languages whose fields this form has: the deployment's."""
        return current_app.config["LANGUAGES"]


def add_per_language(form_class: type[Form], name: str, make) -> None:
    """Give `form_class` a field `<name>_<lang>` per shipped language, `make(lang)` each."""
    for lang in SHIPPED_LANGUAGES:
        setattr(form_class, f"{name}_{lang}", make(lang))
    form_class.per_language = (*form_class.per_language, name)


WTFORMS_MESSAGES = (
    _l("This field is required."),
    _l("Invalid input."),
    _l("Invalid email address."),
    _l("Invalid URL."),
    _l("Field must be equal to %(other_name)s."),
    lazy_ngettext(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.",
        1,
    ),
    lazy_ngettext(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.",
        1,
    ),
    lazy_ngettext(
        "Field must be exactly %(max)d character long.",
        "Field must be exactly %(max)d characters long.",
        1,
    ),
    _l("Field must be between %(min)d and %(max)d characters long."),
    _l("Number must be at least %(min)s."),
    _l("Number must be at most %(max)s."),
    _l("Number must be between %(min)s and %(max)s."),
    _l("Date must be at least %(min)s."),
    _l("Date must be at most %(max)s."),
    _l("Date must be between %(min)s and %(max)s."),
    _l("Invalid value, must be one of: %(values)s."),
    _l("Invalid value, can't be any of: %(values)s."),
    _l("Invalid Choice: could not coerce."),
    _l("Not a valid choice."),
    _l("Invalid choice(s): one or more data inputs could not be coerced."),
    _l("Not a valid datetime value."),
    _l("Not a valid date value."),
    _l("Not a valid time value."),
    _l("Not a valid integer value."),
    _l("Not a valid decimal value."),
    _l("Not a valid float value."),
)
