"""The output formats as pure functions: payload extraction, table fitting, csv cells."""

from __future__ import annotations

import csv
import io

from tokportal.cli._output import payload, render_csv, render_table

ROWS = [
    {"id": "b1", "bundle_id": "b1", "title": None, "status": "published", "tags": ["a", "b"]},
    {"id": "b2", "bundle_id": "b2", "title": None, "status": "pending_setup", "tags": []},
]


def test_payload_follows_the_envelope() -> None:
    body = {"data": {"videos": [{"position": 1}]}, "credits_charged": 0}
    assert payload(body, "list:videos") == [{"position": 1}]
    assert payload(body, "whole") == body
    assert payload(body, "data") == {"videos": [{"position": 1}]}
    assert payload(body, "data", whole=True) == body  # a dry run keeps its quote
    assert payload({"data": {"bundles": [1, 2], "pagination": {}}}, "page") == [1, 2]
    assert payload("a,b\n1,2\n", "text") == "a,b\n1,2\n"


def test_a_table_shows_every_column_when_not_on_a_terminal() -> None:
    text, hidden = render_table(ROWS)
    assert hidden == 0
    header, first, _second = text.splitlines()
    assert header.split() == ["ID", "BUNDLE_ID", "TITLE", "STATUS", "TAGS"]
    assert first.split() == ["b1", "b1", "published", '["a","b"]']


def test_on_a_terminal_the_table_fits_and_says_what_it_left_out() -> None:
    text, hidden = render_table(ROWS, max_width=20)
    assert all(len(line) <= 20 for line in text.splitlines())
    assert text.splitlines()[0].split() == ["ID", "STATUS"]  # no copy of id, no empty title
    assert hidden == 3


def test_one_object_is_key_value_lines() -> None:
    text, _ = render_table({"credits": 962, "plan": "pro", "note": "x" * 100})
    assert text.splitlines()[0] == "credits  962"
    assert text.splitlines()[2].endswith("…") and len(text.splitlines()[2]) < 60


def test_csv_has_a_header_and_json_for_nested_cells() -> None:
    rows = list(csv.reader(io.StringIO(render_csv(ROWS))))
    assert rows[0] == ["id", "bundle_id", "title", "status", "tags"]
    assert rows[1] == ["b1", "b1", "", "published", '["a","b"]']
    assert list(csv.reader(io.StringIO(render_csv({"a": 1})))) == [["a"], ["1"]]
