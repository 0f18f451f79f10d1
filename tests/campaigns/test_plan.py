"""The plan: steps in a valid order, bulk grouping, and request bodies that pass the SDK's
own field checks (``build_plan``, ``Step.request``)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import attrs
import pytest

from tests.campaigns._support import EXAMPLE, TODAY, bundle_toml, campaign_toml, write
from tokportal._core.fields import check_request, field_refusals
from tokportal.campaigns import (
    CampaignFileError,
    Plan,
    Step,
    StepRequest,
    build_plan,
    load_campaign,
)
from tokportal.campaigns import _plan as plan_module
from tokportal.errors import InvalidRequestError


def plan_of(path: Path) -> Plan:
    return build_plan(load_campaign(path, today=TODAY))


def results_for(plan: Plan) -> dict[str, dict[str, Any]]:
    """What a run would have learned: ids, storage paths and urls, made up per step."""
    results: dict[str, dict[str, Any]] = {}
    for step in plan.steps:
        if step.kind == "create":
            results[step.id] = {"bundle_id": f"id-{step.bundles[0]}"}
        elif step.kind == "bulk":
            results[step.id] = {"bundle_ids": [f"id-{name}" for name in step.bundles]}
        elif step.kind == "picture":
            results[step.id] = {"storage_path": f"pp/{step.bundles[0]}.jpg"}
        elif step.kind == "upload":
            results[step.id] = {"public_url": f"https://cdn.example/{step.id}.mp4"}
    return results


# -- order --------------------------------------------------------------------------------------


def test_the_example_plan() -> None:
    plan = plan_of(EXAMPLE)
    ids = [step.id for step in plan.steps]
    assert ids == [
        "bulk/US-tiktok-1",
        "create/fr-1",
        "picture/us-1",
        "upload/us-1/1",
        "upload/us-1/2",
        "account/us-1",
        "videos/us-1",
        "ready/us-1",
        "publish/us-1",
        "picture/us-2",
        "upload/us-2/1",
        "upload/us-2/2",
        "account/us-2",
        "videos/us-2",
        "ready/us-2",
        "publish/us-2",
        "picture/fr-1",
        "upload/fr-1/1",
        "account/fr-1",
        "videos/fr-1",
        "ready/fr-1",
        "publish/fr-1",
    ]
    assert [s.id for s in plan.paid_steps()] == ["bulk/US-tiktok-1", "create/fr-1"]
    assert plan.step("videos/us-1").after == ("upload/us-1/1", "upload/us-1/2", "account/us-1")
    assert plan.step("account/fr-1").after == ("picture/fr-1",)
    assert plan.step("upload/us-2/1").after == ("bulk/US-tiktok-1",)
    assert plan.step("publish/us-1").after == ("ready/us-1",)


def test_every_step_comes_after_what_it_needs(tmp_path: Path) -> None:
    text = campaign_toml(
        bundle_toml("a", videos=3),
        bundle_toml("b", country="FR", videos=2),
        bundle_toml("c", videos=3),
        bundle_toml("d", platform="instagram", videos=1),
        bundle_toml("e", country="FR", videos=2, extra="title = 'alone'"),
    )
    plan = plan_of(write(tmp_path, text))
    seen: set[str] = set()
    for step in plan.steps:
        assert set(step.after) <= seen, step.id
        seen.add(step.id)
    assert len(seen) == len(plan.steps)
    # Each bundle's free steps wait for its own creation, and only the paid steps are paid.
    for step in plan.steps:
        if step.kind in ("picture", "upload"):
            assert step.after == (plan.creation_of(step.bundles[0]).id,)
        assert step.paid is (step.kind in ("create", "bulk"))
        assert step.keyed is (step.kind != "ready")


def test_step_kinds_and_operations() -> None:
    plan = plan_of(EXAMPLE)
    operations = {step.kind: step.operation_id for step in plan.steps}
    assert operations == {
        "bulk": "createBundlesBulk",
        "create": "createBundle",
        "picture": "uploadImageDirect",
        "upload": "uploadVideoDirect",
        "account": "configureBundleAccount",
        "videos": "batchConfigureBundleVideos",
        "ready": "getBundlePublishReadiness",
        "publish": "publishBundle",
    }
    with pytest.raises(KeyError):
        plan.step("create/nobody")


# -- bulk grouping ----------------------------------------------------------------------------


def creations(plan: Plan) -> list[tuple[str, tuple[str, ...]]]:
    return [(step.id, step.bundles) for step in plan.paid_steps()]


def test_bulk_groups_same_country_platform_videos_and_finalize(tmp_path: Path) -> None:
    text = campaign_toml(
        bundle_toml("a", videos=2),
        bundle_toml("b", videos=3),  # another count of videos
        bundle_toml("c", videos=2),
        bundle_toml("d", videos=2, platform="instagram"),  # another platform
        bundle_toml("e", videos=2, country="FR"),  # another country
        bundle_toml("f", videos=2, extra="auto_finalize_videos = false"),  # another setting
        bundle_toml("g", videos=2, extra="title = 'Own title'"),  # bought alone
        bundle_toml("h", videos=2),
        bundle_toml("i", videos=2, extra="auto_finalize_videos = false"),
    )
    plan = plan_of(write(tmp_path, text))
    assert creations(plan) == [
        ("bulk/US-tiktok-1", ("a", "c", "h")),
        ("create/b", ("b",)),
        ("create/d", ("d",)),
        ("create/e", ("e",)),
        ("bulk/US-tiktok-2", ("f", "i")),
        ("create/g", ("g",)),
    ]
    assert plan.step("bulk/US-tiktok-1").external_ref == "c1/US-tiktok-1"
    assert plan.step("create/g").external_ref == "c1/g"
    body = plan.step("bulk/US-tiktok-2").request({}).body
    assert body == {
        "platforms": ["tiktok"],
        "country": "US",
        "accounts_count": 2,
        "videos_per_account": 2,
        "upload_accounts_count": 2,
        "external_ref": "c1/US-tiktok-2",
        "auto_finalize_videos": False,
    }
    assert plan.step("create/g").request({}).body == {
        "bundle_type": "account_and_videos",
        "platform": "tiktok",
        "country": "US",
        "videos_quantity": 2,
        "external_ref": "c1/g",
        "title": "Own title",
    }


def test_bulk_off_buys_each_bundle_alone(tmp_path: Path) -> None:
    text = campaign_toml(bundle_toml("a"), bundle_toml("b"), header='id = "c1"\nbulk = false')
    assert creations(plan_of(write(tmp_path, text))) == [("create/a", ("a",)), ("create/b", ("b",))]


def test_a_group_of_one_is_a_single_create(tmp_path: Path) -> None:
    plan = plan_of(write(tmp_path, campaign_toml(bundle_toml("a"))))
    assert creations(plan) == [("create/a", ("a",))]


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (100, [("bulk/US-tiktok-1", 100)]),
        (250, [("bulk/US-tiktok-1", 100), ("bulk/US-tiktok-2", 100), ("bulk/US-tiktok-3", 50)]),
        # What is left after the 100s is bought like any group of one.
        (101, [("bulk/US-tiktok-1", 100), ("create/b-101", 1)]),
    ],
)
def test_groups_above_100_are_cut_into_100s_up_front(
    tmp_path: Path, count: int, expected: list[tuple[str, int]]
) -> None:
    text = campaign_toml(*(bundle_toml(f"b-{i}") for i in range(1, count + 1)))
    plan = plan_of(write(tmp_path, text))
    got = [(step_id, len(members)) for step_id, members in creations(plan)]
    assert got == expected
    for step in plan.paid_steps():
        if step.kind == "bulk":
            body = step.request({}).body
            assert body is not None and body["accounts_count"] == len(step.bundles) <= 100
    # Members are in file order, each bought exactly once.
    bought = [name for _, members in creations(plan) for name in members]
    assert bought == [f"b-{i}" for i in range(1, count + 1)]


def test_bulk_members_get_their_ids_in_order(tmp_path: Path) -> None:
    plan = plan_of(write(tmp_path, campaign_toml(bundle_toml("a"), bundle_toml("b"))))
    by_list = {"bulk/US-tiktok-1": {"bundle_ids": ["id-a", "id-b"]}}
    by_name = {"bulk/US-tiktok-1": {"bundles": {"b": "id-b", "a": "id-a"}}}
    for results in (by_list, by_name):
        assert plan.step("upload/b/1").request(results).form["bundle_id"] == "id-b"
        assert plan.step("picture/a").request(results).form["bundle_id"] == "id-a"


# -- requests -----------------------------------------------------------------------------------


def test_the_example_requests() -> None:
    plan = plan_of(EXAMPLE)
    results = results_for(plan)
    media = EXAMPLE.parent.resolve() / "media"
    assert plan.step("picture/us-1").request(results) == StepRequest(
        file=media / "us1.jpg", form={"bundle_id": "id-us-1", "purpose": "profile_picture"}
    )
    assert plan.step("upload/us-2/2").request(results) == StepRequest(
        file=media / "c.mp4", form={"bundle_id": "id-us-2"}
    )
    assert plan.step("account/fr-1").request(results) == StepRequest(
        path_params={"id": "id-fr-1"},
        body={
            "username": "acme.fr",
            "visible_name": "Acme France",
            "biography": "Le printemps arrive.",
            "profile_picture_url": "pp/fr-1.jpg",
            "link_in_bio": "https://acme.example/fr",
        },
    )
    assert plan.step("videos/fr-1").request(results).body == {
        "videos": [
            {
                "position": 1,
                "video_type": "video",
                "description": "Le printemps chez Acme",
                "target_publish_date": "2026-12-08",
                "video_url": "https://cdn.example/upload/fr-1/1.mp4",
                "external_ref": "spring-launch/fr-1/v1",
                "name": "fr teaser",
                "instagram_content_type": "reel",
            }
        ]
    }
    for kind in ("ready", "publish"):
        assert plan.step(f"{kind}/us-1").request(results) == StepRequest(
            path_params={"id": "id-us-1"}
        )


def test_every_body_passes_the_sdk_field_checks_unchanged() -> None:
    plan = plan_of(EXAMPLE)
    results = results_for(plan)
    bodies = 0
    for step in plan.steps:
        request = step.request(results)
        if request.body is None:
            continue
        bodies += 1
        _, checked = check_request(step.operation_id, query=None, body=request.body)
        assert checked == request.body, step.id  # already as it goes out (dates as text)
    assert bodies == 2 + 3 * 2  # the two creations; account and videos per bundle


def test_videos_resend_only_the_positions_asked(tmp_path: Path) -> None:
    plan = plan_of(write(tmp_path, campaign_toml(bundle_toml("a", videos=3))))
    body = plan.step("videos/a").request(results_for(plan), positions=[3, 1]).body
    assert body is not None
    assert [item["position"] for item in body["videos"]] == [1, 3]
    assert [item["external_ref"] for item in body["videos"]] == ["c1/a/v1", "c1/a/v3"]


def test_a_request_needs_the_results_of_earlier_steps() -> None:
    plan = plan_of(EXAMPLE)
    with pytest.raises(KeyError, match="bulk/US-tiktok-1 is not done"):
        plan.step("picture/us-1").request({})
    partial = {"bulk/US-tiktok-1": {"bundle_ids": ["x", "y"]}}
    with pytest.raises(KeyError, match="picture/us-1 has no 'storage_path'"):
        plan.step("account/us-1").request(partial)
    with pytest.raises(KeyError, match="upload/us-1/1 has no 'public_url'"):
        plan.step("videos/us-1").request(partial)


def test_a_broken_body_is_refused_with_the_field_named() -> None:
    campaign = load_campaign(EXAMPLE, today=TODAY)
    bundle = campaign.bundles[0]
    broken = attrs.evolve(
        campaign,
        bundles=(
            attrs.evolve(bundle, account=attrs.evolve(bundle.account, username="no spaces!")),
            *campaign.bundles[1:],
        ),
    )
    with pytest.raises(CampaignFileError) as caught:
        build_plan(broken)
    (problem,) = caught.value.problems
    assert problem.startswith("bundles[0].account.username: 'no spaces!' is refused")
    assert problem.endswith("[configureBundleAccount: username]")

    # A step built by hand from that campaign refuses to build the request at all.
    plan = build_plan(campaign)
    step = plan.step("account/us-1")
    rogue = Step(
        id=step.id,
        kind=step.kind,
        operation_id=step.operation_id,
        paid=step.paid,
        keyed=step.keyed,
        bundles=step.bundles,
        after=step.after,
        external_ref=step.external_ref,
        campaign=broken,
        created_by="bulk/US-tiktok-1",
    )
    with pytest.raises(InvalidRequestError) as refused:
        rogue.request(results_for(plan))
    assert refused.value.field == "username"


def test_a_broken_video_slot_is_refused_with_its_field() -> None:
    campaign = load_campaign(EXAMPLE, today=TODAY)
    fr1 = campaign.bundles[2]
    broken = attrs.evolve(
        campaign,
        bundles=(
            *campaign.bundles[:2],
            attrs.evolve(fr1, videos=(attrs.evolve(fr1.videos[0], caption=""),)),
        ),
    )
    with pytest.raises(CampaignFileError) as caught:
        build_plan(broken)
    (problem,) = caught.value.problems
    assert problem.startswith("bundles[2].videos[0].caption: ")
    assert "[batchConfigureBundleVideos: videos[0].description]" in problem


def test_the_journal_view_of_a_request() -> None:
    plan = plan_of(EXAMPLE)
    results = results_for(plan)
    upload = plan.step("upload/us-1/1").request(results)
    media = EXAMPLE.parent.resolve() / "media"
    assert upload.as_dict() == {
        "path_params": {},
        "body": None,
        "form": {"bundle_id": "id-us-1"},
        "file": {
            "path": str(media / "a.mp4"),
            "sha256": hashlib.sha256(b"mp4-a").hexdigest(),
            "size": 5,
        },
    }
    account = plan.step("account/us-1").request(results)
    view = account.as_dict()
    assert view == {"path_params": {"id": "id-us-1"}, "body": account.body}
    json.dumps(view)  # JSON-ready


def test_field_refusals_judges_each_field_on_its_own() -> None:
    # The helper behind "every problem at once": check_request stops at the first field.
    body = {"username": "bad name", "visible_name": "", "biography": "ok"}
    with pytest.raises(InvalidRequestError) as first:
        check_request("configureBundleAccount", query=None, body=body)
    assert first.value.field == "username"
    found = field_refusals("configureBundleAccount", body)
    assert [error.field for error in found] == ["username", "visible_name"]
    missing = field_refusals("configureBundleAccount", {}, where="x.")
    assert [(e.field, str(e).endswith("is required")) for e in missing] == [
        ("x.username", True),
        ("x.visible_name", True),
    ]
    assert field_refusals("configureBundleAccount", {"username": "a", "visible_name": "b"}) == []


def test_the_cross_field_rules_are_the_specs() -> None:
    # The plan runs the rule the spec names for each operation it sends (the typed methods'
    # rule): this keeps the two from drifting apart.
    from tokportal._spec import OPERATIONS as SPEC

    named = {op.id: op.rules for op in SPEC if op.id in set(plan_module._OPERATIONS.values())}
    assert len(named) == len(plan_module._OPERATIONS)
    ours = {
        op: f"{rule.__module__.rpartition('.')[2]}.{rule.__name__}"
        for op, rule in plan_module._RULES.items()
    }
    assert ours == {op: rule for op, rule in named.items() if rule is not None}
