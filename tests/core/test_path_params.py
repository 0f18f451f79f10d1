"""Path parameters can never move a request to another path.

Every path parameter of every operation gets arbitrary ids (hypothesis) through the real
request-building path: ``client.request`` on a client whose httpx transport records the
URL exactly as httpx would send it (``request.url.raw_path``). Either the call is refused
locally (``InvalidRequestError``, nothing sent), or the path has exactly the operation's
segments: the fixed ones unchanged, each parameter's segment decoding back to the value.

Why it matters: RFC 3986 removes dot segments when a URL is resolved, and httpx does so on
the unencoded ``.``/``..`` (``/bundles/../add-video-slots`` is sent as ``/add-video-slots``);
it leaves ``%2E%2E`` alone, but a proxy or server may decode and collapse it, so the SDK
escapes ``%`` itself (``%252E``) and refuses bare dot segments.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote_to_bytes

import httpx
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from tokportal import OPERATIONS, InvalidRequestError, TokPortal
from tokportal._core.requests import expand_path

BASE = "https://app.tokportal.com/api/ext"
BASE_SEGMENTS = ["api", "ext"]
WITH_PARAMS = sorted(op for op, o in OPERATIONS.items() if o.path_params)

# Ids built to probe URL resolution: dot segments bare, encoded, padded and mixed with
# separators, fullwidth look-alikes, a trailing slash, query and fragment markers.
TRICKY = st.sampled_from(
    [
        ".",
        "..",
        "...",
        "%2e",
        "%2e%2e",
        "%2E%2E",
        ".%2e",
        "%2e.",
        "./",
        "../",
        "/..",
        "a/../..",
        "..\\",
        "\\..",
        " .. ",
        "..?x=1",
        "..#frag",
        "\uff0e\uff0e",  # fullwidth full stops
        "/",
        "//",
        "a/",
        "?",
        "#",
        "",
        " ",
        "\t\n",
        "%",
        "%%32%65",
        ";..",
        "..;",
    ]
)
IDS = st.one_of(
    TRICKY,
    st.text(alphabet=st.sampled_from("./%2eE\\?#;: a"), max_size=8),
    st.text(max_size=30),
    st.integers(min_value=-5, max_value=10**20),
)


class Recorder:
    def __init__(self) -> None:
        self.raw_paths: list[bytes] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.raw_paths.append(request.url.raw_path)
        return httpx.Response(200, json={"data": {}})


@pytest.fixture(scope="module")
def wire() -> Any:
    recorder = Recorder()
    client = TokPortal(
        api_key="sk_" + "ab12" * 16,
        base_url=BASE,
        transport=httpx.MockTransport(recorder),
        rate_limit=None,
        max_retries=0,
    )
    yield client, recorder
    client.close()


def files_for(operation_id: str) -> Any:
    if OPERATIONS[operation_id].request_content_type == "multipart/form-data":
        return {"file": ("a.csv", b"position\n1\n", "text/csv")}
    return None


def expected_segments(operation_id: str) -> list[str]:
    return BASE_SEGMENTS + OPERATIONS[operation_id].path.strip("/").split("/")


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(operation_id=st.sampled_from(WITH_PARAMS), data=st.data())
@example(operation_id="addVideoSlots", data=None)
def test_sent_path_has_exactly_the_operations_segments(
    wire: Any, operation_id: str, data: Any
) -> None:
    client, recorder = wire
    operation = OPERATIONS[operation_id]
    if data is None:  # the tester's case: ".." as a bundle id
        values: dict[str, Any] = dict.fromkeys(operation.path_params, "..")
    else:
        values = {name: data.draw(IDS, label=name) for name in operation.path_params}
    sent_before = len(recorder.raw_paths)
    refused: InvalidRequestError | None = None
    try:
        client.request(operation_id, path_params=values, files=files_for(operation_id))
    except InvalidRequestError as exc:
        refused = exc
    if refused is not None:
        assert len(recorder.raw_paths) == sent_before, "refused, yet a request left"
        assert refused.field in operation.path_params
        return
    assert len(recorder.raw_paths) == sent_before + 1
    path = recorder.raw_paths[-1].split(b"?", 1)[0].decode("ascii")
    sent = path.strip("/").split("/")
    template = expected_segments(operation_id)
    assert len(sent) == len(template), f"{values} turned {operation.path} into {path}"
    for want, got in zip(template, sent, strict=True):
        if want.startswith("{"):
            value = values[want.strip("{}")]
            assert unquote_to_bytes(got) == str(value).encode("utf-8")
            assert got not in (".", "..")
        else:
            assert got == want


@pytest.mark.parametrize("operation_id", WITH_PARAMS)
def test_every_path_parameter_refuses_bad_ids_naming_it(operation_id: str) -> None:
    operation = OPERATIONS[operation_id]
    for name in operation.path_params:
        for bad in (".", "..", "", " ", "\t", None, 0, -1, True, 1.0, b"id"):
            values = {**dict.fromkeys(operation.path_params, "ok"), name: bad}
            with pytest.raises(InvalidRequestError) as caught:
                expand_path(operation, values)
            assert caught.value.field == name
            assert name in str(caught.value)


def test_percent_and_separators_are_escaped_not_interpreted() -> None:
    operation = OPERATIONS["getBundle"]
    assert expand_path(operation, {"id": "%2e%2e"}) == "/bundles/%252e%252e"
    assert expand_path(operation, {"id": "a/b?c#d"}) == "/bundles/a%2Fb%3Fc%23d"
    assert expand_path(operation, {"id": "..."}) == "/bundles/..."
    assert expand_path(operation, {"id": " .. "}) == "/bundles/%20..%20"
