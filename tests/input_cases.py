"""Bad inputs for every typed method and for ``client.request``, shared by both clients' tests.

A case is one call: a method path on the client (``"bundles.create"``), its positional and
keyword arguments. Each call fills every required parameter with a good value and then puts
one bad value in one place (a parameter, a per-call option, a path parameter, a query or
body value, a header). What may come out of such a call is either an ``InvalidRequestError``
or a request on the wire; never a raw ``ValueError``, ``TypeError``, ``httpx.InvalidURL`` or
``UnicodeEncodeError``.
"""

from __future__ import annotations

import datetime as dt
import inspect
from collections.abc import Iterator
from functools import reduce
from typing import Any

import attrs

from tokportal import OPERATIONS
from tokportal._types import NOT_GIVEN

LONG = "x" * 100_000
HUGE_INT = 10**5000  # str() of it raises ValueError (Python's int-to-str digit limit)
NAIVE = dt.datetime(2030, 1, 1, 12, 0)
AWARE = dt.datetime(2030, 1, 1, 12, 0, tzinfo=dt.timezone.utc)


class Opaque:
    """An object with nothing to say for itself (no str/JSON form the API could want)."""


# Values that no parameter of the API expects in this form.
BAD_VALUES: tuple[Any, ...] = (
    None,
    "",
    " ",
    ".",
    "..",
    "%2e%2e",
    "a/../b",
    "/",
    "\x00",
    "a\r\nX-Evil: 1",
    "\u00e9t\u00e9",
    "\ud800",
    LONG,
    HUGE_INT,
    -1,
    0,
    2**64,
    float("nan"),
    float("inf"),
    -0.0,
    1.5,
    True,
    b"bytes",
    bytearray(b"ba"),
    [],
    {},
    [None],
    ["\ud800"],
    [float("nan")],
    {"k": float("nan")},
    {"\ud800": 1},
    {1: "int key"},
    Opaque(),
    NAIVE,
    AWARE,
    dt.date(2030, 1, 1),
    {"a", "b"},
)

# A good value for each required parameter, by name.
GOOD: dict[str, Any] = {
    "settings": {"website": "https://example.com"},
    "account_id": "acc_1",
    "bundle_id": "bun_1",
    "session_id": "ses_1",
    "webhook_id": "wh_1",
    "delivery_id": "del_1",
    "video_id": "vid_1",
    "post_id": "post_1",
    "task_id": "task_1",
    "position": 1,
    "bundle_type": "account_only",
    "platforms": ["tiktok"],
    "country": "US",
    "accounts_count": 1,
    "quantity": 1,
    "username": "user_1",
    "visible_name": "User One",
    "comment": "please fix",
    "video_type": "video",
    "target_publish_date": "2030-01-01",
    "videos": [
        {
            "position": 1,
            "video_type": "video",
            "target_publish_date": "2030-01-01",
            "description": "hello",
        }
    ],
    "file": b"a,b\n1,2\n",
    "requested_username": "user_2",
    "requested_visible_name": "User Two",
    "search_terms": ["aa", "bb", "cc"],
    "terms": ["aa", "bb", "cc"],
    "text": "indoor plants",
    "url": "https://example.com/hook",
    "events": ["bundle.created"],
    "filename": "clip.mp4",
    "content_type": "video/mp4",
    "reason": "not posted",
}
# Optional parameters filled in too, so a bad value elsewhere meets a call that is
# otherwise complete (``configure`` needs a description for a video).
GOOD_OPTIONAL: dict[str, dict[str, Any]] = {
    "bundles.videos.configure": {"description": "hello"},
    "bundles.videos.update": {"name": "n"},
    "bundles.videos.fix_download": {"video_url": "https://example.com/v.mp4"},
    "bundles.update": {"title": "t"},
    "coverage.reactivate": {
        "expected_credits": 25,
        "expected_current_period_end": "2030-01-01T00:00:00Z",
        "expected_lock_version": 1,
    },
    "webhooks.update": {"enabled": True},
    "comments.create": {
        "saved_account_id": "acc_1",
        "target_video_url": "https://www.tiktok.com/@a/video/1",
        "comment_text": "nice",
    },
}
# Per-call options every typed method takes (RequestOptions).
OPTION_NAMES = (
    "idempotency_key",
    "dry_run",
    "timeout",
    "max_retries",
    "extra_headers",
    "extra_query",
    "extra_body",
)
# Local-only parameters that never reach the wire (a file path to write, a progress hook).
SKIPPED = {"path", "progress"}


