"""The README's method map and quick start stay true."""

from __future__ import annotations

import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_map():  # type: ignore[no-untyped-def]
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        from spec_emit import readme_map

        return readme_map
    finally:
        sys.path.remove(str(ROOT / "scripts"))


def test_method_map_is_in_step_with_the_spec() -> None:
    from tokportal._spec import OPERATIONS

    page = (ROOT / "docs" / "method-map.md").read_text(encoding="utf-8")
    assert _readme_map().render(page, OPERATIONS) == page, "run: python scripts/generate_spec.py"
    assert page.count("| `client.") == 91


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
