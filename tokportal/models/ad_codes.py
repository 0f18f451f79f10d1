"""Ad codes: TikTok Spark Codes and Instagram Partner Codes for finalized videos."""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Model
from .common import ChargeInfo


@attrs.frozen(kw_only=True)
class AdCodeRequest(Model):
    """The ad-code request of one video; ``code`` stays None until the manager submits it.

    The API does not document this object's fields; what is not declared is in ``extra``.
    """

    __wire_names__ = {"code": ("code", "ad_code")}

    id: str | None = None
    video_id: str | None = None
    status: str | None = None
    code: str | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class AdCodeResult(ChargeInfo):
    """An ad-code order's whole response: the request and what it cost (or would cost)."""

    __wire_names__ = {"request": ("data",)}

    request: AdCodeRequest
