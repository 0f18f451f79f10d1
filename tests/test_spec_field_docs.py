"""Every parameter is described once, in the operations spec (``Field.doc``), and the CLI's
option help carries that description.

The reference site shows the same descriptions (``docs/_ext/tokportal_docs.py``, tested in
``tests/test_docs_params.py``).
"""

from __future__ import annotations

import re

import pytest

from tests.cli.wire import run
from tokportal._spec import OPERATIONS, Field, Operation
from tokportal._spec.shapes import SHAPES
from tokportal.cli._commands_table import COMMANDS

FIELDS: list[tuple[str, Field]] = [
    *(
        (f"{op.id}.{field.name}", field)
        for op in OPERATIONS
        for field in (*op.query, *op.body, *op.local)
    ),
    *((f"{shape.name}.{field.name}", field) for shape in SHAPES for field in shape.fields),
]


def test_the_spec_has_fields_to_describe() -> None:
    # The groups users meet most are all there (a spec that lost them would pass vacuously).
    ids = {key.partition(".")[0] for key, _ in FIELDS}
    assert {
        "createBundle",
        "createBundlesBulk",
        "updateBundle",
        "listBundles",
        "addVideoSlots",
        "addEditSlots",
        "configureBundleAccount",
        "configureBundleVideo",
        "patchBundleVideo",
        "VideoSlotConfig",
        "listAccounts",
        "uploadVideoDirect",
        "uploadImage",
        "rewarmAccount",
        "createWebhookEndpoint",
        "updateWebhookEndpoint",
        "createCommentTasks",
        "getAnalyticsDashboard",
    } <= ids
    assert len(FIELDS) > 240


@pytest.mark.parametrize(("key", "field"), FIELDS, ids=[key for key, _ in FIELDS])
def test_every_field_has_one_short_sentence(key: str, field: Field) -> None:
    doc = field.doc
    assert doc, f"{key} has no Field.doc"
    assert "\n" not in doc and len(doc) <= 160, f"{key}: one short sentence, please"
    assert doc[0].isupper() or doc[0] in "`'\"", f"{key}: a sentence starts with a capital"
    assert doc.endswith((".", '"``.')), f"{key}: a sentence ends with a period"
    # A bound the field's own constraints state is shown from them (the docs site puts them
    # in words): the description does not say it again, so the two cannot drift apart.
    for bound in (field.minimum, field.maximum, field.min_length, field.max_length):
        if bound is not None and bound >= 2:
            assert not re.search(rf"\b{bound:g}\b", doc), f"{key} restates its bound {bound:g}"


@pytest.mark.parametrize("op", OPERATIONS, ids=[op.id for op in OPERATIONS])
def test_every_path_parameter_has_a_doc(op: Operation) -> None:
    for path in op.path:
        assert path.doc.endswith("."), f"{op.id}: {path.python} has no doc"


def test_the_cli_option_help_is_the_spec_description() -> None:
    docs = {(op.id, field.name): field.doc for op in OPERATIONS for field in (*op.query, *op.body)}
    checked = 0
    for _groups, _command, op_id, _method, _kind, _envelope, _help, params in COMMANDS:
        for _option, wire, location, _value, _required, _multiple, _choices, help_text in params:
            if location == "path":
                continue
            doc = docs[(op_id, wire)]
            # Rendered as click reads: code marks dropped, the period before the hints too.
            plain = doc.replace("``", "").rstrip(".")
            assert help_text.startswith(plain), (op_id, wire, help_text)
            checked += 1
    assert checked > 200


def test_bundles_create_help_shows_the_descriptions() -> None:
    done = run(["bundles", "create", "--help"])
    assert done.code == 0, done.stderr
    text = " ".join(done.stdout.split())
    assert "--bundle-type TEXT What is bought: a new account" in text
    assert "Video slots to buy, 2 credits each" in text
    assert "one of account_only, account_and_videos, videos_only [required]" in text
    # The option help is the spec's sentence joined to click's hints, not two sentences.
    assert ".;" not in text
