"""The base of every response model: documented fields typed, everything else kept."""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from typing import Any, ClassVar, Generic, TypeVar

import attrs

from .._core.response import APIResponse
from ..errors import TokPortalError

# The response being read, so that every model built from it (nested ones and listing items
# too) carries it. Structuring never awaits, so setting and resetting around one
# ``converter.structure`` call cannot leak into another task or thread.
current_response: ContextVar[APIResponse | None] = ContextVar(
    "tokportal_current_response", default=None
)


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
    :class:`~tokportal.APIResponseValidationError`. To build a model yourself (in your tests),
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
        from ._converter import converter

        result: dict[str, Any] = converter.unstructure(self)
        return result


_KNOWN_CACHE: dict[type[Model], frozenset[str]] = {}


def wire_names(cls: type[Model], attribute: str) -> tuple[str, ...]:
    return cls.__wire_names__.get(attribute, (attribute,))


def public_fields(cls: type[Model]) -> tuple[attrs.Attribute[Any], ...]:
    return tuple(f for f in attrs.fields(cls) if not f.name.startswith("_"))


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


class RequiredFieldError(Exception):
    """A documented field is missing or unreadable (internal: the parse layer turns it into
    an ``APIResponseValidationError`` naming the operation)."""

    def __init__(self, path: list[str | int], problem: str) -> None:
        super().__init__(path, problem)
        self.path = path  # outermost first: ["data", 2, "id"]
        self.problem = problem

    @property
    def field(self) -> str:
        text = ""
        for part in self.path:
            text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
        return text


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
