"""Generate the sync twin from the async source: ``tokportal/_async`` -> ``tokportal/_sync``
and ``tests/_async`` -> ``tests/_sync``.

    python scripts/generate_sync.py           # write the generated files
    python scripts/generate_sync.py --check   # fail on drift, unused entries, orphans

It reads code, not text (psycopg's ``tools/async_to_sync.py`` is the model):

- the ``async`` and ``await`` keywords go;
- identifiers (names, attributes, module names) are renamed only through ``NAMES``, one
  explicit map; strings and comments are never touched by it;
- a statement marked ``# async-only`` (a comment at the end of its first line, or alone on the
  line just above it) is dropped with its body, decorators and marker;
- string literals differ between twins only through ``STRING_EDITS``: per source file, the
  exact text as the async source has it and the text the twin gets instead.

It works on tokens rather than the AST so the comments, which say why, survive into the twin
(``ast.unparse`` drops them); the AST only finds the extent of marked statements. The output
goes through ``ruff`` (import sorting, unused imports, formatting) so the twin looks
hand-written. Every map entry must be used: ``--check`` fails on a stale one.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import io
import itertools
import subprocess
import sys
import tempfile
import tokenize
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (source folder, generated folder) pairs.
TREES = (
    (ROOT / "tokportal" / "_async", ROOT / "tokportal" / "_sync"),
    (ROOT / "tests" / "_async", ROOT / "tests" / "_sync"),
)

# Async-only modules: their features have no sync meaning (see each module's docstring).
ASYNC_ONLY_FILES = frozenset({"tokportal/_async/bulk_uploads.py"})

HEADER = "# Generated from {source} by scripts/generate_sync.py; do not edit.\n"

ASYNC_ONLY_MARKER = "# async-only"

# Every identifier that differs between the twins: async name -> sync name. Applied to NAME
# tokens only (a bare name, an attribute, a module in an import), never inside strings.
NAMES: dict[str, str] = {
    # Protocol methods and the standard library.
    "__aenter__": "__enter__",
    "__aexit__": "__exit__",
    "__aiter__": "__iter__",
    "aclose": "close",
    "aclosing": "closing",
    "aread": "read",
    "AsyncIterator": "Iterator",
    "asynccontextmanager": "contextmanager",
    # httpx.
    "AsyncBaseTransport": "BaseTransport",
    "AsyncClient": "Client",
    # The paired primitives (tokportal/_primitives.py).
    "async_sleep": "sleep",
    "async_settle": "settle",
    "AsyncSleep": "Sleep",
    "AsyncGeneratorOf": "GeneratorOf",
    "async_shield": "shield",
    "async_redis_from_url": "redis_from_url",
    "AsyncRedisClient": "RedisClient",
    "async_offload": "offload",
    "AsyncThunk": "Thunk",
    # The SDK's own classes.
    "AsyncTokPortal": "TokPortal",
    "AsyncTransport": "Transport",
    "AsyncPaginator": "Paginator",
    "AsyncRateLimiter": "RateLimiter",
    "AsyncLocalRateLimiter": "LocalRateLimiter",
    "AsyncRedisLimiter": "RedisLimiter",
    "AsyncResource": "Resource",
    "AsyncAccountConsentMixin": "AccountConsentMixin",
    "AsyncAccounts": "Accounts",
    "AsyncAdCodes": "AdCodes",
    "AsyncAnalytics": "Analytics",
    "AsyncBundleAccount": "BundleAccount",
    "AsyncBundleVideos": "BundleVideos",
    "AsyncBundles": "Bundles",
    "AsyncComments": "Comments",
    "AsyncCountries": "Countries",
    "AsyncCoverage": "Coverage",
    "AsyncCredits": "Credits",
    "AsyncMe": "Me",
    "AsyncPlatforms": "Platforms",
    "AsyncUploads": "Uploads",
    "AsyncWarming": "Warming",
    "AsyncWebhooks": "Webhooks",
    # The hand-written flows (tokportal/_async/flows) the generated resources inherit.
    "AsyncAccountsFlows": "AccountsFlows",
    "AsyncAnalyticsFlows": "AnalyticsFlows",
    "AsyncBundleVideosFlows": "BundleVideosFlows",
    "AsyncCommentsFlows": "CommentsFlows",
    "AsyncCountriesFlows": "CountriesFlows",
    "AsyncCoverageFlows": "CoverageFlows",
    "AsyncMeFlows": "MeFlows",
    "AsyncPlatformsFlows": "PlatformsFlows",
    "AsyncUploadsFlows": "UploadsFlows",
    "AsyncWarmingFlows": "WarmingFlows",
    "AsyncWebhooksFlows": "WebhooksFlows",
    # The I/O both flavours share (tokportal/_io): the async bodies read in a worker thread.
    "AsyncUploadBody": "UploadBody",
    "AsyncDirectSender": "DirectSender",
    # with_raw_response (tokportal/_async/raw.py).
    "AsyncRawResponseView": "RawResponseView",
    "async_raw_method": "raw_method",
    "async_raw_listing": "raw_listing",
    # Campaigns (tokportal/_async/campaigns).
    "AsyncCampaignRunner": "CampaignRunner",
    # The packages themselves (imports such as ``from tests._async.wire import ...``).
    "_async": "_sync",
    # Test helpers (tests/farend).
    "async_deadline": "deadline",
    # fakeredis (the rate limiter's tests).
    "FakeAsyncRedis": "FakeRedis",
}

# Where a string literal must read differently in the twin: source file -> (the text in the
# async source, the twin's text instead). Applied inside string tokens of that file only.
STRING_EDITS: dict[str, tuple[tuple[str, str], ...]] = {
    "tokportal/_async/client.py": (
        ("``AsyncTokPortal``: the async client.", "``TokPortal``: the blocking client."),
        ("The TokPortal API client (async).", "The TokPortal API client (blocking)."),
        ("``async with AsyncTokPortal() as client:``", "``with TokPortal() as client:``"),
        ("``httpx.AsyncBaseTransport``", "``httpx.BaseTransport``"),
        (" (coroutine functions too, awaited)", ""),
    ),
    "tokportal/_async/pagination.py": (
        ("``async for`` goes over", "``for`` goes over"),
        ("\n\n    ``await listing`` is short for ``await listing.first_page()``.", ""),
    ),
    "tokportal/_async/transport.py": (("The async transport:", "The blocking transport:"),),
    "tokportal/_async/ratelimit.py": (
        ("Rate limiters for the async client:", "Rate limiters for the blocking client:"),
    ),
}


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


class Usage:
    """What the translation used, so that ``--check`` can name the stale entries."""

    def __init__(self) -> None:
        self.names: Counter[str] = Counter()
        self.string_edits: Counter[tuple[str, int]] = Counter()

    def stale_entries(self) -> list[str]:
        stale = [f"unused name: {name!r}" for name in NAMES if not self.names[name]]
        for source, edits in STRING_EDITS.items():
            for index, (old, _) in enumerate(edits):
                if not self.string_edits[(source, index)]:
                    stale.append(f"unused string edit in {source}: {old!r}")
        return stale


# The literal text of strings: whole string tokens, and from Python 3.12 the text parts of an
# f-string (its expressions are NAME tokens like any code).
_STRING_TOKENS = frozenset(
    {tokenize.STRING, *([tokenize.FSTRING_MIDDLE] if hasattr(tokenize, "FSTRING_MIDDLE") else [])}
)


def _tokens(text: str) -> list[tokenize.TokenInfo]:
    return list(tokenize.generate_tokens(io.StringIO(text).readline))


def drop_async_only(text: str, source_name: str) -> str:
    """The source without its ``# async-only`` statements (their whole lines)."""
    lines = text.splitlines(keepends=True)
    trailing: set[int] = set()  # lines whose statement ends with the marker
    # The marker alone on a line, maybe followed by more comment lines (the why): the line
    # of the statement it marks -> the marker's line.
    above: dict[int, int] = {}
    for token in _tokens(text):
        if token.type == tokenize.COMMENT and token.string.startswith(ASYNC_ONLY_MARKER):
            row = token.start[0]
            if token.line[: token.start[1]].strip():
                trailing.add(row)
                continue
            marked = row + 1
            while marked <= len(lines) and lines[marked - 1].lstrip().startswith("#"):
                marked += 1
            above[marked] = row
    if not trailing and not above:
        return text
    dropped: set[int] = set()
    for node in ast.walk(ast.parse(text)):
        if not isinstance(node, ast.stmt):
            continue
        decorators = getattr(node, "decorator_list", [])
        first = min([node.lineno, *(d.lineno for d in decorators)])
        last = node.end_lineno or node.lineno
        if first in trailing:
            trailing.discard(first)
            dropped.update(range(first, last + 1))
        elif first in above:
            dropped.update(range(above.pop(first), last + 1))
    for row in sorted(trailing | set(above.values())):
        raise SystemExit(f"{source_name}:{row}: {ASYNC_ONLY_MARKER} marks no statement")
    return "".join(line for row, line in enumerate(lines, start=1) if row not in dropped)


