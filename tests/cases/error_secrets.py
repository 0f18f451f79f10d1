"""Tables and payloads of ``tests/_async/test_error_secrets.py``, written once for it and its
generated sync twin."""

from __future__ import annotations

import httpx

from tokportal import (
    APIStatusError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    InsufficientCreditsError,
    InternalServerError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    UnprocessableEntityError,
    UploadConnectionError,
    UploadStatusError,
    UploadTimeoutError,
)

SIGNATURE = "5ec7e75160a7c4e0ffee0123456789ab"

UPLOAD_URL = (
    "https://acct.r2.cloudflarestorage.com/videos/b1/clip.mp4"
    f"?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Expires=900&X-Amz-Signature={SIGNATURE}"
)

STATUS_CASES = [
    (400, "VALIDATION_ERROR", BadRequestError),
    (401, "AUTH_INVALID_KEY", AuthenticationError),
    (402, "INSUFFICIENT_CREDITS", InsufficientCreditsError),
    (403, "BUNDLE_NOT_OWNED", PermissionDeniedError),
    (404, "BUNDLE_NOT_FOUND", NotFoundError),
    (409, "BUNDLE_INVALID_STATUS", ConflictError),
    (418, "TEAPOT", APIStatusError),
    (422, "UNPROCESSABLE", UnprocessableEntityError),
    (429, "RATE_LIMIT_EXCEEDED", RateLimitError),
    (500, "INTERNAL_ERROR", InternalServerError),
]

# What storage answers the PUT; a response is built per run (a factory), since both runners
# share this table and a response handed to one client is spent.
UPLOAD_ERRORS = [
    (
        lambda: httpx.Response(
            403,
            content=b"<Error><Code>SignatureDoesNotMatch</Code></Error>",
            headers={"x-amz-request-id": "amz-1"},
        ),
        UploadStatusError,
    ),
    (httpx.ConnectError(f"cannot reach {UPLOAD_URL}"), UploadConnectionError),
    (httpx.WriteTimeout(f"writing to {UPLOAD_URL}"), UploadTimeoutError),
    # An error answer httpx cannot decode: its DecodingError carries the request, URL and
    # all. (A 2xx's body is never read: storage that says 200 is trusted.)
    (
        lambda: httpx.Response(
            403,
            headers={"Content-Encoding": "gzip", "x-amz-request-id": "amz-2"},
            stream=httpx.ByteStream(b"not gzip"),
        ),
        UploadStatusError,
    ),
]
