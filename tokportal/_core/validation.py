"""Local checks of the constraints API.md documents, each naming the field, value and rule.

A failed check raises ``InvalidRequestError`` before anything is sent. Only documented rules
live here: inventing one would refuse calls the API accepts.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Collection, Iterable, Sequence
from typing import Any, TypeVar

from .._types import NOT_GIVEN
from ..errors import InvalidRequestError

T = TypeVar("T")


def refuse(field: str, value: Any, rule: str) -> InvalidRequestError:
    return InvalidRequestError(f"{field}={value!r} is refused: {rule}", field=field, value=value)


def given(value: Any) -> bool:
    return value is not NOT_GIVEN and value is not None


def choice(field: str, value: Any, choices: Collection[str]) -> None:
    text = value.value if isinstance(value, enum.Enum) else value
    if text not in choices:
        raise refuse(field, value, f"must be one of {sorted(choices)}")


def length(field: str, value: Any, *, max_length: int, min_length: int = 0) -> None:
    if not isinstance(value, str):
        raise refuse(field, value, "must be a string")
    if not min_length <= len(value) <= max_length:
        span = f"{min_length} to {max_length}" if min_length else f"at most {max_length}"
        raise refuse(field, value, f"must be {span} characters long (got {len(value)})")


def integer(
    field: str, value: Any, *, minimum: int | None = None, maximum: int | None = None
) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise refuse(field, value, "must be an integer")
    if minimum is not None and value < minimum:
        raise refuse(field, value, f"must be at least {minimum}")
    if maximum is not None and value > maximum:
        raise refuse(field, value, f"must be at most {maximum}")


def pattern(field: str, value: Any, regex: str, description: str) -> None:
    if not isinstance(value, str) or re.fullmatch(regex, value) is None:
        raise refuse(field, value, description)


def https_url(field: str, value: Any) -> None:
    if not isinstance(value, str) or not re.match(r"^https://[^\s/]+", value):
        raise refuse(field, value, "must be an https:// URL")


def non_empty(field: str, value: Any) -> None:
    if isinstance(value, str) and not value.strip():
        raise refuse(field, value, "must not be empty")
    if isinstance(value, (list, tuple, set, frozenset, dict)) and not value:
        raise refuse(field, value, "must not be empty")


def iso_date(field: str, value: Any) -> str:
    """A ``YYYY-MM-DD`` string for a real calendar date (``datetime.date`` accepted)."""
    if isinstance(value, dt.datetime):
        raise refuse(field, value, "must be a date (YYYY-MM-DD), not a datetime")
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str) or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) is None:
        raise refuse(field, value, "must be a date written YYYY-MM-DD")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise refuse(field, value, "is not a real calendar date") from None
    return value


def warming_terms(field: str, terms: Any) -> list[str]:
    """Advanced-warming terms: 3–30 of them, a multiple of 3, each 2–50 characters, no
    duplicates (compared case-insensitively)."""
    if isinstance(terms, str) or not isinstance(terms, Iterable):
        raise refuse(field, terms, "must be a list of strings")
    items = list(terms)
    warming_terms_count(field, len(items), value=items)
    seen: set[str] = set()
    for index, term in enumerate(items):
        length(f"{field}[{index}]", term, min_length=2, max_length=50)
        folded = term.casefold()
        if folded in seen:
            raise refuse(f"{field}[{index}]", term, "duplicates another term (case-insensitive)")
        seen.add(folded)
    return items


def warming_terms_count(field: str, count: Any, *, value: Any = NOT_GIVEN) -> None:
    shown = count if value is NOT_GIVEN else value
    if isinstance(count, bool) or not isinstance(count, int):
        raise refuse(field, shown, "must be an integer")
    if not 3 <= count <= 30 or count % 3:
        raise refuse(field, shown, "must hold 3 to 30 terms, a multiple of 3")


def string_list(field: str, value: Any) -> list[str]:
    if isinstance(value, str) or not isinstance(value, Sequence):
        raise refuse(field, value, "must be a list of strings")
    for index, item in enumerate(value):
        if not isinstance(item, str):
            raise refuse(f"{field}[{index}]", item, "must be a string")
    return list(value)
