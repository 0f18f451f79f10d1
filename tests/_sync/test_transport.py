# Generated from tests/_async/test_transport.py by scripts/generate_sync.py; do not edit.
"""What goes over the wire: headers, paths, idempotency, retries, throttle, errors, logs."""

from __future__ import annotations

import email.utils
import logging
import platform
import time
import uuid
from collections.abc import Callable

import httpx
import pytest

import tokportal
from tests._sync.conftest import Sleep
from tests.cases.transport import BUSINESS_ERRORS, SENSITIVE_OPERATIONS
from tests.helpers import (
    API_KEY,
    FakeClock,
    Recorder,
    bundle_data,
    charge,
    error,
    ok,
    transport,
    user_data,
)
from tokportal import TokPortal
from tokportal._sync.transport import Transport

MakeClient = Callable[..., TokPortal]


# --- headers and paths -----------------------------------------------------------------


def test_every_request_carries_auth_and_client_headers(make_client: MakeClient) -> None:
    recorder = Recorder(ok(user_data(email="a@b.c")))
    with make_client(recorder) as client:
        client.me.get()
    request = recorder.requests[0]
    assert request.method == "GET"
    assert request.url == "https://app.tokportal.com/api/ext/me"
    assert request.headers["X-API-Key"] == API_KEY
    assert request.headers["Accept"] == "application/json"
    # This SDK's own name: "tokportal-python/..." is TokPortal's generated client (API.md).
    assert request.headers["X-TokPortal-Client"] == f"tokportal-sdk/{tokportal.__version__}"
    assert request.headers["User-Agent"] == (
        f"tokportal-sdk/{tokportal.__version__} ({platform.python_implementation()} "
        f"{platform.python_version()}; httpx {httpx.__version__})"
    )
    assert request.headers.get_list("User-Agent") == [request.headers["User-Agent"]]
    assert "Content-Type" not in request.headers
    assert "Idempotency-Key" not in request.headers
    assert "Authorization" not in request.headers


def test_json_body_sets_content_type_and_caller_request_id_passes(
    make_client: MakeClient,
) -> None:
    recorder = Recorder(ok(bundle_data("b1")))
    with make_client(recorder) as client:
        client.bundles.update("b1", title="Spring", extra_headers={"X-Request-ID": "trace-42"})
    request = recorder.requests[0]
    assert (request.method, request.url.path) == ("PATCH", "/api/ext/bundles/b1")
    assert request.headers["Content-Type"] == "application/json"
    assert request.headers["X-Request-ID"] == "trace-42"
    assert recorder.json() == {"title": "Spring"}


@pytest.mark.parametrize(
    ("bundle_id", "raw_path"),
    [
        ("a/b", "/api/ext/bundles/a%2Fb"),
        ("x?y=1", "/api/ext/bundles/x%3Fy%3D1"),
        ("frag#1", "/api/ext/bundles/frag%231"),
        ("../me", "/api/ext/bundles/..%2Fme"),
        ("sp ace", "/api/ext/bundles/sp%20ace"),
    ],
)
def test_path_parameters_are_escaped(
    make_client: MakeClient, bundle_id: str, raw_path: str
) -> None:
    recorder = Recorder(ok(bundle_data(bundle_id)))
    with make_client(recorder) as client:
        client.bundles.get(bundle_id)
    assert recorder.requests[0].url.raw_path.decode() == raw_path


def test_empty_path_parameter_is_refused_locally(make_client: MakeClient) -> None:
    recorder = Recorder(ok())
    with make_client(recorder) as client:
        with pytest.raises(tokportal.InvalidRequestError, match="bundle_id"):
            client.bundles.get("")
    assert recorder.count == 0


def test_query_repeats_lists_and_drops_none(make_client: MakeClient) -> None:
    recorder = Recorder(ok({}))
    with make_client(recorder) as client:
        client.request(
            "getAnalyticsDashboard",
            query={"account": ["a1", "a2"], "platform": "tiktok", "country": None, "x": True},
        )
    params = recorder.requests[0].url.params
    assert params.get_list("account") == ["a1", "a2"]
    assert params["platform"] == "tiktok"
    assert params["x"] == "true"
    assert "country" not in params


# --- idempotency -----------------------------------------------------------------------


