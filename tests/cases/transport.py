"""Tables and payloads of ``tests/_async/test_transport.py``, written once for it and its
generated sync twin."""

from __future__ import annotations

import tokportal

SENSITIVE_OPERATIONS = [
    "retrieveAccountVerificationCode",
    "revealAccountCredentials",
    "createWebhookEndpoint",
    "uploadImage",
    "uploadVideo",
    "createAnalyticsReport",
]

BUSINESS_ERRORS = [
    (400, tokportal.BadRequestError),
    (401, tokportal.AuthenticationError),
    (402, tokportal.InsufficientCreditsError),
    (403, tokportal.PermissionDeniedError),
    (404, tokportal.NotFoundError),
    (409, tokportal.ConflictError),
    (422, tokportal.UnprocessableEntityError),
    (428, tokportal.ConsentRequiredError),
]
