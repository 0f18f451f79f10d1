"""The uploads operations (API.md)."""

from __future__ import annotations

from ._schema import Field, Operation
from ._shared import UPLOAD_FILE_NAMING

OPERATIONS = (
    Operation(
        id="uploadVideo",
        method="uploads.presign_video",
        returns="PresignedUpload",
        envelope="data",
        flow="hand",
        doc="A short-lived URL to PUT a video to (``uploadVideo``); ``upload_url`` is a\nsecret. PUT with exactly the ``content_type`` given here.",
        body=(
            Field(
                "filename",
                "str",
                "str",
                required=True,
                not_blank=True,
                doc="The file name the video is stored under.",
            ),
            Field(
                "bundle_id",
                "str",
                "str",
                required=True,
                not_blank=True,
                doc="The bundle the media is for.",
            ),
            Field(
                "content_type",
                "str",
                "str",
                not_blank=True,
                doc="The video's MIME type; the PUT must then send exactly this.",
            ),
        ),
        # the hand-written flow calls ['rules.check_target', 'rules.check_text']
    ),
    Operation(
        id="uploadVideoDirect",
        method="uploads.video",
        returns="VideoUpload",
        envelope="data",
        flow="hand",
        local=(
            Field(
                "progress",
                "any",
                "Progress | None",
                default="None",
                nullable=True,
                doc="Called as ``progress(sent, total)`` in bytes as chunks go out; a retry starts again at 0.",
            ),
        ),
        doc="Upload a video from a path, bytes or a binary file, streamed\n(``uploadVideoDirect``). Put the result's ``public_url`` in a slot's ``video_url``.\n\n``progress(sent, total)`` is called as chunks go out; a retry starts again at 0.",
        body=(
            Field(
                "bundle_id",
                "str",
                "str",
                required=True,
                not_blank=True,
                doc="The bundle the media is for.",
            ),
            *UPLOAD_FILE_NAMING,
        ),
        # the hand-written flow calls ['rules.check_target']
    ),
    Operation(
        id="uploadImage",
        method="uploads.presign_image",
        returns="PresignedUpload",
        envelope="data",
        flow="hand",
        doc="A short-lived URL to PUT an image to (``uploadImage``); ``upload_url`` is a\nsecret. PUT with exactly this ``content_type``.",
        body=(
            Field(
                "filename",
                "str",
                "str",
                required=True,
                not_blank=True,
                doc="The file name the image is stored under.",
            ),
            Field(
                "content_type",
                "str",
                "str",
                required=True,
                not_blank=True,
                doc="The image's MIME type; the PUT must then send exactly this.",
            ),
            Field(
                "bundle_id",
                "str",
                "str",
                required=True,
                not_blank=True,
                doc="The bundle the media is for.",
            ),
            Field(
                "purpose",
                "choice",
                "ImagePurpose | str",
                choices=("carousel", "profile_picture"),
                closed=True,
                doc="What the image is for: a carousel image (the default) or a profile picture.",
            ),
        ),
        # the hand-written flow calls ['rules.check_target', 'rules.check_text']
    ),
    Operation(
        id="uploadImageDirect",
        method="uploads.image",
        returns="ImageUpload",
        envelope="data",
        flow="hand",
        local=(
            Field(
                "progress",
                "any",
                "Progress | None",
                default="None",
                nullable=True,
                doc="Called as ``progress(sent, total)`` in bytes as chunks go out; a retry starts again at 0.",
            ),
        ),
        doc='Upload an image (``carousel`` unless ``purpose="profile_picture"``), streamed\n(``uploadImageDirect``). Use the result\'s ``storage_path`` in\n``profile_picture_url`` / ``carousel_images``.',
        body=(
            Field(
                "bundle_id",
                "str",
                "str",
                required=True,
                not_blank=True,
                doc="The bundle the media is for.",
            ),
            Field(
                "purpose",
                "choice",
                "ImagePurpose | str",
                choices=("carousel", "profile_picture"),
                closed=True,
                doc="What the image is for: a carousel image (the default) or a profile picture.",
            ),
            *UPLOAD_FILE_NAMING,
        ),
        # the hand-written flow calls ['rules.check_target']
    ),
    Operation(
        id="uploadImageFromUrl",
        method="uploads.image_from_url",
        returns="ImageUpload",
        envelope="data",
        flow="hand",
        doc="Have TokPortal download and store an image from a public URL\n(``uploadImageFromUrl``).",
        body=(
            Field(
                "url",
                "url",
                "str",
                required=True,
                doc="A public URL of the image, downloaded and stored by TokPortal.",
            ),
            Field(
                "bundle_id",
                "str",
                "str",
                required=True,
                not_blank=True,
                doc="The bundle the media is for.",
            ),
            Field(
                "purpose",
                "choice",
                "ImagePurpose | str",
                choices=("carousel", "profile_picture"),
                closed=True,
                doc="What the image is for: a carousel image (the default) or a profile picture.",
            ),
        ),
        # the hand-written flow calls ['rules.check_target', 'rules.check_text']
    ),
)
