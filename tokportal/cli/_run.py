"""Running a command: inputs to ``client.request`` (or a typed upload), the answer to stdout,
errors to stderr with the exit code of their class. Imported only when a command runs.
"""

from __future__ import annotations

import errno
import inspect
import json
import shutil
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import click
import httpx

from .._sync.client import TokPortal
from ..errors import (
    APIConnectionError,
    APIResponseValidationError,
    APIStatusError,
    AuthenticationError,
    ConflictError,
    ConsentRequiredError,
    InsufficientCreditsError,
    InternalServerError,
    InvalidRequestError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    TokPortalError,
)
from ._display import Display
from ._output import Writer, payload

# The exit-code table (README "Command line"): one code per class of failure.
EXIT_OK = 0
EXIT_API_ERROR = 1  # any other API error: 400, 422, another status
EXIT_USAGE = 2  # a bad option, input refused locally before sending, no API key
EXIT_AUTH = 3  # 401, 403
EXIT_NOT_FOUND = 4  # 404
EXIT_CONFLICT = 5  # 409
EXIT_CREDITS = 6  # 402
EXIT_CONSENT = 7  # 428: a person must accept the disclosed policy
EXIT_RATE_LIMITED = 8  # 429 (rate limit or capacity cooldown), after the client's retries
EXIT_SERVER = 9  # 5xx, no connection, timeout, an unreadable answer

_BY_CLASS: tuple[tuple[type[BaseException], int], ...] = (
    (InvalidRequestError, EXIT_USAGE),
    (AuthenticationError, EXIT_AUTH),
    (PermissionDeniedError, EXIT_AUTH),
    (NotFoundError, EXIT_NOT_FOUND),
    (ConflictError, EXIT_CONFLICT),
    (InsufficientCreditsError, EXIT_CREDITS),
    (ConsentRequiredError, EXIT_CONSENT),
    (RateLimitError, EXIT_RATE_LIMITED),
    (InternalServerError, EXIT_SERVER),
    (APIConnectionError, EXIT_SERVER),
    (APIResponseValidationError, EXIT_SERVER),
    (APIStatusError, EXIT_API_ERROR),
    (TokPortalError, EXIT_USAGE),  # configuration: no key, a bad base URL
)


def exit_code_for(exc: BaseException) -> int:
    for cls, code in _BY_CLASS:
        if isinstance(exc, cls):
            return code
    return EXIT_API_ERROR


@dataclass
class Seams:
    """What tests pass as click's ``obj``: the HTTP transport, and whether stderr is a
    terminal (progress bars)."""

    transport: httpx.BaseTransport | None = None
    tty: bool | None = None


def _seams(ctx: click.Context) -> Seams:
    obj = ctx.find_root().obj
    return obj if isinstance(obj, Seams) else Seams()


def _stderr_tty(ctx: click.Context) -> bool:
    forced = _seams(ctx).tty
    if forced is not None:
        return forced
    stream = sys.stderr
    try:
        return bool(stream.isatty())
    except ValueError:
        return False


def _stdout_tty() -> bool:
    try:
        return sys.stdout.isatty()
    except ValueError:  # a closed stream
        return False


def _writer(values: Mapping[str, Any]) -> Writer:
    """JSON when piped, a table fitted to the terminal's width on one."""
    tty = _stdout_tty()
    fmt = values.get("output") or ("table" if tty else "json")
    width = shutil.get_terminal_size().columns if tty else None
    return Writer(sys.stdout, str(fmt), max_width=width)


def _note_hidden(writer: Writer) -> None:
    if writer.hidden_columns:
        click.echo(
            f"({writer.hidden_columns} more columns: widen the terminal or use -o json/csv)",
            err=True,
        )


def client_options(values: Mapping[str, Any]) -> dict[str, Any]:
    """The client's arguments from the connection options every command shares (those given)."""
    kwargs: dict[str, Any] = {"api_key": values.get("api_key"), "base_url": values.get("base_url")}
    if values.get("timeout") is not None:
        kwargs["timeout"] = values["timeout"]
    if values.get("max_retries") is not None:
        kwargs["max_retries"] = values["max_retries"]
    return kwargs


def _client(ctx: click.Context, values: Mapping[str, Any]) -> TokPortal:
    return TokPortal(transport=_seams(ctx).transport, **client_options(values))


def _options(values: Mapping[str, Any]) -> dict[str, Any]:
    options: dict[str, Any] = {}
    if values.get("idempotency_key"):
        options["idempotency_key"] = values["idempotency_key"]
    if values.get("dry_run"):
        options["dry_run"] = True
    return options


