"""Sphinx configuration of the tokportal-sdk documentation site.

Build it as CI does (warnings are errors, cross-references checked):

    python -m pip install -e ".[docs]"
    python -m sphinx -W --keep-going -n -b html docs docs/_build/html
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE / "_ext"))

from tokportal import __version__  # noqa: E402

project = "tokportal-sdk"
author = "tokportal-sdk developers"
copyright = "tokportal-sdk developers"
release = __version__
version = __version__

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "tokportal_docs",
]

source_suffix = {".md": "markdown"}
root_doc = "index"
exclude_patterns = ["_build", "_ext", "README.md"]
templates_path: list[str] = []

# Markdown pages stay plain GitHub Markdown (they run in the suite, tests/docs_snippets.py);
# heading anchors let `page.md#a-heading` links resolve, and are checked like any reference.
myst_heading_anchors = 4
myst_enable_extensions = ["colon_fence"]

# Every reference must resolve: an unknown class in a signature fails the build. What is left
# out is named here, by package, and only for packages we do not document (no network in CI
# to fetch their inventories).
nitpicky = True
nitpick_ignore_regex = [
    (r"py:.*", r"(httpx|anyio|attrs|cattrs|h11|sniffio|trio|pytest|_pytest)(\..*)?"),
    (r"py:.*", r"opentelemetry(\..*)?"),
    (r"py:.*", r"(typing|typing_extensions|collections\.abc|types|enum|os|io|pathlib)\..*"),
    (r"py:.*", r"(datetime|dt|decimal|uuid|logging|argparse|contextlib|asyncio)\..*"),
    (r"py:.*", r"(Path|PathLike|IO|BinaryIO|Buffer|Enum|StrEnum|Exception|ValueError)"),
    # Private helpers (a leading underscore) and type variables are not part of the surface:
    # a signature or a base class naming one shows it as text.
    (r"py:.*", r"tokportal(\.\w+)*\._\w+(\.\w+)*"),
    (r"py:.*", r"tokportal(\.\w+)*\.T"),
]

# The aliases the signatures use, shown under one name and linked to "Parameter types".
autodoc_type_aliases = {
    name: f"{module}.{name}"
    for module, names in {
        "tokportal._async.resources.analytics": ("DateLike", "OneOrMany", "PlatformFilter"),
        "tokportal._async.resources.webhooks": ("EventName",),
        "tokportal.bulk_uploads": ("FileProgress",),
        "tokportal._core.uploads": ("UploadFile", "Progress", "SupportsRead"),
        "tokportal._async.raw": ("AsyncRawResponseView",),
        "tokportal._sync.raw": ("RawResponseView",),
    }.items()
    for name in names
}

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_description_target = "all"
autodoc_typehints_format = "short"
autodoc_class_signature = "separated"
autodoc_default_options: dict[str, object] = {}
add_module_names = False
python_use_unqualified_type_names = True

html_theme = "furo"
html_title = f"tokportal-sdk {release}"
html_static_path: list[str] = []
html_show_sourcelink = False
html_copy_source = False
