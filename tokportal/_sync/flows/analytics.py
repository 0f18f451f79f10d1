# Generated from tokportal/_async/flows/analytics.py by scripts/generate_sync.py; do not edit.
"""Hand-written flows of ``client.analytics`` (the rest is generated from the spec): the
filters take one value or a list, dates or datetimes, and are refused under their Python
names (``date_from``) while they go out under the API's (``from``, ``postLimit``); the
exports return text and may write it to a file.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..._core import validation as check
from ..._core import validation_analytics as checks
from ..._core.requests import path_arg
from ..._types import NOT_GIVEN, NotGiven
from ...models._base import ModelList
from ...models._enums import Platform
from ...models._parse import item_parser, parse_items, parse_model, parse_object
from ...models.analytics import (
    AnalyticsComment,
    AnalyticsDashboard,
    AnalyticsGranularity,
    AnalyticsMetric,
    AnalyticsMode,
    AnalyticsRefresh,
    AnalyticsReport,
    AnalyticsSeries,
    AnalyticsSnapshot,
    CommentPulse,
    ReportTemplate,
    TextResult,
    VideoAnalytics,
    text_result,
)
from ..pagination import Paginator
from ..resources._resource import Resource

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions

DateLike = dt.date | dt.datetime | str

OneOrMany = str | Sequence[str]

PlatformFilter = Platform | str | Sequence[Platform | str]

# Python names whose wire spelling differs (``from``/``to`` are keywords; the API mixes cases).
_QUERY_NAMES = {
    "date_from": "from",
    "date_to": "to",
    "post_limit": "postLimit",
    "tracked_post_id": "trackedPostId",
    "post_id": "postId",
}

_REPORT_NAMES = {
    "brand_name": "brandName",
    "brand_accent": "brandAccent",
    "account_ids": "accountIds",
    "workspace_id": "workspaceId",
    "date_from": "from",
    "date_to": "to",
}

_REFRESH_NAMES = {
    "include_posts": "includePosts",
    "include_comments": "includeComments",
    "force_posts": "forcePosts",
    "bootstrap_posts": "bootstrapPosts",
}


def _filters(**fields: Any) -> dict[str, Any]:
    """The query filters the caller gave, checked, under their wire names."""
    query: dict[str, Any] = {}
    for name, value in fields.items():
        if value is NOT_GIVEN:
            continue
        if name in ("platform", "account"):
            value = checks.one_or_many(name, value)
        elif name in ("date_from", "date_to"):
            value = checks.date_or_datetime(name, value)
        elif name in ("limit", "post_limit"):
            check.integer(name, value, minimum=1)
        else:
            if name in checks.CHOICES:
                value = check.open_choice(name, value, checks.CHOICES[name])
            value = checks.text(name, value)
        query[_QUERY_NAMES.get(name, name)] = value
    return query


def _report_body(**fields: Any) -> dict[str, Any]:
    """The report body under the API's camelCase names; ``None`` sends an explicit null."""
    body: dict[str, Any] = {}
    for name, value in fields.items():
        if value is NOT_GIVEN:
            continue
        if value is None:
            pass
        elif name in ("account_ids", "platforms", "countries"):
            value = checks.string_items(name, value)
        elif name in ("date_from", "date_to"):
            value = checks.date_or_datetime(name, value)
        elif name in checks.CHOICES:
            value = check.open_choice(name, value, checks.CHOICES[name])
        body[_REPORT_NAMES.get(name, name)] = value
    return body


def _refresh_body(
    force: bool | NotGiven,
    include_posts: bool | NotGiven,
    include_comments: bool | NotGiven,
    force_posts: bool | NotGiven,
    bootstrap_posts: bool | NotGiven,
    post_limit: int | NotGiven,
) -> dict[str, Any]:
    flags = {
        "force": force,
        "include_posts": include_posts,
        "include_comments": include_comments,
        "force_posts": force_posts,
        "bootstrap_posts": bootstrap_posts,
    }
    body: dict[str, Any] = {
        _REFRESH_NAMES.get(name, name): checks.flag(name, value)
        for name, value in flags.items()
        if value is not NOT_GIVEN
    }
    if post_limit is not NOT_GIVEN:
        check.integer("post_limit", post_limit, minimum=1)
        body["postLimit"] = post_limit
    return body


