"""The SPARQL 1.1 Protocol endpoint over the seed build: methods, formats, read-only, time and size limits."""

from __future__ import annotations

import csv
import io
import json
import time
import warnings

import pyoxigraph as ox
import pytest

from graph_builder.server import ServerConfig, create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

LABELS = """SELECT ?label WHERE {
  <https://w3id.org/cdkg/id/person/to-lam> <http://www.w3.org/2000/01/rdf-schema#label> ?label
} ORDER BY ?label"""
CONSTRUCT = "CONSTRUCT WHERE { <https://w3id.org/cdkg/id/state/VNM> a ?type }"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def client(seed_build):
    config = ServerConfig(build_dir=seed_build[0], query_timeout=0.2, max_results=5, query_workers=1)
    with TestClient(create_app(config)) as client:
        yield client


def labels_from_json(response) -> set[str]:
    return {b["label"]["value"] for b in response.json()["results"]["bindings"]}


def test_server_sparql_get_post_form_and_direct(client):
    by_get = client.get("/sparql", params={"query": LABELS})
    by_form = client.post("/sparql", data={"query": LABELS})
    direct = client.post("/sparql", content=LABELS.encode(), headers={"Content-Type": "application/sparql-query"})
    for response in (by_get, by_form, direct):
        assert response.status_code == 200, response.text
        assert response.headers["content-type"] == "application/sparql-results+json"
        assert labels_from_json(response) == {"To Lam", "Tô Lâm"}


