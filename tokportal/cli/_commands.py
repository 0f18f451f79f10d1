"""The click commands, built on demand from ``_commands_table`` (pure data).

Building a command imports click and the table only: ``tokportal --help`` and ``tokportal
bundles --help`` never import httpx or the models. Running one imports ``_run`` (the client).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import click

from ._commands_table import COMMANDS
from ._options import common_options

Row = tuple[Any, ...]
Param = tuple[str, str, str, str, bool, bool, tuple[str, ...], str]

_TYPES: dict[str, click.ParamType[Any]] = {
    "str": click.STRING,
    "int": click.INT,
    "float": click.FLOAT,
    "json": click.STRING,  # parsed by _run, which reports a bad value with the option's name
}
_GROUP_HELP = {
    "me": "The key owner's profile and workspace settings.",
    "countries": "Countries open for accounts and videos.",
    "platforms": "Orderable platforms.",
    "credits": "Balance, price list and transactions.",
    "bundles": "Account bundles: order, configure, publish; their account and video slots.",
    "accounts": "Delivered accounts, bans, credentials, edit requests.",
    "coverage": "TokPortal Coverage (managed subscription) of an account.",
    "warming": "Account warming: sessions, terms, rewarm.",
    "analytics": "Dashboards, series, snapshots, exports and reports.",
    "webhooks": "Webhook endpoints, events and deliveries.",
    "uploads": "Upload videos and images (local files streamed, or by URL).",
    "ad-codes": "Ad code requests of a video.",
    "comments": "Comment tasks and their verifications.",
    "account": "The bundle's account: profile, review, corrections.",
    "videos": "The bundle's video slots: configure, schedule, publish, review.",
}


def _tree() -> dict[tuple[str, ...], dict[str, Row]]:
    """Group path -> {command name: row}; nested groups appear as their parents' children."""
    tree: dict[tuple[str, ...], dict[str, Row]] = {}
    for row in COMMANDS:
        groups = tuple(row[0])
        for depth in range(len(groups) + 1):
            tree.setdefault(groups[:depth], {})
        tree[groups][row[1]] = row
    return tree


_TREE = _tree()


class LazyGroup(click.Group):
    """A group whose subcommands are built from the table only when asked for."""

    def __init__(
        self, *args: Any, path: tuple[str, ...] = (), extra: Sequence[str] = (), **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.path = path
        self.extra = tuple(extra)

    def _children(self) -> list[str]:
        depth = len(self.path)
        groups = {p[depth] for p in _TREE if len(p) > depth and p[:depth] == self.path}
        return sorted(groups | set(_TREE.get(self.path, {})))

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self._children(), *self.extra})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        known = super().get_command(ctx, cmd_name)
        if known is not None:
            return known
        if cmd_name in self.extra:
            from . import _builtin

            command: click.Command = getattr(_builtin, cmd_name.replace("-", "_"))
            return command
        row = _TREE.get(self.path, {}).get(cmd_name)
        if row is not None:
            return build_command(row)
        sub = (*self.path, cmd_name)
        if sub in _TREE:
            return LazyGroup(
                name=cmd_name,
                path=sub,
                help=_GROUP_HELP.get(cmd_name, f"The {cmd_name} commands."),
                no_args_is_help=True,
            )
        return None


def _option_help(param: Param) -> str:
    words = [param[7]] if param[7] else []
    if param[6]:
        words.append("one of " + ", ".join(param[6]))
    return "; ".join(words)


def _param_decls(index: int, param: Param) -> click.Parameter:
    option, _wire, location, kind, required, multiple, choices, _help = param
    dest = f"p{index}"
    if location == "path":
        return click.Argument([dest], metavar=option.upper().replace("-", "_"), type=_TYPES[kind])
    if kind == "bool":
        return click.Option(
            [f"--{option}/--no-{option}", dest],
            default=None,
            required=required,
            help=_option_help(param),
        )
    return click.Option(
        [f"--{option}", dest],
        type=_TYPES[kind],
        required=required,
        multiple=multiple,
        metavar="JSON" if kind == "json" else None,
        help=_option_help(param),
        # Open sets: a value the SDK does not know yet still goes through; shown in completion.
        shell_complete=(lambda ctx, p, incomplete: [c for c in choices if c.startswith(incomplete)])
        if choices
        else None,
    )


def build_command(row: Row) -> click.Command:
    _groups, name, operation_id, method, kind, envelope, doc, params = row
    arguments = [_param_decls(i, p) for i, p in enumerate(params)]
    upload = kind == "upload"
    if upload:
        arguments.insert(0, click.Argument(["file"], type=click.Path(exists=True, dir_okay=False)))

    def callback(**values: Any) -> None:
        from . import _run

        _run.run_row(click.get_current_context(), row, values)

    command = click.Command(
        name=name,
        params=[
            *arguments,
            *common_options(
                reads_pages=envelope == "page",
                write=method != "GET",
                keyed=kind in ("write", "upload"),
            ),
        ],
        callback=callback,
        help=f"{doc}\n\n{method} operation {operation_id}.",
    )
    return command
