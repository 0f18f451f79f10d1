# Generated from tests/_async/test_client.py by scripts/generate_sync.py; do not edit.
"""Constructing, configuring and closing a client."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

import tokportal
from tests.helpers import API_KEY, Recorder, bundle_data, ok, transport, user_data
from tokportal import TokPortal

MakeClient = Callable[..., TokPortal]


def test_key_from_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOKPORTAL_API_KEY", API_KEY)
    recorder = Recorder(ok(user_data()))
    with TokPortal(transport=transport(recorder), rate_limit=None) as client:
        client.me.get()
    assert recorder.header("X-API-Key") == API_KEY


def test_explicit_key_beats_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOKPORTAL_API_KEY", "sk_from_env")
    recorder = Recorder(ok(user_data()))
    with TokPortal(api_key=API_KEY, transport=transport(recorder)) as client:
        client.me.get()
    assert recorder.header("X-API-Key") == API_KEY


@pytest.mark.parametrize("bad", [None, "", "   ", "sk_with space", "sk_line\nbreak"])
def test_missing_or_unsafe_key_is_refused_at_construction(bad: str | None) -> None:
    with pytest.raises(tokportal.TokPortalError):
        TokPortal(api_key=bad)


def test_base_url_from_argument_or_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    recorder = Recorder(ok(user_data()))
    monkeypatch.setenv("TOKPORTAL_BASE_URL", "http://127.0.0.1:9/api/ext/")
    with TokPortal(api_key=API_KEY, transport=transport(recorder)) as client:
        assert client.base_url == "http://127.0.0.1:9/api/ext"
        client.me.get()
    with TokPortal(
        api_key=API_KEY, base_url="https://proxy.test/tp", transport=transport(recorder)
    ) as client:
        client.me.get()
    assert [str(r.url) for r in recorder.requests] == [
        "http://127.0.0.1:9/api/ext/me",
        "https://proxy.test/tp/me",
    ]


def test_default_base_url() -> None:
    with TokPortal(api_key=API_KEY) as client:
        assert client.base_url == "https://app.tokportal.com/api/ext"


@pytest.mark.parametrize(
    "kwargs", [{"max_retries": -1}, {"base_url": "ftp://x"}, {"rate_limit": 0}]
)
def test_bad_settings_are_refused(kwargs: dict[str, object]) -> None:
    with pytest.raises(tokportal.TokPortalError):
        TokPortal(api_key=API_KEY, **kwargs)  # type: ignore[arg-type]


def test_repr_never_shows_the_key() -> None:
    client = TokPortal(api_key=API_KEY, dry_run=True)
    assert API_KEY not in repr(client)
    assert "dry_run=True" in repr(client)
    client.close()


def test_with_options_shares_the_pool_and_changes_only_what_it_says(
    make_client: MakeClient,
) -> None:
    recorder = Recorder(ok({**bundle_data("b"), **user_data()}))
    with make_client(recorder) as client:
        dry = client.with_options(dry_run=True, max_retries=0)
        dry.bundles.publish("b")
        client.bundles.publish("b")
        assert dry._transport.http_client is client._transport.http_client
        dry.close()  # does not close the shared pool
        client.me.get()
    assert [r.headers.get("X-TokPortal-Dry-Run") for r in recorder.requests] == ["true", None, None]


def test_own_http_client_is_used_and_left_open() -> None:
    recorder = Recorder(ok(user_data()))
    http_client = httpx.Client(transport=transport(recorder))
    with TokPortal(api_key=API_KEY, http_client=http_client) as client:
        client.me.get()
    assert not http_client.is_closed
    http_client.close()
    assert recorder.count == 1


def test_closing_closes_the_connections_it_opened(make_client: MakeClient) -> None:
    client = make_client(Recorder(ok({})))
    client.close()
    assert client._transport.http_client.is_closed


def test_transport_and_http_client_together_is_refused() -> None:
    with pytest.raises(tokportal.TokPortalError):
        TokPortal(
            api_key=API_KEY,
            transport=transport(Recorder(ok({}))),
            http_client=httpx.Client(),
        )


def test_typed_result_gives_response_metadata(make_client: MakeClient) -> None:
    recorder = Recorder(ok({"email": "a@b.c", "credits": 3, "plan": "pro", "tier": "x"}))
    with make_client(recorder) as client:
        user = client.me.get()
    assert (user.email, user.credits, user.plan) == ("a@b.c", 3, "pro")
    assert user.extra == {"tier": "x"}
    assert user.api_response is not None
    assert user.api_response.request_id == "req_ok"
