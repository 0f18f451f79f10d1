"""``repr()`` of every error class, the masking helper, and proof that the secret walker
(tests/secret_walk.py, run on every error the suite makes) does catch a leak."""

from __future__ import annotations

import hashlib
import hmac
import inspect
import json
import time
from typing import Any

import httpx
import pytest

from tests.helpers import API_KEY
from tests.secret_walk import find_secrets
from tokportal import errors, models  # noqa: F401  (webhooks imported first trips an import cycle)
from tokportal._core.redact import MASK, mask_exception, masked_request
from tokportal.errors import TokPortalError
from tokportal.webhooks import construct_event

WEBHOOK_SECRET = "whsec_" + "Q7" * 16
STATUS = {
    "status_code": 404,
    "code": "BUNDLE_NOT_FOUND",
    "message": "Bundle not found.",
    "request_id": "req_42",
    "idempotency_key": "idem-7",
}
STATUS_REPR = (
    "code='BUNDLE_NOT_FOUND', status=404, message='Bundle not found.', request_id='req_42', "
    "idempotency_key='idem-7'"
)

# One instance of every error class, and the repr it must have.
SAMPLES: list[tuple[TokPortalError, str]] = [
    (TokPortalError("boom"), "TokPortalError(message='boom')"),
    (
        errors.InvalidRequestError("title: too long", field="title", value="x" * 9),
        "InvalidRequestError(field='title', message='title: too long')",
    ),
    (errors.WebhookSignatureError("no match"), "WebhookSignatureError(message='no match')"),
    (errors.APIError("odd"), "APIError(message='odd')"),
    (
        errors.APIConnectionError("reset", idempotency_key="k1"),
        "APIConnectionError(message='reset', idempotency_key='k1')",
    ),
    (errors.APITimeoutError(), "APITimeoutError(message='Request timed out.')"),
    (
        errors.APIResponseValidationError("not JSON", status_code=200),
        "APIResponseValidationError(status=200, message='not JSON')",
    ),
    (
        errors.RateLimitError(retry_after=1.5, **{**STATUS, "status_code": 429}),
        f"RateLimitError({STATUS_REPR.replace('404', '429')}, retry_after=1.5)",
    ),
    (errors.UploadError("no upload_url"), "UploadError(message='no upload_url')"),
    (
        errors.UploadConnectionError("no response (ConnectError)"),
        "UploadConnectionError(message='no response (ConnectError)')",
    ),
    (
        errors.UploadTimeoutError("no response (WriteTimeout)"),
        "UploadTimeoutError(message='no response (WriteTimeout)')",
    ),
    (errors.UploadRewindError("cannot seek"), "UploadRewindError(message='cannot seek')"),
    (
        errors.APIStatusError(**{**STATUS, "code": None, "request_id": None}),
        "APIStatusError(status=404, message='Bundle not found.', idempotency_key='idem-7')",
    ),
]
for _cls in (
    errors.APIStatusError,
    errors.BadRequestError,
    errors.AuthenticationError,
    errors.InsufficientCreditsError,
    errors.PermissionDeniedError,
    errors.NotFoundError,
    errors.ConflictError,
    errors.UnprocessableEntityError,
    errors.ConsentRequiredError,
    errors.InternalServerError,
    errors.UploadStatusError,
):
    SAMPLES.append((_cls(**STATUS), f"{_cls.__name__}({STATUS_REPR})"))


def test_every_error_class_is_sampled() -> None:
    classes = {
        obj
        for obj in vars(errors).values()
        if inspect.isclass(obj) and issubclass(obj, TokPortalError)
    }
    assert {type(exc) for exc, _ in SAMPLES} == classes


@pytest.mark.parametrize(("exc", "expected"), SAMPLES, ids=lambda v: type(v).__name__)
def test_repr_shows_class_code_status_message_and_ids(exc: TokPortalError, expected: str) -> None:
    assert repr(exc) == expected
    assert find_secrets(exc, needles=(API_KEY,)) == []


def test_str_stays_the_readable_message() -> None:
    exc = errors.NotFoundError(**STATUS)
    assert str(exc) == "BUNDLE_NOT_FOUND (404): Bundle not found. [request_id=req_42]"
    assert str(errors.InvalidRequestError("title: too long", field="title")) == "title: too long"


def wire_request() -> httpx.Request:
    return httpx.Request(
        "POST",
        "https://app.tokportal.com/api/ext/bundles",
        headers={"X-API-Key": API_KEY, "Idempotency-Key": "idem-7"},
        json={"title": "Spring"},
    )


