"""The one interpreter of the field table: the per-field rules API.md documents, run by the
client before anything is sent and by the emulator on what it receives (sans-I/O).

``tokportal/_core/_field_table.py`` (generated from the spec) says, per operation and wire
name, what a query or JSON body field must be. ``check_request`` judges what a typed method
is about to send and returns what to send (enum members as their value, dates as
``YYYY-MM-DD``, datetimes as ISO 8601); ``check_wire`` judges what arrived on the wire (query
values as text). Both refuse on the first field that breaks its rule, in table order, with a
``Refusal`` naming the field, the rule and the API's error code; the client turns it into
``InvalidRequestError``, the emulator into its ``400`` answer.

Fields the table does not name (``extra_body`` / ``extra_query``, or what the API does not
document) pass untouched: they are how a user sends what this SDK does not know yet.
Cross-field rules (``description`` only off stories, edits ≤ videos...) are not here: they
live in the hand-written ``validation_*`` modules, and ``check_call`` runs them after the
table, on the checked fields, so they never restate a field's own rule.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import math
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import InvalidRequestError
from . import _field_table
from .isotime import format_datetime
from .validation import Rule as CrossFieldRule
from .validation import refuse, shown

logger = logging.getLogger("tokportal")

Rule = Mapping[str, Any]

VALIDATION_ERROR = "VALIDATION_ERROR"
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# ISO 8601 as the API writes and reads it: a date, optionally a time, optionally an offset.
_DATETIME = re.compile(
    r"(\d{4}-\d{2}-\d{2})([Tt ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)?)?"
)
_URL = re.compile(r"https?://[^\s/$.?#][^\s]*", re.IGNORECASE)
_MISSING: Any = object()


class Refusal(Exception):
    """A field broke its documented rule."""

    def __init__(self, field: str, value: Any, rule: str, code: str | None = None) -> None:
        super().__init__(f"{field}: {rule}")
        self.field = field
        self.value = value
        self.rule = rule
        self.code = code or VALIDATION_ERROR

    def to_error(self) -> InvalidRequestError:
        return refuse(self.field, self.value, self.rule)


def rules(operation_id: str) -> tuple[Mapping[str, Rule], Mapping[str, Rule]]:
    """The query and body rules of an operation (empty when the table has none)."""
    return _field_table.QUERY.get(operation_id, {}), _field_table.BODY.get(operation_id, {})


def check_request(
    operation_id: str,
    *,
    query: Mapping[str, Any] | None,
    body: Any,
) -> tuple[dict[str, Any] | None, Any]:
    """What a typed method sends, checked; returns ``(query, body)`` as they go out.

    The caller's mappings are never mutated. A body that is not a mapping (``None``, a
    list) and fields the table does not name are returned as given.
    """
    query_rules, body_rules = rules(operation_id)
    try:
        if query is not None:
            # A None query value is not sent at all (``encode_query`` drops it). A list
            # filter goes out as repeated keys, so one value is a list of one.
            given = {
                name: [value]
                if isinstance(value, (str, enum.Enum))
                and query_rules.get(name, {}).get("kind") == "list"
                else value
                for name, value in query.items()
                if value is not None
            }
            query = {**query, **_check_mapping(query_rules, given, client=True, where="")}
        if isinstance(body, Mapping) and body_rules:
            body = _check_mapping(body_rules, body, client=True, where="")
    except Refusal as refusal:
        raise refusal.to_error() from None
    return (dict(query) if query is not None else None), body


def check_call(
    operation_id: str,
    *,
    query: Mapping[str, Any] | None,
    body: Any,
    rule: CrossFieldRule | None = None,
    has_extra: bool = False,
) -> tuple[dict[str, Any] | None, Any]:
    """The one order of a typed call's local checks: the field table (``check_request``),
    then the operation's cross-field rule on the checked fields (the body when the call
    sends one, else its query). ``has_extra``: ``extra_body`` / ``extra_query`` also carry
    fields (merged later, unchecked), for the rules that want at least one field."""
    checked_query, checked_body = check_request(operation_id, query=query, body=body)
    if rule is not None:
        if checked_body is not None:
            checked_body = rule(checked_body, has_extra=has_extra)
        elif checked_query is not None:
            checked_query = rule(checked_query, has_extra=has_extra)
    return checked_query, checked_body


def check_item(operation_id: str, item: Any, *, where: str) -> dict[str, Any]:
    """One item of a batch, checked on the client like a whole ``operation_id`` body (each
    ``videos[i]`` as a ``configureBundleVideo``), named by ``where`` (``videos[2].``): the
    emulator reads batch items the same way."""
    if not isinstance(item, Mapping):
        raise refuse(where.rstrip("."), item, "must be an object")
    try:
        return _check_mapping(rules(operation_id)[1], item, client=True, where=where)
    except Refusal as refusal:
        raise refusal.to_error() from None


def field_refusals(
    operation_id: str, body: Mapping[str, Any], *, where: str = ""
) -> list[InvalidRequestError]:
    """Every field of a JSON ``body`` that the table refuses, each judged on its own
    (``check_request`` stops at the first): for tools that report all problems at once,
    such as a campaign file's checks. Cross-field rules are not run."""
    found: list[InvalidRequestError] = []
    for name, rule in rules(operation_id)[1].items():
        field = where + rule.get("python", name)
        if name not in body:
            if rule.get("required"):
                found.append(Refusal(field, None, "is required", rule.get("code")).to_error())
            continue
        try:
            _check_value(field, rule, body[name], client=True)
        except Refusal as refusal:
            found.append(refusal.to_error())
    return found


