# Generated from tokportal/_async/campaigns/__init__.py by scripts/generate_sync.py; do not edit.
"""The campaign runner (``tokportal.campaigns`` is the public face; see its docstring)."""

from __future__ import annotations

from .runner import CampaignRunner as CampaignRunner
