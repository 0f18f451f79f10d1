"""Building a request from an operation and the caller's arguments.

Everything here runs before a byte leaves: a refusal raises ``InvalidRequestError`` and the
caller is never charged.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
import sys
import uuid
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import quote

import attrs
import httpx

from .._operations import OPERATIONS, Operation
from .._version import __version__
from ..errors import InvalidRequestError
from . import headers as h


def _python_version() -> str:
    """``3.11.7``, or ``3.14.0rc1`` for a pre-release (as ``platform.python_version()``)."""
    info = sys.version_info
    version = f"{info.major}.{info.minor}.{info.micro}"
    level = {"alpha": "a", "beta": "b", "candidate": "rc"}.get(info.releaselevel)
    return version if level is None else f"{version}{level}{info.serial}"


def _implementation() -> str:
    name = sys.implementation.name
    return {"cpython": "CPython", "pypy": "PyPy"}.get(name, name)


# Not "tokportal-python/...": that is TokPortal's own generated Python client, and the API
# team must be able to tell the two apart (API.md, X-TokPortal-Client). Computed once.
CLIENT_ID = f"tokportal-sdk/{__version__}"
USER_AGENT = f"{CLIENT_ID} ({_implementation()} {_python_version()}; httpx {httpx.__version__})"

_MAX_IDEMPOTENCY_KEY_LENGTH = 255
_VISIBLE_ASCII = re.compile(r"^[\x21-\x7e]+$")

QueryValue = str | int | float | bool | dt.date | enum.Enum | None
Query = Mapping[str, QueryValue | Iterable[QueryValue]]


@attrs.frozen(kw_only=True)
class PreparedRequest:
    """What goes over the wire for one logical call (every attempt sends the same)."""

    operation: Operation
    method: str
    path: str
    url: str
    params: tuple[tuple[str, str], ...]
    headers: Mapping[str, str] = attrs.field(repr=False)  # carries the API key
    json: Any = None
    files: Any = None
    data: Mapping[str, Any] | None = None
    idempotency_key: str | None = None


def find_operation(operation_id: str) -> Operation:
    """The operation for ``operation_id``, or a local refusal naming it."""
    try:
        return OPERATIONS[operation_id]
    except KeyError:
        raise InvalidRequestError(
            f"unknown operation id {operation_id!r}: see tokportal.OPERATIONS for the 91 "
            "operations of the TokPortal API",
            field="operation_id",
            value=operation_id,
        ) from None


def mint_idempotency_key() -> str:
    return str(uuid.uuid4())


def expand_path(operation: Operation, path_params: Mapping[str, Any] | None) -> str:
    """The operation's path with each parameter percent-encoded (``/``, ``?``, ``#`` too)."""
    given = dict(path_params or {})
    unknown = sorted(set(given) - set(operation.path_params))
    if unknown:
        raise InvalidRequestError(
            f"{operation.operation_id} takes path parameters {list(operation.path_params)}, "
            f"not {unknown}",
            field=unknown[0],
        )
    path = operation.path
    for name in operation.path_params:
        value = given.get(name)
        text = _path_text(value)
        if not text:
            raise InvalidRequestError(
                f"path parameter {name!r} of {operation.operation_id} must be a non-empty "
                f"string or a positive integer, got {value!r}",
                field=name,
                value=value,
            )
        path = path.replace("{" + name + "}", quote(text, safe=""))
    return path


def _path_text(value: Any) -> str:
    if isinstance(value, bool) or value is None:
        return ""
    if isinstance(value, int):
        return str(value) if value > 0 else ""
    if isinstance(value, str):
        return value.strip() and value
    if isinstance(value, uuid.UUID):
        return str(value)
    return ""


def encode_query(query: Query | None) -> tuple[tuple[str, str], ...]:
    """Query pairs: ``None`` dropped, booleans as ``true``/``false``, sequences repeated."""
    pairs: list[tuple[str, str]] = []
    for name, value in (query or {}).items():
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            pairs.extend((name, _query_text(item)) for item in value if item is not None)
        else:
            pairs.append((name, _query_text(value)))  # type: ignore[arg-type]
    return tuple(pairs)


