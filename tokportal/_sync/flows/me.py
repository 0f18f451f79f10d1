# Generated from tokportal/_async/flows/me.py by scripts/generate_sync.py; do not edit.
"""The hand-written flows of ``me``: what the spec's generator does not write.

The key owner: ``client.me``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..._core import validation as check
from ...models._parse import parse_model
from ...models.common import Result
from ..resources._resource import Resource

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions


class MeFlows(Resource):
    """The special flows of ``AsyncMe`` (its generated methods come from the spec)."""

    def update_settings(
        self, settings: Mapping[str, Any], **options: Unpack[RequestOptions]
    ) -> Result:
        """Update the workspace profile used as context by TokPortal's Operator
        (``updateCurrentUserSettings``).

        The API documents the purpose (website, company name, niche, organic strategy) but
        not the field names, so ``settings`` is sent as given.
        """
        return parse_model(
            self._request(
                "updateCurrentUserSettings", body=check.mapping("settings", settings), **options
            ),
            Result,
            whole_body=True,
        )
