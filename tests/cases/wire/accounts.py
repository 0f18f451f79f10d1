"""Wire cases of delivered accounts, Coverage, warming, ad codes and comment tasks."""

from __future__ import annotations

import datetime as dt

from tokportal.models.comments import CommentTaskStatus

from .case import WireCase

EMPTY_PAGE = {"data": [], "pagination": {"page": 1, "per_page": 100, "total": 0, "total_pages": 0}}
TERMS = ["home workouts", "protein snacks", "gym tips"]

ACCOUNT_CASES = [
    WireCase(
        operation_id="listAccounts",
        call=lambda c: c.accounts.list(platform="tiktok", country="USA", banned=False, per_page=50),
        path="/accounts",
        query=[
            ("platform", "tiktok"),
            ("country", "USA"),
            ("banned", "false"),
            ("page", "1"),
            ("per_page", "50"),
        ],
        response=EMPTY_PAGE,
    ),
    WireCase(
        operation_id="listAccountBans",
        call=lambda c: c.accounts.list_bans(
            status="appeal_refused",
            resolution="pending",
            account_id="sa/1",
            since=dt.datetime(2026, 5, 1, 8, 30, tzinfo=dt.timezone.utc),
            include_screenshots=True,
        ),
        path="/account-bans",
        query=[
            ("status", "appeal_refused"),
            ("resolution", "pending"),
            ("account_id", "sa/1"),
            ("since", "2026-05-01T08:30:00Z"),
            ("include_screenshots", "true"),
            ("page", "1"),
            ("per_page", "100"),
        ],
        response=EMPTY_PAGE,
    ),
    WireCase(
        operation_id="getAccount", call=lambda c: c.accounts.get("sa/1"), path="/accounts/sa%2F1"
    ),
    WireCase(
        operation_id="updateAccountCommentingProfile",
        call=lambda c: c.accounts.update_commenting_profile("sa/1", {"tone": "friendly"}),
        path="/accounts/sa%2F1/commenting-profile",
        body={"tone": "friendly"},
    ),
    WireCase(
        operation_id="listAccountBundles",
        call=lambda c: c.accounts.list_bundles("sa/1", status="published"),
        path="/accounts/sa%2F1/bundles",
        query=[("status", "published"), ("page", "1"), ("per_page", "100")],
        response=EMPTY_PAGE,
    ),
    WireCase(
        operation_id="getAccountEditRequest",
        call=lambda c: c.accounts.get_edit_request("sa/1"),
        path="/accounts/sa%2F1/edit-request",
    ),
    WireCase(
        operation_id="createAccountEditRequest",
        call=lambda c: c.accounts.create_edit_request(
            "sa/1",
            requested_username="fit.daily_01",
            requested_visible_name="Fit Daily",
            requested_biography="Workouts every day",
        ),
        path="/accounts/sa%2F1/edit-request",
        body={
            "requested_username": "fit.daily_01",
            "requested_visible_name": "Fit Daily",
            "requested_biography": "Workouts every day",
        },
    ),
]

COVERAGE_CASES = [
    WireCase(
        operation_id="getAccountManagedSubscription",
        call=lambda c: c.coverage.get("sa/1"),
        path="/accounts/sa%2F1/managed-subscription",
    ),
    WireCase(
        operation_id="reactivateAccountManagedSubscription",
        call=lambda c: c.coverage.reactivate(
            "sa/1",
            expected_credits=25,
            expected_current_period_end="2026-09-09T11:00:00.000Z",
            expected_lock_version=4,
        ),
        path="/accounts/sa%2F1/managed-subscription/reactivate",
        body={
            "expected_credits": 25,
            "expected_current_period_end": "2026-09-09T11:00:00.000Z",
            "expected_lock_version": 4,
        },
    ),
    WireCase(
        operation_id="cancelAccountManagedSubscription",
        call=lambda c: c.coverage.cancel("sa/1"),
        path="/accounts/sa%2F1/managed-subscription/cancel",
    ),
]

WARMING_CASES = [
    WireCase(
        operation_id="configureBundleWarmingTerms",
        call=lambda c: c.warming.configure_terms("b/1", TERMS),
        path="/bundles/b%2F1/warming-terms",
        body={"advanced_warming_terms": TERMS},
    ),
    WireCase(
        operation_id="rewarmAccount",
        call=lambda c: c.warming.rewarm("sa/1", TERMS),
        path="/accounts/sa%2F1/rewarm",
        body={"search_terms": TERMS},
    ),
    WireCase(
        operation_id="listAccountWarmingSessions",
        call=lambda c: c.warming.list_sessions("sa/1"),
        path="/accounts/sa%2F1/warming-sessions",
        response={"data": []},
    ),
    WireCase(
        operation_id="getWarmingSession",
        call=lambda c: c.warming.get_session("ws/1"),
        path="/warming-sessions/ws%2F1",
    ),
    WireCase(
        operation_id="generateWarmingTerms",
        call=lambda c: c.warming.generate_terms(
            text="Vegan meal prep for students", platform="instagram", count=6
        ),
        path="/warming/generate-terms",
        body={"text": "Vegan meal prep for students", "platform": "instagram", "count": 6},
    ),
]

AD_CODE_CASES = [
    WireCase(
        operation_id="createVideoAdCodeRequest",
        call=lambda c: c.ad_codes.create("v/1"),
        path="/videos/v%2F1/ad-code-request",
        body={},
    ),
    WireCase(
        operation_id="getVideoAdCodeRequest",
        call=lambda c: c.ad_codes.get("v/1"),
        path="/videos/v%2F1/ad-code-request",
    ),
]

COMMENT_CASES = [
    WireCase(
        operation_id="listCommentTasks",
        call=lambda c: c.comments.list(
            status=[CommentTaskStatus.PENDING, "submitted"], saved_account_id="sa/1", per_page=25
        ),
        path="/comments",
        query=[
            ("status", "pending,submitted"),
            ("saved_account_id", "sa/1"),
            ("page", "1"),
            ("per_page", "25"),
        ],
        response=EMPTY_PAGE,
    ),
    WireCase(
        operation_id="createCommentTasks",
        call=lambda c: c.comments.create(
            saved_account_id="sa1",
            target_video_url="https://www.tiktok.com/@brand/video/1",
            comment_text="Love this!",
            brief_id="brief-1",
        ),
        path="/comments",
        body={
            "saved_account_id": "sa1",
            "target_video_url": "https://www.tiktok.com/@brand/video/1",
            "comment_text": "Love this!",
            "brief_id": "brief-1",
        },
        status=201,
    ),
    WireCase(
        operation_id="getCommentTask",
        call=lambda c: c.comments.get("ct/1"),
        path="/comments/ct%2F1",
    ),
    WireCase(
        operation_id="deleteCommentTask",
        call=lambda c: c.comments.delete("ct/1"),
        path="/comments/ct%2F1",
    ),
    WireCase(
        operation_id="approveCommentTask",
        call=lambda c: c.comments.approve("ct/1"),
        path="/comments/ct%2F1/approve",
    ),
    WireCase(
        operation_id="disputeCommentTask",
        call=lambda c: c.comments.dispute("ct/1", reason="Wrong video"),
        path="/comments/ct%2F1/dispute",
        body={"reason": "Wrong video"},
    ),
    WireCase(
        operation_id="listCommentTaskVerifications",
        call=lambda c: c.comments.list_verifications("ct/1"),
        path="/comments/ct%2F1/verifications",
        response={"data": []},
    ),
]

WIRE_CASES = ACCOUNT_CASES + COVERAGE_CASES + WARMING_CASES + AD_CODE_CASES + COMMENT_CASES
