"""The operation table: one record per TokPortal API operation.

The rows live in ``_operations_table.py`` (generated from TokPortal's own table and the
operations spec by ``scripts/generate_spec.py``); this module gives them a typed shape. A test
keeps the table equal to the shared JSON and checks that every ``method_name`` resolves on both
clients.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Literal

import attrs

from ._operations_table import ROWS

IdempotencyPolicy = Literal["standard", "reject-sensitive-response", "not-applicable"]
HttpMethod = Literal["GET", "POST", "PUT", "PATCH", "DELETE"]


@attrs.frozen(kw_only=True)
class MultipartField:
    """One form field of a multipart operation."""

    name: str
    required: bool
    binary: bool


@attrs.frozen(kw_only=True)
class Operation:
    """What the SDK knows about one API operation."""

    operation_id: str
    summary: str
    method: HttpMethod
    path: str
    path_params: tuple[str, ...]
    query_params: tuple[str, ...]
    request_content_type: str | None
    body_required: bool
    multipart_fields: tuple[MultipartField, ...]
    idempotency_policy: IdempotencyPolicy
    success_content_types: tuple[str, ...]
    method_name: str | None

    @property
    def is_write(self) -> bool:
        """Anything but a ``GET``."""
        return self.method != "GET"

    @property
    def accepts_idempotency_key(self) -> bool:
        """The SDK sends an ``Idempotency-Key`` with it."""
        return self.idempotency_policy == "standard"

    @property
    def is_sensitive(self) -> bool:
        """Its response carries a secret: no idempotency key, no retry once it may have run."""
        return self.idempotency_policy == "reject-sensitive-response"

    @property
    def returns_text(self) -> bool:
        """It answers text (CSV, HTML), not the JSON envelope."""
        return any(t.startswith("text/") for t in self.success_content_types)

    @property
    def is_paginated(self) -> bool:
        """A page-numbered listing (``page`` and ``per_page``)."""
        return "page" in self.query_params and "per_page" in self.query_params


def _build(rows: tuple[tuple[object, ...], ...]) -> Mapping[str, Operation]:
    table: dict[str, Operation] = {}
    for row in rows:
        (op_id, summary, method, path, path_params, query_params, content_type, body_required,
         multipart, policy, success_types, method_name) = row  # fmt: skip
        table[str(op_id)] = Operation(
            operation_id=str(op_id),
            summary=str(summary),
            method=method,  # type: ignore[arg-type]
            path=str(path),
            path_params=tuple(path_params),  # type: ignore[arg-type]
            query_params=tuple(query_params),  # type: ignore[arg-type]
            request_content_type=content_type,  # type: ignore[arg-type]
            body_required=bool(body_required),
            multipart_fields=tuple(
                MultipartField(name=name, required=required, binary=binary)
                for name, required, binary in multipart  # type: ignore[attr-defined]
            ),
            idempotency_policy=policy,  # type: ignore[arg-type]
            success_content_types=tuple(success_types),  # type: ignore[arg-type]
            method_name=method_name,  # type: ignore[arg-type]
        )
    return MappingProxyType(table)


OPERATIONS: Mapping[str, Operation] = _build(ROWS)
"""Operation id -> :class:`Operation`, for all 91 TokPortal operations."""
