"""Every public symbol has a docstring, and the API reference (docs/reference/) documents it.

The public surface is what a user reaches: the names in the ``__all__`` of the public modules,
the two clients and every resource hanging off them (``client.bundles.videos``...), and every
public method or property that those classes define or inherit from the SDK's own classes.
Each typed method's docstring also names its TokPortal operation id, on both clients (the
reference shows the operation from it).
"""

from __future__ import annotations

import enum
import importlib
import inspect
import re
import types
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tokportal import OPERATIONS, AsyncTokPortal, TokPortal
from tokportal._async.resources._resource import AsyncResource
from tokportal._sync.resources._resource import Resource

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = ROOT / "docs" / "reference"

PUBLIC_MODULES = (
    "tokportal",
    "tokportal.errors",
    "tokportal.models",
    "tokportal.webhooks",
    "tokportal.bulk_uploads",
    "tokportal.campaigns",
    "tokportal.testing",
    "tokportal.testing.pytest_plugin",
)


def _own_doc(obj: Any) -> str:
    """The docstring written for ``obj`` itself (not one Python or a base class supplies)."""
    if isinstance(obj, type):
        doc = obj.__dict__.get("__doc__")
        if issubclass(obj, enum.Enum) and doc is not None and doc.startswith("An enumeration"):
            return ""  # Python's generated text for an Enum without a docstring
        return (doc or "").strip()
    if isinstance(obj, property):
        return (obj.__doc__ or "").strip()
    return (getattr(obj, "__doc__", None) or "").strip()


def module_public(module: types.ModuleType) -> Iterator[tuple[str, Any]]:
    names = getattr(module, "__all__", None)
    if names is None:  # the pytest plugin: its fixtures and hooks
        names = [
            n
            for n, v in vars(module).items()
            if not n.startswith("_")
            and not n.startswith("pytest_")  # hooks pytest calls, not the user
            and callable(v)
            and getattr(v, "__module__", None) == module.__name__
        ]
    for name in names:
        yield f"{module.__name__}.{name}", getattr(module, name)


def members(cls: type) -> Iterator[tuple[str, Any]]:
    """Public methods and properties of ``cls``, its own and those of the SDK's bases."""
    seen: set[str] = set()
    for klass in cls.__mro__:
        if not klass.__module__.startswith("tokportal"):
            continue
        for name, value in vars(klass).items():
            if name.startswith("_") or name in seen:
                continue
            seen.add(name)
            if isinstance(value, (staticmethod, classmethod)):
                value = value.__func__
            if inspect.isfunction(value) or isinstance(value, property):
                yield f"{cls.__qualname__}.{name}", value


def _inherited_doc(cls: type, name: str) -> str:
    """The docstring of the method ``name`` overrides (an httpx transport's, say)."""
    for base in cls.__mro__[1:]:
        if name in vars(base):
            return _own_doc(vars(base)[name])
    return ""


def missing_docstrings(objects: list[tuple[str, Any]]) -> list[str]:
    """The names among ``objects`` (and their public members) that have no docstring."""
    missing: list[str] = []
    for name, obj in objects:
        if isinstance(obj, types.ModuleType):
            if not _own_doc(obj):
                missing.append(name)
            continue
        if typing.get_origin(obj) is not None:
            # A type alias (``FileProgress = Callable[...]``): its docstring is the string
            # after it in the source, which Sphinx reads; the object has none of its own. (On
            # Python 3.10, ``isinstance(alias, type)`` is even true.)
            continue
        if isinstance(obj, type):
            if not _own_doc(obj):
                missing.append(name)
            for member_name, member in members(obj):
                short = member_name.rpartition(".")[2]
                if not _own_doc(member) and not _inherited_doc(obj, short):
                    missing.append(f"{obj.__module__}.{member_name}")
        elif (inspect.isfunction(obj) or inspect.isbuiltin(obj)) and not _own_doc(obj):
            missing.append(name)
        # Constants and type aliases (OPERATIONS, NOT_GIVEN, header names) hold no docstring.
    return sorted(set(missing))


def resources(client: object, path: str = "client") -> Iterator[tuple[str, object]]:
    for name in dir(client):
        if name.startswith("_"):
            continue
        value = getattr(client, name)
        if isinstance(value, (AsyncResource, Resource)):
            yield f"{path}.{name}", value
            yield from resources(value, f"{path}.{name}")


@pytest.fixture(scope="module")
def clients() -> Iterator[tuple[AsyncTokPortal, TokPortal]]:
    # Nothing is sent: building a client opens no connection.
    async_client = AsyncTokPortal(api_key="tok_test", base_url="http://127.0.0.1:9/api/ext")
    sync_client = TokPortal(api_key="tok_test", base_url="http://127.0.0.1:9/api/ext")
    with sync_client:
        yield async_client, sync_client


