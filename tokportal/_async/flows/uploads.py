"""The hand-written flows of ``uploads``: every upload is a special flow (files, multipart,
presigned PUT), so the generated ``client.uploads`` resource only inherits this mixin.

Files are streamed from disk, never read into memory. Direct uploads retry like any other
write (the whole file is sent again, from its start); a stream that cannot seek back is sent
once. Presigned helpers PUT straight to storage: the URL is a secret and is kept out of
reprs, logs and errors.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ..._core import validation as check
from ..._core import validation_uploads as rules
from ..._core.response import APIResponse
from ..._core.uploads import Progress, UploadFile
from ..._io.files import UploadSource, open_upload
from ..._types import NOT_GIVEN, NotGiven
from ...models._base import Model, attach_response
from ...models._parse import parse_model, structure_from
from ...models.uploads import ImagePurpose, ImageUpload, PresignedUpload, VideoUpload
from ..presigned import put_presigned
from ..resources._resource import AsyncResource, omit_not_given

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._io.files import UploadSource, open_upload
from ..._types import RequestOptions

logger = logging.getLogger("tokportal")

M = TypeVar("M", bound=Model)


def _optional(value: str | NotGiven) -> str | None:
    return None if value is NOT_GIVEN else value


def _open(
    file: UploadFile,
    filename: str | NotGiven,
    content_type: str | NotGiven,
    progress: Progress | None,
) -> UploadSource:
    """The file to stream; a name or type not given is taken from the file itself."""
    return open_upload(
        file,
        filename=_optional(filename),
        content_type=_optional(content_type),
        progress=progress,
    )


def _form_fields(fields: Mapping[str, Any], options: RequestOptions) -> dict[str, Any]:
    """The multipart form fields, with ``extra_body`` (which would otherwise become JSON)."""
    form = {name: check.form_text(name, v) for name, v in fields.items()}
    for name, value in check.extra(options, "extra_body").items():
        form[name] = check.form_text(f"extra_body[{check.shown(name)}]", value)
    return form


def _stored(cls: type[M], presigned: PresignedUpload, source: UploadSource, **extra: Any) -> M:
    """What a presigned upload stored: the presign answer's fields plus the file's own."""
    raw = {
        **extra,
        "public_url": presigned.public_url,
        "filename": source.filename,
        "size_bytes": source.size,
        "content_type": source.content_type,
    }
    fields = {k: v for k, v in raw.items() if v is not None}
    response = presigned.api_response
    model = structure_from(response, fields, cls)
    attach_response(model, response)
    return model


class AsyncUploadsFlows(AsyncResource):
    """The hand-written methods of ``client.uploads`` (all of them)."""

    async def video(
        self,
        file: UploadFile,
        *,
        bundle_id: str,
        filename: str | NotGiven = NOT_GIVEN,
        content_type: str | NotGiven = NOT_GIVEN,
        progress: Progress | None = None,
        **options: Unpack[RequestOptions],
    ) -> VideoUpload:
        """Upload a video from a path, bytes or a binary file, streamed
        (``uploadVideoDirect``). Put the result's ``public_url`` in a slot's ``video_url``.

        ``progress(sent, total)`` is called as chunks go out; a retry starts again at 0.
        """
        rules.check_target(bundle_id)
        with _open(file, filename, content_type, progress) as source:
            response = await self._send_file(
                "uploadVideoDirect", source, {"bundle_id": bundle_id}, options
            )
        return parse_model(response, VideoUpload)

    async def image(
        self,
        file: UploadFile,
        *,
        bundle_id: str,
        purpose: ImagePurpose | str | NotGiven = NOT_GIVEN,
        filename: str | NotGiven = NOT_GIVEN,
        content_type: str | NotGiven = NOT_GIVEN,
        progress: Progress | None = None,
        **options: Unpack[RequestOptions],
    ) -> ImageUpload:
        """Upload an image (``carousel`` unless ``purpose="profile_picture"``), streamed
        (``uploadImageDirect``). Use the result's ``storage_path`` in
        ``profile_picture_url`` / ``carousel_images``."""
        rules.check_target(bundle_id, purpose)
        fields = omit_not_given({"bundle_id": bundle_id, "purpose": purpose})
        with _open(file, filename, content_type, progress) as source:
            response = await self._send_file("uploadImageDirect", source, fields, options)
        return parse_model(response, ImageUpload)

    async def image_from_url(
        self,
        *,
        url: str,
        bundle_id: str,
        purpose: ImagePurpose | str | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> ImageUpload:
        """Have TokPortal download and store an image from a public URL
        (``uploadImageFromUrl``)."""
        body = omit_not_given({"url": url, "bundle_id": bundle_id, "purpose": purpose})
        response = await self._request("uploadImageFromUrl", body=body, **options)
        return parse_model(response, ImageUpload)

    async def presign_video(
        self,
        *,
        filename: str,
        bundle_id: str,
        content_type: str | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> PresignedUpload:
        """A short-lived URL to PUT a video to (``uploadVideo``); ``upload_url`` is a
        secret. PUT with exactly the ``content_type`` given here."""
        body = omit_not_given(
            {"filename": filename, "content_type": content_type, "bundle_id": bundle_id}
        )
        response = await self._request("uploadVideo", body=body, **options)
        return parse_model(response, PresignedUpload)

    async def presign_image(
        self,
        *,
        filename: str,
        content_type: str,
        bundle_id: str,
        purpose: ImagePurpose | str | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> PresignedUpload:
        """A short-lived URL to PUT an image to (``uploadImage``); ``upload_url`` is a
        secret. PUT with exactly this ``content_type``."""
        body = omit_not_given(
            {
                "filename": filename,
                "content_type": content_type,
                "bundle_id": bundle_id,
                "purpose": purpose,
            }
        )
        response = await self._request("uploadImage", body=body, **options)
        return parse_model(response, PresignedUpload)

    async def video_via_presigned_url(
        self,
        file: UploadFile,
        *,
        bundle_id: str,
        filename: str | NotGiven = NOT_GIVEN,
        content_type: str | NotGiven = NOT_GIVEN,
        progress: Progress | None = None,
        **options: Unpack[RequestOptions],
    ) -> VideoUpload:
        """Ask for a presigned URL (``uploadVideo``), then PUT the streamed file to it.

        The PUT is sent once; if it fails an ``UploadError`` is raised (without the URL)
        and the whole call can be repeated. A dry run asks for the URL and sends no bytes.
        """
        rules.check_target(bundle_id)
        with self._presigned_source(file, filename, content_type, progress) as source:
            presigned = await self.presign_video(
                filename=source.filename,
                bundle_id=bundle_id,
                content_type=source.content_type,
                **options,
            )
            await self._put(presigned, source, options)
            return _stored(VideoUpload, presigned, source)

    async def image_via_presigned_url(
        self,
        file: UploadFile,
        *,
        bundle_id: str,
        purpose: ImagePurpose | str | NotGiven = NOT_GIVEN,
        filename: str | NotGiven = NOT_GIVEN,
        content_type: str | NotGiven = NOT_GIVEN,
        progress: Progress | None = None,
        **options: Unpack[RequestOptions],
    ) -> ImageUpload:
        """Ask for a presigned URL (``uploadImage``), then PUT the streamed file to it; use
        the result's ``storage_path`` in ``profile_picture_url`` / ``carousel_images``."""
        rules.check_target(bundle_id, purpose)
        with self._presigned_source(file, filename, content_type, progress) as source:
            presigned = await self.presign_image(
                filename=source.filename,
                content_type=source.content_type,
                bundle_id=bundle_id,
                purpose=purpose,
                **options,
            )
            await self._put(presigned, source, options)
            return _stored(ImageUpload, presigned, source, storage_path=presigned.storage_path)

    async def _send_file(
        self,
        operation_id: str,
        source: UploadSource,
        fields: Mapping[str, Any],
        options: RequestOptions,
    ) -> APIResponse:
        options = rules.one_attempt_unless_rewindable(source.rewindable, options)
        data = _form_fields(fields, options)
        options = {**options}
        options.pop("extra_body", None)
        return await self._request(
            operation_id, files={"file": source.as_multipart()}, data=data, **options
        )

    @staticmethod
    def _presigned_source(
        file: UploadFile,
        filename: str | NotGiven,
        content_type: str | NotGiven,
        progress: Progress | None,
    ) -> UploadSource:
        source = _open(file, filename, content_type, progress)
        if source.size is None:
            source.close()
            raise rules.unsized(file)
        return source

    async def _put(
        self, presigned: PresignedUpload, source: UploadSource, options: RequestOptions
    ) -> None:
        dry_run = options.get("dry_run")
        if dry_run or (dry_run is None and self._transport.config.dry_run):
            # A dry run validates the request for a URL; writing the file would not be dry.
            return
        timeout = options.get("timeout", self._transport.config.timeout)
        await put_presigned(
            self._transport,
            presigned,
            source,
            content_type=source.content_type,
            timeout=timeout,
        )
