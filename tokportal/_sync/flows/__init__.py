# Generated from tokportal/_async/flows/__init__.py by scripts/generate_sync.py; do not edit.
"""Hand-written special flows, apart from the generated resources (``../resources``).

Each module holds the mixin its generated resource class inherits.
"""
