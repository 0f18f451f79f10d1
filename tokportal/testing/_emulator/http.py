"""Request/response primitives shared by every handler: errors, replies, typed body and query
readers. A reader raises ``VALIDATION_ERROR`` naming the field, so handlers stay declarative."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime, timezone
from email.parser import BytesParser
from email.policy import HTTP
from typing import Any, TypeVar

import attrs

from ..._core.isotime import parse_datetime as parse_iso_datetime

T = TypeVar("T")

JSON_TYPE = "application/json"
_MISSING: Any = object()


class ApiError(Exception):
    """An error answer: raised anywhere below the router, rendered as the error envelope."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: Mapping[str, Any] | None = None,
        *,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(f"{code}: {message}")
        self.status = status
        self.code = code
        self.message = message
        self.details = dict(details or {})
        self.headers = dict(headers or {})

    def reply(self) -> Reply:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        body["details"] = self.details
        return Reply(status=self.status, body={"error": body}, headers=self.headers)


def validation(field: str, message: str, **details: Any) -> ApiError:
    return ApiError(
        400,
        "VALIDATION_ERROR",
        f"{field}: {message}",
        {"field": field, "reason": message, **details},
    )


def not_found(code: str, what: str, ident: str) -> ApiError:
    return ApiError(404, code, f"{what} {ident!r} was not found.", {"id": ident})


def conflict(code: str, message: str, **details: Any) -> ApiError:
    return ApiError(409, code, message, details)


@attrs.define
class Reply:
    """What a handler answers. ``body`` is a JSON-able object, or raw bytes for text answers."""

    status: int = 200
    body: Any = None
    content_type: str = JSON_TYPE
    headers: dict[str, str] = attrs.Factory(dict)

    @property
    def is_json(self) -> bool:
        return self.content_type == JSON_TYPE and not isinstance(self.body, bytes)

    def encode(self) -> bytes:
        if self.body is None:
            return b""
        if isinstance(self.body, bytes):
            return self.body
        return json.dumps(self.body, separators=(",", ":"), ensure_ascii=False).encode()


def ok(data: Any, *, status: int = 200, **siblings: Any) -> Reply:
    return Reply(status=status, body={"data": data, **siblings})


def text(content: str, content_type: str) -> Reply:
    return Reply(body=content.encode(), content_type=f"{content_type}; charset=utf-8")


def no_content() -> Reply:
    return Reply(status=204, body=None, content_type="")


# ---------------------------------------------------------------------------- time formatting


def iso(value: datetime | None) -> str | None:
    """API timestamps: UTC, millisecond precision, ``Z`` suffix (as in API.md's examples)."""
    if value is None:
        return None
    value = value.astimezone(timezone.utc)
    return value.strftime("%Y-%m-%dT%H:%M:%S.") + f"{value.microsecond // 1000:03d}Z"


def parse_datetime(raw: str) -> datetime | None:
    """ISO date or datetime; a bare date means midnight UTC."""
    try:
        if len(raw) == 10:
            d = date.fromisoformat(raw)
            return datetime(d.year, d.month, d.day, tzinfo=timezone.utc)
    except ValueError:
        return None
    parsed = parse_iso_datetime(raw)
    if parsed is None:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)


def parse_date(raw: str) -> date | None:
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        return None


# ---------------------------------------------------------------------------- JSON body reader


class Body:
    """Typed, validating access to a JSON object body. Every getter names the field on error."""

    def __init__(self, raw: Mapping[str, Any] | None, *, prefix: str = "") -> None:
        self.raw: dict[str, Any] = dict(raw or {})
        self._prefix = prefix

    def name(self, field: str) -> str:
        return f"{self._prefix}{field}"

    def has(self, field: str) -> bool:
        return field in self.raw

    def require_any(self, fields: Sequence[str]) -> None:
        if not any(f in self.raw for f in fields):
            # Named after the first field, as the client's refusal is.
            raise validation(
                self.name(fields[0]),
                f"at least one of {', '.join(fields)} is required",
                fields=list(fields),
            )

    def _get(self, field: str, required: bool, nullable: bool) -> Any:
        if field not in self.raw:
            if required:
                raise validation(self.name(field), "is required")
            return _MISSING
        value = self.raw[field]
        if value is None:
            if required or not nullable:
                raise validation(self.name(field), "must not be null")
            return None
        return value

    def text(
        self,
        field: str,
        *,
        required: bool = False,
        nullable: bool = False,
        min_len: int = 0,
        max_len: int | None = None,
        pattern: str | None = None,
        default: Any = None,
    ) -> Any:
        value = self._get(field, required, nullable)
        if value is _MISSING:
            return default
        if value is None:
            return None
        if not isinstance(value, str):
            raise validation(self.name(field), "must be a string")
        check_length(self.name(field), value, min_len, max_len)
        if pattern is not None and not re.fullmatch(pattern, value):
            raise validation(self.name(field), f"must match {pattern}")
        return value

    def integer(
        self,
        field: str,
        *,
        required: bool = False,
        nullable: bool = False,
        minimum: int | None = None,
        maximum: int | None = None,
        default: Any = None,
    ) -> Any:
        value = self._get(field, required, nullable)
        if value is _MISSING:
            return default
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            else:
                raise validation(self.name(field), "must be an integer")
        check_range(self.name(field), value, minimum, maximum)
        return value

    def flag(self, field: str, *, required: bool = False, default: Any = None) -> Any:
        value = self._get(field, required, nullable=False)
        if value is _MISSING:
            return default
        if not isinstance(value, bool):
            raise validation(self.name(field), "must be a boolean")
        return value

    def enum(
        self,
        field: str,
        choices: Iterable[str],
        *,
        required: bool = False,
        nullable: bool = False,
        default: Any = None,
    ) -> Any:
        value = self.text(field, required=required, nullable=nullable, default=default)
        allowed = tuple(choices)
        if value is not None and value not in allowed:
            raise validation(
                self.name(field), f"must be one of {', '.join(allowed)}", allowed=allowed
            )
        return value

    def str_list(
        self,
        field: str,
        *,
        required: bool = False,
        nullable: bool = False,
        item_min: int = 0,
        item_max: int | None = None,
        min_items: int = 0,
        max_items: int | None = None,
    ) -> Any:
        value = self._get(field, required, nullable)
        if value is _MISSING or value is None:
            return None
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise validation(self.name(field), "must be an array of strings")
        check_range(self.name(field), len(value), min_items, max_items, unit="items")
        for i, item in enumerate(value):
            check_length(f"{self.name(field)}[{i}]", item, item_min, item_max)
        return list(value)

    def obj(self, field: str, *, required: bool = False) -> Any:
        value = self._get(field, required, nullable=True)
        if value is _MISSING or value is None:
            return None
        if not isinstance(value, dict):
            raise validation(self.name(field), "must be an object")
        return value

    def list_of_objects(self, field: str, *, required: bool = False) -> list[dict[str, Any]]:
        value = self._get(field, required, nullable=False)
        if value is _MISSING:
            return []
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            raise validation(self.name(field), "must be an array of objects")
        return list(value)


