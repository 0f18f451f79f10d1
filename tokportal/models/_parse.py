"""From an APIResponse to what a typed method returns."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from .._core.api_response import APIResponse
from ._base import Model, ModelList, attach_response
from ._converter import converter

M = TypeVar("M", bound=Model)


def parse_model(response: APIResponse, cls: type[M], *, whole_body: bool = False) -> M:
    """``data`` (or, for write results with siblings of ``data``, the whole body) as ``cls``."""
    value = response.body if whole_body else response.data
    model: M = converter.structure(value if value is not None else {}, cls)
    attach_response(model, response)
    return model


def parse_list(response: APIResponse, cls: type[M], *, key: str | None = None) -> ModelList[M]:
    """A list of ``cls`` from ``data`` (or from ``data[key]`` when ``data`` is an object)."""
    data = response.data
    if key is not None and isinstance(data, Mapping):
        data = data.get(key)
    items: ModelList[M] = ModelList(
        converter.structure(item, cls) for item in (data if isinstance(data, list) else [])
    )
    attach_response(items, response)
    return items


def item_parser(cls: type[M]) -> Callable[[Any], M]:
    """A function structuring one listing item as ``cls`` (for paginators)."""

    def parse(item: Any) -> M:
        model: M = converter.structure(item, cls)
        return model

    return parse
