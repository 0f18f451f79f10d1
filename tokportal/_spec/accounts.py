"""The accounts operations (API.md)."""

from __future__ import annotations

from ._schema import Field, Operation, PathParam
from ._shared import BUNDLE_STATUS_FILTER, PER_PAGE

OPERATIONS = (
    Operation(
        id="listAccounts",
        method="accounts.list",
        returns="AsyncPaginator[Account]",
        envelope="page",
        doc="Delivered accounts, page by page; banned ones stay listed (``listAccounts``).",
        query=(
            Field(
                "platform",
                "choice",
                "Platform | str",
                choices=("tiktok", "instagram", "youtube"),
                doc="Only accounts on this platform.",
            ),
            Field(
                "country",
                "str",
                "str",
                doc="Only accounts in this country (a code as ``countries.list()`` gives).",
            ),
            Field(
                "banned",
                "bool",
                "bool",
                doc="True for banned accounts only, False to leave them out; both when omitted.",
            ),
            PER_PAGE,
        ),
    ),
    Operation(
        id="listAccountBans",
        method="accounts.list_bans",
        returns="AsyncPaginator[AccountBan]",
        envelope="page",
        doc="Ban reports and appeals, page by page (``listAccountBans``).\n\nPass the highest ``updated_at`` seen as ``since`` to poll only what changed.",
        query=(
            Field(
                "status",
                "choice",
                "BanStatus | str",
                choices=("appeal_pending", "appeal_accepted", "appeal_refused", "no_appeal_banned"),
                doc="Only reports with this ban status (``appeal_pending``: unavailable, not banned).",
            ),
            Field(
                "resolution",
                "choice",
                "BanResolutionKind | str",
                choices=("refund", "remake", "no_remake", "pending"),
                doc="Only reports with this resolution (``pending``: not decided yet).",
            ),
            Field("account_id", "str", "str", doc="Only this account's reports."),
            Field(
                "since",
                "datetime",
                "dt.datetime | str",
                aware=True,
                doc="Only reports updated after this instant: pass the highest ``updated_at`` seen so far.",
            ),
            Field(
                "include_screenshots",
                "bool",
                "bool",
                doc="Add to each report a signed URL of the evidence screenshot, valid 7 days.",
            ),
            PER_PAGE,
        ),
    ),
    Operation(
        id="getAccount",
        method="accounts.get",
        returns="Account",
        envelope="data",
        doc="One delivered account, without secrets (``getAccount``).",
        path=(PathParam("id", "account_id"),),
    ),
    Operation(
        id="updateAccountCommentingProfile",
        method="accounts.update_commenting_profile",
        returns="Result",
        envelope="whole",
        flow="hand",
        doc="Update the settings the Comments product uses for this account\n(``updateAccountCommentingProfile``).\n\nThe API does not document the field names, so ``settings`` is sent as given.",
        path=(PathParam("id", "account_id"),),
        # the hand-written flow calls ['rules.check_commenting_settings']
    ),
    Operation(
        id="listAccountBundles",
        method="accounts.list_bundles",
        returns="AsyncPaginator[Bundle]",
        envelope="page",
        doc="The bundles of a delivered account, page by page (``listAccountBundles``).",
        path=(PathParam("id", "account_id"),),
        query=(
            BUNDLE_STATUS_FILTER,
            PER_PAGE,
        ),
    ),
    Operation(
        id="retrieveAccountVerificationCode",
        method="accounts.verification_code",
        returns="VerificationCodeResult",
        envelope="whole",
        flow="hand",
        doc="The account's latest verification code; **paid** on first access, detaches the\naccount (``retrieveAccountVerificationCode``).\n\nCall it first without acceptance: it raises ``ConsentRequiredError`` whose\n``disclosure``, ``expected_credit_cost`` and ``policy_version`` a person must see.\nOnce they accept, call again with ``acknowledge_support_forfeit=True`` and that\n``policy_version``. Never retried automatically once it may have run.",
        path=(PathParam("id", "account_id"),),
        body=(
            Field(
                "acknowledge_support_forfeit",
                "bool",
                "bool",
                default="False",
                doc="True once a person has accepted the disclosure of the ``ConsentRequiredError``.",
            ),
            Field(
                "policy_version",
                "str",
                "str | None",
                default="None",
                nullable=True,
                doc="The exact ``policy_version`` of the disclosure that person accepted.",
            ),
        ),
        # the hand-written flow calls ['rules.consent_body']
    ),
    Operation(
        id="revealAccountCredentials",
        method="accounts.reveal_credentials",
        returns="CredentialsReveal",
        envelope="whole",
        flow="hand",
        doc="The account's login; **paid** on first access, detaches the account and ends\nsupport for good (``revealAccountCredentials``).\n\nSame two steps as :meth:`verification_code`: a ``ConsentRequiredError`` to show a\nperson, then the call with ``acknowledge_support_forfeit=True`` and its exact\n``policy_version``. Never retried automatically once it may have run.",
        path=(PathParam("id", "account_id"),),
        body=(
            Field(
                "acknowledge_support_forfeit",
                "bool",
                "bool",
                default="False",
                doc="True once a person has accepted the disclosure of the ``ConsentRequiredError``.",
            ),
            Field(
                "policy_version",
                "str",
                "str | None",
                default="None",
                nullable=True,
                doc="The exact ``policy_version`` of the disclosure that person accepted.",
            ),
        ),
        # the hand-written flow calls ['rules.consent_body']
    ),
    Operation(
        id="getAccountEditRequest",
        method="accounts.get_edit_request",
        returns="EditRequest | None",
        envelope="optional",
        doc="The account's current profile-edit request, or None when there is none\n(``getAccountEditRequest``).",
        path=(PathParam("id", "account_id"),),
    ),
    Operation(
        id="createAccountEditRequest",
        method="accounts.create_edit_request",
        returns="EditRequest",
        envelope="data",
        doc="Ask the account's manager to change its profile (``createAccountEditRequest``).",
        path=(PathParam("id", "account_id"),),
        body=(
            Field(
                "requested_username",
                "str",
                "str",
                required=True,
                min_length=1,
                max_length=24,
                pattern=r"[A-Za-z0-9_.]+",
                doc="The new handle.",
            ),
            Field(
                "requested_visible_name",
                "str",
                "str",
                required=True,
                min_length=1,
                max_length=30,
                doc="The new display name.",
            ),
            Field("requested_biography", "str", "str", max_length=80, doc="The new bio."),
            Field(
                "requested_profile_picture_url",
                "str",
                "str",
                doc='The ``storage_path`` of the new profile picture (an image uploaded with ``purpose="profile_picture"``).',
            ),
            Field("requested_link_in_bio", "url", "str", doc="The new link shown on the profile."),
        ),
    ),
)
