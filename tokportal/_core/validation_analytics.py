"""Local checks for the analytics and webhook operations (API.md §2.8, §2.9, §1.12).

Same contract as :mod:`tokportal._core.validation`: a refusal raises ``InvalidRequestError``
naming the field, the value and the rule, before anything is sent.
"""

from __future__ import annotations

import datetime as dt
import enum
import re
from collections.abc import Mapping, Sequence
from typing import Any

from ..models._enums import (
    AnalyticsGranularity,
    AnalyticsMetric,
    AnalyticsMode,
    ReportTemplate,
)
from .isotime import format_datetime
from .validation import https_url, integer, open_choice, refuse

METRICS = frozenset(m.value for m in AnalyticsMetric)
GRANULARITIES = frozenset(g.value for g in AnalyticsGranularity)
MODES = frozenset(m.value for m in AnalyticsMode)
TEMPLATES = frozenset(t.value for t in ReportTemplate)
# The documented values of analytics filters and report bodies, by Python argument name.
# Open sets (API.md §1.11): a value not listed here is sent as given, logged at DEBUG.
CHOICES = {
    "metric": METRICS,
    "granularity": GRANULARITIES,
    "mode": MODES,
    "template": TEMPLATES,
}

_ISO_DATE_OR_DATETIME = re.compile(r"\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?)?")
_UTC_SUFFIX = re.compile(r"([Zz]|[+-]00:?00)$")
_OFFSET_SUFFIX = re.compile(r"[+-]\d{2}:?\d{2}$")


def plain(value: Any) -> Any:
    """An enum member as its wire value; anything else unchanged."""
    return value.value if isinstance(value, enum.Enum) else value


def date_or_datetime(field: str, value: Any) -> str:
    """A ``from``/``to`` bound as the API reads it: ``YYYY-MM-DD`` or an ISO 8601 datetime.

    ``datetime.date`` and ``datetime.datetime`` are accepted; an aware UTC datetime is
    written with ``Z``.
    """
    if isinstance(value, dt.datetime):
        return format_datetime(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str) and _is_iso(value):
        return value
    raise refuse(field, value, "must be a date (YYYY-MM-DD) or an ISO 8601 datetime")


def _is_iso(text: str) -> bool:
    # fromisoformat on Python 3.10 knows neither "Z" nor "+0000": normalize the offset first.
    body = _UTC_SUFFIX.sub("", text)
    offset = _OFFSET_SUFFIX.search(body)
    if offset is not None:
        body = body[: offset.start()]
    if _ISO_DATE_OR_DATETIME.fullmatch(body) is None:
        return False
    try:
        if len(body) == 10:
            dt.date.fromisoformat(body)
        else:
            dt.datetime.fromisoformat(body[:10] + "T" + body[11:])
    except ValueError:
        return False
    return True


def one_or_many(field: str, value: Any) -> list[str]:
    """A repeatable query filter: one string (or enum member) or a non-empty sequence of them.

    An empty sequence is refused rather than sent as no filter at all, which would widen
    the query to everything.
    """
    items = [value] if isinstance(value, (str, enum.Enum)) else value
    if not isinstance(items, Sequence) or isinstance(items, (bytes, bytearray)):
        raise refuse(field, value, "must be a string or a list of strings")
    if not items:
        raise refuse(field, value, "must not be an empty list (omit it to not filter)")
    return [
        text(field if len(items) == 1 else f"{field}[{i}]", item) for i, item in enumerate(items)
    ]


def string_items(field: str, value: Any, *, allow_empty: bool = True) -> list[str]:
    """A JSON array of strings (enum members accepted), e.g. ``accountIds`` or ``events``."""
    if isinstance(value, (str, bytes, bytearray, enum.Enum)) or not isinstance(value, Sequence):
        raise refuse(field, value, "must be a list of strings")
    if not allow_empty and not value:
        raise refuse(field, value, "must not be empty")
    return [text(f"{field}[{i}]", item) for i, item in enumerate(value)]


def text(field: str, item: Any) -> str:
    """One non-empty string (an enum member is sent as its value)."""
    value = plain(item)
    if not isinstance(value, str):
        raise refuse(field, item, "must be a string")
    if not value.strip():
        raise refuse(field, item, "must not be empty")
    return value


