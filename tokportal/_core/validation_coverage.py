"""Local checks for TokPortal Coverage (API.md §1.17, §2.6): a reactivation echoes the
current quote field for field (optimistic locking). See ``validation``'s docstring.
"""

from __future__ import annotations

from typing import Any

from .._types import NOT_GIVEN
from . import validation as check

EXPECTED = ("expected_credits", "expected_current_period_end", "expected_lock_version")


def reactivation_body(
    quote: Any, explicit: dict[str, Any], *, quote_type: type[Any]
) -> dict[str, Any]:
    """The reactivation body: the quote echoed field for field (or the three values), all
    three required.

    ``quote_type`` is ``models.coverage.ReactivationQuote``, passed in by the caller because
    the core does not import the models built on it."""
    given = [name for name in EXPECTED if explicit[name] is not NOT_GIVEN]
    if quote is not NOT_GIVEN:
        if given:
            raise check.refuse(given[0], explicit[given[0]], "give quote or the expected_* fields")
        if quote is None:
            raise check.refuse("quote", quote, "no reactivation quote: nothing to reactivate")
        if not isinstance(quote, quote_type):
            raise check.refuse("quote", quote, "must be a ReactivationQuote (coverage.get())")
        explicit = {
            "expected_credits": quote.credits,
            "expected_current_period_end": quote.current_period_end,
            "expected_lock_version": quote.lock_version,
        }
    for name in EXPECTED:
        if explicit[name] is NOT_GIVEN or explicit[name] is None:
            raise check.refuse(name, explicit[name], "is required: echo the reactivation quote")
    # Each value's own type is the field table's, checked as the body goes out.
    return explicit
