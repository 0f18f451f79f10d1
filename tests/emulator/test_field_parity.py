"""The client and the emulator accept and refuse the same requests, for every operation with a
query or a JSON body.

Hypothesis draws wire-level bodies from the spec's field table: valid ones, then the same
with one field broken (one constraint at a time, a wrong JSON type, a null, a missing required
field). Each goes through the typed method of the sync client wired in-process to an
emulator (the client's own checks: the hand-written cross-field rules and the table), and,
when the client refuses, as raw JSON straight to the emulator. Both must refuse, naming the
same field; when the client sends, the emulator must not answer ``400`` on a field. The world
(``tests/cases/e2e_world.py``) holds every path id; writes are dry runs so its state stays.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from tests.cases.e2e_world import World, build_world, new_emulator
from tokportal import APIStatusError, InvalidRequestError, TokPortal
from tokportal._core import _field_table
from tokportal._operations import OPERATIONS as TABLE
from tokportal._spec import OPERATIONS as SPEC

SPEC_BY_ID = {op.id: op for op in SPEC}
CHECKED = sorted(set(_field_table.QUERY) | set(_field_table.BODY))
BASE_URL = "https://app.tokportal.com/api/ext"
SAFE = st.characters(min_codepoint=0x21, max_codepoint=0x7E)
# Rules only the server can apply: they depend on its state or on a set of values it knows
# and the client leaves open (API.md §1.11). The client sends such a request as given.
SERVER_ONLY = {
    ("configureBundleAccount", "link_in_bio"): "Instagram only: the bundle's platform is state",
    ("createAccountEditRequest", "requested_link_in_bio"): "Instagram only, as above",
    ("createCommentTasks", "comment_text"): "150 characters on TikTok: the account's platform",
    ("createWebhookEndpoint", "events[0]"): "the event catalog is the server's; names are open",
    ("updateWebhookEndpoint", "events[0]"): "as above",
    ("listAccountVideoAnalytics", "sort_by"): "undocumented values, known to the server",
    ("listAccountVideoAnalytics", "sort_order"): "as above",
    ("addEditSlots", "quantity"): "edit slots may not outnumber the bundle's video slots (state)",
    ("addVideoSlots", "quantity"): "a bundle holds at most 500 slots (state)",
    ("createBundle", "country"): "the open countries are the server's (GET /countries)",
    ("createBundle", "platform"): "videos_only: must be the account's platform (state)",
    ("createBundle", "videos_quantity"): "the emulator gives account_only no slots (undocumented)",
    ("createBundle", "wants_advanced_warming"): "videos_only: the emulator sends warming to rewarm",
    ("createBundlesBulk", "country"): "as above",
    ("createBundlesBulk", "platforms"): "the emulator refuses a repeated platform (undocumented)",
    ("configureBundleVideo", "video_url"): "the emulator wants media for a video (undocumented)",
    ("configureBundleVideo", "carousel_images"): "and images for a carousel (undocumented)",
    ("configureBundleVideo", "tiktok_sound_url"): "required on TikTok carousels: the platform",
    ("configureBundleVideo", "instagram_content_type"): "required on Instagram: the platform",
    (
        "patchBundleVideo",
        "target_publish_end_date",
    ): "the emulator wants end >= start (undocumented)",
    ("reactivateAccountManagedSubscription", "expected_current_period_end"): "must echo the quote",
    ("reactivateAccountManagedSubscription", "expected_credits"): "must echo the quote",
    ("reactivateAccountManagedSubscription", "expected_lock_version"): "must echo the quote",
}


# Values for fields naming things of the server's world (a country it sells, an account it
# holds): drawn from the world, so the draw reaches the rules under test.
def hints(w: World) -> dict[str, st.SearchStrategy[Any]]:
    return {
        "country": st.just("USA"),
        "saved_account_id": st.just(w.account_id),
        "account_id": st.just(w.account_id),
        "bundle_id": st.just(w.draft_bundle_id),
    }


# Each operation gets this many drawn requests (x2 calls): bounded for CI.
EXAMPLES = 8


@pytest.fixture(scope="module")
def world() -> Iterator[World]:
    emu = new_emulator()
    try:
        yield build_world(emu)
    finally:
        emu.close()


def path_ids(w: World) -> dict[str, Any]:
    return {
        "bundle_id": w.draft_bundle_id,
        "position": 2,
        "account_id": w.account_id,
        "webhook_id": w.webhook_id,
        "delivery_id": w.delivery_id,
        "session_id": w.warming_session_id,
        "task_id": w.comment_task_id,
        "video_id": w.video_ids[0],
        "post_id": w.video_ids[0],
    }


# ---------------------------------------------------------------------------- drawing values


def text(rule: dict[str, Any], *, blank_ok: bool = True) -> st.SearchStrategy[str]:
    if rule.get("pattern"):
        low, high = rule.get("min_length", 1), rule.get("max_length", 24)
        return st.text(st.sampled_from("abcXYZ09_."), min_size=low, max_size=min(high, 24))
    low = max(rule.get("min_length", 0), 1 if rule.get("not_blank") else 0)
    high = min(rule.get("max_length", low + 20), low + 20)
    return st.text(SAFE, min_size=max(low, 1), max_size=max(high, 1))


def valid(rule: dict[str, Any]) -> st.SearchStrategy[Any]:
    kind = rule["kind"]
    if kind == "str":
        return text(rule)
    if kind == "choice":
        return st.sampled_from(rule["choices"]) if rule.get("choices") else text(rule)
    if kind == "url":
        return st.builds("https://example.com/{}".format, st.text("abc123", max_size=8))
    if kind == "https":
        return st.builds("https://hooks.example.com/{}".format, st.text("abc", max_size=6))
    if kind == "int":
        low = rule.get("minimum", 0)
        high = rule.get("maximum", low + 20)
        step = rule.get("multiple_of", 1)
        return st.integers(-(-low // step), high // step).map(lambda n: n * step)
    if kind == "bool":
        return st.booleans()
    if kind == "date":
        return st.integers(10, 60).map(
            lambda d: (dt.date(2026, 6, 1) + dt.timedelta(d)).isoformat()
        )
    if kind == "datetime":
        return st.sampled_from(["2026-05-01", "2026-05-01T10:00:00Z", "2026-05-20T08:30:00+02:00"])
    if kind == "object":
        return st.dictionaries(
            st.sampled_from(["biography", "username"]), st.text(SAFE, max_size=5)
        )
    if kind == "list":
        return items(rule)
    return st.text(SAFE, max_size=5)


def item_rule(rule: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": rule.get("items") or "str"}
    for key in ("choices", "closed"):
        if key in rule:
            out[key] = rule[key]
    if "item_min_length" in rule:
        out["min_length"] = rule["item_min_length"]
    if "item_max_length" in rule:
        out["max_length"] = rule["item_max_length"]
    return out


def items(rule: dict[str, Any]) -> st.SearchStrategy[list[Any]]:
    low = rule.get("min_length", 0)
    high = min(rule.get("max_length", low + 3), low + 3)
    step = rule.get("multiple_of", 1)
    one = item_rule(rule)
    if one["kind"] == "object":
        element: st.SearchStrategy[Any] = st.just({})
    elif one["kind"] == "str" and "min_length" not in one:
        element = st.text("abcdefgh", min_size=1, max_size=8)
    else:
        element = valid(one)
    unique = rule.get("unique") or one["kind"] == "choice"
    if one["kind"] == "choice" and one.get("choices"):
        high = min(high, len(one["choices"]))
    count = st.integers(-(-low // step), max(high // step, -(-low // step))).map(lambda n: n * step)
    key = (lambda s: s.casefold() if isinstance(s, str) else json.dumps(s)) if unique else None
    return count.flatmap(
        lambda n: st.lists(element, min_size=n, max_size=n, unique_by=key)  # type: ignore[arg-type]
    )


def broken(rule: dict[str, Any]) -> list[Any]:
    """Values that break exactly one of ``rule``'s constraints (or its JSON type)."""
    kind = rule["kind"]
    bad: list[Any] = [] if rule.get("nullable") else [None]
    if kind in ("str", "choice", "url", "https"):
        bad += [5, True, ["x"], {"a": "b"}]
        if "max_length" in rule:
            bad.append("a" * (rule["max_length"] + 1))
        if rule.get("min_length", 0) > 1:
            bad.append("a" * (rule["min_length"] - 1))
        if rule.get("min_length", 0) == 1:
            bad.append("")
        if rule.get("not_blank"):
            bad.append("   ")
        if rule.get("pattern"):
            bad.append("bad-name")
        if rule.get("closed"):
            bad.append("zz_unknown")
        if kind == "url":
            bad.append("not a url")
        if kind == "https":
            bad.append("http://hooks.example.com/x")
    elif kind == "int":
        bad += ["5", 1.5, True, [1]]
        if "minimum" in rule:
            bad.append(rule["minimum"] - 1)
        if "maximum" in rule:
            bad.append(rule["maximum"] + 1)
        if rule.get("multiple_of", 1) > 1:
            bad.append(rule.get("minimum", 0) + 1)
    elif kind == "bool":
        bad += ["true", 1, [True]]
    elif kind == "date":
        bad += ["2030-02-30", "20300101", 20300101, "2030-01-01T10:00:00Z"]
    elif kind == "datetime":
        bad += ["yesterday", 5, "2026-13-01"]
    elif kind == "object":
        bad += ["x", [1]]
    elif kind == "list":
        bad += ["x", {"a": 1}]
        one = item_rule(rule)
        low, high = rule.get("min_length", 0), rule.get("max_length")
        filler = ["aa", "bb", "cc", "dd", "ee", "ff"] if one["kind"] == "str" else [{}] * 6
        if one["kind"] == "choice":
            filler = list(rule.get("choices", ["x"]))
        if low:
            bad.append(filler[: low - 1])
        if high is not None and high < 250:
            bad.append([filler[0] if one["kind"] != "str" else f"t{i}x" for i in range(high + 1)])
        if one["kind"] in ("str", "choice"):
            bad.append([5, *filler[1 : max(low, 1)]])
        if "item_min_length" in rule:
            bad.append(["a", *filler[1 : max(low, 1)]])
        if "item_max_length" in rule:
            bad.append(["a" * (rule["item_max_length"] + 1), *filler[1 : max(low, 1)]])
        if rule.get("unique"):
            bad.append(["aa", "AA", *filler[2 : max(low, 2)]])
        if rule.get("multiple_of", 1) > 1:
            bad.append(filler[: low + 1])
    return bad


