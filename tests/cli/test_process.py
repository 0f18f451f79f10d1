"""``tokportal`` as a process: what --help imports, completion scripts, and one end-to-end
run against ``tokportal emulator`` over loopback."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from .conftest import _command, read_banner

HEAVY = ("httpx", "httpcore", "tokportal.models", "tokportal._sync", "tokportal._async", "attrs")


def imported_modules(*args: str) -> tuple[set[str], subprocess.CompletedProcess[str]]:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "tokportal", *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return modules, done


@pytest.mark.parametrize(
    "args",
    [["--help"], ["bundles", "--help"], ["bundles", "videos", "--help"], ["api", "--help"]],
    ids=" ".join,
)
def test_help_imports_neither_httpx_nor_the_models(args: list[str]) -> None:
    modules, done = imported_modules(*args)
    assert done.returncode == 0, done.stderr
    assert "click" in modules and "tokportal.cli._commands_table" in modules  # it did measure
    heavy = sorted(m for m in modules if m.split(".")[0] in HEAVY or m.startswith(HEAVY))
    assert heavy == []
    assert done.stdout.startswith("Usage: tokportal")


def test_running_a_command_does_import_the_client() -> None:
    modules, done = imported_modules("me", "get", "--api-key", "sk_x", "--base-url", "http://x")
    assert "httpx" in modules  # the check above is not blind
    assert done.returncode != 0


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script_parses_in_its_shell(shell: str) -> None:
    done = subprocess.run(
        [*_command(), "completion", shell], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "_TOKPORTAL_COMPLETE" in done.stdout
    binary = shutil.which(shell)
    if binary is None:
        pytest.skip(f"{shell} is not installed here; the script was printed")
    flag = "--no-execute" if shell == "fish" else "-n"
    parsed = subprocess.run(
        [binary, flag], input=done.stdout, capture_output=True, text=True, timeout=60, check=False
    )
    assert parsed.returncode == 0, parsed.stderr


def test_completion_completes_groups_and_commands() -> None:
    env = {**os.environ, "_TOKPORTAL_COMPLETE": "bash_complete", "COMP_CWORD": "2"}
    done = subprocess.run(
        [*_command()],
        env={**env, "COMP_WORDS": "tokportal bundles cre"},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "plain,create" in done.stdout.splitlines()
    assert "plain,create-bulk" in done.stdout.splitlines()


def test_end_to_end_against_the_emulator_over_loopback(
    emulator_process: subprocess.Popen[str],
) -> None:
    _, base_url, api_key = read_banner(emulator_process)
    env = {**os.environ, "TOKPORTAL_BASE_URL": base_url}
    env["TOKPORTAL_API_KEY"] = api_key

    def tokportal(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [*_command(), *args], env=env, capture_output=True, text=True, timeout=60, check=False
        )

    quote = tokportal(
        "bundles", "create", "--bundle-type", "account_and_videos", "--platform", "tiktok",
        "--country", "USA", "--videos-quantity", "3", "--dry-run",
    )  # fmt: skip
    assert quote.returncode == 0, quote.stderr
    assert json.loads(quote.stdout)["credits_would_charge"] == 38
    bought = tokportal("bundles", "create", "--bundle-type", "account_only", "--platform",
                       "tiktok", "--country", "USA")  # fmt: skip
    assert bought.returncode == 0, bought.stderr
    bundle_id = json.loads(bought.stdout)["data"]["id"]
    listed = tokportal("bundles", "list", "--all", "-o", "ndjson")
    assert [json.loads(line)["id"] for line in listed.stdout.splitlines()] == [bundle_id]
    assert listed.stderr == ""  # piped: no progress bar
    balance = tokportal("credits", "balance", "-o", "csv")
    assert balance.stdout.splitlines()[1].split(",")[1] == str(777 - 32)
    missing = tokportal("bundles", "get", "no-such-bundle")
    assert missing.returncode == 4 and missing.stdout == ""
    for done in (quote, bought, listed, balance, missing):
        assert api_key not in done.stdout + done.stderr
