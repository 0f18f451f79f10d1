"""Bad input is refused locally with ``InvalidRequestError``, and only with it.

Every typed method and ``client.request`` get bad values (wrong types, NaN/inf, huge ints,
control characters, CR/LF, lone surrogates, empty and 100 KB strings, bytes, naive and
aware datetimes...) in each parameter and per-call option (``tests/input_cases.py``). What
comes out is either an ``InvalidRequestError`` with nothing sent, or a request on the wire;
never a raw ``ValueError``/``TypeError``/``httpx.InvalidURL``/``UnicodeEncodeError``.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests._async.local_refusals import refused
from tests.cases.input_refusals import BREAKING_HEADERS, LONG_VALUES
from tests.helpers import API_KEY, Recorder, bundle_data, charge, ok
from tests.input_cases import Case, good_call, parameters, raw_cases, resolve, typed_cases
from tokportal import (
    OPERATIONS,
    APIConnectionError,
    AsyncPaginator,
    AsyncTokPortal,
    InvalidRequestError,
)

pytestmark = pytest.mark.anyio  # async-only

MakeClient = Callable[..., AsyncTokPortal]


class Sent(Exception):
    """Raised by the fake far end: the request was built and handed to httpx."""


def refuse_nothing(request: httpx.Request) -> httpx.Response:
    request.read()
    raise Sent(request.url.path)


def cases() -> list[Case]:
    client = AsyncTokPortal(api_key=API_KEY, transport=httpx.MockTransport(refuse_nothing))
    return [*typed_cases(client), *raw_cases()]


CASES = cases()


async def call(client: AsyncTokPortal, case: Case) -> Any:
    result = resolve(client, case.method)(*case.args, **case.kwargs)
    if isinstance(result, AsyncPaginator):
        return await result.first_page()
    return await result


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=st.sampled_from(CASES))
async def test_bad_input_is_refused_or_sent_never_a_raw_error(case: Case) -> None:
    seen: list[httpx.Request] = []

    def far_end(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return refuse_nothing(request)

    async with AsyncTokPortal(
        api_key=API_KEY, transport=httpx.MockTransport(far_end), rate_limit=None, max_retries=0
    ) as client:
        outcome: BaseException | None = None
        try:
            await call(client, case)
        except Exception as exc:
            outcome = exc
    if isinstance(outcome, InvalidRequestError):
        assert seen == [], f"{case}: refused after sending"
        assert len(str(outcome)) < 1_000, f"{case}: unbounded message"
        # Every refusal names what was refused (not the catch-all of the transport).
        assert outcome.field not in (None, "request"), f"{case}: {outcome}"
    elif isinstance(outcome, APIConnectionError) and isinstance(outcome.__cause__, Sent):
        # The far end's "it arrived" mark, reported by the transport as a failed send.
        assert len(seen) == 1
    else:  # what this test exists to catch (a call that returned is a test defect too)
        shown = f"{type(outcome).__name__}: {str(outcome)[:200]}"
        pytest.fail(f"{case} escaped as {shown}")


ID_PARAMS = [
    (operation.method_name, name)
    for operation in OPERATIONS.values()
    for name in operation.path_params
    if operation.method_name is not None
]


@pytest.mark.parametrize(("method", "path_param"), ID_PARAMS)
async def test_typed_methods_refuse_dot_and_blank_ids(
    make_client: MakeClient, method: str, path_param: str
) -> None:
    recorder = Recorder(ok())
    async with make_client(recorder) as client:
        good_args, good_kwargs = good_call(client, method)
        # The ids are the leading positional arguments, in path order.
        index = list(OPERATIONS_BY_METHOD[method].path_params).index(path_param)
        name = parameters(client, method)[index].name
        # ``position`` is an int with its own rule (1-based); the rest are string ids.
        bads: list[Any] = [0, -1, True] if path_param == "position" else [".", "..", "", "  "]
        for bad in bads:
            args = list(good_args)
            args[index] = bad
            with pytest.raises(InvalidRequestError) as caught:
                await call(client, Case(method, tuple(args), good_kwargs, "id"))
            assert caught.value.field == name, f"{method}({name}={bad!r})"
            assert name in str(caught.value)
    assert recorder.count == 0


OPERATIONS_BY_METHOD = {op.method_name: op for op in OPERATIONS.values()}


@pytest.mark.parametrize("operation_id", [op for op in OPERATIONS if OPERATIONS[op].path_params])
async def test_request_refuses_dot_and_blank_ids(
    make_client: MakeClient, operation_id: str
) -> None:
    recorder = Recorder(ok())
    operation = OPERATIONS[operation_id]
    params = dict.fromkeys(operation.path_params, "id_1")
    async with make_client(recorder) as client:
        for path_param in operation.path_params:
            for bad in (".", "..", "", " \t"):
                with pytest.raises(InvalidRequestError) as caught:
                    await client.request(operation_id, path_params={**params, path_param: bad})
                assert caught.value.field == path_param
                assert path_param in str(caught.value)
    assert recorder.count == 0


@pytest.mark.parametrize(
    ("field", "run"),
    LONG_VALUES,
)
async def test_refusal_messages_cut_long_values(
    make_client: MakeClient, field: str, run: Callable[[AsyncTokPortal], Any]
) -> None:
    recorder = Recorder(ok())
    async with make_client(recorder) as client:
        with pytest.raises(InvalidRequestError) as caught:
            await run(client)
    assert recorder.count == 0
    message = str(caught.value)
    assert len(message) < 400, message[:500]
    assert caught.value.field == field
    assert "10,000,00" in message  # says how long the value really was
    assert caught.value.value is not None  # the value itself stays on the error


@pytest.mark.parametrize(
    "headers",
    BREAKING_HEADERS,
)
async def test_header_values_that_would_split_or_break_are_refused(
    make_client: MakeClient, headers: dict[str, Any]
) -> None:
    recorder = Recorder(ok())
    async with make_client(recorder) as client:
        with pytest.raises(InvalidRequestError, match="extra_headers"):
            await client.me.get(extra_headers=headers)
        with pytest.raises(InvalidRequestError, match="extra_headers"):
            await client.request("getCurrentUser", extra_headers=headers)
    assert recorder.count == 0


@pytest.mark.parametrize(
    "timeout",
    [float("nan"), float("inf"), -1, "5", (1, 2), True, httpx.Timeout(5, read=float("nan"))],
)
async def test_bad_timeouts_are_refused_before_a_token_is_taken(
    make_client: MakeClient, timeout: Any
) -> None:
    error = await refused(make_client, lambda client: client.me.get(timeout=timeout))
    assert error.field == "timeout"


async def test_json_bodies_are_sent_as_httpx_would_and_dates_written_iso(
    make_client: MakeClient,
) -> None:
    import datetime as dt

    recorder = Recorder(ok())
    async with make_client(recorder) as client:
        await client.request(
            "addVideoSlots",
            path_params={"id": "b1"},
            json={"quantity": 2, "note": "caf\u00e9", "on": dt.date(2030, 1, 2)},
        )
    assert recorder.count == 1
    sent = recorder.requests[0]
    assert sent.headers["Content-Type"] == "application/json"
    assert sent.content == '{"quantity":2,"note":"caf\u00e9","on":"2030-01-02"}'.encode()


@pytest.mark.parametrize(
    ("json", "field"),
    [
        ({"quantity": float("nan")}, "json['quantity']"),
        ({"quantity": [1, float("inf")]}, "json['quantity'][1]"),
        ({"quantity": b"1"}, "json['quantity']"),
        ({"quantity": {1, 2}}, "json['quantity']"),
        ({"quantity": 10**5000}, "json['quantity']"),
    ],
)
async def test_unencodable_json_is_refused_naming_where(
    make_client: MakeClient, json: Any, field: str
) -> None:
    error = await refused(
        make_client,
        lambda client: client.request("addVideoSlots", path_params={"id": "b1"}, json=json),
    )
    assert error.field == field


async def test_unknown_enum_values_are_sent_and_logged_at_debug(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    recorder = Recorder(ok(bundle_data(), **charge()))
    caplog.set_level(logging.DEBUG, logger="tokportal")
    async with make_client(recorder) as client:
        await client.bundles.create(bundle_type="accounts_pack", platform="threads", country="US")
        assert recorder.json() == {
            "bundle_type": "accounts_pack",
            "platform": "threads",
            "country": "US",
        }
        await client.analytics.series(metric="saves")
        assert recorder.requests[-1].url.params.get("metric") == "saves"
    notes = [r.getMessage() for r in caplog.records if r.name == "tokportal"]
    for value in ("accounts_pack", "threads", "saves"):
        assert sum(value in note and "not one this SDK knows" in note for note in notes) == 1
    assert all(r.levelno == logging.DEBUG for r in caplog.records if "SDK knows" in r.getMessage())


async def test_known_enum_values_log_nothing(
    make_client: MakeClient, caplog: pytest.LogCaptureFixture
) -> None:
    recorder = Recorder(ok(bundle_data(), **charge()))
    caplog.set_level(logging.DEBUG, logger="tokportal")
    async with make_client(recorder) as client:
        await client.bundles.create(bundle_type="account_only", platform="tiktok", country="US")
    assert recorder.count == 1
    assert not [r for r in caplog.records if "SDK knows" in r.getMessage()]


async def test_a_documented_closed_set_still_refuses(make_client: MakeClient) -> None:
    recorder = Recorder(ok())
    async with make_client(recorder) as client:
        with pytest.raises(InvalidRequestError, match="purpose") as caught:
            await client.uploads.image_from_url(
                url="https://example.com/a.jpg", bundle_id="b1", purpose="banner"
            )
        with pytest.raises(InvalidRequestError, match="YOUTUBE_DELAYED"):
            await client.bundles.create(
                bundle_type="account_only", platform="youtube", country="US"
            )
    assert recorder.count == 0
    assert caught.value.field == "purpose"


async def test_unknown_bundle_type_leaves_type_rules_to_the_api(make_client: MakeClient) -> None:
    recorder = Recorder(ok(bundle_data(), **charge()))
    async with make_client(recorder) as client:
        # A known type still gets its documented rules...
        with pytest.raises(InvalidRequestError, match="videos_quantity"):
            await client.bundles.create(bundle_type="account_and_videos", country="US")
        # ...a new one is the API's to judge.
        await client.bundles.create(bundle_type="account_and_stories", account_id="acc_1")
    assert recorder.count == 1
    assert recorder.json() == {"bundle_type": "account_and_stories", "account_id": "acc_1"}


async def test_advanced_warming_needs_terms_or_a_count(make_client: MakeClient) -> None:
    recorder = Recorder(ok(bundle_data(), **charge()))
    async with make_client(recorder) as client:
        with pytest.raises(InvalidRequestError) as caught:
            await client.bundles.create(
                bundle_type="account_only", country="US", wants_advanced_warming=True
            )
        with pytest.raises(InvalidRequestError):
            await client.bundles.create_bulk(
                platforms=["tiktok"], country="US", accounts_count=1, wants_advanced_warming=True
            )
        await client.bundles.create(
            bundle_type="account_only",
            country="US",
            wants_advanced_warming=True,
            advanced_warming_terms=[" padded ", "bb", "cc"],
        )
    assert caught.value.field == "wants_advanced_warming"
    assert recorder.count == 1
    # Terms go out exactly as given: API.md states no trimming.
    assert recorder.json()["advanced_warming_terms"] == [" padded ", "bb", "cc"]


@pytest.mark.parametrize("method", ["me.get", "bundles.list", "bundles.create"])
async def test_a_misspelt_option_is_refused_not_ignored(
    make_client: MakeClient, method: str
) -> None:
    recorder = Recorder(ok(bundle_data(), **charge()))
    create = {"bundle_type": "account_only", "platform": "tiktok", "country": "US"}
    kwargs: dict[str, Any] = create if method == "bundles.create" else {}
    case = Case(method=method, args=(), kwargs={**kwargs, "timout": 5}, where="timout=5")
    async with make_client(recorder) as client:
        with pytest.raises(InvalidRequestError) as caught:
            await call(client, case)
    assert caught.value.field == "timout"
    assert "timeout" in str(caught.value)  # the refusal lists the real names
    assert recorder.count == 0
