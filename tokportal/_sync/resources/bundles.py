# Generated from tokportal/_async/resources/bundles.py by scripts/generate_sync.py; do not edit.
"""Bundles: ``client.bundles`` (with ``.account`` and ``.videos``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..._core import validation_bundles as rules
from ..._core.requests import path_arg
from ..._types import NOT_GIVEN, NotGiven
from ...models._enums import AccountStatus, BundleStatus, BundleType, Platform
from ...models._parse import item_parser, parse_model
from ...models.bulk import BulkCreateResult
from ...models.bundles import Bundle, BundleResult, PublishReadiness
from ..pagination import Paginator
from ..transport import Transport
from ._resource import Resource, omit_not_given
from .bundle_account import BundleAccount
from .bundle_videos import BundleVideos

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions


class Bundles(Resource):
    """``client.bundles``: create, list, update and publish bundles."""

    def __init__(self, transport: Transport) -> None:
        super().__init__(transport)
        self.account = BundleAccount(transport)
        self.videos = BundleVideos(transport)

    def list(
        self,
        *,
        status: BundleStatus | str | NotGiven = NOT_GIVEN,
        bundle_type: BundleType | str | NotGiven = NOT_GIVEN,
        platform: Platform | str | NotGiven = NOT_GIVEN,
        external_ref: str | NotGiven = NOT_GIVEN,
        account_status: AccountStatus | str | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        **options: Unpack[RequestOptions],
    ) -> Paginator[Bundle]:
        """Bundles, page by page, filtered (``listBundles``)."""
        query = omit_not_given(
            {
                "status": status,
                "bundle_type": bundle_type,
                "platform": platform,
                "external_ref": external_ref,
                "account_status": account_status,
            }
        )
        return self._paginate(
            "listBundles", item_parser(Bundle), query=query, per_page=per_page, **options
        )

    def get(self, bundle_id: str, **options: Unpack[RequestOptions]) -> Bundle:
        """One bundle (``getBundle``)."""
        response = self._request(
            "getBundle", path_params={"id": path_arg("bundle_id", bundle_id)}, **options
        )
        return parse_model(response, Bundle)

    def create(
        self,
        *,
        bundle_type: BundleType | str,
        platform: Platform | str | NotGiven = NOT_GIVEN,
        country: str | NotGiven = NOT_GIVEN,
        account_id: str | NotGiven = NOT_GIVEN,
        videos_quantity: int | NotGiven = NOT_GIVEN,
        edits_quantity: int | NotGiven = NOT_GIVEN,
        title: str | NotGiven = NOT_GIVEN,
        external_ref: str | NotGiven = NOT_GIVEN,
        auto_finalize_videos: bool | NotGiven = NOT_GIVEN,
        wants_advanced_warming: bool | NotGiven = NOT_GIVEN,
        advanced_warming_terms: Sequence[str] | NotGiven = NOT_GIVEN,
        advanced_warming_terms_count: int | NotGiven = NOT_GIVEN,
        wants_niche_warming: bool | NotGiven = NOT_GIVEN,
        niche_warming_instructions: str | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> BundleResult:
        """Create a bundle; **paid**, debited at creation (``createBundle``).

        Pass ``dry_run=True`` to get the price (``credits_would_charge``) without buying.
        One idempotency key is minted per call and reused on every retry, so a retried
        creation is never charged twice.
        """
        body = omit_not_given(
            {
                "bundle_type": bundle_type,
                "platform": platform,
                "country": country,
                "account_id": account_id,
                "videos_quantity": videos_quantity,
                "edits_quantity": edits_quantity,
                "title": title,
                "external_ref": external_ref,
                "auto_finalize_videos": auto_finalize_videos,
                "wants_advanced_warming": wants_advanced_warming,
                "advanced_warming_terms": advanced_warming_terms,
                "advanced_warming_terms_count": advanced_warming_terms_count,
                "wants_niche_warming": wants_niche_warming,
                "niche_warming_instructions": niche_warming_instructions,
            }
        )
        rules.check_create(body)
        response = self._request("createBundle", body=body, **options)
        return parse_model(response, BundleResult, whole_body=True)

    def update(
        self,
        bundle_id: str,
        *,
        title: str | None | NotGiven = NOT_GIVEN,
        external_ref: str | None | NotGiven = NOT_GIVEN,
        auto_finalize_videos: bool | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Bundle:
        """Change a bundle's title, external reference or auto-finalize flag; ``None``
        clears a text field (``updateBundle``)."""
        body = omit_not_given(
            {
                "title": title,
                "external_ref": external_ref,
                "auto_finalize_videos": auto_finalize_videos,
            }
        )
        rules.check_update(body, has_extra=bool(options.get("extra_body")))
        response = self._request(
            "updateBundle",
            path_params={"id": path_arg("bundle_id", bundle_id)},
            body=body,
            **options,
        )
        return parse_model(response, Bundle)

    def publish(self, bundle_id: str, **options: Unpack[RequestOptions]) -> Bundle:
        """Send a configured bundle to its account manager; free (``publishBundle``).

        See :meth:`publish_readiness` for what still blocks it.
        """
        response = self._request(
            "publishBundle", path_params={"id": path_arg("bundle_id", bundle_id)}, **options
        )
        return parse_model(response, Bundle)

    def unpublish(self, bundle_id: str, **options: Unpack[RequestOptions]) -> Bundle:
        """Take a published bundle back to ``pending_setup`` before acceptance; no refund
        (``unpublishBundle``)."""
        response = self._request(
            "unpublishBundle", path_params={"id": path_arg("bundle_id", bundle_id)}, **options
        )
        return parse_model(response, Bundle)

    def publish_readiness(
        self, bundle_id: str, **options: Unpack[RequestOptions]
    ) -> PublishReadiness:
        """What still blocks publishing, read-only (``getBundlePublishReadiness``)."""
        response = self._request(
            "getBundlePublishReadiness",
            path_params={"id": path_arg("bundle_id", bundle_id)},
            **options,
        )
        return parse_model(response, PublishReadiness)

    def create_bulk(
        self,
        *,
        platforms: Sequence[Platform | str],
        country: str,
        accounts_count: int,
        upload_accounts_count: int | NotGiven = NOT_GIVEN,
        videos_per_account: int | NotGiven = NOT_GIVEN,
        auto_finalize_videos: bool | NotGiven = NOT_GIVEN,
        external_ref: str | NotGiven = NOT_GIVEN,
        wants_advanced_warming: bool | NotGiven = NOT_GIVEN,
        advanced_warming_terms: Sequence[str] | NotGiven = NOT_GIVEN,
        advanced_warming_terms_count: int | NotGiven = NOT_GIVEN,
        wants_niche_warming: bool | NotGiven = NOT_GIVEN,
        niche_warming_instructions: str | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> BulkCreateResult:
        """Create ``accounts_count`` bundles per platform in one country, all or none;
        **paid**, debited at creation (``createBundlesBulk``).

        Warming settings apply per account. ``dry_run=True`` quotes the whole batch. A batch
        over the workspace's capacity is refused whole (429 ``capacity_cooldown``): retry it
        later as one call rather than splitting it.
        """
        body = omit_not_given(
            {
                "platforms": platforms,
                "country": country,
                "accounts_count": accounts_count,
                "upload_accounts_count": upload_accounts_count,
                "videos_per_account": videos_per_account,
                "auto_finalize_videos": auto_finalize_videos,
                "external_ref": external_ref,
                "wants_advanced_warming": wants_advanced_warming,
                "advanced_warming_terms": advanced_warming_terms,
                "advanced_warming_terms_count": advanced_warming_terms_count,
                "wants_niche_warming": wants_niche_warming,
                "niche_warming_instructions": niche_warming_instructions,
            }
        )
        body = rules.check_bulk(body)
        rules.check_advanced_warming(body)
        response = self._request("createBundlesBulk", body=body, **options)
        return parse_model(response, BulkCreateResult, whole_body=True)

    def add_video_slots(
        self, bundle_id: str, *, quantity: int, **options: Unpack[RequestOptions]
    ) -> BundleResult:
        """Buy ``quantity`` more video slots (2 credits each, debited now) on a bundle that
        is not ``completed`` (``addVideoSlots``).

        On a bundle already published, configure the new slots and then publish them with
        ``bundles.videos.publish_all`` (or ``publish``): the manager does not see them before.
        """
        rules.quantity(quantity)
        response = self._request(
            "addVideoSlots",
            path_params={"id": path_arg("bundle_id", bundle_id)},
            body={"quantity": quantity},
            **options,
        )
        return parse_model(response, BundleResult, whole_body=True)

    def add_edit_slots(
        self, bundle_id: str, *, quantity: int, **options: Unpack[RequestOptions]
    ) -> BundleResult:
        """Buy ``quantity`` more edit slots (3 credits each, debited now) (``addEditSlots``)."""
        rules.quantity(quantity)
        response = self._request(
            "addEditSlots",
            path_params={"id": path_arg("bundle_id", bundle_id)},
            body={"quantity": quantity},
            **options,
        )
        return parse_model(response, BundleResult, whole_body=True)
