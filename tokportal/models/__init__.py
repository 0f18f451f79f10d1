"""Response models: frozen attrs classes built by one cattrs Converter.

Every model keeps unknown fields (``.extra``) and the JSON as received (``.raw``); enums are
open (an unknown value stays a plain ``str``).
"""

from __future__ import annotations

from ._base import (
    Model,
    ModelList,
    NoAPIResponseError,
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
    "NoAPIResponseError",
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
