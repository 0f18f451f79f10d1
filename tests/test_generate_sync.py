"""The sync twin generator (scripts/generate_sync.py) reads code, not text: it renames only
through its name map, keeps comments and strings, and drops what is marked async-only."""

from __future__ import annotations

import importlib.util
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _generator() -> ModuleType:
    path = ROOT / "scripts" / "generate_sync.py"
    spec = importlib.util.spec_from_file_location("generate_sync", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _generator()


def translate(source: str, name: str = "tokportal/_async/example.py") -> str:
    text = gen.translate(textwrap.dedent(source), name, gen.Usage())
    header, _, body = text.partition("\n")
    assert header == f"# Generated from {name} by scripts/generate_sync.py; do not edit."
    return str(body)


def test_keywords_go_and_names_follow_the_map() -> None:
    source = """
        async def fetch(client: AsyncTokPortal) -> None:
            async with client:  # the async client: closed on the way out
                async for page in client.bundles.list().iter_pages():
                    await client.aclose()
    """
    assert translate(source) == textwrap.dedent("""
        def fetch(client: TokPortal) -> None:
            with client:  # the async client: closed on the way out
                for page in client.bundles.list().iter_pages():
                    client.close()
    """)


def test_strings_and_comments_are_not_renamed() -> None:
    source = """
        # AsyncTokPortal awaits; aclose
        message = "await AsyncTokPortal.aclose() in tokportal._async"
        import tests._async.wire
    """
    assert translate(source) == textwrap.dedent("""
        # AsyncTokPortal awaits; aclose
        message = "await AsyncTokPortal.aclose() in tokportal._async"
        import tests._sync.wire
    """)


def test_async_only_statements_are_dropped_with_their_marker() -> None:
    # Blank lines around a dropped statement stay; ruff format tidies them afterwards.
    source = """
        import pytest

        pytestmark = pytest.mark.anyio  # async-only


        class Listing:
            def first_page(self) -> int:
                return 1

            # async-only: the why, which may take
            # more than one line.
            @staticmethod
            def __await__() -> None:
                pass

            def last(self) -> int:  # a comment that is no marker
                return 2
    """
    assert translate(source) == textwrap.dedent("""
        import pytest



        class Listing:
            def first_page(self) -> int:
                return 1


            def last(self) -> int:  # a comment that is no marker
                return 2
    """)


def test_a_marker_that_marks_nothing_is_an_error() -> None:
    with pytest.raises(SystemExit, match="marks no statement"):
        translate("x = 1\n# async-only\n\ny = 2\n")


def test_string_edits_apply_to_their_file_only_and_unused_entries_are_stale(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    edits = {"tokportal/_async/example.py": (('"the async client"', '"the blocking client"'),)}
    monkeypatch.setattr(gen, "STRING_EDITS", edits)
    monkeypatch.setattr(gen, "NAMES", {"AsyncTokPortal": "TokPortal", "aread": "read"})
    usage = gen.Usage()
    source = 'what = "the async client"  # the async client\nAsyncTokPortal\n'
    text = gen.translate(source, "tokportal/_async/example.py", usage)
    assert text.endswith('what = "the blocking client"  # the async client\nTokPortal\n')
    other = gen.translate(source, "tokportal/_async/other.py", usage)
    assert '"the async client"' in other
    assert usage.stale_entries() == ["unused name: 'aread'"]
    assert gen.Usage().stale_entries() == [
        "unused name: 'AsyncTokPortal'",
        "unused name: 'aread'",
        "unused string edit in tokportal/_async/example.py: '\"the async client\"'",
    ]


def test_every_map_entry_is_used_by_the_real_sources() -> None:
    usage = gen.Usage()
    for source in gen.plan().values():
        gen.translate(source.read_text(encoding="utf-8"), gen._relative(source), usage)
    assert usage.stale_entries() == []
    assert gen.missing_sources() == []
