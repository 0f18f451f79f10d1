"""The smallest JSON each response model accepts: its required fields, typed plausibly.

Built from the models' own declarations, so a field made required (or optional) later needs
no change here.
"""

from __future__ import annotations

import datetime as dt
import typing
from collections.abc import Mapping
from typing import Any

import attrs

import tokportal.models as models
from tokportal.models import Model, OpenEnum
from tokportal.models._base import public_fields, wire_names

MODEL_CLASSES: list[type[Model]] = sorted(
    (
        obj
        for name in models.__all__
        if isinstance(obj := getattr(models, name), type)
        and issubclass(obj, Model)
        and obj is not Model
    ),
    key=lambda cls: cls.__name__,
)


def required_fields(cls: type[Model]) -> list[attrs.Attribute[Any]]:
    attrs.resolve_types(cls)
    return [f for f in public_fields(cls) if f.default is attrs.NOTHING]


def wire_name(cls: type[Model], field: attrs.Attribute[Any]) -> str:
    return wire_names(cls, field.name)[0]


def sample(tp: Any, name: str) -> Any:
    """A JSON value the converter reads as ``tp``."""
    if isinstance(tp, type) and issubclass(tp, Model):
        return minimal_payload(tp)
    members = typing.get_args(tp)
    origin = typing.get_origin(tp)
    if origin is list:
        (item,) = members
        return [sample(item, name)] if item is not Any else []
    if (origin is not None and origin in (Mapping, dict)) or tp is Any:
        return {}
    enums = [m for m in members if isinstance(m, type) and issubclass(m, OpenEnum)]
    if enums:
        return next(iter(enums[0])).value
    if tp is str:
        return f"{name}-1"
    if tp is bool:
        return True
    if tp is int:
        return 1
    if tp is float:
        return 1.5
    if tp is dt.datetime:
        return "2026-05-25T12:00:00Z"
    if tp is dt.date:
        return "2026-05-25"
    raise AssertionError(f"no sample for {tp!r} ({name})")


def minimal_payload(cls: type[Model]) -> dict[str, Any]:
    return {wire_name(cls, f): sample(f.type, f.name) for f in required_fields(cls)}
