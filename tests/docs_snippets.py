"""Run the Python blocks of README.md and docs/*.md, each in a fresh interpreter.

The convention (also in README.md, "Development"): a fenced ```` ```python ```` block runs as it
stands. What it needs from the reader's world comes from an HTML comment on the line just
before its fence, invisible once rendered::

    <!-- snippet: setup=async-client,bundle id=slots -->

Keys, in any order (a value with spaces goes in double quotes):

``setup=NAME[,NAME...]``
    named preludes (``PRELUDES`` below), run in order just before the block, in its namespace.
    They stand for what the reader already has: an emulator served on 127.0.0.1 with
    ``TOKPORTAL_BASE_URL``/``TOKPORTAL_API_KEY`` exported, a ``client``, a ``bundle_id``, media
    files, or their own helpers (``save_secret`` and the like).
``id=NAME`` / ``continues[=NAME]``
    a block that continues another (the previous Python block of the file, or the one with that
    id) runs after it, in the same interpreter and namespace, each with its own preludes.
``then=NAME[,NAME...]``
    named checks (``CHECKS`` below) run after the block, e.g. posting a signed delivery to the
    web handler the block defines.
``requires=MODULE[,MODULE...]``
    optional third-party modules (a web framework): the block is skipped, with that reason, when
    one cannot be imported. The SDK does not depend on them.
``pytest``
    the block is a pytest module (or several files, each introduced by a ``# path.py`` line):
    it is written to a temporary directory and run with ``python -m pytest`` there; every test
    must pass (a block with no test, such as a ``conftest.py``, must be collected cleanly).
``skip reason="..."``
    only for a block that cannot run at all (an API listing that is not a program).

A block with top-level ``await`` (or ``async with`` / ``async for``) is compiled with
``PyCF_ALLOW_TOP_LEVEL_AWAIT``, as ``python -m asyncio`` does, and awaited on one event loop
shared by the chain; other blocks run as plain module code, outside any loop. Code objects keep
the Markdown file name and line numbers, so a traceback points at ``README.md:<line>``.

While a block runs, an audit hook refuses any socket connection or name lookup that is not
loopback: no block can reach the network.

Used by tests/test_docs_snippets.py; run as a script (``python -c`` bootstrap) by it.
"""

from __future__ import annotations

import ast
import asyncio
import contextlib
import json
import re
import shlex
import sys
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = ("README.md", "docs/*.md")
PYTHON_FENCES = frozenset({"python", "py", "python3"})
DIRECTIVE_RE = re.compile(r"^\s*<!--\s*snippet:(?P<body>.*?)-->\s*$")
FENCE_RE = re.compile(r"^(?P<indent>\s*)(?P<fence>```+|~~~+)\s*(?P<info>[\w+-]*)")
FILE_HEADER_RE = re.compile(r"^# (?P<path>[\w./-]+\.py)\s*$")
KNOWN_KEYS = frozenset({"setup", "id", "continues", "then", "requires", "pytest", "skip", "reason"})


@dataclass(frozen=True)
class Block:
    """One fenced Python block: where it is, its text, and its directive."""

    path: Path  # absolute
    line: int  # 1-based line of the block's first code line
    code: str
    options: dict[str, str] = field(default_factory=dict)
    index: int = 0  # position among the Python blocks of its file

    @property
    def location(self) -> str:
        return f"{_shown(self.path)}:{self.line}"

    def names(self, key: str) -> list[str]:
        value = self.options.get(key, "")
        return [name for name in value.split(",") if name]

    @property
    def is_async(self) -> bool:
        """Top-level await / async with / async for: needs the asyncio REPL's compile flag."""
        try:
            compile(self.code, "<snippet>", "exec", dont_inherit=True)
        except SyntaxError:
            try:
                compile(
                    self.code,
                    "<snippet>",
                    "exec",
                    flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT,
                    dont_inherit=True,
                )
            except SyntaxError:
                return False
            return True
        return False


def _shown(path: Path) -> str:
    """A path as the reader knows it: relative to the repository when inside it."""
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


class DirectiveError(ValueError):
    """A ``<!-- snippet: ... -->`` comment this module does not understand."""


