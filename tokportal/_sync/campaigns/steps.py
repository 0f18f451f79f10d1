# Generated from tokportal/_async/campaigns/steps.py by scripts/generate_sync.py; do not edit.
"""One campaign step on the wire: the typed client method each kind calls, and what the
journal keeps of its answer (the result later steps build their requests from)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ..._core.uploads import Progress
from ...campaigns._plan import Step, StepRequest
from ...errors import APIStatusError, TokPortalError
from ...models.bulk import BulkCreateResult
from ...models.bundles import Bundle, BundleResult, PublishReadiness
from ...models.common import ChargeInfo
from ...models.uploads import ImageUpload, VideoUpload
from ...models.videos import BatchConfigureResult

if TYPE_CHECKING:
    from ..._types import RequestOptions
    from ..client import TokPortal

# Where a bundle stands once publishing went through (``getBundle`` on resume).
PUBLISHED_OR_LATER = frozenset(
    {"published", "published_priority", "accepted", "completed", "archived"}
)
# A video slot configured, or gone further (``listBundleVideos`` on resume).
CONFIGURED_OR_LATER = frozenset(
    {"configured", "published", "accepted", "in_review", "pending_corrections", "finalized"}
)


def send(
    client: TokPortal,
    step: Step,
    request: StepRequest,
    *,
    key: str | None,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> Any:
    """Send one step with the typed client method of its operation (the same local checks
    as any caller's), ``key`` as its ``Idempotency-Key``; returns the parsed model."""
    options: RequestOptions = {}
    if key is not None:
        options["idempotency_key"] = key
    if dry_run:
        options["dry_run"] = True
    body = dict(request.body or {})
    kind = step.kind
    if kind == "create":
        return client.bundles.create(**body, **options)
    if kind == "bulk":
        return client.bundles.create_bulk(**body, **options)
    form = request.form
    if kind == "picture":
        assert request.file is not None
        return client.uploads.image(
            request.file,
            bundle_id=str(form["bundle_id"]),
            purpose=str(form.get("purpose", "profile_picture")),
            progress=progress,
            **options,
        )
    if kind == "upload":
        assert request.file is not None
        return client.uploads.video(
            request.file, bundle_id=str(form["bundle_id"]), progress=progress, **options
        )
    bundle_id = str(request.path_params["id"])
    if kind == "account":
        return client.bundles.account.configure(bundle_id, **body, **options)
    if kind == "videos":
        return client.bundles.videos.configure_batch(bundle_id, videos=body["videos"], **options)
    if kind == "ready":
        return client.bundles.publish_readiness(bundle_id)
    if kind == "publish":
        return client.bundles.publish(bundle_id, **options)
    raise TokPortalError(f"unknown campaign step kind {kind!r} ({step.id})")


def result_of(step: Step, answer: Any) -> tuple[dict[str, Any], int | None]:
    """What the journal keeps of an answer (plain JSON), and the credits it charged."""
    if isinstance(answer, BundleResult):
        return bundle_result(answer.bundle), answer.credits_charged
    if isinstance(answer, BulkCreateResult):
        return bulk_result(step, answer.bundle_ids), answer.credits_charged
    if isinstance(answer, ImageUpload):
        return {"storage_path": answer.storage_path, "public_url": answer.public_url}, None
    if isinstance(answer, VideoUpload):
        return {"public_url": answer.public_url}, None
    if isinstance(answer, Bundle):
        return bundle_result(answer), None
    if isinstance(answer, PublishReadiness):
        return {"blockers": plain(answer.blockers)}, None
    if isinstance(answer, BatchConfigureResult):
        return {"configured": sorted(v.position for v in answer.configured)}, None
    return {"ok": True}, None


def bundle_result(bundle: Bundle) -> dict[str, Any]:
    return {
        "bundle_id": bundle.id,
        "status": str(bundle.status),
        "external_ref": bundle.external_ref,
    }


def bulk_result(step: Step, bundle_ids: list[str]) -> dict[str, Any]:
    """A batch's bundles matched to the group's members in order (the contract)."""
    if len(bundle_ids) != len(step.bundles):
        raise TokPortalError(
            f"{step.id}: the API created {len(bundle_ids)} bundles for a group of "
            f"{len(step.bundles)}"
        )
    return {"members": list(step.bundles), "bundle_ids": list(bundle_ids)}


def charged(answer: Any) -> int | None:
    return answer.credits_charged if isinstance(answer, ChargeInfo) else None


def quoted(answer: Any) -> tuple[int, dict[str, Any]]:
    """A dry run's price and its breakdown."""
    if not isinstance(answer, ChargeInfo) or answer.credits_would_charge is None:
        raise TokPortalError("the dry run did not say what it would charge")
    breakdown = plain(answer.cost_breakdown) if answer.cost_breakdown is not None else {}
    return answer.credits_would_charge, breakdown if isinstance(breakdown, dict) else {}


def error_record(error: BaseException) -> dict[str, Any]:
    """What ``Journal.fail`` keeps of an error: code, status, message, request id."""
    if isinstance(error, APIStatusError):
        return {
            "code": error.code,
            "status": error.status_code,
            "message": error.message,
            "request_id": error.request_id,
            "details": plain(error.details),
        }
    return {"code": type(error).__name__, "status": None, "message": str(error)}


def plain(value: Any) -> Any:
    """Models and mappings as plain JSON values (what the journal can store)."""
    if hasattr(value, "__attrs_attrs__"):
        from ...models._converter import converter

        value = converter.unstructure(value)
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)
