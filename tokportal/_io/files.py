"""Upload sources, streamed: a path, bytes or a binary file object read chunk by chunk.

A file is never read into memory: httpx's multipart encoder (direct uploads) and the
presigned PUT's body pull 64 KiB at a time from an :class:`UploadSource`, which counts bytes
for the progress callback, knows its size (for ``Content-Length``) and goes back to where it
started on ``seek(0)``, so every retry sends the whole file again.

Reading ahead: :meth:`UploadSource.read_ahead` reads up to 1 MiB into memory (blocking),
and the next :meth:`~UploadSource.read` calls hand it out without touching the file. The async
body calls ``read_ahead`` in a worker thread before each chunk is taken, so the event loop
never waits on the disk; the sync body does not, and ``read`` reads in place. Seeking
(measuring the size, rewinding) reads nothing and stays where it is called.
"""

from __future__ import annotations

import io
import os
from types import TracebackType
from typing import Any

from .._core.uploads import (
    CHUNK_SIZE,
    Progress,
    SupportsRead,
    UploadFile,
    check_upload_arguments,
    chosen_content_type,
    chosen_filename,
    not_bytes,
    refuse_file,
    rewind_refused,
    seek_target,
)

__all__ = ["READ_AHEAD", "UploadSource", "open_upload"]

READ_AHEAD = 16 * CHUNK_SIZE
"""How much the async flavour reads per trip to a worker thread (1 MiB): one trip per
64 KiB chunk cost as much as the read itself."""


class UploadSource:
    """A binary source read chunk by chunk, for httpx to stream.

    Counts the bytes read (``progress``), knows its ``size`` when the source can tell, and
    rewinds to its starting offset on ``seek(0)``. It is a context manager that closes the
    file only when it opened it (a path).
    """

    def __init__(
        self,
        reader: SupportsRead,
        *,
        filename: str,
        content_type: str,
        size: int | None,
        start: int = 0,
        rewindable: bool,
        owned: bool,
        in_memory: bool = False,
        progress: Progress | None = None,
    ) -> None:
        self._reader = reader
        self.filename = filename
        self.content_type = content_type
        self.size = size
        self.rewindable = rewindable
        self._start = start
        self._owned = owned
        self._progress = progress
        self._position = 0  # bytes handed out since the start
        self._has_read = False
        # Read from the file but not handed out yet: _ahead[_ahead_from:].
        self._ahead = b""
        self._ahead_from = 0
        self._reader_at_end = False
        # Bytes given as such are read from memory: nothing to take off the event loop.
        self._in_memory = in_memory

    @property
    def name(self) -> str:
        return self.filename

    def as_multipart(self) -> tuple[str, UploadSource, str]:
        """The ``files=`` value httpx's multipart encoder takes."""
        return (self.filename, self, self.content_type)

    @property
    def wants_read_ahead(self) -> bool:
        """Whether the next :meth:`read` would wait on the file: nothing is waiting in
        memory and the file may have more."""
        if self._in_memory or self._reader_at_end or self._ahead_from < len(self._ahead):
            return False
        return self.size is None or self._position < self.size

    def read_ahead(self) -> None:
        """Read up to :data:`READ_AHEAD` bytes from the file for the next reads (blocking:
        the async body calls it in a worker thread, when :attr:`wants_read_ahead`)."""
        if self.wants_read_ahead:
            self._keep_ahead(self._read_file(READ_AHEAD))

    def read(self, size: int = -1, /) -> bytes:
        """At most ``size`` bytes: from what was read ahead when there is some (then,
        even with ``size=-1``, no more than that), else from the file."""
        if self._ahead_from >= len(self._ahead):
            self._keep_ahead(self._read_file(size))
        end = len(self._ahead) if size is None or size < 0 else self._ahead_from + size
        chunk = self._ahead[self._ahead_from : end]
        self._ahead_from += len(chunk)
        if chunk:
            self._position += len(chunk)
            self._has_read = True
            if self._progress is not None:
                self._progress(self._position, self.size)
        return chunk

    def _keep_ahead(self, data: bytes) -> None:
        self._ahead = data
        self._ahead_from = 0

    def _read_file(self, size: int) -> bytes:
        """At most ``size`` bytes from the file (all that is left for a negative size);
        called only when nothing read ahead is left."""
        if self._reader_at_end:
            return b""
        if self.size is not None:
            # Never more than announced in Content-Length, even if the file grows meanwhile.
            remaining = self.size - self._position
            size = remaining if size is None or size < 0 else min(size, remaining)
            if size <= 0:
                return b""
        chunk = self._reader.read(size)
        if isinstance(chunk, (bytearray, memoryview)):
            chunk = bytes(chunk)
        if not isinstance(chunk, bytes):
            raise not_bytes(chunk)
        if not chunk:
            self._reader_at_end = True
        return chunk

    def tell(self) -> int:
        return self._position

    def seekable(self) -> bool:
        return self.rewindable

    def seek(self, offset: int, whence: int = io.SEEK_SET, /) -> int:
        target = seek_target(offset, whence, position=self._position, size=self.size)
        if target == self._position:
            return target
        if not self.rewindable:
            raise rewind_refused()
        self._reader.seek(self._start + target)  # type: ignore[attr-defined]
        self._keep_ahead(b"")  # read from where the reader was: not what comes next now
        self._reader_at_end = False
        if target == 0 and self._has_read and self._progress is not None:
            self._progress(0, self.size)
        self._position = target
        return target

    def close(self) -> None:
        if self._owned:
            close = getattr(self._reader, "close", None)
            if close is not None:
                close()

    def __enter__(self) -> UploadSource:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<UploadSource {self.filename!r} {self.content_type} size={self.size}>"


