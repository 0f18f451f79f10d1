# Generated from tokportal/_async/resources/__init__.py by scripts/generate_sync.py; do not edit.
"""One module per resource group; each method serves one API operation."""
