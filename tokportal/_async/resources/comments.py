"""Comment tasks: ``client.comments``."""

from __future__ import annotations

from ._resource import AsyncResource


class AsyncComments(AsyncResource):
    pass
