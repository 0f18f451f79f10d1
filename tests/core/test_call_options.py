"""The per-call options value: built once from the keywords, checked there."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tokportal import InvalidRequestError
from tokportal._core.options import DEFAULT_OPTIONS, CallOptions
from tokportal._types import NOT_GIVEN


def test_nothing_given_is_the_client_configuration() -> None:
    assert CallOptions.of({}) == DEFAULT_OPTIONS
    given_none = {"idempotency_key": None, "dry_run": None, "max_retries": None}
    assert CallOptions.of({**given_none, "extra_query": None}) == DEFAULT_OPTIONS
    assert DEFAULT_OPTIONS.timeout is NOT_GIVEN
    # None is a timeout of its own: no limit.
    assert CallOptions.of({"timeout": None}).timeout is None


def test_the_options_are_kept_as_given_and_copied() -> None:
    headers = {"X-Trace": "t-1"}
    options = CallOptions.of(
        {
            "idempotency_key": "k-1",
            "dry_run": True,
            "timeout": httpx.Timeout(3.0),
            "max_retries": 0,
            "extra_headers": headers,
            "extra_query": {"beta": 1},
            "extra_body": {"new_field": "x"},
        }
    )
    headers["X-Trace"] = "changed later"
    assert options.extra_headers == {"X-Trace": "t-1"}
    assert (options.idempotency_key, options.dry_run, options.max_retries) == ("k-1", True, 0)
    assert options.extra_query == {"beta": 1} and options.extra_body == {"new_field": "x"}


@pytest.mark.parametrize(
    ("given", "field"),
    [
        ({"dry_run": "yes"}, "dry_run"),
        ({"timeout": -1}, "timeout"),
        ({"timeout": float("nan")}, "timeout"),
        ({"max_retries": True}, "max_retries"),
        ({"max_retries": -1}, "max_retries"),
        ({"extra_headers": ["X-A"]}, "extra_headers"),
        ({"extra_headers": {"X-A": "a\r\nb"}}, "extra_headers['X-A']"),
        ({"extra_headers": {"Idempotency-Key": "k"}}, "extra_headers"),
        ({"extra_query": "page=2"}, "extra_query"),
        ({"extra_body": {1: "x"}}, "extra_body"),
    ],
)
def test_bad_options_are_refused_naming_the_option(given: dict[str, Any], field: str) -> None:
    with pytest.raises(InvalidRequestError) as caught:
        CallOptions.of(given)
    assert caught.value.field == field
