"""The reference's link to the operations spec: each client method shows its TokPortal
operation (id, HTTP method and path, idempotency) and the errors it raises.

The facts come from ``tokportal.OPERATIONS`` (one place per fact); a method's own docstring
names its operation id in double back-quotes, as every typed method's docstring does.
"""

from __future__ import annotations

import re
from typing import Any

from sphinx.application import Sphinx

from tokportal import OPERATIONS

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


def _add_operation(
    app: Sphinx, what: str, name: str, obj: Any, options: Any, lines: list[str]
) -> None:
    if what != "method" or not name.startswith(_RESOURCE_MODULES):
        return
    op_ids = operations_named(lines)
    if not op_ids:
        return
    lines.append("")
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
    app.connect("autodoc-process-signature", _hide_constructor)
    app.connect("missing-reference", _alias_as_class)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
