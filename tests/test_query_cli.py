"""cdkg query: the library listing, table/CSV/TSV/JSON/Turtle output, and one-line errors with exit code 2."""

from __future__ import annotations

import csv
import gc
import io
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner

from graph_builder.cli import main
from graph_builder.config import project_root
from graph_builder.query import QueryLibrary

FIXTURE = Path(__file__).parent / "fixtures" / "queries" / "fixture.trig"
LIBRARY = QueryLibrary(project_root() / "queries")


@pytest.fixture(scope="module")
def build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build folder whose store holds the query fixture graph."""
    out = tmp_path_factory.mktemp("query-cli") / "build"
    out.mkdir()
    store = ox.Store(str(out / "store"))
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    store.flush()
    del store
    gc.collect()
    return out


def cdkg(*args: str):
    return CliRunner().invoke(main, list(args))


def test_query_cli_list_shows_every_query_with_its_question() -> None:
    result = cdkg("query", "--list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(LIBRARY) >= 15
    for line, query in zip(lines, LIBRARY):
        assert line.split()[0] == query.name and line.rstrip().endswith(query.question)


def test_query_cli_table(build: Path) -> None:
    result = cdkg("query", "treaty-parties", "--build", str(build))
    assert result.exit_code == 0, result.output
    header, rule, *rows, footer = result.output.splitlines()
    assert header.split() == ["party", "partyLabel", "action", "date", "signer", "signerLabel"]
    assert set(rule) == {"-", " "}
    assert rows[0].split() == ["id:state/EST", "Estonia", "vocab:treaty-action/signature", "2025-10-25", "id:person/jane-doe", "Jane", "Doe"]
    assert footer == "(5 rows)"


def test_query_cli_csv_and_tsv(build: Path) -> None:
    result = cdkg("query", "officials-at-date", "--build", str(build), "--param", "state=id:state/EST",
                  "--param", "date=2022-06-01", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.output)))
    assert tuple(rows[0]) == LIBRARY.get("officials-at-date").columns
    assert rows[1][:2] == ["https://w3id.org/cdkg/id/person/john-roe", "John Roe"]
    assert rows[1][6:8] == ["2020-01-01", "2023-12-31"]
    tsv = cdkg("query", "documents", "--build", str(build), "--format", "tsv").output.splitlines()
    assert tsv[0].split("\t")[:2] == ["?document", "?language"]
    assert tsv[1].split("\t")[:2] == ['"fix_a"', '"en"']


def test_query_cli_json_is_sparql_results_json(build: Path) -> None:
    result = cdkg("query", "conflicting-claims", "--build", str(build), "--format", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["head"]["vars"] == list(LIBRARY.get("conflicting-claims").columns)
    figures = [b["figure"] for b in data["results"]["bindings"]]
    assert figures == [{"type": "literal", "value": "65", "datatype": "http://www.w3.org/2001/XMLSchema#integer"},
                       {"type": "literal", "value": "72", "datatype": "http://www.w3.org/2001/XMLSchema#integer"}]
    assert data["results"]["bindings"][1]["quote"] == {"type": "literal", "value": "72 staten het verdrag ondertekend", "xml:lang": "nl"}


def test_query_cli_construct_prints_turtle(build: Path) -> None:
    result = cdkg("query", "actor-card", "--build", str(build), "--param", "actor=id:state/FRA", "--format", "ttl")
    assert result.exit_code == 0, result.output
    graph = ox.Store()
    graph.load(result.output.encode(), format=ox.RdfFormat.TURTLE)
    assert ox.Quad(ox.NamedNode("https://w3id.org/cdkg/id/state/FRA"), ox.NamedNode("https://w3id.org/cdkg/ontology#iso3"),
                   ox.Literal("FRA")) in graph
    assert cdkg("query", "actor-card", "--build", str(build), "--param", "actor=id:state/FRA").output == result.output


def test_query_cli_runs_a_file(build: Path, tmp_path: Path) -> None:
    path = tmp_path / "ask.rq"
    path.write_text("PREFIX cdo: <https://w3id.org/cdkg/ontology#>\nASK { ?t a cdo:Treaty }\n", encoding="utf-8")
    result = cdkg("query", str(path), "--build", str(build))
    assert (result.exit_code, result.output) == (0, "true\n")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["query", "treaty-parties", "--param", "x=1"], "cdkg: unknown parameter 'x' for query treaty-parties; known: treaty\n"),
        (["query", "treaty-parties", "--param", 'treaty=x" } ; DROP ALL ; #'],
         "cdkg: parameter 'treaty' of query treaty-parties: not an IRI: 'x\" } ; DROP ALL ; #'\n"),
        (["query", "treaty-parties", "--param", "treaty"], "cdkg: a parameter is written NAME=VALUE, not 'treaty'\n"),
        (["query", "no-such-query"], "cdkg: unknown query 'no-such-query'; known: "),
        (["query", "documents", "--format", "ttl"], "cdkg: query documents: Turtle output is for CONSTRUCT and DESCRIBE queries"),
        (["query"], "cdkg: give a query NAME or FILE.rq"),
    ],
)
def test_query_cli_errors_are_one_line_and_exit_2(args: list[str], message: str, build: Path) -> None:
    before = len(ox.Store.read_only(str(build / "store")))
    result = CliRunner().invoke(main, [*args, "--build", str(build)])
    assert result.exit_code == 2
    assert result.stderr.startswith(message) and result.stderr.count("\n") == 1
    assert len(ox.Store.read_only(str(build / "store"))) == before


def test_query_cli_missing_build_is_an_error(tmp_path: Path) -> None:
    result = cdkg("query", "documents", "--build", str(tmp_path / "nowhere"))
    assert result.exit_code == 2 and "no store here" in result.stderr
