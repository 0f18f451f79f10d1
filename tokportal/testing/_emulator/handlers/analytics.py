"""Analytics (API.md §2.8): every number comes from ``metrics.py``, derived from the
emulator's own delivered accounts and posted videos."""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from .. import catalog, metrics, views
from ..context import Ctx
from ..http import Reply, iso, not_found, ok, paginate, text, validation
from ..metrics import Post
from ..state import Report, SavedAccount

REFRESH_COOLDOWN = timedelta(hours=1)
TEMPLATES = ("executive", "agency", "creator", "minimal", "growth", "board")
SORT_KEYS = ("views", "likes", "comments", "shares", "saves", "posted_at")


# -- selection -----------------------------------------------------------------------------------


def selected_accounts(ctx: Ctx) -> list[SavedAccount]:
    platforms = set(ctx.query.all("platform"))
    countries = {catalog.any_country(c) or c for c in ctx.query.all("country")}
    wanted = set(ctx.query.all("account"))
    return [
        a
        for a in ctx.workspace.saved_accounts.values()
        if (not platforms or a.platform in platforms)
        and (not countries or a.country in countries)
        and (not wanted or a.id in wanted)
    ]


def window(ctx: Ctx) -> tuple[datetime, datetime]:
    end = ctx.query.timestamp("to") or ctx.now
    start = ctx.query.timestamp("from") or end - timedelta(days=30)
    if start > end:
        raise validation("from", "must not be after to")
    return start, end


def grouped(posts: list[Post]) -> dict[str, list[Post]]:
    by_account: dict[str, list[Post]] = {}
    for post in posts:
        by_account.setdefault(post.account.id, []).append(post)
    return by_account


def post_view(post: Post, at: datetime) -> dict[str, Any]:
    return {
        "video_id": post.slot.id,
        "post_id": post.slot.id,
        "bundle_id": post.bundle.id,
        "account_id": post.account.id,
        "username": post.account.username,
        "platform": post.account.platform,
        "country": post.account.country,
        "post_url": post.slot.post_url,
        "description": post.slot.config.get("description"),
        "posted_at": iso(post.posted_at),
        **post.stats(at),
    }


def totals(accounts: list[SavedAccount], posts: list[Post], at: datetime) -> dict[str, int]:
    by_account = grouped(posts)
    sums = {m: metrics.value(m, by_account, accounts, at) for m in metrics.METRICS}
    sums["saves"] = sum(p.stats(at)["saves"] for p in posts)
    return {**sums, "posts": len(posts), "accounts": len(accounts)}


def account_summary(account: SavedAccount, posts: list[Post], at: datetime) -> dict[str, Any]:
    t = totals([account], posts, at)
    engagement = (t["likes"] + t["comments"] + t["shares"]) / t["views"] if t["views"] else 0.0
    return {
        "account_id": account.id,
        "username": account.username,
        "platform": account.platform,
        "country": account.country,
        "profile_url": account.profile_url,
        "followers": t["followers"],
        "total_views": t["views"],
        "total_likes": t["likes"],
        "total_comments": t["comments"],
        "total_shares": t["shares"],
        "posts_count": t["posts"],
        "engagement_rate": round(engagement, 4),
        "last_updated": iso(at),
    }


# -- workspace-wide views -----------------------------------------------------------------------


def dashboard(ctx: Ctx) -> Reply:
    start, end = window(ctx)
    accounts = selected_accounts(ctx)
    posts = list(metrics.posts(ctx.workspace, accounts))
    by_account = grouped(posts)
    top = sorted(posts, key=lambda p: p.stats(end)["views"], reverse=True)[:10]
    countries: dict[str, int] = {}
    for a in accounts:
        countries[a.country] = countries.get(a.country, 0) + 1
    data = {
        "range": {"from": iso(start), "to": iso(end)},
        "totals": totals(accounts, posts, end),
        "accounts": [account_summary(a, by_account.get(a.id, []), end) for a in accounts],
        "top_posts": [post_view(p, end) for p in top],
        "audience": {
            "countries": [
                {"country": c, "share": round(n / len(accounts), 4)}
                for c, n in sorted(countries.items())
            ]
        },
        "facets": {
            "platforms": sorted({a.platform for a in ctx.workspace.saved_accounts.values()}),
            "countries": sorted({a.country for a in ctx.workspace.saved_accounts.values()}),
            "accounts": [
                {"id": a.id, "username": a.username} for a in ctx.workspace.saved_accounts.values()
            ],
        },
    }
    return ok(data)


