# Generated from tokportal/_async/__init__.py by scripts/generate_sync.py; do not edit.
"""The I/O layer: transport, paginator, client and resources (one module per group)."""
