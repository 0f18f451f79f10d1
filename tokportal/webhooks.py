"""Webhook signature verification and the typed event envelope (pure: no I/O).

A delivery carries ``TokPortal-Signature: t=<unix seconds>,v1=<hex>`` where the hex is
HMAC-SHA256 keyed with the endpoint's signing secret over ``"<t>." + raw body``. Several ``v1``
entries may be present while a secret is being rotated; any one matching is enough.

:func:`verify` and :func:`construct_event` raise :class:`~tokportal.errors.WebhookSignatureError`
and no other exception, whatever they are given. Messages never contain the secret or the
expected signature.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import re
import time
from collections.abc import Mapping
from datetime import datetime
from typing import Any, Protocol

import attrs

from ._core.isotime import parse_datetime
from .errors import InvalidRequestError, WebhookSignatureError
from .models._enums import WebhookEventType

__all__ = [
    "DEFAULT_TOLERANCE",
    "EVENT_ID_HEADER",
    "EVENT_TYPE_HEADER",
    "SIGNATURE_HEADER",
    "WebhookEvent",
    "WebhookEventType",
    "WebhookSignatureError",
    "construct_event",
    "sign",
    "verify",
]

SIGNATURE_HEADER = "TokPortal-Signature"
EVENT_ID_HEADER = "TokPortal-Event-Id"
EVENT_TYPE_HEADER = "TokPortal-Event-Type"
DEFAULT_TOLERANCE: float = 300

# ASCII only: int() would also take "٣", "1_0" and " 1", which no sender emits. 19 digits is
# int64 (the Go verifier's range) and keeps the float arithmetic below from overflowing.
_TIMESTAMP_RE = re.compile(r"-?[0-9]{1,19}")
_SIGNATURE_RE = re.compile(r"[0-9a-fA-F]{64}")


class _HeaderLookup(Protocol):
    """What ``construct_event`` needs of a headers object (Werkzeug's is no ``Mapping``)."""

    def get(self, key: str, /) -> str | None: ...


@attrs.frozen(kw_only=True)
class WebhookEvent:
    """A verified webhook delivery. ``raw`` is the whole decoded envelope, unknown keys kept."""

    id: str
    type: WebhookEventType | str
    created_at: datetime | None
    api_version: str | None
    # Excluded from hashing so hash() works; equality still compares them.
    data: Mapping[str, Any] = attrs.field(hash=False)
    raw: Mapping[str, Any] = attrs.field(hash=False, repr=False)


def sign(payload: bytes | str, secret: str, *, timestamp: int | None = None) -> str:
    """Return a ``TokPortal-Signature`` value (``t=<ts>,v1=<hex>``) for ``payload``.

    For tests and the emulator. ``timestamp`` defaults to now (Unix seconds).
    """
    body = _payload_bytes(payload)
    if body is None:
        raise InvalidRequestError(
            "payload must be bytes or a str encodable as UTF-8", field="payload"
        )
    key = _secret_bytes(secret)
    if key is None:
        # The value is deliberately not attached: it is a secret.
        raise InvalidRequestError("secret must be a non-empty str", field="secret")
    if timestamp is None:
        timestamp = int(time.time())
    elif isinstance(timestamp, bool) or not isinstance(timestamp, int):
        from ._core.validation import shown  # here: importing it at the top forms a cycle

        raise InvalidRequestError(
            f"timestamp must be an int (Unix seconds), got {shown(timestamp)}",
            field="timestamp",
            value=timestamp,
        )
    ts = str(timestamp)
    if not _TIMESTAMP_RE.fullmatch(ts):
        raise InvalidRequestError(
            "timestamp must fit in 19 digits", field="timestamp", value=timestamp
        )
    return f"t={ts},v1={_digest(key, ts, body)}"


def verify(
    payload: bytes | str,
    signature_header: str | None,
    secret: str,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> None:
    """Check a ``TokPortal-Signature`` header against the raw body; raise if it does not hold.

    ``payload`` must be the exact bytes received (a ``str`` is encoded as UTF-8). ``tolerance``
    is the accepted clock difference in seconds, in both directions. Raises
    :class:`WebhookSignatureError`, and only that.
    """
    body = _payload_bytes(payload)
    if body is None:
        raise WebhookSignatureError("payload must be bytes or a str encodable as UTF-8")
    key = _secret_bytes(secret)
    if key is None:
        raise WebhookSignatureError("webhook secret must be a non-empty str")
    window = _as_float(tolerance)
    if window is None or math.isnan(window) or window < 0:
        raise WebhookSignatureError("tolerance must be a non-negative number of seconds")
    clock = time.time() if now is None else _as_float(now)
    if clock is None or not math.isfinite(clock):
        raise WebhookSignatureError("now must be a finite number of seconds")
    if not isinstance(signature_header, str) or not signature_header.strip():
        raise WebhookSignatureError(f"missing {SIGNATURE_HEADER} header")

    timestamps: set[str] = set()
    candidates: list[str] = []
    for part in signature_header.split(","):
        name, sep, value = part.strip().partition("=")
        if not sep:
            continue
        if name == "t":
            timestamps.add(value)
        elif name == "v1":
            candidates.append(value)
    if not timestamps:
        raise WebhookSignatureError("signature header has no timestamp (t=)")
    if len(timestamps) > 1:
        raise WebhookSignatureError("signature header has conflicting timestamps")
    if not candidates:
        raise WebhookSignatureError("signature header has no v1 signature")
    (ts,) = timestamps
    if not _TIMESTAMP_RE.fullmatch(ts):
        raise WebhookSignatureError("signature timestamp is not an integer")
    age = clock - int(ts)
    if abs(age) > window:
        direction = "old" if age > 0 else "far in the future"
        raise WebhookSignatureError(
            f"signature timestamp is too {direction}: {abs(age):.0f}s off, tolerance is {window:g}s"
        )

    expected = _digest(key, ts, body).encode("ascii")
    matched = False
    for candidate in candidates:
        # Non-hex or wrong-length entries cannot match; compare_digest needs ASCII anyway.
        if _SIGNATURE_RE.fullmatch(candidate):
            matched |= hmac.compare_digest(candidate.lower().encode("ascii"), expected)
    if not matched:
        raise WebhookSignatureError("no v1 signature matches the payload")


def construct_event(
    payload: bytes | str,
    headers: Mapping[str, str] | _HeaderLookup,
    secret: str,
    *,
    tolerance: float = DEFAULT_TOLERANCE,
    now: float | None = None,
) -> WebhookEvent:
    """Verify a delivery and decode it into a :class:`WebhookEvent`.

    ``headers`` is any mapping (dict, httpx/Starlette/Werkzeug headers); names are matched
    case-insensitively. ``event.id`` is the signed envelope ``id`` (the
    ``TokPortal-Event-Id`` header when the body has none; a header contradicting the body is
    refused), so de-duplicating on it cannot be dodged by re-labelling a replay. A verified body that is not a JSON object with an event id and type also
    raises :class:`WebhookSignatureError`, so callers need to handle a single exception type.
    """
    verify(
        payload,
        _header(headers, SIGNATURE_HEADER),
        secret,
        tolerance=tolerance,
        now=now,
    )
    body = _payload_bytes(payload)
    envelope = None if body is None else _decode_object(body)
    if envelope is None:
        raise WebhookSignatureError("payload is not a JSON object")

    # The signature covers the body, not the headers: the signed id wins, and a header that
    # contradicts it (a replay re-labelled to slip past de-duplication) is refused.
    signed_id = _str_or_none(envelope.get("id"))
    header_id = _header(headers, EVENT_ID_HEADER)
    if signed_id and header_id and header_id != signed_id:
        raise WebhookSignatureError("the TokPortal-Event-Id header contradicts the signed event id")
    event_id = signed_id or header_id
    if not event_id:
        raise WebhookSignatureError("event has no id")
    event_type = _str_or_none(envelope.get("type")) or _header(headers, EVENT_TYPE_HEADER)
    if not event_type:
        raise WebhookSignatureError("event has no type")
    data = envelope.get("data")
    return WebhookEvent(
        id=event_id,
        type=WebhookEventType.parse(event_type),
        created_at=parse_datetime(envelope.get("created_at")),
        api_version=_str_or_none(envelope.get("api_version")),
        data=data if isinstance(data, dict) else {},
        raw=envelope,
    )


def _digest(key: bytes, timestamp: str, body: bytes) -> str:
    return hmac.new(key, timestamp.encode("ascii") + b"." + body, hashlib.sha256).hexdigest()


def _as_float(value: object) -> float | None:
    """``value`` as a float if it is a real number (not a bool), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    try:
        return float(value)
    except OverflowError:  # an int beyond float range
        return math.inf if value > 0 else -math.inf


def _payload_bytes(payload: object) -> bytes | None:
    if isinstance(payload, (bytes, bytearray, memoryview)):
        try:
            return bytes(payload)
        except ValueError:  # a released memoryview
            return None
    if isinstance(payload, str):
        return _utf8(payload)
    return None


def _secret_bytes(secret: object) -> bytes | None:
    if not isinstance(secret, str) or not secret:
        return None
    return _utf8(secret)


def _utf8(text: str) -> bytes | None:
    # Returns None instead of raising so no UnicodeEncodeError (which holds the whole string,
    # possibly the secret) ends up as the __context__ of the error we raise.
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        return None


def _header(headers: object, name: str) -> str | None:
    """Case-insensitive lookup that tolerates any mapping-like object; never raises."""
    try:
        value = headers.get(name) if hasattr(headers, "get") else None
        if value is None and hasattr(headers, "items"):
            wanted = name.lower()
            for key, item in headers.items():
                if isinstance(key, bytes):
                    key = key.decode("latin-1")
                if isinstance(key, str) and key.lower() == wanted:
                    value = item
                    break
    except Exception:
        # Arbitrary user objects: whatever goes wrong, the delivery is simply unverifiable.
        return None
    if isinstance(value, bytes):
        value = value.decode("latin-1")
    return value if isinstance(value, str) else None


def _decode_object(body: bytes) -> dict[str, Any] | None:
    try:
        decoded = json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):
        return None
    return decoded if isinstance(decoded, dict) else None


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None
