"""The operations spec (``tokportal/_spec``) is the one place an operation's facts live: it
equals TokPortal's table, every method it names exists on both clients with the signature it
gives, and the files generated from it are in step (``scripts/generate_spec.py --check``)."""

from __future__ import annotations

import ast
import importlib.util
import inspect
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from tokportal import OPERATIONS, AsyncTokPortal, TokPortal
from tokportal._spec import OPERATIONS as SPEC
from tokportal._spec._schema import Field, Operation
from tokportal._types import NOT_GIVEN

ROOT = Path(__file__).resolve().parent.parent
TABLE = {
    record["operationId"]: record
    for record in json.loads(
        (ROOT / "tests" / "data" / "tokportal-operations.json").read_text(encoding="utf-8")
    )["operations"]
}


def _load(name: str) -> ModuleType:
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "scripts"))


def test_spec_has_every_operation_of_tokportals_table_once() -> None:
    ids = [op.id for op in SPEC]
    assert len(ids) == len(set(ids)) == 91
    assert set(ids) == set(TABLE)
    assert len({op.method for op in SPEC}) == 91


@pytest.mark.parametrize("op", SPEC, ids=lambda op: op.id)
def test_spec_agrees_with_tokportals_table(op: Operation) -> None:
    record = TABLE[op.id]
    assert [p.name for p in op.path] == record["pathParams"]
    query = {f.name for f in op.query} | ({"page"} if op.envelope == "page" else set())
    assert query == set(record["queryParams"])
    if op.body:
        assert record["requestContentType"] in ("application/json", "multipart/form-data")
    # The runtime table's method column is generated from the spec.
    assert OPERATIONS[op.id].method_name == op.method


@pytest.mark.parametrize("op", SPEC, ids=lambda op: op.id)
def test_spec_entry_is_well_formed(op: Operation) -> None:
    assert op.flow in ("generated", "hand")
    assert f"``{op.id}``" in op.doc
    kind = op.envelope.partition(":")[0]
    assert kind in (
        *("data", "optional", "whole", "object", "list", "items", "page"),
        *("text", "empty", "custom"),
    )
    if op.flow == "generated":
        assert kind not in ("text", "custom"), "only a hand flow reads these"
    names = [f.python_name for f in (*op.body, *op.query, *op.local)]
    assert len(names) == len(set(names)), "a Python name given twice"
    if op.rules:
        module_name, _, function = op.rules.partition(".")
        module = __import__(f"tokportal._core.{module_name}", fromlist=[function])
        rule = getattr(module, function)
        parameters = inspect.signature(rule).parameters
        assert list(parameters)[:1] != [] and "has_extra" in parameters
        assert parameters["has_extra"].kind is inspect.Parameter.KEYWORD_ONLY


def _method(client_class: type[Any], op: Operation) -> Any:
    target: Any = client_class(api_key="sk_test", rate_limit=None)
    for part in op.method.split("."):
        target = getattr(target, part)
    return target


def _twin(annotation: str, sync: bool) -> str:
    return annotation.replace("AsyncPaginator", "Paginator") if sync else annotation


def _expected(field: Field, sync: bool) -> tuple[str, Any]:
    annotation = _twin(field.annotation, sync)
    if field.default is not None:
        return annotation, ast.literal_eval(field.default)
    if field.required:
        return annotation, inspect.Parameter.empty
    return f"{annotation} | NotGiven", "NOT_GIVEN"


def _shown(default: Any) -> Any:
    return "NOT_GIVEN" if default is NOT_GIVEN else default


@pytest.mark.parametrize("op", SPEC, ids=lambda op: op.id)
@pytest.mark.parametrize("client_class", [AsyncTokPortal, TokPortal])
def test_method_has_the_spec_signature(op: Operation, client_class: type[Any]) -> None:
    sync = client_class is TokPortal
    method = _method(client_class, op)
    parameters = inspect.signature(method).parameters
    assert inspect.iscoroutinefunction(method) == (not sync and op.envelope != "page")
    path = [(p.python, "int" if p.kind == "int" else "str") for p in op.path]
    positional = [
        p.name for p in parameters.values() if p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD
    ]
    assert [(name, parameters[name].annotation) for name in positional[: len(path)]] == path
    if op.flow == "generated":
        assert positional == [p.python for p in op.path] + list(op.positional)
    for field in (*op.body, *op.query, *op.local):
        assert field.python_name in parameters, f"{op.method} lacks {field.python_name}"
        parameter = parameters[field.python_name]
        annotation, default = _expected(field, sync)
        assert (parameter.annotation, _shown(parameter.default)) == (annotation, default)
    last = list(parameters.values())[-1]
    assert (last.name, last.kind) == ("options", inspect.Parameter.VAR_KEYWORD)
    if op.flow == "generated":
        # Nothing beyond the spec: the path, the fields, the options.
        wire = {f.python_name for f in (*op.body, *op.query)}
        assert set(parameters) == {p.python for p in op.path} | wire | {"options"}
        returns = inspect.signature(method).return_annotation
        assert returns == _twin(op.returns, sync)


def test_generated_files_are_in_step_with_the_spec() -> None:
    assert _load("generate_spec").check() == 0, "run: python scripts/generate_spec.py"


def test_check_fails_on_drift_orphans_and_missing_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    generator = _load("generate_spec")
    files = generator.generate()
    # A copy of the generated tree, then: one file edited, one missing, one orphan.
    for path, text in files.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    # ruff formats the generated files by the project's settings.
    (tmp_path / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    monkeypatch.setattr(generator, "ROOT", tmp_path)
    assert generator.check() == 0
    edited = "tokportal/_async/resources/bundles.py"
    (tmp_path / edited).write_text(files[edited].replace("One bundle", "A bundle"), "utf-8")
    (tmp_path / "tokportal/models/_requests.py").unlink()
    orphan = tmp_path / "tokportal" / "_async" / "resources" / "gone.py"
    orphan.write_text(generator.HEADER_MARK + " from tokportal/_spec; do not edit.\n", "utf-8")
    capsys.readouterr()
    assert generator.check() == 1
    report = capsys.readouterr().err
    assert f"out of date: {edited}" in report and '-        """A bundle' in report
    assert "missing: tokportal/models/_requests.py" in report
    assert "orphan (generated header, no emitter): tokportal/_async/resources/gone.py" in report
