"""graph_builder.publish metadata: void.ttl (VoID + DCAT) and SHA256SUMS of a build."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, VOID

from graph_builder.publish import DATASET_IRI, DUMPS_BASE, dump_files, write_dumps, write_metadata
from graph_builder.store import graph_names, open_store

DATASET = URIRef(DATASET_IRI)
SD_NAME = URIRef("http://www.w3.org/ns/sparql-service-description#name")


@pytest.fixture(scope="module")
def void(seed_build) -> Graph:
    return Graph().parse(seed_build[0] / "void.ttl", format="turtle")


def count(graph: Graph, node, prop) -> int:
    value = graph.value(node, prop)
    assert isinstance(value, Literal), (node, prop)
    return int(value)


def test_publish_void_has_no_blank_nodes(void: Graph) -> None:
    assert len(void) > 100
    assert not any(isinstance(term, BNode) for triple in void for term in triple)


def test_publish_void_counts_match_the_store(seed_build, void: Graph) -> None:
    store = open_store(seed_build[0] / "store", read_only=True)
    assert count(void, DATASET, VOID.triples) == len(store)
    properties = list(void.objects(DATASET, VOID.propertyPartition))
    assert count(void, DATASET, VOID.properties) == len(properties)
    assert sum(count(void, p, VOID.triples) for p in properties) == len(store)
    subsets = {str(void.value(s, SD_NAME)): count(void, s, VOID.triples) for s in void.objects(DATASET, VOID.subset)}
    assert sorted(subsets) == graph_names(store)
    assert sum(subsets.values()) == len(store)
    classes = {void.value(c, VOID["class"]): count(void, c, VOID.entities) for c in void.objects(DATASET, VOID.classPartition)}
    assert count(void, DATASET, VOID.classes) == len(classes)
    treaties = "SELECT (COUNT(DISTINCT ?t) AS ?n) WHERE { GRAPH ?g { ?t a <https://w3id.org/cdkg/ontology#Treaty> } }"
    assert classes[URIRef("https://w3id.org/cdkg/ontology#Treaty")] == int(next(iter(store.query(treaties)))[0].value)
    assert count(void, DATASET, VOID.entities) > 0


def test_publish_void_describes_the_dataset(void: Graph) -> None:
    assert (DATASET, RDF.type, VOID.Dataset) in void and (DATASET, RDF.type, DCAT.Dataset) in void
    assert (DATASET, DCTERMS.license, URIRef("https://creativecommons.org/licenses/by/4.0/")) in void
    assert (DATASET, DCTERMS.conformsTo, URIRef("https://w3id.org/cdkg/shapes")) in void
    assert void.value(DATASET, OWL.versionInfo) is not None
    assert void.value(DATASET, DCTERMS.modified) == Literal("2025-10-25", datatype=URIRef("http://www.w3.org/2001/XMLSchema#date"))
    vocabularies = set(void.objects(DATASET, VOID.vocabulary))
    assert URIRef("https://w3id.org/cdkg/ontology#") in vocabularies and URIRef("http://www.w3.org/ns/org#") in vocabularies


def test_publish_void_lists_every_dump_as_a_distribution(seed_build, void: Graph) -> None:
    build = seed_build[0]
    distributions = {str(void.value(d, DCAT.downloadURL)): d for d in void.objects(DATASET, DCAT.distribution)}
    dumps = dump_files(build)
    assert {p.name for p in dumps} >= {"graph.trig", "graph.ttl", "graph.nq"}
    assert sorted(distributions) == sorted(DUMPS_BASE + p.name for p in dumps)
    for path in dumps:
        node = distributions[DUMPS_BASE + path.name]
        assert count(void, node, DCAT.byteSize) == path.stat().st_size
        assert str(void.value(node, DCAT.mediaType)).startswith("https://www.iana.org/assignments/media-types/")


def test_publish_sha256sums_lists_every_dump_with_its_hash(seed_build) -> None:
    build = seed_build[0]
    lines = (build / "SHA256SUMS").read_text().splitlines()
    listed = {}
    for line in lines:
        digest, name = line.split("  ", 1)
        listed[name] = digest
    assert list(listed) == sorted(listed)
    assert set(listed) == {p.name for p in dump_files(build)} | {"void.ttl"}
    for name, digest in listed.items():
        assert hashlib.sha256((build / name).read_bytes()).hexdigest() == digest, name


def test_publish_metadata_is_deterministic(seed_build, tmp_path: Path) -> None:
    copy = tmp_path / "build"
    shutil.copytree(seed_build[0], copy)
    store = open_store(copy / "store", read_only=True)
    write_metadata(copy, store)
    for name in ("void.ttl", "SHA256SUMS"):
        assert (copy / name).read_bytes() == (seed_build[0] / name).read_bytes(), name


def test_publish_write_dumps_rewrites_dumps_already_there(seed_build, tmp_path: Path) -> None:
    copy = tmp_path / "build"
    shutil.copytree(seed_build[0], copy)
    (copy / "graph.jsonld.gz").write_bytes(b"stale")
    written = write_dumps(open_store(copy / "store", read_only=True), copy)
    assert [p.name for p in written] == ["graph.jsonld.gz", "graph.nq", "graph.trig", "graph.ttl"]
    for name in ("graph.nq", "graph.trig", "graph.ttl"):  # the bytes a build writes
        assert (copy / name).read_bytes() == (seed_build[0] / name).read_bytes(), name
    assert not (copy / "manifest.json").exists()  # the store changed outside a build: next build is full
    sums = (copy / "SHA256SUMS").read_text()
    assert hashlib.sha256((copy / "graph.jsonld.gz").read_bytes()).hexdigest() + "  graph.jsonld.gz" in sums
