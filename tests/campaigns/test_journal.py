"""The journal: durable before a request leaves, refusing another campaign, safe across
threads, readable offline (``Journal``)."""

from __future__ import annotations

import datetime as dt
import json
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import attrs
import pytest

from tests.campaigns._support import EXAMPLE, TODAY, bundle_toml, campaign_toml, write
from tokportal.campaigns import (
    CampaignError,
    CampaignFile,
    CampaignFileError,
    Journal,
    Plan,
    Quote,
    QuoteLine,
    StepState,
    build_plan,
    load_campaign,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def plan() -> Plan:
    return build_plan(load_campaign(EXAMPLE, today=TODAY))


@pytest.fixture
def journal(tmp_path: Path, plan: Plan) -> Iterator[Journal]:
    with Journal.open(tmp_path / "j.sqlite", plan.campaign) as opened:
        opened.record_plan(plan)
        yield opened


def test_a_new_journal_holds_the_plan_as_pending(journal: Journal, plan: Plan) -> None:
    records = journal.records()
    assert [r.step_id for r in records] == [s.id for s in plan.steps]
    first = records[0]
    assert (first.kind, first.state, first.attempts, first.key_generation) == (
        "bulk",
        StepState.PENDING,
        0,
        0,
    )
    assert first.external_ref == "spring-launch/US-tiktok-1"
    assert (first.request, first.result, first.error, first.idempotency_key) == (
        None,
        None,
        None,
        None,
    )
    journal.record_plan(plan)  # idempotent
    assert journal.records() == records


def test_the_step_lifecycle(journal: Journal) -> None:
    record = journal.begin("create/fr-1", request={"country": "FR"}, idempotency_key="tpc1-k")
    assert (record.state, record.attempts, record.idempotency_key) == (
        StepState.SENDING,
        1,
        "tpc1-k",
    )
    assert record.request == {"country": "FR"}
    journal.fail("create/fr-1", error={"code": "X", "status": 503, "message": "down"})
    failed = journal.record("create/fr-1")
    assert failed.state is StepState.FAILED
    assert failed.error == {"code": "X", "status": 503, "message": "down"}
    again = journal.begin("create/fr-1", request={"country": "FR"}, idempotency_key="tpc1-k")
    assert (again.attempts, again.error) == (2, None)
    journal.finish("create/fr-1", result={"bundle_id": "b3"}, credits_charged=40, adopted=True)
    done = journal.record("create/fr-1")
    assert (done.state, done.result, done.credits_charged, done.adopted) == (
        StepState.DONE,
        {"bundle_id": "b3"},
        40,
        True,
    )
    assert done.updated_at.tzinfo is not None


def test_a_new_key_generation_after_a_price_change(journal: Journal) -> None:
    journal.begin("bulk/US-tiktok-1", request={"a": 1}, idempotency_key="tpc1-old")
    assert journal.retry_with_new_key("bulk/US-tiktok-1", quoted_credits=90) == 1
    record = journal.record("bulk/US-tiktok-1")
    assert (record.state, record.key_generation, record.quoted_credits) == (
        StepState.PENDING,
        1,
        90,
    )
    assert record.idempotency_key is None  # the old key must not be sent again
    assert journal.retry_with_new_key("bulk/US-tiktok-1", quoted_credits=95) == 2


def test_unknown_steps(journal: Journal) -> None:
    for call in (
        lambda: journal.begin("create/nobody", request=None, idempotency_key=None),
        lambda: journal.finish("create/nobody", result={}),
        lambda: journal.fail("create/nobody", error={}),
        lambda: journal.retry_with_new_key("create/nobody", quoted_credits=None),
        lambda: journal.record("create/nobody"),
    ):
        with pytest.raises(KeyError, match="create/nobody"):
            call()


def test_quote_and_status(journal: Journal) -> None:
    assert journal.quote() is None
    status = journal.status()
    assert status.campaign_id == "spring-launch"
    assert status.steps_total == 22
    assert status.counts == {
        StepState.PENDING: 22,
        StepState.SENDING: 0,
        StepState.DONE: 0,
        StepState.FAILED: 0,
    }
    assert (status.quoted_credits, status.charged_credits, status.done) == (None, 0, False)

    quote = Quote(
        lines=(
            QuoteLine("bulk/US-tiktok-1", "createBundlesBulk", 80, {"accounts": 2}),
            QuoteLine("create/fr-1", "createBundle", 40),
        ),
        total=120,
        balance=500,
        quoted_at=dt.datetime(2026, 11, 29, 3, 0, tzinfo=dt.timezone.utc),
    )
    journal.save_quote(quote)
    assert journal.quote() == quote
    assert journal.record("create/fr-1").quoted_credits == 40

    journal.begin("create/fr-1", request=None, idempotency_key="k1")
    journal.finish("create/fr-1", result={"bundle_id": "b"}, credits_charged=40)
    journal.begin("bulk/US-tiktok-1", request=None, idempotency_key="k2")
    journal.begin("picture/fr-1", request=None, idempotency_key="k3")
    journal.fail("picture/fr-1", error={"code": "UPLOAD_FAILED"})
    status = journal.status()
    assert status.counts[StepState.DONE] == 1
    assert status.counts[StepState.SENDING] == 1
    assert status.counts[StepState.FAILED] == 1
    assert status.counts[StepState.PENDING] == 19
    assert [r.step_id for r in status.failed] == ["picture/fr-1"]
    assert [r.step_id for r in status.sending] == ["bulk/US-tiktok-1"]
    assert (status.quoted_credits, status.charged_credits, status.done) == (120, 40, False)


def test_done_when_every_step_is_done(tmp_path: Path) -> None:
    path = write(tmp_path, campaign_toml(bundle_toml("a")))
    plan = build_plan(load_campaign(path, today=TODAY))
    with Journal.open(tmp_path / "j.sqlite", plan.campaign) as journal:
        journal.record_plan(plan)
        for step in plan.steps:
            journal.begin(step.id, request=None, idempotency_key=None)
            assert not journal.status().done
            journal.finish(step.id, result={})
        assert journal.status().done


def test_events(journal: Journal) -> None:
    journal.log(None, "run started")
    journal.log("create/fr-1", "adopted bundle b3")
    assert [(e.step_id, e.message) for e in journal.events()] == [
        (None, "run started"),
        ("create/fr-1", "adopted bundle b3"),
    ]
    assert [e.message for e in journal.events("create/fr-1")] == ["adopted bundle b3"]


def test_the_file_is_plain_sqlite_in_wal_mode(journal: Journal) -> None:
    journal.begin("create/fr-1", request={"a": 1}, idempotency_key="tpc1-k")
    # Another connection (as the sqlite3 shell would) sees the committed row at once.
    with sqlite3.connect(journal.path) as other:
        tables = {r[0] for r in other.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        assert {"campaign", "steps", "quote_lines", "events"} <= tables
        assert other.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        row = other.execute(
            "SELECT state, idempotency_key, request FROM steps WHERE step_id = 'create/fr-1'"
        ).fetchone()
    assert row == ("sending", "tpc1-k", '{"a":1}')
    assert journal._connection.execute("PRAGMA synchronous").fetchone() == (2,)  # FULL


# -- durability: a begin survives a SIGKILL ---------------------------------------------------

CHILD = """
import sys, time
from tests.campaigns._support import EXAMPLE, TODAY
from tokportal.campaigns import Journal, build_plan, load_campaign
plan = build_plan(load_campaign(EXAMPLE, today=TODAY))
journal = Journal.open(sys.argv[1], plan.campaign)
journal.record_plan(plan)
journal.begin("create/fr-1", request={"country": "FR"}, idempotency_key="tpc1-child")
print("begun", flush=True)
time.sleep(60)  # killed long before
"""


def test_a_begin_survives_sigkill_of_the_process_that_wrote_it(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path)],
        stdout=subprocess.PIPE,
        text=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        timer = threading.Timer(30, child.kill)  # bound the wait for "begun"
        timer.start()
        try:
            assert child.stdout is not None
            assert child.stdout.readline().strip() == "begun"
        finally:
            timer.cancel()
        os.kill(child.pid, signal.SIGKILL)
        assert child.wait(timeout=30) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=30)
        if child.stdout is not None:
            child.stdout.close()
    campaign = load_campaign(EXAMPLE, today=TODAY)
    with Journal.open(path, campaign) as journal:
        record = journal.record("create/fr-1")
        assert (record.state, record.idempotency_key, record.attempts) == (
            StepState.SENDING,
            "tpc1-child",
            1,
        )
        assert record.request == {"country": "FR"}
        assert [r.step_id for r in journal.status().sending] == ["create/fr-1"]