def _edit_string(token: str, source_name: str, usage: Usage) -> str:
    for index, (old, new) in enumerate(STRING_EDITS.get(source_name, ())):
        if old in token:
            usage.string_edits[(source_name, index)] += token.count(old)
            token = token.replace(old, new)
    return token


def unasync_tokens(text: str, source_name: str, usage: Usage) -> str:
    """Drop ``async``/``await``, rename through ``NAMES``, edit strings through
    ``STRING_EDITS``; everything else (comments, layout) is kept as written."""
    tokens = _tokens(text)
    # (start, end, replacement) in (row, column) positions, applied from the end.
    edits: list[tuple[tuple[int, int], tuple[int, int], str]] = []
    for token, following in itertools.pairwise(tokens):
        if token.type == tokenize.NAME:
            is_keyword = token.string == "await" or (
                token.string == "async" and following.string in ("def", "with", "for")
            )
            if is_keyword:
                # The keyword and the space after it: ``await x`` -> ``x``.
                edits.append((token.start, following.start, ""))
            elif token.string in NAMES:
                usage.names[token.string] += 1
                edits.append((token.start, token.end, NAMES[token.string]))
        elif token.type in _STRING_TOKENS:
            edited = _edit_string(token.string, source_name, usage)
            if edited != token.string:
                edits.append((token.start, token.end, edited))
    lines = text.splitlines(keepends=True)
    for (start_row, start_col), (end_row, end_col), replacement in reversed(edits):
        head = lines[start_row - 1][:start_col]
        tail = lines[end_row - 1][end_col:]
        lines[start_row - 1 : end_row] = [head + replacement + tail]
    return "".join(lines)


