"""``tokportal campaign plan|run|resume|status``: what the commands do when they run.

Declared in ``_builtin`` with click only, so ``tokportal --help`` never imports this module.
The work is ``tokportal.campaigns``: the file, the plan and the journal (offline), and the
async runner, driven here on one event loop so bundles are worked on concurrently.
Data (the quote, the summary, the status) goes to stdout, a table on a terminal and JSON
otherwise; progress and questions go to stderr, on a terminal only.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import shutil
import sys
import tempfile
from collections.abc import Awaitable, Callable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import anyio
import click
import httpx

from ..campaigns import (
    CampaignError,
    CampaignEvent,
    CampaignFile,
    CampaignFileError,
    CampaignStatus,
    CampaignSummary,
    CreditLimitError,
    Journal,
    Plan,
    Quote,
    StepState,
    build_plan,
    load_campaign,
)
from ..errors import RateLimitError, TokPortalError
from ._display import human_size
from ._output import render_table
from ._run import (
    EXIT_API_ERROR,
    EXIT_CREDITS,
    EXIT_OK,
    EXIT_RATE_LIMITED,
    EXIT_USAGE,
    _reported,
    _seams,
    _stderr_tty,
    _stdout_tty,
    client_options,
    exit_code_for,
)

if TYPE_CHECKING:
    from .._async.client import AsyncTokPortal

T = TypeVar("T")


def _journal_path(campaign: CampaignFile, values: Mapping[str, Any]) -> Path:
    given = values.get("journal")
    return Path(given) if given else campaign.journal_path


def _format(values: Mapping[str, Any]) -> str:
    return str(values.get("output") or ("table" if _stdout_tty() else "json"))


def _echo_json(value: Any) -> None:
    click.echo(json.dumps(value, indent=2, ensure_ascii=False))


def _interactive(ctx: click.Context) -> bool:
    """A person at a terminal who can answer a question (a test can say so with ``tty``)."""
    forced = _seams(ctx).tty
    if forced is not None:
        return forced
    try:
        return sys.stdin.isatty() and sys.stderr.isatty()
    except ValueError:
        return False


@contextlib.contextmanager
def _campaign_errors(ctx: click.Context, file: Path | None = None) -> Iterator[None]:
    """The campaign's own errors as one message and the exit code of their class; the SDK's
    errors (no key, 401, 5xx...) as every other command reports them."""
    with _reported(ctx):
        try:
            yield
        except CampaignFileError as exc:
            problems = list(exc.problems) or [str(exc)]
            where = f"{file}: " if file is not None else ""
            count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
            click.echo(f"tokportal: {where}{count}; nothing was sent", err=True)
            for problem in problems:
                click.echo(f"  - {problem}", err=True)
            ctx.exit(EXIT_USAGE)


def _load(ctx: click.Context, values: Mapping[str, Any]) -> tuple[Path, CampaignFile, Plan]:
    file = Path(values["file"])
    with _campaign_errors(ctx, file):
        campaign = load_campaign(file)
        plan = build_plan(campaign)
    return file, campaign, plan


def _client(ctx: click.Context, values: Mapping[str, Any]) -> AsyncTokPortal:
    from .._async.client import AsyncTokPortal

    kwargs = client_options(values)
    if values.get("rate_limit") is not None:
        kwargs["rate_limit"] = values["rate_limit"] or None
    transport = _seams(ctx).transport
    if transport is not None:  # a test's in-process emulator; never the network instead
        if not isinstance(transport, httpx.AsyncBaseTransport):
            raise TypeError("the campaign commands need an async transport")
        kwargs["transport"] = transport
    return AsyncTokPortal(**kwargs)


# -- rendering -------------------------------------------------------------------------------


def quote_table(quote: Quote) -> str:
    rows = [
        {"step": line.step_id, "operation": line.operation_id, "credits": line.credits}
        for line in quote.lines
    ]
    text, _hidden = render_table(rows)
    width = max(len(line) for line in text.splitlines())
    balance = "unknown" if quote.balance is None else str(quote.balance)
    return "\n".join(
        [
            text,
            "-" * width,
            f"{'total':<{width - 12}}{quote.total:>12}",
            f"{'balance':<{width - 12}}{balance:>12}",
        ]
    )


def _counts(status: CampaignStatus) -> dict[str, int]:
    return {state.value: int(status.counts.get(state, 0)) for state in StepState}


def _error_text(error: Mapping[str, Any]) -> str:
    parts = [str(error[k]) for k in ("status", "code") if error.get(k) is not None]
    message = error.get("message")
    text = " ".join(parts)
    return f"{text}: {message}" if message else text or "failed"


def _steps_line(status: CampaignStatus) -> str:
    counts = _counts(status)
    return (
        f"{counts['done']} done, {counts['failed']} failed, "
        f"{counts['pending'] + counts['sending']} to do ({status.steps_total} in all)"
    )


def _failed_lines(status: CampaignStatus) -> list[str]:
    return [f"  {record.step_id}: {_error_text(record.error or {})}" for record in status.failed]


def status_table(status: CampaignStatus) -> str:
    quoted = "-" if status.quoted_credits is None else str(status.quoted_credits)
    rows = {
        "campaign": status.campaign_id,
        "state": "done" if status.done else "not done",
        "steps": _steps_line(status),
        "credits": f"{status.charged_credits} charged of {quoted} quoted",
    }
    text, _ = render_table(rows)
    failed = _failed_lines(status)
    return text + ("\nfailed steps:\n" + "\n".join(failed) if failed else "")


def summary_json(summary: CampaignSummary, capacity_waits: int) -> dict[str, Any]:
    return {
        "campaign_id": summary.campaign_id,
        "ok": summary.ok,
        "credits_charged": summary.credits_charged,
        "credits_quoted": None if summary.quote is None else summary.quote.total,
        "steps_total": summary.steps.steps_total,
        "counts": _counts(summary.steps),
        "failed": [record.as_dict() for record in summary.steps.failed],
        "capacity_waits": capacity_waits,
        "waited_for_capacity_seconds": round(summary.waited_for_capacity, 3),
        "errors": list(summary.errors),
    }


def summary_table(summary: CampaignSummary, capacity_waits: int) -> str:
    quoted = "-" if summary.quote is None else str(summary.quote.total)
    rows = {
        "campaign": summary.campaign_id,
        "result": "done" if summary.ok else "not done",
        "credits": f"{summary.credits_charged} spent of {quoted} quoted",
        "steps": _steps_line(summary.steps),
        "capacity waits": f"{capacity_waits} ({summary.waited_for_capacity:.1f} s)",
    }
    text, _ = render_table(rows)
    lines = [
        text,
        *(["failed steps:", *_failed_lines(summary.steps)] if summary.steps.failed else []),
    ]
    lines += [f"error: {error}" for error in summary.errors]
    return "\n".join(lines)


# -- progress --------------------------------------------------------------------------------


class Progress:
    """``on_event`` of the runner: on a terminal, one live line (the step being sent, an
    upload's bytes) under lines that stay (paid steps, failures, capacity waits, bundles
    published); off a terminal it only counts the capacity waits for the summary."""

    def __init__(self, *, tty: bool, done: int, total: int) -> None:
        self.tty = tty
        self.done = done
        self.total = total
        self.capacity_waits = 0
        self._live = False

    def _write(self, text: str) -> None:
        sys.stderr.write(text)
        sys.stderr.flush()

    def _line(self, text: str) -> None:
        self._write(("\r\x1b[2K" if self._live else "") + text + "\n")
        self._live = False

    def _status(self, text: str) -> None:
        width = shutil.get_terminal_size().columns - 1
        self._write("\r\x1b[2K" + text[:width])
        self._live = True

    def __call__(self, event: CampaignEvent) -> None:
        state = event.state.value if isinstance(event.state, StepState) else str(event.state)
        if state == "waiting":
            self.capacity_waits += 1
        elif state == StepState.DONE.value and event.sent is None:
            self.done += 1
        if not self.tty:
            return
        head = f"[{self.done:>3}/{self.total}]"
        kind = event.step_id.split("/", 1)[0] if event.step_id else ""
        if state == "waiting" or state == StepState.FAILED.value:
            self._line(
                f"{head} {event.step_id}: {'FAILED ' if state != 'waiting' else ''}{event.message}"
            )
        elif state == StepState.DONE.value and kind in ("create", "bulk", "publish"):
            self._line(f"{head} {event.step_id}: {event.message}")
        elif event.sent is not None:
            size = f"{human_size(event.sent)}/{human_size(event.total)}"
            self._status(f"{head} {event.step_id} {size}")
        else:
            self._status(f"{head} {event.step_id}: {event.message}")

    def close(self) -> None:
        if self._live:
            self._write("\r\x1b[2K")
            self._live = False


# -- the commands ----------------------------------------------------------------------------


def plan(ctx: click.Context, values: Mapping[str, Any]) -> None:
    """``tokportal campaign plan FILE``: validate, then quote each paid step (dry runs)."""
    file, campaign, the_plan = _load(ctx, values)
    fmt = _format(values)
    if values.get("offline"):
        paid = [step.id for step in the_plan.paid_steps()]
        found = {
            "campaign_id": campaign.id,
            "valid": True,
            "bundles": len(campaign.bundles),
            "steps": len(the_plan.steps),
            "paid_steps": paid,
        }
        if fmt == "json":
            _echo_json(found)
        else:
            click.echo(
                f"{file}: valid: campaign {campaign.id}, {len(campaign.bundles)} bundles, "
                f"{len(the_plan.steps)} steps, {len(paid)} paid ({', '.join(paid)})"
            )
        return
    with contextlib.ExitStack() as stack:
        if values.get("journal"):
            journal_file = Path(values["journal"])
        else:
            # A plan leaves nothing beside the file: the quote goes to a throwaway journal.
            journal_file = Path(stack.enter_context(tempfile.TemporaryDirectory())) / "plan.sqlite"
        with _campaign_errors(ctx, file):
            journal = stack.enter_context(Journal.open(journal_file, campaign))
            journal.record_plan(the_plan)

            from .._async.campaigns import AsyncCampaignRunner

            async def main() -> Quote:
                async with _client(ctx, values) as client:
                    return await AsyncCampaignRunner(client, the_plan, journal).quote()

            quote = anyio.run(main)
        if fmt == "json":
            _echo_json({"campaign_id": campaign.id, **quote.as_dict()})
        else:
            click.echo(quote_table(quote))
        _warn_if_short(quote, campaign.max_credits)


def _warn_if_short(quote: Quote, limit: int | None) -> None:
    from .._async.campaigns.runner import check_limits

    try:
        check_limits(quote, limit)  # the runner's own rule: what `run` will refuse
    except CreditLimitError as exc:
        click.echo(f"tokportal: note: `campaign run` would refuse this: {exc}", err=True)


def _has_progress(journal: Journal) -> bool:
    """Some step was begun (a key may have been sent), as the runner judges it."""
    return any(r.state is not StepState.PENDING or r.attempts for r in journal.records())


def _exit_for_error(exc: TokPortalError) -> int:
    """6 short of credits, 8 capacity (or the rate limit) exhausted, 1 a campaign that
    cannot go on; the SDK's errors by their class, as every other command."""
    if isinstance(exc, CreditLimitError):
        return EXIT_CREDITS
    if isinstance(exc, CampaignError):
        cause: BaseException | None = exc.__cause__
        while cause is not None:
            if isinstance(cause, RateLimitError):
                return EXIT_RATE_LIMITED
            cause = cause.__cause__
        return EXIT_API_ERROR
    return exit_code_for(exc)


