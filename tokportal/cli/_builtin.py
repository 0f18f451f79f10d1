"""The hand-written commands: ``api``, ``campaign``, ``completion``, ``demo``, ``emulator``.

Declared here with click only; what they run is imported when they run.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
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


# -- tokportal campaign: declared here with click only; `cli/campaign.py` runs them -----------


def _campaign_callback(name: str) -> Callable[..., None]:
    def callback(**values: Any) -> None:
        from . import campaign as module

        getattr(module, name)(click.get_current_context(), values)

    return callback


def _campaign_options(*, network: bool, output: bool = True) -> list[click.Parameter]:
    params: list[click.Parameter] = [
        click.Option(
            ["--journal"],
            type=click.Path(dir_okay=False),
            metavar="PATH",
            help="the journal file (default: FILE without .toml + .journal.sqlite, beside it)",
        ),
    ]
    if output:
        params.append(
            click.Option(
                ["--output", "-o"],
                type=click.Choice(("json", "table")),
                help="default: table on a terminal, json otherwise",
            )
        )
    if network:
        params += [
            click.Option(["--api-key"], help="default: $TOKPORTAL_API_KEY (never printed)"),
            click.Option(["--base-url"], help="default: $TOKPORTAL_BASE_URL or the TokPortal API"),
            click.Option(
                ["--timeout"],
                type=click.FloatRange(min=0, min_open=True),
                help="seconds per attempt",
            ),
            click.Option(
                ["--max-retries"],
                type=click.IntRange(min=0),
                help="retries of a failed attempt (each with the same idempotency key)",
            ),
            click.Option(
                ["--rate-limit"],
                type=click.FloatRange(min=0),
                metavar="R",
                help="requests per minute the client keeps under (default 120, the API's "
                "documented bucket; 0 = no client-side limit)",
            ),
        ]
    return params


def _buying_options(action: str) -> list[click.Parameter]:
    """The options of the commands that buy (``run``, ``resume``): ``action`` says what a quote
    above ``--max-credits`` stops."""
    return [
        click.Option(
            ["--max-credits"],
            type=click.IntRange(min=0),
            help=f"refuse to {action} when the quote is above N (default: the file's max_credits)",
        ),
        click.Option(
            ["--concurrency"],
            type=click.IntRange(1, 32),
            help="bundles worked on at once (default: the file's, else 4)",
        ),
        click.Option(
            ["--max-capacity-waits"],
            type=click.IntRange(min=0),
            metavar="N",
            help="capacity cooldowns (429 capacity_cooldown) to wait out before "
            "giving up with exit 8 (default 20)",
        ),
        click.Option(
            ["--yes", "-y"], is_flag=True, help="do not ask for confirmation on a terminal"
        ),
    ]


_CAMPAIGN_FILE = click.Argument(["file"], type=click.Path(exists=True, dir_okay=False))

campaign = click.Group(
    name="campaign",
    no_args_is_help=True,
    help="A whole order from a campaign file (TOML): bundles, media, configuration, "
    "publishing. `plan` quotes it, `run` buys and sets it up with a journal, `resume` "
    "goes on after a crash without paying twice, `status` reads the journal offline.",
    commands=[
        click.Command(
            name="plan",
            params=[
                _CAMPAIGN_FILE,
                click.Option(
                    ["--offline"],
                    is_flag=True,
                    help="only validate the file locally: no key, no network, no quote",
                ),
                *_campaign_options(network=True),
            ],
            callback=_campaign_callback("plan"),
            help="Validate FILE and quote every paid step with a dry run (nothing is bought), "
            "with the total and the balance.",
        ),
        click.Command(
            name="run",
            params=[
                _CAMPAIGN_FILE,
                *_buying_options("start"),
                *_campaign_options(network=True),
            ],
            callback=_campaign_callback("run"),
            help="Quote, then buy and set up the whole campaign, journalling each step before "
            "it is sent. Refuses (exit 6, nothing bought) when the quote is above the balance "
            "or --max-credits.",
        ),
        click.Command(
            name="resume",
            params=[
                _CAMPAIGN_FILE,
                *_buying_options("go on"),
                *_campaign_options(network=True),
            ],
            callback=_campaign_callback("resume"),
            help="Go on with an interrupted run: every step left in flight is looked up "
            "(by its external_ref) before anything is sent again, so nothing is paid twice.",
        ),
        click.Command(
            name="status",
            params=[
                click.Argument(["target"], metavar="FILE|JOURNAL", type=click.Path(dir_okay=False)),
                click.Option(
                    ["--verbose", "-v"],
                    is_flag=True,
                    help="also each step's state and the journal's events",
                ),
                *_campaign_options(network=False),
            ],
            callback=_campaign_callback("status"),
            help="What the journal says: steps per state, failed steps, credits quoted and "
            "charged. Reads the journal alone: no key, no network.",
        ),
    ],
)
