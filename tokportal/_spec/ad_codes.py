"""The ad_codes operations (API.md)."""

from __future__ import annotations

from ._schema import Field, Operation, PathParam

OPERATIONS = (
    Operation(
        id="createVideoAdCodeRequest",
        method="ad_codes.create",
        returns="AdCodeResult",
        envelope="whole",
        doc="Order the ad code (TikTok Spark / Instagram Partner code) of a finalized video;\n**paid** (``createVideoAdCodeRequest``).\n\n``video_id`` is a video's id, not a bundle's. The API documents an optional note but\nnot its field name: ``note`` is sent as ``\"note\"`` (use ``extra_body`` for another\nspelling). One open request per video; poll :meth:`get` for the code.",
        path=(PathParam("id", "video_id"),),
        body=(Field("note", "str", "str", doc="A note for the account manager."),),
    ),
    Operation(
        id="getVideoAdCodeRequest",
        method="ad_codes.get",
        returns="AdCodeRequest",
        envelope="data",
        doc="The video's ad-code request; poll until the code is submitted\n(``getVideoAdCodeRequest``).",
        path=(PathParam("id", "video_id"),),
    ),
)
