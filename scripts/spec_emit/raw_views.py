"""``tokportal/_async/raw.py``: ``client.with_raw_response``, typed, one view class per
resource group; and ``tests/typing/raw_types.py``, which proves those types to mypy.

Each typed method of a group (the spec's operations, generated and hand-written alike, plus
the public methods a hand-written flow adds beyond them, e.g. ``uploads.
video_via_presigned_url``) becomes an attribute of the group's view: the method wrapped by
``async_raw_method`` (``async_raw_listing`` for a listing), which keeps its parameters (a
``ParamSpec``) and returns ``RawResponse[<its return type>]`` (a listing: ``RawResponse[
Page[<item>]]``, its first page's response). The views only route and type the call; the
capture (a context variable the transport appends to) is ``tokportal/_core/raw_response.py``.
The sync twin follows through ``scripts/generate_sync.py``.

The typing file states, per method and on both clients, the type the spec's ``returns``
implies, so a view that stops matching its method fails ``mypy --strict tests/typing``.
"""

from __future__ import annotations

import importlib
import inspect
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from tokportal._spec._schema import Operation

from . import ROOT, header
from .resources import GROUPS, Group

RAW_MODULE = "tokportal/_async/raw.py"
TYPING_FILE = "tests/typing/raw_types.py"

# The client's own methods the view serves besides the groups: name -> (listing, returns).
CLIENT_METHODS: dict[str, tuple[bool, str]] = {
    "request": (False, "APIResponse"),
    "paginate": (True, "AsyncPaginator[Any]"),
}


@dataclass(frozen=True)
class Method:
    name: str
    returns: str
    """The typed method's return annotation, as the async source has it."""
    listing: bool
    doc: str
    """What the attribute's docstring says the call is."""


def _view_class(group: Group) -> str:
    """``AsyncBundles`` -> ``BundlesRaw``: one name in both twins (each in its own module)."""
    return group.cls.removeprefix("Async") + "Raw"


def _flow_extras(group_key: str, group: Group, spec_names: set[str]) -> list[Method]:
    """Public methods of the group's hand-written flow class that no operation names."""
    if not (ROOT / "tokportal" / "_async" / "flows" / f"{group.module}.py").exists():
        return []
    module = importlib.import_module(f"tokportal._async.flows.{group.module}")
    flows = getattr(module, group.cls + "Flows", None)
    if flows is None:
        return []
    from tokportal._async.resources._resource import AsyncResource

    extras: list[Method] = []
    for name, function in inspect.getmembers(flows, inspect.isfunction):
        if name.startswith("_") or name in spec_names or hasattr(AsyncResource, name):
            continue
        returns = inspect.signature(function).return_annotation
        if not isinstance(returns, str):
            raise SystemExit(f"{flows.__name__}.{name}: annotations must be strings")
        extras.append(
            Method(
                name,
                returns,
                returns.startswith("AsyncPaginator["),
                f"``client.{group_key}.{name}``",
            )
        )
    return extras


def methods_of(operations: Sequence[Operation]) -> dict[str, list[Method]]:
    """Group key -> its methods in spec order, then the flows' extras by name."""
    by_group: dict[str, list[Method]] = {key: [] for key in GROUPS}
    for op in operations:
        by_group[op.group].append(
            Method(
                op.name,
                op.returns,
                op.envelope == "page",
                f"``client.{op.method}`` (``{op.id}``)",
            )
        )
    for key, group in GROUPS.items():
        spec_names = {m.name for m in by_group[key]}
        by_group[key].extend(_flow_extras(key, group, spec_names))
    return by_group


def _parsed(method: Method) -> str:
    """What ``.parse()`` gives, for the docstring."""
    if method.listing:
        return f"``Page[{_item(method.returns)}]``, the first page"
    return f"``{method.returns}``"


def _item(returns: str) -> str:
    match = re.fullmatch(r"AsyncPaginator\[(.+)\]", returns)
    if match is None:
        raise SystemExit(f"a listing must return AsyncPaginator[...], not {returns!r}")
    return match.group(1)


def _attribute(method: Method, target: str) -> str:
    wrapper = "async_raw_listing" if method.listing else "async_raw_method"
    doc = f"{method.doc}; ``.parse()`` gives {_parsed(method)}."
    return f"        self.{method.name} = {wrapper}({target}.{method.name})\n" + _docstring(
        doc, "        "
    )


def _docstring(text: str, indent: str) -> str:
    """A one-paragraph docstring, wrapped to the house's line length."""
    return (
        textwrap.fill(
            f'"""{text}"""',
            width=100,
            initial_indent=indent,
            subsequent_indent=indent,
            break_on_hyphens=False,
        )
        + "\n"
    )


def _children(key: str) -> list[str]:
    return [child for child in GROUPS if child.rpartition(".")[0] == key]


def _child_property(child: str, source: str) -> str:
    name = child.rpartition(".")[2]
    cls = _view_class(GROUPS[child])
    return (
        "    @functools.cached_property\n"
        f"    def {name}(self) -> {cls}:\n"
        f'        """``client.{child}``, each method returning its raw response."""\n'
        f"        return {cls}({source}.{name})\n"
    )


