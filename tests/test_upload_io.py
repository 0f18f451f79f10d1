"""Upload I/O in the async flavour (async only: the sync twin reads in place, as it should).

A file is read off the event loop: while a slow file object's ``read`` blocks, other tasks
keep running. The presigned URL stays out of every log record without any change to the
logging configuration (no filter, no handler, no level), before, during and after a PUT.
"""

from __future__ import annotations

import io
import logging
import os
import threading
import time
from pathlib import Path
from typing import Any

import anyio
import httpx
import pytest

from tests._async.test_uploads import parts
from tests.cases.uploads import VIDEO
from tests.farend import FarEnd, async_deadline
from tests.helpers import API_KEY, Recorder, error, ok, transport
from tokportal import AsyncTokPortal
from tokportal._io.files import READ_AHEAD

pytestmark = pytest.mark.anyio

PAYLOAD = b"v" * (3 * READ_AHEAD + 10)  # four reads of file data
PRESIGNED = {"upload_url": "https://storage.test/v/1.mp4?sig=s3cret", "public_url": "https://p/1"}


class Ticker:
    """Counts how often it runs; ``read`` of :class:`SlowFile` samples it."""

    def __init__(self) -> None:
        self.ticks = 0

    async def run(self) -> None:
        while True:
            self.ticks += 1
            await anyio.sleep(0.001)


class SlowFile(io.BytesIO):
    """A seekable binary file whose reads block (``time.sleep``), as a slow disk does;
    records how many ticks of the :class:`Ticker` happened during each read."""

    def __init__(self, data: bytes, ticker: Ticker) -> None:
        super().__init__(data)
        self.ticker = ticker
        self.ticks_during_reads: list[int] = []
        self.name = "clip.mp4"

    def read(self, size: int | None = -1, /) -> bytes:
        before = self.ticker.ticks
        time.sleep(0.02)
        self.ticks_during_reads.append(self.ticker.ticks - before)
        return super().read(size)


def answer(request: httpx.Request) -> httpx.Response:
    if request.method == "PUT":
        return httpx.Response(200)
    if request.url.path.endswith("/upload/video"):
        return ok(PRESIGNED)
    stored = {"filename": "clip.mp4", "size_bytes": len(PAYLOAD), "content_type": "video/mp4"}
    return ok({"public_url": "https://p/1", **stored})


async def _upload_while_ticking(how: str) -> SlowFile:
    ticker = Ticker()
    slow = SlowFile(PAYLOAD, ticker)
    storage = httpx.MockTransport(answer)
    async with AsyncTokPortal(api_key=API_KEY, transport=storage, rate_limit=None) as client:
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(ticker.run)
            if how == "direct":
                await client.uploads.video(slow, bundle_id="b1")
            else:
                await client.uploads.video_via_presigned_url(slow, bundle_id="b1")
            tasks.cancel_scope.cancel()
    return slow


@pytest.mark.parametrize("how", ["direct", "presigned"])
async def test_a_blocking_file_read_does_not_block_the_event_loop(how: str) -> None:
    slow = await _upload_while_ticking(how)
    assert len(slow.ticks_during_reads) >= 4, "the file was read piece by piece"
    # Read on the event loop, no task could run during a read: every sample would be 0.
    assert sum(slow.ticks_during_reads) > 0, slow.ticks_during_reads


async def no_wait(seconds: float) -> None:
    pass


class ReadOnly:
    """A binary stream that cannot seek: read ahead all the same, but sent once."""

    def __init__(self, data: bytes) -> None:
        self._data = io.BytesIO(data)

    def read(self, size: int = -1, /) -> bytes:
        return self._data.read(size)


