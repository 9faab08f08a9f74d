"""Validate one document's graph against the SHACL shapes in ``shapes/`` (DESIGN §5 Validate).

In: what was emitted for one document (``graph:doc/{hash16}``): an :class:`rdflib.Graph` or any
iterable of triples (``emit.Triples``), and optionally the ``rdf:type`` triples of the reference
registry. Out: a :class:`ValidationResult` (``conforms``, the results as typed :class:`Violation`
records, and the SHACL report graph). Violations are returned, never raised: the pipeline decides
what to keep out of the store.

How the graph under validation is put together:

* the document graph;
* for every node it mentions, that node's types from ``reference_types`` — so that ``sh:class``
  checks such as "the party of a treaty action is a ``cdo:Actor``" see registry entities (pyshacl's
  ``ont_graph=`` would copy only ontology axioms, DESIGN §9);
* the ``rdfs:subClassOf`` axioms of ``shapes/hierarchy.ttl`` (e.g. ``cdo:State ⊑ cdo:Actor``),
  because SHACL reads the class hierarchy from the data graph.

A registry entity that the document only refers to is then typed but not described, and the
class-targeted shapes would complain that it has no label. Such nodes (typed by
``reference_types`` and not a subject of the document graph) are left out of the focus nodes of
the targeted shapes (:func:`_run`): the registry is validated on its own. They stay in the graph,
so nested checks (``sh:class``, ``sh:or``, ``sh:node``) still see them; pyshacl's ``focus_nodes=``
option cannot do this, because it also filters the value nodes of nested checks, which then pass
silently.

Speed. The shapes are pyshacl's own checks on every document graph; what this module changes is
how much work pyshacl does to run them. Measured on 40 synthetic seed-sized documents (~1,640
triples each; 2 shared, loaded cores; CPU ms per document; rdflib 7.6.0, pyshacl 0.40.1):
175 ms before, **~38 ms** now, with the same results, messages and report on 400 graphs (valid and
mutated). What does it:

* the shapes are parsed and harvested once per process; only the 25 node shapes that declare
  targets are started from; pyshacl's "is this a constraint parameter?" test is a set lookup;
* ``sh:property`` of a node shape is checked for all its focus nodes in one call
  (:class:`_BatchedProperty`; pyshacl re-reads each property shape and rebuilds its constraints
  for every span and mention, which was most of the time);
* ``sh:or`` stops at the first member a value fits (:class:`_FirstMatchOr`; pyshacl built and
  threw away a full result for every member a value did not fit: ~310 per document);
* registry entities only referred to are not focus nodes (above: ~60 results made and dropped);
* the data graph sits in rdflib's context-free ``SimpleMemory`` store (adding to the context-aware
  one cost ~15 µs a triple) and counts its triples once (pyshacl asks for its truth value, i.e.
  its length, for every result it makes);
* the one SHACL-SPARQL constraint runs on a pyoxigraph copy of the graph, parsed from the
  document's N-Triples when the caller has them (``emit.Triples``); rdflib's engine re-parses the
  query on every call (~14 ms) and evaluates ``SUBSTR`` slowly.

pyshacl's own pyoxigraph data graph (``DataGraph.from_oxigraph_store``) was measured again for
this: ~20× slower per document with these shapes (it converts terms on every lookup), and it
disagreed on conformance, so the core checks stay on rdflib.

The harvested shapes are shared within a process: validate from several processes (as the
pipeline does), not from several threads at once.

>>> from rdflib import Graph
>>> g = Graph().parse(format="turtle", data='''
... @prefix cdo: <https://w3id.org/cdkg/ontology#> .
... @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
... @prefix skos: <http://www.w3.org/2004/02/skos/core#> .
... <https://w3id.org/cdkg/id/person/ghada-waly> a cdo:Person ;
...     rdfs:label "Ghada Waly"@nl ; skos:prefLabel "Ghada Waly" ; cdo:inRegistry false .
... ''')
>>> result = validate(g)
>>> result.conforms
False
>>> [(v.severity, v.path) for v in result.violations]
[('Violation', 'http://www.w3.org/2004/02/skos/core#prefLabel')]
>>> print(result.text())  # doctest: +NORMALIZE_WHITESPACE
Does not conform: 1 violation, 0 warnings.
Violation  id:person/ghada-waly  cdsh:Entity-prefLabel-value  skos:prefLabel  "Ghada Waly"
    A preferred label (skos:prefLabel) must carry a language tag, and there may be only one per language.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
import pyshacl.shape
from pyshacl import Validator
from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP
from pyshacl.constraints.core.logical_constraints import OrConstraintComponent
from pyshacl.constraints.core.shape_based_constraints import PropertyConstraintComponent
from pyshacl.errors import ReportableRuntimeError, ShapeLoadError
from pyshacl.graph_abstraction import DataGraph
from pyshacl.shapes_graph import ShapesGraph
from rdflib import BNode, Graph, Literal, URIRef, Variable
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH
from rdflib.plugins.stores.memory import Memory
from rdflib.query import Result
from rdflib.term import Node

from graph_builder.errors import ValidationFailed
from graph_builder.namespaces import PREFIXES, SHAPES

__all__ = ["ValidationResult", "Violation", "load_shapes", "validate"]

_LOG = logging.getLogger(__name__)
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_SEVERITY_RANK = {"Violation": 0, "Warning": 1, "Info": 2}
_COMPACT = sorted(({**PREFIXES, "cdsh": str(SHAPES)}).items(), key=lambda kv: -len(kv[1]))


@dataclass(frozen=True, slots=True)
class Violation:
    """One SHACL validation result (``sh:ValidationResult``), flattened to strings.

    ``focus`` is the node at fault, ``shape`` the IRI of the (named) shape that found it, ``path``
    the property path (a SPARQL path; ``None`` for node-level checks), ``value`` the offending
    value (an IRI, or a literal's lexical form), ``severity`` one of Violation, Warning, Info.
    """

    focus: str
    shape: str
    path: str | None
    value: str | None
    message: str
    severity: str

    def __post_init__(self) -> None:
        if self.severity not in _SEVERITY_RANK:
            raise ValueError(f"unknown severity {self.severity!r}")

    def line(self) -> str:
        """One readable line (plus the message on the next) for reports."""
        parts = [self.severity, _compact(self.focus), _compact(self.shape)]
        if self.path is not None:
            parts.append(_compact(self.path))
        if self.value is not None:
            parts.append(_compact(self.value) if self.value.startswith("http") else f'"{_clip(self.value)}"')
        return "  ".join(parts) + f"\n    {self.message}"


@dataclass(frozen=True, slots=True)
class ValidationResult:
    """The outcome of :func:`validate`: ``conforms`` is true when no result has severity Violation
    (warnings are allowed); ``violations`` holds every result, sorted; ``report`` is the SHACL
    validation report graph."""

    conforms: bool
    violations: tuple[Violation, ...]
    report: Graph

    @property
    def errors(self) -> tuple[Violation, ...]:
        """The results of severity Violation."""
        return tuple(v for v in self.violations if v.severity == "Violation")

    @property
    def warnings(self) -> tuple[Violation, ...]:
        """The results of severity Warning."""
        return tuple(v for v in self.violations if v.severity == "Warning")

    def text(self) -> str:
        """A readable summary: a headline, then one entry per result."""
        n_err, n_warn = len(self.errors), len(self.warnings)
        head = "Conforms" if self.conforms else "Does not conform"
        lines = [f"{head}: {n_err} violation{'s' * (n_err != 1)}, {n_warn} warning{'s' * (n_warn != 1)}."]
        lines.extend(v.line() for v in self.violations)
        return "\n".join(lines)


def default_shapes_dir() -> Path:
    """The repository's ``shapes/``: next to the ``graph_builder`` package, else under the CWD."""
    for candidate in (Path(__file__).resolve().parent.parent / "shapes", Path.cwd() / "shapes"):
        if candidate.is_dir():
            return candidate
    raise ValidationFailed("cannot validate: no shapes/ folder next to graph_builder/ or in the current folder")


def load_shapes(shapes_dir: Path | None = None) -> Graph:
    """The shapes graph: every ``*.ttl`` of ``shapes_dir`` (default :func:`default_shapes_dir`).

    Parsed once per folder and cached; do not modify the graph returned.
    """
    return _load_shapes(Path(shapes_dir or default_shapes_dir()).resolve())


@functools.lru_cache(maxsize=8)
def _load_shapes(shapes_dir: Path) -> Graph:
    files = sorted(shapes_dir.glob("*.ttl"))
    if not files:
        raise ValidationFailed(f"cannot validate: no *.ttl shapes in {shapes_dir}")
    graph = Graph(store="SimpleMemory")  # no contexts: ~20 % faster lookups for pyshacl
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except Exception as exc:  # rdflib raises many parser-specific types
            raise ValidationFailed(f"cannot read shapes file {path}: {exc}") from exc
    for prefix, ns in PREFIXES.items():
        graph.bind(prefix, ns)
    graph.bind("cdsh", SHAPES)
    return graph


@dataclass(frozen=True, slots=True)
class _Compiled:
    """The shapes harvested by pyshacl once, the IRIs of those that declare targets (the only ones
    worth starting from: the others are reached through sh:property, sh:or, …), and the class
    axioms to add to each data graph."""

    shapes: ShapesGraph
    targeted: tuple[str, ...]
    hierarchy: tuple[tuple[Node, Node, Node], ...]
    starts: tuple[pyshacl.shape.Shape, ...]


@functools.lru_cache(maxsize=8)
def _compiled(shapes_dir: Path) -> _Compiled:
    _speed_up_pyshacl()
    graph = _load_shapes(shapes_dir)
    shapes = ShapesGraph(graph, debug=False, logger=_LOG)
    try:
        shapes.shapes  # noqa: B018 — the property harvests and caches every shape
    except (ShapeLoadError, ReportableRuntimeError) as exc:
        raise ValidationFailed(f"the shapes in {shapes_dir} are malformed: {exc}") from exc
    targeted = tuple(
        sorted(str(s.node) for s in shapes.shapes if isinstance(s.node, URIRef) and any(list(t) for t in s.target()))
    )
    hierarchy = tuple((s, RDFS.subClassOf, o) for s, o in graph.subject_objects(RDFS.subClassOf))
    return _Compiled(shapes, targeted, hierarchy, tuple(shapes.shapes_from_uris([URIRef(t) for t in targeted])))


def validate(
    data: Graph | Iterable[tuple[Node, Node, Node]],
    *,
    reference_types: Graph | None = None,
    shapes_dir: Path | None = None,
) -> ValidationResult:
    """Validate ``data`` (one document's graph, or its triples) with the shapes; return every result.

    ``reference_types`` holds ``rdf:type`` triples of registry entities; only the types of nodes
    that ``data`` mentions are used. Never raises on violations (only :class:`ValidationFailed` when
    the shapes themselves cannot be loaded or run).
    """
    compiled = _compiled(Path(shapes_dir or default_shapes_dir()).resolve())
    merged, referenced_only = _graph_under_validation(data, reference_types, compiled.hierarchy)
    validator = Validator(
        _data_graph(merged),
        shacl_graph=compiled.shapes.graph,
        options={"inference": "none", "advanced": False, "inplace": True, "logger": _LOG},
    )
    # pyshacl wraps shacl_graph in a fresh ShapesGraph that would harvest the shapes again (~3 ms);
    # hand it the one harvested once instead.
    validator.shacl_graph = compiled.shapes
    try:
        report = _run(validator, compiled.starts, referenced_only)
    except ReportableRuntimeError as exc:  # also pyshacl's ValidationFailure
        raise ValidationFailed(f"SHACL validation could not run: {exc}") from exc
    violations = tuple(sorted(_results(report), key=_sort_key))
    conforms = not any(v.severity == "Violation" for v in violations)
    report.set((next(report.subjects(RDF.type, SH.ValidationReport)), SH.conforms, Literal(conforms)))
    return ValidationResult(conforms, violations, report)


def _data_graph(graph: Graph) -> DataGraph:
    """pyshacl's view of ``graph``, which lives in rdflib's context-free ``SimpleMemory`` store.

    pyshacl reads and writes through ``graph`` itself; the store it is handed is only asked whether
    it is context-aware, so it gets an empty one that is. (A context-aware store costs ~15 µs per
    triple added, about as much as the checks themselves.)"""
    return DataGraph(Memory(), impl=graph)


def _run(validator: Validator, starts: Iterable[pyshacl.shape.Shape], skip: frozenset[Node]) -> Graph:
    """What ``Validator.run`` does with our options (no inference, no SHACL-AF, in place), but each
    targeted shape starts from its focus nodes less ``skip``: the registry entities the document only
    refers to get no results at all, instead of results made and then dropped. Nested checks
    (``sh:or``, ``sh:node``, ``sh:class``) still see every node, unlike pyshacl's ``focus_nodes=``."""
    executor = validator.make_executor()
    data_graph = validator.data_graph
    conforms, results = True, []
    for shape in starts:
        focus = shape.focus_nodes(data_graph)
        if skip:
            focus = [node for node in focus if node not in skip]
        if not focus:
            continue
        ok, reports = shape.validate(executor, data_graph, focus=list(focus))
        conforms = conforms and ok
        results.extend(reports)
    report, _ = validator.create_validation_report(validator.shacl_graph, conforms, results)
    return report


def _graph_under_validation(
    data: Graph | Iterable[tuple[Node, Node, Node]],
    reference_types: Graph | None,
    hierarchy: Iterable[tuple[Node, Node, Node]],
) -> tuple[Graph, frozenset[Node]]:
    """Document graph + registry types of the nodes it mentions + class axioms; and the set of
    nodes that are typed from the registry but not described by the document."""
    triples = list(data)
    subjects = {t[0] for t in triples}
    objects = {t[2] for t in triples if isinstance(t[2], URIRef)}
    context = list(hierarchy)
    referenced_only: set[Node] = set()
    if reference_types is not None and len(reference_types):
        for node in objects | subjects:
            for cls in reference_types.objects(node, RDF.type):
                context.append((node, RDF.type, cls))
                if node not in subjects:
                    referenced_only.add(node)
    merged = _SparqlOnOxigraph()
    merged.fill(triples, context, ntriples=getattr(data, "ntriples", None))
    return merged, frozenset(referenced_only)


class _FastMembershipList(list):
    """A list whose ``in`` is a set lookup (same items, same order, same behaviour otherwise)."""

    def __init__(self, items: Iterable[Node]) -> None:
        super().__init__(items)
        self._members = frozenset(self)

    def __contains__(self, item: object) -> bool:
        return item in self._members


def _speed_up_pyshacl() -> None:
    """Give pyshacl a constant-time check of "is this predicate a constraint parameter?".

    ``pyshacl.shape`` caches ``(ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP)`` in its
    module attribute ``CONSTRAINT_PARAMS`` and tests every predicate of every shape against the
    list with ``in`` — about a quarter of its time on our shapes. Pre-filling that cache with the
    same parameters in a list that answers ``in`` from a set changes nothing else; if a pyshacl
    release drops the attribute, this does nothing.
    """
    current = getattr(pyshacl.shape, "CONSTRAINT_PARAMS", None)
    done = isinstance(current, tuple) and isinstance(current[0], _FastMembershipList)
    if hasattr(pyshacl.shape, "Shape") and not done:
        pyshacl.shape.CONSTRAINT_PARAMS = (  # type: ignore[attr-defined]
            _FastMembershipList(ALL_CONSTRAINT_PARAMETERS),
            {**CONSTRAINT_PARAMETERS_MAP, SH["or"]: _FirstMatchOr, SH.property: _BatchedProperty},
        )


class _BatchedProperty(PropertyConstraintComponent):
    """``sh:property`` of a node shape, checked for all its focus nodes in one call.

    pyshacl validates a property shape once per value node, and each call reads the shape's
    parameters from the shapes graph and builds its constraint components again: for the hundreds
    of spans and mentions of a document that overhead was most of validation. A node shape's value
    nodes are its focus nodes, each once, so one call over all of them checks exactly the same
    (focus, value) pairs and makes the same results. Property shapes nested in property shapes
    (value nodes may repeat across focus nodes) keep pyshacl's one call per value node.
    """

    def _evaluate_property_shape(
        self, executor, prop_shape, target_graph, focus_value_nodes, potentially_recursive, _evaluation_path
    ):
        found = self.shape.get_other_shape(prop_shape)
        if self.shape.is_property_shape or not found or not found.is_property_shape or (
            potentially_recursive and found in potentially_recursive
        ):
            return super()._evaluate_property_shape(
                executor, prop_shape, target_graph, focus_value_nodes, potentially_recursive, _evaluation_path
            )
        nodes = [v for value_nodes in focus_value_nodes.values() for v in value_nodes]
        conforms, reports = found.validate(executor, target_graph, focus=nodes, _evaluation_path=_evaluation_path[:])
        return not conforms, reports


class _FirstMatchOr(OrConstraintComponent):
    """``sh:or`` that stops at the first member a value node conforms to, trying them in list order.

    pyshacl checks a value node against every member and builds a full result (messages, value
    strings) for each member it fails, then discards those results (they are only logged in debug
    mode): for the date and index checks (``sh:or ( [ sh:datatype xsd:date ] … )``) that is two
    thrown-away results per value, most of what validation cost. Conformance and the results
    reported are the same: a value node fails ``sh:or`` exactly when it fails every member.
    """

    def _evaluate_or_constraint(self, executor, or_c, target_graph, focus_value_nodes, _evaluation_path):
        shapes_graph = self.shape.sg
        members = list(dict.fromkeys(shapes_graph.graph.items(or_c)))
        if not members:
            raise ReportableRuntimeError("The list associated with sh:or is not a valid RDF list.")
        or_shapes = []
        for member in members:
            if shapes_graph.is_filtered_out_shape(member):
                continue
            or_shape = self.shape.get_other_shape(member)
            if not or_shape:
                raise ReportableRuntimeError("Shape pointed to by sh:or does not exist or is not a well-formed SHACL Shape.")
            or_shapes.append(or_shape)
        if not or_shapes:
            return False, []
        non_conformant, reports = False, []
        for focus, value_nodes in focus_value_nodes.items():
            for value in value_nodes:
                if not any(
                    s.validate(executor, target_graph, focus=value, _evaluation_path=_evaluation_path[:])[0] for s in or_shapes
                ):
                    non_conformant = True
                    reports.append(self.make_v_result(target_graph, focus, value_node=value))
        return non_conformant, reports


class _SparqlOnOxigraph(Graph):
    """An rdflib Graph whose SPARQL SELECT/ASK queries run on a pyoxigraph copy of itself.

    pyshacl evaluates the core constraints through rdflib's triple lookups (fast for small graphs)
    but SHACL-SPARQL constraints through ``Graph.query``; rdflib parses the query text on every
    call (~14 ms) and evaluates string functions slowly (~5 ms), Oxigraph does both in well under
    a millisecond. The copy is made on the first query: fill the graph before querying it.
    """

    def __init__(self) -> None:
        super().__init__(store="SimpleMemory")  # no contexts: ~15 µs less per triple added
        self._oxigraph: ox.Store | None = None
        self._length: int | None = None
        self._source: tuple | None = None

    def fill(self, triples: Iterable, context: Iterable, ntriples: Callable[[], str] | None = None) -> None:
        """Add ``triples`` and ``context`` (straight into the store). When ``ntriples()`` gives
        ``triples`` as N-Triples, the Oxigraph copy is parsed from it (much faster than converting
        term by term) and only ``context`` is converted."""
        add, store = self.store.add, self
        for triple in triples:
            add(triple, store)
        context = list(context)
        for triple in context:
            add(triple, store)
        self._length = self._oxigraph = None
        self._source = (ntriples, context) if ntriples is not None else None

    def __len__(self) -> int:
        # SimpleMemory counts by iterating every triple, and pyshacl tests the data graph's truth
        # (``datagraph or sg``) for every result it makes: count once, until the graph changes.
        if self._length is None:
            self._length = super().__len__()
        return self._length

    def add(self, triple):  # type: ignore[override]
        self._length = self._oxigraph = self._source = None
        return super().add(triple)

    def addN(self, quads):  # type: ignore[override]  # noqa: N802
        self._length = self._oxigraph = self._source = None
        return super().addN(quads)

    def remove(self, triple):  # type: ignore[override]
        self._length = self._oxigraph = self._source = None
        return super().remove(triple)

    def query(  # type: ignore[override]
        self,
        query_object,
        processor="sparql",
        result="sparql",
        initNs=None,  # noqa: N803 — rdflib's names
        initBindings=None,  # noqa: N803
        use_store_provided=True,
        **kwargs,
    ):
        if not isinstance(query_object, str) or processor != "sparql" or result != "sparql":
            return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)
        if self._oxigraph is None:
            store = ox.Store()
            if self._source is not None:
                ntriples, context = self._source
                store.load(ntriples(), ox.RdfFormat.N_TRIPLES)
                store.extend([ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in context])
            else:
                store.extend([ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in self])
            self._oxigraph = store
        answer = self._oxigraph.query(
            query_object,
            prefixes={str(k): str(v) for k, v in (initNs or {}).items()} or None,
            substitutions={ox.Variable(str(k)): _to_ox(v) for k, v in (initBindings or {}).items()} or None,
        )
        if isinstance(answer, ox.QuerySolutions):
            out = Result("SELECT")
            names = [v.value for v in answer.variables]
            out.vars = [Variable(n) for n in names]
            out.bindings = [
                {Variable(n): _to_rdflib(t) for n in names if (t := row[n]) is not None} for row in answer
            ]
            return out
        if isinstance(answer, ox.QueryBoolean):
            out = Result("ASK")
            out.askAnswer = bool(answer)
            return out
        return super().query(query_object, processor, result, initNs, initBindings, use_store_provided, **kwargs)


