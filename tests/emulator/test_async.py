"""The same transport object serves httpx.AsyncClient, without a running event-loop thread."""

from __future__ import annotations

import time

import anyio
import httpx
import pytest

from tokportal.testing import Emulator, EmulatorTransport

from .conftest import BASE_URL


def test_transport_is_both_kinds() -> None:
    emu = Emulator()
    assert isinstance(emu.transport, EmulatorTransport)
    assert isinstance(emu.transport, httpx.BaseTransport)
    assert isinstance(emu.transport, httpx.AsyncBaseTransport)


@pytest.mark.parametrize("backend", ["asyncio", "trio"])
def test_async_client_and_latency_do_not_block_the_loop(backend: str) -> None:
    emu = Emulator()
    emu.faults.inject("latency", operation_id="listCountries", latency=0.3)

    async def main() -> float:
        async with httpx.AsyncClient(
            transport=emu.transport, base_url=BASE_URL, headers={"X-API-Key": emu.api_key}
        ) as c:
            created = await c.post(
                "/bundles", json={"bundle_type": "account_only", "country": "USA"}
            )
            assert created.status_code == 200
            started = time.monotonic()
            async with anyio.create_task_group() as tg:
                for _ in range(5):
                    tg.start_soon(c.get, "/countries")
            return time.monotonic() - started

    elapsed = anyio.run(main, backend=backend)
    assert 0.3 <= elapsed < 1.0  # five delayed calls ran concurrently
    assert emu.workspace.credits == 1000 - 32
    with httpx.Client(
        transport=emu.transport, base_url=BASE_URL, headers={"X-API-Key": emu.api_key}
    ) as sync:
        assert sync.get("/me").json()["data"]["credits"] == 968
