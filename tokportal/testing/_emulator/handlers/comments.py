"""Comment tasks posted by the account manager on third-party videos (API.md §2.12)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from .. import pricing, views
from ..context import Ctx
from ..fields import check_fields
from ..http import ApiError, Body, Reply, conflict, ok, paginate, validation
from ..state import CommentTask, SavedAccount

MAX_BATCH = 200
TEXT_LIMITS = {"tiktok": 150, "instagram": 2200}
DEADLINE = timedelta(hours=72)
SUBMIT_AFTER = timedelta(hours=2)


def blocked_reason(ctx: Ctx, task: CommentTask) -> str | None:
    saved = ctx.workspace.saved_accounts.get(task.saved_account_id)
    if saved is None:
        return "account_detached"
    if saved.banned:
        return "account_banned"
    if saved.detached:
        return "account_detached"
    if not saved.coverage.active:
        return f"managed_subscription_{saved.coverage.status}"
    return None


def view(ctx: Ctx, task: CommentTask) -> dict[str, Any]:
    return views.comment_task(task, blocked_reason=blocked_reason(ctx, task))


def task_of(ctx: Ctx) -> CommentTask:
    ident = ctx.param("id")
    task = ctx.workspace.comment_tasks.get(ident)
    if task is not None:
        return task
    if ctx.world.owner_of("comment_tasks", ident) is not None:
        raise ApiError(
            403,
            "COMMENT_TASK_NOT_OWNED",
            "This comment task belongs to another user.",
            {"id": ident},
        )
    raise ApiError(
        404, "COMMENT_TASK_NOT_FOUND", f"Comment task {ident!r} was not found.", {"id": ident}
    )


def read_task(ctx: Ctx, body: Body) -> tuple[SavedAccount, dict[str, Any]]:
    """Validate one task; raises the typed 4xx that a single-task call returns."""
    # A batch item is checked against the field table as one task (a single task's
    # request already was); every field is read before the account is looked up, as the
    # client checks them.
    check_fields("createCommentTasks", (), body.raw, where=body.name(""))
    account_id = body.text("saved_account_id", required=True)
    video_url = body.text("target_video_url", required=True)
    comment_text = body.text("comment_text", required=True)
    saved = ctx.saved_account(account_id, field=body.name("saved_account_id"))
    if saved.platform not in TEXT_LIMITS:
        raise validation(
            body.name("saved_account_id"), f"comments are not supported on {saved.platform}"
        )
    # The platform's limit (150 on TikTok) depends on the account: a server-side rule.
    limit = TEXT_LIMITS[saved.platform]
    if len(comment_text) > limit:
        raise validation(
            body.name("comment_text"), f"must be at most {limit} characters", max_length=limit
        )
    target_type = body.enum("target_type", ("video", "comment"), default="video")
    fields = {
        "target_type": target_type,
        "target_video_url": video_url,
        "target_comment_url": body.text("target_comment_url", nullable=True),
        "comment_text": comment_text,
        "brief_id": body.text("brief_id", nullable=True),
    }
    if target_type == "comment":
        if saved.platform != "tiktok":
            raise validation(body.name("target_type"), "replies to comments are TikTok only")
        if not fields["target_comment_url"]:
            raise validation(
                body.name("target_comment_url"), "is required when target_type is comment"
            )
    return saved, fields


def create(ctx: Ctx) -> Reply:
    raw_tasks = ctx.body.raw.get("tasks")
    single = raw_tasks is None
    if not single:
        # API.md: one task's fields or a batch under "tasks", not both.
        extra = next((name for name in ctx.body.raw if name != "tasks"), None)
        if extra is not None:
            raise validation(extra, "give a batch (tasks) or one task's fields, not both")
    items = [ctx.body.raw] if single else ctx.body.list_of_objects("tasks", required=True)
    if not single and not 1 <= len(items) <= MAX_BATCH:
        raise validation("tasks", f"must hold 1-{MAX_BATCH} tasks", count=len(items))
    accepted: list[tuple[SavedAccount, dict[str, Any]]] = []
    rejected: list[dict[str, Any]] = []
    for index, item in enumerate(items):
        body = Body(item, prefix="" if single else f"tasks[{index}].")
        try:
            accepted.append(read_task(ctx, body))
        except ApiError as error:
            if single:
                raise
            rejected.append(
                {
                    "index": index,
                    "code": error.code,
                    "message": error.message,
                    "details": error.details,
                    "task": item,
                }
            )
    if accepted:
        # Accepted rows are debited together, before any row is inserted (API.md §2.12).
        ctx.charge(
            {"comment_tasks": pricing.COMMENT_TASK * len(accepted)},
            description=f"{len(accepted)} comment task(s)",
            reference_type="comment_tasks",
        )
    created = [insert(ctx, saved, fields) for saved, fields in accepted]
    data = {"created": [view(ctx, t) for t in created], "rejected": rejected}
    return ok(
        data,
        status=201,
        created_count=len(created),
        rejected_count=len(rejected),
        credits_charged=ctx.charged,
        credits_remaining=ctx.workspace.credits,
    )


def insert(ctx: Ctx, saved: SavedAccount, fields: dict[str, Any]) -> CommentTask:
    task = CommentTask(
        id=ctx.ids.uuid(),
        saved_account_id=saved.id,
        platform=saved.platform,
        status="pending",
        cost=pricing.COMMENT_TASK,
        created_at=ctx.now,
        updated_at=ctx.now,
        deadline_at=ctx.now + DEADLINE,
        **fields,
    )
    ctx.workspace.comment_tasks[task.id] = task
    ctx.schedule("comment.submit", task.id, task.rev, after=SUBMIT_AFTER)
    return task


def list_tasks(ctx: Ctx) -> Reply:
    statuses = set(ctx.query.all("status"))
    account = ctx.query.get("saved_account_id")
    rows = [
        view(ctx, t)
        for t in reversed(ctx.workspace.comment_tasks.values())
        if (not statuses or t.status in statuses)
        and (account is None or t.saved_account_id == account)
    ]
    return paginate(rows, ctx.query)


def get(ctx: Ctx) -> Reply:
    return ok(view(ctx, task_of(ctx)))


def invalid(task: CommentTask, action: str, allowed: str) -> ApiError:
    return conflict(
        "COMMENT_TASK_INVALID_STATUS",
        f"Cannot {action} a {task.status} comment task (only {allowed}).",
        current_status=task.status,
    )


def change(ctx: Ctx, task: CommentTask, status: str) -> None:
    task.status = status
    task.updated_at = ctx.now
    task.rev += 1


def delete(ctx: Ctx) -> Reply:
    task = task_of(ctx)
    if task.status != "pending":
        raise invalid(task, "cancel", "pending")
    change(ctx, task, "cancelled")
    ctx.restore(task.cost, description="Cancelled comment task refunded", reference_id=task.id)
    return ok(view(ctx, task), credits_refunded=task.cost, credits_remaining=ctx.workspace.credits)


def approve(ctx: Ctx) -> Reply:
    task = task_of(ctx)
    if task.status != "manually_confirmed":
        raise invalid(task, "approve", "manually_confirmed")
    reason = blocked_reason(ctx, task)
    if reason is not None:
        raise conflict(
            "MANAGED_ACCOUNT_TASK_BLOCKED",
            "TokPortal Coverage is not active on this account.",
            reason=reason,
        )
    change(ctx, task, "finalized")
    task.finalized_at = ctx.now
    return ok(view(ctx, task))


def dispute(ctx: Ctx) -> Reply:
    task = task_of(ctx)
    reason = ctx.body.text("reason", required=True)
    if task.status != "manually_confirmed":
        raise invalid(task, "dispute", "manually_confirmed")
    change(ctx, task, "pending_corrections")
    task.correction_required = True
    task.dispute_reason = reason
    ctx.schedule("comment.submit", task.id, task.rev, after=timedelta(hours=6))
    return ok(view(ctx, task))


def verifications(ctx: Ctx) -> Reply:
    task = task_of(ctx)
    return ok(list(task.verifications))


HANDLERS: dict[str, Callable[[Ctx], Reply]] = {
    "listCommentTasks": list_tasks,
    "createCommentTasks": create,
    "getCommentTask": get,
    "deleteCommentTask": delete,
    "approveCommentTask": approve,
    "disputeCommentTask": dispute,
    "listCommentTaskVerifications": verifications,
}
