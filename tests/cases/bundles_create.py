"""Tables and payloads of ``tests/_async/test_bundles_create.py``, written once for it and its
generated sync twin."""

from __future__ import annotations

from typing import Any

import tokportal

VALID: dict[str, Any] = {
    "bundle_type": "account_and_videos",
    "country": "USA",
    "videos_quantity": 3,
}

CREATE_REFUSALS = [
    ({"bundle_type": " "}, "bundle_type"),
    ({"bundle_type": 3}, "bundle_type"),
    ({"platform": "youtube"}, "platform"),
    ({"country": tokportal.NOT_GIVEN}, "country"),
    ({"account_id": "acc_1"}, "account_id"),
    ({"videos_quantity": 0}, "videos_quantity"),
    ({"edits_quantity": 4}, "edits_quantity"),
    ({"title": "x" * 201}, "title"),
    ({"external_ref": "r" * 201}, "external_ref"),
    (
        {"wants_advanced_warming": True, "advanced_warming_terms_count": 4},
        "advanced_warming_terms_count",
    ),
    ({"advanced_warming_terms": ["aa", "bb", "cc"]}, "wants_advanced_warming"),
    (
        {"wants_advanced_warming": True, "advanced_warming_terms": ["aa", "bb", "AA"]},
        "advanced_warming_terms[2]",
    ),
    ({"wants_niche_warming": True}, "niche_warming_instructions"),
    (
        {
            "wants_niche_warming": True,
            "niche_warming_instructions": "x",
            "wants_advanced_warming": True,
            "advanced_warming_terms_count": 3,
        },
        "wants_niche_warming",
    ),
]
