"""The exception hierarchy, and the one table from HTTP status to exception class.

Every error the SDK raises is a :class:`TokPortalError`. Errors from the API carry what a user
needs to reconcile after a failure: the machine ``code``, the ``request_id`` to quote to support
and the ``idempotency_key`` that was sent (so a write can be retried without a second charge).
Messages never contain the API key, webhook secrets or presigned URLs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar

import httpx

from ._error_base import TokPortalError, _ReprFields

if TYPE_CHECKING:
    from .models._consent_quote import ConsentQuote

__all__ = [
    "APIConnectionError",
    "APIError",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "ConsentRequiredError",
    "InsufficientCreditsError",
    "InternalServerError",
    "InvalidRequestError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "TokPortalError",
    "UnprocessableEntityError",
    "UploadConnectionError",
    "UploadError",
    "UploadRewindError",
    "UploadStatusError",
    "UploadTimeoutError",
    "WebhookSignatureError",
    "error_class_for_status",
]


class InvalidRequestError(TokPortalError, ValueError):
    """A call refused locally, before any byte was sent (so nothing was charged)."""

    # Not the value: it is in the message, cut short, when it is safe to show.
    _repr_fields: ClassVar[_ReprFields] = (("field", "field"), ("message", "message"))

    def __init__(self, message: str, *, field: str | None = None, value: Any = None) -> None:
        super().__init__(message)
        self.field = field
        self.value = value


class WebhookSignatureError(TokPortalError):
    """A webhook delivery whose signature, timestamp or payload cannot be trusted."""


class APIError(TokPortalError):
    """An error that involved the API: a response, or a failure to get one.

    ``request`` is a copy of the request that failed with the API key masked (``[secure]``);
    the one sent carried the real key.
    """

    def __init__(self, message: str, *, request: httpx.Request | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.request = request


class APIConnectionError(APIError):
    """The request could not be sent or no response came back."""

    _repr_fields: ClassVar[_ReprFields] = (
        ("message", "message"),
        ("idempotency_key", "idempotency_key"),
    )

    def __init__(
        self,
        message: str = "Connection error.",
        *,
        request: httpx.Request | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        super().__init__(message, request=request)
        self.idempotency_key = idempotency_key


class APITimeoutError(APIConnectionError):
    """The request timed out. A write may or may not have run on the server."""

    def __init__(
        self,
        message: str = "Request timed out.",
        *,
        request: httpx.Request | None = None,
        idempotency_key: str | None = None,
    ) -> None:
        super().__init__(message, request=request, idempotency_key=idempotency_key)


class APIResponseValidationError(APIError):
    """The API answered with a body this SDK could not read (not the documented JSON, a
    broken compression, a value of the wrong shape); ``field`` names a missing documented
    field when that is the reason.

    A write may have run: repeat it with ``idempotency_key`` to get the stored result
    instead of running it twice.
    """

    _repr_fields: ClassVar[_ReprFields] = (
        ("operation", "operation_id"),
        ("field", "field"),
        ("status", "status_code"),
        ("message", "message"),
        ("request_id", "request_id"),
        ("idempotency_key", "idempotency_key"),
    )

    def __init__(
        self,
        message: str,
        *,
        status_code: int,
        body: Any = None,
        operation_id: str | None = None,
        field: str | None = None,
        request_id: str | None = None,
        idempotency_key: str | None = None,
        headers: httpx.Headers | None = None,
        request: httpx.Request | None = None,
    ) -> None:
        super().__init__(message, request=request)
        self.status_code = status_code
        self.body = body
        self.operation_id = operation_id
        self.field = field
        self.request_id = request_id
        self.idempotency_key = idempotency_key
        self.headers = headers if headers is not None else httpx.Headers()


class APIStatusError(APIError):
    """The API answered with a 4xx or 5xx status."""

    _repr_fields: ClassVar[_ReprFields] = (
        ("code", "code"),
        ("status", "status_code"),
        ("message", "message"),
        ("request_id", "request_id"),
        ("idempotency_key", "idempotency_key"),
    )

    def __init__(
        self,
        *,
        status_code: int,
        code: str | None,
        message: str,
        details: Mapping[str, Any] | None = None,
        request_id: str | None = None,
        headers: httpx.Headers | None = None,
        body: Any = None,
        idempotency_key: str | None = None,
        request: httpx.Request | None = None,
    ) -> None:
        self.status_code = status_code
        self.code = code
        self.details: Mapping[str, Any] = details or {}
        self.request_id = request_id
        self.headers = headers if headers is not None else httpx.Headers()
        self.body = body
        self.idempotency_key = idempotency_key
        super().__init__(message, request=request)
        self.message = message

    def __str__(self) -> str:
        code = self.code or f"HTTP_{self.status_code}"
        request_id = self.request_id or "unknown"
        return f"{code} ({self.status_code}): {self.message} [request_id={request_id}]"


class BadRequestError(APIStatusError):
    """400: the API refused the input (``VALIDATION_ERROR`` and friends)."""


class AuthenticationError(APIStatusError):
    """401: missing, invalid or revoked API key."""


class InsufficientCreditsError(APIStatusError):
    """402: the balance is too low; ``details`` has ``required``, ``available``, ``missing``."""


class PermissionDeniedError(APIStatusError):
    """403: the resource belongs to someone else, or the key's scope forbids the call."""


