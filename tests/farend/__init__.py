"""A hostile far end for the tests: a small HTTP/1.1 server (h11 over plain sockets, one
thread per connection) that plays a tiny slice of TokPortal (paid bundle creation with an
idempotency ledger, bundle reads and listings) and misbehaves on request.

It is deliberately NOT the emulator: the emulator shares the SDK's spec and checks, so it
agrees with the client by construction. This one is written from the wire up.
"""

from __future__ import annotations

from .server import KINDS, Arrival, FarEnd, Fault, Listener
from .timing import async_deadline, deadline

__all__ = ["KINDS", "Arrival", "FarEnd", "Fault", "Listener", "async_deadline", "deadline"]
