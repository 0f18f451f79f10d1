from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import settings

from tests.secret_walk import find_secrets
from tokportal.errors import TokPortalError

# CI judges each submission by one run: there hypothesis draws the same examples every time
# (derandomize) and never fails on a slow machine's timing, so a red run is a reproducible
# bug, not an unlucky draw. Everywhere else each run explores new examples.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(params=["asyncio", "trio"])
def anyio_backend(request: pytest.FixtureRequest) -> str:
    """Every async test runs on asyncio and on trio."""
    return str(request.param)


@pytest.fixture(autouse=True)
def _no_ambient_credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never pick up a developer's real key or base URL."""
    monkeypatch.delenv("TOKPORTAL_API_KEY", raising=False)
    monkeypatch.delenv("TOKPORTAL_BASE_URL", raising=False)


@pytest.fixture(autouse=True)
def tokportal_errors_made(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[TokPortalError]]:
    """Every TokPortalError made during a test, walked once the test is over: no API key,
    webhook secret or presigned URL signature may show anywhere a user can look on it
    (see tests/secret_walk.py). A test that makes a leaky error on purpose clears the list."""
    made: list[TokPortalError] = []
    original = TokPortalError.__init__

    def record(self: TokPortalError, *args: Any, **kwargs: Any) -> None:
        original(self, *args, **kwargs)
        made.append(self)

    monkeypatch.setattr(TokPortalError, "__init__", record)
    yield made
    leaks = [hit for exc in made for hit in find_secrets(exc, root=type(exc).__name__)]
    assert not leaks, "secrets reachable from errors made in this test:\n" + "\n".join(leaks)


@pytest.fixture(scope="session")
def redis_server_url() -> Iterator[str]:
    """A real ``redis-server`` for the shared rate limiter's tests (skipped without one)."""
    from tests.cases.rate_limiters import NO_REDIS_SERVER, REDIS_SERVER, redis_server

    if REDIS_SERVER is None:
        pytest.skip(NO_REDIS_SERVER)
    with redis_server() as url:
        yield url
