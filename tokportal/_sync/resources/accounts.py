# Generated from tokportal/_async/resources/accounts.py by scripts/generate_sync.py; do not edit.
"""Delivered (saved) accounts: ``client.accounts``.

Credential reveal and verification codes (the 428 consent flow) live in ``consent.py``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..._core import validation as check
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

USERNAME = r"[A-Za-z0-9_.]{1,24}"
# The shape only: the API's own timestamps (the watermark) vary in precision and offset form.
ISO_TIMESTAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)?)?"
)


def since_text(value: Any) -> str:
    """The ``since`` watermark as ISO 8601 (an aware ``datetime``, or a string as given)."""
    if isinstance(value, dt.datetime):
        if value.utcoffset() is None:
            raise check.refuse("since", value, "must be a timezone-aware datetime")
        text = value.isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text
    if isinstance(value, str):
        if ISO_TIMESTAMP.fullmatch(value.strip()) is None:
            raise check.refuse("since", value, "must be an ISO 8601 timestamp")
        return value
    raise check.refuse("since", value, "must be a datetime or an ISO 8601 string")


def check_edit_request(body: Mapping[str, Any]) -> None:
    """The documented rules of ``createAccountEditRequest`` (same as a profile's)."""
    check.pattern(
        "requested_username",
        body["requested_username"],
        USERNAME,
        "must be 1 to 24 characters among letters, digits, '_' and '.'",
    )
    check.length(
        "requested_visible_name", body["requested_visible_name"], min_length=1, max_length=30
    )
    if check.given(body.get("requested_biography")):
        check.length("requested_biography", body["requested_biography"], max_length=80)


class Accounts(AccountConsentMixin):
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
                "since": since_text(since) if check.given(since) else NOT_GIVEN,
                "include_screenshots": include_screenshots,
            }
        )
        return self._paginate(
            "listAccountBans", item_parser(AccountBan), query=query, per_page=per_page, **options
        )

    def get(self, account_id: str, **options: Unpack[RequestOptions]) -> Account:
        """One delivered account, without secrets (``getAccount``)."""
        response = self._request("getAccount", path_params={"id": account_id}, **options)
        return parse_model(response, Account)

    def update_commenting_profile(
        self, account_id: str, settings: Mapping[str, Any], **options: Unpack[RequestOptions]
    ) -> Result:
        """Update the settings the Comments product uses for this account
        (``updateAccountCommentingProfile``).

        The API does not document the field names, so ``settings`` is sent as given.
        """
        body = dict(settings)
        if not body and not options.get("extra_body"):
            raise check.refuse("settings", settings, "give at least one setting")
        response = self._request(
            "updateAccountCommentingProfile", path_params={"id": account_id}, body=body, **options
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
            path_params={"id": account_id},
            query=omit_not_given({"status": status}),
            per_page=per_page,
            **options,
        )

    def get_edit_request(
        self, account_id: str, **options: Unpack[RequestOptions]
    ) -> EditRequest | None:
        """The account's current profile-edit request, or None when there is none
        (``getAccountEditRequest``)."""
        response = self._request("getAccountEditRequest", path_params={"id": account_id}, **options)
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
        check_edit_request(body)
        response = self._request(
            "createAccountEditRequest", path_params={"id": account_id}, body=body, **options
        )
        return parse_model(response, EditRequest)
