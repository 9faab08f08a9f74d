"""Dereferencing IRIs: content negotiation, suffixes, 404/406, the base-IRI mapping, escaped pages.

Runs over the seed build (``seed_build``) and a fixture build of ``tests/fixtures/server/``, a tiny
English document whose title, publisher and text hold HTML (``<script>alert(1)</script>``).
"""

from __future__ import annotations

import json
import warnings

import pyoxigraph as ox
import pytest

from conftest import fixture_build
from graph_builder.server import ServerConfig, create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

BASE = "https://w3id.org/cdkg/"
RDF_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}
SUFFIXES = {"ttl": "text/turtle", "jsonld": "application/ld+json", "nt": "application/n-triples", "rdf": "application/rdf+xml"}


@pytest.fixture(scope="module")
def seed(seed_build):
    out, _ = seed_build
    with TestClient(create_app(ServerConfig(build_dir=out, query_workers=0))) as client:
        yield client


@pytest.fixture(scope="module")
def fixture_client(tmp_path_factory):
    with TestClient(create_app(ServerConfig(build_dir=fixture_build(tmp_path_factory), query_workers=0))) as client:
        yield client


@pytest.fixture(scope="module")
def fact_paths(seed_build) -> dict[str, str]:
    """A tenure and an event of the seed, as local paths."""
    store = ox.Store.read_only(str(seed_build[0] / "store"))
    found = {}
    for kind in ("Tenure", "Event"):
        rows = list(store.query(
            f"SELECT ?f WHERE {{ ?f a <{BASE}ontology#{kind}> ; <http://www.w3.org/ns/prov#wasDerivedFrom> ?d }} ORDER BY ?f LIMIT 1",
            use_default_graph_as_union=True))
        found[kind] = "/" + rows[0]["f"].value[len(BASE):]
    return found


def parse(body: bytes, media_type: str) -> set[ox.Triple]:
    return {ox.Triple(q.subject, q.predicate, q.object) for q in ox.parse(body, RDF_TYPES[media_type])}


def resource_paths(fact_paths: dict[str, str]) -> list[str]:
    return ["/id/person/to-lam", "/id/state/VNM", "/id/treaty/un-cybercrime-convention", fact_paths["Tenure"], fact_paths["Event"]]


@pytest.mark.parametrize("media_type", sorted(RDF_TYPES))
def test_server_resources_every_rdf_type(seed, fact_paths, media_type):
    for path in resource_paths(fact_paths):
        response = seed.get(path, headers={"Accept": media_type})
        assert response.status_code == 200, (path, response.text)
        assert response.headers["content-type"].split(";")[0] == media_type
        assert response.headers["vary"] == "Accept"
        suffix = {v: k for k, v in SUFFIXES.items()}[media_type]
        assert response.headers["content-location"] == f"{path}.{suffix}"
        triples = parse(response.content, media_type)
        subject = ox.NamedNode(BASE + path.lstrip("/"))
        assert any(t.subject == subject for t in triples), path


