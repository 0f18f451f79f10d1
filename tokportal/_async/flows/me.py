"""Hand-written flow of ``client.me`` (the rest is generated from the spec):
``update_settings`` sends a mapping whose field names API.md does not document.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..._core import validation as check
from ...models._parse import parse_model
from ...models.common import Result
from ..resources._resource import AsyncResource

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions


class AsyncMeFlows(AsyncResource):
    """The hand-written methods of ``client.me`` (the others are generated)."""

    async def update_settings(
        self, settings: Mapping[str, Any], **options: Unpack[RequestOptions]
    ) -> Result:
        """Update the workspace profile used as context by TokPortal's Operator
        (``updateCurrentUserSettings``).

        The API documents the purpose (website, company name, niche, organic strategy) but
        not the field names, so ``settings`` is sent as given.
        """
        return parse_model(
            await self._request(
                "updateCurrentUserSettings", body=check.mapping("settings", settings), **options
            ),
            Result,
            whole_body=True,
        )
