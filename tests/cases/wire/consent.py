"""Wire cases of the consent flow's two operations (after acceptance)."""

from __future__ import annotations

from .case import WireCase

ACCEPTED = {"acknowledge_support_forfeit": True, "policy_version": "managed-credential-reveal-v1"}

WIRE_CASES = [
    WireCase(
        operation_id="retrieveAccountVerificationCode",
        call=lambda c: c.accounts.verification_code(
            "acc/1", acknowledge_support_forfeit=True, policy_version=ACCEPTED["policy_version"]
        ),
        path="/accounts/acc%2F1/verification-code",
        body=ACCEPTED,
        response={"data": {"code": "123456"}, "credits_charged": 150},
    ),
    WireCase(
        operation_id="revealAccountCredentials",
        call=lambda c: c.accounts.reveal_credentials("acc-2"),
        path="/accounts/acc-2/reveal-credentials",
        body=None,
        response={"data": {"password": "p"}},
    ),
]
