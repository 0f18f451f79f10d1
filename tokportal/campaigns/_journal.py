"""The journal of a campaign: one SQLite file the user can open and read.

Each step's state, idempotency key and ``external_ref`` are committed (WAL,
``synchronous=FULL``) before its request leaves, so a crash at any point leaves a row that
says what may have been sent; ``resume`` looks those up before paying again. ``status()``
reads the file alone, offline. No secret is stored: requests hold no API key.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
import sqlite3
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from types import TracebackType
from typing import TYPE_CHECKING, Any

import attrs

from ._errors import CampaignError, CampaignFileError
from ._keys import canonical_json
from ._report import Quote, QuoteLine, StepState
from ._runner_lock import hold_journal

if TYPE_CHECKING:
    from ._file import CampaignFile
    from ._plan import Plan

__all__ = ["CampaignStatus", "Journal", "JournalEvent", "StepRecord"]

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS campaign (
    id TEXT PRIMARY KEY,
    file_path TEXT NOT NULL,
    file_sha256 TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    quote_total INTEGER,
    quote_balance INTEGER,
    quoted_at TEXT
);
CREATE TABLE IF NOT EXISTS steps (
    step_id TEXT PRIMARY KEY,
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    idempotency_key TEXT,
    key_generation INTEGER NOT NULL DEFAULT 0,
    external_ref TEXT,
    request TEXT,
    result TEXT,
    error TEXT,
    credits_charged INTEGER,
    quoted_credits INTEGER,
    adopted INTEGER NOT NULL DEFAULT 0,
    attempts INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS quote_lines (
    step_id TEXT PRIMARY KEY,
    operation_id TEXT NOT NULL,
    credits INTEGER NOT NULL,
    cost_breakdown TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    step_id TEXT,
    message TEXT NOT NULL
);
"""

_STEP_COLUMNS = (
    "step_id, kind, state, idempotency_key, key_generation, external_ref, request, result,"
    " error, credits_charged, quoted_credits, adopted, attempts, updated_at"
)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="microseconds")


def _dump(value: Mapping[str, Any] | None) -> str | None:
    return None if value is None else canonical_json(value)


def _load(text: str | None) -> Mapping[str, Any] | None:
    if text is None:
        return None
    loaded: Mapping[str, Any] = json.loads(text)
    return loaded


@attrs.frozen
class StepRecord:
    """One row of the journal's ``steps`` table."""

    step_id: str
    kind: str
    state: StepState
    idempotency_key: str | None
    key_generation: int
    external_ref: str | None
    request: Mapping[str, Any] | None
    result: Mapping[str, Any] | None
    error: Mapping[str, Any] | None
    credits_charged: int | None
    quoted_credits: int | None
    adopted: bool
    attempts: int
    updated_at: dt.datetime

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view of the row."""
        view = attrs.asdict(self, recurse=False)
        view["state"] = self.state.value
        view["updated_at"] = self.updated_at.isoformat()
        return view


@attrs.frozen
class JournalEvent:
    """One line of the journal's ``events`` table (``status --verbose``)."""

    at: dt.datetime
    step_id: str | None
    message: str


