# Generated from tokportal/_async/campaigns/reconcile.py by scripts/generate_sync.py; do not edit.
"""Looking before paying again: what the API already did for a step left "sending".

A step found ``sending`` after a crash may or may not have reached the API, and the ledger
behind its idempotency key may have forgotten it. The bundles and video slots a campaign
creates carry its ``external_ref``, a durable key the API de-duplicates on and filters by:
these look-ups find them. Each returns the result to adopt, or ``None`` to send again.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from ...campaigns._errors import CampaignError
from ...campaigns._keys import video_ref
from ...campaigns._plan import Step
from .steps import CONFIGURED_OR_LATER, PUBLISHED_OR_LATER, bulk_result

if TYPE_CHECKING:
    from ..client import TokPortal


def created_bundle(client: TokPortal, step: Step) -> dict[str, Any] | None:
    """``create/<name>``: the bundle carrying the step's ``external_ref`` (``listBundles``)."""
    assert step.external_ref is not None
    for bundle in client.bundles.list(external_ref=step.external_ref):
        # A cancelled bundle no longer holds its reference (the API accepts it again).
        if bundle.external_ref == step.external_ref and str(bundle.status) != "cancelled":
            return {"bundle_id": bundle.id, "status": str(bundle.status)}
    return None


def created_batch(client: TokPortal, step: Step) -> dict[str, Any] | None:
    """``bulk/<group>``: the batch's bundles, all of them or none.

    API.md does not say which ``external_ref`` TokPortal gives each bundle of a batch (the
    emulator suffixes ``-1..-n``), so every bundle is listed and those whose reference is the
    group's or starts with the group's followed by ``-`` are taken, ordered by that suffix.
    A batch is atomic: finding only part of it means something else created those bundles,
    which no automatic choice can settle. Should the API give every bundle the group's
    reference unsuffixed, they are ordered by id: a batch's bundles are alike until
    configured, so any fixed matching to the members is a right one.
    """
    ref = step.external_ref
    assert ref is not None
    found: list[tuple[int, str]] = []
    suffix = re.compile(re.escape(ref) + r"(?:-(\d+))?")
    for bundle in client.bundles.list():
        match = suffix.fullmatch(bundle.external_ref or "")
        if match is None or str(bundle.status) == "cancelled":
            continue
        found.append((int(match.group(1) or 0), bundle.id))
    if not found:
        return None
    if len(found) != len(step.bundles):
        raise CampaignError(
            f"{step.id}: {len(found)} bundle(s) carry the group's external_ref {ref!r} but "
            f"the group has {len(step.bundles)}; settle it by hand (cancel the strays or "
            "change the campaign id) before resuming"
        )
    return bulk_result(step, [bundle_id for _, bundle_id in sorted(found)])


def duplicate_bundle(client: TokPortal, bundle_id: str) -> dict[str, Any]:
    """``DUPLICATE_ACCOUNT_BUNDLE``: the existing bundle named by ``details.existing_bundle_id``
    (read back with ``getBundle``: it must exist and be ours)."""
    bundle = client.bundles.get(bundle_id)
    return {"bundle_id": bundle.id, "status": str(bundle.status)}


def videos_left(client: TokPortal, step: Step, bundle_id: str, count: int) -> list[int]:
    """``videos/<name>``: the positions still to configure. A slot counts as done when it
    carries this campaign's ``external_ref`` for that position and is configured or later
    (``listBundleVideos``)."""
    name = step.bundles[0]
    done = {
        video.position
        for video in client.bundles.videos.list(bundle_id)
        if video.external_ref == video_ref(step.campaign_id, name, video.position)
        and str(video.status) in CONFIGURED_OR_LATER
    }
    return [position for position in range(1, count + 1) if position not in done]


def published(client: TokPortal, bundle_id: str) -> dict[str, Any] | None:
    """``publish/<name>``: the bundle, when it is already published or further along."""
    bundle = client.bundles.get(bundle_id)
    if str(bundle.status) in PUBLISHED_OR_LATER:
        return {"bundle_id": bundle.id, "status": str(bundle.status)}
    return None
