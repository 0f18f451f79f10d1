"""Deterministic analytics numbers derived from the emulator's own posted videos.

A post's metrics are a pure function of its id and its age on the business clock, so numbers
grow when ``advance`` moves time and every call (and every emulator with the same seed) agrees.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import datetime, timedelta

import attrs

from .http import iso
from .state import Bundle, SavedAccount, VideoSlot, Workspace

POSTED = frozenset({"in_review", "pending_corrections", "finalized"})
METRICS = ("views", "likes", "comments", "shares", "followers")
COMMENT_PHRASES = (
    "love this!",
    "where is this from?",
    "so good",
    "need this asap",
    "this made my day",
    "how did you do that?",
    "obsessed",
    "not sure about this one",
    "can you do a part 2?",
    "first!",
)


def _seed(ident: str) -> int:
    return int(hashlib.sha256(ident.encode()).hexdigest()[:8], 16)


@attrs.frozen
class Post:
    bundle: Bundle
    slot: VideoSlot
    account: SavedAccount

    @property
    def posted_at(self) -> datetime:
        assert self.slot.in_review_at is not None
        return self.slot.in_review_at

    def stats(self, at: datetime) -> dict[str, int]:
        if at < self.posted_at:
            return {"views": 0, "likes": 0, "comments": 0, "shares": 0, "saves": 0}
        h = _seed(self.slot.id)
        days = min((at - self.posted_at).total_seconds() / 86400.0, 60.0)
        views = int((200 + h % 4800) * (1.0 + days))
        likes = views * (3 + h % 7) // 100
        return {
            "views": views,
            "likes": likes,
            "comments": likes // 10,
            "shares": likes // 20,
            "saves": likes // 15,
        }


def posts(ws: Workspace, accounts: list[SavedAccount] | None = None) -> Iterator[Post]:
    chosen = accounts if accounts is not None else list(ws.saved_accounts.values())
    for account in chosen:
        for bundle, slot in ws.videos_of_account(account.id):
            if slot.status in POSTED and slot.in_review_at is not None:
                yield Post(bundle, slot, account)


def followers(account: SavedAccount, account_posts: list[Post], at: datetime) -> int:
    if at < account.created_at:
        return 0
    base = 50 + _seed(account.id) % 450
    return base + sum(p.stats(at)["views"] for p in account_posts) // 40


def value(
    metric: str, account_posts: dict[str, list[Post]], accounts: list[SavedAccount], at: datetime
) -> int:
    if metric == "followers":
        return sum(followers(a, account_posts.get(a.id, []), at) for a in accounts)
    return sum(p.stats(at)[metric] for ps in account_posts.values() for p in ps)


def days_between(start: datetime, end: datetime, step: timedelta) -> list[datetime]:
    points: list[datetime] = []
    at = start
    while at <= end and len(points) < 1000:
        points.append(at)
        at += step
    if not points or points[-1] < end:
        points.append(end)
    return points


def comments_for(post_id: str, count: int, posted_at: datetime) -> list[dict[str, object]]:
    h = _seed(post_id)
    return [
        {
            "id": f"cmt_{post_id[:8]}_{i}",
            "post_id": post_id,
            "author_handle": f"fan_{(h + i * 7919) % 100000:05d}",
            "text": COMMENT_PHRASES[(h + i) % len(COMMENT_PHRASES)],
            "like_count": (h >> (i % 16)) % 50,
            "sentiment": "negative"
            if (h + i) % len(COMMENT_PHRASES) == 7
            else "positive"
            if (h + i) % 3
            else "neutral",
            "created_at": iso(posted_at + timedelta(minutes=5 * (i + 1))),
        }
        for i in range(count)
    ]
