"""Ad codes (Spark / Partner codes): ``client.ad_codes``."""

from __future__ import annotations

from ._resource import AsyncResource


class AsyncAdCodes(AsyncResource):
    pass
