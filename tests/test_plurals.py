"""Plural forms: every catalog picks, for each count, the form CLDR says the language uses."""

from __future__ import annotations

import gettext
import io
import re

import pytest
from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from consultations.config import SHIPPED_LANGUAGES
from consultations.i18n import PLURAL_FORMS

from helpers import ROOT

# CLDR's plural category of a whole number → the index of the gettext form translators fill
# in, per language (the order of the Plural-Forms header).
FORM_OF_CATEGORY = {
    "he": {"one": 0, "two": 1, "other": 2},
    "lv": {"one": 0, "other": 1, "zero": 2},
    "hu": {"one": 0, "other": 1},
    "ar": {"zero": 0, "one": 1, "two": 2, "few": 3, "many": 4, "other": 5},
    "ru": {"one": 0, "few": 1, "many": 2},
}
COUNTS = (0, 1, 2, 5, 11, 21)
MORE_COUNTS = {"ar": (3, 100, 101)}
TRANSLATED = tuple(lang for lang in SHIPPED_LANGUAGES if lang != "en")


def po_path(lang: str):
    return ROOT / "translations" / lang / "LC_MESSAGES" / "messages.po"


def expected_form(lang: str, n: int) -> int:
    return FORM_OF_CATEGORY[lang][Locale.parse(lang).plural_form(n)]


def header_rule(lang: str):
    expression = re.search(r"plural=(.*);", PLURAL_FORMS[lang]).group(1)
    return gettext.c2py(expression)


def test_every_translated_language_has_a_plural_rule_and_a_form_order():
    assert set(PLURAL_FORMS) == set(FORM_OF_CATEGORY) == set(TRANSLATED)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_the_plural_rule_agrees_with_cldr_for_every_count_up_to_a_thousand(lang):
    rule = header_rule(lang)
    wrong = [n for n in range(1001) if rule(n) != expected_form(lang, n)]
    assert not wrong, f"{lang}: the Plural-Forms rule disagrees with CLDR for n = {wrong[:10]}"


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_plural_message_shows_the_cldr_form_for_each_count(lang):
    path = po_path(lang)
    if not path.exists():
        pytest.skip(f"{path.relative_to(ROOT)} is not written yet")
    with path.open("rb") as po_file:
        catalog = read_po(po_file, locale=lang)
    compiled = io.BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    translations = gettext.GNUTranslations(compiled)
    wrong = []
    plurals = [message for message in catalog if message.id and message.pluralizable]
    assert plurals, f"the {lang} catalog has no plural messages"
    for message in plurals:
        singular, plural = message.id[:2]
        for n in (*COUNTS, *MORE_COUNTS.get(lang, ())):
            shown = translations.ngettext(singular, plural, n)
            wanted = message.string[expected_form(lang, n)]
            if shown != wanted:
                wrong.append(f"  n={n} {singular!r}: shows {shown!r}, CLDR wants {wanted!r}")
    assert not wrong, f"{lang} picks the wrong plural form:\n" + "\n".join(wrong)
