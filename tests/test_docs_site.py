"""The documentation site builds with warnings as errors, and renders in a real browser.

The site is built from docs/ with the same command as .ci/run (``-W --keep-going -n``:
warnings, broken cross-references and links are errors), served on 127.0.0.1, and loaded in
headless Chromium (Debian's ``chromium``), which runs Sphinx's search JavaScript.

``TOKPORTAL_DOCS_HTML`` names an already built site (CI builds it once, then runs this file);
without it the site is built here, which needs the ``docs`` extra.
"""

from __future__ import annotations

import functools
import html
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUILD_COMMAND = ["-m", "sphinx", "-W", "--keep-going", "-n", "-q", "-b", "html"]
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Virtual time: the page's scripts (the search) run to completion without a real wait.
    "--virtual-time-budget=15000",
]


def _chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("TOKPORTAL_DOCS_HTML")
    if given:
        built = Path(given)
        assert (built / "index.html").is_file(), f"TOKPORTAL_DOCS_HTML={given}: no index.html"
        return built
    missing = [m for m in ("sphinx", "furo", "myst_parser") if importlib.util.find_spec(m) is None]
    if missing:
        pytest.skip(
            f"the docs extra is not installed ({', '.join(missing)}): pip install -e '.[docs]'"
        )
    out = tmp_path_factory.mktemp("docs-html")
    result = subprocess.run(
        [sys.executable, *BUILD_COMMAND, str(ROOT / "docs"), str(out)],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=ROOT,
    )
    assert result.returncode == 0, f"sphinx failed:\n{result.stdout}\n{result.stderr}"
    return out


def test_the_site_builds_every_page(site: Path) -> None:
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    guides = [p.stem for p in (ROOT / "docs").glob("*.md")]
    assert {f"{guide}.html" for guide in guides} <= pages
    reference = [p.stem for p in (ROOT / "docs" / "reference").glob("*.md")]
    assert {f"reference/{page}.html" for page in reference} <= pages
    assert "searchindex.js" in {p.name for p in site.iterdir()}


def test_the_reference_shows_operation_ids_and_errors(site: Path) -> None:
    for page in ("reference/async-client.html", "reference/sync-client.html"):
        text = html.unescape(re.sub(r"<[^>]+>", "", (site / page).read_text(encoding="utf-8")))
        assert "TokPortal operation" in text
        assert "createBundle, POST /bundles" in text
        assert "InvalidRequestError" in text and "APIStatusError" in text
        # Both clients: every typed method is there (91 operations, one method each).
        assert len(re.findall(r"TokPortal operation:", text)) >= 91


def test_the_reference_describes_each_parameter_from_the_spec(site: Path) -> None:
    for page, cls in (
        ("reference/async-client.html", "tokportal._async.resources.bundles.AsyncBundles"),
        ("reference/sync-client.html", "tokportal._sync.resources.bundles.Bundles"),
    ):
        text = (site / page).read_text(encoding="utf-8")
        start = text.index(f'id="{cls}.create"')
        entry = _text(text[start : text.index(f'id="{cls}.create_bulk"')])
        # The signature's type, then the spec's sentence, required-ness and rules in words.
        assert "bundle_type ( BundleType | str ) – Required. What is bought:" in entry
        assert "title ( str | NotGiven ) – Your name for the bundle" in entry
        assert "Constraints: at most 200 characters." in entry
        assert "Constraints: 3 to 30 items; a multiple of 3 items;" in entry
    models = _text((site / "reference" / "models.html").read_text(encoding="utf-8"))
    assert "Key Type Required Description position int yes The slot’s position" in models


@pytest.fixture(scope="module")
def served(site: Path) -> Iterator[str]:
    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def chromium() -> str:
    found = _chromium()
    if found is None:
        pytest.skip("no chromium on PATH (Debian: apt-get install chromium; .ci/run installs it)")
    return found


def _dom(chromium: str, url: str, profile: Path) -> str:
    result = subprocess.run(
        [chromium, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--dump-dom", url],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


@pytest.mark.parametrize(
    ("page", "heading", "content"),
    [
        ("quickstart.html", "Quick start", "pip install tokportal-sdk"),
        ("idempotency.html", "Idempotency and dry runs", "X-TokPortal-Dry-Run"),
        ("reference/async-client.html", "AsyncTokPortal", "createBundle"),
    ],
)
def test_a_page_renders_in_chromium(
    chromium: str, served: str, tmp_path: Path, page: str, heading: str, content: str
) -> None:
    dom = _dom(chromium, f"{served}/{page}", tmp_path / "profile")
    h1 = re.search(r"<h1[^>]*>(.*?)</h1>", dom, re.S)
    assert h1 is not None, dom[:2000]
    assert _text(h1.group(1)).rstrip("¶#").strip() == heading
    assert content in _text(dom)
    # The theme's navigation came with it: the sidebar lists the guides.
    assert "Errors and retries" in _text(dom)


def test_search_finds_bundles_create(chromium: str, served: str, tmp_path: Path) -> None:
    dom = _dom(chromium, f"{served}/search.html?q=bundles.create", tmp_path / "profile")
    results = re.search(r'<ul[^>]*class="search"[^>]*>(.*?)</ul>', dom, re.S)
    assert results is not None, "the search script left no result list"
    links = re.findall(r'<a href="([^"]+)"', results.group(1))
    # The best hit is the method itself, in the async client's reference.
    assert links[0] == (
        "reference/async-client.html#tokportal._async.resources.bundles.AsyncBundles.create"
    ), links[:5]
    assert "reference/sync-client.html#tokportal._sync.resources.bundles.Bundles.create" in links


BROKEN = {
    "{class}`tokportal.NoSuchClient`": "reference target not found: tokportal.NoSuchClient",
    "[a page](no-such-page.md)": "no-such-page.md",
    "[a heading](quickstart.md#no-such-heading)": "no-such-heading",
}


def test_a_broken_reference_or_link_fails_the_build(tmp_path: Path) -> None:
    """The site's own configuration turns a dangling reference or link into a failed build
    (each one reported: ``--keep-going``), and builds the same page clean without them."""
    if importlib.util.find_spec("sphinx") is None:
        pytest.skip("the docs extra is not installed: pip install -e '.[docs]'")
    source = tmp_path / "docs"
    source.mkdir()
    shutil.copy(ROOT / "docs" / "conf.py", source / "conf.py")
    shutil.copytree(ROOT / "docs" / "_ext", source / "_ext")
    (source / "quickstart.md").write_text("# Quick start\n\nText.\n", encoding="utf-8")
    index = "# Home\n\n```{toctree}\nquickstart\n```\n\n"
    results = []
    fine = "See [the quick start](quickstart.md) and [its heading](quickstart.md#quick-start).\n"
    for body in (fine, "".join(f"See {b}.\n\n" for b in BROKEN)):
        (source / "index.md").write_text(index + body, encoding="utf-8")
        results.append(
            subprocess.run(
                [sys.executable, *BUILD_COMMAND, "-E", str(source), str(tmp_path / "out")],
                capture_output=True,
                text=True,
                timeout=300,
            )
        )
    clean, broken = results
    assert clean.returncode == 0, clean.stderr
    assert broken.returncode != 0
    for warning in BROKEN.values():
        assert warning in broken.stderr, broken.stderr
