"""Upload sources, streamed: a path, bytes or a binary file object read chunk by chunk.

A file is never read into memory: httpx's multipart encoder (direct uploads) and the
presigned PUT's body pull 64 KiB at a time from an :class:`UploadSource`, which counts bytes
for the progress callback, knows its size (for ``Content-Length``) and goes back to where it
started on ``seek(0)``, so every retry sends the whole file again.

Reading ahead: :meth:`UploadSource.read_ahead` reads the next chunk into memory (blocking),
and the next :meth:`~UploadSource.read` hands it out without touching the file. The async
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

__all__ = ["UploadSource", "open_upload"]


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
        self._ahead = b""  # read from the file, not handed out yet
        self._reader_at_end = False

    @property
    def name(self) -> str:
        return self.filename

    def as_multipart(self) -> tuple[str, UploadSource, str]:
        """The ``files=`` value httpx's multipart encoder takes."""
        return (self.filename, self, self.content_type)

    def read_ahead(self) -> None:
        """Read the next chunk from the file, for the next :meth:`read` (blocking: the
        async body calls it in a worker thread). Does nothing when a chunk is waiting."""
        if not self._ahead:
            self._ahead = self._read_file(CHUNK_SIZE)

    def read(self, size: int = -1, /) -> bytes:
        if not self._ahead:
            self._ahead = self._read_file(size)
        if size is None or size < 0:
            size = len(self._ahead)
        chunk, self._ahead = self._ahead[:size], self._ahead[size:]
        if chunk:
            self._position += len(chunk)
            self._has_read = True
            if self._progress is not None:
                self._progress(self._position, self.size)
        return chunk

    def _read_file(self, size: int) -> bytes:
        """At most ``size`` bytes from the file (all that is left for a negative size)."""
        if self._reader_at_end:
            return b""
        if self.size is not None:
            # Never more than announced in Content-Length, even if the file grows meanwhile.
            remaining = self.size - self._position - len(self._ahead)
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
        self._ahead = b""  # read from where the reader was: not what comes next now
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
    if isinstance(file, (str, os.PathLike)):
        reader = _open_path(file)
        owned = True
        name: Any = os.fspath(file)
    elif isinstance(file, (bytes, bytearray, memoryview)):
        reader = io.BytesIO(file if isinstance(file, bytes) else bytes(file))
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
        progress=progress,
    )
