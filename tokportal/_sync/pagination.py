# Generated from tokportal/_async/pagination.py by scripts/generate_sync.py; do not edit.
"""Listings: lazy, page by page, constant memory whatever their length."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from contextlib import closing
from typing import Any, Generic, TypeVar

import attrs

from .._core.options import DEFAULT_OPTIONS, CallOptions
from .._core.pagination import Page, check_per_page, items_of, next_page, page_info
from .._core.requests import Query
from .._core.response import APIResponse, invalid_response_error
from .._operations import Operation
from .._primitives import GeneratorOf
from .transport import Transport

T = TypeVar("T")


class Paginator(Generic[T]):
    """A page-numbered listing.

    ``first_page()`` gives the first page, ``for`` goes over every item of every page,
    and :meth:`iter_pages` gives the pages themselves. Pages are fetched only when needed,
    with the caller's filters on every page; a page is never fetched twice. Page numbers
    shift when items are added during a walk: such a walk may skip or repeat an item.
    """

    def __init__(
        self,
        transport: Transport,
        operation: Operation,
        *,
        parse_item: Callable[[Any, APIResponse, int], T],
        path_params: Mapping[str, Any] | None = None,
        query: Query | None = None,
        per_page: int = 100,
        start_page: int = 1,
        options: CallOptions = DEFAULT_OPTIONS,
    ) -> None:
        self._transport = transport
        self._operation = operation
        self._parse_item = parse_item
        self._path_params = path_params
        # The paginator sets page and per_page itself, whoever else names them; extra_query
        # joins the caller's filters here once, so every page's request carries it.
        merged = {**(query or {}), **options.extra_query}
        self._query = {k: v for k, v in merged.items() if k not in ("page", "per_page")}
        self._per_page = check_per_page(per_page)
        self._start_page = start_page
        self._options = attrs.evolve(options, extra_query={}) if options.extra_query else options

    def get_page(self, page: int) -> Page[T]:
        """Fetch one page (1-based)."""
        response = self._transport.request(
            self._operation,
            path_params=self._path_params,
            query={**self._query, "page": page, "per_page": self._per_page},
            options=self._options,
        )
        if not isinstance(response.data, list):
            # Not an empty page: a listing whose data is not a list would end the walk early
            # and silently.
            raise invalid_response_error(
                f"expected a list in 'data', got {type(response.data).__name__}",
                operation_id=self._operation.operation_id,
                status_code=response.status_code,
                headers=response.headers,
                request_id=response.request_id,
                body=response.body,
                idempotency_key=response.idempotency_key,
                request=None,
            )
        raw_items = items_of(response.body)
        info = page_info(response.body, requested_page=page, requested_per_page=self._per_page)
        return Page(
            items=[self._parse_item(item, response, i) for i, item in enumerate(raw_items)],
            info=info,
            next_page=next_page(info, item_count=len(raw_items)),
            api_response=response,
        )

    def first_page(self) -> Page[T]:
        """The first page of the listing."""
        return self.get_page(self._start_page)

    def iter_pages(self) -> GeneratorOf[Page[T]]:
        """Every page, in order, fetched one at a time."""
        page_number: int | None = self._start_page
        while page_number is not None:
            page = self.get_page(page_number)
            yield page
            following = page.next_page
            page_number = following if following is not None and following > page_number else None

    def _iter_items(self) -> Iterator[T]:
        for page in self.iter_pages():
            for item in page.items:
                yield item

    def __iter__(self) -> Iterator[T]:
        return self._iter_items()

    def to_list(self, *, limit: int | None = None) -> list[T]:
        """Collect the items (at most ``limit``, fetching no page beyond it) into a list."""
        items: list[T] = []
        with closing(self.iter_pages()) as pages:
            for page in pages:
                items.extend(page.items)
                if limit is not None and len(items) >= limit:
                    return items[:limit]
        return items