# -- refusing another campaign ----------------------------------------------------------------


def test_reopening_with_another_campaign_is_refused(tmp_path: Path, plan: Plan) -> None:
    path = tmp_path / "j.sqlite"
    Journal.open(path, plan.campaign).close()
    other = attrs.evolve(plan.campaign, id="summer-launch")
    with pytest.raises(CampaignFileError) as caught:
        Journal.open(path, other)
    message = str(caught.value)
    assert "belongs to campaign 'spring-launch', not 'summer-launch'" in message


def test_reopening_with_an_edited_file_is_refused(tmp_path: Path) -> None:
    text = campaign_toml(bundle_toml("a"))
    first = load_campaign(write(tmp_path, text), today=TODAY)
    Journal.open(tmp_path / "j.sqlite", first).close()
    edited = load_campaign(write(tmp_path, text.replace("a video 1", "a video one")), today=TODAY)
    assert edited.id == first.id and edited.sha256 != first.sha256
    with pytest.raises(CampaignFileError, match="the campaign file changed since"):
        Journal.open(tmp_path / "j.sqlite", edited)
    # The same file again is welcome.
    Journal.open(tmp_path / "j.sqlite", first).close()


def test_a_plan_of_another_campaign_is_refused(journal: Journal, tmp_path: Path) -> None:
    other = build_plan(load_campaign(write(tmp_path, campaign_toml(bundle_toml("a"))), today=TODAY))
    with pytest.raises(CampaignFileError, match="the plan is for campaign 'c1'"):
        journal.record_plan(other)


