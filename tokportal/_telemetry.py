"""The seam between the transport and telemetry: what the transport calls, and where
``tokportal.otel.instrument()`` plugs in.

Nothing here imports OpenTelemetry: a program that never instruments pays one global read
per call. The slot is process-wide (as OpenTelemetry instrumentors are), so clients made
before or after ``instrument()`` are traced alike.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from ._core.api_response import APIResponse
    from ._core.events import AttemptEvent


class CallTrace(Protocol):
    """One logical call's trace: entered around all its attempts (so the attempts' own
    spans are its children), told each attempt, and the response when it succeeds."""

    def __enter__(self) -> CallTrace: ...

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None: ...

    def attempt(self, event: AttemptEvent) -> None: ...

    def succeeded(self, response: APIResponse) -> None: ...


class CallTracer(Protocol):
    def start(
        self,
        *,
        operation_id: str,
        method: str,
        path_template: str,
        idempotency_key: str | None,
        dry_run: bool,
    ) -> CallTrace: ...


_tracer: CallTracer | None = None


def current() -> CallTracer | None:
    return _tracer


def install(tracer: CallTracer | None) -> None:
    global _tracer
    _tracer = tracer
