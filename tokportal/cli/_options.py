"""The options every command shares (output, connection, per kind of operation), and the
callback that runs a command from ``_run`` only when it runs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

OUTPUTS = ("json", "ndjson", "table", "csv")


def common_options(*, reads_pages: bool, write: bool, keyed: bool) -> list[click.Parameter]:
    """The options of every command: output, connection, and per kind of operation."""
    params: list[click.Parameter] = [
        click.Option(
            ["--output", "-o"],
            type=click.Choice(OUTPUTS),
            help="default: table on a terminal, json otherwise",
        ),
    ]
    if reads_pages:
        params += [
            click.Option(
                ["--all", "all_pages"], is_flag=True, help="walk every page (streamed as it comes)"
            ),
            click.Option(["--page"], type=click.IntRange(min=1), help="the page to read"),
        ]
    if write:
        params += [
            click.Option(
                ["--dry-run"],
                is_flag=True,
                help="send X-TokPortal-Dry-Run: true: price it, change nothing",
            ),
            click.Option(
                ["--body"],
                metavar="JSON|@FILE|-",
                help="more body fields as a JSON object (options win)",
            ),
        ]
    if keyed:
        params.append(
            click.Option(
                ["--idempotency-key"],
                help="reuse this key (default: one is minted per call and kept across retries)",
            )
        )
    params += [
        click.Option(["--api-key"], help="default: $TOKPORTAL_API_KEY (never printed)"),
        click.Option(["--base-url"], help="default: $TOKPORTAL_BASE_URL or the TokPortal API"),
        click.Option(
            ["--timeout"],
            type=click.FloatRange(min=0, min_open=True),
            help="seconds per attempt",
        ),
        click.Option(
            ["--max-retries"], type=click.IntRange(min=0), help="retries of a failed attempt"
        ),
    ]
    return params


def lazy_callback(name: str) -> Callable[..., None]:
    def callback(**values: Any) -> None:
        from . import _run

        getattr(_run, name)(click.get_current_context(), values)

    return callback
