"""What an open-data file is: its columns, keys and rows, and the data package describing all.

One description serves three readers: the CSV writer (column order and header), the
Frictionless `datapackage.json` (types, formats, keys) and the /<lang>/data page (titles and
explanations, translated there; the data package is always in English).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from babel import Locale
from flask import current_app
from sqlalchemy import Select, and_
from sqlalchemy.orm import aliased

from ..config import SHIPPED_LANGUAGES
from ..content import published_languages
from ..extensions import db
from ..i18n import force_locale

BATCH = 500  # rows fetched from the database at a time (server-side cursor on PostgreSQL)
LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International",
}
GUARD_NOTE = (
    " Text that begins with =, +, -, @, a tab, a carriage return or an apostrophe is written "
    "with one extra apostrophe in front, so spreadsheets do not run it as a formula; remove "
    "the first apostrophe of such a cell to get the text exactly as published."
)


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Frictionless field type: integer, string, date, datetime, boolean, array
    description: str
    source: str | None = None  # the row's key when it differs from the column name
    value: Callable[[Mapping], Any] | None = None  # computes the cell from the whole row
    constraints: dict = field(default_factory=dict, hash=False)
    text: bool = False  # free text: the formula guard applies
    lang: str | None = None  # one language's text: listed while that language is published

    def cell(self, row: Mapping) -> Any:
        if self.value is not None:
            return self.value(row)
        return row[self.source or self.name]

    def describe(self) -> dict:
        described: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "description": self.description + (GUARD_NOTE if self.text else ""),
        }
        if self.type == "datetime":
            described["format"] = "%Y-%m-%dT%H:%M:%SZ"
        if self.type == "boolean":
            described.update(trueValues=["1"], falseValues=["0"])
        if self.constraints:
            described["constraints"] = self.constraints
        return described


@dataclass(frozen=True)
class Reference:
    """A foreign key: `fields` of this file point at `columns` of the file `table`."""

    fields: tuple[str, ...]
    table: str
    columns: tuple[str, ...] = ("id",)


@dataclass(frozen=True)
class Table:
    name: str  # the resource name; the file is <name>.csv
    title: Any  # lazy strings, shown translated on the page
    description: Any
    columns_note: Any  # the columns in a sentence, for the page
    columns: tuple[Column, ...]
    query: Callable[[], Select]
    primary_key: tuple[str, ...] = ("id",)
    references: tuple[Reference, ...] = ()

    @property
    def filename(self) -> str:
        return f"{self.name}.csv"

    @property
    def listed(self) -> tuple[Column, ...]:
        """The columns in the file: per-language ones for the published languages only."""
        languages = published_languages()
        return tuple(c for c in self.columns if c.lang is None or c.lang in languages)

    @property
    def header(self) -> list[str]:
        return [column.name for column in self.listed]

    def rows(self) -> Iterator[list]:
        """Every row in primary-key order, fetched in batches by one query."""
        columns = self.listed
        result = db.session.execute(self.query().execution_options(yield_per=BATCH))
        for row in result.mappings():
            yield [column.cell(row) for column in columns]

    def describe(self) -> dict:
        schema: dict[str, Any] = {
            "fields": [column.describe() for column in self.listed],
            "missingValues": [""],
            "primaryKey": list(self.primary_key),
        }
        if self.references:
            schema["foreignKeys"] = [
                {
                    "fields": list(ref.fields),
                    "reference": {"resource": ref.table, "fields": list(ref.columns)},
                }
                for ref in self.references
            ]
        return {
            "name": self.name,
            "path": self.filename,
            "title": str(self.title),
            "description": str(self.description),
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "profile": "tabular-data-resource",
            "schema": schema,
        }


def required(column: Column) -> Column:
    """`column` with a value in every row."""
    return replace(column, constraints={**column.constraints, "required": True})


def id_column(description: str = "Identifier of the row; other files refer to it.") -> Column:
    return required(Column("id", "integer", description))


def ref_column(name: str, what: str, optional: bool = False) -> Column:
    column = Column(name, "integer", f"The id of the {what}.")
    return column if optional else required(column)


def enum_column(
    name: str, values, description: str, optional: bool = False, source: str | None = None
) -> Column:
    enum = {"enum": [value.value for value in values]}
    column = Column(name, "string", description, source=source, constraints=enum)
    return column if optional else required(column)


def localized(name: str, source: str, description: str, text: bool = True) -> list[Column]:
    """One column per language (`Title_he`, `Title_lv`, …), empty where that text is missing."""
    return [
        Column(
            f"{name}_{lang}",
            "string",
            f"{description} In {english_name(lang)} ({lang}); empty when there is no text "
            "in that language (no other language is filled in for it).",
            source=f"{source}_{lang}",
            text=text,
            lang=lang,
        )
        for lang in SHIPPED_LANGUAGES
    ]


def english_name(lang: str) -> str:
    """A language's English name, as the data package describes it."""
    return Locale.parse(lang).get_display_name("en")


def with_texts(stmt: Select, model, owner_key: str, owner_id, fields: Sequence[str]) -> Select:
    """`stmt` with each of `fields` of the per-language text rows as `<field>_<lang>`."""
    for lang in published_languages():
        texts = aliased(model, name=f"{model.__tablename__}_{lang}")
        stmt = stmt.outerjoin(
            texts, and_(getattr(texts, owner_key) == owner_id, texts.locale == lang)
        ).add_columns(*(getattr(texts, name).label(f"{name}_{lang}") for name in fields))
    return stmt


def datapackage(tables: Sequence[Table]) -> dict:
    """The Frictionless data package describing every file, in English."""
    site = current_app.config["SITE_NAME"]
    with force_locale("en"):
        return {
            "profile": "tabular-data-package",
            "name": "consultations-open-data",
            "title": f"{site}: open data",
            "description": (
                "Everything public on the platform as data: action plans, their commitments "
                "(with columns named like the Open Government Partnership's commitment sheet), "
                "milestones, progress updates, independent assessments, public consultations "
                "with their sections, visible comments and the government's reasoned "
                "responses. Every file is generated from the live database when it is "
                "downloaded. Files are UTF-8 CSV (RFC 4180) with one header row, ordered by "
                "primary key; dates are ISO 8601 and times are UTC. Texts that exist in "
                "several languages have one column per language, suffixed "
                + ", ".join(f"_{lang}" for lang in published_languages())
                + "."
            ),
            "homepage": "{}/{}/data".format(
                current_app.config["PUBLIC_URL"].rstrip("/"), current_app.config["DEFAULT_LANGUAGE"]
            ),
            "licenses": [LICENSE],
            "resources": [table.describe() for table in tables],
        }
