"""Test helpers shared by the async tests and their generated sync twins."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from typing import Any

import httpx

API_KEY = "sk_" + "ab12" * 16
BASE = "https://app.tokportal.com/api/ext"

Step = httpx.Response | Exception | Callable[[httpx.Request], httpx.Response]


def ok(
    data: Any = None, *, status: int = 200, headers: dict[str, str] | None = None, **siblings: Any
) -> httpx.Response:
    body = {"data": data if data is not None else {}, **siblings}
    return httpx.Response(
        status, json=body, headers={"X-TokPortal-Request-ID": "req_ok", **(headers or {})}
    )


# The fields the API documents as always there (the models require them), for fixtures.
def user_data(**fields: Any) -> dict[str, Any]:
    return {"email": "owner@example.test", "credits": 1000, **fields}


def bundle_data(bundle_id: str = "b1", **fields: Any) -> dict[str, Any]:
    return {"id": bundle_id, "status": "pending_setup", **fields}


def video_data(position: int = 1, **fields: Any) -> dict[str, Any]:
    return {"position": position, "status": "configured", **fields}


def charge(credits_charged: int = 0, **siblings: Any) -> dict[str, Any]:
    """The siblings of ``data`` on a paid write (bundle creation, slot purchases)."""
    return {
        "credits_charged": credits_charged,
        "credits_remaining": 1000,
        "cost_breakdown": {"total": credits_charged},
        **siblings,
    }


def comment_task_data(task_id: str = "c1", **fields: Any) -> dict[str, Any]:
    return {
        "id": task_id,
        "status": "pending",
        "platform": "tiktok",
        "saved_account_id": "sa1",
        "target_type": "video",
        "target_video_url": "https://www.tiktok.com/@a/video/1",
        "comment_text": "Nice",
        "correction_required": False,
        "created_at": "2026-05-25T12:00:00Z",
        "updated_at": "2026-05-25T12:00:00Z",
        **fields,
    }


def webhook_endpoint_data(endpoint_id: str = "w1", **fields: Any) -> dict[str, Any]:
    return {
        "id": endpoint_id,
        "url": "https://hooks.example.test/tp",
        "events": ["bundle.published"],
        "enabled": True,
        **fields,
    }


def error(
    status: int,
    code: str,
    message: str = "nope",
    *,
    details: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> httpx.Response:
    body: dict[str, Any] = {"error": {"code": code, "message": message}}
    if details is not None:
        body["error"]["details"] = details
    return httpx.Response(
        status, json=body, headers={"X-TokPortal-Request-ID": "req_err", **(headers or {})}
    )


class Recorder:
    """An httpx handler that answers from a script and records every request it saw.

    Each step is a response, an exception to raise, or a function of the request; the last
    step repeats once the script runs out.
    """

    def __init__(self, steps: Iterable[Step] | Step) -> None:
        self.steps: list[Step] = list(steps) if isinstance(steps, (list, tuple)) else [steps]  # type: ignore[list-item]
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.requests.append(request)
        step = self.steps[min(len(self.requests), len(self.steps)) - 1]
        if isinstance(step, Exception):
            raise step
        if isinstance(step, httpx.Response):
            return httpx.Response(step.status_code, headers=step.headers, content=step.content)
        return step(request)

    @property
    def count(self) -> int:
        return len(self.requests)

    def json(self, index: int = -1) -> Any:
        content = self.requests[index].content
        return json.loads(content) if content else None

    def header(self, name: str, index: int = -1) -> str | None:
        return self.requests[index].headers.get(name)


def transport(recorder: Recorder) -> httpx.MockTransport:
    return httpx.MockTransport(recorder)


class FakeClock:
    """A monotonic clock that only moves when the code under test sleeps."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def record(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def settled(emu: Any, requests: int = 1, timeout: float = 5.0) -> bool:
    """Wait until the emulator has seen ``requests`` requests and finished every one it began.

    ``emu.wait_idle`` covers what the emulator began: over sockets, a request whose client
    already gave up (a short read timeout) may still be on its way in when the test asks.
    """
    deadline = time.monotonic() + timeout
    while len(emu.requests) < requests and time.monotonic() < deadline:
        time.sleep(0.005)
    return len(emu.requests) >= requests and bool(emu.wait_idle(timeout))
