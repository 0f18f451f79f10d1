"""Every model, every field the API documents as always there: a payload lacking it (or
carrying null, or a nested object lacking one of its own) is an APIResponseValidationError
naming the operation and the field's path, never a raw cattrs/KeyError/TypeError."""

from __future__ import annotations

import typing
from collections.abc import Mapping
from typing import Any

import httpx
import pytest

from tokportal import APIResponse, APIResponseValidationError
from tokportal.models import Model
from tokportal.models._parse import parse_model

from ..model_payloads import MODEL_CLASSES, minimal_payload, required_fields, wire_name

OPERATION = "getBundle"  # any operation id: the message names whichever the call was


def response(data: Any) -> APIResponse:
    return APIResponse(
        operation_id=OPERATION,
        status_code=200,
        headers=httpx.Headers(),
        body={"data": data},
        request_id="req_fields",
        api_version="2026-05-25",
        rate_limit=None,
        idempotency_key=None,
        replayed=False,
    )


def _nested_model(tp: Any) -> tuple[type[Model], bool] | None:
    """The model class of a ``SomeModel`` or ``list[SomeModel]`` field (and whether a list)."""
    if isinstance(tp, type) and issubclass(tp, Model):
        return tp, False
    args = typing.get_args(tp)
    if typing.get_origin(tp) is list and args and isinstance(args[0], type):
        return (args[0], True) if issubclass(args[0], Model) else None
    return None


REQUIRED = [
    pytest.param(cls, wire_name(cls, field), id=f"{cls.__name__}.{field.name}")
    for cls in MODEL_CLASSES
    for field in required_fields(cls)
]
NESTED = [
    pytest.param(
        cls,
        wire_name(cls, field),
        is_list,
        wire_name(inner, inner_field),
        id=f"{cls.__name__}.{field.name}.{inner_field.name}",
    )
    for cls in MODEL_CLASSES
    for field in required_fields(cls)
    if (found := _nested_model(field.type)) is not None
    for inner, is_list in [found]
    for inner_field in required_fields(inner)
]


def test_many_fields_are_required() -> None:
    assert len(REQUIRED) > 80
    assert len(NESTED) > 10


@pytest.mark.parametrize("cls", MODEL_CLASSES, ids=lambda cls: cls.__name__)
def test_the_minimal_payload_builds_and_carries_its_response(cls: type[Model]) -> None:
    answer = response(minimal_payload(cls))
    model = parse_model(answer, cls)
    assert model.api_response is answer
    for field in required_fields(cls):
        assert getattr(model, field.name) is not None


@pytest.mark.parametrize(("cls", "key"), REQUIRED)
@pytest.mark.parametrize("how", ["missing", "null"])
def test_a_missing_or_null_required_field_is_named(cls: type[Model], key: str, how: str) -> None:
    payload = minimal_payload(cls)
    if how == "missing":
        del payload[key]
    else:
        payload[key] = None
    with pytest.raises(APIResponseValidationError) as info:
        parse_model(response(payload), cls)
    error = info.value
    assert (error.operation_id, error.field) == (OPERATION, f"data.{key}")
    assert str(error) == (
        f"{OPERATION}: response lacks required field 'data.{key}' [HTTP 200, request_id=req_fields]"
    )
    assert (error.status_code, error.request_id) == (200, "req_fields")
    assert error.__cause__ is None and error.__suppress_context__  # no raw error chained


@pytest.mark.parametrize(("cls", "key", "is_list", "inner_key"), NESTED)
def test_a_nested_object_lacking_a_required_field_is_named_by_its_path(
    cls: type[Model], key: str, is_list: bool, inner_key: str
) -> None:
    payload = minimal_payload(cls)
    inner = payload[key][0] if is_list else payload[key]
    del inner[inner_key]
    with pytest.raises(APIResponseValidationError) as info:
        parse_model(response(payload), cls)
    step = "[0]" if is_list else ""
    assert info.value.field == f"data.{key}{step}.{inner_key}"


WRONG_TYPE = [
    pytest.param(cls, wire_name(cls, field), id=f"{cls.__name__}.{field.name}")
    for cls in MODEL_CLASSES
    for field in required_fields(cls)
    # A JSON object is a right type for mappings and models: those are covered above.
    if _nested_model(field.type) is None and typing.get_origin(field.type) not in (Mapping, dict)
]


@pytest.mark.parametrize(("cls", "key"), WRONG_TYPE)
def test_a_required_field_of_the_wrong_type_is_named(cls: type[Model], key: str) -> None:
    payload = minimal_payload(cls)
    payload[key] = {"unexpected": ["shape"]}
    with pytest.raises(APIResponseValidationError) as info:
        parse_model(response(payload), cls)
    assert info.value.field == f"data.{key}"
    assert f"Error) in required field 'data.{key}'" in str(info.value)
    assert "unreadable value (TypeError)" in str(info.value) or "(ValueError)" in str(info.value)


def test_objects_built_by_hand_have_api_response_only_when_given() -> None:
    from tokportal.models import Bundle, ModelList, NoAPIResponseError, TextResult

    answer = response({})
    built = [Bundle(id="b1", status="draft"), ModelList[Bundle](), TextResult("a,b\n")]
    for value in built:
        with pytest.raises(NoAPIResponseError, match="has no api_response"):
            value.api_response  # noqa: B018
        assert not hasattr(value, "api_response")
    assert Bundle(id="b1", status="draft", api_response=answer).api_response is answer
    assert TextResult("a,b\n", api_response=answer).api_response is answer
