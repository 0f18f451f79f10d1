"""The ``tokportal`` command: every operation (``tokportal bundles list``...), ``api``,
``campaign``, ``completion``, ``demo`` and ``emulator``.

Commands are built lazily from the generated table, so ``--help`` imports neither httpx nor
the models. Exit codes: see ``_exit.EXIT_CODES`` (and the README).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from .._version import __version__
from ._commands import LazyGroup

BUILTIN = ("api", "campaign", "completion", "demo", "emulator")


def _print_version(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    if not value or ctx.resilient_parsing:
        return
    from .._core.config import API_VERSION

    click.echo(f"tokportal {__version__} (API {API_VERSION})")
    ctx.exit(0)


cli = LazyGroup(
    name="tokportal",
    extra=BUILTIN,
    help="The TokPortal API from the shell: `tokportal GROUP COMMAND`, data on stdout, "
    "messages on stderr. Start with `tokportal demo` (no key, no network) or "
    "`tokportal emulator`. Key and URL: --api-key/--base-url or TOKPORTAL_API_KEY/"
    "TOKPORTAL_BASE_URL.",
    params=[
        click.Option(
            ["--version"],
            is_flag=True,
            expose_value=False,
            is_eager=True,
            callback=_print_version,
            help="print the SDK and API versions",
        )
    ],
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)


def main(argv: Sequence[str] | None = None, *, obj: Any = None) -> int:
    """Run the command line; returns the exit status (``obj``: test seams, see ``_run``)."""
    args = list(sys.argv[1:] if argv is None else argv)
    # (click's shell completion runs with no arguments, the words in the environment)
    if not args and "_TOKPORTAL_COMPLETE" not in os.environ:
        ctx = cli.make_context("tokportal", ["--help"], resilient_parsing=True)
        click.echo(ctx.get_usage(), err=True)
        click.echo(
            "tokportal: error: a command is required (start here: `tokportal demo`); "
            "see `tokportal --help`",
            err=True,
        )
        return 2
    try:
        status = cli.main(args=args, prog_name="tokportal", standalone_mode=False, obj=obj)
    except click.exceptions.Abort:
        click.echo("tokportal: interrupted", err=True)
        return 130
    except click.ClickException as exc:
        exc.show()
        return exc.exit_code
    return status if isinstance(status, int) else 0


__all__ = ["cli", "main"]
