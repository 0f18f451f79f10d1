"""Generate everything the operations spec (``tokportal/_spec``) implies.

    python scripts/generate_spec.py           # write the generated files
    python scripts/generate_spec.py --check   # fail on drift, orphans and missing files

The spec is the one place an operation's facts are written; the emitters in
``scripts/spec_emit/`` turn it into files. Each emitter is a module with
``emit(operations: Sequence[Operation]) -> dict[str, str]`` (path relative to the repository
-> the whole file text); adding one is one line in ``EMITTERS``. Python outputs go through
``ruff`` (import sorting, formatting) so the generated code reads as hand-written, and say on
their first line that they are generated (``HEADER``). ``--check`` regenerates in memory and
compares whole files; a file carrying the header that no emitter produced is an orphan.
"""

from __future__ import annotations

import argparse
import difflib
import importlib
import subprocess
import sys
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from spec_emit import HEADER_MARK  # noqa: E402

from tokportal._spec import OPERATIONS  # noqa: E402
from tokportal._spec._schema import Operation  # noqa: E402

# The emitters, run in this order (modules of scripts/spec_emit).
# request_types comes first: the model modules import what it writes, and later emitters
# import the models (``write`` writes each emitter's files before running the next).
EMITTERS: tuple[str, ...] = (
    "request_types",
    "operations_table",
    "resources",
    "readme_map",
    "cli_table",
    "field_table",
    "raw_views",
)

# Where an orphan (a file with the generated header no emitter wrote) may hide.
SCANNED = ("tokportal", "tests")
SKIPPED = ("tokportal/_sync", "tests/_sync")


def _emitters() -> list[Callable[[Sequence[Operation]], Mapping[str, str]]]:
    return [importlib.import_module(f"spec_emit.{name}").emit for name in EMITTERS]


def _ruff(args: list[str], source: str, filename: str) -> str:
    completed = subprocess.run(
        [sys.executable, "-m", "ruff", *args, "--stdin-filename", filename, "-"],
        input=source,
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
    )
    if completed.returncode != 0:
        raise SystemExit(f"ruff {' '.join(args)} failed on {filename}:\n{completed.stderr}")
    return completed.stdout


def _polish(path: str, text: str) -> str:
    if not path.endswith(".py"):
        return text
    text = _ruff(["check", "--fix", "--select", "I,F401", "--exit-zero", "--quiet"], text, path)
    return _ruff(["format", "--quiet"], text, path)


def generate(write: bool = False) -> dict[str, str]:
    """Every generated file: relative path -> text, as it must be on disk (written as each
    emitter finishes when ``write``)."""
    files: dict[str, str] = {}
    for emit in _emitters():
        for path, text in emit(OPERATIONS).items():
            if path in files:
                raise SystemExit(f"two emitters write {path}")
            if path.endswith(".py") and not text.startswith(HEADER_MARK):
                raise SystemExit(f"{path} lacks the generated header {HEADER_MARK!r}")
            files[path] = _polish(path, text)
            target = ROOT / path
            if write and (not target.exists() or target.read_text(encoding="utf-8") != files[path]):
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_text(files[path], encoding="utf-8")
                print(f"wrote {path}")
    return files


def _carrying_header() -> set[str]:
    found: set[str] = set()
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if relative.startswith(SKIPPED):
                continue
            with path.open(encoding="utf-8") as handle:
                if handle.readline().startswith(HEADER_MARK):
                    found.add(relative)
    return found


def check() -> int:
    files = generate()
    problems: list[str] = []
    for path, wanted in files.items():
        target = ROOT / path
        if not target.exists():
            problems.append(f"missing: {path}")
            continue
        current = target.read_text(encoding="utf-8")
        if current != wanted:
            diff = difflib.unified_diff(
                current.splitlines(keepends=True),
                wanted.splitlines(keepends=True),
                f"{path} (on disk)",
                f"{path} (from the spec)",
                n=2,
            )
            problems.append(f"out of date: {path}\n{''.join(list(diff)[:60])}")
    for orphan in sorted(_carrying_header() - files.keys()):
        problems.append(f"orphan (generated header, no emitter): {orphan}")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print("run: python scripts/generate_spec.py", file=sys.stderr)
        return 1
    return 0


def write() -> int:
    files = generate(write=True)
    for orphan in sorted(_carrying_header() - files.keys()):
        print(f"orphan (delete it or add its emitter): {orphan}", file=sys.stderr)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="fail on drift instead of writing")
    args = parser.parse_args()
    return check() if args.check else write()


if __name__ == "__main__":
    raise SystemExit(main())
