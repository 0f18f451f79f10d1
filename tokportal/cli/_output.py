"""How the CLI writes data: json, ndjson, table or csv, on stdout only.

Pure text functions over JSON values (no client, no httpx). ``Writer`` takes items one at a
time so ``--all`` streams: ndjson and json print each item as its page arrives; table and csv
need every row (column widths, header) and print at the end.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any, TextIO

CELL_WIDTH = 40


def payload(body: Any, envelope: str, *, whole: bool = False) -> Any:
    """What a command prints from a response body: the data, as the operation's envelope
    says where it is; ``whole`` keeps the siblings (a dry run's quote, credits charged)."""
    if not isinstance(body, Mapping) or "data" not in body or whole:
        return body
    data = body["data"]
    if envelope == "whole":
        return body
    if envelope.startswith(("list:", "items:")) and isinstance(data, Mapping):
        for key in envelope.split(":", 1)[1].split(","):
            if isinstance(data.get(key), list):
                return data[key]
    if envelope == "page" and isinstance(data, Mapping):
        for value in data.values():
            if isinstance(value, list):
                return value
    return data


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= CELL_WIDTH else text[: CELL_WIDTH - 1] + "…"


def _columns(rows: list[Mapping[str, Any]]) -> list[str]:
    columns: dict[str, None] = {}
    for row in rows:
        columns.update(dict.fromkeys(row))
    return list(columns)


def render_table(value: Any, max_width: int | None = None) -> tuple[str, int]:
    """A readable table: a list of objects as rows, one object as key/value lines. With
    ``max_width`` (a terminal's), empty columns go first, then the columns past the edge;
    returns the text and how many columns were left out."""
    if isinstance(value, Mapping):
        width = max((len(str(k)) for k in value), default=0)
        lines = [f"{k!s:<{width}}  {_short(_cell(v))}" for k, v in value.items()]
        return "\n".join(lines), 0
    if isinstance(value, list) and all(isinstance(v, Mapping) for v in value):
        if not value:
            return "(no items)", 0
        columns = _columns(value)
        cells = {c: [_short(_cell(row.get(c))) for row in value] for c in columns}
        widths = {c: max(len(c), *(len(v) for v in cells[c])) for c in columns}
        shown = columns
        if max_width is not None:
            # Empty columns and copies of an earlier one (bundle_id beside id) say nothing.
            shown = []
            for c in columns:
                if any(cells[c]) and all(cells[c] != cells[k] for k in shown):
                    shown.append(c)
            shown = shown or columns[:1]
            kept: list[str] = []
            used = 0
            for c in shown:
                if kept and used + 2 + widths[c] > max_width:
                    break
                kept.append(c)
                used += (2 if used else 0) + widths[c]
            shown = kept
        lines = ["  ".join(c.upper().ljust(widths[c]) for c in shown).rstrip()]
        lines += [
            "  ".join(cells[c][i].ljust(widths[c]) for c in shown).rstrip()
            for i in range(len(value))
        ]
        return "\n".join(lines), len(columns) - len(shown)
    if isinstance(value, list):
        return "\n".join(_cell(v) for v in value), 0
    return _cell(value), 0


def render_csv(value: Any) -> str:
    rows = value if isinstance(value, list) else [value]
    buffer = io.StringIO()
    if all(isinstance(r, Mapping) for r in rows):
        columns = _columns(rows)
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([_cell(r.get(c)) for c in columns] for r in rows)
    else:
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerows([_cell(r)] for r in rows)
    return buffer.getvalue()


def _json(value: Any, indent: int | None = 2) -> str:
    return json.dumps(value, indent=indent, ensure_ascii=False)


class Writer:
    """Writes one value, or a stream of items (``--all``), in one format."""

    def __init__(self, stream: TextIO, fmt: str, *, max_width: int | None = None) -> None:
        self.stream = stream
        self.fmt = fmt
        self.max_width = max_width
        self.hidden_columns = 0
        self._held: list[Any] = []
        self._count = 0

    def _out(self, text: str) -> None:
        self.stream.write(text)
        self.stream.flush()

    def value(self, value: Any) -> None:
        if isinstance(value, str):  # a text answer (CSV or HTML export): as it came
            self._out(value if value.endswith("\n") or not value else value + "\n")
        elif self.fmt == "json":
            self._out(_json(value) + "\n")
        elif self.fmt == "ndjson":
            for item in value if isinstance(value, list) else [value]:
                self._out(_json(item, None) + "\n")
        elif self.fmt == "csv":
            self._out(render_csv(value))
        else:
            text, self.hidden_columns = render_table(value, self.max_width)
            self._out(text + "\n")

    def items(self, items: Iterable[Any]) -> int:
        """Write items as they come; returns how many."""
        if self.fmt == "ndjson":
            for item in items:
                self._out(_json(item, None) + "\n")
                self._count += 1
        elif self.fmt == "json":
            self._out("[")
            for item in items:
                indented = _json(item).replace("\n", "\n  ")
                self._out(("," if self._count else "") + "\n  " + indented)
                self._count += 1
            self._out("\n]\n" if self._count else "]\n")
        else:
            for item in items:
                self._held.append(item)
                self._count += 1
            self.value(self._held)
        return self._count