def _run_until_interrupted(main: Callable[[], Awaitable[T]]) -> T:
    """``anyio.run(main)``, with Ctrl-C always a ``KeyboardInterrupt``. On Python 3.10 the
    event loop's runner cancels the main task on SIGINT and lets the ``CancelledError`` out
    (3.11's ``asyncio.Runner`` turns it back into ``KeyboardInterrupt``); nothing else cancels
    the main task of this process."""
    try:
        return anyio.run(main)
    except asyncio.CancelledError:
        raise KeyboardInterrupt from None


def _drive(
    ctx: click.Context,
    values: Mapping[str, Any],
    file: Path,
    the_plan: Plan,
    journal: Journal,
    *,
    resume: bool,
) -> None:
    """Quote (a run), check and confirm, then run or resume with progress; the summary on
    stdout and the exit code: 0 all done, 1 a step failed for good, 6 short, 8 capacity."""
    campaign = the_plan.campaign
    interactive = _interactive(ctx)
    fmt = _format(values)

    def ask(question: str) -> None:
        if values.get("yes") or not interactive:
            return
        if not click.confirm(question, default=False, err=True):
            click.echo("tokportal: not confirmed: nothing was sent", err=True)
            ctx.exit(EXIT_USAGE)

    status = journal.status()
    progress = Progress(
        tty=_stderr_tty(ctx),
        done=int(status.counts.get(StepState.DONE, 0)),
        total=status.steps_total,
    )

    from .._async.campaigns import AsyncCampaignRunner
    from .._async.campaigns.runner import check_limits

    async def main() -> CampaignSummary:
        async with _client(ctx, values) as client:
            kwargs: dict[str, Any] = {"on_event": progress}
            if values.get("concurrency") is not None:
                kwargs["concurrency"] = values["concurrency"]
            if values.get("max_capacity_waits") is not None:
                kwargs["max_capacity_waits"] = values["max_capacity_waits"]
            runner = AsyncCampaignRunner(client, the_plan, journal, **kwargs)
            if resume:
                quote = journal.quote()
                if quote is not None:
                    click.echo(quote_table(quote) if interactive else _quote_line(quote), err=True)
                todo = [
                    r.step_id
                    for r in journal.records()
                    if r.state is not StepState.DONE and the_plan.step(r.step_id).paid
                ]
                if todo:
                    ask(f"Resume {campaign.id}: {len(todo)} paid step(s) still to buy. Go on?")
                return await runner.resume(max_credits=values.get("max_credits"))
            quote = await runner.quote()
            click.echo(quote_table(quote) if interactive else _quote_line(quote), err=True)
            # The runner's own rule (--max-credits, else the file's max_credits; the balance),
            # before the question: a refusal asks nothing and buys nothing.
            limit = values.get("max_credits")
            check_limits(quote, campaign.max_credits if limit is None else limit)
            ask(f"Buy campaign {campaign.id} for {quote.total} credits?")
            return await runner.run(max_credits=values.get("max_credits"))

    code = EXIT_OK
    summary: CampaignSummary | None = None
    try:
        with _campaign_errors(ctx, file):
            try:
                summary = _run_until_interrupted(main)
            except CampaignFileError:
                raise
            except TokPortalError as exc:
                # The run stopped (a refusal, capacity or the network given up on): the
                # journal keeps what was done; the status below says what, resume goes on.
                progress.close()
                click.echo(f"tokportal: error: {type(exc).__name__}: {exc}", err=True)
                code = _exit_for_error(exc)
                if isinstance(exc, CreditLimitError):
                    ctx.exit(code)
    except KeyboardInterrupt:
        progress.close()
        click.echo(
            f"tokportal: interrupted; the journal is at {journal.path}: "
            f"`tokportal campaign resume {file}` goes on without paying twice",
            err=True,
        )
        raise
    finally:
        progress.close()
    if summary is None:
        # The run stopped on an error: what the journal says is done, offline.
        status = journal.status()
        click.echo(
            status_table(status) if fmt == "table" else json.dumps(status.as_dict(), indent=2)
        )
        if code == EXIT_API_ERROR:
            code = _exit_for_failed(status)
        click.echo(f"tokportal: `tokportal campaign resume {file}` goes on from here", err=True)
        ctx.exit(code)
    if fmt == "json":
        _echo_json(summary_json(summary, progress.capacity_waits))
    else:
        click.echo(summary_table(summary, progress.capacity_waits))
    if not summary.ok:
        click.echo(
            f"tokportal: not done; fix what failed, then `tokportal campaign resume {file}`",
            err=True,
        )
        ctx.exit(code or _exit_for_failed(summary.steps))
    ctx.exit(code)


