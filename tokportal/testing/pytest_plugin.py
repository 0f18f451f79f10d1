"""pytest plugin (registered through the ``pytest11`` entry point): emulator fixtures.

``tokportal_emulator``       a fresh :class:`~tokportal.testing.Emulator` per test
``tokportal_client``         a ``TokPortal`` bound to it in-process
``tokportal_async_client``   an ``AsyncTokPortal`` bound to it in-process (asyncio or trio)
``tokportal_emulator_url``   the emulator on loopback sockets: its ``/api/ext`` base URL

``@pytest.mark.tokportal_emulator(seed=..., initial_credits=..., ...)`` passes keyword
arguments to the test's ``Emulator``. See docs/testing.md.

Every test session of a project that installs the SDK loads this module, so it imports
nothing of the SDK until a fixture is used.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from tokportal import AsyncTokPortal, TokPortal
    from tokportal.testing import Emulator

MARKER = "tokportal_emulator"
# In-process the host is never resolved. A reserved name (RFC 2606) rather than the real
# API's, so a client built from it by mistake can never reach production.
IN_PROCESS_BASE_URL = "https://tokportal.invalid/api/ext"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        f"{MARKER}(**options): keyword arguments for the tokportal_emulator fixture's "
        "Emulator (seed, initial_credits, rate_limit_per_minute, rate_limit_burst, start_time)",
    )


def _client_options(emulator: Emulator) -> dict[str, Any]:
    """Bound to the emulator in-process, pacing itself on the emulator's own rate limit so a
    test sees the SDK's throttle, not 429s."""
    return {
        "api_key": emulator.api_key,
        "base_url": IN_PROCESS_BASE_URL,
        "transport": emulator.transport,
        "rate_limit": emulator.rate_limit_per_minute,
        "rate_limit_burst": emulator.rate_limit_burst,
    }


@pytest.fixture
def tokportal_emulator(request: pytest.FixtureRequest) -> Iterator[Emulator]:
    """A fresh emulator for the test: one workspace with 1000 credits, ``emu.api_key``."""
    from tokportal.testing import Emulator

    marker = request.node.get_closest_marker(MARKER)
    options: dict[str, Any] = dict(marker.kwargs) if marker is not None else {}
    with Emulator(**options) as emulator:
        yield emulator


@pytest.fixture
def tokportal_client(tokportal_emulator: Emulator) -> Iterator[TokPortal]:
    """The blocking client, talking to ``tokportal_emulator`` in-process."""
    from tokportal import TokPortal

    with TokPortal(**_client_options(tokportal_emulator)) as client:
        yield client


@pytest.fixture
def tokportal_async_client(tokportal_emulator: Emulator) -> Iterator[AsyncTokPortal]:
    """The async client, talking to ``tokportal_emulator`` in-process.

    A plain fixture, so it needs no async fixture support and works on asyncio and trio
    alike; use it from ``@pytest.mark.anyio`` (or any other async) tests.
    """
    from tokportal import AsyncTokPortal

    client = AsyncTokPortal(**_client_options(tokportal_emulator))
    yield client
    _close_in_process(client)


def _close_in_process(client: AsyncTokPortal) -> None:
    """Run ``client.aclose()`` without an event loop.

    The test's loop may be gone (or be trio's) by teardown. With the in-process transport
    closing never waits on I/O, so the coroutine finishes on its first step.
    """
    closing = client.aclose()
    try:
        closing.send(None)
    except StopIteration:
        return
    # It waited on something after all: there is no socket to leak in-process, so stop it.
    closing.close()


@pytest.fixture
def tokportal_emulator_url(tokportal_emulator: Emulator) -> Iterator[str]:
    """``tokportal_emulator`` served on 127.0.0.1 for the test: its base URL
    (``http://127.0.0.1:<port>/api/ext``). Use it with ``tokportal_emulator.api_key``."""
    with tokportal_emulator.serve() as base_url:
        yield base_url
