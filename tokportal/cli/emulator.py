"""``tokportal emulator``: serve the embedded emulator on loopback until Ctrl-C."""

from __future__ import annotations

import argparse
import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress

from .._core.config import API_VERSION
from ..testing import Emulator

DEFAULT_PORT = 8765
LOOPBACK = ("127.0.0.1", "localhost", "::1")
TICK_SECONDS = 0.25


@contextmanager
def _stop_on_sigterm(stop: threading.Event) -> Iterator[None]:
    """``kill``/``terminate()`` stop the server cleanly, like Ctrl-C."""
    try:
        previous = signal.signal(signal.SIGTERM, lambda signum, frame: stop.set())
    except ValueError:  # not the main thread: only Ctrl-C then
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def banner(emu: Emulator, base_url: str, args: argparse.Namespace) -> str:
    clock = (
        f"runs at x{args.speed:g} (from {emu.now:%Y-%m-%d %H:%M} UTC)"
        if args.speed > 0
        else f"stands still at {emu.now:%Y-%m-%d %H:%M} UTC (--speed X makes it move)"
    )
    return f"""\
TokPortal emulator (API {API_VERSION}, seed {args.seed}) serving {base_url}

  API key     {emu.api_key}
              a fake key: it works only on this emulator, never on app.tokportal.com
  workspace   {args.credits} credits, {args.rate_limit:g} requests/min per key
  clock       {clock}

Point the SDK at it:
  export TOKPORTAL_BASE_URL={base_url}
  export TOKPORTAL_API_KEY={emu.api_key}
  python -c "from tokportal import TokPortal; print(TokPortal().me.get())"

Webhook endpoints on 127.0.0.1 are called over plain HTTP (register https://127.0.0.1:PORT/...).
Everything is in memory. Ctrl-C to stop."""


def _serve_until_stopped(emu: Emulator, stop: threading.Event, *, speed: float) -> None:
    last = time.monotonic()
    while not stop.wait(TICK_SECONDS):
        now = time.monotonic()
        if speed > 0:
            emu.advance(seconds=(now - last) * speed)
        last = now


def run(args: argparse.Namespace) -> int:
    if args.host not in LOOPBACK:
        print(
            f"warning: serving on {args.host}: anyone who can reach it can use the printed key",
            file=sys.stderr,
        )
    try:
        emu = Emulator(
            seed=args.seed, initial_credits=args.credits, rate_limit_per_minute=args.rate_limit
        )
    except ValueError as exc:
        print(f"tokportal emulator: {exc}", file=sys.stderr)
        return 2
    stop = threading.Event()
    with ExitStack() as stack:
        stack.enter_context(emu)
        stack.enter_context(_stop_on_sigterm(stop))
        try:
            base_url = stack.enter_context(emu.serve(args.host, args.port))
        except OSError as exc:
            print(
                f"tokportal emulator: cannot listen on {args.host}:{args.port}: {exc}",
                file=sys.stderr,
            )
            return 1
        print(banner(emu, base_url, args), flush=True)
        with suppress(KeyboardInterrupt):  # Ctrl-C is the documented way to stop
            _serve_until_stopped(emu, stop, speed=args.speed)
    print("tokportal emulator: stopped", flush=True)
    return 0
