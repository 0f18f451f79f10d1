"""The example plan's requests, sent as they are in plan order with their keys, are what the
API takes: the emulator accepts every one and ends with the campaign's bundles published.
(The runner, with its journal and its recoveries, is tested with it in tests/_async.)"""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx

from tests.campaigns._support import EXAMPLE, TODAY
from tokportal import OPERATIONS
from tokportal.campaigns import build_plan, idempotency_key, load_campaign
from tokportal.testing import Emulator


def result_of(kind: str, data: dict[str, Any]) -> dict[str, Any]:
    """What a run keeps of an answer, as ``Step.request`` reads it."""
    if kind == "create":
        return {"bundle_id": data["id"]}
    if kind == "bulk":
        return {"bundle_ids": list(data["bundle_ids"])}
    if kind == "picture":
        return {"storage_path": data["storage_path"]}
    if kind == "upload":
        return {"public_url": data["public_url"]}
    return {}


def test_every_request_of_the_example_is_accepted_in_plan_order() -> None:
    emulator = Emulator(seed=0, start_time=dt.datetime(2026, 11, 29, 12, tzinfo=dt.timezone.utc))
    plan = build_plan(load_campaign(EXAMPLE, today=TODAY))
    results: dict[str, dict[str, Any]] = {}
    sent: list[tuple[str, str, str | None]] = []
    with httpx.Client(
        transport=emulator.transport,
        base_url="https://app.tokportal.com/api/ext",
        headers={"X-API-Key": emulator.api_key},
        timeout=10,
    ) as client:
        for step in plan.steps:
            request = step.request(results)
            operation = OPERATIONS[step.operation_id]
            key = idempotency_key(plan.campaign.id, step.id, request) if step.keyed else None
            headers = {"Idempotency-Key": key} if key else {}
            url = operation.path.format(**request.path_params)
            if request.file is not None:
                files = {"file": (request.file.name, request.file.read_bytes())}
                response = client.request(
                    operation.method, url, data=dict(request.form), files=files, headers=headers
                )
            else:
                response = client.request(operation.method, url, json=request.body, headers=headers)
            assert response.is_success, (step.id, response.status_code, response.text[:300])
            sent.append((operation.method, url, response.request.headers.get("Idempotency-Key")))
            results[step.id] = result_of(step.kind, response.json()["data"])

        # What the API says now, read back through it.
        listed = client.get("/bundles", params={"per_page": 100}).json()["data"]
        bundles = sorted((b["external_ref"], b["status"], b["id"]) for b in listed)
        slots = {
            ref: [
                (v["position"], v["status"], v["external_ref"], v["target_publish_date"])
                for v in client.get(f"/bundles/{bundle_id}/videos").json()["data"]
            ]
            for ref, _, bundle_id in bundles
        }

    assert len(sent) == len(plan.steps) == 22
    # Only the readiness checks (GETs) go without a key.
    assert [method for method, _, key in sent if key is None] == ["GET"] * 3
    assert [(ref, status) for ref, status, _ in bundles] == [
        ("spring-launch/US-tiktok-1-1", "published"),
        ("spring-launch/US-tiktok-1-2", "published"),
        ("spring-launch/fr-1", "published"),
    ]
    assert slots["spring-launch/US-tiktok-1-2"] == [
        (1, "published", "spring-launch/us-2/v1", "2026-12-05"),
        (2, "published", "spring-launch/us-2/v2", "2026-12-07"),
    ]
    assert slots["spring-launch/fr-1"] == [(1, "published", "spring-launch/fr-1/v1", "2026-12-08")]
