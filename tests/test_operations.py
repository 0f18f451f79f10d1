"""The operation table equals TokPortal's, and every operation has a typed method on both
clients and a wire case."""

from __future__ import annotations

import importlib
import json
import pkgutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import tests._async
import tests._sync
from tokportal import OPERATIONS, AsyncTokPortal, TokPortal

HERE = Path(__file__).resolve().parent
VENDORED = HERE / "data" / "tokportal-operations.json"
SHARED = HERE.parent.parent / "shared" / "tokportal-operations.json"


def _table(path: Path) -> list[dict[str, Any]]:
    operations: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))["operations"]
    return operations


def _as_shared_record(op: Any) -> dict[str, Any]:
    return {
        "operationId": op.operation_id,
        "summary": op.summary,
        "method": op.method,
        "path": op.path,
        "pathParams": list(op.path_params),
        "queryParams": list(op.query_params),
        "requestContentType": op.request_content_type,
        "bodyRequired": op.body_required,
        "multipartFields": [(f.name, f.required, f.binary) for f in op.multipart_fields],
        "idempotencyPolicy": op.idempotency_policy,
        "successContentTypes": list(op.success_content_types),
    }


def _shared_record(record: dict[str, Any]) -> dict[str, Any]:
    keep = {key: record[key] for key in _as_shared_record(OPERATIONS["getCurrentUser"])}
    keep["multipartFields"] = [
        (f["name"], f["required"], f["binary"]) for f in record["multipartFields"]
    ]
    return keep


def test_table_equals_the_vendored_copy_of_tokportals_table() -> None:
    expected = [_shared_record(r) for r in _table(VENDORED)]
    actual = [_as_shared_record(op) for op in OPERATIONS.values()]
    assert actual == expected
    assert len(OPERATIONS) == 91


def test_vendored_copy_equals_shared_table() -> None:
    # The project's shared folder sits beside the repository in CI and in development.
    if not SHARED.exists():
        pytest.skip("no ../shared beside this checkout (outside the project workspace)")
    assert _table(VENDORED) == _table(SHARED)


def test_policy_split_matches_the_reference() -> None:
    policies = [op.idempotency_policy for op in OPERATIONS.values()]
    assert policies.count("standard") == 44
    assert policies.count("reject-sensitive-response") == 6
    assert policies.count("not-applicable") == 41


def _resolve(client: object, dotted: str) -> Any:
    target: Any = client
    for part in dotted.split("."):
        target = getattr(target, part)
    return target


@pytest.fixture(scope="module")
def clients() -> Iterator[dict[type[Any], Any]]:
    """One client of each class for the 182 cases: making one loads the TLS trust store (a
    fifth of a second), and looking a method up on it neither sends nor changes anything."""
    with TokPortal(api_key="sk_test", rate_limit=None) as sync_client:
        yield {
            TokPortal: sync_client,
            AsyncTokPortal: AsyncTokPortal(api_key="sk_test", rate_limit=None),
        }


@pytest.mark.parametrize("operation_id", sorted(OPERATIONS))
@pytest.mark.parametrize("client_class", [AsyncTokPortal, TokPortal])
def test_every_operation_has_a_documented_typed_method(
    operation_id: str, client_class: type[Any], clients: dict[type[Any], Any]
) -> None:
    method_name = OPERATIONS[operation_id].method_name
    assert method_name is not None
    method = _resolve(clients[client_class], method_name)
    assert callable(method)
    assert f"``{operation_id}``" in (method.__doc__ or ""), "docstring must name the operation"


def _wire_case_ids(package: Any) -> set[str]:
    ids: set[str] = set()
    for info in pkgutil.iter_modules(package.__path__):
        if info.name.startswith("test_wire"):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            ids.update(case.operation_id for case in module.WIRE_CASES)
    return ids


@pytest.mark.parametrize("package", [tests._async, tests._sync], ids=["async", "sync"])
def test_every_operation_has_a_wire_case(package: Any) -> None:
    assert sorted(set(OPERATIONS) - _wire_case_ids(package)) == []
