"""Header names, in one place."""

from __future__ import annotations

API_KEY = "X-API-Key"
ACCEPT = "Accept"
USER_AGENT = "User-Agent"
CLIENT = "X-TokPortal-Client"
IDEMPOTENCY_KEY = "Idempotency-Key"
DRY_RUN = "X-TokPortal-Dry-Run"
REQUEST_ID = "X-Request-ID"

API_VERSION = "X-TokPortal-API-Version"
API_STABILITY = "X-TokPortal-API-Stability"
RETRY_AFTER = "Retry-After"
RETRY_AFTER_MS = "Retry-After-Ms"
RATE_LIMIT_LIMIT = "X-RateLimit-Limit"
RATE_LIMIT_REMAINING = "X-RateLimit-Remaining"
RATE_LIMIT_RESET = "X-RateLimit-Reset"
IDEMPOTENT_REPLAYED = "Idempotent-Replayed"

# Where the request id may be found, in the order TokPortal's own clients look.
RESPONSE_REQUEST_ID = ("X-TokPortal-Request-ID", "X-Request-ID", "Request-ID", "X-Vercel-ID")

ACCEPT_JSON = "application/json"
ACCEPT_TEXT = "text/csv, text/html, application/json"
