"""Idempotency keys and external refs: deterministic across processes, and new whenever
what they stand for changes (``idempotency_key``)."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.campaigns._support import EXAMPLE, TODAY, bundle_toml, campaign_toml, write
from tests.campaigns.test_plan import results_for
from tokportal.campaigns import StepRequest, build_plan, idempotency_key, load_campaign

KEY = re.compile(r"tpc1-[0-9a-f]{40}")

# Run in a fresh interpreter: the keys of every step of the example.
CHILD = """
import json, sys
from tests.campaigns._support import EXAMPLE, TODAY
from tests.campaigns.test_plan import results_for
from tokportal.campaigns import build_plan, idempotency_key, load_campaign
plan = build_plan(load_campaign(EXAMPLE, today=TODAY))
results = results_for(plan)
keys = {s.id: idempotency_key(plan.campaign.id, s.id, s.request(results)) for s in plan.steps}
json.dump(keys, sys.stdout)
"""


def example_keys() -> dict[str, str]:
    plan = build_plan(load_campaign(EXAMPLE, today=TODAY))
    results = results_for(plan)
    return {
        step.id: idempotency_key(plan.campaign.id, step.id, step.request(results))
        for step in plan.steps
    }


def test_keys_are_the_same_in_another_process() -> None:
    root = Path(__file__).resolve().parents[2]
    child = subprocess.run(
        [sys.executable, "-c", CHILD],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=root,
        env={"PYTHONHASHSEED": "random", "PATH": "", "PYTHONPATH": str(root)},
        check=True,
    )
    theirs = json.loads(child.stdout)
    ours = example_keys()
    assert theirs == ours
    assert all(KEY.fullmatch(key) for key in ours.values())
    assert len(set(ours.values())) == len(ours)  # no two steps share a key


def test_a_known_key_does_not_drift() -> None:
    # The derivation is part of the journal format: a change would make every journal
    # written before it resend with new keys. Change KEY_PREFIX ("tpc2-") if it must change.
    request = StepRequest(body={"b": [1, "é"], "a": {"y": None, "x": True}})
    material = json.dumps(
        ["tpc1", "c1", "create/a", 0, {"body": request.body, "form": {}, "path_params": {}}],
        sort_keys=True,
        separators=(",", ":"),
        ensure_ascii=False,
    )
    expected = "tpc1-" + hashlib.sha256(material.encode("utf-8")).hexdigest()[:40]
    assert idempotency_key("c1", "create/a", request) == expected


def test_each_input_changes_the_key() -> None:
    base = StepRequest(path_params={"id": "b1"}, body={"videos": [{"description": "hi"}]})
    key = idempotency_key("c1", "videos/a", base)
    one_byte = attrs.evolve(base, body={"videos": [{"description": "hj"}]})
    assert (
        len(
            {
                key,
                idempotency_key("c1", "videos/a", one_byte),
                idempotency_key("c1", "videos/b", base),
                idempotency_key("c2", "videos/a", base),
                idempotency_key("c1", "videos/a", base, generation=1),
                idempotency_key("c1", "videos/a", attrs.evolve(base, path_params={"id": "b2"})),
            }
        )
        == 6
    )
    assert idempotency_key("c1", "videos/a", base, generation=0) == key


def test_an_upload_key_follows_the_file_content_not_its_name(tmp_path: Path) -> None:
    first = tmp_path / "a.mp4"
    first.write_bytes(b"video bytes")
    copy = tmp_path / "copy.mp4"
    copy.write_bytes(b"video bytes")
    form = {"bundle_id": "b1"}
    key = idempotency_key("c1", "upload/a/1", StepRequest(file=first, form=form))
    assert idempotency_key("c1", "upload/a/1", StepRequest(file=copy, form=form)) == key
    copy.write_bytes(b"video bytez")  # same size, one byte changed
    assert idempotency_key("c1", "upload/a/1", StepRequest(file=copy, form=form)) != key
    other_bundle = StepRequest(file=first, form={"bundle_id": "b2"})
    assert idempotency_key("c1", "upload/a/1", other_bundle) != key


def test_one_caption_byte_changes_only_that_bundles_keys(tmp_path: Path) -> None:
    text = campaign_toml(bundle_toml("a", videos=2), bundle_toml("b", country="FR", videos=2))
    before = build_plan(load_campaign(write(tmp_path, text), today=TODAY))
    after = build_plan(
        load_campaign(
            write(tmp_path, text.replace("a video 2", "a video 3"), "edited.toml"), today=TODAY
        )
    )

    def keys(plan: Any) -> dict[str, str]:
        results = results_for(plan)
        return {s.id: idempotency_key("c1", s.id, s.request(results)) for s in plan.steps}

    old, new = keys(before), keys(after)
    assert [step_id for step_id in old if old[step_id] != new[step_id]] == ["videos/a"]


def test_external_refs() -> None:
    plan = build_plan(load_campaign(EXAMPLE, today=TODAY))
    refs = {s.id: s.external_ref for s in plan.steps if s.external_ref is not None}
    assert refs == {
        "bulk/US-tiktok-1": "spring-launch/US-tiktok-1",
        "create/fr-1": "spring-launch/fr-1",
    }
    body = plan.step("videos/us-2").request(results_for(plan)).body
    assert body is not None
    assert [v["external_ref"] for v in body["videos"]] == [
        "spring-launch/us-2/v1",
        "spring-launch/us-2/v2",
    ]


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner, max_size=3)
    ),
    max_leaves=10,
)


@settings(max_examples=200, deadline=None)
@given(body=st.dictionaries(st.text(max_size=6), json_values, max_size=5), data=st.data())
def test_key_order_in_a_body_does_not_matter(body: dict[str, Any], data: st.DataObject) -> None:
    shuffled = dict(data.draw(st.permutations(list(body.items()))))
    assert idempotency_key("c", "s", StepRequest(body=body)) == idempotency_key(
        "c", "s", StepRequest(body=shuffled)
    )


@settings(max_examples=200, deadline=None)
@given(
    one=st.dictionaries(st.text(max_size=6), json_values, max_size=4),
    two=st.dictionaries(st.text(max_size=6), json_values, max_size=4),
)
def test_different_bodies_have_different_keys(one: dict[str, Any], two: dict[str, Any]) -> None:
    same = json.dumps(one, sort_keys=True) == json.dumps(two, sort_keys=True)
    keys_equal = idempotency_key("c", "s", StepRequest(body=one)) == idempotency_key(
        "c", "s", StepRequest(body=two)
    )
    assert keys_equal is same


@settings(max_examples=100, deadline=None)
@given(
    campaign=st.from_regex(r"[A-Za-z0-9][A-Za-z0-9._-]{0,10}", fullmatch=True),
    step=st.text(min_size=1, max_size=12),
    generation=st.integers(min_value=0, max_value=5),
)
def test_keys_have_one_shape(campaign: str, step: str, generation: int) -> None:
    key = idempotency_key(campaign, step, StepRequest(), generation)
    assert KEY.fullmatch(key)
    assert key != idempotency_key(campaign, step, StepRequest(), generation + 1)
