"""Wire cases: one per operation, each a typed call and what it must send.

The tables are data, written once for both clients; the runner is
``tests/_async/test_wire.py`` and its generated sync twin. Together the tables cover all 91
operations (``tests/test_operations.py`` checks, on each runner).
"""

from __future__ import annotations

from . import accounts, analytics, bundles, consent, foundation, uploads, webhooks
from .case import WireCase, answer

WIRE_CASES: list[WireCase] = [
    *foundation.WIRE_CASES,
    *bundles.WIRE_CASES,
    *accounts.WIRE_CASES,
    *analytics.WIRE_CASES,
    *webhooks.WIRE_CASES,
    *uploads.WIRE_CASES,
    *consent.WIRE_CASES,
]

__all__ = ["WIRE_CASES", "WireCase", "answer"]
