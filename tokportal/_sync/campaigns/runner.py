# Generated from tokportal/_async/campaigns/runner.py by scripts/generate_sync.py; do not edit.
"""The campaign runner: quote, run and resume a campaign, one journaled step at a time.

Every step that changes something is written to the journal as ``sending`` (committed,
fsynced) before its request leaves, with its deterministic idempotency key, and ``done``
after: a process killed anywhere leaves at most the steps under way in ``sending``, and
``resume`` looks each of those up (by ``external_ref`` for bundles and video slots) before
sending anything again. See ``docs/campaigns.md``.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal, TypeVar

from ... import _primitives
from ..._primitives import Sleep, Thunk, offload
from ...campaigns._errors import CampaignError, CreditLimitError
from ...campaigns._journal import Journal, StepRecord
from ...campaigns._keys import idempotency_key
from ...campaigns._plan import Plan, Step, StepRequest
from ...campaigns._report import (
    CampaignEvent,
    CampaignSummary,
    Quote,
    QuoteLine,
    StepState,
)
from ...errors import (
    APIConnectionError,
    APIResponseValidationError,
    ConflictError,
    InsufficientCreditsError,
    InternalServerError,
    RateLimitError,
    TokPortalError,
)
from ..client import TokPortal
from . import reconcile
from .steps import error_record, plain, quoted, result_of, send

# How often one step is sent again within a run after an answer that says nothing about
# its outcome (no connection, 5xx, a rate limit), on top of the client's own retries. The
# key is the same each time, so the API answers a request that did run from its ledger.
STEP_ATTEMPTS = 4
# Quotes again after BUNDLE_PRICING_CHANGED before the step is given up.
PRICE_CHANGES = 3
# Rounds of a video batch: the first, then the positions that failed, once more.
VIDEO_ROUNDS = 2
# A duplicate of a request still running on the API (409 IDEMPOTENCY_REQUEST_IN_PROGRESS):
# give the first one this long before asking again.
IN_PROGRESS_WAIT = 1.0

T = TypeVar("T")
Job = tuple[Literal["paid", "bundle"], str]


class _Stop(Exception):
    """A step that cannot go on: the error is in the journal; the bundle's later steps wait."""


