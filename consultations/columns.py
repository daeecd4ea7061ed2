"""Column types the models share."""

import enum

from sqlalchemy import Enum


def text_enum(cls: type[enum.Enum], length: int = 24) -> Enum:
    """An enum stored by value as plain text, so the database reads like the domain's words."""
    return Enum(
        cls, native_enum=False, length=length, values_callable=lambda e: [m.value for m in e]
    )
