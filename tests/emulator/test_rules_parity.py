"""The client's local checks and the emulator apply the same request rules: API.md's.

The same bodies go to the client's checks (``fields.check_call``: the field table, then the
operation's cross-field rule, as every typed method runs them) and to the emulator in-process (raw JSON, no client checks in the
way); both must accept, or both refuse. Each row says what API.md states, so neither side
can grow a rule of its own: the three disagreements a tester found are rows here
(``wants_advanced_warming`` with neither terms nor a count, terms with surrounding spaces,
niche instructions over 2,000 characters).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx
import pytest

from tokportal import InvalidRequestError
from tokportal._core import validation_bundles as rules
from tokportal._core.fields import check_call
from tokportal._core.validation import Rule
from tokportal.testing import Emulator

from .conftest import create_bundle

BASE = {"bundle_type": "account_only", "platform": "tiktok", "country": "USA"}
WANTS = {"wants_advanced_warming": True}
LONG_INSTRUCTIONS = "Grow a cooking niche. " * 200  # 4,400 characters; API.md sets no limit

# (name, body, accepted?) for createBundle (API.md §2.2).
CREATE_ROWS: list[tuple[str, dict[str, Any], bool]] = [
    ("plain", {}, True),
    ("advanced warming with neither terms nor count", WANTS, False),
    ("advanced warming with a count", {**WANTS, "advanced_warming_terms_count": 3}, True),
    ("count not a multiple of 3", {**WANTS, "advanced_warming_terms_count": 4}, False),
    ("count above 30", {**WANTS, "advanced_warming_terms_count": 33}, False),
    (
        "terms and a count",
        {**WANTS, "advanced_warming_terms": ["aa", "bb", "cc"], "advanced_warming_terms_count": 3},
        False,
    ),
    ("terms", {**WANTS, "advanced_warming_terms": ["aa", "bb", "cc"]}, True),
    (
        "terms with surrounding spaces (taken as sent)",
        {**WANTS, "advanced_warming_terms": [" aa", "bb ", " cc "]},
        True,
    ),
    (
        "a 1-letter term padded to 2 characters (2 as sent)",
        {**WANTS, "advanced_warming_terms": [" a", "bb", "cc"]},
        True,
    ),
    (
        "terms differing only by spaces are different terms",
        {**WANTS, "advanced_warming_terms": ["aa", " aa", "bb"]},
        True,
    ),
    (
        "a duplicate term, case-insensitive",
        {**WANTS, "advanced_warming_terms": ["aa", "AA", "bb"]},
        False,
    ),
    ("a 1-character term", {**WANTS, "advanced_warming_terms": ["a", "bb", "cc"]}, False),
    ("a 51-character term", {**WANTS, "advanced_warming_terms": ["a" * 51, "bb", "cc"]}, False),
    ("two terms", {**WANTS, "advanced_warming_terms": ["aa", "bb"]}, False),
    ("terms without wants_advanced_warming", {"advanced_warming_terms": ["aa", "bb", "cc"]}, False),
    ("a count of 0 without wants_advanced_warming", {"advanced_warming_terms_count": 0}, False),
    (
        "wants_advanced_warming false with a count",
        {"wants_advanced_warming": False, "advanced_warming_terms_count": 3},
        False,
    ),
    (
        "niche warming with long instructions",
        {"wants_niche_warming": True, "niche_warming_instructions": LONG_INSTRUCTIONS},
        True,
    ),
    ("niche warming without instructions", {"wants_niche_warming": True}, False),
    (
        "niche and advanced warming together",
        {
            "wants_niche_warming": True,
            "niche_warming_instructions": "x",
            **WANTS,
            "advanced_warming_terms_count": 3,
        },
        False,
    ),
    ("title of 200", {"title": "t" * 200}, True),
    ("title of 201", {"title": "t" * 201}, False),
    ("external_ref of 201", {"external_ref": "r" * 201}, False),
    ("account_id on account_only", {"account_id": "acc_1"}, False),
    ("videos without videos_quantity", {"bundle_type": "account_and_videos"}, False),
    (
        "more edits than videos",
        {"bundle_type": "account_and_videos", "videos_quantity": 2, "edits_quantity": 3},
        False,
    ),
    ("a YouTube bundle", {"platform": "youtube"}, False),
]


def client_checks(operation_id: str, body: dict[str, Any], rule: Rule | None = None) -> None:
    check_call(operation_id, query=None, body=dict(body), rule=rule)


def client_accepts(run: Callable[[], Any]) -> bool:
    try:
        run()
    except InvalidRequestError:
        return False
    return True


def emulator_accepts(response: httpx.Response) -> bool:
    assert response.status_code < 500, response.text
    return response.status_code < 300


@pytest.mark.parametrize(
    ("name", "changes", "accepted"), CREATE_ROWS, ids=[row[0] for row in CREATE_ROWS]
)
def test_create_bundle_rules_agree(
    client: httpx.Client, name: str, changes: dict[str, Any], accepted: bool
) -> None:
    body = {**BASE, **changes}
    local = client_accepts(lambda: client_checks("createBundle", body, rules.check_create))
    # A dry run runs the same validation and pricing and stops before the first write.
    remote = emulator_accepts(
        client.post("/bundles", json=body, headers={"X-TokPortal-Dry-Run": "true"})
    )
    assert (local, remote) == (accepted, accepted), name


@pytest.mark.parametrize(
    ("name", "changes", "accepted"),
    [
        (
            "niche instructions over 2,000 characters",
            {"niche_warming_instructions": "n" * 2001},
            True,
        ),
        ("long niche instructions", {"niche_warming_instructions": LONG_INSTRUCTIONS}, True),
        ("a 25-character username", {"username": "u" * 25}, False),
        ("a username with a dash", {"username": "bad-name"}, False),
        ("a 31-character visible name", {"visible_name": "v" * 31}, False),
        ("an 81-character biography", {"biography": "b" * 81}, False),
    ],
)
def test_configure_account_rules_agree(
    emu: Emulator, client: httpx.Client, name: str, changes: dict[str, Any], accepted: bool
) -> None:
    bundle_id = create_bundle(client)["id"]
    body = {"username": "emu.user_1", "visible_name": "Emu User", **changes}
    local = client_accepts(lambda: client_checks("configureBundleAccount", body))
    remote = emulator_accepts(client.put(f"/bundles/{bundle_id}/account", json=body))
    assert (local, remote) == (accepted, accepted), name


@pytest.mark.parametrize(
    ("name", "terms", "accepted"),
    [
        ("terms with surrounding spaces", [" aa", "bb ", " cc "], True),
        ("a duplicate term", ["aa", "bb", "Bb"], False),
        ("a 1-character term", ["aa", "b", "cc"], False),
    ],
)
def test_warming_terms_rules_agree(
    client: httpx.Client, name: str, terms: list[str], accepted: bool
) -> None:
    bundle = create_bundle(client, wants_advanced_warming=True, advanced_warming_terms_count=3)
    local = client_accepts(
        lambda: client_checks("configureBundleWarmingTerms", {"advanced_warming_terms": terms})
    )
    remote = emulator_accepts(
        client.put(f"/bundles/{bundle['id']}/warming-terms", json={"advanced_warming_terms": terms})
    )
    assert (local, remote) == (accepted, accepted), name


@pytest.mark.parametrize(
    ("name", "body", "accepted"),
    [
        ("a short description", {"text": "ab"}, True),
        ("a long description (API.md sets no limit)", {"text": "cooking " * 500}, True),
        ("a blank description", {"text": "   "}, False),
        ("a count not a multiple of 3", {"text": "cooking", "count": 4}, False),
        ("a count of 30", {"text": "cooking", "count": 30}, True),
    ],
)
def test_generate_terms_rules_agree(
    client: httpx.Client, name: str, body: dict[str, Any], accepted: bool
) -> None:
    local = client_accepts(lambda: client_checks("generateWarmingTerms", body))
    remote = emulator_accepts(client.post("/warming/generate-terms", json=body))
    assert (local, remote) == (accepted, accepted), name


BULK = {"platforms": ["tiktok"], "country": "USA", "accounts_count": 1}


@pytest.mark.parametrize(
    ("name", "changes", "accepted"),
    [
        ("plain", {}, True),
        ("external_ref of 200", {"external_ref": "r" * 200}, True),
        ("external_ref of 201", {"external_ref": "r" * 201}, False),
        ("advanced warming with neither terms nor count", WANTS, False),
        ("advanced warming with a count", {**WANTS, "advanced_warming_terms_count": 6}, True),
        ("101 accounts", {"accounts_count": 101}, False),
        ("more upload accounts than accounts", {"upload_accounts_count": 2}, False),
    ],
)
def test_bulk_rules_agree(
    client: httpx.Client, name: str, changes: dict[str, Any], accepted: bool
) -> None:
    body = {**BULK, **changes}
    local = client_accepts(lambda: client_checks("createBundlesBulk", body, rules.check_bulk))
    remote = emulator_accepts(
        client.post("/bundles/bulk", json=body, headers={"X-TokPortal-Dry-Run": "true"})
    )
    assert (local, remote) == (accepted, accepted), name
