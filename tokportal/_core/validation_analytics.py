"""Cross-field rules of the webhook-endpoint operations (API.md §1.12). Hand-written.

Every per-field rule of the analytics and webhook operations (repeatable filters, date
bounds, counts, flags, HTTPS URLs, event lists) is the spec's, run from the generated field
table (``tokportal._core.fields``) before any rule here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .fields import at_least_one


def check_endpoint_update(body: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``updateWebhookEndpoint``: at least one field (``has_extra``: the caller sends one
    through ``extra_body``)."""
    return at_least_one("updateWebhookEndpoint", body, has_extra=has_extra)
