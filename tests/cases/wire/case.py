"""One wire case: a typed call, what it must send, and what the fake server answers.

A case names no client type: ``call`` takes either client, so one table feeds the async
runner and its generated sync twin (``tests/_async/test_wire.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import attrs
import httpx

from tests.model_payloads import minimal_payload
from tokportal import AsyncTokPortal, TokPortal
from tokportal import models as m

DEFAULT_RESPONSE: Mapping[str, Any] = {"data": {}}
# Either client: a case is written once for both.
Client = AsyncTokPortal | TokPortal

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
    """``call`` makes one typed call (an awaitable or paginator on the async client, the
    result or paginator on the sync one); the rest is what must go over the wire.

    ``path`` is the raw (escaped) path after the base URL; ``query`` the exact query pairs;
    ``body`` the exact JSON body (None: no body); ``response`` what the fake server answers.
    """

    operation_id: str
    call: Callable[[Client], Any]
    path: str
    query: list[tuple[str, str]] = attrs.field(factory=list)
    body: Any = None
    response: Any = DEFAULT_RESPONSE
    response_headers: Mapping[str, str] = attrs.field(factory=dict)
    status: int = 200

    def __str__(self) -> str:
        return self.operation_id


def answer(case: WireCase) -> httpx.Response:
    """What the fake server sends back to the case's one request."""
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
