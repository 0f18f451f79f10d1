"""The one cattrs Converter, configured in one place.

Response structuring is lenient where the API may change (API.md §1.11: it adds fields and
enum values inside a version): unknown fields are kept on the model, unknown enum values stay
strings, and an optional field whose value has an unexpected type is set to None (the value
stays in ``raw``) with a DEBUG log record, instead of failing the whole call.

It is strict where the API documents a field as always present: such a field is required on
the model, and a missing, null or unreadable value raises :class:`RequiredFieldError` with
the field's path, which the parse layer (``_parse.py``) turns into an
``APIResponseValidationError`` naming the operation. JSON scalars are never coerced (no
``str()`` of an object, no ``bool()`` of a string).
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import types
import typing
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from typing import TYPE_CHECKING, Any

import attrs
import cattrs

from .._core.api_response import APIResponse
from .._core.isotime import format_datetime, parse_datetime
from ._enums import OpenEnum

if TYPE_CHECKING:
    from ._base import Model

logger = logging.getLogger("tokportal")

# The response being read, so that every model built from it (nested ones and listing items
# too) carries it. Structuring never awaits, so setting and resetting around one
# ``converter.structure`` call cannot leak into another task or thread.
current_response: ContextVar[APIResponse | None] = ContextVar(
    "tokportal_current_response", default=None
)


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


converter = cattrs.Converter()


def _parse_datetime(value: Any, _: Any) -> dt.datetime:
    if isinstance(value, dt.datetime):
        return value
    parsed = parse_datetime(value)
    if parsed is None:
        raise ValueError(f"not an ISO 8601 date-time: {value!r:.40}")
    return parsed


def _parse_date(value: Any, _: Any) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if not isinstance(value, str):
        raise TypeError(f"expected a YYYY-MM-DD string, got {type(value).__name__}")
    return dt.date.fromisoformat(value.strip()[:10])


# JSON scalars are taken as they are: cattrs' defaults would call str()/bool()/int() on
# anything, turning an object into "{'a': 1}" or True instead of reporting it.
def _strict_str(value: Any, _: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value


def _strict_bool(value: Any, _: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError(f"expected true or false, got {type(value).__name__}")
    return value


def _strict_int(value: Any, _: Any) -> int:
    if isinstance(value, float) and value.is_integer():
        return int(value)  # 5.0 is how some JSON encoders write 5
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected an integer, got {type(value).__name__}")
    return value


def _strict_float(value: Any, _: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    return float(value)


converter.register_structure_hook(str, _strict_str)
converter.register_structure_hook(bool, _strict_bool)
converter.register_structure_hook(int, _strict_int)
converter.register_structure_hook(float, _strict_float)
converter.register_structure_hook(dt.datetime, _parse_datetime)
converter.register_structure_hook(dt.date, _parse_date)
converter.register_unstructure_hook(dt.datetime, format_datetime)
converter.register_unstructure_hook(dt.date, lambda value: value.isoformat())


def wire_names(cls: type[Model], attribute: str) -> tuple[str, ...]:
    return cls.__wire_names__.get(attribute, (attribute,))


def public_fields(cls: type[Model]) -> tuple[attrs.Attribute[Any], ...]:
    return tuple(f for f in attrs.fields(cls) if not f.name.startswith("_"))


def _union_members(tp: Any) -> tuple[Any, ...]:
    if typing.get_origin(tp) in (typing.Union, types.UnionType):
        return typing.get_args(tp)
    return ()


def _open_enum_of(tp: Any) -> type[OpenEnum] | None:
    """The enum class of ``SomeEnum | str`` (optionally ``| None``), else None."""
    members = _union_members(tp)
    if str not in members:
        return None
    enums = [m for m in members if isinstance(m, type) and issubclass(m, OpenEnum)]
    return enums[0] if len(enums) == 1 else None


def _structure_open_enum(tp: Any) -> Callable[[Any, Any], Any]:
    enum_cls = _open_enum_of(tp)
    assert enum_cls is not None

    def structure(value: Any, _: Any) -> Any:
        if value is None:
            return None
        if not isinstance(value, str):
            raise TypeError(f"expected a string, got {type(value).__name__}")
        try:
            return enum_cls(value)
        except ValueError:
            return value

    return structure


converter.register_structure_hook_factory(
    lambda tp: _open_enum_of(tp) is not None, _structure_open_enum
)
converter.register_unstructure_hook(enum.Enum, lambda value: value.value)


def _is_model(tp: Any) -> bool:
    # Known by the class attribute every ``Model`` has, not by ``issubclass(tp, Model)``:
    # ``_base`` imports this module, so importing ``Model`` here would close a cycle.
    return isinstance(tp, type) and attrs.has(tp) and hasattr(tp, "__wire_names__")


def _without_none(tp: Any) -> Any:
    """``X`` of ``X | None`` (a ``None`` value never reaches a field's hook)."""
    members = _union_members(tp)
    if type(None) not in members or _open_enum_of(tp) is not None:
        return tp
    rest = tuple(m for m in members if m is not type(None))
    return rest[0] if len(rest) == 1 else typing.Union[rest]  # noqa: UP007


def _structure_model(cls: type[Model]) -> Callable[[Any, Any], Model]:
    attrs.resolve_types(cls)
    # Each field's hook is looked up once, not dispatched again for every object.
    plan = []
    for field in public_fields(cls):
        field_type = _without_none(field.type)
        hook = converter.get_structure_hook(field_type)
        required = field.default is attrs.NOTHING
        plan.append((field.name, wire_names(cls, field.name), field_type, hook, required))

    def structure(value: Any, _: Any) -> Model:
        if not isinstance(value, Mapping):
            raise TypeError(f"expected a JSON object for {cls.__name__}, got {value!r:.80}")
        kwargs: dict[str, Any] = {}
        for name, keys, field_type, hook, required in plan:
            key = keys[0]
            item = None
            for candidate in keys:
                if candidate in value:
                    key, item = candidate, value[candidate]
                    break
            if item is None:
                if required:
                    raise RequiredFieldError([key], "missing")
                continue
            try:
                kwargs[name] = hook(item, field_type)
            except RequiredFieldError as exc:
                exc.path.insert(0, key)
                raise
            except Exception as exc:
                if required:
                    # A documented field the SDK cannot read is as absent as a missing one:
                    # never a silent None behind a non-Optional type.
                    raise RequiredFieldError([key], type(exc).__name__) from None
                logger.debug(
                    "tokportal: %s.%s has an unexpected value (%s); kept in .raw only",
                    cls.__name__,
                    name,
                    type(exc).__name__,
                )
        return cls(raw=value, api_response=current_response.get(), **kwargs)

    return structure


def _is_list(tp: Any) -> bool:
    return typing.get_origin(tp) is list and len(typing.get_args(tp)) == 1


def _structure_list(tp: Any) -> Callable[[Any, Any], list[Any]]:
    """``list[X]`` from a JSON array only (not from an object's keys or a string's letters);
    an item lacking a required field is named by its index in the path."""
    item_type = typing.get_args(tp)[0]
    hook = converter.get_structure_hook(item_type)

    def structure(value: Any, _: Any) -> list[Any]:
        if not isinstance(value, list):
            raise TypeError(f"expected a JSON array, got {type(value).__name__}")
        items = []
        for index, item in enumerate(value):
            try:
                items.append(hook(item, item_type))
            except RequiredFieldError as exc:
                exc.path.insert(0, index)
                raise
        return items

    return structure


def _structure_field(cls: type[Model], name: str, value: Any, field_type: Any) -> Any:
    if value is None:
        return None
    try:
        return converter.structure(value, field_type)
    except Exception as exc:
        logger.debug(
            "tokportal: %s.%s has an unexpected value (%s); kept in .raw only",
            cls.__name__,
            name,
            type(exc).__name__,
        )
        return None


def _unstructure_model(cls: type[Model]) -> Callable[[Model], dict[str, Any]]:
    """Declared fields and unknown ones; a value that still matches ``raw`` keeps its spelling
    (so ``to_dict()`` of a model as received gives back exactly the JSON it came from)."""
    attrs.resolve_types(cls)
    fields = [(field.name, wire_names(cls, field.name), field.type) for field in public_fields(cls)]

    def unstructure(model: Model) -> dict[str, Any]:
        result = dict(model.raw)
        for name, keys, field_type in fields:
            value = getattr(model, name)
            if value is None:
                continue
            key = next((key for key in keys if key in result), keys[0])
            if key in result and _structure_field(cls, name, result[key], field_type) == value:
                continue
            result[key] = converter.unstructure(value)
        return result

    return unstructure


converter.register_structure_hook_factory(_is_model, _structure_model)
converter.register_structure_hook_factory(_is_list, _structure_list)
converter.register_unstructure_hook_factory(_is_model, _unstructure_model)


def structure(value: Any, cls: type[Any]) -> Any:
    """Structure response data into ``cls`` with the SDK's converter."""
    return converter.structure(value, cls)
