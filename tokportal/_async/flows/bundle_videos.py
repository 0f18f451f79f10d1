"""Hand-written flow of ``client.bundles.videos`` (the rest is generated from the spec):
``import_csv`` streams a file as multipart ``text/csv``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..._core import validation as check
from ..._core.requests import path_arg, path_int
from ..._core.uploads import UploadFile
from ..._io.files import open_upload
from ..._types import NOT_GIVEN, NotGiven
from ...models._parse import parse_model
from ...models.videos import (
    CsvImportResult,
)
from ..resources._resource import AsyncResource

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions

CSV_CONTENT_TYPE = "text/csv"


def _slot(bundle_id: str, position: int) -> dict[str, Any]:
    return {"id": path_arg("bundle_id", bundle_id), "position": path_int("position", position)}


def _form(fields: Mapping[str, Any], options: RequestOptions) -> tuple[Any, RequestOptions]:
    """Multipart form fields (``extra_body`` included: it cannot be JSON here) and the
    options without it."""
    form = {name: check.form_text(name, value) for name, value in fields.items()}
    for name, value in check.extra(options, "extra_body").items():
        form[name] = check.form_text(f"extra_body[{check.shown(name)}]", value)
    rest: RequestOptions = {**options}
    rest.pop("extra_body", None)
    return form or None, rest


class AsyncBundleVideosFlows(AsyncResource):
    """The hand-written methods of ``client.bundles.videos`` (the others are generated)."""

    async def import_csv(
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
            response = await self._request(
                "importBundleVideosCsv",
                path_params={"id": path_arg("bundle_id", bundle_id)},
                files={"file": source.as_multipart()},
                data=data,
                **options,
            )
        return parse_model(response, CsvImportResult, whole_body=True)
