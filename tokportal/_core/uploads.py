"""Upload sources, streamed: a path, bytes or a binary file object read chunk by chunk.

A file is never read into memory: httpx's multipart encoder (direct uploads) and
:class:`UploadStream` (presigned PUTs) pull 64 KiB at a time from an :class:`UploadSource`,
which counts bytes for the progress callback, knows its size (for ``Content-Length``) and goes
back to where it started on ``seek(0)``, so every retry sends the whole file again.

Also here: the errors of the presigned PUT, and the log filter that keeps its URL (a secret
capability) out of httpx's and httpcore's log records.
"""

from __future__ import annotations

import contextlib
import contextvars
import io
import logging
import mimetypes
import os
import threading
from collections.abc import AsyncIterator, Callable, Iterator
from types import TracebackType
from typing import Any, Protocol

import httpx

from ..errors import (
    InvalidRequestError,
    UploadConnectionError,
    UploadError,
    UploadRewindError,
    UploadStatusError,
    UploadTimeoutError,
)
from .validation import shown

__all__ = [
    "DEFAULT_CONTENT_TYPE",
    "Progress",
    "SupportsRead",
    "UploadConnectionError",
    "UploadError",
    "UploadFile",
    "UploadRewindError",
    "UploadSource",
    "UploadStatusError",
    "UploadStream",
    "UploadTimeoutError",
    "hide_http_logs",
    "open_upload",
]

DEFAULT_CONTENT_TYPE = "application/octet-stream"
CHUNK_SIZE = 64 * 1024


class SupportsRead(Protocol):
    """A binary reader: ``read(n)`` gives at most ``n`` bytes, ``b""`` at the end."""

    def read(self, size: int = ..., /) -> bytes: ...


UploadFile = str | os.PathLike[str] | bytes | bytearray | memoryview | SupportsRead
"""What an upload reads from: a path, the bytes themselves, or a binary file object."""

Progress = Callable[[int, int | None], None]
"""Called as chunks are read with (bytes sent so far, total bytes or None when unknown)."""


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
        self._position = 0
        self._has_read = False

    @property
    def name(self) -> str:
        return self.filename

    def as_multipart(self) -> tuple[str, UploadSource, str]:
        """The ``files=`` value httpx's multipart encoder takes."""
        return (self.filename, self, self.content_type)

    def read(self, size: int = -1, /) -> bytes:
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
            raise InvalidRequestError(
                f"the upload source returned {type(chunk).__name__}, not bytes: open the file "
                "in binary mode ('rb')",
                field="file",
            )
        if chunk:
            self._position += len(chunk)
            self._has_read = True
            if self._progress is not None:
                self._progress(self._position, self.size)
        return chunk

    def tell(self) -> int:
        return self._position

    def seekable(self) -> bool:
        return self.rewindable

    def seek(self, offset: int, whence: int = io.SEEK_SET, /) -> int:
        if whence == io.SEEK_SET:
            target = offset
        elif whence == io.SEEK_CUR:
            target = self._position + offset
        elif whence == io.SEEK_END and self.size is not None:
            target = self.size + offset
        else:
            # An OSError tells httpx the length is unknown (it then sends chunked).
            raise io.UnsupportedOperation("the size of this stream is unknown")
        if target == self._position:
            return target
        if not self.rewindable:
            # Not io.UnsupportedOperation: httpx would swallow it and send the rest only.
            raise UploadRewindError(
                "this upload stream cannot seek back, so it cannot be sent again; pass a "
                "path, bytes or a seekable binary file to allow retries"
            )
        self._reader.seek(self._start + target)  # type: ignore[attr-defined]
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


class UploadStream(httpx.SyncByteStream, httpx.AsyncByteStream):
    """A request body streamed from an :class:`UploadSource`, from its start each time."""

    def __init__(self, source: UploadSource) -> None:
        self._source = source

    def _chunks(self) -> Iterator[bytes]:
        self._source.seek(0)
        while True:
            chunk = self._source.read(CHUNK_SIZE)
            if not chunk:
                return
            yield chunk

    def __iter__(self) -> Iterator[bytes]:
        yield from self._chunks()

    async def __aiter__(self) -> AsyncIterator[bytes]:
        for chunk in self._chunks():
            yield chunk


