# Generated from tokportal/_async/presigned.py by scripts/generate_sync.py; do not edit.
"""The PUT of a presigned upload: straight to storage, without any TokPortal header.

The presigned URL is a capability (whoever holds it can write): it appears in no log record,
no error message and no exception chain.

Kept out of logs without touching logging: the PUT is sent past the http_client, straight
to the transport it picks for the storage URL (``_io.direct``), so httpx's "HTTP Request:"
line and the client's event hooks never see it. httpcore's DEBUG traces still run: they
name the method, the storage host and port and the response headers, never the path or the
query (the signature). No filter is installed on any logger.
"""

from __future__ import annotations

import logging
import re

import httpx

from .. import _telemetry
from .._core.events import EXTENSION, AttemptInfo
from .._io.bodies import SourceChunks, UploadBody
from .._io.direct import DirectSender
from .._io.files import UploadSource
from .._types import TimeoutTypes
from ..errors import UploadConnectionError, UploadError, UploadStatusError, UploadTimeoutError
from ..models.uploads import PresignedUpload
from .transport import Transport

logger = logging.getLogger("tokportal")

PRESIGNED_PUT = AttemptInfo(
    operation_id="presignedUpload", url_template="", resend_count=0, presigned=True
)
_STORAGE_CODE = re.compile(rb"<Code>([A-Za-z]{1,64})</Code>")


def _put_failure_status(response: httpx.Response, content: bytes) -> UploadStatusError:
    match = _STORAGE_CODE.search(content[:4096])
    code = match.group(1).decode() if match else None
    return UploadStatusError(
        status_code=response.status_code,
        code=code or "PRESIGNED_UPLOAD_FAILED",
        message=f"the presigned upload PUT failed with HTTP {response.status_code}",
        request_id=response.headers.get("x-amz-request-id"),
    )


def _error_body(response: httpx.Response) -> bytes:
    """A failed PUT's body, for the storage's error code; a body that cannot be read or
    decoded gives none (the status says enough)."""
    try:
        return response.read()
    except Exception:
        return b""


def put_presigned(
    transport: Transport,
    presigned: PresignedUpload,
    source: UploadSource,
    *,
    content_type: str,
    timeout: TimeoutTypes,
) -> None:
    """PUT the source's bytes to the presigned URL: only Content-Type and Content-Length,
    no TokPortal header, no client auth; the URL appears in no log record and no error."""
    tracer = _telemetry.current()
    if tracer is None:
        _put_presigned(transport, presigned, source, content_type=content_type, timeout=timeout)
        return
    # Traced as a call of its own (``tokportal presignedUpload``), so the PUT's span has
    # a parent that says what it was; nothing of the URL goes on either.
    with tracer.start(
        operation_id="presignedUpload",
        method="PUT",
        path_template="",
        idempotency_key=None,
        dry_run=False,
    ):
        _put_presigned(transport, presigned, source, content_type=content_type, timeout=timeout)


def _put_presigned(
    transport: Transport,
    presigned: PresignedUpload,
    source: UploadSource,
    *,
    content_type: str,
    timeout: TimeoutTypes,
) -> None:
    url = presigned.upload_url
    if not url:
        raise UploadError("the presigned upload response had no upload_url")
    try:
        target = httpx.URL(url)
    except (httpx.InvalidURL, TypeError, ValueError):
        target = None
    if target is None or target.scheme not in ("http", "https") or not target.host:
        # No detail from the parser: its message can quote the URL.
        raise UploadError("the presigned upload_url is not an absolute http(s) URL")
    request = httpx.Request(
        "PUT",
        target,
        headers={
            "Host": target.netloc.decode("ascii"),
            "Content-Type": content_type,
            "Content-Length": str(source.size),
        },
        stream=UploadBody(SourceChunks(source), [source]),
        extensions={
            "timeout": httpx.Timeout(timeout).as_dict(),
            # Tells tracing (tokportal.otel) to keep only the storage host of this URL.
            EXTENSION: PRESIGNED_PUT,
        },
    )
    failure: type[UploadConnectionError] | None = None
    detail = ""
    try:
        # Never a redirect, whatever the http_client says: the capability stays with the
        # storage host it was minted for. The body of a success is never read.
        response = DirectSender(transport.http_client).send(request)
    except httpx.RequestError as exc:
        # Only the class name: httpx's message or request could carry the URL (a
        # DecodingError of the storage's answer carries it as well).
        timed_out = isinstance(exc, httpx.TimeoutException)
        failure = UploadTimeoutError if timed_out else UploadConnectionError
        detail = type(exc).__name__
    except Exception as exc:  # not cancellation (a BaseException): it propagates
        failure = UploadConnectionError
        detail = type(exc).__name__
    # Raised here, outside the except block, so no __context__ links to httpx's error.
    if failure is not None:
        logger.debug("PUT <presigned upload> -> no response (%s)", detail)
        raise failure(f"the presigned upload PUT got no response ({detail})")
    try:
        logger.debug("PUT <presigned upload> -> %s", response.status_code)
        if response.status_code >= 300:
            content = _error_body(response)
            raise _put_failure_status(response, content) from None
    finally:
        response.close()
