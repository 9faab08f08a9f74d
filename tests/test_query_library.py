"""query: every library query, run with its example parameters on the fixture graph, gives its expected rows.

The cases are data: ``tests/fixtures/queries/fixture.trig`` (a hand-written build) and one
``tests/fixtures/queries/expected/NAME.json`` per query in ``queries/``. ``--update-goldens``
rewrites the expected files from the current results (review the diff before keeping it).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.config import project_root
from graph_builder.query import GRAPH_COLUMNS, LibraryQuery, QueryLibrary, run, term_text

FIXTURES = Path(__file__).parent / "fixtures" / "queries"
EXPECTED = FIXTURES / "expected"
LIBRARY = QueryLibrary(project_root() / "queries")


def load_fixture(path: Path = FIXTURES / "fixture.trig") -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TRIG)
    return store


@pytest.fixture(scope="module")
def fixture_store() -> ox.Store:
    return load_fixture()


def rows_as_text(result) -> list[list[str | None]]:
    return [[term_text(term) for term in row] for row in result.rows]


def dump_expected(case: dict) -> str:
    """An expected-rows file: one line per row, so diffs show rows."""
    head = {key: case[key] for key in ("query", "params", "columns")}
    lines = [f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}," for key, value in head.items()]
    rows = [f"  {json.dumps(row, ensure_ascii=False)}" for row in case["rows"]]
    return "{\n" + "\n".join(lines) + '\n "rows": [\n' + ",\n".join(rows) + "\n ]\n}\n"


def test_query_library_holds_at_least_15_queries_each_with_an_expected_file() -> None:
    names = sorted(q.name for q in LIBRARY)
    assert len(names) >= 15
    assert sorted(p.stem for p in EXPECTED.glob("*.json")) == names


def test_query_library_headers_are_complete() -> None:
    for q in LIBRARY:
        assert q.title and q.question.endswith("?"), q.name
        assert q.columns, q.name
        assert q.example.startswith(f"cdkg query {q.name}"), q.name
        assert "GRAPH" not in re.sub(r"#[^\n]*", "", q.text), f"{q.name}: library queries are GRAPH-agnostic"
        for parameter in q.parameters:
            assert not re.search(rf"VALUES[^{{]*[?$]{parameter.name}\b", q.text), f"{q.name}: the runner binds '{parameter.name}'"
            assert not parameter.required, f"{q.name}: '{parameter.name}' needs a default or 'optional'"
        assert set(q.example_params) <= {p.name for p in q.parameters}, q.name


@pytest.mark.parametrize("query", list(LIBRARY), ids=lambda q: q.name)
def test_query_library_expected_rows(query: LibraryQuery, fixture_store: ox.Store, update_goldens: bool) -> None:
    result = run(fixture_store, query, query.example_params)
    assert result.kind in ("select", "graph")
    assert result.variables == (GRAPH_COLUMNS if result.kind == "graph" else query.columns)
    actual = {"query": query.name, "params": query.example_params, "columns": list(result.variables), "rows": rows_as_text(result)}
    path = EXPECTED / f"{query.name}.json"
    if update_goldens:
        path.write_text(dump_expected(actual), encoding="utf-8")
    expected = json.loads(path.read_text(encoding="utf-8"))
    assert expected["params"] == query.example_params, "the header's example changed: run with --update-goldens"
    assert actual["columns"] == expected["columns"]
    assert actual["rows"] == expected["rows"]
    assert actual["rows"], f"{query.name}: the fixture should give at least one row"


@pytest.mark.parametrize("query", list(LIBRARY), ids=lambda q: q.name)
def test_query_library_runs_without_parameters(query: LibraryQuery, fixture_store: ox.Store) -> None:
    result = run(fixture_store, query, {})
    assert result.variables == (GRAPH_COLUMNS if result.kind == "graph" else query.columns)
    assert result.rows


def test_query_library_officials_at_date_follow_tenure_dates(fixture_store: ox.Store) -> None:
    def officials(day: str) -> set[str]:
        result = run(fixture_store, LIBRARY.get("officials-at-date"), {"state": "id:state/EST", "date": day})
        return {term_text(row[0]) for row in result.rows}

    assert officials("2022-06-01") == {"id:person/john-roe"}
    assert officials("2023-12-31") == {"id:person/john-roe"}
    assert officials("2024-01-01") == {"id:person/jane-doe"}
    assert officials("2019-12-31") == set()


def test_query_library_events_in_range_bounds(fixture_store: ox.Store) -> None:
    query = LIBRARY.get("events-in-range")
    events = lambda params: {term_text(row[1]) for row in run(fixture_store, query, params).rows}  # noqa: E731
    assert events({"from": "2026-01-01"}) == {"id:event/e200000000000001"}
    assert events({"to": "2025-10-25"}) == {"id:event/e100000000000001"}
    assert events({"from": "2027-01-01"}) == set()


def test_query_library_resolves_a_file_path(tmp_path: Path, fixture_store: ox.Store) -> None:
    path = tmp_path / "count.rq"
    path.write_text(
        "# title: Count\n# question: How many documents?\n# parameters: none\n# columns: n\n"
        "# example: cdkg query count.rq\n"
        "PREFIX cdo: <https://w3id.org/cdkg/ontology#>\n"
        "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a cdo:SourceDocument }\n",
        encoding="utf-8",
    )
    result = run(fixture_store, str(path), {}, library=LIBRARY)
    assert rows_as_text(result) == [['"2"^^xsd:integer']]
