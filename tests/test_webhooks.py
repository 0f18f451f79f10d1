"""Webhook signature verification and event decoding (tokportal.webhooks).

Expected signatures are computed here with hmac/hashlib directly, never through ``sign``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import math
import time
from datetime import datetime, timedelta, timezone

import attrs
import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tokportal import errors
from tokportal.webhooks import (
    DEFAULT_TOLERANCE,
    EVENT_ID_HEADER,
    EVENT_TYPE_HEADER,
    SIGNATURE_HEADER,
    WebhookEvent,
    WebhookEventType,
    WebhookSignatureError,
    construct_event,
    sign,
    verify,
)

SECRET = "whsec_test_0123456789abcdef"
NOW = 1_780_000_000.0
T = 1_780_000_000
E_ACUTE = "\u00e9"
BODY = b'{"id":"evt_1","type":"bundle.published","data":{"bundle_id":"b_1"}}'


def hmac_hex(secret: str, timestamp: int | str, body: bytes) -> str:
    message = f"{timestamp}.".encode() + body
    return hmac.new(secret.encode("utf-8"), message, hashlib.sha256).hexdigest()


def header(timestamp: int | str = T, *signatures: str) -> str:
    parts = [f"t={timestamp}", *(f"v1={s}" for s in signatures)]
    return ",".join(parts)


def valid_header(body: bytes = BODY, secret: str = SECRET, timestamp: int = T) -> str:
    return header(timestamp, hmac_hex(secret, timestamp, body))


# --- fixed vector ---------------------------------------------------------------------------


def test_known_vector_is_stable() -> None:
    # Pins the message layout "<t>.<body>" with a literal, not through our helper.
    expected = hmac.new(b"whsec_test", b"1700000000.{}", hashlib.sha256).hexdigest()
    assert hmac_hex("whsec_test", 1700000000, b"{}") == expected
    verify(b"{}", f"t=1700000000,v1={expected}", "whsec_test", now=1700000000)


def test_valid_signature_passes() -> None:
    verify(BODY, valid_header(), SECRET, now=NOW)


def test_whitespace_around_parts_is_trimmed() -> None:
    sig = hmac_hex(SECRET, T, BODY)
    verify(BODY, f"  t={T} ,  v1={sig}  ", SECRET, now=NOW)


def test_unknown_schemes_and_junk_parts_are_ignored() -> None:
    sig = hmac_hex(SECRET, T, BODY)
    verify(BODY, f"t={T},v0=deadbeef,junk,,v1={sig},v2=whatever", SECRET, now=NOW)


def test_default_tolerance_is_300() -> None:
    assert DEFAULT_TOLERANCE == 300
    verify(BODY, valid_header(), SECRET, now=NOW + 300)
    with pytest.raises(WebhookSignatureError):
        verify(BODY, valid_header(), SECRET, now=NOW + 301)


def test_header_constants() -> None:
    assert SIGNATURE_HEADER == "TokPortal-Signature"
    assert EVENT_ID_HEADER == "TokPortal-Event-Id"
    assert EVENT_TYPE_HEADER == "TokPortal-Event-Type"


def test_error_type_is_the_one_from_errors() -> None:
    assert WebhookSignatureError is errors.WebhookSignatureError
    assert issubclass(WebhookSignatureError, errors.TokPortalError)


# --- secret rotation ------------------------------------------------------------------------


def test_rotation_second_v1_matches() -> None:
    old = hmac_hex("whsec_old", T, BODY)
    new = hmac_hex(SECRET, T, BODY)
    verify(BODY, header(T, old, new), SECRET, now=NOW)
    verify(BODY, header(T, old, new), "whsec_old", now=NOW)


def test_rotation_v1_before_t() -> None:
    wrong = "0" * 64
    good = hmac_hex(SECRET, T, BODY)
    verify(BODY, f"v1={wrong},v1={good},t={T}", SECRET, now=NOW)


def test_rotation_no_entry_matches() -> None:
    with pytest.raises(WebhookSignatureError, match="no v1 signature matches"):
        verify(BODY, header(T, "0" * 64, hmac_hex("whsec_other", T, BODY)), SECRET, now=NOW)


def test_duplicated_headers_joined_by_a_proxy_pass() -> None:
    # httpx/Starlette join repeated headers with ", ": the same t twice must still verify.
    sig = hmac_hex(SECRET, T, BODY)
    verify(BODY, f"t={T},v1={'1' * 64}, t={T},v1={sig}", SECRET, now=NOW)


def test_conflicting_timestamps_fail() -> None:
    sig = hmac_hex(SECRET, T, BODY)
    with pytest.raises(WebhookSignatureError, match="conflicting"):
        verify(BODY, f"t={T},t={T + 1},v1={sig}", SECRET, now=NOW)


# --- tolerance ------------------------------------------------------------------------------


@pytest.mark.parametrize("tolerance", [0, 1, 300, 600.5])
@pytest.mark.parametrize("direction", [-1, 1])
def test_tolerance_edges(tolerance: float, direction: int) -> None:
    # direction +1: the signature is in the past (now ahead); -1: it is in the future.
    verify(BODY, valid_header(), SECRET, tolerance=tolerance, now=NOW + direction * tolerance)
    with pytest.raises(WebhookSignatureError, match="too"):
        verify(
            BODY,
            valid_header(),
            SECRET,
            tolerance=tolerance,
            now=NOW + direction * (tolerance + 1),
        )


def test_old_and_future_messages() -> None:
    with pytest.raises(WebhookSignatureError, match="too old"):
        verify(BODY, valid_header(), SECRET, now=NOW + 1000)
    with pytest.raises(WebhookSignatureError, match="future"):
        verify(BODY, valid_header(), SECRET, now=NOW - 1000)


def test_infinite_tolerance_disables_the_window() -> None:
    verify(BODY, valid_header(), SECRET, tolerance=math.inf, now=NOW + 1e12)


@pytest.mark.parametrize("tolerance", [-1, math.nan, "300", None, True, 1j])
def test_bad_tolerance_fails(tolerance: object) -> None:
    with pytest.raises(WebhookSignatureError, match="tolerance"):
        verify(BODY, valid_header(), SECRET, tolerance=tolerance, now=NOW)  # type: ignore[arg-type]


@pytest.mark.parametrize("now", [math.nan, math.inf, -math.inf, "now", 10**400, False])
def test_bad_now_fails(now: object) -> None:
    with pytest.raises(WebhookSignatureError, match="now"):
        verify(BODY, valid_header(), SECRET, now=now)  # type: ignore[arg-type]


def test_huge_int_tolerance_is_accepted() -> None:
    verify(BODY, valid_header(), SECRET, tolerance=10**400, now=NOW + 1e9)


def test_now_defaults_to_the_clock() -> None:
    with pytest.raises(WebhookSignatureError, match="too old"):
        verify(BODY, valid_header(timestamp=1_000_000_000), SECRET)


# --- tampering and wrong inputs -------------------------------------------------------------


def test_tampered_body_fails() -> None:
    with pytest.raises(WebhookSignatureError, match="no v1 signature matches"):
        verify(BODY.replace(b"b_1", b"b_2"), valid_header(), SECRET, now=NOW)


def test_tampered_timestamp_fails() -> None:
    sig = hmac_hex(SECRET, T, BODY)
    with pytest.raises(WebhookSignatureError):
        verify(BODY, header(T + 1, sig), SECRET, now=NOW)


def test_wrong_secret_fails() -> None:
    with pytest.raises(WebhookSignatureError):
        verify(BODY, valid_header(), "whsec_wrong", now=NOW)


def test_uppercase_hex_passes() -> None:
    verify(BODY, header(T, hmac_hex(SECRET, T, BODY).upper()), SECRET, now=NOW)


@pytest.mark.parametrize(
    ("signature_header", "message"),
    [
        (None, "missing"),
        ("", "missing"),
        ("   ", "missing"),
        (f"v1={'a' * 64}", "no timestamp"),
        (f"t={T}", "no v1"),
        (f"t={T},v1", "no v1"),
        (f"t=abc,v1={'a' * 64}", "not an integer"),
        (f"t=1.5,v1={'a' * 64}", "not an integer"),
        (f"t=,v1={'a' * 64}", "not an integer"),
        (f"t= {T},v1={'a' * 64}", "not an integer"),
        (f"t=1_780_000_000,v1={'a' * 64}", "not an integer"),
        (f"t=\u0661\u0662,v1={'a' * 64}", "not an integer"),
        (f"t={'9' * 5000},v1={'a' * 64}", "not an integer"),
        (f"T={T},V1={'a' * 64}", "no timestamp"),
        (f"t={T},v1={'a' * 63}", "no v1 signature matches"),
        (f"t={T},v1={'a' * 65}", "no v1 signature matches"),
        (f"t={T},v1={E_ACUTE * 64}", "no v1 signature matches"),
        (f"t={T},v1={'a' * 64}{E_ACUTE}", "no v1 signature matches"),
        (f"t={T},v1=", "no v1 signature matches"),
        ("\x00\udcff,=,==", "no timestamp"),
    ],
)
def test_malformed_headers_fail(signature_header: str | None, message: str) -> None:
    with pytest.raises(WebhookSignatureError, match=message):
        verify(BODY, signature_header, SECRET, now=NOW)


def test_signature_must_be_exactly_hex() -> None:
    # The whole part is trimmed, but nothing may follow the hex inside it.
    sig = hmac_hex(SECRET, T, BODY)
    verify(BODY, f"t={T},v1={sig}\n", SECRET, now=NOW)
    with pytest.raises(WebhookSignatureError):
        verify(BODY, f"t={T},v1={sig}\nx", SECRET, now=NOW)
    with pytest.raises(WebhookSignatureError):
        verify(BODY, f"t={T},v1={sig[:-1]}\u0666", SECRET, now=NOW)


@pytest.mark.parametrize("secret", ["", None, b"whsec_test", 42, "\ud800"])
def test_bad_secret_fails(secret: object) -> None:
    with pytest.raises(WebhookSignatureError, match="secret"):
        verify(BODY, valid_header(), secret, now=NOW)  # type: ignore[arg-type]


@pytest.mark.parametrize("payload", [None, 42, {"a": 1}, "\ud800"])
def test_bad_payload_fails(payload: object) -> None:
    with pytest.raises(WebhookSignatureError, match="payload"):
        verify(payload, valid_header(), SECRET, now=NOW)  # type: ignore[arg-type]


def test_non_str_header_fails() -> None:
    with pytest.raises(WebhookSignatureError, match="missing"):
        verify(BODY, valid_header().encode(), SECRET, now=NOW)  # type: ignore[arg-type]


def test_str_and_bytes_payloads() -> None:
    text = '{"id":"evt_é","type":"webhook.test","data":{"note":"ünïcode ✓"}}'
    raw = text.encode("utf-8")
    signed = valid_header(raw)
    verify(text, signed, SECRET, now=NOW)
    verify(raw, signed, SECRET, now=NOW)
    verify(bytearray(raw), signed, SECRET, now=NOW)  # type: ignore[arg-type]
    verify(memoryview(raw), signed, SECRET, now=NOW)  # type: ignore[arg-type]
    # A body re-encoded differently is a different body.
    with pytest.raises(WebhookSignatureError):
        verify(text.encode("utf-16"), signed, SECRET, now=NOW)


def test_non_ascii_secret() -> None:
    secret = "whsec_clé_🔑"
    verify(BODY, valid_header(secret=secret), secret, now=NOW)


def test_error_messages_never_contain_secret_or_expected_signature() -> None:
    secret = "whsec_SUPERSECRET_value"
    expected = hmac_hex(secret, T, BODY)
    cases = [
        (BODY, header(T, "0" * 64), NOW),  # mismatch
        (BODY, valid_header(secret=secret), NOW + 10_000),  # too old
        (BODY, f"t=x,v1={expected}", NOW),  # bad timestamp
        (b"tampered", valid_header(secret=secret), NOW),
    ]
    for payload, sig_header, now in cases:
        with pytest.raises(WebhookSignatureError) as info:
            verify(payload, sig_header, secret, now=now)
        rendered = str(info.value) + repr(info.value)
        assert "SUPERSECRET" not in rendered
        assert expected not in rendered
        assert expected.upper() not in rendered
    with pytest.raises(WebhookSignatureError) as info:
        verify(BODY, valid_header(), "\ud800" + secret, now=NOW)
    assert secret not in str(info.value)
    # No chained exception carries the secret either.
    assert info.value.__context__ is None
    assert info.value.__cause__ is None


# --- sign -----------------------------------------------------------------------------------


def test_sign_matches_independent_hmac() -> None:
    assert sign(BODY, SECRET, timestamp=T) == f"t={T},v1={hmac_hex(SECRET, T, BODY)}"


def test_sign_round_trips_through_verify() -> None:
    verify(BODY, sign(BODY, SECRET, timestamp=T), SECRET, now=NOW)
    text = BODY.decode() + "é"
    verify(text, sign(text, SECRET, timestamp=T), SECRET, now=NOW)
    verify(text.encode(), sign(text, SECRET, timestamp=T), SECRET, now=NOW)


def test_sign_default_timestamp_is_now() -> None:
    signed = sign(BODY, SECRET)
    verify(BODY, signed, SECRET)
    assert signed.startswith("t=")
    ts = int(signed.split(",")[0][2:])
    assert abs(ts - int(time.time())) <= 5


def test_sign_output_is_lowercase_hex() -> None:
    sig = sign(BODY, SECRET, timestamp=T).split("v1=")[1]
    assert sig == sig.lower()
    assert len(sig) == 64


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"payload": BODY, "secret": ""}, "secret"),
        ({"payload": BODY, "secret": None}, "secret"),
        ({"payload": None, "secret": SECRET}, "payload"),
        ({"payload": BODY, "secret": SECRET, "timestamp": 1.5}, "timestamp"),
        ({"payload": BODY, "secret": SECRET, "timestamp": True}, "timestamp"),
        ({"payload": BODY, "secret": SECRET, "timestamp": 10**30}, "timestamp"),
    ],
)
def test_sign_refuses_bad_input(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(errors.InvalidRequestError) as info:
        sign(**kwargs)  # type: ignore[arg-type]
    assert info.value.field == field
    assert isinstance(info.value, ValueError)


def test_sign_error_does_not_leak_secret() -> None:
    with pytest.raises(errors.InvalidRequestError) as info:
        sign(BODY, "whsec_SECRET\ud800")
    assert "SECRET" not in str(info.value)
    assert info.value.value is None


# --- construct_event ------------------------------------------------------------------------


def envelope(**overrides: object) -> bytes:
    doc: dict[str, object] = {
        "id": "evt_env",
        "type": "bundle.published",
        "api_version": "2026-05-25",
        "created_at": "2026-05-25T12:34:56.789Z",
        "data": {"bundle_id": "b_1", "status": "published"},
    }
    doc.update(overrides)
    return json.dumps(doc).encode()


def delivery(body: bytes, **extra: str) -> dict[str, str]:
    return {SIGNATURE_HEADER: valid_header(body), **extra}


def test_construct_event_known_type() -> None:
    body = envelope(id="evt_1")
    event = construct_event(body, delivery(body, **{EVENT_ID_HEADER: "evt_1"}), SECRET, now=NOW)
    assert isinstance(event, WebhookEvent)
    assert event.id == "evt_1"
    assert event.type is WebhookEventType.BUNDLE_PUBLISHED
    assert event.type == "bundle.published"  # type: ignore[comparison-overlap]
    assert event.created_at == datetime(2026, 5, 25, 12, 34, 56, 789000, tzinfo=timezone.utc)
    assert event.api_version == "2026-05-25"
    assert event.data == {"bundle_id": "b_1", "status": "published"}
    assert event.raw == json.loads(body)


def test_construct_event_unknown_type_stays_str() -> None:
    body = envelope(type="video.teleported")
    event = construct_event(body, delivery(body), SECRET, now=NOW)
    assert event.type == "video.teleported"
    assert type(event.type) is str


def test_construct_event_keeps_unknown_keys_in_raw() -> None:
    body = envelope(livemode=True, extra={"nested": [1, 2]}, created_at="not a date")
    event = construct_event(body, delivery(body), SECRET, now=NOW)
    assert event.raw["livemode"] is True
    assert event.raw["extra"] == {"nested": [1, 2]}
    assert event.created_at is None
    assert event.raw["created_at"] == "not a date"


def test_construct_event_id_falls_back_to_envelope() -> None:
    body = envelope()
    event = construct_event(body, delivery(body), SECRET, now=NOW)
    assert event.id == "evt_env"


def test_construct_event_type_falls_back_to_header() -> None:
    doc = json.loads(envelope())
    del doc["type"]
    body = json.dumps(doc).encode()
    event = construct_event(
        body, delivery(body, **{EVENT_TYPE_HEADER: "account.banned"}), SECRET, now=NOW
    )
    assert event.type is WebhookEventType.ACCOUNT_BANNED


def test_construct_event_minimal_envelope() -> None:
    body = b'{"id":"evt_min","type":"webhook.test"}'
    event = construct_event(body, delivery(body), SECRET, now=NOW)
    assert event.created_at is None
    assert event.api_version is None
    assert event.data == {}


def test_event_id_header_contradicting_the_signed_id_is_refused() -> None:
    body = envelope(id="evt_signed")
    with pytest.raises(WebhookSignatureError, match="contradicts"):
        construct_event(
            body, delivery(body, **{EVENT_ID_HEADER: "evt_relabelled"}), SECRET, now=NOW
        )


def test_event_id_from_header_when_the_body_has_none() -> None:
    doc = json.loads(envelope())
    del doc["id"]
    body = json.dumps(doc).encode()
    event = construct_event(body, delivery(body, **{EVENT_ID_HEADER: "evt_hdr"}), SECRET, now=NOW)
    assert event.id == "evt_hdr"


def test_construct_event_header_lookup_is_case_insensitive() -> None:
    body = envelope(id="evt_h")
    sig = valid_header(body)
    for headers in (
        {"tokportal-signature": sig, "TOKPORTAL-EVENT-ID": "evt_h"},
        httpx.Headers({"tokportal-signature": sig, "tokportal-event-id": "evt_h"}),
        {b"tokportal-signature": sig.encode(), b"TokPortal-Event-Id": b"evt_h"},
    ):
        event = construct_event(body, headers, SECRET, now=NOW)  # type: ignore[arg-type]
        assert event.id == "evt_h"


def test_construct_event_str_payload() -> None:
    body = envelope(data={"username": "zoé"})
    event = construct_event(body.decode(), delivery(body), SECRET, now=NOW)
    assert event.data == {"username": "zoé"}


def test_construct_event_bad_signature() -> None:
    body = envelope()
    with pytest.raises(WebhookSignatureError):
        construct_event(body, {SIGNATURE_HEADER: header(T, "0" * 64)}, SECRET, now=NOW)
    with pytest.raises(WebhookSignatureError, match="missing"):
        construct_event(body, {}, SECRET, now=NOW)


class _ExplodingHeaders:
    def get(self, key: str) -> str | None:
        raise RuntimeError("boom")


@pytest.mark.parametrize("headers", [None, 42, [("a", "b")], _ExplodingHeaders()])
def test_construct_event_odd_headers_objects(headers: object) -> None:
    with pytest.raises(WebhookSignatureError, match="missing"):
        construct_event(envelope(), headers, SECRET, now=NOW)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b"not json", "not a JSON object"),
        (b"[1, 2]", "not a JSON object"),
        (b'"str"', "not a JSON object"),
        (b"\xff\xfe{}", "not a JSON object"),
        (b"[" * 100_000 + b"]" * 100_000, "not a JSON object"),
        (b'{"type":"webhook.test"}', "no id"),
        (b'{"id":"","type":"webhook.test"}', "no id"),
        (b'{"id":"evt_1"}', "no type"),
        (b'{"id":"evt_1","type":7}', "no type"),
    ],
)
def test_construct_event_malformed_verified_payload(body: bytes, message: str) -> None:
    with pytest.raises(WebhookSignatureError, match=message):
        construct_event(body, delivery(body), SECRET, now=NOW)


def test_construct_event_non_object_data_becomes_empty() -> None:
    body = envelope(data=[1, 2])
    event = construct_event(body, delivery(body), SECRET, now=NOW)
    assert event.data == {}
    assert event.raw["data"] == [1, 2]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-05-25T12:34:56Z", datetime(2026, 5, 25, 12, 34, 56, tzinfo=timezone.utc)),
        ("2026-05-25T12:34:56.1z", datetime(2026, 5, 25, 12, 34, 56, 100000, timezone.utc)),
        (
            "2026-05-25T12:34:56.123456789+00:00",
            datetime(2026, 5, 25, 12, 34, 56, 123456, tzinfo=timezone.utc),
        ),
        (
            "2026-05-25 12:34:56-0230",
            datetime(2026, 5, 25, 12, 34, 56, tzinfo=timezone(-timedelta(hours=2, minutes=30))),
        ),
        ("2026-05-25T12:34+02", datetime(2026, 5, 25, 12, 34, tzinfo=timezone(timedelta(hours=2)))),
        ("2026-05-25T12:34:56", datetime(2026, 5, 25, 12, 34, 56)),
        ("2026-13-25T12:34:56Z", None),
        ("2026-05-25T12:34:60Z", None),
        ("2026-05-25T12:34:56+24:00", None),
        ("2026-05-25", None),
        ("yesterday", None),
        (1780000000, None),
        (None, None),
    ],
)
def test_created_at_parsing(text: object, expected: datetime | None) -> None:
    body = envelope(created_at=text)
    event = construct_event(body, delivery(body), SECRET, now=NOW)
    assert event.created_at == expected
    if expected is not None:
        assert event.created_at is not None
        assert event.created_at.tzinfo == expected.tzinfo


def test_event_is_frozen_hashable_and_hides_raw_from_repr() -> None:
    body = envelope()
    event = construct_event(body, delivery(body), SECRET, now=NOW)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        event.id = "other"  # type: ignore[misc]
    assert hash(event) == hash(construct_event(body, delivery(body), SECRET, now=NOW))
    assert "raw=" not in repr(event)


# --- event types ----------------------------------------------------------------------------


def test_event_type_catalog() -> None:
    values = {member.value for member in WebhookEventType}
    assert len(WebhookEventType) == 34
    assert {
        "video.not_recommended",
        "video.ai_labeled",
        "video.sound_restricted",
        "account.distribution_warning",
        "account.ban_appeal.submitted",
        "webhook.test",
        "credits.restored",
    } <= values
    for member in WebhookEventType:
        assert member.name == member.value.upper().replace(".", "_")
        assert str(member) == member.value
        assert f"{member}" == member.value


def test_event_type_parse_is_open() -> None:
    assert WebhookEventType.parse("bundle.published") is WebhookEventType.BUNDLE_PUBLISHED
    assert WebhookEventType.parse("brand.new") == "brand.new"


# --- property: verify raises only WebhookSignatureError --------------------------------------

_hex = st.text(alphabet="0123456789abcdefABCDEF", min_size=0, max_size=70)
_timestamps = st.one_of(
    st.integers(min_value=-(10**20), max_value=10**20).map(str),
    st.text(max_size=25),
    st.just(str(T)),
    st.sampled_from(["", " 1", "+1", "-0", "1e9", "0x10", "١٢٣", "1_0", "9" * 5000]),
)
_parts = st.one_of(
    st.builds(lambda ts: f"t={ts}", _timestamps),
    st.builds(lambda h: f"v1={h}", _hex),
    st.builds(lambda h: f"v1={h}", st.text(max_size=70)),
    st.builds(lambda h, x: f"v1={h}{x}", _hex, st.text(max_size=3)),
    st.text(max_size=30),
)
_crafted_headers = st.lists(_parts, max_size=6).flatmap(
    lambda parts: st.sampled_from([",", ", ", " ,"]).map(lambda sep: sep.join(parts))
)
_secrets = st.one_of(st.text(max_size=40), st.just(SECRET), st.just(""), st.just("\ud800"))
_payloads = st.one_of(st.binary(max_size=256), st.text(max_size=128))
_tolerances = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**3), max_value=10**400),
    st.just(300),
)
_nows = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(min_value=T - 1000, max_value=T + 1000),
)


def _oracle(
    payload: bytes | str, sig_header: str | None, secret: str, tolerance: float, now: float
) -> bool:
    """Independent statement of API.md §1.12: is this delivery properly signed and fresh?"""
    if not isinstance(secret, str) or not secret or sig_header is None:
        return False
    try:
        key = secret.encode("utf-8")
        body = payload if isinstance(payload, bytes) else payload.encode("utf-8")
        clock = float(now)
    except (UnicodeEncodeError, OverflowError):
        return False
    if not math.isfinite(clock) or tolerance != tolerance or tolerance < 0:
        return False
    parts = [p.strip() for p in sig_header.split(",")]
    ts_values = {p[2:] for p in parts if p.startswith("t=")}
    sigs = [p[3:] for p in parts if p.startswith("v1=")]
    if len(ts_values) != 1:
        return False
    (ts,) = ts_values
    digits = ts.removeprefix("-")
    if not (digits.isascii() and digits.isdigit() and 1 <= len(digits) <= 19):
        return False
    # Seconds are floats (the signature of ``verify``): a tolerance beyond 2**53 rounds like
    # the clock does, and one beyond float range is unbounded.
    try:
        window = float(tolerance)
    except OverflowError:
        window = math.inf
    if abs(clock - int(ts)) > window:
        return False
    expected = hmac.new(key, ts.encode() + b"." + body, hashlib.sha256).hexdigest()
    return any(s.isascii() and s.lower() == expected for s in sigs)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    payload=_payloads,
    sig_header=st.one_of(st.text(max_size=200), _crafted_headers, st.none()),
    secret=_secrets,
    tolerance=_tolerances,
    now=_nows,
)
def test_verify_only_raises_signature_error(
    payload: bytes | str,
    sig_header: str | None,
    secret: str,
    tolerance: float,
    now: float,
) -> None:
    error: WebhookSignatureError | None = None
    try:
        verify(payload, sig_header, secret, tolerance=tolerance, now=now)
    except WebhookSignatureError as exc:
        error = exc
    assert (error is None) == _oracle(payload, sig_header, secret, tolerance, now)
    if error is not None and len(secret) >= 8:  # short ones occur in any English text
        assert secret not in str(error)


@settings(max_examples=300, deadline=None)
@given(
    payload=_payloads,
    secret=st.text(min_size=1, max_size=40),
    tolerance=_tolerances,
    now=_nows,
    sig_header=_crafted_headers,
    data=st.data(),
)
def test_verify_agrees_with_oracle_on_correctly_signed_parts(
    payload: bytes | str,
    secret: str,
    tolerance: float,
    now: float,
    sig_header: str,
    data: st.DataObject,
) -> None:
    # Random headers almost never carry a valid signature: splice one in so the success path
    # is exercised against the oracle too.
    ts = data.draw(_timestamps)
    body = payload if isinstance(payload, bytes) else payload.encode("utf-8")
    good = f"v1={hmac_hex(secret, ts, body)}"
    sig_header = f"{sig_header},t={ts},{good}" if data.draw(st.booleans()) else f"{good},t={ts}"
    try:
        verify(payload, sig_header, secret, tolerance=tolerance, now=now)
    except WebhookSignatureError:
        assert not _oracle(payload, sig_header, secret, tolerance, now)
    else:
        assert _oracle(payload, sig_header, secret, tolerance, now)


@settings(max_examples=300, deadline=None)
@given(
    payload=_payloads,
    secret=st.text(min_size=1, max_size=40),
    offset=st.integers(min_value=-400, max_value=400),
    tolerance=st.integers(min_value=0, max_value=400),
    noise=st.lists(_hex.filter(lambda h: len(h) != 64), max_size=3),
    upper=st.booleans(),
    t_last=st.booleans(),
)
def test_properly_signed_headers_verify_iff_fresh(
    payload: bytes | str,
    secret: str,
    offset: int,
    tolerance: int,
    noise: list[str],
    upper: bool,
    t_last: bool,
) -> None:
    body = payload if isinstance(payload, bytes) else payload.encode("utf-8")
    sig = hmac_hex(secret, T, body)
    sig = sig.upper() if upper else sig
    v1s = [f"v1={n}" for n in noise] + [f"v1={sig}"]
    parts = [*v1s, f"t={T}"] if t_last else [f"t={T}", *v1s]
    sig_header = ",".join(parts)
    if abs(offset) <= tolerance:
        verify(payload, sig_header, secret, tolerance=tolerance, now=T + offset)
    else:
        with pytest.raises(WebhookSignatureError, match="too"):
            verify(payload, sig_header, secret, tolerance=tolerance, now=T + offset)


@settings(max_examples=200, deadline=None)
@given(payload=st.binary(max_size=256), secret=st.text(min_size=1, max_size=40))
def test_construct_event_only_raises_signature_error(payload: bytes, secret: str) -> None:
    sig_header = header(T, hmac_hex(secret, T, payload))
    try:
        event = construct_event(payload, {SIGNATURE_HEADER: sig_header}, secret, now=NOW)
    except WebhookSignatureError:
        return
    assert isinstance(event.raw, dict)
