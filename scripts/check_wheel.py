"""Check the package the way a user meets it: the built wheel, in a fresh virtualenv.

    python scripts/check_wheel.py [--workdir DIR] [--jobs 2]

1. builds the wheel (``pip wheel . --no-deps``) and checks it ships ``tokportal/py.typed``;
2. installs it into a new virtualenv (with its dependencies, and mypy);
3. there, from a directory outside the source tree, runs each first import in its own fresh
   interpreter: every module in the wheel, and every import statement of the fenced Python
   blocks of README.md and docs/*.md;
4. runs ``mypy --strict`` on the user-style programs ``tests/typing/user_*.py``, copied out
   of the tree so that the installed wheel, not the source, is what they are checked against.

Prints counts and exits non-zero on any failure.
"""

from __future__ import annotations

import argparse
import ast
import re
import shutil
import subprocess
import sys
import tempfile
import venv
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "tokportal"
# Modules that need what their users have anyway; imported once that is installed, after
# every other module has been imported without it.
NEEDS = {"tokportal.testing.pytest_plugin": "pytest", "tokportal.otel": "opentelemetry-api"}
_FENCE = re.compile(r"^```(?:python|py|pycon)\s*$(.*?)^```\s*$", re.M | re.S)


def run(cmd: list[str], **kwargs: Any) -> subprocess.CompletedProcess[str]:
    return subprocess.run(cmd, text=True, capture_output=True, check=False, **kwargs)


def build_wheel(dist: Path) -> Path:
    result = run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w", str(dist)]
    )
    if result.returncode != 0:
        sys.exit(f"check_wheel: building the wheel failed:\n{result.stdout}{result.stderr}")
    (wheel,) = dist.glob("*.whl")
    return wheel


def wheel_modules(wheel: Path) -> list[str]:
    names = zipfile.ZipFile(wheel).namelist()
    if f"{PACKAGE}/py.typed" not in names:
        sys.exit(f"check_wheel: {wheel.name} has no {PACKAGE}/py.typed (the package is Typed)")
    modules = []
    for name in names:
        if name.startswith(f"{PACKAGE}/") and name.endswith(".py"):
            parts = name[: -len(".py")].split("/")
            if parts[-1] == "__init__":
                parts.pop()
            modules.append(".".join(parts))
    return sorted(modules)


def _imports_sdk(statement: str) -> bool:
    return re.match(rf"(from|import)\s+{PACKAGE}\b", statement) is not None


def doc_imports() -> list[tuple[str, str]]:
    """(where, statement) for every import of the SDK in the docs' fenced Python blocks
    (imports of other packages, a web framework or the reader's own app, are left out)."""
    found: dict[str, str] = {}
    for doc in [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]:
        for block in _FENCE.findall(doc.read_text(encoding="utf-8")):
            source = "\n".join(
                line[4:] if line.startswith((">>> ", "... ")) else line
                for line in block.splitlines()
            )
            try:
                tree = compile(
                    source, str(doc), "exec", ast.PyCF_ONLY_AST | ast.PyCF_ALLOW_TOP_LEVEL_AWAIT
                )
            except SyntaxError:
                # A fragment: take its import lines alone.
                lines = [ln.strip() for ln in source.splitlines()]
                statements = [ln for ln in lines if re.match(r"(from \S+ )?import \S", ln)]
            else:
                statements = [
                    ast.unparse(node)
                    for node in ast.walk(tree)
                    if isinstance(node, (ast.Import, ast.ImportFrom))
                ]
            for statement in filter(_imports_sdk, statements):
                found.setdefault(statement, doc.relative_to(ROOT).as_posix())
    return [(where, statement) for statement, where in found.items()]


def make_venv(path: Path, wheel: Path) -> Path:
    venv.EnvBuilder(with_pip=True, clear=True).create(path)
    python = path / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    result = run([str(python), "-m", "pip", "install", "-q", str(wheel), dev_spec("mypy")])
    if result.returncode != 0:
        sys.exit(f"check_wheel: installing the wheel failed:\n{result.stdout}{result.stderr}")
    return python


def install(python: Path, requirement: str) -> None:
    result = run([str(python), "-m", "pip", "install", "-q", requirement])
    if result.returncode != 0:
        sys.exit(f"check_wheel: installing {requirement} failed:\n{result.stderr}")


def dev_spec(name: str) -> str:
    """``name`` with the bound the dev extra gives it (one place for tool versions)."""
    return next((d for d in _dev_requirements() if re.match(rf"{name}\b", d)), name)


def _dev_requirements() -> list[str]:
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    return list(project.get("optional-dependencies", {}).get("dev", []))


def first_imports(python: Path, statements: list[tuple[str, str]], cwd: Path, jobs: int) -> int:
    def one(item: tuple[str, str]) -> tuple[str, str, str | None]:
        where, statement = item
        # -I: isolated, so neither the current directory nor PYTHON* variables can put the
        # source tree in front of the installed wheel.
        result = run([str(python), "-I", "-c", statement], cwd=cwd, timeout=120)
        error = None
        if result.returncode != 0:
            error = (result.stderr.strip().splitlines() or ["(no output)"])[-1]
        return where, statement, error

    failures = 0
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        for where, statement, error in pool.map(one, statements):
            if error is not None:
                failures += 1
                print(f"  FAIL {where}: {statement!r}: {error}")
    return failures


def check_types(python: Path, workdir: Path) -> tuple[int, int]:
    programs = sorted((ROOT / "tests" / "typing").glob("user_*.py"))
    if not programs:
        print("  FAIL no tests/typing/user_*.py to check")
        return 0, 1
    copies = workdir / "user_programs"
    copies.mkdir()
    for program in programs:
        shutil.copy(program, copies / program.name)
    result = run(
        [
            str(python),
            "-I",
            "-m",
            "mypy",
            "--strict",
            "--no-incremental",
            *sorted(p.name for p in copies.iterdir()),
        ],
        cwd=copies,
    )
    if result.returncode != 0:
        print(result.stdout.rstrip())
        print(result.stderr.rstrip())
        return len(programs), 1
    return len(programs), 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path, help="keep the wheel and venv here")
    parser.add_argument("--jobs", type=int, default=2, help="interpreters at a time")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tokportal-wheel-") as temp:
        workdir = args.workdir or Path(temp)
        workdir.mkdir(parents=True, exist_ok=True)
        wheel = build_wheel(workdir / "dist")
        modules = wheel_modules(wheel)
        print(f"wheel: {wheel.name}, {len(modules)} modules, py.typed shipped")
        python = make_venv(workdir / "venv", wheel)
        outside = workdir / "outside"
        outside.mkdir(exist_ok=True)

        plain = [("wheel", f"import {m}") for m in modules if m not in NEEDS]
        module_failures = first_imports(python, plain, outside, args.jobs)
        for requirement in sorted(set(NEEDS.values())):
            install(python, dev_spec(requirement))
        extra = [("wheel", f"import {m}") for m in modules if m in NEEDS]
        module_failures += first_imports(python, extra, outside, args.jobs)
        print(f"first import of each module: {len(modules)} run, {module_failures} failed")
        docs = doc_imports()
        doc_failures = first_imports(python, docs, outside, args.jobs)
        print(f"first import of each docs import line: {len(docs)} run, {doc_failures} failed")
        checked, type_failures = check_types(python, workdir)
        print(f"mypy --strict against the wheel: {checked} user programs, {type_failures} failed")
    failed = module_failures + doc_failures + type_failures
    print("check_wheel: " + ("FAILED" if failed else "passed"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
