"""The file field every upload form uses: files checked by content when the form validates."""

from __future__ import annotations

from flask import current_app
from flask_babel import LazyString, ngettext
from flask_wtf.file import MultipleFileField
from wtforms.validators import ValidationError

from . import services
from .checks import ACCEPTED_EXTENSIONS


def _hint(limit: int) -> str:
    return ngettext(
        "At most %(num)d file of up to %(size)d MB: PDF, OpenDocument, Word or Excel, "
        "CSV or plain text, PNG or JPEG.",
        "At most %(num)d files of up to %(size)d MB each: PDF, OpenDocument, Word or Excel, "
        "CSV or plain text, PNG or JPEG.",
        limit,
        size=current_app.config["UPLOAD_MAX_MB"],
    )


class DocumentsField(MultipleFileField):
    """Accepted files wait in `received` for the service to store them."""

    def __init__(self, label=None, limit: int = 10, **kwargs):
        render_kw = {"accept": ",".join(f".{ext}" for ext in ACCEPTED_EXTENSIONS)}
        super().__init__(label, render_kw={**render_kw, **kwargs.pop("render_kw", {})}, **kwargs)
        self.limit = limit
        if not self.description:
            self.description = LazyString(lambda: _hint(self.limit))
        self.received: list[services.Received] = []

    def pre_validate(self, form) -> None:
        self.received, problems = services.receive_all(self.data or [], self.limit)
        if problems:
            self.received = []
            raise ValidationError(" ".join(problems))
