# Generated from tests/_async/wire.py by scripts/generate_sync.py; do not edit.
"""Wire cases: one per operation, each a typed call and what it must send.

Every ``test_wire_*.py`` module beside this one holds a ``WIRE_CASES`` list; together they
cover all 91 operations (``test_wire_coverage`` checks), and each case is run on both
clients by :func:`run_wire_case`.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable, Mapping
from typing import Any

import attrs
import httpx

from tests.helpers import Recorder
from tests.model_payloads import minimal_payload
from tokportal import OPERATIONS, Paginator, TokPortal
from tokportal import models as m

DEFAULT_RESPONSE: Mapping[str, Any] = {"data": {}}

# What an operation's typed method reads, for cases that keep the default response: the
# smallest answer holding every field the API documents as always there.
_DATA_MODELS: Mapping[type[m.Model], tuple[str, ...]] = {
    m.User: ("getCurrentUser",),
    m.CreditBalance: ("getCreditBalance",),
    m.CreditCosts: ("getCreditCosts",),
    m.Bundle: ("getBundle", "updateBundle", "publishBundle", "unpublishBundle"),
    m.PublishReadiness: ("getBundlePublishReadiness",),
    m.BundleAccountDetails: (
        "getBundleAccount",
        "configureBundleAccount",
        "requestBundleAccountCorrections",
        "finalizeBundleAccount",
    ),
    m.Video: (
        "getBundleVideo",
        "configureBundleVideo",
        "patchBundleVideo",
        "publishBundleVideo",
        "resetBundleVideo",
        "unscheduleBundleVideo",
        "finalizeBundleVideo",
        "requestBundleVideoCorrections",
        "fixBundleVideoDownload",
    ),
    m.PublishAllResult: ("publishAllBundleVideos",),
    m.CsvImport: ("importBundleVideosCsv",),
    m.Account: ("getAccount",),
    m.CoverageSubscription: (
        "getAccountManagedSubscription",
        "reactivateAccountManagedSubscription",
        "cancelAccountManagedSubscription",
    ),
    m.CommentTask: (
        "getCommentTask",
        "deleteCommentTask",
        "approveCommentTask",
        "disputeCommentTask",
    ),
    m.WebhookEndpoint: ("createWebhookEndpoint", "getWebhookEndpoint", "updateWebhookEndpoint"),
    m.WebhookEventCatalog: ("listWebhookEvents",),
    m.GeneratedTerms: ("generateWarmingTerms",),
    m.WarmingSession: ("getWarmingSession", "rewarmAccount"),
    m.PresignedUpload: ("uploadVideo", "uploadImage"),
    m.ImageUpload: ("uploadImageDirect", "uploadImageFromUrl"),
    m.VideoUpload: ("uploadVideoDirect",),
}
_BODY_MODELS: Mapping[type[m.Model], tuple[str, ...]] = {
    m.BundleResult: ("createBundle", "addVideoSlots", "addEditSlots"),
    m.CommentTaskCreation: ("createCommentTasks",),
}
VALID_RESPONSES: Mapping[str, Any] = {
    **{op: {"data": minimal_payload(cls)} for cls, ops in _DATA_MODELS.items() for op in ops},
    **{op: minimal_payload(cls) for cls, ops in _BODY_MODELS.items() for op in ops},
}


@attrs.frozen(kw_only=True)
class WireCase:
    """``call`` makes one typed call; the rest is what must go over the wire.

    ``path`` is the raw (escaped) path after the base URL; ``query`` the exact query pairs;
    ``body`` the exact JSON body (None: no body); ``response`` what the fake server answers.
    """

    operation_id: str
    call: Callable[[TokPortal], Any]
    path: str
    query: list[tuple[str, str]] = attrs.field(factory=list)
    body: Any = None
    response: Any = DEFAULT_RESPONSE
    response_headers: Mapping[str, str] = attrs.field(factory=dict)
    status: int = 200

    def __str__(self) -> str:
        return self.operation_id


def _answer(case: WireCase) -> httpx.Response:
    headers = {"X-TokPortal-Request-ID": "req_wire", **case.response_headers}
    if case.response is DEFAULT_RESPONSE:
        return httpx.Response(
            case.status, json=VALID_RESPONSES.get(case.operation_id, case.response), headers=headers
        )
    if isinstance(case.response, str):
        return httpx.Response(case.status, text=case.response, headers=headers)
    if case.response is None:
        return httpx.Response(case.status, headers=headers)
    return httpx.Response(case.status, json=case.response, headers=headers)


def run_wire_case(case: WireCase, make_client: Callable[..., TokPortal]) -> Any:
    """Make the call and check method, path, query, body and idempotency header."""
    recorder = Recorder(_answer(case))
    with make_client(recorder) as client:
        outcome = case.call(client)
        if isinstance(outcome, Paginator):
            result = outcome.first_page()
        else:
            result = outcome
    operation = OPERATIONS[case.operation_id]
    assert recorder.count == 1, f"{case.operation_id}: {recorder.count} requests"
    request = recorder.requests[0]
    assert request.method == operation.method
    assert request.url.raw_path.decode().split("?")[0] == "/api/ext" + case.path
    assert list(request.url.params.multi_items()) == case.query
    content_type = request.headers.get("Content-Type", "")
    if case.body is None:
        assert request.content == b"", f"{case.operation_id} sent a body"
    elif content_type.startswith("application/json"):
        assert json.loads(request.content) == case.body
    else:
        assert content_type.startswith("multipart/form-data")
        for name, value in case.body.items():
            assert f'name="{name}"'.encode() in request.content
            if isinstance(value, str):
                assert value.encode() in request.content
    key = request.headers.get("Idempotency-Key")
    if operation.idempotency_policy == "standard":
        assert key is not None and uuid.UUID(key).version == 4
    else:
        assert key is None
    return result
