"""The pytest plugin: its fixtures used here directly, and in a user's own test suite."""

from __future__ import annotations

import httpx
import pytest

from tokportal import AsyncTokPortal, InsufficientCreditsError, TokPortal
from tokportal.testing import Emulator

pytest_plugins = ["pytester"]


def test_client_and_emulator_are_one_world(
    tokportal_emulator: Emulator, tokportal_client: TokPortal
) -> None:
    result = tokportal_client.bundles.create(bundle_type="account_only", country="US")
    assert result.credits_charged == 32
    assert tokportal_emulator.workspace.credits == 1000 - 32
    assert [r.operation_id for r in tokportal_emulator.requests] == ["createBundle"]


def test_each_test_gets_a_fresh_emulator(tokportal_emulator: Emulator) -> None:
    assert tokportal_emulator.workspace.credits == 1000
    assert tokportal_emulator.requests == []


@pytest.mark.anyio
async def test_async_client_fixture(
    tokportal_emulator: Emulator, tokportal_async_client: AsyncTokPortal
) -> None:
    me = await tokportal_async_client.me.get()
    assert me.credits == 1000
    assert me.api_response is not None
    assert me.api_response.request_id is not None
    assert [r.path for r in tokportal_emulator.requests] == ["/me"]


def test_emulator_url_is_served_on_loopback(
    tokportal_emulator: Emulator, tokportal_emulator_url: str
) -> None:
    assert tokportal_emulator_url.startswith("http://127.0.0.1:")
    with TokPortal(base_url=tokportal_emulator_url, api_key=tokportal_emulator.api_key) as c:
        assert c.me.get().credits == 1000
    response = httpx.get(tokportal_emulator_url + "/me", trust_env=False)
    assert response.status_code == 401  # a real socket, with real auth
    assert [r.status for r in tokportal_emulator.requests] == [200, 401]


@pytest.mark.tokportal_emulator(initial_credits=20, seed=3)
def test_marker_configures_the_emulator(tokportal_client: TokPortal) -> None:
    with pytest.raises(InsufficientCreditsError):
        tokportal_client.bundles.create(bundle_type="account_only", country="US")
    assert tokportal_client.credits.balance().total_credits == 20


@pytest.mark.tokportal_emulator(rate_limit_per_minute=600, rate_limit_burst=2)
def test_client_paces_itself_on_the_emulators_rate_limit(
    tokportal_emulator: Emulator, tokportal_client: TokPortal
) -> None:
    for _ in range(5):
        tokportal_client.me.get()
    # The client waited for tokens instead of running into the emulator's limit.
    assert [r.status for r in tokportal_emulator.requests] == [200] * 5


USER_CONFTEST = """
import pytest

@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request):
    return request.param
"""

USER_TESTS = """
import pytest
from tokportal import TokPortal

CLIENTS = []


def test_sync_client(tokportal_emulator, tokportal_client):
    CLIENTS.append(tokportal_client)
    quote = tokportal_client.bundles.create(
        bundle_type="account_and_videos", country="US", videos_quantity=2, dry_run=True
    )
    assert quote.credits_would_charge == 36
    assert tokportal_emulator.workspace.credits == 1000


@pytest.mark.anyio
async def test_async_client(tokportal_emulator, tokportal_async_client):
    CLIENTS.append(tokportal_async_client)
    tokportal_emulator.faults.inject("status", operation_id="getCurrentUser", status=503, count=1)
    me = await tokportal_async_client.me.get()  # the SDK retried the 503
    assert me.credits == 1000
    assert [r.status for r in tokportal_emulator.requests] == [503, 200]


def test_url(tokportal_emulator, tokportal_emulator_url):
    with TokPortal(base_url=tokportal_emulator_url, api_key=tokportal_emulator.api_key) as c:
        assert c.me.get().email == "developer@example.com"


@pytest.mark.tokportal_emulator(initial_credits=5)
def test_marker(tokportal_client):
    assert tokportal_client.me.get().credits == 5


def test_clients_were_closed_after_their_tests():
    assert len(CLIENTS) == 3  # sync, then async on asyncio and on trio
    assert all(c._transport.http_client.is_closed for c in CLIENTS)
"""


def test_a_users_suite_gets_the_fixtures(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(USER_CONFTEST)
    pytester.makepyfile(test_user=USER_TESTS)
    result = pytester.runpytest(
        "--strict-markers", "-p", "no:cacheprovider", "-W", "error::ResourceWarning"
    )
    result.assert_outcomes(passed=6)


def test_the_plugin_is_registered_by_its_entry_point(pytestconfig: pytest.Config) -> None:
    plugin = pytestconfig.pluginmanager.get_plugin("tokportal")
    assert plugin is not None
    assert plugin.__name__ == "tokportal.testing.pytest_plugin"