class CampaignRunner:
    """Runs a :class:`~tokportal.campaigns.Plan` with a client, keeping every step in a
    :class:`~tokportal.campaigns.Journal`.

    Paid creations first (``createBundle`` / ``createBundlesBulk``), then per bundle: the
    profile picture and the videos (streamed; ``on_event`` gets their progress), the
    account, one batch configuration of the slots, a readiness check, publishing. Up to
    ``concurrency`` creations, then bundles, at once (the campaign file's by default).

    A 429 ``capacity_cooldown`` waits (``Retry-After``, else ``capacity_wait`` seconds) and
    sends the same request again, whole, at most ``max_capacity_waits`` times per step.
    ``sleep`` is the wait (a test seam, like the client's).
    """

    def __init__(
        self,
        client: TokPortal,
        plan: Plan,
        journal: Journal,
        *,
        concurrency: int | None = None,
        on_event: Callable[[CampaignEvent], None] | None = None,
        capacity_wait: float = 30.0,
        max_capacity_waits: int = 20,
        sleep: Sleep | None = None,
    ) -> None:
        concurrency = plan.campaign.concurrency if concurrency is None else concurrency
        if isinstance(concurrency, bool) or not isinstance(concurrency, int) or concurrency < 1:
            raise ValueError(f"concurrency must be a whole number >= 1, got {concurrency!r}")
        if capacity_wait < 0 or max_capacity_waits < 0:
            raise ValueError("capacity_wait and max_capacity_waits must be >= 0")
        self._client = client
        self._plan = plan
        self._campaign = plan.campaign
        self._journal = journal
        self._concurrency = concurrency
        self._on_event = on_event
        self._capacity_wait = capacity_wait
        self._max_capacity_waits = max_capacity_waits
        self._sleep = sleep or _primitives.sleep
        self._results: dict[str, Mapping[str, Any]] = {}
        self._waited = 0.0
        self._fatal: BaseException | None = None
        self._max_credits: int | None = None

    def __repr__(self) -> str:
        return f"{type(self).__name__}(campaign={self._campaign.id!r}, journal={str(self._journal.path)!r})"

    # -- the three entry points -----------------------------------------------------------------

    def quote(self) -> Quote:
        """Price every paid step with a dry run (``X-TokPortal-Dry-Run``; nothing is bought)
        and read the balance (``getCreditBalance``); the quote is saved in the journal."""
        offload(self._journal.record_plan, self._plan)
        records = self._records()
        lines = []
        for step in self._plan.paid_steps():
            record = records[step.id]
            if record.state is StepState.DONE:
                # Bought already (an earlier run): its price is what it cost.
                credits = record.credits_charged or record.quoted_credits or 0
                lines.append(QuoteLine(step.id, step.operation_id, credits, {}))
            else:
                lines.append(self._quote_line(step))
        balance = (self._client.credits.balance()).total_credits
        quote = Quote(
            lines=tuple(lines),
            total=sum(line.credits for line in lines),
            balance=balance,
            quoted_at=dt.datetime.now(dt.timezone.utc),
        )
        offload(self._journal.save_quote, quote)
        return quote

    def run(self, *, max_credits: int | None = None) -> CampaignSummary:
        """Run a new campaign: quote it (unless the journal has a quote), refuse with
        :class:`~tokportal.campaigns.CreditLimitError` when the quote is above the balance or
        above ``max_credits`` (this argument, else the file's) with nothing but reads and dry
        runs sent, then do every step. A journal with progress is refused: use
        :meth:`resume`. One runner per journal at a time (another is refused with
        :class:`~tokportal.campaigns.CampaignError`)."""
        with self._journal.hold():
            return self._run(max_credits)

    def _run(self, max_credits: int | None) -> CampaignSummary:
        offload(self._journal.record_plan, self._plan)
        records = self._records()
        started = [
            r.step_id for r in records.values() if r.state is not StepState.PENDING or r.attempts
        ]
        if started:
            raise CampaignError(
                f"the journal {self._journal.path} already has progress ({len(started)} "
                "step(s) started): resume it instead"
            )
        quote = offload(self._journal.quote)
        if quote is None:
            quote = self.quote()
        else:
            # A quote saved earlier (``campaign plan``): the balance may have moved since.
            balance = (self._client.credits.balance()).total_credits
            quote = Quote(
                lines=quote.lines, total=quote.total, balance=balance, quoted_at=quote.quoted_at
            )
        limit = max_credits if max_credits is not None else self._campaign.max_credits
        check_limits(quote, limit)
        self._max_credits = limit
        return self._execute()

    def resume(self, *, max_credits: int | None = None) -> CampaignSummary:
        """Go on with a campaign after a crash or a failure: every step left ``sending`` is
        looked up first (its bundle by ``external_ref``, its slots by theirs, its bundle's
        status) and adopted when the API did it; the rest is sent as :meth:`run` would."""
        with self._journal.hold():
            return self._resume(max_credits)

    def _resume(self, max_credits: int | None) -> CampaignSummary:
        offload(self._journal.record_plan, self._plan)
        quote = offload(self._journal.quote)
        if quote is None:
            quote = self.quote()
        limit = max_credits if max_credits is not None else self._campaign.max_credits
        records = self._records()
        # Nothing bought yet: as strict as ``run``; else the balance already paid for part.
        bought = any(records[s.id].attempts for s in self._plan.paid_steps())
        check_limits(quote, limit, nothing_bought=not bought)
        self._max_credits = limit
        return self._execute()

    # -- the order of things --------------------------------------------------------------------

    def _execute(self) -> CampaignSummary:
        self._fatal = None
        self._results.update(offload(self._journal.results))
        self._run_jobs([("paid", step.id) for step in self._plan.paid_steps()])
        if self._fatal is None:
            names = [bundle.name for bundle in self._campaign.bundles]
            self._run_jobs([("bundle", name) for name in names])
        if self._fatal is not None:
            raise self._fatal
        return self._summary()

    def _run_jobs(self, jobs: Sequence[Job]) -> None:
        for job in jobs:
            self._run_job(job)

    def _run_job(self, job: Job) -> None:
        """One creation, or one bundle's free steps in order. Never raises: an error that
        stops the whole run is kept (the first one) and raised once every job has ended."""
        if self._fatal is not None:
            return
        kind, ident = job
        try:
            if kind == "paid":
                self._step(self._plan.step(ident))
                return
            creation = self._plan.creation_of(ident)
            if creation.id not in self._results:
                return  # its creation failed: nothing to configure
            if self._published_elsewhere(creation, ident):
                return
            for step in self._plan.bundle_steps(ident):
                if self._fatal is not None:
                    return
                self._step(step)
        except _Stop:
            return
        except Exception as error:
            if self._fatal is None:
                self._fatal = error

    def _published_elsewhere(self, creation: Step, name: str) -> bool:
        """A bundle whose creation was adopted (a lost journal, another run) may be further
        along than this journal knows: once published, its profile and slots can no longer
        change, so the steps up to publishing are adopted as done."""
        record = offload(self._journal.record, creation.id)
        steps = self._plan.bundle_steps(name)
        if not record.adopted:
            return False
        pending = [
            s for s in steps if (offload(self._journal.record, s.id)).state is not StepState.DONE
        ]
        if not pending:
            return False
        # The publish step's request names the bundle (from the creation's result).
        bundle_id = str(steps[-1].request(self._results).path_params["id"])
        found = self._looked_up(lambda: reconcile.published(self._client, bundle_id))
        if found is None:
            return False
        for step in pending:
            self._finish(step, {**found, "published_before": True}, adopted=True)
        return True

    # -- one step -------------------------------------------------------------------------------

    def _step(self, step: Step) -> None:
        record = offload(self._journal.record, step.id)
        if record.state is StepState.DONE:
            if record.result is not None:
                self._results[step.id] = record.result
            return
        request = step.request(self._results)
        if record.attempts:
            # Begun before (a crash, a lost answer, a failure): look before sending again.
            adopted = self._looked_up(lambda: self._reconcile(step, request))
            if isinstance(adopted, StepRequest):
                request = adopted
            elif adopted is not None:
                self._finish(step, adopted, credits=self._quoted(step), adopted=True)
                return
        if step.kind == "videos":
            self._videos(step, request, record)
        else:
            self._send_step(step, request, record)

    def _send_step(self, step: Step, request: StepRequest, record: StepRecord) -> None:
        generation = record.key_generation
        in_progress = 0
        prices = 0
        while True:
            try:
                answer = self._send_keyed(step, request, generation)
            except ConflictError as error:
                if error.code == "DUPLICATE_ACCOUNT_BUNDLE" and step.kind in ("create", "bulk"):
                    adopt = functools.partial(self._adopt_duplicate, step, error)
                    found = self._looked_up(adopt)
                    self._finish(step, found, credits=self._quoted(step), adopted=True)
                    return
                if error.code == "BUNDLE_PRICING_CHANGED" and step.paid and prices < PRICE_CHANGES:
                    prices += 1
                    generation = self._requote(step, error)
                    continue
                if error.code == "BUNDLE_ALREADY_PUBLISHED" and step.kind == "publish":
                    self._finish(step, {"already_published": True})
                    return
                if error.code == "IDEMPOTENCY_REQUEST_IN_PROGRESS" and in_progress < STEP_ATTEMPTS:
                    in_progress += 1
                    self._sleep(IN_PROGRESS_WAIT)
                    continue
                self._fail(step, error)
                raise _Stop from error
            except Exception as error:
                if is_uncertain(error):
                    # Whether it ran is unknown: the step stays "sending" for resume to look up.
                    raise
                self._fail(step, error)
                if isinstance(error, TokPortalError) and not is_capacity(error):
                    raise _Stop from error
                # Capacity waits exhausted (the run stops: the other steps would wait the
                # same), or a bug: raised once the jobs under way have ended.
                raise
            result, credits = result_of(step, answer)
            if step.kind == "ready":
                blockers = [
                    b
                    for b in result.get("blockers", [])
                    if blocker_code(b) != "BUNDLE_ALREADY_PUBLISHED"
                ]
                if blockers:
                    self._fail_with(
                        step,
                        {
                            "code": "NOT_READY",
                            "status": None,
                            "message": f"publishing is blocked by {blockers}",
                            "blockers": blockers,
                        },
                    )
                    raise _Stop
            self._finish(step, result, credits=credits)
            return

    def _videos(self, step: Step, request: StepRequest, record: StepRecord) -> None:
        """One batch configuration of the slots; the positions it refused are sent once more
        (their own request, so their own key), then the step fails naming them."""
        configured: set[int] = set()
        body = request.body or {}
        wanted = {int(item["position"]) for item in body.get("videos", [])}
        total = len(self._campaign.bundle(step.bundles[0]).videos)
        configured.update(p for p in range(1, total + 1) if p not in wanted)
        for round_ in range(1, VIDEO_ROUNDS + 1):
            try:
                answer = self._send_keyed(step, request, record.key_generation)
            except Exception as error:
                if is_uncertain(error):
                    raise
                self._fail(step, error)
                raise _Stop from error
            configured.update(v.position for v in answer.configured)
            failed = sorted(set(answer.failed_positions))
            if not answer.errors:
                self._finish(step, {"configured": sorted(configured)})
                return
            refusals = [error_record_of(e) for e in answer.errors]
            if round_ == VIDEO_ROUNDS or not failed or len(failed) != len(answer.errors):
                self._fail_with(
                    step,
                    {
                        "code": "VIDEOS_NOT_CONFIGURED",
                        "status": None,
                        "message": f"position(s) {failed} refused: "
                        + "; ".join(
                            f"{r['position']}: {r['code']} {r['message']}" for r in refusals
                        ),
                        "positions": failed,
                        "errors": refusals,
                    },
                )
                raise _Stop
            offload(self._journal.log, step.id, f"positions {failed} refused; sending them again")
            request = step.request(self._results, positions=failed)

    def _send_keyed(self, step: Step, request: StepRequest, generation: int) -> Any:
        """Journal the step as sending (committed), then send it with its key; no answer, a
        5xx or a plain 429 is sent again with the same key, up to ``STEP_ATTEMPTS`` times."""
        transient = 0
        while True:
            key = self._begin(step, request, generation)
            try:
                return self._send_waiting(step, request, key)
            except Exception as error:
                if is_transient(error) and transient < STEP_ATTEMPTS:
                    transient += 1
                    self._again(step, error)
                    continue
                raise

    # -- reconciliation -------------------------------------------------------------------------

    def _reconcile(self, step: Step, request: StepRequest) -> dict[str, Any] | StepRequest | None:
        """The result to adopt, a smaller request (videos), or None to send the same again."""
        client = self._client
        kind = step.kind
        found: dict[str, Any] | None = None
        if kind == "create":
            found = reconcile.created_bundle(client, step)
        elif kind == "bulk":
            found = reconcile.created_batch(client, step)
        elif kind == "videos":
            bundle_id = str(request.path_params["id"])
            total = len(self._campaign.bundle(step.bundles[0]).videos)
            left = reconcile.videos_left(client, step, bundle_id, total)
            if not left:
                found = {"configured": list(range(1, total + 1))}
            elif len(left) < total:
                return step.request(self._results, positions=left)
        elif kind == "publish":
            found = reconcile.published(client, str(request.path_params["id"]))
        # Uploads, the account (a PUT) and the readiness check are sent again: free, and
        # the same request sets the same state.
        if found is not None:
            offload(self._journal.log, step.id, "found done on the API: adopted")
        return found

    def _looked_up(self, look: Thunk[T]) -> T:
        """A read-only look-up, asked again (up to ``STEP_ATTEMPTS`` times) after an answer
        that says nothing: a resume must not stop on one lost ``GET``."""
        attempt = 0
        while True:
            try:
                return look()
            except Exception as error:
                if not is_transient(error) or attempt >= STEP_ATTEMPTS:
                    raise
                attempt += 1

    def _adopt_duplicate(self, step: Step, error: ConflictError) -> dict[str, Any]:
        existing = error.details.get("existing_bundle_id")
        if step.kind == "create" and isinstance(existing, str) and existing:
            return reconcile.duplicate_bundle(self._client, existing)
        # A batch names one of its bundles: the whole batch is looked up by its reference.
        found = reconcile.created_batch(self._client, step)
        if found is None:
            raise CampaignError(
                f"{step.id}: DUPLICATE_ACCOUNT_BUNDLE but no bundle carries {step.external_ref!r}"
            )
        return found

    def _requote(self, step: Step, error: ConflictError) -> int:
        """``BUNDLE_PRICING_CHANGED``: dry-run the step again, refuse above ``max_credits``,
        and take the next key generation (the API wants a new key for the new price)."""
        line = self._quote_line(step)
        quote = offload(self._journal.quote)
        if quote is not None:
            lines = tuple(line if old.step_id == step.id else old for old in quote.lines)
            quote = Quote(
                lines=lines,
                total=sum(item.credits for item in lines),
                balance=quote.balance,
                quoted_at=dt.datetime.now(dt.timezone.utc),
            )
            if self._max_credits is not None and quote.total > self._max_credits:
                self._fail(step, error)
                raise CreditLimitError(
                    f"the price changed: the campaign now costs {quote.total} credits, above "
                    f"max_credits ({self._max_credits}); nothing more was bought",
                    quote=quote,
                    limit=self._max_credits,
                    balance=quote.balance,
                )
            offload(self._journal.save_quote, quote)
        offload(
            self._journal.log,
            step.id,
            f"price changed: quoted again at {line.credits} credits, new key",
        )
        self._emit(
            step.id, StepState.PENDING, f"price changed: quoted again at {line.credits} credits"
        )
        return offload(self._journal.retry_with_new_key, step.id, quoted_credits=line.credits)

    # -- the wire -------------------------------------------------------------------------------

    def _quote_line(self, step: Step) -> QuoteLine:
        request = step.request(self._results)
        try:
            answer = self._send_waiting(step, request, None, dry_run=True)
        except ConflictError as error:
            existing = error.details.get("existing_bundle_id")
            if error.code != "DUPLICATE_ACCOUNT_BUNDLE":
                raise
            # Bought already (a lost journal, another run): adopted when the step runs, so
            # this campaign pays nothing more for it.
            return QuoteLine(step.id, step.operation_id, 0, {"existing_bundle_id": existing})
        except InsufficientCreditsError as error:
            # The dry run prices the step even when the balance is short (API.md §1.6:
            # ``details.required`` and ``breakdown``): the quote says so, run refuses it.
            required = error.details.get("required")
            if not isinstance(required, int):
                raise
            breakdown = plain(error.details.get("breakdown") or {})
            return QuoteLine(step.id, step.operation_id, required, breakdown)
        credits, breakdown = quoted(answer)
        return QuoteLine(step.id, step.operation_id, credits, breakdown)

    def _send_waiting(
        self, step: Step, request: StepRequest, key: str | None, *, dry_run: bool = False
    ) -> Any:
        """Send; on 429 ``capacity_cooldown`` wait and send the very same request again (a
        batch is never split: the API evaluates it whole)."""
        waits = 0
        while True:
            try:
                return send(
                    self._client,
                    step,
                    request,
                    key=key,
                    dry_run=dry_run,
                    progress=self._progress(step) if request.file is not None else None,
                )
            except RateLimitError as error:
                if not error.is_capacity_cooldown or waits >= self._max_capacity_waits:
                    raise
                waits += 1
                seconds = (
                    error.retry_after if error.retry_after is not None else self._capacity_wait
                )
                message = (
                    f"bundle capacity cooling down: waiting {seconds:g} s, then the same "
                    f"request again ({waits}/{self._max_capacity_waits})"
                )
                offload(self._journal.log, step.id, message)
                self._emit(step.id, "waiting", message)
                self._waited += seconds
                self._sleep(seconds)

    def _progress(self, step: Step) -> Callable[[int, int | None], None]:
        def progress(sent: int, total: int | None) -> None:
            self._emit(step.id, StepState.SENDING, "uploading", sent=sent, total=total)

        return progress

    # -- the journal ----------------------------------------------------------------------------

    def _begin(self, step: Step, request: StepRequest, generation: int) -> str | None:
        """The step's key, committed with its request as ``sending``; returns the key."""
        # Offloaded, all of it (to a worker thread in the async flavour): an upload's key and
        # journal entry hash its file (once per process) and the commit fsyncs; neither may
        # hold up an event loop.
        key = offload(self._begin_now, step, request, generation)
        self._emit(step.id, StepState.SENDING, f"{step.operation_id} sent")
        return key

    def _begin_now(self, step: Step, request: StepRequest, generation: int) -> str | None:
        key = (
            idempotency_key(self._campaign.id, step.id, request, generation) if step.keyed else None
        )
        self._journal.begin(step.id, request=request.as_dict(), idempotency_key=key)
        return key

    def _again(self, step: Step, error: Exception) -> None:
        offload(
            self._journal.log,
            step.id,
            f"{type(error).__name__} after the client's retries: sending again, same key",
        )

    def _finish(
        self,
        step: Step,
        result: Mapping[str, Any],
        *,
        credits: int | None = None,
        adopted: bool = False,
    ) -> None:
        offload(
            self._journal.finish, step.id, result=result, credits_charged=credits, adopted=adopted
        )
        self._results[step.id] = result
        how = "found done on the API, adopted" if adopted else "done"
        self._emit(
            step.id, StepState.DONE, how if credits is None else f"{how} ({credits} credits)"
        )

    def _fail(self, step: Step, error: BaseException) -> None:
        self._fail_with(step, error_record(error))

    def _fail_with(self, step: Step, error: Mapping[str, Any]) -> None:
        offload(self._journal.fail, step.id, error=error)
        self._emit(step.id, StepState.FAILED, f"{error.get('code')}: {error.get('message')}")

    def _quoted(self, step: Step) -> int | None:
        """What an adopted creation cost: its quoted price (it was bought at that price by
        the attempt whose answer was lost)."""
        if not step.paid:
            return None
        record = offload(self._journal.record, step.id)
        return record.quoted_credits

    def _records(self) -> dict[str, StepRecord]:
        records = offload(self._journal.records)
        return {record.step_id: record for record in records}

    def _summary(self) -> CampaignSummary:
        status = offload(self._journal.status)
        quote = offload(self._journal.quote)
        errors = tuple(
            f"{record.step_id}: {(record.error or {}).get('code')}: {(record.error or {}).get('message')}"
            for record in status.failed
        )
        return CampaignSummary(
            campaign_id=self._campaign.id,
            quote=quote,
            credits_charged=status.charged_credits,
            steps=status,
            waited_for_capacity=self._waited,
            errors=errors,
        )

    def _emit(
        self,
        step_id: str,
        state: StepState | Literal["waiting"],
        message: str,
        *,
        sent: int | None = None,
        total: int | None = None,
    ) -> None:
        if self._on_event is not None:
            self._on_event(CampaignEvent(step_id, state, message, sent, total))


