# Generated from tests/_async/test_observability.py by scripts/generate_sync.py; do not edit.
"""Event hooks, X-Request-ID, with_raw_response and with_options(api_key, base_url,
default_headers): what a user sees of each call besides its result."""

from __future__ import annotations

import logging
from collections.abc import Callable

import httpx
import pytest

import tokportal
from tests.helpers import (
    API_KEY,
    FakeClock,
    Recorder,
    bundle_data,
    charge,
    comment_task_data,
    error,
    ok,
    transport,
    user_data,
)
from tokportal import TokPortal
from tokportal._core.events import AttemptEvent
from tokportal._core.raw_response import RawResponse
from tokportal.testing import Emulator

MakeClient = Callable[..., TokPortal]


OTHER_KEY = "sk_" + "cd34" * 16


def test_hooks_see_every_attempt_and_each_attempt_has_its_own_request_id(
    make_client: MakeClient,
) -> None:
    events: list[AttemptEvent] = []
    recorder = Recorder(
        [
            error(503, "UNAVAILABLE", headers={"X-TokPortal-Request-ID": "req_srv_1"}),
            ok(bundle_data("b1"), headers={"X-TokPortal-Request-ID": "req_srv_2"}, **charge(38)),
        ]
    )
    # A mock transport and free sleeps: nothing here waits on a clock or a socket.
    with make_client(recorder, hooks=[events.append]) as client:
        bundle = client.bundles.create(
            bundle_type="videos_only", account_id="acc_1", videos_quantity=1
        )
    assert (bundle.bundle.id, bundle.credits_charged) == ("b1", 38)
    sent = [r.headers["X-Request-ID"] for r in recorder.requests]
    assert len(set(sent)) == 2, "a fresh X-Request-ID per attempt"
    assert all(s.startswith("req_") for s in sent)
    # The same idempotency key on both attempts: one logical call.
    keys = {r.headers["Idempotency-Key"] for r in recorder.requests}
    assert len(keys) == 1
    first, second = events
    assert (first.operation_id, first.method, first.path_template) == (
        "createBundle",
        "POST",
        "/bundles",
    )
    assert (first.attempt, first.status_code, first.request_id) == (1, 503, "req_srv_1")
    assert first.sent_request_id == sent[0]
    assert first.retry_reason == "status 503" and first.will_retry
    assert first.retry_wait is not None and first.retry_wait > 0
    assert (second.attempt, second.status_code, second.request_id) == (2, 200, "req_srv_2")
    assert second.sent_request_id == sent[1]
    assert second.retry_reason is None and not second.will_retry
    assert first.idempotency_key == second.idempotency_key == keys.pop()
    assert first.throttle_wait == second.throttle_wait == 0.0
    assert first.error is None and second.error is None


def test_a_network_failure_is_an_event_without_status(make_client: MakeClient) -> None:
    events: list[AttemptEvent] = []
    recorder = Recorder([httpx.ConnectError("refused"), ok(user_data())])
    with make_client(recorder, hooks=[events.append]) as client:
        client.me.get()
    assert [(e.attempt, e.status_code, e.error, e.retry_reason) for e in events] == [
        (1, None, "ConnectError", "connect"),
        (2, 200, None, None),
    ]
    # No response: the id that identifies the attempt is the one the SDK sent.
    assert events[0].request_id == events[0].sent_request_id == recorder.header("X-Request-ID", 0)


def test_the_last_attempt_of_a_failed_call_names_the_error(make_client: MakeClient) -> None:
    events: list[AttemptEvent] = []
    recorder = Recorder(error(404, "NOT_FOUND"))
    with make_client(recorder, hooks=[events.append]) as client:
        with pytest.raises(tokportal.NotFoundError):
            client.bundles.get("b404")
    (event,) = events
    assert (event.status_code, event.error, event.path_template) == (
        404,
        "NotFoundError",
        "/bundles/{id}",
    )


