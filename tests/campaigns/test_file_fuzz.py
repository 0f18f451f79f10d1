"""Any value in any key of a campaign file: ``load_campaign`` either reads a campaign whose
plan and bodies are sound, or refuses with located problems; it never fails another way."""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.campaigns._support import DATA, TODAY
from tokportal._core.fields import check_request
from tokportal.campaigns import CampaignFile, CampaignFileError, build_plan, load_campaign
from tokportal.campaigns._plan import _stand_in_results

text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
scalars = st.one_of(
    text,
    st.integers(min_value=-5, max_value=200),
    st.booleans(),
    st.dates(min_value=dt.date(2026, 11, 1), max_value=dt.date(2027, 1, 31)),
    st.sampled_from(["media/a.mp4", "media/us1.jpg", "media/none.mp4", "tiktok", "instagram"]),
    st.sampled_from(["US", "FR", "reel", "post", "https://acme.example", "2026-12-09"]),
)
values = st.one_of(scalars, st.lists(scalars, max_size=2))


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, dt.date)):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    # A TOML basic string: no surrogates or control characters are drawn.
    return json.dumps(value, ensure_ascii=False)


VALID: dict[str, dict[str, Any]] = {
    "campaign": {"id": "fuzz", "max_credits": 10, "concurrency": 2, "bulk": True},
    "bundle": {"name": "a", "country": "US", "platform": "tiktok"},
    "account": {
        "username": "acme.a",
        "visible_name": "Acme",
        "biography": "bio",
        "picture": "media/us1.jpg",
    },
    "video": {"file": "media/a.mp4", "caption": "hello", "date": dt.date(2026, 12, 5)},
}
KEYS = [(table, key) for table, keys in VALID.items() for key in keys] + [
    ("bundle", "title"),
    ("bundle", "auto_finalize_videos"),
    ("account", "link_in_bio"),
    ("video", "name"),
    ("video", "instagram_content_type"),
    ("bundle", "colour"),
]
LOCATION = re.compile(
    r"^(campaign|bundles|colour|campaign\.\w+|bundles\[\d\](\.\w+)?(\.\w+)?"
    r"|bundles\[\d\]\.videos\[\d\]\.\w+|bundles\[\d\]\.account\.\w+)$"
)


def render(tables: dict[str, dict[str, Any]], twice: bool) -> str:
    def body(table: dict[str, Any]) -> str:
        return "".join(f"{key} = {toml_value(value)}\n" for key, value in table.items())

    bundle = (
        "[[bundles]]\n"
        + body(tables["bundle"])
        + "[bundles.account]\n"
        + body(tables["account"])
        + "[[bundles.videos]]\n"
        + body(tables["video"])
    )
    second = bundle.replace('name = "a"', 'name = "b"').replace("acme.a", "acme.b")
    return "[campaign]\n" + body(tables["campaign"]) + bundle + (second if twice else "")


def read(path: Path) -> CampaignFile | CampaignFileError:
    try:
        return load_campaign(path, today=TODAY)
    except CampaignFileError as error:
        return error


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    changes=st.dictionaries(st.sampled_from(KEYS), st.one_of(st.none(), values), max_size=4),
    twice=st.booleans(),
)
def test_any_value_is_read_or_refused_with_a_location(
    tmp_path: Path, changes: dict[tuple[str, str], Any], twice: bool
) -> None:
    shutil.copytree(DATA / "media", tmp_path / "media", dirs_exist_ok=True)
    tables = {name: dict(table) for name, table in VALID.items()}
    for (table, key), value in changes.items():
        if value is None:
            tables[table].pop(key, None)  # a key left out
        else:
            tables[table][key] = value
    path = tmp_path / "fuzz.toml"
    path.write_text(render(tables, twice), encoding="utf-8")
    outcome = read(path)
    if isinstance(outcome, CampaignFileError):
        assert outcome.problems
        for problem in outcome.problems:
            location, _, message = problem.partition(": ")
            assert LOCATION.match(location), problem
            assert message, problem
        return
    campaign = outcome
    plan = build_plan(campaign)
    results = _stand_in_results(plan.steps)
    for step in plan.steps:
        request = step.request(results)
        if request.body is not None:
            check_request(step.operation_id, query=None, body=request.body)
