# Generated from tests/_async/test_bundles_create.py by scripts/generate_sync.py; do not edit.
"""``bundles.create``: the documented rules refuse bad input before anything is sent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

import tokportal
from tests.cases.bundles_create import CREATE_REFUSALS, VALID
from tests.helpers import Recorder, bundle_data, charge, ok
from tokportal import TokPortal


@pytest.mark.parametrize(
    ("changes", "field"),
    CREATE_REFUSALS,
)
def test_refused_locally_with_nothing_sent(
    make_client: Callable[..., TokPortal], changes: dict[str, Any], field: str
) -> None:
    recorder = Recorder(ok({}))
    with make_client(recorder) as client:
        with pytest.raises(tokportal.InvalidRequestError) as caught:
            client.bundles.create(**{**VALID, **changes})
    assert caught.value.field == field
    assert recorder.count == 0


def test_videos_only_needs_account_id(make_client: Callable[..., TokPortal]) -> None:
    recorder = Recorder(ok({"bundle_id": "b1", "status": "pending_setup"}, **charge(38)))
    with make_client(recorder) as client:
        with pytest.raises(tokportal.InvalidRequestError, match="account_id"):
            client.bundles.create(bundle_type="videos_only", videos_quantity=1)
        result = client.bundles.create(
            bundle_type="videos_only", account_id="acc_1", videos_quantity=1
        )
    assert recorder.count == 1
    assert recorder.json() == {
        "bundle_type": "videos_only",
        "account_id": "acc_1",
        "videos_quantity": 1,
    }
    assert result.bundle is not None and result.bundle.id == "b1"


@pytest.mark.parametrize(
    ("changes", "field"),
    [({}, "title"), ({"title": "t" * 201}, "title"), ({"external_ref": "r" * 201}, "external_ref")],
)
def test_update_rules(
    make_client: Callable[..., TokPortal], changes: dict[str, Any], field: str
) -> None:
    recorder = Recorder(ok(bundle_data("b1")))
    with make_client(recorder) as client:
        with pytest.raises(tokportal.InvalidRequestError) as caught:
            client.bundles.update("b1", **changes)
        client.bundles.update("b1", extra_body={"future_field": 1})
    assert caught.value.field == field
    assert recorder.count == 1
    assert recorder.json() == {"future_field": 1}
