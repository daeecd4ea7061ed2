"""Request size: small for every form, large enough for files on the routes that take them.

`MAX_CONTENT_LENGTH` keeps ordinary forms small. A view marked `@accepts_uploads(n)` takes
up to `n` files of `UPLOAD_MAX_MB` each; its limit is raised before anything reads the
body (URL value preprocessors run before the CSRF check parses the form).
"""

from __future__ import annotations

from collections.abc import Callable

from flask import Flask, current_app, request

from .labels import init_document_labels
from .services import discard_request_uploads
from .storage import init_storage

FORM_ALLOWANCE = 1024 * 1024  # the rest of the form beside its files


def accepts_uploads(files: int | Callable[[], int]):
    """Mark a view that takes up to `files` uploaded files (a number, or a function giving
    it from the settings)."""

    def mark(view):
        view.accepts_uploads = files
        return view

    return mark


def upload_request_limit(files: int) -> int:
    return files * current_app.config["UPLOAD_MAX_MB"] * 1024 * 1024 + FORM_ALLOWANCE


def _raise_limit_for_uploads(_endpoint, _values) -> None:
    view = current_app.view_functions.get(request.endpoint)
    files = getattr(view, "accepts_uploads", 0)
    if callable(files):
        files = files()
    if files and request.method == "POST":
        request.max_content_length = upload_request_limit(files)


def init_documents(app: Flask) -> None:
    init_storage(app)
    init_document_labels(app)
    app.url_value_preprocessor(_raise_limit_for_uploads)
    app.teardown_request(discard_request_uploads)
