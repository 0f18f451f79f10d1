"""Regenerate ``tokportal/_operations_table.py`` from the shared operation table.

Usage::

    python scripts/generate_operations.py PATH/TO/tokportal-operations.json [--check]

The operation table is data that TokPortal owns; the typed method that serves each operation
(``METHOD_NAMES`` below) is ours. ``--check`` fails when the committed table differs.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
TARGET = ROOT / "tokportal" / "_operations_table.py"

METHOD_NAMES: dict[str, str] = {
    "getCurrentUser": "me.get",
    "updateCurrentUserSettings": "me.update_settings",
    "listCountries": "countries.list",
    "listPlatforms": "platforms.list",
    "getCreditCosts": "credits.costs",
    "getCreditBalance": "credits.balance",
    "listCreditTransactions": "credits.history",
    "listBundles": "bundles.list",
    "createBundle": "bundles.create",
    "createBundlesBulk": "bundles.create_bulk",
    "getBundle": "bundles.get",
    "updateBundle": "bundles.update",
    "publishBundle": "bundles.publish",
    "getBundlePublishReadiness": "bundles.publish_readiness",
    "unpublishBundle": "bundles.unpublish",
    "addVideoSlots": "bundles.add_video_slots",
    "addEditSlots": "bundles.add_edit_slots",
    "getBundleAccount": "bundles.account.get",
    "configureBundleAccount": "bundles.account.configure",
    "requestBundleAccountCorrections": "bundles.account.request_corrections",
    "finalizeBundleAccount": "bundles.account.finalize",
    "listBundleVideos": "bundles.videos.list",
    "getBundleVideo": "bundles.videos.get",
    "configureBundleVideo": "bundles.videos.configure",
    "patchBundleVideo": "bundles.videos.update",
    "batchConfigureBundleVideos": "bundles.videos.configure_batch",
    "publishAllBundleVideos": "bundles.videos.publish_all",
    "importBundleVideosCsv": "bundles.videos.import_csv",
    "publishBundleVideo": "bundles.videos.publish",
    "resetBundleVideo": "bundles.videos.reset",
    "unscheduleBundleVideo": "bundles.videos.unschedule",
    "finalizeBundleVideo": "bundles.videos.finalize",
    "requestBundleVideoCorrections": "bundles.videos.request_corrections",
    "fixBundleVideoDownload": "bundles.videos.fix_download",
    "listAccounts": "accounts.list",
    "listAccountBans": "accounts.list_bans",
    "getAccount": "accounts.get",
    "updateAccountCommentingProfile": "accounts.update_commenting_profile",
    "listAccountBundles": "accounts.list_bundles",
    "retrieveAccountVerificationCode": "accounts.verification_code",
    "revealAccountCredentials": "accounts.reveal_credentials",
    "getAccountEditRequest": "accounts.get_edit_request",
    "createAccountEditRequest": "accounts.create_edit_request",
    "getAccountManagedSubscription": "coverage.get",
    "reactivateAccountManagedSubscription": "coverage.reactivate",
    "cancelAccountManagedSubscription": "coverage.cancel",
    "rewarmAccount": "warming.rewarm",
    "configureBundleWarmingTerms": "warming.configure_terms",
    "listAccountWarmingSessions": "warming.list_sessions",
    "getWarmingSession": "warming.get_session",
    "generateWarmingTerms": "warming.generate_terms",
    "getAnalyticsDashboard": "analytics.dashboard",
    "getAnalyticsContract": "analytics.contract",
    "exportAnalyticsVideos": "analytics.export_videos_csv",
    "createAnalyticsReport": "analytics.create_report",
    "exportAnalyticsReportHtml": "analytics.export_report_html",
    "getAnalyticsSeries": "analytics.series",
    "getAnalyticsAccount": "analytics.get_account",
    "refreshAnalyticsAccount": "analytics.refresh_account",
    "listAnalyticsAccountRawSnapshots": "analytics.list_account_snapshots",
    "getAccountAnalytics": "analytics.get_account_overview",
    "listAccountVideoAnalytics": "analytics.list_account_videos",
    "canRefreshAccountAnalytics": "analytics.can_refresh_account_overview",
    "refreshAccountAnalytics": "analytics.refresh_account_overview",
    "getVideoAnalytics": "analytics.get_video",
    "getCommentPulse": "analytics.comment_pulse",
    "listAnalyticsAccountComments": "analytics.list_account_comments",
    "listAnalyticsPostRawSnapshots": "analytics.list_post_snapshots",
    "listWebhookEvents": "webhooks.list_events",
    "listWebhookEndpoints": "webhooks.list",
    "createWebhookEndpoint": "webhooks.create",
    "getWebhookEndpoint": "webhooks.get",
    "updateWebhookEndpoint": "webhooks.update",
    "deleteWebhookEndpoint": "webhooks.delete",
    "listWebhookDeliveries": "webhooks.list_deliveries",
    "retryWebhookDelivery": "webhooks.retry_delivery",
    "testWebhookEndpoint": "webhooks.test",
    "uploadVideo": "uploads.presign_video",
    "uploadVideoDirect": "uploads.video",
    "uploadImage": "uploads.presign_image",
    "uploadImageDirect": "uploads.image",
    "uploadImageFromUrl": "uploads.image_from_url",
    "createVideoAdCodeRequest": "ad_codes.create",
    "getVideoAdCodeRequest": "ad_codes.get",
    "listCommentTasks": "comments.list",
    "createCommentTasks": "comments.create",
    "getCommentTask": "comments.get",
    "deleteCommentTask": "comments.delete",
    "approveCommentTask": "comments.approve",
    "disputeCommentTask": "comments.dispute",
    "listCommentTaskVerifications": "comments.list_verifications",
}

HEADER = '''\
# Generated by scripts/generate_operations.py from TokPortal's operation table; do not edit.
"""The 91 TokPortal API operations as data (see ``tokportal._operations``)."""

from __future__ import annotations

# (operation_id, summary, method, path, path_params, query_params, request_content_type,
#  body_required, multipart_fields, idempotency_policy, success_content_types, method_name)
# multipart_fields: (name, required, binary)
# fmt: off
ROWS = (
'''


def _literal(value: object) -> str:
    """A Python literal with double-quoted strings, as the formatter would write them."""
    if isinstance(value, tuple):
        inner = ", ".join(_literal(item) for item in value)
        return f"({inner},)" if len(value) == 1 else f"({inner})"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def render(table: dict) -> str:
    operations = table["operations"]
    missing = sorted(set(METHOD_NAMES) ^ {op["operationId"] for op in operations})
    if missing:
        raise SystemExit(f"METHOD_NAMES and the table disagree on: {missing}")
    lines = [HEADER]
    for op in operations:
        multipart = tuple((f["name"], f["required"], f["binary"]) for f in op["multipartFields"])
        row = (
            op["operationId"],
            op["summary"],
            op["method"],
            op["path"],
            tuple(op["pathParams"]),
            tuple(op["queryParams"]),
            op["requestContentType"],
            op["bodyRequired"],
            multipart,
            op["idempotencyPolicy"],
            tuple(op["successContentTypes"]),
            METHOD_NAMES[op["operationId"]],
        )
        lines.append(f"    {_literal(row)},\n")
    lines.append(")\n# fmt: on\n")
    return "".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("table", type=pathlib.Path)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    text = render(json.loads(args.table.read_text(encoding="utf-8")))
    if args.check:
        if TARGET.read_text(encoding="utf-8") != text:
            print(f"{TARGET} is out of date; run {sys.argv[0]} {args.table}", file=sys.stderr)
            return 1
        return 0
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