@st.composite
def requests(
    draw: st.DrawFn, op_id: str, w: World
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]]:
    """(query, body, mutated-or-same as {"query":..., "body":...})."""
    q_rules = _field_table.QUERY.get(op_id, {})
    b_rules = _field_table.BODY.get(op_id, {})

    def fields(rules: dict[str, dict[str, Any]]) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for name, rule in rules.items():
            if rule.get("required") or draw(st.booleans()):
                out[name] = draw(hints(w).get(name, valid(rule)))
        return out

    query, body = fields(q_rules), fields(b_rules)
    targets = [("query", n, r) for n, r in q_rules.items()] + [
        ("body", n, r) for n, r in b_rules.items()
    ]
    where, name, rule = draw(st.sampled_from(targets))
    mutated: dict[str, Any] = {"query": dict(query), "body": dict(body), "field": name}
    # A query travels as text: only textual breaks reach the API there (a wrong Python type
    # is the client's own business). A required field cannot be left out of a typed call.
    bad = broken(rule) if where == "body" else query_breaks(rule)
    if bad:
        mutated[where][name] = draw(st.sampled_from(bad))
    return query, body, mutated


def query_breaks(rule: dict[str, Any]) -> list[Any]:
    kind = rule["kind"]
    if kind == "int":
        out = ["abc", "1.5"]
        out += [str(rule[k] + d) for k, d in (("minimum", -1), ("maximum", 1)) if k in rule]
        return out
    if kind == "bool":
        return ["maybe"]
    if kind == "list":
        # An empty list sends no key at all: on the wire it is the field left out.
        return [
            v
            for v in broken(rule)
            if isinstance(v, list) and v and all(isinstance(i, str) for i in v)
        ]
    return [v for v in broken(rule) if isinstance(v, str)]