def parse_directive(text: str, where: str) -> dict[str, str]:
    try:
        words = shlex.split(text)
    except ValueError as exc:
        raise DirectiveError(f"{where}: cannot parse snippet directive: {exc}") from None
    options: dict[str, str] = {}
    for word in words:
        key, _, value = word.partition("=")
        if key not in KNOWN_KEYS:
            raise DirectiveError(f"{where}: unknown snippet key {key!r}")
        options[key] = value
    if "skip" in options and not options.get("reason"):
        raise DirectiveError(f'{where}: skip needs reason="..."')
    return options


def parse_markdown(path: Path) -> list[Block]:
    """Every Python block of one Markdown file, with the directive just before its fence."""
    lines = path.read_text(encoding="utf-8").splitlines()
    blocks: list[Block] = []
    i = 0
    while i < len(lines):
        match = FENCE_RE.match(lines[i])
        if match is None:
            i += 1
            continue
        fence, info = match.group("fence"), match.group("info").lower()
        start = i + 1
        end = start
        while end < len(lines) and not lines[end].strip().startswith(fence):
            end += 1
        if info in PYTHON_FENCES:
            options: dict[str, str] = {}
            previous = i - 1
            while previous >= 0 and not lines[previous].strip():
                previous -= 1
            directive = DIRECTIVE_RE.match(lines[previous]) if previous >= 0 else None
            where = f"{_shown(path)}:{previous + 1}"
            if directive is not None:
                options = parse_directive(directive.group("body"), where)
            blocks.append(
                Block(
                    path=path,
                    line=start + 1,
                    code="\n".join(lines[start:end]) + "\n",
                    options=options,
                    index=len(blocks),
                )
            )
        i = end + 1
    return blocks


def documents() -> list[Path]:
    found: list[Path] = []
    for pattern in DOCUMENTS:
        found.extend(sorted(ROOT.glob(pattern)))
    return found


def all_blocks() -> list[Block]:
    return [block for path in documents() for block in parse_markdown(path)]


def chain(block: Block, blocks: list[Block]) -> list[Block]:
    """The blocks to run for ``block``: what it continues (recursively), then itself."""
    same_file = [b for b in blocks if b.path == block.path]
    result = [block]
    current = block
    while "continues" in current.options:
        target = current.options["continues"]
        if target:
            matches = [b for b in same_file if b.options.get("id") == target]
            if len(matches) != 1:
                raise DirectiveError(f"{current.location}: continues={target!r} names no block")
            current = matches[0]
        else:
            if current.index == 0:
                raise DirectiveError(f"{current.location}: continues, but no block before it")
            current = same_file[current.index - 1]
        if current in result:
            raise DirectiveError(f"{block.location}: continues loops back")
        result.insert(0, current)
    return result


def pytest_files(block: Block) -> dict[str, str]:
    """A pytest block as files: split on ``# path.py`` lines, else one test module."""
    lines = block.code.splitlines(keepends=True)
    if not lines or FILE_HEADER_RE.match(lines[0]) is None:
        stem = block.path.stem.replace("-", "_")
        return {f"test_{stem}_{block.line}.py": block.code}
    files: dict[str, str] = {}
    current = ""
    for line in lines:
        header = FILE_HEADER_RE.match(line)
        if header is not None:
            current = header.group("path")
            files[current] = ""
        files[current] += line
    return files


# -- preludes and checks: what the reader's world already holds -----------------------------------

