"""The analysts' query library and its runner (DESIGN §1, §7; STYLE practice 11).

In: ``queries/*.rq`` files (SPARQL 1.1 with a header comment), parameter values as text, and a
``pyoxigraph.Store`` or the URL of a SPARQL 1.1 endpoint. Out: a ``QueryResult`` (variables and rows
of RDF terms, a boolean, or triples), formatted as a table, CSV, TSV, SPARQL 1.1 JSON or Turtle.

A library query starts with a header; the query's name is its file stem::

    # title: Signatories and parties of a treaty
    # question: Which parties signed a treaty, on which date, and who signed for them?
    # parameters:
    #   - treaty: iri = id:treaty/un-cybercrime-convention -- the treaty
    #   - date: date, optional -- only actions on or before this date
    # columns: party, partyLabel, action, date, signer, signerLabel
    # example: cdkg query treaty-parties --param treaty=id:treaty/un-cybercrime-convention

A parameter has a type (``iri``, ``string``, ``langString`` written ``text@lang``, ``date``,
``integer``, ``decimal``, ``boolean``) and either a default, ``optional`` (left unbound when not
given) or nothing (required). ``# parameters: none`` declares none. IRI values may be prefixed names
with the cdkg prefixes (``id:state/VNM``) or absolute IRIs.

Parameters are bound as typed RDF terms, never pasted as text: each value becomes a pyoxigraph term
(which validates it) and the terms, in their N-Triples serialisation, form one ``VALUES`` block
inserted at the start of the WHERE clause. So a query must use each parameter variable in a mandatory
pattern or a FILTER of its top-level group, never only inside an OPTIONAL or a sub-select.

Queries run with the union of the named graphs as the default graph and use no ``GRAPH ?g``
patterns: on the embedded store through ``use_default_graph_as_union=True``; a remote endpoint must
offer the same view (``oxigraph serve --union-default-graph``, Fuseki's ``unionDefaultGraph``,
GraphDB and Virtuoso by default). The runner rewrites nothing for the remote case. In a union default
graph a triple held by two graphs may be seen twice, hence the ``DISTINCT`` in library queries.

>>> q = LibraryQuery.from_text("demo", '''# title: Demo
... # question: Which labels does a thing have?
... # parameters:
... #   - thing: iri = id:state/VNM -- the thing
... # columns: label
... # example: cdkg query demo --param thing=id:state/EST
... SELECT ?label WHERE { ?thing <http://www.w3.org/2000/01/rdf-schema#label> ?label }''')
>>> q.parameters[0]
Parameter(name='thing', type='iri', default='id:state/VNM', optional=False, description='the thing')
>>> q.example_params
{'thing': 'id:state/EST'}
>>> print(bind(q, {"thing": "id:state/EST"}).splitlines()[-1])
SELECT ?label WHERE { VALUES (?thing) { (<https://w3id.org/cdkg/id/state/EST>) } ?thing ...
>>> bind(q, {"place": "x"})
Traceback (most recent call last):
...
graph_builder.errors.QueryError: unknown parameter 'place' for query demo; known: thing
"""

from __future__ import annotations

import csv
import io
import json
import re
import shlex
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pyoxigraph as ox

from .errors import EndpointError, QueryError
from .namespaces import PREFIXES

