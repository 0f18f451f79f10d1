"""Every Python block of README.md and docs/*.md runs, in a fresh interpreter, against the
emulator on 127.0.0.1; README.md's links work where PyPI shows it.

How a block gets its setup (``<!-- snippet: ... -->`` comments before the fence, named preludes,
top-level ``await``, ``continues``, pytest blocks): see the docstring of tests/docs_snippets.py
and README.md's "Development" section. A failing block is reported as ``README.md:<line>``.

The blocks' interpreters are started together (a few at a time) when the first block test runs,
so the slowest part, importing the SDK in each, overlaps; each test then waits for its own.
Under pytest-xdist the workers are what overlaps them.
"""

from __future__ import annotations

import concurrent.futures
import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests import docs_snippets as snippets
from tests.docs_snippets import ROOT, Block

# Seconds one block (its whole chain, in its own interpreter) may take; most take 2-5 s.
BLOCK_TIMEOUT = 120
GITHUB_BASE = "https://github.com/tokportal-sdk/tokportal-python/blob/main/"

BLOCKS = snippets.all_blocks()


def _env() -> dict[str, str]:
    """The test's environment without a real key or base URL, nor anything that loads plugins.

    Bytecode is left as the caller has it: where it is written, each block's interpreter
    reuses the SDK the blocks before it compiled (about a second less per block)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TOKPORTAL_")}
    env.pop("PYTEST_ADDOPTS", None)
    env.pop("PYTEST_PLUGINS", None)
    return env


def _run(
    args: list[str], cwd: Path, *, timeout: float = BLOCK_TIMEOUT
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args,
        cwd=cwd,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def _run_script(chain: list[Block], workdir: Path) -> subprocess.CompletedProcess[str]:
    pairs = [[str(b.path), b.line] for b in chain]
    return _run(
        [sys.executable, "-c", snippets.BOOTSTRAP, snippets.__file__, json.dumps(pairs)], workdir
    )


def _run_pytest(chain: list[Block], workdir: Path) -> subprocess.CompletedProcess[str]:
    files: dict[str, str] = {}
    for block in chain:
        files.update(snippets.pytest_files(block))
    for name, text in files.items():
        target = workdir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    # `python -m pytest` puts the working directory on sys.path, as for a reader running it in
    # their project: `from myapp.ordering import ...` finds myapp/ there.
    return _run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "."], workdir)


def _execute(block: Block, workdir: Path) -> subprocess.CompletedProcess[str]:
    chain = snippets.chain(block, BLOCKS)
    if "pytest" in block.options:
        return _run_pytest(chain, workdir)
    return _run_script(chain, workdir)


def _missing_requirement(block: Block) -> str | None:
    for b in snippets.chain(block, BLOCKS):
        for module in b.names("requires"):
            if importlib.util.find_spec(module) is None:
                return (
                    f"{b.location} needs {module}, which is not installed "
                    "(an optional web framework, not an SDK dependency)"
                )
    return None


class BlockRuns:
    """Each block's interpreter, started at most once; ``result`` waits for it."""

    def __init__(self, pool: concurrent.futures.Executor, tmp: pytest.TempPathFactory) -> None:
        self._pool = pool
        self._tmp = tmp
        self._futures: dict[str, concurrent.futures.Future[subprocess.CompletedProcess[str]]] = {}

    def start(self, block: Block) -> None:
        if block.location not in self._futures:
            workdir = self._tmp.mktemp("snippet")
            self._futures[block.location] = self._pool.submit(_execute, block, workdir)

    def result(self, block: Block) -> subprocess.CompletedProcess[str]:
        self.start(block)
        # Bounded: every block queued ahead of this one may take its full time.
        return self._futures[block.location].result(timeout=BLOCK_TIMEOUT * len(self._futures))


