"""A bundle's account: ``client.bundles.account``."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..._core import validation_bundles as rules
from ..._core.requests import path_arg
from ..._types import NOT_GIVEN, NotGiven
from ...models._parse import parse_model
from ...models.bundle_account import BundleAccountDetails
from ._resource import AsyncResource, omit_not_given

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions


class AsyncBundleAccount(AsyncResource):
    """``client.bundles.account``: a bundle's account set-up and review."""

    async def get(self, bundle_id: str, **options: Unpack[RequestOptions]) -> BundleAccountDetails:
        """The account's profile, review status and warming progress (``getBundleAccount``)."""
        response = await self._request(
            "getBundleAccount", path_params={"id": path_arg("bundle_id", bundle_id)}, **options
        )
        return parse_model(response, BundleAccountDetails)

    async def configure(
        self,
        bundle_id: str,
        *,
        username: str,
        visible_name: str,
        biography: str | NotGiven = NOT_GIVEN,
        profile_picture_url: str | NotGiven = NOT_GIVEN,
        link_in_bio: str | NotGiven = NOT_GIVEN,
        niche_warming_instructions: str | NotGiven = NOT_GIVEN,
        advanced_warming_terms: Sequence[str] | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> BundleAccountDetails:
        """Set the profile the account manager will create (``configureBundleAccount``).

        Publishing also needs ``biography`` and ``profile_picture_url`` (the ``storage_path``
        of an image uploaded with ``purpose="profile_picture"``); ``link_in_bio`` is for
        Instagram. Allowed before the bundle is published (unpublish first otherwise).
        ``advanced_warming_terms`` is the legacy path: prefer ``warming.configure_terms``.
        Word each account differently: look-alike profiles risk mass bans.
        """
        body = omit_not_given(
            {
                "username": username,
                "visible_name": visible_name,
                "biography": biography,
                "profile_picture_url": profile_picture_url,
                "link_in_bio": link_in_bio,
                "niche_warming_instructions": niche_warming_instructions,
                "advanced_warming_terms": advanced_warming_terms,
            }
        )
        response = await self._request(
            "configureBundleAccount",
            path_params={"id": path_arg("bundle_id", bundle_id)},
            body=rules.check_account(body),
            **options,
        )
        return parse_model(response, BundleAccountDetails)

    async def request_corrections(
        self,
        bundle_id: str,
        *,
        comment: str,
        fields: Mapping[str, Any] | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> BundleAccountDetails:
        """Send an ``in_review`` account back to its manager with what to change, e.g.
        ``fields={"biography": "shorter"}`` (``requestBundleAccountCorrections``)."""
        body = rules.check_corrections(omit_not_given({"comment": comment, "fields": fields}))
        response = await self._request(
            "requestBundleAccountCorrections",
            path_params={"id": path_arg("bundle_id", bundle_id)},
            body=body,
            **options,
        )
        return parse_model(response, BundleAccountDetails)

    async def finalize(
        self, bundle_id: str, **options: Unpack[RequestOptions]
    ) -> BundleAccountDetails:
        """Approve an ``in_review`` account; otherwise it is approved after 72 h
        (``finalizeBundleAccount``)."""
        response = await self._request(
            "finalizeBundleAccount", path_params={"id": path_arg("bundle_id", bundle_id)}, **options
        )
        return parse_model(response, BundleAccountDetails)
