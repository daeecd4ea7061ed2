"""Translation catalogs: complete, with the right plural forms, and in step with the code."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po

from consultations.cli import extract_messages
from consultations.config import SHIPPED_LANGUAGES
from consultations.i18n import PLURAL_FORMS

from helpers import ROOT

# Every shipped language but English, the language of the code.
TRANSLATED = tuple(lang for lang in SHIPPED_LANGUAGES if lang != "en")
PLACEHOLDER = re.compile(r"%\((\w+)\)")
UPDATE_COMMAND = ".venv/bin/flask --app app translate update"


def po_path(lang: str) -> Path:
    return ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"


def load(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as po_file:
        return read_po(po_file, locale=lang)


def messages(catalog: Catalog) -> list[Message]:
    return [message for message in catalog if message.id]


def forms(value: str | tuple) -> tuple[str, ...]:
    return value if isinstance(value, tuple) else (value,)


def key(message: Message) -> tuple[str | None, str | tuple]:
    return message.context, message.id


def describe(keys) -> str:
    return "\n".join(f"  {forms(msgid)[0]!r}" for _context, msgid in sorted(keys, key=str))


def squeeze(value: str) -> str:
    return re.sub(r"\s+", "", value)


@pytest.fixture(scope="session")
def catalogs() -> dict[str, Catalog]:
    return {lang: load(po_path(lang), lang) for lang in TRANSLATED if po_path(lang).exists()}


@pytest.fixture(autouse=True)
def _catalog_written(request):
    """A catalog not written yet is reported as skipped, never as passing."""
    callspec = getattr(request.node, "callspec", None)
    lang = callspec.params.get("lang") if callspec else None
    if lang and not po_path(lang).exists():
        pytest.skip(f"{po_path(lang).relative_to(ROOT)} does not exist yet")


@pytest.fixture(scope="session")
def extracted(tmp_path_factory) -> Catalog:
    """The messages the code and templates use now, extracted once per run."""
    pot = tmp_path_factory.mktemp("extract") / "messages.pot"
    extract_messages(pot)
    return load(pot)


def test_plural_forms_table_covers_every_translated_language():
    assert set(PLURAL_FORMS) == set(TRANSLATED)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_has_no_untranslated_messages(catalogs, lang):
    untranslated = [
        forms(message.id)[0]
        for message in messages(catalogs[lang])
        if not all(form.strip() for form in forms(message.string))
    ]
    assert not untranslated, (
        f"{len(untranslated)} untranslated message(s) in {po_path(lang).relative_to(ROOT)}:\n"
        + "\n".join(f"  {msgid!r}" for msgid in untranslated)
    )


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_has_no_fuzzy_messages(catalogs, lang):
    fuzzy = [forms(message.id)[0] for message in messages(catalogs[lang]) if message.fuzzy]
    assert not catalogs[lang].fuzzy, f"the header of the {lang} catalog is marked fuzzy"
    assert not fuzzy, f"fuzzy message(s) in the {lang} catalog:\n" + "\n".join(
        f"  {msgid!r}" for msgid in fuzzy
    )


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_declares_the_languages_plural_forms(catalogs, lang):
    headers = dict(catalogs[lang].mime_headers)
    assert squeeze(headers["Plural-Forms"]) == squeeze(PLURAL_FORMS[lang])
    assert headers["Language"] == lang


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_plural_message_has_exactly_the_languages_number_of_forms(lang):
    nplurals = int(re.match(r"nplurals=(\d+);", PLURAL_FORMS[lang]).group(1))
    text = po_path(lang).read_text(encoding="utf-8")
    wrong = []
    for entry in re.split(r"\n\s*\n", text):
        if "\nmsgid_plural " not in f"\n{entry}" or entry.lstrip().startswith("#~"):
            continue
        count = len(re.findall(r"^msgstr\[\d+\]", entry, re.M))
        if count != nplurals:
            msgid = re.search(r'^msgid "(.*)"', entry, re.M).group(1)
            wrong.append(f"  {msgid!r} has {count} forms")
    assert not wrong, f"{lang} plural messages need {nplurals} forms:\n" + "\n".join(wrong)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_keep_every_placeholder(catalogs, lang):
    broken = []
    for message in messages(catalogs[lang]):
        expected = set(PLACEHOLDER.findall(" ".join(forms(message.id))))
        for index, form in enumerate(forms(message.string)):
            if form and set(PLACEHOLDER.findall(form)) != expected:
                broken.append(
                    f"  {forms(message.id)[0]!r} form {index}: {form!r} "
                    f"(needs {', '.join(sorted(expected)) or 'no placeholders'})"
                )
    assert not broken, f"placeholders differ in the {lang} catalog:\n" + "\n".join(broken)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_have_no_stray_percent_signs(catalogs, lang):
    # Templates always %-format their strings, so a lone "%" breaks the page at run time.
    stray = []
    for message in messages(catalogs[lang]):
        for form in forms(message.string):
            if form and re.search(r"%(?!\(\w+\)[sd])", form.replace("%%", "")):
                stray.append(f"  {forms(message.id)[0]!r}: {form!r}")
    assert not stray, f"lone % signs in the {lang} catalog:\n" + "\n".join(stray)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalog_holds_exactly_the_messages_in_the_code(catalogs, extracted, lang):
    in_code = {key(message) for message in messages(extracted)}
    in_catalog = {key(message) for message in messages(catalogs[lang])}
    problems = []
    if in_code - in_catalog:
        problems.append("missing from the catalog:\n" + describe(in_code - in_catalog))
    if in_catalog - in_code:
        problems.append("no longer in the code (obsolete):\n" + describe(in_catalog - in_code))
    assert not problems, (
        f"{po_path(lang).relative_to(ROOT)} is out of step with the code; "
        f"run `{UPDATE_COMMAND}` and translate the new entries.\n" + "\n".join(problems)
    )


def test_template_catalog_holds_exactly_the_messages_in_the_code(extracted):
    pot = load(ROOT / "translations" / "messages.pot")
    in_code = {key(message) for message in messages(extracted)}
    in_pot = {key(message) for message in messages(pot)}
    assert not in_code ^ in_pot, (
        f"translations/messages.pot is out of date; run `{UPDATE_COMMAND}`.\n"
        f"missing:\n{describe(in_code - in_pot)}\nobsolete:\n{describe(in_pot - in_code)}"
    )
