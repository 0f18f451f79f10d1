# Generated from tests/_async/test_bundle_account.py by scripts/generate_sync.py; do not edit.
"""A bundle's account: ``client.bundles.account``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from tests._sync.local_refusals import refused
from tests.cases.bundle_account import ACCOUNT, CONFIGURE_REFUSALS
from tests.helpers import Recorder, ok
from tokportal import InvalidRequestError, TokPortal
from tokportal.models import AccountStatus, Platform
from tokportal.models.bundle_account import AdvancedWarmingSummary, BundleAccountDetails

MakeClient = Callable[..., TokPortal]

PROFILE = {"username": "sunny.days_1", "visible_name": "Sunny Days"}


def test_get_types_the_account_and_its_warming(make_client: MakeClient) -> None:
    recorder = Recorder(ok(ACCOUNT))
    with make_client(recorder) as client:
        account = client.bundles.account.get("b1")
    assert isinstance(account, BundleAccountDetails)
    assert account.status is AccountStatus.IN_REVIEW
    assert account.platform is Platform.INSTAGRAM
    assert account.username == "sunny.days_1"
    assert account.saved_account_id is None
    assert isinstance(account.advanced_warming, AdvancedWarmingSummary)
    assert account.advanced_warming.terms_verified == 2
    assert account.advanced_warming.started_at == dt.datetime(
        2030, 1, 2, 10, tzinfo=dt.timezone.utc
    )
    assert account.advanced_warming.extra == {"proof_count": 4}
    assert account.extra == {"missing_fields": []}
    assert account.to_dict() == ACCOUNT
    assert account.api_response is not None
    assert account.api_response.request_id == "req_ok"


def test_unknown_status_and_fields_survive(make_client: MakeClient) -> None:
    raw = {**ACCOUNT, "status": "awaiting_selfie", "platform": "threads", "risk_score": 0.2}
    recorder = Recorder(ok(raw))
    with make_client(recorder) as client:
        account = client.bundles.account.get("b1")
    assert account.status == "awaiting_selfie"
    assert not isinstance(account.status, AccountStatus)
    assert account.platform == "threads"
    assert account.extra["risk_score"] == 0.2
    assert account.to_dict() == raw


def test_configure_sends_the_profile(make_client: MakeClient) -> None:
    recorder = Recorder(ok({**ACCOUNT, "status": "configured"}))
    with make_client(recorder) as client:
        account = client.bundles.account.configure(
            "b1",
            username="a" * 24,
            visible_name="V" * 30,
            biography="b" * 80,
            profile_picture_url="profile-pictures/org/b1/p.jpg",
            link_in_bio="http://sunny.example/links",
            niche_warming_instructions="sunny lifestyle",
            advanced_warming_terms=["sun", "beach", "summer"],
        )
    assert recorder.requests[0].method == "PUT"
    assert recorder.json() == {
        "username": "a" * 24,
        "visible_name": "V" * 30,
        "biography": "b" * 80,
        "profile_picture_url": "profile-pictures/org/b1/p.jpg",
        "link_in_bio": "http://sunny.example/links",
        "niche_warming_instructions": "sunny lifestyle",
        "advanced_warming_terms": ["sun", "beach", "summer"],
    }
    assert account.status is AccountStatus.CONFIGURED


@pytest.mark.parametrize(
    ("changes", "field"),
    CONFIGURE_REFUSALS,
)
def test_configure_refuses_locally(
    make_client: MakeClient, changes: dict[str, Any], field: str
) -> None:
    error = refused(
        make_client, lambda client: client.bundles.account.configure("b1", **{**PROFILE, **changes})
    )
    assert error.field == field


def test_request_corrections_sends_comment_and_fields(make_client: MakeClient) -> None:
    recorder = Recorder(ok({**ACCOUNT, "status": "pending_corrections"}))
    with make_client(recorder) as client:
        account = client.bundles.account.request_corrections(
            "b1", comment="Use the logo as picture"
        )
    assert recorder.json() == {"comment": "Use the logo as picture"}
    assert account.status is AccountStatus.PENDING_CORRECTIONS


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"comment": ""}, "comment"),
        ({"comment": "   "}, "comment"),
        ({"comment": None}, "comment"),
        ({"fields": ["biography"]}, "fields"),
    ],
)
def test_request_corrections_refuses_locally(
    make_client: MakeClient, changes: dict[str, Any], field: str
) -> None:
    recorder = Recorder(ok({}))
    with make_client(recorder) as client:
        with pytest.raises(InvalidRequestError) as caught:
            client.bundles.account.request_corrections("b1", **{"comment": "fix it", **changes})
    assert caught.value.field == field
    assert recorder.count == 0


def test_finalize_posts_without_a_body(make_client: MakeClient) -> None:
    recorder = Recorder(ok({**ACCOUNT, "status": "finalized", "saved_account_id": "sa_1"}))
    with make_client(recorder) as client:
        account = client.bundles.account.finalize("b1")
    request = recorder.requests[0]
    assert (request.method, request.url.path) == ("POST", "/api/ext/bundles/b1/account/finalize")
    assert request.content == b""
    assert account.status is AccountStatus.FINALIZED
    assert account.saved_account_id == "sa_1"
