"""A campaign file turned into steps: what each sends, in which order, bought how.

Every body a step builds goes through the SDK's own local checks
(``tokportal._core.fields.check_call`` with the operation's cross-field rule), the very ones a
typed method runs, so no API rule is written a second time here. ``load_campaign`` runs them
on every step with stand-in values for what only a run learns (bundle ids, upload paths).
"""

from __future__ import annotations

import datetime as dt
import os
import pathlib
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

import attrs

from .._core import validation_bundles
from .._core.fields import check_call, field_refusals
from ..errors import InvalidRequestError
from . import _keys
from ._errors import CampaignFileError
from ._file import CampaignBundle, CampaignFile, parse_campaign

__all__ = [
    "BULK_MAX",
    "STEP_KINDS",
    "MissingResultError",
    "Plan",
    "Step",
    "StepRequest",
    "build_plan",
    "check_campaign",
    "load_campaign",
]

# API.md §2.2 createBundlesBulk: accounts_count is 1..100. A larger group is planned as
# several batches up front; a batch the API refuses is never split afterwards.
BULK_MAX = 100
STEP_KINDS = ("create", "bulk", "picture", "upload", "account", "videos", "ready", "publish")

_OPERATIONS = {
    "create": "createBundle",
    "bulk": "createBundlesBulk",
    "picture": "uploadImageDirect",
    "upload": "uploadVideoDirect",
    "account": "configureBundleAccount",
    "videos": "batchConfigureBundleVideos",
    "ready": "getBundlePublishReadiness",
    "publish": "publishBundle",
}
# The cross-field rule the typed method of each operation runs after the field table.
_RULES: dict[str, Callable[..., dict[str, Any]]] = {
    "createBundle": validation_bundles.check_create,
    "createBundlesBulk": validation_bundles.check_bulk,
    "batchConfigureBundleVideos": validation_bundles.check_batch,
}


@attrs.frozen
class StepRequest:
    """What one step sends: path parameters, a JSON body, or an upload's file and form."""

    path_params: Mapping[str, Any] = attrs.field(factory=dict)
    body: Mapping[str, Any] | None = None
    file: pathlib.Path | None = None
    """The upload's local file (``uploadImageDirect`` / ``uploadVideoDirect``)."""
    form: Mapping[str, Any] = attrs.field(factory=dict)
    """The upload's form fields (``bundle_id``, ``purpose``)."""

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready view, as the journal stores it: an upload's file as its path, sha256
        and size (what its idempotency key is computed on)."""
        view: dict[str, Any] = {"path_params": dict(self.path_params), "body": self.body}
        if self.form:
            view["form"] = dict(self.form)
        if self.file is not None:
            sha256, size = _keys.file_digest(self.file)
            view["file"] = {"path": str(self.file), "sha256": sha256, "size": size}
        return view


class MissingResultError(KeyError):
    """A step's request needs the result of a step that is not done yet."""


def _result(results: Mapping[str, Mapping[str, Any]], step_id: str, key: str) -> Any:
    result = results.get(step_id)
    if result is None or result.get(key) is None:
        raise MissingResultError(f"{step_id} has no {key!r} yet (the step must be done first)")
    return result[key]


