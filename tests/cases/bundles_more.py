"""Tables and payloads of ``tests/_async/test_bundles_more.py``, written once for it and its
generated sync twin."""

from __future__ import annotations

BULK_REFUSALS = [
    ({"platforms": []}, "platforms"),
    ({"platforms": "tiktok"}, "platforms"),
    ({"platforms": ["youtube"]}, "platforms[0]"),
    ({"platforms": ["tiktok", ""]}, "platforms[1]"),
    ({"country": ""}, "country"),
    ({"country": "  "}, "country"),
    ({"accounts_count": 0}, "accounts_count"),
    ({"accounts_count": 101}, "accounts_count"),
    ({"accounts_count": True}, "accounts_count"),
    ({"accounts_count": 2.0}, "accounts_count"),
    ({"upload_accounts_count": 4}, "upload_accounts_count"),
    ({"upload_accounts_count": -1}, "upload_accounts_count"),
    ({"videos_per_account": 501}, "videos_per_account"),
    ({"videos_per_account": -1}, "videos_per_account"),
    ({"external_ref": "x" * 201}, "external_ref"),
    ({"wants_niche_warming": True}, "niche_warming_instructions"),
    (
        {"wants_niche_warming": True, "niche_warming_instructions": " "},
        "niche_warming_instructions",
    ),
    (
        {
            "wants_niche_warming": True,
            "niche_warming_instructions": "x",
            "wants_advanced_warming": True,
            "advanced_warming_terms_count": 3,
        },
        "wants_niche_warming",
    ),
    ({"advanced_warming_terms_count": 3}, "wants_advanced_warming"),
    (
        {"wants_advanced_warming": True, "advanced_warming_terms_count": 4},
        "advanced_warming_terms_count",
    ),
    (
        {"wants_advanced_warming": True, "advanced_warming_terms": ["ab", "cd"]},
        "advanced_warming_terms",
    ),
    (
        {
            "wants_advanced_warming": True,
            "advanced_warming_terms": ["ab", "cd", "x"],
        },
        "advanced_warming_terms[2]",
    ),
]
