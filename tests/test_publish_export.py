"""graph_builder.publish exports: every format parses back to the store's triples or quads.

Dataset formats (TriG, N-Quads, JSON-LD) must give back exactly the store's quads; Turtle and
N-Triples hold the union of the graphs, so they must give back its set of triples. The data has no
blank nodes, so comparing sets is comparing graphs.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Graph

from graph_builder.cli import main
from graph_builder.config import Config
from graph_builder.publish import export_build, jsonld_context, to_jsonld
from graph_builder.store import open_store

FORMATS = {
    "ttl": ox.RdfFormat.TURTLE,
    "trig": ox.RdfFormat.TRIG,
    "nt": ox.RdfFormat.N_TRIPLES,
    "nq": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
RDFLIB = {"ttl": "turtle", "trig": "trig", "nt": "nt", "nq": "nquads", "jsonld": "json-ld"}


@pytest.fixture(scope="module")
def expected(seed_build) -> tuple[set[ox.Quad], set[ox.Triple]]:
    store = open_store(seed_build[0] / "store", read_only=True)
    quads = set(store.quads_for_pattern(None, None, None))
    assert not any(isinstance(term, ox.BlankNode) for q in quads for term in (q.subject, q.object, q.graph_name))
    return quads, {q.triple for q in quads}


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_publish_export_parses_back_with_pyoxigraph(seed_build, expected, fmt: str, tmp_path: Path) -> None:
    out = tmp_path / f"graph.{fmt}"
    data = export_build(Config(build_dir=seed_build[0]), fmt, out)
    assert out.read_bytes() == data
    parsed = list(ox.parse(data, FORMATS[fmt]))
    quads, triples = expected
    if FORMATS[fmt].supports_datasets:
        assert set(parsed) == quads
    else:
        assert {q.triple for q in parsed} == triples
        assert len(parsed) == len(triples)  # each triple once


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_publish_export_parses_back_with_rdflib(seed_build, expected, fmt: str) -> None:
    data = export_build(Config(build_dir=seed_build[0]), fmt, None)
    dataset = Dataset()
    dataset.parse(data=data.decode("utf-8"), format=RDFLIB[fmt])
    store = ox.Store()
    store.load(dataset.serialize(format="nquads").encode("utf-8"), ox.RdfFormat.N_QUADS)
    quads, triples = expected
    if FORMATS[fmt].supports_datasets:
        assert set(store.quads_for_pattern(None, None, None)) == quads
    else:
        assert {q.triple for q in store.quads_for_pattern(None, None, None)} == triples


@pytest.mark.parametrize("fmt", ["nq", "jsonld"])
def test_publish_export_gzip_is_deterministic(seed_build, fmt: str) -> None:
    config = Config(build_dir=seed_build[0])
    first = export_build(config, fmt, None, compress=True)
    assert first[:2] == b"\x1f\x8b" and first[4:8] == b"\0\0\0\0"  # gzip, mtime 0
    assert export_build(config, fmt, None, compress=True) == first
    assert gzip.decompress(first) == export_build(config, fmt, None)


def test_publish_jsonld_is_compacted_with_the_published_context(seed_build) -> None:
    document = json.loads(export_build(Config(build_dir=seed_build[0]), "jsonld", None))
    assert document["@context"] == jsonld_context()
    graphs = {g["@id"]: g["@graph"] for g in document["@graph"]}
    assert "graph:reference" in graphs
    to_lam = next(n for n in graphs["graph:reference"] if n["@id"] == "id:person/to-lam")
    assert to_lam["@type"] == "Person"
    tenures = [n for g in graphs.values() for n in g if n.get("@type") == "Tenure"]
    assert tenures and all(t["post"].startswith("id:post/") for t in tenures if "post" in t)  # "@type": "@id" term
    assert any(t.get("org:member") == {"@id": "id:person/to-lam"} for t in tenures)


def test_publish_jsonld_keeps_values_that_do_not_fit_a_term_exact() -> None:
    cdo = "https://w3id.org/cdkg/ontology#"
    s = ox.NamedNode("https://w3id.org/cdkg/id/claim/1")
    quads = [
        ox.Quad(s, ox.NamedNode(cdo + "party"), ox.Literal("not an IRI")),  # an @id term given a string
        ox.Quad(s, ox.NamedNode(cdo + "figure"), ox.Literal("65", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))),
        ox.Quad(s, ox.NamedNode(cdo + "figure"), ox.Literal("sixty-five", language="en")),
        ox.Quad(s, ox.NamedNode(cdo + "confidence"), ox.NamedNode("https://example.org/odd")),
        ox.Quad(s, ox.NamedNode("https://example.org/p"), ox.Literal("x")),
        ox.Quad(s, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), ox.NamedNode(cdo + "Claim")),
    ]
    data = to_jsonld(quads)
    assert set(ox.parse(data, ox.RdfFormat.JSON_LD)) == set(quads)
    parsed = Graph().parse(data=data.decode(), format="json-ld")
    assert len(parsed) == len(quads)


def test_publish_export_cli_writes_gzip(seed_build, tmp_path: Path) -> None:
    out = tmp_path / "graph.trig.gz"
    result = CliRunner().invoke(main, ["export", "--build", str(seed_build[0]), "--format", "trig", "--gzip", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert gzip.decompress(out.read_bytes()) == export_build(Config(build_dir=seed_build[0]), "trig", None)
