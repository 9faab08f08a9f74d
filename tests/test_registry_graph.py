"""registry: Registry.graph() writes the reference graph of docs/model.md, without blank nodes."""

from __future__ import annotations

from collections import Counter

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS, TIME, XSD

from graph_builder.namespaces import CDO, ID, REFERENCE_GRAPH, vocab
from graph_builder.registry import Registry, load_registry


@pytest.fixture(scope="module")
def reg() -> Registry:
    return load_registry()


@pytest.fixture(scope="module")
def graph(reg: Registry) -> Graph:
    return reg.graph()


def test_registry_graph_has_no_blank_nodes(graph: Graph) -> None:
    assert graph.identifier == REFERENCE_GRAPH
    assert not [t for t in graph if any(isinstance(term, BNode) for term in t)]
    assert all(isinstance(s, URIRef) and str(s).startswith(str(ID)) for s in graph.subjects())


def test_registry_graph_labels_are_language_tagged_once_per_language(graph: Graph) -> None:
    for predicate in (RDFS.label, SKOS.prefLabel, SKOS.altLabel, CDO.demonym):
        assert all(isinstance(o, Literal) and o.language for o in graph.objects(None, predicate)), predicate
    for predicate in (RDFS.label, SKOS.prefLabel):
        counts = Counter((s, o.language) for s, o in graph.subject_objects(predicate))
        assert max(counts.values()) == 1, predicate
    for s, o in graph.subject_objects(SKOS.prefLabel):
        assert (s, SKOS.altLabel, o) not in graph


def test_registry_graph_describes_every_entity(reg: Registry, graph: Graph) -> None:
    for entity in reg.entities:
        node = URIRef(entity.iri)
        assert (node, CDO.inRegistry, Literal(True)) in graph
        assert (node, RDFS.label, Literal(entity.label, lang="en")) in graph
        assert graph.value(node, RDF.type) == CDO[entity.type]
        if entity.parent:
            assert (node, ORG.subOrganizationOf, URIRef(entity.parent)) in graph
        if entity.type != "Person":
            assert graph.value(node, DCTERMS.source) is not None, entity.iri


def test_registry_graph_states(graph: Graph) -> None:
    vnm = URIRef(f"{ID}state/VNM")
    assert (vnm, CDO.iso2, Literal("VN")) in graph and (vnm, CDO.iso3, Literal("VNM")) in graph
    assert (vnm, CDO.unStatus, vocab("un-status", "member")) in graph
    assert (URIRef(f"{ID}state/VAT"), CDO.unStatus, vocab("un-status", "observer")) in graph
    assert {o.language for o in graph.objects(vnm, CDO.demonym)} >= {"en", "nl", "fr", "de", "es"}


def test_registry_graph_treaty_dates_and_threshold(graph: Graph) -> None:
    hanoi = URIRef(f"{ID}treaty/un-cybercrime-convention")
    assert (hanoi, CDO.adoptedOn, Literal("2024-12-24", datatype=XSD.date)) in graph
    assert (hanoi, CDO.openedForSignatureOn, Literal("2025-10-25", datatype=XSD.date)) in graph
    assert (hanoi, CDO.entryIntoForceThreshold, Literal(40, datatype=XSD.integer)) in graph
    assert graph.value(hanoi, RDFS.comment).language == "en"
    assert (hanoi, SKOS.altLabel, Literal("Verdrag van Hanoi", lang="nl")) in graph
    arab = URIRef(f"{ID}treaty/arab-it-offences-convention")
    assert (arab, CDO.enteredIntoForceOn, Literal("2014-02", datatype=XSD.gYearMonth)) in graph


def test_registry_graph_tenures(reg: Registry, graph: Graph) -> None:
    tenures = set(graph.subjects(RDF.type, CDO.Tenure))
    assert len(tenures) == len(reg.tenures)
    person = URIRef(f"{ID}person/to-lam")
    (tenure,) = [t for t in graph.subjects(ORG.member, person) if graph.value(t, ORG.role) == vocab("role", "general-secretary")]
    post, interval = graph.value(tenure, CDO.post), graph.value(tenure, ORG.memberDuring)
    assert graph.value(tenure, ORG.organization) == URIRef(f"{ID}body/cpv")
    assert graph.value(tenure, DCTERMS.source) is not None
    assert (post, RDF.type, ORG.Post) in graph and graph.value(post, ORG.postIn) == URIRef(f"{ID}body/cpv")
    assert graph.value(post, RDFS.label).language == "en"
    assert (interval, RDF.type, TIME.Interval) in graph and graph.value(interval, TIME.hasEnd) is None
    begin = graph.value(interval, TIME.hasBeginning)
    assert begin == URIRef(f"{ID}instant/2024-08-03")
    assert (begin, TIME.inXSDDate, Literal("2024-08-03", datatype=XSD.date)) in graph
    for t in tenures:
        assert str(t).startswith(f"{ID}tenure/") and len(str(t).rsplit("/", 1)[1]) == 16


def test_registry_graph_is_deterministic(reg: Registry, graph: Graph) -> None:
    again = reg.graph()
    assert sorted(again.serialize(format="nt").splitlines()) == sorted(graph.serialize(format="nt").splitlines())
