"""The hand-written commands: ``api``, ``completion``, ``demo``, ``emulator``.

Declared here with click only; what they run is imported when they run.
"""

from __future__ import annotations

import argparse
from typing import Any

import click

from ._options import common_options, lazy_callback

DEFAULT_PORT = 8765  # the same default as emulator.DEFAULT_PORT, which imports the emulator

api = click.Command(
    name="api",
    params=[
        click.Argument(["operation_id"], metavar="OPERATION_ID"),
        click.Option(
            ["--path", "path_params"], multiple=True, metavar="K=V", help="a path parameter"
        ),
        click.Option(["--query"], multiple=True, metavar="K=V", help="a query parameter"),
        *common_options(reads_pages=True, write=True, keyed=True),
    ],
    callback=lazy_callback("run_api"),
    help="Call any operation by its id (see `tokportal api --help`), e.g. "
    "`tokportal api getBundle --path id=BUNDLE_ID`. --body takes the JSON body "
    "(inline, @file or - for stdin); --all walks a paginated listing.",
)


@click.command(name="completion")
@click.argument("shell", type=click.Choice(["bash", "zsh", "fish"]))
@click.pass_context
def completion(ctx: click.Context, /, shell: str) -> None:
    """Print the shell completion script, e.g. `eval "$(tokportal completion bash)"`."""
    from click.shell_completion import get_completion_class

    cls = get_completion_class(shell)
    if cls is None:  # pragma: no cover - click ships the three
        raise click.UsageError(f"no completion for {shell}")
    script = cls(ctx.find_root().command, {}, "tokportal", "_TOKPORTAL_COMPLETE").source()
    click.echo(script)


@click.command(name="demo")
@click.option("--sync", is_flag=True, help="use the blocking TokPortal client (default: async)")
@click.option(
    "--in-process",
    is_flag=True,
    help="talk to the emulator in-process instead of over loopback sockets",
)
@click.option("--quiet", is_flag=True, help="print only the summary")
@click.option("--seed", type=int, default=0, help="emulator and media seed (default 0)")
@click.option(
    "--credits",
    type=int,
    default=1000,
    help="the workspace's starting credits (default 1000; try 20 to see a refused order)",
)
@click.pass_context
def demo(ctx: click.Context, /, **values: Any) -> None:
    """Run a whole campaign against the embedded emulator (no key, no network).

    Quote, buy and publish a bundle, upload media, receive signed webhooks and read
    analytics, all against the embedded TokPortal emulator on 127.0.0.1.
    """
    from . import demo as module

    ctx.exit(module.run(argparse.Namespace(**values)))


@click.command(name="emulator")
@click.option(
    "--port", type=int, default=DEFAULT_PORT, help=f"default {DEFAULT_PORT}; 0 = a free port"
)
@click.option("--host", default="127.0.0.1", help="default 127.0.0.1")
@click.option("--seed", type=int, default=0, help="ids, keys and choices (default 0)")
@click.option("--credits", type=int, default=1000, help="the workspace's credits (default 1000)")
@click.option(
    "--rate-limit",
    type=float,
    default=120.0,
    metavar="R",
    help="requests per minute per key (default 120, the burst too)",
)
@click.option(
    "--speed",
    type=float,
    default=0.0,
    metavar="X",
    help="simulated seconds per real second, so the account manager works while you "
    "watch (default 0: the business clock stands still; 3600 = an hour a second)",
)
@click.pass_context
def emulator(ctx: click.Context, /, **values: Any) -> None:
    """Serve the embedded TokPortal emulator on 127.0.0.1 until Ctrl-C.

    An in-memory TokPortal API on loopback for manual tries and other processes' tests.
    State lives in memory and is gone when it stops.
    """
    from . import emulator as module

    ctx.exit(module.run(argparse.Namespace(**values)))
