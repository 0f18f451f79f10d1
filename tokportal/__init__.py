"""tokportal: the typed, asyncio-first Python SDK for the TokPortal API."""

from __future__ import annotations

from ._operations import OPERATIONS, Operation
from ._version import __version__
from .errors import *  # noqa: F403
from .errors import __all__ as _errors_all

__all__ = ["OPERATIONS", "Operation", "__version__", *_errors_all]