def _to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(term)
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype))
        return ox.Literal(str(term))
    return ox.BlankNode(str(term))


def _to_rdflib(term: ox.NamedNode | ox.BlankNode | ox.Literal) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    datatype = term.datatype.value
    return Literal(term.value) if datatype == _XSD_STRING else Literal(term.value, datatype=URIRef(datatype))


def _results(report: Graph) -> Iterator[Violation]:
    for result in report.objects(None, SH.result):
        focus = report.value(result, SH.focusNode)
        shape = report.value(result, SH.sourceShape)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        severity = report.value(result, SH.resultSeverity)
        yield Violation(
            focus=str(focus),
            shape=str(shape) if isinstance(shape, URIRef) else _describe_anonymous_shape(report, shape),
            path=None if path is None else _path_text(report, path),
            value=None if value is None else str(value),
            message=_message(report, result),
            severity=str(severity).rsplit("#", 1)[-1] if severity is not None else "Violation",
        )


def _message(report: Graph, result: Node) -> str:
    messages = sorted(
        report.objects(result, SH.resultMessage), key=lambda m: (getattr(m, "language", None) != "en", str(m))
    )
    return str(messages[0]) if messages else "(no message)"


def _describe_anonymous_shape(report: Graph, shape: Node | None) -> str:
    """A stand-in name for a blank-node shape (all of ours are named; this guards foreign ones)."""
    if shape is None:
        return "(unknown shape)"
    path = report.value(shape, SH.path)
    return f"(anonymous shape{' on ' + _path_text(report, path) if path is not None else ''})"


