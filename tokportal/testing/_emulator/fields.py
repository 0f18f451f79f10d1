"""The emulator reads request fields through the client's own field checks.

``tokportal._core.fields`` interprets the field table generated from the spec; here its
refusal becomes the API's answer: ``400`` with the field's error code (``VALIDATION_ERROR``
unless the spec names another, e.g. ``ADVANCED_WARMING_TERMS``) and ``details.field``.
Handlers keep only what the table cannot say: state, credits, cross-field rules.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..._core.fields import Refusal, check_wire
from .http import ApiError


def check_fields(
    operation_id: str, query: Sequence[tuple[str, str]], body: Any, *, where: str = ""
) -> None:
    """Refuse, as the API would, a request whose fields break their documented rules
    (``where``: the prefix of an item checked like a whole request, ``videos[2].``)."""
    try:
        check_wire(operation_id, query=query, body=body, where=where)
    except Refusal as refusal:
        raise ApiError(
            400,
            refusal.code,
            f"{refusal.field}: {refusal.rule}",
            {"field": refusal.field, "reason": refusal.rule},
        ) from None