def at_least_one(
    operation_id: str, fields: Mapping[str, Any], *, has_extra: bool = False
) -> dict[str, Any]:
    """A partial update sends at least one field (``has_extra``: one comes through
    ``extra_body``); the refusal names the fields the spec lists for ``operation_id``."""
    if not fields and not has_extra:
        names = list(rules(operation_id)[1]) or list(rules(operation_id)[0])
        shown_names = [rules(operation_id)[1].get(n, {}).get("python", n) for n in names]
        raise refuse(shown_names[0], None, "give at least one of " + ", ".join(shown_names))
    return dict(fields)


def check_wire(
    operation_id: str, *, query: Sequence[tuple[str, str]], body: Any, where: str = ""
) -> dict[str, Any]:
    """What arrived at the API, checked (the emulator's reading); raises ``Refusal``.

    ``query`` is the decoded pairs (repeated keys kept); ``body`` the parsed JSON object, or
    anything else when the request had none; ``where`` prefixes the body's field names (an
    item of a batch, ``videos[2].``). Returns the query values read per their kind.
    """
    query_rules, body_rules = rules(operation_id)
    read = {name: _from_text(name, rule, query) for name, rule in query_rules.items()}
    present = {name: value for name, value in read.items() if value is not _MISSING}
    _check_mapping(query_rules, present, client=False, where="")
    if isinstance(body, Mapping) and body_rules:
        _check_mapping(body_rules, body, client=False, where=where)
    return present


def _from_text(name: str, rule: Rule, pairs: Sequence[tuple[str, str]]) -> Any:
    values = [value for key, value in pairs if key == name]
    if not values:
        return _MISSING
    if rule["kind"] == "list":
        return values
    text = values[0]
    kind = rule["kind"]
    if kind == "int":
        if re.fullmatch(r"[+-]?\d+", text) is None:
            raise Refusal(name, text, "must be an integer", rule.get("code"))
        return int(text)
    if kind == "bool":
        if text not in ("true", "false"):
            raise Refusal(name, text, "must be true or false", rule.get("code"))
        return text == "true"
    if kind == "float":
        try:
            return float(text)
        except ValueError:
            raise Refusal(name, text, "must be a number", rule.get("code")) from None
    return text


