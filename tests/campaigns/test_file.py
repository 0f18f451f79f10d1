"""The campaign file: what a valid file reads as, and every refusal with its location, all
problems of a file told at once (``load_campaign``)."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import pytest

from tests.campaigns._support import EXAMPLE, TODAY, bundle_toml, campaign_toml, write
from tokportal.campaigns import CampaignFileError, load_campaign
from tokportal.campaigns import _file as campaign_file
from tokportal.errors import TokPortalError


def problems_of(path: Path, today: dt.date | None = TODAY) -> tuple[str, ...]:
    with pytest.raises(CampaignFileError) as caught:
        load_campaign(path, today=today)
    error = caught.value
    # The message lists every problem, so a terminal shows them all.
    for problem in error.problems:
        assert problem in str(error)
    return error.problems


def only(problems: tuple[str, ...], location: str) -> str:
    found = [p for p in problems if p.startswith(location + ": ")]
    assert len(found) == 1, (location, problems)
    return found[0]


# -- the valid example ----------------------------------------------------------------------


def test_the_example_reads_as_written() -> None:
    campaign = load_campaign(EXAMPLE, today=TODAY)
    assert campaign.id == "spring-launch"
    assert campaign.path == EXAMPLE.resolve()
    assert campaign.sha256 == hashlib.sha256(EXAMPLE.read_bytes()).hexdigest()
    assert (campaign.max_credits, campaign.concurrency, campaign.bulk) == (120, 4, True)
    assert [b.name for b in campaign.bundles] == ["us-1", "us-2", "fr-1"]
    us1, _, fr1 = campaign.bundles
    assert (us1.country, us1.platform, us1.title, us1.auto_finalize_videos) == (
        "US",
        "tiktok",
        None,
        None,
    )
    assert us1.account.username == "acme.us1"
    assert us1.account.picture == (EXAMPLE.parent / "media" / "us1.jpg").resolve()
    assert [v.date for v in us1.videos] == [dt.date(2026, 12, 5), dt.date(2026, 12, 6)]
    assert us1.videos[0].file == (EXAMPLE.parent / "media" / "a.mp4").resolve()
    assert [v.instagram_content_type for v in us1.videos] == [None, None]
    # A "YYYY-MM-DD" string is a date too; Instagram videos are reels unless told otherwise.
    assert fr1.videos[0].date == dt.date(2026, 12, 8)
    assert fr1.videos[0].instagram_content_type == "reel"
    assert fr1.videos[0].name == "fr teaser"
    assert fr1.account.link_in_bio == "https://acme.example/fr"


def test_defaults(tmp_path: Path) -> None:
    campaign = load_campaign(write(tmp_path, campaign_toml(bundle_toml("a"))), today=TODAY)
    assert (campaign.max_credits, campaign.concurrency, campaign.bulk) == (None, 4, True)
    assert campaign.bundles[0].platform == "tiktok"


def test_instagram_videos_default_to_reels(tmp_path: Path) -> None:
    path = write(tmp_path, campaign_toml(bundle_toml("a", platform="instagram")))
    assert load_campaign(path, today=TODAY).bundles[0].videos[0].instagram_content_type == "reel"


# -- refusals, each with its location ---------------------------------------------------------


def test_the_error_is_a_tokportal_value_error(tmp_path: Path) -> None:
    path = write(tmp_path, "[campaign]\n")
    with pytest.raises(CampaignFileError) as caught:
        load_campaign(path, today=TODAY)
    assert isinstance(caught.value, TokPortalError)
    assert isinstance(caught.value, ValueError)
    assert caught.value.problems == (
        "campaign.id: is required",
        "bundles: at least one [[bundles]] table is required",
    )
    assert "2 problems" in str(caught.value)


@pytest.mark.parametrize(
    ("bundle_extra", "account_extra", "video_line", "header_line", "location", "hint"),
    [
        ("", "", "", "colour = 1", "campaign.colour", ""),
        ("platfrom = 'tiktok'", "", "", "", "bundles[0].platfrom", "did you mean 'platform'"),
        ("", "usernme = 'x'", "", "", "bundles[0].account.usernme", "did you mean 'username'"),
        ("", "", "captoin = 'x'", "", "bundles[0].videos[0].captoin", "did you mean 'caption'"),
    ],
)
def test_unknown_keys_are_refused_where_they_are(
    tmp_path: Path,
    bundle_extra: str,
    account_extra: str,
    video_line: str,
    header_line: str,
    location: str,
    hint: str,
) -> None:
    text = campaign_toml(
        bundle_toml("a", extra=bundle_extra, account_extra=account_extra),
        header='id = "c1"\n' + header_line,
    )
    if video_line:
        text += video_line + "\n"  # lands in the last [[bundles.videos]] table
    problem = only(problems_of(write(tmp_path, text)), location)
    assert "unknown key" in problem
    assert hint in problem


def test_an_unknown_top_level_table_is_refused(tmp_path: Path) -> None:
    text = campaign_toml(bundle_toml("a")) + "\n[campain]\nid = 'x'\n"
    assert "unknown key" in only(problems_of(write(tmp_path, text)), "campain")


@pytest.mark.parametrize(
    ("header", "location", "message"),
    [
        (
            'id = "c1"\nmax_credits = "many"',
            "campaign.max_credits",
            "must be an integer, not a string",
        ),
        ('id = "c1"\nmax_credits = -1', "campaign.max_credits", "must be at least 0"),
        (
            'id = "c1"\nconcurrency = true',
            "campaign.concurrency",
            "must be an integer, not a boolean",
        ),
        ('id = "c1"\nconcurrency = 0', "campaign.concurrency", "between 1 and 32"),
        ('id = "c1"\nconcurrency = 33', "campaign.concurrency", "between 1 and 32"),
        ('id = "c1"\nbulk = 1', "campaign.bulk", "must be a boolean, not an integer"),
        ("id = 7", "campaign.id", "must be a string, not an integer"),
        ('id = "spring launch"', "campaign.id", "must match"),
        ('id = "-x"', "campaign.id", "must match"),
        ('id = "' + "x" * 65 + '"', "campaign.id", "must match"),
    ],
)
def test_campaign_table_types_and_patterns(
    tmp_path: Path, header: str, location: str, message: str
) -> None:
    path = write(tmp_path, campaign_toml(bundle_toml("a"), header=header))
    assert message in only(problems_of(path), location)


def test_a_campaign_id_of_64_characters_is_fine(tmp_path: Path) -> None:
    path = write(tmp_path, campaign_toml(bundle_toml("a"), header='id = "' + "x" * 64 + '"'))
    assert load_campaign(path, today=TODAY).id == "x" * 64


@pytest.mark.parametrize(
    ("text", "location", "message"),
    [
        (bundle_toml("a b"), "bundles[0].name", "must match"),
        (bundle_toml("x" * 41), "bundles[0].name", "must match"),
        (bundle_toml("a", platform="youtube"), "bundles[0].platform", "tiktok, instagram"),
        (
            bundle_toml("a", extra="auto_finalize_videos = 'yes'"),
            "bundles[0].auto_finalize_videos",
            "must be a boolean",
        ),
        (bundle_toml("a", extra="title = 3"), "bundles[0].title", "must be a string"),
        (bundle_toml("a", country=" "), "bundles[0].country", "must not be blank"),
        (bundle_toml("a", videos=0), "bundles[0].videos", "at least one"),
    ],
)
def test_bundle_fields(tmp_path: Path, text: str, location: str, message: str) -> None:
    assert message in only(problems_of(write(tmp_path, campaign_toml(text))), location)


def test_missing_pieces_are_named(tmp_path: Path) -> None:
    text = campaign_toml(
        "[[bundles]]\nplatform = 'tiktok'\n[[bundles.videos]]\nfile = 'media/a.mp4'\n"
    )
    problems = problems_of(write(tmp_path, text))
    for location in (
        "bundles[0].name",
        "bundles[0].country",
        "bundles[0].account",
        "bundles[0].videos[0].caption",
        "bundles[0].videos[0].date",
    ):
        assert "is required" in only(problems, location)


def test_names_and_usernames_are_unique(tmp_path: Path) -> None:
    text = campaign_toml(
        bundle_toml("a", username="Acme.One"),
        bundle_toml("a", username="other"),
        bundle_toml("b", username="acme.one"),  # usernames compare without case
    )
    problems = problems_of(write(tmp_path, text))
    assert "'a' is already used by bundles[0]" in only(problems, "bundles[1].name")
    assert "already used by bundles[0]" in only(problems, "bundles[2].account.username")


def test_media_files_must_exist_be_files_and_hold_bytes(tmp_path: Path) -> None:
    (tmp_path / "media" / "dir.mp4").mkdir(parents=True)
    (tmp_path / "media" / "empty.mp4").write_bytes(b"")
    text = campaign_toml(
        bundle_toml("a", videos=3).replace(
            'picture = "media/us1.jpg"', 'picture = "media/none.jpg"'
        )
    )
    text = text.replace('file = "media/a.mp4"', 'file = "media/missing.mp4"', 1)
    text = text.replace('file = "media/a.mp4"', 'file = "media/dir.mp4"', 1)
    text = text.replace('file = "media/a.mp4"', 'file = "media/empty.mp4"', 1)
    problems = problems_of(write(tmp_path, text))
    assert "no such file: media/none.jpg" in only(problems, "bundles[0].account.picture")
    assert "no such file: media/missing.mp4" in only(problems, "bundles[0].videos[0].file")
    assert "not a regular file" in only(problems, "bundles[0].videos[1].file")
    assert "is empty" in only(problems, "bundles[0].videos[2].file")


def test_an_unreadable_file_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write(tmp_path, campaign_toml(bundle_toml("a")))
    denied = (tmp_path / "media" / "a.mp4").resolve()
    real_open = open

    # Permissions do not stop root (the suite may run as root): the refusal is simulated
    # where the file is opened.
    def guarded_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if Path(file) == denied:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(campaign_file, "open", guarded_open, raising=False)
    problem = only(problems_of(path), "bundles[0].videos[0].file")
    assert "cannot be read: media/a.mp4 (Permission denied)" in problem


def test_media_paths_are_relative_to_the_campaign_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, campaign_toml(bundle_toml("a")))
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    campaign = load_campaign(path, today=TODAY)
    assert campaign.bundles[0].videos[0].file == (tmp_path / "media" / "a.mp4").resolve()


def test_dates_at_least_three_days_ahead_of_the_injected_today(tmp_path: Path) -> None:
    path = write(tmp_path, campaign_toml(bundle_toml("a", videos=2, first_day=5)))
    # 2026-12-05 is exactly three days after 2026-12-02: accepted; one day later it is not.
    load_campaign(path, today=dt.date(2026, 12, 2))
    problems = problems_of(path, today=dt.date(2026, 12, 3))
    problem = only(problems, "bundles[0].videos[0].date")
    assert "2026-12-05 is too soon" in problem and "on or after 2026-12-06" in problem
    assert not [p for p in problems if p.startswith("bundles[0].videos[1].date")]


def test_today_defaults_to_the_utc_date(tmp_path: Path) -> None:
    utc_today = dt.datetime.now(dt.timezone.utc).date()
    soon = utc_today + dt.timedelta(days=2)
    text = campaign_toml(bundle_toml("a")).replace("date = 2026-12-05", f"date = {soon}")
    assert "too soon" in only(
        problems_of(write(tmp_path, text), today=None), "bundles[0].videos[0].date"
    )
    text = text.replace(f"date = {soon}", f"date = {soon + dt.timedelta(days=1)}")
    assert load_campaign(write(tmp_path, text)).bundles[0].videos[0].date > utc_today


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('"2026-12-5"', "must be a date YYYY-MM-DD, not '2026-12-5'"),
        ('"2026-02-30"', "must be a date YYYY-MM-DD"),
        ("2026-12-05T10:00:00", "not a date-time"),
        ("20261205", "not an integer"),
    ],
)
def test_bad_dates(tmp_path: Path, value: str, message: str) -> None:
    text = campaign_toml(bundle_toml("a")).replace("date = 2026-12-05", f"date = {value}")
    assert message in only(problems_of(write(tmp_path, text)), "bundles[0].videos[0].date")


def test_at_most_three_videos_per_day_per_bundle(tmp_path: Path) -> None:
    crowded = bundle_toml("a", videos=4).replace("2026-12-06", "2026-12-05")
    crowded = crowded.replace("2026-12-07", "2026-12-05").replace("2026-12-08", '"2026-12-05"')
    three = bundle_toml("b", videos=3).replace("2026-12-06", "2026-12-05")
    three = three.replace("2026-12-07", "2026-12-05")
    problems = problems_of(write(tmp_path, campaign_toml(crowded, three)))
    problem = only(problems, "bundles[0].videos")
    assert "4 videos on 2026-12-05" in problem and "VIDEOS_PER_DAY_EXCEEDED" in problem
    assert not [p for p in problems if p.startswith("bundles[1]")]


def test_instagram_only_fields_on_tiktok(tmp_path: Path) -> None:
    text = campaign_toml(bundle_toml("a", account_extra="link_in_bio = 'https://a.example'"))
    text += "instagram_content_type = 'reel'\n"
    problems = problems_of(write(tmp_path, text))
    assert "Instagram" in only(problems, "bundles[0].account.link_in_bio")
    assert "Instagram" in only(problems, "bundles[0].videos[0].instagram_content_type")


# -- the request fields: judged by the SDK's own checks, located in the file ----------------


@pytest.mark.parametrize(
    ("edit", "location", "field"),
    [
        (
            ('username = "a"', 'username = "has space"'),
            "bundles[0].account.username",
            "configureBundleAccount: username",
        ),
        (
            ('username = "a"', 'username = "' + "u" * 25 + '"'),
            "bundles[0].account.username",
            "configureBundleAccount: username",
        ),
        (
            ('visible_name = "a"', 'visible_name = ""'),
            "bundles[0].account.visible_name",
            "configureBundleAccount: visible_name",
        ),
        (
            ('visible_name = "a"', 'visible_name = "' + "v" * 31 + '"'),
            "bundles[0].account.visible_name",
            "configureBundleAccount: visible_name",
        ),
        (
            ('biography = "bio"', 'biography = "' + "b" * 81 + '"'),
            "bundles[0].account.biography",
            "configureBundleAccount: biography",
        ),
        (
            ('caption = "a video 1"', 'caption = "  "'),
            "bundles[0].videos[0].caption",
            "batchConfigureBundleVideos: videos[0].description",
        ),
        (
            ('caption = "a video 1"', 'caption = "c"\nname = "' + "n" * 201 + '"'),
            "bundles[0].videos[0].name",
            "batchConfigureBundleVideos: videos[0].name",
        ),
        (
            ('platform = "tiktok"', 'platform = "tiktok"\ntitle = "' + "t" * 201 + '"'),
            "bundles[0].title",
            "createBundle: title",
        ),
    ],
)
def test_request_fields_are_judged_by_the_sdk_checks(
    tmp_path: Path, edit: tuple[str, str], location: str, field: str
) -> None:
    text = campaign_toml(bundle_toml("a")).replace(*edit)
    problem = only(problems_of(write(tmp_path, text)), location)
    assert f"[{field}]" in problem
    assert "is refused" in problem


def test_instagram_fields_judged_by_the_sdk_checks(tmp_path: Path) -> None:
    text = campaign_toml(
        bundle_toml("a", platform="instagram", account_extra="link_in_bio = 'not a url'")
    )
    # The content type is an open set in the SDK (API.md §1.11): a value it does not know
    # yet is sent as given, not refused here.
    text += "instagram_content_type = 'carousel-reel'\n"
    (problem,) = problems_of(write(tmp_path, text))
    assert problem.startswith("bundles[0].account.link_in_bio: 'not a url' is refused")
    assert problem.endswith("[configureBundleAccount: link_in_bio]")


def test_a_bulk_group_problem_names_its_members(tmp_path: Path) -> None:
    text = campaign_toml(bundle_toml("a", country=""), bundle_toml("b", country=""))
    problems = problems_of(write(tmp_path, text))
    # The blank country is told where it is written, once per bundle; the group's body adds
    # nothing the file's own check did not say.
    assert "must not be blank" in only(problems, "bundles[0].country")
    assert "must not be blank" in only(problems, "bundles[1].country")


# -- every problem at once ------------------------------------------------------------------


def test_every_problem_of_a_file_is_told_at_once(tmp_path: Path) -> None:
    text = campaign_toml(
        bundle_toml("a", videos=2, account_extra="colour = 'red'").replace(
            'username = "a"', 'username = "bad name"'
        ),
        bundle_toml("b", videos=2)
        .replace('visible_name = "b"', 'visible_name = ""')
        .replace("date = 2026-12-06", "date = 2026-11-30"),
        bundle_toml("c").replace('caption = "c video 1"', 'caption = ""'),
        header='id = "c1"\nconcurrency = 0',
    )
    problems = problems_of(write(tmp_path, text))
    assert [p.partition(": ")[0] for p in problems] == [
        "campaign.concurrency",
        "bundles[0].account.colour",
        "bundles[1].videos[1].date",
        # The request checks run on what could be read, the bundles with problems too.
        "bundles[0].account.username",
        "bundles[1].account.visible_name",
        "bundles[2].videos[0].caption",
    ]


def test_several_problems_in_one_body_and_one_slot(tmp_path: Path) -> None:
    text = campaign_toml(
        bundle_toml("a")
        .replace('username = "a"', 'username = "bad name"')
        .replace('visible_name = "a"', 'visible_name = ""')
        .replace('caption = "a video 1"', 'caption = ""\nname = "' + "n" * 201 + '"')
    )
    locations = [p.partition(": ")[0] for p in problems_of(write(tmp_path, text))]
    assert locations == [
        "bundles[0].account.username",
        "bundles[0].account.visible_name",
        "bundles[0].videos[0].name",
        "bundles[0].videos[0].caption",
    ]


# -- the file itself ----------------------------------------------------------------------------


def test_invalid_toml_says_where(tmp_path: Path) -> None:
    path = write(tmp_path, '[campaign]\nid = "c1\n')
    (problem,) = problems_of(path)
    assert "not valid TOML" in problem and "line 2" in problem


def test_a_missing_file(tmp_path: Path) -> None:
    (problem,) = problems_of(tmp_path / "nope.toml")
    assert "nope.toml: cannot be read" in problem


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_bytes(b'[campaign]\nid = "\xff"\n')
    (problem,) = problems_of(path)
    assert "not UTF-8" in problem


def test_tables_of_the_wrong_shape(tmp_path: Path) -> None:
    text = (
        '[campaign]\nid = "c1"\n[[bundles]]\nname = "a"\ncountry = "US"\naccount = 3\nvideos = 4\n'
    )
    problems = problems_of(write(tmp_path, text))
    assert "must be a table, not an integer" in only(problems, "bundles[0].account")
    assert "array of tables" in only(problems, "bundles[0].videos")
    problems = problems_of(write(tmp_path, 'campaign = 1\nbundles = "x"\n'))
    assert "must be a table" in only(problems, "campaign")
    assert "array of tables" in only(problems, "bundles")