@pytest.fixture(scope="session")
def block_runs(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BlockRuns]:
    """Every selected block's interpreter, started together, a few at a time.

    Under pytest-xdist a worker does not know which of the blocks it will be handed (every
    worker collects them all), so starting them all would run each block once per worker:
    there each block starts when its test runs, and the workers are the parallelism.
    """
    xdist_worker = os.environ.get("PYTEST_XDIST_WORKER") is not None
    workers = 1 if xdist_worker else max(2, min(4, os.cpu_count() or 1))
    pool = concurrent.futures.ThreadPoolExecutor(workers, thread_name_prefix="docs-snippet")
    runs = BlockRuns(pool, tmp_path_factory)
    if not xdist_worker:
        for item in request.session.items:
            if (
                getattr(item, "originalname", None) == "test_block_runs"
                and hasattr(item, "callspec")
                and not item.get_closest_marker("skip")
            ):
                block = item.callspec.params["block"]
                if _missing_requirement(block) is None:
                    runs.start(block)
    try:
        yield runs
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _fail(block: Block, what: str, result: subprocess.CompletedProcess[str]) -> None:
    pytest.fail(
        f"{block.location}: {what} (exit {result.returncode})\n"
        f"--- stdout ---\n{result.stdout[-4000:]}\n--- stderr ---\n{result.stderr[-8000:]}",
        pytrace=False,
    )


def _check_pytest_result(block: Block, result: subprocess.CompletedProcess[str]) -> None:
    files = [name for b in snippets.chain(block, BLOCKS) for name in snippets.pytest_files(b)]
    if not any(Path(name).name.startswith("test_") for name in files):
        # A conftest-only block must load cleanly (pytest's 5: collected, no tests); the
        # blocks that continue it run its fixtures.
        if result.returncode != 5:
            _fail(block, "the block did not load cleanly under pytest", result)
        return
    lines = result.stdout.strip().splitlines()
    summary = lines[-1] if lines else ""
    if result.returncode != 0 or re.search(r"skipped|xfail|xpass|error|warning", summary):
        _fail(block, f"its tests did not all pass ({summary!r})", result)
    assert re.search(r"\b[1-9]\d* passed", summary), summary


def _params() -> list[object]:
    params: list[object] = []
    for block in BLOCKS:
        marks = []
        if "skip" in block.options:
            marks.append(pytest.mark.skip(reason=block.options["reason"]))
        params.append(pytest.param(block, id=block.location, marks=marks))
    return params


@pytest.mark.parametrize("block", _params())
def test_block_runs(
    block: Block,
    block_runs: BlockRuns,
) -> None:
    missing = _missing_requirement(block)
    if missing is not None:
        pytest.skip(missing)
    result = block_runs.result(block)
    if "pytest" in block.options:
        _check_pytest_result(block, result)
    elif result.returncode != 0:
        _fail(block, "the block raised", result)


def _parameters(listed: str) -> list[str]:
    names = []
    for part in re.sub(r"#[^\n]*", "", listed).split(","):
        name = part.split(":")[0].split("=")[0].strip()
        if name and name not in ("*", "/"):
            names.append(name)
    return names


def test_the_emulator_api_listing_names_what_exists() -> None:
    """docs/emulator.md's signature listing cannot run; its names and parameters are checked."""
    import inspect

    from tokportal.testing import Emulator

    (listing,) = [b for b in BLOCKS if "skip" in b.options]
    text = listing.code
    constructor = re.search(r"^Emulator\(([^()]*)\)", text, re.M)
    assert constructor is not None
    assert _parameters(constructor.group(1)) == list(inspect.signature(Emulator).parameters)
    checked = 0
    with Emulator() as emu:
        roots = {"emu": emu, "Workspace": emu.workspace}
        for match in re.finditer(r"^(emu|Workspace)((?:\.\w+)+)(\(([^()]*)\))?", text, re.M):
            target: object = roots[match.group(1)]
            for name in match.group(2).strip(".").split("."):
                assert hasattr(target, name), f"{listing.location}: no {match.group(0)!r}"
                target = getattr(target, name)
            if match.group(3) is not None:
                assert callable(target), match.group(0)
                actual = set(inspect.signature(target).parameters)
                missing = set(_parameters(match.group(4))) - actual
                assert not missing, f"{match.group(0)!r}: no parameter {sorted(missing)}"
            checked += 1
        described = text.split("emu.workspace ->", 1)[1].split("emu.workspaces", 1)[0]
        for name in re.findall(r"\.(\w+)", described):
            assert hasattr(emu.workspace, name), f"Workspace has no {name!r}"
            checked += 1
    assert checked >= 20


# -- the harness itself -------------------------------------------------------------------------


