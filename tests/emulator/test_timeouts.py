"""Plain httpx against a slow emulator: read timeouts and cancellation, in-process and over
sockets alike (the SDK-level table is ``tests/_async/test_emulator_timeouts.py``)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import anyio
import httpx
import pytest

from tests.helpers import settled
from tokportal import APITimeoutError, AsyncTokPortal, TokPortal
from tokportal.testing import Emulator

from .conftest import BASE_URL

SLOW = 0.3
SHORT = 0.1
CREATE = {"bundle_type": "account_only", "country": "USA"}
WAYS = ["in-process", "sockets"]


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)


@contextmanager
def base_url(emu: Emulator, way: str) -> Iterator[dict[str, object]]:
    """httpx client options reaching ``emu`` the given way."""
    headers = {"X-API-Key": emu.api_key}
    if way == "in-process":
        yield {"transport": emu.transport, "base_url": BASE_URL, "headers": headers}
        return
    with emu.serve() as url:
        yield {"base_url": url, "headers": headers, "trust_env": False}


@pytest.mark.parametrize("way", WAYS)
def test_sync_client_read_timeout(emu: Emulator, way: str) -> None:
    emu.faults.inject("latency", operation_id="createBundle", latency=SLOW, count=1)
    with base_url(emu, way) as options, httpx.Client(**options) as c:  # type: ignore[arg-type]
        with pytest.raises(httpx.ReadTimeout):
            c.post("/bundles", json=CREATE, timeout=httpx.Timeout(5.0, read=SHORT))
        # The server side still ran the order after its delay.
        assert settled(emu)
        assert [(r.operation_id, r.status) for r in emu.requests] == [("createBundle", 200)]
        assert len(emu.workspace.bundles) == 1
        # No timeout (None) waits the delay out.
        emu.faults.inject("latency", operation_id="getCurrentUser", latency=SHORT, count=1)
        assert c.get("/me", timeout=None).status_code == 200


@pytest.mark.anyio
@pytest.mark.parametrize("way", WAYS)
async def test_async_client_read_timeout(emu: Emulator, way: str) -> None:
    emu.faults.inject("latency", operation_id="getCurrentUser", latency=SLOW, count=1)
    with base_url(emu, way) as options, anyio.fail_after(10):
        async with httpx.AsyncClient(timeout=SHORT, **options) as c:  # type: ignore[arg-type]
            with pytest.raises(httpx.ReadTimeout):
                await c.get("/me")
            assert (await c.get("/me")).status_code == 200
    assert emu.wait_idle(5.0)
    assert [r.status for r in emu.requests] == [200, 200]


@pytest.mark.anyio
@pytest.mark.parametrize("way", WAYS)
async def test_a_cancelled_call_returns_at_once_and_the_server_goes_on(
    emu: Emulator, way: str
) -> None:
    emu.faults.inject("latency", operation_id="createBundle", latency=SLOW, count=1)
    with base_url(emu, way) as options:
        async with httpx.AsyncClient(timeout=30.0, **options) as c:  # type: ignore[arg-type]
            with anyio.move_on_after(SHORT) as scope:
                await c.post("/bundles", json=CREATE)
            assert scope.cancelled_caught
            assert settled(emu)
            assert [(r.operation_id, r.status) for r in emu.requests] == [("createBundle", 200)]
            assert len(emu.workspace.bundles) == 1
            # The client is usable afterwards.
            with anyio.fail_after(10):
                assert (await c.get("/me")).status_code == 200


@pytest.mark.anyio
async def test_closing_the_emulator_drops_abandoned_requests() -> None:
    """A request abandoned during a very long delay does not keep a thread alive after
    ``close()``: it is dropped without running, and its idempotency claim released."""
    emu = Emulator(seed=2)
    emu.faults.inject("latency", operation_id="createBundle", latency=3600.0, count=1)
    async with httpx.AsyncClient(
        transport=emu.transport, base_url=BASE_URL, headers={"X-API-Key": emu.api_key}
    ) as c:
        with pytest.raises(httpx.ReadTimeout):
            await c.post("/bundles", json=CREATE, headers={"Idempotency-Key": "k-1"}, timeout=SHORT)
    assert not emu.wait_idle(0.0)  # still "running" on the emulator's side
    emu.close()
    assert settled(emu)
    assert [(r.operation_id, r.status) for r in emu.requests] == [("createBundle", None)]
    assert emu.workspace.bundles == {}
    assert emu.workspace.credits == 1000


def test_the_pytest_fixtures_client_honours_a_per_call_timeout(
    tokportal_client: TokPortal, tokportal_emulator: Emulator
) -> None:
    """What users of the plugin write: the in-process fixture client times out like a socket."""
    tokportal_emulator.faults.inject("latency", operation_id="getCurrentUser", latency=SLOW)
    client = tokportal_client.with_options(max_retries=0)
    with pytest.raises(APITimeoutError):
        client.me.get(timeout=SHORT)
    assert client.me.get(timeout=30.0).credits == 1000
    assert tokportal_emulator.wait_idle(5.0)
    assert [r.status for r in tokportal_emulator.requests] == [200, 200]


@pytest.mark.anyio
async def test_the_async_fixture_client_honours_its_default_timeout(
    tokportal_async_client: AsyncTokPortal, tokportal_emulator: Emulator
) -> None:
    tokportal_emulator.faults.inject("latency", operation_id="getCurrentUser", latency=SLOW)
    client = tokportal_async_client.with_options(timeout=SHORT, max_retries=0)
    with anyio.fail_after(10), pytest.raises(APITimeoutError):
        await client.me.get()
    assert tokportal_emulator.wait_idle(5.0)


@pytest.mark.anyio
@pytest.mark.parametrize("way", WAYS)
async def test_a_cancelled_stalled_call_returns_and_nothing_ran(emu: Emulator, way: str) -> None:
    emu.faults.inject("stall", operation_id="createBundle", count=1)
    with base_url(emu, way) as options:
        async with httpx.AsyncClient(timeout=None, **options) as c:  # type: ignore[arg-type]
            with anyio.move_on_after(SHORT) as scope:
                await c.post("/bundles", json=CREATE)
            assert scope.cancelled_caught
            assert settled(emu)
            assert [(r.operation_id, r.status) for r in emu.requests] == [("createBundle", None)]
            assert emu.workspace.bundles == {}
            with anyio.fail_after(10):
                assert (await c.post("/bundles", json=CREATE)).status_code == 200


def test_a_stall_without_timeout_is_released_by_close(emu: Emulator) -> None:
    """Sync, in-process, ``timeout=None``: the call waits until the emulator is closed."""
    emu.faults.inject("stall", operation_id="getCurrentUser", count=1)
    failure: list[BaseException] = []

    def call() -> None:
        with httpx.Client(
            transport=emu.transport, base_url=BASE_URL, headers={"X-API-Key": emu.api_key}
        ) as c:
            try:
                c.get("/me", timeout=None)
            except httpx.RemoteProtocolError as exc:
                failure.append(exc)

    worker = threading.Thread(target=call, daemon=True)
    worker.start()
    assert not emu.wait_idle(SHORT)  # stalled, waiting
    emu.close()
    worker.join(5.0)
    assert not worker.is_alive()
    assert len(failure) == 1 and "stall" in str(failure[0])
    assert [(r.operation_id, r.status) for r in emu.requests] == [("getCurrentUser", None)]


def test_a_stalled_socket_is_held_until_the_client_leaves(
    emu: Emulator, capfd: pytest.CaptureFixture[str]
) -> None:
    emu.faults.inject("stall", operation_id="getCurrentUser", count=1)
    with (
        base_url(emu, "sockets") as options,
        httpx.Client(timeout=SHORT, **options) as c,  # type: ignore[arg-type]
    ):
        with pytest.raises(httpx.ReadTimeout):
            c.get("/me")
        assert emu.wait_idle(5.0)  # the server thread noticed the client leaving
        assert c.get("/me").status_code == 200
    assert [r.status for r in emu.requests] == [None, 200]
    assert capfd.readouterr().err == ""
