"""A call refused on the client's side: the helpers the resource tests share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.helpers import Recorder, ok
from tokportal import AsyncPaginator, AsyncTokPortal
from tokportal.errors import InvalidRequestError

MakeClient = Callable[..., AsyncTokPortal]


async def run(call: Callable[[AsyncTokPortal], Any], client: AsyncTokPortal) -> Any:
    """Make ``call``; a listing is read up to its first page, so its request is sent."""
    outcome = call(client)
    if isinstance(outcome, AsyncPaginator):
        return await outcome.first_page()
    return await outcome


async def refused(make_client: MakeClient, call: Callable[[AsyncTokPortal], Any]) -> Any:
    """The ``InvalidRequestError`` ``call`` raises, asserting that no request went out."""
    recorder = Recorder(ok())
    async with make_client(recorder) as client:
        with pytest.raises(InvalidRequestError) as info:
            await run(call, client)
    assert recorder.count == 0
    return info.value
