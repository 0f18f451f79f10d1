"""Upload decisions, without I/O: what an upload may read from, the file name and content
type it is sent under, and the refusals of bad arguments.

The reading itself (opening a path, measuring a file object, reading chunks, rewinding) lives
in the I/O layer, ``tokportal._io.files``, which asks these functions what to do.
"""

from __future__ import annotations

import io
import mimetypes
import os
from collections.abc import Callable
from typing import Any, Protocol

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
    "CHUNK_SIZE",
    "DEFAULT_CONTENT_TYPE",
    "Progress",
    "SupportsRead",
    "UploadConnectionError",
    "UploadError",
    "UploadFile",
    "UploadRewindError",
    "UploadStatusError",
    "UploadTimeoutError",
    "check_upload_arguments",
    "chosen_content_type",
    "chosen_filename",
    "not_bytes",
    "refuse_file",
    "rewind_refused",
    "seek_target",
]

DEFAULT_CONTENT_TYPE = "application/octet-stream"
CHUNK_SIZE = 64 * 1024
"""How much is read at a time: what httpx's multipart encoder asks for, too."""


class SupportsRead(Protocol):
    """A binary reader: ``read(n)`` gives at most ``n`` bytes, ``b""`` at the end."""

    def read(self, size: int = ..., /) -> bytes: ...


UploadFile = str | os.PathLike[str] | bytes | bytearray | memoryview | SupportsRead
"""What an upload reads from: a path, the bytes themselves, or a binary file object."""

Progress = Callable[[int, int | None], None]
"""Called as chunks are read with (bytes sent so far, total bytes or None when unknown)."""


def refuse_file(value: Any, rule: str) -> InvalidRequestError:
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


def check_upload_arguments(
    filename: str | None, content_type: str | None, progress: Progress | None
) -> None:
    """The arguments that come with a file, refused before the file is touched."""
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


def chosen_filename(filename: str | None, name: Any, content_type: str | None) -> str:
    """The given file name, else the base name of the path (or of the file object's
    ``name``), else ``upload`` with an extension guessed from the content type."""
    if filename:
        return filename
    if isinstance(name, (str, os.PathLike)):
        base = os.path.basename(os.fspath(name))
        if isinstance(base, str) and base:
            return base
    extension = mimetypes.guess_extension(content_type) if content_type else None
    return "upload" + (extension or "")


def chosen_content_type(content_type: str | None, filename: str) -> str:
    """The given content type, else a guess from the file name, else octet-stream."""
    return content_type or mimetypes.guess_type(filename)[0] or DEFAULT_CONTENT_TYPE


def not_bytes(chunk: object) -> InvalidRequestError:
    """The refusal of a file object that reads text (or anything but bytes)."""
    return InvalidRequestError(
        f"the upload source returned {type(chunk).__name__}, not bytes: open the file "
        "in binary mode ('rb')",
        field="file",
    )


def rewind_refused() -> UploadRewindError:
    # Not io.UnsupportedOperation: httpx would swallow it and send the rest only.
    return UploadRewindError(
        "this upload stream cannot seek back, so it cannot be sent again; pass a "
        "path, bytes or a seekable binary file to allow retries"
    )


def seek_target(offset: int, whence: int, *, position: int, size: int | None) -> int:
    """Where ``seek(offset, whence)`` lands, counted from the upload's start."""
    if whence == io.SEEK_SET:
        return offset
    if whence == io.SEEK_CUR:
        return position + offset
    if whence == io.SEEK_END and size is not None:
        return size + offset
    # An OSError tells httpx the length is unknown (it then sends chunked).
    raise io.UnsupportedOperation("the size of this stream is unknown")
