"""``POST /bundles/bulk``: the bundles of one atomic batch, typed."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ._converter import converter
from .bundles import BulkBundleResult, Bundle


@attrs.frozen(kw_only=True)
class BulkCreateResult(BulkBundleResult):
    """The batch (``accounts_count × len(platforms)`` bundles, or none) and what it cost.

    The exact shape of ``data`` is not documented: :attr:`bundle_ids` reads ``bundle_ids``
    or the ids of ``bundles``; :attr:`bundles` types ``bundles`` when the API sends them (else it is empty).
    """

    @property
    def bundles(self) -> list[Bundle]:
        items = (self.data or {}).get("bundles")
        if not isinstance(items, list):
            return []
        return [converter.structure(b, Bundle) for b in items if isinstance(b, Mapping)]
