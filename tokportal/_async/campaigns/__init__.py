"""The campaign runner (``tokportal.campaigns`` is the public face; see its docstring)."""

from __future__ import annotations

from .runner import AsyncCampaignRunner as AsyncCampaignRunner
