"""The blocking client's hooks: an async hook cannot run there, and is refused loudly."""

from __future__ import annotations

import logging
import warnings

import pytest

from tests.helpers import API_KEY, Recorder, ok, transport, user_data
from tokportal import AttemptEvent, TokPortal


def test_an_async_hook_on_the_blocking_client_is_logged_and_never_left_pending(
    caplog: pytest.LogCaptureFixture,
) -> None:
    seen: list[AttemptEvent] = []

    async def async_hook(event: AttemptEvent) -> None:
        seen.append(event)  # never runs: there is no loop to run it on

    recorder = Recorder(ok(user_data()))
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "coroutine ... was never awaited" would fail here
        with caplog.at_level(logging.ERROR, logger="tokportal"):
            with TokPortal(
                api_key=API_KEY, transport=transport(recorder), rate_limit=None, hooks=[async_hook]
            ) as client:
                user = client.me.get()
    assert user.email == "owner@example.test"
    assert seen == []
    assert "must be plain functions" in caplog.text