def flag(field: str, value: Any) -> bool:
    if not isinstance(value, bool):
        raise refuse(field, value, "must be True or False")
    return value


# -- the analytics operations' rules (validation.Rule) ----------------------------------------

# Refusals name the Python argument (``date_from``), not its wire spelling (``from`` is a
# keyword; the API mixes cases): wire name -> Python name where they differ.
PYTHON_NAMES = {
    "from": "date_from",
    "to": "date_to",
    "postLimit": "post_limit",
    "trackedPostId": "tracked_post_id",
    "postId": "post_id",
    "brandName": "brand_name",
    "brandAccent": "brand_accent",
    "accountIds": "account_ids",
    "workspaceId": "workspace_id",
    "includePosts": "include_posts",
    "includeComments": "include_comments",
    "forcePosts": "force_posts",
    "bootstrapPosts": "bootstrap_posts",
}
_REPEATABLE = ("platform", "account")
_BOUNDS = ("date_from", "date_to")
_COUNTS = ("limit", "post_limit")
_REPORT_LISTS = ("account_ids", "platforms", "countries")


def check_filters(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """The query filters of the analytics reads: repeatable filters take one value or a
    list, bounds a date or a datetime, counts are positive, the rest non-empty strings."""
    query: dict[str, Any] = {}
    for wire, value in fields.items():
        name = PYTHON_NAMES.get(wire, wire)
        if name in _REPEATABLE:
            value = one_or_many(name, value)
        elif name in _BOUNDS:
            value = date_or_datetime(name, value)
        elif name in _COUNTS:
            integer(name, value, minimum=1)
        else:
            if name in CHOICES:
                value = open_choice(name, value, CHOICES[name])
            value = text(name, value)
        query[wire] = value
    return query


def check_report(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``createAnalyticsReport`` / ``exportAnalyticsReportHtml``: ``None`` sends an explicit
    null; lists hold strings, bounds are dates or datetimes, ``template`` an open choice."""
    body: dict[str, Any] = {}
    for wire, value in fields.items():
        name = PYTHON_NAMES.get(wire, wire)
        if value is None:
            pass
        elif name in _REPORT_LISTS:
            value = string_items(name, value)
        elif name in _BOUNDS:
            value = date_or_datetime(name, value)
        elif name in CHOICES:
            value = open_choice(name, value, CHOICES[name])
        body[wire] = value
    return body


def check_refresh(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``refreshAnalyticsAccount`` / ``refreshAccountAnalytics``: flags are booleans, the
    post limit a positive integer."""
    body: dict[str, Any] = {}
    for wire, value in fields.items():
        name = PYTHON_NAMES.get(wire, wire)
        if name == "post_limit":
            integer(name, value, minimum=1)
            body[wire] = value
        else:
            body[wire] = flag(name, value)
    return body


# -- webhook endpoints ------------------------------------------------------------------------

WEBHOOK_FLAGS = ("enabled", "success")


def check_webhook_filters(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``listWebhookEndpoints`` / ``listWebhookDeliveries``: flags are booleans, event names
    non-empty strings (an enum member goes out as its value)."""
    return {
        name: flag(name, value) if name in WEBHOOK_FLAGS else text(name, value)
        for name, value in fields.items()
    }


ENDPOINT_FIELDS = ("url", "events", "description", "enabled")


def check_endpoint_fields(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """API.md §1.12: the URL must be HTTPS; ``events`` a non-empty list of event names."""
    body = dict(fields)
    if "url" in body:
        https_url("url", body["url"])
    if "events" in body:
        body["events"] = string_items("events", body["events"], allow_empty=False)
    if "enabled" in body:
        flag("enabled", body["enabled"])
    return body


def check_endpoint_update(body: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``updateWebhookEndpoint``: at least one field (``has_extra``: the caller sends one
    through ``extra_body``), each checked as on create."""
    if not body and not has_extra:
        raise refuse("url", None, "give at least one of " + ", ".join(ENDPOINT_FIELDS))
    return check_endpoint_fields(body)
