# Generated from tokportal/_async/flows/consent.py by scripts/generate_sync.py; do not edit.
"""The consent flow (HTTP 428) of ``client.accounts``: credentials and verification codes.

Both calls hand out a secret, can charge credits and detach the account for good, so:
- without a person's acceptance no body is sent and the API answers 428, raised as
  :class:`~tokportal.ConsentRequiredError` carrying the quote to show;
- acceptance is checked locally (the flag exactly ``True`` and the exact ``policy_version``),
  else nothing is sent;
- no idempotency key is ever sent, and the call is never repeated automatically once it may
  have run (the transport's rule for operations that return a secret); a changed quote
  surfaces as :class:`~tokportal.ConflictError` with ``consent_quote``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from ..._core import validation_consent as rules
from ..._core.requests import path_arg
from ...models._base import Model
from ...models._parse import parse_model
from ...models.consent import CredentialsReveal, VerificationCodeResult
from ..resources._resource import Resource

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from ..._types import RequestOptions

M = TypeVar("M", bound=Model)


class AccountConsentMixin(Resource):
    """The two calls of ``client.accounts`` that need a person's consent."""

    def verification_code(
        self,
        account_id: str,
        *,
        acknowledge_support_forfeit: bool = False,
        policy_version: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> VerificationCodeResult:
        """The account's latest verification code; **paid** on first access, detaches the
        account (``retrieveAccountVerificationCode``).

        Call it first without acceptance: it raises ``ConsentRequiredError`` whose
        ``disclosure``, ``expected_credit_cost`` and ``policy_version`` a person must see.
        Once they accept, call again with ``acknowledge_support_forfeit=True`` and that
        ``policy_version``. Never retried automatically once it may have run.
        """
        return self._consented(
            "retrieveAccountVerificationCode",
            VerificationCodeResult,
            account_id,
            acknowledge_support_forfeit,
            policy_version,
            options,
        )

    def reveal_credentials(
        self,
        account_id: str,
        *,
        acknowledge_support_forfeit: bool = False,
        policy_version: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> CredentialsReveal:
        """The account's login; **paid** on first access, detaches the account and ends
        support for good (``revealAccountCredentials``).

        Same two steps as :meth:`verification_code`: a ``ConsentRequiredError`` to show a
        person, then the call with ``acknowledge_support_forfeit=True`` and its exact
        ``policy_version``. Never retried automatically once it may have run.
        """
        return self._consented(
            "revealAccountCredentials",
            CredentialsReveal,
            account_id,
            acknowledge_support_forfeit,
            policy_version,
            options,
        )

    def _consented(
        self,
        operation_id: str,
        model: type[M],
        account_id: str,
        acknowledge_support_forfeit: bool,
        policy_version: str | None,
        options: RequestOptions,
    ) -> M:
        """Send a consent call: only with the acceptance checked, else nothing leaves."""
        body = rules.consent_body(acknowledge_support_forfeit, policy_version, options)
        response = self._request(
            operation_id,
            path_params={"id": path_arg("account_id", account_id)},
            body=body,
            **options,
        )
        return parse_model(response, model, whole_body=True)