XSD = "http://www.w3.org/2001/XMLSchema#"
PARAMETER_TYPES = ("iri", "string", "langString", "date", "integer", "decimal", "boolean")
FORMATS = ("table", "csv", "tsv", "json", "ttl")
GRAPH_COLUMNS = ("subject", "predicate", "object")
_HEADER_KEYS = ("title", "question", "parameters", "columns", "example")
_PARAMETER = re.compile(
    r"^(?P<name>[A-Za-z_]\w*)\s*:\s*(?P<type>\w+)\s*"
    r"(?:=\s*(?P<default>.+?)|,\s*(?P<optional>optional))?\s*(?:--\s*(?P<doc>.*))?$"
)
_BAD_IRI_CHARS = re.compile(r'[\s"<>{}|^`\\]')
_LANGUAGE_TAG = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
# The lexemes that matter for finding the WHERE clause; anything else is one character.
_LEXEME = re.compile(
    r'(?P<comment>#[^\n]*)|(?P<string>"""(?:[^"\\]|\\.|"(?!""))*"""|\'\'\'(?:[^\'\\]|\\.|\'(?!\'\'))*\'\'\''
    r'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\')|(?P<iri><[^<>"{}|^`\\\x00-\x20]*>)'
    r"|(?P<word>[A-Za-z_:][\w:.\-]*)|(?P<var>[?$]\w+)|(?P<brace>[{}])|.",
    re.S,
)


@dataclass(frozen=True, slots=True)
class Parameter:
    """A declared query parameter: its SPARQL variable name, type, and default or optionality."""

    name: str
    type: str
    default: str | None = None
    optional: bool = False
    description: str = ""

    def __post_init__(self) -> None:
        if self.type not in PARAMETER_TYPES:
            raise QueryError(f"parameter '{self.name}': unknown type '{self.type}' (one of {', '.join(PARAMETER_TYPES)})")
        if self.default is not None and self.optional:
            raise QueryError(f"parameter '{self.name}': a default and 'optional' exclude each other")

    @property
    def required(self) -> bool:
        """No default and not optional: the caller must give a value."""
        return self.default is None and not self.optional


@dataclass(frozen=True, slots=True)
class LibraryQuery:
    """One query of the library: its header, parsed, and its SPARQL text (header included)."""

    name: str
    path: Path | None
    title: str
    question: str
    parameters: tuple[Parameter, ...]
    columns: tuple[str, ...]
    text: str
    example: str = ""

    def __post_init__(self) -> None:
        for parameter in self.parameters:
            if not re.search(rf"[?$]{re.escape(parameter.name)}\b", _strip_comments(self.text)):
                raise QueryError(f"query {self.name}: parameter '{parameter.name}' is not a variable of the query")

    @classmethod
    def from_text(cls, name: str, text: str, path: Path | None = None) -> LibraryQuery:
        """Parse the header of ``text``; a query without a header has no parameters."""
        header = _parse_header(text)
        parameters = tuple(_parse_parameter(name, item) for item in header.get("parameters", []))
        names = [p.name for p in parameters]
        if len(set(names)) != len(names):
            raise QueryError(f"query {name}: a parameter is declared twice")
        columns = tuple(c.strip() for c in " ".join(header.get("columns", [])).split(",") if c.strip())
        return cls(
            name=name, path=path, title=" ".join(header.get("title", [name])), question=" ".join(header.get("question", [])),
            parameters=parameters, columns=columns, text=text, example=" ".join(header.get("example", [])),
        )

    @classmethod
    def from_file(cls, path: Path) -> LibraryQuery:
        """Read and parse one ``.rq`` file; its name is the file stem."""
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise QueryError(f"{path}: cannot read the query ({error.strerror or error})") from error
        return cls.from_text(path.stem, text, path)

    @property
    def example_params(self) -> dict[str, str]:
        """The ``--param k=v`` pairs of the header's example command."""
        words = shlex.split(self.example)
        pairs = [words[i + 1] for i, word in enumerate(words[:-1]) if word == "--param"]
        return parse_params(pairs)


def _strip_comments(text: str) -> str:
    return "".join(m.group(0) for m in _LEXEME.finditer(text) if m.lastgroup != "comment")


