"""The paired primitives: each thing the async source waits with, beside its blocking twin.

``scripts/generate_sync.py`` renames the async half to the sync half (``NAMES``), so the async
source uses these rather than an event-loop library directly; httpcore's
``_synchronization.py`` is the model. The throttle's lock is a ``threading.Lock`` in both
twins on purpose (it is never held across a wait), so it has no pair here.
"""

from __future__ import annotations

import contextlib
import functools
import inspect
import time
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Generator, Iterator
from typing import TYPE_CHECKING, ParamSpec, TypeVar

if TYPE_CHECKING:
    # The ``redis`` extra's types, paired like the rest (assigned: re-exported to the twins).
    import redis
    import redis.asyncio

    RedisClient = redis.Redis
    AsyncRedisClient = redis.asyncio.Redis

T = TypeVar("T")
P = ParamSpec("P")

AsyncSleep = Callable[[float], Awaitable[None]]
"""The async client's ``sleep=`` seam: waits that many seconds."""

Sleep = Callable[[float], None]
"""The blocking client's ``sleep=`` seam: waits that many seconds."""

# A call to make later (a look-up the campaign runner may repeat): the async one returns
# something to await.
AsyncThunk = Callable[[], Awaitable[T]]
Thunk = Callable[[], T]

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


async def async_offload(func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """A blocking call (a campaign journal's SQLite commit, which fsyncs) run in a worker
    thread, so the event loop goes on serving the other tasks meanwhile. Not abandoned on
    cancellation: a commit under way finishes before the cancellation is delivered."""
    import anyio.to_thread

    return await anyio.to_thread.run_sync(functools.partial(func, *args, **kwargs))


def offload(func: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    # The blocking flavour has no loop to keep free: the call runs in place.
    return func(*args, **kwargs)


# A cleanup that must finish although its task is being cancelled (a waiter handing its slot
# back to the shared budget): shielded, and bounded so it cannot wedge the cancellation.
SHIELD_TIMEOUT = 2.0


@contextlib.asynccontextmanager
async def async_shield() -> AsyncIterator[None]:
    import anyio

    with anyio.move_on_after(SHIELD_TIMEOUT, shield=True):
        yield


@contextlib.contextmanager
def shield() -> Iterator[None]:
    # Nothing cancels a blocking call from outside: the cleanup just runs.
    yield


# The Redis clients of the shared rate limiter (the ``redis`` extra), imported on first use.
# A few connections per client, which concurrent calls queue for: a burst of calls must not
# open a connection each (the first acquire of each would pay for a connect).
REDIS_CONNECTIONS = 8
# Seconds a call may queue for one of them: a busy pool is not a lost Redis (``timeout`` is
# for connecting and for each reply).
REDIS_POOL_WAIT = 10.0


def async_redis_from_url(url: str, *, timeout: float) -> AsyncRedisClient:
    import redis.asyncio

    pool = redis.asyncio.BlockingConnectionPool.from_url(
        url,
        max_connections=REDIS_CONNECTIONS,
        timeout=REDIS_POOL_WAIT,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
    )
    return redis.asyncio.Redis.from_pool(pool)


def redis_from_url(url: str, *, timeout: float) -> RedisClient:
    import redis

    pool = redis.BlockingConnectionPool.from_url(
        url,
        max_connections=REDIS_CONNECTIONS,
        timeout=REDIS_POOL_WAIT,
        socket_timeout=timeout,
        socket_connect_timeout=timeout,
    )
    return redis.Redis.from_pool(pool)