def _save(result: TextResult) -> TextResult:
    """Write an export to its ``path`` when it has one (UTF-8, in binary mode so the export's
    own line endings are kept on every platform)."""
    if result.path is not None:
        result.path.write_bytes(result.encode("utf-8"))
    return result


class AnalyticsFlows(Resource):
    """The hand-written methods of ``client.analytics`` (the others are generated)."""

    def dashboard(
        self,
        *,
        workspace: str | NotGiven = NOT_GIVEN,
        platform: PlatformFilter | NotGiven = NOT_GIVEN,
        country: str | NotGiven = NOT_GIVEN,
        account: OneOrMany | NotGiven = NOT_GIVEN,
        date_from: DateLike | NotGiven = NOT_GIVEN,
        date_to: DateLike | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AnalyticsDashboard:
        """Totals, accounts, top posts, audience and facets (``getAnalyticsDashboard``).

        ``account`` takes saved account ids.
        """
        query = _filters(
            workspace=workspace,
            platform=platform,
            country=country,
            account=account,
            date_from=date_from,
            date_to=date_to,
        )
        response = self._request("getAnalyticsDashboard", query=query, **options)
        return parse_object(response, AnalyticsDashboard)

    def export_videos_csv(
        self,
        *,
        account: OneOrMany | NotGiven = NOT_GIVEN,
        workspace: str | NotGiven = NOT_GIVEN,
        platform: PlatformFilter | NotGiven = NOT_GIVEN,
        country: str | NotGiven = NOT_GIVEN,
        q: str | NotGiven = NOT_GIVEN,
        date_from: DateLike | NotGiven = NOT_GIVEN,
        date_to: DateLike | NotGiven = NOT_GIVEN,
        path: str | os.PathLike[str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> TextResult:
        """Post analytics as CSV text, also written to ``path`` (UTF-8) when given
        (``exportAnalyticsVideos``)."""
        query = _filters(
            account=account,
            workspace=workspace,
            platform=platform,
            country=country,
            q=q,
            date_from=date_from,
            date_to=date_to,
        )
        response = self._request("exportAnalyticsVideos", query=query, **options)
        return _save(text_result(response, path))

    def create_report(
        self,
        *,
        title: str | None | NotGiven = NOT_GIVEN,
        template: ReportTemplate | str | None | NotGiven = NOT_GIVEN,
        brand_name: str | None | NotGiven = NOT_GIVEN,
        brand_accent: str | None | NotGiven = NOT_GIVEN,
        account_ids: Sequence[str] | NotGiven = NOT_GIVEN,
        workspace_id: str | None | NotGiven = NOT_GIVEN,
        platforms: Sequence[Platform | str] | NotGiven = NOT_GIVEN,
        countries: Sequence[str] | NotGiven = NOT_GIVEN,
        query: str | None | NotGiven = NOT_GIVEN,
        date_from: DateLike | None | NotGiven = NOT_GIVEN,
        date_to: DateLike | None | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AnalyticsReport:
        """Publish a web report: a public ``url`` and a private ``token``
        (``createAnalyticsReport``).

        The response holds a secret, so the API refuses an idempotency key here. After an
        uncertain network failure, check whether the report exists before calling again.
        """
        body = _report_body(
            title=title,
            template=template,
            brand_name=brand_name,
            brand_accent=brand_accent,
            account_ids=account_ids,
            workspace_id=workspace_id,
            platforms=platforms,
            countries=countries,
            query=query,
            date_from=date_from,
            date_to=date_to,
        )
        response = self._request("createAnalyticsReport", body=body, **options)
        return parse_model(response, AnalyticsReport)

    def export_report_html(
        self,
        *,
        title: str | None | NotGiven = NOT_GIVEN,
        template: ReportTemplate | str | None | NotGiven = NOT_GIVEN,
        brand_name: str | None | NotGiven = NOT_GIVEN,
        brand_accent: str | None | NotGiven = NOT_GIVEN,
        account_ids: Sequence[str] | NotGiven = NOT_GIVEN,
        workspace_id: str | None | NotGiven = NOT_GIVEN,
        platforms: Sequence[Platform | str] | NotGiven = NOT_GIVEN,
        countries: Sequence[str] | NotGiven = NOT_GIVEN,
        query: str | None | NotGiven = NOT_GIVEN,
        date_from: DateLike | None | NotGiven = NOT_GIVEN,
        date_to: DateLike | None | NotGiven = NOT_GIVEN,
        path: str | os.PathLike[str] | None = None,
        **options: Unpack[RequestOptions],
    ) -> TextResult:
        """The report as one HTML document, also written to ``path`` (UTF-8) when given
        (``exportAnalyticsReportHtml``)."""
        body = _report_body(
            title=title,
            template=template,
            brand_name=brand_name,
            brand_accent=brand_accent,
            account_ids=account_ids,
            workspace_id=workspace_id,
            platforms=platforms,
            countries=countries,
            query=query,
            date_from=date_from,
            date_to=date_to,
        )
        response = self._request("exportAnalyticsReportHtml", body=body, **options)
        return _save(text_result(response, path))

    def series(
        self,
        *,
        metric: AnalyticsMetric | str | NotGiven = NOT_GIVEN,
        granularity: AnalyticsGranularity | str | NotGiven = NOT_GIVEN,
        mode: AnalyticsMode | str | NotGiven = NOT_GIVEN,
        account: OneOrMany | NotGiven = NOT_GIVEN,
        date_from: DateLike | NotGiven = NOT_GIVEN,
        date_to: DateLike | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AnalyticsSeries:
        """One metric over time, by day or week (``getAnalyticsSeries``)."""
        query = _filters(
            metric=metric,
            granularity=granularity,
            mode=mode,
            account=account,
            date_from=date_from,
            date_to=date_to,
        )
        response = self._request("getAnalyticsSeries", query=query, **options)
        return parse_object(response, AnalyticsSeries, list_key="points")

    def refresh_account(
        self,
        account_id: str,
        *,
        force: bool | NotGiven = NOT_GIVEN,
        include_posts: bool | NotGiven = NOT_GIVEN,
        include_comments: bool | NotGiven = NOT_GIVEN,
        force_posts: bool | NotGiven = NOT_GIVEN,
        bootstrap_posts: bool | NotGiven = NOT_GIVEN,
        post_limit: int | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AnalyticsRefresh:
        """Ask for fresh numbers for one account; rate-limited by the API
        (``refreshAnalyticsAccount``)."""
        body = _refresh_body(
            force, include_posts, include_comments, force_posts, bootstrap_posts, post_limit
        )
        response = self._request(
            "refreshAnalyticsAccount",
            path_params={"id": path_arg("account_id", account_id)},
            body=body,
            **options,
        )
        return parse_object(response, AnalyticsRefresh)

    def list_account_snapshots(
        self,
        account_id: str,
        *,
        source: str | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = NOT_GIVEN,
        date_from: DateLike | NotGiven = NOT_GIVEN,
        date_to: DateLike | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> ModelList[AnalyticsSnapshot]:
        """The stored raw snapshots of one account (``listAnalyticsAccountRawSnapshots``)."""
        query = _filters(source=source, limit=limit, date_from=date_from, date_to=date_to)
        response = self._request(
            "listAnalyticsAccountRawSnapshots",
            path_params={"id": path_arg("account_id", account_id)},
            query=query,
            **options,
        )
        return parse_items(response, AnalyticsSnapshot, "snapshots", "items")

    def list_account_videos(
        self,
        account_id: str,
        *,
        sort_by: str | NotGiven = NOT_GIVEN,
        sort_order: str | NotGiven = NOT_GIVEN,
        per_page: int = 100,
        **options: Unpack[RequestOptions],
    ) -> Paginator[VideoAnalytics]:
        """A delivered account's posts with their numbers, page by page
        (``listAccountVideoAnalytics``). ``sort_by`` is e.g. ``"views"``."""
        query = _filters(sort_by=sort_by, sort_order=sort_order)
        return self._paginate(
            "listAccountVideoAnalytics",
            item_parser(VideoAnalytics),
            path_params={"id": path_arg("account_id", account_id)},
            query=query,
            per_page=per_page,
            **options,
        )

    def refresh_account_overview(
        self,
        account_id: str,
        *,
        force: bool | NotGiven = NOT_GIVEN,
        include_posts: bool | NotGiven = NOT_GIVEN,
        include_comments: bool | NotGiven = NOT_GIVEN,
        force_posts: bool | NotGiven = NOT_GIVEN,
        bootstrap_posts: bool | NotGiven = NOT_GIVEN,
        post_limit: int | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> AnalyticsRefresh:
        """Ask for fresh numbers for a delivered account (``refreshAccountAnalytics``)."""
        body = _refresh_body(
            force, include_posts, include_comments, force_posts, bootstrap_posts, post_limit
        )
        response = self._request(
            "refreshAccountAnalytics",
            path_params={"id": path_arg("account_id", account_id)},
            body=body,
            **options,
        )
        return parse_object(response, AnalyticsRefresh)

    def comment_pulse(
        self,
        *,
        platform: PlatformFilter | NotGiven = NOT_GIVEN,
        country: str | NotGiven = NOT_GIVEN,
        account: OneOrMany | NotGiven = NOT_GIVEN,
        post: str | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = NOT_GIVEN,
        post_limit: int | NotGiven = NOT_GIVEN,
        date_from: DateLike | NotGiven = NOT_GIVEN,
        date_to: DateLike | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> CommentPulse:
        """Recent comments across tracked posts; full analytics tier (``getCommentPulse``)."""
        query = _filters(
            platform=platform,
            country=country,
            account=account,
            post=post,
            limit=limit,
            post_limit=post_limit,
            date_from=date_from,
            date_to=date_to,
        )
        response = self._request("getCommentPulse", query=query, **options)
        return parse_object(response, CommentPulse, list_key="comments")

    def list_account_comments(
        self,
        account_id: str,
        *,
        tracked_post_id: str | NotGiven = NOT_GIVEN,
        post_id: str | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> ModelList[AnalyticsComment]:
        """Comments collected on one account's posts (``listAnalyticsAccountComments``)."""
        query = _filters(tracked_post_id=tracked_post_id, post_id=post_id, limit=limit)
        response = self._request(
            "listAnalyticsAccountComments",
            path_params={"id": path_arg("account_id", account_id)},
            query=query,
            **options,
        )
        return parse_items(response, AnalyticsComment, "comments", "items")

    def list_post_snapshots(
        self,
        post_id: str,
        *,
        source: str | NotGiven = NOT_GIVEN,
        limit: int | NotGiven = NOT_GIVEN,
        date_from: DateLike | NotGiven = NOT_GIVEN,
        date_to: DateLike | NotGiven = NOT_GIVEN,
        **options: Unpack[RequestOptions],
    ) -> ModelList[AnalyticsSnapshot]:
        """The stored raw snapshots of one tracked post (``listAnalyticsPostRawSnapshots``)."""
        query = _filters(source=source, limit=limit, date_from=date_from, date_to=date_to)
        response = self._request(
            "listAnalyticsPostRawSnapshots",
            path_params={"id": path_arg("post_id", post_id)},
            query=query,
            **options,
        )
        return parse_items(response, AnalyticsSnapshot, "snapshots", "items")
