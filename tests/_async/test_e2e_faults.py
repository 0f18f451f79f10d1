"""End to end: 200 bundle creations through one client while ~30 % of requests fail.

Half of the faults strike AFTER the side effect (the bundle was created and paid, then the
connection dropped). The client retries with the idempotency key it minted once per call, so
the emulator replays the stored answer instead of creating and charging again: exactly 200
bundles and 200 debits. A raw client retrying without a key shows that the same faults
otherwise duplicate orders. ``tests/_async/test_e2e_loopback.py`` runs the same scenario over
sockets; the scenario itself is ``tests/cases/e2e_faults.py``.
"""

from __future__ import annotations

import httpx
import pytest

from tests.cases.e2e_faults import CREATIONS, check_exactly_once, faulty_emulator
from tokportal import AsyncTokPortal
from tokportal.models.bundles import BundleResult

pytestmark = pytest.mark.anyio  # async-only


class Sleeps:
    """The client's ``sleep``: records each wait, costs no time."""

    def __init__(self) -> None:
        self.waits: list[float] = []

    async def __call__(self, seconds: float) -> None:
        self.waits.append(seconds)


async def create_bundles(client: AsyncTokPortal, count: int = CREATIONS) -> list[BundleResult]:
    """``count`` creations one after the other, each a distinct order (its own title)."""
    results = []
    for n in range(count):
        results.append(
            await client.bundles.create(
                bundle_type="account_only", platform="tiktok", country="US", title=f"order {n}"
            )
        )
    return results


async def test_200_creations_under_faults_create_and_charge_exactly_200() -> None:
    sleeps = Sleeps()
    with faulty_emulator() as emu:
        async with AsyncTokPortal(
            api_key=emu.api_key,
            transport=emu.transport,
            max_retries=8,
            sleep=sleeps,
            rate_limit=None,
        ) as client:
            results = await create_bundles(client)
        outcomes = check_exactly_once(emu, results)
    failed = sum(n for outcome, n in outcomes.items() if outcome != "200")
    assert len(sleeps.waits) == failed  # one wait before each retry
    assert sum(r.api_response.retries for r in results if r.api_response) == failed


async def test_retrying_without_an_idempotency_key_duplicates_orders() -> None:
    """The control: the same faults, retried blindly without a key, buy extra bundles."""
    with faulty_emulator() as emu:
        async with httpx.AsyncClient(
            transport=emu.transport,
            base_url="https://app.tokportal.com/api/ext",
            headers={"X-API-Key": emu.api_key},
        ) as raw:
            for n in range(50):
                while True:
                    try:
                        response = await raw.post(
                            "/bundles",
                            json={"bundle_type": "account_only", "country": "US", "title": str(n)},
                        )
                    except httpx.TransportError:
                        continue
                    if response.status_code == 200:
                        break
        duplicated = len(emu.workspace.bundles) - 50
        assert duplicated > 0
        debits = [t for t in emu.workspace.transactions if t.type == "debit"]
        assert len(debits) == 50 + duplicated
