"""Tables and payloads of ``tests/_async/test_warming.py``, written once for it and its
generated sync twin."""

from __future__ import annotations

import pytest

TERMS = ["home workouts", "protein snacks", "gym tips"]

SESSION = {
    "id": "ws1",
    "status": "running_backwards",
    "terms_total": 3,
    "terms_verified": 1,
    "terms_configured": 3,
    "started_at": "2026-05-25T08:00:00Z",
    "completed_at": None,
    "terms": [
        {
            "term": "gym tips",
            "videos_watched": 12,
            "likes": 4,
            "saves": 2,
            "comments": 1,
            "keywords": ["gym", "tips"],
            "proof_recording_url": "https://files.test/p.mp4",
        }
    ],
    "manager_timezone": "Europe/Paris",
}

BAD_TERMS = [
    pytest.param(TERMS[:2], id="two"),
    pytest.param([*TERMS, "four"], id="four"),
    pytest.param([f"term {i}" for i in range(33)], id="thirty-three"),
    pytest.param([], id="none"),
    pytest.param(["ab", "cd", "e"], id="one-char"),
    pytest.param(["ab", "cd", "e" * 51], id="fifty-one-chars"),
    pytest.param(["Gym Tips", "gym tips", "yoga"], id="duplicate-ignoring-case"),
    pytest.param("gym tips", id="a-string"),
]

GENERATE_TERMS_CASES = [
    ("text", {"text": ""}),
    ("text", {"text": "   "}),
    ("text", {"text": None}),
    ("platform", {"text": "Fitness", "platform": ""}),
    ("count", {"text": "Fitness", "count": 4}),
    ("count", {"text": "Fitness", "count": 0}),
    ("count", {"text": "Fitness", "count": 33}),
    ("count", {"text": "Fitness", "count": "9"}),
]
