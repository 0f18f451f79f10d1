"""Analytics: dashboard, series, drill-downs, snapshots, comments, reports, CSV/HTML exports.

The API documents few response fields for analytics (API.md §2.8, Gaps 9): what it names is
typed here, the rest is kept in ``extra`` / ``raw`` as on every model. Numbers come from
stored snapshots.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import attrs

from .._core.api_response import APIResponse
from ..errors import APIResponseValidationError
from ._base import Model, no_response_error
from ._enums import AnalyticsGranularity as AnalyticsGranularity
from ._enums import AnalyticsMetric as AnalyticsMetric
from ._enums import AnalyticsMode as AnalyticsMode
from ._enums import Platform
from ._enums import ReportTemplate as ReportTemplate


@attrs.frozen(kw_only=True)
class _Metrics(Model):
    """The counters the series ``metric`` enum names (``views`` or ``total_views``, …: the
    API documents neither spelling, so both are read)."""

    __wire_names__ = {
        name: (name, f"total_{name}")
        for name in ("views", "likes", "comments", "shares", "followers")
    }

    views: int | None = None
    likes: int | None = None
    comments: int | None = None
    shares: int | None = None
    followers: int | None = None


@attrs.frozen(kw_only=True)
class AnalyticsDashboard(Model):
    """``GET /analytics``: totals, accounts, top posts, audience and facets."""

    __wire_names__ = {"top_posts": ("top_posts", "topPosts")}

    totals: Mapping[str, Any] | None = None
    accounts: list[Any] | None = None
    top_posts: list[Any] | None = None
    audience: Mapping[str, Any] | None = None
    facets: Mapping[str, Any] | None = None


@attrs.frozen(kw_only=True)
class AnalyticsContract(Model):
    """``GET /analytics/contract``: what this key's plan may read (shape undocumented)."""


@attrs.frozen(kw_only=True)
class SeriesPoint(Model):
    """One bucket of a series (a day or a week)."""

    __wire_names__ = {"date": ("date", "bucket", "period")}

    date: str | None = None
    value: float | None = None


@attrs.frozen(kw_only=True)
class AnalyticsSeries(Model):
    """``GET /analytics/series``. When the API answers a bare list, it is read as ``points``."""

    metric: AnalyticsMetric | str | None = None
    granularity: AnalyticsGranularity | str | None = None
    mode: AnalyticsMode | str | None = None
    points: list[SeriesPoint] | None = None


@attrs.frozen(kw_only=True)
class AnalyticsAccount(_Metrics):
    """``GET /analytics/accounts/{id}``: one saved account's drill-down."""

    __wire_names__ = {**_Metrics.__wire_names__, "id": ("id", "account_id", "saved_account_id")}

    id: str | None = None
    platform: Platform | str | None = None
    username: str | None = None
    country: str | None = None


@attrs.frozen(kw_only=True)
class AccountAnalytics(_Metrics):
    """``GET /accounts/{id}/analytics``: the compatibility view of an account's numbers."""


@attrs.frozen(kw_only=True)
class VideoAnalytics(_Metrics):
    """One post's numbers. ``video_id`` is the id the ad-code operations take."""

    __wire_names__ = {"video_id": ("video_id", "videoId")}

    id: str | None = None
    video_id: str | None = None


@attrs.frozen(kw_only=True)
class AnalyticsSnapshot(Model):
    """One stored raw snapshot of an account or a post."""

    id: str | None = None
    source: str | None = None


@attrs.frozen(kw_only=True)
class AnalyticsComment(Model):
    """One comment collected under a tracked post."""

    id: str | None = None
    text: str | None = None


@attrs.frozen(kw_only=True)
class CommentPulse(Model):
    """``GET /analytics/comments`` (full tier). A bare-list answer is read as ``comments``;
    ``summary`` and per-post ``posts`` (each with its ``top_comments``) when the API groups
    them."""

    comments: list[AnalyticsComment] | None = None
    summary: Mapping[str, Any] | None = None
    posts: list[Mapping[str, Any]] | None = None


@attrs.frozen(kw_only=True)
class RefreshAvailability(Model):
    """``GET /accounts/{id}/analytics/can-refresh`` (fields beyond the flag undocumented)."""

    __wire_names__ = {"can_refresh": ("can_refresh", "canRefresh")}

    can_refresh: bool | None = None


@attrs.frozen(kw_only=True)
class AnalyticsRefresh(Model):
    """What a refresh call answered (shape undocumented: see ``raw``)."""


@attrs.frozen(kw_only=True)
class AnalyticsReport(Model):
    """A web report: ``url`` is public; ``token`` is a private secret (never in a repr)."""

    url: str
    token: str = attrs.field(repr=False)


class TextResult(str):
    """The text of a CSV or HTML export; a ``str`` with the call's :attr:`api_response`.

    ``path`` is where the text was also written, when the call was given one.
    """

    _api_response: APIResponse | None
    path: Path | None

    def __new__(
        cls, text: str, *, api_response: APIResponse | None = None, path: Path | None = None
    ) -> TextResult:
        result = super().__new__(cls, text)
        result._api_response = api_response
        result.path = path
        return result

    @property
    def api_response(self) -> APIResponse:
        """The response of the export call (``NoAPIResponseError``, an ``AttributeError``, on
        a ``TextResult`` built by hand without ``api_response=``)."""
        if self._api_response is None:
            raise no_response_error(self)
        return self._api_response


def text_result(response: APIResponse, path: str | os.PathLike[str] | None) -> TextResult:
    """The exported text as a :class:`TextResult` (``path`` recorded; the caller writes it)."""
    body = response.body
    if body is None:
        text = ""
    elif isinstance(body, str):
        text = body
    else:
        raise APIResponseValidationError(
            f"{response.operation_id} should answer text, got a JSON {type(body).__name__}",
            status_code=response.status_code,
            body=body,
        )
    target = Path(path) if path is not None else None
    return TextResult(text, api_response=response, path=target)


__all__ = [
    "AccountAnalytics",
    "AnalyticsAccount",
    "AnalyticsComment",
    "AnalyticsContract",
    "AnalyticsDashboard",
    "AnalyticsGranularity",
    "AnalyticsMetric",
    "AnalyticsMode",
    "AnalyticsRefresh",
    "AnalyticsReport",
    "AnalyticsSeries",
    "AnalyticsSnapshot",
    "CommentPulse",
    "RefreshAvailability",
    "ReportTemplate",
    "SeriesPoint",
    "TextResult",
    "VideoAnalytics",
]
