"""X-TokPortal-Dry-Run: same validation and pricing, no state change (API.md §1.10)."""

from __future__ import annotations

import httpx

from tokportal.testing import Emulator

from .conftest import create_bundle, delivered_account

DRY = {"X-TokPortal-Dry-Run": "true"}


def test_dry_run_bundle_creation_quotes_and_changes_nothing(
    emu: Emulator, any_client: httpx.Client
) -> None:
    body = {
        "bundle_type": "account_and_videos",
        "country": "US",
        "videos_quantity": 3,
        "edits_quantity": 1,
    }
    response = any_client.post("/bundles", json=body, headers=DRY)
    assert response.status_code == 200
    payload = response.json()
    assert payload["dry_run"] is True
    assert payload["credits_charged"] == 0
    assert payload["credits_would_charge"] == 32 + 6 + 3
    assert payload["credits_remaining"] == 1000
    assert payload["cost_breakdown"]["total"] == 41
    assert payload["dry_run_notice"]
    assert payload["data"]["id"].startswith("00000000-0000-4000-8000-")
    assert payload["data"]["bundle_id"] == payload["data"]["id"]
    assert payload["data"]["status"] == "pending_setup"
    assert emu.workspace.credits == 1000
    assert emu.workspace.bundles == {}
    assert emu.workspace.transactions == []
    assert emu.webhook_deliveries == []


def test_dry_run_returns_the_same_errors(client: httpx.Client) -> None:
    response = client.post(
        "/bundles",
        json={"bundle_type": "account_only", "country": "USA", "account_id": "x"},
        headers=DRY,
    )
    assert response.status_code == 400
    assert response.json()["error"]["code"] == "ACCOUNT_ID_NOT_ALLOWED"
    poor = client.post(
        "/bundles",
        json={"bundle_type": "account_and_videos", "country": "USA", "videos_quantity": 500},
        headers=DRY,
    )
    assert poor.status_code == 402


def test_dry_run_does_not_shift_real_ids(client: httpx.Client) -> None:
    def ids_after(dry: bool) -> str:
        emu = Emulator(seed=11)
        with httpx.Client(
            transport=emu.transport, base_url="http://x/api/ext", headers={"X-API-Key": emu.api_key}
        ) as c:
            if dry:
                c.post(
                    "/bundles", json={"bundle_type": "account_only", "country": "USA"}, headers=DRY
                )
            return str(
                c.post("/bundles", json={"bundle_type": "account_only", "country": "USA"}).json()[
                    "data"
                ]["id"]
            )

    assert ids_after(True) == ids_after(False)


def test_dry_run_on_other_writes(emu: Emulator, client: httpx.Client) -> None:
    bundle = create_bundle(client)
    slots = client.post(
        f"/bundles/{bundle['id']}/add-video-slots", json={"quantity": 4}, headers=DRY
    ).json()
    assert slots["credits_would_charge"] == 8
    assert slots["data"]["videos_quantity"] == 6
    assert emu.workspace.bundles[bundle["id"]].videos_quantity == 2
    hook = client.post(
        "/webhooks",
        json={"url": "https://example.com/h", "events": ["bundle.created"]},
        headers=DRY,
    )
    assert hook.status_code == 200
    assert emu.workspace.webhook_endpoints == {}


def test_dry_run_consent_call_never_reveals(emu: Emulator, client: httpx.Client) -> None:
    _, account_id = delivered_account(client, emu)
    body = {"acknowledge_support_forfeit": True, "policy_version": "managed-credential-reveal-v1"}
    response = client.post(f"/accounts/{account_id}/reveal-credentials", json=body, headers=DRY)
    assert response.status_code == 200
    payload = response.json()
    assert "password" not in payload["data"]
    assert payload["credits_would_charge"] == 150
    saved = emu.workspace.saved_accounts[account_id]
    assert not saved.access_paid and saved.coverage.status == "active"


def test_dry_run_header_is_ignored_on_reads(client: httpx.Client) -> None:
    response = client.get("/me", headers=DRY)
    assert "dry_run" not in response.json()


# -- the dry-run generator is separate from the real one -----------------------------------------

