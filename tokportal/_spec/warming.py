"""The warming operations (API.md)."""

from __future__ import annotations

from ._schema import Field, Operation, PathParam
from ._shared import warming_terms

OPERATIONS = (
    Operation(
        id="rewarmAccount",
        method="warming.rewarm",
        returns="RewarmResult",
        envelope="whole",
        doc="Start a warming session on a delivered account now; **paid** per term\n(``rewarmAccount``).\n\nNeeds active Coverage and no running session. Pass ``dry_run=True`` for the price.",
        path=(PathParam("id", "account_id"),),
        positional=("search_terms",),
        body=(
            warming_terms(
                "search_terms",
                required=True,
                doc="The search terms of the new session, 5 credits each.",
            ),
        ),
    ),
    Operation(
        id="configureBundleWarmingTerms",
        method="warming.configure_terms",
        returns="Result",
        envelope="whole",
        doc="Write the niche targets of a count-only purchase, once; exactly the purchased\ncount (``configureBundleWarmingTerms``).",
        path=(PathParam("id", "bundle_id"),),
        positional=("terms",),
        body=(
            warming_terms(
                python="terms",
                required=True,
                doc="The niche search terms, exactly as many as were bought; written once.",
            ),
        ),
    ),
    Operation(
        id="listAccountWarmingSessions",
        method="warming.list_sessions",
        returns="ModelList[WarmingSession]",
        envelope="list:sessions",
        doc="Every warming session of a delivered account (``listAccountWarmingSessions``).",
        path=(PathParam("id", "account_id"),),
    ),
    Operation(
        id="getWarmingSession",
        method="warming.get_session",
        returns="WarmingSession",
        envelope="data",
        doc="One warming session with its per-term reports (``getWarmingSession``).",
        path=(PathParam("id", "session_id"),),
    ),
    Operation(
        id="generateWarmingTerms",
        method="warming.generate_terms",
        returns="GeneratedTerms",
        envelope="data",
        flow="hand",
        doc="Suggest search terms for a niche description, in its language; free\n(``generateWarmingTerms``).",
        body=(
            Field(
                "text",
                "str",
                "str",
                required=True,
                not_blank=True,
                doc="A description of the niche; the terms come back in its language.",
            ),
            Field(
                "platform",
                "choice",
                "Platform | str",
                choices=("tiktok", "instagram"),
                doc="The platform the terms are for.",
            ),
            Field(
                "count",
                "int",
                "int",
                minimum=3,
                maximum=30,
                multiple_of=3,
                doc="How many terms to suggest.",
            ),
        ),
        # the hand-written flow calls ['rules.check_generate_terms']
    ),
)
