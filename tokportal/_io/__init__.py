"""I/O that is the same for both flavours: upload file sources (opening, measuring, reading,
rewinding) and the request bodies that stream them.

Above ``_core`` (which decides, without I/O) and below ``_async``/``_sync`` (which send).
Where the flavours differ, the pair lives here side by side (``AsyncUploadBody`` reads off
the event loop, ``UploadBody`` reads in place) and the sync twin names the other one.
"""
