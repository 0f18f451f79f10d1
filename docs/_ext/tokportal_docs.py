"""The reference's link to the operations spec: each client method shows its TokPortal
operation (id, HTTP method and path, idempotency), what each parameter means and the errors
it raises.

The facts come from ``tokportal.OPERATIONS`` and the operations spec ``tokportal._spec`` (one
place per fact: a parameter is described once, in its ``Field.doc``); a method's own docstring
names its operation id in double back-quotes, as every typed method's docstring does, and
stays short (DESIGN rule 9): the parameter descriptions are added here, at build time, as
``:param:`` fields, which autodoc merges with the types of the signature.
"""

from __future__ import annotations

import inspect
import re
from typing import Any

from sphinx.application import Sphinx

from tokportal import OPERATIONS
from tokportal._spec import OPERATIONS as SPEC
from tokportal._spec import Field
from tokportal._spec.shapes import SHAPES

_SPEC_BY_ID = {operation.id: operation for operation in SPEC}
_SHAPES_BY_NAME = {shape.name: shape for shape in SHAPES}

_RESOURCE_MODULES = ("tokportal._async.resources.", "tokportal._sync.resources.")
_OPERATION_ID = re.compile(r"``(\w+)``")

_IDEMPOTENCY = {
    "standard": "an ``Idempotency-Key`` minted once per call and reused by every retry",
    "reject-sensitive-response": "no idempotency key (the response holds a secret); retried "
    "only when the request provably never left",
    "not-applicable": "a read: retried freely",
}


def operations_named(lines: list[str]) -> list[str]:
    """The operation ids a docstring names, in order, once each."""
    found: list[str] = []
    for match in _OPERATION_ID.finditer("\n".join(lines)):
        op_id = match.group(1)
        if op_id in OPERATIONS and op_id not in found:
            found.append(op_id)
    return found


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


def _span(low: float | None, high: float | None, unit: str = "") -> str:
    unit = f" {unit}" if unit else ""
    if low is not None and high is not None:
        return f"{_number(low)} to {_number(high)}{unit}"
    if low is not None:
        return f"at least {_number(low)}{unit}"
    assert high is not None
    return f"at most {_number(high)}{unit}"


_KIND_WORDS = {
    "date": "a date (``YYYY-MM-DD`` or a ``datetime.date``)",
    "datetime": "a date or an ISO 8601 date-time (or a ``datetime``)",
    "url": "an http(s) URL",
    "https": "an ``https://`` URL",
    "email": "an email address",
}


def constraints_in_words(field: Field) -> list[str]:
    """What the field's own checks demand, in words (the checks run before sending)."""
    words: list[str] = []
    if field.kind in _KIND_WORDS:
        words.append(_KIND_WORDS[field.kind])
    if field.aware:
        words.append("a ``datetime`` must carry its time zone")
    if field.choices:
        values = ", ".join(f"``{choice}``" for choice in field.choices)
        each = "each " if field.kind == "list" else ""
        # An open set: a value the API adds later is sent as given (API.md §1.11).
        words.append(
            f"{each}one of {values}" if field.closed else f"{each}{values} or a newer value"
        )
    unit = "items" if field.kind == "list" else "characters"
    if field.min_length is not None or field.max_length is not None:
        words.append(_span(field.min_length, field.max_length, unit))
    if field.minimum is not None or field.maximum is not None:
        words.append(_span(field.minimum, field.maximum))
    if field.multiple_of is not None:
        count = " items" if field.kind == "list" else ""
        words.append(f"a multiple of {field.multiple_of}{count}")
    if field.item_min_length is not None or field.item_max_length is not None:
        words.append("each " + _span(field.item_min_length, field.item_max_length, "characters"))
    if field.unique:
        words.append("no item twice (case-insensitive)")
    if field.not_blank:
        words.append("not blank")
    if field.pattern:
        words.append(f"only ``{field.pattern}``")
    if field.separator:
        words.append(f"several values are sent joined by ``{field.separator}``")
    if field.nullable and field.default != "None":
        words.append("``None`` sends null")
    if field.default is not None and field.default != "None":
        words.append(f"default ``{field.default}``")
    if field.code:
        words.append(f"refused as ``{field.code}``")
    return words


