"""THE operations spec: every fact about an operation this SDK serves, written once.

Read by ``scripts/generate_spec.py`` (and by tests), never at run time. One module per
resource group; ``_schema`` says what an operation and a field are.
"""

from __future__ import annotations

from . import (
    accounts,
    ad_codes,
    analytics,
    bundles,
    comments,
    countries,
    coverage,
    credits,
    me,
    platforms,
    uploads,
    warming,
    webhooks,
)
from ._schema import Field, Operation, PathParam

OPERATIONS: tuple[Operation, ...] = (
    *me.OPERATIONS,
    *countries.OPERATIONS,
    *platforms.OPERATIONS,
    *credits.OPERATIONS,
    *bundles.OPERATIONS,
    *accounts.OPERATIONS,
    *coverage.OPERATIONS,
    *warming.OPERATIONS,
    *analytics.OPERATIONS,
    *webhooks.OPERATIONS,
    *uploads.OPERATIONS,
    *ad_codes.OPERATIONS,
    *comments.OPERATIONS,
)

__all__ = ["OPERATIONS", "Field", "Operation", "PathParam"]
