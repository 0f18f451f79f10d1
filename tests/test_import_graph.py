"""The package's import graph, read from the source: no cycles, leaves stay leaves, and the
sans-I/O core imports nothing that is built on it.

Every ``import`` counts, at module level or inside a function (a function-level import that
closes a cycle fails the day someone calls it first in a fresh interpreter); only the bodies
of ``if TYPE_CHECKING:`` are skipped, as they never run. Importing ``a.b.c`` also runs the
``__init__`` of ``a.b``, so that package is an edge too (unless the importer lives inside it:
its package is already being imported then).
"""

from __future__ import annotations

import ast
from pathlib import Path

import tokportal

PACKAGE = "tokportal"
ROOT = Path(tokportal.__file__).parent

# Bottom of the house: each imports no tokportal module except other leaves.
LEAVES = frozenset(
    {
        "tokportal._version",
        "tokportal.models",  # lazy (PEP 562): runs no import itself
        "tokportal._core",  # the package __init__: a docstring
        "tokportal.errors",
        "tokportal._error_base",
        "tokportal._core.isotime",
        "tokportal._core.api_response",
        "tokportal.models._enums",
        "tokportal.models._base",
        "tokportal.models._converter",
        "tokportal.models._consent_quote",
    }
)
# What is built on the core; the core must not reach up into any of it.
ABOVE_CORE = ("tokportal.models", "tokportal._async", "tokportal._sync", "tokportal.testing")
ABOVE_CORE += ("tokportal.cli", "tokportal.webhooks", "tokportal.campaigns")
# The I/O shared by both flavours (file sources, upload bodies) is built on the core too.
ABOVE_CORE += ("tokportal._io",)


def _module_files() -> dict[str, tuple[Path, bool]]:
    modules: dict[str, tuple[Path, bool]] = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = [PACKAGE, *path.relative_to(ROOT).with_suffix("").parts]
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        modules[".".join(parts)] = (path, is_package)
    return modules


MODULES = _module_files()


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _import_nodes(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    found: list[ast.Import | ast.ImportFrom] = []
    pending: list[ast.AST] = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.If) and _is_type_checking(node):
            pending.extend(node.orelse)
            continue
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found.append(node)
        pending.extend(ast.iter_child_nodes(node))
    return found


def _targets(module: str, is_package: bool, node: ast.Import | ast.ImportFrom) -> list[str]:
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    if node.level:
        base = module.split(".") if is_package else module.split(".")[:-1]
        base = base[: len(base) - (node.level - 1)]
        source = ".".join([*base, *([node.module] if node.module else [])])
    else:
        source = node.module or ""
    # ``from pkg import name``: the submodule when ``name`` is one, else ``pkg`` itself.
    return [
        f"{source}.{alias.name}" if f"{source}.{alias.name}" in MODULES else source
        for alias in node.names
    ]


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for module, (path, is_package) in MODULES.items():
        edges: set[str] = set()
        for node in _import_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _targets(module, is_package, node):
                if target != PACKAGE and not target.startswith(PACKAGE + "."):
                    continue
                parts = target.split(".")
                for end in range(1, len(parts) + 1):
                    prefix = ".".join(parts[:end])
                    inside = module == prefix or module.startswith(prefix + ".")
                    if prefix in MODULES and not inside:
                        edges.add(prefix)
        graph[module] = edges
    return graph


GRAPH = _graph()


def _find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One cycle as a path ``[a, b, ..., a]``, or None (iterative DFS, colours)."""
    state: dict[str, int] = {}  # 1: on the stack, 2: done
    for start in sorted(graph):
        if state.get(start):
            continue
        stack: list[tuple[str, list[str]]] = [(start, sorted(graph[start]))]
        path = [start]
        state[start] = 1
        while stack:
            node, todo = stack[-1]
            if not todo:
                state[node] = 2
                stack.pop()
                path.pop()
                continue
            nxt = todo.pop(0)
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if not state.get(nxt):
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, sorted(graph.get(nxt, ()))))
    return None


def test_the_graph_sees_the_package() -> None:
    # Guards the checks below against passing on an empty or misread graph.
    assert len(MODULES) > 80
    assert "tokportal._async.transport" in GRAPH["tokportal._async.client"]
    assert "tokportal._core.requests" in GRAPH["tokportal._async.transport"]
    # A function-level import is an edge (errors reads the consent quote type lazily).
    assert "tokportal.models._consent_quote" in GRAPH["tokportal.errors"]
    # Importing a package's module runs the package's __init__: both are edges.
    assert {"tokportal.models", "tokportal.models._enums"} <= GRAPH["tokportal.webhooks"]
    # A TYPE_CHECKING-only import is not.
    assert "tokportal._async.client" not in GRAPH["tokportal._async.bulk_uploads"]
    # Uploads: the sans-I/O decisions below, the shared file I/O above them.
    assert "tokportal._core.uploads" in GRAPH["tokportal._io.files"]
    assert "tokportal._io.bodies" in GRAPH["tokportal._async.transport"]


def test_the_cycle_finder_finds_cycles() -> None:
    assert _find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_no_import_cycle() -> None:
    cycle = _find_cycle(GRAPH)
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_leaves_import_only_leaves() -> None:
    assert MODULES.keys() >= LEAVES
    wrong = {leaf: sorted(GRAPH[leaf] - LEAVES) for leaf in LEAVES if GRAPH[leaf] - LEAVES}
    assert not wrong, f"leaves importing modules above them: {wrong}"


def test_shared_io_sits_below_both_flavours() -> None:
    # ``_io`` serves ``_async`` and ``_sync`` alike, so it imports neither (nor the client
    # features built on them).
    shared = [m for m in GRAPH if m == "tokportal._io" or m.startswith("tokportal._io.")]
    above = ("tokportal._async", "tokportal._sync", "tokportal.testing", "tokportal.cli")
    wrong = {
        m: sorted(t for t in GRAPH[m] if any(t == p or t.startswith(p + ".") for p in above))
        for m in shared
    }
    assert shared and not any(wrong.values()), f"tokportal._io imports a flavour: {wrong}"


def _reach(start: str) -> set[str]:
    seen: set[str] = set()
    pending = [start]
    while pending:
        for target in GRAPH[pending.pop()]:
            if target not in seen:
                seen.add(target)
                pending.append(target)
    return seen


def test_core_does_not_reach_up() -> None:
    def above(target: str) -> bool:
        return any(target == p or target.startswith(p + ".") for p in ABOVE_CORE)

    core = [m for m in GRAPH if m == "tokportal._core" or m.startswith("tokportal._core.")]
    # Nothing built on the core, except the leaves (the enums) that depend on nothing.
    wrong = {m: sorted(t for t in GRAPH[m] if above(t) and t not in LEAVES) for m in core}
    wrong = {m: targets for m, targets in wrong.items() if targets}
    assert not wrong, f"tokportal._core imports what is built on it: {wrong}"
    # And nothing outside the core that the core imports leads back into it (to the core's
    # leaves, pure values everyone may share, is fine: they import nothing of the core).
    back = {
        (m, t)
        for m in core
        for t in GRAPH[m]
        if t not in core and any(r in core and r not in LEAVES for r in _reach(t))
    }
    assert not back, f"tokportal._core imports modules that depend on the core: {sorted(back)}"
