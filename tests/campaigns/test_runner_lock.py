"""One runner per journal: the lock beside it, in one process and across processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tokportal.campaigns import CampaignError
from tokportal.campaigns._runner_lock import hold_journal, lock_path


def test_a_second_holder_is_refused_and_told_who_holds_it(tmp_path: Path) -> None:
    journal = tmp_path / "c.journal.sqlite"
    with hold_journal(journal):
        with pytest.raises(CampaignError, match=f"in use by pid {os.getpid()}"):
            with hold_journal(journal):
                pass  # pragma: no cover - never entered
    with hold_journal(journal):  # released: held again at once
        pass
    assert lock_path(journal).name == "c.journal.sqlite-lock"


def test_a_killed_holder_lets_go_at_once(tmp_path: Path) -> None:
    journal = tmp_path / "c.journal.sqlite"
    child = subprocess.Popen(
        [
            sys.executable,
            "-c",
            textwrap.dedent(
                f"""
                import sys, time
                from pathlib import Path
                from tokportal.campaigns._runner_lock import hold_journal
                with hold_journal(Path({str(journal)!r})):
                    print("held", flush=True)
                    time.sleep(60)
                """
            ),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == "held"
        with pytest.raises(CampaignError, match=f"in use by pid {child.pid}"):
            with hold_journal(journal):
                pass  # pragma: no cover - never entered
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        with hold_journal(journal):  # no stale lock after a crash
            pass
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
