"""The credits operations (API.md)."""

from __future__ import annotations

from ._schema import Field, Operation
from ._shared import PER_PAGE

OPERATIONS = (
    Operation(
        id="getCreditCosts",
        method="credits.costs",
        returns="CreditCosts",
        envelope="data",
        doc="The live price list; read it before quoting (``getCreditCosts``).",
    ),
    Operation(
        id="getCreditBalance",
        method="credits.balance",
        returns="CreditBalance",
        envelope="data",
        doc="The workspace's credits (``getCreditBalance``).",
    ),
    Operation(
        id="listCreditTransactions",
        method="credits.history",
        returns="AsyncPaginator[CreditTransaction]",
        envelope="page",
        doc="Credit transactions, page by page (``listCreditTransactions``).",
        query=(
            Field("date_from", "date", "dt.date | str", doc="Only transactions from this day on."),
            Field("date_to", "date", "dt.date | str", doc="Only transactions up to this day."),
            PER_PAGE,
        ),
    ),
)
