"""Response models: frozen attrs classes built by one cattrs Converter.

Every model keeps unknown fields (``.extra``) and the JSON as received (``.raw``); enums are
open (an unknown value stays a plain ``str``).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._base import (
        Model,
        ModelList,
    )
    from ._enums import (
        AccountStatus,
        BundleStatus,
        BundleType,
        OpenEnum,
        Platform,
        VideoStatus,
        VideoType,
    )
    from .accounts import (
        Account,
        AccountBan,
        BanResolution,
        BanResolutionKind,
        BanStatus,
        EditRequest,
    )
    from .ad_codes import (
        AdCodeRequest,
        AdCodeResult,
    )
    from .analytics import (
        AccountAnalytics,
        AnalyticsAccount,
        AnalyticsComment,
        AnalyticsContract,
        AnalyticsDashboard,
        AnalyticsGranularity,
        AnalyticsMetric,
        AnalyticsMode,
        AnalyticsRefresh,
        AnalyticsReport,
        AnalyticsSeries,
        AnalyticsSnapshot,
        CommentPulse,
        RefreshAvailability,
        ReportTemplate,
        SeriesPoint,
        TextResult,
        VideoAnalytics,
    )
    from .bulk import (
        BulkCreateResult,
    )
    from .bundle_account import (
        AdvancedWarmingSummary,
        BundleAccountDetails,
    )
    from .bundles import (
        BulkBundleResult,
        Bundle,
        BundleResult,
        PublishReadiness,
    )
    from .comments import (
        CommentTargetType,
        CommentTask,
        CommentTaskBatch,
        CommentTaskCreation,
        CommentTaskInput,
        CommentTaskRejection,
        CommentTaskStatus,
        CommentVerification,
    )
    from .common import (
        ChargeInfo,
        CostBreakdown,
        Result,
    )
    from .consent import (
        AccountCredentials,
        ConsentQuote,
        CredentialsReveal,
        VerificationCode,
        VerificationCodeResult,
    )
    from .coverage import (
        CoverageResult,
        CoverageStatus,
        CoverageSubscription,
        ReactivationQuote,
    )
    from .credits import (
        CreditBalance,
        CreditCosts,
        CreditTransaction,
    )
    from .me import (
        User,
    )
    from .reference import (
        Country,
        CountryList,
        PlatformInfo,
    )
    from .uploads import (
        ImagePurpose,
        ImageUpload,
        PresignedUpload,
        VideoUpload,
    )
    from .videos import (
        BatchConfigureResult,
        BatchVideoError,
        CsvImport,
        CsvImportResult,
        CsvRowError,
        InstagramContentType,
        PublishAllResult,
        Video,
        VideoBatch,
        VideoResult,
        VideoSlotConfig,
        YoutubeVisibility,
    )
    from .warming import (
        GeneratedTerms,
        RewarmResult,
        WarmingSession,
        WarmingTermReport,
    )
    from .webhooks import (
        WebhookDelivery,
        WebhookEndpoint,
        WebhookEventCatalog,
        WebhookEventInfo,
    )

# Names are imported on first use (PEP 562), as in ``tokportal/__init__.py``: importing one
# model module (or the enums, which the core and ``tokportal.webhooks`` need) must not build
# every model class. The table maps each public name to the module that defines it.
_LAZY: dict[str, str] = {
    "Account": ".accounts",
    "AccountAnalytics": ".analytics",
    "AccountBan": ".accounts",
    "AccountCredentials": ".consent",
    "AccountStatus": "._enums",
    "AdCodeRequest": ".ad_codes",
    "AdCodeResult": ".ad_codes",
    "AdvancedWarmingSummary": ".bundle_account",
    "AnalyticsAccount": ".analytics",
    "AnalyticsComment": ".analytics",
    "AnalyticsContract": ".analytics",
    "AnalyticsDashboard": ".analytics",
    "AnalyticsGranularity": ".analytics",
    "AnalyticsMetric": ".analytics",
    "AnalyticsMode": ".analytics",
    "AnalyticsRefresh": ".analytics",
    "AnalyticsReport": ".analytics",
    "AnalyticsSeries": ".analytics",
    "AnalyticsSnapshot": ".analytics",
    "BanResolution": ".accounts",
    "BanResolutionKind": ".accounts",
    "BanStatus": ".accounts",
    "BatchConfigureResult": ".videos",
    "BatchVideoError": ".videos",
    "BulkBundleResult": ".bundles",
    "BulkCreateResult": ".bulk",
    "Bundle": ".bundles",
    "BundleAccountDetails": ".bundle_account",
    "BundleResult": ".bundles",
    "BundleStatus": "._enums",
    "BundleType": "._enums",
    "ChargeInfo": ".common",
    "CommentPulse": ".analytics",
    "CommentTargetType": ".comments",
    "CommentTask": ".comments",
    "CommentTaskBatch": ".comments",
    "CommentTaskCreation": ".comments",
    "CommentTaskInput": ".comments",
    "CommentTaskRejection": ".comments",
    "CommentTaskStatus": ".comments",
    "CommentVerification": ".comments",
    "ConsentQuote": ".consent",
    "CostBreakdown": ".common",
    "Country": ".reference",
    "CountryList": ".reference",
    "CoverageResult": ".coverage",
    "CoverageStatus": ".coverage",
    "CoverageSubscription": ".coverage",
    "CredentialsReveal": ".consent",
    "CreditBalance": ".credits",
    "CreditCosts": ".credits",
    "CreditTransaction": ".credits",
    "CsvImport": ".videos",
    "CsvImportResult": ".videos",
    "CsvRowError": ".videos",
    "EditRequest": ".accounts",
    "GeneratedTerms": ".warming",
    "ImagePurpose": ".uploads",
    "ImageUpload": ".uploads",
    "InstagramContentType": ".videos",
    "Model": "._base",
    "ModelList": "._base",
    "OpenEnum": "._enums",
    "Platform": "._enums",
    "PlatformInfo": ".reference",
    "PresignedUpload": ".uploads",
    "PublishAllResult": ".videos",
    "PublishReadiness": ".bundles",
    "ReactivationQuote": ".coverage",
    "RefreshAvailability": ".analytics",
    "ReportTemplate": ".analytics",
    "Result": ".common",
    "RewarmResult": ".warming",
    "SeriesPoint": ".analytics",
    "TextResult": ".analytics",
    "User": ".me",
    "VerificationCode": ".consent",
    "VerificationCodeResult": ".consent",
    "Video": ".videos",
    "VideoAnalytics": ".analytics",
    "VideoBatch": ".videos",
    "VideoResult": ".videos",
    "VideoSlotConfig": ".videos",
    "VideoStatus": "._enums",
    "VideoType": "._enums",
    "VideoUpload": ".uploads",
    "WarmingSession": ".warming",
    "WarmingTermReport": ".warming",
    "WebhookDelivery": ".webhooks",
    "WebhookEndpoint": ".webhooks",
    "WebhookEventCatalog": ".webhooks",
    "WebhookEventInfo": ".webhooks",
    "YoutubeVisibility": ".videos",
}


def __getattr__(name: str) -> Any:
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module_name, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "Account",
    "AccountAnalytics",
    "AccountBan",
    "AccountCredentials",
    "AccountStatus",
    "AdCodeRequest",
    "AdCodeResult",
    "AdvancedWarmingSummary",
    "AnalyticsAccount",
    "AnalyticsComment",
    "AnalyticsContract",
    "AnalyticsDashboard",
    "AnalyticsGranularity",
    "AnalyticsMetric",
    "AnalyticsMode",
    "AnalyticsRefresh",
    "AnalyticsReport",
    "AnalyticsSeries",
    "AnalyticsSnapshot",
    "BanResolution",
    "BanResolutionKind",
    "BanStatus",
    "BatchConfigureResult",
    "BatchVideoError",
    "BulkBundleResult",
    "BulkCreateResult",
    "Bundle",
    "BundleAccountDetails",
    "BundleResult",
    "BundleStatus",
    "BundleType",
    "ChargeInfo",
    "CommentPulse",
    "CommentTargetType",
    "CommentTask",
    "CommentTaskBatch",
    "CommentTaskCreation",
    "CommentTaskInput",
    "CommentTaskRejection",
    "CommentTaskStatus",
    "CommentVerification",
    "ConsentQuote",
    "CostBreakdown",
    "Country",
    "CountryList",
    "CoverageResult",
    "CoverageStatus",
    "CoverageSubscription",
    "CredentialsReveal",
    "CreditBalance",
    "CreditCosts",
    "CreditTransaction",
    "CsvImport",
    "CsvImportResult",
    "CsvRowError",
    "EditRequest",
    "GeneratedTerms",
    "ImagePurpose",
    "ImageUpload",
    "InstagramContentType",
    "Model",
    "ModelList",
    "OpenEnum",
    "Platform",
    "PlatformInfo",
    "PresignedUpload",
    "PublishAllResult",
    "PublishReadiness",
    "ReactivationQuote",
    "RefreshAvailability",
    "ReportTemplate",
    "Result",
    "RewarmResult",
    "SeriesPoint",
    "TextResult",
    "User",
    "VerificationCode",
    "VerificationCodeResult",
    "Video",
    "VideoAnalytics",
    "VideoBatch",
    "VideoResult",
    "VideoSlotConfig",
    "VideoStatus",
    "VideoType",
    "VideoUpload",
    "WarmingSession",
    "WarmingTermReport",
    "WebhookDelivery",
    "WebhookEndpoint",
    "WebhookEventCatalog",
    "WebhookEventInfo",
    "YoutubeVisibility",
]
