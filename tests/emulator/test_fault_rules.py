from __future__ import annotations

import pytest

from tokportal.testing import Emulator


def test_a_misspelt_operation_id_is_refused() -> None:
    emulator = Emulator()
    with pytest.raises(ValueError, match="unknown operation id 'getMe'"):
        emulator.faults.inject("status", operation_id="getMe")
    emulator.faults.inject("status", operation_id="getCurrentUser")


def test_rate_limit_settings_are_public() -> None:
    emulator = Emulator(rate_limit_per_minute=600, rate_limit_burst=20)
    assert (emulator.rate_limit_per_minute, emulator.rate_limit_burst) == (600, 20)
