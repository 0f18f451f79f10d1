"""The replay ledger behind ``Idempotency-Key`` (API.md §1.9).

Per workspace, per key: the request fingerprint and, once finished, the stored answer. What
API.md leaves open is decided here (and documented in docs/emulator.md): a different request
under the same key is 409 ``IDEMPOTENCY_KEY_REUSED``; a duplicate while the first still runs is
409 ``IDEMPOTENCY_REQUEST_IN_PROGRESS``; 2xx and 4xx answers are stored (except 429, which
means "try again later"), 5xx answers are not; entries live as long as the emulator.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import attrs

from .http import ApiError

MAX_KEY_LENGTH = 255


@attrs.frozen
class StoredAnswer:
    status: int
    content_type: str
    body: bytes


@attrs.define
class Entry:
    fingerprint: str
    answer: StoredAnswer | None = None  # None while the first request is still running


@attrs.frozen
class Claim:
    workspace_id: str
    key: str


def fingerprint(method: str, path: str, query: str, body: Any) -> str:
    """Same operation + same parameters => same fingerprint, whatever the JSON key order or the
    multipart boundary (so an SDK may rebuild the request on retry)."""
    canonical = json.dumps([method, path, query, body], sort_keys=True, default=repr)
    return hashlib.sha256(canonical.encode()).hexdigest()


def should_store(status: int) -> bool:
    return status < 500 and status != 429


class Ledger:
    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], Entry] = {}

    def claim(self, workspace_id: str, key: str, fp: str) -> Claim | StoredAnswer:
        """Start a keyed request: a :class:`Claim` to execute it, or the answer to replay."""
        if not key or len(key) > MAX_KEY_LENGTH:
            raise ApiError(
                400,
                "VALIDATION_ERROR",
                f"Idempotency-Key must be 1-{MAX_KEY_LENGTH} characters.",
                {"field": "Idempotency-Key", "max_length": MAX_KEY_LENGTH},
            )
        entry = self._entries.get((workspace_id, key))
        if entry is None:
            self._entries[(workspace_id, key)] = Entry(fingerprint=fp)
            return Claim(workspace_id, key)
        if entry.fingerprint != fp:
            raise ApiError(
                409,
                "IDEMPOTENCY_KEY_REUSED",
                "This Idempotency-Key was already used with a different request.",
                {"idempotency_key": key},
            )
        if entry.answer is None:
            raise ApiError(
                409,
                "IDEMPOTENCY_REQUEST_IN_PROGRESS",
                "A request with this Idempotency-Key is still being processed.",
                {"idempotency_key": key},
            )
        return entry.answer

    def settle(self, claim: Claim, answer: StoredAnswer) -> None:
        if should_store(answer.status):
            self._entries[(claim.workspace_id, claim.key)].answer = answer
        else:
            self.release(claim)

    def forget(self) -> int:
        """Drop every stored answer, as if the ledger's retention had passed; returns how many.
        Requests still running keep their claim (their answer is stored when they finish)."""
        settled = [k for k, entry in self._entries.items() if entry.answer is not None]
        for k in settled:
            del self._entries[k]
        return len(settled)

    def release(self, claim: Claim) -> None:
        self._entries.pop((claim.workspace_id, claim.key), None)

    def __len__(self) -> int:
        return len(self._entries)
