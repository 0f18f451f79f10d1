"""Deterministic idempotency keys and ``external_ref`` values (pure, apart from hashing files).

A key depends only on what the step is and what it sends, so the same campaign computes the
same keys in another process or on another machine: a request resent after a crash carries
the key of the first attempt, and the API's ledger answers it instead of charging twice.
"""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
import json
import os
import pathlib
import threading
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._plan import StepRequest

__all__ = [
    "KEY_PREFIX",
    "bundle_ref",
    "canonical_json",
    "file_digest",
    "group_ref",
    "idempotency_key",
    "video_ref",
]

KEY_PREFIX = "tpc1-"
_KEY_HEX = 40
_CHUNK = 1 << 20


def bundle_ref(campaign_id: str, bundle: str) -> str:
    """The ``external_ref`` of one bundle: ``"<campaign id>/<name>"``."""
    return f"{campaign_id}/{bundle}"


def group_ref(campaign_id: str, group: str) -> str:
    """The ``external_ref`` of a bulk group: ``"<campaign id>/<group id>"``."""
    return f"{campaign_id}/{group}"


def video_ref(campaign_id: str, bundle: str, position: int) -> str:
    """The ``external_ref`` of a video slot: ``"<campaign id>/<name>/v<position>"``."""
    return f"{campaign_id}/{bundle}/v{position}"


def _plain(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return _plain(value.value)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, pathlib.PurePath):
        return str(value)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    raise TypeError(f"cannot put a {type(value).__name__} in a canonical request")


def canonical_json(value: Any) -> str:
    """One text per value: keys sorted, no spaces, dates ISO 8601, enums as their value."""
    return json.dumps(_plain(value), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


# (path, size, mtime_ns) -> (sha256, size): a file hashed once per process while unchanged.
_DIGESTS: dict[tuple[str, int, int], tuple[str, int]] = {}
_DIGESTS_LOCK = threading.Lock()


def file_digest(path: str | os.PathLike[str]) -> tuple[str, int]:
    """The sha256 (hex) and size of a local file, cached while the file is unchanged."""
    resolved = os.fspath(pathlib.Path(path).resolve())
    stat = os.stat(resolved)
    cache_key = (resolved, stat.st_size, stat.st_mtime_ns)
    with _DIGESTS_LOCK:
        cached = _DIGESTS.get(cache_key)
    if cached is not None:
        return cached
    digest = hashlib.sha256()
    size = 0
    with open(resolved, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
    result = (digest.hexdigest(), size)
    with _DIGESTS_LOCK:
        _DIGESTS[cache_key] = result
    return result


def request_fingerprint(request: StepRequest) -> dict[str, Any]:
    """What a key is computed on: the path parameters, the body, the upload's form fields,
    and for an upload the file's sha256 and size (not its name: moving it changes nothing)."""
    fingerprint: dict[str, Any] = {
        "path_params": dict(request.path_params),
        "body": request.body,
        "form": dict(request.form),
    }
    if request.file is not None:
        sha256, size = file_digest(request.file)
        fingerprint["file"] = {"sha256": sha256, "size": size}
    return fingerprint


def idempotency_key(
    campaign_id: str, step_id: str, request: StepRequest, generation: int = 0
) -> str:
    """The deterministic ``Idempotency-Key`` of one step: ``"tpc1-"`` and the first 40 hex
    digits of the sha256 of the campaign id, the step id, the key generation and the
    canonical JSON of the request. ``generation`` grows only after
    ``BUNDLE_PRICING_CHANGED`` (the API wants a new key for the new price)."""
    if generation < 0:
        raise ValueError("generation must be >= 0")
    material = canonical_json(
        ["tpc1", campaign_id, step_id, generation, request_fingerprint(request)]
    )
    return KEY_PREFIX + hashlib.sha256(material.encode("utf-8")).hexdigest()[:_KEY_HEX]