def test_open_existing_reads_status_without_the_campaign_file(
    journal: Journal, tmp_path: Path
) -> None:
    journal.begin("create/fr-1", request=None, idempotency_key="k")
    journal.finish("create/fr-1", result={"bundle_id": "b"}, credits_charged=40)
    with Journal.open_existing(journal.path) as reader:
        status = reader.status()
    assert (status.campaign_id, status.steps_total, status.charged_credits) == (
        "spring-launch",
        22,
        40,
    )
    with pytest.raises(FileNotFoundError):
        Journal.open_existing(tmp_path / "missing.sqlite")
    assert not (tmp_path / "missing.sqlite").exists()  # nothing was created
    (tmp_path / "junk.sqlite").write_bytes(b"not a database at all" * 100)
    with pytest.raises(CampaignFileError, match="not a campaign journal"):
        Journal.open_existing(tmp_path / "junk.sqlite")
    sqlite3.connect(tmp_path / "empty.sqlite").close()
    with pytest.raises(CampaignFileError, match="not a campaign journal"):
        Journal.open_existing(tmp_path / "empty.sqlite")


def test_a_closed_journal_refuses_use(tmp_path: Path, plan: Plan) -> None:
    journal = Journal.open(tmp_path / "j.sqlite", plan.campaign)
    journal.close()
    journal.close()  # idempotent
    with pytest.raises(ValueError, match="closed"):
        journal.records()
    with pytest.raises(ValueError, match="closed"):
        journal.log(None, "x")


# -- threads ----------------------------------------------------------------------------------


def test_two_threads_write_at_once(tmp_path: Path) -> None:
    names = [f"b-{i}" for i in range(1, 21)]
    path = write(tmp_path, campaign_toml(*(bundle_toml(n, country=f"C{n}") for n in names)))
    campaign: CampaignFile = load_campaign(path, today=TODAY)
    plan = build_plan(campaign)
    step_ids = [s.id for s in plan.steps]
    halves = [step_ids[0::2], step_ids[1::2]]
    errors: list[BaseException] = []
    barrier = threading.Barrier(2, timeout=30)
    with Journal.open(tmp_path / "j.sqlite", campaign) as journal:
        journal.record_plan(plan)

        def work(ids: list[str]) -> None:
            try:
                barrier.wait()
                for step_id in ids:
                    journal.begin(step_id, request={"step": step_id}, idempotency_key=step_id)
                    journal.log(step_id, "sent")
                    journal.finish(step_id, result={"ok": step_id}, credits_charged=1)
            except BaseException as exc:  # reported by the main thread
                errors.append(exc)

        threads = [threading.Thread(target=work, args=(half,)) for half in halves]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert not any(thread.is_alive() for thread in threads)
        assert errors == []
        status = journal.status()
        assert status.done and status.charged_credits == len(step_ids)
        assert all(r.result == {"ok": r.step_id} and r.attempts == 1 for r in journal.records())
        assert len(journal.events()) == len(step_ids)


