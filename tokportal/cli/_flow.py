"""Run one scripted flow with either client.

The demo campaign is written once, as a generator that *yields* each client call and gets
its result back: ``me = yield client.me.get()``. With ``AsyncTokPortal`` the call is a
coroutine and :func:`run_async` awaits it; with ``TokPortal`` the call already ran and
:func:`run_sync` hands the value straight back. An error is raised inside the flow at the
``yield``, exactly where a plain ``await`` or call would have raised it.

Blocking work the flow needs (waiting for webhook deliveries) is yielded as :class:`Blocking`
so the async driver can move it off the event loop.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Generator
from typing import Any, TypeVar

import anyio.to_thread

T = TypeVar("T")
Flow = Generator[Any, Any, T]


class Blocking:
    """A blocking call the flow wants made (in a worker thread under the async driver)."""

    def __init__(self, function: Callable[[], Any]) -> None:
        self.function = function


async def _resolve_async(step: Any) -> Any:
    if isinstance(step, Blocking):
        return await anyio.to_thread.run_sync(step.function)
    if inspect.isawaitable(step):
        return await step
    return step


def _resolve_sync(step: Any) -> Any:
    return step.function() if isinstance(step, Blocking) else step


async def run_async(flow: Flow[T]) -> T:
    result: Any = None
    error: Exception | None = None
    while True:
        try:
            step = flow.send(result) if error is None else flow.throw(error)
        except StopIteration as stop:
            value: T = stop.value
            return value
        result, error = None, None
        try:
            result = await _resolve_async(step)
        except Exception as exc:  # raised inside the flow, where it yielded
            error = exc


def run_sync(flow: Flow[T]) -> T:
    result: Any = None
    error: Exception | None = None
    while True:
        try:
            step = flow.send(result) if error is None else flow.throw(error)
        except StopIteration as stop:
            value: T = stop.value
            return value
        result, error = None, None
        try:
            result = _resolve_sync(step)
        except Exception as exc:
            error = exc
