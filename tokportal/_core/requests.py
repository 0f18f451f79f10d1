"""Building a request from an operation and the caller's arguments.

Everything here runs before a byte leaves: a refusal raises ``InvalidRequestError`` and the
caller is never charged.
"""

from __future__ import annotations

import datetime as dt
import enum
import json as jsonlib
import math
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
from .isotime import format_datetime
from .options import DEFAULT_OPTIONS, CallOptions
from .validation import integer, refuse, shown


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
# Path segments RFC 3986 removes ("dot segments") when a URL is resolved: an id equal to one
# of them would move the request to another path, so it is refused, never sent.
_DOT_SEGMENTS = frozenset({".", ".."})
# httpx refuses longer URLs (and longer components); say so before it does.
MAX_URL_LENGTH = 65_536

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
    # ``json`` encoded once, as httpx would (compact, UTF-8, no NaN): every attempt sends
    # these bytes, and a body that cannot be encoded is refused before any attempt.
    content: bytes | None = attrs.field(default=None, repr=False)
    files: Any = None
    data: Mapping[str, Any] | None = None
    idempotency_key: str | None = None


def find_operation(operation_id: str) -> Operation:
    """The operation for ``operation_id``, or a local refusal naming it."""
    try:
        return OPERATIONS[operation_id]
    except (KeyError, TypeError):
        raise InvalidRequestError(
            f"unknown operation id {shown(operation_id)}: see tokportal.OPERATIONS for the 91 "
            "operations of the TokPortal API",
            field="operation_id",
            value=operation_id,
        ) from None


def mint_idempotency_key() -> str:
    return str(uuid.uuid4())


def expand_path(operation: Operation, path_params: Mapping[str, Any] | None) -> str:
    """The operation's path with each parameter percent-encoded (``/``, ``?``, ``#`` too).

    The result always has the operation's segments: an id that is empty, blank, or a dot
    segment (``.``/``..``, which URL resolution would collapse) is refused.
    """
    if path_params is not None and not isinstance(path_params, Mapping):
        raise refuse("path_params", path_params, "must be a mapping of parameter name to value")
    given = dict(path_params or {})
    unknown = sorted((name for name in given if name not in operation.path_params), key=str)
    if unknown:
        raise InvalidRequestError(
            f"{operation.operation_id} takes path parameters {list(operation.path_params)}, "
            f"not {[shown(name) for name in unknown]}",
            field=str(unknown[0]),
            value=unknown[0],
        )
    path = operation.path
    for name in operation.path_params:
        text = path_segment(name, given.get(name), operation.operation_id)
        path = path.replace("{" + name + "}", text)
    return path


def path_arg(name: str, value: Any) -> Any:
    """A typed method's id argument, checked under its Python name (``bundle_id``) before it
    becomes a path parameter; returned unchanged."""
    path_segment(name, value)
    return value


def path_int(name: str, value: Any) -> int:
    """A typed method's integer path argument (a slot ``position``: 1 or more), checked under
    its Python name; returned unchanged."""
    integer(name, value, minimum=1)
    return int(value)


def path_segment(name: str, value: Any, operation_id: str = "") -> str:
    """One path parameter as a percent-encoded segment, or a refusal naming it."""
    where = f"path parameter {name!r} of {operation_id}" if operation_id else "the id"
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, int) and not isinstance(value, bool):
        if value <= 0:
            raise refuse(name, value, f"{where} must be a positive integer")
        return _int_text(name, value)
    if not isinstance(value, str):
        raise refuse(name, value, f"{where} must be a non-empty string or a positive integer")
    if not value.strip():
        raise refuse(name, value, f"{where} must be a non-empty string (not blank)")
    if value in _DOT_SEGMENTS:
        raise refuse(name, value, f"{where} may not be '.' or '..' (it would change the path)")
    # Encoding at most triples the length: a value this long can never fit (checked before
    # encoding megabytes only to refuse them).
    if len(value) > MAX_URL_LENGTH:
        raise refuse(name, value, f"{where} is too long for a URL")
    try:
        encoded = quote(value, safe="")
    except UnicodeEncodeError:
        raise refuse(name, value, f"{where} holds a lone surrogate (not encodable)") from None
    if len(encoded) > MAX_URL_LENGTH:
        raise refuse(name, value, f"{where} is too long for a URL")
    return encoded


