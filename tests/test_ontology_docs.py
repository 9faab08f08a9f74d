"""graph_builder.ontology_docs: the pyLODE page of the ontology."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from graph_builder.ontology_docs import build_docs, documentation_graph

ROOT = Path(__file__).resolve().parents[1]


def test_ontology_docs_keep_own_terms_with_english_and_untagged_literals() -> None:
    term = URIRef("https://w3id.org/cdkg/ontology#Treaty")
    external = URIRef("http://www.w3.org/ns/org#Membership")
    graph = Graph()
    graph.add((term, RDFS.label, Literal("treaty", lang="en")))
    graph.add((term, RDFS.label, Literal("verdrag", lang="nl")))
    graph.add((term, RDFS.comment, Literal("plain")))
    graph.add((external, RDF.type, OWL.Class))
    shown = documentation_graph(graph)
    assert set(shown.objects(term, None)) == {Literal("treaty", lang="en"), Literal("plain")}
    assert (external, RDF.type, OWL.Class) not in shown


def test_ontology_docs_render_every_class(tmp_path: Path) -> None:
    page = build_docs(ROOT / "ontology" / "cdo.ttl", tmp_path / "ontology" / "index.html")
    html = page.read_text(encoding="utf-8")
    assert "<title>Cyber Diplomacy Ontology</title>" in html
    for name in ("StateParty", "Official", "TreatyAction", "hasTenure", "requestedAction"):
        assert name in html
    assert "verdrag" not in html  # Dutch labels stay in the ontology, out of the page
