"""The hand-written flows of ``credits``: what the spec's generator does not write.

Credits: ``client.credits``.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..._core import validation as check
from ..._types import NOT_GIVEN, NotGiven
from ...models._parse import item_parser
from ...models.credits import CreditTransaction
from ..pagination import AsyncPaginator
from ..resources._resource import AsyncResource

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions


class AsyncCreditsFlows(AsyncResource):
    """The special flows of ``AsyncCredits`` (its generated methods come from the spec)."""

    def history(
        self,
        *,
        date_from: dt.date | str | NotGiven = NOT_GIVEN,
        date_to: dt.date | str | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[CreditTransaction]:
        """Credit transactions, page by page (``listCreditTransactions``)."""
        query = {
            "date_from": check.iso_date("date_from", date_from) if check.given(date_from) else None,
            "date_to": check.iso_date("date_to", date_to) if check.given(date_to) else None,
        }
        return self._paginate(
            "listCreditTransactions",
            item_parser(CreditTransaction),
            query=query,
            per_page=per_page,
            **options,
        )
