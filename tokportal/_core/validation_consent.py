"""The local half of the consent flow (API.md §1.16): no body before a person's acceptance;
after it, exactly the flag (``True``) and the accepted ``policy_version``, else nothing is
sent. See ``validation``'s docstring for the contract.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import validation as check

if TYPE_CHECKING:
    from .._types import RequestOptions

CONSENT_FIELDS = ("acknowledge_support_forfeit", "policy_version")


def consent_body(
    acknowledge_support_forfeit: Any, policy_version: Any, options: RequestOptions
) -> dict[str, Any] | None:
    """No body before consent; after it, exactly the flag and the version (API.md §1.16)."""
    for name in CONSENT_FIELDS:
        if name in check.extra(options, "extra_body"):
            raise check.refuse(
                "extra_body", name, f"pass {name} as the argument, which is checked locally"
            )
    if acknowledge_support_forfeit is False and policy_version is None:
        return None
    if acknowledge_support_forfeit is not True:
        raise check.refuse(
            "acknowledge_support_forfeit",
            acknowledge_support_forfeit,
            "must be exactly True, given together with policy_version, once a person has "
            "accepted the disclosed policy",
        )
    if policy_version is None:
        raise check.refuse(
            "policy_version",
            policy_version,
            "is required with acknowledge_support_forfeit=True: pass the exact "
            "policy_version of the ConsentRequiredError the person accepted",
        )
    if not isinstance(policy_version, str) or not policy_version.strip():
        raise check.refuse("policy_version", policy_version, "must be a non-empty string")
    return {"acknowledge_support_forfeit": True, "policy_version": policy_version}