def _refuse(value: Any, rule: str) -> InvalidRequestError:
    return InvalidRequestError(f"file={shown(value)} is refused: {rule}", field="file", value=value)


def _text(field: str, value: Any) -> str:
    if isinstance(value, str) and value.strip():
        try:
            value.encode("utf-8")  # it goes into a multipart part's headers
        except UnicodeEncodeError:
            raise InvalidRequestError(
                f"{field}={shown(value)} is refused: holds a lone surrogate",
                field=field,
                value=value,
            ) from None
    if not isinstance(value, str) or not value.strip():
        raise InvalidRequestError(
            f"{field}={shown(value)} is refused: must be a non-empty string",
            field=field,
            value=value,
        )
    return value


def _default_filename(name: Any, content_type: str | None) -> str:
    if isinstance(name, (str, os.PathLike)):
        base = os.path.basename(os.fspath(name))
        if isinstance(base, str) and base:
            return base
    extension = mimetypes.guess_extension(content_type) if content_type else None
    return "upload" + (extension or "")


def _seekable(reader: Any) -> bool:
    try:
        return bool(reader.seekable())
    except (AttributeError, OSError, ValueError):
        return False


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
    if filename is not None:
        _text("filename", filename)
    if content_type is not None:
        _text("content_type", content_type)
    if progress is not None and not callable(progress):
        raise InvalidRequestError(
            f"progress={shown(progress)} is refused: must be a callable (sent, total)",
            field="progress",
            value=progress,
        )
    reader: Any
    owned = False
    if isinstance(file, (str, os.PathLike)):
        path = os.fspath(file)
        if not isinstance(path, str) or not path:
            raise _refuse(file, "must be a path, bytes or a binary file object")
        try:
            reader = open(path, "rb")  # noqa: SIM115 - closed by UploadSource.close
        except OSError as exc:
            raise _refuse(
                file, f"cannot be opened ({exc.strerror or type(exc).__name__})"
            ) from None
        except ValueError:  # a NUL byte or a lone surrogate in the path
            raise _refuse(file, "is not a valid path (NUL byte or lone surrogate)") from None
        owned = True
        name: Any = path
    elif isinstance(file, (bytes, bytearray, memoryview)):
        reader = io.BytesIO(file if isinstance(file, bytes) else bytes(file))
        name = None
    elif isinstance(file, io.TextIOBase):
        raise _refuse(file, "is a text stream: open the file in binary mode ('rb')")
    elif callable(getattr(file, "read", None)):
        reader = file
        name = getattr(file, "name", None)
    else:
        raise _refuse(file, "must be a path, bytes or a binary file object")

    chosen_name = filename or _default_filename(name, content_type)
    chosen_type = content_type or mimetypes.guess_type(chosen_name)[0] or DEFAULT_CONTENT_TYPE
    size: int | None = None
    start = 0
    rewindable = _seekable(reader)
    if rewindable:
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
        content_type=chosen_type,
        size=size,
        start=start,
        rewindable=rewindable,
        owned=owned,
        progress=progress,
    )


# -- keeping the presigned URL out of log records -------------------------------------------------

_HTTP_LOGGERS = (
    "httpx",
    "httpcore.connection",
    "httpcore.http11",
    "httpcore.http2",
    "httpcore.proxy",
    "httpcore.socks",
)
_hiding: contextvars.ContextVar[bool] = contextvars.ContextVar("tokportal_hide_http_logs")
_install_lock = threading.Lock()
_installed = False


class _HideWhileUploading(logging.Filter):
    """Drops httpx/httpcore records made inside :func:`hide_http_logs` (same task or
    thread only): they would print the presigned URL."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not _hiding.get(False)


def _install_filter() -> None:
    global _installed
    with _install_lock:
        if _installed:
            return
        log_filter = _HideWhileUploading()
        for name in _HTTP_LOGGERS:
            logging.getLogger(name).addFilter(log_filter)
        _installed = True


@contextlib.contextmanager
def hide_http_logs() -> Iterator[None]:
    """Silence httpx's and httpcore's loggers for the calls made inside (this context only)."""
    _install_filter()
    token = _hiding.set(True)
    try:
        yield
    finally:
        _hiding.reset(token)
