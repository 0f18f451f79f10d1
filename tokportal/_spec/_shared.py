"""Fields several operations share, written once (API.md states their rules once too)."""

from __future__ import annotations

from typing import Any

from ._schema import Field, PathParam

# API.md §2.2 "Advanced Niche Warming": 3 to 30 search terms, bought in threes, each 2 to 50
# characters, no term twice (case-insensitive); refused with ADVANCED_WARMING_TERMS.
_TERMS_RULES: dict[str, Any] = {
    "min_length": 3,
    "max_length": 30,
    "multiple_of": 3,
    "item_min_length": 2,
    "item_max_length": 50,
    "unique": True,
    "items": "str",
    "code": "ADVANCED_WARMING_TERMS",
}


def warming_terms(name: str = "advanced_warming_terms", **more: Any) -> Field:
    """A list of warming search terms (``more``: ``python=``, ``required=``)."""
    return Field(name, "list", "Sequence[str]", **more, **_TERMS_RULES)


# How many terms to buy when the terms themselves come later: the same bounds as the list.
WARMING_TERMS_COUNT = Field(
    "advanced_warming_terms_count",
    "int",
    "int",
    minimum=3,
    maximum=30,
    multiple_of=3,
    code="ADVANCED_WARMING_TERMS",
    doc="How many search terms to buy now (5 credits each) and write later with ``warming.configure_terms``.",
)

# API.md §7 "Reports": the body of both report operations (the web report and its HTML).
REPORT_BODY = (
    Field("title", "str", "str | None", nullable=True, doc="The report's title."),
    Field(
        "template",
        "choice",
        "ReportTemplate | str | None",
        nullable=True,
        choices=("executive", "agency", "creator", "minimal", "growth", "board"),
        doc="The report's layout.",
    ),
    Field(
        "brandName",
        "str",
        "str | None",
        python="brand_name",
        nullable=True,
        doc="The brand name shown on the report.",
    ),
    Field(
        "brandAccent",
        "str",
        "str | None",
        python="brand_accent",
        nullable=True,
        doc="The accent colour of the brand.",
    ),
    Field(
        "accountIds",
        "list",
        "Sequence[str]",
        python="account_ids",
        items="str",
        doc="Saved (delivered) account ids the report covers.",
    ),
    Field(
        "workspaceId",
        "str",
        "str | None",
        python="workspace_id",
        nullable=True,
        doc="The workspace the report covers.",
    ),
    Field(
        "platforms",
        "list",
        "Sequence[Platform | str]",
        items="str",
        doc="The platforms the report covers.",
    ),
    Field(
        "countries",
        "list",
        "Sequence[str]",
        items="str",
        doc="The country codes the report covers.",
    ),
    Field("query", "str", "str | None", nullable=True, doc="Text the posts must match."),
    Field(
        "from",
        "datetime",
        "DateLike | None",
        python="date_from",
        nullable=True,
        doc="Start of the period covered: a date or an ISO 8601 instant.",
    ),
    Field(
        "to",
        "datetime",
        "DateLike | None",
        python="date_to",
        nullable=True,
        doc="End of the period covered: a date or an ISO 8601 instant.",
    ),
)


# A video slot of a bundle, addressed by its 1-based position.
SLOT_PATH = (
    PathParam("id", "bundle_id"),
    PathParam("position", "position", kind="int"),
)

# API.md: ``refreshAccountAnalytics`` takes "the same body as ``refreshAnalyticsAccount``".
REFRESH_BODY = (
    Field(
        "force",
        "bool",
        "bool",
        doc="The API's ``force`` flag; API.md gives only its name and type, so it is sent as given.",
    ),
    Field(
        "includePosts",
        "bool",
        "bool",
        python="include_posts",
        doc="The API's ``includePosts`` flag; API.md gives only its name and type.",
    ),
    Field(
        "includeComments",
        "bool",
        "bool",
        python="include_comments",
        doc="The API's ``includeComments`` flag; API.md gives only its name and type.",
    ),
    Field(
        "forcePosts",
        "bool",
        "bool",
        python="force_posts",
        doc="The API's ``forcePosts`` flag; API.md gives only its name and type.",
    ),
    Field(
        "bootstrapPosts",
        "bool",
        "bool",
        python="bootstrap_posts",
        doc="The API's ``bootstrapPosts`` flag; API.md gives only its name and type.",
    ),
    Field(
        "postLimit",
        "int",
        "int",
        python="post_limit",
        minimum=1,
        doc="The most posts to refresh.",
    ),
)

# The period filter of the analytics reads: ``from``/``to`` are Python keywords, so the
# arguments are ``date_from``/``date_to``.
PERIOD = (
    Field(
        "from",
        "datetime",
        "DateLike",
        python="date_from",
        not_blank=True,
        doc="Start of the period: a date or an ISO 8601 instant.",
    ),
    Field(
        "to",
        "datetime",
        "DateLike",
        python="date_to",
        not_blank=True,
        doc="End of the period: a date or an ISO 8601 instant.",
    ),
)

# The raw-snapshot listings of an account and of a post.
SNAPSHOT_FILTERS = (
    Field(
        "source",
        "str",
        "str",
        not_blank=True,
        doc="Only snapshots from this collection source.",
    ),
    Field("limit", "int", "int", minimum=1, doc="The most snapshots to return."),
    *PERIOD,
)

# ``per_page`` of every page-numbered listing: the SDK asks for the most a page may hold.
PER_PAGE = Field(
    "per_page",
    "int",
    "int",
    default="100",
    minimum=1,
    maximum=100,
    doc="Items asked for per request while the paginator walks the pages (the API's own default is 25).",
)

# The bundle status filter of ``listBundles`` and ``listAccountBundles``.
BUNDLE_STATUS_FILTER = Field(
    "status",
    "choice",
    "BundleStatus | str",
    choices=(
        "draft",
        "pending_setup",
        "published",
        "published_priority",
        "accepted",
        "completed",
        "cancelled",
        "archived",
    ),
    doc="Only bundles in this status.",
)

# How a direct upload names its bytes (multipart part headers, not fields of the form).
UPLOAD_FILE_NAMING = (
    Field(
        "filename",
        "str",
        "str",
        local=True,
        doc="The file name sent with the bytes; taken from the path when omitted.",
    ),
    Field(
        "content_type",
        "str",
        "str",
        local=True,
        doc="The MIME type sent with the bytes; guessed from the file name, else ``application/octet-stream``.",
    ),
)
