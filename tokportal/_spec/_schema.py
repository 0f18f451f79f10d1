"""The vocabulary of the operations spec: what one operation and one of its fields are.

The spec (the other modules of this package) is written by hand, once; ``scripts/
generate_spec.py`` reads it and writes everything marked "generated" in DESIGN.md. Nothing at
run time imports the spec: the generated tables are what the client and the emulator read.
"""

from __future__ import annotations

from dataclasses import dataclass

# Check kinds of a field (``Field.kind``); the generated checks interpret them:
#   str, int, float, bool, date, datetime, url, email, any,
#   list        (a JSON array; ``items`` is the kind of its elements),
#   object      (a JSON object; ``shape`` names a request TypedDict in the spec, if any),
#   choice      (a string from ``choices``; open unless ``closed``)
#   https       (a url whose scheme must be https)
# ``url`` is an http(s) URL; ``date`` is ``YYYY-MM-DD``; ``datetime`` an ISO 8601 timestamp
# (a ``date`` or ``datetime`` object is written so by the client).
KINDS = frozenset(
    {
        "str",
        "int",
        "float",
        "bool",
        "date",
        "datetime",
        "url",
        "email",
        "any",
        "list",
        "object",
        "choice",
        "https",
    }
)

# How a response is read (``Operation.envelope``):
#   data            {"data": {...}} -> the model
#   optional        the same, or None when ``data`` is null
#   whole           the whole body (data and its siblings, e.g. credits_charged) -> the model
#   object          {"data": {...}} read leniently as an object (parse_object)
#   object:<key>    the same, with the list under <key> typed
#   list:<key>      {"data": {<key>: [...]}} (or a bare list) -> ModelList
#   items:<a>,<b>   {"data": {<a>: [...]}} or {"data": {<b>: [...]}} -> ModelList
#   page            one page of a paginated listing -> a paginator over the items
#   text            a non-JSON answer (CSV, HTML), read by a hand-written flow
#   empty           no body worth reading: the method returns None
#   custom          a shape only a hand-written flow reads (tolerated variants)
ENVELOPES = (
    "data",
    "optional",
    "whole",
    "object",
    "object:",
    "list:",
    "items:",
    "page",
    "text",
    "empty",
    "custom",
)


@dataclass(frozen=True)
class Field:
    """One query or body field of an operation, as API.md documents it."""

    name: str
    """The wire name."""
    kind: str
    """The check kind (see ``KINDS``)."""
    annotation: str
    """The Python annotation of the typed argument, without ``NotGiven``."""
    required: bool = False
    python: str | None = None
    """The Python argument name, when it is not the wire name."""
    default: str | None = None
    """The Python default as source text, when it is not ``NOT_GIVEN``."""
    nullable: bool = False
    """``None`` is sent as JSON null (it clears the field)."""
    minimum: float | None = None
    maximum: float | None = None
    min_length: int | None = None
    max_length: int | None = None
    """Characters of a string; items of a list."""
    pattern: str | None = None
    choices: tuple[str, ...] = ()
    closed: bool = False
    """API.md says the set of ``choices`` is closed: anything else is refused locally."""
    items: str | None = None
    """The kind of a list's elements."""
    shape: str | None = None
    """The request TypedDict an object (or list of objects) follows."""
    multiple_of: int | None = None
    """An int (or a list's item count) must be a multiple of this."""
    item_min_length: int | None = None
    item_max_length: int | None = None
    """Bounds on the length of each string item of a list."""
    unique: bool = False
    """A list's string items may not repeat, compared case-insensitively."""
    not_blank: bool = False
    """A string must hold more than whitespace (API.md: "required", "non-empty")."""
    code: str | None = None
    """The error code the API answers when this field breaks its rule, when it is not
    ``VALIDATION_ERROR`` (``ADVANCED_WARMING_TERMS``)."""
    aware: bool = False
    """A ``datetime`` object given for this field must carry its time zone (an instant,
    e.g. a watermark); a naive one is refused rather than guessed."""
    separator: str | None = None
    """The API reads several values as one text joined by this (``status=a,b``): the client
    takes a list and joins it."""
    local: bool = False
    """A typed argument that is never sent (``path``, ``progress``, a local hint)."""
    doc: str = ""
    """What the parameter is, in one sentence from API.md (units, what omitting it means); the
    CLI's option help and the docs reference show it, next to the constraints above in words."""

    @property
    def python_name(self) -> str:
        return self.python or self.name


