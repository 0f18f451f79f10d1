"""The business clock: when things happen in the emulated world.

It stands still between :meth:`Emulator.advance` calls so that timestamps and the simulated
account manager are reproducible. Rate limiting and capacity use real monotonic time instead
(see ``ratelimit.py``), because clients throttle against the wall clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import attrs


def utc(value: datetime) -> datetime:
    return (
        value.replace(tzinfo=timezone.utc)
        if value.tzinfo is None
        else value.astimezone(timezone.utc)
    )


@attrs.define
class BusinessClock:
    now: datetime

    @classmethod
    def starting_at(cls, start: datetime | None) -> BusinessClock:
        if start is None:
            start = datetime.now(timezone.utc).replace(microsecond=0)
        return cls(now=utc(start))

    def move_to(self, when: datetime) -> None:
        if when > self.now:
            self.now = when

    def after(self, **delta: float) -> datetime:
        return self.now + timedelta(**delta)