PRESIGN = {"filename": "clip.mp4", "content_type": "video/mp4"}
HOOK = {"url": "https://example.com/h", "events": ["bundle.created"]}


def _secrets_of(c: httpx.Client, bundle_id: str, headers: dict[str, str]) -> list[str]:
    """One presigned upload URL, one webhook signing secret and one report token."""
    presign = c.post("/upload/video", json={**PRESIGN, "bundle_id": bundle_id}, headers=headers)
    hook = c.post("/webhooks", json=HOOK, headers=headers)
    report = c.post("/analytics/export/reports", json={"title": "Q3"}, headers=headers)
    for response in (presign, hook, report):
        assert response.status_code == 200, response.text
    return [
        presign.json()["data"]["upload_url"],
        hook.json()["data"]["signing_secret"],
        report.json()["data"]["token"],
    ]


def _world(dry_first: bool) -> tuple[list[str], list[str]]:
    """(dry-run values, real values) from a fresh emulator; the dry calls run first if asked."""
    emu = Emulator(seed=23)
    with httpx.Client(
        transport=emu.transport, base_url="http://x/api/ext", headers={"X-API-Key": emu.api_key}
    ) as c:
        bundle_id = create_bundle(c)["id"]
        dry = _secrets_of(c, bundle_id, DRY) if dry_first else []
        real = _secrets_of(c, bundle_id, {})
        return dry, real


def _longest_common_run(a: str, b: str) -> int:
    best = 0
    for i in range(len(a)):
        for j in range(len(b)):
            k = 0
            while i + k < len(a) and j + k < len(b) and a[i + k] == b[j + k]:
                k += 1
            best = max(best, k)
    return best


def _secret_part(value: str) -> str:
    """The random part of a value: the last path segment of a URL, the text after a prefix."""
    return value.rsplit("/", 1)[-1].split("_", 1)[-1]


def test_a_dry_run_leaves_the_real_values_as_they_would_have_been() -> None:
    dry, real_after_dry = _world(dry_first=True)
    _, real_alone = _world(dry_first=False)
    assert real_after_dry == real_alone
    assert not set(dry) & set(real_alone)


def test_dry_run_values_share_no_run_with_later_real_ones() -> None:
    dry, real = _world(dry_first=True)
    for dry_value, real_value in zip(dry, real, strict=True):
        dry_part, real_part = _secret_part(dry_value), _secret_part(real_value)
        assert dry_part.startswith("dryrun")
        assert not real_part.startswith("dryrun")
        # Independent streams: a shared run of 8+ characters would be a 1-in-10^12 accident;
        # with one shared generator the dry value *was* the next real one.
        assert _longest_common_run(dry_part, real_part) < 8, (dry_part, real_part)


def test_consecutive_dry_runs_draw_fresh_values(client: httpx.Client) -> None:
    bundle_id = create_bundle(client)["id"]
    first = _secrets_of(client, bundle_id, DRY)
    second = _secrets_of(client, bundle_id, DRY)
    assert not set(first) & set(second)


def test_a_dry_run_presigned_url_is_never_accepted(emu: Emulator, any_client: httpx.Client) -> None:
    bundle_id = create_bundle(any_client)["id"]
    dry = any_client.post("/upload/video", json={**PRESIGN, "bundle_id": bundle_id}, headers=DRY)
    assert dry.status_code == 200 and dry.json()["dry_run"] is True
    url = dry.json()["data"]["upload_url"]
    put = any_client.put(url, content=b"bytes", headers={"Content-Type": "video/mp4"})
    assert put.status_code in (403, 404)
    # ... and still not once a real presign was handed out after it.
    real = any_client.post("/upload/video", json={**PRESIGN, "bundle_id": bundle_id})
    assert real.json()["data"]["upload_url"] != url
    again = any_client.put(url, content=b"bytes", headers={"Content-Type": "video/mp4"})
    assert again.status_code in (403, 404)
    ok = any_client.put(
        real.json()["data"]["upload_url"], content=b"bytes", headers={"Content-Type": "video/mp4"}
    )
    assert ok.status_code == 200
