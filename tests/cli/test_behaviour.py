"""What a user of ``tokportal`` sees: formats, pages, dry runs, keys, consent, exit codes."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tokportal.cli import _run
from tokportal.testing import Emulator

from .wire import Recorder, run

SECRET = "sk_" + "5e" * 32


@pytest.fixture
def emu() -> Iterator[Emulator]:
    with Emulator(initial_credits=1000) as emulator:
        yield emulator


def key(emu: Emulator) -> list[str]:
    return ["--api-key", emu.api_key, "--max-retries", "0"]


def buy(emu: Emulator, n: int) -> list[str]:
    ids = []
    for i in range(n):
        done = run(
            [
                "bundles",
                "create",
                "--bundle-type",
                "account_only",
                "--platform",
                "tiktok",
                "--country",
                "USA",
                "--external-ref",
                f"r{i}",
                *key(emu),
            ],
            transport=emu.transport,
        )
        assert done.code == 0, done.stderr
        ids.append(json.loads(done.stdout)["data"]["id"])
    return ids


def test_piped_output_is_json_and_only_data(emu: Emulator) -> None:
    done = run(["credits", "balance", *key(emu)], transport=emu.transport)
    assert done.code == 0 and done.stderr == ""
    assert json.loads(done.stdout)["credits"] == 1000


def test_table_csv_and_ndjson(emu: Emulator) -> None:
    ids = buy(emu, 2)
    table = run(["bundles", "list", "-o", "table", *key(emu)], transport=emu.transport)
    header, *rows = table.stdout.splitlines()
    assert header.split()[:2] == ["ID", "BUNDLE_ID"]
    assert sorted(r.split()[0] for r in rows) == sorted(ids)

    as_csv = run(["bundles", "list", "-o", "csv", *key(emu)], transport=emu.transport)
    records = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert sorted(r["id"] for r in records) == sorted(ids)
    assert {r["external_ref"] for r in records} == {"r0", "r1"}

    nd = run(["bundles", "list", "-o", "ndjson", *key(emu)], transport=emu.transport)
    assert sorted(json.loads(line)["id"] for line in nd.stdout.splitlines()) == sorted(ids)


def test_all_walks_every_page_and_ndjson_streams_as_pages_arrive(emu: Emulator) -> None:
    ids = buy(emu, 3)
    recorder = Recorder(emu)
    pages_seen_at_each_line: list[int] = []

    class Stream(io.StringIO):
        def write(self, text: str) -> int:
            if text.endswith("\n"):
                pages_seen_at_each_line.append(len(recorder.sent))
            return super().write(text)

    import contextlib

    from tokportal.cli import main
    from tokportal.cli._run import Seams

    out = Stream()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        code = main(
            ["bundles", "list", "--all", "--per-page", "1", "-o", "ndjson", *key(emu)],
            obj=Seams(transport=recorder),
        )
    assert code == 0
    assert sorted(json.loads(line)["id"] for line in out.getvalue().splitlines()) == sorted(ids)
    assert [s.query for s in recorder.sent][:3] == [
        (("page", str(p)), ("per_page", "1")) for p in (1, 2, 3)
    ]
    # the first item is out before the second page is asked for
    assert pages_seen_at_each_line[0] == 1 and pages_seen_at_each_line[1] == 2

    as_json = run(["bundles", "list", "--all", "--per-page", "2", *key(emu)], emu.transport)
    assert sorted(b["id"] for b in json.loads(as_json.stdout)) == sorted(ids)


def test_all_shows_progress_only_on_a_terminal(emu: Emulator) -> None:
    buy(emu, 2)
    args = ["bundles", "list", "--all", "--per-page", "1", *key(emu)]
    piped = run(args, transport=emu.transport)
    assert piped.stderr == ""
    on_tty = run(args, transport=emu.transport, tty=True)
    assert "\r  fetched 1 items" in on_tty.stderr
    assert on_tty.stdout == piped.stdout  # progress never mixes into the data


def test_dry_run_is_a_header_and_charges_nothing(emu: Emulator) -> None:
    recorder = Recorder(emu)
    done = run(
        [
            "bundles",
            "create",
            "--bundle-type",
            "account_and_videos",
            "--platform",
            "tiktok",
            "--country",
            "USA",
            "--videos-quantity",
            "3",
            "--dry-run",
            *key(emu),
        ],
        transport=recorder,
    )
    assert done.code == 0, done.stderr
    (sent,) = recorder.sent
    assert ("x-tokportal-dry-run", "true") in sent.headers
    assert sent.query == () and "dry_run" not in sent.body
    quote = json.loads(done.stdout)
    assert quote["credits_would_charge"] == 32 + 3 * 2 and quote["credits_charged"] == 0
    assert "would charge 38 credits" in done.stderr
    assert (
        json.loads(run(["credits", "balance", *key(emu)], emu.transport).stdout)["credits"] == 1000
    )


def test_idempotency_key_is_sent_and_a_repeat_is_not_charged_twice(emu: Emulator) -> None:
    recorder = Recorder(emu)
    args = ["bundles", "create", "--bundle-type", "account_only", "--platform", "tiktok"]
    args += ["--country", "USA", "--idempotency-key", "order-42", *key(emu)]
    first, second = run(args, transport=recorder), run(args, transport=recorder)
    assert first.code == second.code == 0
    assert all(("idempotency-key", "order-42") in s.headers for s in recorder.sent)
    assert json.loads(first.stdout)["data"]["id"] == json.loads(second.stdout)["data"]["id"]
    balance = json.loads(run(["credits", "balance", *key(emu)], emu.transport).stdout)
    assert balance["credits"] == 1000 - 32


def test_body_from_a_file_and_from_stdin_options_win(emu: Emulator, tmp_path: Path) -> None:
    recorder = Recorder(emu)
    body = tmp_path / "body.json"
    body.write_text('{"bundle_type": "account_only", "platform": "tiktok", "country": "FRA"}')
    base = ["bundles", "create", "--bundle-type", "account_only", "--dry-run", *key(emu)]
    run([*base, "--country", "USA", "--body", f"@{body}"], transport=recorder)
    run(
        [*base, "--body", "-"], transport=recorder, stdin='{"platform": "tiktok", "country": "DEU"}'
    )
    assert [s.body["country"] for s in recorder.sent] == ["USA", "DEU"]
    bad = run([*base, "--body", "{nope"], transport=recorder)
    assert bad.code == 2 and "--body" in bad.stderr and len(recorder.sent) == 2


def test_api_calls_any_operation_by_id(emu: Emulator) -> None:
    (bundle_id,) = buy(emu, 1)
    recorder = Recorder(emu)
    done = run(["api", "getBundle", "--path", f"id={bundle_id}", *key(emu)], recorder)
    assert done.code == 0 and json.loads(done.stdout)["data"]["id"] == bundle_id
    assert recorder.sent[0].path == f"/api/ext/bundles/{bundle_id}"
    unknown = run(["api", "noSuchOperation", *key(emu)], recorder)
    assert unknown.code == 2 and "noSuchOperation" in unknown.stderr
    assert len(recorder.sent) == 1


def test_the_key_comes_from_the_environment_and_is_never_printed(
    emu: Emulator, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TOKPORTAL_API_KEY", emu.api_key)
    assert run(["me", "get"], transport=emu.transport).code == 0
    for args in (["me", "get", "--help"], ["--help"], ["bundles", "get", "x"]):
        done = run(args, transport=emu.transport)
        assert emu.api_key not in done.stdout + done.stderr
    monkeypatch.setenv("TOKPORTAL_API_KEY", SECRET)
    refused = run(["me", "get", "-o", "table"], transport=emu.transport)
    assert refused.code == _run.EXIT_AUTH
    assert SECRET not in refused.stdout + refused.stderr


def test_no_key_is_a_local_refusal(monkeypatch: pytest.MonkeyPatch, emu: Emulator) -> None:
    monkeypatch.delenv("TOKPORTAL_API_KEY", raising=False)
    recorder = Recorder(emu)
    done = run(["me", "get"], transport=recorder)
    assert done.code == _run.EXIT_USAGE and "TOKPORTAL_API_KEY" in done.stderr
    assert recorder.sent == []


@pytest.mark.parametrize(
    ("status", "code"),
    [
        (400, _run.EXIT_API_ERROR),
        (401, _run.EXIT_AUTH),
        (402, _run.EXIT_CREDITS),
        (403, _run.EXIT_AUTH),
        (404, _run.EXIT_NOT_FOUND),
        (409, _run.EXIT_CONFLICT),
        (422, _run.EXIT_API_ERROR),
        (428, _run.EXIT_CONSENT),
        (429, _run.EXIT_RATE_LIMITED),
        (500, _run.EXIT_SERVER),
        (503, _run.EXIT_SERVER),
    ],
)
def test_exit_code_by_error_class(emu: Emulator, status: int, code: int) -> None:
    emu.faults.inject("status", operation_id="getCreditBalance", status=status)
    recorder = Recorder(emu)
    done = run(["credits", "balance", *key(emu)], transport=recorder)
    assert done.code == code, done.stderr
    assert done.stdout == ""
    assert f"({status})" in done.stderr
    assert len(recorder.sent) == 1  # --max-retries 0: one attempt, no retry behind our back


def test_exit_code_of_a_connection_failure_and_a_local_refusal(emu: Emulator) -> None:
    emu.faults.inject("reset_before", operation_id="getCreditBalance")
    dropped = run(["credits", "balance", *key(emu)], transport=emu.transport)
    assert dropped.code == _run.EXIT_SERVER and "APIConnectionError" in dropped.stderr
    recorder = Recorder(emu)
    missing = run(["bundles", "create", *key(emu)], transport=recorder)
    assert missing.code == _run.EXIT_USAGE and "--bundle-type" in missing.stderr
    refused = run(["api", "getBundle", "--path", "id=", *key(emu)], transport=recorder)
    assert refused.code == _run.EXIT_USAGE, refused.stderr
    assert recorder.sent == []


def test_consent_required_prints_the_policy_and_does_not_retry(emu: Emulator) -> None:
    emu.faults.inject("status", operation_id="revealAccountCredentials", status=428)
    recorder = Recorder(emu)
    done = run(
        ["accounts", "reveal-credentials", "acc-1", "--api-key", emu.api_key], transport=recorder
    )
    assert done.code == _run.EXIT_CONSENT
    assert "consent required" in done.stderr
    assert "--acknowledge-support-forfeit --policy-version" in done.stderr
    assert done.stdout == "" and len(recorder.sent) == 1


def test_upload_a_local_file_with_progress_on_a_terminal(emu: Emulator, tmp_path: Path) -> None:
    (bundle_id,) = buy(emu, 1)
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"\x00" * 300_000)
    args = ["uploads", "video", str(clip), "--bundle-id", bundle_id, *key(emu)]
    on_tty = run(args, transport=emu.transport, tty=True)
    assert on_tty.code == 0, on_tty.stderr
    assert "\r    [" in on_tty.stderr and "uploaded clip.mp4" in on_tty.stderr
    assert "public_url" in json.loads(on_tty.stdout)
    piped = run(args, transport=emu.transport)
    assert piped.code == 0 and piped.stderr == ""


def test_the_cli_guide_documents_each_exit_code() -> None:
    guide = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
    section = guide.read_text(encoding="utf-8").split("## Exit codes", 1)[1].split("\n## ", 1)[0]
    rows = {
        int(code): meaning
        for code, meaning in (
            line.strip("|").split("|", 1)[0:2]
            for line in section.splitlines()
            if line.startswith("| ") and line[2].isdigit()
        )
    }
    words = {
        _run.EXIT_OK: "success",
        _run.EXIT_API_ERROR: "other API error",
        _run.EXIT_USAGE: "usage error",
        _run.EXIT_AUTH: "authentication",
        _run.EXIT_NOT_FOUND: "not found",
        _run.EXIT_CONFLICT: "conflict",
        _run.EXIT_CREDITS: "insufficient credits",
        _run.EXIT_CONSENT: "consent required",
        _run.EXIT_RATE_LIMITED: "rate limited",
        _run.EXIT_SERVER: "server or connection",
    }
    for code, word in words.items():
        assert word in rows[code], (code, rows.get(code))


def test_a_text_answer_is_printed_as_it_came(emu: Emulator) -> None:
    done = run(["analytics", "export-videos-csv", *key(emu)], transport=emu.transport)
    assert done.code == 0, done.stderr
    assert done.stdout.splitlines()[0].count(",") >= 1
    assert not done.stdout.startswith(("{", "["))


def test_consent_flow_prints_the_disclosure_then_goes_through_once_accepted(
    emu: Emulator,
) -> None:
    import httpx

    from tests.emulator.conftest import delivered_account

    with httpx.Client(
        transport=emu.transport,
        base_url="https://app.tokportal.com/api/ext",
        headers={"X-API-Key": emu.api_key},
    ) as raw:
        _bundle, account_id = delivered_account(raw, emu)
    recorder = Recorder(emu)
    asked = run(["accounts", "reveal-credentials", account_id, *key(emu)], transport=recorder)
    assert asked.code == _run.EXIT_CONSENT, asked.stderr
    assert asked.stdout == "" and len(recorder.sent) == 1
    version = re.search(r"--policy-version (\S+)\)?", asked.stderr)
    assert version is not None and version.group(1) != "VERSION", asked.stderr
    assert len(asked.stderr.splitlines()) > 3  # the disclosure itself, not only the error line

    accepted = run(
        [
            "accounts",
            "reveal-credentials",
            account_id,
            "--acknowledge-support-forfeit",
            "--policy-version",
            version.group(1),
            *key(emu),
        ],
        transport=recorder,
    )
    assert accepted.code == 0, accepted.stderr
    assert recorder.sent[-1].body == {
        "acknowledge_support_forfeit": True,
        "policy_version": version.group(1),
    }
    assert json.loads(accepted.stdout)


def test_api_walks_every_page_of_a_listing(emu: Emulator) -> None:
    ids = buy(emu, 3)
    recorder = Recorder(emu)
    args = ["api", "listBundles", "--all", "--query", "per_page=2", "-o", "ndjson", *key(emu)]
    done = run(args, transport=recorder)
    assert done.code == 0, done.stderr
    assert sorted(json.loads(line)["id"] for line in done.stdout.splitlines()) == sorted(ids)
    assert [dict(s.query)["page"] for s in recorder.sent] == ["1", "2"]
    refused = run(["api", "getCurrentUser", "--all", *key(emu)], transport=recorder)
    assert refused.code == 2 and "not a paginated listing" in refused.stderr
    assert len(recorder.sent) == 2


def test_one_page_at_a_terminal_says_there_are_more(emu: Emulator) -> None:
    buy(emu, 3)
    args = ["bundles", "list", "--per-page", "2", *key(emu)]
    assert run(args, transport=emu.transport).stderr == ""  # piped: data only
    on_tty = run(args, transport=emu.transport, tty=True)
    assert "(page 1 of 2, 3 items: --all for every page)" in on_tty.stderr
    assert len(json.loads(on_tty.stdout)) == 2


def test_ctrl_c_exits_130_and_says_so(emu: Emulator) -> None:
    class Interrupting(Recorder):
        def handle_request(self, request: Any) -> Any:
            raise KeyboardInterrupt

    done = run(["credits", "balance", *key(emu)], transport=Interrupting(emu))
    assert done.code == 130 and "interrupted" in done.stderr and done.stdout == ""


def test_a_missing_file_is_refused_before_anything_is_sent(emu: Emulator, tmp_path: Path) -> None:
    recorder = Recorder(emu)
    missing = tmp_path / "nope.mp4"
    done = run(["uploads", "video", str(missing), "--bundle-id", "b", *key(emu)], recorder)
    assert done.code == _run.EXIT_USAGE and "nope.mp4" in done.stderr
    assert recorder.sent == []


def test_an_unreadable_file_is_a_local_error_not_a_traceback(
    emu: Emulator, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tokportal._sync.flows import uploads

    def unreadable(file: Any, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError(13, "Permission denied", str(file))

    monkeypatch.setattr(uploads, "open_upload", unreadable)
    clip = tmp_path / "clip.mp4"
    clip.write_bytes(b"x")
    recorder = Recorder(emu)
    done = run(["uploads", "video", str(clip), "--bundle-id", "b", *key(emu)], recorder)
    assert done.code == _run.EXIT_USAGE
    assert done.stderr == f"tokportal: error: Permission denied: {clip}\n"
    assert recorder.sent == []


def test_all_and_page_together_is_a_usage_error(emu: Emulator) -> None:
    recorder = Recorder(emu)
    for args in (["bundles", "list"], ["api", "listBundles"]):
        done = run([*args, "--all", "--page", "2", *key(emu)], recorder)
        assert done.code == 2 and "not both" in done.stderr
    assert recorder.sent == []