@pytest.mark.parametrize(("accept", "media_type"), [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json", "application/sparql-results+json"),
])
def test_server_sparql_select_formats(client, accept, media_type):
    response = client.get("/sparql", params={"query": LABELS}, headers={"Accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media_type
    assert "Tô Lâm" in response.content.decode("utf-8")


def test_server_sparql_csv_rows(client):
    rows = list(csv.reader(io.StringIO(client.get("/sparql", params={"query": LABELS, "format": "csv"}).text)))
    assert rows == [["label"], ["To Lam"], ["Tô Lâm"]]


def test_server_sparql_ask(client):
    response = client.get("/sparql", params={"query": "ASK { ?s a <https://w3id.org/cdkg/ontology#Treaty> }"})
    assert response.json() == {"head": {}, "boolean": True}


@pytest.mark.parametrize(("accept", "fmt"), [
    ("text/turtle", ox.RdfFormat.TURTLE),
    ("application/ld+json", ox.RdfFormat.JSON_LD),
    ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    ("application/rdf+xml", ox.RdfFormat.RDF_XML),
])
def test_server_sparql_construct_formats(client, accept, fmt):
    response = client.post("/sparql", data={"query": CONSTRUCT}, headers={"Accept": accept})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].split(";")[0] == accept
    triples = list(ox.parse(response.content, fmt))
    assert ox.NamedNode("https://w3id.org/cdkg/ontology#State") in {t.object for t in triples}


def test_server_sparql_format_parameter(client):
    assert client.get("/sparql", params={"query": CONSTRUCT, "format": "ttl"}).headers["content-type"].startswith("text/turtle")
    assert client.get("/sparql", params={"query": LABELS, "format": "tsv"}).headers["content-type"].startswith("text/tab-separated-values")
    assert client.get("/sparql", params={"query": LABELS, "format": "yaml"}).status_code == 400


def test_server_sparql_union_of_named_graphs(client):
    response = client.get("/sparql", params={"query": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"})
    assert int(response.json()["results"]["bindings"][0]["n"]["value"]) >= 3
    # no GRAPH clause: the default graph is the union, so registry and document triples both answer
    ask = "ASK { ?s a <https://w3id.org/cdkg/ontology#State> . ?d a <https://w3id.org/cdkg/ontology#SourceDocument> }"
    assert client.get("/sparql", params={"query": ask}).json()["boolean"] is True


def test_server_sparql_default_graph_uri(client):
    params = {"query": "ASK { ?d a <https://w3id.org/cdkg/ontology#SourceDocument> }",
              "default-graph-uri": "https://w3id.org/cdkg/graph/reference"}
    assert client.get("/sparql", params=params).json()["boolean"] is False


@pytest.mark.parametrize("how", ["form", "direct", "get"])
def test_server_sparql_update_refused(client, how):
    update = "INSERT DATA { <urn:x:a> <urn:x:b> <urn:x:c> }"
    if how == "form":
        response = client.post("/sparql", data={"update": update})
    elif how == "direct":
        response = client.post("/sparql", content=update.encode(), headers={"Content-Type": "application/sparql-update"})
    else:
        response = client.get("/sparql", params={"update": update})
    assert response.status_code == 403
    assert "read-only" in response.text
    check = client.get("/sparql", params={"query": "ASK { <urn:x:a> ?p ?o }"})
    assert check.json()["boolean"] is False


def test_server_sparql_malformed_and_missing(client):
    assert client.get("/sparql", params={"query": "SELECT WHERE {"}).status_code == 400
    assert client.get("/sparql").status_code == 400
    assert client.post("/sparql", content=b"x", headers={"Content-Type": "text/plain"}).status_code == 415
    assert client.get("/sparql", params={"query": LABELS}, headers={"Accept": "image/png"}).status_code == 406


def test_server_sparql_time_limit(client):
    started = time.monotonic()
    response = client.get("/sparql", params={"query": CROSS_JOIN})
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert response.text.strip() == "query exceeded the time limit of 0.2 s"
    assert elapsed < 5
    # the stuck worker was replaced: the next query is answered
    for _ in range(50):
        again = client.get("/sparql", params={"query": LABELS})
        if again.status_code == 200:
            break
        time.sleep(0.1)
    assert labels_from_json(again) == {"To Lam", "Tô Lâm"}


def test_server_sparql_result_size_limit(client):
    five = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"})
    assert five.status_code == 200 and len(five.json()["results"]["bindings"]) == 5
    six = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 6"})
    assert six.status_code == 422
    assert "exceeds the limit of 5 rows" in six.text
    graph = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o } LIMIT 6"})
    assert graph.status_code == 422 and "5 triples" in graph.text


def test_server_sparql_browser_without_query_goes_to_editor(client):
    response = client.get("/sparql", headers={"Accept": "text/html"}, follow_redirects=False)
    assert response.status_code == 303 and response.headers["location"] == "/query"


def test_server_sparql_threads_mode_time_limit(seed_build):
    """Without worker processes a streaming query stops at the limit too (rows are read against the clock)."""
    config = ServerConfig(build_dir=seed_build[0], query_timeout=0.2, max_results=10**9, query_workers=0)
    with TestClient(create_app(config)) as client:
        response = client.get("/sparql", params={"query": "SELECT ?a ?d WHERE { ?a ?b ?c . ?d ?e ?f }"})
        assert response.status_code == 503
        assert "time limit of 0.2 s" in response.text


def test_server_sparql_json_results_parse_back(client):
    body = client.get("/sparql", params={"query": LABELS}).content
    assert {s["label"].value for s in ox.parse_query_results(body, ox.QueryResultsFormat.JSON)} == {"To Lam", "Tô Lâm"}
    assert json.loads(body)["head"]["vars"] == ["label"]


def test_server_sparql_request_size_cap(client):
    body = ("SELECT * WHERE { ?s ?p ?o } # " + "x" * 1_100_000).encode()
    response = client.post("/sparql", content=body, headers={"Content-Type": "application/sparql-query"})
    assert response.status_code == 413


def test_server_sparql_head_and_vary(client):
    response = client.get("/sparql", params={"query": LABELS}, headers={"Accept": "text/csv"})
    assert response.headers["vary"] == "Accept"
    assert client.head("/id/person/to-lam").status_code == 200
