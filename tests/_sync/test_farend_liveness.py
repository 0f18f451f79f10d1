# Generated from tests/_async/test_farend_liveness.py by scripts/generate_sync.py; do not edit.
"""Liveness over real sockets: whatever the far end does to the FIRST call of a client (the
one that holds the throttle's probe), the client then makes 100 normal calls (issue 9, R1;
DESIGN rule 7). The throttle is on, as users have it; the far end reports a large burst, so
nothing waits once a response has taught it.
"""

from __future__ import annotations

import contextlib

import httpx
import pytest

from tests.farend import KINDS, FarEnd, Fault, deadline
from tokportal import TokPortal, TokPortalError

BOUND = 30.0
EITHER_SIDE = ("drop", "status", "stall_headers", "stall_body", "truncate")
FIRST_CALL_FAULTS = [
    Fault(kind=kind, after=after, stall=1.0)
    for kind in KINDS
    for after in ((False, True) if kind in EITHER_SIDE else (False,))
]


@pytest.fixture
def anyio_backend() -> str:
    """asyncio only: 16 x 101 requests is enough per client; trio meets the far end in the
    cancellation and paid-creates tests."""
    return "asyncio"


def _name(fault: Fault) -> str:
    return fault.kind + ("-after" if fault.after else "")


def _hundred_calls(client: TokPortal) -> None:
    bundle_id = ""
    for n in range(100):
        if n % 2 == 0:
            created = client.bundles.create(
                bundle_type="account_only", platform="tiktok", country="US", title=f"live {n}"
            )
            assert created.bundle is not None and created.bundle.id is not None
            bundle_id = created.bundle.id
        else:
            bundle = client.bundles.get(bundle_id)
            assert bundle.id == bundle_id


@pytest.mark.parametrize("fault", FIRST_CALL_FAULTS, ids=_name)
def test_any_first_call_failure_leaves_the_client_usable(fault: Fault) -> None:
    with FarEnd() as far:
        with (
            deadline(BOUND, far),
            TokPortal(
                api_key=far.api_key, base_url=far.base_url, timeout=httpx.Timeout(0.5, connect=2.0)
            ) as client,
        ):
            far.script(fault)
            # Most kinds fail the call; which error it is is the other tests' subject.
            with contextlib.suppress(TokPortalError):
                client.bundles.create(
                    bundle_type="account_only",
                    platform="tiktok",
                    country="US",
                    title="first",
                    max_retries=0,
                )
            _hundred_calls(client)
        assert len(far.arrivals) == 101
        assert [a.fault for a in far.arrivals[1:]] == [None] * 100
        assert far.double_charges() == {}
