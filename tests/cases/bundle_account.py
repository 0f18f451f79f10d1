"""Tables and payloads of ``tests/_async/test_bundle_account.py``, written once for it and its
generated sync twin."""

from __future__ import annotations

ACCOUNT = {
    "bundle_id": "b1",
    "account_id": "acc_1",
    "saved_account_id": None,
    "platform": "instagram",
    "country": "USA",
    "status": "in_review",
    "username": "sunny.days_1",
    "visible_name": "Sunny Days",
    "biography": "Daily sun",
    "profile_picture_url": "profile-pictures/org/b1/p.jpg",
    "link_in_bio": "https://sunny.example",
    "niche_warming_instructions": None,
    "advanced_warming": {
        "status": "running",
        "terms_total": 6,
        "terms_verified": 2,
        "terms_configured": 6,
        "started_at": "2030-01-02T10:00:00Z",
        "completed_at": None,
        "proof_count": 4,
    },
    "configured_at": "2030-01-01T09:30:00.123000+00:00",
    "finalized_at": None,
    "missing_fields": [],
}

CONFIGURE_REFUSALS = [
    ({"username": ""}, "username"),
    ({"username": "a" * 25}, "username"),
    ({"username": "sunny days"}, "username"),
    ({"username": "sunny-days"}, "username"),
    ({"username": "süß"}, "username"),
    ({"visible_name": ""}, "visible_name"),
    ({"visible_name": "V" * 31}, "visible_name"),
    ({"biography": "b" * 81}, "biography"),
    ({"link_in_bio": "sunny.example"}, "link_in_bio"),
    ({"link_in_bio": "ftp://sunny.example"}, "link_in_bio"),
    ({"advanced_warming_terms": ["sun", "beach"]}, "advanced_warming_terms"),
    ({"advanced_warming_terms": ["sun", "SUN", "beach"]}, "advanced_warming_terms[1]"),
]
