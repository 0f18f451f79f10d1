"""What the wheel declares stays true: py.typed, URLs, tested lower bounds, and the CI steps
that check the wheel and the minimum versions (scripts/check_wheel.py, min_constraints.py)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    tomllib = pytest.importorskip("tomli")

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
URL_BASE = "https://github.com/tokportal-sdk/tokportal-python"


def _script(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_package_ships_py_typed() -> None:
    assert "Typing :: Typed" in PYPROJECT["project"]["classifiers"]
    assert (ROOT / "tokportal" / "py.typed").is_file()
    # hatchling packs the whole package directory; nothing excludes the marker.
    assert PYPROJECT["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"] == ["tokportal"]


def test_project_urls() -> None:
    urls = PYPROJECT["project"]["urls"]
    assert set(urls) == {"Homepage", "Documentation", "Repository", "Issues", "Changelog"}
    assert all(url.startswith(URL_BASE) for url in urls.values())


def test_min_constraints_pin_every_runtime_dependency_to_its_lower_bound() -> None:
    module = _script("min_constraints")
    dependencies = PYPROJECT["project"]["dependencies"]
    pins = module.minimum_pins(dependencies)
    assert len(pins) == len(dependencies)
    pinned = dict(pin.partition(" ;")[0].split("==") for pin in pins)
    assert set(pinned) == {"httpx", "attrs", "cattrs", "anyio", "h11", "click", "tomli"}
    # tomli (tokportal.campaigns) only where tomllib is missing: the pin keeps the marker.
    assert 'tomli==1.1 ; python_version < "3.11"' in pins
    # cattrs 23.2 lacks Converter.get_structure_hook, which the converter calls.
    assert tuple(int(part) for part in pinned["cattrs"].split(".")) >= (24, 1)
    for requirement in dependencies:
        name = re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0]
        assert f">={pinned[name]}" in requirement


def test_min_constraints_refuse_what_they_cannot_pin() -> None:
    module = _script("min_constraints")
    assert module.minimum_pins(['x[y]>=1.2,<2; python_version < "3.12"']) == [
        'x==1.2 ; python_version < "3.12"'
    ]
    for requirement in ("x", "x<2", "x>=1,>=2", "x==1"):
        with pytest.raises(ValueError, match="lower bound"):
            module.minimum_pins([requirement])


def test_check_wheel_reads_the_sdk_imports_of_the_docs() -> None:
    module = _script("check_wheel")
    found = {statement: where for where, statement in module.doc_imports()}
    assert found["from tokportal.testing import Emulator"] == "README.md"
    assert all(re.match(r"(from|import) tokportal\b", statement) for statement in found)
    assert not module._imports_sdk("from flask import Flask")
    assert not module._imports_sdk("import tokportalx")
    assert module._imports_sdk("import tokportal.webhooks")


def test_ci_runs_the_wheel_and_minimum_version_checks() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "set -euo pipefail" in ci
    steps = [
        "scripts/check_wheel.py",
        "scripts/min_constraints.py",
        "-m pytest -q -n auto",
        "scripts/generate_sync.py --check",
    ]
    positions = [ci.index(step) for step in steps]
    assert positions == sorted(positions)
    # The minimum-versions run leaves out the docs' blocks only: a new test file runs there too.
    (min_run,) = [
        line for line in ci.splitlines() if line.startswith('"$min_dir/venv/bin/python" -m pytest')
    ]
    assert min_run.split(" -m pytest ")[1].split() == [
        "-q",
        "-n",
        "auto",
        "--ignore=tests/test_docs_snippets.py",
    ]
    assert (ROOT / "tests" / "typing" / "user_program.py").is_file()
