"""Progress output for the demo: steps, notes and one-line transfer bars.

On a terminal a transfer redraws one line in place; anywhere else (a pipe, a CI log) it
prints a single line when the transfer ends, so logs stay readable.
"""

from __future__ import annotations

import sys
from typing import TextIO

BAR_WIDTH = 24


def human_size(size: int | None) -> str:
    if size is None:
        return "? B"
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{size} B" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")


def _is_tty(stream: TextIO) -> bool:
    isatty = getattr(stream, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed stream
        return False


class Transfer:
    """The ``progress(sent, total)`` callback of one upload."""

    def __init__(self, display: Display, label: str) -> None:
        self._display = display
        self._label = label
        self._last_percent = -1

    def __call__(self, sent: int, total: int | None) -> None:
        display = self._display
        if display.quiet or not display.tty:
            return
        percent = 100 if not total else min(100, sent * 100 // total)
        if percent == self._last_percent:
            return  # redraw only when the number changes: cheap on big files
        self._last_percent = percent
        filled = BAR_WIDTH * percent // 100
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        display.write(
            f"\r    [{bar}] {percent:3d}% {human_size(sent)}/{human_size(total)} {self._label}",
            newline=False,
        )

    def finish(self, text: str) -> None:
        display = self._display
        if display.quiet:
            return
        if display.tty and self._last_percent >= 0:
            display.write("\r\x1b[2K", newline=False)  # clear the bar, keep the cursor line
        display.note(text)


class Display:
    def __init__(self, stream: TextIO | None = None, *, quiet: bool = False) -> None:
        self.stream = stream if stream is not None else sys.stdout
        self.quiet = quiet
        self.tty = _is_tty(self.stream)
        self._steps = 0

    def write(self, text: str, *, newline: bool = True) -> None:
        self.stream.write(text + ("\n" if newline else ""))
        self.stream.flush()

    def step(self, title: str) -> None:
        self._steps += 1
        if not self.quiet:
            self.write(f"[{self._steps:2d}] {title}")

    def note(self, text: str) -> None:
        if not self.quiet:
            self.write(f"     {text}")

    def transfer(self, label: str) -> Transfer:
        return Transfer(self, label)
