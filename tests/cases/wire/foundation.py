"""Wire cases of the operations typed in the foundation (profile, credits, reference,
bundles' core)."""

from __future__ import annotations

from .case import WireCase

WIRE_CASES = [
    WireCase(operation_id="getCurrentUser", call=lambda c: c.me.get(), path="/me"),
    WireCase(
        operation_id="updateCurrentUserSettings",
        call=lambda c: c.me.update_settings({"website": "https://acme.test"}),
        path="/me",
        body={"website": "https://acme.test"},
    ),
    WireCase(operation_id="listCountries", call=lambda c: c.countries.list(), path="/countries"),
    WireCase(operation_id="listPlatforms", call=lambda c: c.platforms.list(), path="/platforms"),
    WireCase(operation_id="getCreditCosts", call=lambda c: c.credits.costs(), path="/credit-costs"),
    WireCase(
        operation_id="getCreditBalance", call=lambda c: c.credits.balance(), path="/credits/balance"
    ),
    WireCase(
        operation_id="listCreditTransactions",
        call=lambda c: c.credits.history(date_from="2026-01-01", per_page=50),
        path="/credits/history",
        query=[("date_from", "2026-01-01"), ("page", "1"), ("per_page", "50")],
        response={
            "data": [],
            "pagination": {"page": 1, "per_page": 50, "total": 0, "total_pages": 0},
        },
    ),
    WireCase(
        operation_id="listBundles",
        call=lambda c: c.bundles.list(status="published", platform="tiktok"),
        path="/bundles",
        query=[("status", "published"), ("platform", "tiktok"), ("page", "1"), ("per_page", "100")],
        response={"data": []},
    ),
    WireCase(
        operation_id="createBundle",
        call=lambda c: c.bundles.create(
            bundle_type="account_and_videos", country="USA", videos_quantity=3, title="Spring"
        ),
        path="/bundles",
        body={
            "bundle_type": "account_and_videos",
            "country": "USA",
            "videos_quantity": 3,
            "title": "Spring",
        },
    ),
    WireCase(operation_id="getBundle", call=lambda c: c.bundles.get("b/1"), path="/bundles/b%2F1"),
    WireCase(
        operation_id="updateBundle",
        call=lambda c: c.bundles.update("b1", title=None, auto_finalize_videos=False),
        path="/bundles/b1",
        body={"title": None, "auto_finalize_videos": False},
    ),
    WireCase(
        operation_id="publishBundle",
        call=lambda c: c.bundles.publish("b1"),
        path="/bundles/b1/publish",
    ),
    WireCase(
        operation_id="getBundlePublishReadiness",
        call=lambda c: c.bundles.publish_readiness("b1"),
        path="/bundles/b1/publish-readiness",
    ),
    WireCase(
        operation_id="unpublishBundle",
        call=lambda c: c.bundles.unpublish("b1"),
        path="/bundles/b1/unpublish",
    ),
]
