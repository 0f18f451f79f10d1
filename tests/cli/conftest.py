"""Fixtures of the CLI tests: the installed command, and ``tokportal emulator`` running."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest


def _command() -> list[str]:
    """The installed console script when there is one, so its entry point is tested too."""
    script = Path(sys.executable).with_name("tokportal")
    return [str(script)] if script.exists() else [sys.executable, "-m", "tokportal"]


@pytest.fixture
def emulator_process() -> Iterator[subprocess.Popen[str]]:
    proc = subprocess.Popen(
        [*_command(), "emulator", "--port", "0", "--credits", "777", "--rate-limit", "30"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    watchdog = threading.Timer(30, proc.kill)  # a hung child must not hang the suite
    watchdog.start()
    try:
        yield proc
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=10)
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()
