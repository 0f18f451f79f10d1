"""The I/O layer: transport, paginator, client and resources (one module per group)."""
