"""Local checks for Advanced Niche Warming (API.md §2.7). The terms rules themselves
(3–30, a multiple of 3, …) live in ``validation``, shared with bundle creation.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import validation as check

WARMING_PLATFORMS = frozenset({"tiktok", "instagram"})


def check_generate_terms(text: Any, platform: Any, count: Any) -> None:
    """``generateWarmingTerms``: a niche description, and optionally a platform and a count."""
    if not isinstance(text, str):
        raise check.refuse("text", text, "must be a string (a niche description)")
    check.non_empty("text", text)
    if check.given(platform):
        check.open_choice("platform", platform, WARMING_PLATFORMS)
    if check.given(count):
        check.warming_terms_count("count", count)


def check_terms(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``configureBundleWarmingTerms``: the terms rules of ``validation.warming_terms``."""
    name = "advanced_warming_terms"
    return {**fields, name: check.warming_terms(name, fields[name])}


def check_rewarm(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``rewarmAccount``: the search terms follow the warming terms rules."""
    return {**fields, "search_terms": check.warming_terms("search_terms", fields["search_terms"])}