def test_every_python_block_is_collected_and_its_directive_resolves() -> None:
    fences = 0
    for path in snippets.documents():
        text = path.read_text(encoding="utf-8")
        fences += len(re.findall(r"^```(?:python|py|python3)\s*$", text, re.M))
    assert len(BLOCKS) == fences >= 30
    for block in BLOCKS:
        snippets.chain(block, BLOCKS)  # raises on a dangling continues
        snippets.preludes_for(block)  # raises on an unknown setup name
        for name in block.names("then"):
            assert name in snippets.CHECKS, f"{block.location}: unknown check {name!r}"
    skipped = [b.location for b in BLOCKS if "skip" in b.options]
    assert [s.split(":")[0] for s in skipped] == ["docs/emulator.md"], (
        "a skip is only for a block that truly cannot run"
    )


def _doc(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "doc.md"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


def _run_doc_block(path: Path, tmp_path: Path, index: int = 0) -> subprocess.CompletedProcess[str]:
    blocks = snippets.parse_markdown(path)
    chain = snippets.chain(blocks[index], blocks)
    return _run_script(chain, tmp_path)


@pytest.mark.parametrize("prefix", ["", "await asyncio.sleep(0)\n"])
def test_a_raising_block_fails_with_its_markdown_line(tmp_path: Path, prefix: str) -> None:
    path = _doc(
        tmp_path,
        "# A doc\n\nSome text.\n\n```python\nimport asyncio\n"
        + prefix
        + "x = 1\nraise RuntimeError('from the doc')\n```\n",
    )
    raising_line = 8 + prefix.count("\n")
    result = _run_doc_block(path, tmp_path)
    assert result.returncode == 1
    assert f'File "{path}", line {raising_line}, in <module>' in result.stderr, result.stderr
    assert "raise RuntimeError('from the doc')" in result.stderr
    assert "RuntimeError: from the doc" in result.stderr


def test_a_block_continues_another_in_the_same_interpreter(tmp_path: Path) -> None:
    path = _doc(
        tmp_path,
        """\
        <!-- snippet: id=first -->
        ```python
        import os
        pid = os.getpid()
        ```

        ```python
        unrelated = 1
        ```

        <!-- snippet: continues=first then=rotation -->
        ```python
        assert pid == os.getpid() and "unrelated" not in globals()
        raise SystemExit(3)
        ```
        """,
    )
    result = _run_doc_block(path, tmp_path, index=2)
    # The assert held (else AssertionError, exit 1) and the check after it never ran.
    assert result.returncode == 1 and "SystemExit: 3" in result.stderr, result.stderr
    assert "construct_event_rotating" not in result.stderr


def test_a_block_that_never_reaches_the_emulator_fails(tmp_path: Path) -> None:
    path = _doc(
        tmp_path,
        """\
        <!-- snippet: setup=emulator,sdk-imports -->
        ```python
        if False:
            with TokPortal() as client:
                client.me.get()
        ```

        <!-- snippet: setup=emulator,sdk-imports -->
        ```python
        with TokPortal() as client:
            assert client.me.get().credits == 100_000
        ```
        """,
    )
    idle = _run_doc_block(path, tmp_path)
    assert idle.returncode == 1
    assert f"{path}:3: the block sent no request to the emulator" in idle.stderr, idle.stderr
    working = _run_doc_block(path, tmp_path, index=1)
    assert working.returncode == 0, working.stderr


@pytest.mark.parametrize(
    "code",
    [
        "import socket\nsocket.create_connection(('192.0.2.1', 80), timeout=5)",
        "import socket\nsocket.getaddrinfo('app.tokportal.com', 443)",
        "import httpx\nhttpx.get('https://app.tokportal.com/api/ext/me', timeout=5)",
    ],
)
def test_a_block_cannot_leave_the_machine(tmp_path: Path, code: str) -> None:
    path = _doc(tmp_path, f"```python\n{code}\n```\n")
    result = _run_doc_block(path, tmp_path)
    assert result.returncode == 1
    assert "not loopback" in result.stderr, result.stderr


@pytest.mark.parametrize(
    ("directive", "error"),
    [
        ("<!-- snippet: setpu=emulator -->", "unknown snippet key 'setpu'"),
        ("<!-- snippet: skip -->", 'skip needs reason="..."'),
        ('<!-- snippet: skip reason="unclosed -->', "cannot parse snippet directive"),
    ],
)
def test_a_bad_directive_is_refused_with_its_line(
    tmp_path: Path, directive: str, error: str
) -> None:
    path = _doc(tmp_path, f"Text.\n\n{directive}\n```python\npass\n```\n")
    with pytest.raises(snippets.DirectiveError) as refused:
        snippets.parse_markdown(path)
    assert f"{path}:3: {error}" in str(refused.value)


def test_unknown_names_in_a_directive_are_refused(tmp_path: Path) -> None:
    path = _doc(
        tmp_path,
        "<!-- snippet: setup=no-such-prelude -->\n```python\npass\n```\n\n"
        "<!-- snippet: continues=nowhere -->\n```python\npass\n```\n",
    )
    first, second = snippets.parse_markdown(path)
    with pytest.raises(snippets.DirectiveError, match="unknown setup 'no-such-prelude'"):
        snippets.preludes_for(first)
    with pytest.raises(snippets.DirectiveError, match="continues='nowhere' names no block"):
        snippets.chain(second, [first, second])


# -- links --------------------------------------------------------------------------------------

LINK_RE = re.compile(r"(?<!!)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
IMAGE_OR_HTML_RE = re.compile(r"!\[[^\]]*\]\(\s*([^)\s]+)|\b(?:href|src)\s*=\s*\"([^\"]+)\"")


def _targets(text: str) -> list[str]:
    """Link and image targets of Markdown text, outside code blocks and code spans."""
    prose = re.sub(r"^```.*?^```", "", text, flags=re.M | re.S)
    prose = re.sub(r"`[^`\n]*`", "", prose)
    found = [m.group(1) for m in LINK_RE.finditer(prose)]
    found += [a or b for a, b in IMAGE_OR_HTML_RE.findall(prose)]
    return found


def _slug(heading: str) -> str:
    """GitHub's anchor for a heading: lower case, punctuation dropped, spaces to hyphens."""
    text = unicodedata.normalize("NFKC", heading.strip()).lower()
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def _anchors(path: Path) -> set[str]:
    text = re.sub(r"^```.*?^```", "", path.read_text(encoding="utf-8"), flags=re.M | re.S)
    return {_slug(m.group(1)) for m in re.finditer(r"^#{1,6}\s+(.+?)\s*#*\s*$", text, re.M)}


def _check_local(path: Path, anchor: str, where: str) -> None:
    assert path.is_file(), f"{where}: no such file {path.relative_to(ROOT)}"
    if anchor:
        assert anchor in _anchors(path), f"{where}: no heading #{anchor} in {path.name}"


def test_the_link_finder_sees_relative_links() -> None:
    text = (
        'See [a](docs/a.md), [b](#b), ![c](img/c.png), <a href="x.html">x</a>, '
        "[ok](https://example.com) and `[not](a-link)`.\n```python\n[x](y)\n```\n"
    )
    assert _targets(text) == ["docs/a.md", "#b", "https://example.com", "img/c.png", "x.html"]
    assert _slug("Testing your code against the emulator") == (
        "testing-your-code-against-the-emulator"
    )
    assert _slug("`tokportal demo`") == "tokportal-demo"


def test_readme_links_are_absolute_and_lead_somewhere() -> None:
    """PyPI shows README.md with no repository around it (and no heading anchors)."""
    readme = ROOT / "README.md"
    targets = _targets(readme.read_text(encoding="utf-8"))
    relative = [t for t in targets if not re.match(r"(https?|mailto):", t)]
    assert relative == [], f"README.md has relative links, dead on PyPI: {relative}"
    ours = [t for t in targets if t.startswith(GITHUB_BASE)]
    assert len(ours) >= 4
    for target in ours:
        file_part, _, anchor = target[len(GITHUB_BASE) :].partition("#")
        _check_local(ROOT / file_part, anchor, f"README.md link {target}")


def test_docs_relative_links_lead_somewhere() -> None:
    for path in sorted((ROOT / "docs").glob("*.md")):
        for target in _targets(path.read_text(encoding="utf-8")):
            if re.match(r"(https?|mailto):", target):
                continue
            file_part, _, anchor = target.partition("#")
            local = (path.parent / file_part).resolve() if file_part else path
            _check_local(local, anchor, f"{path.relative_to(ROOT)} link {target}")