# Every prelude runs in the block's namespace. `_stack` (an ExitStack) and `_async_cleanups`
# (coroutine functions) are closed by the runner once the chain has finished.
PRELUDES: dict[str, str] = {
    # A TokPortal of your own on 127.0.0.1, in the environment the way a deployment sets it.
    # `_admin` is the preludes' own blocking client, used to build state before the block.
    "emulator": """
import os
from tokportal import TokPortal
from tokportal.testing import Emulator

emulator = _stack.enter_context(Emulator(seed=0, initial_credits=100_000))
os.environ["TOKPORTAL_BASE_URL"] = _stack.enter_context(emulator.serve())
os.environ["TOKPORTAL_API_KEY"] = emulator.api_key
_admin = _stack.enter_context(
    TokPortal(api_key=emulator.api_key, transport=emulator.transport, rate_limit=None)
)
""",
    # What "Using it" imported, for the sections' fragments that build their own client.
    "sdk-imports": """
from tokportal import AsyncTokPortal, TokPortal
""",
    # `client`: an AsyncTokPortal built from that environment (implies "emulator").
    "async-client": """
from tokportal import AsyncTokPortal

client = AsyncTokPortal()
_async_cleanups.append(client.aclose)
""",
    # `bundle_id`: an account + 5 videos TikTok bundle, nothing configured yet.
    "bundle": """
bundle_id = _admin.bundles.create(
    bundle_type="account_and_videos", platform="tiktok", country="USA", videos_quantity=5
).bundle.id
""",
    # The bundle's account set up (username, name, bio, picture), ready to publish once a
    # video slot is configured.
    "account-configured": """
_picture = _admin.uploads.image(
    b"\\xff\\xd8\\xff\\xe0-jpeg", bundle_id=bundle_id, purpose="profile_picture", filename="a.jpg"
)
_admin.bundles.account.configure(
    bundle_id,
    username="morning.routine",
    visible_name="Morning Routine",
    biography="Five minutes every morning",
    profile_picture_url=_picture.storage_path,
)
""",
    # Ready to publish: the account and video slot 1 configured.
    "bundle-ready": """
import datetime as _dt

_admin.bundles.videos.configure(
    bundle_id,
    1,
    video_type="video",
    target_publish_date=emulator.now.date() + _dt.timedelta(days=3),
    description="First video",
    video_url="https://cdn.example.com/first.mp4",
)
""",
    # `account_id` (a delivered account, active Coverage, its videos posted and approved),
    # `video_id` (one of its finalized videos), `account_ids` (it alone).
    "delivered-account": """
import datetime as _dt

_bundle = _admin.bundles.create(
    bundle_type="account_and_videos", platform="tiktok", country="USA", videos_quantity=2
).bundle.id
_picture = _admin.uploads.image(
    b"\\xff\\xd8\\xff\\xe0-jpeg", bundle_id=_bundle, purpose="profile_picture", filename="a.jpg"
)
_admin.bundles.account.configure(
    _bundle,
    username="fit.daily.old",
    visible_name="Fit Daily",
    biography="Workouts at home",
    profile_picture_url=_picture.storage_path,
)
for _position in (1, 2):
    _admin.bundles.videos.configure(
        _bundle,
        _position,
        video_type="video",
        target_publish_date=emulator.now.date() + _dt.timedelta(days=3),
        description=f"Workout {_position}",
        video_url="https://cdn.example.com/workout.mp4",
    )
_admin.bundles.publish(_bundle)
emulator.advance(hours=25)  # accepted, then the account comes in for review
_admin.bundles.account.finalize(_bundle)
emulator.advance(hours=60)  # the videos are posted and come in for review
for _position in (1, 2):
    _admin.bundles.videos.finalize(_bundle, _position)
account_id = _admin.bundles.get(_bundle).saved_account_id
video_id = _admin.bundles.videos.list(_bundle)[0].id
account_ids = [account_id]
""",
    # A ban report on the delivered account still waiting for TokPortal's decision, and the
    # watermark a poller keeps between runs.
    "ban-report": """
import datetime as _dt

emulator.ban_account(account_id, status="appeal_pending")  # no resolution decided yet
last_seen = _dt.datetime(2026, 1, 1, tzinfo=_dt.timezone.utc)
""",
    # Media files in the working directory (a temporary one) under the names the docs use.
    "media": """
from pathlib import Path as _Path

_video = b"\\x00\\x00\\x00\\x18ftypmp42" + bytes(2048)
_jpeg = b"\\xff\\xd8\\xff\\xe0" + bytes(512)
for _name in ("launch.mp4", "morning.mp4", "clip-1.mp4", "clip-2.mp4"):
    _Path(_name).write_bytes(_video)
for _name in ("me.jpg", "face.jpg"):
    _Path(_name).write_bytes(_jpeg)
clips = [_Path("clip-1.mp4"), _Path("clip-2.mp4")]
import datetime as _dt

_day = _dt.date.today() + _dt.timedelta(days=5)  # another day than the batch's (3 a day at most)
_Path("week3.csv").write_text(
    "position,video_type,description,target_publish_date,video_url\\n"
    f"3,video,Week 3 day 1,{_day},https://cdn.example.com/w3-1.mp4\\n"
    f"4,video,Week 3 day 2,{_day},https://cdn.example.com/w3-2.mp4\\n",
    encoding="utf-8",
)
""",
    # The campaign file of docs/campaigns.md as it stands there (its dates moved to come after
    # today, in the same order) and the media it names, in the working directory.
    "campaign-file": """
import datetime as _dt
import re as _re
import sys as _sys
from pathlib import Path as _Path

_page = (_sys.modules["_docs_snippets"].ROOT / "docs" / "campaigns.md").read_text("utf-8")
_toml = _re.search(r"```toml\\n(.*?)```", _page, _re.S).group(1)
_first = min(_dt.date.fromisoformat(d) for d in _re.findall(r"\\d{4}-\\d{2}-\\d{2}", _toml))
_shift = _dt.date.today() + _dt.timedelta(days=5) - _first
_toml = _re.sub(
    r"\\d{4}-\\d{2}-\\d{2}",
    lambda m: (_dt.date.fromisoformat(m.group(0)) + _shift).isoformat(),
    _toml,
)
_Path("spring-launch.toml").write_text(_toml, encoding="utf-8")
try:
    import tomllib as _tomllib
except ImportError:  # Python 3.10: the campaigns' own dependency
    import tomli as _tomllib
for _bundle in _tomllib.loads(_toml)["bundles"]:
    for _name in [_bundle["account"]["picture"], *(v["file"] for v in _bundle["videos"])]:
        _Path(_name).parent.mkdir(parents=True, exist_ok=True)
        _Path(_name).write_bytes(
            b"\\xff\\xd8\\xff\\xe0" + bytes(512)
            if _name.endswith(".jpg")
            else b"\\x00\\x00\\x00\\x18ftypmp42" + bytes(2048)
        )
""",
    # The reader's own helpers that the docs call but leave to them: a consent prompt that
    # says yes, a vault, a secret store.
    "your-helpers": """
def ask_owner(disclosure, expected_credit_cost):
    assert disclosure and expected_credit_cost is not None
    return True


class _Vault:
    def __init__(self):
        self.items = []

    def store(self, value):
        assert value
        self.items.append(value)


vault = _Vault()


def show_new_terms(quote):
    raise AssertionError(f"the terms changed: {quote!r}")


_secrets = {}


def save_secret(endpoint_id, secret):
    assert secret.startswith("whsec_")
    _secrets[endpoint_id] = secret


def store_secret(secret):
    assert secret.startswith("whsec_")
    _secrets["latest"] = secret


url = "https://www.tiktok.com/@someone/video/7300000000000000001"
""",
    # The webhook signing secret, exported the way the handler examples read it.
    "webhook-secret": """
import os

os.environ["TOKPORTAL_WEBHOOK_SECRET"] = "whsec_test"
os.environ["TOKPORTAL_WEBHOOK_SECRET_OLD"] = "whsec_old"
""",
    # The Flask example's queue and de-duplication store ("as above, backed by your database").
    "flask-helpers": """
_claimed = set()


def claim_once(event_id):
    if event_id in _claimed:
        return False
    _claimed.add(event_id)
    return True


class _Queue:
    def __init__(self):
        self.jobs = []

    def enqueue(self, func, *args):
        self.jobs.append((func, args))


queue = _Queue()


def process_event(event_id, event_type, data):
    pass
""",
    # `REDIS_URL`: a throwaway redis-server on 127.0.0.1 (the shared rate limiter's blocks).
    # Without the binary, a port where none listens: the limiter then keeps to its in-process
    # bucket, as documented, and the block still runs.
    "redis": """
import os, shutil, socket, subprocess, time

with socket.socket() as _sock:
    _sock.bind(("127.0.0.1", 0))
    _port = _sock.getsockname()[1]
os.environ["REDIS_URL"] = f"redis://127.0.0.1:{_port}/0"
if shutil.which("redis-server"):
    _redis = subprocess.Popen(
        ["redis-server", "--port", str(_port), "--bind", "127.0.0.1", "--save", ""],
        stdout=subprocess.DEVNULL,
    )
    _stack.callback(_redis.wait, 10)
    _stack.callback(_redis.terminate)
    for _ in range(500):
        try:
            socket.create_connection(("127.0.0.1", _port), timeout=0.5).close()
            break
        except OSError:
            time.sleep(0.01)
""",
    # Starlette's test client for the FastAPI app of the block this one continues.
    "fastapi-test-client": """
from fastapi.testclient import TestClient

test_client = _stack.enter_context(TestClient(app))
""",
}

