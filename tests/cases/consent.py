"""Tables and payloads of ``tests/_async/test_consent.py``, written once for it and its
generated sync twin."""

from __future__ import annotations

from tokportal.models.consent import (
    AccountCredentials,
    ConsentQuote,
    CredentialsReveal,
    VerificationCode,
    VerificationCodeResult,
)

POLICY = "managed-credential-reveal-v1"

QUOTE = {
    "account_id": "acc/1",
    "policy_version": POLICY,
    "expected_credit_cost": 150,
    "currency": "credits",
    "consequences": [
        "150 credits are charged, final.",
        "The account is detached from TokPortal for good.",
    ],
    "required_body": {"acknowledge_support_forfeit": True, "policy_version": POLICY},
}

CREDENTIALS = {
    "account_id": "acc/1",
    "platform": "tiktok",
    "username": "brand.us",
    "email": "brand@tokmail.test",
    "password": "hunter2-SECRET",
    "email_password": "mail-SECRET",
    "policy_version": POLICY,
    "management_ended": True,
}

CODE = {
    "account_id": "acc/1",
    "platform": "instagram",
    "code": "493817",
    "source": "tokmail",
    "received_at": "2026-06-01T10:00:00Z",
    "expires_at": "2026-06-01T10:10:00Z",
    "policy_version": POLICY,
}

CONSENT_REFUSALS = [
    ({"acknowledge_support_forfeit": True}, "policy_version"),
    ({"policy_version": POLICY}, "acknowledge_support_forfeit"),
    (
        {"acknowledge_support_forfeit": False, "policy_version": POLICY},
        "acknowledge_support_forfeit",
    ),
    (
        {"acknowledge_support_forfeit": 1, "policy_version": POLICY},
        "acknowledge_support_forfeit",
    ),
    (
        {"acknowledge_support_forfeit": "true", "policy_version": POLICY},
        "acknowledge_support_forfeit",
    ),
    (
        {"acknowledge_support_forfeit": None, "policy_version": POLICY},
        "acknowledge_support_forfeit",
    ),
    ({"acknowledge_support_forfeit": True, "policy_version": ""}, "policy_version"),
    ({"acknowledge_support_forfeit": True, "policy_version": "  "}, "policy_version"),
    ({"acknowledge_support_forfeit": True, "policy_version": 1}, "policy_version"),
    ({"idempotency_key": "k-1"}, "idempotency_key"),
    (
        {"acknowledge_support_forfeit": True, "policy_version": POLICY, "idempotency_key": "k"},
        "idempotency_key",
    ),
    ({"extra_headers": {"Idempotency-Key": "k-1"}}, "extra_headers"),
    ({"extra_body": {"acknowledge_support_forfeit": True}}, "extra_body"),
    ({"extra_body": {"policy_version": POLICY}}, "extra_body"),
]

CONSENT_MODELS = [
    (AccountCredentials, {**CREDENTIALS, "platform": "youtube_shorts", "totp_seed": "S"}),
    (VerificationCode, {**CODE, "platform": "threads", "channel": "sms"}),
    (ConsentQuote, {**QUOTE, "effective_at": "2026-06-01"}),
    (
        CredentialsReveal,
        {"data": CREDENTIALS, "credits_charged": 150, "credits_remaining": 0, "audit_id": "a"},
    ),
    (VerificationCodeResult, {"data": CODE, "credits_charged": 0, "receipt": {"n": 1}}),
]
