"""query: every library query gives the same rows from a real Oxigraph server as from the embedded store.

The server (``oxigraph serve`` from the ``oxigraph`` package of the test extras) runs on 127.0.0.1 at
a free port with ``--union-default-graph``, the view library queries are written for; the seed
build's N-Quads are loaded into it over HTTP (``POST /store``). It is killed when the module ends.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest

from conftest import free_port, oxigraph_server
from graph_builder.config import project_root
from graph_builder.errors import EndpointError, QueryError
from graph_builder.query import LibraryQuery, QueryLibrary, run
from graph_builder.store import open_store

LIBRARY = QueryLibrary(project_root() / "queries")
CHECKS = sorted((project_root() / "queries" / "checks").glob("*-violation.rq"))


@pytest.fixture(scope="module")
def endpoint(seed_build, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The SPARQL query URL of a server holding the seed build."""
    out, _ = seed_build
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph"), "--union-default-graph") as base:
        response = httpx.post(base + "/store", content=(out / "graph.nq").read_bytes(),
                              headers={"Content-Type": "application/n-quads"}, timeout=60)
        response.raise_for_status()
        yield base + "/query"


@pytest.fixture(scope="module")
def embedded(seed_build) -> ox.Store:
    out, _ = seed_build
    return open_store(out / "store", read_only=True)


def test_query_endpoint_holds_the_seed_build(endpoint: str, embedded: ox.Store) -> None:
    count = LibraryQuery.from_text("count", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert run(endpoint, count).rows == run(embedded, count).rows
    assert int(run(endpoint, count).rows[0][0].value) == len(embedded)


@pytest.mark.parametrize("query", list(LIBRARY), ids=lambda q: q.name)
def test_query_endpoint_gives_the_same_rows_as_the_embedded_store(query: LibraryQuery, endpoint: str, embedded: ox.Store) -> None:
    for params in (query.example_params, {}):
        local, remote = run(embedded, query, params), run(endpoint, query, params)
        assert (remote.kind, remote.variables) == (local.kind, local.variables)
        assert remote.rows == local.rows, f"{query.name} {params}"


@pytest.mark.parametrize("path", CHECKS, ids=lambda p: p.stem)
def test_query_endpoint_checks_are_silent(path: Path, endpoint: str) -> None:
    assert run(endpoint, LibraryQuery.from_file(path)).rows == ()


def test_query_endpoint_ask_and_rejected_parameters(endpoint: str) -> None:
    ask = LibraryQuery.from_text("ask", "PREFIX cdo: <https://w3id.org/cdkg/ontology#>\nASK { ?s a cdo:Treaty }")
    assert run(endpoint, ask).boolean is True
    with pytest.raises(QueryError, match="not an IRI"):
        run(endpoint, LIBRARY.get("treaty-parties"), {"treaty": 'x" } ; DROP ALL ; #'})


def test_query_endpoint_unreachable_is_an_endpoint_error() -> None:
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(EndpointError, match=url):
        run(url, LIBRARY.get("documents"), timeout=5)


def test_query_endpoint_cli_prints_what_the_build_prints(endpoint: str, seed_build) -> None:
    from click.testing import CliRunner

    from graph_builder.cli import main

    out, _ = seed_build
    for name in ("officials-at-date", "actor-card"):
        remote = CliRunner().invoke(main, ["query", name, "--endpoint", endpoint, "--format", "tsv"])
        local = CliRunner().invoke(main, ["query", name, "--build", str(out), "--format", "tsv"])
        assert remote.exit_code == local.exit_code == 0, remote.output
        assert remote.output == local.output
