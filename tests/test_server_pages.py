"""Pages, search, the query page, dumps, VoID, health and CORS, over the seed build."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest

from graph_builder.query import QueryLibrary
from graph_builder.server import ServerConfig, create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

HTML = {"Accept": "text/html"}


@pytest.fixture(scope="module")
def client(seed_build):
    with TestClient(create_app(ServerConfig(build_dir=seed_build[0], query_workers=0))) as client:
        yield client


def test_server_pages_person(client):
    page = client.get("/id/person/to-lam", headers=HTML).text
    assert "Tô Lâm" in page and 'id="posts"' in page
    assert "secretary-general" in page or "general secretary" in page
    assert "Reception" in page
    assert "<mark>Lam</mark>" in page or "<mark>To Lam</mark>" in page
    assert 'href="/id/doc/' in page


@pytest.mark.parametrize(("query", "expected"), [
    ("to lam", "/id/person/to-lam"),
    ("TÔ LÂM", "/id/person/to-lam"),
    ("verdrag van hanoi", "/id/treaty/un-cybercrime-convention"),
    ("Convention de Hanoi", "/id/treaty/un-cybercrime-convention"),
    ("viet nam", "/id/state/VNM"),
])
def test_server_pages_search_any_language(client, query, expected):
    page = client.get("/search", params={"q": query}, headers=HTML).text
    assert f'href="{expected}"' in page
    found = client.get("/search", params={"q": query}, headers={"Accept": "application/json"}).json()
    assert "https://w3id.org/cdkg" + expected in [hit["iri"] for hit in found]


def test_server_pages_search_escapes_the_query(client):
    page = client.get("/search", params={"q": '<script>alert("q")</script>'}, headers=HTML).text
    assert "<script>alert" not in page and "&lt;script&gt;" in page


def test_server_pages_home_links_everything(client):
    page = client.get("/", headers=HTML).text
    for href in ("/search", "/query", "/sparql", "/ontology", "/dumps/", "/.well-known/void", "/id/treaty/un-cybercrime-convention", "/id/doc/"):
        assert f'href="{href}' in page, href


def test_server_pages_query_page_preloads_the_library(client):
    page = client.get("/query", headers=HTML).text
    library = QueryLibrary()
    assert len(library) > 0
    for query in library:
        assert f"({query.name})</option>" in page
    assert 'src="/static/yasgui/yasgui.min.js"' in page
    for name in ("yasgui.min.js", "yasgui.min.css", "LICENSE"):
        assert client.get(f"/static/yasgui/{name}").status_code == 200
    assert "MIT License" in client.get("/static/yasgui/LICENSE").text


def test_server_pages_dumps(client, seed_build):
    listing = client.get("/dumps/", headers={"Accept": "application/json"}).json()
    names = {f["name"]: f["media_type"] for f in listing}
    assert names["graph.ttl"] == "text/turtle" and names["graph.trig"] == "application/trig" and names["graph.nq"] == "application/n-quads"
    response = client.get("/dumps/graph.nq")
    assert response.status_code == 200 and response.headers["content-type"] == "application/n-quads"
    assert response.content == (seed_build[0] / "graph.nq").read_bytes()
    assert client.get("/dumps/graph.ttl").headers["content-type"] == "text/turtle; charset=utf-8"
    assert client.get("/dumps/report.json").status_code == 404
    assert client.get("/dumps/..%2Freport.json").status_code == 404


def test_server_pages_void_and_health(client, seed_build, tmp_path):
    expected = 404 if not (seed_build[0] / "void.ttl").exists() else 200
    assert client.get("/.well-known/void").status_code == expected
    health = client.get("/health").json()
    assert health["ok"] is True and health["triples"] > 10_000 and health["graphs"] >= 3
    # a build with a void.ttl serves it
    (tmp_path / "store").symlink_to(seed_build[0] / "store")
    (tmp_path / "void.ttl").write_text("<https://w3id.org/cdkg/id/dataset/cdkg> a <http://rdfs.org/ns/void#Dataset> .\n")
    with TestClient(create_app(ServerConfig(build_dir=tmp_path, query_workers=0))) as other:
        void = other.get("/.well-known/void")
        assert void.status_code == 200 and void.headers["content-type"].startswith("text/turtle")
        assert "void#Dataset" in void.text


def test_server_pages_cors_only_when_asked(client, seed_build):
    origin = {"Origin": "https://analyst.example.org"}
    assert "access-control-allow-origin" not in client.get("/health", headers=origin).headers
    config = ServerConfig(build_dir=seed_build[0], cors_origins=("https://analyst.example.org",), query_workers=0)
    with TestClient(create_app(config)) as other:
        response = other.get("/health", headers=origin)
        assert response.headers["access-control-allow-origin"] == "https://analyst.example.org"
        assert "access-control-allow-origin" not in other.get("/health", headers={"Origin": "https://evil.example"}).headers


def test_server_pages_config_defaults_are_safe():
    config = ServerConfig()
    assert config.host == "127.0.0.1" and config.cors_origins == () and config.base_iri == "https://w3id.org/cdkg/"
    with pytest.raises(ValueError):
        ServerConfig(base_iri="https://w3id.org/cdkg")


def test_server_pages_cli_serve_help():
    from click.testing import CliRunner

    from graph_builder.cli import main

    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    for option in ("--build", "--host", "--port", "--base-iri", "--cors-origin", "--query-timeout", "--max-results"):
        assert option in result.output


def test_server_pages_no_write_methods(client):
    for method in ("put", "delete", "patch"):
        assert getattr(client, method)("/id/person/to-lam").status_code == 405
    assert client.post("/id/person/to-lam").status_code == 405


def test_server_pages_static_root(client):
    assert Path(__file__).parent.exists()
    assert client.get("/static/cdkg.css").status_code == 200
