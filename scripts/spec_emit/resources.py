"""``tokportal/_async/resources/<module>.py``: the typed methods of every operation whose
flow is ``generated``, one class per resource; the special flows come in through a hand-written
mixin of ``tokportal/_async/flows/<module>.py`` (openai-python's ``lib/`` idea). The sync twin
follows through ``scripts/generate_sync.py``.

A generated method has the public signature the spec gives (path parameters positional, the
fields keyword-only, ``**options`` last), builds the body or query from the spec's fields,
checks path parameters with ``path_arg``, hands the operation's cross-field rule (a
``validation.Rule``) to ``_request`` / ``_paginate`` and lets the envelope kind pick the
parser. ``_request`` / ``_paginate`` run the field table first, then that rule, then send.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from tokportal._spec._schema import Field, Operation

from . import header


@dataclass(frozen=True)
class Group:
    module: str
    cls: str
    doc: str = ""
    """The class docstring, when it says more than the module's."""


# The resource of each method group: module under resources/ and class name. A group whose
# method is ``a.b.c`` hangs on ``a`` as attribute ``b`` (wired in ``a``'s ``__init__``).
GROUPS: dict[str, Group] = {
    "me": Group(
        "me",
        "AsyncMe",
        "``client.me``: the key owner's profile and settings.",
    ),
    "countries": Group(
        "reference",
        "AsyncCountries",
        "``client.countries``: the countries accounts can be ordered in.",
    ),
    "platforms": Group(
        "reference",
        "AsyncPlatforms",
        "``client.platforms``: the platforms accounts can be ordered on.",
    ),
    "credits": Group(
        "credits",
        "AsyncCredits",
        "``client.credits``: balance, prices and history.",
    ),
    "bundles": Group(
        "bundles",
        "AsyncBundles",
        "``client.bundles``: create, list, update and publish bundles.",
    ),
    "bundles.account": Group(
        "bundle_account",
        "AsyncBundleAccount",
        "``client.bundles.account``: a bundle's account set-up and review.",
    ),
    "bundles.videos": Group(
        "bundle_videos",
        "AsyncBundleVideos",
        "``client.bundles.videos``: a bundle's video slots by position.",
    ),
    "accounts": Group(
        "accounts",
        "AsyncAccounts",
        "``client.accounts``: delivered accounts, their bans, edit requests and the consent flow.",
    ),
    "coverage": Group(
        "coverage",
        "AsyncCoverage",
        "``client.coverage``: TokPortal Coverage, an account's managed subscription.",
    ),
    "warming": Group(
        "warming",
        "AsyncWarming",
        "``client.warming``: Advanced Niche Warming terms and sessions.",
    ),
    "analytics": Group(
        "analytics",
        "AsyncAnalytics",
        "``client.analytics``: dashboards, series, snapshots, refreshes and exports.",
    ),
    "webhooks": Group(
        "webhooks",
        "AsyncWebhooks",
        "``client.webhooks``: webhook endpoints and their deliveries.",
    ),
    "uploads": Group(
        "uploads",
        "AsyncUploads",
        "``client.uploads``: media to TokPortal's storage, direct or presigned.",
    ),
    "ad_codes": Group(
        "ad_codes",
        "AsyncAdCodes",
        "``client.ad_codes``: ad-code requests for delivered videos.",
    ),
    "comments": Group(
        "comments",
        "AsyncComments",
        "``client.comments``: comment tasks on delivered accounts.",
    ),
}

