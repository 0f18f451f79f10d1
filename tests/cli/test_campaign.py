"""``tokportal campaign plan|run|resume|status``: what goes over the wire, what the user sees,
the exit codes, and what is never sent (a refused run buys nothing)."""

from __future__ import annotations

import datetime as dt
import json
import re
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.campaigns.crash import (
    BundleSpec,
    Runs,
    bundles_by_country,
    journal_progress,
    wait_exit,
    write_campaign,
)
from tokportal.campaigns import Journal, load_campaign
from tokportal.cli import _run
from tokportal.testing import Emulator

from .test_process import HEAVY, imported_modules
from .wire import Ran, Recorder, run

DRY_RUN = "x-tokportal-dry-run"
PAID = ("/api/ext/bundles", "/api/ext/bundles/bulk")


class AsyncRecorder(Recorder, httpx.AsyncBaseTransport):
    """``wire.Recorder`` for the async client the campaign commands drive."""

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        return self.handle_request(request)  # records it, then the emulator answers


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(initial_credits=10_000, rate_limit_per_minute=6000) as emulator:
        yield emulator


@pytest.fixture
def file(tmp_path: Path, emu: Emulator) -> Path:
    # Two US TikTok bundles (one bulk order) and one German one (a single creation).
    specs = [*bundles_by_country(["US"], 2, 2), BundleSpec("de-1", "DE", videos=1)]
    return write_campaign(
        tmp_path, "cli", specs, first_date=emu.now.date() + dt.timedelta(days=4), concurrency=2
    )


def key(emu: Emulator) -> list[str]:
    return ["--api-key", emu.api_key, "--max-retries", "0", "--rate-limit", "0"]


def paid_sends(recorder: Recorder) -> list[str]:
    """Paid checkouts that were not dry runs: what would have cost money."""
    return [
        s.path
        for s in recorder.sent
        if s.method == "POST" and s.path in PAID and dict(s.headers).get(DRY_RUN) != "true"
    ]


def campaign(args: list[str], transport: httpx.AsyncBaseTransport | None, **kw: object) -> Ran:
    return run(["campaign", *args], transport, **kw)  # type: ignore[arg-type]


# -- lazy, offline ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args", [["--help"], ["campaign", "--help"], ["campaign", "run", "--help"]], ids=" ".join
)
def test_help_imports_neither_the_campaign_module_nor_the_client(args: list[str]) -> None:
    modules, done = imported_modules(*args)
    assert done.returncode == 0, done.stderr
    assert "tokportal.cli._builtin" in modules  # it did measure
    assert "tokportal.cli.campaign" not in modules and "tokportal.campaigns" not in modules
    assert [m for m in modules if m.startswith(HEAVY)] == []
    if args == ["--help"]:
        assert "campaign" in done.stdout


