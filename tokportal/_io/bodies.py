"""Request bodies that stream upload sources: the pair the two flavours differ by.

:class:`AsyncUploadBody` (the async flavour) has every source that would wait on its file read
ahead in a worker thread (``anyio.to_thread.run_sync``, up to 1 MiB a trip) before a chunk is
taken, so the event loop never waits on a file read; the chunk itself (httpx's multipart
encoder, or :class:`SourceChunks`) then comes from memory, and the progress callback runs on
the event loop as before.
:class:`UploadBody` (the sync flavour, named by the generated twin) reads in place.

Both send every file from its start: a retry's body rewinds its sources first.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable, Iterator, Mapping, Sequence
from typing import Any

import anyio.to_thread
import httpx

from .._core.uploads import CHUNK_SIZE
from .files import UploadSource

__all__ = ["AsyncUploadBody", "SourceChunks", "UploadBody", "upload_sources"]


class SourceChunks:
    """One source's bytes from its start, chunk by chunk (each iteration starts over)."""

    def __init__(self, source: UploadSource) -> None:
        self._source = source

    def __iter__(self) -> Iterator[bytes]:
        self._source.seek(0)
        while True:
            chunk = self._source.read(CHUNK_SIZE)
            if not chunk:
                return
            yield chunk


class _SourcedBody:
    """What both flavours hold: the chunks to send and the sources they are read from."""

    def __init__(self, body: Iterable[bytes], sources: Sequence[UploadSource]) -> None:
        self._body = body
        self._sources = sources

    @property
    def body(self) -> Iterable[bytes]:
        """The chunks sent (for a form: httpx's multipart stream, whose ``fields`` show
        the parts)."""
        return self._body


class UploadBody(_SourcedBody, httpx.SyncByteStream):
    """The chunks of ``body`` (read from ``sources``), read in place: the sync flavour."""

    def __iter__(self) -> Iterator[bytes]:
        for source in self._sources:
            source.seek(0)
        yield from self._body


class AsyncUploadBody(_SourcedBody, httpx.AsyncByteStream):
    """The chunks of ``body``, with ``sources`` read ahead in a worker thread before each
    chunk is taken: the async flavour. A cancelled read finishes before the cancellation
    lands (the file is closed only after), so no thread is left reading a closed file."""

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for source in self._sources:
            source.seek(0)
        chunks = iter(self._body)
        while True:
            for source in self._sources:
                if source.wants_read_ahead:
                    await anyio.to_thread.run_sync(source.read_ahead)
            chunk = next(chunks, None)
            if chunk is None:
                return
            yield chunk


def upload_sources(files: Any) -> list[UploadSource]:
    """The upload sources among an httpx ``files=`` value (a mapping or a list of pairs)."""
    if not files:
        return []
    values = files.values() if isinstance(files, Mapping) else [value for _, value in files]
    found = []
    for value in values:
        file = value[1] if isinstance(value, tuple) else value
        if isinstance(file, UploadSource):
            found.append(file)
    return found