def read_json(text: str, what: str) -> Any:
    """A JSON value given inline, as ``@file`` or as ``-`` (stdin)."""
    try:
        if text == "-":
            text = sys.stdin.read()
        elif text.startswith("@"):
            text = Path(text[1:]).read_text(encoding="utf-8")
        return json.loads(text)
    except OSError as exc:
        raise click.BadParameter(
            f"cannot read {text[1:]!r}: {exc.strerror}", param_hint=what
        ) from None
    except json.JSONDecodeError as exc:
        raise click.BadParameter(f"not valid JSON: {exc}", param_hint=what) from None


def _extra_body(values: Mapping[str, Any]) -> dict[str, Any]:
    if not values.get("body"):
        return {}
    body = read_json(values["body"], "--body")
    if not isinstance(body, dict):
        raise click.BadParameter("must be a JSON object", param_hint="--body")
    return body


def _inputs(row: tuple[Any, ...], values: Mapping[str, Any]) -> tuple[dict[str, Any], ...]:
    """``(path params, query, body, python kwargs)`` from the command's options."""
    path: dict[str, Any] = {}
    query: dict[str, Any] = {}
    body: dict[str, Any] = {}
    python: dict[str, Any] = {}
    for index, (option, wire, location, kind, _req, multiple, _choices, _help) in enumerate(row[7]):
        value = values.get(f"p{index}")
        if value is None or (multiple and not value):
            continue
        if kind == "json":
            if multiple:
                value = [read_json(v, f"--{option}") for v in value]
            else:
                value = read_json(value, f"--{option}")
        elif multiple:
            # A query filter given once is sent as one value, as the typed method does.
            value = value[0] if location == "query" and len(value) == 1 else list(value)
        {"path": path, "query": query, "body": body}[location][wire] = value
        python[option.replace("-", "_")] = value
    return path, query, body, python


@contextmanager
def _reported(ctx: click.Context) -> Iterator[None]:
    """An error as one message on stderr and its class's exit code; the key is never in it
    (the SDK's errors never carry it)."""
    try:
        yield
    except ConsentRequiredError as exc:
        quote = exc.consent_quote
        lines = [f"tokportal: consent required: {exc}", "", exc.disclosure]
        if quote.expected_credit_cost is not None:
            lines.append(f"\nexpected cost: {quote.expected_credit_cost} credits")
        version = exc.policy_version or "VERSION"
        lines.append(
            "\nOnce a person has read and accepted this, repeat the command with "
            f"--acknowledge-support-forfeit --policy-version {version}"
            " (or those two fields in --body)."
        )
        click.echo("\n".join(lines), err=True)
        ctx.exit(EXIT_CONSENT)
    except TokPortalError as exc:
        click.echo(f"tokportal: error: {type(exc).__name__}: {exc}", err=True)
        ctx.exit(exit_code_for(exc))
    except OSError as exc:
        if exc.errno == errno.EPIPE:  # stdout closed early (`| head`): click exits quietly
            raise
        # A local file that cannot be read (the network's errors arrive as the SDK's).
        where = f": {exc.filename}" if exc.filename else ""
        click.echo(f"tokportal: error: {exc.strerror or exc}{where}", err=True)
        ctx.exit(EXIT_USAGE)


def _note_dry_run(body: Any) -> None:
    if isinstance(body, Mapping) and "credits_would_charge" in body:
        click.echo(
            f"dry run: would charge {body['credits_would_charge']} credits; nothing was done",
            err=True,
        )


def _note_more_pages(body: Any) -> None:
    """One page read at a terminal: say that there are more, and how to get them."""
    info = body.get("pagination") if isinstance(body, Mapping) else None
    if not isinstance(info, Mapping):
        return
    page, pages = info.get("page"), info.get("total_pages")
    if isinstance(page, int) and isinstance(pages, int) and page < pages:
        total = info.get("total")
        items = f", {total} items" if isinstance(total, int) else ""
        click.echo(f"(page {page} of {pages}{items}: --all for every page)", err=True)


class _WalkProgress:
    """``--all`` on a terminal: a count of items redrawn on one stderr line."""

    def __init__(self, display: Display | None) -> None:
        self.display = display
        self.count = 0

    def wrap(self, items: Any) -> Iterator[Any]:
        for item in items:
            self.count += 1
            if self.display is not None and self.count % 20 == 1:
                self.display.write(f"\r  fetched {self.count} items…", newline=False)
            yield item
        if self.display is not None:
            self.display.write("\r\x1b[2K", newline=False)


def _write(ctx: click.Context, values: Mapping[str, Any], envelope: str, response: Any) -> None:
    body = response.body
    dry = bool(values.get("dry_run"))
    if dry:
        _note_dry_run(body)
    writer = _writer(values)
    writer.value(payload(body, envelope, whole=dry))
    _note_hidden(writer)
    if envelope == "page" and _stderr_tty(ctx):
        _note_more_pages(body)