def _path_text(graph: Graph, path: Node) -> str:
    """A SHACL property path as SPARQL path syntax with full IRIs (a plain IRI stays bare)."""
    if isinstance(path, URIRef):
        return str(path)
    return _path_sparql(graph, path, top=True)


def _path_sparql(graph: Graph, path: Node, top: bool = False) -> str:
    if isinstance(path, URIRef):
        return str(path) if top else f"<{path}>"
    if (path, RDF.first, None) in graph:
        return "/".join(_path_sparql(graph, p) for p in Collection(graph, path))
    for predicate, template in (
        (SH.alternativePath, "({})"),
        (SH.inversePath, "^{}"),
        (SH.zeroOrMorePath, "{}*"),
        (SH.oneOrMorePath, "{}+"),
        (SH.zeroOrOnePath, "{}?"),
    ):
        inner = graph.value(path, predicate)
        if inner is None:
            continue
        if predicate == SH.alternativePath:
            return template.format("|".join(_path_sparql(graph, p) for p in Collection(graph, inner)))
        text = _path_sparql(graph, inner)
        return template.format(text if isinstance(inner, URIRef) else f"({text})")
    return str(path)


def _sort_key(v: Violation) -> tuple:
    return (_SEVERITY_RANK[v.severity], v.focus, v.shape, v.path or "", v.value or "", v.message)


def _compact(text: str) -> str:
    """``https://w3id.org/cdkg/id/person/x`` → ``id:person/x``, also inside a SPARQL path."""
    if not text.startswith("<") and "<" in text:
        return re.sub(r"<([^>]+)>", lambda m: _compact(m.group(1)), text)
    for prefix, ns in _COMPACT:
        if text.startswith(ns):
            return f"{prefix}:{text[len(ns):]}"
    return text


def _clip(text: str, width: int = 60) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"
