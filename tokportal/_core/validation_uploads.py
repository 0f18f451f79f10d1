"""Local checks for media uploads (API.md §1.13, §2.10): the target bundle and image
purpose of a multipart form (the field table describes JSON bodies only; the JSON upload
calls are checked by it), and how many times a file source may be sent. See
``validation``'s docstring for the contract.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .._types import NOT_GIVEN
from ..errors import InvalidRequestError
from ..models._enums import ImagePurpose
from . import validation as check

if TYPE_CHECKING:
    from .._types import RequestOptions

IMAGE_PURPOSES = frozenset(p.value for p in ImagePurpose)


def check_target(bundle_id: Any, purpose: Any = NOT_GIVEN) -> None:
    """``bundle_id`` is required; ``purpose``, when given, is ``carousel|profile_picture``."""
    if not isinstance(bundle_id, str) or not bundle_id.strip():
        raise check.refuse("bundle_id", bundle_id, "is required (a non-empty string)")
    if purpose is not NOT_GIVEN:
        # A closed set: API.md §1.13 says an explicitly invalid purpose is rejected.
        check.choice("purpose", purpose, IMAGE_PURPOSES)


def one_attempt_unless_rewindable(rewindable: bool, options: RequestOptions) -> RequestOptions:
    """A source that cannot seek back is sent once: no retries, and asking for some is refused."""
    if rewindable:
        return options
    if options.get("max_retries"):
        raise check.refuse(
            "max_retries",
            options.get("max_retries"),
            "a stream that cannot seek back can be sent only once: pass a path, bytes or a "
            "seekable binary file to allow retries",
        )
    return {**options, "max_retries": 0}


def unsized(file: Any) -> InvalidRequestError:
    """The refusal of a presigned PUT whose size is unknown (storage needs
    ``Content-Length``); the caller closes the source, then raises it."""
    return check.refuse(
        "file",
        file,
        "storage needs the size up front (Content-Length): pass a path, bytes or a "
        "seekable binary file",
    )
