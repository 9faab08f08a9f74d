"""ontology/context.jsonld: the published JSON-LD context covers the cdo vocabulary, and nothing else."""

from __future__ import annotations

from rdflib import Graph
from rdflib.namespace import OWL, RDF, RDFS, XSD

from graph_builder.config import project_root
from graph_builder.namespaces import CDO, GRAPH, PREFIXES
from graph_builder.publish import jsonld_context

CONTEXT = jsonld_context()
ONTOLOGY = Graph().parse(project_root() / "ontology" / "cdo.ttl", format="turtle")


def cdo_terms(kind) -> set[str]:
    return {str(s)[len(str(CDO)):] for s in ONTOLOGY.subjects(RDF.type, kind) if str(s).startswith(str(CDO))}


def test_publish_context_declares_every_prefix() -> None:
    for prefix, namespace in PREFIXES.items():
        assert CONTEXT[prefix] == namespace, prefix
    assert CONTEXT["graph"] == str(GRAPH)


def test_publish_context_has_a_term_per_cdo_class_and_property() -> None:
    for name in cdo_terms(OWL.Class):
        assert CONTEXT[name] == f"cdo:{name}", name
    for name in cdo_terms(OWL.ObjectProperty):
        assert CONTEXT[name] == {"@id": f"cdo:{name}", "@type": "@id"}, name
    for name in cdo_terms(OWL.DatatypeProperty):
        definition = CONTEXT[name]
        if isinstance(definition, dict):
            assert definition["@id"] == f"cdo:{name}"
            assert ONTOLOGY.value(CDO[name], RDFS.range) == XSD[definition["@type"].split(":", 1)[1]], name
        else:
            assert definition == f"cdo:{name}", name


def test_publish_context_has_no_term_outside_the_ontology() -> None:
    declared = cdo_terms(OWL.Class) | cdo_terms(OWL.ObjectProperty) | cdo_terms(OWL.DatatypeProperty)
    terms = {k for k, v in CONTEXT.items() if k not in PREFIXES and k != "graph"}
    assert terms == declared
