"""Test helpers for code that uses TokPortal: an in-memory, stateful emulator of the API.

>>> from tokportal.testing import Emulator
>>> emu = Emulator()
>>> import httpx
>>> client = httpx.Client(transport=emu.transport, base_url="https://app.tokportal.com/api/ext",
...                       headers={"X-API-Key": emu.api_key})
>>> client.get("/me").json()["data"]["credits"]
1000

See docs/emulator.md.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._emulator import Emulator, EmulatorTransport, RequestRecord, Workspace

__all__ = ["Emulator", "EmulatorTransport", "RequestRecord", "Workspace"]


def __getattr__(name: str) -> Any:
    # Imported on first use: the pytest plugin lives in this package and is loaded by every
    # test session of a project that installs the SDK.
    if name not in __all__:
        raise AttributeError(f"module 'tokportal.testing' has no attribute {name!r}")
    from . import _emulator

    value = getattr(_emulator, name)
    globals()[name] = value
    return value
