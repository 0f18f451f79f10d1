"""The one cattrs Converter, configured in one place.

Response structuring is lenient by design (API.md §1.11: the API adds fields and enum values
inside a version): unknown fields are kept on the model, unknown enum values stay strings,
and a documented field whose value has an unexpected type is set to None (the value stays in
``raw``) with a DEBUG log record, instead of failing the whole call.
"""

from __future__ import annotations

import datetime as dt
import enum
import logging
import types
import typing
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

import attrs
import cattrs

from .._core.isotime import format_datetime, parse_datetime
from ._enums import OpenEnum

if TYPE_CHECKING:
    from ._base import Model

logger = logging.getLogger("tokportal")

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
        plan.append((field.name, wire_names(cls, field.name), field_type, hook))

    def structure(value: Any, _: Any) -> Model:
        if not isinstance(value, Mapping):
            raise TypeError(f"expected a JSON object for {cls.__name__}, got {value!r:.80}")
        kwargs: dict[str, Any] = {}
        for name, keys, field_type, hook in plan:
            for key in keys:
                if key in value:
                    item = value[key]
                    if item is not None:
                        kwargs[name] = _structure_with(cls, name, item, field_type, hook)
                    break
        return cls(raw=value, **kwargs)

    return structure


def _structure_with(
    cls: type[Model], name: str, value: Any, field_type: Any, hook: Callable[[Any, Any], Any]
) -> Any:
    try:
        return hook(value, field_type)
    except Exception as exc:
        logger.debug(
            "tokportal: %s.%s has an unexpected value (%s); kept in .raw only",
            cls.__name__,
            name,
            type(exc).__name__,
        )
        return None


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
converter.register_unstructure_hook_factory(_is_model, _unstructure_model)


def structure(value: Any, cls: type[Any]) -> Any:
    """Structure response data into ``cls`` with the SDK's converter."""
    return converter.structure(value, cls)
