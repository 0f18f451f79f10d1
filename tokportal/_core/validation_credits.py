"""Local checks for the credit history (API.md, ``listCreditTransactions``). Only documented rules: see
``validation``'s docstring.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from . import validation as check


def check_history(fields: Mapping[str, Any], *, has_extra: bool = False) -> dict[str, Any]:
    """``listCreditTransactions``: the bounds go out as ``YYYY-MM-DD``."""
    return {
        name: check.iso_date(name, value) if check.given(value) else value
        for name, value in fields.items()
    }