@attrs.frozen
class CampaignStatus:
    """Where a campaign stands, read from its journal alone (offline)."""

    campaign_id: str
    steps_total: int
    counts: Mapping[StepState, int]
    failed: list[StepRecord]
    quoted_credits: int | None
    charged_credits: int
    done: bool
    sending: list[StepRecord] = attrs.field(factory=list)
    """Steps left ``SENDING`` (a crash): ``resume`` looks them up before sending again."""

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view (``tokportal campaign status -o json``)."""
        return {
            "campaign_id": self.campaign_id,
            "steps_total": self.steps_total,
            "counts": {state.value: count for state, count in self.counts.items()},
            "failed": [record.as_dict() for record in self.failed],
            "sending": [record.as_dict() for record in self.sending],
            "quoted_credits": self.quoted_credits,
            "charged_credits": self.charged_credits,
            "done": self.done,
        }


def _record(row: tuple[Any, ...]) -> StepRecord:
    return StepRecord(
        step_id=row[0],
        kind=row[1],
        state=StepState(row[2]),
        idempotency_key=row[3],
        key_generation=row[4],
        external_ref=row[5],
        request=_load(row[6]),
        result=_load(row[7]),
        error=_load(row[8]),
        credits_charged=row[9],
        quoted_credits=row[10],
        adopted=bool(row[11]),
        attempts=row[12],
        updated_at=dt.datetime.fromisoformat(row[13]),
    )


class Journal:
    """A campaign's journal (SQLite): ``Journal.open(path, campaign)`` to run or resume,
    ``Journal.open_existing(path)`` to read its status without the campaign file.

    Safe to share between threads: one connection behind a lock. Every write is committed
    durably before the method returns.
    """

    path: pathlib.Path
    """The journal's file."""
    campaign_id: str
    """The id of the campaign the journal belongs to."""

    def __init__(self, path: str | os.PathLike[str], campaign: CampaignFile) -> None:
        """The same as ``Journal.open(path, campaign)``."""
        opened = self.open(path, campaign)
        self._attach(opened.path, opened._connection, opened.campaign_id)

    def _attach(self, path: pathlib.Path, connection: sqlite3.Connection, campaign_id: str) -> None:
        self.path = path
        self.campaign_id = campaign_id
        self._connection = connection
        self._lock = threading.RLock()
        self._closed = False

    @classmethod
    def _made(cls, path: pathlib.Path, connection: sqlite3.Connection, campaign_id: str) -> Journal:
        journal = cls.__new__(cls)
        journal._attach(path, connection, campaign_id)
        return journal

    # -- opening -----------------------------------------------------------------------------

    @staticmethod
    def _connect(path: pathlib.Path) -> sqlite3.Connection:
        # Autocommit mode: each write is its own explicit transaction (BEGIN IMMEDIATE ...
        # COMMIT), so nothing is left pending in a Python-side implicit transaction.
        try:
            connection = sqlite3.connect(
                os.fspath(path), isolation_level=None, check_same_thread=False, timeout=30.0
            )
        except sqlite3.Error as exc:  # a missing directory, no permission
            raise CampaignFileError([f"{path}: cannot open the journal ({exc})"]) from None
        try:
            connection.execute("PRAGMA journal_mode=WAL")
            # FULL: the WAL is synced at every commit, so a row committed by begin() survives
            # a SIGKILL or a power loss right after it returns.
            connection.execute("PRAGMA synchronous=FULL")
            connection.execute("PRAGMA busy_timeout=30000")
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise CampaignFileError([f"{path}: not a campaign journal ({exc})"]) from None
        return connection

    @classmethod
    def open(cls, path: str | os.PathLike[str], campaign: CampaignFile) -> Journal:
        """Create the journal of ``campaign`` at ``path``, or open it again; refuses
        (``CampaignFileError``) a journal written for another campaign id or for another
        version of the campaign file."""
        journal_path = pathlib.Path(path)
        connection = cls._connect(journal_path)
        try:
            with _transaction(connection):
                for statement in _SCHEMA.split(";"):
                    if statement.strip():
                        connection.execute(statement)
                row = connection.execute(
                    "SELECT id, file_sha256, file_path FROM campaign"
                ).fetchone()
                if row is None:
                    connection.execute(
                        "INSERT INTO campaign (id, file_path, file_sha256, schema_version,"
                        " created_at) VALUES (?, ?, ?, ?, ?)",
                        (
                            campaign.id,
                            os.fspath(campaign.path),
                            campaign.sha256,
                            SCHEMA_VERSION,
                            _now(),
                        ),
                    )
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise CampaignFileError([f"{journal_path}: not a campaign journal ({exc})"]) from None
        except BaseException:
            connection.close()
            raise
        if row is not None:
            journal_id, sha256, file_path = row
            problem = None
            if journal_id != campaign.id:
                problem = (
                    f"{journal_path}: this journal belongs to campaign {journal_id!r}, not"
                    f" {campaign.id!r}; give another --journal path for a new campaign"
                )
            elif sha256 != campaign.sha256:
                problem = (
                    f"{journal_path}: the campaign file changed since this journal was started"
                    f" (from {file_path}, sha256 {sha256[:12]}..., now {campaign.sha256[:12]}...);"
                    " resume with the file as it was, or start a new campaign id with a new"
                    " journal"
                )
            if problem is not None:
                connection.close()
                raise CampaignFileError([problem], path=os.fspath(journal_path))
        return cls._made(journal_path, connection, campaign.id)

    @classmethod
    def open_existing(cls, path: str | os.PathLike[str]) -> Journal:
        """Open a journal that exists, without its campaign file (for ``status``); a missing
        file raises ``FileNotFoundError``, a file that is not a journal ``CampaignFileError``."""
        journal_path = pathlib.Path(path)
        if not journal_path.is_file():
            raise FileNotFoundError(f"no campaign journal at {journal_path}")
        connection = cls._connect(journal_path)
        try:
            row = connection.execute("SELECT id FROM campaign").fetchone()
        except sqlite3.DatabaseError as exc:
            connection.close()
            raise CampaignFileError([f"{journal_path}: not a campaign journal ({exc})"]) from None
        if row is None:
            connection.close()
            raise CampaignFileError([f"{journal_path}: not a campaign journal (no campaign row)"])
        return cls._made(journal_path, connection, row[0])

    # -- plumbing ------------------------------------------------------------------------------

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            if self._closed:
                raise ValueError("the journal is closed")
            with _transaction(self._connection):
                yield self._connection

    def _read(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        with self._lock:
            if self._closed:
                raise ValueError("the journal is closed")
            return self._connection.execute(sql, params).fetchall()

    def _one(self, connection: sqlite3.Connection, step_id: str) -> StepRecord:
        row = connection.execute(
            f"SELECT {_STEP_COLUMNS} FROM steps WHERE step_id = ?", (step_id,)
        ).fetchone()
        if row is None:
            raise KeyError(f"no step {step_id!r} in the journal {self.path}")
        return _record(row)

    # -- steps ---------------------------------------------------------------------------------

    def record_plan(self, plan: Plan) -> None:
        """Insert the plan's steps that are missing, as pending (idempotent). Refuses
        (``CampaignFileError``) a plan that lacks a step the journal has already begun: its
        work would be done again under another id (a plan changed by another SDK version)."""
        if plan.campaign.id != self.campaign_id:
            raise CampaignFileError(
                [
                    f"{self.path}: the plan is for campaign {plan.campaign.id!r}, the journal for"
                    f" {self.campaign_id!r}"
                ]
            )
        now = _now()
        planned = {step.id for step in plan.steps}
        with self._write() as connection:
            started = connection.execute(
                "SELECT step_id FROM steps WHERE state != ? OR attempts > 0 ORDER BY position",
                (StepState.PENDING.value,),
            ).fetchall()
            unknown = [step_id for (step_id,) in started if step_id not in planned]
            if unknown:
                raise CampaignFileError(
                    [
                        f"{self.path}: the journal has begun steps this plan does not have"
                        f" ({', '.join(unknown[:5])}{', ...' if len(unknown) > 5 else ''});"
                        " resume with the SDK version that started the campaign"
                    ]
                )
            connection.executemany(
                "INSERT OR IGNORE INTO steps (step_id, position, kind, state, external_ref,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (step.id, position, step.kind, StepState.PENDING.value, step.external_ref, now)
                    for position, step in enumerate(plan.steps)
                ],
            )

    def records(self) -> list[StepRecord]:
        """Every step, in plan order."""
        return [
            _record(row)
            for row in self._read(f"SELECT {_STEP_COLUMNS} FROM steps ORDER BY position")
        ]

    def record(self, step_id: str) -> StepRecord:
        """One step (``KeyError`` when the journal has none of that id)."""
        with self._lock:
            return self._one(self._connection, step_id)

    def results(self) -> dict[str, Mapping[str, Any]]:
        """The results of the steps that are done, by step id: what ``Step.request`` takes."""
        rows = self._read(
            "SELECT step_id, result FROM steps WHERE state = ? ORDER BY position",
            (StepState.DONE.value,),
        )
        return {step_id: _load(result) or {} for step_id, result in rows}

    def begin(
        self,
        step_id: str,
        *,
        request: Mapping[str, Any] | None,
        idempotency_key: str | None,
    ) -> StepRecord:
        """Mark a step ``SENDING`` (one more attempt) with the request and key about to go
        out; committed durably before it returns, so call it before sending. A step
        already ``DONE`` is never begun again (``CampaignError``): it may have been paid."""
        with self._write() as connection:
            row = connection.execute(
                "SELECT state FROM steps WHERE step_id = ?", (step_id,)
            ).fetchone()
            if row is not None and row[0] == StepState.DONE.value:
                raise CampaignError(
                    f"{step_id} is already done in the journal {self.path}; not sending it again"
                )
            cursor = connection.execute(
                "UPDATE steps SET state = ?, request = ?, idempotency_key = ?, error = NULL,"
                " attempts = attempts + 1, updated_at = ? WHERE step_id = ?",
                (StepState.SENDING.value, _dump(request), idempotency_key, _now(), step_id),
            )
            if cursor.rowcount != 1:
                raise KeyError(f"no step {step_id!r} in the journal {self.path}")
            return self._one(connection, step_id)

    def finish(
        self,
        step_id: str,
        *,
        result: Mapping[str, Any],
        credits_charged: int | None = None,
        adopted: bool = False,
    ) -> None:
        """Mark a step ``DONE`` with what later steps need from its answer (bundle ids,
        storage paths, public urls); ``adopted``: found on the API instead of sent."""
        with self._write() as connection:
            cursor = connection.execute(
                "UPDATE steps SET state = ?, result = ?, error = NULL, credits_charged = ?,"
                " adopted = ?, updated_at = ? WHERE step_id = ?",
                (
                    StepState.DONE.value,
                    _dump(result),
                    credits_charged,
                    int(adopted),
                    _now(),
                    step_id,
                ),
            )
            if cursor.rowcount != 1:
                raise KeyError(f"no step {step_id!r} in the journal {self.path}")

    def fail(self, step_id: str, *, error: Mapping[str, Any]) -> None:
        """Mark a step ``FAILED`` with what the error said (code, status, message,
        request_id)."""
        with self._write() as connection:
            cursor = connection.execute(
                "UPDATE steps SET state = ?, error = ?, updated_at = ? WHERE step_id = ?",
                (StepState.FAILED.value, _dump(error), _now(), step_id),
            )
            if cursor.rowcount != 1:
                raise KeyError(f"no step {step_id!r} in the journal {self.path}")

    def retry_with_new_key(self, step_id: str, *, quoted_credits: int | None) -> int:
        """After ``BUNDLE_PRICING_CHANGED``: the next key generation (returned), the new
        quoted price, and the step back to ``PENDING``."""
        with self._write() as connection:
            cursor = connection.execute(
                "UPDATE steps SET key_generation = key_generation + 1, state = ?,"
                " idempotency_key = NULL, quoted_credits = ?, updated_at = ? WHERE step_id = ?",
                (StepState.PENDING.value, quoted_credits, _now(), step_id),
            )
            if cursor.rowcount != 1:
                raise KeyError(f"no step {step_id!r} in the journal {self.path}")
            return self._one(connection, step_id).key_generation

    # -- quote ----------------------------------------------------------------------------------

    def save_quote(self, quote: Quote) -> None:
        """Store the quote (replacing an earlier one) and each paid step's quoted credits."""
        with self._write() as connection:
            connection.execute("DELETE FROM quote_lines")
            connection.executemany(
                "INSERT INTO quote_lines (step_id, operation_id, credits, cost_breakdown)"
                " VALUES (?, ?, ?, ?)",
                [
                    (
                        line.step_id,
                        line.operation_id,
                        line.credits,
                        canonical_json(line.cost_breakdown),
                    )
                    for line in quote.lines
                ],
            )
            connection.executemany(
                "UPDATE steps SET quoted_credits = ? WHERE step_id = ?",
                [(line.credits, line.step_id) for line in quote.lines],
            )
            connection.execute(
                "UPDATE campaign SET quote_total = ?, quote_balance = ?, quoted_at = ?",
                (quote.total, quote.balance, quote.quoted_at.isoformat()),
            )

    def quote(self) -> Quote | None:
        """The stored quote, or ``None`` before the first one."""
        with self._lock:
            meta = self._read("SELECT quote_total, quote_balance, quoted_at FROM campaign")
            if not meta or meta[0][2] is None:
                return None
            rows = self._read(
                "SELECT q.step_id, q.operation_id, q.credits, q.cost_breakdown FROM quote_lines q"
                " LEFT JOIN steps s ON s.step_id = q.step_id ORDER BY s.position, q.step_id"
            )
        total, balance, quoted_at = meta[0]
        return Quote(
            lines=tuple(
                QuoteLine(
                    step_id=row[0],
                    operation_id=row[1],
                    credits=row[2],
                    cost_breakdown=json.loads(row[3]),
                )
                for row in rows
            ),
            total=total,
            balance=balance,
            quoted_at=dt.datetime.fromisoformat(quoted_at),
        )

    # -- status and events ----------------------------------------------------------------------

    def status(self) -> CampaignStatus:
        """Counts per state, failed and sending steps, credits quoted and charged (offline)."""
        records = self.records()
        quote = self.quote()
        counts = dict.fromkeys(StepState, 0)
        for record in records:
            counts[record.state] += 1
        return CampaignStatus(
            campaign_id=self.campaign_id,
            steps_total=len(records),
            counts=counts,
            failed=[record for record in records if record.state is StepState.FAILED],
            quoted_credits=None if quote is None else quote.total,
            charged_credits=sum(record.credits_charged or 0 for record in records),
            done=bool(records) and counts[StepState.DONE] == len(records),
            sending=[record for record in records if record.state is StepState.SENDING],
        )

    def log(self, step_id: str | None, message: str) -> None:
        """Add a line to the journal's events (shown by ``status --verbose``)."""
        with self._write() as connection:
            connection.execute(
                "INSERT INTO events (at, step_id, message) VALUES (?, ?, ?)",
                (_now(), step_id, message),
            )

    def events(self, step_id: str | None = None) -> list[JournalEvent]:
        """The logged events, oldest first (of one step when ``step_id`` is given)."""
        if step_id is None:
            rows = self._read("SELECT at, step_id, message FROM events ORDER BY id")
        else:
            rows = self._read(
                "SELECT at, step_id, message FROM events WHERE step_id = ? ORDER BY id", (step_id,)
            )
        return [
            JournalEvent(at=dt.datetime.fromisoformat(row[0]), step_id=row[1], message=row[2])
            for row in rows
        ]

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Hold the journal for one runner (``run`` and ``resume`` do): another process, or
        another runner, on the same journal meanwhile is refused with ``CampaignError``. The
        operating system drops the hold of a killed process at once."""
        with hold_journal(self.path):
            yield

    # -- closing --------------------------------------------------------------------------------

    def close(self) -> None:
        """Close the file (idempotent)."""
        with self._lock:
            if not self._closed:
                self._closed = True
                self._connection.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Journal(path={os.fspath(self.path)!r}, campaign_id={self.campaign_id!r})"


@contextmanager
def _transaction(connection: sqlite3.Connection) -> Iterator[None]:
    connection.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
