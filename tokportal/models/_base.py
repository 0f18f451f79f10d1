"""The base of every response model: documented fields typed, everything else kept."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar, Generic, TypeVar

import attrs

from .._core.api_response import APIResponse
from .._error_base import TokPortalError

# The converter module does not import this one (it knows a model by its ``__wire_names__``),
# so the two are no cycle and ``to_dict`` needs no import at call time.
from ._converter import converter, public_fields, wire_names


class NoAPIResponseError(TokPortalError, AttributeError):
    """Raised by ``api_response`` on an object built by hand rather than returned by a call."""


def no_response_error(owner: object) -> NoAPIResponseError:
    return NoAPIResponseError(
        f"this {type(owner).__name__} was not read from a call's response (built by hand, or "
        "from an error's details): it has no api_response; pass api_response=... when "
        "building one your code reads it from"
    )


@attrs.frozen(kw_only=True)
class Model:
    """A response object.

    Documented fields are typed attributes. Fields the API added since this SDK was written
    are kept in :attr:`extra` (never dropped, never an error), and :attr:`raw` is the JSON
    object exactly as received. :attr:`api_response` gives the response metadata (request id,
    rate limit, idempotency key, replayed) of the call the object came from.

    Fields the API documents as always present are required: a response lacking one raises
    :class:`~tokportal.errors.APIResponseValidationError`. To build a model yourself (in your tests),
    pass them as keywords, plus ``raw=`` and ``api_response=`` if your code reads those.
    """

    # Wire names per attribute, when the API spells a field another way (first found wins).
    __wire_names__: ClassVar[Mapping[str, tuple[str, ...]]] = {}

    _raw: Mapping[str, Any] = attrs.field(factory=dict, repr=False, eq=False, alias="raw")
    _api_response: APIResponse | None = attrs.field(
        default=None, repr=False, eq=False, alias="api_response"
    )

    @property
    def raw(self) -> Mapping[str, Any]:
        """The JSON object as the API sent it."""
        return self._raw

    @property
    def extra(self) -> Mapping[str, Any]:
        """Fields the API sent that this model does not declare."""
        known = known_wire_names(type(self))
        return {key: value for key, value in self._raw.items() if key not in known}

    @property
    def api_response(self) -> APIResponse:
        """The response this object came from (also on objects nested in it and on listing
        items). On an object built by hand without ``api_response=``, reading it raises
        :class:`NoAPIResponseError`, an ``AttributeError``."""
        if self._api_response is None:
            raise no_response_error(self)
        return self._api_response

    def to_dict(self) -> dict[str, Any]:
        """The object as JSON-ready data: declared fields and unknown ones alike."""
        result: dict[str, Any] = converter.unstructure(self)
        return result


_KNOWN_CACHE: dict[type[Model], frozenset[str]] = {}


def known_wire_names(cls: type[Model]) -> frozenset[str]:
    known = _KNOWN_CACHE.get(cls)
    if known is None:
        known = frozenset(
            name for field in public_fields(cls) for name in wire_names(cls, field.name)
        )
        _KNOWN_CACHE[cls] = known
    return known


def attach_response(value: Any, response: APIResponse) -> None:
    """Give the object a call returned access to its response metadata."""
    if isinstance(value, Model):
        object.__setattr__(value, "_api_response", response)
    elif isinstance(value, ModelList):
        value._api_response = response


T = TypeVar("T")


class ModelList(list[T], Generic[T]):
    """A list returned by a call, with the call's :attr:`api_response`."""

    _api_response: APIResponse | None = None

    @property
    def api_response(self) -> APIResponse:
        """The response of the call (``NoAPIResponseError`` on a list built by hand)."""
        if self._api_response is None:
            raise no_response_error(self)
        return self._api_response
