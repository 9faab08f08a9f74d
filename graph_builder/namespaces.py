"""The namespaces and named-graph IRIs of cdkg (DESIGN §3), in one place.

Every module takes its IRIs from here, so a change of base happens once.

>>> str(CDO.Treaty)
'https://w3id.org/cdkg/ontology#Treaty'
>>> str(vocab("modality", "negated"))
'https://w3id.org/cdkg/vocab/modality/negated'
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, ORG, OWL, PROV, RDF, RDFS, SKOS, TIME, VOID, XSD

BASE = "https://w3id.org/cdkg/"

CDO = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
VOCAB = Namespace(BASE + "vocab/")
GRAPH = Namespace(BASE + "graph/")
SHAPES = Namespace(BASE + "shapes#")

ELI = Namespace("http://data.europa.eu/eli/ontology#")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
NIF = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
ITSRDF = Namespace("http://www.w3.org/2005/11/its/rdf#")
SCHEMA = Namespace("https://schema.org/")
VANN = Namespace("http://purl.org/vocab/vann/")
GEONAMES = Namespace("https://sws.geonames.org/")

ONTOLOGY_GRAPH = GRAPH.ontology
REFERENCE_GRAPH = GRAPH.reference
INFERRED_GRAPH = GRAPH.inferred

PREFIXES: dict[str, str] = {
    "cdo": str(CDO),
    "id": str(ID),
    "vocab": str(VOCAB),
    "eli": str(ELI),
    "sem": str(SEM),
    "nif": str(NIF),
    "itsrdf": str(ITSRDF),
    "schema": str(SCHEMA),
    "org": str(ORG),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "dcat": str(DCAT),
    "void": str(VOID),
    "foaf": str(FOAF),
    "time": str(TIME),
    "owl": str(OWL),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "xsd": str(XSD),
    "vann": str(VANN),
}


def vocab(scheme: str, code: str) -> URIRef:
    """The IRI of concept ``code`` in the SKOS scheme ``scheme``."""
    return URIRef(f"{VOCAB}{scheme}/{code}")


def scheme(name: str) -> URIRef:
    """The IRI of the SKOS concept scheme ``name``."""
    return URIRef(f"{VOCAB}{name}")


def doc_graph(doc_key: str) -> URIRef:
    """The named graph holding what was extracted from the document with hash key ``doc_key``."""
    return URIRef(f"{GRAPH}doc/{doc_key}")


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, for queries written in code."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
