# Generated from tests/_async/test_pagination.py by scripts/generate_sync.py; do not edit.
"""Listings: lazy, page by page, filters kept, each page fetched once."""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable

import httpx
import pytest

import tokportal
from tests.helpers import Recorder, bundle_data
from tokportal import TokPortal

MakeClient = Callable[..., TokPortal]


def listing(total: int, *, with_totals: bool = True) -> Callable[[httpx.Request], httpx.Response]:
    """A fake server paging ``total`` bundles by the request's page/per_page."""

    def answer(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        per_page = int(request.url.params["per_page"])
        start = (page - 1) * per_page
        items = [
            {"id": f"b{i}", "status": "published"}
            for i in range(start, min(total, start + per_page))
        ]
        body: dict[str, object] = {"data": items}
        if with_totals:
            body["pagination"] = {
                "page": page,
                "per_page": per_page,
                "total": total,
                "total_pages": -(-total // per_page),
            }
        return httpx.Response(200, json=body)

    return answer


def test_iterates_every_item_across_pages_with_filters(make_client: MakeClient) -> None:
    recorder = Recorder(listing(7))
    with make_client(recorder) as client:
        ids = [bundle.id for bundle in client.bundles.list(status="published", per_page=3)]
    assert ids == [f"b{i}" for i in range(7)]
    assert [r.url.params["page"] for r in recorder.requests] == ["1", "2", "3"]
    for request in recorder.requests:
        assert request.url.params["status"] == "published"
        assert request.url.params["per_page"] == "3"


def test_is_lazy(make_client: MakeClient) -> None:
    recorder = Recorder(listing(500))
    with make_client(recorder) as client:
        listing_ = client.bundles.list(per_page=10)
        assert recorder.count == 0
        for _ in listing_:
            break
    assert recorder.count == 1


def test_first_page_and_pages(make_client: MakeClient) -> None:
    recorder = Recorder(listing(5))
    with make_client(recorder) as client:
        first = client.bundles.list(per_page=2).first_page()
        pages = [page for page in client.bundles.list(per_page=2).iter_pages()]
    assert [b.id for b in first.items] == ["b0", "b1"]
    assert (first.page, first.per_page, first.total, first.total_pages) == (1, 2, 5, 3)
    assert first.has_more and first.api_response.status_code == 200
    assert [len(page) for page in pages] == [2, 2, 1]
    assert not pages[-1].has_more


def test_stops_on_an_empty_page_when_totals_lie(make_client: MakeClient) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        page = int(request.url.params["page"])
        items = [bundle_data("x")] if page < 3 else []
        pagination = {"page": page, "per_page": 1, "total": 99, "total_pages": 99}
        return httpx.Response(200, json={"data": items, "pagination": pagination})

    recorder = Recorder(answer)
    with make_client(recorder) as client:
        items = client.bundles.list(per_page=1).to_list()
    assert len(items) == 2
    assert recorder.count == 3


def test_never_fetches_a_page_twice_when_the_server_repeats_itself(
    make_client: MakeClient,
) -> None:
    # The server always claims to be on page 1 of 5: a naive "page + 1" would loop forever.
    stuck = {
        "data": [bundle_data("x")],
        "pagination": {"page": 1, "per_page": 1, "total": 5, "total_pages": 5},
    }
    recorder = Recorder(httpx.Response(200, json=stuck))
    with make_client(recorder) as client:
        client.bundles.list(per_page=1).to_list()
    pages = [r.url.params["page"] for r in recorder.requests]
    assert len(pages) == len(set(pages))


def test_without_totals_stops_on_a_short_page(make_client: MakeClient) -> None:
    recorder = Recorder(listing(5, with_totals=False))
    with make_client(recorder) as client:
        items = client.bundles.list(per_page=2).to_list()
    assert len(items) == 5
    assert recorder.count == 3


def test_to_list_limit_fetches_no_more_pages_than_needed(make_client: MakeClient) -> None:
    recorder = Recorder(listing(1000))
    with make_client(recorder) as client:
        items = client.bundles.list(per_page=10).to_list(limit=15)
    assert len(items) == 15
    assert recorder.count == 2


def test_generic_paginate_gives_raw_items(make_client: MakeClient) -> None:
    recorder = Recorder(listing(3))
    with make_client(recorder) as client:
        items = [
            item
            for item in client.paginate("listBundles", query={"platform": "tiktok"}, per_page=2)
        ]
        with pytest.raises(tokportal.InvalidRequestError, match="not a page/per_page listing"):
            client.paginate("getBundle")
    assert items == [{"id": f"b{i}", "status": "published"} for i in range(3)]
    assert recorder.requests[0].url.params["platform"] == "tiktok"


def test_generic_paginate_sends_the_per_call_options_on_every_page(
    make_client: MakeClient,
) -> None:
    recorder = Recorder(listing(5))
    with make_client(recorder) as client:
        items = client.paginate(
            "listBundles",
            per_page=2,
            extra_headers={"X-Trace": "t-1"},
            extra_query={"beta": "yes", "page": 9},
            timeout=7.0,
            max_retries=0,
        ).to_list()
    assert len(items) == 5
    assert [r.url.params["page"] for r in recorder.requests] == ["1", "2", "3"]
    for request in recorder.requests:
        assert request.headers["X-Trace"] == "t-1"
        assert request.url.params["beta"] == "yes"
        assert request.extensions["timeout"]["read"] == 7.0


def test_generic_paginate_max_retries_holds_for_later_pages(make_client: MakeClient) -> None:
    pages = listing(5)

    def second_page_fails(request: httpx.Request) -> httpx.Response:
        if request.url.params["page"] == "2":
            return httpx.Response(503, json={"error": {"code": "UNAVAILABLE", "message": "x"}})
        return pages(request)

    recorder = Recorder(second_page_fails)
    with make_client(recorder) as client:
        with pytest.raises(tokportal.APIStatusError):
            client.paginate("listBundles", per_page=2, max_retries=0).to_list()
    # The default policy would have tried page 2 again; max_retries=0 reached it.
    assert [r.url.params["page"] for r in recorder.requests] == ["1", "2"]


def test_generic_paginate_refuses_bad_options_at_once(make_client: MakeClient) -> None:
    recorder = Recorder(listing(3))
    with make_client(recorder) as client:
        with pytest.raises(tokportal.InvalidRequestError, match="timeout"):
            client.paginate("listBundles", timeout=-1.0)
        with pytest.raises(tokportal.InvalidRequestError, match="is a read"):
            client.paginate("listBundles", idempotency_key="k-1").to_list()
    assert recorder.count == 0


@pytest.mark.parametrize("per_page", [0, 101, -5])
def test_per_page_is_checked_locally(make_client: MakeClient, per_page: int) -> None:
    recorder = Recorder(listing(3))
    with make_client(recorder) as client:
        with pytest.raises(tokportal.InvalidRequestError, match="per_page"):
            client.bundles.list(per_page=per_page)
    assert recorder.count == 0


def test_memory_stays_flat_over_a_long_listing(make_client: MakeClient) -> None:
    recorder = Recorder(listing(10_000))
    with make_client(recorder) as client:
        tracemalloc.start()
        try:
            count = 0
            for _ in client.bundles.list(per_page=100):
                count += 1
                if count == 1_000:
                    baseline, _ = tracemalloc.get_traced_memory()
            current, _ = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
    assert count == 10_000
    # The recorder keeps each request it saw (100 of them); the items themselves are not kept.
    assert current - baseline < 2_000_000