def _check_mapping(
    table: Mapping[str, Rule], values: Mapping[str, Any], *, client: bool, where: str
) -> dict[str, Any]:
    out = dict(values)
    for name, rule in table.items():
        # The client names the Python argument (``date_from``), the emulator the wire name.
        field = where + (rule.get("python", name) if client else name)
        if name not in values:
            if rule.get("required"):
                raise Refusal(field, None, "is required", rule.get("code"))
            continue
        out[name] = _check_value(field, rule, values[name], client=client)
    return out


def _check_value(field: str, rule: Rule, value: Any, *, client: bool) -> Any:
    code = rule.get("code")
    if value is None:
        if rule.get("nullable"):
            return None
        raise Refusal(field, value, "must not be null", code)
    if isinstance(value, enum.Enum):
        value = value.value
    kind = rule["kind"]
    separator = rule.get("separator")
    if client and separator and not isinstance(value, str) and isinstance(value, Sequence):
        value = _joined(field, rule, value, separator)
    if kind == "list":
        return _check_list(field, rule, value, client=client)
    return _check_scalar(field, rule, kind, value, client=client)


def _check_scalar(field: str, rule: Rule, kind: str, value: Any, *, client: bool) -> Any:
    code = rule.get("code")

    def no(why: str) -> Refusal:
        return Refusal(field, value, why, code)

    if kind in ("str", "choice", "url", "https", "email"):
        if not isinstance(value, str):
            raise no("must be a string")
        _check_text(field, rule, value)
        if kind == "choice":
            if not value.strip():
                raise no("must not be empty")
            if rule.get("closed") and value not in rule.get("choices", ()):
                raise no(f"must be one of {', '.join(rule['choices'])}")
            if client and value not in rule.get("choices", ()):
                # An open set (API.md §1.11): sent as given, noted so a typo can be traced.
                logger.debug(
                    "%s=%s is not one this SDK knows (%s); sending it as given",
                    field,
                    shown(value),
                    ", ".join(rule.get("choices", ())),
                )
        elif kind == "url" and _URL.fullmatch(value) is None:
            raise no("must be an http(s) URL")
        elif kind == "https" and (
            _URL.fullmatch(value) is None or not value.lower().startswith("https://")
        ):
            raise no("must be an https:// URL")
        elif kind == "email" and "@" not in value:
            raise no("must be an email address")
        return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            raise no("must be an integer")
        _check_number(field, rule, value)
        return value
    if kind == "float":
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise no("must be a number")
        if not math.isfinite(value):
            raise no("must be a finite number")
        _check_number(field, rule, value)
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            raise no("must be True or False" if client else "must be true or false")
        return value
    if kind == "date":
        if client and isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value.isoformat()
        if not isinstance(value, str) or _DATE.fullmatch(value) is None:
            raise no("must be a date written YYYY-MM-DD")
        if not _real_date(value):
            raise no("is not a real calendar date")
        return value
    if kind == "datetime":
        if client and isinstance(value, dt.datetime):
            if rule.get("aware") and value.utcoffset() is None:
                raise no("must be a timezone-aware datetime (an instant)")
            return format_datetime(value)
        if client and isinstance(value, dt.date):
            return value.isoformat()
        if not isinstance(value, str) or not _is_datetime(value):
            raise no("must be an ISO 8601 date or datetime")
        return value
    if kind == "object":
        if not isinstance(value, Mapping) or not all(isinstance(k, str) for k in value):
            raise no("must be an object")
        return dict(value)
    return value  # "any"


def _check_text(field: str, rule: Rule, value: str) -> None:
    code = rule.get("code")
    low, high = rule.get("min_length"), rule.get("max_length")
    if low == 1 and not value:
        raise Refusal(field, value, "must not be empty", code)
    if low is not None and len(value) < low:
        raise Refusal(field, value, f"must be at least {low} characters long", code)
    if high is not None and len(value) > high:
        raise Refusal(
            field, value, f"must be at most {high} characters long (got {len(value)})", code
        )
    if rule.get("not_blank") and not value.strip():
        raise Refusal(field, value, "must not be empty", code)
    pattern = rule.get("pattern")
    if pattern is not None and re.fullmatch(pattern, value) is None:
        raise Refusal(field, value, f"must match {pattern}", code)


