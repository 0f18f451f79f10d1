"""The sync twin offers what the async client offers, with the same parameters."""

from __future__ import annotations

import functools
import inspect
import re
from typing import Any

import pytest

from tokportal import AsyncPaginator, AsyncTokPortal, Paginator, TokPortal

SYNC_NAMES = {"aclose": "close"}


def _public_methods(obj: Any) -> dict[str, Any]:
    return {
        name: member
        for name, member in inspect.getmembers(type(obj))
        if not name.startswith("_") and callable(member)
    }


def _resources(client: Any) -> dict[str, Any]:
    found: dict[str, Any] = {}
    # Resources are cached properties, built on first access.
    for name, member in inspect.getmembers(type(client)):
        if name.startswith("_") or not isinstance(member, functools.cached_property):
            continue
        value = getattr(client, name)
        found[name] = value
        for sub_name, sub in vars(value).items():
            if not sub_name.startswith("_"):
                found[f"{name}.{sub_name}"] = sub
    return found


def _sync_annotation(annotation: str) -> str:
    return re.sub(r"\bAsync([A-Z]\w*)", r"\1", annotation).replace("Awaitable[None]", "None")


def _signature(func: Any, *, translate: bool) -> list[tuple[str, Any, Any, str]]:
    params = []
    for param in inspect.signature(func).parameters.values():
        annotation = str(param.annotation)
        params.append(
            (
                param.name,
                param.kind,
                param.default,
                _sync_annotation(annotation) if translate else annotation,
            )
        )
    return params


def _pairs() -> list[tuple[str, Any, Any]]:
    async_client = AsyncTokPortal(api_key="sk_test", rate_limit=None)
    sync_client = TokPortal(api_key="sk_test", rate_limit=None)
    pairs = [("client", async_client, sync_client)]
    async_resources = _resources(async_client)
    sync_resources = _resources(sync_client)
    assert sorted(async_resources) == sorted(sync_resources)
    pairs += [(name, async_resources[name], sync_resources[name]) for name in async_resources]
    return pairs


@pytest.mark.parametrize(
    ("name", "async_obj", "sync_obj"), _pairs(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_same_methods_with_same_parameters(name: str, async_obj: Any, sync_obj: Any) -> None:
    async_methods = {SYNC_NAMES.get(n, n): m for n, m in _public_methods(async_obj).items()}
    sync_methods = _public_methods(sync_obj)
    assert sorted(async_methods) == sorted(sync_methods), name
    for method_name, async_method in async_methods.items():
        sync_method = sync_methods[method_name]
        assert _signature(async_method, translate=True) == _signature(
            sync_method, translate=False
        ), f"{name}.{method_name}"
        assert not inspect.iscoroutinefunction(sync_method)
        assert not inspect.isasyncgenfunction(sync_method)


def test_paginators_match() -> None:
    async_methods = set(_public_methods_of_class(AsyncPaginator))
    sync_methods = set(_public_methods_of_class(Paginator))
    assert async_methods == sync_methods
    assert hasattr(AsyncPaginator, "__await__")
    assert not hasattr(Paginator, "__await__")
    assert hasattr(Paginator, "__iter__") and hasattr(AsyncPaginator, "__aiter__")


def _public_methods_of_class(cls: type) -> list[str]:
    return [
        name
        for name, member in inspect.getmembers(cls)
        if not name.startswith("_") and callable(member)
    ]
