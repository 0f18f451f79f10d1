"""Defaults, in one place."""

from __future__ import annotations

import httpx

API_VERSION = "2026-05-25"  # the version this SDK was written against
DEFAULT_BASE_URL = "https://app.tokportal.com/api/ext"
API_KEY_ENV = "TOKPORTAL_API_KEY"
BASE_URL_ENV = "TOKPORTAL_BASE_URL"

# An explicit timeout (never "none"): connect fails fast, a slow write still has a minute.
DEFAULT_TIMEOUT = httpx.Timeout(60.0, connect=5.0)
DEFAULT_MAX_RETRIES = 2
BACKOFF_BASE = 0.5
BACKOFF_CAP = 8.0
# A server asking to wait longer than this is answered with a RateLimitError at once.
MAX_RETRY_AFTER = 60.0

DEFAULT_RATE_LIMIT_PER_MINUTE = 120.0
DEFAULT_PER_PAGE = 100
MAX_PER_PAGE = 100
