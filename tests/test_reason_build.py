"""``cdkg reason`` on a build: HermiT's inferred types land in graph:inferred, dumps and metadata follow.

These tests run real Java (HermiT through owlready2) on copies of the seed build.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph_builder.cli import main
from graph_builder.config import Config
from graph_builder.namespaces import CDO, INFERRED_GRAPH
from graph_builder.reason import reason_build
from graph_builder.store import canonical_nquads, open_store

TO_LAM = ox.NamedNode("https://w3id.org/cdkg/id/person/to-lam")
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
OFFICIAL = ox.NamedNode(str(CDO.Official))
INFERRED = ox.NamedNode(str(INFERRED_GRAPH))
GEONAMES_ID = ox.NamedNode(str(CDO.geonamesId))


def copy_of(build: Path, tmp_path: Path) -> Path:
    target = tmp_path / "build"
    shutil.copytree(build, target)
    return target


def assert_officials_inferred(build: Path) -> None:
    store = open_store(build / "store", read_only=True)
    assert ox.Quad(TO_LAM, RDF_TYPE, OFFICIAL, INFERRED) in store
    assert (build / "graph.nq").read_bytes() == canonical_nquads(store)
    assert b"<https://w3id.org/cdkg/id/person/to-lam> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/cdkg/ontology#Official> <https://w3id.org/cdkg/graph/inferred> ." in (build / "graph.nq").read_bytes()
    for line in (build / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split("  ", 1)
        assert hashlib.sha256((build / name).read_bytes()).hexdigest() == digest, name
    assert "<https://w3id.org/cdkg/graph/inferred>" in (build / "void.ttl").read_text()


def test_reason_build_cli_writes_officials_to_the_inferred_graph(seed_build, tmp_path: Path) -> None:
    build = copy_of(seed_build[0], tmp_path)
    result = CliRunner().invoke(main, ["reason", "--build", str(build)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("consistent; ")
    assert "cdo:Official" in result.output
    assert_officials_inferred(build)


def test_reason_build_replaces_the_inferred_graph(seed_build, tmp_path: Path) -> None:
    build = copy_of(seed_build[0], tmp_path)
    store = open_store(build / "store")
    stale = ox.Quad(TO_LAM, RDF_TYPE, ox.NamedNode(str(CDO.Treaty)), INFERRED)
    store.add(stale)
    store.flush()
    del store

    report = reason_build(Config(build_dir=build))
    assert report.consistent, report.problems
    official = dict(report.inferred)[str(CDO.Official)]
    assert official >= 1
    assert report.triples == sum(n for _, n in report.inferred)
    assert_officials_inferred(build)
    store = open_store(build / "store", read_only=True)
    assert stale not in store
    assert len(list(store.quads_for_pattern(None, None, None, INFERRED))) == report.triples


def test_reason_build_inconsistent_names_the_likely_cause(seed_build, tmp_path: Path) -> None:
    build = copy_of(seed_build[0], tmp_path)
    store = open_store(build / "store")
    place = ox.NamedNode("https://sws.geonames.org/1/")
    reference = ox.NamedNode("https://w3id.org/cdkg/graph/reference")
    store.add(ox.Quad(place, GEONAMES_ID, ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")), reference))
    store.flush()
    del store
    result = CliRunner().invoke(main, ["reason", "--build", str(build)])
    assert result.exit_code == 1
    assert result.output.startswith("inconsistent: ")
    assert "cdo:geonamesId" in result.output and "xsd:integer" in result.output
    assert not list(open_store(build / "store", read_only=True).quads_for_pattern(None, None, None, INFERRED))


def test_reason_build_without_java_says_so_in_one_line(seed_build, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    result = CliRunner().invoke(main, ["reason", "--build", str(seed_build[0])])
    assert result.exit_code == 2
    assert result.output.startswith("cdkg: Java is missing") and result.output.count("\n") == 1


def test_reason_build_without_a_build_says_so(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["reason", "--build", str(tmp_path)])
    assert result.exit_code == 2
    assert "run 'cdkg build' first" in result.output
