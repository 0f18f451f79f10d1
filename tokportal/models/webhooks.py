"""Webhook endpoints, deliveries and the event catalog (API.md §1.12, §2.9).

Event names are plain strings, as the API adds types inside a version. Members of
:class:`tokportal.webhooks.WebhookEventType` are ``str`` too, so
``WebhookEventType.ACCOUNT_BANNED in endpoint.events`` works either way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import attrs

from .._core.api_response import APIResponse
from ._base import Model, attach_response
from ._enums import WebhookEventType
from ._parse import structure_from


@attrs.frozen(kw_only=True)
class WebhookEndpoint(Model):
    """An endpoint. ``signing_secret`` is only ever sent by ``create``, and never in a repr:
    store it at once; if lost, delete the endpoint and create a new one."""

    id: str
    url: str
    events: list[str]
    description: str | None = None
    enabled: bool
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    signing_secret: str | None = attrs.field(default=None, repr=False)

    @property
    def event_types(self) -> list[WebhookEventType | str]:
        """``events`` with the known ones as :class:`~tokportal.webhooks.WebhookEventType` members."""
        return [WebhookEventType.parse(name) for name in self.events]


@attrs.frozen(kw_only=True)
class WebhookDelivery(Model):
    """One delivery of an event to an endpoint (fields beyond the filters are undocumented:
    see ``raw``)."""

    id: str | None = None
    event_id: str | None = None
    event_type: str | None = None
    success: bool | None = None
    status: str | None = None
    response_status: int | None = None
    created_at: dt.datetime | None = None


@attrs.frozen(kw_only=True)
class WebhookEventInfo(Model):
    """One entry of the catalog; only ``emitted`` types are actually delivered."""

    type: str
    description: str
    emitted: bool


@attrs.frozen(kw_only=True)
class WebhookEventCatalog(Model):
    """``GET /webhooks/events``: the event types plus how envelopes, deliveries and
    signatures work."""

    events: list[WebhookEventInfo]
    envelope: Mapping[str, Any] | None = None
    delivery: Mapping[str, Any] | None = None
    signature: Mapping[str, Any] | None = None

    @property
    def emitted_types(self) -> list[str]:
        """The event types that are actually delivered."""
        return [e.type for e in self.events if e.emitted]


def parse_catalog(response: APIResponse) -> WebhookEventCatalog:
    """The catalog from ``data``; a bare list of events is read as ``{"events": [...]}``."""
    data = response.data
    if isinstance(data, list):
        data = {"events": data}
    catalog = structure_from(
        response, data if isinstance(data, Mapping) else {}, WebhookEventCatalog
    )
    attach_response(catalog, response)
    return catalog


__all__ = ["WebhookDelivery", "WebhookEndpoint", "WebhookEventCatalog", "WebhookEventInfo"]
