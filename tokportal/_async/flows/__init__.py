"""Hand-written special flows, apart from the generated resources (``../resources``).

Each module holds the mixin its generated resource class inherits.
"""
