"""Reading a report's frozen snapshot in one language: texts picked the way live content is
(the reader's language, then the fallbacks), shared by the page, the PDF and the DOCX."""

from __future__ import annotations

from datetime import date, datetime

from ..content import Shown, fallback_order


def shown(texts: dict[str, str] | None, lang: str) -> Shown:
    """The text of a snapshot's {locale: text} in `lang`, or the first fallback that has it."""
    texts = texts or {}
    for candidate in fallback_order(lang):
        if texts.get(candidate):
            return Shown(texts[candidate], candidate, candidate != lang)
    return Shown("", lang, False)


def moment(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def day(value: str | None) -> date | None:
    return date.fromisoformat(value[:10]) if value else None
