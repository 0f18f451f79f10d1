"""The paired primitives: each thing the async source waits with, beside its blocking twin.

``scripts/generate_sync.py`` renames the async half to the sync half (``NAMES``), so the async
source uses these rather than an event-loop library directly; httpcore's
``_synchronization.py`` is the model. The throttle's lock is a ``threading.Lock`` in both
twins on purpose (it is never held across a wait), so it has no pair here.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import AsyncGenerator, Awaitable, Callable, Generator
from typing import TypeVar

T = TypeVar("T")

AsyncSleep = Callable[[float], Awaitable[None]]
"""The async client's ``sleep=`` seam: waits that many seconds."""

Sleep = Callable[[float], None]
"""The blocking client's ``sleep=`` seam: waits that many seconds."""

# A generator that yields ``T`` and is sent nothing: the two spellings differ in their number
# of type arguments, so a name map alone could not pair them.
AsyncGeneratorOf = AsyncGenerator[T, None]
GeneratorOf = Generator[T, None, None]


async def async_sleep(seconds: float) -> None:
    # Imported here: the blocking client never loads anyio.
    import anyio

    await anyio.sleep(seconds)


def sleep(seconds: float) -> None:
    time.sleep(seconds)


async def async_settle(result: object) -> None:
    """What an event hook returned: the async client awaits a coroutine function's work."""
    if inspect.isawaitable(result):
        await result


def settle(result: object) -> None:
    """What an event hook returned: the blocking client has no loop to run a coroutine on,
    so a coroutine function given as its hook is refused (closed, never left pending)."""
    if inspect.iscoroutine(result):
        result.close()
    if inspect.isawaitable(result):
        raise TypeError("the blocking client's hooks must be plain functions, not async ones")
