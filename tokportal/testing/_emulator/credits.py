"""Debits and credits of a workspace's balance: checked, recorded, atomic under the lock."""

from __future__ import annotations

from datetime import datetime, timedelta

from .http import ApiError
from .ids import Ids
from .pricing import RESTORED_CREDITS_LIFETIME_DAYS, with_total
from .state import Transaction, Workspace


def insufficient(ws: Workspace, breakdown: dict[str, int]) -> ApiError:
    required = breakdown["total"]
    return ApiError(
        402,
        "INSUFFICIENT_CREDITS",
        f"This costs {required} credits; the balance is {ws.credits}.",
        {
            "required": required,
            "available": ws.credits,
            "missing": required - ws.credits,
            "breakdown": breakdown,
        },
    )


def debit(
    ws: Workspace,
    ids: Ids,
    parts: dict[str, int],
    *,
    now: datetime,
    description: str,
    reference_type: str | None = None,
    reference_id: str | None = None,
) -> dict[str, int]:
    """Take ``sum(parts)`` credits or raise 402 with nothing taken. Returns the breakdown."""
    breakdown = with_total(parts)
    total = breakdown["total"]
    if total > ws.credits:
        raise insufficient(ws, breakdown)
    if total > 0:
        ws.credits -= total
        ws.transactions.append(
            Transaction(
                id=ids.uuid(),
                type="debit",
                amount=total,
                balance_after=ws.credits,
                description=description,
                reference_type=reference_type,
                reference_id=reference_id,
                breakdown={k: v for k, v in breakdown.items() if v},
                created_at=now,
            )
        )
    return breakdown


def restore(
    ws: Workspace,
    ids: Ids,
    amount: int,
    *,
    now: datetime,
    description: str,
    reference_type: str | None = None,
    reference_id: str | None = None,
) -> Transaction:
    """Give credits back (a refund); restored credits expire after 60 days (API.md §1.14)."""
    ws.credits += amount
    record = Transaction(
        id=ids.uuid(),
        type="credit",
        amount=amount,
        balance_after=ws.credits,
        description=description,
        reference_type=reference_type,
        reference_id=reference_id,
        breakdown={"restored": amount},
        created_at=now,
        expires_at=now + timedelta(days=RESTORED_CREDITS_LIFETIME_DAYS),
    )
    ws.transactions.append(record)
    return record


def expiring_within(ws: Workspace, now: datetime, days: int) -> int:
    horizon = now + timedelta(days=days)
    return sum(
        t.amount
        for t in ws.transactions
        if t.expires_at is not None and now < t.expires_at <= horizon
    )
