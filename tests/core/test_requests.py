"""Request building: paths, query, bodies, idempotency keys."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tokportal import OPERATIONS, InvalidRequestError
from tokportal._core.options import CallOptions
from tokportal._core.requests import (
    build_request,
    encode_query,
    expand_path,
    resolve_idempotency_key,
)


@given(st.text(min_size=1).filter(lambda s: s.strip()))
def test_any_id_stays_one_path_segment(bundle_id: str) -> None:
    # Dot segments, lone surrogates and ids too long for a URL are refused instead (their
    # refusals are tested in test_path_params): whatever is accepted is one segment.
    refusal: InvalidRequestError | None = None
    try:
        path = expand_path(OPERATIONS["getBundle"], {"id": bundle_id})
    except InvalidRequestError as exc:
        refusal = exc
    if refusal is not None:
        reasons = ("'.' or '..'", "lone surrogate", "too long for a URL")
        assert any(reason in str(refusal) for reason in reasons), str(refusal)
        return
    segment = path.removeprefix("/bundles/")
    assert "/" not in segment and "?" not in segment and "#" not in segment


def test_positions_are_integers_from_one() -> None:
    operation = OPERATIONS["getBundleVideo"]
    assert expand_path(operation, {"id": "b", "position": 3}) == "/bundles/b/videos/3"
    for bad in (0, -1, True, None, 1.5):
        with pytest.raises(InvalidRequestError):
            expand_path(operation, {"id": "b", "position": bad})


def test_missing_path_parameter() -> None:
    with pytest.raises(InvalidRequestError, match="'position'"):
        expand_path(OPERATIONS["getBundleVideo"], {"id": "b"})


def test_query_encoding() -> None:
    assert encode_query(
        {"a": True, "b": False, "c": None, "d": ["x", None, "y"], "e": dt.date(2026, 1, 2), "f": 3}
    ) == (("a", "true"), ("b", "false"), ("d", "x"), ("d", "y"), ("e", "2026-01-02"), ("f", "3"))


def test_idempotency_policy() -> None:
    minted = resolve_idempotency_key(OPERATIONS["createBundle"], None)
    assert minted is not None and uuid.UUID(minted).version == 4
    assert resolve_idempotency_key(OPERATIONS["getBundle"], None) is None
    assert resolve_idempotency_key(OPERATIONS["createWebhookEndpoint"], None) is None
    assert resolve_idempotency_key(OPERATIONS["createBundle"], "mine-1") == "mine-1"
    for bad in ("", "a b", "x" * 256, "é"):
        with pytest.raises(InvalidRequestError):
            resolve_idempotency_key(OPERATIONS["createBundle"], bad)


def _build(operation_id: str, **kwargs: object):  # type: ignore[no-untyped-def]
    return build_request(
        OPERATIONS[operation_id], base_url="https://h/api/ext", default_headers={}, **kwargs
    )


def test_body_rules() -> None:
    assert _build("refreshAnalyticsAccount", path_params={"id": "a"}).json == {}
    assert _build("revealAccountCredentials", path_params={"id": "a"}).json is None
    with pytest.raises(InvalidRequestError, match="takes no request body"):
        _build("publishBundle", path_params={"id": "b"}, json={"x": 1})
    with pytest.raises(InvalidRequestError, match="multipart"):
        _build("createBundle", files={"file": b"x"})
    with pytest.raises(InvalidRequestError, match="needs a file"):
        _build("uploadVideoDirect", data={"bundle_id": "b"})


def test_extra_headers_cannot_override_policy_headers() -> None:
    for name in ("x-api-key", "Idempotency-Key", "X-TokPortal-Dry-Run", "content-type"):
        with pytest.raises(InvalidRequestError):
            CallOptions.of({"extra_headers": {name: "x"}})


def test_prepared_request_repr_hides_headers() -> None:
    prepared = build_request(
        OPERATIONS["getCurrentUser"],
        base_url="https://h",
        default_headers={"X-API-Key": "sk_secret"},
    )
    assert "sk_secret" not in repr(prepared)
