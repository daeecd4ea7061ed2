"""The note every moderation form carries: required to suspend, optional elsewhere, and never
longer than the services accept."""

from __future__ import annotations

from werkzeug.datastructures import MultiDict

from consultations.forms import Form
from consultations.moderation.forms import _note


def test_the_note_is_optional_or_required_and_at_most_1000_characters(app):
    def checked(note: str, required: bool) -> list[str] | None:
        class NoteForm(Form):
            note_field = (
                _note("Reason", "Shown under the field.", required=True)
                if required
                else _note("Reason", "Shown under the field.")  # optional unless asked
            )

        form = NoteForm(formdata=MultiDict({"note_field": note}), meta={"csrf": False})
        field = form.note_field
        assert (field.label.text, field.description) == ("Reason", "Shown under the field.")
        return None if form.validate() else field.errors

    with app.test_request_context():
        assert checked("  ", required=True) == ["Write why you are doing this."]
        assert checked("", required=False) is None
        assert checked("x" * 1000, required=True) is None
        assert checked("x" * 1001, required=False)
