"""Forms for writing comments and replies, and for filtering a consultation's comments."""

from __future__ import annotations

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import RadioField, SelectChoice, SelectField, StringField, TextAreaField

from ..consultation.labels import STANCE
from ..consultation.models import Consultation
from ..consultation.queries import GENERAL, ORDERS
from ..documents.forms import DocumentsField
from ..formatting import format_number
from ..forms import Form
from ..i18n import current_language, language_name

ORDER_LABELS = {"oldest": _l("Oldest first"), "newest": _l("Newest first")}


def comment_languages() -> list[SelectChoice]:
    """The site's languages, each named in its own language (and marked as such)."""
    return [
        SelectChoice(code, language_name(code), render_kw={"lang": code})
        for code in current_app.config["LANGUAGES"]
    ]


def section_choices(consultation: Consultation, everything: str) -> list[SelectChoice]:
    """Each section by its heading (or its number when it has none)."""
    choices = [SelectChoice("", everything)]
    for number, section in enumerate(consultation.sections, start=1):
        heading = section.text("heading").text or _("Section %(num)s", num=number)
        choices.append(SelectChoice(section.anchor, heading))
    return choices


def stance_choices(none_label) -> list[SelectChoice]:
    return [SelectChoice("", none_label)] + [
        SelectChoice(stance.value, label) for stance, label in STANCE.items()
    ]


def comment_attachments() -> int:
    """How many files a comment may carry (COMMENT_ATTACHMENTS; 0 turns attachments off)."""
    return current_app.config["COMMENT_ATTACHMENTS"]


class EditCommentForm(Form):
    body = TextAreaField(_l("Your comment"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        limit = current_app.config["COMMENT_MAX_LENGTH"]
        self.body.description = _(
            "Plain text. A blank line starts a new paragraph, *asterisks* give emphasis, "
            "lines starting with - make a list and web addresses become links. "
            "At most %(max)s characters.",
            max=format_number(limit),
        )
        self.body.render_kw = {"maxlength": limit, "rows": 8}


class ReplyForm(EditCommentForm):
    stance = RadioField(
        _l("Your stance (optional)"), choices=stance_choices(_l("No stance")), default=""
    )
    language = SelectField(_l("Language of your comment"), choices=comment_languages)
    # A trap for bots: hidden from sight and from the keyboard; people leave it empty.
    website = StringField(
        _l("Leave this field empty"), render_kw={"autocomplete": "off", "tabindex": "-1"}
    )

    attachments = DocumentsField(_l("Attachments (optional)"))

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("language", current_language())
        super().__init__(*args, **kwargs)
        limit = comment_attachments()
        if limit:
            self.attachments.limit = limit
        else:
            del self.attachments


class CommentForm(ReplyForm):
    section = SelectField(_l("What are you commenting on?"), choices=[], default="")

    def __init__(self, consultation: Consultation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.section.choices = section_choices(consultation, _("The whole draft"))


class CommentFilterForm(Form):
    """Which comments to show; a GET form, so it works without JavaScript."""

    class Meta:
        csrf = False  # a GET filter changes nothing

    # Own ids: the comment form on the same page also has a "section" and a "stance".
    section = SelectField(_l("Section"), choices=[], default="", id="filter-section")
    stance = SelectField(
        _l("Stance"), choices=stance_choices(_l("Any stance")), default="", id="filter-stance"
    )
    order = SelectField(
        _l("Order"),
        choices=[SelectChoice(key, ORDER_LABELS[key]) for key in ORDERS],
        default="oldest",
        id="filter-order",
    )

    def __init__(self, consultation: Consultation, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.section.choices = section_choices(consultation, _("All comments")) + [
            SelectChoice(GENERAL, _("Comments on the whole draft"))
        ]

    def chosen(self, name: str) -> str:
        """The field's value, or its default when the address carries something else."""
        field = getattr(self, name)
        allowed = {str(choice.value) for choice in field.choices}
        if field.data is None or str(field.data) not in allowed:
            field.data = field.default
        return str(field.data)
