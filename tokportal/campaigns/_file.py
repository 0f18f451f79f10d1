"""A campaign file (TOML) read into a ``CampaignFile``, every problem reported at once.

Only the campaign's own rules live here (its keys, names, files, the publishing calendar of a
new account); what a request field must be is left to the SDK's field checks, which
``load_campaign`` runs on every body the plan will send.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import pathlib
import re
import sys
from collections import Counter
from collections.abc import Mapping
from typing import Any, NamedTuple

import attrs

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10: the `tomli` dependency (same API)
    import tomli as tomllib  # type: ignore[import-not-found,unused-ignore]

__all__ = [
    "DEFAULT_CONCURRENCY",
    "CampaignAccount",
    "CampaignBundle",
    "CampaignFile",
    "CampaignVideo",
    "ParsedCampaign",
    "parse_campaign",
]

CAMPAIGN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
BUNDLE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,39}")
DEFAULT_CONCURRENCY = 4
MAX_CONCURRENCY = 32
PLATFORMS = ("tiktok", "instagram")
# API.md §2.4: a new account's first video is at least 3 days ahead, and one bundle takes at
# most 3 videos per target day (VIDEOS_PER_DAY_EXCEEDED).
NEW_ACCOUNT_LEAD_DAYS = 3
VIDEOS_PER_DAY = 3

_CAMPAIGN_KEYS = frozenset({"id", "max_credits", "concurrency", "bulk"})
_BUNDLE_KEYS = frozenset(
    {"name", "country", "platform", "auto_finalize_videos", "title", "account", "videos"}
)
_ACCOUNT_KEYS = frozenset({"username", "visible_name", "biography", "picture", "link_in_bio"})
_VIDEO_KEYS = frozenset({"file", "caption", "date", "name", "instagram_content_type"})
_TOP_KEYS = frozenset({"campaign", "bundles"})


@attrs.frozen
class CampaignAccount:
    """The profile configured on a bundle's new account (``configureBundleAccount``)."""

    username: str
    visible_name: str
    biography: str
    picture: pathlib.Path
    link_in_bio: str | None = None


@attrs.frozen
class CampaignVideo:
    """One video of a bundle: a local file, its caption and its target publish date."""

    file: pathlib.Path
    caption: str
    date: dt.date
    name: str | None = None
    instagram_content_type: str | None = None
    index: int = 0
    """The video's place in its bundle (``videos[index]``); its slot position is index + 1."""


@attrs.frozen
class CampaignBundle:
    """One bundle: one new account on one platform in one country, and its videos."""

    name: str
    country: str
    platform: str
    account: CampaignAccount
    videos: tuple[CampaignVideo, ...]
    auto_finalize_videos: bool | None = None
    title: str | None = None
    index: int = 0
    """The bundle's place in the file (``bundles[index]``), for locating problems."""


@attrs.frozen
class CampaignFile:
    """A campaign file, read and checked (``load_campaign``).

    ``sha256`` is the digest of the TOML file's bytes: a journal refuses a file that changed.
    """

    id: str
    path: pathlib.Path
    sha256: str
    bundles: tuple[CampaignBundle, ...]
    max_credits: int | None = None
    concurrency: int = DEFAULT_CONCURRENCY
    bulk: bool = True

    @property
    def journal_path(self) -> pathlib.Path:
        """The default journal, beside the file: ``<file without .toml>.journal.sqlite``."""
        return self.path.with_name(self.path.stem + ".journal.sqlite")

    def bundle(self, name: str) -> CampaignBundle:
        """The bundle called ``name`` (``KeyError`` when there is none)."""
        for bundle in self.bundles:
            if bundle.name == name:
                return bundle
        raise KeyError(name)


class _Problems:
    """Every problem of a file, collected in file order."""

    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, location: str, message: str) -> None:
        self.items.append(f"{location}: {message}")


_MISSING: Any = object()


_TYPE_NAMES: dict[type, str] = {
    bool: "a boolean",
    int: "an integer",
    float: "a number",
    str: "a string",
    list: "an array",
    dict: "a table",
    dt.date: "a date",
    dt.datetime: "a date-time",
    dt.time: "a time",
}


def _type_name(value: Any) -> str:
    """How a TOML value's type is called in a message."""
    return _TYPE_NAMES.get(type(value), type(value).__name__)