@attrs.frozen
class Step:
    """One call of a campaign, identified by a stable id (the journal's primary key).

    ``request(results)`` builds what it sends from the results of earlier steps, keyed by
    step id: ``create/<name>`` gives ``bundle_id``; ``bulk/<group>`` gives ``bundle_ids`` (in
    the order of ``bundles``); ``picture/<name>`` gives ``storage_path``;
    ``upload/<name>/<i>`` gives ``public_url``.
    """

    id: str
    kind: str
    operation_id: str
    paid: bool
    keyed: bool
    bundles: tuple[str, ...]
    after: tuple[str, ...]
    external_ref: str | None
    _campaign: CampaignFile = attrs.field(repr=False, eq=False, alias="campaign")
    _position: int | None = attrs.field(default=None, repr=False, alias="position")
    # The step that creates this step's bundle, and the bundle's place in a bulk group.
    _created_by: str = attrs.field(default="", repr=False, alias="created_by")
    _member: int = attrs.field(default=0, repr=False, alias="member")

    @property
    def campaign_id(self) -> str:
        """The id of the campaign the step belongs to."""
        return self._campaign.id

    @property
    def position(self) -> int | None:
        """An upload's video position (from 1); ``None`` for other steps."""
        return self._position

    def request(
        self,
        results: Mapping[str, Mapping[str, Any]],
        *,
        positions: Iterable[int] | None = None,
    ) -> StepRequest:
        """The request, given the results of earlier steps; checked by the SDK's field
        checks (``InvalidRequestError`` naming the field). ``positions``: for ``videos``,
        only these slots (resending the ones that failed)."""
        request = self._build(results, positions)
        return _checked(self.operation_id, request)

    def _bundle(self) -> CampaignBundle:
        return self._campaign.bundle(self.bundles[0])

    def _build(
        self, results: Mapping[str, Mapping[str, Any]], positions: Iterable[int] | None
    ) -> StepRequest:
        campaign = self._campaign
        if self.kind == "create":
            return StepRequest(body=create_body(campaign, self._bundle()))
        if self.kind == "bulk":
            members = [campaign.bundle(name) for name in self.bundles]
            return StepRequest(body=bulk_body(members, self.external_ref or ""))
        bundle_id = bundle_id_of(self._created_by, self._member, self.bundles[0], results)
        bundle = self._bundle()
        if self.kind == "picture":
            return StepRequest(
                file=bundle.account.picture,
                form={"bundle_id": bundle_id, "purpose": "profile_picture"},
            )
        if self.kind == "upload":
            assert self._position is not None
            return StepRequest(
                file=bundle.videos[self._position - 1].file, form={"bundle_id": bundle_id}
            )
        if self.kind == "account":
            picture = _result(results, f"picture/{bundle.name}", "storage_path")
            return StepRequest(path_params={"id": bundle_id}, body=account_body(bundle, picture))
        if self.kind == "videos":
            urls = {
                position: _result(results, f"upload/{bundle.name}/{position}", "public_url")
                for position in range(1, len(bundle.videos) + 1)
            }
            return StepRequest(
                path_params={"id": bundle_id},
                body=videos_body(campaign.id, bundle, urls, positions),
            )
        return StepRequest(path_params={"id": bundle_id})


def bundle_id_of(
    creation_step: str, member: int, name: str, results: Mapping[str, Mapping[str, Any]]
) -> str:
    """The bundle id of ``name`` from the result of the step that created it: a
    ``create/`` step's ``bundle_id``, or a ``bulk/`` step's ``bundle_ids[member]`` (its
    ``bundles`` mapping of name to id when the result has one)."""
    result = results.get(creation_step) or {}
    if creation_step.startswith("create/"):
        if result.get("bundle_id"):
            return str(result["bundle_id"])
    else:
        by_name = result.get("bundles")
        if isinstance(by_name, Mapping) and by_name.get(name):
            return str(by_name[name])
        ids = result.get("bundle_ids")
        if isinstance(ids, (list, tuple)) and member < len(ids) and ids[member]:
            return str(ids[member])
    raise MissingResultError(f"bundle {name!r} has no bundle id yet ({creation_step} is not done)")


def create_body(campaign: CampaignFile, bundle: CampaignBundle) -> dict[str, Any]:
    """``createBundle``: one new account with ``len(videos)`` video slots."""
    body: dict[str, Any] = {
        "bundle_type": "account_and_videos",
        "platform": bundle.platform,
        "country": bundle.country,
        "videos_quantity": len(bundle.videos),
        "external_ref": _keys.bundle_ref(campaign.id, bundle.name),
    }
    if bundle.title is not None:
        body["title"] = bundle.title
    if bundle.auto_finalize_videos is not None:
        body["auto_finalize_videos"] = bundle.auto_finalize_videos
    return body


def bulk_body(members: list[CampaignBundle], external_ref: str) -> dict[str, Any]:
    """``createBundlesBulk``: one account per member, each with the group's video count."""
    first = members[0]
    videos = len(first.videos)
    body: dict[str, Any] = {
        "platforms": [first.platform],
        "country": first.country,
        "accounts_count": len(members),
        "videos_per_account": videos,
        # Every account of the group gets its slots (not left to a server default).
        "upload_accounts_count": len(members),
        "external_ref": external_ref,
    }
    if first.auto_finalize_videos is not None:
        body["auto_finalize_videos"] = first.auto_finalize_videos
    return body