def _parse_header(text: str) -> dict[str, list[str]]:
    """The leading ``# key: value`` block, up to a bare ``#`` or another key; indented lines continue a key."""
    header: dict[str, list[str]] = {}
    key = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        body = stripped[1:]
        if not body.strip():
            break  # a bare '#' ends the header; free notes may follow
        match = re.match(r"^ ?([A-Za-z]+):\s*(.*)$", body)
        if match and not body.startswith("  "):
            key = match.group(1).lower()
            if key not in _HEADER_KEYS:
                break  # an ad-hoc file's own comments ("# Note: ...") are no header
            value = match.group(2).strip()
            header[key] = [] if key == "parameters" and value.lower() in ("", "none") else ([value] if value else [])
        elif key is not None and body.strip():
            item = body.strip()
            if key == "parameters":
                if item.startswith("- "):
                    header[key].append(item[2:].strip())
                elif header[key]:
                    header[key][-1] += " " + item
            else:
                header[key].append(item)
    return header


def _parse_parameter(query: str, item: str) -> Parameter:
    match = _PARAMETER.match(item)
    if not match:
        raise QueryError(f"query {query}: malformed parameter line '{item}' (want 'name: type [= default | , optional] [-- text]')")
    default = match.group("default")
    return Parameter(
        match.group("name"), match.group("type"), default.strip() if default else None,
        bool(match.group("optional")), (match.group("doc") or "").strip(),
    )


class QueryLibrary:
    """The queries of a folder (default ``Config().queries_dir``), by name; ``checks/`` is not included."""

    def __init__(self, folder: Path | str | None = None) -> None:
        if folder is None:
            from .config import Config

            folder = Config().queries_dir
        self.folder = Path(folder)
        self.queries: dict[str, LibraryQuery] = {
            path.stem: LibraryQuery.from_file(path) for path in sorted(self.folder.glob("*.rq"))
        }

    def __iter__(self) -> Iterator[LibraryQuery]:
        return iter(self.queries.values())

    def __len__(self) -> int:
        return len(self.queries)

    def get(self, name: str) -> LibraryQuery:
        """The query called ``name``; a QueryError lists the known names otherwise."""
        try:
            return self.queries[name]
        except KeyError:
            raise QueryError(f"unknown query '{name}'; known: {', '.join(self.queries) or 'none'}") from None

    def resolve(self, name_or_file: str | Path) -> LibraryQuery:
        """A library name, or a path to a ``.rq`` file (its header, if any, declares its parameters)."""
        text = str(name_or_file)
        if text in self.queries:
            return self.queries[text]
        if text.endswith(".rq") or Path(text).is_file():
            return LibraryQuery.from_file(Path(text))
        return self.get(text)

    def listing(self) -> str:
        """One line per query: its name and its question."""
        width = max((len(name) for name in self.queries), default=0)
        return "\n".join(f"{q.name.ljust(width)}  {q.question or q.title}" for q in self)


def parse_params(pairs: Sequence[str]) -> dict[str, str]:
    """``["k=v", ...]`` as a dict; a pair without ``=`` or a name given twice is a QueryError.

    >>> parse_params(["treaty=id:treaty/x", "date=2025-10-25"])
    {'treaty': 'id:treaty/x', 'date': '2025-10-25'}
    """
    params: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not name:
            raise QueryError(f"a parameter is written NAME=VALUE, not '{pair}'")
        if name in params:
            raise QueryError(f"parameter '{name}' given twice")
        params[name] = value
    return params