def test_plan_offline_validates_with_no_key_and_no_network(
    file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TOKPORTAL_API_KEY", raising=False)
    done = campaign(["plan", str(file), "--offline"], None)
    assert done.code == 0, done.stderr
    found = json.loads(done.stdout)
    assert found == {
        "campaign_id": "cli",
        "valid": True,
        "bundles": 3,
        "steps": found["steps"],
        "paid_steps": ["bulk/US-tiktok-1", "create/de-1"],
    }
    assert not list(file.parent.glob("*.sqlite"))  # nothing written beside the file


def test_an_invalid_file_lists_every_problem_and_sends_nothing(
    emu: Emulator, tmp_path: Path
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        '[campaign]\nid = "bad id"\ncolour = 1\n\n[[bundles]]\nname = "a"\ncountry = "US"\n'
        '[bundles.account]\nusername = "a"\nvisible_name = "A"\nbiography = "b"\n'
        'picture = "no.jpg"\n[[bundles.videos]]\nfile = "no.mp4"\ncaption = "c"\n'
        "date = 2020-01-01\n",
        encoding="utf-8",
    )
    recorder = AsyncRecorder(emu)
    for verb in (["plan"], ["plan", "--offline"], ["run", "--yes"]):
        done = campaign([*verb, str(bad), *key(emu)], recorder)
        assert done.code == _run.EXIT_USAGE, done.stderr
        assert done.stdout == ""
        lines = done.stderr.splitlines()
        assert "5 problems; nothing was sent" in lines[0]
        assert {line.split(":")[0] for line in lines[1:]} == {
            "  - campaign.colour",
            "  - campaign.id",
            "  - bundles[0].account.picture",
            "  - bundles[0].videos[0].file",
            "  - bundles[0].videos[0].date",
        }
    assert recorder.sent == []
    assert not list(tmp_path.glob("*.sqlite"))


# -- plan: quotes with dry runs -----------------------------------------------------------


def test_plan_quotes_every_paid_step_with_dry_runs_and_buys_nothing(
    emu: Emulator, file: Path
) -> None:
    recorder = AsyncRecorder(emu)
    done = campaign(["plan", str(file), *key(emu)], recorder)
    assert done.code == 0, done.stderr
    quote = json.loads(done.stdout)
    assert [line["step_id"] for line in quote["lines"]] == ["bulk/US-tiktok-1", "create/de-1"]
    assert quote["total"] == sum(line["credits"] for line in quote["lines"]) > 0
    assert quote["balance"] == 10_000
    checkouts = [s for s in recorder.sent if s.method == "POST" and s.path in PAID]
    assert len(checkouts) == 2 and all(dict(s.headers)[DRY_RUN] == "true" for s in checkouts)
    assert paid_sends(recorder) == []
    assert emu.workspace.credits == 10_000
    assert not list(file.parent.glob("*.sqlite"))  # the quote went to a throwaway journal

    table = campaign(["plan", str(file), "-o", "table", *key(emu)], recorder)
    assert table.code == 0, table.stderr
    rows = table.stdout.splitlines()
    assert rows[0].split() == ["STEP", "OPERATION", "CREDITS"]
    assert rows[-2].split() == ["total", str(quote["total"])]
    assert rows[-1].split() == ["balance", "10000"]


# -- run: refusals ---------------------------------------------------------------------------


def test_run_refuses_when_the_balance_is_short_and_sends_nothing_paid(file: Path) -> None:
    with Emulator(initial_credits=5) as poor:
        recorder = AsyncRecorder(poor)
        done = campaign(["run", str(file), "--yes", *key(poor)], recorder)
        assert done.code == _run.EXIT_CREDITS, done.stderr
        assert "above the balance (5)" in done.stderr and "nothing was bought" in done.stderr
        assert paid_sends(recorder) == []
        assert poor.workspace.credits == 5
        assert [s for s in recorder.sent if s.method in ("PUT", "PATCH")] == []


def test_run_refuses_above_max_credits(emu: Emulator, file: Path) -> None:
    recorder = AsyncRecorder(emu)
    done = campaign(["run", str(file), "--yes", "--max-credits", "1", *key(emu)], recorder)
    assert done.code == _run.EXIT_CREDITS, done.stderr
    assert "above max_credits (1)" in done.stderr
    assert paid_sends(recorder) == [] and emu.workspace.credits == 10_000


def test_run_on_a_terminal_asks_first_and_a_no_buys_nothing(emu: Emulator, file: Path) -> None:
    recorder = AsyncRecorder(emu)
    done = campaign(["run", str(file), *key(emu)], recorder, tty=True, stdin="n\n")
    assert done.code == _run.EXIT_USAGE, done.stderr
    assert "Buy campaign cli for" in done.stderr and "nothing was sent" in done.stderr
    assert "total" in done.stderr  # the quote was shown before the question
    assert paid_sends(recorder) == [] and emu.workspace.credits == 10_000


# -- run, status, resume: the whole campaign ---------------------------------------------------


def test_run_does_the_whole_campaign_then_status_reads_the_journal_offline(
    emu: Emulator, file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    recorder = AsyncRecorder(emu)
    done = campaign(["run", str(file), "--yes", *key(emu)], recorder)
    assert done.code == 0, done.stderr
    summary = json.loads(done.stdout)
    assert summary["ok"] is True
    assert summary["credits_charged"] == summary["credits_quoted"] == 10_000 - emu.workspace.credits
    assert summary["counts"]["done"] == summary["steps_total"] and summary["counts"]["failed"] == 0
    assert summary["capacity_waits"] == 0
    assert done.stderr.startswith("quote: ")  # off a terminal: one line, no progress
    assert "\r" not in done.stderr
    # Exactly one paid checkout per paid step, each with its journalled idempotency key.
    paid = [s for s in recorder.sent if s.method == "POST" and s.path in PAID and s.path]
    live = [s for s in paid if dict(s.headers).get(DRY_RUN) != "true"]
    assert sorted(s.path for s in live) == ["/api/ext/bundles", "/api/ext/bundles/bulk"]
    journal = file.with_name("cli.journal.sqlite")
    # The key is in no output and nowhere in the journal (nor its write-ahead log).
    assert emu.api_key not in done.stdout + done.stderr
    for part in file.parent.glob("cli.journal.sqlite*"):
        assert emu.api_key.encode() not in part.read_bytes()
    with Journal.open_existing(journal) as book:
        keys = {r.idempotency_key for r in book.records() if r.kind in ("bulk", "create")}
    assert {dict(s.headers)["idempotency-key"] for s in live} == keys

    # status: the journal alone, no key and no transport (a network call would fail).
    monkeypatch.delenv("TOKPORTAL_API_KEY", raising=False)
    for target in (file, journal):
        status = campaign(["status", str(target)], None)
        assert status.code == 0, status.stderr
        found = json.loads(status.stdout)
        assert found["campaign_id"] == "cli" and found["done"] is True
        assert found["charged_credits"] == found["quoted_credits"] == summary["credits_charged"]
        assert found["counts"]["done"] == found["steps_total"] == summary["steps_total"]
    verbose = campaign(["status", str(file), "-v"], None)
    records = json.loads(verbose.stdout)["records"]
    assert {r["state"] for r in records} == {"done"} and len(records) == summary["steps_total"]
    table = campaign(["status", str(file), "-o", "table"], None)
    assert "charged of" in table.stdout and table.stdout.splitlines()[1].split() == [
        "state",
        "done",
    ]

    # A second run refuses: the journal has progress (resume is the way on), nothing sent.
    before = len(recorder.sent)
    again = campaign(["run", str(file), "--yes", *key(emu)], recorder)
    assert again.code == _run.EXIT_USAGE and "campaign resume" in again.stderr
    assert len(recorder.sent) == before
    # Resume of a finished campaign: nothing to buy, nothing bought.
    resumed = campaign(["resume", str(file), "--yes", *key(emu)], recorder)
    assert resumed.code == 0, resumed.stderr
    assert paid_sends(recorder) == [s.path for s in live]
    assert json.loads(resumed.stdout)["credits_charged"] == summary["credits_charged"]


def test_progress_on_a_terminal_shows_steps_and_upload_bytes(emu: Emulator, file: Path) -> None:
    done = campaign(["run", str(file), "--yes", *key(emu)], emu.transport, tty=True)
    assert done.code == 0, done.stderr
    assert "\r\x1b[2K" in done.stderr  # one live line, redrawn
    assert re.search(r"\] bulk/US-tiktok-1: done \(\d+ credits\)\n", done.stderr)
    assert "] publish/de-1: done\n" in done.stderr
    assert " KB/" in done.stderr  # an upload's bytes as they go


def test_a_step_failed_for_good_exits_1_names_it_and_resume_finishes(
    emu: Emulator, file: Path
) -> None:
    rule = emu.faults.inject("status", operation_id="configureBundleAccount", status=422, count=1)
    done = campaign(["run", str(file), "--yes", *key(emu)], emu.transport)
    assert done.code == _run.EXIT_API_ERROR, done.stderr
    assert rule.remaining == 0
    summary = json.loads(done.stdout)
    assert summary["ok"] is False
    (failed,) = summary["failed"]
    assert failed["step_id"].startswith("account/") and failed["error"]["status"] == 422
    assert "campaign resume" in done.stderr
    spent = 10_000 - emu.workspace.credits

    resumed = campaign(["resume", str(file), "--yes", *key(emu)], emu.transport)
    assert resumed.code == 0, resumed.stderr
    assert json.loads(resumed.stdout)["ok"] is True
    assert 10_000 - emu.workspace.credits == spent  # nothing bought twice


def test_capacity_waits_exhausted_exit_8(emu: Emulator, file: Path) -> None:
    emu.set_capacity(0, 60.0)  # no bundle may be created in the next minute
    done = campaign(
        ["run", str(file), "--yes", "--max-capacity-waits", "0", *key(emu)], emu.transport
    )
    assert done.code == _run.EXIT_RATE_LIMITED, done.stderr
    assert emu.workspace.credits == 10_000


def test_resume_without_a_journal_and_status_without_one(emu: Emulator, file: Path) -> None:
    recorder = AsyncRecorder(emu)
    done = campaign(["resume", str(file), "--yes", *key(emu)], recorder)
    assert done.code == _run.EXIT_USAGE and "no journal at" in done.stderr
    status = campaign(["status", str(file)], None)
    assert status.code == _run.EXIT_USAGE and "no journal at" in status.stderr
    assert recorder.sent == []


def test_a_journal_of_another_campaign_is_refused(
    emu: Emulator, file: Path, tmp_path: Path
) -> None:
    journal = tmp_path / "other.sqlite"
    other = write_campaign(
        tmp_path / "o",
        "other",
        [BundleSpec("x-1", "US", videos=1)],
        first_date=emu.now.date() + dt.timedelta(days=4),
    )
    with Journal.open(journal, load_campaign(other)) as book:
        assert book.records() == []
    recorder = AsyncRecorder(emu)
    done = campaign(["run", str(file), "--yes", "--journal", str(journal), *key(emu)], recorder)
    assert done.code == _run.EXIT_USAGE and "belongs to campaign 'other'" in done.stderr
    assert paid_sends(recorder) == []


def test_a_refused_run_leaves_a_journal_that_an_edited_file_may_start_again(
    emu: Emulator, file: Path
) -> None:
    refused = campaign(["run", str(file), "--yes", "--max-credits", "1", *key(emu)], emu.transport)
    assert refused.code == _run.EXIT_CREDITS
    file.write_text(file.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    done = campaign(["run", str(file), "--yes", *key(emu)], emu.transport)
    assert done.code == 0, done.stderr


def test_ctrl_c_stops_with_130_and_says_how_to_resume(emu: Emulator, file: Path) -> None:
    emu.faults.inject("latency", latency=0.05)  # slow enough to be interrupted mid-campaign
    journal = file.with_name("cli.journal.sqlite")
    with emu.serve() as base_url, Runs(file, journal, base_url, emu.api_key) as runs:
        proc = runs.start("run")
        deadline = time.monotonic() + 60
        while proc.poll() is None and journal_progress(runs.journal)[1] < 3:
            assert time.monotonic() < deadline, runs.describe()
            time.sleep(0.01)
        proc.send_signal(signal.SIGINT)
        assert wait_exit(proc, 60) == 130, runs.describe()
        _, err = runs.output()
        assert "interrupted" in err and "tokportal campaign resume" in err
        assert "Traceback" not in err
        _, done, total = journal_progress(runs.journal)
        assert 3 <= done < total
        assert wait_exit(runs.start("resume"), 60) == 0, runs.describe()
    assert json.loads(runs.output()[0])["ok"] is True


def test_resume_keeps_to_max_credits(emu: Emulator, file: Path) -> None:
    recorder = AsyncRecorder(emu)
    refused = campaign(["run", str(file), "--yes", "--max-credits", "1", *key(emu)], recorder)
    assert refused.code == _run.EXIT_CREDITS
    again = campaign(["resume", str(file), "--yes", "--max-credits", "1", *key(emu)], recorder)
    assert again.code == _run.EXIT_CREDITS, again.stderr
    assert "above max_credits (1)" in again.stderr
    assert paid_sends(recorder) == [] and emu.workspace.credits == 10_000
    done = campaign(["resume", str(file), "--yes", *key(emu)], recorder)
    assert done.code == 0, done.stderr
    assert len(paid_sends(recorder)) == 2