def public_surface(clients: tuple[AsyncTokPortal, TokPortal]) -> list[tuple[str, Any]]:
    objects: list[tuple[str, Any]] = []
    for module_name in PUBLIC_MODULES:
        module = importlib.import_module(module_name)
        objects.append((module_name, module))
        objects += list(module_public(module))
    for client in clients:
        for path, resource in resources(client):
            objects.append((f"{type(client).__name__}: {path}", type(resource)))
    return objects


def test_the_surface_is_what_users_reach(clients: tuple[AsyncTokPortal, TokPortal]) -> None:
    names = {name for name, _ in public_surface(clients)}
    for expected in (
        "tokportal.AsyncTokPortal",
        "tokportal.models.Bundle",
        "tokportal.errors.ConsentRequiredError",
        "tokportal.webhooks.construct_event",
        "tokportal.testing.Emulator",
        "tokportal.testing.pytest_plugin.tokportal_client",
        "AsyncTokPortal: client.bundles.videos",
        "TokPortal: client.comments",
    ):
        assert expected in names
    assert len(names) > 200


def test_every_public_symbol_has_a_docstring(clients: tuple[AsyncTokPortal, TokPortal]) -> None:
    missing = missing_docstrings(public_surface(clients))
    assert missing == [], f"{len(missing)} public symbols without a docstring: {missing}"


def test_the_check_sees_a_missing_docstring() -> None:
    class Documented:
        """Has one."""

        def method(self) -> None:
            """Has one too."""

    class Undocumented:
        def method(self) -> None:
            pass

        @property
        def value(self) -> int:
            return 1

    for cls in (Documented, Undocumented):
        cls.__module__, cls.__qualname__ = "tokportal.fake", cls.__name__

    def function() -> None:
        pass

    found = missing_docstrings(
        [
            ("tokportal.fake.Documented", Documented),
            ("tokportal.fake.Undocumented", Undocumented),
            ("tokportal.fake.function", function),
        ]
    )
    assert found == [
        "tokportal.fake.Undocumented",
        "tokportal.fake.Undocumented.method",
        "tokportal.fake.Undocumented.value",
        "tokportal.fake.function",
    ]


@pytest.mark.parametrize("client_index", [0, 1], ids=["async", "sync"])
def test_every_typed_method_names_its_operation_id(
    clients: tuple[AsyncTokPortal, TokPortal], client_index: int
) -> None:
    client = clients[client_index]
    unnamed = []
    for operation in OPERATIONS.values():
        assert operation.method_name is not None
        target: Any = client
        for part in operation.method_name.split("."):
            target = getattr(target, part)
        if f"``{operation.operation_id}``" not in (target.__doc__ or ""):
            unnamed.append(f"client.{operation.method_name} ({operation.operation_id})")
    assert unnamed == []


# -- the reference documents the whole surface --------------------------------------------------

_DIRECTIVE = re.compile(r"^\.\. (auto\w+):: (\S+)((?:\n   .*)*)", re.M)


def reference_directives() -> list[tuple[str, str, str]]:
    found = []
    for page in sorted(REFERENCE.glob("*.md")):
        found += _DIRECTIVE.findall(page.read_text(encoding="utf-8"))
    return found


def _resolve(target: str) -> Any:
    parts = target.split(".")
    for cut in range(len(parts), 0, -1):
        try:
            obj: Any = importlib.import_module(".".join(parts[:cut]))
        except ImportError:
            continue
        for attribute in parts[cut:]:
            obj = getattr(obj, attribute)
        return obj
    raise ImportError(target)


def documented_objects() -> set[int]:
    """``id()`` of every object a reference page documents (a name the SDK re-exports, such
    as ``tokportal.NotFoundError``, is the same object as ``tokportal.errors.NotFoundError``)."""
    found: set[int] = set()
    for kind, target, options in reference_directives():
        obj = _resolve(target)  # a directive naming nothing fails here, as the build would
        found.add(id(obj))
        if kind == "automodule":
            excluded = re.search(r":exclude-members: (.*)", options)
            skip = set(excluded.group(1).replace(",", " ").split()) if excluded else set()
            for name, member in module_public(obj):
                if name.rpartition(".")[2] not in skip:
                    found.add(id(member))
    return found


def test_the_reference_documents_every_public_class_and_function(
    clients: tuple[AsyncTokPortal, TokPortal],
) -> None:
    documented = documented_objects()
    undocumented = [
        name
        for name, obj in public_surface(clients)
        if (isinstance(obj, type) or inspect.isfunction(obj)) and id(obj) not in documented
    ]
    assert undocumented == [], f"not in docs/reference/: {undocumented}"
