"""Emitters of ``scripts/generate_spec.py``: each turns the operations spec into whole files."""