def test_write_gets_one_uuid4_key_reused_on_every_retry(make_client: MakeClient) -> None:
    recorder = Recorder([error(503, "UNAVAILABLE"), error(502, "BAD_GATEWAY"), ok({"id": "b"})])
    with make_client(recorder) as client:
        response = client.request("publishBundle", path_params={"id": "b"})
    keys = [r.headers["Idempotency-Key"] for r in recorder.requests]
    assert recorder.count == 3
    assert len(set(keys)) == 1
    assert uuid.UUID(keys[0]).version == 4
    assert response.idempotency_key == keys[0]
    assert response.retries == 2


def test_each_logical_call_gets_its_own_key(make_client: MakeClient) -> None:
    recorder = Recorder(ok(bundle_data("b")))
    with make_client(recorder) as client:
        client.bundles.publish("b")
        client.bundles.publish("b")
    first, second = (r.headers["Idempotency-Key"] for r in recorder.requests)
    assert first != second


def test_caller_key_is_sent_unchanged(make_client: MakeClient) -> None:
    recorder = Recorder([error(500, "BOOM"), ok(bundle_data("b"))])
    with make_client(recorder) as client:
        client.bundles.publish("b", idempotency_key="publish-b-v1")
    assert [r.headers["Idempotency-Key"] for r in recorder.requests] == ["publish-b-v1"] * 2


def test_reads_never_carry_a_key_and_refuse_one(make_client: MakeClient) -> None:
    recorder = Recorder(ok(bundle_data("b")))
    with make_client(recorder) as client:
        client.bundles.get("b")
        with pytest.raises(tokportal.InvalidRequestError, match="writes only"):
            client.bundles.get("b", idempotency_key="k")
    assert recorder.count == 1
    assert "Idempotency-Key" not in recorder.requests[0].headers


@pytest.mark.parametrize(
    "operation_id",
    SENSITIVE_OPERATIONS,
)
def test_sensitive_operations_never_send_a_key(make_client: MakeClient, operation_id: str) -> None:
    operation = tokportal.OPERATIONS[operation_id]
    path_params = dict.fromkeys(operation.path_params, "x1")
    recorder = Recorder(ok({}))
    with make_client(recorder) as client:
        client.request(operation_id, path_params=path_params, json={})
        with pytest.raises(tokportal.InvalidRequestError, match="refuses Idempotency-Key"):
            client.request(operation_id, path_params=path_params, json={}, idempotency_key="mine")
    assert recorder.count == 1
    assert "Idempotency-Key" not in recorder.requests[0].headers


# --- retries ---------------------------------------------------------------------------


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retryable_statuses_are_retried(
    make_client: MakeClient, clock: FakeClock, status: int
) -> None:
    recorder = Recorder([error(status, "TRY_AGAIN"), ok(user_data(email="a@b.c"))])
    with make_client(recorder) as client:
        user = client.me.get()
    assert recorder.count == 2
    assert user.email == "a@b.c"
    assert len(clock.sleeps) == 1


@pytest.mark.parametrize(
    ("status", "error_class"),
    BUSINESS_ERRORS,
)
def test_business_errors_are_never_retried(
    make_client: MakeClient, clock: FakeClock, status: int, error_class: type[Exception]
) -> None:
    recorder = Recorder(error(status, "NO"))
    with make_client(recorder) as client:
        with pytest.raises(error_class):
            client.bundles.publish("b")
    assert recorder.count == 1
    assert clock.sleeps == []


def test_retries_stop_at_max_retries(make_client: MakeClient, clock: FakeClock) -> None:
    recorder = Recorder(error(503, "DOWN"))
    with make_client(recorder, max_retries=3) as client:
        with pytest.raises(tokportal.InternalServerError) as caught:
            client.bundles.publish("b")
    assert recorder.count == 4
    assert len(clock.sleeps) == 3
    assert caught.value.idempotency_key == recorder.header("Idempotency-Key")


def test_per_call_max_retries_overrides_client(make_client: MakeClient) -> None:
    recorder = Recorder(error(503, "DOWN"))
    with make_client(recorder, max_retries=5) as client:
        with pytest.raises(tokportal.InternalServerError):
            client.me.get(max_retries=0)
    assert recorder.count == 1


