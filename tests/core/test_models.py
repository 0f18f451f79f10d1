"""The converter: unknown fields kept, open enums, lenient types, exact round trip."""

from __future__ import annotations

import datetime as dt
import logging

import pytest

from tokportal.models import BundleStatus, Platform
from tokportal.models._converter import converter
from tokportal.models.bundles import Bundle, BundleResult

RAW = {
    "bundle_id": "b1",
    "status": "teleported",
    "platform": "tiktok",
    "videos_quantity": 3,
    "created_at": "2026-05-25T12:00:00.5Z",
    "brand_new_field": {"nested": [1, 2]},
}


def test_unknown_fields_and_enum_values_survive() -> None:
    bundle = converter.structure(RAW, Bundle)
    assert bundle.id == "b1"
    assert bundle.status == "teleported" and type(bundle.status) is str
    assert bundle.platform is Platform.TIKTOK
    assert bundle.created_at == dt.datetime(2026, 5, 25, 12, 0, 0, 500000, tzinfo=dt.timezone.utc)
    assert bundle.extra == {"brand_new_field": {"nested": [1, 2]}}
    assert bundle.raw == RAW
    assert bundle.to_dict() == RAW


def test_known_enum_value_is_a_member_equal_to_its_string() -> None:
    bundle = converter.structure({"id": "b1", "status": "published"}, Bundle)
    assert bundle.status is BundleStatus.PUBLISHED
    assert bundle.status == "published"


def test_id_is_filled_from_either_spelling() -> None:
    assert converter.structure({"id": "x", "status": "draft"}, Bundle).id == "x"
    assert converter.structure({"bundle_id": "y", "status": "draft"}, Bundle).id == "y"


def test_mistyped_field_is_none_kept_in_raw_and_logged(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="tokportal")
    raw = {"id": "b1", "status": "draft", "videos_quantity": {"oops": 1}}
    bundle = converter.structure(raw, Bundle)
    assert bundle.videos_quantity is None
    assert bundle.raw == raw
    assert bundle.to_dict() == raw
    assert "videos_quantity" in caplog.text


def test_envelope_result_round_trips() -> None:
    body = {
        "data": RAW,
        "credits_charged": 38,
        "credits_remaining": 962,
        "cost_breakdown": {"account_creation": 32, "video_slots": 6, "total": 38, "tax": 0},
        "future_sibling": True,
    }
    result = converter.structure(body, BundleResult)
    assert result.bundle is not None and result.bundle.id == "b1"
    assert result.credits_charged == 38
    assert result.cost_breakdown is not None and result.cost_breakdown.extra == {"tax": 0}
    assert result.extra == {"future_sibling": True}
    assert result.to_dict() == body


def test_models_are_frozen() -> None:
    bundle = converter.structure(RAW, Bundle)
    with pytest.raises(AttributeError):
        bundle.title = "x"  # type: ignore[misc]


def test_analytics_counters_read_either_spelling() -> None:
    from tokportal.models import AnalyticsAccount

    short = converter.structure({"views": 10, "likes": 2}, AnalyticsAccount)
    long = converter.structure({"total_views": 10, "total_likes": 2}, AnalyticsAccount)
    assert (short.views, short.likes) == (long.views, long.likes) == (10, 2)
    assert long.to_dict() == {"total_views": 10, "total_likes": 2}


@pytest.mark.parametrize(
    "statement", ["import tokportal.webhooks", "from tokportal.testing import Emulator"]
)
def test_modules_the_models_import_back_load_first_in_a_fresh_interpreter(statement: str) -> None:
    # tokportal.webhooks imports models._enums, which runs tokportal.models: models must
    # not import tokportal.webhooks back at import time.
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-c", statement], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
