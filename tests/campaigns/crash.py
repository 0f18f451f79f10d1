"""The crash test's harness: a campaign file with tiny media, ``tokportal campaign`` as a child
process against an emulator served on loopback, kills chosen by watching the journal, and what
the emulator holds at the end.

Kill points are chosen from the journal's own progress (steps committed done, read from the
SQLite file while the child writes it), so every SIGKILL lands mid-campaign: after the run
has done some work and before its end, with other steps between their committed ``begin``
and their ``finish`` (left "sending": the case resume must reconcile). Every wait is bounded.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tokportal import TokPortal
from tokportal.testing import Emulator

JPEG_MAGIC = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
MP4_MAGIC = b"\x00\x00\x00\x20ftypisom\x00\x00\x02\x00isomiso2avc1mp41"

# Later than "configured" in a video slot's life (tokportal.models.VideoStatus).
CONFIGURED_OR_LATER = frozenset(
    {"configured", "published", "accepted", "in_review", "pending_corrections", "finalized"}
)
PUBLISHED_OR_LATER = frozenset({"published", "published_priority", "accepted", "completed"})

WAIT_FOR_PROGRESS = 60.0  # seconds a child may take to make the progress a kill waits for
WAIT_FOR_EXIT = 90.0  # seconds a last run may take to finish the campaign
POLL = 0.02


@dataclass(frozen=True)
class BundleSpec:
    name: str
    country: str
    platform: str = "tiktok"
    videos: int = 3


def bundles_by_country(countries: Sequence[str], per_country: int, videos: int) -> list[BundleSpec]:
    return [
        BundleSpec(name=f"{country.lower()}-{i}", country=country, videos=videos)
        for country in countries
        for i in range(1, per_country + 1)
    ]


def write_campaign(
    directory: Path,
    campaign_id: str,
    bundles: Sequence[BundleSpec],
    *,
    first_date: dt.date,
    concurrency: int = 12,
    bulk: bool = True,
    seed: int = 0,
) -> Path:
    """A campaign file and its media (a picture per bundle, distinct tiny clips) in
    ``directory``; dates from ``first_date`` on, one video per day."""
    rng = random.Random(seed)
    media = directory / "media"
    media.mkdir(parents=True, exist_ok=True)
    lines = [
        "[campaign]",
        f'id = "{campaign_id}"',
        f"concurrency = {concurrency}",
        f"bulk = {'true' if bulk else 'false'}",
        "",
    ]
    for spec in bundles:
        picture = media / f"{spec.name}.jpg"
        picture.write_bytes(JPEG_MAGIC + rng.randbytes(rng.randint(2_000, 6_000)))
        handle = spec.name.replace("-", ".")
        lines += [
            "[[bundles]]",
            f'name = "{spec.name}"',
            f'country = "{spec.country}"',
            f'platform = "{spec.platform}"',
            "",
            "[bundles.account]",
            f'username = "acme.{handle}"',
            f'visible_name = "Acme {spec.name.upper()}"',
            f'biography = "Acme in {spec.country}, every day"',
            f'picture = "media/{picture.name}"',
            "",
        ]
        for i in range(1, spec.videos + 1):
            clip = media / f"{spec.name}-{i}.mp4"
            clip.write_bytes(MP4_MAGIC + rng.randbytes(rng.randint(8_000, 24_000)))
            day = first_date + dt.timedelta(days=i - 1)
            lines += [
                "[[bundles.videos]]",
                f'file = "media/{clip.name}"',
                f'caption = "Clip {i} of {spec.name} #acme"',
                f"date = {day.isoformat()}",
                "",
            ]
    path = directory / f"{campaign_id}.toml"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


# -- the journal, read from outside while the child writes it --------------------------------


def journal_progress(path: Path) -> tuple[int, int, int]:
    """``(progress, done, total)``: progress counts every committed ``begin`` (attempts) and
    every ``finish`` (done rows); ``(0, 0, 0)`` until the journal has its steps."""
    if not path.exists():
        return 0, 0, 0
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2.0)
    except sqlite3.Error:
        return 0, 0, 0
    try:
        row = conn.execute(
            "select coalesce(sum(attempts), 0),"
            " coalesce(sum(case when state = 'done' then 1 else 0 end), 0),"
            " count(*) from steps"
        ).fetchone()
    except sqlite3.Error:  # not created yet, or busy for longer than the timeout
        return 0, 0, 0
    finally:
        conn.close()
    attempts, done, total = (int(v) for v in row)
    return attempts + done, done, total


def journal_states(path: Path) -> dict[str, int]:
    """How many steps are in each state (``pending``, ``sending``, ``done``, ``failed``)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2.0)
    try:
        return {
            str(state): int(n)
            for state, n in conn.execute("select state, count(*) from steps group by state")
        }
    finally:
        conn.close()


# -- the child process ------------------------------------------------------------------------


