"""The field-table interpreter (``tokportal._core.fields``): what it refuses, how it says so,
what it sends, and what it leaves alone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import httpx
import pytest

from tests.helpers import API_KEY, Recorder, ok
from tokportal import InvalidRequestError, TokPortal
from tokportal._core import fields
from tokportal.models._enums import BundleType, Platform


def refusal(operation_id: str, **parts: Any) -> InvalidRequestError:
    with pytest.raises(InvalidRequestError) as caught:
        fields.check_request(operation_id, query=parts.get("query"), body=parts.get("body"))
    return caught.value


def test_a_refusal_names_the_field_the_rule_and_the_value_cut_short() -> None:
    error = refusal("createBundle", body={"bundle_type": "account_only", "title": "t" * 5000})
    assert error.field == "title"
    assert "must be at most 200 characters long (got 5000)" in str(error)
    assert "5,000 long" in str(error) and len(str(error)) < 250  # the value is cut short
    assert error.value == "t" * 5000


@pytest.mark.parametrize(
    ("operation_id", "parts", "field", "rule"),
    [
        ("createBundle", {"body": {}}, "bundle_type", "is required"),
        ("createBundle", {"body": {"bundle_type": 3}}, "bundle_type", "must be a string"),
        (
            "createBundle",
            {"body": {"bundle_type": "x", "videos_quantity": 0}},
            "videos_quantity",
            "at least 1",
        ),
        (
            "createBundle",
            {"body": {"bundle_type": "x", "edits_quantity": True}},
            "edits_quantity",
            "integer",
        ),
        (
            "createBundle",
            {"body": {"bundle_type": "x", "advanced_warming_terms_count": 4}},
            "advanced_warming_terms_count",
            "multiple of 3",
        ),
        (
            "createBundle",
            {"body": {"bundle_type": "x", "advanced_warming_terms": ["aa", "AA", "bb"]}},
            "advanced_warming_terms[1]",
            "case-insensitive",
        ),
        (
            "createBundle",
            {"body": {"bundle_type": "x", "advanced_warming_terms": ["aa", "b", "cc"]}},
            "advanced_warming_terms[1]",
            "at least 2",
        ),
        (
            "configureBundleAccount",
            {"body": {"username": "bad-name", "visible_name": "v"}},
            "username",
            "must match",
        ),
        (
            "configureBundleAccount",
            {"body": {"username": "u", "visible_name": "v", "link_in_bio": "example.com"}},
            "link_in_bio",
            "http(s) URL",
        ),
        (
            "createWebhookEndpoint",
            {"body": {"url": "http://a.example", "events": ["x"]}},
            "url",
            "https://",
        ),
        (
            "createWebhookEndpoint",
            {"body": {"url": "https://a.example", "events": []}},
            "events",
            "must not be empty",
        ),
        (
            "uploadImage",
            {
                "body": {
                    "filename": "a",
                    "content_type": "image/png",
                    "bundle_id": "b",
                    "purpose": "banner",
                }
            },
            "purpose",
            "must be one of carousel, profile_picture",
        ),
        (
            "configureBundleVideo",
            {"body": {"video_type": "video", "target_publish_date": "2030-02-30"}},
            "target_publish_date",
            "real calendar date",
        ),
        (
            "updateBundle",
            {"body": {"auto_finalize_videos": None}},
            "auto_finalize_videos",
            "must not be null",
        ),
        ("listAccountBans", {"query": {"since": "last week"}}, "since", "ISO 8601"),
        ("listBundles", {"query": {"per_page": 101}}, "per_page", "1 to 100"),
    ],
)
def test_documented_rules(operation_id: str, parts: dict[str, Any], field: str, rule: str) -> None:
    error = refusal(operation_id, **parts)
    assert error.field == field
    assert rule in str(error)


def test_what_is_sent_enum_members_dates_and_datetimes_written_out() -> None:
    query, body = fields.check_request(
        "createBundle",
        query=None,
        body={"bundle_type": BundleType.ACCOUNT_ONLY, "platform": Platform.TIKTOK},
    )
    assert body == {"bundle_type": "account_only", "platform": "tiktok"}
    assert all(type(v) is str for v in body.values())
    _, body = fields.check_request(
        "patchBundleVideo", query=None, body={"target_publish_date": dt.date(2030, 1, 2)}
    )
    assert body == {"target_publish_date": "2030-01-02"}
    since = dt.datetime(2030, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
    query, _ = fields.check_request("listAccountBans", query={"since": since}, body=None)
    assert query == {"since": "2030-01-02T03:04:05Z"}


def test_the_callers_mappings_are_not_mutated_and_unknown_fields_pass() -> None:
    given = {"bundle_type": BundleType.VIDEOS_ONLY, "brand_new_field": object()}
    _, body = fields.check_request("createBundle", query=None, body=given)
    assert given["bundle_type"] is BundleType.VIDEOS_ONLY
    assert (
        body["bundle_type"] == "videos_only" and body["brand_new_field"] is given["brand_new_field"]
    )


def test_an_operation_without_rules_is_passed_through() -> None:
    settings = {"anything": [1, 2]}
    assert fields.check_request("updateCurrentUserSettings", query=None, body=settings) == (
        None,
        settings,
    )


def test_the_wire_reading_parses_query_text_and_keeps_the_error_code() -> None:
    read = fields.check_wire(
        "listAccountBans", query=[("per_page", "50"), ("include_screenshots", "true")], body=None
    )
    assert read == {"per_page": 50, "include_screenshots": True}
    with pytest.raises(fields.Refusal) as caught:
        fields.check_wire("listAccountBans", query=[("per_page", "fifty")], body=None)
    assert (caught.value.field, caught.value.code) == ("per_page", "VALIDATION_ERROR")
    with pytest.raises(fields.Refusal) as caught:
        fields.check_wire("rewarmAccount", query=[], body={"search_terms": ["aa", "bb"]})
    assert (caught.value.field, caught.value.code) == ("search_terms", "ADVANCED_WARMING_TERMS")


def test_a_typed_method_refuses_before_any_byte_and_extra_body_is_not_checked() -> None:
    endpoint = {"id": "w1", "url": "https://a.example", "events": ["*"], "enabled": True}
    recorder = Recorder(ok(endpoint))
    with TokPortal(
        api_key=API_KEY, transport=httpx.MockTransport(recorder), rate_limit=None
    ) as client:
        with pytest.raises(InvalidRequestError) as caught:
            client.webhooks.update("w1", url="http://insecure.example")
        assert caught.value.field == "url" and recorder.count == 0
        # What the SDK does not know yet goes out as given, unchecked.
        client.webhooks.update(
            "w1", enabled=True, extra_body={"url": "ftp://whatever", "new_flag": 3}
        )
        assert recorder.count == 1
        assert recorder.json() == {"enabled": True, "url": "ftp://whatever", "new_flag": 3}
