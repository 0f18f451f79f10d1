"""The countries operations (API.md)."""

from __future__ import annotations

from ._schema import Operation

OPERATIONS = (
    Operation(
        id="listCountries",
        method="countries.list",
        returns="CountryList",
        envelope="custom",
        flow="hand",
        doc="Countries open for new accounts, and those open for videos only\n(``listCountries``).",
    ),
)