def contract(ctx: Ctx) -> Reply:
    return ok(
        {
            "tier": "full",
            "metrics": list(metrics.METRICS),
            "granularities": ["day", "week"],
            "modes": ["cumulative", "gained", "snapshot"],
            "report_templates": list(TEMPLATES),
            "comment_pulse": True,
            "raw_snapshots": True,
            "max_range_days": 365,
            "freshness_hours": 24,
            "refresh_cooldown_seconds": int(REFRESH_COOLDOWN.total_seconds()),
        }
    )


CSV_FIELDS = (
    "video_id",
    "account_id",
    "username",
    "platform",
    "country",
    "post_url",
    "posted_at",
    "views",
    "likes",
    "comments",
    "shares",
    "saves",
    "description",
)


def export_videos(ctx: Ctx) -> Reply:
    _, end = window(ctx)
    needle = (ctx.query.get("q") or "").lower()
    rows = [post_view(p, end) for p in metrics.posts(ctx.workspace, selected_accounts(ctx))]
    if needle:
        rows = [
            r
            for r in rows
            if any(
                needle in str(r[f] or "").lower() for f in ("description", "username", "post_url")
            )
        ]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return text(out.getvalue(), "text/csv")


def read_report_params(ctx: Ctx) -> dict[str, Any]:
    b = ctx.body
    return {
        "title": b.text("title", nullable=True),
        "template": b.enum("template", TEMPLATES, nullable=True) or "executive",
        "brandName": b.text("brandName", nullable=True),
        "brandAccent": b.text("brandAccent", nullable=True),
        "accountIds": b.str_list("accountIds", nullable=True),
        "workspaceId": b.text("workspaceId", nullable=True),
        "platforms": b.str_list("platforms", nullable=True),
        "countries": b.str_list("countries", nullable=True),
        "query": b.text("query", nullable=True),
        "from": b.text("from", nullable=True),
        "to": b.text("to", nullable=True),
    }


def create_report(ctx: Ctx) -> Reply:
    params = read_report_params(ctx)
    report_id = ctx.ids.uuid()
    report = Report(
        id=report_id,
        token="rpt_" + ctx.ids.token(40),
        url=f"https://app.tokportal.com/analytics/reports/{report_id}",
        params=params,
        created_at=ctx.now,
        expires_at=ctx.now + timedelta(days=30),
    )
    ctx.workspace.reports[report.id] = report
    return ok(
        {
            "id": report.id,
            "url": report.url,
            "token": report.token,
            "template": params["template"],
            "title": params["title"],
            "created_at": iso(report.created_at),
            "expires_at": iso(report.expires_at),
        }
    )


def export_report_html(ctx: Ctx) -> Reply:
    params = read_report_params(ctx)
    wanted = set(params["accountIds"] or [])
    platforms = set(params["platforms"] or [])
    accounts = [
        a
        for a in ctx.workspace.saved_accounts.values()
        if (not wanted or a.id in wanted) and (not platforms or a.platform in platforms)
    ]
    posts = list(metrics.posts(ctx.workspace, accounts))
    t = totals(accounts, posts, ctx.now)
    title = html.escape(params["title"] or "TokPortal analytics report")
    rows = "".join(
        f"<tr><td>{html.escape(p.account.username)}</td><td>{html.escape(p.slot.post_url or '')}</td>"
        f"<td>{p.stats(ctx.now)['views']}</td></tr>"
        for p in posts
    )
    document = (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{title}</title></head>'
        f'<body class="template-{params["template"]}"><h1>{title}</h1>'
        f"<p>Accounts: {t['accounts']} &middot; Posts: {t['posts']} &middot; Views: {t['views']}</p>"
        f"<table><tr><th>Account</th><th>Post</th><th>Views</th></tr>{rows}</table></body></html>"
    )
    return text(document, "text/html")


