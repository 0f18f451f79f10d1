# Generated from tokportal/_async/resources/bundle_videos.py by scripts/generate_sync.py; do not edit.
"""A bundle's video slots: ``client.bundles.videos``."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..._core import validation as check
from ..._core import validation_bundles as rules
from ..._core.requests import path_arg
from ..._core.uploads import UploadFile
from ..._io.files import open_upload
from ..._types import NOT_GIVEN, NotGiven
from ...models._base import ModelList
from ...models._enums import VideoType
from ...models._parse import parse_list, parse_model
from ...models.videos import (
    BatchConfigureResult,
    CsvImportResult,
    InstagramContentType,
    PublishAllResult,
    Video,
    VideoResult,
    VideoSlotConfig,
    YoutubeVisibility,
)
from ._resource import Resource, omit_not_given

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions

CSV_CONTENT_TYPE = "text/csv"


def _slot(bundle_id: str, position: int) -> dict[str, Any]:
    rules.position(position)
    return {"id": path_arg("bundle_id", bundle_id), "position": position}


def _form(fields: Mapping[str, Any], options: RequestOptions) -> tuple[Any, RequestOptions]:
    """Multipart form fields (``extra_body`` included: it cannot be JSON here) and the
    options without it."""
    form = {name: check.form_text(name, value) for name, value in fields.items()}
    for name, value in check.extra(options, "extra_body").items():
        form[name] = check.form_text(f"extra_body[{check.shown(name)}]", value)
    rest: RequestOptions = {**options}
    rest.pop("extra_body", None)
    return form or None, rest


class BundleVideos(Resource):
    """``client.bundles.videos``: a bundle's video slots by position."""

    def list(self, bundle_id: str, **options: Unpack[RequestOptions]) -> ModelList[Video]:
        """Every slot of a bundle; free ones have status ``pending`` (``listBundleVideos``)."""
        response = self._request(
            "listBundleVideos", path_params={"id": path_arg("bundle_id", bundle_id)}, **options
        )
        return parse_list(response, Video, key="videos")

    def get(self, bundle_id: str, position: int, **options: Unpack[RequestOptions]) -> Video:
        """One slot, with its posted URL once published (``getBundleVideo``)."""
        response = self._request(
            "getBundleVideo", path_params=_slot(bundle_id, position), **options
        )
        return parse_model(response, Video)

    def configure(
        self,
        bundle_id: str,
        position: int,
        *,
        video_type: VideoType | str,
        target_publish_date: dt.date | str,
        description: str | NotGiven = NOT_GIVEN,
        name: str | NotGiven = NOT_GIVEN,
        external_ref: str | NotGiven = NOT_GIVEN,
        video_url: str | NotGiven = NOT_GIVEN,
        carousel_images: Sequence[str] | NotGiven = NOT_GIVEN,
        carousel_title: str | NotGiven = NOT_GIVEN,
        story_image_url: str | NotGiven = NOT_GIVEN,
        story_repost_url: str | NotGiven = NOT_GIVEN,
        instant_repost_as_story: bool | NotGiven = NOT_GIVEN,
        tiktok_sound_url: str | NotGiven = NOT_GIVEN,
        volume_original_sound: int | None | NotGiven = NOT_GIVEN,
        volume_added_sound: int | None | NotGiven = NOT_GIVEN,
        youtube_sound_url: str | NotGiven = NOT_GIVEN,
        instagram_content_type: InstagramContentType | str | NotGiven = NOT_GIVEN,
        instagram_location: str | NotGiven = NOT_GIVEN,
        instagram_collaborators: Sequence[str] | NotGiven = NOT_GIVEN,
        instagram_audio_name: str | NotGiven = NOT_GIVEN,
        instagram_add_to_story: bool | NotGiven = NOT_GIVEN,
        youtube_title: str | NotGiven = NOT_GIVEN,
        youtube_tags: Sequence[str] | NotGiven = NOT_GIVEN,
        youtube_category: str | NotGiven = NOT_GIVEN,
        youtube_visibility: YoutubeVisibility | str | NotGiven = NOT_GIVEN,
        ai_content_disclaimer: bool | NotGiven = NOT_GIVEN,
        disclose_as_ads: bool | NotGiven = NOT_GIVEN,
        editing_instructions: str | NotGiven = NOT_GIVEN,
        auto_publish: bool | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> VideoResult:
        """Configure one slot (``configureBundleVideo``).

        ``description`` is required for a video or carousel and refused for a story; a story
        takes exactly one of ``video_url`` / ``story_image_url``. At most 3 videos per target
        day per bundle. Add-ons cost 1 credit each: sound volume (first time), story repost,
        instant repost as story; ``editing_instructions`` uses an edit slot.
        """
        body = omit_not_given(
            {
                "video_type": video_type,
                "target_publish_date": target_publish_date,
                "description": description,
                "name": name,
                "external_ref": external_ref,
                "video_url": video_url,
                "carousel_images": carousel_images,
                "carousel_title": carousel_title,
                "story_image_url": story_image_url,
                "story_repost_url": story_repost_url,
                "instant_repost_as_story": instant_repost_as_story,
                "tiktok_sound_url": tiktok_sound_url,
                "volume_original_sound": volume_original_sound,
                "volume_added_sound": volume_added_sound,
                "youtube_sound_url": youtube_sound_url,
                "instagram_content_type": instagram_content_type,
                "instagram_location": instagram_location,
                "instagram_collaborators": instagram_collaborators,
                "instagram_audio_name": instagram_audio_name,
                "instagram_add_to_story": instagram_add_to_story,
                "youtube_title": youtube_title,
                "youtube_tags": youtube_tags,
                "youtube_category": youtube_category,
                "youtube_visibility": youtube_visibility,
                "ai_content_disclaimer": ai_content_disclaimer,
                "disclose_as_ads": disclose_as_ads,
                "editing_instructions": editing_instructions,
                "auto_publish": auto_publish,
            }
        )
        path_params = _slot(bundle_id, position)
        response = self._request(
            "configureBundleVideo", path_params=path_params, body=rules.check_video(body), **options
        )
        return parse_model(response, VideoResult, whole_body=True)

    def update(
        self,
        bundle_id: str,
        position: int,
        *,
        external_ref: str | None | NotGiven = NOT_GIVEN,
        name: str | None | NotGiven = NOT_GIVEN,
        description: str | None | NotGiven = NOT_GIVEN,
        target_publish_date: dt.date | str | None | NotGiven = NOT_GIVEN,
        target_publish_start_date: dt.date | str | None | NotGiven = NOT_GIVEN,
        target_publish_end_date: dt.date | str | None | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Video:
        """Change a slot's metadata or schedule in any status; ``None`` clears a field
        (``patchBundleVideo``). Only this call sets a start/end publishing window."""
        body = omit_not_given(
            {
                "external_ref": external_ref,
                "name": name,
                "description": description,
                "target_publish_date": target_publish_date,
                "target_publish_start_date": target_publish_start_date,
                "target_publish_end_date": target_publish_end_date,
            }
        )
        body = rules.check_patch(body, has_extra=bool(options.get("extra_body")))
        response = self._request(
            "patchBundleVideo", path_params=_slot(bundle_id, position), body=body, **options
        )
        return parse_model(response, Video)

    def configure_batch(
        self,
        bundle_id: str,
        *,
        videos: Sequence[VideoSlotConfig | Mapping[str, Any]],
        auto_publish: bool | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> BatchConfigureResult:
        """Configure many slots in one call (``batchConfigureBundleVideos``).

        Each item is a :class:`~tokportal.models.videos.VideoSlotConfig` (or a dict with the
        same keys), checked like :meth:`configure`. Failures are reported per position and
        do not stop the others: resend only ``result.failed_positions``.
        """
        body = omit_not_given({"videos": rules.check_batch(videos), "auto_publish": auto_publish})
        response = self._request(
            "batchConfigureBundleVideos",
            path_params={"id": path_arg("bundle_id", bundle_id)},
            body=body,
            **options,
        )
        return parse_model(response, BatchConfigureResult, whole_body=True)

    def publish_all(self, bundle_id: str, **options: Unpack[RequestOptions]) -> PublishAllResult:
        """On a published or accepted bundle, send every ``configured`` slot to the account
        manager (``publishAllBundleVideos``). Slots added later stay unseen until this."""
        response = self._request(
            "publishAllBundleVideos",
            path_params={"id": path_arg("bundle_id", bundle_id)},
            **options,
        )
        return parse_model(response, PublishAllResult)

    def import_csv(
        self,
        bundle_id: str,
        file: UploadFile,
        *,
        auto_publish: bool | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> CsvImportResult:
        """Configure slots from a CSV: a path, bytes or a binary file object, streamed and
        sent as ``text/csv`` (``importBundleVideosCsv``).

        Valid rows are imported even when others fail: see ``result.errors``. Columns:
        ``position, video_type, description, target_publish_date, video_url, carousel_images``
        (``;``-separated) and the other ``configure`` fields.
        """
        if auto_publish is not NOT_GIVEN and not isinstance(auto_publish, bool):
            raise check.refuse("auto_publish", auto_publish, "must be True or False")
        fields = {} if auto_publish is NOT_GIVEN else {"auto_publish": auto_publish}
        data, options = _form(fields, options)
        with open_upload(file, content_type=CSV_CONTENT_TYPE) as source:
            if not source.rewindable:
                # A stream that cannot seek back cannot be sent whole a second time.
                options["max_retries"] = 0
            response = self._request(
                "importBundleVideosCsv",
                path_params={"id": path_arg("bundle_id", bundle_id)},
                files={"file": source.as_multipart()},
                data=data,
                **options,
            )
        return parse_model(response, CsvImportResult, whole_body=True)

    def publish(self, bundle_id: str, position: int, **options: Unpack[RequestOptions]) -> Video:
        """Send one ``configured`` slot of a published bundle to the account manager
        (``publishBundleVideo``)."""
        response = self._request(
            "publishBundleVideo", path_params=_slot(bundle_id, position), **options
        )
        return parse_model(response, Video)

    def reset(self, bundle_id: str, position: int, **options: Unpack[RequestOptions]) -> Video:
        """Clear a slot's configuration; destructive (``resetBundleVideo``)."""
        response = self._request(
            "resetBundleVideo", path_params=_slot(bundle_id, position), **options
        )
        return parse_model(response, Video)

    def unschedule(self, bundle_id: str, position: int, **options: Unpack[RequestOptions]) -> Video:
        """Withdraw a scheduled slot from the manager; destructive (``unscheduleBundleVideo``)."""
        response = self._request(
            "unscheduleBundleVideo", path_params=_slot(bundle_id, position), **options
        )
        return parse_model(response, Video)

    def finalize(self, bundle_id: str, position: int, **options: Unpack[RequestOptions]) -> Video:
        """Approve a posted slot in ``accepted`` or ``in_review``; otherwise it is approved
        after 72 h (``finalizeBundleVideo``)."""
        response = self._request(
            "finalizeBundleVideo", path_params=_slot(bundle_id, position), **options
        )
        return parse_model(response, Video)

    def request_corrections(
        self,
        bundle_id: str,
        position: int,
        *,
        comment: str,
        fields: Mapping[str, Any] | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Video:
        """Send a posted slot back to its manager with what to change
        (``requestBundleVideoCorrections``)."""
        body = rules.check_corrections(omit_not_given({"comment": comment, "fields": fields}))
        response = self._request(
            "requestBundleVideoCorrections",
            path_params=_slot(bundle_id, position),
            body=body,
            **options,
        )
        return parse_model(response, Video)

    def fix_download(
        self,
        bundle_id: str,
        position: int,
        *,
        video_url: str | NotGiven = NOT_GIVEN,
        carousel_images: Sequence[str] | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> Video:
        """Replace a media source TokPortal could not download: a new ``video_url``, new
        ``carousel_images`` (storage paths), or both (``fixBundleVideoDownload``)."""
        body = rules.check_fix_download(
            omit_not_given({"video_url": video_url, "carousel_images": carousel_images})
        )
        response = self._request(
            "fixBundleVideoDownload",
            path_params=_slot(bundle_id, position),
            body=body,
            **options,
        )
        return parse_model(response, Video)
