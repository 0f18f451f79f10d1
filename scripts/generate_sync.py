"""Generate the sync twin from the async source: ``tokportal/_async`` -> ``tokportal/_sync``
and ``tests/_async`` -> ``tests/_sync``.

    python scripts/generate_sync.py           # write the generated files
    python scripts/generate_sync.py --check   # fail on any drift, unused rule, orphan file

The rules are a short, explicit table of regular expressions applied in order to whole
files; every rule must be used somewhere (an unused rule is a stale rule). The output is run
through ``ruff`` (import sorting, then formatting) so the twin looks hand-written.
"""

from __future__ import annotations

import argparse
import difflib
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# (source folder, generated folder) pairs.
TREES = (
    (ROOT / "tokportal" / "_async", ROOT / "tokportal" / "_sync"),
    (ROOT / "tests" / "_async", ROOT / "tests" / "_sync"),
)

# Async-only modules: their features have no sync meaning (see each module's docstring).
ASYNC_ONLY = frozenset(
    {
        "tokportal/_async/_awaitable.py",
        "tokportal/_async/bulk_uploads.py",
    }
)

HEADER = "# Generated from {source} by scripts/generate_sync.py; do not edit.\n"

# (pattern, replacement); applied in this order.
RULES: tuple[tuple[str, str], ...] = (
    # Keywords.
    (r"\basync def\b", "def"),
    (r"\basync with\b", "with"),
    (r"\basync for\b", "for"),
    (r"\bawait ", ""),
    # Protocol methods and names.
    (r"\b__aenter__\b", "__enter__"),
    (r"\b__aexit__\b", "__exit__"),
    (r"\b__aiter__\b", "__iter__"),
    (r"\baclosing\b", "closing"),
    (r"\baclose\b", "close"),
    (r"\baread\b", "read"),
    # Types.
    (r"\bAsyncGenerator\[(.+?), None\]", r"Generator[\1, None, None]"),
    (r"\bAwaitable\[None\]", "None"),
    (r"\bAwaitableFirstPage\[T\], ", ""),
    (r"^from \._awaitable import AwaitableFirstPage\n", ""),
    # Our classes and httpx's: AsyncX -> X (AsyncTokPortal, AsyncClient, AsyncIterator, ...).
    (r"\bAsync([A-Z]\w*)", r"\1"),
    # anyio -> the standard library.
    (r"\banyio\.sleep\b", "time.sleep"),
    (r"^import anyio\n", ""),
    # Modules and tests.
    (r"\b_async\b", "_sync"),
    (r"^pytestmark = pytest\.mark\.anyio\n", ""),
)

_COMPILED = tuple((re.compile(p, re.MULTILINE), r) for p, r in RULES)


def _relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


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


def translate(source: str, source_name: str, used: set[int]) -> str:
    text = source
    for index, (pattern, replacement) in enumerate(_COMPILED):
        text, count = pattern.subn(replacement, text)
        if count:
            used.add(index)
    return HEADER.format(source=source_name) + text


def render(source_path: Path, target_path: Path, used: set[int]) -> str:
    text = translate(source_path.read_text(encoding="utf-8"), _relative(source_path), used)
    filename = _relative(target_path)
    text = _ruff(["check", "--fix", "--select", "I,F401", "--exit-zero", "--quiet"], text, filename)
    return _ruff(["format", "--quiet"], text, filename)


def plan() -> dict[Path, Path]:
    """Generated path -> source path, for every file that must be generated."""
    targets: dict[Path, Path] = {}
    for source_root, target_root in TREES:
        for source in sorted(source_root.rglob("*.py")):
            if _relative(source) in ASYNC_ONLY:
                continue
            targets[target_root / source.relative_to(source_root)] = source
    return targets


def generate_into(out_root: Path) -> tuple[dict[Path, str], set[int]]:
    used: set[int] = set()
    rendered: dict[Path, str] = {}
    for target, source in plan().items():
        rendered[out_root / target.relative_to(ROOT)] = render(source, target, used)
    return rendered, used


def existing_generated() -> set[Path]:
    return {
        path
        for _, target_root in TREES
        if target_root.exists()
        for path in target_root.rglob("*.py")
    }


def check() -> int:
    problems: list[str] = []
    with tempfile.TemporaryDirectory() as tmp:
        rendered, used = generate_into(Path(tmp))
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
    for index, (pattern, _) in enumerate(RULES):
        if index not in used:
            problems.append(f"unused rule: {pattern!r}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("run: python scripts/generate_sync.py", file=sys.stderr)
        return 1
    print(f"sync twin up to date ({len(expected)} files)")
    return 0


def write() -> int:
    rendered, used = generate_into(ROOT)
    for orphan in existing_generated() - set(rendered):
        orphan.unlink()
    for target, text in rendered.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists() or target.read_text(encoding="utf-8") != text:
            target.write_text(text, encoding="utf-8")
    unused = [RULES[i][0] for i in range(len(RULES)) if i not in used]
    if unused:
        print(f"warning: unused rules: {unused}", file=sys.stderr)
    print(f"wrote {len(rendered)} files")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail on any drift")
    args = parser.parse_args()
    return check() if args.check else write()


if __name__ == "__main__":
    raise SystemExit(main())