# Each generated module's docstring (what a reader of the resource needs to know).
MODULE_DOCS: dict[str, str] = {
    "me": "The key owner: ``client.me``.",
    "reference": "Reference data: ``client.countries`` and ``client.platforms``.",
    "credits": "Credits: ``client.credits``.",
    "bundles": "Bundles: ``client.bundles`` (with ``.account`` and ``.videos``).",
    "bundle_account": "A bundle's account: ``client.bundles.account``.",
    "bundle_videos": "A bundle's video slots: ``client.bundles.videos``.",
    "accounts": "Delivered (saved) accounts: ``client.accounts``.\n\n"
    "Credential reveal and verification codes (the 428 consent flow) live in\n"
    "``flows/consent.py``.",
    "coverage": "TokPortal Coverage (managed subscription) of a delivered account: "
    "``client.coverage``.",
    "warming": "Advanced Niche Warming: ``client.warming``.",
    "analytics": "Analytics: ``client.analytics``.\n\n"
    "Reads are free. ``from``/``to`` are Python keywords, so the bounds are ``date_from`` /\n"
    "``date_to`` here and go out as ``from`` / ``to``. Repeatable filters (``platform``,\n"
    "``account``) take one value or a list and go out as repeated keys.",
    "webhooks": "Webhook endpoints and deliveries: ``client.webhooks``.\n\n"
    "Event names are :class:`tokportal.webhooks.WebhookEventType` members or plain strings; the\n"
    "API adds event types inside a version, so names this SDK does not know are sent as given.\n"
    "To check a delivery's signature, see :mod:`tokportal.webhooks`.",
    "uploads": "Media uploads: ``client.uploads``.",
    "ad_codes": "Ad codes (TikTok Spark / Instagram Partner codes): ``client.ad_codes``.",
    "comments": "Comment tasks: ``client.comments``.",
}

# Type aliases the annotations of the spec use: name -> (definition, import of its parts).
ALIASES: dict[str, str] = {
    "EventName": "WebhookEventType | str",
}

# Where a name of an annotation comes from, relative to tokportal/_async/resources/.
FIXED_IMPORTS: dict[str, str] = {
    "dt": "import datetime as dt",
    "Any": "from typing import Any",
    "Sequence": "from collections.abc import Sequence",
    "Mapping": "from collections.abc import Mapping",
    "NotGiven": "from ..._types import NotGiven",
    "NOT_GIVEN": "from ..._types import NOT_GIVEN",
    "AsyncPaginator": "from ..pagination import AsyncPaginator",
    "AsyncTransport": "from ..transport import AsyncTransport",
    "ModelList": "from ...models._base import ModelList",
    "WebhookEventType": "from ...webhooks import WebhookEventType",
    "AsyncResource": "from ._resource import AsyncResource",
    "omit_not_given": "from ._resource import omit_not_given",
    "path_arg": "from ..._core.requests import path_arg",
    "path_int": "from ..._core.requests import path_int",
    # The analytics argument types, shared with its hand-written exports.
    "DateLike": "from ..flows.analytics import DateLike",
    "OneOrMany": "from ..flows.analytics import OneOrMany",
    "PlatformFilter": "from ..flows.analytics import PlatformFilter",
}
BUILTINS = frozenset({"str", "int", "float", "bool", "None", "bytes", "object"})

PARSERS = {
    "data": "parse_model",
    "optional": "parse_model",
    "whole": "parse_model",
    "list": "parse_list",
    "object": "parse_object",
    "items": "parse_items",
    "page": "item_parser",
}


