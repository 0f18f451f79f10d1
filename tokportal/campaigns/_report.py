"""What a campaign reports: the quote, the events of a run and its final summary."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

import attrs

if TYPE_CHECKING:
    from ._journal import CampaignStatus

__all__ = ["CampaignEvent", "CampaignSummary", "Quote", "QuoteLine", "StepState"]


class StepState(str, enum.Enum):
    """Where a step stands in the journal.

    ``SENDING`` is written (and committed) before the request leaves: a step found in that
    state after a crash may or may not have reached the API, and is looked up on resume.
    """

    PENDING = "pending"
    SENDING = "sending"
    DONE = "done"
    FAILED = "failed"


@attrs.frozen
class QuoteLine:
    """The price of one paid step, from its dry-run (``X-Dry-Run``) answer."""

    step_id: str
    operation_id: str
    credits: int
    cost_breakdown: Mapping[str, Any] = attrs.field(factory=dict)


@attrs.frozen
class Quote:
    """Every paid step of a campaign priced with a dry-run, and the balance read with it."""

    lines: tuple[QuoteLine, ...]
    total: int
    balance: int | None
    quoted_at: dt.datetime

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view (``tokportal campaign plan -o json``)."""
        return {
            "lines": [
                {
                    "step_id": line.step_id,
                    "operation_id": line.operation_id,
                    "credits": line.credits,
                    "cost_breakdown": dict(line.cost_breakdown),
                }
                for line in self.lines
            ],
            "total": self.total,
            "balance": self.balance,
            "quoted_at": self.quoted_at.isoformat(),
        }

    def line(self, step_id: str) -> QuoteLine | None:
        """The line of ``step_id``, or ``None`` when it is not in the quote."""
        for line in self.lines:
            if line.step_id == step_id:
                return line
        return None


@attrs.frozen
class CampaignEvent:
    """One thing a run did, handed to ``on_event`` (progress on a terminal).

    ``state`` is the step's new state, or ``"waiting"`` while the runner waits for bundle
    capacity (``capacity_cooldown``). ``sent`` / ``total``: bytes of an upload in progress.
    """

    step_id: str
    state: StepState | Literal["waiting"]
    message: str
    sent: int | None = None
    total: int | None = None


@attrs.frozen
class CampaignSummary:
    """The end of a run: credits charged against the quote, the steps, what went wrong."""

    campaign_id: str
    quote: Quote | None
    credits_charged: int
    steps: CampaignStatus
    waited_for_capacity: float = 0.0
    errors: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Every step is done and nothing went wrong."""
        return self.steps.done and not self.errors
