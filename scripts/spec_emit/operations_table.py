"""``tokportal/_operations_table.py``: TokPortal's 91 operations, each with the typed method
that serves it (the ``method_name`` column comes from the spec)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from tokportal._spec._schema import Operation

from . import header, shared_table

TARGET = "tokportal/_operations_table.py"

PREAMBLE = '''\
"""The 91 TokPortal API operations as data (see ``tokportal._operations``)."""

from __future__ import annotations

# (operation_id, summary, method, path, path_params, query_params, request_content_type,
#  body_required, multipart_fields, idempotency_policy, success_content_types, method_name)
# multipart_fields: (name, required, binary)
# fmt: off
ROWS = (
'''


def _literal(value: object) -> str:
    """A Python literal with double-quoted strings, as the formatter would write them."""
    if isinstance(value, tuple):
        inner = ", ".join(_literal(item) for item in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def emit(operations: Sequence[Operation]) -> dict[str, str]:
    methods = {operation.id: operation.method for operation in operations}
    table = shared_table()
    differ = sorted(set(methods) ^ {record["operationId"] for record in table})
    if differ:
        raise SystemExit(f"the spec and TokPortal's table disagree on: {differ}")
    lines = [header("from TokPortal's operation table and tokportal/_spec"), PREAMBLE]
    for record in table:
        multipart = tuple(
            (f["name"], f["required"], f["binary"]) for f in record["multipartFields"]
        )
        row = (
            record["operationId"],
            record["summary"],
            record["method"],
            record["path"],
            tuple(record["pathParams"]),
            tuple(record["queryParams"]),
            record["requestContentType"],
            record["bodyRequired"],
            multipart,
            record["idempotencyPolicy"],
            tuple(record["successContentTypes"]),
            methods[record["operationId"]],
        )
        lines.append(f"    {_literal(row)},\n")
    lines.append(")\n# fmt: on\n")
    return {TARGET: "".join(lines)}
