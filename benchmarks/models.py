"""Cost of reading a listing page into typed models, against decoding its JSON.

    python benchmarks/models.py [--items 100] [--rounds 7]

One page of ``--items`` bundles shaped like the emulator's (every documented field, a few
unknown ones) is read as a paginator reads it: each item structured into a ``Bundle`` that
checks its required fields and carries the page's ``api_response``. The baseline, measured in
the same run, is ``json.loads`` of the same page; the median round is reported as a ratio.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

import httpx

from tokportal import APIResponse
from tokportal.models import Bundle
from tokportal.models._parse import item_parser


def bundle(i: int) -> dict[str, object]:
    return {
        "id": f"b{i}",
        "bundle_id": f"b{i}",
        "title": f"Bundle {i}",
        "bundle_type": "account_and_videos",
        "platform": "tiktok",
        "country": "USA",
        "status": "published",
        "external_ref": None,
        "videos_quantity": 5,
        "edits_quantity": 0,
        "videos_configured_count": 3,
        "is_published": True,
        "account_configured": True,
        "account_status": "in_review",
        "saved_account_id": None,
        "auto_finalize_videos": True,
        "review_mode": "auto_finalize",
        "credits_spent": 42,
        "created_at": "2026-05-25T12:00:00.000Z",
        "published_at": "2026-05-26T12:00:00.000Z",
        "unpublished_at": None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--items", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--repeat", type=int, default=50, help="pages per round")
    args = parser.parse_args()
    page = {"data": [bundle(i) for i in range(args.items)]}
    content = json.dumps(page).encode()
    response = APIResponse(
        operation_id="listBundles",
        status_code=200,
        headers=httpx.Headers(),
        body=page,
        request_id="req_bench",
        api_version=None,
        rate_limit=None,
        idempotency_key=None,
        replayed=False,
    )
    parse = item_parser(Bundle)

    def decode() -> None:
        json.loads(content)

    def structure() -> None:
        for index, item in enumerate(page["data"]):
            parse(item, response, index)

    results: dict[str, list[float]] = {"json.loads": [], "structure": []}
    for _ in range(args.rounds):
        for name, run in (("json.loads", decode), ("structure", structure)):
            start = time.perf_counter()
            for _ in range(args.repeat):
                run()
            per_item = (time.perf_counter() - start) / (args.repeat * args.items)
            results[name].append(per_item)
    base = statistics.median(results["json.loads"])
    for name, samples in results.items():
        median = statistics.median(samples)
        print(f"{name:>11}: {median * 1e6:7.2f} µs/item  ({median / base:5.1f}x json.loads)")


if __name__ == "__main__":
    main()
