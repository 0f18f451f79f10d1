"""Wire cases of the consent flow's two operations (after acceptance)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests._async.test_consent import consent_api
from tests._async.wire import WireCase, run_wire_case
from tokportal import AsyncTokPortal

pytestmark = pytest.mark.anyio  # async-only

ACCEPTED = {"acknowledge_support_forfeit": True, "policy_version": "managed-credential-reveal-v1"}

WIRE_CASES = [
    WireCase(
        operation_id="retrieveAccountVerificationCode",
        call=lambda c: consent_api(c).verification_code(
            "acc/1", acknowledge_support_forfeit=True, policy_version=ACCEPTED["policy_version"]
        ),
        path="/accounts/acc%2F1/verification-code",
        body=ACCEPTED,
        response={"data": {"code": "123456"}, "credits_charged": 150},
    ),
    WireCase(
        operation_id="revealAccountCredentials",
        call=lambda c: consent_api(c).reveal_credentials("acc-2"),
        path="/accounts/acc-2/reveal-credentials",
        body=None,
        response={"data": {"password": "p"}},
    ),
]


@pytest.mark.parametrize("case", WIRE_CASES, ids=str)
async def test_wire(case: WireCase, make_client: Callable[..., AsyncTokPortal]) -> None:
    await run_wire_case(case, make_client)
