# Generated from tests/_async/test_wire.py by scripts/generate_sync.py; do not edit.
"""Run every wire case (``tests/cases/wire``, one per operation) on this flavour's client."""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from typing import Any

import pytest

from tests.cases.wire import WIRE_CASES, WireCase, answer
from tests.helpers import Recorder
from tokportal import OPERATIONS, Paginator, TokPortal


def run_wire_case(case: WireCase, make_client: Callable[..., TokPortal]) -> Any:
    """Make the call and check method, path, query, body and idempotency header."""
    recorder = Recorder(answer(case))
    with make_client(recorder) as client:
        outcome = case.call(client)
        if isinstance(outcome, Paginator):
            result = outcome.first_page()
        else:
            result = outcome
    operation = OPERATIONS[case.operation_id]
    assert recorder.count == 1, f"{case.operation_id}: {recorder.count} requests"
    request = recorder.requests[0]
    assert request.method == operation.method
    assert request.url.raw_path.decode().split("?")[0] == "/api/ext" + case.path
    assert list(request.url.params.multi_items()) == case.query
    content_type = request.headers.get("Content-Type", "")
    if case.body is None:
        assert request.content == b"", f"{case.operation_id} sent a body"
    elif content_type.startswith("application/json"):
        assert json.loads(request.content) == case.body
    else:
        assert content_type.startswith("multipart/form-data")
        for name, value in case.body.items():
            assert f'name="{name}"'.encode() in request.content
            if isinstance(value, str):
                assert value.encode() in request.content
    key = request.headers.get("Idempotency-Key")
    if operation.idempotency_policy == "standard":
        assert key is not None and uuid.UUID(key).version == 4
    else:
        assert key is None
    return result


@pytest.mark.parametrize("case", WIRE_CASES, ids=str)
def test_wire(case: WireCase, make_client: Callable[..., TokPortal]) -> None:
    run_wire_case(case, make_client)
