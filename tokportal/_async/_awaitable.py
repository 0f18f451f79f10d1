"""Async only (excluded from sync generation): ``await listing`` gives its first page.

A blocking caller asks for ``listing.first_page()`` instead; ``__await__`` has no sync
meaning, so it lives here and the generator drops this base class.
"""

from __future__ import annotations

from collections.abc import Generator
from typing import Any, Generic, TypeVar

from .._core.pagination import Page

T = TypeVar("T")


class AwaitableFirstPage(Generic[T]):
    async def first_page(self) -> Page[T]:
        raise NotImplementedError

    def __await__(self) -> Generator[Any, None, Page[T]]:
        return self.first_page().__await__()
