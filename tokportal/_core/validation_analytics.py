"""Cross-field rules of the webhook-endpoint operations (API.md §1.12). Hand-written.

Every per-field rule of the analytics and webhook operations (repeatable filters, date
bounds, counts, flags, HTTPS URLs, event lists) is the spec's, run from the generated field
table (``tokportal._core.fields``) before any rule here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .validation import refuse

ENDPOINT_FIELDS = ("url", "events", "description", "enabled")


def check_endpoint_update(body: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``updateWebhookEndpoint``: at least one field (``has_extra``: the caller sends one
    through ``extra_body``)."""
    if not body and not has_extra:
        raise refuse("url", None, "give at least one of " + ", ".join(ENDPOINT_FIELDS))
    return dict(body)
