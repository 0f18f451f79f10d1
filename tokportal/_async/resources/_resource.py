"""What every resource shares: turning typed arguments and per-call options into a call."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ..._core.fields import check_request
from ..._core.options import CallOptions
from ..._core.validation import Rule
from ..._core.requests import Query, find_operation
from ..._core.response import APIResponse
from ..._types import NOT_GIVEN, RequestOptions
from ..pagination import AsyncPaginator
from ..transport import AsyncTransport

if TYPE_CHECKING:
    from typing_extensions import Unpack

T = TypeVar("T")


def omit_not_given(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The fields the caller gave (``None`` included, as an explicit null)."""
    return {name: value for name, value in fields.items() if value is not NOT_GIVEN}


def _checked(
    operation_id: str,
    query: Query | None,
    body: Any,
    rule: Rule | None,
    options: Mapping[str, Any],
) -> tuple[Query | None, Any]:
    """The one order of local checks: the spec's field table first, then the operation's
    cross-field rule on the checked fields (a body when the call sends one, else its query).

    Both run before any byte leaves; ``extra_body`` / ``extra_query`` are merged later,
    unchecked (they carry what this SDK does not know yet), so the rule only learns that
    they are there (``has_extra``).
    """
    query, body = check_request(operation_id, query=query, body=body)
    if rule is not None:
        if body is not None:
            body = rule(body, has_extra=bool(options.get("extra_body")))
        elif query is not None:
            query = rule(query, has_extra=bool(options.get("extra_query")))
    return query, body


class AsyncResource:
    """A group of typed methods over one transport."""

    def __init__(self, transport: AsyncTransport) -> None:
        self._transport = transport

    async def _request(
        self,
        operation_id: str,
        *,
        path_params: Mapping[str, Any] | None = None,
        query: Query | None = None,
        body: Mapping[str, Any] | None = None,
        files: Any = None,
        data: Mapping[str, Any] | None = None,
        rule: Rule | None = None,
        **options: Unpack[RequestOptions],
    ) -> APIResponse:
        query, body = _checked(operation_id, query, body, rule, options)
        return await self._transport.request(
            find_operation(operation_id),
            path_params=path_params,
            query=query,
            json=body,
            files=files,
            data=data,
            options=CallOptions.of(options),
        )

    def _paginate(
        self,
        operation_id: str,
        parse_item: Callable[[Any, APIResponse, int], T],
        *,
        path_params: Mapping[str, Any] | None = None,
        query: Query | None = None,
        per_page: int = 100,
        rule: Rule | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPaginator[T]:
        checked, _ = check_request(
            operation_id, query={**(query or {}), "per_page": per_page}, body=None
        )
        assert checked is not None
        per_page = checked.pop("per_page")
        query = checked if query is not None else None
        if rule is not None and query is not None:
            query = rule(query, has_extra=bool(options.get("extra_query")))
        return AsyncPaginator(
            self._transport,
            find_operation(operation_id),
            parse_item=parse_item,
            path_params=path_params,
            query=query,
            per_page=per_page,
            options=CallOptions.of(options),
        )
