"""The reference's parameter descriptions: ``docs/_ext/tokportal_docs.py`` turns each spec
field a method takes into a ``:param:`` field (description, required, constraints in words),
which autodoc merges with the signature's types. The built site is checked in
``tests/test_docs_site.py``; this file checks the extension itself (needs the ``docs`` extra).
"""

from __future__ import annotations

import dataclasses
import inspect
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from tokportal import AsyncTokPortal, TokPortal
from tokportal._spec import OPERATIONS, Field

pytest.importorskip("sphinx", reason="the docs extra is not installed: pip install -e '.[docs]'")

EXT = Path(__file__).resolve().parent.parent / "docs" / "_ext"
SPEC = {op.id: op for op in OPERATIONS}


@pytest.fixture(scope="module")
def ext() -> Iterator[ModuleType]:
    sys.path.insert(0, str(EXT))
    try:
        import tokportal_docs

        yield tokportal_docs
    finally:
        sys.path.remove(str(EXT))


def _field(op_id: str, name: str) -> Field:
    op = SPEC[op_id]
    (found,) = (f for f in (*op.query, *op.body, *op.local) if f.name == name)
    return found


def _signature(client: object, method: str) -> dict[str, inspect.Parameter]:
    target = client
    for part in method.split("."):
        target = getattr(target, part)
    return dict(inspect.signature(target).parameters)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("op_id", "name", "words"),
    [
        (
            "configureBundleAccount",
            "username",
            ["1 to 24 characters", "only ``[A-Za-z0-9_.]+``"],
        ),
        (
            "createBundle",
            "advanced_warming_terms",
            [
                "3 to 30 items",
                "a multiple of 3 items",
                "each 2 to 50 characters",
                "no item twice (case-insensitive)",
                "refused as ``ADVANCED_WARMING_TERMS``",
            ],
        ),
        ("listBundles", "per_page", ["1 to 100", "default ``100``"]),
        ("createBundle", "edits_quantity", ["at least 0"]),
        ("uploadImage", "purpose", ["one of ``carousel``, ``profile_picture``"]),
        ("createBundle", "bundle_type", ["``account_only``, ``account_and_videos``, "]),
        ("listAccountBans", "since", ["a ``datetime`` must carry its time zone"]),
        ("updateBundle", "title", ["at most 200 characters", "``None`` sends null"]),
        ("createWebhookEndpoint", "url", ["an ``https://`` URL"]),
        ("configureBundleVideo", "target_publish_date", ["a date (``YYYY-MM-DD``"]),
        ("listCommentTasks", "status", ["several values are sent joined by ``,``"]),
        ("generateWarmingTerms", "count", ["3 to 30", "a multiple of 3"]),
    ],
)
def test_constraints_in_words(ext: ModuleType, op_id: str, name: str, words: list[str]) -> None:
    said = ext.constraints_in_words(_field(op_id, name))
    for word in words:
        assert any(s.startswith(word) for s in said), (word, said)


def test_a_field_without_constraints_says_none(ext: ModuleType) -> None:
    assert ext.constraints_in_words(_field("createBundle", "country")) == []
    bare = dataclasses.replace(_field("createBundle", "title"), max_length=None)
    assert ext.constraints_in_words(bare) == []


@pytest.mark.parametrize("client_class", [AsyncTokPortal, TokPortal])
def test_every_parameter_of_bundles_create_is_described(
    ext: ModuleType, client_class: type
) -> None:
    client = client_class(api_key="sk_" + "0" * 64, base_url="http://127.0.0.1:9")
    parameters = _signature(client, "bundles.create")
    lines = ext.parameter_fields("createBundle", "create", parameters)
    op = SPEC["createBundle"]
    assert [line.split(":")[1] for line in lines] == [f"param {f.python_name}" for f in op.body]
    first = lines[0]
    assert first.startswith(":param bundle_type: *Required.* What is bought:")
    assert "*Constraints:* ``account_only``" in first and first.endswith(".")
    title = next(line for line in lines if line.startswith(":param title:"))
    assert "*Required.*" not in title
    assert title.endswith("*Constraints:* at most 200 characters.")
    country = next(line for line in lines if line.startswith(":param country:"))
    assert "Constraints" not in country


def test_only_the_parameters_the_method_takes(ext: ModuleType) -> None:
    # A method that names another operation in its docstring (a presigned-URL helper names
    # ``uploadVideo``) does not get that operation's parameters.
    assert ext.parameter_fields("uploadVideo", "video_via_presigned_url", {"filename": 1}) == []
    # Spec fields the signature lacks are left out; the Python name is used, not the wire one.
    lines = ext.parameter_fields(
        "getAnalyticsDashboard", "dashboard", {"date_from": 1, "platform": 1}
    )
    assert [line.split(":")[1] for line in lines] == ["param platform", "param date_from"]
    assert ext.parameter_fields("noSuchOperation", "create", {"title": 1}) == []


def test_path_parameters_are_described_first(ext: ModuleType) -> None:
    client = AsyncTokPortal(api_key="sk_" + "0" * 64, base_url="http://127.0.0.1:9")
    parameters = _signature(client, "bundles.videos.configure")
    lines = ext.parameter_fields("configureBundleVideo", "configure", parameters)
    assert lines[:3] == [
        ":param bundle_id: *Required.* The bundle's id.",
        ":param position: *Required.* The slot's position in the bundle, from 1.",
        ":param video_type: *Required.* What the slot posts: a video, a carousel of images, "
        "or a story. *Constraints:* ``video``, ``carousel``, ``story`` or a newer value.",
    ]
    assert len(lines) == 2 + len(SPEC["configureBundleVideo"].body)


def test_a_request_typeddict_gets_a_table_of_its_keys(ext: ModuleType) -> None:
    table = ext.key_table("VideoSlotConfig")
    assert table[1] == ".. list-table:: Keys"
    rows = [line for line in table if line.startswith("   * - ``")]
    assert rows[0] == "   * - ``position``"
    index = table.index("   * - ``video_type``")
    assert table[index + 1 : index + 4] == [
        "     - ``VideoType | str``",
        "     - yes",
        "     - What the slot posts: a video, a carousel of images, or a story. *Constraints:* "
        "``video``, ``carousel``, ``story`` or a newer value.",
    ]
    # Every key of the TypedDict users import is in the table, once.
    from tokportal.models import VideoSlotConfig

    assert sorted(r[len("   * - ``") : -2] for r in rows) == sorted(VideoSlotConfig.__annotations__)
    assert ext.key_table("Bundle") == []
