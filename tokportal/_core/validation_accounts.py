"""Local checks for delivered accounts (API.md §2.5): the ban-poll watermark, profile-edit
requests and commenting-profile settings. Only documented rules: see ``validation``'s
docstring.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from . import validation as check
from .isotime import format_datetime

USERNAME = r"[A-Za-z0-9_.]{1,24}"
# The shape only: the API's own timestamps (the watermark) vary in precision and offset form.
ISO_TIMESTAMP = re.compile(
    r"\d{4}-\d{2}-\d{2}([Tt ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?([Zz]|[+-]\d{2}(:?\d{2})?)?)?"
)


def since_text(value: Any) -> str:
    """The ``since`` watermark as ISO 8601 (an aware ``datetime``, or a string as given)."""
    if isinstance(value, dt.datetime):
        if value.utcoffset() is None:
            raise check.refuse("since", value, "must be a timezone-aware datetime")
        return format_datetime(value)
    if isinstance(value, str):
        if ISO_TIMESTAMP.fullmatch(value.strip()) is None:
            raise check.refuse("since", value, "must be an ISO 8601 timestamp")
        return value
    raise check.refuse("since", value, "must be a datetime or an ISO 8601 string")


def check_list_bans(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``listAccountBans``: ``since`` goes out as ISO 8601."""
    query = dict(fields)
    if check.given(query.get("since")):
        query["since"] = since_text(query["since"])
    return query


def check_edit_request(body: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """The documented rules of ``createAccountEditRequest`` (same as a profile's)."""
    check.pattern(
        "requested_username",
        body["requested_username"],
        USERNAME,
        "must be 1 to 24 characters among letters, digits, '_' and '.'",
    )
    check.length(
        "requested_visible_name", body["requested_visible_name"], min_length=1, max_length=30
    )
    if check.given(body.get("requested_biography")):
        check.length("requested_biography", body["requested_biography"], max_length=80)
    return dict(body)


def settings_mapping(settings: Any) -> dict[str, Any]:
    """The ``settings`` a caller gave, as the body (a copy; its names must be strings)."""
    return check.mapping("settings", settings)


def check_commenting_settings(
    settings: Mapping[str, Any], *, has_extra: bool = False
) -> dict[str, Any]:
    """``updateAccountCommentingProfile``: at least one setting (``has_extra``: the caller
    sends one through ``extra_body``). The field names are undocumented, so none is checked."""
    if not settings and not has_extra:
        raise check.refuse("settings", dict(settings), "give at least one setting")
    return dict(settings)
