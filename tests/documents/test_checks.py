"""Which files are accepted is decided by their content; names are made safe to keep."""

from __future__ import annotations

import io

import pytest
from documents import samples

from consultations.documents import services
from consultations.documents.checks import NAME_MAX, DocumentRefused, clean_name


def receive(content: bytes, name: str):
    return services.receive(io.BytesIO(content), name)


@pytest.mark.parametrize(
    ("content", "name", "media_type", "extension"),
    [
        (samples.PDF, "report.pdf", "application/pdf", "pdf"),
        (samples.PNG, "chart.png", "image/png", "png"),
        (samples.JPEG, "photo.jpeg", "image/jpeg", "jpg"),
        (samples.ODT, "minutes.odt", "application/vnd.oasis.opendocument.text", "odt"),
        (samples.ODS, "budget.ods", "application/vnd.oasis.opendocument.spreadsheet", "ods"),
        (
            samples.DOCX,
            "plan.docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "docx",
        ),
        (
            samples.XLSX,
            "figures.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        (samples.CSV, "data.csv", "text/csv", "csv"),
        (samples.TEXT, "notes.txt", "text/plain", "txt"),
        # The content decides, not the name: a PDF called .png is a PDF.
        (samples.PDF, "scan.png", "application/pdf", "pdf"),
    ],
)
def test_accepted_types_are_recognised_by_content(app_ctx, content, name, media_type, extension):
    received = receive(content, name)
    assert (received.type.media_type, received.type.extension) == (media_type, extension)
    assert received.size == len(content)
    assert received.path.read_bytes() == content
    services.discard(received.path)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (samples.ELF, "report.pdf", "This kind of file is not accepted."),
        (samples.WINDOWS_EXE, "report.pdf", "This kind of file is not accepted."),
        (samples.SVG, "logo.png", "This kind of file is not accepted."),
        (samples.HTML, "page.txt", "This kind of file is not accepted."),
        (samples.HTML_AFTER_TEXT, "figures.csv", "This kind of file is not accepted."),
        (samples.NUL_TEXT, "notes.txt", "This kind of file is not accepted."),
        (samples.PLAIN_ZIP, "archive.docx", "This kind of file is not accepted."),
        (samples.MACRO_DOCX, "macros.docx", "This kind of file is not accepted."),
        (samples.LATIN1, "towns.csv", "A text file must be written in UTF-8."),
        (b"", "empty.pdf", "The file is empty."),
        (b"PK\x03\x04broken", "broken.docx", "The file is damaged and cannot be read."),
    ],
)
def test_refused_files_say_why(app_ctx, content, name, message):
    with pytest.raises(DocumentRefused) as refused:
        receive(content, name)
    assert refused.value.message.startswith(message)


def test_a_word_document_that_unpacks_to_far_more_is_refused(app_ctx):
    with pytest.raises(DocumentRefused, match="unpacks to far more than its size"):
        receive(samples.zip_bomb(), "innocent.docx")


def test_a_file_over_the_limit_is_refused_without_reading_it_all(app, app_ctx, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_MAX_MB", 1)
    read = []

    class Endless(io.RawIOBase):
        def read(self, size=-1):
            read.append(size)
            return b"a" * size

    with pytest.raises(DocumentRefused, match="at most 1 MB"):
        services.receive(Endless(), "big.txt")
    assert sum(read) <= 1024 * 1024 + 2 * 64 * 1024


def test_a_file_exactly_at_the_limit_is_accepted(app, app_ctx, monkeypatch):
    monkeypatch.setitem(app.config, "UPLOAD_MAX_MB", 1)
    received = receive(b"a" * (1024 * 1024), "full.txt")
    assert received.size == 1024 * 1024
    with pytest.raises(DocumentRefused):
        receive(b"a" * (1024 * 1024 + 1), "over.txt")


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\noa\\report.pdf", "report.pdf"),
        ("דוח\u202etxt.exe.pdf", "דוחtxt.exe.pdf"),
        ("a\u2067b\u2069c\u200f.pdf", "abc.pdf"),
        ("line\nbreak\x00.pdf", "linebreak.pdf"),
        ("Pārskats par 2025. gadu.pdf", "Pārskats par 2025. gadu.pdf"),
        ("  ...  ", "document"),
        ("", "document"),
    ],
)
def test_file_names_lose_paths_and_invisible_characters_and_keep_their_script(raw, clean):
    assert clean_name(raw) == clean


def test_long_file_names_are_cut_to_200_characters_keeping_the_extension():
    name = clean_name("ő" * 300 + ".pdf")
    assert len(name) == NAME_MAX
    assert name.endswith("ő.pdf")
