"""``client.with_raw_response``: every typed method, returning the raw response instead.

``client.with_raw_response.bundles.get(bundle_id)`` runs ``client.bundles.get`` and
returns an :class:`~tokportal._core.raw_response.RawResponse` (status, headers, request id,
the ``httpx.Response``) whose ``.parse()`` gives the ``Bundle``; a listing gives its first
page. The methods are looked up on the real client, so the view has every method it has.
"""

from __future__ import annotations

import inspect
from typing import Any

from .._core.raw_response import RAW_CAPTURE, Captured, RawResponse
from ..errors import APIResponseValidationError, TokPortalError
from .pagination import AsyncPaginator
from .resources._resource import AsyncResource


class AsyncRawResponseView:
    """The client, a resource group or a method, seen through ``with_raw_response``: its
    attributes are views too, and calling a method's view makes the call and returns its
    :class:`~tokportal.RawResponse`."""

    def __init__(self, target: object) -> None:
        self._target = target

    def __getattr__(self, name: str) -> AsyncRawResponseView:
        if name.startswith("_"):
            raise AttributeError(name)
        value = getattr(self._target, name)
        if not (isinstance(value, AsyncResource) or callable(value)):
            raise AttributeError(f"{name!r} is not a method or a resource group")
        return AsyncRawResponseView(value)

    async def __call__(self, *args: Any, **kwargs: Any) -> RawResponse[Any]:
        method = self._target
        if isinstance(method, AsyncResource) or not callable(method):
            raise TypeError(f"{method!r} is a resource group, not a method")
        captured: Captured = []
        token = RAW_CAPTURE.set(captured)
        error: APIResponseValidationError | None = None
        result: Any = None
        try:
            result = method(*args, **kwargs)
            # async-only
            if inspect.isawaitable(result) and not isinstance(result, AsyncPaginator):
                result = await result
            if isinstance(result, AsyncPaginator):
                result = await result.first_page()
        except APIResponseValidationError as exc:
            # The response came but the model cannot be built from it: the raw response is
            # what the caller needs now; parse() raises this.
            if not captured:
                raise
            error = exc
        finally:
            RAW_CAPTURE.reset(token)
        if not captured:
            raise TokPortalError(f"{getattr(method, '__name__', method)!r} sent no API request")
        api_response, http_response = captured[-1]
        return RawResponse(
            api_response=api_response, http_response=http_response, parsed=result, error=error
        )

    def __repr__(self) -> str:
        return f"<with_raw_response of {self._target!r}>"
