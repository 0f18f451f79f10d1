"""tokportal: the typed, asyncio-first Python SDK for the TokPortal API.

``AsyncTokPortal`` is the async client; ``TokPortal`` is its blocking twin (generated from
the async source). Both read the key from ``TOKPORTAL_API_KEY`` unless given ``api_key``.
"""

from __future__ import annotations

from . import models, webhooks
from ._async.client import AsyncTokPortal
from ._async.pagination import AsyncPaginator
from ._core.pagination import Page
from ._core.response import APIResponse, RateLimitInfo
from ._operations import OPERATIONS, Operation
from ._sync.client import TokPortal
from ._sync.pagination import Paginator
from ._types import NOT_GIVEN, NotGiven, RequestOptions
from ._version import __version__
from .errors import (
    APIConnectionError,
    APIError,
    APIResponseValidationError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConflictError,
    ConsentRequiredError,
    InsufficientCreditsError,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    TokPortalError,
    UnprocessableEntityError,
    UploadConnectionError,
    UploadError,
    UploadRewindError,
    UploadStatusError,
    UploadTimeoutError,
    WebhookSignatureError,
)

__all__ = [
    "NOT_GIVEN",
    "OPERATIONS",
    "APIConnectionError",
    "APIError",
    "APIResponse",
    "APIResponseValidationError",
    "APIStatusError",
    "APITimeoutError",
    "AsyncPaginator",
    "AsyncTokPortal",
    "AuthenticationError",
    "BadRequestError",
    "ConflictError",
    "ConsentRequiredError",
    "InsufficientCreditsError",
    "InternalServerError",
    "InvalidRequestError",
    "NotFoundError",
    "NotGiven",
    "Operation",
    "Page",
    "Paginator",
    "PermissionDeniedError",
    "RateLimitError",
    "RateLimitInfo",
    "RequestOptions",
    "TokPortal",
    "TokPortalError",
    "UnprocessableEntityError",
    "UploadConnectionError",
    "UploadError",
    "UploadRewindError",
    "UploadStatusError",
    "UploadTimeoutError",
    "WebhookSignatureError",
    "__version__",
    "models",
    "webhooks",
]