class NotFoundError(APIStatusError):
    """404."""


class ConflictError(APIStatusError):
    """409: a business or state conflict; never retried automatically."""

    @property
    def consent_quote(self) -> ConsentQuote | None:
        """For ``CREDENTIAL_REVEAL_QUOTE_CHANGED`` (nothing was charged): the new terms, to
        show a person and get fresh consent for; None for other conflicts."""
        if self.code != "CREDENTIAL_REVEAL_QUOTE_CHANGED":
            return None
        from .models._consent_quote import consent_quote_from

        return consent_quote_from(self.details)


class UnprocessableEntityError(APIStatusError):
    """422."""


class ConsentRequiredError(APIStatusError):
    """428: a person must accept the disclosed policy before the call can go through.

    Repeat the call with ``acknowledge_support_forfeit=True`` and ``policy_version`` set to
    ``policy_version`` once the disclosure (``details``) has been shown and accepted.
    """

    @property
    def policy_version(self) -> str | None:
        """The policy version to send back with ``acknowledge_support_forfeit=True``."""
        value = self.details.get("policy_version")
        return value if isinstance(value, str) else None

    @property
    def consent_quote(self) -> ConsentQuote:
        """The terms to show: policy version, price, consequences (from ``details``)."""
        from .models._consent_quote import consent_quote_from

        return consent_quote_from(self.details)

    @property
    def expected_credit_cost(self) -> int | None:
        """Credits the accepted call will charge, when the API said."""
        return self.consent_quote.expected_credit_cost

    @property
    def disclosure(self) -> str:
        """The disclosure to show a person before they accept (falls back to the message)."""
        return self.consent_quote.disclosure_text or self.message


class RateLimitError(APIStatusError):
    """429: the key's rate limit or the workspace's capacity (``capacity_cooldown``)."""

    _repr_fields: ClassVar[_ReprFields] = (
        *APIStatusError._repr_fields,
        ("retry_after", "retry_after"),
    )

    def __init__(self, *, retry_after: float | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.retry_after = retry_after

    @property
    def is_capacity_cooldown(self) -> bool:
        """A workspace-wide capacity window: wait, then send the same batch again."""
        return (self.code or "").lower() == "capacity_cooldown"


class InternalServerError(APIStatusError):
    """5xx."""


class UploadError(APIError):
    """The PUT of a presigned upload failed. Never carries the presigned URL."""


class UploadStatusError(UploadError, APIStatusError):
    """The storage answered the presigned PUT with an error status (``code`` is the
    storage's error code when it gave one, e.g. ``SignatureDoesNotMatch``)."""


class UploadConnectionError(UploadError, APIConnectionError):
    """The presigned PUT got no response."""


class UploadTimeoutError(UploadConnectionError, APITimeoutError):
    """The presigned PUT timed out."""


class UploadRewindError(TokPortalError):
    """A stream that cannot seek back was asked to be sent a second time."""


_STATUS_CLASSES: Mapping[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    402: InsufficientCreditsError,
    403: PermissionDeniedError,
    404: NotFoundError,
    409: ConflictError,
    422: UnprocessableEntityError,
    428: ConsentRequiredError,
    429: RateLimitError,
}


def error_class_for_status(status_code: int) -> type[APIStatusError]:
    """The one place that maps an HTTP status to an exception class."""
    if status_code >= 500:
        return InternalServerError
    return _STATUS_CLASSES.get(status_code, APIStatusError)
