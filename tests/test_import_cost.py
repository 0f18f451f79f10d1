"""Loading the pytest plugin (every test session of a project with the SDK does) or
``import tokportal`` pulls in nothing heavy until a name is used."""

from __future__ import annotations

import subprocess
import sys


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(output.split())


def test_plugin_and_package_import_nothing_heavy() -> None:
    for statement in ("import tokportal.testing.pytest_plugin", "import tokportal"):
        loaded = _modules_after(statement)
        assert "httpx" not in loaded, statement
        assert "tokportal._async.client" not in loaded, statement
        assert "tokportal.testing._emulator" not in loaded, statement


def test_names_load_on_first_use() -> None:
    loaded = _modules_after("import tokportal; tokportal.AsyncTokPortal")
    assert "tokportal._async.client" in loaded
