"""facts_from_store reads the facts contract (DESIGN §8) back from a graph shaped as docs/model.md.

The fixture ``tests/fixtures/facts/fixture.trig`` is a hand-written build of one document with one
fact of every kind; ``expected.json`` is the record it must give, byte for byte once parsed.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.facts import FACT_KEYS, facts_from_store, facts_to_json

FIXTURES = Path(__file__).parent / "fixtures" / "facts"
DOC_KEY = "578f4363b34c4031"


def _fixture_text() -> str:
    return (FIXTURES / "fixture.trig").read_text(encoding="utf-8")


def _store(*trig: str) -> ox.Store:
    store = ox.Store()
    for text in trig:
        store.load(text, format=ox.RdfFormat.TRIG)
    return store


def _copies(n: int) -> str:
    """``n`` more documents: the fixture's document graph with new document keys, ids and fact IRIs."""
    text = _fixture_text()
    prefixes = text[: text.index("graph:reference")]
    body = text[text.index(f"graph:doc\\/{DOC_KEY}") :]
    graphs = []
    for i in range(n):
        copy = body.replace(DOC_KEY, f"{i:016x}").replace('"fix_0001"', f'"copy_{i:05d}"')
        for kind in ("tenure", "treaty-action", "event", "commitment", "appeal", "stance", "claim",
                     "derivation", "post", "interval"):
            copy = copy.replace(f"id:{kind}\\/", f"id:{kind}\\/{i:05d}")
        graphs.append(copy)
    return prefixes + "\n".join(graphs)


@pytest.fixture(scope="module")
def records() -> list[dict]:
    return facts_from_store(_store(_fixture_text()))


def test_facts_fixture_gives_expected_json(records):
    expected = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
    assert records == expected


def test_facts_json_keeps_contract_order_and_round_trips(records):
    text = facts_to_json(records)
    assert json.loads(text) == records
    head = ["id", "iri", "language", "published", "title", "source", "entities", "posts"]
    assert list(records[0])[:8] == head
    assert "\n  {\n    \"id\": \"fix_0001\"," in text


def test_facts_one_fact_of_every_kind(records):
    assert [len(records[0][kind]) for kind in FACT_KEYS] == [1] * len(FACT_KEYS)


def test_facts_evidence_is_the_derivation_with_smallest_begin(records):
    (stance,) = records[0]["stances"]
    assert stance["evidence"]["start"] == 0  # the other derivation starts at 261
    assert stance["stated_by"] == "Jane Doe" and stance["modality"] == "reported"


def test_facts_states_by_iso3_others_by_english_label(records):
    (event,) = records[0]["events"]
    assert event["host"] == "VNM"
    assert event["participants"] == ["EST", "United Nations Office on Drugs and Crime"]
    assert event["type"] == "SigningCeremony" and event["date"] == "2025-10"


def test_facts_label_falls_back_to_another_language(records):
    ngo = next(e for e in records[0]["entities"] if e["iri"].endswith("cyberpeace-institute"))
    assert (ngo["label"], ngo["type"]) == ("Institut CyberPeace", "NGO")


def test_facts_bare_document_sorted_first_with_empty_lists():
    bare = """
    PREFIX cdo: <https://w3id.org/cdkg/ontology#>
    PREFIX dcterms: <http://purl.org/dc/terms/>
    <https://w3id.org/cdkg/graph/doc/00000000000000aa> {
      <https://w3id.org/cdkg/id/doc/00000000000000aa> a cdo:SourceDocument ;
        dcterms:identifier "aaa" ; dcterms:language "fr" .
    }"""
    records = facts_from_store(_store(_fixture_text(), bare))
    assert [r["id"] for r in records] == ["aaa", "fix_0001"]
    assert records[0] == {
        "id": "aaa",
        "iri": "https://w3id.org/cdkg/id/doc/00000000000000aa",
        "language": "fr",
        "published": None,
        "title": None,
        "source": None,
        "entities": [],
        **{kind: [] for kind in FACT_KEYS},
    }


def test_facts_empty_store():
    assert facts_from_store(ox.Store()) == []


def test_facts_many_documents_sharing_entities_have_no_duplicates():
    """A person minted by every document is in every graph: no duplicates (its speed is measured
    in benchmarks/, not asserted here)."""
    n = 500
    store = _store(_fixture_text(), _copies(n))
    records = facts_from_store(store)
    assert len(records) == n + 1
    reference = records[-1]  # fix_0001 sorts after copy_*
    assert reference["id"] == "fix_0001"
    for record in records[:-1]:
        assert [e["label"] for e in record["entities"]] == [e["label"] for e in reference["entities"]]
        assert [len(record[kind]) for kind in FACT_KEYS] == [1] * len(FACT_KEYS)
