"""``with_raw_response`` has a view of every typed method, on both clients: the generated
views (``scripts/spec_emit/raw_views.py``) wrap exactly the methods the resources have, so a
method added by hand to a flow without regenerating shows up here (mypy checks the types in
``tests/typing/raw_types.py``)."""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from typing import Any

import pytest

from tests.helpers import API_KEY
from tokportal import AsyncTokPortal, TokPortal
from tokportal._async.resources._resource import AsyncResource
from tokportal._sync.resources._resource import Resource


def _methods(target: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Every public method under the client's resource groups: dotted name -> bound method."""
    for name in dir(target):
        if name.startswith("_"):
            continue
        value = getattr(target, name)
        if isinstance(value, (AsyncResource, Resource)):
            yield from _methods(value, f"{path}{name}.")
        elif path and inspect.ismethod(value):
            yield f"{path}{name}", value


def _view(raw: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        raw = getattr(raw, part)
    return raw


@pytest.mark.parametrize("client_class", [AsyncTokPortal, TokPortal])
def test_every_typed_method_has_a_raw_view_that_calls_it(client_class: type[Any]) -> None:
    client = client_class(api_key=API_KEY)
    methods = dict(_methods(client))
    assert len(methods) > 80, "the walk found the resources"
    for dotted, method in methods.items():
        view = _view(client.with_raw_response, dotted)
        # The view calls this very method (bound to this client), keeps its name and its
        # signature; only the return type differs.
        assert view.__wrapped__ == method, dotted
        assert view.__name__ == method.__name__
        assert inspect.signature(view).parameters == inspect.signature(method).parameters
        assert inspect.iscoroutinefunction(view) == (client_class is AsyncTokPortal), dotted
    # And nothing else: each group view holds the methods of its group and its subgroups.
    for dotted in methods:
        group, _, _ = dotted.rpartition(".")
        view_group = _view(client.with_raw_response, group)
        own = {k for k, v in vars(view_group).items() if not k.startswith("_") and callable(v)}
        assert {d.rpartition(".")[2] for d in methods if d.rpartition(".")[0] == group} == own


@pytest.mark.parametrize("client_class", [AsyncTokPortal, TokPortal])
def test_the_client_level_calls_have_views(client_class: type[Any]) -> None:
    client = client_class(api_key=API_KEY)
    raw = client.with_raw_response
    assert raw.request.__wrapped__ == client.request
    assert raw.paginate.__wrapped__ == client.paginate
    assert client.with_raw_response is raw, "one view per client"
    assert API_KEY not in repr(raw)
