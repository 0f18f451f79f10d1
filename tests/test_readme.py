"""The method map (docs/method-map.md) and the README's quick start stay true."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _load_update_readme():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "update_readme", ROOT / "scripts" / "update_readme.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_method_map_is_in_step_with_the_operation_table() -> None:
    module = _load_update_readme()
    page = (ROOT / "docs" / "method-map.md").read_text(encoding="utf-8")
    assert module.render(page) == page, "run: python scripts/update_readme.py"
    assert page.count("| `client.") == 91
    # The README links to it instead of carrying a second copy.
    assert "method-map:start" not in (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_is_exactly_the_two_commands_ci_runs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```(?:bash|sh)\n(.*?)```", quick_start, re.S)
    assert block is not None
    commands = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(commands) == 2
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    for command in commands:
        assert command in ci