def check_length(field: str, value: str, min_len: int, max_len: int | None) -> None:
    if len(value) < min_len:
        raise validation(field, f"must be at least {min_len} characters", min_length=min_len)
    if max_len is not None and len(value) > max_len:
        raise validation(field, f"must be at most {max_len} characters", max_length=max_len)


def check_range(
    field: str, value: int, minimum: int | None, maximum: int | None, *, unit: str = ""
) -> None:
    suffix = f" {unit}" if unit else ""
    if minimum is not None and value < minimum:
        raise validation(field, f"must be at least {minimum}{suffix}", minimum=minimum)
    if maximum is not None and value > maximum:
        raise validation(field, f"must be at most {maximum}{suffix}", maximum=maximum)


# ---------------------------------------------------------------------------- query reader


class Query:
    """Typed access to query parameters (repeatable keys are kept in order)."""

    def __init__(self, items: Sequence[tuple[str, str]]) -> None:
        self._items = list(items)

    def get(self, name: str) -> str | None:
        for key, value in self._items:
            if key == name:
                return value
        return None

    def all(self, name: str) -> list[str]:
        values: list[str] = []
        for key, value in self._items:
            if key == name:
                values.extend(v for v in value.split(",") if v)
        return values

    def integer(
        self, name: str, *, default: int, minimum: int | None = None, maximum: int | None = None
    ) -> int:
        raw = self.get(name)
        if raw is None or raw == "":
            return default
        try:
            value = int(raw)
        except ValueError:
            raise validation(name, "must be an integer", value=raw) from None
        check_range(name, value, minimum, maximum)
        return value

    def flag(self, name: str) -> bool | None:
        raw = self.get(name)
        if raw is None or raw == "":
            return None
        lowered = raw.lower()
        if lowered in ("true", "1", "yes"):
            return True
        if lowered in ("false", "0", "no"):
            return False
        raise validation(name, "must be true or false", value=raw)

    def enum(self, name: str, choices: Iterable[str], *, default: str | None = None) -> str | None:
        raw = self.get(name)
        if raw is None or raw == "":
            return default
        allowed = tuple(choices)
        if raw not in allowed:
            raise validation(name, f"must be one of {', '.join(allowed)}", allowed=allowed)
        return raw

    def timestamp(self, name: str) -> datetime | None:
        raw = self.get(name)
        if raw is None or raw == "":
            return None
        parsed = parse_datetime(raw)
        if parsed is None:
            raise validation(name, "must be an ISO date or datetime", value=raw)
        return parsed


# ---------------------------------------------------------------------------- pagination


DEFAULT_PER_PAGE = 25
MAX_PER_PAGE = 100


def paginate(items: Sequence[Any], query: Query) -> Reply:
    page = query.integer("page", default=1, minimum=1)
    per_page = query.integer("per_page", default=DEFAULT_PER_PAGE, minimum=1, maximum=MAX_PER_PAGE)
    total = len(items)
    start = (page - 1) * per_page
    pagination = {
        "page": page,
        "per_page": per_page,
        "total": total,
        "total_pages": math.ceil(total / per_page) if total else 0,
    }
    return ok(list(items[start : start + per_page]), pagination=pagination)


# ---------------------------------------------------------------------------- multipart


@attrs.frozen
class FormPart:
    name: str
    filename: str | None
    content_type: str | None
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")


def parse_multipart(content_type: str, body: bytes) -> dict[str, FormPart]:
    """Parse ``multipart/form-data`` with the stdlib email parser (no hand-written MIME code)."""
    if "boundary=" not in content_type:
        raise validation("body", "multipart/form-data with a boundary is required")
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    if not message.is_multipart():
        raise validation("body", "could not parse the multipart body")
    parts: dict[str, FormPart] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        parts[name] = FormPart(
            name=name,
            filename=part.get_filename(),
            content_type=part.get_content_type() if part.get("content-type") else None,
            content=payload if isinstance(payload, bytes) else b"",
        )
    return parts