class _Reader:
    """Reads one TOML table, noting problems at ``where`` and refusing unknown keys."""

    def __init__(
        self, table: Mapping[str, Any], where: str, known: frozenset[str], problems: _Problems
    ) -> None:
        self.table = table
        self.where = where
        self.problems = problems
        for key in table:
            if key not in known:
                hint = _closest(key, known)
                self.problems.add(
                    self._at(key),
                    "unknown key"
                    + (f" (did you mean {hint!r}?)" if hint else "")
                    + f"; allowed: {', '.join(sorted(known))}",
                )

    def _at(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def get(
        self,
        key: str,
        kind: type | tuple[type, ...],
        *,
        required: bool = False,
        default: Any = None,
    ) -> Any:
        value = self.table.get(key, _MISSING)
        if value is _MISSING:
            if required:
                self.problems.add(self._at(key), "is required")
            return default
        # TOML booleans are not integers here, even though Python says True is an int.
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if isinstance(value, bool) and bool not in kinds:
            ok = False
        else:
            ok = isinstance(value, kinds)
        if not ok:
            wanted = " or ".join(_TYPE_NAMES.get(k, k.__name__) for k in kinds)
            self.problems.add(self._at(key), f"must be {wanted}, not {_type_name(value)}")
            return default
        return value

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.get(key, str, required=required)
        if value is not None and required and not value.strip():
            self.problems.add(self._at(key), "must not be blank")
            return None
        return value  # type: ignore[no-any-return]


def _closest(key: str, known: frozenset[str]) -> str | None:
    import difflib

    matches = difflib.get_close_matches(key, sorted(known), n=1, cutoff=0.75)
    return matches[0] if matches else None


def _date(value: Any, location: str, problems: _Problems) -> dt.date | None:
    if isinstance(value, dt.datetime):
        problems.add(location, "must be a date (YYYY-MM-DD), not a date-time")
        return None
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
                raise ValueError
            return dt.date.fromisoformat(value)
        except ValueError:
            problems.add(location, f"must be a date YYYY-MM-DD, not {value!r}")
            return None
    problems.add(location, f"must be a date (YYYY-MM-DD), not {_type_name(value)}")
    return None


def _local_file(
    value: str | None, base: pathlib.Path, location: str, problems: _Problems
) -> pathlib.Path | None:
    """A file named relative to the campaign file: it exists, is a file and can be read."""
    if value is None:
        return None
    if not value.strip():
        problems.add(location, "must not be blank")
        return None
    path = (base / pathlib.Path(value).expanduser()).resolve()
    if not path.exists():
        problems.add(location, f"no such file: {value} (looked for {path})")
        return None
    if not path.is_file():
        problems.add(location, f"not a regular file: {value}")
        return None
    try:
        with open(path, "rb") as handle:
            handle.read(1)
    except OSError as exc:
        problems.add(location, f"cannot be read: {value} ({exc.strerror or exc})")
        return None
    if path.stat().st_size == 0:
        problems.add(location, f"is empty: {value}")
        return None
    return path


def _today() -> dt.date:
    return dt.datetime.now(dt.timezone.utc).date()


class ParsedCampaign(NamedTuple):
    """What ``parse_campaign`` read: the campaign (``None`` when there is a problem), every
    problem, and a draft of what could be read (the bundles without a problem of their own),
    on which the request bodies are checked so that their problems are told in the same
    pass."""

    campaign: CampaignFile | None
    problems: list[str]
    draft: CampaignFile | None


def parse_campaign(path: str | os.PathLike[str], *, today: dt.date | None = None) -> ParsedCampaign:
    """Read a campaign file, every problem at once, each ``"location: message"``. Request
    bodies are not checked here (``load_campaign`` does, through the plan)."""
    file_path = pathlib.Path(path)
    problems = _Problems()
    try:
        raw = file_path.read_bytes()
    except OSError as exc:
        return ParsedCampaign(None, [f"{file_path}: cannot be read ({exc.strerror or exc})"], None)
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as exc:
        problem = f"{file_path}: not UTF-8 text ({exc.reason} at byte {exc.start})"
        return ParsedCampaign(None, [problem], None)
    except tomllib.TOMLDecodeError as exc:
        return ParsedCampaign(None, [f"{file_path}: not valid TOML ({exc})"], None)

    base = file_path.resolve().parent
    today = today if today is not None else _today()
    first_date = today + dt.timedelta(days=NEW_ACCOUNT_LEAD_DAYS)

    _Reader(data, "", _TOP_KEYS, problems)
    campaign_table = data.get("campaign", _MISSING)
    campaign_id: str | None = None
    max_credits: int | None = None
    concurrency = DEFAULT_CONCURRENCY
    bulk = True
    if campaign_table is _MISSING:
        problems.add("campaign", "is required (a [campaign] table with at least an id)")
    elif not isinstance(campaign_table, dict):
        problems.add("campaign", f"must be a table, not {_type_name(campaign_table)}")
    else:
        reader = _Reader(campaign_table, "campaign", _CAMPAIGN_KEYS, problems)
        campaign_id = reader.text("id", required=True)
        if campaign_id is not None and not CAMPAIGN_ID.fullmatch(campaign_id):
            problems.add(
                "campaign.id",
                f"must match [A-Za-z0-9][A-Za-z0-9._-]{{0,63}}, not {campaign_id!r}",
            )
            campaign_id = None
        max_credits = reader.get("max_credits", int)
        if max_credits is not None and max_credits < 0:
            problems.add("campaign.max_credits", f"must be at least 0, not {max_credits}")
            max_credits = None
        concurrency = reader.get("concurrency", int, default=DEFAULT_CONCURRENCY)
        if not 1 <= concurrency <= MAX_CONCURRENCY:
            problems.add(
                "campaign.concurrency",
                f"must be between 1 and {MAX_CONCURRENCY}, not {concurrency}",
            )
            concurrency = DEFAULT_CONCURRENCY
        bulk = reader.get("bulk", bool, default=True)

    bundles_raw = data.get("bundles", _MISSING)
    bundles: list[CampaignBundle] = []
    complete = True
    if bundles_raw is _MISSING:
        problems.add("bundles", "at least one [[bundles]] table is required")
        bundles_raw = []
    elif not isinstance(bundles_raw, list):
        problems.add("bundles", "must be an array of tables ([[bundles]])")
        bundles_raw = []
    elif not bundles_raw:
        problems.add("bundles", "at least one [[bundles]] table is required")

    for index, table in enumerate(bundles_raw):
        bundle, clean = _bundle(table, index, base, first_date, problems)
        complete = complete and clean
        if bundle is not None:
            bundles.append(bundle)

    _duplicates(bundles_raw, problems)

    draft = CampaignFile(
        id=campaign_id or "campaign",
        path=file_path.resolve(),
        sha256=hashlib.sha256(raw).hexdigest(),
        bundles=tuple(_first_of_each_name(bundles)),
        max_credits=max_credits,
        concurrency=concurrency,
        bulk=bulk,
    )
    if problems.items or campaign_id is None or not complete:
        return ParsedCampaign(None, problems.items, draft)
    return ParsedCampaign(draft, [], draft)


def _first_of_each_name(bundles: list[CampaignBundle]) -> list[CampaignBundle]:
    seen: set[str] = set()
    kept = []
    for bundle in bundles:
        if bundle.name not in seen:
            seen.add(bundle.name)
            kept.append(bundle)
    return kept


def _duplicates(bundles_raw: list[Any], problems: _Problems) -> None:
    """Bundle names are unique (steps and refs derive from them), and so are usernames (one
    account each); read from the raw tables so that a bundle with another problem counts."""
    for key, where, fold in (("name", "name", False), ("username", "account.username", True)):
        first: dict[str, int] = {}
        for index, table in enumerate(bundles_raw):
            holder = (
                table.get("account") if key == "username" and isinstance(table, dict) else table
            )
            value = holder.get(key) if isinstance(holder, dict) else None
            if not isinstance(value, str):
                continue
            seen_as = value.casefold() if fold else value
            if seen_as in first:
                problems.add(
                    f"bundles[{index}].{where}",
                    f"{value!r} is already used by bundles[{first[seen_as]}]",
                )
            else:
                first[seen_as] = index


# Stand-ins in a draft, where a value has a problem of its own (already told): the draft
# still goes through the request checks, so that its other problems are told in this pass.
_NO_FILE = pathlib.Path("<missing>")


def _bundle(
    table: Any, index: int, base: pathlib.Path, first_date: dt.date, problems: _Problems
) -> tuple[CampaignBundle | None, bool]:
    """The bundle at ``bundles[index]`` (a draft with stand-ins when it has a problem) and
    whether it is clean."""
    where = f"bundles[{index}]"
    if not isinstance(table, dict):
        problems.add(where, f"must be a table, not {_type_name(table)}")
        return None, False
    before = len(problems.items)
    reader = _Reader(table, where, _BUNDLE_KEYS, problems)
    name = reader.text("name", required=True)
    if name is not None and not BUNDLE_NAME.fullmatch(name):
        problems.add(f"{where}.name", f"must match [A-Za-z0-9][A-Za-z0-9._-]{{0,39}}, not {name!r}")
        name = None
    country = reader.text("country", required=True)
    platform = reader.get("platform", str, default="tiktok")
    if platform not in PLATFORMS:
        problems.add(
            f"{where}.platform", f"must be one of {', '.join(PLATFORMS)}, not {platform!r}"
        )
    auto_finalize = reader.get("auto_finalize_videos", bool)
    title = reader.get("title", str)

    account_table = table.get("account", _MISSING)
    if account_table is _MISSING:
        problems.add(f"{where}.account", "is required (a [bundles.account] table)")
        account_table = {}
    elif not isinstance(account_table, dict):
        problems.add(f"{where}.account", f"must be a table, not {_type_name(account_table)}")
        account_table = {}
    account = _account(account_table, f"{where}.account", base, platform, problems)

    videos: list[CampaignVideo] = []
    videos_raw = table.get("videos", _MISSING)
    if videos_raw is _MISSING or (isinstance(videos_raw, list) and not videos_raw):
        problems.add(f"{where}.videos", "at least one [[bundles.videos]] table is required")
        videos_raw = []
    elif not isinstance(videos_raw, list):
        problems.add(f"{where}.videos", "must be an array of tables ([[bundles.videos]])")
        videos_raw = []
    dates: list[dt.date] = []
    for place, video_table in enumerate(videos_raw):
        video, date = _video(
            video_table, f"{where}.videos[{place}]", base, platform, first_date, problems
        )
        if video is not None:
            videos.append(attrs.evolve(video, index=place))
        if date is not None:
            dates.append(date)

    for day, count in sorted(Counter(dates).items()):
        if count > VIDEOS_PER_DAY:
            problems.add(
                f"{where}.videos",
                f"{count} videos on {day.isoformat()}: at most {VIDEOS_PER_DAY} per target day"
                " per bundle (VIDEOS_PER_DAY_EXCEEDED)",
            )

    draft = CampaignBundle(
        # Not a valid name, so it cannot be taken for another bundle's.
        name=name if name is not None else f"<bundles[{index}]>",
        country=country if country is not None else "",
        platform=platform,
        account=account,
        videos=tuple(videos),
        auto_finalize_videos=auto_finalize,
        title=title,
        index=index,
    )
    return draft, len(problems.items) == before


def _account(
    table: dict[str, Any],
    where: str,
    base: pathlib.Path,
    platform: str,
    problems: _Problems,
) -> CampaignAccount:
    reader = _Reader(table, where, _ACCOUNT_KEYS, problems)
    # Field rules (length, pattern) are the API's: the plan's body checks judge them.
    username = reader.get("username", str, required=True)
    visible_name = reader.get("visible_name", str, required=True)
    # API.md §2.2 publishBundle: biography and profile picture are needed to publish.
    biography = reader.get("biography", str, required=True)
    picture = _local_file(
        reader.get("picture", str, required=True), base, f"{where}.picture", problems
    )
    link_in_bio = reader.get("link_in_bio", str)
    if link_in_bio is not None and platform != "instagram":
        problems.add(f"{where}.link_in_bio", "is for Instagram accounts only (API.md)")
    return CampaignAccount(
        username=username if username is not None else "",
        visible_name=visible_name if visible_name is not None else "",
        biography=biography if biography is not None else "",
        picture=picture if picture is not None else _NO_FILE,
        link_in_bio=link_in_bio,
    )


def _video(
    table: Any,
    where: str,
    base: pathlib.Path,
    platform: str,
    first_date: dt.date,
    problems: _Problems,
) -> tuple[CampaignVideo | None, dt.date | None]:
    """The video at ``where`` (a draft with stand-ins when it has a problem) and its date
    when the date itself is readable (it counts towards the day's limit)."""
    if not isinstance(table, dict):
        problems.add(where, f"must be a table, not {_type_name(table)}")
        return None, None
    reader = _Reader(table, where, _VIDEO_KEYS, problems)
    file = _local_file(reader.get("file", str, required=True), base, f"{where}.file", problems)
    caption = reader.get("caption", str, required=True)
    date = None
    raw_date = table.get("date", _MISSING)
    if raw_date is _MISSING:
        problems.add(f"{where}.date", "is required")
    else:
        date = _date(raw_date, f"{where}.date", problems)
        if date is not None and date < first_date:
            problems.add(
                f"{where}.date",
                f"{date.isoformat()} is too soon: a new account publishes at least "
                f"{NEW_ACCOUNT_LEAD_DAYS} days ahead (on or after {first_date.isoformat()})",
            )
    name = reader.get("name", str)
    content_type = reader.get("instagram_content_type", str)
    if content_type is not None and platform != "instagram":
        problems.add(f"{where}.instagram_content_type", "is for Instagram bundles only")
    if platform == "instagram" and content_type is None:
        content_type = "reel"
    video = CampaignVideo(
        file=file if file is not None else _NO_FILE,
        caption=caption if caption is not None else "",
        date=date if date is not None else first_date,
        name=name,
        instagram_content_type=content_type,
    )
    return video, date