def check_limits(quote: Quote, limit: int | None, *, nothing_bought: bool = True) -> None:
    """Refuse a quote above ``max_credits``, and, while ``nothing_bought``, above the balance
    (once part is paid for, the balance no longer has to cover the whole quote)."""
    if limit is not None and quote.total > limit:
        above = f"max_credits ({limit})"
    elif nothing_bought and quote.balance is not None and quote.total > quote.balance:
        above = f"the balance ({quote.balance})"
    else:
        return
    raise CreditLimitError(
        f"the quote ({quote.total} credits) is above {above}"
        + ("; nothing was bought" if nothing_bought else ""),
        quote=quote,
        limit=limit,
        balance=quote.balance,
    )


def is_capacity(error: BaseException) -> bool:
    return isinstance(error, RateLimitError) and error.is_capacity_cooldown


def is_transient(error: BaseException) -> bool:
    """An answer that says "not now" or nothing at all: the same request may go again."""
    if isinstance(error, RateLimitError):
        return not error.is_capacity_cooldown
    return isinstance(error, (APIConnectionError, InternalServerError, APIResponseValidationError))


def is_uncertain(error: BaseException) -> bool:
    """No answer (or an unreadable one): the request may have run."""
    return isinstance(error, (APIConnectionError, APIResponseValidationError, InternalServerError))


def blocker_code(blocker: Any) -> str | None:
    if isinstance(blocker, Mapping):
        code = blocker.get("code")
        return str(code) if code is not None else None
    return str(blocker) if blocker is not None else None


def error_record_of(error: Any) -> dict[str, Any]:
    return {
        "position": error.position,
        "code": error.code,
        "message": error.message,
    }
