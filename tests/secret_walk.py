"""A walker that looks for secrets everywhere a user can look on an object.

It follows what a user (or a logger, or an error tracker) can reach from an error: its
``repr``, ``str``, ``args``, the printed traceback, every attribute and public property,
``__cause__``/``__context__``, and for httpx objects their URL, headers (raw, as a dict,
through ``.get`` and in their repr) and body. It reports the path of every string that
matches one of the patterns.
"""

from __future__ import annotations

import contextlib
import re
import traceback
from collections.abc import Iterable, Mapping
from typing import Any

import attrs
import httpx

from tokportal.errors import TokPortalError

# Shapes of secrets the suite uses: full API keys (tests/helpers.API_KEY and every emulator
# key), webhook signing secrets, presigned URLs' signatures and the emulator's storage tokens.
SECRET_PATTERNS = (
    re.compile(r"sk_[0-9a-f]{64}"),
    re.compile(r"whsec_[A-Za-z0-9_]{16,}"),
    re.compile(r"X-Amz-Signature=[0-9A-Za-z]{8,}", re.IGNORECASE),
    re.compile(r"/_emulator/storage/[A-Za-z0-9]{16,}"),
)

# A literal that every match of the pattern contains (for the case-insensitive one, one with no
# case), so a text without it cannot match. ``in`` scans a 10 MB value (the refusal tests make
# them) in milliseconds; the case-insensitive regex takes a quarter of a second per text.
_ANCHORS = dict(zip(SECRET_PATTERNS, ("sk_", "whsec_", "=", "/_emulator/storage/"), strict=True))

MAX_DEPTH = 12
_ATOMS = (int, float, complex, bool, type(None))


def find_secrets(
    obj: Any,
    *,
    needles: Iterable[str] = (),
    patterns: Iterable[re.Pattern[str]] = SECRET_PATTERNS,
    root: str = "exc",
) -> list[str]:
    """Where in ``obj`` a needle or a pattern shows up: ``["exc.__cause__.request.headers
    ['x-api-key'] -> sk_..."]``; empty when nothing does."""
    walker = _Walker([n for n in needles if n], list(patterns))
    walker.visit(obj, root, 0)
    return walker.hits


class _Walker:
    def __init__(self, needles: list[str], patterns: list[re.Pattern[str]]) -> None:
        self.needles = needles
        self.patterns = patterns
        self.hits: list[str] = []
        self.seen: set[int] = set()

    def text(self, value: str, path: str) -> None:
        for needle in self.needles:
            if needle in value:
                self.hits.append(f"{path} -> {needle[:12]}...")
        for pattern in self.patterns:
            anchor = _ANCHORS.get(pattern)
            if anchor is not None and anchor not in value:
                continue
            match = pattern.search(value)
            if match:
                self.hits.append(f"{path} -> {match.group(0)[:24]}...")

    def visit(self, obj: Any, path: str, depth: int) -> None:
        if isinstance(obj, str):
            self.text(obj, path)
            return
        if isinstance(obj, (bytes, bytearray, memoryview)):
            self.text(bytes(obj).decode("latin-1"), path)
            return
        if isinstance(obj, _ATOMS) or depth > MAX_DEPTH or id(obj) in self.seen:
            return
        self.seen.add(id(obj))
        self.text(_safe(repr, obj), f"repr({path})")
        if isinstance(obj, BaseException):
            self.exception(obj, path, depth)
        elif isinstance(obj, httpx.Request):
            self.request(obj, path, depth)
        elif isinstance(obj, httpx.Response):
            self.response(obj, path, depth)
        elif isinstance(obj, httpx.Headers):
            self.headers(obj, path)
        elif isinstance(obj, httpx.URL):
            self.text(str(obj), path)
        elif isinstance(obj, Mapping):
            for key, value in list(obj.items()):
                self.visit(key, f"{path}.keys()", depth + 1)
                self.visit(value, f"{path}[{key!r}]", depth + 1)
        elif isinstance(obj, (list, tuple, set, frozenset)):
            for n, item in enumerate(list(obj)):
                self.visit(item, f"{path}[{n}]", depth + 1)
        elif attrs.has(type(obj)):
            for field in attrs.fields(type(obj)):
                self.visit(getattr(obj, field.name, None), f"{path}.{field.name}", depth + 1)
        elif hasattr(obj, "__dict__") and not isinstance(obj, type):
            self.attributes(obj, path, depth)

    def exception(self, exc: BaseException, path: str, depth: int) -> None:
        self.text(_safe(str, exc), f"str({path})")
        self.text("".join(traceback.format_exception(exc)), f"traceback({path})")
        self.visit(exc.args, f"{path}.args", depth + 1)
        self.visit(getattr(exc, "__notes__", None), f"{path}.__notes__", depth + 1)
        self.attributes(exc, path, depth)
        if isinstance(exc, TokPortalError):
            self.properties(exc, path, depth)
        self.visit(exc.__cause__, f"{path}.__cause__", depth + 1)
        self.visit(exc.__context__, f"{path}.__context__", depth + 1)

    def attributes(self, obj: Any, path: str, depth: int) -> None:
        for name, value in list(vars(obj).items()):
            self.visit(value, f"{path}.{name}", depth + 1)

    def properties(self, obj: Any, path: str, depth: int) -> None:
        """Public properties (``consent_quote``, ``disclosure``...): what a user would read."""
        for name in dir(type(obj)):
            if name.startswith("_") or not isinstance(getattr(type(obj), name), property):
                continue
            try:
                value = getattr(obj, name)
            except Exception:  # a property that does not apply to this error
                continue
            self.visit(value, f"{path}.{name}", depth + 1)

    def request(self, request: httpx.Request, path: str, depth: int) -> None:
        self.text(request.method, f"{path}.method")
        self.text(str(request.url), f"{path}.url")
        self.headers(request.headers, f"{path}.headers")
        with contextlib.suppress(httpx.RequestNotRead):
            self.text(request.content.decode("latin-1"), f"{path}.content")
        self.visit(dict(request.extensions), f"{path}.extensions", depth + 1)

    def response(self, response: httpx.Response, path: str, depth: int) -> None:
        self.headers(response.headers, f"{path}.headers")
        with contextlib.suppress(httpx.ResponseNotRead):
            self.text(response.content.decode("latin-1"), f"{path}.content")
        request = response._request  # the property raises when there is none
        if request is not None:
            self.visit(request, f"{path}.request", depth + 1)

    def headers(self, headers: httpx.Headers, path: str) -> None:
        self.text(repr(headers), f"repr({path})")
        for name, value in headers.raw:
            self.text(value.decode("latin-1"), f"{path}.raw[{name.decode('latin-1')!r}]")
        for name, value in dict(headers).items():
            self.text(value, f"{path}[{name!r}]")
            self.text(headers.get(name) or "", f"{path}.get({name!r})")
        for name, value in headers.items():
            self.text(value, f"{path}.items()[{name!r}]")


def _safe(function: Any, obj: Any) -> str:
    try:
        return str(function(obj))
    except Exception as exc:  # a broken repr must not hide the rest of the walk
        return f"<{function.__name__} raised {type(exc).__name__}>"
