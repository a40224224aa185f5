"""Coercing the server's JSON values to the types the models hold.

The server is trusted for nothing: a value of the wrong type becomes the empty value of the
field's type (or `None`), never an exception.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
import math
from typing import Any

from .models import INTEGER


def text(value: object) -> str:
    """A string; a number as its decimal text; anything else empty."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def integer(value: object) -> int | None:
    """An integer, from a JSON integer or a string of digits."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str) and INTEGER.fullmatch(value):
        return int(value)
    return None


def number(value: object) -> int | float | None:
    """A finite number, from a JSON number or a numeric string (`"12"`, `"87.5"`)."""
    kind = type(value)
    if kind is int:
        return value  # type: ignore[return-value]
    if kind is float:
        return value if math.isfinite(value) else None  # type: ignore[arg-type,return-value]
    if kind is str:
        stripped = value.strip()  # type: ignore[attr-defined]
        if INTEGER.fullmatch(stripped):
            return int(stripped)
        try:
            parsed = float(stripped)
        except ValueError:
            return None
        # float() also reads "nan" and "inf", which no counter is.
        return parsed if math.isfinite(parsed) else None
    return None


def boolean(value: object) -> bool:
    """True for JSON `true` or the string `"true"` (any case)."""
    return value is True or (isinstance(value, str) and value.lower() == "true")


def mapping(value: object) -> dict[str, Any]:
    """A JSON object, or an empty one."""
    return value if isinstance(value, dict) else {}


def objects(value: object) -> tuple[Mapping[str, Any], ...]:
    """The JSON objects of a list; a lone object counts as a list of one."""
    if isinstance(value, dict):
        return (value,)
    if not isinstance(value, list):
        return ()
    return tuple(item for item in value if isinstance(item, dict))


def moment(value: object) -> datetime | None:
    """An aware time from ISO 8601; one without a time zone is taken as this host's local time."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else parsed.astimezone()