def _seekable(reader: Any) -> bool:
    try:
        return bool(reader.seekable())
    except (AttributeError, OSError, ValueError):
        return False


def _open_path(file: str | os.PathLike[str]) -> Any:
    path = os.fspath(file)
    if not isinstance(path, str) or not path:
        raise refuse_file(file, "must be a path, bytes or a binary file object")
    try:
        return open(path, "rb")
    except OSError as exc:
        raise refuse_file(
            file, f"cannot be opened ({exc.strerror or type(exc).__name__})"
        ) from None
    except ValueError:  # a NUL byte or a lone surrogate in the path
        raise refuse_file(file, "is not a valid path (NUL byte or lone surrogate)") from None


def open_upload(
    file: UploadFile,
    *,
    filename: str | None = None,
    content_type: str | None = None,
    progress: Progress | None = None,
) -> UploadSource:
    """Check the source and wrap it; use as a context manager (closes what it opened).

    The file name defaults to the path's (or the file object's) base name, the content type
    to a guess from the file name, else ``application/octet-stream``. A file object is read
    from its current position.
    """
    check_upload_arguments(filename, content_type, progress)
    reader: Any
    owned = False
    in_memory = False
    if isinstance(file, (str, os.PathLike)):
        reader = _open_path(file)
        owned = True
        name: Any = os.fspath(file)
    elif isinstance(file, (bytes, bytearray, memoryview)):
        reader = io.BytesIO(file if isinstance(file, bytes) else bytes(file))
        in_memory = True
        name = None
    elif isinstance(file, io.TextIOBase):
        raise refuse_file(file, "is a text stream: open the file in binary mode ('rb')")
    elif callable(getattr(file, "read", None)):
        reader = file
        name = getattr(file, "name", None)
    else:
        raise refuse_file(file, "must be a path, bytes or a binary file object")

    chosen_name = chosen_filename(filename, name, content_type)
    size: int | None = None
    start = 0
    rewindable = _seekable(reader)
    if rewindable:
        # Measured by seeking, which reads nothing (cheap on the event loop too).
        try:
            start = reader.tell()
            end = reader.seek(0, io.SEEK_END)
            reader.seek(start)
            size = max(0, end - start)
        except (OSError, ValueError):
            rewindable = False
            size = None
    return UploadSource(
        reader,
        filename=chosen_name,
        content_type=chosen_content_type(content_type, chosen_name),
        size=size,
        start=start,
        rewindable=rewindable,
        owned=owned,
        in_memory=in_memory,
        progress=progress,
    )