def to_term(parameter: Parameter, value: str, query: str = "") -> ox.NamedNode | ox.Literal:
    """The RDF term for ``value`` read as ``parameter.type``; a QueryError names a bad value.

    >>> str(to_term(Parameter("t", "iri"), "id:treaty/x"))
    '<https://w3id.org/cdkg/id/treaty/x>'
    >>> str(to_term(Parameter("s", "string"), 'x" } ; DROP ALL ; #'))
    '"x\\\\" } ; DROP ALL ; #"'
    >>> str(to_term(Parameter("d", "date"), "2025-10-25"))
    '"2025-10-25"^^<http://www.w3.org/2001/XMLSchema#date>'
    >>> to_term(Parameter("t", "iri"), 'x" } ; DROP ALL ; #', "q")
    Traceback (most recent call last):
    ...
    graph_builder.errors.QueryError: parameter 't' of query q: not an IRI: 'x" } ; DROP ALL ; #'
    """
    where = f"parameter '{parameter.name}'" + (f" of query {query}" if query else "")
    kind = parameter.type
    try:
        if kind == "iri":
            return _iri(value, where)
        if kind == "string":
            return ox.Literal(value)
        if kind == "langString":
            text, at, tag = value.rpartition("@")
            if not at or not _LANGUAGE_TAG.match(tag):
                raise QueryError(f"{where}: a langString is written text@lang, not {value!r}")
            return ox.Literal(text, language=tag)
        if kind == "date":
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
                raise ValueError(value)
            return ox.Literal(date.fromisoformat(value.strip()).isoformat(), datatype=ox.NamedNode(XSD + "date"))
        if kind == "integer":
            return ox.Literal(str(int(value.strip())), datatype=ox.NamedNode(XSD + "integer"))
        if kind == "decimal":
            number = Decimal(value.strip())
            if not number.is_finite():
                raise ValueError(value)
            return ox.Literal(format(number, "f"), datatype=ox.NamedNode(XSD + "decimal"))
        if kind == "boolean":
            if value.strip().lower() not in ("true", "false"):
                raise ValueError(value)
            return ox.Literal(value.strip().lower(), datatype=ox.NamedNode(XSD + "boolean"))
    except (ValueError, InvalidOperation):
        raise QueryError(f"{where}: not a{'n' if kind[0] in 'aeiou' else ''} {kind}: {value!r}") from None
    raise QueryError(f"{where}: unknown type '{kind}'")


def _iri(value: str, where: str) -> ox.NamedNode:
    text = value.strip()
    if text.startswith("<") and text.endswith(">"):
        text = text[1:-1]
    if not text or _BAD_IRI_CHARS.search(text) or any(ord(c) < 0x20 for c in text):
        raise QueryError(f"{where}: not an IRI: {value!r}")
    prefix, colon, local = text.partition(":")
    if colon and prefix in PREFIXES and not local.startswith("//"):
        text = PREFIXES[prefix] + local
    elif not colon or not re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*$", prefix):
        raise QueryError(f"{where}: not an absolute IRI or a known prefixed name: {value!r}")
    try:
        return ox.NamedNode(text)
    except ValueError:
        raise QueryError(f"{where}: not an IRI: {value!r}") from None


def values_block(terms: Mapping[str, ox.NamedNode | ox.Literal]) -> str:
    """One ``VALUES`` row binding each variable to its term (N-Triples serialisation, escaped by pyoxigraph).

    >>> values_block({"n": ox.Literal("3", datatype=ox.NamedNode(XSD + "integer"))})
    'VALUES (?n) { ("3"^^<http://www.w3.org/2001/XMLSchema#integer>) }'
    """
    names = " ".join(f"?{name}" for name in terms)
    row = " ".join(str(term) for term in terms.values())
    return f"VALUES ({names}) {{ ({row}) }}"


def where_clause_start(text: str) -> int | None:
    """The index just after the ``{`` that opens the query's WHERE clause (None if it has none).

    >>> q = 'CONSTRUCT { ?s ?p "{" } WHERE { ?s ?p ?o }'
    >>> q[where_clause_start(q):]
    ' ?s ?p ?o }'
    >>> where_clause_start('SELECT * { ?s ?p ?o }')
    10
    """
    depth = 0
    form = None
    seen_where = False
    for match in _LEXEME.finditer(text):
        kind, lexeme = match.lastgroup, match.group(0)
        if kind == "word" and depth == 0:
            upper = lexeme.upper()
            if form is None and upper in ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK"):
                form = upper
            elif upper == "WHERE":
                seen_where = True
        elif kind == "brace":
            if lexeme == "{":
                if depth == 0 and form is not None and (seen_where or form != "CONSTRUCT"):
                    return match.end()
                depth += 1
            else:
                depth -= 1
    return None


