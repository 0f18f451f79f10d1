# Generated from tokportal/_async/resources/bundle_account.py by scripts/generate_sync.py; do not edit.
"""A bundle's account: ``client.bundles.account``."""

from __future__ import annotations

from ._resource import Resource


class BundleAccount(Resource):
    pass