# Preludes a prelude cannot do without, added before it.
PRELUDE_NEEDS: dict[str, tuple[str, ...]] = {
    "async-client": ("emulator",),
    "bundle": ("emulator",),
    "account-configured": ("bundle",),
    "bundle-ready": ("account-configured",),
    "delivered-account": ("emulator",),
    "ban-report": ("delivered-account",),
}

CHECKS: dict[str, str] = {
    # Every slot of the batch and every row of the CSV was taken, and the bundle went out.
    "slots-configured": """
assert result.failed_positions == [], result.failed_positions
assert report.imported == 2 and not report.errors, report
assert _admin.bundles.get(bundle_id).status == "published"
""",
    # The polling loop saw the pending ban and moved its watermark.
    "ban-seen": """
assert last_seen > _dt.datetime(2026, 1, 1, tzinfo=_dt.timezone.utc), last_seen
""",
    # The Flask handler answers what the docs say: 204 for a signed delivery (queued once,
    # also when redelivered) and 400 for a forged one.
    "flask-delivery": """
from tokportal.webhooks import EVENT_ID_HEADER, SIGNATURE_HEADER, sign

_body = b'{"id":"evt_1","type":"webhook.test","data":{}}'
_web = app.test_client()
for _ in range(2):
    _answer = _web.post(
        "/webhooks/tokportal",
        data=_body,
        headers={SIGNATURE_HEADER: sign(_body, "whsec_test"), EVENT_ID_HEADER: "evt_1"},
    )
    assert _answer.status_code == 204, _answer.status_code
assert [args for _, args in queue.jobs] == [("evt_1", "webhook.test", {})], queue.jobs
_forged = _web.post(
    "/webhooks/tokportal",
    data=_body.replace(b"{}", b'{"x":1}'),
    headers={SIGNATURE_HEADER: sign(_body, "whsec_test"), EVENT_ID_HEADER: "evt_1"},
)
assert _forged.status_code == 400, _forged.status_code
""",
    # The rotation helper takes deliveries signed with the new or the old secret, and no other.
    "rotation": """
from tokportal.webhooks import SIGNATURE_HEADER, sign

_body = b'{"id":"evt_9","type":"webhook.test","data":{}}'
for _secret in ("whsec_test", "whsec_old"):
    _event = construct_event_rotating(_body, {SIGNATURE_HEADER: sign(_body, _secret)})
    assert _event.id == "evt_9"
try:
    construct_event_rotating(_body, {SIGNATURE_HEADER: sign(_body, "whsec_other")})
except WebhookSignatureError:
    pass
else:
    raise AssertionError("a delivery signed with an unknown secret was accepted")
""",
}


