"""The 428 consent flow: one request per user action, never an automatic retry, acceptance
checked locally, the quote readable from the errors, secrets out of reprs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tests._async.local_refusals import refused
from tests.cases.consent import CODE, CONSENT_MODELS, CONSENT_REFUSALS, CREDENTIALS, POLICY, QUOTE
from tests.helpers import Recorder, error, ok
from tokportal import (
    APIConnectionError,
    APITimeoutError,
    AsyncTokPortal,
    ConflictError,
    ConsentRequiredError,
    InternalServerError,
)
from tokportal._async.flows.consent import AsyncAccountConsentMixin
from tokportal.models._converter import structure
from tokportal.models.consent import (
    AccountCredentials,
    ConsentQuote,
    CredentialsReveal,
    VerificationCodeResult,
)

pytestmark = pytest.mark.anyio  # async-only

MakeClient = Callable[..., AsyncTokPortal]

CONSENT_NEEDED = error(428, "POLICY_ACKNOWLEDGEMENT_REQUIRED", "consent needed", details=QUOTE)
ACCEPTED = {"acknowledge_support_forfeit": True, "policy_version": POLICY}
METHODS = ["verification_code", "reveal_credentials"]
OPERATIONS = {
    "verification_code": "/accounts/acc%2F1/verification-code",
    "reveal_credentials": "/accounts/acc%2F1/reveal-credentials",
}


def consent_api(client: AsyncTokPortal) -> AsyncAccountConsentMixin:
    """``client.accounts`` once it includes the mixin; until then the mixin on its own."""
    accounts: Any = client.accounts
    if isinstance(accounts, AsyncAccountConsentMixin):
        return accounts
    return AsyncAccountConsentMixin(client._transport)


async def call(client: AsyncTokPortal, method: str, **kwargs: Any) -> Any:
    return await getattr(consent_api(client), method)("acc/1", **kwargs)


# -- step 1: no acceptance -> 428 with the quote -------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
async def test_without_acceptance_no_body_is_sent_and_428_carries_the_quote(
    make_client: MakeClient, method: str
) -> None:
    recorder = Recorder(CONSENT_NEEDED)
    async with make_client(recorder) as client:
        with pytest.raises(ConsentRequiredError) as info:
            await call(client, method)
    assert recorder.count == 1
    request = recorder.requests[0]
    assert request.method == "POST"
    assert request.url.raw_path.decode() == "/api/ext" + OPERATIONS[method]
    assert request.content == b""
    assert request.headers.get("Idempotency-Key") is None
    exc = info.value
    assert exc.status_code == 428
    assert exc.policy_version == POLICY
    assert exc.expected_credit_cost == 150
    assert exc.disclosure == "\n".join(QUOTE["consequences"])  # type: ignore[arg-type]
    quote = exc.consent_quote
    assert isinstance(quote, ConsentQuote)
    assert quote.currency == "credits"
    assert quote.extra["required_body"] == ACCEPTED


async def test_disclosure_prefers_the_apis_text_then_falls_back_to_the_message() -> None:
    with_text = ConsentRequiredError(
        status_code=428,
        code="X",
        message="msg",
        details={"policy_version": POLICY, "disclosure": "Read this.", "price": 15},
    )
    assert with_text.disclosure == "Read this."
    assert with_text.expected_credit_cost == 15
    bare = ConsentRequiredError(status_code=428, code="X", message="Consent needed.")
    assert bare.disclosure == "Consent needed."
    assert bare.expected_credit_cost is None
    assert bare.policy_version is None


# -- step 2: acceptance -> exactly the documented body -------------------------------------------


async def test_accepted_verification_code(make_client: MakeClient) -> None:
    recorder = Recorder(ok(CODE, credits_charged=150, credits_remaining=850))
    async with make_client(recorder) as client:
        result = await call(
            client, "verification_code", acknowledge_support_forfeit=True, policy_version=POLICY
        )
    assert recorder.count == 1
    assert recorder.json() == ACCEPTED
    assert recorder.header("Idempotency-Key") is None
    assert isinstance(result, VerificationCodeResult)
    assert result.credits_charged == 150
    assert result.verification_code is not None
    assert result.verification_code.code == "493817"
    assert "493817" not in repr(result)
    assert "493817" not in str(result.verification_code)


async def test_accepted_reveal_credentials(make_client: MakeClient) -> None:
    recorder = Recorder(ok(CREDENTIALS, credits_charged=0, credits_remaining=1000))
    async with make_client(recorder) as client:
        result = await call(
            client, "reveal_credentials", acknowledge_support_forfeit=True, policy_version=POLICY
        )
    assert recorder.count == 1
    assert recorder.json() == ACCEPTED
    assert isinstance(result, CredentialsReveal)
    credentials = result.credentials
    assert credentials is not None
    assert credentials.password == "hunter2-SECRET"
    assert credentials.email_password == "mail-SECRET"
    assert credentials.username == "brand.us"
    for text in (repr(result), str(result), repr(credentials)):
        assert "SECRET" not in text
    assert "brand.us" in repr(credentials)


async def test_the_full_flow_is_two_requests_for_two_user_actions(make_client: MakeClient) -> None:
    recorder = Recorder([CONSENT_NEEDED, ok(CREDENTIALS)])
    async with make_client(recorder) as client:
        with pytest.raises(ConsentRequiredError) as info:
            await call(client, "reveal_credentials")
        await call(
            client,
            "reveal_credentials",
            acknowledge_support_forfeit=True,
            policy_version=info.value.policy_version,
        )
    assert recorder.count == 2
    assert recorder.json(0) is None
    assert recorder.json(1) == ACCEPTED


# -- local refusals: nothing is sent -------------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    ("kwargs", "field"),
    CONSENT_REFUSALS,
)
async def test_refusals_send_nothing(
    make_client: MakeClient, method: str, kwargs: dict[str, Any], field: str
) -> None:
    refusal = await refused(make_client, lambda client: call(client, method, **kwargs))
    assert refusal.field == field


# -- never repeated once it may have run ---------------------------------------------------------


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize(
    ("failure", "expected"),
    [
        (error(503, "UNAVAILABLE"), InternalServerError),
        (error(500, "INTERNAL"), InternalServerError),
        (error(502, "BAD_GATEWAY"), InternalServerError),
        (httpx.ReadTimeout("read timed out"), APITimeoutError),
        (httpx.RemoteProtocolError("peer closed the connection"), APIConnectionError),
    ],
)
async def test_no_automatic_retry_after_it_may_have_run(
    make_client: MakeClient, method: str, failure: Any, expected: type[Exception]
) -> None:
    recorder = Recorder([failure, ok(CREDENTIALS)])
    async with make_client(recorder, max_retries=5) as client:
        with pytest.raises(expected) as info:
            await call(client, method, acknowledge_support_forfeit=True, policy_version=POLICY)
    assert recorder.count == 1
    assert getattr(info.value, "idempotency_key", None) is None


@pytest.mark.parametrize("method", METHODS)
async def test_no_retry_before_consent_either(make_client: MakeClient, method: str) -> None:
    recorder = Recorder([error(503, "UNAVAILABLE"), CONSENT_NEEDED])
    async with make_client(recorder) as client:
        with pytest.raises(InternalServerError):
            await call(client, method)
    assert recorder.count == 1


@pytest.mark.parametrize("method", METHODS)
async def test_changed_quote_is_a_conflict_with_the_new_terms_and_no_retry(
    make_client: MakeClient, method: str
) -> None:
    new_terms = {
        **QUOTE,
        "policy_version": "managed-credential-reveal-v2",
        "expected_credit_cost": 175,
    }
    recorder = Recorder(
        [
            error(409, "CREDENTIAL_REVEAL_QUOTE_CHANGED", "terms changed", details=new_terms),
            ok(CREDENTIALS),
        ]
    )
    async with make_client(recorder) as client:
        with pytest.raises(ConflictError) as info:
            await call(client, method, acknowledge_support_forfeit=True, policy_version=POLICY)
    assert recorder.count == 1
    quote = info.value.consent_quote
    assert quote is not None
    assert quote.policy_version == "managed-credential-reveal-v2"
    assert quote.expected_credit_cost == 175
    assert quote.disclosure_text.startswith("150 credits")


async def test_other_conflicts_carry_no_consent_quote() -> None:
    exc = ConflictError(status_code=409, code="BUNDLE_PRICING_CHANGED", message="m", details=QUOTE)
    assert exc.consent_quote is None


async def test_dry_run_header_is_sent_when_asked(make_client: MakeClient) -> None:
    recorder = Recorder(ok({**CODE, "code": None}, dry_run=True, credits_would_charge=150))
    async with make_client(recorder) as client:
        result = await call(
            client,
            "verification_code",
            acknowledge_support_forfeit=True,
            policy_version=POLICY,
            dry_run=True,
        )
    assert recorder.header("X-TokPortal-Dry-Run") == "true"
    assert result.dry_run is True
    assert result.credits_would_charge == 150


# -- models --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cls", "raw"),
    CONSENT_MODELS,
)
async def test_consent_models_keep_unknown_fields_and_round_trip(
    cls: type[Any], raw: dict[str, Any]
) -> None:
    model = structure(raw, cls)
    declared = set()
    for attribute in cls.__attrs_attrs__:
        declared.update(cls.__wire_names__.get(attribute.name, (attribute.name,)))
    assert set(model.extra) == {key for key in raw if key not in declared}
    assert model.to_dict() == raw
    if "platform" in raw:
        assert model.platform == raw["platform"]
    assert "SECRET" not in repr(model) and "493817" not in repr(model)
    if cls is AccountCredentials:
        assert "totp_seed" in model.extra and "'S'" not in repr(model)