def _check_number(field: str, rule: Rule, value: float) -> None:
    code = rule.get("code")
    low, high, step = rule.get("minimum"), rule.get("maximum"), rule.get("multiple_of")
    if low is not None and high is not None and not low <= value <= high:
        raise Refusal(field, value, f"must be {low} to {high}", code)
    if low is not None and value < low:
        raise Refusal(field, value, f"must be at least {low}", code)
    if high is not None and value > high:
        raise Refusal(field, value, f"must be at most {high}", code)
    if step is not None and value % step:
        raise Refusal(field, value, f"must be a multiple of {step}", code)


def _check_list(field: str, rule: Rule, value: Any, *, client: bool) -> list[Any]:
    code = rule.get("code")
    if isinstance(value, (str, bytes, bytearray, Mapping)) or not isinstance(
        value, (list, tuple) if not client else Sequence
    ):
        kind = {"str": "strings", "object": "objects"}.get(rule.get("items") or "")
        raise Refusal(field, value, f"must be a list of {kind}" if kind else "must be a list", code)
    items = list(value)
    low, high, step = rule.get("min_length"), rule.get("max_length"), rule.get("multiple_of")
    if low == 1 and not items:
        raise Refusal(field, value, "must not be empty (at least 1 item)", code)
    if low is not None and len(items) < low:
        raise Refusal(field, value, f"must hold at least {_items(low)}", code)
    if high is not None and len(items) > high:
        raise Refusal(field, value, f"must hold at most {_items(high)} (got {len(items)})", code)
    if step is not None and len(items) % step:
        raise Refusal(field, value, f"must hold a multiple of {step} items", code)
    item_rule: dict[str, Any] = {"kind": rule.get("items") or "any"}
    if code:
        item_rule["code"] = code
    for key in ("choices", "closed"):
        if key in rule:
            item_rule[key] = rule[key]
    if "item_min_length" in rule:
        item_rule["min_length"] = rule["item_min_length"]
    if "item_max_length" in rule:
        item_rule["max_length"] = rule["item_max_length"]
    seen: set[str] = set()
    for index, item in enumerate(items):
        where = f"{field}[{index}]"
        items[index] = _check_value(where, item_rule, item, client=client)
        if rule.get("unique") and isinstance(items[index], str):
            folded = items[index].casefold()
            if folded in seen:
                raise Refusal(where, item, "duplicates another item (case-insensitive)", code)
            seen.add(folded)
    return items


def _items(count: int) -> str:
    return f"{count} item" if count == 1 else f"{count} items"


def _joined(field: str, rule: Rule, value: Sequence[Any], separator: str) -> str:
    """Several values of a field the API reads as one separated text (``status=a,b``): each
    a non-empty string (an enum member as its value), at least one."""
    if not value:
        raise Refusal(field, value, "must not be empty", rule.get("code"))
    texts = []
    for index, item in enumerate(value):
        text = item.value if isinstance(item, enum.Enum) else item
        if not isinstance(text, str) or not text.strip():
            raise Refusal(f"{field}[{index}]", item, "must be a non-empty string", rule.get("code"))
        texts.append(text)
    return separator.join(texts)


def _real_date(text: str) -> bool:
    try:
        dt.date.fromisoformat(text[:10])
    except ValueError:
        return False
    return True


def _is_datetime(text: str) -> bool:
    match = _DATETIME.fullmatch(text)
    if match is None or not _real_date(match.group(1)):
        return False
    clock = match.group(2)
    if clock:
        hours, minutes = int(clock[1:3]), int(clock[4:6])
        seconds = int(clock[7:9]) if match.group(3) else 0
        if hours > 23 or minutes > 59 or seconds > 59:
            return False
    return True