def preludes_for(block: Block) -> list[str]:
    """The block's preludes with what they need first, each once."""
    ordered: list[str] = []

    def add(name: str) -> None:
        if name not in PRELUDES:
            raise DirectiveError(f"{block.location}: unknown setup {name!r}")
        for need in PRELUDE_NEEDS.get(name, ()):
            add(need)
        if name not in ordered:
            ordered.append(name)

    for name in block.names("setup"):
        add(name)
    return ordered


# -- the runner (in the fresh interpreter) -------------------------------------------------------

_LOOPBACK = frozenset({"127.0.0.1", "::1", "localhost", "testserver"})


def _loopback_only(event: str, args: tuple[Any, ...]) -> None:
    """Audit hook: refuse any connection or lookup that would leave this machine."""
    if event == "socket.connect":
        address = args[1]
        host = address[0] if isinstance(address, tuple) else None
        if host is not None and host not in _LOOPBACK:
            raise ConnectionRefusedError(f"docs snippet tried to reach {host!r}: not loopback")
    elif event == "socket.getaddrinfo":
        host = args[0]
        if isinstance(host, bytes):
            host = host.decode("ascii", "replace")
        if host is not None and host not in _LOOPBACK:
            raise ConnectionRefusedError(f"docs snippet tried to resolve {host!r}: not loopback")


