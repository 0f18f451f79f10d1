"""Every one of the 91 operations reaches a handler; unknown routes answer a JSON 404/405."""

from __future__ import annotations

import httpx
import pytest

from tokportal._operations import OPERATIONS, Operation
from tokportal.testing import Emulator
from tokportal.testing._emulator.handlers import ROUTES

DUMMY = {"id": "00000000-0000-4000-8000-000000000001", "position": "1", "delivery_id": "d1"}


def test_route_table_covers_exactly_the_operation_table() -> None:
    assert set(ROUTES) == set(OPERATIONS)


@pytest.mark.parametrize("operation", list(OPERATIONS.values()), ids=lambda op: op.operation_id)
def test_every_operation_routes_to_its_handler(
    emu: Emulator, client: httpx.Client, operation: Operation
) -> None:
    path = operation.path
    for name in operation.path_params:
        path = path.replace("{" + name + "}", DUMMY[name])
    kwargs: dict[str, object] = {}
    if operation.request_content_type == "application/json":
        kwargs["json"] = {}
    elif operation.request_content_type == "multipart/form-data":
        kwargs["files"] = {"file": ("a.bin", b"x", "application/octet-stream")}
    response = client.request(operation.method, path, **kwargs)  # type: ignore[arg-type]
    assert emu.requests[-1].operation_id == operation.operation_id
    assert response.status_code not in (405, 500, 501), response.text
    if response.status_code == 404:
        assert response.json()["error"]["code"] != "NOT_FOUND"
    assert response.headers["X-TokPortal-API-Version"] == "2026-05-25"


def test_unknown_route_is_a_json_404(client: httpx.Client) -> None:
    response = client.get("/nope")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"
    assert response.headers["X-TokPortal-API-Stability"] == "stable"


def test_wrong_method_is_405_with_allow(client: httpx.Client) -> None:
    response = client.delete("/countries")
    assert response.status_code == 405
    assert response.headers["Allow"] == "GET"


def test_literal_segment_beats_parameter(emu: Emulator, client: httpx.Client) -> None:
    client.put("/bundles/x/videos/batch", json={"videos": []})
    assert emu.requests[-1].operation_id == "batchConfigureBundleVideos"
    client.get("/webhooks/events")
    assert emu.requests[-1].operation_id == "listWebhookEvents"


def test_prefix_is_optional_and_host_is_ignored(emu: Emulator) -> None:
    with httpx.Client(transport=emu.transport, base_url="http://anything.test") as c:
        response = c.get("/countries", headers={"X-API-Key": emu.api_key})
    assert response.status_code == 200
    assert emu.requests[-1].path == "/countries"


def test_cors_preflight_needs_no_key(any_client: httpx.Client) -> None:
    response = any_client.options("/bundles", headers={"X-API-Key": ""})
    assert response.status_code == 204
    assert "Idempotency-Key" in response.headers["Access-Control-Allow-Headers"]
    assert response.headers["X-TokPortal-API-Version"] == "2026-05-25"