def series(ctx: Ctx) -> Reply:
    metric = ctx.query.enum("metric", metrics.METRICS, default="views") or "views"
    granularity = ctx.query.enum("granularity", ("day", "week"), default="day") or "day"
    mode = (
        ctx.query.enum("mode", ("cumulative", "gained", "snapshot"), default="cumulative")
        or "cumulative"
    )
    start, end = window(ctx)
    accounts = selected_accounts(ctx)
    by_account = grouped(list(metrics.posts(ctx.workspace, accounts)))
    step = timedelta(days=7 if granularity == "week" else 1)
    previous = metrics.value(metric, by_account, accounts, start - step)
    points = []
    for at in metrics.days_between(start, end, step):
        current = metrics.value(metric, by_account, accounts, at)
        points.append(
            {"date": iso(at), "value": current - previous if mode == "gained" else current}
        )
        previous = current
    return ok(
        {
            "metric": metric,
            "granularity": granularity,
            "mode": mode,
            "from": iso(start),
            "to": iso(end),
            "points": points,
        }
    )


# -- per account -------------------------------------------------------------------------------


def account_posts(ctx: Ctx, account: SavedAccount) -> list[Post]:
    return list(metrics.posts(ctx.workspace, [account]))


def account_drilldown(ctx: Ctx) -> Reply:
    account = ctx.saved_account()
    posts = account_posts(ctx, account)
    return ok(
        {
            **account_summary(account, posts, ctx.now),
            "account": views.saved_account(account),
            "posts": [post_view(p, ctx.now) for p in posts],
        }
    )


def account_overview(ctx: Ctx) -> Reply:
    account = ctx.saved_account()
    return ok(account_summary(account, account_posts(ctx, account), ctx.now))


def refresh_state(account: SavedAccount, now: datetime) -> dict[str, Any]:
    last = account.analytics_refreshed_at
    next_at = last + REFRESH_COOLDOWN if last is not None else now
    return {
        "account_id": account.id,
        "can_refresh": next_at <= now,
        "last_refreshed_at": iso(last),
        "next_refresh_at": iso(max(next_at, now)),
        "cooldown_seconds": int(REFRESH_COOLDOWN.total_seconds()),
    }


def can_refresh(ctx: Ctx) -> Reply:
    return ok(refresh_state(ctx.saved_account(), ctx.now))


def refresh(ctx: Ctx) -> Reply:
    account = ctx.saved_account()
    force = ctx.body.flag("force", default=False)
    for flag in ("includePosts", "includeComments", "forcePosts", "bootstrapPosts"):
        ctx.body.flag(flag)
    ctx.body.integer("postLimit", nullable=True)
    state = refresh_state(account, ctx.now)
    refreshed = bool(state["can_refresh"] or force)
    if refreshed:
        account.analytics_refreshed_at = ctx.now
    # A refresh inside the cooldown is not an error: it reports refreshed=false (emulator choice).
    return ok(
        {
            **refresh_state(account, ctx.now),
            "refreshed": refreshed,
            "status": "completed" if refreshed else "cooldown",
        }
    )


def snapshots(
    ident: str,
    source: str,
    start: datetime,
    end: datetime,
    limit: int,
    sample: Callable[[datetime], dict[str, int]],
) -> list[dict[str, Any]]:
    points = metrics.days_between(start, end, timedelta(days=1))[-limit:]
    return [
        {
            "id": f"snap_{ident[:8]}_{int(at.timestamp())}",
            "source": source,
            "captured_at": iso(at),
            "metrics": sample(at),
        }
        for at in points
    ]


def account_raw(ctx: Ctx) -> Reply:
    account = ctx.saved_account()
    start, end = window(ctx)
    start = max(start, account.created_at)
    # API.md documents no cap on these limits: the emulator serves at most its own cap
    # rather than refusing (the field table checks limit >= 1).
    limit = min(ctx.query.integer("limit", default=30), 500)
    source = ctx.query.get("source") or "profile_scraper"
    posts = account_posts(ctx, account)

    def sample(at: datetime) -> dict[str, int]:
        return {
            "followers": metrics.followers(account, posts, at),
            "views": sum(p.stats(at)["views"] for p in posts),
            "likes": sum(p.stats(at)["likes"] for p in posts),
            "posts": sum(1 for p in posts if p.posted_at <= at),
        }

    rows = snapshots(account.id, source, start, end, limit, sample) if start <= end else []
    return ok([{**r, "account_id": account.id} for r in rows])


def account_videos(ctx: Ctx) -> Reply:
    account = ctx.saved_account()
    sort_by = ctx.query.enum("sort_by", SORT_KEYS, default="posted_at") or "posted_at"
    order = ctx.query.enum("sort_order", ("asc", "desc"), default="desc")
    rows = [post_view(p, ctx.now) for p in account_posts(ctx, account)]
    rows.sort(key=lambda r: r[sort_by] or 0, reverse=order == "desc")
    return paginate(rows, ctx.query)


