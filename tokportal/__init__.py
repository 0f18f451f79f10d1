"""tokportal: the typed, asyncio-first Python SDK for the TokPortal API.

``AsyncTokPortal`` is the async client; ``TokPortal`` is its blocking twin (generated from
the async source). Both read the key from ``TOKPORTAL_API_KEY`` unless given ``api_key``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ._version import __version__

if TYPE_CHECKING:
    from . import models, webhooks
    from ._async.client import AsyncTokPortal
    from ._async.pagination import AsyncPaginator
    from ._core.api_response import APIResponse, RateLimitInfo
    from ._core.events import AttemptEvent
    from ._core.pagination import Page
    from ._core.raw_response import RawResponse
    from ._operations import OPERATIONS, Operation
    from ._sync.client import TokPortal
    from ._sync.pagination import Paginator
    from ._types import NOT_GIVEN, NotGiven, RequestOptions
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

# Names are imported on first use (PEP 562): ``import tokportal`` stays cheap for code that
# needs one corner of it, such as the pytest plugin every test session of a user loads.
_LAZY: dict[str, str] = {
    "models": ".models",
    "webhooks": ".webhooks",
    "AsyncTokPortal": "._async.client",
    "AsyncPaginator": "._async.pagination",
    "Page": "._core.pagination",
    "APIResponse": "._core.api_response",
    "RateLimitInfo": "._core.api_response",
    "AttemptEvent": "._core.events",
    "RawResponse": "._core.raw_response",
    "OPERATIONS": "._operations",
    "Operation": "._operations",
    "TokPortal": "._sync.client",
    "Paginator": "._sync.pagination",
    "NOT_GIVEN": "._types",
    "NotGiven": "._types",
    "RequestOptions": "._types",
    "APIConnectionError": ".errors",
    "APIError": ".errors",
    "APIResponseValidationError": ".errors",
    "APIStatusError": ".errors",
    "APITimeoutError": ".errors",
    "AuthenticationError": ".errors",
    "BadRequestError": ".errors",
    "ConflictError": ".errors",
    "ConsentRequiredError": ".errors",
    "InsufficientCreditsError": ".errors",
    "InternalServerError": ".errors",
    "InvalidRequestError": ".errors",
    "NotFoundError": ".errors",
    "PermissionDeniedError": ".errors",
    "RateLimitError": ".errors",
    "TokPortalError": ".errors",
    "UnprocessableEntityError": ".errors",
    "UploadConnectionError": ".errors",
    "UploadError": ".errors",
    "UploadRewindError": ".errors",
    "UploadStatusError": ".errors",
    "UploadTimeoutError": ".errors",
    "WebhookSignatureError": ".errors",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'tokportal' has no attribute {name!r}")
    module = importlib.import_module(module_name, __name__)
    value = module if module_name == "." + name else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


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
    "AttemptEvent",
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
    "RawResponse",
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