# ---------------------------------------------------------------------------- the two sides


def call_client(
    client: TokPortal, w: World, op_id: str, query: dict[str, Any], body: dict[str, Any]
) -> tuple[str, Any]:
    """The typed method's outcome: ("refused", field), ("sent", (status, code, field)) or ("ok", None)."""
    op = SPEC_BY_ID[op_id]
    target: Any = client
    for part in op.method.split("."):
        target = getattr(target, part)
    ids = path_ids(w)
    kwargs: dict[str, Any] = {p.python: ids[p.python] for p in op.path}
    by_wire = {f.name: f for f in (*op.query, *op.body)}
    for name, value in {**query, **body}.items():
        kwargs[by_wire[name].python_name] = value
    if TABLE[op_id].method != "GET":
        kwargs["dry_run"] = True
    try:
        result = target(**kwargs)
        if (
            hasattr(result, "__iter__")
            and TABLE[op_id].method == "GET"
            and not isinstance(result, (dict, list))
        ):
            next(iter(result), None)  # a paginator sends on first use
    except InvalidRequestError as exc:
        # The client names the Python argument; the API, the wire name.
        field = exc.field or ""
        head, dot, rest = field.partition("[")
        wire = {f.python_name: f.name for f in (*op.query, *op.body)}.get(head, head)
        return "refused", wire + dot + rest
    except APIStatusError as exc:
        return "sent", (exc.status_code, exc.code, exc.details.get("field"))
    return "ok", None


