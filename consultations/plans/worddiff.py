"""Word-level differences between two versions of a text, for side-by-side reading.

The old text marks what was taken out with <del>, the new one what was put in with <ins>.
Both carry hidden words for screen readers ("deleted:", "inserted:", in the page's language
whatever the text's), since the strike through and the underline are lost when a page is
read aloud; neither relies on colour.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from flask_babel import gettext as _
from markupsafe import Markup, escape

from ..i18n import current_language

# Words with the spaces after them, so the texts read back exactly as they were written.
_TOKENS = re.compile(r"\S+\s*|\s+")


@dataclass(frozen=True)
class SideBySide:
    old: Markup
    new: Markup


def _tokens(text: str) -> list[str]:
    return _TOKENS.findall(text or "")


def _marked(tag: str, label: str, words: list[str]) -> Markup:
    text = "".join(words)
    trailing = text[len(text.rstrip()) :]
    template = Markup(
        '<{tag}><span class="visually-hidden" lang="{lang}">{label} </span>{text}</{tag}>{rest}'
    )
    return template.format(
        tag=Markup(tag), lang=current_language(), label=label, text=text.rstrip(), rest=trailing
    )


def word_diff(old: str, new: str) -> SideBySide:
    """The two texts with the words that differ marked, compared word by word."""
    old_words, new_words = _tokens(old), _tokens(new)
    # Compare the words alone: a changed space must not mark a whole word as changed.
    matcher = difflib.SequenceMatcher(
        None, [w.strip() for w in old_words], [w.strip() for w in new_words], autojunk=False
    )
    deleted, inserted = _("deleted:"), _("inserted:")
    old_parts: list[Markup] = []
    new_parts: list[Markup] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            old_parts.append(escape("".join(old_words[i1:i2])))
            new_parts.append(escape("".join(new_words[j1:j2])))
            continue
        if i2 > i1:
            old_parts.append(_marked("del", deleted, old_words[i1:i2]))
        if j2 > j1:
            new_parts.append(_marked("ins", inserted, new_words[j1:j2]))
    return SideBySide(Markup("").join(old_parts), Markup("").join(new_parts))
