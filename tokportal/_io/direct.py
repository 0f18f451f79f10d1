"""Sending one request past the httpx client, straight to the transport it picks: the pair
the presigned PUT uses (``AsyncDirectSender`` async, ``DirectSender`` sync).

``Client.send`` logs every request's full URL (httpx's INFO "HTTP Request:" line), hands the
request to the client's event hooks and mixes in its auth and cookies; for a presigned URL,
whose query is the signature, none of that may happen. The transport is the one the client
would use for the URL (its mounts, proxies, a test's mock), so only the client layer is
skipped. ``_transport_for_url`` is private to httpx (stable since 0.18); it is named here
only, so a change there breaks one place.
"""

from __future__ import annotations

import httpx

__all__ = ["AsyncDirectSender", "DirectSender"]


class DirectSender:
    def __init__(self, client: httpx.Client) -> None:
        self._client = client

    def send(self, request: httpx.Request) -> httpx.Response:
        """Send once: no redirect followed, no auth, no cookies, no hooks, no log line."""
        transport = self._client._transport_for_url(request.url)
        response = transport.handle_request(request)
        response.request = request
        return response


class AsyncDirectSender:
    def __init__(self, client: httpx.AsyncClient) -> None:
        self._client = client

    async def send(self, request: httpx.Request) -> httpx.Response:
        """Send once: no redirect followed, no auth, no cookies, no hooks, no log line."""
        transport = self._client._transport_for_url(request.url)
        response = await transport.handle_async_request(request)
        response.request = request
        return response
