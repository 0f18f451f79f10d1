"""What a call returns besides its model: the response metadata (a leaf: pure values).

Apart from :mod:`tokportal._core.response` (which reads responses) so that the models can
carry an :class:`APIResponse` without importing the error table, the retry policy and the
operations behind it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import attrs
import httpx


@attrs.frozen(kw_only=True)
class RateLimitInfo:
    """The key's token bucket as the server reported it."""

    limit: int | None
    remaining: int | None
    reset: int | None  # Unix seconds when the bucket is expected to be full again


@attrs.frozen(kw_only=True)
class APIResponse:
    """One response from the API, after any retries.

    ``body`` is the whole parsed JSON envelope (text for the CSV/HTML operations, None when
    empty); ``data`` is the envelope's ``data``.
    """

    operation_id: str
    status_code: int
    headers: httpx.Headers = attrs.field(repr=False)
    body: Any = attrs.field(repr=False)
    request_id: str | None
    api_version: str | None
    rate_limit: RateLimitInfo | None = attrs.field(repr=False)
    idempotency_key: str | None
    replayed: bool
    retries: int = 0

    @property
    def data(self) -> Any:
        """The envelope's ``data`` (``None`` when the body has none)."""
        if isinstance(self.body, Mapping):
            return self.body.get("data")
        return None

    @property
    def text(self) -> str | None:
        """The body of a text answer (CSV, HTML), else ``None``."""
        return self.body if isinstance(self.body, str) else None
