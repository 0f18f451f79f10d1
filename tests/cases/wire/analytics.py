"""Wire cases of the analytics operations (API.md §2.8)."""

from __future__ import annotations

import datetime as dt

from tokportal.models import Platform
from tokportal.models.analytics import AnalyticsMetric, ReportTemplate

from .case import WireCase

PAGE = {"data": [], "pagination": {"page": 1, "per_page": 25, "total": 0, "total_pages": 0}}

WIRE_CASES = [
    WireCase(
        operation_id="getAnalyticsDashboard",
        call=lambda c: c.analytics.dashboard(
            workspace="ws/1",
            platform=[Platform.TIKTOK, "instagram"],
            country="USA",
            account=["acc/1", "acc2"],
            date_from=dt.date(2026, 1, 1),
            date_to="2026-01-31",
        ),
        path="/analytics",
        query=[
            ("workspace", "ws/1"),
            ("platform", "tiktok"),
            ("platform", "instagram"),
            ("country", "USA"),
            ("account", "acc/1"),
            ("account", "acc2"),
            ("from", "2026-01-01"),
            ("to", "2026-01-31"),
        ],
    ),
    WireCase(
        operation_id="getAnalyticsContract",
        call=lambda c: c.analytics.contract(),
        path="/analytics/contract",
    ),
    WireCase(
        operation_id="exportAnalyticsVideos",
        call=lambda c: c.analytics.export_videos_csv(
            account="acc1",
            workspace="ws1",
            platform="tiktok",
            country="USA",
            q="spring sale",
            date_from=dt.datetime(2026, 1, 1, 8, 30, tzinfo=dt.timezone.utc),
            date_to="2026-02-01T00:00:00Z",
        ),
        path="/analytics/export/videos",
        query=[
            ("account", "acc1"),
            ("workspace", "ws1"),
            ("platform", "tiktok"),
            ("country", "USA"),
            ("q", "spring sale"),
            ("from", "2026-01-01T08:30:00Z"),
            ("to", "2026-02-01T00:00:00Z"),
        ],
        response="video_id,views\nv1,10\n",
        response_headers={"Content-Type": "text/csv; charset=utf-8"},
    ),
    WireCase(
        operation_id="createAnalyticsReport",
        call=lambda c: c.analytics.create_report(
            title="Q1",
            template=ReportTemplate.AGENCY,
            brand_name="Acme",
            brand_accent="#ff6600",
            account_ids=["acc1", "acc2"],
            workspace_id=None,
            platforms=[Platform.INSTAGRAM],
            countries=["USA", "FR"],
            query="launch",
            date_from="2026-01-01",
            date_to=dt.date(2026, 3, 31),
        ),
        path="/analytics/export/reports",
        body={
            "title": "Q1",
            "template": "agency",
            "brandName": "Acme",
            "brandAccent": "#ff6600",
            "accountIds": ["acc1", "acc2"],
            "workspaceId": None,
            "platforms": ["instagram"],
            "countries": ["USA", "FR"],
            "query": "launch",
            "from": "2026-01-01",
            "to": "2026-03-31",
        },
        response={"data": {"url": "https://app.tokportal.com/r/abc", "token": "rpt_secret"}},
    ),
    WireCase(
        operation_id="exportAnalyticsReportHtml",
        call=lambda c: c.analytics.export_report_html(template="board", title=None),
        path="/analytics/export/reports/html",
        body={"template": "board", "title": None},
        response="<html><body>Report</body></html>",
        response_headers={"Content-Type": "text/html"},
    ),
    WireCase(
        operation_id="getAnalyticsSeries",
        call=lambda c: c.analytics.series(
            metric=AnalyticsMetric.FOLLOWERS,
            granularity="week",
            mode="gained",
            account="acc1",
            date_from="2026-01-01",
        ),
        path="/analytics/series",
        query=[
            ("metric", "followers"),
            ("granularity", "week"),
            ("mode", "gained"),
            ("account", "acc1"),
            ("from", "2026-01-01"),
        ],
    ),
    WireCase(
        operation_id="getAnalyticsAccount",
        call=lambda c: c.analytics.get_account("acc/1"),
        path="/analytics/accounts/acc%2F1",
    ),
    WireCase(
        operation_id="refreshAnalyticsAccount",
        call=lambda c: c.analytics.refresh_account("acc/1"),
        path="/analytics/accounts/acc%2F1/refresh",
        body={},
    ),
    WireCase(
        operation_id="listAnalyticsAccountRawSnapshots",
        call=lambda c: c.analytics.list_account_snapshots(
            "acc/1", source="tiktok", limit=50, date_to="2026-01-31"
        ),
        path="/analytics/accounts/acc%2F1/raw",
        query=[("source", "tiktok"), ("limit", "50"), ("to", "2026-01-31")],
        response={"data": []},
    ),
    WireCase(
        operation_id="getAccountAnalytics",
        call=lambda c: c.analytics.get_account_overview("sa/1"),
        path="/accounts/sa%2F1/analytics",
    ),
    WireCase(
        operation_id="listAccountVideoAnalytics",
        call=lambda c: c.analytics.list_account_videos(
            "sa/1", sort_by="views", sort_order="desc", per_page=25
        ),
        path="/accounts/sa%2F1/analytics/videos",
        query=[("sort_by", "views"), ("sort_order", "desc"), ("page", "1"), ("per_page", "25")],
        response=PAGE,
    ),
    WireCase(
        operation_id="canRefreshAccountAnalytics",
        call=lambda c: c.analytics.can_refresh_account_overview("sa/1"),
        path="/accounts/sa%2F1/analytics/can-refresh",
    ),
    WireCase(
        operation_id="refreshAccountAnalytics",
        call=lambda c: c.analytics.refresh_account_overview(
            "sa/1",
            force=True,
            include_posts=True,
            include_comments=False,
            force_posts=False,
            bootstrap_posts=True,
            post_limit=20,
        ),
        path="/accounts/sa%2F1/analytics/refresh",
        body={
            "force": True,
            "includePosts": True,
            "includeComments": False,
            "forcePosts": False,
            "bootstrapPosts": True,
            "postLimit": 20,
        },
    ),
    WireCase(
        operation_id="getVideoAnalytics",
        call=lambda c: c.analytics.get_video("vid/1"),
        path="/videos/vid%2F1/analytics",
    ),
    WireCase(
        operation_id="getCommentPulse",
        call=lambda c: c.analytics.comment_pulse(
            platform="tiktok",
            country="FR",
            account=["acc1", "acc2"],
            post="post1",
            limit=10,
            post_limit=5,
            date_from="2026-01-01",
            date_to="2026-01-31",
        ),
        path="/analytics/comments",
        query=[
            ("platform", "tiktok"),
            ("country", "FR"),
            ("account", "acc1"),
            ("account", "acc2"),
            ("post", "post1"),
            ("limit", "10"),
            ("postLimit", "5"),
            ("from", "2026-01-01"),
            ("to", "2026-01-31"),
        ],
    ),
    WireCase(
        operation_id="listAnalyticsAccountComments",
        call=lambda c: c.analytics.list_account_comments(
            "acc/1", tracked_post_id="tp1", post_id="p1", limit=100
        ),
        path="/analytics/accounts/acc%2F1/comments",
        query=[("trackedPostId", "tp1"), ("postId", "p1"), ("limit", "100")],
        response={"data": []},
    ),
    WireCase(
        operation_id="listAnalyticsPostRawSnapshots",
        call=lambda c: c.analytics.list_post_snapshots(
            "post/1", source="instagram", limit=1, date_from="2026-01-01"
        ),
        path="/analytics/posts/post%2F1/raw",
        query=[("source", "instagram"), ("limit", "1"), ("from", "2026-01-01")],
        response={"data": []},
    ),
]
