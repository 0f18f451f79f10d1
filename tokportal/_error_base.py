"""The root of the exception hierarchy, alone in a leaf module.

``tokportal.errors`` reads consent quotes from error details (so it sits above the model base),
while the model base raises a ``TokPortalError`` of its own (``NoAPIResponseError``): both import
the root class from here, and neither imports the other.
"""

from __future__ import annotations

from typing import ClassVar

_ReprFields = tuple[tuple[str, str], ...]


class TokPortalError(Exception):
    """Base class of every error raised by this SDK."""

    # Shown, pickled and documented as ``tokportal.errors.TokPortalError``, where users
    # import it from.
    __module__ = "tokportal.errors"

    # What repr() shows, in order: (label, attribute); None values are left out, except
    # the message.
    _repr_fields: ClassVar[_ReprFields] = (("message", "message"),)

    def __repr__(self) -> str:
        # Class, code, status, message and ids: what a log line or a debugger needs to
        # match the failure and quote it to support (str() stays the readable message).
        parts: list[str] = []
        for label, name in self._repr_fields:
            value = getattr(self, name, None)
            if label == "message" and not isinstance(value, str):
                value = str(self.args[0]) if self.args else ""
            if value is not None:
                parts.append(f"{label}={value!r}")
        return f"{type(self).__name__}({', '.join(parts)})"
