"""The ``tokportal`` command: the demo on both clients and both transports, its failure
paths, ``--version``, and ``tokportal emulator`` as a real subprocess."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from tokportal import TokPortal, __version__
from tokportal.cli import _receiver, demo, main
from tokportal.cli import emulator as emulator_command
from tokportal.cli._display import Display
from tokportal.cli._flow import Blocking, Flow, run_async, run_sync
from tokportal.errors import WebhookSignatureError
from tokportal.testing import Emulator

from .conftest import _command, read_banner

PRICE = 32 + 3 * 2  # an account and three video slots


def field(out: str, label: str) -> str:
    """The value of one summary row, continuation lines included."""
    out = out.split("\nNext steps\n", 1)[0]
    match = re.search(rf"^  {label} +(.*?)(?=^  \S|\Z)", out, re.MULTILINE | re.DOTALL)
    assert match, f"no {label!r} row in:\n{out}"
    return " ".join(match.group(1).split())


@pytest.mark.parametrize("client", ["async", "sync"])
@pytest.mark.parametrize("transport", ["sockets", "in-process"])
def test_demo_runs_the_whole_campaign(
    client: str, transport: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args = ["demo"] + (["--sync"] if client == "sync" else [])
    args += ["--in-process"] if transport == "in-process" else []
    threads = set(threading.enumerate())

    assert main(args) == 0

    assert set(threading.enumerate()) <= threads  # servers, receiver, webhook worker: all stopped

    out, err = capsys.readouterr()
    assert err == ""
    where = "in-process" if transport == "in-process" else "on 127.0.0.1"
    assert out.splitlines()[0] == (
        f"tokportal demo against the embedded TokPortal emulator {where}: no account, no network"
    )
    assert_next_steps(out)
    assert "\r" not in out  # not a terminal: progress bars degrade to plain lines
    assert re.search(r"^\s+clip-1\.mp4 +\S+ (KB|MB) +-> \S+/_emulator/files/", out, re.M)
    assert re.fullmatch(
        r"[0-9a-f-]{36} completed, tiktok USA, ref demo-campaign-0", field(out, "bundle")
    )
    assert field(out, "account").startswith("@sunny.mornings_0 finalized, saved account ")
    videos = field(out, "videos")
    assert videos.startswith("3 finalized, posted at:")
    assert len(re.findall(r"https://www\.tiktok\.com/@sunny\.mornings_0/video/\d+", videos)) == 3
    assert field(out, "credits") == (
        f"quoted {PRICE} by a dry run (nothing debited), charged {PRICE}, "
        f"balance 1000 -> {1000 - PRICE}, the emulator's ledger agrees"
    )
    assert re.fullmatch(
        r"4 files streamed, [\d.]+ MB: avatar\.jpg [\d.]+ KB, "
        r"clip-1\.mp4 [\d.]+ .B, clip-2\.mp4 [\d.]+ .B, clip-3\.mp4 [\d.]+ .B",
        field(out, "uploads"),
    )
    webhooks = field(out, "webhooks")
    counts = re.match(r"(\d+) sent, (\d+) verified, 0 rejected, a forged one rejected", webhooks)
    assert counts, webhooks
    assert counts[1] == counts[2] and int(counts[1]) >= 10
    for expected in ("bundle.created 1", "account.finalized 1", "video.finalized 3"):
        assert expected in webhooks
    assert re.match(r"[1-9][\d,]* views, .* 3 posts$", field(out, "analytics"))
    assert re.match(r"\d+ API requests", field(out, "requests"))
    expected_client = "TokPortal" if client == "sync" else "AsyncTokPortal"
    expected_transport = (
        r"loopback sockets \(http://127\.0\.0\.1:\d+/api/ext\)"
        if transport == "sockets"
        else "the in-process transport"
    )
    assert re.fullmatch(
        rf"\d+\.\d\d s, {expected_client} over {expected_transport}", field(out, "elapsed")
    )


CAMPAIGN_CODE = str(Path(demo._campaign.__file__).resolve())


def assert_next_steps(out: str) -> None:
    """The demo ends saying where the code that ran lives and how to point it at the API."""
    tail = out[out.index("\nNext steps\n") :]
    assert "Summary" not in tail
    assert CAMPAIGN_CODE in tail and Path(CAMPAIGN_CODE).is_file()
    assert 'TokPortal(api_key="sk_...")' in tail
    assert "TOKPORTAL_API_KEY=sk_..." in tail
    assert "tokportal emulator" in tail


def test_quiet_prints_only_the_first_line_and_the_summary(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["demo", "--in-process", "--quiet", "--seed", "5"]) == 0
    out, _ = capsys.readouterr()
    intro, summary = out.split("\n\n", 1)
    assert intro == demo.intro(in_process=True)
    assert summary.startswith("Summary\n")
    assert "[ 1]" not in out and "Next steps" not in out
    assert field(out, "bundle").endswith("ref demo-campaign-5")


def recording_emulators(monkeypatch: pytest.MonkeyPatch, *faults: dict[str, Any]) -> list[Emulator]:
    """The emulators the demo makes, each with ``faults`` injected."""
    emulators: list[Emulator] = []

    def make(**options: Any) -> Emulator:
        emu = Emulator(**options)
        for fault in faults:
            emu.faults.inject(**fault)
        emulators.append(emu)
        return emu

    monkeypatch.setattr(demo, "Emulator", make)
    return emulators


def test_a_refused_order_is_the_expected_outcome_and_buys_nothing(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    emulators = recording_emulators(monkeypatch)
    assert main(["demo", "--in-process", "--credits", "20"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert "the balance (20) is below the price (38): expect a 402" in out
    assert "refused, as expected: INSUFFICIENT_CREDITS (402): needs 38 credits" in out
    assert "nothing was charged: balance still 20" in out
    assert "Buying" not in out  # it stopped at the quote
    assert re.fullmatch(
        r"refused: INSUFFICIENT_CREDITS \(402\), needs 38 credits, the balance is 20, "
        r"missing 18, request req_\w+",
        field(out, "order"),
    )
    assert field(out, "credits") == "charged 0, balance 20 -> 20, the emulator's ledger agrees"
    assert "The SDK raised InsufficientCreditsError (402 INSUFFICIENT_CREDITS)" in out
    assert_next_steps(out)
    (emu,) = emulators
    creates = [r for r in emu.requests if r.operation_id == "createBundle"]
    assert [r.status for r in creates] == [402]  # the quote only, never retried
    assert emu.workspace.bundles == {} and emu.workspace.credits == 20


def test_a_refusal_the_balance_did_not_predict_fails_the_demo(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    recording_emulators(
        monkeypatch, {"kind": "status", "operation_id": "createBundle", "status": 402}
    )
    assert main(["demo", "--in-process", "--quiet"]) == 1
    out, err = capsys.readouterr()
    assert "Summary" not in out
    assert "tokportal demo failed: InsufficientCreditsError: INJECTED_FAULT (402)" in err


def test_an_api_error_mid_campaign_fails_clearly(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    emulators: list[Emulator] = []

    def failing_publish(**options: Any) -> Emulator:
        emu = Emulator(**options)
        emu.faults.inject("status", operation_id="publishBundle", status=409)
        emulators.append(emu)
        return emu

    monkeypatch.setattr(demo, "Emulator", failing_publish)
    assert main(["demo"]) == 1
    out, err = capsys.readouterr()
    assert "tokportal demo failed: ConflictError: INJECTED_FAULT (409)" in err
    assert "[ 9] Publishing" in out and "Summary" not in out
    (emu,) = emulators
    publishes = [r for r in emu.requests if r.operation_id == "publishBundle"]
    assert [r.status for r in publishes] == [409]  # a 409 is final: no retry


def test_a_webhook_that_does_not_verify_fails_the_demo(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def reject(*args: Any, **kwargs: Any) -> Any:
        raise WebhookSignatureError("no v1 signature matches")

    monkeypatch.setattr(_receiver, "construct_event", reject)
    assert main(["demo", "--in-process", "--quiet"]) == 1
    _, err = capsys.readouterr()
    assert re.search(r"DemoError: \d+ genuine deliveries failed verification", err)


def run_command(*args: str, module: bool = False) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "tokportal"] if module else _command()
    return subprocess.run(
        [*command, *args], capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.parametrize("module", [True, False], ids=["python -m tokportal", "tokportal"])
def test_no_command_is_a_usage_error_on_stderr(module: bool) -> None:
    done = run_command(module=module)
    assert done.returncode == 2
    assert done.stdout == ""
    usage, error, *rest = done.stderr.splitlines()
    assert usage == "Usage: tokportal [OPTIONS] COMMAND [ARGS]..."
    assert error.startswith("tokportal: error: a command is required ")
    assert "`tokportal demo`" in error and "`tokportal --help`" in error
    assert rest == []


def test_the_refused_order_exits_0_as_a_command() -> None:
    done = run_command("demo", "--in-process", "--credits", "20", module=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.splitlines()[0].startswith("tokportal demo against the embedded ")
    assert "refused, as expected: INSUFFICIENT_CREDITS (402)" in done.stdout
    assert_next_steps(done.stdout)


def test_version_as_a_module() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tokportal", "--version"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"tokportal {__version__} (API 2026-05-25)"


def test_emulator_command_serves_the_sdk(emulator_process: subprocess.Popen[str]) -> None:
    text, base_url, api_key = read_banner(emulator_process)
    assert "a fake key" in text
    assert f"export TOKPORTAL_BASE_URL={base_url}" in text
    assert f"export TOKPORTAL_API_KEY={api_key}" in text

    with TokPortal(base_url=base_url, api_key=api_key, rate_limit=30) as client:
        me = client.me.get()
    assert me.credits == 777
    assert me.api_response is not None and me.api_response.rate_limit is not None
    assert me.api_response.rate_limit.limit == 30

    assert emulator_process.stdout is not None
    emulator_process.terminate()
    assert emulator_process.wait(timeout=10) == 0  # SIGTERM stops it like Ctrl-C
    assert emulator_process.stdout.read().strip() == "tokportal emulator: stopped"


def test_emulator_command_reports_a_busy_port(capsys: pytest.CaptureFixture[str]) -> None:
    with Emulator() as emu, emu.serve() as base_url:
        port = base_url.split(":")[2].split("/")[0]
        assert main(["emulator", "--port", port]) == 1
    _, err = capsys.readouterr()
    assert f"cannot listen on 127.0.0.1:{port}" in err


@pytest.mark.parametrize("speed", [0.0, 3600.0])
def test_emulator_speed_moves_the_business_clock(speed: float) -> None:
    with Emulator() as emu:
        started = emu.now
        stop = threading.Event()
        timer = threading.Timer(3 * emulator_command.TICK_SECONDS, stop.set)
        timer.start()
        emulator_command._serve_until_stopped(emu, stop, speed=speed)
        timer.join()
        assert (emu.now > started) is (speed > 0)


# -- the flow drivers: one campaign, two clients --------------------------------------------


class Boom(Exception):
    pass


def sample_flow(fail: Any, value: Any) -> Flow[list[Any]]:
    seen: list[Any] = []
    seen.append((yield value))
    try:
        yield fail
    except Boom as exc:
        seen.append(f"caught {exc}")
    seen.append((yield Blocking(lambda: "blocking")))
    return seen


def raise_boom() -> None:
    raise Boom("where it yielded")


def test_sync_driver_hands_values_back_and_raises_inside_the_flow() -> None:
    flow = sample_flow(Blocking(raise_boom), 42)
    assert run_sync(flow) == [42, "caught where it yielded", "blocking"]


@pytest.mark.anyio
async def test_async_driver_awaits_and_raises_inside_the_flow() -> None:
    async def answer() -> int:
        return 42

    async def fails() -> None:
        raise Boom("where it yielded")

    flow = sample_flow(fails(), answer())
    assert await run_async(flow) == [42, "caught where it yielded", "blocking"]


def test_an_uncaught_error_leaves_the_driver() -> None:
    def flow() -> Flow[None]:
        yield Blocking(raise_boom)

    with pytest.raises(Boom):
        run_sync(flow())


# -- the display ----------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_redraws_one_line_on_a_terminal() -> None:
    screen = Terminal()
    bar = Display(screen).transfer("clip.mp4")
    for sent in (0, 512, 512, 1024):
        bar(sent, 1024)
    bar.finish("clip.mp4 1.0 KB")
    text = screen.getvalue()
    assert text.count("\r    [") == 3  # the repeated 50 % was not redrawn
    assert "100% 1.0 KB/1.0 KB clip.mp4" in text
    assert text.endswith("\r\x1b[2K     clip.mp4 1.0 KB\n")


def test_progress_is_one_plain_line_elsewhere() -> None:
    log = io.StringIO()
    bar = Display(log).transfer("clip.mp4")
    bar(512, 1024)
    bar(1024, 1024)
    bar.finish("clip.mp4 1.0 KB")
    assert log.getvalue() == "     clip.mp4 1.0 KB\n"
