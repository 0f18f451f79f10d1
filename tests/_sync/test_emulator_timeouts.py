# Generated from tests/_async/test_emulator_timeouts.py by scripts/generate_sync.py; do not edit.
"""Per-call timeouts against a slow emulator: the same scenario table in-process and over
loopback sockets, on both clients (this file's sync twin), asyncio and trio.

The emulator is told to be slow with a latency fault much longer than the client's read
timeout. The client must give up with ``APITimeoutError`` (carrying the idempotency key of a
keyed write) instead of waiting; the emulator still runs the request, as a server does when its
client hangs up, so a repeat with the same key replays instead of charging twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from tests.helpers import settled
from tokportal import APITimeoutError, ConflictError, TokPortal
from tokportal.testing import Emulator

IN_PROCESS_URL = "https://tokportal.invalid/api/ext"
# The injected delay, far past the timeout: on a loaded machine (parallel workers on 2 cores)
# an event loop starved for longer than the gap would read the answer before its timer fired.
SLOW = 0.8
SHORT = 0.1  # a read timeout that cannot wait it out
ACCOUNT_PRICE = 32


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """Loopback traffic never goes through a proxy from the environment."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(name, raising=False)


@contextmanager
def emulated(way: str) -> Iterator[tuple[Emulator, Callable[..., TokPortal]]]:
    """An emulator, and a factory of clients bound to it ``way`` (in-process or sockets)."""
    with Emulator(seed=5, rate_limit_per_minute=100_000) as emu:
        common: dict[str, Any] = {"api_key": emu.api_key, "rate_limit": None, "max_retries": 0}
        if way == "in-process":
            yield (
                emu,
                lambda **o: TokPortal(
                    base_url=IN_PROCESS_URL, transport=emu.transport, **{**common, **o}
                ),
            )
            return
        with emu.serve() as base_url:
            yield emu, lambda **o: TokPortal(base_url=base_url, **{**common, **o})


WAYS = ["in-process", "sockets"]

# (name, client options, per-call options): where the short timeout comes from.
TIMEOUT_SOURCES = [
    ("client default", {"timeout": SHORT}, {}),
    ("per call", {}, {"timeout": SHORT}),
    ("per call httpx.Timeout", {}, {"timeout": httpx.Timeout(5.0, read=SHORT)}),
    ("with_options", {"timeout": 30.0}, {"__with_options__": SHORT}),
]
# The reads run every source; the writes the two a user reaches first (keeps the suite quick).
WRITE_SOURCES = TIMEOUT_SOURCES[:2]


def balance(client: TokPortal, call: dict[str, Any]) -> Any:
    if "__with_options__" in call:
        return client.with_options(timeout=call["__with_options__"]).credits.balance()
    return client.credits.balance(**call)


def create(client: TokPortal, call: dict[str, Any], **extra: Any) -> Any:
    if "__with_options__" in call:
        client = client.with_options(timeout=call["__with_options__"])
        call = {}
    return client.bundles.create(
        bundle_type="account_only", platform="tiktok", country="US", **call, **extra
    )


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(("source", "client_options", "call"), TIMEOUT_SOURCES)
def test_a_read_slower_than_the_timeout_raises_api_timeout_error(
    way: str, source: str, client_options: dict[str, Any], call: dict[str, Any]
) -> None:
    with emulated(way) as (emu, make):
        emu.faults.inject("latency", operation_id="getCreditBalance", latency=SLOW, count=1)
        with make(**client_options) as client:
            with pytest.raises(APITimeoutError) as caught:
                balance(client, call)
            assert caught.value.idempotency_key is None  # a read carries no key
            # The emulator saw the request; the client did not wait for its answer.
            assert settled(emu)
            assert [(r.operation_id, r.status) for r in emu.requests] == [("getCreditBalance", 200)]
            # The fault fired once: the next call is answered.
            again = client.credits.balance()
            assert again.total_credits == 1000


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(("source", "client_options", "call"), WRITE_SOURCES)
def test_a_timed_out_paid_write_carries_its_key_and_replays_once(
    way: str, source: str, client_options: dict[str, Any], call: dict[str, Any]
) -> None:
    with emulated(way) as (emu, make):
        emu.faults.inject("latency", operation_id="createBundle", latency=SLOW, count=1)
        with make(**client_options) as client:
            with pytest.raises(APITimeoutError) as caught:
                create(client, call, title="slow order")
            key = caught.value.idempotency_key
            assert key is not None
            assert key in str(caught.value)  # the advice names the key to repeat with
            # The client gave up; the emulator still ran the order, exactly once.
            assert settled(emu)
            assert [(r.operation_id, r.status) for r in emu.requests] == [("createBundle", 200)]
            assert len(emu.workspace.bundles) == 1
            assert emu.workspace.credits == 1000 - ACCOUNT_PRICE

            repeated = create(client, {}, title="slow order", idempotency_key=key)
            assert repeated.api_response is not None and repeated.api_response.replayed
            assert repeated.bundle is not None
            assert list(emu.workspace.bundles) == [repeated.bundle.id]
            assert emu.workspace.credits == 1000 - ACCOUNT_PRICE  # no second charge


