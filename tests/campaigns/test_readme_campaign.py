"""The campaign file the README shows is one `load_campaign` accepts, planned as it says."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from tokportal.campaigns import build_plan, load_campaign

ROOT = Path(__file__).resolve().parents[2]


def _readme_campaign() -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Campaigns", 1)[1]
    match = re.search(r"```toml\n(.*?)```", section, re.S)
    assert match, "the README's Campaigns section shows no campaign file"
    return match.group(1)


def test_the_readme_campaign_file_loads_and_plans(tmp_path: Path) -> None:
    text = _readme_campaign()
    # Its dates moved after today (in the same order), as a reader would write them.
    dates = [dt.date.fromisoformat(d) for d in re.findall(r"\d{4}-\d{2}-\d{2}", text)]
    shift = dt.date.today() + dt.timedelta(days=5) - min(dates)
    text = re.sub(
        r"\d{4}-\d{2}-\d{2}",
        lambda m: (dt.date.fromisoformat(m.group(0)) + shift).isoformat(),
        text,
    )
    (tmp_path / "media").mkdir()
    for name in re.findall(r'(?:picture|file) = "([^"]+)"', text):
        (tmp_path / name).write_bytes(b"\x00" * 64)
    path = tmp_path / "spring-launch.toml"
    path.write_text(text, encoding="utf-8")

    campaign = load_campaign(path)
    plan = build_plan(campaign)

    assert campaign.id == "spring-launch"
    assert campaign.max_credits == 200
    assert [step.id for step in plan.steps] == [
        "create/us-1",
        "picture/us-1",
        "upload/us-1/1",
        "upload/us-1/2",
        "account/us-1",
        "videos/us-1",
        "ready/us-1",
        "publish/us-1",
    ]
    assert plan.paid_steps() == (plan.step("create/us-1"),)
