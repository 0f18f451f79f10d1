"""Emit ``tokportal/_core/_field_table.py``: per operation, the rules of its query and JSON
body fields, as pure data read by ``tokportal/_core/fields.py`` (the client's checks and the
emulator's).

``emit(operations)`` returns ``{relative path: whole file text}``; ``scripts/generate_spec.py``
calls it (after writing the operation table, which says which bodies are multipart forms).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spec_emit import header

TARGET = "tokportal/_core/_field_table.py"

# Field attributes copied into a rule when they differ from the default, in this order.
_RULE_KEYS = (
    "required",
    "nullable",
    "minimum",
    "maximum",
    "min_length",
    "max_length",
    "multiple_of",
    "pattern",
    "choices",
    "closed",
    "items",
    "item_min_length",
    "item_max_length",
    "unique",
    "not_blank",
    "aware",
    "separator",
    "code",
)
_DEFAULTS: dict[str, Any] = {"required": False, "nullable": False, "closed": False}

HEADER = '''\
"""The field rules of every operation, by wire name (read by ``tokportal._core.fields``).

``QUERY[operation_id]`` and ``BODY[operation_id]`` map a field's wire name to its rule: its
check kind, then only what differs from the defaults (see ``tokportal/_spec/_schema.py``).
An operation absent from ``BODY`` sends no JSON body the spec describes (none, a multipart
form, or settings whose names the API does not document): nothing is checked there.
"""

from __future__ import annotations

from typing import Any

'''


def rule(field: Any) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": field.kind}
    for key in _RULE_KEYS:
        value = getattr(field, key)
        # ``is``: a bound of 0 (``minimum=0``) is a rule, not an absent one.
        if (value is None or value == () or value is False) and key not in _DEFAULTS:
            continue
        if key in _DEFAULTS and value == _DEFAULTS[key]:
            continue
        out[key] = int(value) if isinstance(value, float) and value.is_integer() else value
    if field.python and field.python != field.name:
        # The client's refusals name the Python argument (``date_from`` for ``from``).
        out["python"] = field.python
    return out


def _table(name: str, rows: dict[str, dict[str, dict[str, Any]]]) -> str:
    lines = [f"{name}: dict[str, dict[str, dict[str, Any]]] = {{"]
    for op_id, fields in rows.items():
        lines.append(f"    {op_id!r}: {{")
        lines.extend(f"        {wire!r}: {r!r}," for wire, r in fields.items())
        lines.append("    },")
    lines.append("}")
    return "\n".join(lines)


def emit(operations: Iterable[Any], *, multipart: frozenset[str] | None = None) -> dict[str, str]:
    """The field table for ``operations`` (the spec's ``OPERATIONS``); ``multipart`` names the
    operations whose body is a form, which this table does not describe (by default, those
    of the operation table)."""
    if multipart is None:
        multipart = multipart_operations()
    query: dict[str, dict[str, dict[str, Any]]] = {}
    body: dict[str, dict[str, dict[str, Any]]] = {}
    for op in operations:
        q = {f.name: rule(f) for f in op.query if not f.local}
        b = {f.name: rule(f) for f in op.body if not f.local}
        if q:
            query[op.id] = q
        if b and op.id not in multipart:
            body[op.id] = b
    text = (
        header()
        + HEADER
        + "# fmt: off\n"
        + _table("QUERY", query)
        + "\n\n"
        + _table("BODY", body)
        + "\n# fmt: on\n"
    )
    return {TARGET: text}


def multipart_operations() -> frozenset[str]:
    from tokportal._operations import OPERATIONS

    return frozenset(
        op_id
        for op_id, op in OPERATIONS.items()
        if (op.request_content_type or "").startswith("multipart/")
    )
