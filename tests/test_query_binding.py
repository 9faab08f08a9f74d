"""query: parameters are bound as typed RDF terms in a VALUES block, and hostile values change nothing."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph_builder.config import project_root
from graph_builder.errors import QueryError
from graph_builder.query import LibraryQuery, Parameter, QueryLibrary, bind, run, term_text, to_term, where_clause_start

FIXTURE = Path(__file__).parent / "fixtures" / "queries" / "fixture.trig"
LIBRARY = QueryLibrary(project_root() / "queries")
HOSTILE = 'x" } ; DROP ALL ; #'


@pytest.fixture()
def store() -> ox.Store:
    store = ox.Store()
    store.load(path=str(FIXTURE), format=ox.RdfFormat.TRIG)
    return store


def demo(parameters: str, body: str = "SELECT ?x WHERE { ?x ?p ?v }") -> LibraryQuery:
    return LibraryQuery.from_text("demo", f"# title: Demo\n# question: What?\n# parameters:\n{parameters}\n# columns: x\n{body}")


@pytest.mark.parametrize(
    ("kind", "value", "expected"),
    [
        ("iri", "id:state/VNM", "id:state/VNM"),
        ("iri", "<https://example.org/a>", "<https://example.org/a>"),
        ("iri", "https://w3id.org/cdkg/id/treaty/x", "id:treaty/x"),
        ("string", 'say "hi"\n', '"say \\"hi\\"\\n"'),
        ("langString", "Hanoi Convention@en", '"Hanoi Convention"@en'),
        ("date", "2025-10-25", '"2025-10-25"^^xsd:date'),
        ("integer", " 40 ", '"40"^^xsd:integer'),
        ("decimal", "0.85", '"0.85"^^xsd:decimal'),
        ("boolean", "False", '"false"^^xsd:boolean'),
    ],
)
def test_query_binding_converts_by_type(kind: str, value: str, expected: str) -> None:
    assert term_text(to_term(Parameter("p", kind), value)) == expected


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("iri", HOSTILE), ("iri", "id:state/V NM"), ("iri", "<a>{b}"), ("iri", "https://x/<y>"), ("iri", "relative/path"),
        ("iri", "nope:thing\\"), ("langString", "no tag"), ("langString", "x@not a tag"), ("date", "25 October 2025"),
        ("date", "2025-13-01"), ("date", "2025-10"), ("integer", "4.5"), ("decimal", "NaN"), ("boolean", "yes"),
    ],
)
def test_query_binding_rejects_bad_values_naming_them(kind: str, value: str) -> None:
    with pytest.raises(QueryError) as error:
        to_term(Parameter("p", kind), value, "demo")
    assert repr(value) in str(error.value) and "parameter 'p' of query demo" in str(error.value)


def test_query_binding_inserts_values_at_the_start_of_the_where_clause() -> None:
    query = demo("#   - p: string = a -- x", 'SELECT ?x WHERE { ?x ?p ?v FILTER(?v != "}") }')
    text = bind(query, {"p": HOSTILE})
    assert text.endswith('SELECT ?x WHERE { VALUES (?p) { ("x\\" } ; DROP ALL ; #") } ?x ?p ?v FILTER(?v != "}") }')


def test_query_binding_leaves_optional_parameters_unbound_and_requires_required_ones() -> None:
    query = demo("#   - p: iri, optional\n#   - q: string", "SELECT ?x WHERE { ?x ?p ?q }")
    with pytest.raises(QueryError, match="query demo needs parameter 'q' \\(string\\)"):
        bind(query, {})
    assert "VALUES (?q)" in bind(query, {"q": "v"})


def test_query_binding_unknown_parameter_lists_the_known_ones() -> None:
    with pytest.raises(QueryError) as error:
        bind(LIBRARY.get("officials-at-date"), {"x": "1"})
    assert str(error.value) == "unknown parameter 'x' for query officials-at-date; known: state, date"
    with pytest.raises(QueryError, match="unknown parameter 'x' for query unregistered-actors; known: none"):
        bind(LIBRARY.get("unregistered-actors"), {"x": "1"})


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SELECT * { ?s ?p ?o }", "SELECT * {"),
        ("PREFIX a: <http://a#{x}>\n# where { \nSELECT ?s WHERE {\n?s ?p ?o }", "SELECT ?s WHERE {"),
        ('CONSTRUCT { ?s ?p "WHERE {" } WHERE { ?s ?p ?o }', '} WHERE {'),
        ("CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT WHERE {"),
        ("ASK { FILTER(1 < 2) }", "ASK {"),
        ("SELECT (COUNT(*) AS ?n) FROM <http://g> WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }", "<http://g> WHERE {"),
    ],
)
def test_query_binding_finds_the_where_clause(text: str, expected: str) -> None:
    assert text[: where_clause_start(text)].endswith(expected)


def test_query_binding_without_where_clause_is_an_error() -> None:
    query = demo("#   - x: iri = id:state/VNM", "DESCRIBE ?x")
    with pytest.raises(QueryError, match="no WHERE clause"):
        bind(query, {})


def test_query_binding_header_must_match_the_query() -> None:
    with pytest.raises(QueryError, match="parameter 'other' is not a variable of the query"):
        demo("#   - other: iri, optional")
    with pytest.raises(QueryError, match="malformed parameter line"):
        demo("#   - p iri")
    with pytest.raises(QueryError, match="unknown type 'uri'"):
        demo("#   - p: uri, optional")


@pytest.mark.parametrize("name", ["treaty-parties", "treaty-status", "ratification-appeals", "treaty-stances"])
def test_query_injection_in_an_iri_parameter_is_refused_and_changes_nothing(name: str, store: ox.Store) -> None:
    before = len(store)
    with pytest.raises(QueryError, match="not an IRI"):
        run(store, LIBRARY.get(name), {"treaty": HOSTILE})
    assert len(store) == before


@pytest.mark.parametrize(("name", "param"), [("document-facts", "document"), ("documents", "language")])
def test_query_injection_in_a_string_parameter_is_a_literal_with_no_rows(name: str, param: str, store: ox.Store) -> None:
    before = len(store)
    result = run(store, LIBRARY.get(name), {param: HOSTILE})
    assert result.rows == ()
    assert len(store) == before


def test_query_syntax_error_names_the_query_on_one_line(store: ox.Store, tmp_path: Path) -> None:
    path = tmp_path / "broken.rq"
    path.write_text("SELECT ?x WHERE { ?x ?p }\n", encoding="utf-8")
    with pytest.raises(QueryError) as error:
        run(store, str(path), {}, library=LIBRARY)
    message = str(error.value)
    assert message.startswith("query broken: SPARQL syntax error: ") and "\n" not in message


def test_query_update_text_is_refused_and_changes_nothing(store: ox.Store, tmp_path: Path) -> None:
    path = tmp_path / "drop.rq"
    path.write_text("DROP ALL\n", encoding="utf-8")
    before = len(store)
    with pytest.raises(QueryError, match="query drop: SPARQL syntax error"):
        run(store, str(path), {}, library=LIBRARY)
    assert len(store) == before


def test_query_unknown_name_lists_the_library() -> None:
    with pytest.raises(QueryError, match="unknown query 'nope'; known: actor-card, "):
        LIBRARY.resolve("nope")
