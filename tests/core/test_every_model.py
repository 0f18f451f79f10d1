"""Every response model survives what a newer API may send: unknown fields, unknown enum
values; and gives back exactly the JSON it was built from."""

from __future__ import annotations

import typing
from typing import Any

import attrs
import pytest

from tokportal.models import Model, OpenEnum
from tokportal.models._base import public_fields, wire_names
from tokportal.models._converter import converter

from ..model_payloads import MODEL_CLASSES, minimal_payload


def _open_enum_fields(cls: type[Model]) -> list[str]:
    attrs.resolve_types(cls)
    names = []
    for field in public_fields(cls):
        members = typing.get_args(field.type)
        if any(isinstance(m, type) and issubclass(m, OpenEnum) for m in members):
            names.append(wire_names(cls, field.name)[0])
    return names


def test_there_are_many_models() -> None:
    assert len(MODEL_CLASSES) > 60


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_unknown_fields_and_enum_values_survive_and_round_trip(cls: type[Model]) -> None:
    payload: dict[str, Any] = {
        **minimal_payload(cls),
        "zz_field_from_the_future": {"nested": [1, "two", None]},
    }
    enum_fields = _open_enum_fields(cls)
    for name in enum_fields:
        payload[name] = "zz_value_from_the_future"
    model = converter.structure(payload, cls)
    assert model.extra["zz_field_from_the_future"] == {"nested": [1, "two", None]}
    for name in enum_fields:
        attribute = next(f.name for f in public_fields(cls) if wire_names(cls, f.name)[0] == name)
        value = getattr(model, attribute)
        assert value == "zz_value_from_the_future" and type(value) is str
    assert model.raw == payload
    assert model.to_dict() == payload


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_repr_never_shows_raw_or_extra(cls: type[Model]) -> None:
    model = converter.structure({**minimal_payload(cls), "zz_secret_like": "s3cr3t-value"}, cls)
    assert "s3cr3t-value" not in repr(model)
