"""Delivered accounts: listings, bans, edit requests, and the rules refused locally."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from tests._async.local_refusals import MakeClient, refused
from tests.cases.accounts import ACCOUNT, BAN, EDIT_REQUEST_REFUSALS, SINCE_WATERMARKS
from tests.helpers import Recorder, ok
from tokportal.models import Platform
from tokportal.models.accounts import (
    Account,
    AccountBan,
    BanResolutionKind,
    BanStatus,
    EditRequest,
)
from tokportal.models.bundles import Bundle

pytestmark = pytest.mark.anyio  # async-only


async def test_account_keeps_unknown_fields_and_values(make_client: MakeClient) -> None:
    async with make_client(Recorder(ok(ACCOUNT))) as client:
        account = await client.accounts.get("sa1")
    assert isinstance(account, Account)
    assert account.platform == "snapchat" and type(account.platform) is str
    assert account.banned is False
    assert account.created_at == dt.datetime(2026, 5, 1, 10, tzinfo=dt.timezone.utc)
    assert account.extra == {"new_field": {"x": [1]}}
    assert account.to_dict() == ACCOUNT
    assert account.api_response is not None and account.api_response.request_id == "req_ok"


async def test_accounts_list_walks_every_page_with_its_filters(make_client: MakeClient) -> None:
    pages = [
        ok([ACCOUNT], pagination={"page": 1, "per_page": 1, "total": 2, "total_pages": 2}),
        ok(
            [{**ACCOUNT, "id": "sa2", "platform": "tiktok"}],
            pagination={"page": 2, "total_pages": 2},
        ),
    ]
    recorder = Recorder(pages)
    async with make_client(recorder) as client:
        accounts = [a async for a in client.accounts.list(banned=True, per_page=1)]
    assert [a.id for a in accounts] == ["sa1", "sa2"]
    assert accounts[1].platform is Platform.TIKTOK
    assert [r.url.params.get("banned") for r in recorder.requests] == ["true", "true"]
    assert [r.url.params.get("page") for r in recorder.requests] == ["1", "2"]


async def test_ban_rows_nest_their_resolution(make_client: MakeClient) -> None:
    async with make_client(Recorder(ok([BAN]))) as client:
        page = await client.accounts.list_bans(resolution=BanResolutionKind.REFUND).first_page()
    ban = page.items[0]
    assert isinstance(ban, AccountBan)
    assert ban.status == "under_investigation" and not isinstance(ban.status, BanStatus)
    assert ban.resolution is not None
    assert ban.resolution.resolution is BanResolutionKind.REFUND
    assert ban.resolution.refund_credits == 32
    assert ban.resolution.extra == {"note": "staff"}
    assert ban.extra == {"screenshot_url": "https://files.test/s.png"}
    assert ban.to_dict() == BAN


async def test_ban_status_known_value_is_a_member(make_client: MakeClient) -> None:
    async with make_client(Recorder(ok([{**BAN, "status": "appeal_pending"}]))) as client:
        page = await client.accounts.list_bans().first_page()
    assert page.items[0].status is BanStatus.APPEAL_PENDING


@pytest.mark.parametrize(
    ("since", "sent"),
    SINCE_WATERMARKS,
)
async def test_since_watermark_is_sent_as_iso(
    make_client: MakeClient, since: Any, sent: str
) -> None:
    recorder = Recorder(ok([]))
    async with make_client(recorder) as client:
        await client.accounts.list_bans(since=since).first_page()
    assert recorder.requests[0].url.params["since"] == sent


@pytest.mark.parametrize(
    "since", [dt.datetime(2026, 5, 3, 10), "yesterday", "2026-05-03T10", 1746266400]
)
async def test_since_must_be_an_iso_instant(make_client: MakeClient, since: Any) -> None:
    error = await refused(make_client, lambda c: c.accounts.list_bans(since=since))
    assert error.field == "since"


async def test_account_bundles_are_bundles(make_client: MakeClient) -> None:
    recorder = Recorder(ok([{"bundle_id": "b1", "status": "published"}]))
    async with make_client(recorder) as client:
        page = await client.accounts.list_bundles("sa1").first_page()
    assert isinstance(page.items[0], Bundle) and page.items[0].id == "b1"


async def test_commenting_profile_needs_a_setting(make_client: MakeClient) -> None:
    error = await refused(make_client, lambda c: c.accounts.update_commenting_profile("sa1", {}))
    assert error.field == "settings"


async def test_edit_request_absent_is_none(make_client: MakeClient) -> None:
    recorder = Recorder(httpx.Response(200, json={"data": None}))
    async with make_client(recorder) as client:
        assert await client.accounts.get_edit_request("sa1") is None


async def test_edit_request_round_trips(make_client: MakeClient) -> None:
    raw = {"id": "er1", "status": "open", "requested_username": "fit.daily", "eta": "2d"}
    async with make_client(Recorder(ok(raw))) as client:
        request = await client.accounts.get_edit_request("sa1")
    assert isinstance(request, EditRequest)
    assert request.requested_username == "fit.daily"
    assert request.extra == {"eta": "2d"}
    assert request.to_dict() == raw


async def test_edit_request_limits_are_inclusive(make_client: MakeClient) -> None:
    recorder = Recorder(ok({"id": "er1"}))
    async with make_client(recorder) as client:
        await client.accounts.create_edit_request(
            "sa1",
            requested_username="a" * 24,
            requested_visible_name="b" * 30,
            requested_biography="c" * 80,
        )
    assert recorder.json()["requested_username"] == "a" * 24


@pytest.mark.parametrize(
    ("field", "changes"),
    EDIT_REQUEST_REFUSALS,
)
async def test_edit_request_rules_are_refused_locally(
    make_client: MakeClient, field: str, changes: dict[str, str]
) -> None:
    fields: dict[str, Any] = {
        "requested_username": "fit.daily",
        "requested_visible_name": "Fit",
        **changes,
    }
    error = await refused(make_client, lambda c: c.accounts.create_edit_request("sa1", **fields))
    assert error.field == field
    assert field in str(error)