def bind(query: LibraryQuery, params: Mapping[str, str]) -> str:
    """The query text with its parameters bound in a ``VALUES`` block at the start of the WHERE clause.

    Given values, then defaults, are converted by type; optional parameters without a value stay
    unbound. Unknown names and missing required values are QueryErrors.
    """
    declared = {p.name: p for p in query.parameters}
    for name in params:
        if name not in declared:
            raise QueryError(f"unknown parameter '{name}' for query {query.name}; known: {', '.join(declared) or 'none'}")
    terms: dict[str, ox.NamedNode | ox.Literal] = {}
    for parameter in query.parameters:
        value = params.get(parameter.name, parameter.default)
        if value is None:
            if parameter.required:
                raise QueryError(f"query {query.name} needs parameter '{parameter.name}' ({parameter.type})")
            continue
        terms[parameter.name] = to_term(parameter, value, query.name)
    if not terms:
        return query.text
    start = where_clause_start(query.text)
    if start is None:
        raise QueryError(f"query {query.name}: no WHERE clause to bind parameters in")
    return f"{query.text[:start]} {values_block(terms)}{query.text[start:]}"


@dataclass(frozen=True, slots=True)
class QueryResult:
    """What a query returned: rows of terms (``select``), a boolean (``ask``) or triples (``graph``).

    Triples are rows of ``subject, predicate, object``, deduplicated and sorted.
    """

    name: str
    kind: str
    variables: tuple[str, ...] = ()
    rows: tuple[tuple[ox.NamedNode | ox.BlankNode | ox.Literal | None, ...], ...] = ()
    boolean: bool | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("select", "ask", "graph"):
            raise ValueError(f"unknown result kind {self.kind!r}")

    @property
    def triples(self) -> list[ox.Triple]:
        """The rows of a CONSTRUCT or DESCRIBE result as triples."""
        return [ox.Triple(*row) for row in self.rows] if self.kind == "graph" else []


def _sorted_triples(triples) -> tuple[tuple, ...]:
    unique = {(t.subject, t.predicate, t.object) for t in triples}
    return tuple(sorted(unique, key=lambda row: tuple(str(term) for term in row)))


def run(
    target: ox.Store | str, query: LibraryQuery | str, params: Mapping[str, str] | None = None,
    *, library: QueryLibrary | None = None, timeout: float = 60.0,
) -> QueryResult:
    """Run ``query`` (a LibraryQuery, a library name or a ``.rq`` path) with ``params`` on ``target``.

    ``target`` is a pyoxigraph Store (queried with the union of its named graphs as default graph)
    or the URL of a SPARQL 1.1 endpoint (queried through SPARQLWrapper).
    """
    if not isinstance(query, LibraryQuery):
        query = (library or QueryLibrary()).resolve(query)
    text = bind(query, params or {})
    if isinstance(target, str):
        return _run_remote(target, query.name, text, timeout)
    try:
        answer = target.query(text, use_default_graph_as_union=True)
    except SyntaxError as error:
        raise QueryError(_syntax_message(query.name, error)) from error
    except OSError as error:
        raise QueryError(f"query {query.name}: {error}") from error
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult(query.name, "ask", boolean=bool(answer))
    if isinstance(answer, ox.QueryTriples):
        return QueryResult(query.name, "graph", GRAPH_COLUMNS, _sorted_triples(answer))
    variables = tuple(v.value for v in answer.variables)
    rows = tuple(tuple(solution[name] for name in variables) for solution in answer)
    return QueryResult(query.name, "select", variables, rows)


def _syntax_message(name: str, error: SyntaxError) -> str:
    return f"query {name}: SPARQL syntax error: {' '.join(str(error).split())}"


def _query_form(name: str, text: str) -> str:
    """select, ask or graph: found by parsing the query against an empty store."""
    try:
        answer = ox.Store().query(text)
    except SyntaxError as error:
        raise QueryError(_syntax_message(name, error)) from error
    if isinstance(answer, ox.QueryBoolean):
        return "ask"
    return "graph" if isinstance(answer, ox.QueryTriples) else "select"


