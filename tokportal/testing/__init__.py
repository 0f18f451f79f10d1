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

from ._emulator import Emulator, EmulatorTransport, RequestRecord, Workspace

__all__ = ["Emulator", "EmulatorTransport", "RequestRecord", "Workspace"]