def test_backoff_is_exponential_with_jitter_and_capped(
    make_client: MakeClient, clock: FakeClock
) -> None:
    recorder = Recorder(error(500, "DOWN"))
    with make_client(recorder, max_retries=6) as client:
        with pytest.raises(tokportal.InternalServerError):
            client.me.get()
    ceilings = [0.5, 1.0, 2.0, 4.0, 8.0, 8.0]
    assert len(clock.sleeps) == len(ceilings)
    for wait, ceiling in zip(clock.sleeps, ceilings, strict=True):
        assert ceiling / 2 <= wait <= ceiling


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"Retry-After": "3"}, 3.0),
        ({"Retry-After": "1.5"}, 1.5),
        ({"Retry-After-Ms": "250"}, 0.25),
    ],
)
def test_retry_after_header_is_honoured(
    make_client: MakeClient, clock: FakeClock, headers: dict[str, str], expected: float
) -> None:
    recorder = Recorder([error(429, "RATE_LIMIT_EXCEEDED", headers=headers), ok(user_data())])
    with make_client(recorder) as client:
        client.me.get()
    assert clock.sleeps == [expected]


def test_retry_after_http_date_is_honoured(make_client: MakeClient, clock: FakeClock) -> None:
    when = email.utils.formatdate(time.time() + 30, usegmt=True)
    recorder = Recorder([error(503, "DOWN", headers={"Retry-After": when}), ok(user_data())])
    with make_client(recorder) as client:
        client.me.get()
    assert len(clock.sleeps) == 1
    assert 27 <= clock.sleeps[0] <= 30


def test_a_retry_after_date_is_read_on_the_transports_wall_clock(
    make_client: MakeClient, clock: FakeClock
) -> None:
    wall = 1_800_000_000.0
    when = email.utils.formatdate(wall + 30, usegmt=True)
    recorder = Recorder([error(503, "DOWN", headers={"Retry-After": when}), ok(user_data())])
    with make_client(recorder) as client:
        client._bind(
            Transport(
                client._transport.config,
                transport=transport(recorder),
                sleep=Sleep(clock),
                clock=clock,
                wall_clock=lambda: wall,
            )
        )
        client.me.get()
    assert clock.sleeps == [30.0]


def test_retry_after_from_body_when_no_header(make_client: MakeClient, clock: FakeClock) -> None:
    recorder = Recorder(
        [error(429, "RATE_LIMIT_EXCEEDED", details={"retry_after_seconds": 2}), ok(user_data())]
    )
    with make_client(recorder) as client:
        client.me.get()
    assert clock.sleeps == [2.0]


def test_long_retry_after_raises_at_once(make_client: MakeClient, clock: FakeClock) -> None:
    recorder = Recorder(error(429, "RATE_LIMIT_EXCEEDED", headers={"Retry-After": "120"}))
    with make_client(recorder) as client:
        with pytest.raises(tokportal.RateLimitError) as caught:
            client.me.get()
    assert recorder.count == 1
    assert clock.sleeps == []
    assert caught.value.retry_after == 120.0


def test_capacity_cooldown_is_surfaced_not_looped(
    make_client: MakeClient, clock: FakeClock
) -> None:
    recorder = Recorder(error(429, "capacity_cooldown", headers={"Retry-After": "5"}))
    with make_client(recorder) as client:
        with pytest.raises(tokportal.RateLimitError) as caught:
            client.bundles.publish("b")
    assert recorder.count == 1
    assert clock.sleeps == []
    assert caught.value.is_capacity_cooldown
    assert caught.value.retry_after == 5.0


def test_connection_errors_and_timeouts_are_retried_for_standard_writes(
    make_client: MakeClient,
) -> None:
    recorder = Recorder(
        [httpx.ConnectError("refused"), httpx.ReadTimeout("slow"), ok(bundle_data("b"))]
    )
    with make_client(recorder) as client:
        client.bundles.publish("b")
    assert recorder.count == 3
    assert len({r.headers["Idempotency-Key"] for r in recorder.requests}) == 1


def test_exhausted_timeouts_raise_api_timeout_error_with_key(
    make_client: MakeClient,
) -> None:
    recorder = Recorder(httpx.ReadTimeout("slow"))
    with make_client(recorder, max_retries=1) as client:
        with pytest.raises(tokportal.APITimeoutError) as caught:
            client.bundles.publish("b")
    assert recorder.count == 2
    assert caught.value.idempotency_key == recorder.header("Idempotency-Key")
    assert caught.value.idempotency_key in str(caught.value)


def test_connection_error_raises_api_connection_error(make_client: MakeClient) -> None:
    recorder = Recorder(httpx.ConnectError("refused"))
    with make_client(recorder, max_retries=0) as client:
        with pytest.raises(tokportal.APIConnectionError) as caught:
            client.me.get()
    assert not isinstance(caught.value, tokportal.APITimeoutError)