def account_body(bundle: CampaignBundle, picture_storage_path: str) -> dict[str, Any]:
    """``configureBundleAccount``: the profile, its picture as the upload's storage path."""
    account = bundle.account
    body: dict[str, Any] = {
        "username": account.username,
        "visible_name": account.visible_name,
        "biography": account.biography,
        "profile_picture_url": picture_storage_path,
    }
    if account.link_in_bio is not None:
        body["link_in_bio"] = account.link_in_bio
    return body


def videos_body(
    campaign_id: str,
    bundle: CampaignBundle,
    video_urls: Mapping[int, str],
    positions: Iterable[int] | None = None,
) -> dict[str, Any]:
    """``batchConfigureBundleVideos``: every slot (or ``positions``) with its uploaded video,
    caption, date and ``external_ref`` (how a resume recognises its own slots)."""
    wanted = None if positions is None else set(positions)
    items: list[dict[str, Any]] = []
    for position, video in enumerate(bundle.videos, start=1):
        if wanted is not None and position not in wanted:
            continue
        item: dict[str, Any] = {
            "position": position,
            "video_type": "video",
            "description": video.caption,
            "target_publish_date": video.date,
            "video_url": video_urls[position],
            "external_ref": _keys.video_ref(campaign_id, bundle.name, position),
        }
        if video.name is not None:
            item["name"] = video.name
        if video.instagram_content_type is not None:
            item["instagram_content_type"] = video.instagram_content_type
        items.append(item)
    return {"videos": items}


def _checked(operation_id: str, request: StepRequest) -> StepRequest:
    """The request as it goes out, after the SDK's own checks of ``operation_id``."""
    if request.body is None:
        return request
    _, body = check_call(operation_id, query=None, body=request.body, rule=_RULES.get(operation_id))
    return attrs.evolve(request, body=body)


@attrs.frozen
class Plan:
    """Every step of a campaign, in a valid execution order (each after its ``after``)."""

    campaign: CampaignFile
    steps: tuple[Step, ...]

    def step(self, step_id: str) -> Step:
        """The step called ``step_id`` (``KeyError`` when there is none)."""
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def paid_steps(self) -> tuple[Step, ...]:
        """The steps that cost credits (the creations), in order."""
        return tuple(step for step in self.steps if step.paid)

    def creation_of(self, bundle: str) -> Step:
        """The step that creates ``bundle`` (its ``create/`` or the ``bulk/`` it belongs to)."""
        for step in self.steps:
            if step.kind in ("create", "bulk") and bundle in step.bundles:
                return step
        raise KeyError(bundle)

    def bundle_steps(self, bundle: str) -> tuple[Step, ...]:
        """The free steps of one bundle, in order (picture, uploads ... publish)."""
        return tuple(
            step
            for step in self.steps
            if step.kind not in ("create", "bulk") and step.bundles == (bundle,)
        )


def _groups(
    campaign: CampaignFile,
) -> tuple[list[tuple[str, list[CampaignBundle]]], list[CampaignBundle]]:
    """The bulk groups (id, members) and the bundles bought alone, in file order."""
    if not campaign.bulk:
        return [], list(campaign.bundles)
    keyed: dict[tuple[str, str, int, bool | None], list[CampaignBundle]] = {}
    for bundle in campaign.bundles:
        if bundle.title is not None:
            continue
        key = (bundle.country, bundle.platform, len(bundle.videos), bundle.auto_finalize_videos)
        keyed.setdefault(key, []).append(bundle)
    groups: list[tuple[str, list[CampaignBundle]]] = []
    grouped: set[str] = set()
    counters: dict[str, int] = {}
    for (country, platform, _, _), members in keyed.items():
        if len(members) < 2:
            continue
        for start in range(0, len(members), BULK_MAX):
            chunk = members[start : start + BULK_MAX]
            if len(chunk) < 2:
                continue  # what is left after the 100s: a group of one, bought alone
            stem = f"{_slug(country)}-{platform}"
            counters[stem] = counters.get(stem, 0) + 1
            groups.append((f"{stem}-{counters[stem]}", chunk))
            grouped.update(bundle.name for bundle in chunk)
    alone = [bundle for bundle in campaign.bundles if bundle.name not in grouped]
    return groups, alone


def _slug(text: str) -> str:
    # A country is the API's to judge; in a step id it only has to stay one path segment.
    return re.sub(r"[^A-Za-z0-9._-]+", "_", text) or "_"


