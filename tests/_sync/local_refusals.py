# Generated from tests/_async/local_refusals.py by scripts/generate_sync.py; do not edit.
"""A call refused on the client's side: the helpers the resource tests share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.helpers import Recorder, ok
from tokportal import Paginator, TokPortal
from tokportal.errors import InvalidRequestError

MakeClient = Callable[..., TokPortal]


def run(call: Callable[[TokPortal], Any], client: TokPortal) -> Any:
    """Make ``call``; a listing is read up to its first page, so its request is sent."""
    outcome = call(client)
    if isinstance(outcome, Paginator):
        return outcome.first_page()
    return outcome


def refused(make_client: MakeClient, call: Callable[[TokPortal], Any]) -> Any:
    """The ``InvalidRequestError`` ``call`` raises, asserting that no request went out."""
    recorder = Recorder(ok())
    with make_client(recorder) as client:
        with pytest.raises(InvalidRequestError) as info:
            run(call, client)
    assert recorder.count == 0
    return info.value
