"""Advanced Niche Warming: sessions, their per-term reports, generated terms."""

from __future__ import annotations

import datetime as dt

import attrs

from ._base import Model
from .common import ChargeInfo


@attrs.frozen(kw_only=True)
class WarmingTermReport(Model):
    """The report of one niche target (search term) of a session.

    The API describes its content (videos watched, likes, saves, comments, keywords, proof
    recording links) but not the field names; what is not declared here is in ``extra``.
    """

    __wire_names__ = {"term": ("term", "search_term")}

    term: str | None = None
    status: str | None = None
    videos_watched: int | None = None
    likes: int | None = None
    saves: int | None = None
    comments: int | None = None
    keywords: list[str] | None = None
    verified_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class WarmingSession(Model):
    """One Advanced Niche Warming session of an account."""

    # Per-term reports first: some answers also carry ``terms`` as the plain list of strings.
    __wire_names__ = {
        "terms": ("reports", "term_reports", "terms"),
        "account_id": ("account_id", "saved_account_id"),
    }

    id: str
    status: str
    account_id: str | None = None
    bundle_id: str | None = None
    terms_total: int
    terms_verified: int
    terms_configured: int | None = None
    started_at: dt.datetime | None = None
    completed_at: dt.datetime | None = None
    terms: list[WarmingTermReport] | None = None


@attrs.frozen(kw_only=True)
class RewarmResult(ChargeInfo):
    """A rewarm's whole response: the session it started and what it cost."""

    __wire_names__ = {"session": ("data",)}

    session: WarmingSession


@attrs.frozen(kw_only=True)
class GeneratedTerms(Model):
    """``POST /warming/generate-terms``: search terms in the language of the description."""

    __wire_names__ = {"terms": ("terms", "search_terms")}

    terms: list[str]
