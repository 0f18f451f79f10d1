"""Fixtures of the CLI tests: the installed command, and ``tokportal emulator`` running."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

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


class Banner(NamedTuple):
    text: str
    base_url: str
    api_key: str


def read_banner(proc: subprocess.Popen[str]) -> Banner:
    """What ``tokportal emulator`` prints before it serves: the text, its URL and its key."""
    assert proc.stdout is not None
    lines = []
    for line in proc.stdout:
        lines.append(line)
        if "Ctrl-C to stop" in line:
            break
    text = "".join(lines)
    base_url = re.search(r"serving (http://127\.0\.0\.1:\d+/api/ext)$", text, re.M)
    api_key = re.search(r"^  API key +(sk_[0-9a-f]{64})$", text, re.M)
    assert base_url and api_key, text
    return Banner(text, base_url.group(1), api_key.group(1))