def _steps(campaign: CampaignFile) -> tuple[Step, ...]:
    groups, alone = _groups(campaign)
    steps: list[Step] = []
    creation: dict[str, tuple[str, int]] = {}

    def add(**fields: Any) -> None:
        steps.append(Step(campaign=campaign, **fields))

    # Paid creations first, in file order of their first bundle.
    firsts: list[tuple[int, Any]] = [(members[0].index, (gid, members)) for gid, members in groups]
    firsts += [(bundle.index, bundle) for bundle in alone]
    for _, item in sorted(firsts, key=lambda pair: pair[0]):
        if isinstance(item, CampaignBundle):
            step_id = f"create/{item.name}"
            add(
                id=step_id,
                kind="create",
                operation_id=_OPERATIONS["create"],
                paid=True,
                keyed=True,
                bundles=(item.name,),
                after=(),
                external_ref=_keys.bundle_ref(campaign.id, item.name),
            )
            creation[item.name] = (step_id, 0)
        else:
            group_id, members = item
            step_id = f"bulk/{group_id}"
            add(
                id=step_id,
                kind="bulk",
                operation_id=_OPERATIONS["bulk"],
                paid=True,
                keyed=True,
                bundles=tuple(member.name for member in members),
                after=(),
                external_ref=_keys.group_ref(campaign.id, group_id),
            )
            for place, member in enumerate(members):
                creation[member.name] = (step_id, place)

    for bundle in campaign.bundles:
        name = bundle.name
        created, member = creation[name]

        def free(kind: str, step_id: str, after: tuple[str, ...], **extra: Any) -> None:
            add(
                id=step_id,
                kind=kind,
                operation_id=_OPERATIONS[kind],
                paid=False,
                keyed=kind != "ready",
                bundles=(name,),  # noqa: B023 - used at once, inside this iteration
                after=after,
                created_by=created,  # noqa: B023
                member=member,  # noqa: B023
                **extra,
            )

        free("picture", f"picture/{name}", (created,), external_ref=None)
        uploads = []
        for position in range(1, len(bundle.videos) + 1):
            upload_id = f"upload/{name}/{position}"
            free("upload", upload_id, (created,), external_ref=None, position=position)
            uploads.append(upload_id)
        free("account", f"account/{name}", (f"picture/{name}",), external_ref=None)
        free("videos", f"videos/{name}", (*uploads, f"account/{name}"), external_ref=None)
        free("ready", f"ready/{name}", (f"videos/{name}",), external_ref=None)
        free("publish", f"publish/{name}", (f"ready/{name}",), external_ref=None)
    return tuple(steps)


# Stand-ins for what only a run learns, so that every body can be checked before it.
_STAND_IN_ID = "00000000-0000-4000-8000-000000000000"
_STAND_IN_PATH = "profile-pictures/stand-in.jpg"
_STAND_IN_URL = "https://uploads.invalid/stand-in.mp4"

# Where a refused wire field comes from in the file, per step kind.
_ACCOUNT_FIELDS = {
    "username": "account.username",
    "visible_name": "account.visible_name",
    "biography": "account.biography",
    "link_in_bio": "account.link_in_bio",
    "profile_picture_url": "account.picture",
}
_VIDEO_FIELDS = {
    "description": "caption",
    "target_publish_date": "date",
    "name": "name",
    "instagram_content_type": "instagram_content_type",
    "video_url": "file",
    "external_ref": "name",
}
_BUNDLE_FIELDS = {
    "country": "country",
    "platform": "platform",
    "platforms": "platform",
    "title": "title",
    "auto_finalize_videos": "auto_finalize_videos",
    "videos_quantity": "videos",
    "videos_per_account": "videos",
    "external_ref": "name",
}


def _location(
    campaign: CampaignFile, step: Step, field: str | None, position: int | None = None
) -> str:
    """Where in the file a refused wire field of ``step``'s body comes from."""
    bundle = campaign.bundle(step.bundles[0])
    where = f"bundles[{bundle.index}]"
    if field is None:
        return where
    head = re.split(r"[.\[]", field, maxsplit=1)[0]
    if step.kind == "account":
        return f"{where}.{_ACCOUNT_FIELDS.get(head, 'account.' + head)}"
    if step.kind == "videos":
        match = re.match(r"videos\[(\d+)\]\.([A-Za-z_]+)", field)
        if match and position is not None:
            video = bundle.videos[position - 1]
            name = _VIDEO_FIELDS.get(match.group(2), match.group(2))
            return f"{where}.videos[{video.index}].{name}"
        return f"{where}.videos"
    if head in _BUNDLE_FIELDS:
        return f"{where}.{_BUNDLE_FIELDS[head]}"
    return f"{where} ({step.id}: {field})"


