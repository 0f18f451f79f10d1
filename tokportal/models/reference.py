"""Reference data: countries and platforms."""

from __future__ import annotations

import attrs

from ._base import Model, ModelList


@attrs.frozen(kw_only=True)
class Country(Model):
    """A country accounts can be ordered in (``listCountries``)."""

    code: str
    name: str | None = None


@attrs.frozen(kw_only=True)
class PlatformInfo(Model):
    """One orderable platform (``GET /platforms``; the shape is not documented)."""

    id: str | None = None
    name: str | None = None

    __wire_names__ = {"id": ("id", "platform", "code")}


class CountryList(ModelList[Country]):
    """``GET /countries``: countries open for new accounts.

    ``videos_only_countries`` lists the countries open only for work on existing accounts.
    """

    videos_only_countries: list[Country]

    def __init__(self, countries: list[Country], videos_only_countries: list[Country]) -> None:
        super().__init__(countries)
        self.videos_only_countries = videos_only_countries
