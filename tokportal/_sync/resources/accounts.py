# Generated from tokportal/_async/resources/accounts.py by scripts/generate_sync.py; do not edit.
"""Delivered (saved) accounts: ``client.accounts``.

Credential reveal and verification codes (the 428 consent flow) live in ``consent.py``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..._core import validation as check
from ..._core import validation_accounts as rules
from ..._core.requests import path_arg
from ..._types import NOT_GIVEN, NotGiven
from ...models._enums import BundleStatus, Platform
from ...models._parse import item_parser, parse_model
from ...models.accounts import Account, AccountBan, BanResolutionKind, BanStatus, EditRequest
from ...models.bundles import Bundle
from ...models.common import Result
from ..pagination import Paginator
from ._resource import omit_not_given
from .consent import AccountConsentMixin

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions


class Accounts(AccountConsentMixin):
    """``client.accounts``: delivered accounts, their bans, edit requests and the consent flow."""

    def list(
        self,
        *,
        platform: Platform | str | NotGiven = NOT_GIVEN,
        country: str | NotGiven = NOT_GIVEN,
        banned: bool | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        **options: Unpack[RequestOptions],
    ) -> Paginator[Account]:
        """Delivered accounts, page by page; banned ones stay listed (``listAccounts``)."""
        query = omit_not_given({"platform": platform, "country": country, "banned": banned})
        return self._paginate(
            "listAccounts", item_parser(Account), query=query, per_page=per_page, **options
        )

    def list_bans(
        self,
        *,
        status: BanStatus | str | NotGiven = NOT_GIVEN,
        resolution: BanResolutionKind | str | NotGiven = NOT_GIVEN,
        account_id: str | NotGiven = NOT_GIVEN,
        since: dt.datetime | str | NotGiven = NOT_GIVEN,
        include_screenshots: bool | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        **options: Unpack[RequestOptions],
    ) -> Paginator[AccountBan]:
        """Ban reports and appeals, page by page (``listAccountBans``).

        Pass the highest ``updated_at`` seen as ``since`` to poll only what changed.
        """
        query = omit_not_given(
            {
                "status": status,
                "resolution": resolution,
                "account_id": account_id,
                "since": rules.since_text(since) if check.given(since) else NOT_GIVEN,
                "include_screenshots": include_screenshots,
            }
        )
        return self._paginate(
            "listAccountBans", item_parser(AccountBan), query=query, per_page=per_page, **options
        )

    def get(self, account_id: str, **options: Unpack[RequestOptions]) -> Account:
        """One delivered account, without secrets (``getAccount``)."""
        response = self._request(
            "getAccount", path_params={"id": path_arg("account_id", account_id)}, **options
        )
        return parse_model(response, Account)

    def update_commenting_profile(
        self, account_id: str, settings: Mapping[str, Any], **options: Unpack[RequestOptions]
    ) -> Result:
        """Update the settings the Comments product uses for this account
        (``updateAccountCommentingProfile``).

        The API does not document the field names, so ``settings`` is sent as given.
        """
        body = rules.check_commenting_settings(settings, has_extra=bool(options.get("extra_body")))
        response = self._request(
            "updateAccountCommentingProfile",
            path_params={"id": path_arg("account_id", account_id)},
            body=body,
            **options,
        )
        return parse_model(response, Result, whole_body=True)

    def list_bundles(
        self,
        account_id: str,
        *,
        status: BundleStatus | str | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        **options: Unpack[RequestOptions],
    ) -> Paginator[Bundle]:
        """The bundles of a delivered account, page by page (``listAccountBundles``)."""
        return self._paginate(
            "listAccountBundles",
            item_parser(Bundle),
            path_params={"id": path_arg("account_id", account_id)},
            query=omit_not_given({"status": status}),
            per_page=per_page,
            **options,
        )

    def get_edit_request(
        self, account_id: str, **options: Unpack[RequestOptions]
    ) -> EditRequest | None:
        """The account's current profile-edit request, or None when there is none
        (``getAccountEditRequest``)."""
        response = self._request(
            "getAccountEditRequest",
            path_params={"id": path_arg("account_id", account_id)},
            **options,
        )
        if response.data is None:
            return None
        return parse_model(response, EditRequest)

    def create_edit_request(
        self,
        account_id: str,
        *,
        requested_username: str,
        requested_visible_name: str,
        requested_biography: str | NotGiven = NOT_GIVEN,
        requested_profile_picture_url: str | NotGiven = NOT_GIVEN,
        requested_link_in_bio: str | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> EditRequest:
        """Ask the account's manager to change its profile (``createAccountEditRequest``)."""
        body = omit_not_given(
            {
                "requested_username": requested_username,
                "requested_visible_name": requested_visible_name,
                "requested_biography": requested_biography,
                "requested_profile_picture_url": requested_profile_picture_url,
                "requested_link_in_bio": requested_link_in_bio,
            }
        )
        rules.check_edit_request(body)
        response = self._request(
            "createAccountEditRequest",
            path_params={"id": path_arg("account_id", account_id)},
            body=body,
            **options,
        )
        return parse_model(response, EditRequest)
