# Generated from tokportal/_async/resources/accounts.py by scripts/generate_sync.py; do not edit.
"""Delivered (saved) accounts: ``client.accounts``."""

from __future__ import annotations

from ._resource import Resource


class Accounts(Resource):
    pass