def _run_remote(url: str, name: str, text: str, timeout: float) -> QueryResult:
    from urllib.error import URLError

    from SPARQLWrapper import JSON, POST, TURTLE, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed, SPARQLWrapperException

    form = _query_form(name, text)
    client = SPARQLWrapper(url)
    client.setQuery(text)
    client.queryType = {"select": "SELECT", "ask": "ASK"}.get(form, "CONSTRUCT")  # its own guess trips on comments
    client.setMethod(POST)
    client.setTimeout(int(timeout))
    client.setReturnFormat(TURTLE if form == "graph" else JSON)
    try:
        body = client.query().response.read()
    except QueryBadFormed as error:
        raise QueryError(f"query {name}: the endpoint rejected it: {' '.join(str(error).split())[:300]}") from error
    except (SPARQLWrapperException, URLError, OSError) as error:
        raise EndpointError(f"{url}: {' '.join(str(error).split())[:300]}") from error
    if form == "graph":
        try:
            return QueryResult(name, "graph", GRAPH_COLUMNS, _sorted_triples(ox.parse(body, ox.RdfFormat.TURTLE)))
        except SyntaxError as error:
            raise EndpointError(f"{url}: unreadable Turtle answer ({error})") from error
    try:
        data = json.loads(body)
    except ValueError as error:
        raise EndpointError(f"{url}: unreadable JSON answer ({error})") from error
    if "boolean" in data:
        return QueryResult(name, "ask", boolean=bool(data["boolean"]))
    variables = tuple(data["head"].get("vars", []))
    rows = tuple(tuple(_term_from_json(b.get(v)) for v in variables) for b in data["results"]["bindings"])
    return QueryResult(name, "select", variables, rows)


def _term_from_json(value: dict | None) -> ox.NamedNode | ox.BlankNode | ox.Literal | None:
    """A term of SPARQL 1.1 Query Results JSON as a pyoxigraph term."""
    if value is None:
        return None
    kind = value["type"]
    if kind == "uri":
        return ox.NamedNode(value["value"])
    if kind == "bnode":
        return ox.BlankNode(value["value"])
    if "xml:lang" in value:
        return ox.Literal(value["value"], language=value["xml:lang"])
    if "datatype" in value:
        return ox.Literal(value["value"], datatype=ox.NamedNode(value["datatype"]))
    return ox.Literal(value["value"])


# ---- output ---------------------------------------------------------------------------------------

