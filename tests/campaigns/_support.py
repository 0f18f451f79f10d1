"""Campaign files for the tests: the example kept in ``data/`` and variants written beside
copies of its media."""

from __future__ import annotations

import datetime as dt
import shutil
import textwrap
from pathlib import Path

DATA = Path(__file__).parent / "data"
EXAMPLE = DATA / "spring-launch.toml"
# The example's dates are 2026-12-05 and later: three days after this "today" at the latest.
TODAY = dt.date(2026, 11, 29)


def workdir(tmp_path: Path) -> Path:
    """A directory holding a copy of the example's media (the files are a few bytes)."""
    shutil.copytree(DATA / "media", tmp_path / "media", dirs_exist_ok=True)
    return tmp_path


def write(tmp_path: Path, text: str, name: str = "campaign.toml") -> Path:
    """A campaign file with ``text`` (dedented) beside a copy of the example's media."""
    workdir(tmp_path)
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def bundle_toml(
    name: str,
    *,
    country: str = "US",
    platform: str = "tiktok",
    videos: int = 1,
    extra: str = "",
    account_extra: str = "",
    username: str | None = None,
    first_day: int = 5,
) -> str:
    """One ``[[bundles]]`` table with its account and ``videos`` videos, one a day."""
    user = username if username is not None else name.replace("-", ".")
    lines = [
        "[[bundles]]",
        f'name = "{name}"',
        f'country = "{country}"',
        f'platform = "{platform}"',
        extra,
        "[bundles.account]",
        f'username = "{user}"',
        f'visible_name = "{name}"',
        'biography = "bio"',
        'picture = "media/us1.jpg"',
        account_extra,
    ]
    for index in range(videos):
        lines += [
            "[[bundles.videos]]",
            'file = "media/a.mp4"',
            f'caption = "{name} video {index + 1}"',
            f"date = 2026-12-{first_day + index:02d}",
        ]
    return "\n".join(line for line in lines if line) + "\n"


def campaign_toml(*bundles: str, header: str = 'id = "c1"') -> str:
    """A whole file: the ``[campaign]`` table and the given bundles."""
    return "[campaign]\n" + header + "\n\n" + "\n".join(bundles)
