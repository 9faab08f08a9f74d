"""graph_builder.graphstore against a real Oxigraph server: push, push again, pull back.

Each test gets its own server (``oxigraph serve``, from the ``oxigraph`` package of the test
extras) on 127.0.0.1 at a free port, with its data in a temporary folder; it starts in ~30 ms.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from conftest import oxigraph_server
from graph_builder.cli import main
from graph_builder.errors import EndpointError
from graph_builder.graphstore import pull, push
from graph_builder.store import canonical_nquads, graph_names, open_store


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[str]:
    """The base URL of a fresh Oxigraph server; the server is killed at teardown."""
    with oxigraph_server(tmp_path / "oxigraph") as base:
        yield base


def count_quads(base: str) -> int:
    response = httpx.post(
        base + "/query",
        data={"query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"},
        headers={"Accept": "application/sparql-results+json"},
    )
    response.raise_for_status()
    return int(response.json()["results"]["bindings"][0]["n"]["value"])


def server_nquads(base: str) -> bytes:
    response = httpx.get(base + "/store", headers={"Accept": "application/n-quads"})
    response.raise_for_status()
    store = ox.Store()
    store.load(response.content, ox.RdfFormat.N_QUADS)
    return canonical_nquads(store)


def test_graphstore_push_seed_server_holds_every_quad(seed_build, server: str) -> None:
    build, _ = seed_build
    store = open_store(build / "store", read_only=True)
    transfer = push(build, server + "/store")
    assert [g for g, _ in transfer.graphs] == graph_names(store)
    assert transfer.triples == len(store)
    assert count_quads(server) == len(store)
    assert server_nquads(server) == (build / "graph.nq").read_bytes()


def test_graphstore_push_twice_changes_nothing(seed_build, server: str) -> None:
    build, _ = seed_build
    push(build, server + "/store")
    first = server_nquads(server)
    push(build, server + "/store")
    assert count_quads(server) == len(open_store(build / "store", read_only=True))
    assert server_nquads(server) == first


@pytest.mark.parametrize("listing", ["dataset", "sparql"])
def test_graphstore_pull_gives_back_the_same_canonical_nquads(seed_build, server: str, tmp_path: Path, listing: str) -> None:
    build, _ = seed_build
    push(build, server + "/store")
    fresh = tmp_path / "pulled"
    transfer = pull(server + "/store", fresh, sparql=server + "/query" if listing == "sparql" else None)
    assert transfer.triples == len(open_store(build / "store", read_only=True))
    assert canonical_nquads(open_store(fresh / "store", read_only=True)) == (build / "graph.nq").read_bytes()
    for name in ("graph.nq", "graph.trig", "graph.ttl"):
        assert (fresh / name).read_bytes() == (build / name).read_bytes(), name
    assert (fresh / "void.ttl").is_file() and (fresh / "SHA256SUMS").is_file()


def test_graphstore_pull_replaces_the_store_and_leaves_out_the_default_graph(seed_build, server: str, tmp_path: Path) -> None:
    build, _ = seed_build
    target = tmp_path / "copy"
    shutil.copytree(build, target)
    httpx.put(
        server + "/store?graph=https://w3id.org/cdkg/graph/reference",
        content=b"<https://w3id.org/cdkg/id/x> <https://w3id.org/cdkg/ontology#iso3> \"XXX\" .\n",
        headers={"Content-Type": "application/n-triples"},
    ).raise_for_status()
    httpx.put(
        server + "/store?default",
        content=b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n",
        headers={"Content-Type": "application/n-triples"},
    ).raise_for_status()
    transfer = pull(server + "/store", target)
    assert transfer.graphs == (("https://w3id.org/cdkg/graph/reference", 1),)
    assert transfer.skipped == 1
    store = open_store(target / "store", read_only=True)
    assert len(store) == 1
    assert (target / "graph.nq").read_text() == (
        '<https://w3id.org/cdkg/id/x> <https://w3id.org/cdkg/ontology#iso3> "XXX" <https://w3id.org/cdkg/graph/reference> .\n'
    )


def test_graphstore_http_error_names_the_url_and_status(seed_build, server: str) -> None:
    build, _ = seed_build
    with pytest.raises(EndpointError) as caught:
        pull(server + "/nowhere", build.parent / "unused")
    message = str(caught.value)
    assert "\n" not in message
    assert f"GET {server}/nowhere" in message and "HTTP 404" in message


def test_graphstore_cli_push_and_pull(seed_build, server: str, tmp_path: Path) -> None:
    build, _ = seed_build
    runner = CliRunner()
    pushed = runner.invoke(main, ["push", "--graph-store", server + "/store", "--build", str(build)])
    assert pushed.exit_code == 0, pushed.output
    assert pushed.output.startswith("pushed 3 graphs")
    pulled = runner.invoke(main, ["pull", "--graph-store", server + "/store", "--build", str(tmp_path / "b")])
    assert pulled.exit_code == 0, pulled.output
    assert pulled.output.startswith("pulled 3 graphs")
    assert (tmp_path / "b" / "graph.nq").read_bytes() == (build / "graph.nq").read_bytes()