def test_server_resources_html_for_each_kind(seed, fact_paths):
    for path in resource_paths(fact_paths):
        response = seed.get(path, headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
        assert response.status_code == 200, path
        assert response.headers["content-type"].startswith("text/html")
        assert response.headers["content-location"] == f"{path}.html"
        assert BASE + path.lstrip("/") in response.text
        assert "script-src 'self'" in response.headers["content-security-policy"]


def test_server_resources_person_description(seed):
    triples = parse(seed.get("/id/person/to-lam", headers={"Accept": "application/n-triples"}).content, "application/n-triples")
    labels = {t.object for t in triples if t.predicate.value.endswith("#label")}
    assert ox.Literal("Tô Lâm", language="vi") in labels
    # the subject triples only: the tenures pointing at him are not his description
    assert {t.subject.value for t in triples} == {BASE + "id/person/to-lam"}


def test_server_resources_fact_has_derivation_and_span(seed, fact_paths):
    body = seed.get(fact_paths["Event"], headers={"Accept": "text/turtle"}).content
    triples = parse(body, "text/turtle")
    predicates = {t.predicate.value for t in triples}
    assert "http://www.w3.org/ns/prov#qualifiedDerivation" in predicates
    assert "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf" in predicates
    spans = {t.subject.value for t in triples if t.predicate.value.endswith("#anchorOf")}
    assert spans and all("#char=" in s for s in spans)


def test_server_resources_tenure_has_interval(seed, fact_paths):
    triples = parse(seed.get(fact_paths["Tenure"] + ".nt").content, "application/n-triples")
    assert any(t.subject.value.startswith(BASE + "id/interval/") for t in triples)


@pytest.mark.parametrize("suffix", sorted(SUFFIXES))
def test_server_resources_suffix_forms(seed, suffix):
    response = seed.get(f"/id/state/VNM.{suffix}", headers={"Accept": "text/html"})
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == SUFFIXES[suffix]
    assert "vary" not in response.headers
    assert parse(response.content, SUFFIXES[suffix])


def test_server_resources_html_suffix(seed):
    response = seed.get("/id/person/to-lam.html", headers={"Accept": "text/turtle"})
    assert response.headers["content-type"].startswith("text/html")


def test_server_resources_q_values_honoured(seed):
    accept = "text/html;q=0.5, application/ld+json;q=0.9, text/turtle;q=0.1"
    assert seed.get("/id/state/VNM", headers={"Accept": accept}).headers["content-type"] == "application/ld+json"
    assert seed.get("/id/state/VNM", headers={"Accept": "*/*, text/turtle;q=0"}).headers["content-type"] == "application/ld+json"
    assert seed.get("/id/state/VNM").headers["content-type"].startswith("text/turtle")


def test_server_resources_jsonld_is_compacted(seed):
    document = json.loads(seed.get("/id/state/VNM.jsonld").content)
    assert "@context" in document


def test_server_resources_unknown_iri_is_404(seed):
    for path in ("/id/person/nobody-at-all", "/id/person/nobody-at-all.ttl", "/vocab/role/no-such-role", "/id/state/VNM.pdf"):
        assert seed.get(path, headers={"Accept": "text/turtle"}).status_code == 404, path


def test_server_resources_unsupported_type_is_406(seed):
    response = seed.get("/id/person/to-lam", headers={"Accept": "application/pdf, image/*"})
    assert response.status_code == 406
    assert "text/turtle" in response.text


def test_server_resources_ontology_and_vocab(seed):
    ontology = parse(seed.get("/ontology", headers={"Accept": "text/turtle"}).content, "text/turtle")
    assert ox.NamedNode(BASE + "ontology#Treaty") in {t.subject for t in ontology}
    assert not any(t.subject.value.startswith(BASE + "vocab/") for t in ontology)
    assert seed.get("/ontology.ttl").status_code == 200
    assert "Treaty" in seed.get("/ontology", headers={"Accept": "text/html"}).text
    scheme = parse(seed.get("/vocab/role.nt").content, "application/n-triples")
    assert ox.NamedNode(BASE + "vocab/role/foreign-minister") in {t.subject for t in scheme}
    concept = seed.get("/vocab/treaty-action/ratification", headers={"Accept": "application/rdf+xml"})
    assert concept.status_code == 200 and parse(concept.content, "application/rdf+xml")


def test_server_resources_document_holds_its_fragments(seed, seed_build):
    store = ox.Store.read_only(str(seed_build[0] / "store"))
    doc = next(iter(store.query(f"SELECT ?d WHERE {{ ?d a <{BASE}ontology#SourceDocument> }}", use_default_graph_as_union=True)))["d"].value
    triples = parse(seed.get("/" + doc[len(BASE):] + ".nt").content, "application/n-triples")
    assert any(t.predicate.value.endswith("#isString") for t in triples)
    assert any("#char=" in t.subject.value and t.predicate.value.endswith("#taIdentRef") for t in triples)


def test_server_resources_other_base_iri(seed_build):
    """With --base-iri http://localhost:8000/ a path maps onto that base, where this graph has nothing."""
    config = ServerConfig(build_dir=seed_build[0], base_iri="http://localhost:8000/", query_workers=0)
    with TestClient(create_app(config)) as client:
        response = client.get("/id/person/to-lam", headers={"Accept": "text/turtle"})
        assert response.status_code == 404
        assert "http://localhost:8000/id/person/to-lam" in response.text


def test_server_resources_document_page_escapes_html(fixture_client):
    home = fixture_client.get("/").text
    path = next(part.split('"')[0] for part in home.split('href="')[1:] if part.startswith("/id/doc/"))
    page = fixture_client.get(path, headers={"Accept": "text/html"}).text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page and "<b>bold</b>" not in page
    assert "Fixture Wire &lt;b&gt;bold&lt;/b&gt;" in page


def test_server_resources_treaty_page_timeline_and_chart(fixture_client):
    page = fixture_client.get("/id/treaty/un-cybercrime-convention", headers={"Accept": "text/html"}).text
    assert '<svg class="chart"' in page
    assert "entry-into-force threshold: 40" in page
    timeline = page[page.index('<table class="timeline">'):]
    timeline = timeline[: timeline.index("</table>")]
    assert "opened for signature" in timeline and "ratification" in timeline and "Vietnam" in timeline
    assert page.count('<circle class="point"') == 2