def _model_homes() -> dict[str, str]:
    """Public name -> the ``tokportal.models`` module defining it (enums, models)."""
    import tokportal.models as models

    homes: dict[str, str] = {}
    seen: dict[str, list[str]] = {}
    for info in sorted(pkgutil.iter_modules(models.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"tokportal.models.{info.name}")
        for name, value in vars(module).items():
            if name.startswith("_") or not name[:1].isupper():
                continue
            seen.setdefault(name, []).append(module.__name__)
            if getattr(value, "__module__", None) == module.__name__:
                homes[name] = module.__name__
    for name, modules in seen.items():
        homes.setdefault(name, modules[0])
    return homes


def _names(annotation: str) -> set[str]:
    return {
        node.id
        for node in ast.walk(ast.parse(annotation, mode="eval"))
        if isinstance(node, ast.Name)
    }


class Imports:
    def __init__(self, homes: dict[str, str]) -> None:
        self.homes = homes
        self.lines: set[str] = set()

    def need(self, name: str) -> None:
        if name in BUILTINS or name in ALIASES:
            if name in ALIASES:
                for part in _names(ALIASES[name]):
                    self.need(part)
            return
        if name in FIXED_IMPORTS:
            self.lines.add(FIXED_IMPORTS[name])
            return
        if name in self.homes:
            relative = self.homes[name].removeprefix("tokportal.")
            self.lines.add(f"from ...{relative} import {name}")
            return
        raise SystemExit(f"the spec names {name!r}, which the resources emitter cannot import")

    def annotation(self, text: str) -> str:
        for name in _names(text):
            self.need(name)
        return text


def _model_of(returns: str) -> str:
    """The model a method returns, from its annotation (``ModelList[Video]`` -> ``Video``)."""
    match = re.fullmatch(r"(?:\w+\[)?(\w+)\]?", returns)
    if match is None:
        raise SystemExit(f"cannot read the model of {returns!r}")
    return match.group(1)


def _parameter(field: Field, imports: Imports) -> str:
    annotation = imports.annotation(field.annotation)
    if field.default is not None:
        return f"{field.python_name}: {annotation} = {field.default}"
    if field.required:
        return f"{field.python_name}: {annotation}"
    imports.need("NotGiven")
    imports.need("NOT_GIVEN")
    return f"{field.python_name}: {annotation} | NotGiven = NOT_GIVEN"


def _docstring(doc: str) -> str:
    lines = doc.split("\n")
    body = "\n        ".join(lines).replace("\n        \n", "\n\n")
    if len(lines) > 2 or "" in lines:
        return f'        """{body}\n        """\n'
    return f'        """{body}"""\n'


def _fields_dict(fields: Sequence[Field]) -> str:
    items = ", ".join(f'"{field.name}": {field.python_name}' for field in fields)
    return "{" + items + "}"


def method(operation: Operation, imports: Imports) -> str:
    if operation.envelope.partition(":")[0] not in (*PARSERS, "empty"):
        raise SystemExit(f"{operation.id}: envelope {operation.envelope!r} needs a hand flow")
    paginated = operation.envelope == "page"
    params = ["self"]
    for path_param in operation.path:
        annotation = "int" if path_param.kind == "int" else "str"
        params.append(f"{path_param.python}: {annotation}")
    query = [f for f in operation.query if not (paginated and f.name == "per_page")]
    fields = [*operation.body, *query]
    by_name = {field.python_name: field for field in fields}
    params.extend(_parameter(by_name[name], imports) for name in operation.positional)
    keyword = [
        *sorted(
            (f for f in fields if f.python_name not in operation.positional),
            key=lambda f: not (f.required and f.default is None),
        ),
        *(f for f in operation.query if paginated and f.name == "per_page"),
    ]
    if keyword:
        params.append("*")
        params.extend(_parameter(field, imports) for field in keyword)
    params.append("**options: Unpack[RequestOptions]")
    returns = imports.annotation(operation.returns)
    prefix = "def" if paginated else "async def"
    lines = [
        f"    {prefix} {operation.name}({', '.join(params)}) -> {returns}:\n",
        _docstring(operation.doc),
    ]
    call: list[str] = [f'"{operation.id}"']
    if paginated:
        model = _model_of(operation.returns)
        imports.need(model)
        imports.lines.add("from ...models._parse import item_parser")
        call.append(f"item_parser({model})")
    if operation.path:
        entries = []
        for path_param in operation.path:
            check = "path_int" if path_param.kind == "int" else "path_arg"
            imports.need(check)
            entries.append(
                f'"{path_param.name}": {check}("{path_param.python}", {path_param.python})'
            )
        call.append("path_params={" + ", ".join(entries) + "}")
    for where, where_fields in (("body", operation.body), ("query", query)):
        if not where_fields:
            continue
        imports.need("omit_not_given")
        lines.append(f"        {where} = omit_not_given({_fields_dict(where_fields)})\n")
        call.append(f"{where}={where}")
    if operation.rules:
        # The rule runs inside _request / _paginate, after the field table (one order of
        # checks for generated and hand-written methods alike).
        module, _, function = operation.rules.partition(".")
        imports.lines.add(f"from ..._core import {module}")
        if not (operation.body or query):
            raise SystemExit(f"{operation.id}: a rule without fields to apply it to")
        call.append(f"rule={module}.{function}")
    if paginated:
        call.append("per_page=per_page")
    call.append("**options")
    arguments = ", ".join(call)
    if paginated:
        lines.append(f"        return self._paginate({arguments})\n")
        return "".join(lines)
    if operation.envelope == "empty":
        lines.append(f"        await self._request({arguments})\n")
        return "".join(lines)
    lines.append(f"        response = await self._request({arguments})\n")
    if operation.envelope == "optional":
        lines.append("        if response.data is None:\n            return None\n")
    model = _model_of(operation.returns.removesuffix(" | None"))
    imports.need(model)
    kind, _, key = operation.envelope.partition(":")
    parser = PARSERS[kind]
    imports.lines.add(f"from ...models._parse import {parser}")
    extra_args = {
        "data": "",
        "optional": "",
        "whole": ", whole_body=True",
        "list": f', key="{key}"' if key else "",
        "object": f', list_key="{key}"' if key else "",
        "items": "".join(f', "{k}"' for k in key.split(",")),
    }[kind]
    lines.append(f"        return {parser}(response, {model}{extra_args})\n")
    return "".join(lines)


def _flows_class(group: Group) -> str:
    return f"{group.cls}Flows"


def render_module(module: str, operations: Sequence[Operation], homes: dict[str, str]) -> str:
    imports = Imports(homes)
    groups = [key for key, group in GROUPS.items() if group.module == module]
    children = {
        key: [child for child in GROUPS if child.rpartition(".")[0] == key] for key in groups
    }
    classes: list[str] = []
    for key in groups:
        group = GROUPS[key]
        mine = [op for op in operations if op.group == key]
        hand = [op for op in mine if op.flow == "hand"]
        if hand:
            base = _flows_class(group)
            imports.lines.add(f"from ..flows.{module} import {base}")
        else:
            base = "AsyncResource"
            imports.need(base)
        text = [f"class {group.cls}({base}):\n"]
        names = ", ".join(f"``{op.name}``" for op in hand)
        doc = group.doc or f"``client.{key}``."
        if hand:
            note = textwrap.fill(
                f"Written by hand (``flows/{module}.py``): {names}.",
                width=92,
                initial_indent="    ",
                subsequent_indent="    ",
            )
            doc += f"\n\n{note}\n    "
        text.append(f'    """{doc}"""\n\n')
        if children[key]:
            imports.need("AsyncTransport")
            text.append("    def __init__(self, transport: AsyncTransport) -> None:\n")
            text.append("        super().__init__(transport)\n")
            for child in children[key]:
                child_group = GROUPS[child]
                imports.lines.add(f"from .{child_group.module} import {child_group.cls}")
                text.append(
                    f"        self.{child.rpartition('.')[2]} = {child_group.cls}(transport)\n"
                )
            text.append("\n")
        for operation in mine:
            if operation.flow == "generated":
                text.append(method(operation, imports))
                text.append("\n")
        classes.append("".join(text).rstrip("\n") + "\n")
    doc = MODULE_DOCS[module]
    mine = [op for op in operations if GROUPS[op.group].module == module]
    hand_note = "\n\nGenerated from the operations spec (``tokportal/_spec``)" + (
        f"; the special flows are hand-written\nin ``tokportal/_async/flows/{module}.py``."
        if any(op.flow == "hand" for op in mine)
        else "."
    )
    generated = any(op.flow == "generated" for op in mine)
    aliases = [
        f"{name} = {definition}\n"
        for name, definition in ALIASES.items()
        if any(
            name
            in _names(op.returns) | {n for f in (*op.body, *op.query) for n in _names(f.annotation)}
            for op in operations
            if GROUPS[op.group].module == module and op.flow == "generated"
        )
    ]
    out = [
        header(),
        f'"""{doc}{hand_note}\n"""\n\n',
        "from __future__ import annotations\n\n",
        *(["from typing import TYPE_CHECKING\n"] if generated else []),
        *(line + "\n" for line in sorted(imports.lines)),
        *(
            [
                "\nif TYPE_CHECKING:\n",
                "    from typing_extensions import Unpack\n\n",
                "    from ..._types import RequestOptions\n\n",
            ]
            if generated
            else []
        ),
        *(["\n", *aliases] if aliases else []),
        "\n\n",
        "\n\n".join(classes),
    ]
    return "".join(out)


def emit(operations: Sequence[Operation]) -> dict[str, str]:
    unknown = sorted({op.group for op in operations} - GROUPS.keys())
    if unknown:
        raise SystemExit(f"no resource class for the method groups {unknown} (GROUPS)")
    homes = _model_homes()
    modules = sorted({group.module for group in GROUPS.values()})
    return {
        f"tokportal/_async/resources/{module}.py": render_module(module, operations, homes)
        for module in modules
    }
