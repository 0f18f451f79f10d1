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


Outcome = tuple[Any, Exception | None]  # a step's result, or the error it raised


def _advance(flow: Flow[T], outcome: Outcome) -> tuple[bool, Any]:
    """Resume ``flow`` with a step's result, or raise its error inside the flow at the
    ``yield``: ``(True, value)`` once the flow has returned, else ``(False, next_step)``."""
    result, error = outcome
    try:
        return False, flow.send(result) if error is None else flow.throw(error)
    except StopIteration as stop:
        return True, stop.value


async def _outcome_async(step: Any) -> Outcome:
    try:
        if isinstance(step, Blocking):
            return await anyio.to_thread.run_sync(step.function), None
        if inspect.isawaitable(step):
            return await step, None
        return step, None
    except Exception as exc:  # handed back to the flow, where it yielded
        return None, exc


def _outcome_sync(step: Any) -> Outcome:
    try:
        return (step.function() if isinstance(step, Blocking) else step), None
    except Exception as exc:  # handed back to the flow, where it yielded
        return None, exc


async def run_async(flow: Flow[T]) -> T:
    done, step = _advance(flow, (None, None))
    while not done:
        done, step = _advance(flow, await _outcome_async(step))
    value: T = step
    return value


def run_sync(flow: Flow[T]) -> T:
    done, step = _advance(flow, (None, None))
    while not done:
        done, step = _advance(flow, _outcome_sync(step))
    value: T = step
    return value