def find_post(ctx: Ctx, video_id: str) -> Post | None:
    bundle, slot = ctx.video_by_id(video_id)
    account = ctx.workspace.saved_accounts.get(bundle.saved_account_id or "")
    if account is None or slot.in_review_at is None or slot.status not in metrics.POSTED:
        return None
    return Post(bundle, slot, account)


def video_analytics(ctx: Ctx) -> Reply:
    video_id = ctx.param("id")
    post = find_post(ctx, video_id)
    if post is None:
        bundle, slot = ctx.video_by_id(video_id)
        zero = {"views": 0, "likes": 0, "comments": 0, "shares": 0, "saves": 0}
        return ok(
            {
                "video_id": slot.id,
                "bundle_id": bundle.id,
                "status": slot.status,
                "posted": False,
                **zero,
            }
        )
    return ok({**post_view(post, ctx.now), "status": post.slot.status, "posted": True})


def post_raw(ctx: Ctx) -> Reply:
    post = find_post(ctx, ctx.param("id"))
    if post is None:
        raise not_found("VIDEO_NOT_FOUND", "Posted video", ctx.param("id"))
    start, end = window(ctx)
    start = max(start, post.posted_at)
    limit = min(ctx.query.integer("limit", default=30), 500)
    source = ctx.query.get("source") or "post_scraper"
    rows = snapshots(post.slot.id, source, start, end, limit, post.stats) if start <= end else []
    return ok([{**r, "post_id": post.slot.id} for r in rows])


def comment_pulse(ctx: Ctx) -> Reply:
    limit = min(ctx.query.integer("limit", default=20), 100)
    post_limit = min(ctx.query.integer("postLimit", default=10), 100)
    wanted_posts = set(ctx.query.all("post"))
    posts = [
        p
        for p in metrics.posts(ctx.workspace, selected_accounts(ctx))
        if not wanted_posts or p.slot.id in wanted_posts
    ]
    posts.sort(key=lambda p: p.stats(ctx.now)["comments"], reverse=True)
    items = []
    sentiment = {"positive": 0, "neutral": 0, "negative": 0}
    for post in posts[:post_limit]:
        count = min(limit, post.stats(ctx.now)["comments"])
        comments = metrics.comments_for(post.slot.id, count, post.posted_at)
        for c in comments:
            sentiment[str(c["sentiment"])] += 1
        items.append(
            {
                **post_view(post, ctx.now),
                "comment_count": post.stats(ctx.now)["comments"],
                "top_comments": comments,
            }
        )
    return ok(
        {
            "summary": {
                "posts": len(items),
                "comments_sampled": sum(sentiment.values()),
                "sentiment": sentiment,
            },
            "posts": items,
        }
    )


def account_comments(ctx: Ctx) -> Reply:
    account = ctx.saved_account()
    limit = min(ctx.query.integer("limit", default=50), 200)
    wanted = ctx.query.get("postId") or ctx.query.get("trackedPostId")
    rows: list[dict[str, Any]] = []
    for post in account_posts(ctx, account):
        if wanted and post.slot.id != wanted:
            continue
        rows.extend(
            metrics.comments_for(
                post.slot.id, min(limit, post.stats(ctx.now)["comments"]), post.posted_at
            )
        )
    return ok(rows[:limit])


HANDLERS: dict[str, Callable[[Ctx], Reply]] = {
    "getAnalyticsDashboard": dashboard,
    "getAnalyticsContract": contract,
    "exportAnalyticsVideos": export_videos,
    "createAnalyticsReport": create_report,
    "exportAnalyticsReportHtml": export_report_html,
    "getAnalyticsSeries": series,
    "getAnalyticsAccount": account_drilldown,
    "refreshAnalyticsAccount": refresh,
    "listAnalyticsAccountRawSnapshots": account_raw,
    "getAccountAnalytics": account_overview,
    "listAccountVideoAnalytics": account_videos,
    "canRefreshAccountAnalytics": can_refresh,
    "refreshAccountAnalytics": refresh,
    "getVideoAnalytics": video_analytics,
    "getCommentPulse": comment_pulse,
    "listAnalyticsAccountComments": account_comments,
    "listAnalyticsPostRawSnapshots": post_raw,
}
