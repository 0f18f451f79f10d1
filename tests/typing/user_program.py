"""A user's program as they would write it; never run, checked by ``mypy --strict`` both on
the source and (``scripts/check_wheel.py``) against the installed wheel, from outside the
source tree. A starter: what already holds of the public API."""

from __future__ import annotations

import anyio

from tokportal import AsyncTokPortal, ConsentRequiredError, TokPortal
from tokportal.models import Bundle, BundleStatus
from tokportal.webhooks import WebhookEventType, construct_event


async def newest_bundles(client: AsyncTokPortal) -> list[Bundle]:
    bundles: list[Bundle] = []
    async for bundle in client.bundles.list(per_page=10):
        if bundle.status == BundleStatus.PUBLISHED:
            bundles.append(bundle)
    return bundles


def credits_left() -> int | None:
    with TokPortal() as client:
        return client.me.get().credits


def on_delivery(body: bytes, headers: dict[str, str], secret: str) -> str:
    event = construct_event(body, headers, secret)
    if event.type == WebhookEventType.ACCOUNT_BANNED:
        return "banned"
    return str(event.type)


async def main() -> None:
    async with AsyncTokPortal() as client:
        try:
            await newest_bundles(client)
        except ConsentRequiredError as exc:
            print(exc.disclosure, exc.consent_quote.expected_credit_cost)


if __name__ == "__main__":
    anyio.run(main)