def call_emulator(
    http: httpx.Client, w: World, op_id: str, query: dict[str, Any], body: dict[str, Any]
) -> httpx.Response:
    op = TABLE[op_id]
    ids = path_ids(w)
    spec = SPEC_BY_ID[op_id]
    path = op.path
    for p in spec.path:
        path = path.replace("{" + p.name + "}", str(ids[p.python]))
    pairs: list[tuple[str, str]] = []
    for name, value in query.items():
        for one in value if isinstance(value, list) else [value]:
            pairs.append((name, json.dumps(one) if not isinstance(one, str) else one))
    headers = {"X-TokPortal-Dry-Run": "true"} if op.method != "GET" else {}
    content = json.dumps(body).encode() if op.request_content_type else None
    if content is not None:
        headers["Content-Type"] = "application/json"
    return http.request(op.method, path, params=pairs, content=content, headers=headers)


def judge(
    client: TokPortal,
    http: httpx.Client,
    w: World,
    op_id: str,
    query: dict[str, Any],
    body: dict[str, Any],
    planted: str | None = None,
) -> bool:
    """Assert both sides agree on this request; True when the client let it through.

    ``planted`` is the field the draw broke on purpose: when a request breaks two rules, the
    client (hand-written cross-field rules first) and the emulator (the field table first)
    may each name a different one of them, and both are right to refuse.
    """
    outcome, detail = call_client(client, w, op_id, query, body)
    case = f"{op_id} query={query!r} body={body!r}"
    if outcome == "refused":
        response = call_emulator(http, w, op_id, query, body)
        if "]." in detail and response.status_code < 300:
            return False  # a batch item: the API judges each alone and reports it in the result
        assert 400 <= response.status_code < 500, (
            f"client refuses {detail}, emulator accepts: {case}"
        )
        error = response.json()["error"]
        named = error["details"].get("field", detail)  # the consent flow's 428 names none
        found_planted = planted is not None and (
            named == planted or named.startswith((planted + "[", planted + "."))
        )
        if named != detail and not (found_planted or (op_id, named) in SERVER_ONLY):
            raise AssertionError(
                f"client refuses {detail}, emulator {error['code']} on {named}: {case}"
            )
        return False
    if outcome == "sent":
        status, code, field = detail
        if (op_id, field) in SERVER_ONLY or field in ("from", "to"):
            return True  # ("from", "to"): the emulator wants from <= to (undocumented)
        assert status != 400, f"client sends, emulator refuses {field} ({code}): {case}"
    return True


@pytest.mark.parametrize("op_id", CHECKED)
def test_client_and_emulator_agree(world: World, op_id: str) -> None:
    with (
        TokPortal(
            api_key=world.emu.api_key, transport=world.emu.transport, rate_limit=None, max_retries=0
        ) as client,
        httpx.Client(
            transport=world.emu.transport,
            base_url=BASE_URL,
            headers={"X-API-Key": world.emu.api_key},
        ) as http,
    ):

        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            phases=(Phase.explicit, Phase.reuse, Phase.generate),
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        )
        @given(requests(op_id, world))
        def agree(drawn: tuple[dict[str, Any], dict[str, Any], dict[str, Any]]) -> None:
            query, body, mutated = drawn
            if judge(client, http, world, op_id, query, body):
                judge(
                    client, http, world, op_id, mutated["query"], mutated["body"], mutated["field"]
                )

        agree()


def test_a_batch_item_is_read_through_the_same_table(world: World) -> None:
    """Each item of a batch configure is checked like one configure call, and a broken one
    is reported per item, naming the field inside the item; the good item is configured."""
    day = (world.emu.now + dt.timedelta(days=20)).date().isoformat()
    good = {"position": 3, "video_type": "video", "target_publish_date": day}
    good |= {"description": "ok", "video_url": "https://example.com/v.mp4"}
    bad = {**good, "position": 4, "video_url": "not a url", "name": "n" * 201}
    with httpx.Client(
        transport=world.emu.transport,
        base_url=BASE_URL,
        headers={"X-API-Key": world.emu.api_key, "X-TokPortal-Dry-Run": "true"},
    ) as http:
        response = http.put(
            f"/bundles/{world.draft_bundle_id}/videos/batch", json={"videos": [good, bad]}
        )
    assert response.status_code == 200, response.text
    data = response.json()["data"]
    assert [v["position"] for v in data["configured"]] == [3]
    assert [(e["position"], e["code"], e["details"]["field"]) for e in data["errors"]] == [
        (4, "VALIDATION_ERROR", "videos[1].name")
    ]