def _exit_for_failed(status: CampaignStatus) -> int:
    """8 when what stopped the campaign is the bundle capacity (its waits exhausted), else 1."""
    for record in status.failed:
        error = record.error or {}
        if str(error.get("code", "")).lower() == "capacity_cooldown" or error.get("status") == 429:
            return EXIT_RATE_LIMITED
    return EXIT_API_ERROR


def _quote_line(quote: Quote) -> str:
    balance = "unknown" if quote.balance is None else str(quote.balance)
    return f"quote: {quote.total} credits for {len(quote.lines)} paid step(s); balance {balance}"


def _discard_unstarted(path: Path, campaign: CampaignFile) -> None:
    """A journal of this campaign where no step ever began (a refused or unconfirmed run,
    a file edited since) holds nothing worth keeping: start it again from the file as it is."""
    if not path.is_file():
        return
    # Not under a runner at work on it (refused, naming it): it may be quoting still.
    with Journal.open_existing(path) as old, old.hold():
        if old.campaign_id != campaign.id or _has_progress(old):
            return
        for leftover in (
            path,
            path.with_name(path.name + "-wal"),
            path.with_name(path.name + "-shm"),
        ):
            leftover.unlink(missing_ok=True)


def run(ctx: click.Context, values: Mapping[str, Any]) -> None:
    """``tokportal campaign run FILE``."""
    file, campaign, the_plan = _load(ctx, values)
    path = _journal_path(campaign, values)
    with _campaign_errors(ctx, file):
        _discard_unstarted(path, campaign)
    with _campaign_errors(ctx, file), Journal.open(path, campaign) as journal:
        if _has_progress(journal):
            click.echo(
                f"tokportal: {journal.path} already has progress: "
                f"`tokportal campaign resume {file}` goes on from it",
                err=True,
            )
            ctx.exit(EXIT_USAGE)
        journal.record_plan(the_plan)
        _drive(ctx, values, file, the_plan, journal, resume=False)


