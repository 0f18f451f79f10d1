# Generated from tokportal/_async/resources/reference.py by scripts/generate_sync.py; do not edit.
"""Reference data: ``client.countries`` and ``client.platforms``."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ...models._base import ModelList, attach_response
from ...models._converter import converter
from ...models.reference import Country, CountryList, PlatformInfo
from ._resource import Resource

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions


class Countries(Resource):
    def list(self, **options: Unpack[RequestOptions]) -> CountryList:
        """Countries open for new accounts, and those open for videos only
        (``listCountries``)."""
        response = self._request("listCountries", **options)
        body = response.body if isinstance(response.body, Mapping) else {}
        data = body.get("data")
        if isinstance(data, Mapping):  # tolerate {"data": {"countries": [...], ...}}
            body, data = data, data.get("countries")
        videos_only = body.get("videos_only_countries")
        countries = CountryList(
            [converter.structure(item, Country) for item in _as_list(data)],
            [
                converter.structure(_as_object(item, "code"), Country)
                for item in _as_list(videos_only)
            ],
        )
        attach_response(countries, response)
        return countries


class Platforms(Resource):
    def list(self, **options: Unpack[RequestOptions]) -> ModelList[PlatformInfo]:
        """Orderable platforms (``listPlatforms``)."""
        response = self._request("listPlatforms", **options)
        data = response.data
        if isinstance(data, Mapping):  # tolerate {"data": {"platforms": [...]}}
            data = data.get("platforms")
        platforms: ModelList[PlatformInfo] = ModelList(
            converter.structure(_as_object(item, "id"), PlatformInfo) for item in _as_list(data)
        )
        attach_response(platforms, response)
        return platforms


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


def _as_object(item: object, key: str) -> object:
    """A bare string item (``"tiktok"``) as the object it names (``{"id": "tiktok"}``)."""
    return {key: item} if isinstance(item, str) else item