@pytest.mark.parametrize("kind", ["file object", "path", "stream that cannot seek"])
async def test_read_ahead_sends_every_byte_once_per_attempt(kind: str, tmp_path: Path) -> None:
    """Over several read-ahead trips and a retry: the same bytes each attempt, and the
    progress callback called on the event loop's thread, as the sync client calls it."""
    data = os.urandom(2 * READ_AHEAD + 12_345)
    file: Any = io.BytesIO(data)
    if kind == "path":
        file = tmp_path / "clip.mp4"
        file.write_bytes(data)
    elif kind == "stream that cannot seek":
        file = ReadOnly(data)
    retry = kind != "stream that cannot seek"
    recorder = Recorder([error(503, "UNAVAILABLE"), ok(VIDEO)] if retry else [ok(VIDEO)])
    loop_thread = threading.get_ident()
    threads: set[int] = set()
    seen: list[int] = []

    def progress(sent: int, total: int | None) -> None:
        threads.add(threading.get_ident())
        seen.append(sent)

    async with AsyncTokPortal(
        api_key=API_KEY, transport=transport(recorder), rate_limit=None, sleep=no_wait
    ) as client:
        await client.uploads.video(file, bundle_id="b1", progress=progress)
    sent = [parts(request)["file"][1] for request in recorder.requests]
    assert sent == ([data, data] if retry else [data])
    assert threads == {loop_thread}
    assert seen[-1] == len(data)
    assert seen.count(0) == (1 if retry else 0), "a retry starts the count over"


def _logging_state() -> dict[str, tuple[Any, ...]]:
    names = ("", "httpx", "httpcore", "httpcore.connection", "httpcore.http11", "tokportal")
    return {
        name: (
            tuple(logger.filters),
            tuple(logger.handlers),
            logger.level,
            logger.disabled,
            logger.propagate,
        )
        for name in names
        for logger in [logging.getLogger(name)]
    }


def _tokportal_logging_hooks() -> list[str]:
    """Filters and handlers of the SDK's own on any logger (order-proof: a process-wide
    filter installed by an earlier test would be in ``before`` too)."""
    loggers = [logging.getLogger(), *map(logging.getLogger, list(logging.root.manager.loggerDict))]
    return [
        f"{logger.name}: {hook!r}"
        for logger in loggers
        for hook in (*logger.filters, *logger.handlers)
        if type(hook).__module__.startswith("tokportal")
    ]


async def test_presigned_url_stays_out_of_debug_logs_without_touching_logging(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """Over real sockets (so httpcore's DEBUG traces run), with every logger at DEBUG."""
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "tokportal"):
        caplog.set_level(logging.DEBUG, logger=name)
    before = _logging_state()
    during: list[dict[str, tuple[Any, ...]]] = []
    ticker = Ticker()
    slow = SlowFile(PAYLOAD, ticker)

    async def watch_logging() -> None:
        # Another task, sampling the global logging state while the PUT is under way.
        while True:
            if slow.ticks_during_reads:
                during.append(_logging_state())
            await anyio.sleep(0.005)

    with FarEnd() as far:
        async with (
            async_deadline(20.0, far),
            AsyncTokPortal(api_key=far.api_key, base_url=far.base_url, rate_limit=None) as client,
            anyio.create_task_group() as tasks,
        ):
            tasks.start_soon(ticker.run)
            tasks.start_soon(watch_logging)
            uploaded = await client.uploads.video_via_presigned_url(slow, bundle_id="b1")
            tasks.cancel_scope.cancel()
    assert uploaded.public_url is not None
    put = far.arrivals[-1]
    assert put.method == "PUT" and put.body == PAYLOAD
    assert "s3cret" in put.target, "the signature went on the wire"

    assert during, "the logging state was sampled while the PUT ran"
    assert all(state == before for state in during)
    assert _logging_state() == before
    assert not _tokportal_logging_hooks(), "the SDK installed logging filters or handlers"
    texts = [f"{r.getMessage()} {r.args!r}" for r in caplog.records]
    assert not [text for text in texts if "s3cret" in text]
    # The capture saw the PUT: httpcore's trace of its request and our own line.
    assert any("request=<Request [b'PUT']>" in text for text in texts)
    assert "PUT <presigned upload> -> 200" in caplog.text
