"""``POST /bundles/bulk``: the bundles of one atomic batch, typed."""

from __future__ import annotations

from collections.abc import Mapping

import attrs

from ._converter import converter
from ._parse import structure_from
from .bundles import BulkBundleResult, Bundle


@attrs.frozen(kw_only=True)
class BulkCreateResult(BulkBundleResult):
    """The batch (``accounts_count × len(platforms)`` bundles, or none) and what it cost.

    The exact shape of ``data`` is not documented: ``bundle_ids`` reads ``bundle_ids``
    or the ids of ``bundles``; :attr:`bundles` types ``bundles`` when the API sends them (else it is empty).
    """

    @property
    def bundles(self) -> list[Bundle]:
        """Raises ``APIResponseValidationError`` if a bundle lacks its ``id`` or ``status``."""
        items = (self.data or {}).get("bundles")
        if not isinstance(items, list):
            return []
        response = self._api_response
        if response is None:  # built by hand: no operation to name in an error
            return [converter.structure(b, Bundle) for b in items if isinstance(b, Mapping)]
        return [
            structure_from(response, b, Bundle, path=("data", "bundles", i))
            for i, b in enumerate(items)
            if isinstance(b, Mapping)
        ]