# What each path parameter is, once for every operation taking it (by Python name).
PATH_DOCS = {
    "bundle_id": "The bundle's id.",
    "position": "The slot's position in the bundle, from 1.",
    "account_id": "The delivered account's id (its ``saved_account_id``, which changes when "
    "the account is remade).",
    "webhook_id": "The webhook endpoint's id.",
    "delivery_id": "The delivery's id, as ``webhooks.list_deliveries()`` gives it.",
    "task_id": "The comment task's id.",
    "video_id": "The video's id (not its bundle's, nor its slot position).",
    "session_id": "The warming session's id.",
    "post_id": "The tracked post's id.",
}


@dataclass(frozen=True)
class PathParam:
    name: str
    """The wire name in the path template (``id``, ``position``...)."""
    python: str
    """The Python argument name (``bundle_id``...)."""
    kind: str = "str"

    @property
    def doc(self) -> str:
        """What the parameter is (``PATH_DOCS``), like ``Field.doc``."""
        return PATH_DOCS.get(self.python, "")


@dataclass(frozen=True)
class Operation:
    """One TokPortal operation as this SDK serves it."""

    id: str
    """The operation id of TokPortal's table (``createBundle``)."""
    method: str
    """The typed method serving it, from the client (``bundles.create``)."""
    returns: str
    """The return annotation of the typed method (``BundleResult``, ``ModelList[Video]``)."""
    envelope: str
    """How the response is read (see the table above)."""
    doc: str
    path: tuple[PathParam, ...] = ()
    query: tuple[Field, ...] = ()
    body: tuple[Field, ...] = ()
    positional: tuple[str, ...] = ()
    """The Python names of the fields taken positionally, after the path parameters
    (``warming.rewarm(account_id, search_terms)``); the others are keyword-only."""
    local: tuple[Field, ...] = ()
    """Arguments of the typed method that never go over the wire (a file to write, a local
    hint), in signature order after the wire fields."""
    flow: str = "generated"
    """``generated``: ``scripts/generate_spec.py`` writes the method into
    ``tokportal/_async/resources/``; ``hand``: a special flow (files, presigned PUT, consent,
    tolerant readers, checks no rule expresses yet) written by hand in
    ``tokportal/_async/flows/<module>.py``, a mixin the generated class inherits."""
    rules: str | None = None
    """The hand-written cross-field rule (a ``tokportal._core.validation.Rule``), as
    ``module.function`` under ``tokportal/_core`` (``validation_bundles.check_create``). The
    generated method hands it to ``_request`` / ``_paginate``, which run the field table, then
    it on the checked body (or, without a body, the query), then send. It holds only what
    ties fields together: a field's own rule belongs on its ``Field``."""

    @property
    def group(self) -> str:
        """The resource the method hangs on (``bundles.videos``)."""
        return self.method.rpartition(".")[0]

    @property
    def name(self) -> str:
        """The method's own name (``configure``)."""
        return self.method.rpartition(".")[2]


@dataclass(frozen=True)
class Shape:
    """A request TypedDict: the item of a list field (``configure_batch``'s ``videos``),
    typed once from the fields the spec already gives (``scripts/spec_emit/request_types``
    writes it into ``tokportal/models/_requests.py``)."""

    name: str
    """The public class name (``VideoSlotConfig``)."""
    home: str
    """The public module re-exporting it, under ``tokportal.models`` (``videos``)."""
    doc: str
    fields: tuple[Field, ...]