def shorten(iri: str, prefixes: Mapping[str, str] = PREFIXES) -> str:
    """``iri`` as ``prefix:rest`` with the longest matching cdkg namespace, else ``<iri>``.

    >>> shorten("https://w3id.org/cdkg/id/state/VNM")
    'id:state/VNM'
    >>> shorten("https://example.org/x")
    '<https://example.org/x>'
    """
    best = max((ns for ns in prefixes.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return f"<{iri}>"
    prefix = next(p for p, ns in prefixes.items() if ns == best)
    return f"{prefix}:{iri[len(best):]}"


def term_text(term, prefixes: Mapping[str, str] = PREFIXES) -> str | None:
    """A term in N-Triples form with IRIs (and datatypes) shortened: the cells of expected-row files.

    >>> term_text(ox.Literal("65", datatype=ox.NamedNode(XSD + "integer")))
    '"65"^^xsd:integer'
    >>> term_text(ox.Literal("Vietnam", language="en"))
    '"Vietnam"@en'
    """
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return shorten(term.value, prefixes)
    if isinstance(term, ox.Literal):
        lexical = str(ox.Literal(term.value))
        if term.language:
            return f"{lexical}@{term.language}"
        if term.datatype.value == XSD + "string":
            return lexical
        return f"{lexical}^^{shorten(term.datatype.value, prefixes)}"
    return str(term)


def _cell(term, width: int) -> str:
    if term is None:
        return ""
    text = shorten(term.value) if isinstance(term, ox.NamedNode) else str(term.value) if isinstance(term, ox.Literal) else str(term)
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(result: QueryResult, width: int = 80) -> str:
    """Aligned columns, IRIs shortened with the cdkg prefixes, long cells cut at ``width``."""
    if result.kind == "ask":
        return "true\n" if result.boolean else "false\n"
    if result.kind == "graph":
        return format_turtle(result)
    cells = [[_cell(term, width) for term in row] for row in result.rows]
    widths = [max([len(name), *(len(row[i]) for row in cells)]) for i, name in enumerate(result.variables)]
    lines = ["  ".join(name.ljust(w) for name, w in zip(result.variables, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(cell.ljust(w) for cell, w in zip(row, widths)).rstrip() for row in cells]
    lines.append(f"({len(cells)} row{'' if len(cells) == 1 else 's'})")
    return "\n".join(lines) + "\n"


def _separated(result: QueryResult, tsv: bool) -> str:
    out = io.StringIO()
    if result.kind == "ask":
        return ("?boolean\n" if tsv else "boolean\r\n") + ("true" if result.boolean else "false") + ("\n" if tsv else "\r\n")
    if tsv:  # SPARQL 1.1 TSV: ?var headers, terms in N-Triples form
        out.write("\t".join(f"?{v}" for v in result.variables) + "\n")
        for row in result.rows:
            out.write("\t".join("" if t is None else str(t) for t in row) + "\n")
        return out.getvalue()
    writer = csv.writer(out)  # SPARQL 1.1 CSV: plain values, CRLF line ends
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if t is None else (f"_:{t.value}" if isinstance(t, ox.BlankNode) else t.value) for t in row])
    return out.getvalue()


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    value = {"type": "literal", "value": term.value}
    if term.language:
        value["xml:lang"] = term.language
    elif term.datatype.value != XSD + "string":
        value["datatype"] = term.datatype.value
    return value


def format_json(result: QueryResult) -> str:
    """SPARQL 1.1 Query Results JSON (a CONSTRUCT's triples as subject/predicate/object bindings)."""
    if result.kind == "ask":
        data: dict = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None} for row in result.rows]
        data = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def format_turtle(result: QueryResult) -> str:
    """The triples of a CONSTRUCT or DESCRIBE result as Turtle with the cdkg prefixes."""
    if result.kind != "graph":
        raise QueryError(f"query {result.name}: Turtle output is for CONSTRUCT and DESCRIBE queries; use table, csv, tsv or json")
    values = {term.value for row in result.rows for term in row if isinstance(term, ox.NamedNode)}
    values |= {term.datatype.value for row in result.rows for term in row if isinstance(term, ox.Literal)}
    used = {p: ns for p, ns in PREFIXES.items() if any(v.startswith(ns) for v in values)}
    text = ox.serialize(result.triples, format=ox.RdfFormat.TURTLE, prefixes=used).decode("utf-8")
    return text if text.endswith("\n") else text + "\n"


def format_result(result: QueryResult, fmt: str) -> str:
    """``result`` as ``table``, ``csv``, ``tsv``, ``json`` or ``ttl``."""
    formatters = {
        "table": format_table, "csv": lambda r: _separated(r, tsv=False), "tsv": lambda r: _separated(r, tsv=True),
        "json": format_json, "ttl": format_turtle,
    }
    if fmt not in formatters:
        raise QueryError(f"unknown format '{fmt}'; known: {', '.join(FORMATS)}")
    return formatters[fmt](result)


__all__ = [
    "FORMATS", "LibraryQuery", "Parameter", "QueryLibrary", "QueryResult", "bind", "format_json",
    "format_result", "format_table", "format_turtle", "parse_params", "run", "shorten", "term_text",
    "to_term", "values_block", "where_clause_start",
]
