"""ISO 8601 date-times as the API writes them, read the same on every Python version."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

DATETIME_RE = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt ]([0-9]{2}):([0-9]{2})"
    r"(?::([0-9]{2})(?:[.,]([0-9]+))?)?"
    r"([Zz]|[+-][0-9]{2}(?::?[0-9]{2})?)?"
)


def parse_datetime(value: object) -> datetime | None:
    """ISO 8601 date-time (``Z`` or an offset; none keeps it naive), else None.

    Hand-rolled because ``datetime.fromisoformat`` on 3.10 rejects ``Z`` and most fractions.
    """
    if not isinstance(value, str):
        return None
    match = DATETIME_RE.fullmatch(value.strip())
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    micro = int((fraction or "0")[:6].ljust(6, "0"))
    tz: timezone | None = None
    if offset in ("Z", "z"):
        tz = timezone.utc
    elif offset:
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:] or "0")
        try:
            tz = timezone(sign * timedelta(minutes=minutes))
        except ValueError:
            return None
    try:
        return datetime(
            int(year),
            int(month),
            int(day),
            int(hour),
            int(minute),
            int(second or "0"),
            micro,
            tzinfo=tz,
        )
    except ValueError:
        return None


def format_datetime(value: datetime) -> str:
    """ISO 8601 as the API writes it: UTC as ``Z``, any other offset as ``+HH:MM``."""
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text