def leaky_error() -> errors.APIConnectionError:
    """What the transport would raise if it forgot to mask: httpx's error, with the request
    that went over the wire, chained from ours."""
    try:
        raise httpx.ConnectError("connection refused", request=wire_request())
    except httpx.ConnectError as exc:
        try:
            raise errors.APIConnectionError("createBundle failed") from exc
        except errors.APIConnectionError as ours:
            return ours


def test_the_walker_catches_a_key_on_a_chained_httpx_request(
    tokportal_errors_made: list[TokPortalError],
) -> None:
    leaky = leaky_error()
    hits = find_secrets(leaky, needles=(API_KEY,))
    tokportal_errors_made.clear()  # made leaky on purpose: not for the suite-wide check
    assert any(hit.startswith("exc.__cause__._request.headers['x-api-key'] -> ") for hit in hits)
    assert any(hit.startswith("repr(exc.__cause__._request.headers)") for hit in hits)


@pytest.mark.parametrize(
    "hide",
    [
        lambda exc: setattr(exc, "details", {"nested": [{"key": API_KEY}]}),
        lambda exc: setattr(exc, "body", API_KEY.encode()),
        lambda exc: setattr(exc, "__notes__", [f"sent with {API_KEY}"]),  # add_note on 3.11+
        lambda exc: setattr(exc, "__context__", ValueError(API_KEY)),
        lambda exc: setattr(
            exc, "response", httpx.Response(500, request=wire_request(), content=b"{}")
        ),
        lambda exc: setattr(exc, "args", ("x", API_KEY)),
    ],
    ids=["details", "body", "note", "context", "response", "args"],
)
def test_the_walker_finds_a_key_wherever_it_hides(
    hide: Any, tokportal_errors_made: list[TokPortalError]
) -> None:
    exc = errors.APIStatusError(**STATUS)
    assert find_secrets(exc, needles=(API_KEY,)) == []
    hide(exc)
    hits = find_secrets(exc, needles=(API_KEY,))
    tokportal_errors_made.clear()
    assert hits, "the walker missed a planted key"


def test_the_walker_finds_secrets_by_shape_without_being_told() -> None:
    signed = "https://r2.example/v.mp4?X-Amz-Signature=0123456789abcdef"
    lower = signed.lower()  # the signature's name in any case
    stored = "http://127.0.0.1:1/_emulator/storage/AbCdEf0123456789xyz"
    for planted in (API_KEY, WEBHOOK_SECRET, signed, lower, stored):
        assert find_secrets(ValueError(planted)), planted
    assert find_secrets(ValueError("sk_short, whsec_x, X-Amz-Signature=")) == []


def test_masking_a_leaky_error_cleans_every_link_and_keeps_the_wire_request() -> None:
    leaky = leaky_error()
    cause = leaky.__cause__
    assert isinstance(cause, httpx.ConnectError)
    sent = cause.request

    mask_exception(leaky)

    assert find_secrets(leaky, needles=(API_KEY,)) == []
    assert sent.headers["X-API-Key"] == API_KEY  # the object that went over the wire
    assert cause.request is not sent
    assert leaky.request is cause.request  # ours now says which request failed
    assert leaky.request.headers["X-API-Key"] == MASK
    assert leaky.request.headers["Idempotency-Key"] == "idem-7"
    assert leaky.request.content == sent.content
    assert json.loads(sent.content) == {"title": "Spring"}  # spacing differs by httpx version
    assert (leaky.request.method, leaky.request.url) == (sent.method, sent.url)


def test_a_masked_copy_shares_an_unread_stream_instead_of_consuming_it() -> None:
    chunks = iter([b"part-1", b"part-2"])
    request = httpx.Request(
        "POST", "https://app.tokportal.com/x", headers={"X-API-Key": API_KEY}, content=chunks
    )
    copy = masked_request(request)
    assert copy.stream is request.stream
    assert copy.headers["X-API-Key"] == MASK
    assert copy.headers["Transfer-Encoding"] == "chunked"
    assert masked_request(copy) is copy  # nothing left to mask


def test_a_bad_webhook_signature_error_shows_no_secret() -> None:
    body = b'{"id":"evt_1","type":"bundle.created","data":{}}'
    now = int(time.time())
    wrong = hmac.new(b"whsec_other", f"{now}.".encode() + body, hashlib.sha256).hexdigest()
    with pytest.raises(errors.WebhookSignatureError) as info:
        construct_event(body, {"TokPortal-Signature": f"t={now},v1={wrong}"}, WEBHOOK_SECRET)
    assert repr(info.value).startswith("WebhookSignatureError(message=")
    assert find_secrets(info.value, needles=(WEBHOOK_SECRET, wrong)) == []