def encode_query(query: Query | None) -> tuple[tuple[str, str], ...]:
    """Query pairs: ``None`` dropped, booleans as ``true``/``false``, sequences repeated."""
    if query is None:
        return ()
    if not isinstance(query, Mapping):
        raise refuse("query", query, "must be a mapping of parameter name to value")
    pairs: list[tuple[str, str]] = []
    for name, value in query.items():
        if not isinstance(name, str) or not name:
            raise refuse("query", name, "parameter names must be non-empty strings")
        _check_text(f"query[{shown(name)}]", name, name)
        if value is None:
            continue
        if isinstance(value, (list, tuple, set, frozenset)):
            pairs.extend(
                (name, _query_text(f"query[{shown(name)}]", item))
                for item in value
                if item is not None
            )
        else:
            pairs.append((name, _query_text(f"query[{shown(name)}]", value)))
    # Percent-encoding at most triples a character's length (per UTF-8 byte: up to 12 for
    # one character); encode for the exact size only when the cheap bound is too high.
    bound = sum(len(k) + len(v) + 2 for k, v in pairs) * 12
    size = bound
    if bound > MAX_URL_LENGTH:
        size = sum(len(quote(k, safe="")) + len(quote(v, safe="")) + 2 for k, v in pairs)
    if size > MAX_URL_LENGTH:
        raise refuse("query", query, f"is too long for a URL ({size:,} characters encoded)")
    return tuple(pairs)


def _query_text(field: str, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, enum.Enum):
        value = value.value
    text = _timestamp_or_uuid_text(value)
    if text is not None:
        return text
    if isinstance(value, int):
        return _int_text(field, value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise refuse(field, value, "must be a finite number")
        return str(value)
    if isinstance(value, str):
        return _check_text(field, value, value)
    raise refuse(field, value, "must be a string, number, boolean, date or a list of them")


def _int_text(field: str, value: int) -> str:
    try:
        return str(value)
    except ValueError:  # beyond Python's int-to-str digit limit
        raise refuse(field, value, "is too large to write as a number") from None


def _check_text(field: str, text: str, value: Any) -> str:
    if len(text) > MAX_URL_LENGTH:
        raise refuse(field, value, "is too long for a URL")
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise refuse(field, value, "holds a lone surrogate (not encodable as UTF-8)") from None
    return text


def resolve_idempotency_key(operation: Operation, caller_key: str | None) -> str | None:
    """The key to send on every attempt of this call: the caller's, a fresh UUID4, or none."""
    if caller_key is not None:
        if not isinstance(caller_key, str):
            raise refuse("idempotency_key", caller_key, "must be a string")
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
                "idempotency_key must be 1 to 255 visible ASCII characters, got "
                f"{shown(caller_key)}",
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
    client_dry_run: bool = False,
    path_params: Mapping[str, Any] | None = None,
    query: Query | None = None,
    json: Any = None,
    files: Any = None,
    data: Mapping[str, Any] | None = None,
    options: CallOptions = DEFAULT_OPTIONS,
) -> PreparedRequest:
    """Validate the call against the operation and describe the request to send.

    The per-call ``options`` were checked when they were made; here they meet the
    operation: ``extra_query`` and ``extra_body`` go over the typed arguments, and the
    idempotency key is refused where the operation takes none.
    """
    path = expand_path(operation, path_params)
    if options.extra_query:
        query = {**(query or {}), **options.extra_query}
    params = encode_query(query)
    if options.extra_body:
        json = _with_extra_body(operation, json, options.extra_body)
    body = _check_body(operation, json=json, files=files, data=data)
    content = None if body is None else encode_json(body)
    dry_run = client_dry_run if options.dry_run is None else options.dry_run

    request_headers = dict(default_headers)
    request_headers[h.ACCEPT] = h.ACCEPT_TEXT if operation.returns_text else h.ACCEPT_JSON
    if content is not None:
        request_headers["Content-Type"] = "application/json"
    key = resolve_idempotency_key(operation, options.idempotency_key)
    if key is not None:
        request_headers[h.IDEMPOTENCY_KEY] = key
    if dry_run and operation.is_write:
        request_headers[h.DRY_RUN] = "true"
    request_headers.update(options.extra_headers)

    return PreparedRequest(
        operation=operation,
        method=operation.method,
        path=path,
        url=base_url.rstrip("/") + path,
        params=params,
        headers=request_headers,
        json=body,
        content=content,
        files=files,
        data=data,
        idempotency_key=key,
    )


