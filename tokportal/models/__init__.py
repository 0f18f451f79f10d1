"""Response models: frozen attrs classes built by one cattrs Converter."""

from __future__ import annotations

from ._base import Model, ModelList
from ._enums import (
    AccountStatus,
    BundleStatus,
    BundleType,
    OpenEnum,
    Platform,
    VideoStatus,
    VideoType,
)

__all__ = [
    "AccountStatus",
    "BundleStatus",
    "BundleType",
    "Model",
    "ModelList",
    "OpenEnum",
    "Platform",
    "VideoStatus",
    "VideoType",
]