def render_raw(by_group: dict[str, list[Method]]) -> str:
    imports = {
        "from .._core.raw_response import async_raw_listing, async_raw_method",
    }
    checking = {"from .client import AsyncTokPortal"}
    classes: list[str] = []
    for key, group in GROUPS.items():
        checking.add(f"from .resources.{group.module} import {group.cls}")
        cls = _view_class(group)
        text = [
            f"class {cls}:\n",
            _docstring(
                f"``client.with_raw_response.{key}``: each method of ``client.{key}``, "
                "returning its :class:`~tokportal.RawResponse`.",
                "    ",
            ),
            "\n",
            f"    def __init__(self, resource: {group.cls}) -> None:\n",
        ]
        children = _children(key)
        if children:
            text.append("        self._resource = resource\n")
        for method in by_group[key]:
            text.append(_attribute(method, "resource"))
        if not by_group[key] and not children:
            raise SystemExit(f"the group {key} has no method")
        for child in children:
            imports.add("import functools")
            text.append("\n")
            text.append(_child_property(child, "self._resource"))
        classes.append("".join(text))
    root = [
        "class AsyncRawResponseView:\n",
        '    """``client.with_raw_response``: every typed method of the client, returning the\n'
        "    :class:`~tokportal.RawResponse` of its call instead (status, headers, request id,\n"
        "    the ``httpx.Response``), with ``.parse()`` giving what the method returns.\n\n"
        "    A listing gives its first page's response (``.parse()``: that ``Page``); its\n"
        "    other pages are fetched by walking the listing itself. A flow of several requests\n"
        '    (an upload) gives its last API response."""\n\n',
        "    def __init__(self, client: AsyncTokPortal) -> None:\n",
        "        self._client = client\n",
    ]
    for name, (listing, returns) in CLIENT_METHODS.items():
        doc = f"``client.{name}``"
        root.append(_attribute(Method(name, returns, listing, doc), "client"))
    for key in GROUPS:
        if "." not in key:
            imports.add("import functools")
            root.append("\n")
            root.append(_child_property(key, "self._client"))
    root.append("\n    def __repr__(self) -> str:\n")
    root.append('        return f"<with_raw_response of {self._client!r}>"\n')
    classes.append("".join(root))
    out = [
        header(),
        '"""``client.with_raw_response``: every typed method, returning its raw response.\n\n'
        "``client.with_raw_response.bundles.get(bundle_id)`` runs ``client.bundles.get`` and\n"
        "returns a :class:`~tokportal.RawResponse` whose ``.parse()`` is typed as the method's\n"
        "result (``Bundle``). Generated from the operations spec (``tokportal/_spec``) by\n"
        "``scripts/spec_emit/raw_views.py``; the capture is ``tokportal/_core/raw_response.py``.\n"
        '"""\n\n',
        "from __future__ import annotations\n\n",
        "from typing import TYPE_CHECKING\n",
        *(line + "\n" for line in sorted(imports)),
        "\nif TYPE_CHECKING:\n",
        *(f"    {line}\n" for line in sorted(checking)),
        "\n\n",
        "\n\n".join(classes),
    ]
    return "".join(out)


def _names(annotation: str) -> set[str]:
    return set(re.findall(r"[A-Za-z_]\w*", annotation))


def _expected(method: Method, sync: bool) -> str:
    if method.listing:
        return f"RawResponse[Page[{_item(method.returns)}]]"
    returns = method.returns
    if sync:
        returns = returns.replace("AsyncPaginator[", "Paginator[")
    return f"RawResponse[{returns}]"


def render_typing(by_group: dict[str, list[Method]]) -> str:
    models: set[str] = set()
    top = {"APIResponse", "AsyncTokPortal", "Page", "RawResponse", "TokPortal"}
    lines_async: list[str] = []
    lines_sync: list[str] = []
    client_methods = [
        ("", Method(name, returns, listing, ""))
        for name, (listing, returns) in CLIENT_METHODS.items()
    ]
    everything = [*client_methods, *((k, m) for k, ms in by_group.items() for m in ms)]
    for key, method in everything:
        path = f"raw.{key}.{method.name}" if key else f"raw.{method.name}"
        models |= _names(_expected(method, sync=False)) - top - {"Any", "None"}
        lines_async.append(
            f"    assert_type(_async_returns({path}), {_expected(method, sync=False)})\n"
        )
        lines_sync.append(f"    assert_type(_returns({path}), {_expected(method, sync=True)})\n")
    return "".join(
        [
            header(),
            '"""Checked by ``mypy --strict`` (never run): every ``with_raw_response`` method, on\n'
            "both clients, returns ``RawResponse`` of what the spec says its typed method returns\n"
            '(a listing: its first ``Page``)."""\n\n',
            "from __future__ import annotations\n\n",
            "from collections.abc import Awaitable, Callable\n",
            "from typing import Any, TypeVar\n\n",
            "from typing_extensions import assert_type\n\n",
            f"from tokportal import {', '.join(sorted(top))}\n",
            f"from tokportal.models import {', '.join(sorted(models))}\n\n",
            'T = TypeVar("T")\n\n\n',
            "def _async_returns(method: Callable[..., Awaitable[T]]) -> T:\n",
            "    raise NotImplementedError\n\n\n",
            "def _returns(method: Callable[..., T]) -> T:\n",
            "    raise NotImplementedError\n\n\n",
            "def async_client(client: AsyncTokPortal) -> None:\n",
            "    raw = client.with_raw_response\n",
            *lines_async,
            "\n\ndef sync_client(client: TokPortal) -> None:\n",
            "    raw = client.with_raw_response\n",
            *lines_sync,
        ]
    )


def emit(operations: Sequence[Operation]) -> dict[str, str]:
    by_group = methods_of(operations)
    return {RAW_MODULE: render_raw(by_group), TYPING_FILE: render_typing(by_group)}
