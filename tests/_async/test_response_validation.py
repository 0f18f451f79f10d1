"""A response lacking a documented field is an APIResponseValidationError naming the operation
and the field, never a silent None or a raw TypeError; what a newer API adds still passes; and
``api_response`` is on everything a typed method returns, nested objects and items included.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests.helpers import Recorder, bundle_data, charge, ok, webhook_endpoint_data
from tokportal import APIResponseValidationError, AsyncTokPortal
from tokportal.models import BundleStatus, NoAPIResponseError

pytestmark = pytest.mark.anyio  # async-only

MakeClient = Callable[..., AsyncTokPortal]


def answer(body: Any, status: int = 200) -> httpx.Response:
    return httpx.Response(status, json=body, headers={"X-TokPortal-Request-ID": "req_check"})


async def test_a_bundle_lacking_its_id(make_client: MakeClient) -> None:
    recorder = Recorder(answer({"data": {"status": "published", "title": "Spring"}}))
    async with make_client(recorder) as client:
        with pytest.raises(APIResponseValidationError) as info:
            await client.bundles.get("b1")
    error = info.value
    assert str(error) == (
        "getBundle: response lacks required field 'data.id' [HTTP 200, request_id=req_check]"
    )
    assert (error.operation_id, error.field) == ("getBundle", "data.id")
    assert (error.status_code, error.request_id) == (200, "req_check")
    assert error.body == {"data": {"status": "published", "title": "Spring"}}
    assert recorder.count == 1  # a malformed answer is not retried


@pytest.mark.parametrize(
    ("status", "problem"),
    [(None, "lacks required field 'data.status'"), (7, r"unreadable value \(TypeError\)")],
)
async def test_a_null_or_mistyped_status_is_no_silent_none(
    make_client: MakeClient, status: Any, problem: str
) -> None:
    recorder = Recorder(answer({"data": {"id": "b1", "status": status}}))
    async with make_client(recorder) as client:
        with pytest.raises(APIResponseValidationError, match=problem) as info:
            await client.bundles.get("b1")
    assert info.value.field == "data.status"


async def test_a_list_page_names_the_item(make_client: MakeClient) -> None:
    body = {
        "data": [bundle_data("b1"), {"id": "b2"}],
        "pagination": {"page": 1, "per_page": 2, "total": 4, "total_pages": 2},
    }
    recorder = Recorder(answer(body))
    async with make_client(recorder) as client:
        with pytest.raises(APIResponseValidationError) as info:
            await client.bundles.list(per_page=2).to_list()
    assert (info.value.operation_id, info.value.field) == ("listBundles", "data[1].status")
    assert "listBundles: response lacks required field 'data[1].status'" in str(info.value)
    assert recorder.count == 1  # the walk stops: page 2 is never asked for


async def test_a_paid_creation_lacking_a_field_keeps_its_idempotency_key(
    make_client: MakeClient,
) -> None:
    # The bundle was bought: the error must say which key to reconcile with, and nothing is
    # sent again (no second charge).
    recorder = Recorder(answer({"data": {"bundle_id": "b9"}, **charge(38)}))
    async with make_client(recorder) as client:
        with pytest.raises(APIResponseValidationError) as info:
            await client.bundles.create(bundle_type="account_only", country="USA")
    error = info.value
    assert (error.operation_id, error.field) == ("createBundle", "data.status")
    assert error.idempotency_key is not None
    assert error.idempotency_key == recorder.header("Idempotency-Key")
    assert recorder.count == 1


async def test_a_paid_creation_lacking_its_charge(make_client: MakeClient) -> None:
    recorder = Recorder(answer({"data": bundle_data("b9"), "credits_remaining": 962}))
    async with make_client(recorder) as client:
        with pytest.raises(APIResponseValidationError) as info:
            await client.bundles.create(bundle_type="account_only", country="USA")
    assert info.value.field == "credits_charged"
    assert "createBundle: response lacks required field 'credits_charged'" in str(info.value)


async def test_a_comment_batch_names_the_nested_task(make_client: MakeClient) -> None:
    body = {
        "data": {"created": [{"id": "c1", "status": "pending"}], "rejected": []},
        "created_count": 1,
        "rejected_count": 0,
        "credits_charged": 1,
    }
    recorder = Recorder(answer(body, status=201))
    async with make_client(recorder) as client:
        with pytest.raises(APIResponseValidationError) as info:
            await client.comments.create(
                saved_account_id="sa1", target_video_url="https://x.test/v/1", comment_text="Hi"
            )
    assert info.value.field == "data.created[0].platform"


async def test_a_secret_returning_answer_is_not_kept_on_the_error(
    make_client: MakeClient,
) -> None:
    secret = "whsec_do_not_leak_4f2a"
    recorder = Recorder(answer({"data": {"id": "wh1", "signing_secret": secret}}))
    async with make_client(recorder) as client:
        with pytest.raises(APIResponseValidationError) as info:
            await client.webhooks.create(url="https://hooks.test/tp", events=["bundle.published"])
    error = info.value
    assert error.field == "data.url"
    assert error.body is None
    assert secret not in str(error) and secret not in repr(error)
    assert all(secret not in repr(value) for value in vars(error).values())


async def test_data_of_the_wrong_shape(make_client: MakeClient) -> None:
    recorder = Recorder(answer({"data": ["b1"]}))
    async with make_client(recorder) as client:
        with pytest.raises(APIResponseValidationError) as info:
            await client.bundles.get("b1")
    assert (info.value.operation_id, info.value.field) == ("getBundle", "data")


async def test_a_text_export_answered_with_json(make_client: MakeClient) -> None:
    recorder = Recorder(answer({"data": {"rows": []}}))
    async with make_client(recorder) as client:
        with pytest.raises(APIResponseValidationError, match="exportAnalyticsVideos"):
            await client.analytics.export_videos_csv()


async def test_a_text_export_carries_its_response(make_client: MakeClient) -> None:
    csv = "video_id,views\nv1,10\n"
    recorder = Recorder(
        httpx.Response(
            200, text=csv, headers={"Content-Type": "text/csv", "X-TokPortal-Request-ID": "req_csv"}
        )
    )
    async with make_client(recorder) as client:
        text = await client.analytics.export_videos_csv()
    assert text == csv
    assert text.api_response.request_id == "req_csv"
    assert text.api_response.operation_id == "exportAnalyticsVideos"


async def test_unknown_fields_and_enum_values_still_pass(make_client: MakeClient) -> None:
    data = bundle_data("b1", status="teleported", platform="snapchat", zz_new={"a": [1]})
    recorder = Recorder(answer({"data": data, **charge(38), "zz_sibling": True}))
    async with make_client(recorder) as client:
        result = await client.bundles.create(bundle_type="account_only", country="USA")
    assert result.bundle.status == "teleported" and type(result.bundle.status) is str
    assert result.bundle.platform == "snapchat"
    assert result.bundle.extra == {"zz_new": {"a": [1]}}
    assert result.extra == {"zz_sibling": True}
    assert result.credits_charged == 38


async def test_api_response_reaches_nested_objects_and_listing_items(
    make_client: MakeClient,
) -> None:
    page = {
        "data": [bundle_data("b1", status="published"), bundle_data("b2")],
        "pagination": {"page": 1, "per_page": 2, "total": 2, "total_pages": 1},
    }
    recorder = Recorder(
        [answer({"data": bundle_data("b0"), **charge(38)}), answer(page), answer(page)]
    )
    async with make_client(recorder) as client:
        result = await client.bundles.create(bundle_type="account_only", country="USA")
        first = await client.bundles.list(per_page=2).first_page()
        items = [b async for b in client.bundles.list(per_page=2)]
    assert result.bundle.api_response is result.api_response
    assert result.cost_breakdown.api_response is result.api_response
    assert result.api_response.operation_id == "createBundle"
    assert all(b.api_response is first.api_response for b in first.items)
    assert first.items[0].status is BundleStatus.PUBLISHED
    assert [b.api_response.operation_id for b in items] == ["listBundles"] * 2


async def test_endpoints_with_documented_fields_pass(make_client: MakeClient) -> None:
    recorder = Recorder(ok(webhook_endpoint_data("wh1", zz_new=1)))
    async with make_client(recorder) as client:
        endpoint = await client.webhooks.get("wh1")
    assert (endpoint.id, endpoint.enabled, endpoint.extra) == ("wh1", True, {"zz_new": 1})


def test_a_model_built_by_hand_says_it_has_no_response() -> None:
    from tokportal.models import Bundle

    bundle = Bundle(id="b1", status=BundleStatus.DRAFT)
    with pytest.raises(NoAPIResponseError, match="built by hand"):
        bundle.api_response  # noqa: B018
    assert getattr(bundle, "api_response", None) is None  # an AttributeError, as hasattr expects
    with pytest.raises(TypeError, match="status"):
        Bundle(id="b1")  # type: ignore[call-arg]