@pytest.mark.parametrize(
    "failure",
    [httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("dropped"), error(503, "DOWN")],
    ids=["timeout", "dropped", "503"],
)
def test_sensitive_operation_is_not_retried_once_it_may_have_run(
    make_client: MakeClient, failure: httpx.Response | Exception
) -> None:
    recorder = Recorder([failure, ok({})])
    with make_client(recorder) as client:
        with pytest.raises(tokportal.APIError):
            client.request("createWebhookEndpoint", json={"url": "https://x", "events": ["a"]})
    assert recorder.count == 1


def test_sensitive_operation_is_retried_when_it_never_left(make_client: MakeClient) -> None:
    recorder = Recorder([httpx.ConnectError("refused"), ok({"id": "w"})])
    with make_client(recorder) as client:
        response = client.request(
            "createWebhookEndpoint", json={"url": "https://x", "events": ["a"]}
        )
    assert recorder.count == 2
    assert response.data == {"id": "w"}


# --- dry run, timeouts -------------------------------------------------------------------


def test_dry_run_header_on_writes_only(make_client: MakeClient) -> None:
    recorder = Recorder(ok(bundle_data("b")))
    with make_client(recorder, dry_run=True) as client:
        client.bundles.publish("b")
        client.bundles.get("b")
        client.bundles.publish("b", dry_run=False)
    assert [r.headers.get("X-TokPortal-Dry-Run") for r in recorder.requests] == [
        "true",
        None,
        None,
    ]


def test_per_call_dry_run(make_client: MakeClient) -> None:
    recorder = Recorder(ok(bundle_data(), **charge(dry_run=True, credits_would_charge=38)))
    with make_client(recorder) as client:
        result = client.bundles.create(
            bundle_type="account_and_videos", country="USA", videos_quantity=3, dry_run=True
        )
    assert recorder.header("X-TokPortal-Dry-Run") == "true"
    assert result.dry_run is True
    assert result.credits_would_charge == 38


def test_default_timeouts_are_explicit_and_overridable(make_client: MakeClient) -> None:
    recorder = Recorder(ok(user_data()))
    with make_client(recorder) as client:
        client.me.get()
        client.me.get(timeout=2.5)
        client.me.get(timeout=None)
    default, override, disabled = (r.extensions["timeout"] for r in recorder.requests)
    assert default == {"connect": 5.0, "read": 60.0, "write": 60.0, "pool": 60.0}
    assert override == {"connect": 2.5, "read": 2.5, "write": 2.5, "pool": 2.5}
    assert disabled == {"connect": None, "read": None, "write": None, "pool": None}


# --- responses and errors ----------------------------------------------------------------


def test_api_response_metadata(make_client: MakeClient) -> None:
    recorder = Recorder(
        ok(
            {"id": "b"},
            headers={
                "X-TokPortal-API-Version": "2026-05-25",
                "X-RateLimit-Limit": "120",
                "X-RateLimit-Remaining": "7",
                "X-RateLimit-Reset": "1790000000",
                "Idempotent-Replayed": "true",
            },
            credits_charged=0,
        )
    )
    with make_client(recorder) as client:
        response = client.request("publishBundle", path_params={"id": "b"})
    assert response.status_code == 200
    assert response.data == {"id": "b"}
    assert response.body["credits_charged"] == 0
    assert response.request_id == "req_ok"
    assert response.api_version == "2026-05-25"
    assert response.rate_limit == tokportal.RateLimitInfo(limit=120, remaining=7, reset=1790000000)
    assert response.replayed is True
    assert response.idempotency_key == recorder.header("Idempotency-Key")


def test_error_carries_code_message_details_and_request_id(make_client: MakeClient) -> None:
    recorder = Recorder(
        error(402, "INSUFFICIENT_CREDITS", "Not enough credits", details={"missing": 6})
    )
    with make_client(recorder) as client:
        with pytest.raises(tokportal.InsufficientCreditsError) as caught:
            client.bundles.publish("b")
    err = caught.value
    assert str(err).startswith("INSUFFICIENT_CREDITS")
    assert "req_err" in str(err)
    assert (err.status_code, err.code, err.message) == (
        402,
        "INSUFFICIENT_CREDITS",
        "Not enough credits",
    )
    assert err.details == {"missing": 6}
    assert err.request_id == "req_err"
    assert err.body == {
        "error": {
            "code": "INSUFFICIENT_CREDITS",
            "message": "Not enough credits",
            "details": {"missing": 6},
        }
    }
    assert err.idempotency_key == recorder.header("Idempotency-Key")
    assert isinstance(err, tokportal.APIStatusError)


