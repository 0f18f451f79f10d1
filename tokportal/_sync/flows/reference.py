# Generated from tokportal/_async/flows/reference.py by scripts/generate_sync.py; do not edit.
"""Hand-written readers of ``client.countries`` and ``client.platforms``: the answers come
in several shapes (a bare list, an object, bare strings), all tolerated.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from ...models._base import ModelList, attach_response
from ...models._parse import structure_from
from ...models.reference import Country, CountryList, PlatformInfo
from ..resources._resource import Resource

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions


def _data_key(where: tuple[str, ...]) -> str:
    return "countries" if where else "data"


def _as_list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


def _as_object(item: object, key: str) -> object:
    """A bare string item (``"tiktok"``) as the object it names (``{"id": "tiktok"}``)."""
    return {key: item} if isinstance(item, str) else item


class CountriesFlows(Resource):
    """The hand-written methods of ``client.countries`` (the others are generated)."""

    def list(self, **options: Unpack[RequestOptions]) -> CountryList:
        """Countries open for new accounts, and those open for videos only
        (``listCountries``)."""
        response = self._request("listCountries", **options)
        body = response.body if isinstance(response.body, Mapping) else {}
        data = body.get("data")
        where: tuple[str, ...] = ()
        if isinstance(data, Mapping):  # tolerate {"data": {"countries": [...], ...}}
            body, data, where = data, data.get("countries"), ("data",)
        videos_only = body.get("videos_only_countries")
        countries = CountryList(
            [
                structure_from(response, item, Country, path=(*where, _data_key(where), i))
                for i, item in enumerate(_as_list(data))
            ],
            [
                structure_from(
                    response,
                    _as_object(item, "code"),
                    Country,
                    path=(*where, "videos_only_countries", i),
                )
                for i, item in enumerate(_as_list(videos_only))
            ],
        )
        attach_response(countries, response)
        return countries


class PlatformsFlows(Resource):
    """The hand-written methods of ``client.platforms`` (the others are generated)."""

    def list(self, **options: Unpack[RequestOptions]) -> ModelList[PlatformInfo]:
        """Orderable platforms (``listPlatforms``)."""
        response = self._request("listPlatforms", **options)
        data = response.data
        if isinstance(data, Mapping):  # tolerate {"data": {"platforms": [...]}}
            data = data.get("platforms")
        platforms: ModelList[PlatformInfo] = ModelList(
            structure_from(response, _as_object(item, "id"), PlatformInfo, path=("data", i))
            for i, item in enumerate(_as_list(data))
        )
        attach_response(platforms, response)
        return platforms
