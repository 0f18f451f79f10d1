"""From an APIResponse to what a typed method returns: one helper per envelope kind.

- :func:`parse_model`: ``data`` as a model, or the whole body (write results whose
  siblings of ``data``, such as ``credits_charged``, belong to the result);
- :func:`parse_object`: ``data`` as a model, tolerating a bare list (analytics);
- :func:`parse_list`: a list in ``data`` or ``data[key]``;
- :func:`parse_items`: the first list among ``data`` and ``data[key]`` for several keys,
  skipping non-object items (analytics);
- :func:`item_parser`: one item of a listing page (paginators).

Every model built here carries the response (nested models and listing items too), and a
response lacking a field the API documents as always present raises
:class:`~tokportal.APIResponseValidationError` naming the operation and the field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from .._core.api_response import APIResponse
from .._operations import OPERATIONS
from ..errors import APIResponseValidationError
from ._base import Model, ModelList, attach_response
from ._converter import RequiredFieldError, converter, current_response

M = TypeVar("M", bound=Model)
T = TypeVar("T")


def structure_from(
    response: APIResponse, value: Any, cls: type[T], *, path: tuple[str | int, ...] = ("data",)
) -> T:
    """``value`` (found at ``path`` in the body) as ``cls``, carrying ``response``.

    A missing or unreadable required field raises ``APIResponseValidationError``.
    """
    token = current_response.set(response)
    try:
        result: T = converter.structure(value, cls)
    except RequiredFieldError as exc:
        error = RequiredFieldError([*path, *exc.path], exc.problem)
        raise validation_error(response, error) from None
    except (TypeError, ValueError) as exc:
        # Only the top level can get here (a list where an object is documented, ...):
        # below it, an optional field's odd value is kept in ``raw`` and a required one's
        # raises RequiredFieldError.
        raise validation_error(
            response, RequiredFieldError(list(path), type(exc).__name__)
        ) from None
    finally:
        current_response.reset(token)
    return result


def validation_error(
    response: APIResponse, error: RequiredFieldError
) -> APIResponseValidationError:
    """The error for a response lacking a documented field (its path from the body's root)."""
    field = error.field
    if error.problem == "missing":
        what = f"lacks required field '{field}'"
    else:
        what = f"has an unreadable value ({error.problem}) in required field '{field}'"
    where = f"HTTP {response.status_code}"
    if response.request_id:
        where += f", request_id={response.request_id}"
    operation = OPERATIONS.get(response.operation_id)
    return APIResponseValidationError(
        f"{response.operation_id}: response {what} [{where}]",
        status_code=response.status_code,
        # The body of a secret-returning operation (signing secret, credentials, presigned
        # URL) is not kept on an error: errors get logged.
        body=None if operation is not None and operation.is_sensitive else response.body,
        operation_id=response.operation_id,
        field=field,
        request_id=response.request_id,
        idempotency_key=response.idempotency_key,
    )


def parse_model(response: APIResponse, cls: type[M], *, whole_body: bool = False) -> M:
    """``data`` (or, for write results with siblings of ``data``, the whole body) as ``cls``."""
    value = response.body if whole_body else response.data
    model = structure_from(
        response, value if value is not None else {}, cls, path=() if whole_body else ("data",)
    )
    attach_response(model, response)
    return model


def parse_list(response: APIResponse, cls: type[M], *, key: str | None = None) -> ModelList[M]:
    """A list of ``cls`` from ``data`` (or from ``data[key]`` when ``data`` is an object)."""
    data = response.data
    path: tuple[str, ...] = ("data",)
    if key is not None and isinstance(data, Mapping):
        data, path = data.get(key), ("data", key)
    items: ModelList[M] = ModelList(
        structure_from(response, item, cls, path=(*path, index))
        for index, item in enumerate(data if isinstance(data, list) else [])
    )
    attach_response(items, response)
    return items


def parse_object(response: APIResponse, cls: type[M], *, list_key: str | None = None) -> M:
    """``data`` as ``cls``; a bare-list ``data`` is read as ``{list_key: data}``."""
    data = response.data
    if isinstance(data, list) and list_key is not None:
        data = {list_key: data}
    model = structure_from(response, data if isinstance(data, Mapping) else {}, cls)
    attach_response(model, response)
    return model


def parse_items(response: APIResponse, cls: type[M], *keys: str) -> ModelList[M]:
    """A list of ``cls``: ``data`` itself, or the first list found at ``data[key]``.

    Non-object items are skipped; the whole body stays in ``.api_response.body``.
    """
    data = response.data
    path: tuple[str, ...] = ("data",)
    if isinstance(data, Mapping):
        key = next((k for k in keys if isinstance(data.get(k), list)), None)
        data, path = (data[key], ("data", key)) if key is not None else (None, path)
    items: ModelList[M] = ModelList(
        structure_from(response, item, cls, path=(*path, index))
        for index, item in enumerate(data if isinstance(data, list) else [])
        if isinstance(item, Mapping)
    )
    attach_response(items, response)
    return items


def item_parser(cls: type[M]) -> Callable[[Any, APIResponse, int], M]:
    """A function structuring item ``index`` of a listing page as ``cls`` (for paginators)."""

    def parse(item: Any, response: APIResponse, index: int) -> M:
        return structure_from(response, item, cls, path=("data", index))

    return parse