@pytest.mark.parametrize("way", WAYS)
def test_a_delay_within_the_timeout_is_waited_out(way: str) -> None:
    with emulated(way) as (emu, make):
        emu.faults.inject("latency", operation_id="getCreditBalance", latency=SHORT)
        with make(timeout=30.0) as client:
            result = client.credits.balance()
            assert result.total_credits == 1000
            assert [(r.operation_id, r.status) for r in emu.requests] == [("getCreditBalance", 200)]


@pytest.mark.parametrize("way", WAYS)
def test_the_client_retries_a_timeout_with_the_same_key(way: str) -> None:
    """With retries on, the retry of a timed-out write is keyed like the first attempt: the
    emulator runs the order once. Depending on the backoff the retry meets the first attempt
    still running (409 IDEMPOTENCY_REQUEST_IN_PROGRESS, not retried) or its stored answer."""
    with emulated(way) as (emu, make):
        emu.faults.inject("latency", operation_id="createBundle", latency=SLOW, count=1)
        with make(timeout=SHORT, max_retries=3) as client:
            result: Any = None
            conflict: ConflictError | None = None
            try:
                result = create(client, {})
            except ConflictError as exc:
                conflict = exc
            if conflict is not None:
                assert conflict.code == "IDEMPOTENCY_REQUEST_IN_PROGRESS"
            assert emu.wait_idle(5.0)
            assert len(emu.workspace.bundles) == 1
            assert emu.workspace.credits == 1000 - ACCOUNT_PRICE
            if result is not None:
                assert result.bundle is not None
                assert list(emu.workspace.bundles) == [result.bundle.id]


@pytest.mark.parametrize("way", WAYS)
@pytest.mark.parametrize(("source", "client_options", "call"), WRITE_SOURCES)
def test_a_stalled_write_times_out_and_never_ran(
    way: str, source: str, client_options: dict[str, Any], call: dict[str, Any]
) -> None:
    """A stall is never answered and never run: the client gives up at its read timeout, the
    order does not exist, and repeating it with the same key creates it once."""
    with emulated(way) as (emu, make):
        emu.faults.inject("stall", operation_id="createBundle", count=1)
        with make(**client_options) as client:
            with pytest.raises(APITimeoutError) as caught:
                create(client, call)
            key = caught.value.idempotency_key
            assert key is not None
            assert settled(emu)
            assert [(r.operation_id, r.status) for r in emu.requests] == [("createBundle", None)]
            assert emu.workspace.bundles == {}
            assert emu.workspace.credits == 1000

            repeated = create(client, {}, idempotency_key=key)
            assert repeated.api_response is not None and not repeated.api_response.replayed
            assert repeated.bundle is not None
            assert list(emu.workspace.bundles) == [repeated.bundle.id]
            assert emu.workspace.credits == 1000 - ACCOUNT_PRICE
