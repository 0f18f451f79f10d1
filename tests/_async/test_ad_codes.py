"""Ad codes: ordering (paid) and polling."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.helpers import Recorder, ok
from tokportal import AsyncTokPortal
from tokportal.models.ad_codes import AdCodeRequest, AdCodeResult

pytestmark = pytest.mark.anyio  # async-only

MakeClient = Callable[..., AsyncTokPortal]


async def test_order_with_a_note_returns_the_request_and_its_cost(make_client: MakeClient) -> None:
    body: dict[str, Any] = {
        "data": {"id": "ac1", "video_id": "v1", "status": "open", "manager": "m1"},
        "credits_charged": 7,
        "credits_remaining": 93,
    }
    recorder = Recorder(ok(**body))
    async with make_client(recorder) as client:
        result = await client.ad_codes.create("v1", note="Spark code for the June campaign")
    assert recorder.json() == {"note": "Spark code for the June campaign"}
    assert isinstance(result, AdCodeResult)
    assert result.credits_charged == 7
    assert result.request is not None and result.request.status == "open"
    assert result.request.extra == {"manager": "m1"}
    assert result.to_dict() == body


async def test_dry_run_prices_without_ordering(make_client: MakeClient) -> None:
    recorder = Recorder(ok({}, credits_charged=0, credits_would_charge=7, dry_run=True))
    async with make_client(recorder) as client:
        result = await client.ad_codes.create("v1", dry_run=True)
    assert recorder.header("X-TokPortal-Dry-Run") == "true"
    assert recorder.json() == {}
    assert result.credits_would_charge == 7


async def test_polled_code_is_read_from_either_spelling(make_client: MakeClient) -> None:
    raw = {"id": "ac1", "status": "submitted", "ad_code": "#SPARK123", "expires_at": "soon"}
    async with make_client(Recorder(ok(raw))) as client:
        request = await client.ad_codes.get("v1")
    assert isinstance(request, AdCodeRequest)
    assert request.code == "#SPARK123"
    assert request.extra == {"expires_at": "soon"}
    assert request.to_dict() == raw
