"""``tokportal demo``: a whole campaign against the embedded emulator, no configuration.

Everything runs locally: the emulator (on loopback sockets, or in-process with
``--in-process``), a webhook receiver on 127.0.0.1 and temp files for the media.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import anyio
import attrs
import httpx

from .._async.client import AsyncTokPortal
from .._core import config
from .._sync.client import TokPortal
from ..errors import TokPortalError
from ..testing import Emulator
from . import _campaign
from ._campaign import VIDEOS, Context, DemoError, Report, campaign
from ._display import Display, human_size
from ._flow import run_async, run_sync
from ._media import make_media
from ._receiver import WebhookReceiver

# In-process the host is never resolved; a reserved one makes that plain in every URL.
IN_PROCESS_BASE_URL = "https://tokportal.invalid/api/ext"
WRAP = 96
VALUE_COLUMN = 14  # two spaces and a 12-character label


@attrs.frozen
class Outcome:
    report: Report
    client: str
    transport: str
    requests: int
    elapsed: float


def intro(*, in_process: bool) -> str:
    """The first lines: what this runs against, before anything happens."""
    where = "in-process" if in_process else "on 127.0.0.1"
    return (
        f"tokportal demo against the embedded TokPortal emulator {where}: no account, "
        "no network\n(a fake API key, fake credits; app.tokportal.com is never contacted)"
    )


def run(args: argparse.Namespace) -> int:
    display = Display(sys.stdout, quiet=args.quiet)
    display.write(intro(in_process=args.in_process))
    if not args.quiet:
        display.write("")
    try:
        outcome = execute(
            sync=args.sync,
            in_process=args.in_process,
            seed=args.seed,
            credits=args.credits,
            display=display,
        )
    except KeyboardInterrupt:
        print("\ntokportal demo: interrupted", file=sys.stderr)
        return 130
    except (DemoError, TokPortalError) as exc:
        print(f"\ntokportal demo failed: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # the demo is a smoke test: any failure must read clearly
        print(f"\ntokportal demo failed unexpectedly: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 2
    display.write(summary(outcome))
    if not args.quiet:
        display.write(next_steps(outcome))
    return 0


def execute(*, sync: bool, in_process: bool, seed: int, credits: int, display: Display) -> Outcome:
    started = time.perf_counter()
    with ExitStack() as stack:
        emu = stack.enter_context(Emulator(seed=seed, initial_credits=credits))
        receiver = stack.enter_context(WebhookReceiver())
        workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="tokportal-demo-")))
        media = make_media(workdir, clips=VIDEOS, seed=seed)
        if in_process:
            base_url, where = IN_PROCESS_BASE_URL, "the in-process transport"
        else:
            base_url = stack.enter_context(emu.serve())
            where = f"loopback sockets ({base_url})"

        def context(client: AsyncTokPortal | TokPortal) -> Context:
            return Context(client, emu, receiver, media, display, seed)

        if sync:
            # An explicit transport: loopback must never go through a proxy from the environment.
            with TokPortal(
                api_key=emu.api_key,
                base_url=base_url,
                transport=emu.transport if in_process else httpx.HTTPTransport(),
            ) as client:
                report = run_sync(campaign(context(client)))
        else:

            async def main() -> Report:
                async with AsyncTokPortal(
                    api_key=emu.api_key,
                    base_url=base_url,
                    transport=emu.transport if in_process else httpx.AsyncHTTPTransport(),
                ) as client:
                    return await run_async(campaign(context(client)))

            report = anyio.run(main)
        requests = len(emu.requests)
    return Outcome(
        report=report,
        client="TokPortal" if sync else "AsyncTokPortal",
        transport=where,
        requests=requests,
        elapsed=time.perf_counter() - started,
    )


def _wrap(*groups: list[str]) -> str:
    """Each group comma-separated from a new line, wrapped under the value column."""
    lines: list[str] = []
    for parts in groups:
        line = ""
        for part in parts:
            candidate = f"{line}, {part}" if line else part
            if line and VALUE_COLUMN + len(candidate) > WRAP:
                lines.append(line + ",")
                line = part
            else:
                line = candidate
        lines.append(line)
    return ("\n" + " " * VALUE_COLUMN).join(lines)


def _count(value: Any) -> str:
    return f"{value:,}" if isinstance(value, int) else str(value)


def _table(title: str, rows: list[tuple[str, str]]) -> str:
    return "\n".join(["", title] + [f"  {label:<12}{value}" for label, value in rows])


def summary(outcome: Outcome) -> str:
    r = outcome.report
    if r.refusal is not None:
        return _refused_summary(outcome)
    rows: list[tuple[str, str]] = [("workspace", f"{r.email}, plan {r.plan}")]
    if r.bundle is not None:
        b = r.bundle
        rows.append(
            (
                "bundle",
                _wrap([f"{b.id} {b.status}", f"{b.platform} {b.country}", f"ref {b.external_ref}"]),
            )
        )
    if r.account is not None:
        a = r.account
        rows.append(
            ("account", _wrap([f"@{a.username} {a.status}", f"saved account {a.saved_account_id}"]))
        )
    statuses = "/".join(sorted({str(v.status) for v in r.videos}))
    posts = [str(v.post_url) for v in r.videos if v.post_url]
    rows.append(("videos", _wrap([f"{len(r.videos)} {statuses}, posted at:"], posts)))
    ledger = "agrees" if r.ledger_credits == r.balance_after else f"says {r.ledger_credits}"
    credits = [
        f"quoted {r.quoted} by a dry run (nothing debited)",
        f"charged {r.charged}",
        f"balance {r.balance_before} -> {r.balance_after}",
        f"the emulator's ledger {ledger}",
    ]
    rows.append(("credits", _wrap(credits)))
    total = sum(size or 0 for _, size in r.uploads)
    files = [f"{name} {human_size(size)}" for name, size in r.uploads]
    rows.append(
        ("uploads", _wrap([f"{len(r.uploads)} files streamed, {human_size(total)}:"], files))
    )
    verified = sum(r.webhooks_verified.values())
    forged = "rejected" if r.forged_rejected else "NOT rejected"
    counts = [
        f"{r.webhooks_sent} sent",
        f"{verified} verified",
        f"{r.webhooks_rejected} rejected",
        f"a forged one {forged}",
    ]
    by_type = [f"{name} {n}" for name, n in sorted(r.webhooks_verified.items())]
    rows.append(("webhooks", _wrap(counts, by_type)))
    rows.append(("analytics", _wrap([f"{_count(v)} {k}" for k, v in r.totals.items()])))
    days = r.simulated.total_seconds() / 86400
    rows.append(("requests", f"{outcome.requests} API requests, {days:.1f} simulated days"))
    rows.append(_elapsed_row(outcome))
    return _table("Summary", rows)


def _elapsed_row(outcome: Outcome) -> tuple[str, str]:
    return ("elapsed", f"{outcome.elapsed:.2f} s, {outcome.client} over {outcome.transport}")


def _refused_summary(outcome: Outcome) -> str:
    r = outcome.report
    refusal = r.refusal
    assert refusal is not None
    ledger = "agrees" if r.ledger_credits == r.balance_after else f"says {r.ledger_credits}"
    order = [
        f"refused: {refusal.code} ({refusal.status})",
        f"needs {refusal.required} credits",
        f"the balance is {refusal.available}",
        f"missing {refusal.missing}",
        f"request {refusal.request_id}",
    ]
    credits = [
        f"charged {r.charged}",
        f"balance {r.balance_before} -> {r.balance_after}",
        f"the emulator's ledger {ledger}",
    ]
    rows = [
        ("workspace", f"{r.email}, plan {r.plan}"),
        ("order", _wrap(order)),
        ("credits", _wrap(credits)),
        ("requests", f"{outcome.requests} API requests"),
        _elapsed_row(outcome),
    ]
    explain = (
        f"\nThe refusal is the expected outcome: the balance ({r.balance_before}) is below the "
        f"order's price ({refusal.required}).\nThe SDK raised InsufficientCreditsError (402 "
        "INSUFFICIENT_CREDITS) and nothing was charged.\nRun `tokportal demo` without --credits "
        "for the whole campaign."
    )
    return _table("Summary", rows) + "\n" + explain


def next_steps(outcome: Outcome) -> str:
    """Where to go from here: the code that just ran, and the same code on the real API."""
    code = Path(_campaign.__file__).resolve()
    rows = [
        (
            "read",
            "the code that just ran, written once for both clients (each\n"
            + " " * VALUE_COLUMN
            + '"x = yield client.y.z(...)" is "x = await client.y.z(...)"):\n'
            + " " * VALUE_COLUMN
            + str(code),
        ),
        (
            "go live",
            'the same calls on your account: TokPortal(api_key="sk_..."), or set\n'
            + " " * VALUE_COLUMN
            + f"{config.API_KEY_ENV}=sk_... and call TokPortal() / AsyncTokPortal();\n"
            + " " * VALUE_COLUMN
            + "dry_run=True prices an order without charging it",
        ),
        (
            "test",
            "your own code against this emulator: tokportal.testing.Emulator in-process,\n"
            + " " * VALUE_COLUMN
            + "or `tokportal emulator` as a local server",
        ),
    ]
    return _table("Next steps", rows)
