"""Injected faults: the emulator's way of making a network misbehave on purpose, reproducibly."""

from __future__ import annotations

import random
import threading
from typing import Literal

import attrs

from ..._operations import OPERATIONS

FaultKind = Literal["status", "reset_before", "reset_after", "latency", "stall", "rate_limit"]
FAULT_KINDS: tuple[str, ...] = (
    "status",
    "reset_before",
    "reset_after",
    "latency",
    "stall",
    "rate_limit",
)


@attrs.define
class FaultRule:
    kind: str
    operation_id: str | None
    rate: float
    remaining: int | None
    status: int
    latency: float

    def matches(self, operation_id: str | None) -> bool:
        if self.remaining is not None and self.remaining <= 0:
            return False
        return self.operation_id is None or self.operation_id == operation_id


@attrs.define
class FaultPlan:
    """What the drawn rules do to one request."""

    blocking: FaultRule | None = None  # status / reset_before / stall / rate_limit: early
    reset_after: bool = False
    latency: float = 0.0


class Faults:
    """``emu.faults``: inject faults per operation (or for every operation), seeded."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(f"faults:{seed}")
        self._rules: list[FaultRule] = []
        self._lock = threading.Lock()

    def inject(
        self,
        kind: FaultKind,
        *,
        operation_id: str | None = None,
        rate: float = 1.0,
        count: int | None = None,
        status: int = 503,
        latency: float = 0.0,
    ) -> FaultRule:
        """Make matching requests misbehave.

        ``kind``: ``status`` (answer ``status`` with an error envelope), ``reset_before`` (drop
        the connection before anything runs), ``reset_after`` (run the request, then drop the
        connection instead of answering), ``latency`` (wait ``latency`` seconds before running;
        a client whose read timeout is shorter gives up first), ``stall`` (accept the request and
        never answer it: nothing runs, the client waits until its read timeout, its
        cancellation or ``emu.close()``), ``rate_limit`` (answer 429 ``RATE_LIMIT_EXCEEDED``). ``rate`` is the probability per
        matching request; ``count`` caps how many times the rule fires.
        """
        if kind not in FAULT_KINDS:
            raise ValueError(f"kind must be one of {FAULT_KINDS}, not {kind!r}")
        if not 0.0 <= rate <= 1.0:
            raise ValueError("rate must be between 0 and 1")
        if count is not None and count < 1:
            raise ValueError("count must be at least 1")
        if kind == "status" and not 400 <= status <= 599:
            raise ValueError("status must be an HTTP error status (400-599)")
        if latency < 0:
            raise ValueError("latency must be >= 0")
        if operation_id is not None and operation_id not in OPERATIONS:
            # A misspelt id would silently match nothing and the test would prove nothing.
            raise ValueError(f"unknown operation id {operation_id!r}: see tokportal.OPERATIONS")
        rule = FaultRule(kind, operation_id, rate, count, status, latency)
        with self._lock:
            self._rules.append(rule)
        return rule

    def clear(self) -> None:
        with self._lock:
            self._rules.clear()

    @property
    def rules(self) -> list[FaultRule]:
        with self._lock:
            return list(self._rules)

    def draw(self, operation_id: str | None) -> FaultPlan:
        plan = FaultPlan()
        with self._lock:
            for rule in self._rules:
                if not rule.matches(operation_id) or self._rng.random() >= rule.rate:
                    continue
                if rule.kind == "latency":
                    plan.latency = max(plan.latency, rule.latency)
                elif rule.kind == "reset_after":
                    if plan.blocking is not None or plan.reset_after:
                        continue
                    plan.reset_after = True
                elif plan.blocking is None and not plan.reset_after:
                    plan.blocking = rule
                else:
                    continue
                if rule.remaining is not None:
                    rule.remaining -= 1
        return plan
