"""Campaigns for the runner's tests (``tests/_async/test_campaign_*.py`` and their twins):
files written to a temporary folder, and what to check on the emulator afterwards."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import httpx

from tokportal import AttemptEvent
from tokportal.campaigns import CampaignEvent, CampaignFile, Journal, Plan, build_plan
from tokportal.campaigns import load_campaign as load
from tokportal.testing import Emulator

ACCOUNT_CREATION = 32
VIDEO_SLOT = 2
# Bytes enough for the emulator (it stores what it gets); each file distinct.
JPEG = b"\xff\xd8\xff\xe0-campaign-picture-"
MP4 = b"\x00\x00\x00\x18ftypmp42-campaign-video-"


def bundle_cost(videos: int) -> int:
    return ACCOUNT_CREATION + VIDEO_SLOT * videos


def write_campaign(
    folder: Path,
    *,
    campaign_id: str = "spring",
    countries: tuple[str, ...] = ("US",),
    per_country: int = 2,
    videos: int = 2,
    bulk: bool = True,
    max_credits: int | None = None,
    concurrency: int | None = None,
    start: dt.date | None = None,
) -> Path:
    """A campaign of ``len(countries) * per_country`` bundles of ``videos`` videos each,
    with its media, in ``folder``; returns the TOML file's path."""
    start = start or dt.datetime.now(dt.timezone.utc).date() + dt.timedelta(days=5)
    media = folder / "media"
    media.mkdir(parents=True, exist_ok=True)
    lines = ["[campaign]", f'id = "{campaign_id}"', f"bulk = {str(bulk).lower()}"]
    if max_credits is not None:
        lines.append(f"max_credits = {max_credits}")
    if concurrency is not None:
        lines.append(f"concurrency = {concurrency}")
    for country in countries:
        for n in range(1, per_country + 1):
            name = f"{country.lower()}-{n}"
            (media / f"{name}.jpg").write_bytes(JPEG + name.encode())
            lines += [
                "",
                "[[bundles]]",
                f'name = "{name}"',
                f'country = "{country}"',
                "[bundles.account]",
                f'username = "acme_{country.lower()}{n}"',
                f'visible_name = "Acme {country} {n}"',
                f'biography = "Acme in {country}, account {n}"',
                f'picture = "media/{name}.jpg"',
            ]
            for v in range(1, videos + 1):
                (media / f"{name}-{v}.mp4").write_bytes(MP4 + f"{name}-{v}".encode() * 50)
                day = start + dt.timedelta(days=v - 1)
                lines += [
                    "[[bundles.videos]]",
                    f'file = "media/{name}-{v}.mp4"',
                    f'caption = "Clip {v} for {name}"',
                    f"date = {day.isoformat()}",
                ]
    path = folder / "campaign.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def plan_and_journal(path: Path, journal: Path | None = None) -> tuple[Plan, Journal]:
    campaign: CampaignFile = load(path)
    return build_plan(campaign), Journal.open(
        journal or path.with_suffix(".journal.sqlite"), campaign
    )


class Events:
    """``on_event``: every event, in order."""

    def __init__(self) -> None:
        self.events: list[CampaignEvent] = []

    def __call__(self, event: CampaignEvent) -> None:
        self.events.append(event)

    def states(self, step_id: str) -> list[str]:
        return [
            str(getattr(e.state, "value", e.state)) for e in self.events if e.step_id == step_id
        ]


def operations(emu: Emulator) -> Counter[str]:
    return Counter(r.operation_id or "" for r in emu.requests)


def check_campaign_done(emu: Emulator, plan: Plan, journal: Journal) -> dict[str, Any]:
    """Every step done; exactly the campaign's bundles, each configured and published with
    every video slot configured; credits charged == the quote == what the emulator debited."""
    campaign = plan.campaign
    records = journal.records()
    assert {r.state.value for r in records} == {"done"}, [
        (r.step_id, r.state.value, r.error) for r in records if r.state.value != "done"
    ]
    ours = {
        b.id: b
        for b in emu.workspace.bundles.values()
        if (b.external_ref or "").startswith(campaign.id + "/")
    }
    assert len(ours) == len(emu.workspace.bundles) == len(campaign.bundles)
    videos = 0
    for bundle in ours.values():
        assert bundle.status == "published", (bundle.id, bundle.status)
        assert bundle.account is not None and bundle.account.username
        for slot in bundle.videos:
            assert slot.status != "pending", (bundle.id, slot.position, slot.status)
            assert slot.config.get("external_ref", "").startswith(campaign.id + "/")
            videos += 1
    assert videos == sum(len(b.videos) for b in campaign.bundles)
    quote = journal.quote()
    assert quote is not None
    spent = 1000 - emu.workspace.credits
    charged = sum(r.credits_charged or 0 for r in records)
    assert spent == quote.total == charged
    return {"bundles": len(ours), "videos": videos, "spent": spent}


class Wire:
    """A client hook (``hooks=[wire]``): every attempt the client made, as it saw it
    (operation, method, idempotency key, dry run, status)."""

    def __init__(self) -> None:
        self.attempts: list[AttemptEvent] = []

    def __call__(self, event: AttemptEvent) -> None:
        self.attempts.append(event)

    def of(self, operation_id: str, *, dry_run: bool | None = None) -> list[AttemptEvent]:
        return [
            a
            for a in self.attempts
            if a.operation_id == operation_id and (dry_run is None or a.dry_run == dry_run)
        ]

    def writes(self) -> list[AttemptEvent]:
        """The attempts that could change something: every method but GET, dry runs aside."""
        return [a for a in self.attempts if a.method != "GET" and not a.dry_run]


class BreakOneSlot(httpx.BaseTransport, httpx.AsyncBaseTransport):
    """The emulator's transport, except that the first video batch goes out with one slot's
    date in the past: the API refuses that position and configures the others (a partial
    failure), and every batch body is kept."""

    def __init__(self, emu: Emulator, position: int = 2) -> None:
        self.emu = emu
        self.position = position
        self.batches: list[list[dict[str, Any]]] = []

    def _edit(self, request: httpx.Request) -> httpx.Request:
        if request.method != "PUT" or not request.url.path.endswith("/videos/batch"):
            return request
        body = json.loads(request.read())
        if not self.batches:
            for item in body["videos"]:
                if item["position"] == self.position:
                    item["target_publish_date"] = "2000-01-01"
        self.batches.append(body["videos"])
        headers = {k: v for k, v in request.headers.items() if k.lower() != "content-length"}
        return httpx.Request(request.method, request.url, headers=headers, json=body)

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return self.emu.transport.handle_request(self._edit(request))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.emu.transport.handle_async_request(self._edit(request))