def test_a_hook_that_raises_is_logged_and_does_not_change_the_call(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    seen: list[int] = []

    def broken(event: AttemptEvent) -> None:
        raise RuntimeError("hook bug")

    recorder = Recorder(ok(user_data()))
    with caplog.at_level(logging.ERROR, logger="tokportal"):
        with make_client(recorder, hooks=[broken, lambda e: seen.append(e.attempt)]) as c:
            user = c.me.get()
    assert user.email == "owner@example.test"
    assert seen == [1], "the hooks after a broken one still run"
    assert any("event hook" in r.getMessage() for r in caplog.records)
    assert API_KEY not in caplog.text


def test_a_caller_request_id_is_kept_on_every_attempt(make_client: MakeClient) -> None:
    events: list[AttemptEvent] = []
    recorder = Recorder([error(503, "UNAVAILABLE"), ok(user_data())])
    with make_client(recorder, hooks=[events.append]) as client:
        client.me.get(extra_headers={"X-Request-ID": "trace-42"})
    assert [r.headers["X-Request-ID"] for r in recorder.requests] == ["trace-42", "trace-42"]
    assert [e.sent_request_id for e in events] == ["trace-42", "trace-42"]


def test_throttle_wait_is_reported(clock: FakeClock) -> None:
    from tests._sync.conftest import Sleep

    events: list[AttemptEvent] = []
    recorder = Recorder(ok(user_data()))
    with TokPortal(
        api_key=API_KEY,
        transport=transport(recorder),
        sleep=Sleep(clock),
        clock=clock,
        rate_limit=60,
        rate_limit_burst=1,
        hooks=[events.append],
    ) as client:
        client.me.get()
        client.me.get()
    assert events[0].throttle_wait == 0.0
    assert events[1].throttle_wait == pytest.approx(1.0, abs=0.05)


def test_hooks_must_be_callables() -> None:
    with pytest.raises(tokportal.TokPortalError, match="callables"):
        TokPortal(api_key=API_KEY, hooks=["not a hook"])  # type: ignore[list-item]


def test_the_emulator_echoes_the_request_id() -> None:
    events: list[AttemptEvent] = []
    with Emulator() as emu:
        with TokPortal(
            api_key=emu.api_key, transport=emu.transport, rate_limit=None, hooks=[events.append]
        ) as client:
            user = client.me.get()
    (event,) = events
    assert event.request_id == event.sent_request_id
    assert user.api_response.request_id == event.sent_request_id


# -- with_raw_response --------------------------------------------------------------------------


def test_raw_response_gives_status_headers_request_id_and_the_model(
    make_client: MakeClient,
) -> None:
    recorder = Recorder(
        ok(
            bundle_data("b1", title="Spring"),
            headers={"X-TokPortal-Request-ID": "req_raw", "X-Custom": "yes"},
        )
    )
    with make_client(recorder) as client:
        raw = client.with_raw_response.bundles.get("b1")
    assert isinstance(raw, RawResponse)
    assert (raw.status_code, raw.request_id, raw.headers["X-Custom"]) == (200, "req_raw", "yes")
    assert raw.http_response.status_code == 200
    assert raw.http_response.json()["data"]["title"] == "Spring"
    # What the user can reach never shows the key.
    assert raw.http_response.request.headers["X-API-Key"] == "[secure]"
    assert API_KEY not in repr(raw)
    bundle = raw.parse()
    assert (bundle.id, bundle.title) == ("b1", "Spring")
    assert recorder.count == 1
    assert recorder.requests[0].url.path == "/api/ext/bundles/b1"


def test_raw_response_of_a_nested_group_a_listing_and_request(
    make_client: MakeClient,
) -> None:
    page = ok([bundle_data("b1"), bundle_data("b2")], pagination={"page": 1, "has_more": False})
    recorder = Recorder([page, ok(user_data())])
    with make_client(recorder) as client:
        listing = client.with_raw_response.bundles.list(status="published")
        raw_me = client.with_raw_response.request("getCurrentUser")
    assert [b.id for b in listing.parse().items] == ["b1", "b2"]
    assert recorder.requests[0].url.params["status"] == "published"
    assert raw_me.parse().data["email"] == "owner@example.test"
    assert recorder.count == 2


def test_raw_response_keeps_the_response_when_the_model_cannot_be_built(
    make_client: MakeClient,
) -> None:
    # A bundle without its id: the model refuses it, at parse() and not before.
    recorder = Recorder(ok({"status": "pending_setup"}))
    with make_client(recorder) as client:
        raw = client.with_raw_response.bundles.get("b1")
        with pytest.raises(tokportal.APIResponseValidationError):
            client.bundles.get("b1")
    assert raw.status_code == 200
    assert raw.http_response.json() == {"data": {"status": "pending_setup"}}
    with pytest.raises(tokportal.APIResponseValidationError):
        raw.parse()


def test_raw_response_errors_raise_as_usual(make_client: MakeClient) -> None:
    recorder = Recorder(error(404, "NOT_FOUND"))
    with make_client(recorder) as client:
        with pytest.raises(tokportal.NotFoundError):
            client.with_raw_response.bundles.get("b404")


def test_raw_listing_is_its_first_page_and_fetches_no_other(
    make_client: MakeClient,
) -> None:
    # The server says more pages follow: the raw view still sends exactly one request.
    page = ok(
        [bundle_data("b1"), bundle_data("b2")],
        pagination={"page": 1, "per_page": 2, "total": 6, "has_more": True},
        headers={"X-TokPortal-Request-ID": "req_page_1"},
    )
    recorder = Recorder(page)
    with make_client(recorder) as client:
        raw = client.with_raw_response.bundles.list(status="published", per_page=2)
    assert recorder.count == 1
    sent = recorder.requests[0].url.params
    assert (sent["status"], sent["page"], sent["per_page"]) == ("published", "1", "2")
    assert (raw.status_code, raw.request_id) == (200, "req_page_1")
    first = raw.parse()
    assert isinstance(first, tokportal.Page)
    assert [b.id for b in first.items] == ["b1", "b2"]
    assert (first.page, first.total, first.has_more) == (1, 6, True)
    # The page and the raw response are one response, not two reads of it.
    assert first.api_response is raw.api_response


def test_raw_paid_create_is_one_charge_with_its_result(make_client: MakeClient) -> None:
    recorder = Recorder(
        [
            error(503, "UNAVAILABLE"),
            ok(bundle_data("b9"), headers={"X-TokPortal-Request-ID": "req_paid"}, **charge(38)),
        ]
    )
    with make_client(recorder) as client:
        raw = client.with_raw_response.bundles.create(
            bundle_type="videos_only", account_id="acc_1", videos_quantity=1
        )
    # Retried like the typed call, under one idempotency key: one logical, paid call.
    assert recorder.count == 2
    assert len({r.headers["Idempotency-Key"] for r in recorder.requests}) == 1
    assert recorder.json() == {
        "bundle_type": "videos_only",
        "account_id": "acc_1",
        "videos_quantity": 1,
    }
    assert (raw.request_id, raw.idempotency_key) == ("req_paid", recorder.header("Idempotency-Key"))
    result = raw.parse()
    assert (result.bundle.id, result.credits_charged) == ("b9", 38)


def test_raw_view_of_an_overloaded_hand_written_flow(make_client: MakeClient) -> None:
    recorder = Recorder(
        ok(
            {"created": [comment_task_data("c7")], "rejected": []},
            status=201,
            created_count=1,
            rejected_count=0,
            credits_charged=1,
        )
    )
    with make_client(recorder) as client:
        raw = client.with_raw_response.comments.create(
            saved_account_id="sa1",
            target_video_url="https://www.tiktok.com/@a/video/1",
            comment_text="Nice",
        )
    assert recorder.count == 1
    assert recorder.requests[0].url.path == "/api/ext/comments"
    assert recorder.json()["comment_text"] == "Nice"
    assert raw.status_code == 201
    result = raw.parse()
    assert ([t.id for t in result.created], result.credits_charged) == (["c7"], 1)


def test_raw_view_refuses_locally_like_the_typed_method(make_client: MakeClient) -> None:
    recorder = Recorder(ok(bundle_data()))
    with make_client(recorder) as client:
        with pytest.raises(tokportal.InvalidRequestError):
            client.with_raw_response.bundles.get("")
        with pytest.raises(AttributeError):
            client.with_raw_response.with_options  # noqa: B018  (not a call to the API)
    assert recorder.count == 0, "nothing sent"


# -- with_options(api_key, base_url, default_headers) ---------------------------------------------


def test_with_options_another_key_shares_the_pool_not_the_budget() -> None:
    recorder = Recorder(ok(user_data()))
    mock = transport(recorder)
    with TokPortal(api_key=API_KEY, transport=mock, rate_limit=600) as client:
        tenant = client.with_options(api_key=OTHER_KEY)
        same = client.with_options(max_retries=0)
        client.me.get()
        tenant.me.get()
        assert tenant._transport.http_client is not client._transport.http_client
        assert tenant._transport.http_client._transport is mock, "one connection pool"
        assert tenant._transport._limiter is not client._transport._limiter
        assert same._transport._limiter is client._transport._limiter
        tenant.close()  # the copy does not close the shared pool
        client.me.get()
    assert [r.headers["X-API-Key"] for r in recorder.requests] == [API_KEY, OTHER_KEY, API_KEY]
    assert API_KEY not in repr(tenant) and OTHER_KEY not in repr(tenant)


def test_with_options_another_key_gets_its_own_cookie_jar() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        response = ok(user_data())
        if request.headers["X-API-Key"] == API_KEY:
            response.headers["Set-Cookie"] = "session=tenant-a; Path=/"
        return response

    recorder = Recorder(handler)
    with TokPortal(api_key=API_KEY, transport=transport(recorder)) as client:
        client.me.get()
        client.me.get()
        client.with_options(api_key=OTHER_KEY).me.get()
    assert recorder.requests[1].headers.get("Cookie") == "session=tenant-a"
    assert "Cookie" not in recorder.requests[2].headers


def test_with_options_base_url_and_default_headers(make_client: MakeClient) -> None:
    recorder = Recorder(ok(user_data()))
    with make_client(recorder, default_headers={"X-Tenant": "a"}) as client:
        other = client.with_options(
            base_url="https://eu.tokportal.test/api/ext",
            default_headers={"X-Tenant": "b", "user-agent": "mine/1"},
        )
        client.me.get()
        other.me.get()
        other.me.get(extra_headers={"X-Tenant": "c"})
    first, second, third = recorder.requests
    assert str(first.url) == "https://app.tokportal.com/api/ext/me"
    assert str(second.url) == "https://eu.tokportal.test/api/ext/me"
    assert (first.headers["X-Tenant"], second.headers["X-Tenant"]) == ("a", "b")
    assert third.headers["X-Tenant"] == "c", "a call's extra_headers win"
    assert second.headers.get_list("User-Agent") == ["mine/1"]
    assert first.headers["User-Agent"].startswith("tokportal-sdk/")
    assert other.base_url == "https://eu.tokportal.test/api/ext"


@pytest.mark.parametrize(
    "headers",
    [{"X-API-Key": "sk_other"}, {"Idempotency-Key": "k"}, {"X-Bad": "line\nbreak"}],
)
def test_default_headers_the_sdk_manages_are_refused(headers: dict[str, str]) -> None:
    with pytest.raises(tokportal.TokPortalError, match="default_headers"):
        TokPortal(api_key=API_KEY, default_headers=headers)
    client = TokPortal(api_key=API_KEY)
    with pytest.raises(tokportal.TokPortalError, match="default_headers"):
        client.with_options(default_headers=headers)
    client.close()


def test_with_options_refuses_a_bad_key_or_url() -> None:
    with TokPortal(api_key=API_KEY) as client:
        with pytest.raises(tokportal.TokPortalError):
            client.with_options(api_key="sk with space")
        with pytest.raises(tokportal.TokPortalError):
            client.with_options(base_url="ftp://nope")
