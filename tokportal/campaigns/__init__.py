"""Campaigns: a whole order (bundles, media, configuration, publishing) from one TOML file,
run with a journal that survives a crash without paying twice.

``load_campaign`` reads and checks the file, ``build_plan`` turns it into steps, ``Journal``
records each step before its request leaves, and ``AsyncCampaignRunner`` /
``CampaignRunner`` quote, run and resume it. The offline half (file, plan, keys, journal)
imports nothing from the clients; the runners are imported on first use.
"""

from __future__ import annotations

import importlib
from typing import Any

from ._errors import CampaignError, CampaignFileError, CreditLimitError
from ._file import CampaignAccount, CampaignBundle, CampaignFile, CampaignVideo
from ._journal import CampaignStatus, Journal, JournalEvent, StepRecord
from ._keys import idempotency_key
from ._plan import MissingResultError, Plan, Step, StepRequest, build_plan, load_campaign
from ._report import CampaignEvent, CampaignSummary, Quote, QuoteLine, StepState

__all__ = [
    "AsyncCampaignRunner",
    "CampaignAccount",
    "CampaignBundle",
    "CampaignError",
    "CampaignEvent",
    "CampaignFile",
    "CampaignFileError",
    "CampaignRunner",
    "CampaignStatus",
    "CampaignSummary",
    "CampaignVideo",
    "CreditLimitError",
    "Journal",
    "JournalEvent",
    "MissingResultError",
    "Plan",
    "Quote",
    "QuoteLine",
    "Step",
    "StepRecord",
    "StepRequest",
    "StepState",
    "build_plan",
    "idempotency_key",
    "load_campaign",
]

# The runners live with the clients they drive (async source, generated sync twin); they are
# imported on first use so that `import tokportal.campaigns` stays offline and light.
_RUNNERS = {
    "AsyncCampaignRunner": "tokportal._async.campaigns",
    "CampaignRunner": "tokportal._sync.campaigns",
}


def __getattr__(name: str) -> Any:
    module = _RUNNERS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
