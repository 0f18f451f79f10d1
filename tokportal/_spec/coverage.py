"""The coverage operations (API.md)."""

from __future__ import annotations

from ._schema import Field, Operation, PathParam

OPERATIONS = (
    Operation(
        id="getAccountManagedSubscription",
        method="coverage.get",
        returns="CoverageSubscription",
        envelope="data",
        doc="The account's Coverage status and reactivation quote\n(``getAccountManagedSubscription``).",
        path=(PathParam("id", "account_id"),),
    ),
    Operation(
        id="reactivateAccountManagedSubscription",
        method="coverage.reactivate",
        returns="CoverageResult",
        envelope="whole",
        flow="hand",
        local=(
            Field(
                "quote",
                "any",
                "ReactivationQuote | None",
                nullable=True,
                doc="The ``reactivation_quote`` read from ``coverage.get()``; stands for the three ``expected_*`` values.",
            ),
        ),
        doc="Reactivate Coverage; **paid**: charges exactly the unpaid periods\n(``reactivateAccountManagedSubscription``).\n\nPass the quote of :meth:`get` (``quote=coverage.reactivation_quote``), or its three\nvalues as ``expected_*``, exactly as received: the API checks them against the\ncurrent quote (optimistic locking). A zero-credit quote still needs this call.",
        path=(PathParam("id", "account_id"),),
        body=(
            Field(
                "expected_credits", "int", "int", doc="The quote's ``credits``, echoed as received."
            ),
            Field(
                "expected_current_period_end",
                "str",
                "str",
                not_blank=True,
                doc="The quote's ``current_period_end``, echoed as received (ISO 8601).",
            ),
            Field(
                "expected_lock_version",
                "int",
                "int",
                doc="The quote's ``lock_version``, echoed as received.",
            ),
        ),
        # the hand-written flow calls ['rules.reactivation_body']
    ),
    Operation(
        id="cancelAccountManagedSubscription",
        method="coverage.cancel",
        returns="CoverageSubscription",
        envelope="data",
        doc="Pause Coverage: stops every task on the account, no refund\n(``cancelAccountManagedSubscription``).",
        path=(PathParam("id", "account_id"),),
    ),
)
