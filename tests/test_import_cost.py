"""Loading the pytest plugin (every test session of a project with the SDK does) or
``import tokportal`` pulls in nothing heavy until a name is used."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import tokportal


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


MODEL_MODULES = sorted(
    f"tokportal.models.{path.stem}"
    for path in (Path(tokportal.__file__).parent / "models").glob("*.py")
    if not path.stem.startswith("_")
)


def test_importing_or_making_the_client_builds_no_model() -> None:
    # Models are built when a resource is first used, not when the client is imported or
    # made: that is most of what importing the SDK used to cost.
    assert len(MODEL_MODULES) > 15
    for statement in (
        "from tokportal import AsyncTokPortal",
        "from tokportal import TokPortal",
        "import tokportal; tokportal.AsyncTokPortal(api_key='sk_test', rate_limit=None)",
    ):
        loaded = _modules_after(statement)
        assert "tokportal._async.client" in loaded or "tokportal._sync.client" in loaded
        assert not loaded & set(MODEL_MODULES), (statement, sorted(loaded & set(MODEL_MODULES)))
        assert not any(m.startswith("tokportal._async.resources.") for m in loaded), statement


def test_a_resource_loads_its_own_models_only() -> None:
    loaded = _modules_after(
        "from tokportal import AsyncTokPortal; AsyncTokPortal(api_key='sk_test').credits"
    )
    assert "tokportal.models.credits" in loaded
    assert "tokportal.models.analytics" not in loaded
    assert "tokportal._async.resources.analytics" not in loaded


def test_leaves_load_alone() -> None:
    # The webhook helpers and the error classes need no model and no client.
    for statement in ("import tokportal.webhooks", "import tokportal.errors"):
        loaded = _modules_after(statement)
        assert not loaded & set(MODEL_MODULES), statement
        assert "tokportal._async.client" not in loaded, statement
        assert "cattrs" not in loaded, statement


def test_lazy_models_package_names_every_model() -> None:
    import tokportal.models as models

    # Each public name resolves (no stale entry in the lazy table) and dir() lists them.
    for name in models.__all__:
        assert getattr(models, name).__name__ == name
    assert set(models.__all__) <= set(dir(models))
    with pytest.raises(AttributeError, match="NoSuchModel"):
        _ = models.NoSuchModel  # type: ignore[attr-defined]
