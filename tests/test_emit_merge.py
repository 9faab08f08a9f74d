"""Regression: the same fact found twice in one sentence (two cues, two speakers, two confidences)
is one node with one confidence and one speaker, and its graph still conforms (it was rejected)."""

from __future__ import annotations

from dataclasses import replace

from rdflib import URIRef

from graph_builder.emit import emit
from graph_builder.ingest import normalise_text
from graph_builder.iris import doc_key
from graph_builder.namespaces import CDO
from graph_builder.pipeline import reference_types
from graph_builder.recognise import recognise
from graph_builder.records import Document
from graph_builder.relations import extract
from graph_builder.validate import validate


def test_emit_merge_same_fact_twice_keeps_one_confidence_and_speaker() -> None:
    text = normalise_text("Germany welcomed the Budapest Convention, which Germany supports.")
    rec = recognise(Document("merge", text, doc_key(text), "en"))
    facts = extract(rec)
    [stance] = [f for f in facts if f.kind == "stance"][:1]
    twin = replace(stance, confidence=0.5, stated_by="https://w3id.org/cdkg/id/person/to-lam")
    graph = emit(rec, (*facts, twin))
    nodes = set(graph.subjects(CDO.stanceType, None))
    for node in nodes:
        assert len(list(graph.objects(node, CDO.confidence))) == 1
        assert len(list(graph.objects(node, CDO.statedBy))) <= 1
    for derivation in graph.subjects(URIRef("https://w3id.org/cdkg/ontology#evidence"), None):
        assert len(list(graph.objects(derivation, CDO.confidence))) == 1
    assert validate(graph, reference_types=reference_types()).conforms
