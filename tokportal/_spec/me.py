"""The me operations (API.md)."""

from __future__ import annotations

from ._schema import Operation

OPERATIONS = (
    Operation(
        id="getCurrentUser",
        method="me.get",
        returns="User",
        envelope="data",
        doc="The key owner's profile and credit balance (``getCurrentUser``).\n\nA cheap way to check that a key works.",
    ),
    Operation(
        id="updateCurrentUserSettings",
        method="me.update_settings",
        returns="Result",
        envelope="whole",
        flow="hand",
        doc="Update the workspace profile used as context by TokPortal's Operator\n(``updateCurrentUserSettings``).\n\nThe API documents the purpose (website, company name, niche, organic strategy) but\nnot the field names, so ``settings`` is sent as given.",
        # the hand-written flow calls ['check.mapping']
    ),
)
