"""The ``tokportal`` command: ``tokportal demo``, ``tokportal emulator``, ``--version``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .._core.config import API_VERSION
from .._version import __version__
from . import demo, emulator


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tokportal",
        description="The TokPortal SDK's command line: a demo and a local API emulator.",
    )
    parser.add_argument(
        "--version", action="version", version=f"tokportal {__version__} (API {API_VERSION})"
    )
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    demo.add_parser(subparsers)
    emulator.add_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        # As argparse reports a usage error: usage, then the error, on stderr, status 2.
        parser.print_usage(sys.stderr)
        print(
            f"{parser.prog}: error: a command is required: demo (start here: "
            f"`{parser.prog} demo`) or emulator; see `{parser.prog} --help`",
            file=sys.stderr,
        )
        return 2
    status: int = handler(args)
    return status


__all__ = ["main"]
