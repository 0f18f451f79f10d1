"""The platforms operations (API.md)."""

from __future__ import annotations

from ._schema import Operation

OPERATIONS = (
    Operation(
        id="listPlatforms",
        method="platforms.list",
        returns="ModelList[PlatformInfo]",
        envelope="custom",
        flow="hand",
        doc="Orderable platforms (``listPlatforms``).",
    ),
)