def test_a_done_step_is_never_begun_again(journal: Journal) -> None:
    journal.begin("create/fr-1", request=None, idempotency_key="k")
    journal.finish("create/fr-1", result={"bundle_id": "b"}, credits_charged=40)
    with pytest.raises(CampaignError, match="create/fr-1 is already done"):
        journal.begin("create/fr-1", request=None, idempotency_key="k")
    record = journal.record("create/fr-1")
    assert (record.state, record.attempts) == (StepState.DONE, 1)


def test_results_of_done_steps_feed_the_next_requests(journal: Journal, plan: Plan) -> None:
    journal.begin("bulk/US-tiktok-1", request=None, idempotency_key="k")
    journal.finish("bulk/US-tiktok-1", result={"bundle_ids": ["b1", "b2"]})
    journal.begin("create/fr-1", request=None, idempotency_key="k")  # still sending
    assert journal.results() == {"bulk/US-tiktok-1": {"bundle_ids": ["b1", "b2"]}}
    request = plan.step("upload/us-2/1").request(journal.results())
    assert request.form == {"bundle_id": "b2"}


def test_the_constructor_opens_like_open(tmp_path: Path, plan: Plan) -> None:
    with Journal(tmp_path / "j.sqlite", plan.campaign) as journal:
        journal.record_plan(plan)
        assert journal.campaign_id == "spring-launch"
    with Journal.open_existing(tmp_path / "j.sqlite") as again:
        assert again.status().steps_total == 22
        assert (
            repr(again)
            == f"Journal(path={str(tmp_path / 'j.sqlite')!r}, campaign_id='spring-launch')"
        )


def test_a_journal_where_none_can_be_made(tmp_path: Path, plan: Plan) -> None:
    with pytest.raises(CampaignFileError, match="cannot open the journal"):
        Journal.open(tmp_path / "no" / "such" / "dir" / "j.sqlite", plan.campaign)


def test_json_views_of_status_and_quote(journal: Journal, plan: Plan) -> None:
    journal.begin("create/fr-1", request={"a": 1}, idempotency_key="k")
    journal.fail("create/fr-1", error={"code": "BUNDLE_INVALID_STATUS", "status": 409})
    view = journal.status().as_dict()
    assert json.loads(json.dumps(view)) == view
    assert view["counts"] == {"pending": 21, "sending": 0, "done": 0, "failed": 1}
    (failed,) = view["failed"]
    assert failed["step_id"] == "create/fr-1"
    assert failed["state"] == "failed"
    assert failed["error"] == {"code": "BUNDLE_INVALID_STATUS", "status": 409}
    quote = Quote(
        lines=(QuoteLine("create/fr-1", "createBundle", 40, {"base": 40}),),
        total=40,
        balance=None,
        quoted_at=dt.datetime(2026, 11, 29, tzinfo=dt.timezone.utc),
    )
    assert quote.as_dict() == {
        "lines": [
            {
                "step_id": "create/fr-1",
                "operation_id": "createBundle",
                "credits": 40,
                "cost_breakdown": {"base": 40},
            }
        ],
        "total": 40,
        "balance": None,
        "quoted_at": "2026-11-29T00:00:00+00:00",
    }
    assert plan.campaign.journal_path == EXAMPLE.resolve().with_name("spring-launch.journal.sqlite")


def test_a_plan_without_a_begun_step_is_refused(journal: Journal, plan: Plan) -> None:
    journal.begin("create/fr-1", request=None, idempotency_key="k")
    # The same campaign planned another way (as another SDK version might): fr-1 bought in
    # bulk. Its bundle would be bought twice under two step ids.
    fewer = attrs.evolve(plan, steps=tuple(s for s in plan.steps if s.id != "create/fr-1"))
    with pytest.raises(
        CampaignFileError, match=r"begun steps this plan does not have \(create/fr-1\)"
    ):
        journal.record_plan(fewer)
    # Steps never begun may come and go.
    journal.record_plan(
        attrs.evolve(plan, steps=tuple(s for s in plan.steps if s.id != "publish/fr-1"))
    )
