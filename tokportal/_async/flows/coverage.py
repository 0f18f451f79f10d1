"""Hand-written flow of ``client.coverage`` (the rest is generated from the spec):
``reactivate`` takes a quote object or its three values.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..._core import validation_coverage as rules
from ..._core.requests import path_arg
from ..._types import NOT_GIVEN, NotGiven
from ...models._parse import parse_model
from ...models.coverage import CoverageResult, ReactivationQuote
from ..resources._resource import AsyncResource

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions


class AsyncCoverageFlows(AsyncResource):
    """The hand-written methods of ``client.coverage`` (the others are generated)."""

    async def reactivate(
        self,
        account_id: str,
        *,
        quote: ReactivationQuote | None | NotGiven = NOT_GIVEN,
        expected_credits: int | NotGiven = NOT_GIVEN,
        expected_current_period_end: str | NotGiven = NOT_GIVEN,
        expected_lock_version: int | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> CoverageResult:
        """Reactivate Coverage; **paid**: charges exactly the unpaid periods
        (``reactivateAccountManagedSubscription``).

        Pass the quote of :meth:`get` (``quote=coverage.reactivation_quote``), or its three
        values as ``expected_*``, exactly as received: the API checks them against the
        current quote (optimistic locking). A zero-credit quote still needs this call.
        """
        body = rules.reactivation_body(
            quote,
            {
                "expected_credits": expected_credits,
                "expected_current_period_end": expected_current_period_end,
                "expected_lock_version": expected_lock_version,
            },
            quote_type=ReactivationQuote,
        )
        response = await self._request(
            "reactivateAccountManagedSubscription",
            path_params={"id": path_arg("account_id", account_id)},
            body=body,
            **options,
        )
        return parse_model(response, CoverageResult, whole_body=True)
