"""Emit ``tokportal/cli/_commands_table.py``: the CLI's commands as pure data, from the spec.

``emit(operations)`` returns ``{relative path: whole file text}``; ``scripts/generate_spec.py``
calls it with ``tokportal._spec.OPERATIONS`` (after writing the operation table it reads).

One row per operation: the command's group path and name come from the typed method
(``bundles.videos.configure`` -> ``tokportal bundles videos configure``), its options from the
operation's fields. The table imports nothing, so ``tokportal --help`` stays cheap.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from spec_emit import header

ROOT = Path(__file__).resolve().parents[2]
TARGET = "tokportal/cli/_commands_table.py"

# The options every command (or every write) of the CLI adds itself: a field must not take
# one of these names.
RESERVED_OPTIONS = frozenset(
    {
        "output",
        "all",
        "page",
        "dry-run",
        "idempotency-key",
        "body",
        "api-key",
        "base-url",
        "timeout",
        "max-retries",
        "help",
    }
)
# Typed-method arguments that never go over the wire (a progress callback, a local file to
# save to; ``Field.local`` where the spec says so): the CLI has its own way of doing them.
_LOCAL_ONLY_ANNOTATIONS = ("Progress", "PathLike")
_SCALAR_KINDS = {
    "str": "str",
    "date": "str",
    "datetime": "str",
    "url": "str",
    "email": "str",
    "choice": "str",
    "int": "int",
    "float": "float",
    "bool": "bool",
}


def _first_paragraph(doc: str) -> str:
    text = doc.split("\n\n", 1)[0]
    return " ".join(text.replace("``", "").replace("**", "").replace(":meth:", "").split())


def _param(field: Any, location: str) -> tuple[Any, ...]:
    option = field.python_name.replace("_", "-")
    if option in RESERVED_OPTIONS:
        raise SystemExit(f"field {field.name!r} would shadow the CLI's own --{option}")
    annotation = field.annotation
    multiple = False
    if field.kind == "list":
        if field.items in _SCALAR_KINDS or (
            field.items is None and "Mapping" not in annotation and "Config" not in annotation
        ):
            kind, multiple = "str" if field.items is None else _SCALAR_KINDS[field.items], True
        else:
            kind = "json"  # a list of objects: one JSON array
    elif field.kind in ("object", "any"):
        kind = "json"
    else:
        # Any other kind the checks know (url, https...) is text on a command line.
        kind = _SCALAR_KINDS.get(field.kind, "str")
        # A query filter that takes one value or several (``OneOrMany``, ``X | Sequence[X]``).
        multiple = location == "query" and ("Sequence[" in annotation or "OneOrMany" in annotation)
    hint = (
        {
            "date": "a date, YYYY-MM-DD",
            "datetime": "a date-time, ISO 8601",
            "https": "an https:// URL",
            "list": "a JSON array",
            "object": "a JSON object",
            "any": "JSON",
        }.get(field.kind, "")
        if field.kind in ("date", "datetime", "https") or kind == "json"
        else ""
    )
    # The description is a sentence in the spec; the CLI joins it with its hints by "; " (as
    # click's own option help reads), so its closing period goes.
    words = [w for w in (_first_paragraph(field.doc).rstrip("."), hint) if w]
    if multiple:
        words.append("repeat for several")
    return (
        option,
        field.name,
        location,
        kind,
        bool(field.required),
        multiple,
        tuple(field.choices),
        "; ".join(words),
    )


def _row(operation: Any, http: Any) -> tuple[Any, ...]:
    *groups, command = operation.method.split(".")
    params: list[tuple[Any, ...]] = [
        (
            p.python.replace("_", "-"),
            p.name,
            "path",
            "int" if p.kind == "int" else "str",
            True,
            False,
            (),
            "",
        )
        for p in operation.path
    ]
    # TokPortal reads the filters of a GET from the query string, whichever list the spec
    # files them under.
    for location, fields in (("query", operation.query), ("body", operation.body)):
        if http.method == "GET":
            location = "query"
        for field in fields:
            if (
                field.name == "page"
                or getattr(field, "local", False)
                or any(a in field.annotation for a in _LOCAL_ONLY_ANNOTATIONS)
            ):
                continue
            params.append(_param(field, location))
    names = [p[0] for p in params]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise SystemExit(f"{operation.id}: two parameters named {duplicates}")
    if any(m.binary for m in http.multipart_fields):
        kind = "upload"
    elif http.method == "GET":
        kind = "read"
    else:
        kind = {"standard": "write", "reject-sensitive-response": "sensitive"}.get(
            http.idempotency_policy, "write"
        )
    return (
        tuple(g.replace("_", "-") for g in groups),
        command.replace("_", "-"),
        operation.id,
        http.method,
        kind,
        operation.envelope,
        _first_paragraph(operation.doc),
        tuple(params),
    )


def _render(rows: Iterable[tuple[Any, ...]]) -> str:
    lines = [
        header().rstrip("\n"),
        '"""The ``tokportal`` commands as pure data: one row per operation (see ``_commands``)."""',
        "",
        "from __future__ import annotations",
        "",
        "# (group path, command, operation id, HTTP method, kind, envelope, help, params)",
        "#   kind: read | write (takes an idempotency key) | sensitive (no key, no retry) | upload",
        "# params: (option, wire name, location path/query/body, value kind str/int/float/bool/json,",
        "#          required, multiple, choices, help)",
        "# fmt: off",
        "COMMANDS = (",
    ]
    for groups, command, op_id, method, kind, envelope, doc, params in rows:
        lines.append(
            f"    ({groups!r}, {command!r}, {op_id!r}, {method!r}, {kind!r}, {envelope!r}, {doc!r}, ("
        )
        lines.extend(f"        {param!r}," for param in params)
        lines.append("    )),")
    lines += [")", "# fmt: on", ""]
    return "\n".join(lines)


def emit(operations: Sequence[Any]) -> dict[str, str]:
    """The CLI command table for ``operations`` (the spec), as ``{path: text}``."""
    sys.path.insert(0, str(ROOT))
    try:
        from tokportal._operations import OPERATIONS as HTTP
    finally:
        sys.path.remove(str(ROOT))
    rows = [_row(op, HTTP[op.id]) for op in operations]
    seen: set[tuple[Any, ...]] = set()
    for groups, command, *_ in rows:
        if (groups, command) in seen:
            raise SystemExit(f"two operations are `tokportal {' '.join(groups)} {command}`")
        seen.add((groups, command))
    return {TARGET: _render(rows)}
