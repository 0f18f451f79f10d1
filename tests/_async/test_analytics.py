"""client.analytics: local refusals, models that survive what the API adds, text exports."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests._async.local_refusals import MakeClient, refused
from tests.cases.analytics import DATE_BOUNDS, SERIES_ENUM_ARGUMENTS
from tests.helpers import Recorder, ok
from tokportal import AsyncTokPortal
from tokportal.errors import APIResponseValidationError
from tokportal.models.analytics import (
    AnalyticsGranularity,
    AnalyticsMetric,
    AnalyticsReport,
    ReportTemplate,
    TextResult,
)

pytestmark = pytest.mark.anyio  # async-only


def text(body: str, content_type: str = "text/csv; charset=utf-8") -> httpx.Response:
    return httpx.Response(
        200,
        content=body.encode("utf-8"),
        headers={"Content-Type": content_type, "X-TokPortal-Request-ID": "req_text"},
    )


# --- local refusals: nothing is sent ------------------------------------------------------

REFUSALS: list[tuple[str, Callable[[AsyncTokPortal], Any], str]] = [
    ("metric", lambda c: c.analytics.series(metric=""), "must not be empty"),
    ("granularity", lambda c: c.analytics.series(granularity=" "), "must not be empty"),
    ("mode", lambda c: c.analytics.series(mode=7), "must be a string"),
    ("template", lambda c: c.analytics.create_report(template=""), "must not be empty"),
    ("template", lambda c: c.analytics.export_report_html(template=[]), "must be a string"),
    ("limit", lambda c: c.analytics.comment_pulse(limit=0), "at least 1"),
    ("limit", lambda c: c.analytics.list_account_comments("a1", limit=True), "integer"),
    ("limit", lambda c: c.analytics.list_account_snapshots("a1", limit="5"), "integer"),
    ("limit", lambda c: c.analytics.list_post_snapshots("p1", limit=-1), "at least 1"),
    ("post_limit", lambda c: c.analytics.comment_pulse(post_limit=0), "at least 1"),
    ("post_limit", lambda c: c.analytics.refresh_account("a1", post_limit=0), "at least 1"),
    (
        "post_limit",
        lambda c: c.analytics.refresh_account_overview("a1", post_limit=2.5),
        "integer",
    ),
    ("force", lambda c: c.analytics.refresh_account("a1", force="yes"), "True or False"),
    (
        "include_posts",
        lambda c: c.analytics.refresh_account_overview("a1", include_posts=1),
        "True or False",
    ),
    ("date_from", lambda c: c.analytics.dashboard(date_from="01/02/2026"), "ISO 8601"),
    ("date_to", lambda c: c.analytics.series(date_to="2026-02-30"), "ISO 8601"),
    ("date_to", lambda c: c.analytics.export_videos_csv(date_to=20260101), "ISO 8601"),
    ("date_from", lambda c: c.analytics.create_report(date_from="yesterday"), "ISO 8601"),
    ("account", lambda c: c.analytics.dashboard(account=[]), "must not be empty"),
    ("account[1]", lambda c: c.analytics.series(account=["a1", ""]), "must not be empty"),
    ("platform", lambda c: c.analytics.comment_pulse(platform=5), "string"),
    ("account_ids", lambda c: c.analytics.create_report(account_ids="acc1"), "list of strings"),
    ("countries[0]", lambda c: c.analytics.export_report_html(countries=[1]), "string"),
    ("q", lambda c: c.analytics.export_videos_csv(q=" "), "must not be empty"),
    (
        "idempotency_key",
        lambda c: c.analytics.create_report(title="Q1", idempotency_key="k1"),
        "refuses Idempotency-Key",
    ),
]


@pytest.mark.parametrize(("field", "call", "rule"), REFUSALS, ids=[r[0] for r in REFUSALS])
async def test_documented_rules_are_enforced_before_sending(
    make_client: MakeClient, field: str, call: Callable[[AsyncTokPortal], Any], rule: str
) -> None:
    error = await refused(make_client, call)
    assert error.field == field
    assert rule in str(error)


@pytest.mark.parametrize(
    ("kwargs", "query"),
    SERIES_ENUM_ARGUMENTS,
)
async def test_series_enums_take_members_or_strings(
    make_client: MakeClient, kwargs: dict[str, Any], query: list[tuple[str, str]]
) -> None:
    recorder = Recorder(ok({}))
    async with make_client(recorder) as client:
        await client.analytics.series(**kwargs)
    assert list(recorder.requests[0].url.params.multi_items()) == query


@pytest.mark.parametrize("template", [*ReportTemplate, "minimal"])
async def test_every_documented_report_template_is_sent(
    make_client: MakeClient, template: ReportTemplate | str
) -> None:
    recorder = Recorder(ok({"url": "https://r.test/x", "token": "t"}))
    async with make_client(recorder) as client:
        await client.analytics.create_report(template=template)
    assert recorder.json() == {"template": str(template)}


@pytest.mark.parametrize(
    ("value", "wire"),
    DATE_BOUNDS,
)
async def test_date_bounds_accept_dates_datetimes_and_iso_strings(
    make_client: MakeClient, value: Any, wire: str
) -> None:
    recorder = Recorder(ok({}))
    async with make_client(recorder) as client:
        await client.analytics.dashboard(date_from=value, date_to=value)
    assert list(recorder.requests[0].url.params.multi_items()) == [("from", wire), ("to", wire)]


async def test_refresh_sends_an_empty_object_by_default(make_client: MakeClient) -> None:
    recorder = Recorder(ok({"queued": True}))
    async with make_client(recorder) as client:
        first = await client.analytics.refresh_account("a1")
        second = await client.analytics.refresh_account_overview("a1")
    assert recorder.json(0) == {}
    assert recorder.json(1) == {}
    assert recorder.requests[0].headers["Content-Type"] == "application/json"
    assert first.extra == {"queued": True}
    assert second.to_dict() == {"queued": True}


async def test_report_nulls_clear_and_idempotency_follows_the_policy(
    make_client: MakeClient,
) -> None:
    recorder = Recorder(
        [ok({"url": "https://r.test/x", "token": "t"}), text("<html></html>", "text/html")]
    )
    async with make_client(recorder) as client:
        await client.analytics.create_report(
            brand_name=None, brand_accent=None, query=None, date_from=None, date_to=None
        )
        await client.analytics.export_report_html(account_ids=[], platforms=["tiktok"])
    assert recorder.json(0) == {
        "brandName": None,
        "brandAccent": None,
        "query": None,
        "from": None,
        "to": None,
    }
    assert recorder.header("Idempotency-Key", 0) is None
    assert recorder.json(1) == {"accountIds": [], "platforms": ["tiktok"]}
    assert recorder.header("Idempotency-Key", 1) is not None


# --- models ---------------------------------------------------------------------------------


async def test_report_token_is_readable_but_never_in_a_repr(make_client: MakeClient) -> None:
    raw = {"url": "https://app.tokportal.com/r/abc", "token": "rpt_s3cr3t", "expires_at": "x"}
    recorder = Recorder(ok(raw))
    async with make_client(recorder) as client:
        report = await client.analytics.create_report(title="Q1")
    assert isinstance(report, AnalyticsReport)
    assert report.token == "rpt_s3cr3t"
    assert report.url == "https://app.tokportal.com/r/abc"
    assert "rpt_s3cr3t" not in repr(report)
    assert "rpt_s3cr3t" not in str(report)
    assert "app.tokportal.com/r/abc" in repr(report)
    assert report.extra == {"expires_at": "x"}
    assert report.to_dict() == raw
    assert report.api_response is not None
    assert report.api_response.request_id == "req_ok"


async def test_dashboard_keeps_unknown_fields(make_client: MakeClient) -> None:
    raw = {
        "totals": {"views": 10, "likes": 2},
        "accounts": [{"id": "a1"}],
        "topPosts": [{"id": "p1"}],
        "audience": {"countries": {"US": 0.5}},
        "facets": {"platforms": ["tiktok"]},
        "new_widget": {"x": 1},
    }
    recorder = Recorder(ok(raw))
    async with make_client(recorder) as client:
        dashboard = await client.analytics.dashboard()
    assert dashboard.totals == {"views": 10, "likes": 2}
    assert dashboard.top_posts == [{"id": "p1"}]
    assert dashboard.accounts == [{"id": "a1"}]
    assert dashboard.extra == {"new_widget": {"x": 1}}
    assert dashboard.to_dict() == raw
    assert dashboard.api_response is not None


async def test_series_keeps_unknown_enum_values_and_reads_a_bare_list(
    make_client: MakeClient,
) -> None:
    raw = {
        "metric": "reach",
        "granularity": "week",
        "mode": "rolling",
        "points": [{"date": "2026-01-05", "value": 12, "delta": 3}],
        "unit": "count",
    }
    recorder = Recorder([ok(raw), ok([{"bucket": "2026-01-05", "value": 4.5}])])
    async with make_client(recorder) as client:
        series = await client.analytics.series()
        bare = await client.analytics.series()
    assert series.metric == "reach"
    assert not isinstance(series.metric, AnalyticsMetric)
    assert series.granularity is AnalyticsGranularity.WEEK
    assert series.mode == "rolling"
    assert series.points is not None
    assert (series.points[0].date, series.points[0].value) == ("2026-01-05", 12)
    assert series.points[0].extra == {"delta": 3}
    assert series.extra == {"unit": "count"}
    assert series.to_dict() == raw
    assert bare.points is not None
    assert (bare.points[0].date, bare.points[0].value) == ("2026-01-05", 4.5)


async def test_drilldowns_type_the_metric_counters(make_client: MakeClient) -> None:
    account_raw = {
        "id": "a1",
        "platform": "snapchat",
        "username": "acme",
        "followers": 120,
        "views": 5000,
        "bio": "hi",
    }
    overview_raw = {"followers": 7, "engagement_rate": 0.1}
    video_raw = {"id": "tp1", "video_id": "v1", "views": 3, "likes": 1, "shares": 0, "x": []}
    recorder = Recorder([ok(account_raw), ok(overview_raw), ok(video_raw)])
    async with make_client(recorder) as client:
        account = await client.analytics.get_account("a1")
        overview = await client.analytics.get_account_overview("sa1")
        video = await client.analytics.get_video("v1")
    assert (account.id, account.platform, account.followers) == ("a1", "snapchat", 120)
    assert account.extra == {"bio": "hi"}
    assert account.to_dict() == account_raw
    assert overview.followers == 7
    assert overview.extra == {"engagement_rate": 0.1}
    assert overview.to_dict() == overview_raw
    assert (video.video_id, video.views, video.shares) == ("v1", 3, 0)
    assert video.to_dict() == video_raw


async def test_account_videos_page_through_with_video_ids(make_client: MakeClient) -> None:
    def page(n: int, items: list[dict[str, Any]]) -> httpx.Response:
        body = {
            "data": items,
            "pagination": {"page": n, "per_page": 2, "total": 3, "total_pages": 2},
        }
        return httpx.Response(200, json=body)

    recorder = Recorder(
        [
            page(1, [{"videoId": "v1", "views": 9}, {"video_id": "v2", "views": 5}]),
            page(2, [{"video_id": "v3", "views": 1, "new": True}]),
        ]
    )
    async with make_client(recorder) as client:
        videos = [v async for v in client.analytics.list_account_videos("sa1", per_page=2)]
    assert [v.video_id for v in videos] == ["v1", "v2", "v3"]
    assert videos[2].extra == {"new": True}
    assert [r.url.params["page"] for r in recorder.requests] == ["1", "2"]
    assert recorder.requests[1].url.params["per_page"] == "2"


async def test_snapshot_and_comment_lists_accept_a_list_or_an_object(
    make_client: MakeClient,
) -> None:
    recorder = Recorder(
        [
            ok([{"id": "s1", "source": "tiktok", "payload": {"a": 1}}]),
            ok({"snapshots": [{"id": "s2"}], "next": None}),
            ok({"comments": [{"id": "c1", "text": "wow", "author": "x"}], "post": {}}),
        ]
    )
    async with make_client(recorder) as client:
        account_snaps = await client.analytics.list_account_snapshots("a1")
        post_snaps = await client.analytics.list_post_snapshots("p1")
        comments = await client.analytics.list_account_comments("a1")
    assert [(s.id, s.source) for s in account_snaps] == [("s1", "tiktok")]
    assert account_snaps[0].extra == {"payload": {"a": 1}}
    assert account_snaps.api_response is not None
    assert [s.id for s in post_snaps] == ["s2"]
    assert post_snaps.api_response is not None
    assert post_snaps.api_response.body["data"]["next"] is None
    assert [(c.id, c.text) for c in comments] == [("c1", "wow")]
    assert comments[0].to_dict() == {"id": "c1", "text": "wow", "author": "x"}


async def test_comment_pulse_contract_and_can_refresh(make_client: MakeClient) -> None:
    pulse_raw = {"comments": [{"id": "c1", "text": "hi", "sentiment": "pos"}], "total": 1}
    contract_raw = {"tier": "full", "features": ["comments"]}
    recorder = Recorder(
        [
            ok(pulse_raw),
            ok([{"id": "c2"}]),
            ok(contract_raw),
            ok({"canRefresh": False, "retry_at": "x"}),
        ]
    )
    async with make_client(recorder) as client:
        pulse = await client.analytics.comment_pulse()
        bare = await client.analytics.comment_pulse()
        contract = await client.analytics.contract()
        availability = await client.analytics.can_refresh_account_overview("sa1")
    assert pulse.comments is not None
    assert pulse.comments[0].extra == {"sentiment": "pos"}
    assert pulse.extra == {"total": 1}
    assert pulse.to_dict() == pulse_raw
    assert bare.comments is not None
    assert [c.id for c in bare.comments] == ["c2"]
    assert contract.extra == contract_raw
    assert contract.to_dict() == contract_raw
    assert availability.can_refresh is False
    assert availability.to_dict() == {"canRefresh": False, "retry_at": "x"}


# --- text exports ---------------------------------------------------------------------------


async def test_csv_export_is_a_str_with_response_metadata(make_client: MakeClient) -> None:
    csv = "video_id,views\r\nv1,10\r\n"
    recorder = Recorder(text(csv))
    async with make_client(recorder) as client:
        result = await client.analytics.export_videos_csv(account=["a1", "a2"])
    assert isinstance(result, TextResult)
    assert isinstance(result, str)
    assert result == csv
    assert result.path is None
    assert result.api_response is not None
    assert result.api_response.request_id == "req_text"
    assert recorder.header("Accept") is not None
    assert "text/csv" in (recorder.header("Accept") or "")


@pytest.mark.parametrize("as_str", [True, False], ids=["str", "pathlike"])
async def test_exports_write_the_exact_text_to_path(
    make_client: MakeClient, tmp_path: Path, as_str: bool
) -> None:
    csv = "title,views\r\nCafé ☕,10\r\n"
    html = "<html><body>Rapport — été</body></html>\n"
    recorder = Recorder([text(csv), text(html, "text/html; charset=utf-8")])
    csv_path = tmp_path / "videos.csv"
    html_path = tmp_path / "report.html"
    async with make_client(recorder) as client:
        csv_result = await client.analytics.export_videos_csv(
            path=str(csv_path) if as_str else csv_path
        )
        html_result = await client.analytics.export_report_html(
            template="executive", path=str(html_path) if as_str else html_path
        )
    assert csv_path.read_bytes() == csv.encode("utf-8")
    assert html_path.read_bytes() == html.encode("utf-8")
    assert csv_result == csv
    assert csv_result.path == csv_path
    assert html_result == html
    assert html_result.path == html_path
    assert html_result.api_response is not None


async def test_a_json_answer_to_a_text_export_is_a_validation_error(
    make_client: MakeClient, tmp_path: Path
) -> None:
    recorder = Recorder(ok({"rows": []}))
    async with make_client(recorder) as client:
        with pytest.raises(APIResponseValidationError):
            await client.analytics.export_videos_csv(path=tmp_path / "x.csv")
    assert not (tmp_path / "x.csv").exists()
