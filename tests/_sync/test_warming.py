# Generated from tests/_async/test_warming.py by scripts/generate_sync.py; do not edit.
"""Advanced Niche Warming: sessions with per-term reports, and the term rules."""

from __future__ import annotations

from typing import Any

import pytest

from tests._sync.local_refusals import MakeClient, refused
from tests.cases.warming import BAD_TERMS, GENERATE_TERMS_CASES, SESSION, TERMS
from tests.helpers import Recorder, ok
from tokportal.models.warming import GeneratedTerms, RewarmResult, WarmingSession


def test_session_reports_keep_unknowns_and_round_trip(make_client: MakeClient) -> None:
    with make_client(Recorder(ok(SESSION))) as client:
        session = client.warming.get_session("ws1")
    assert isinstance(session, WarmingSession)
    assert session.status == "running_backwards"
    assert (session.terms_total, session.terms_verified) == (3, 1)
    assert session.terms is not None
    report = session.terms[0]
    assert (report.term, report.videos_watched, report.keywords) == (
        "gym tips",
        12,
        ["gym", "tips"],
    )
    assert report.extra == {"proof_recording_url": "https://files.test/p.mp4"}
    assert session.extra == {"manager_timezone": "Europe/Paris"}
    assert session.to_dict() == SESSION


@pytest.mark.parametrize("data", [[SESSION], {"sessions": [SESSION]}])
def test_list_sessions_reads_either_shape(make_client: MakeClient, data: Any) -> None:
    with make_client(Recorder(ok(data))) as client:
        sessions = client.warming.list_sessions("sa1")
    assert [s.id for s in sessions] == ["ws1"]
    assert sessions.api_response is not None


def test_rewarm_returns_the_session_and_its_cost(make_client: MakeClient) -> None:
    body: dict[str, Any] = {"data": SESSION, "credits_charged": 15, "credits_remaining": 85}
    with make_client(Recorder(ok(**body))) as client:
        result = client.warming.rewarm("sa1", TERMS)
    assert isinstance(result, RewarmResult)
    assert result.credits_charged == 15
    assert result.session is not None and result.session.id == "ws1"
    assert result.to_dict() == body


def test_thirty_terms_of_fifty_characters_are_accepted(make_client: MakeClient) -> None:
    terms = [f"{i:02d}" + "x" * 48 for i in range(30)]
    recorder = Recorder(ok())
    with make_client(recorder) as client:
        client.warming.configure_terms("b1", terms)
    assert recorder.json() == {"advanced_warming_terms": terms}


@pytest.mark.parametrize("terms", BAD_TERMS)
def test_bad_bundle_terms_are_refused(make_client: MakeClient, terms: Any) -> None:
    error = refused(make_client, lambda c: c.warming.configure_terms("b1", terms))
    assert error.field.startswith("terms")  # the Python argument (advanced_warming_terms)


@pytest.mark.parametrize("terms", BAD_TERMS)
def test_bad_rewarm_terms_are_refused(make_client: MakeClient, terms: Any) -> None:
    error = refused(make_client, lambda c: c.warming.rewarm("sa1", terms))
    assert error.field.startswith("search_terms")


def test_generated_terms(make_client: MakeClient) -> None:
    raw = {"terms": TERMS, "language": "en"}
    with make_client(Recorder(ok(raw))) as client:
        generated = client.warming.generate_terms(text="Fitness for busy parents")
    assert isinstance(generated, GeneratedTerms)
    assert generated.terms == TERMS
    assert generated.extra == {"language": "en"}
    assert generated.to_dict() == raw


def test_generated_terms_as_a_bare_list(make_client: MakeClient) -> None:
    with make_client(Recorder(ok(TERMS))) as client:
        generated = client.warming.generate_terms(text="Fitness", count=3)
    assert generated.terms == TERMS
    assert generated.api_response is not None


@pytest.mark.parametrize(
    ("field", "kwargs"),
    GENERATE_TERMS_CASES,
)
def test_generate_terms_rules(make_client: MakeClient, field: str, kwargs: dict[str, Any]) -> None:
    error = refused(make_client, lambda c: c.warming.generate_terms(**kwargs))
    assert error.field == field