def translate(source: str, source_name: str, usage: Usage) -> str:
    text = drop_async_only(source, source_name)
    return HEADER.format(source=source_name) + unasync_tokens(text, source_name, usage)


def _ruff(args: list[str], source: str, filename: str) -> str:
    completed = subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--stdin-filename", filename, "-"],
        input=source,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if completed.returncode not in (0, 1) or not completed.stdout:
        raise SystemExit(f"ruff {' '.join(args)} failed on {filename}:\n{completed.stderr}")
    return completed.stdout


def render(source_path: Path, target_path: Path, usage: Usage) -> str:
    text = translate(source_path.read_text(encoding="utf-8"), _relative(source_path), usage)
    filename = _relative(target_path)
    # Dropping ``await`` and async-only statements leaves imports unused (anyio, pytest).
    text = _ruff(["check", "--fix", "--select", "I,F401", "--exit-zero", "--quiet"], text, filename)
    return _ruff(["format", "--quiet"], text, filename)


def plan() -> dict[Path, Path]:
    """Generated path -> source path, for every file that must be generated."""
    targets: dict[Path, Path] = {}
    for source_root, target_root in TREES:
        for source in sorted(source_root.rglob("*.py")):
            if _relative(source) in ASYNC_ONLY_FILES:
                continue
            targets[target_root / source.relative_to(source_root)] = source
    return targets


def generate_into(out_root: Path) -> tuple[dict[Path, str], Usage]:
    usage = Usage()
    rendered: dict[Path, str] = {}
    for target, source in plan().items():
        rendered[out_root / target.relative_to(ROOT)] = render(source, target, usage)
    return rendered, usage


def existing_generated() -> set[Path]:
    return {
        path
        for _, target_root in TREES
        if target_root.exists()
        for path in target_root.rglob("*.py")
    }


def missing_sources() -> list[str]:
    """Files the maps name that do not exist (a renamed or deleted source)."""
    named = sorted(ASYNC_ONLY_FILES | STRING_EDITS.keys())
    return [f"missing source: {name}" for name in named if not (ROOT / name).is_file()]


def check() -> int:
    problems = missing_sources()
    with tempfile.TemporaryDirectory() as tmp:
        rendered, usage = generate_into(Path(tmp))
        expected = {ROOT / path.relative_to(tmp): text for path, text in rendered.items()}
    for target, text in expected.items():
        if not target.exists():
            problems.append(f"missing generated file: {_relative(target)}")
            continue
        actual = target.read_text(encoding="utf-8")
        if actual != text:
            diff = "".join(
                difflib.unified_diff(
                    actual.splitlines(keepends=True),
                    text.splitlines(keepends=True),
                    f"{_relative(target)} (committed)",
                    f"{_relative(target)} (generated)",
                    n=1,
                )
            )
            problems.append(f"drift in {_relative(target)}:\n{diff}")
    for orphan in sorted(existing_generated() - set(expected)):
        problems.append(f"orphan generated file (no async source): {_relative(orphan)}")
    problems.extend(usage.stale_entries())
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("run: python scripts/generate_sync.py", file=sys.stderr)
        return 1
    print(f"sync twin up to date ({len(expected)} files)")
    return 0


def write() -> int:
    problems = missing_sources()
    rendered, usage = generate_into(ROOT)
    for orphan in existing_generated() - set(rendered):
        orphan.unlink()
    for target, text in rendered.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    for problem in problems + usage.stale_entries():
        print(f"warning: {problem}", file=sys.stderr)
    print(f"wrote {len(rendered)} files")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail on any drift")
    args = parser.parse_args()
    return check() if args.check else write()


if __name__ == "__main__":
    raise SystemExit(main())
