"""Map (method, path) to an operation of ``tokportal._operations.OPERATIONS``.

The operation table is the one place that knows the API's paths; this module only compiles its
templates. When several templates match, the one with more literal segments wins, so
``/bundles/{id}/videos/batch`` beats ``/bundles/{id}/videos/{position}``.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import unquote

import attrs

from ..._operations import OPERATIONS, Operation
from .http import ApiError

API_PREFIX = "/api/ext"


@attrs.frozen
class Template:
    operation: Operation
    segments: tuple[str | None, ...]  # None = a path parameter
    names: tuple[str, ...]

    @classmethod
    def compile(cls, operation: Operation) -> Template:
        segments: list[str | None] = []
        names: list[str] = []
        for part in operation.path.strip("/").split("/"):
            if part.startswith("{") and part.endswith("}"):
                segments.append(None)
                names.append(part[1:-1])
            else:
                segments.append(part)
        return cls(operation, tuple(segments), tuple(names))

    @property
    def literal_count(self) -> int:
        return sum(1 for s in self.segments if s is not None)

    def match(self, parts: list[str]) -> dict[str, str] | None:
        if len(parts) != len(self.segments):
            return None
        values: list[str] = []
        for want, got in zip(self.segments, parts, strict=True):
            if want is None:
                if not got:
                    return None
                values.append(unquote(got))
            elif want != got:
                return None
        return dict(zip(self.names, values, strict=True))


@attrs.frozen
class Route:
    operation: Operation
    params: Mapping[str, str]


class Router:
    def __init__(self, operations: Mapping[str, Operation] = OPERATIONS) -> None:
        by_shape: dict[tuple[str | None, ...], dict[str, Template]] = {}
        for op in operations.values():
            template = Template.compile(op)
            by_shape.setdefault(template.segments, {})[op.method] = template
        # Most specific shape first: more literal segments, then literals earlier in the path.
        self._shapes = sorted(
            by_shape.values(),
            key=lambda methods: _specificity(next(iter(methods.values()))),
        )

    def resolve(self, method: str, raw_path: str) -> Route:
        """The route for an API path (``/api/ext`` already stripped), or a 404/405 ApiError."""
        parts = raw_path.strip("/").split("/")
        for methods in self._shapes:
            params = next(iter(methods.values())).match(parts)
            if params is None:
                continue
            template = methods.get(method)
            if template is not None:
                return Route(template.operation, params)
            allowed = ", ".join(sorted(methods))
            raise ApiError(
                405,
                "METHOD_NOT_ALLOWED",
                f"{method} is not allowed on {raw_path}.",
                {"allowed_methods": sorted(methods)},
                headers={"Allow": allowed},
            )
        raise ApiError(
            404, "NOT_FOUND", f"No API route for {method} {raw_path}.", {"path": raw_path}
        )


def _specificity(template: Template) -> tuple[int, tuple[bool, ...]]:
    return (-template.literal_count, tuple(s is None for s in template.segments))


def strip_prefix(raw_path: str) -> str:
    if raw_path == API_PREFIX or raw_path.startswith(API_PREFIX + "/"):
        return raw_path[len(API_PREFIX) :] or "/"
    return raw_path
