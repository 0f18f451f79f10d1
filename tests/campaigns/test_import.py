"""``import tokportal.campaigns`` works alone, first, in a fresh interpreter, and the offline
half loads no client: the runners are resolved on first use."""

from __future__ import annotations

import subprocess
import sys

import pytest

import tokportal.campaigns as campaigns


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    return set(output.split())


def test_the_offline_half_loads_no_client() -> None:
    loaded = _modules_after(
        "import tokportal.campaigns as c; c.load_campaign; c.Journal; c.build_plan"
    )
    assert "tokportal.campaigns._journal" in loaded
    assert not any(
        name.startswith(("tokportal._async", "tokportal._sync", "tokportal.testing"))
        for name in loaded
    ), sorted(n for n in loaded if n.startswith("tokportal._"))


def test_every_public_name_resolves_and_is_listed() -> None:
    for name in campaigns.__all__:
        assert getattr(campaigns, name) is not None
    assert set(campaigns.__all__) <= set(dir(campaigns))


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'Nope'"):
        campaigns.Nope  # noqa: B018