@dataclass
class Runs:
    """Every child run of one campaign: its command, how it ended, its output."""

    file: Path
    journal: Path
    base_url: str
    api_key: str
    extra: Sequence[str] = ()
    log: list[dict[str, Any]] = field(default_factory=list)
    procs: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def __enter__(self) -> Runs:
        return self

    def __exit__(self, *exc: object) -> None:
        # A failed assertion must not leave a child running against a closed emulator.
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)

    def command(self, verb: str) -> list[str]:
        return [
            sys.executable,
            "-m",
            "tokportal",
            "campaign",
            verb,
            str(self.file),
            "--journal",
            str(self.journal),
            "--api-key",
            self.api_key,
            "--base-url",
            self.base_url,
            "--yes",
            "--rate-limit",
            "0",  # the emulator's limit is raised; the client need not hold back
            "--max-retries",
            "4",  # 37 % of answers fail: five in a row about once in 140 calls; the runner resends
            "--timeout",
            "20",
            "-o",
            "json",
            *self.extra,
        ]

    def start(self, verb: str) -> subprocess.Popen[bytes]:
        n = len(self.log)
        out = (self.file.parent / f"run-{n}.out").open("wb")
        err = (self.file.parent / f"run-{n}.err").open("wb")
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        env.pop("TOKPORTAL_API_KEY", None)
        env.pop("TOKPORTAL_BASE_URL", None)
        try:
            proc = subprocess.Popen(self.command(verb), stdout=out, stderr=err, env=env)
        finally:
            out.close()
            err.close()
        self.log.append(
            {
                "verb": verb,
                "pid": proc.pid,
                "out": out.name,
                "err": err.name,
                "t0": time.monotonic(),
            }
        )
        return proc

    def output(self, index: int = -1) -> tuple[str, str]:
        entry = self.log[index]
        return (
            Path(entry["out"]).read_text(encoding="utf-8", errors="replace"),
            Path(entry["err"]).read_text(encoding="utf-8", errors="replace"),
        )

    def describe(self) -> str:
        parts = []
        for i, entry in enumerate(self.log):
            out, err = self.output(i)
            parts.append(f"--- run {i}: {entry}\n{err[-3000:]}\n{out[-2000:]}")
        return "\n".join(parts)


def wait_exit(proc: subprocess.Popen[bytes], timeout: float) -> int:
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(timeout=10)
        raise AssertionError(f"the child did not finish within {timeout} s") from None


def _kill(proc: subprocess.Popen[bytes], entry: dict[str, Any], journal: Path) -> tuple[int, int]:
    """SIGKILL the child; note in its log entry when, and what the journal held then.
    Returns ``(done, total)`` steps."""
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    entry["seconds"] = round(time.monotonic() - entry["t0"], 2)
    after, done, total = journal_progress(journal)
    entry.update(kill_at=after, done=done, total=total, states=journal_states(journal))
    return done, total


def run_with_kills(
    runs: Runs,
    *,
    kills: int,
    seed: int,
    between: Callable[[], object] = lambda: None,
    first_kill: Callable[[], bool] | None = None,
    max_runs: int = 40,
) -> int:
    """Run, kill with SIGKILL ``kills`` times at random points, resume until exit 0.

    ``between`` runs after each ended run and before the next (e.g. the emulator forgets its
    idempotency keys). ``first_kill``, when given, places the first kill instead: as soon as
    it answers true (e.g. the emulator just dropped the answer of a paid creation it carried
    out), so the costliest moment to crash is always among the ten. Returns how many kills
    landed mid-campaign (the child alive, the journal not complete); asserts every run's exit
    code is one a resume can follow.
    """
    rng = random.Random(seed)
    landed = 0
    verb = "run"
    while True:
        assert len(runs.log) < max_runs, runs.describe()
        proc = runs.start(verb)
        entry = runs.log[-1]
        try:
            if landed == 0 and first_kill is not None:
                deadline = time.monotonic() + WAIT_FOR_PROGRESS
                while proc.poll() is None and not first_kill():
                    assert time.monotonic() < deadline, "no first kill point: " + runs.describe()
                    time.sleep(POLL / 4)
                if proc.poll() is None:
                    _kill(proc, entry, runs.journal)
                    landed += 1
                    between()
                    verb = "resume"
                    continue
            if landed < kills:
                _, done, total = journal_progress(runs.journal)
                # The steps left, shared out between the kills still to come, so the kills
                # spread over the whole campaign and the last one still lands before its end.
                left = total - done if total else 99
                target = done + rng.randint(1, max(1, left // (kills - landed + 1)))
                deadline = time.monotonic() + WAIT_FOR_PROGRESS
                while proc.poll() is None and journal_progress(runs.journal)[1] < target:
                    assert time.monotonic() < deadline, "no progress: " + runs.describe()
                    time.sleep(POLL)
                if proc.poll() is None:
                    done, total = _kill(proc, entry, runs.journal)
                    assert done < total, "a kill after the end proves nothing"
                    landed += 1
                    between()
                    verb = "resume"
                    continue
            code = wait_exit(proc, WAIT_FOR_EXIT)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait(timeout=10)
        entry["code"] = code
        entry["seconds"] = round(time.monotonic() - entry["t0"], 2)
        # 1: a step failed for good, 9: the network given up on (retries exhausted): the
        # journal has it either way, and resume goes on.
        assert code in (0, 1, 9), runs.describe()
        if code == 0 and landed >= kills:
            return landed
        between()
        verb = "resume"


# -- what the emulator holds ------------------------------------------------------------------


@dataclass(frozen=True)
class Holdings:
    bundles: list[dict[str, Any]]
    videos: dict[str, list[dict[str, Any]]]
    credits_spent: int
    debits: list[dict[str, Any]]  # the credit transactions that took credits


def holdings(emu: Emulator, initial_credits: int) -> Holdings:
    """Every bundle and video slot of the workspace, read in-process (faults cleared)."""
    emu.faults.clear()
    with TokPortal(api_key=emu.api_key, transport=emu.transport, rate_limit=None) as client:
        bundles = list(client.paginate("listBundles", per_page=100))
        videos = {
            bundle["id"]: client.request("listBundleVideos", path_params={"id": bundle["id"]}).body[
                "data"
            ]
            for bundle in bundles
        }
        debits = [
            t
            for t in client.paginate("listCreditTransactions", per_page=100)
            if t["type"] == "debit"
        ]
    return Holdings(bundles, videos, initial_credits - emu.workspace.credits, debits)


def bulk_requests(emu: Emulator) -> list[tuple[str, int | None]]:
    return [(r.method, r.status) for r in emu.requests if r.operation_id == "createBundlesBulk"]
