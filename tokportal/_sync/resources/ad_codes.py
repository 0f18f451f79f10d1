# Generated from tokportal/_async/resources/ad_codes.py by scripts/generate_sync.py; do not edit.
"""Ad codes (Spark / Partner codes): ``client.ad_codes``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..._core.requests import path_arg
from ..._types import NOT_GIVEN, NotGiven
from ...models._parse import parse_model
from ...models.ad_codes import AdCodeRequest, AdCodeResult
from ._resource import Resource, omit_not_given

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions


class AdCodes(Resource):
    """``client.ad_codes``: ad-code requests for delivered videos."""

    def create(
        self,
        video_id: str,
        *,
        note: str | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AdCodeResult:
        """Order the ad code (TikTok Spark / Instagram Partner code) of a finalized video;
        **paid** (``createVideoAdCodeRequest``).

        ``video_id`` is a video's id, not a bundle's. The API documents an optional note but
        not its field name: ``note`` is sent as ``"note"`` (use ``extra_body`` for another
        spelling). One open request per video; poll :meth:`get` for the code.
        """
        response = self._request(
            "createVideoAdCodeRequest",
            path_params={"id": path_arg("video_id", video_id)},
            body=omit_not_given({"note": note}),
            **options,
        )
        return parse_model(response, AdCodeResult, whole_body=True)

    def get(self, video_id: str, **options: Unpack[RequestOptions]) -> AdCodeRequest:
        """The video's ad-code request; poll until the code is submitted
        (``getVideoAdCodeRequest``)."""
        response = self._request(
            "getVideoAdCodeRequest", path_params={"id": path_arg("video_id", video_id)}, **options
        )
        return parse_model(response, AdCodeRequest)
