"""Helpers of the CLI tests: a recording transport in front of the emulator, and a runner."""

from __future__ import annotations

import contextlib
import io
import json
import sys
from collections.abc import Sequence
from typing import Any, NamedTuple

import httpx

from tokportal.cli import main
from tokportal.cli._run import Seams
from tokportal.testing import Emulator

# Minted per request by the SDK (never by the caller): not comparable between two calls.
VOLATILE_HEADERS = frozenset({"x-request-id"})


class Sent(NamedTuple):
    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    headers: tuple[tuple[str, str], ...]
    body: Any


def _body(request: httpx.Request) -> Any:
    content = request.content
    if not content:
        return None
    if request.headers.get("content-type", "").startswith("application/json"):
        return json.loads(content)
    return content


class Recorder(httpx.BaseTransport):
    """Records each request as sent, then lets the emulator answer it."""

    def __init__(self, emu: Emulator) -> None:
        self.emu = emu
        self.sent: list[Sent] = []
        self.raw: list[httpx.Request] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()
        self.raw.append(request)
        self.sent.append(
            Sent(
                method=request.method,
                path=request.url.path,
                query=tuple(request.url.params.multi_items()),
                headers=tuple(
                    sorted(
                        (k.lower(), v)
                        for k, v in request.headers.items()
                        if k.lower() not in VOLATILE_HEADERS
                    )
                ),
                body=_body(request),
            )
        )
        return self.emu.transport.handle_request(request)


class Ran(NamedTuple):
    code: int
    stdout: str
    stderr: str


def run(
    args: Sequence[str],
    transport: httpx.BaseTransport | None = None,
    *,
    tty: bool | None = None,
    stdin: str | None = None,
) -> Ran:
    """``tokportal ARGS`` in-process, stdout and stderr apart (neither is a terminal)."""
    out, err = io.StringIO(), io.StringIO()
    saved = sys.stdin
    sys.stdin = io.StringIO(stdin or "")
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args), obj=Seams(transport=transport, tty=tty))
    finally:
        sys.stdin = saved
    return Ran(code, out.getvalue(), err.getvalue())
