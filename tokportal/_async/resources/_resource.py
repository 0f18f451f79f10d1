"""What every resource shares: turning typed arguments and per-call options into a call."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from ..._core.fields import check_call
from ..._core.options import CallOptions
from ..._core.requests import Query, find_operation
from ..._core.response import APIResponse
from ..._core.validation import Rule
from ..._types import NOT_GIVEN, RequestOptions
from ..pagination import AsyncPaginator
from ..transport import AsyncTransport

if TYPE_CHECKING:
    from typing_extensions import Unpack

T = TypeVar("T")


def omit_not_given(fields: Mapping[str, Any]) -> dict[str, Any]:
    """The fields the caller gave (``None`` included, as an explicit null)."""
    return {name: value for name, value in fields.items() if value is not NOT_GIVEN}


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
        # The field table, then the cross-field rule, before any byte leaves
        # (extra_body/extra_query are merged later, unchecked: they carry what this SDK
        # does not know yet).
        query, body = check_call(
            operation_id,
            query=query,
            body=body,
            rule=rule,
            has_extra=bool(options.get("extra_query" if body is None else "extra_body")),
        )
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
        # per_page is checked with the filters (the table knows its 1..100), then taken out:
        # the paginator sends it on every page.
        checked, _ = check_call(
            operation_id,
            query={**(query or {}), "per_page": per_page},
            body=None,
            rule=rule,
            has_extra=bool(options.get("extra_query")),
        )
        assert checked is not None
        per_page = checked.pop("per_page")
        query = checked if query is not None else None
        return AsyncPaginator(
            self._transport,
            find_operation(operation_id),
            parse_item=parse_item,
            path_params=path_params,
            query=query,
            per_page=per_page,
            options=CallOptions.of(options),
        )
