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
from ._converter import converter
from ._enums import WebhookEventType


@attrs.frozen(kw_only=True)
class WebhookEndpoint(Model):
    """An endpoint. ``signing_secret`` is only ever sent by ``create``, and never in a repr:
    store it at once; if lost, delete the endpoint and create a new one."""

    id: str | None = None
    url: str | None = None
    events: list[str] | None = None
    description: str | None = None
    enabled: bool | None = None
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None
    signing_secret: str | None = attrs.field(default=None, repr=False)

    @property
    def event_types(self) -> list[WebhookEventType | str]:
        """``events`` with the known ones as :class:`WebhookEventType` members."""
        return [WebhookEventType.parse(name) for name in self.events or []]


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

    type: str | None = None
    description: str | None = None
    emitted: bool | None = None


@attrs.frozen(kw_only=True)
class WebhookEventCatalog(Model):
    """``GET /webhooks/events``: the event types plus how envelopes, deliveries and
    signatures work."""

    events: list[WebhookEventInfo] | None = None
    envelope: Mapping[str, Any] | None = None
    delivery: Mapping[str, Any] | None = None
    signature: Mapping[str, Any] | None = None

    @property
    def emitted_types(self) -> list[str]:
        """The event types that are actually delivered."""
        return [e.type for e in self.events or [] if e.emitted and e.type is not None]


def parse_catalog(response: APIResponse) -> WebhookEventCatalog:
    """The catalog from ``data``; a bare list of events is read as ``{"events": [...]}``."""
    data = response.data
    if isinstance(data, list):
        data = {"events": data}
    catalog: WebhookEventCatalog = converter.structure(
        data if isinstance(data, Mapping) else {}, WebhookEventCatalog
    )
    attach_response(catalog, response)
    return catalog


__all__ = ["WebhookDelivery", "WebhookEndpoint", "WebhookEventCatalog", "WebhookEventInfo"]
