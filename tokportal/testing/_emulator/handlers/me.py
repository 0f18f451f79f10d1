"""Profile, reference data and credits (API.md §2.1)."""

from __future__ import annotations

from collections.abc import Callable

from .. import catalog, credits, pricing, views
from ..context import Ctx
from ..http import Reply, iso, ok, paginate, validation

# API.md does not name the settings fields; these are the emulator's (documented) choice.
SETTINGS_FIELDS = ("website", "company_name", "niche", "organic_strategy")


def get_current_user(ctx: Ctx) -> Reply:
    ws = ctx.workspace
    return ok(
        {
            "id": ws.id,
            "workspace_id": ws.id,
            "email": ws.email,
            "credits": ws.credits,
            "plan": ws.plan,
            "created_at": iso(ws.created_at),
            "settings": {f: ws.settings.get(f) for f in SETTINGS_FIELDS},
            "api_key": {
                "id": ctx.key.id,
                "scope": ctx.key.scope,
                "environment": ctx.key.environment,
            },
        }
    )


def update_settings(ctx: Ctx) -> Reply:
    unknown = sorted(set(ctx.body.raw) - set(SETTINGS_FIELDS))
    if unknown:
        raise validation(unknown[0], "is not a writable setting", allowed=list(SETTINGS_FIELDS))
    ctx.body.require_any(SETTINGS_FIELDS)
    for field in SETTINGS_FIELDS:
        if ctx.body.has(field):
            ctx.workspace.settings[field] = ctx.body.text(field, nullable=True)
    return get_current_user(ctx)


def list_countries(ctx: Ctx) -> Reply:
    return ok(
        catalog.country_rows(catalog.COUNTRIES),
        videos_only_countries=catalog.country_rows(catalog.VIDEOS_ONLY_COUNTRIES),
    )


def list_platforms(ctx: Ctx) -> Reply:
    return ok(catalog.platforms())


def get_credit_costs(ctx: Ctx) -> Reply:
    return ok(pricing.credit_costs(ctx.world.prices))


def get_credit_balance(ctx: Ctx) -> Reply:
    ws = ctx.workspace
    return ok(
        {
            "total_credits": ws.credits,
            "credits": ws.credits,
            "expiring_within_7_days": credits.expiring_within(ws, ctx.now, 7),
        }
    )


def list_transactions(ctx: Ctx) -> Reply:
    date_from = ctx.query.timestamp("date_from")
    date_to = ctx.query.timestamp("date_to")
    if date_to is not None and len(ctx.query.get("date_to") or "") == 10:
        # A bare end date includes that whole day.
        date_to = date_to.replace(hour=23, minute=59, second=59, microsecond=999999)
    rows = [
        t
        for t in reversed(ctx.workspace.transactions)
        if (date_from is None or t.created_at >= date_from)
        and (date_to is None or t.created_at <= date_to)
    ]
    return paginate([views.transaction(t) for t in rows], ctx.query)


HANDLERS: dict[str, Callable[[Ctx], Reply]] = {
    "getCurrentUser": get_current_user,
    "updateCurrentUserSettings": update_settings,
    "listCountries": list_countries,
    "listPlatforms": list_platforms,
    "getCreditCosts": get_credit_costs,
    "getCreditBalance": get_credit_balance,
    "listCreditTransactions": list_transactions,
}
