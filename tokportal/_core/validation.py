"""Local checks of the constraints API.md documents, each naming the field, value and rule.

A failed check raises ``InvalidRequestError`` before anything is sent. Only documented rules
live here: inventing one would refuse calls the API accepts.

Each field's own rule (type, length, range, shape) is the spec's, run from the generated
field table by ``fields``. The cross-field rule of an operation (the spec's
``Operation.rules``, hand-written in the ``validation_*`` modules) has one signature,
``Rule``: it takes the fields under their wire names, already checked one by one and written
as they go out (``fields.check_call`` runs it after the table), never mutates them, and
returns the fields to send. ``has_extra`` says the caller also sends fields through
``extra_body`` (or ``extra_query``), for the rules that want at least one field. What stays
here: the shared refusal (``refuse``, ``shown``), mappings and multipart form texts the table
does not describe, and the few helpers the flows' rules share.
"""

from __future__ import annotations

import enum
import logging
import math
import reprlib
from collections.abc import Collection, Mapping
from typing import Any, Protocol, TypeVar

from .._types import NOT_GIVEN
from ..errors import InvalidRequestError

T = TypeVar("T")

logger = logging.getLogger("tokportal")


class Rule(Protocol):
    """An operation's cross-field rule (see the module docstring)."""

    def __call__(
        self, fields: Mapping[str, Any], /, *, has_extra: bool = False
    ) -> dict[str, Any]: ...


# How much of a refused value a message shows: enough to recognise it, never the whole of a
# 10 MB string (the value itself stays on ``InvalidRequestError.value``).
MAX_SHOWN = 80
_REPR = reprlib.Repr()
_REPR.maxstring = MAX_SHOWN
_REPR.maxother = MAX_SHOWN
_REPR.maxlong = 40
_REPR.maxlist = _REPR.maxtuple = _REPR.maxset = _REPR.maxfrozenset = _REPR.maxdict = 6
_REPR.maxlevel = 3


def shown(value: Any) -> str:
    """``repr(value)`` cut to about ``MAX_SHOWN`` characters, saying how long it really was.

    Safe on anything: an int too long for ``str()``, an object whose ``repr`` raises.
    """
    size = _size(value)
    try:
        text = _REPR.repr(value)
    except Exception:  # a user's object whose __repr__ fails must not hide the refusal
        text = f"<{type(value).__name__} object>"
    if len(text) > MAX_SHOWN + 10:
        text = text[:MAX_SHOWN] + "..."
    if size is not None and size > MAX_SHOWN:
        text += f" ({size:,} {'digits' if isinstance(value, int) else 'long'})"
    return text


def _size(value: Any) -> int | None:
    if isinstance(value, (str, bytes, bytearray)):
        return len(value)
    if isinstance(value, int) and not isinstance(value, bool):
        # len(str(value)) can raise for huge ints; the bit length gives the digit count.
        return max(1, int(abs(value).bit_length() * 0.30103) + 1) if value else 1
    return None


def refuse(field: str, value: Any, rule: str) -> InvalidRequestError:
    return InvalidRequestError(
        f"{field}={shown(value)} is refused: {rule}", field=field, value=value
    )


def mapping(field: str, value: Any) -> dict[str, Any]:
    """A mapping of field name to value (a copy; the caller's is never mutated)."""
    if not isinstance(value, Mapping):
        raise refuse(field, value, "must be a mapping of field name to value")
    for key in value:
        if not isinstance(key, str):
            raise refuse(field, key, "field names must be strings")
        try:
            key.encode("utf-8")
        except UnicodeEncodeError:
            raise refuse(field, key, "field names may not hold a lone surrogate") from None
    return dict(value)


def extra(options: Mapping[str, Any], name: str) -> dict[str, Any]:
    """``extra_body`` / ``extra_query`` of the per-call options: a mapping, or empty."""
    value = options.get(name)
    return {} if value is None else mapping(name, value)


def form_text(field: str, value: Any) -> str:
    """A multipart form field's text: strings and numbers as written, booleans lower-case."""
    value = value.value if isinstance(value, enum.Enum) else value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        raise refuse(field, value, "must be a finite number")
    if isinstance(value, (int, float)):
        try:
            return str(value)
        except ValueError:
            raise refuse(field, value, "is too large to write as a number") from None
    if not isinstance(value, str):
        raise refuse(field, value, "must be a string, number or boolean in a multipart form")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise refuse(field, value, "holds a lone surrogate (not encodable as UTF-8)") from None
    return value


def given(value: Any) -> bool:
    return value is not NOT_GIVEN and value is not None


def choice(field: str, value: Any, choices: Collection[str]) -> None:
    """A value from a set API.md documents as closed (an unknown one is refused)."""
    text = value.value if isinstance(value, enum.Enum) else value
    if not isinstance(text, str) or text not in choices:
        raise refuse(field, value, f"must be one of {sorted(choices)}")


def open_choice(field: str, value: Any, known: Collection[str]) -> str:
    """A value from an open set (API.md §1.11: new values appear within a version).

    A known value or a new one is sent as given; a new one is logged at DEBUG (so a typo
    can be traced) and left for the API to judge. Only the type is checked here.
    """
    text = value.value if isinstance(value, enum.Enum) else value
    if not isinstance(text, str) or not text.strip():
        raise refuse(field, value, f"must be a non-empty string, e.g. one of {sorted(known)}")
    if text not in known:
        logger.debug(
            "%s=%s is not one this SDK knows (%s); sending it as given",
            field,
            shown(text),
            ", ".join(sorted(known)),
        )
    return text


def integer(
    field: str, value: Any, *, minimum: int | None = None, maximum: int | None = None
) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise refuse(field, value, "must be an integer")
    if minimum is not None and value < minimum:
        raise refuse(field, value, f"must be at least {minimum}")
    if maximum is not None and value > maximum:
        raise refuse(field, value, f"must be at most {maximum}")


def non_empty(field: str, value: Any) -> None:
    if isinstance(value, str) and not value.strip():
        raise refuse(field, value, "must not be empty")
    if isinstance(value, (list, tuple, set, frozenset, dict)) and not value:
        raise refuse(field, value, "must not be empty")
