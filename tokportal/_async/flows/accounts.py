"""Hand-written flows of ``client.accounts`` (the rest is generated from the spec):
``update_commenting_profile`` sends a mapping whose field names API.md does not document.
Credential reveal and verification codes (the 428 consent flow) live in ``consent.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..._core import validation_accounts as rules
from ..._core.requests import path_arg
from ...models._parse import parse_model
from ...models.common import Result
from .consent import AsyncAccountConsentMixin

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions


class AsyncAccountsFlows(AsyncAccountConsentMixin):
    """The hand-written methods of ``client.accounts`` (the others are generated)."""

    async def update_commenting_profile(
        self, account_id: str, settings: Mapping[str, Any], **options: Unpack[RequestOptions]
    ) -> Result:
        """Update the settings the Comments product uses for this account
        (``updateAccountCommentingProfile``).

        The API does not document the field names, so ``settings`` is sent as given.
        """
        response = await self._request(
            "updateAccountCommentingProfile",
            path_params={"id": path_arg("account_id", account_id)},
            body=rules.settings_mapping(settings),
            rule=rules.check_commenting_settings,
            **options,
        )
        return parse_model(response, Result, whole_body=True)
