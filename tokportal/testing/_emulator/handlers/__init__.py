"""The route table: operation id -> handler. Each resource module contributes its ``HANDLERS``."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..context import Ctx
from ..http import Reply
from . import (
    accounts,
    ad_codes,
    analytics,
    bundle_account,
    bundles,
    comments,
    coverage,
    me,
    uploads,
    videos,
    warming,
    webhooks,
)

Handler = Callable[[Ctx], Reply]

_MODULES = (
    me,
    bundles,
    bundle_account,
    videos,
    accounts,
    coverage,
    warming,
    analytics,
    webhooks,
    uploads,
    ad_codes,
    comments,
)


def _merge() -> dict[str, Handler]:
    table: dict[str, Handler] = {}
    for module in _MODULES:
        for operation_id, handler in module.HANDLERS.items():
            if operation_id in table:
                raise RuntimeError(f"two handlers for {operation_id}")
            table[operation_id] = handler
    return table


ROUTES: Mapping[str, Handler] = _merge()
