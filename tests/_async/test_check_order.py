"""One order of local checks: a call that breaks a field's own rule and a cross-field rule is
refused for the field's (the field table runs first, the operation's rule on checked fields
after it), and either refusal comes before any byte leaves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.cases.check_order import BOTH_BROKEN
from tests.helpers import Recorder, ok
from tests.input_cases import resolve
from tokportal import AsyncTokPortal, InvalidRequestError

pytestmark = pytest.mark.anyio  # async-only

MakeClient = Callable[..., AsyncTokPortal]


async def refusal(
    make_client: MakeClient, method: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> InvalidRequestError:
    recorder = Recorder(ok({}))
    async with make_client(recorder) as client:
        with pytest.raises(InvalidRequestError) as caught:
            await resolve(client, method)(*args, **kwargs)
    assert recorder.count == 0  # refused locally: nothing went over the wire
    return caught.value


@pytest.mark.parametrize(
    ("name", "method", "args", "kwargs", "field", "words", "cross_field", "mended"),
    BOTH_BROKEN,
    ids=[row[0] for row in BOTH_BROKEN],
)
async def test_the_field_rule_is_refused_first(
    make_client: MakeClient,
    name: str,
    method: str,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    field: str,
    words: str,
    cross_field: str,
    mended: dict[str, Any],
) -> None:
    error = await refusal(make_client, method, args, kwargs)
    assert (error.field, words in str(error)) == (field, True), str(error)
    # The cross-field rule is alive: with the field mended, it is the one that refuses.
    error = await refusal(make_client, method, args, {**kwargs, **mended})
    assert error.field == cross_field, str(error)
