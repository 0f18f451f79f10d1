"""``tokportal/models/_requests.py``: the request TypedDicts of ``tokportal/_spec/shapes.py``,
re-exported by the public model modules under the names users import."""

from __future__ import annotations

import ast
from collections.abc import Sequence

from tokportal._spec._schema import Operation, Shape
from tokportal._spec.shapes import SHAPES

from . import header

TARGET = "tokportal/models/_requests.py"
FIXED = {
    "dt": "import datetime as dt",
    "Any": "from typing import Any",
    "Sequence": "from collections.abc import Sequence",
    "Mapping": "from collections.abc import Mapping",
}
BUILTINS = frozenset({"str", "int", "float", "bool", "None"})


def _import(name: str) -> str:
    if name in FIXED:
        return FIXED[name]
    import tokportal.models._enums as enums

    if hasattr(enums, name):
        return f"from ._enums import {name}"
    raise SystemExit(f"a request shape names {name!r}: only leaf types (_enums) may be used")


def _shape(shape: Shape, imports: set[str]) -> str:
    for field in shape.fields:
        for node in ast.walk(ast.parse(field.annotation, mode="eval")):
            if isinstance(node, ast.Name) and node.id not in BUILTINS:
                imports.add(_import(node.id))
    required = [f for f in shape.fields if f.required]
    optional = [f for f in shape.fields if not f.required]
    base = f"_{shape.name}Required"
    doc = "\n    ".join(shape.doc.split("\n")).replace("\n    \n", "\n\n")
    closing = "\n    " if "\n" in shape.doc else ""
    lines = [f"class {base}(TypedDict):\n"]
    lines += [f"    {f.name}: {f.annotation}\n" for f in required] or ["    pass\n"]
    lines.append(f"\n\nclass {shape.name}({base}, total=False):\n")
    lines.append(f'    """{doc}{closing}"""\n\n')
    lines += [f"    {f.name}: {f.annotation}\n" for f in optional]
    return "".join(lines)


def emit(operations: Sequence[Operation]) -> dict[str, str]:
    imports: set[str] = {"from typing import TypedDict"}
    classes = [_shape(shape, imports) for shape in SHAPES]
    text = [
        header(),
        '"""The request TypedDicts: the items of list fields, typed once in the operations spec\n'
        '(``tokportal/_spec/shapes.py``). Import them from their public modules."""\n\n',
        "from __future__ import annotations\n\n",
        *(line + "\n" for line in sorted(imports)),
        "\n\n",
        "\n\n".join(classes),
    ]
    return {TARGET: "".join(text)}
