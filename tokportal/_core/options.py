"""Per-call options: the one value a call's ``**options`` become.

Typed methods, ``client.request`` and ``client.paginate`` take the options as keywords
(:class:`~tokportal._types.RequestOptions`); they are turned into a :class:`CallOptions` once,
at the top of the call, checked there, and handed down unchanged to the transport, the
request builder and the paginator. The checks that need the operation (whether it takes an
idempotency key at all) run where the operation is known, in :func:`build_request`.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import attrs
import httpx

from .._types import NOT_GIVEN, NotGiven, TimeoutTypes
from ..errors import InvalidRequestError
from . import headers as h
from .validation import mapping, refuse, shown

# RFC 9110 field names are tokens; values are visible ASCII, spaces and tabs (no CR/LF, which
# would split the header, and no non-ASCII, which httpx cannot encode).
_HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")
_HEADER_VALUE = re.compile(r"^[\t\x20-\x7e]*$")
_PROTECTED_HEADERS = frozenset(
    name.lower() for name in (h.API_KEY, h.IDEMPOTENCY_KEY, h.DRY_RUN, "Content-Type")
)
# Shared by every CallOptions without extras: read-only, so no call can leak into another.
_NO_EXTRAS: Mapping[str, Any] = MappingProxyType({})


@attrs.frozen(kw_only=True)
class CallOptions:
    """One call's options; a default means "as the client is configured"."""

    idempotency_key: str | None = None  # None: a fresh UUID4 for a write, none for a read
    dry_run: bool | None = None
    timeout: TimeoutTypes | NotGiven = NOT_GIVEN  # None is a value: no time limit
    max_retries: int | None = None
    extra_headers: Mapping[str, str] = _NO_EXTRAS
    extra_query: Mapping[str, Any] = _NO_EXTRAS
    extra_body: Mapping[str, Any] = _NO_EXTRAS

    @classmethod
    def of(cls, options: Mapping[str, Any]) -> CallOptions:
        """The options a caller gave as keywords, checked; a refusal names the bad one.

        ``None`` counts as not given for every option but ``timeout`` (where it means no
        limit), as it always has. An unknown name (a misspelt ``timout=``) is refused: it
        would otherwise do nothing, silently.
        """
        unknown = sorted(set(options) - _OPTION_NAMES)
        if unknown:
            raise InvalidRequestError(
                f"{shown(unknown[0])} is not a per-call option; they are: "
                f"{', '.join(sorted(_OPTION_NAMES))}",
                field=str(unknown[0]),
                value=options[unknown[0]],
            )
        dry_run = options.get("dry_run")
        if dry_run is not None and not isinstance(dry_run, bool):
            raise refuse("dry_run", dry_run, "must be True or False")
        timeout = options.get("timeout", NOT_GIVEN)
        if timeout is not NOT_GIVEN:
            check_timeout(timeout)
        max_retries = options.get("max_retries")
        if max_retries is not None:
            check_max_retries(max_retries)
        extra_headers = options.get("extra_headers")
        if extra_headers is not None:
            check_extra_headers(extra_headers)
            extra_headers = dict(extra_headers)  # a copy: the caller's may change later
        return cls(
            idempotency_key=options.get("idempotency_key"),
            dry_run=dry_run,
            timeout=timeout,
            max_retries=max_retries,
            extra_headers=extra_headers or _NO_EXTRAS,
            extra_query=_extra(options, "extra_query"),
            extra_body=_extra(options, "extra_body"),
        )


def _extra(options: Mapping[str, Any], name: str) -> Mapping[str, Any]:
    value = options.get(name)
    return _NO_EXTRAS if value is None else mapping(name, value) or _NO_EXTRAS


DEFAULT_OPTIONS = CallOptions()
_OPTION_NAMES = frozenset(field.name for field in attrs.fields(CallOptions))


def check_timeout(timeout: Any) -> None:
    """A per-call or client timeout: ``None`` (no limit), seconds, or an ``httpx.Timeout``."""
    if timeout is None:
        return
    if isinstance(timeout, httpx.Timeout):
        parts = (timeout.connect, timeout.read, timeout.write, timeout.pool)
        if all(part is None or _seconds(part) for part in parts):
            return
    elif _seconds(timeout):
        return
    raise refuse(
        "timeout",
        timeout,
        "must be None, a finite number of seconds >= 0, or an httpx.Timeout of such",
    )


def _seconds(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return False
    try:
        return math.isfinite(value) and value >= 0
    except OverflowError:  # an int beyond float's range
        return False


def check_max_retries(max_retries: Any) -> None:
    if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
        raise refuse("max_retries", max_retries, "must be a whole number >= 0")


def check_extra_headers(extra_headers: Any) -> None:
    """Headers a caller adds: well-formed names and values, none the SDK manages itself."""
    if not isinstance(extra_headers, Mapping):
        raise refuse("extra_headers", extra_headers, "must be a mapping of header name to value")
    for name, value in extra_headers.items():
        if not isinstance(name, str) or not _HEADER_NAME.match(name):
            raise refuse("extra_headers", name, "header names must be RFC 9110 tokens")
        if name.lower() in _PROTECTED_HEADERS:
            raise InvalidRequestError(
                f"extra_headers may not set {name}: use the api_key, idempotency_key or "
                "dry_run arguments, which the SDK applies to every retry consistently",
                field="extra_headers",
                value=name,
            )
        if not isinstance(value, str) or not _HEADER_VALUE.match(value):
            raise refuse(
                f"extra_headers[{shown(name)}]",
                value,
                "must be a string of printable ASCII (no CR/LF or other control characters)",
            )
