"""ontology/cdo.ttl: it parses, declares every cdo: term of docs/model.md, and documents each term."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from graph_builder.namespaces import CDO, VANN

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "cdo.ttl"
MODEL = ROOT / "docs" / "model.md"
ONTOLOGY_IRI = URIRef("https://w3id.org/cdkg/ontology")
PROPERTY_KINDS = (OWL.ObjectProperty, OWL.DatatypeProperty)


@pytest.fixture(scope="module")
def cdo() -> Graph:
    return Graph().parse(ONTOLOGY, format="turtle")


def _terms(graph: Graph, kinds: tuple[URIRef, ...]) -> list[URIRef]:
    return sorted({s for kind in kinds for s in graph.subjects(RDF.type, kind) if str(s).startswith(str(CDO))})


def _classes(graph: Graph) -> list[URIRef]:
    return _terms(graph, (OWL.Class,))


def _properties(graph: Graph) -> list[URIRef]:
    return _terms(graph, PROPERTY_KINDS)


def _languages(graph: Graph, subject: URIRef, predicate: URIRef) -> set[str]:
    return {o.language for o in graph.objects(subject, predicate) if isinstance(o, Literal) and o.language}


def test_ontology_header(cdo: Graph) -> None:
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in cdo
    assert cdo.value(ONTOLOGY_IRI, OWL.versionIRI) == URIRef("https://w3id.org/cdkg/ontology/0.1.0")
    assert str(cdo.value(ONTOLOGY_IRI, OWL.versionInfo)) == "0.1.0"
    assert cdo.value(ONTOLOGY_IRI, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert str(cdo.value(ONTOLOGY_IRI, VANN.preferredNamespacePrefix)) == "cdo"
    assert str(cdo.value(ONTOLOGY_IRI, VANN.preferredNamespaceUri)) == str(CDO)
    assert {"en", "nl"} <= _languages(cdo, ONTOLOGY_IRI, DCTERMS.title)
    assert "en" in _languages(cdo, ONTOLOGY_IRI, DCTERMS.description)


def test_ontology_declares_every_term_of_the_model(cdo: Graph) -> None:
    used = set(re.findall(r"\bcdo:([A-Za-z][A-Za-z0-9]*)\b", MODEL.read_text(encoding="utf-8")))
    assert len(used) > 60
    classes, properties = set(_classes(cdo)), set(_properties(cdo))
    missing = []
    for name in sorted(used):
        term = CDO[name]
        expected = classes if name[0].isupper() else properties
        if term not in expected:
            missing.append(name)
    assert not missing, f"used in docs/model.md but not declared in cdo.ttl: {missing}"


def test_ontology_terms_are_all_in_the_model(cdo: Graph) -> None:
    """The reverse: no cdo: term that the emitted RDF contract does not know."""
    used = set(re.findall(r"\bcdo:([A-Za-z][A-Za-z0-9]*)\b", MODEL.read_text(encoding="utf-8")))
    declared = {str(t)[len(str(CDO)):] for t in _classes(cdo) + _properties(cdo)}
    assert declared - used == set()


def test_ontology_counts(cdo: Graph) -> None:
    assert len(_classes(cdo)) == 25
    assert len(_terms(cdo, (OWL.ObjectProperty,))) == 27
    assert len(_terms(cdo, (OWL.DatatypeProperty,))) == 21


@pytest.mark.parametrize("kind", ["class", "property"])
def test_ontology_every_term_has_en_and_nl_labels_and_a_definition(cdo: Graph, kind: str) -> None:
    terms = _classes(cdo) if kind == "class" else _properties(cdo)
    assert terms
    problems = []
    for term in terms:
        labels = _languages(cdo, term, RDFS.label)
        if not {"en", "nl"} <= labels:
            problems.append(f"{term}: rdfs:label in {sorted(labels)}")
        if "en" not in _languages(cdo, term, SKOS.definition):
            problems.append(f"{term}: no English skos:definition")
        if (term, RDFS.isDefinedBy, ONTOLOGY_IRI) not in cdo:
            problems.append(f"{term}: no rdfs:isDefinedBy")
    assert not problems, "\n".join(problems)


def test_ontology_labels_in_five_languages_one_each(cdo: Graph) -> None:
    problems = []
    for term in _classes(cdo) + _properties(cdo):
        tags = [o.language for o in cdo.objects(term, RDFS.label)]
        if sorted(tags) != sorted({"en", "nl", "fr", "de", "es"}):
            problems.append(f"{term}: {sorted(tags)}")
    assert not problems, "\n".join(problems)


def test_ontology_every_property_has_domain_and_range(cdo: Graph) -> None:
    problems = [
        str(p)
        for p in _properties(cdo)
        if cdo.value(p, RDFS.domain) is None or cdo.value(p, RDFS.range) is None
    ]
    assert not problems, f"properties without rdfs:domain or rdfs:range: {problems}"


def test_ontology_datatype_properties_have_datatype_ranges(cdo: Graph) -> None:
    for prop in cdo.subjects(RDF.type, OWL.DatatypeProperty):
        if not str(prop).startswith(str(CDO)):
            continue
        rng = cdo.value(prop, RDFS.range)
        assert str(rng).startswith("http://www.w3.org/") or (rng, RDF.type, RDFS.Datatype) in cdo, prop


def test_ontology_reuses_standard_vocabularies(cdo: Graph) -> None:
    def sub(a: str, b: str) -> bool:
        return (URIRef(a), RDFS.subClassOf, URIRef(b)) in cdo

    assert sub(CDO.Treaty, "http://data.europa.eu/eli/ontology#LegalResource")
    assert sub(CDO.Event, "http://semanticweb.cs.vu.nl/2009/11/sem/Event")
    assert sub(CDO.Tenure, "http://www.w3.org/ns/org#Membership")
    assert sub(CDO.Derivation, "http://www.w3.org/ns/prov#Derivation")
    assert sub(CDO.Extraction, "http://www.w3.org/ns/prov#Activity")
    assert sub(CDO.Place, "https://schema.org/Place")
    assert sub(CDO.State, "http://www.w3.org/ns/org#FormalOrganization")
    assert sub(CDO.Actor, "http://www.w3.org/ns/prov#Agent")
    has_actor = URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/hasActor")
    assert (CDO.participant, RDFS.subPropertyOf, has_actor) in cdo
    assert (CDO.host, RDFS.subPropertyOf, has_actor) in cdo
    assert (CDO.hasTenure, OWL.inverseOf, URIRef("http://www.w3.org/ns/org#member")) in cdo


def test_ontology_external_terms_are_declared(cdo: Graph) -> None:
    """Every external class or property the ontology refers to is declared, so OWL tools load it alone."""
    declared = set(cdo.subjects(RDF.type, None))
    undeclared = set()
    for s, p, o in cdo:
        if p in (RDFS.subClassOf, RDFS.domain, RDFS.range, RDFS.subPropertyOf, OWL.inverseOf):
            for term in (s, o):
                if isinstance(term, URIRef) and not str(term).startswith("http://www.w3.org/2001/XMLSchema#") \
                        and term not in (RDF.langString,) and term not in declared:
                    undeclared.add(str(term))
    assert not undeclared


def test_ontology_defined_classes(cdo: Graph) -> None:
    for defined in (CDO.Official, CDO.StateParty, CDO.ConsentToBeBound):
        assert cdo.value(defined, OWL.equivalentClass) is not None, defined
    assert (CDO.partyIn, OWL.inverseOf, CDO.party) in cdo
    text = ONTOLOGY.read_text(encoding="utf-8")
    for code in ("ratification", "acceptance", "approval", "accession", "succession"):
        assert f"ta:{code}" in text
    assert "ta:signature" not in text


def test_ontology_fact_classes_map_to_cameo_and_plover(cdo: Graph) -> None:
    for cls in (CDO.Commitment, CDO.Appeal, CDO.Stance, CDO.TreatyAction):
        targets = {str(o) for o in cdo.objects(cls, SKOS.closeMatch)}
        assert any("/vocab/cameo/" in t for t in targets), cls
        assert any("/vocab/plover/" in t for t in targets), cls
