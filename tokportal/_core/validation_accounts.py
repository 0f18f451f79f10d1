"""Cross-field rule of the delivered accounts' commenting profile (API.md §2.5).
Hand-written; the per-field rules (the ``since`` watermark, profile-edit requests) are the
spec's, run from the generated field table before any rule here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import validation as check


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