def _with_extra_body(operation: Operation, json: Any, extra_body: Mapping[str, Any]) -> Any:
    """``extra_body`` over the JSON object the typed arguments made."""
    if json is not None and not isinstance(json, Mapping):
        raise InvalidRequestError(
            f"{operation.operation_id}: extra_body adds fields to a JSON object, but this "
            f"body is a {type(json).__name__}",
            field="extra_body",
        )
    return {**(json or {}), **extra_body}


def encode_json(body: Any) -> bytes:
    """The JSON bytes httpx would send for ``body``, or a refusal naming the bad value.

    Dates are written ISO 8601 (as the typed methods do); NaN/infinity, bytes, sets and
    other objects JSON cannot hold are refused, so nothing half-encoded ever leaves.
    """
    try:
        text = jsonlib.dumps(
            body,
            ensure_ascii=False,
            separators=(",", ":"),
            allow_nan=False,
            default=_json_default,
        )
        return text.encode("utf-8")
    except (TypeError, ValueError, RecursionError):
        field, value, rule = _find_unencodable(body, "json")
        raise refuse(field, value, rule) from None


def _timestamp_or_uuid_text(value: Any) -> str | None:
    """How a date-time, a date or a UUID is written, in a query as in a JSON body."""
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return None


def _json_default(value: Any) -> Any:
    text = _timestamp_or_uuid_text(value)
    if text is None:
        raise TypeError(type(value).__name__)
    return text


def _find_unencodable(value: Any, where: str, depth: int = 0) -> tuple[str, Any, str]:
    """Where in a body JSON encoding failed, for the refusal message."""
    if depth > 100:
        return where, value, "is nested too deeply (or refers to itself)"
    if isinstance(value, float) and not math.isfinite(value):
        return where, value, "must be a finite number (JSON has no NaN or infinity)"
    if isinstance(value, int) and not isinstance(value, bool):
        return where, value, "is too large to write as a number"
    if isinstance(value, str):
        return where, value, "holds a lone surrogate (not encodable as UTF-8)"
    if isinstance(value, Mapping):
        for key, item in value.items():
            if not isinstance(key, (str, int, float, bool)) and key is not None:
                return where, key, "has a key JSON cannot hold (keys are strings)"
            if isinstance(key, str) and _unencodable_text(key):
                return where, key, "has a key holding a lone surrogate"
            if not _encodes(item):
                return _find_unencodable(item, f"{where}[{shown(key)}]", depth + 1)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            if not _encodes(item):
                return _find_unencodable(item, f"{where}[{index}]", depth + 1)
    return where, value, f"cannot be sent as JSON (a {type(value).__name__})"


def _encodes(value: Any) -> bool:
    try:
        jsonlib.dumps(value, ensure_ascii=False, allow_nan=False, default=_json_default).encode()
    except (TypeError, ValueError, RecursionError):
        return False
    return True


def _unencodable_text(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


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
                f"{operation.operation_id} takes no request body, got json={shown(json)}",
                field="json",
                value=json,
            )
        return None
    if json is None:
        # A required JSON body with nothing to say is an empty object (TokPortal's own SDKs
        # send ``{}`` for the refresh and ad-code calls).
        return {} if operation.body_required else None
    return json