def parameter_fields(op_id: str, method: str, parameters: Any) -> list[str]:
    """``:param:`` lines for the spec fields of ``op_id`` that ``method`` takes (by name)."""
    operation = _SPEC_BY_ID.get(op_id)
    if operation is None or operation.name != method:
        return []
    lines = [
        f":param {path.python}: *Required.* {path.doc}"
        for path in operation.path
        if path.python in parameters and path.doc
    ]
    for field in (*operation.query, *operation.body, *operation.local):
        if field.python_name not in parameters or not field.doc:
            continue
        required = "*Required.* " if field.required else ""
        lines.append(f":param {field.python_name}: {required}{_described(field)}")
    return lines


def _described(field: Field) -> str:
    words = constraints_in_words(field)
    return field.doc + (" *Constraints:* " + "; ".join(words) + "." if words else "")


def key_table(shape_name: str) -> list[str]:
    """A table of the keys of a request TypedDict (``tokportal._spec.shapes``): autodoc shows
    no members of a TypedDict, and its keys are what a user writes."""
    shape = _SHAPES_BY_NAME.get(shape_name)
    if shape is None:
        return []
    lines = [
        "",
        ".. list-table:: Keys",
        "   :header-rows: 1",
        "   :widths: 22 22 10 46",
        "",
        "   * - Key",
        "     - Type",
        "     - Required",
        "     - Description",
    ]
    for field in shape.fields:
        lines += [
            f"   * - ``{field.python_name}``",
            f"     - ``{field.annotation}``",
            f"     - {'yes' if field.required else 'no'}",
            f"     - {_described(field)}",
        ]
    return lines


def _add_key_table(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    if what == "class" and name.startswith("tokportal."):
        lines += key_table(name.rpartition(".")[2])


def _add_operation(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    if what != "method" or not name.startswith(_RESOURCE_MODULES):
        return
    op_ids = operations_named(lines)
    if not op_ids:
        return
    lines.append("")
    try:
        parameters = inspect.signature(obj).parameters
    except (TypeError, ValueError):
        parameters = {}
    for op_id in op_ids:
        lines += parameter_fields(op_id, name.rpartition(".")[2], parameters)
    for op_id in op_ids:
        operation = OPERATIONS[op_id]
        lines.append(
            f":TokPortal operation: ``{op_id}``, ``{operation.method} {operation.path}``; "
            f"{_IDEMPOTENCY[operation.idempotency_policy]}."
        )
    lines += [
        "",
        ":raises ~tokportal.errors.InvalidRequestError: refused locally, before any byte "
        "was sent (a field breaks a documented rule).",
        ":raises ~tokportal.errors.APIStatusError: the API answered 4xx or 5xx (a subclass "
        "per status, with ``.code`` and ``.request_id``).",
        ":raises ~tokportal.errors.APIConnectionError: no response after the retries (also "
        ":class:`~tokportal.errors.APITimeoutError`), with the ``idempotency_key`` sent.",
        ":raises ~tokportal.errors.APIResponseValidationError: a 2xx answer the SDK cannot "
        "read as documented.",
    ]


# Classes a user gets from the SDK and never builds: their constructors take internals (the
# transport, the call options), so the reference shows no constructor signature for them.
_NOT_BUILT_BY_USERS = (
    *_RESOURCE_MODULES,
    "tokportal.AsyncPaginator",
    "tokportal.Paginator",
)


def _hide_constructor(
    app: Sphinx,
    what: str,
    name: str,
    obj: Any,
    options: Any,
    signature: str | None,
    return_annotation: str | None,
) -> tuple[str, str | None] | None:
    if what == "class" and name.startswith(_NOT_BUILT_BY_USERS):
        return "", None
    return None


def _alias_as_class(app: Sphinx, env: Any, node: Any, contnode: Any) -> Any:
    """A type alias in a signature is written as a class reference; find it as data too."""
    if node.get("refdomain") != "py" or node.get("reftype") != "class":
        return None
    domain = env.get_domain("py")
    return domain.resolve_xref(
        env, node["refdoc"], app.builder, "data", node["reftarget"], node, contnode
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("autodoc-process-docstring", _add_operation)
    app.connect("autodoc-process-docstring", _add_key_table)
    app.connect("autodoc-process-signature", _hide_constructor)
    app.connect("missing-reference", _alias_as_class)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