def test_consent_required_exposes_policy_version(make_client: MakeClient) -> None:
    recorder = Recorder(
        error(428, "POLICY_ACKNOWLEDGEMENT_REQUIRED", details={"policy_version": "v7"})
    )
    with make_client(recorder) as client:
        with pytest.raises(tokportal.ConsentRequiredError) as caught:
            client.request("revealAccountCredentials", path_params={"id": "acc"})
    assert caught.value.policy_version == "v7"
    assert recorder.count == 1


def test_text_operation_returns_text(make_client: MakeClient) -> None:
    recorder = Recorder(
        httpx.Response(200, text="video_id,views\nv1,10\n", headers={"Content-Type": "text/csv"})
    )
    with make_client(recorder) as client:
        response = client.request("exportAnalyticsVideos")
    assert recorder.header("Accept") == "text/csv, text/html, application/json"
    assert response.body == "video_id,views\nv1,10\n"
    assert response.data is None


def test_empty_body_is_none(make_client: MakeClient) -> None:
    recorder = Recorder(httpx.Response(204))
    with make_client(recorder) as client:
        response = client.request("deleteWebhookEndpoint", path_params={"id": "w"})
    assert (response.status_code, response.body) == (204, None)


def test_unknown_operation_is_refused_locally(make_client: MakeClient) -> None:
    recorder = Recorder(ok())
    with make_client(recorder) as client:
        with pytest.raises(tokportal.InvalidRequestError, match="unknown operation id"):
            client.request("launchRocket")
        with pytest.raises(ValueError):
            client.request("getBundle", path_params={"bundle": "b"})
    assert recorder.count == 0


# --- logging and secrets -----------------------------------------------------------------


def test_one_debug_record_per_attempt_without_the_key(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    recorder = Recorder([error(503, "DOWN"), ok(bundle_data("b1"))])
    caplog.set_level(logging.DEBUG, logger="tokportal")
    with make_client(recorder) as client:
        client.bundles.publish("b1")
    records = [r for r in caplog.records if r.name == "tokportal"]
    assert len(records) == 2
    first, second = (r.getMessage() for r in records)
    assert "POST /bundles/b1/publish -> 503" in first
    assert "request_id=req_err" in first
    assert "attempt=1" in first
    assert "wait=" in first
    assert "-> 200" in second
    assert "attempt=2" in second
    assert all(API_KEY not in r.getMessage() for r in caplog.records)


def test_key_never_in_repr_or_errors(make_client: MakeClient) -> None:
    recorder = Recorder(error(401, "AUTH_INVALID_KEY"))
    with make_client(recorder) as client:
        assert API_KEY not in repr(client)
        with pytest.raises(tokportal.AuthenticationError) as caught:
            client.me.get()
    assert API_KEY not in str(caught.value)
    assert API_KEY not in repr(caught.value)


# --- throttle ----------------------------------------------------------------------------


def _limited(limit: int, remaining: int) -> httpx.Response:
    return ok(
        user_data(),
        headers={"X-RateLimit-Limit": str(limit), "X-RateLimit-Remaining": str(remaining)},
    )


def test_throttle_learns_burst_then_spaces_requests(
    make_client: MakeClient, clock: FakeClock
) -> None:
    remaining = iter([2, 1, 0, 0, 0])
    recorder = Recorder(lambda request: _limited(3, next(remaining)))
    with make_client(recorder, rate_limit=60) as client:
        for _ in range(5):
            client.me.get()
    assert recorder.count == 5
    # Burst of 3 (learnt from the first response), then one per second.
    assert clock.sleeps == pytest.approx([1.0, 1.0])


def test_throttle_waits_out_a_429_for_everyone(make_client: MakeClient, clock: FakeClock) -> None:
    recorder = Recorder(
        [
            _limited(10, 9),
            error(
                429,
                "RATE_LIMIT_EXCEEDED",
                headers={
                    "Retry-After": "4",
                    "X-RateLimit-Limit": "10",
                    "X-RateLimit-Remaining": "0",
                },
            ),
            _limited(10, 0),
        ]
    )
    with make_client(recorder, rate_limit=600) as client:
        client.me.get()
        client.me.get()
    assert recorder.count == 3
    # The retry honours Retry-After; the throttle adds no second wait on top of it.
    assert sum(clock.sleeps) == pytest.approx(4.0, abs=0.2)


def test_throttle_off(make_client: MakeClient, clock: FakeClock) -> None:
    recorder = Recorder(_limited(1, 0))
    with make_client(recorder, rate_limit=None) as client:
        for _ in range(4):
            client.me.get()
    assert clock.sleeps == []