def _query_text(value: QueryValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def resolve_idempotency_key(operation: Operation, caller_key: str | None) -> str | None:
    """The key to send on every attempt of this call: the caller's, a fresh UUID4, or none."""
    if caller_key is not None:
        if operation.is_sensitive:
            raise InvalidRequestError(
                f"{operation.operation_id} returns a secret and refuses Idempotency-Key "
                "(the API answers 400 IDEMPOTENCY_KEY_NOT_ALLOWED_FOR_SENSITIVE_RESPONSE); "
                "call it without idempotency_key",
                field="idempotency_key",
                value=caller_key,
            )
        if not operation.accepts_idempotency_key:
            raise InvalidRequestError(
                f"{operation.operation_id} is a read; idempotency keys apply to writes only",
                field="idempotency_key",
                value=caller_key,
            )
        if len(caller_key) > _MAX_IDEMPOTENCY_KEY_LENGTH or not _VISIBLE_ASCII.match(caller_key):
            raise InvalidRequestError(
                f"idempotency_key must be 1 to 255 visible ASCII characters, got {caller_key!r}",
                field="idempotency_key",
                value=caller_key,
            )
        return caller_key
    return mint_idempotency_key() if operation.accepts_idempotency_key else None


def base_headers(api_key: str) -> dict[str, str]:
    """Headers every request carries."""
    return {
        h.API_KEY: api_key,
        h.USER_AGENT: USER_AGENT,
        h.CLIENT: CLIENT_ID,
    }


def build_request(
    operation: Operation,
    *,
    base_url: str,
    default_headers: Mapping[str, str],
    path_params: Mapping[str, Any] | None = None,
    query: Query | None = None,
    json: Any = None,
    files: Any = None,
    data: Mapping[str, Any] | None = None,
    extra_headers: Mapping[str, str] | None = None,
    idempotency_key: str | None = None,
    dry_run: bool = False,
) -> PreparedRequest:
    """Validate the call against the operation and describe the request to send."""
    path = expand_path(operation, path_params)
    body = _check_body(operation, json=json, files=files, data=data)

    request_headers = dict(default_headers)
    request_headers[h.ACCEPT] = h.ACCEPT_TEXT if operation.returns_text else h.ACCEPT_JSON
    key = resolve_idempotency_key(operation, idempotency_key)
    if key is not None:
        request_headers[h.IDEMPOTENCY_KEY] = key
    if dry_run and operation.is_write:
        request_headers[h.DRY_RUN] = "true"
    if extra_headers:
        _refuse_header_overrides(extra_headers)
        request_headers.update(extra_headers)

    return PreparedRequest(
        operation=operation,
        method=operation.method,
        path=path,
        url=base_url.rstrip("/") + path,
        params=encode_query(query),
        headers=request_headers,
        json=body,
        files=files,
        data=data,
        idempotency_key=key,
    )


_PROTECTED_HEADERS = frozenset(
    name.lower() for name in (h.API_KEY, h.IDEMPOTENCY_KEY, h.DRY_RUN, "Content-Type")
)


def _refuse_header_overrides(extra_headers: Mapping[str, str]) -> None:
    for name in extra_headers:
        if name.lower() in _PROTECTED_HEADERS:
            raise InvalidRequestError(
                f"extra_headers may not set {name}: use the api_key, idempotency_key or "
                "dry_run arguments, which the SDK applies to every retry consistently",
                field="extra_headers",
                value=name,
            )


def _check_body(operation: Operation, *, json: Any, files: Any, data: Any) -> Any:
    """The JSON body to send; a refusal when the body does not fit the operation."""
    content_type = operation.request_content_type
    multipart = content_type == "multipart/form-data"
    if (files is not None or data is not None) and not multipart:
        raise InvalidRequestError(
            f"{operation.operation_id} takes no multipart body (files/data)", field="files"
        )
    if multipart:
        if json is not None:
            raise InvalidRequestError(
                f"{operation.operation_id} takes a multipart body (files/data), not json",
                field="json",
            )
        if files is None and operation.body_required:
            raise InvalidRequestError(
                f"{operation.operation_id} needs a file (files={{'file': ...}})", field="files"
            )
        return None
    if content_type is None:
        if json is not None:
            raise InvalidRequestError(
                f"{operation.operation_id} takes no request body, got json={json!r}",
                field="json",
            )
        return None
    if json is None:
        # A required JSON body with nothing to say is an empty object (TokPortal's own SDKs
        # send ``{}`` for the refresh and ad-code calls).
        return {} if operation.body_required else None
    return json
