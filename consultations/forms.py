"""The base of every form: WTForms' own messages come from the site's catalogs.

WTForms ships no Latvian translation, so its built-in messages are listed here for
extraction and translated with the rest of the interface, in every language alike.
"""

import threading

from flask import current_app
from flask_babel import get_translations, lazy_ngettext
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from markupsafe import Markup
from wtforms.fields.choices import Choice, SelectChoice
from wtforms.meta import clean_key
from wtforms.widgets import Select, html_params

from .config import SHIPPED_LANGUAGES
from .i18n import current_language


class _SiteTranslations:
    """Hands WTForms the raw catalog strings; WTForms fills in the numbers itself."""

    def gettext(self, string: str) -> str:
        return get_translations().gettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ngettext(singular, plural, n)


_TRANSLATIONS = _SiteTranslations()


class KeptOptions(Select):
    """A single-choice <select> whose options are written once per language and list of
    choices (in each worker), then only the chosen one is marked: the same options, read on
    every page of a consultation or a plan, cost a few calls instead of a few hundred."""

    MAX_LISTS = 2048  # distinct lists kept (sections of every consultation, agencies of a plan)

    def __init__(self):
        super().__init__()
        self._kept: dict[tuple, tuple[tuple, ...]] = {}
        self._lock = threading.Lock()

    def __call__(self, field, **kwargs):
        options = self._options(field)
        if options is None:
            return super().__call__(field, **kwargs)
        kwargs.setdefault("id", field.id)
        flags = field.flags
        for name in self.validation_attrs:
            if name not in kwargs and getattr(flags, name, False):
                kwargs[name] = True
        data = field.data
        written = "".join([marked if value == data else plain for value, plain, marked in options])
        return Markup(f"<select {html_params(name=field.name, **kwargs)}>{written}</select>")

    def _options(self, field) -> tuple[tuple, ...] | None:
        """(coerced value, option, option marked selected) for each choice; None for what
        this does not handle (choices given as a dict, groups, other kinds of choice)."""
        choices = field.choices
        if not isinstance(choices, list):
            return None
        try:
            listed = [(c.value, str(c.label), c.optgroup, (*c.render_kw.items(),)) for c in choices]
            key = (current_language(), field.coerce, tuple(listed))
        except AttributeError:  # choices given as pairs or plain values
            return None
        options = self._kept.get(key)
        if options is None:
            options = self._written(field, choices)
            with self._lock:
                if len(self._kept) >= self.MAX_LISTS:
                    self._kept.clear()
                self._kept[key] = options
        return options or None

    def _written(self, field, choices: list[SelectChoice]) -> tuple[tuple, ...]:
        if any(type(c) is not SelectChoice or c.optgroup is not None for c in choices):
            return ()
        return tuple(
            (
                field.coerce(c.value),
                self.render_option(Choice(c.value, str(c.label), False, c.render_kw)),
                self.render_option(Choice(c.value, str(c.label), True, c.render_kw)),
            )
            for c in choices
        )


_KEPT_OPTIONS = KeptOptions()


class Form(FlaskForm):
    # Fields named `<name>_<lang>` exist for every shipped language; a form keeps only
    # those of the deployment's languages, so turning a language off needs no code.
    per_language: tuple[str, ...] = ()

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            return _TRANSLATIONS

        def render_field(self, field, render_kw):
            widget = field.widget
            if type(widget) is not Select or widget.multiple:
                return super().render_field(field, render_kw)
            # As WTForms' own render_field does, with the kept options' widget.
            render_kw = {clean_key(k): v for k, v in render_kw.items()}
            if field.render_kw:
                other = {clean_key(k): v for k, v in field.render_kw.items()}
                render_kw = dict(other, **render_kw)
            return _KEPT_OPTIONS(field, **render_kw)

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