def _walk(
    ctx: click.Context,
    client: TokPortal,
    operation_id: str,
    values: Mapping[str, Any],
    path: dict[str, Any],
    query: dict[str, Any],
) -> None:
    query = dict(query)
    per_page = query.pop("per_page", None)
    if isinstance(per_page, str):  # from `tokportal api --query per_page=N`
        try:
            per_page = int(per_page)
        except ValueError:
            raise click.BadParameter(
                "per_page must be a whole number", param_hint="--query"
            ) from None
    extra = {"per_page": per_page} if per_page is not None else {}
    items = client.paginate(
        operation_id, path_params=path, query=query, **extra, **_options(values)
    )
    writer = _writer(values)
    # A progress line on the terminal, unless streamed items go to that same terminal (the
    # two would garble each other); table and csv print only once the walk is done.
    streams_to_terminal = _stdout_tty() and writer.fmt in ("json", "ndjson")
    display = Display(sys.stderr) if _stderr_tty(ctx) and not streams_to_terminal else None
    progress = _WalkProgress(display)
    writer.items(progress.wrap(items))
    _note_hidden(writer)


def _refuse_all_with_page(values: Mapping[str, Any]) -> None:
    if values.get("all_pages") and values.get("page") is not None:
        raise click.UsageError("give --all (every page) or --page N (one page), not both")


def run_row(ctx: click.Context, row: tuple[Any, ...], values: Mapping[str, Any]) -> None:
    """A generated command: ``client.request`` (or the typed upload method) with its inputs."""
    _groups, _name, operation_id, _method, kind, envelope, _doc, _params = row
    _refuse_all_with_page(values)
    path, query, body, python = _inputs(row, values)
    body = {**_extra_body(values), **body}
    with _reported(ctx), _client(ctx, values) as client:
        if kind == "upload":
            _upload(ctx, client, row, values, python)
        elif envelope == "page" and values.get("all_pages"):
            _walk(ctx, client, operation_id, values, path, query)
        else:
            if values.get("page") is not None:
                query["page"] = values["page"]
            response = client.request(
                operation_id,
                path_params=path or None,
                query=query or None,
                json=body or None,
                **_options(values),
            )
            _write(ctx, values, envelope, response)


def _upload(
    ctx: click.Context,
    client: TokPortal,
    row: tuple[Any, ...],
    values: Mapping[str, Any],
    python: dict[str, Any],
) -> None:
    """Local files go through the typed method: it streams the file and knows its form."""
    target: Any = client
    for part in row[0]:
        target = getattr(target, part.replace("-", "_"))
    method = getattr(target, row[1].replace("-", "_"))
    file = Path(values["file"])
    kwargs = {**python, **_options(values)}
    transfer = None
    if "progress" in inspect.signature(method).parameters and _stderr_tty(ctx):
        display = Display(sys.stderr)
        display.tty = True  # decided above (a test may say stderr is a terminal)
        transfer = display.transfer(file.name)
        kwargs["progress"] = transfer
    result = method(file=file, **kwargs)
    if transfer is not None:
        transfer.finish(f"uploaded {file.name}")
    _write(ctx, values, row[5], result.api_response)


def _pairs(items: tuple[str, ...], what: str) -> dict[str, str]:
    pairs: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise click.BadParameter(f"expected KEY=VALUE, got {item!r}", param_hint=what)
        pairs[key] = value
    return pairs


def run_api(ctx: click.Context, values: Mapping[str, Any]) -> None:
    """``tokportal api OPERATION_ID``: any operation by id."""
    from .._operations import OPERATIONS

    operation_id = values["operation_id"]
    operation = OPERATIONS.get(operation_id)
    if operation is None:
        raise click.BadParameter(
            f"no operation {operation_id!r} (see tokportal.OPERATIONS)", param_hint="OPERATION_ID"
        )
    path = _pairs(values["path_params"], "--path")
    query = _pairs(values["query"], "--query")
    body = read_json(values["body"], "--body") if values.get("body") else None
    envelope = "whole"  # the raw call: the body as the API sent it
    _refuse_all_with_page(values)
    if values.get("all_pages") and not operation.is_paginated:
        raise click.UsageError(f"--all: {operation_id} is not a paginated listing")
    with _reported(ctx), _client(ctx, values) as client:
        if values.get("all_pages"):
            _walk(ctx, client, operation_id, values, path, query)
            return
        if values.get("page") is not None:
            query["page"] = str(values["page"])
        response = client.request(
            operation_id,
            path_params=path or None,
            query=query or None,
            json=body,
            **_options(values),
        )
        _write(ctx, values, envelope, response)
