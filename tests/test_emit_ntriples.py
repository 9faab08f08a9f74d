"""emit.Triples: the triples emit collects are those an rdflib Graph would hold, and its N-Triples
are the lines rdflib's ``nt`` serializer writes (emit no longer fills a Graph on the hot path)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, XSD
from rdflib.plugins.serializers.nt import _nt_row

from conftest import TESTS
from graph_builder.emit import Triples, emit, emit_triples
from graph_builder.ingest import read_file
from graph_builder.pipeline import process_document, reference_types
from graph_builder.recognise import recognise
from graph_builder.relations import extract
from graph_builder.validate import validate

CASES = sorted(p for p in (TESTS / "cases").iterdir() if (p / "input.txt").exists())
S = URIRef("https://w3id.org/cdkg/id/doc/0123456789abcdef#char=0,5")


def _emitted(case):
    [document] = read_file(case / "input.txt")
    rec = recognise(document)
    facts = extract(rec)
    return emit_triples(rec, facts), emit(rec, facts)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_emit_ntriples_lines_are_rdflibs(case) -> None:
    triples, graph = _emitted(case)
    assert len(triples) == len(graph) and set(triples) == set(graph)
    assert triples.ntriples() == "".join(_nt_row(t) for t in triples)
    assert sorted(triples.ntriples().splitlines()) == sorted(line for line in graph.serialize(format="nt").splitlines() if line.strip())


@pytest.mark.parametrize(
    "literal",
    [
        Literal('a "quoted"\nline\r\\ with tab\t and é ✓'),
        Literal("Verdrag van Hanoi", lang="nl"),
        Literal(0, datatype=XSD.nonNegativeInteger),
        Literal(Decimal("0.85"), datatype=XSD.decimal),
        Literal(True),
        Literal("2025-10", datatype=XSD.gYearMonth),
        Literal(""),
    ],
)
def test_emit_ntriples_literals_escape_as_rdflib(literal: Literal) -> None:
    triples = Triples()
    triples.add((S, RDFS.label, literal))
    assert triples.ntriples() == _nt_row((S, RDFS.label, literal))
    assert set(Graph().parse(data=triples.ntriples(), format="nt")) == {(S, RDFS.label, literal)}


def test_emit_ntriples_keeps_each_triple_once_in_first_order() -> None:
    triples = Triples()
    a, b = (S, RDFS.label, Literal("x")), (S, RDFS.comment, Literal("y"))
    for t in (a, b, a, (S, RDFS.label, Literal("x"))):
        triples.add(t)
    assert list(triples) == [a, b]
    assert triples.has(S, RDFS.comment) and not triples.has(S, RDFS.seeAlso)
    first = triples.ntriples()
    triples.add((S, RDFS.seeAlso, S))
    assert triples.ntriples() != first and triples.ntriples().count("\n") == 3


def test_emit_ntriples_validates_like_the_graph() -> None:
    triples, graph = _emitted(CASES[0])
    by_triples = validate(triples, reference_types=reference_types())
    by_graph = validate(graph, reference_types=reference_types())
    assert by_triples.conforms and by_triples.violations == by_graph.violations


def test_emit_ntriples_outcome_is_the_emitted_graph() -> None:
    [document] = read_file(CASES[0] / "input.txt")
    triples, graph = _emitted(CASES[0])
    outcome = process_document(document)
    assert set(Graph().parse(data=outcome.ntriples, format="nt")) == set(graph) == set(triples)