@attrs.frozen
class Case:
    method: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    where: str

    def __str__(self) -> str:
        return f"{self.method} {self.where}"


def resolve(client: Any, method: str) -> Any:
    return reduce(getattr, method.split("."), client)


def parameters(client: Any, method: str) -> list[inspect.Parameter]:
    return [
        p
        for p in inspect.signature(resolve(client, method)).parameters.values()
        if p.kind is not inspect.Parameter.VAR_KEYWORD and p.name not in SKIPPED
    ]


def good_call(client: Any, method: str) -> tuple[list[Any], dict[str, Any]]:
    args: list[Any] = []
    kwargs: dict[str, Any] = dict(GOOD_OPTIONAL.get(method, {}))
    for p in parameters(client, method):
        if p.default is not inspect.Parameter.empty:
            continue
        value = GOOD.get(p.name, "x")
        if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD:
            args.append(value)
        else:
            kwargs[p.name] = value
    return args, kwargs


def typed_cases(client: Any, values: tuple[Any, ...] = BAD_VALUES) -> Iterator[Case]:
    """Every typed method × every parameter (and per-call option) × every bad value."""
    for operation in OPERATIONS.values():
        method = operation.method_name
        assert method is not None
        args, kwargs = good_call(client, method)
        names = [p.name for p in parameters(client, method)]
        positional = [
            p.name
            for p in parameters(client, method)
            if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
            and p.default is inspect.Parameter.empty
        ]
        for name in [*names, *OPTION_NAMES]:
            for value in values:
                call_args = list(args)
                call_kwargs = dict(kwargs)
                if name in positional:
                    call_args[positional.index(name)] = value
                else:
                    call_kwargs[name] = value
                yield Case(method, tuple(call_args), call_kwargs, f"{name}={_short(value)}")


def raw_cases(values: tuple[Any, ...] = BAD_VALUES) -> Iterator[Case]:
    """``client.request`` with one bad value in each of its inputs."""
    for operation in OPERATIONS.values():
        good_params = dict.fromkeys(operation.path_params, "id_1")
        for name in operation.path_params:
            for value in values:
                yield Case(
                    "request",
                    (operation.operation_id,),
                    {"path_params": {**good_params, name: value}},
                    f"{operation.operation_id} path {name}={_short(value)}",
                )
    get, post = "getBundle", "addVideoSlots"
    base: dict[str, Any] = {"path_params": {"id": "bun_1"}}
    for value in values:
        shown = _short(value)
        for where, kwargs in (
            ("path_params", {"path_params": value}),
            ("query value", {"query": {"k": value}}),
            ("query key", {"query": {value: "v"}} if _hashable(value) else {"query": value}),
            ("query", {"query": value}),
            ("extra_headers value", {"extra_headers": {"X-Extra": value}}),
            (
                "extra_headers name",
                {"extra_headers": {value: "v"}} if _hashable(value) else {"extra_headers": value},
            ),
            ("extra_headers", {"extra_headers": value}),
            ("timeout", {"timeout": value}),
            ("max_retries", {"max_retries": value}),
            ("dry_run", {"dry_run": value}),
        ):
            yield Case("request", (get,), {**base, **kwargs}, f"{get} {where}={shown}")
        for where, kwargs in (
            ("json", {"json": value}),
            ("json value", {"json": {"quantity": value}}),
            ("json nested", {"json": {"quantity": 1, "extra": [{"deep": value}]}}),
            ("idempotency_key", {"idempotency_key": value}),
        ):
            yield Case("request", (post,), {**base, **kwargs}, f"{post} {where}={shown}")
        yield Case("request", (value,), {}, f"operation_id={shown}")


def _hashable(value: Any) -> bool:
    try:
        hash(value)
    except TypeError:
        return False
    return True


def _short(value: Any) -> str:
    try:
        text = repr(value)
    except ValueError:
        text = f"<int of {value.bit_length()} bits>"
    return text if len(text) <= 40 else text[:30] + f"...({len(text)})"


# Keep NOT_GIVEN importable from here for tests that build calls by hand.
__all__ = ["BAD_VALUES", "NOT_GIVEN", "Case", "raw_cases", "resolve", "typed_cases"]
