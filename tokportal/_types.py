"""Types shared by the public surface: the NOT_GIVEN sentinel and per-call options."""

from __future__ import annotations

import enum
from collections.abc import Mapping
from typing import Any, Final, Literal, TypedDict

import httpx


class _NotGiven(enum.Enum):
    """Tells "argument not given" apart from an explicit ``None`` (e.g. ``timeout=None``)."""

    NOT_GIVEN = "NOT_GIVEN"

    def __repr__(self) -> str:
        return "NOT_GIVEN"

    def __bool__(self) -> Literal[False]:
        return False


NOT_GIVEN: Final = _NotGiven.NOT_GIVEN
NotGiven = Literal[_NotGiven.NOT_GIVEN]

TimeoutTypes = float | httpx.Timeout | None


class RequestOptions(TypedDict, total=False):
    """Per-call options every typed method accepts as keyword arguments.

    - ``idempotency_key``: the key to send (writes only); by default a UUID4 is minted per
      call and reused on every retry of it.
    - ``dry_run``: validate and price a write without doing it (``X-TokPortal-Dry-Run``).
    - ``timeout`` / ``max_retries``: override the client's for this call.
    - ``extra_headers`` / ``extra_query`` / ``extra_body``: send what this SDK does not know
      yet (a field the API added), merged over the typed arguments.
    """

    idempotency_key: str
    dry_run: bool
    timeout: TimeoutTypes
    max_retries: int
    extra_headers: Mapping[str, str]
    extra_query: Mapping[str, Any]
    extra_body: Mapping[str, Any]