def resume(ctx: click.Context, values: Mapping[str, Any]) -> None:
    """``tokportal campaign resume FILE``."""
    file, campaign, the_plan = _load(ctx, values)
    path = _journal_path(campaign, values)
    if not path.exists():
        click.echo(
            f"tokportal: no journal at {path}: start with `tokportal campaign run {file}`",
            err=True,
        )
        ctx.exit(EXIT_USAGE)
    with _campaign_errors(ctx, file), Journal.open(path, campaign) as journal:
        journal.record_plan(the_plan)
        _drive(ctx, values, file, the_plan, journal, resume=True)


def status(ctx: click.Context, values: Mapping[str, Any]) -> None:
    """``tokportal campaign status FILE|JOURNAL``: the journal alone, offline."""
    target = Path(values["target"])
    if values.get("journal"):
        path = Path(values["journal"])
    elif target.suffix == ".toml":
        # CampaignFile.journal_path's rule, without reading the file: status must work with
        # a file whose dates have passed (it would no longer validate).
        path = target.with_name(target.stem + ".journal.sqlite")
    else:
        path = target
    if not path.is_file():
        click.echo(f"tokportal: no journal at {path}", err=True)
        ctx.exit(EXIT_USAGE)
    with _campaign_errors(ctx), Journal.open_existing(path) as journal:
        found = journal.status()
        verbose = bool(values.get("verbose"))
        records = journal.records() if verbose else []
        events = [
            {"at": e.at.isoformat(), "step_id": e.step_id, "message": e.message}
            for e in (journal.events() if verbose else [])
        ]
    if _format(values) == "json":
        _echo_json(
            {
                **found.as_dict(),
                **(
                    {"records": [r.as_dict() for r in records], "events": events} if verbose else {}
                ),
            }
        )
        return
    click.echo(status_table(found))
    if verbose:
        rows = [
            {
                "step": r.step_id,
                "state": r.state.value,
                "attempts": r.attempts,
                "credits": r.credits_charged,
                "adopted": r.adopted,
                "external_ref": r.external_ref,
            }
            for r in records
        ]
        click.echo("\n" + render_table(rows)[0])
        for event in events:
            where = f" {event['step_id']}" if event["step_id"] else ""
            click.echo(f"{event['at']}{where}: {event['message']}")


__all__ = ["plan", "resume", "run", "status"]
