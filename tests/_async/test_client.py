"""Constructing, configuring and closing a client."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

import tokportal
from tests.helpers import API_KEY, Recorder, bundle_data, ok, transport, user_data
from tokportal import AsyncTokPortal

MakeClient = Callable[..., AsyncTokPortal]

pytestmark = pytest.mark.anyio  # async-only


async def test_key_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOKPORTAL_API_KEY", API_KEY)
    recorder = Recorder(ok(user_data()))
    async with AsyncTokPortal(transport=transport(recorder), rate_limit=None) as client:
        await client.me.get()
    assert recorder.header("X-API-Key") == API_KEY


async def test_explicit_key_beats_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOKPORTAL_API_KEY", "sk_from_env")
    recorder = Recorder(ok(user_data()))
    async with AsyncTokPortal(api_key=API_KEY, transport=transport(recorder)) as client:
        await client.me.get()
    assert recorder.header("X-API-Key") == API_KEY


@pytest.mark.parametrize("bad", [None, "", "   ", "sk_with space", "sk_line\nbreak"])
async def test_missing_or_unsafe_key_is_refused_at_construction(bad: str | None) -> None:
    with pytest.raises(tokportal.TokPortalError):
        AsyncTokPortal(api_key=bad)


async def test_base_url_from_argument_or_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = Recorder(ok(user_data()))
    monkeypatch.setenv("TOKPORTAL_BASE_URL", "http://127.0.0.1:9/api/ext/")
    async with AsyncTokPortal(api_key=API_KEY, transport=transport(recorder)) as client:
        assert client.base_url == "http://127.0.0.1:9/api/ext"
        await client.me.get()
    async with AsyncTokPortal(
        api_key=API_KEY, base_url="https://proxy.test/tp", transport=transport(recorder)
    ) as client:
        await client.me.get()
    assert [str(r.url) for r in recorder.requests] == [
        "http://127.0.0.1:9/api/ext/me",
        "https://proxy.test/tp/me",
    ]


async def test_default_base_url() -> None:
    async with AsyncTokPortal(api_key=API_KEY) as client:
        assert client.base_url == "https://app.tokportal.com/api/ext"


@pytest.mark.parametrize(
    "kwargs", [{"max_retries": -1}, {"base_url": "ftp://x"}, {"rate_limit": 0}]
)
async def test_bad_settings_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(tokportal.TokPortalError):
        AsyncTokPortal(api_key=API_KEY, **kwargs)  # type: ignore[arg-type]


async def test_repr_never_shows_the_key() -> None:
    client = AsyncTokPortal(api_key=API_KEY, dry_run=True)
    assert API_KEY not in repr(client)
    assert "dry_run=True" in repr(client)
    await client.aclose()


async def test_with_options_shares_the_pool_and_changes_only_what_it_says(
    make_client: MakeClient,
) -> None:
    recorder = Recorder(ok({**bundle_data("b"), **user_data()}))
    async with make_client(recorder) as client:
        dry = client.with_options(dry_run=True, max_retries=0)
        await dry.bundles.publish("b")
        await client.bundles.publish("b")
        assert dry._transport.http_client is client._transport.http_client
        await dry.aclose()  # does not close the shared pool
        await client.me.get()
    assert [r.headers.get("X-TokPortal-Dry-Run") for r in recorder.requests] == ["true", None, None]


async def test_own_http_client_is_used_and_left_open() -> None:
    recorder = Recorder(ok(user_data()))
    http_client = httpx.AsyncClient(transport=transport(recorder))
    async with AsyncTokPortal(api_key=API_KEY, http_client=http_client) as client:
        await client.me.get()
    assert not http_client.is_closed
    await http_client.aclose()
    assert recorder.count == 1


async def test_closing_closes_the_connections_it_opened(make_client: MakeClient) -> None:
    client = make_client(Recorder(ok({})))
    await client.aclose()
    assert client._transport.http_client.is_closed


async def test_transport_and_http_client_together_is_refused() -> None:
    with pytest.raises(tokportal.TokPortalError):
        AsyncTokPortal(
            api_key=API_KEY,
            transport=transport(Recorder(ok({}))),
            http_client=httpx.AsyncClient(),
        )


async def test_typed_result_gives_response_metadata(make_client: MakeClient) -> None:
    recorder = Recorder(ok({"email": "a@b.c", "credits": 3, "plan": "pro", "tier": "x"}))
    async with make_client(recorder) as client:
        user = await client.me.get()
    assert (user.email, user.credits, user.plan) == ("a@b.c", 3, "pro")
    assert user.extra == {"tier": "x"}
    assert user.api_response is not None
    assert user.api_response.request_id == "req_ok"
