"""The fault scenario the end-to-end tests share: 200 bundle creations while ~30 % of
requests fail, half of them after the side effect, and the check that each order was created
and charged exactly once.

Plain data and checks with no client in them, so it lives once, outside the twinned folders:
``tests/_async/test_e2e_faults.py`` (in-process), ``tests/_async/test_e2e_loopback.py``
(sockets) and their generated sync twins run it.
"""

from __future__ import annotations

from collections import Counter

from tokportal.models.bundles import BundleResult
from tokportal.testing import Emulator

CREATIONS = 200
ACCOUNT_PRICE = 32
CREDITS = 10_000


def faulty_emulator(seed: int = 3) -> Emulator:
    """Drawn in this order: 15 % dropped after running; of the rest, 9 % + 9 % refused before
    running (503, connection reset): 0.15 + 0.85 * (1 - 0.91**2) = 29.6 % of requests."""
    emu = Emulator(seed=seed, initial_credits=CREDITS, rate_limit_per_minute=1_000_000)
    emu.faults.inject("reset_after", operation_id="createBundle", rate=0.15)
    emu.faults.inject("status", operation_id="createBundle", rate=0.09, status=503)
    emu.faults.inject("reset_before", operation_id="createBundle", rate=0.09)
    return emu


def check_exactly_once(emu: Emulator, results: list[BundleResult]) -> Counter[str]:
    """Every call got its own bundle, each created and charged once; returns the outcomes."""
    assert len(results) == CREATIONS
    ids = [r.bundle.id if r.bundle is not None else None for r in results]
    assert None not in ids and len(set(ids)) == CREATIONS
    assert [r.bundle.title for r in results if r.bundle] == [f"order {n}" for n in range(CREATIONS)]
    assert set(emu.workspace.bundles) == set(ids)
    debits = [t for t in emu.workspace.transactions if t.type == "debit"]
    assert len(debits) == CREATIONS
    assert sorted(str(t.reference_id) for t in debits) == sorted(str(i) for i in ids)
    assert emu.workspace.credits == CREDITS - CREATIONS * ACCOUNT_PRICE
    assert all(r.credits_charged == ACCOUNT_PRICE for r in results)  # a replay shows the charge

    # What went over the wire: the faults really happened, and were retried.
    outcomes = Counter(
        "dropped" if r.status is None else str(r.status)
        for r in emu.requests
        if r.operation_id == "createBundle"
    )
    assert outcomes["200"] == CREATIONS  # one answer reached the client per call
    assert outcomes["503"] > 0 and outcomes["dropped"] > 0
    faulted = sum(outcomes.values()) - outcomes["200"]
    assert faulted / sum(outcomes.values()) > 0.2  # the ~30 % this scenario is about
    replays = sum(1 for r in results if r.api_response is not None and r.api_response.replayed)
    # A replay is the proof that a request ran, lost its answer, and was not run twice.
    assert replays > 0
    return outcomes