def _compile_block(block: Block) -> Any:
    flags = ast.PyCF_ALLOW_TOP_LEVEL_AWAIT if block.is_async else 0
    tree = compile(
        block.code, str(block.path), "exec", flags=flags | ast.PyCF_ONLY_AST, dont_inherit=True
    )
    ast.increment_lineno(tree, block.line - 1)
    return compile(tree, str(block.path), "exec", flags=flags, dont_inherit=True)


def _compile_named(kind: str, name: str, source: str) -> Any:
    return compile(source, f"<{kind} {name}>", "exec", dont_inherit=True)


def run_chain(blocks: list[Block]) -> None:
    """Run preludes, blocks and checks in one namespace; raise what the first failure raised."""
    namespace: dict[str, Any] = {"__name__": "__main__", "__builtins__": __builtins__}
    cleanups: list[Any] = []
    loop = asyncio.new_event_loop()
    with contextlib.ExitStack() as stack:
        namespace["_stack"] = stack
        namespace["_async_cleanups"] = cleanups
        # Registered first, so it runs last: the loop outlives every client using it.
        stack.callback(loop.close)

        def close_async() -> None:
            for close in reversed(cleanups):
                loop.run_until_complete(close())

        stack.callback(close_async)
        done: set[str] = set()
        for block in blocks:
            for name in preludes_for(block):
                if name not in done:
                    exec(_compile_named("prelude", name, PRELUDES[name]), namespace)
                    done.add(name)
            code = _compile_block(block)
            # The emulator the preludes started must see the block's own calls: a block that
            # reaches it not at all (say, behind a false condition) proves nothing.
            emulator = namespace.get("emulator") if "emulator" in done else None
            before = len(emulator.requests) if emulator is not None else 0
            if block.is_async:
                result = eval(code, namespace)
                if asyncio.iscoroutine(result):
                    loop.run_until_complete(result)
            else:
                exec(code, namespace)
            if emulator is not None and len(emulator.requests) == before:
                raise AssertionError(f"{block.location}: the block sent no request to the emulator")
            for name in block.names("then"):
                exec(_compile_named("check", name, CHECKS[name]), namespace)


def main(argv: list[str]) -> int:
    """``argv``: a JSON list of ``[markdown path, block line]`` pairs, the chain in order."""
    wanted = [(Path(path), line) for path, line in json.loads(argv[0])]
    parsed = {path: parse_markdown(path) for path in {path for path, _ in wanted}}
    blocks = [next(b for b in parsed[path] if b.line == line) for path, line in wanted]
    sys.addaudithook(_loopback_only)
    try:
        run_chain(blocks)
    except BaseException:
        traceback.print_exc()
        return 1
    return 0


# The ``python -c`` bootstrap the test runs: loads this file by path (``tests/`` is not put on
# sys.path, so nothing in it shadows a module the block imports) and calls ``main``.
BOOTSTRAP = (
    "import importlib.util, sys\n"
    "spec = importlib.util.spec_from_file_location('_docs_snippets', sys.argv[1])\n"
    "module = importlib.util.module_from_spec(spec)\n"
    "sys.modules['_docs_snippets'] = module\n"
    "spec.loader.exec_module(module)\n"
    "sys.exit(module.main(sys.argv[2:]))\n"
)


if __name__ == "__main__":  # pragma: no cover - the test uses BOOTSTRAP
    sys.exit(main(sys.argv[1:]))
