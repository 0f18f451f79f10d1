"""Page-number pagination: which page comes next."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Generic, TypeVar

import attrs

from ..errors import InvalidRequestError
from . import config
from .response import APIResponse
from .validation import shown


@attrs.frozen(kw_only=True)
class PageInfo:
    """The ``pagination`` object of a listing, as far as the server sent it."""

    page: int
    per_page: int
    total: int | None
    total_pages: int | None


def check_per_page(per_page: int) -> int:
    if isinstance(per_page, bool) or not isinstance(per_page, int):
        raise InvalidRequestError(
            f"per_page must be an integer from 1 to {config.MAX_PER_PAGE}, got {shown(per_page)}",
            field="per_page",
            value=per_page,
        )
    if not 1 <= per_page <= config.MAX_PER_PAGE:
        raise InvalidRequestError(
            f"per_page must be from 1 to {config.MAX_PER_PAGE}, got {shown(per_page)}",
            field="per_page",
            value=per_page,
        )
    return per_page


def page_info(body: Any, *, requested_page: int, requested_per_page: int) -> PageInfo:
    pagination = body.get("pagination") if isinstance(body, Mapping) else None
    if not isinstance(pagination, Mapping):
        pagination = {}
    return PageInfo(
        page=_int(pagination.get("page")) or requested_page,
        per_page=_int(pagination.get("per_page")) or requested_per_page,
        total=_int(pagination.get("total")),
        total_pages=_int(pagination.get("total_pages")),
    )


def items_of(body: Any) -> list[Any]:
    data = body.get("data") if isinstance(body, Mapping) else None
    return list(data) if isinstance(data, list) else []


def raw_item(item: Any, response: APIResponse, index: int) -> Any:
    """Listing items as the API sent them (``client.paginate``); the page's response and the
    item's index are part of the paginator's item-parser signature, unused here."""
    return item


def next_page(info: PageInfo, *, item_count: int) -> int | None:
    """The page to fetch after this one, or None when the listing is done.

    Stops on an empty page, at ``total_pages``, or (when the server gives no totals) on a
    short page. The next page is always greater than this one, so no page is fetched twice.
    """
    if item_count == 0:
        return None
    if info.total_pages is not None:
        return info.page + 1 if info.page < info.total_pages else None
    if item_count < info.per_page:
        return None
    return info.page + 1


def _int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    return None


T = TypeVar("T")


@attrs.frozen(kw_only=True)
class Page(Generic[T]):
    """One page of a listing: its items, its position, and the response it came from."""

    items: list[T]
    info: PageInfo
    next_page: int | None
    api_response: APIResponse = attrs.field(repr=False)

    @property
    def page(self) -> int:
        """This page's 1-based number."""
        return self.info.page

    @property
    def per_page(self) -> int:
        """Items per page, as the server counted them."""
        return self.info.per_page

    @property
    def total(self) -> int | None:
        """Items in the whole listing, when the server says."""
        return self.info.total

    @property
    def total_pages(self) -> int | None:
        """Pages in the whole listing, when the server says."""
        return self.info.total_pages

    @property
    def has_more(self) -> bool:
        """Another page follows this one."""
        return self.next_page is not None

    def __len__(self) -> int:
        return len(self.items)