def _refusals(operation_id: str, body: Mapping[str, Any]) -> list[InvalidRequestError]:
    """Every problem the SDK's checks find in ``body``, not only the first: each field on
    its own (``field_refusals``; a batch's items as ``configureBundleVideo`` bodies), then,
    when no required field is wanting, the operation's whole check (its cross-field rule)
    on the fields that passed."""
    found = field_refusals(operation_id, body)
    refused = {error.field for error in found}
    remaining = {name: value for name, value in body.items() if name not in refused}
    if operation_id == "batchConfigureBundleVideos" and isinstance(body.get("videos"), list):
        items = []
        for index, item in enumerate(body["videos"]):
            prefix = f"videos[{index}]."
            item_found = field_refusals("configureBundleVideo", item, where=prefix)
            found += item_found
            item_refused = {error.field for error in item_found}
            items.append({k: v for k, v in item.items() if prefix + k not in item_refused})
        refused |= {error.field for error in found}
        remaining["videos"] = items
    if any(error.value is None and str(error).endswith("is required") for error in found):
        return found
    try:
        _checked(operation_id, StepRequest(body=remaining))
    except InvalidRequestError as error:
        if error.field not in refused:
            found.append(error)
    return found


def _stand_in_results(plan_steps: tuple[Step, ...]) -> dict[str, dict[str, Any]]:
    results: dict[str, dict[str, Any]] = {}
    for step in plan_steps:
        if step.kind == "create":
            results[step.id] = {"bundle_id": _STAND_IN_ID}
        elif step.kind == "bulk":
            results[step.id] = {"bundle_ids": [_STAND_IN_ID] * len(step.bundles)}
        elif step.kind == "picture":
            results[step.id] = {"storage_path": _STAND_IN_PATH}
        elif step.kind == "upload":
            results[step.id] = {"public_url": _STAND_IN_URL}
    return results


def check_campaign(campaign: CampaignFile) -> list[str]:
    """Every problem the SDK's field checks find in the bodies the plan will send, each
    ``"location: message"``, with stand-ins for what only a run learns (bundle ids, upload
    paths). A bulk group's problem is told once, with its members."""
    steps = _steps(campaign)
    results = _stand_in_results(steps)
    problems: list[str] = []
    for step in steps:
        checks: list[list[int] | None]
        if step.kind == "videos":
            # One slot at a time, so that every slot's problems are told, not the first.
            bundle = campaign.bundle(step.bundles[0])
            checks = [[position] for position in range(1, len(bundle.videos) + 1)]
        else:
            checks = [None]
        for positions in checks:
            request = step._build(results, positions)
            if request.body is None:
                continue
            for error in _refusals(step.operation_id, request.body):
                field = error.field
                text = str(error)
                if field and text.startswith(f"{field}="):
                    text = text[len(field) + 1 :]
                where = _location(campaign, step, field, positions[0] if positions else None)
                members = ""
                if step.kind == "bulk":
                    members = f" (bulk group {step.id}: {', '.join(step.bundles)})"
                problem = f"{where}: {text} [{step.operation_id}: {field}]{members}"
                if problem not in problems:
                    problems.append(problem)
    return problems


def build_plan(campaign: CampaignFile) -> Plan:
    """The steps of a campaign in a valid order; ``CampaignFileError`` when a body the plan
    would send breaks an SDK field check."""
    problems = check_campaign(campaign)
    if problems:
        raise CampaignFileError(problems, path=str(campaign.path))
    return Plan(campaign=campaign, steps=_steps(campaign))


def load_campaign(path: str | os.PathLike[str], *, today: dt.date | None = None) -> CampaignFile:
    """Read and check a campaign file (TOML), raising one ``CampaignFileError`` that lists
    every problem with its location. ``today`` (a ``datetime.date``, UTC today by default)
    is what target dates are measured from."""
    campaign, problems, draft = parse_campaign(path, today=today)
    if draft is not None:
        # The draft holds stand-ins where a value has a problem of its own: a request
        # problem at a place already told is that same problem, seen again.
        told = {problem.partition(": ")[0] for problem in problems}
        for problem in check_campaign(draft):
            if problem.partition(": ")[0] not in told and problem not in problems:
                problems.append(problem)
    if problems or campaign is None:
        raise CampaignFileError(problems, path=str(path))
    return campaign
