"""The blocking client's help speaks of the blocking client.

Its docstrings are generated from the async source (``scripts/generate_sync.py``), where they
are written for the async client; the generator rewrites them only where told to. This walks
what ``help()`` shows for every module of ``tokportal._sync`` (the client, its resources, the
paginator): the module docstrings and those of their classes and their public methods.

The rule: a sentence must not say ``async``, ``await`` (or ``awaits``/``awaited``/
``awaiting``) nor name an ``Async...`` class, unless it names ``AsyncTokPortal``: a sentence
that names the async client talks about it on purpose, in a comparison.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
import re
from collections.abc import Iterator

import tokportal._sync

ASYNC_WORDS = re.compile(r"\b(?:async|await(?:s|ed|ing)?)\b|\bAsync[A-Z]\w*", re.IGNORECASE)
NAMES_THE_ASYNC_CLIENT = "AsyncTokPortal"
SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n\s*\n")


def _sync_modules() -> list[str]:
    package = tokportal._sync
    names = [package.__name__]
    for module in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}."):
        names.append(module.name)
    return names


def _shown_by_help(name: str) -> bool:
    is_dunder = name.startswith("__") and name.endswith("__")
    return is_dunder or not name.startswith("_")


def _docstrings() -> Iterator[tuple[str, str]]:
    """(where, docstring) for every module, class and public method of the sync twin."""
    for module_name in _sync_modules():
        module = importlib.import_module(module_name)
        yield module_name, module.__doc__ or ""
        for class_name, cls in vars(module).items():
            if not inspect.isclass(cls) or cls.__module__ != module_name:
                continue
            yield f"{module_name}.{class_name}", cls.__doc__ or ""
            for name, member in vars(cls).items():
                if not _shown_by_help(name):
                    continue
                if isinstance(member, (staticmethod, classmethod)):
                    member = member.__func__
                if isinstance(member, (property, functools.cached_property)) or callable(member):
                    doc = getattr(member, "__doc__", None)
                    if doc and doc is not cls.__doc__:
                        yield f"{module_name}.{class_name}.{name}", doc


def _offending_sentences(doc: str) -> list[str]:
    return [
        " ".join(sentence.split())
        for sentence in SENTENCE_END.split(doc)
        if ASYNC_WORDS.search(sentence) and NAMES_THE_ASYNC_CLIENT not in sentence
    ]


def test_walks_the_client_the_paginator_and_the_resources() -> None:
    where = {place for place, _ in _docstrings()}
    assert "tokportal._sync.client.TokPortal" in where
    assert "tokportal._sync.client.TokPortal.request" in where
    assert "tokportal._sync.pagination.Paginator" in where
    assert "tokportal._sync.resources.bundles.Bundles.list" in where


def test_sync_docstrings_do_not_speak_of_async() -> None:
    offences = [
        f"{place}: {sentence}"
        for place, doc in _docstrings()
        for sentence in _offending_sentences(doc)
    ]
    assert not offences, "\n".join(offences)


def test_the_rule_flags_async_prose_and_spares_comparisons() -> None:
    assert _offending_sentences("``TokPortal``: the async client.")
    assert _offending_sentences("So does ``await``ing the listing.")
    assert _offending_sentences("A transport such as ``httpx.AsyncBaseTransport``.")
    assert not _offending_sentences("The blocking client. Status ``awaiting_selfie``.")
    assert not _offending_sentences("Unlike ``AsyncTokPortal``, it cannot run uploads at once.")
