"""Reason over the ontology and a data graph with HermiT (through owlready2).

In:  the ontology ``ontology/cdo.ttl`` with the SKOS vocabularies ``ontology/vocab/*.ttl``, and
     optionally a data graph (``rdflib.Graph``, or a ``Dataset`` whose graphs are merged): the
     registry and the document graphs.
Out: a :class:`ReasoningResult`: whether ontology and data are consistent together, and an
     ``rdflib.Graph`` holding only the new ``rdf:type`` triples HermiT infers for the individuals
     of the data graph (``cdo:Official`` for persons with a tenure, ``cdo:StateParty`` for states
     with a consent-to-be-bound treaty action, ...), ready for the named graph ``graph:inferred``.

owlready2 reads no Turtle, so everything is merged with rdflib and handed over as N-Triples in a
temporary folder, into a fresh owlready2 ``World`` (the default world is never touched). HermiT
supports only the datatypes of the OWL 2 datatype map, and cdkg's dates are ``xsd:date``,
``xsd:gYearMonth`` and ``xsd:gYear``: HermiT runs with ``--ignoreUnsupportedDatatypes``, which
leaves those literals out of reasoning. No class definition depends on a date.

Errors are :class:`graph_builder.errors.ReasonerError`: Java missing, HermiT failing on its input,
or (with ``strict=True``, the default) an inconsistent ontology.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import owlready2
from rdflib import Dataset, Graph, URIRef
from rdflib.graph import ConjunctiveGraph
from rdflib.namespace import RDF

from graph_builder.errors import ReasonerError
from graph_builder.namespaces import PREFIXES

__all__ = ["ONTOLOGY_IRI", "ReasoningResult", "load_ontology", "reason"]

ONTOLOGY_IRI = "https://w3id.org/cdkg/ontology"
"""The IRI of the cdo ontology (``owl:Ontology`` in ``ontology/cdo.ttl``)."""

JAVA_MISSING = (
    "Java is missing: install a Java runtime (e.g. apt-get install default-jre-headless) to run HermiT"
)


@dataclass(frozen=True, slots=True)
class ReasoningResult:
    """What one HermiT run found.

    ``consistent``: HermiT found ontology and data consistent together.
    ``inferred``: only the new ``rdf:type`` triples for individuals of the data graph (empty when
    inconsistent); the asserted types are never repeated here.
    ``seconds``: wall-clock time of the whole call (merging, loading, HermiT, reading back).
    """

    consistent: bool
    inferred: Graph
    seconds: float


def load_ontology(ontology_dir: Path = Path("ontology"), *, include_vocab: bool = True) -> Graph:
    """The ontology ``cdo.ttl`` of ``ontology_dir`` and, with ``include_vocab``, every ``vocab/*.ttl``."""
    ontology_dir = Path(ontology_dir)
    main = ontology_dir / "cdo.ttl"
    if not main.is_file():
        raise ReasonerError(f"no ontology at {main}")
    graph = _bound(Graph())
    graph.parse(main, format="turtle")
    if include_vocab:
        for path in sorted((ontology_dir / "vocab").glob("*.ttl")):
            graph.parse(path, format="turtle")
    return graph


def reason(
    data: Graph | None = None,
    *,
    ontology_dir: Path = Path("ontology"),
    include_vocab: bool = True,
    strict: bool = True,
) -> ReasoningResult:
    """Run HermiT over the ontology (plus vocabularies) and ``data``; return the inferred types.

    With ``strict`` (the default) an inconsistency raises :class:`ReasonerError`; without it the
    result says ``consistent=False`` and infers nothing.
    """
    started = time.perf_counter()
    if shutil.which(owlready2.JAVA_EXE) is None:
        raise ReasonerError(JAVA_MISSING)
    merged = load_ontology(ontology_dir, include_vocab=include_vocab)
    individuals: set[URIRef] = set()
    asserted: set[tuple[URIRef, URIRef]] = set()
    if data is not None:
        for s, p, o in _triples(data):
            merged.add((s, p, o))
            if isinstance(s, URIRef):
                individuals.add(s)
                if p == RDF.type and isinstance(o, URIRef):
                    asserted.add((s, o))

    with tempfile.TemporaryDirectory(prefix="cdkg-reason-") as tmp:
        source = Path(tmp) / "input.nt"
        merged.serialize(destination=str(source), format="nt", encoding="utf-8")
        world = owlready2.World()
        try:
            with source.open("rb") as handle:
                try:
                    world.get_ontology(ONTOLOGY_IRI).load(fileobj=handle, format="ntriples")
                except owlready2.OwlReadyOntologyParsingError as error:
                    raise ReasonerError(f"owlready2 cannot read the graph: {error}") from error
            consistent = _run_hermit(world, strict=strict, with_data=data is not None)
            inferred = _bound(Graph())
            if consistent:
                for triple in _new_types(world, individuals, asserted):
                    inferred.add(triple)
        finally:
            world.close()
    return ReasoningResult(consistent, inferred, time.perf_counter() - started)


def _run_hermit(world: owlready2.World, *, strict: bool, with_data: bool) -> bool:
    """Run HermiT on ``world``; True when consistent. Translates owlready2's failures."""
    try:
        owlready2.sync_reasoner_hermit(
            world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True
        )
    except FileNotFoundError as error:  # Java vanished between the check in reason() and the run
        raise ReasonerError(JAVA_MISSING) from error
    except PermissionError as error:
        raise ReasonerError(f"Java cannot be run ({owlready2.JAVA_EXE}): {error.strerror}") from error
    except owlready2.OwlReadyInconsistentOntologyError as error:
        if strict:
            what = "the ontology and the data are" if with_data else "the ontology is"
            raise ReasonerError(f"HermiT found that {what} inconsistent") from error
        return False
    except owlready2.OwlReadyJavaError as error:
        raise ReasonerError(f"HermiT failed: {_first_java_line(str(error))}") from error
    return True


def _new_types(
    world: owlready2.World,
    individuals: Iterable[URIRef],
    asserted: set[tuple[URIRef, URIRef]],
) -> Iterator[tuple[URIRef, URIRef, URIRef]]:
    """``(individual, rdf:type, class)`` for each named class HermiT added to a data individual."""
    for iri in sorted(individuals):
        entity = world[str(iri)]
        if not isinstance(entity, owlready2.Thing):
            continue  # a class, a property, or nothing owlready2 knows as an individual
        for parent in entity.is_a:
            if not isinstance(parent, owlready2.ThingClass) or parent is owlready2.Thing:
                continue
            cls = URIRef(parent.iri)
            if (iri, cls) not in asserted:
                yield iri, RDF.type, cls


def _triples(data: Graph) -> Iterator[tuple]:
    """Every triple of ``data``; for a Dataset or ConjunctiveGraph, of all its graphs."""
    if isinstance(data, (Dataset, ConjunctiveGraph)):
        for s, p, o, _ in data.quads((None, None, None, None)):
            yield s, p, o
    else:
        yield from data


def _first_java_line(message: str) -> str:
    """The first informative line of a Java error report (owlready2 puts the whole trace in)."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    for line in lines:
        if "Exception" in line or "Error" in line:
            return line
    return lines[-1] if lines else "no message"


def _bound(graph: Graph) -> Graph:
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


# --- cdkg reason: reason over a build and store what HermiT infers ------------------------------

from typing import TYPE_CHECKING  # noqa: E402


@dataclass(frozen=True, slots=True)
class ReasonReport:
    """What ``cdkg reason`` did to a build: consistency, the inferred triples by class, the time."""

    consistent: bool
    inferred: tuple[tuple[str, int], ...]
    """``(class IRI, number of individuals newly typed with it)``, sorted by IRI."""
    seconds: float
    problems: tuple[str, ...] = ()
    """When inconsistent: literals whose datatype clashes with their property's ``rdfs:range`` (likely causes)."""

    @property
    def triples(self) -> int:
        """The number of triples written to ``graph:inferred``."""
        return sum(n for _, n in self.inferred)

    def summary(self) -> str:
        """One line for the CLI.

        >>> ReasonReport(True, (("https://w3id.org/cdkg/ontology#Official", 7),), 1.24).summary()
        'consistent; 7 inferred triples in graph:inferred (7 cdo:Official); 1.2 s'
        """
        if not self.consistent:
            hint = f"; likely cause: {self.problems[0]}" if self.problems else ""
            return f"inconsistent: HermiT found the ontology and the data inconsistent{hint}; graph:inferred is empty; {self.seconds:.1f} s"
        by_class = ", ".join(f"{n} {_short(iri)}" for iri, n in self.inferred)
        return f"consistent; {self.triples} inferred triples in graph:inferred" + (f" ({by_class})" if by_class else "") + f"; {self.seconds:.1f} s"


def _short(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


_INTEGERS = {
    f"http://www.w3.org/2001/XMLSchema#{t}"
    for t in ("integer", "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
              "long", "int", "short", "byte", "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")
}
_XSD = "http://www.w3.org/2001/XMLSchema#"


def datatype_clashes(data: Graph, ontology: Graph, *, limit: int = 10) -> list[str]:
    """Literals of ``data`` whose datatype is outside the ``rdfs:range`` of their data property.

    Such a literal makes ontology and data inconsistent for HermiT; this names it.

    >>> from rdflib import Literal
    >>> from rdflib.namespace import OWL, RDFS, XSD
    >>> onto, data = Graph(), Graph()
    >>> p = URIRef("https://w3id.org/cdkg/ontology#geonamesId")
    >>> _ = onto.add((p, RDF.type, OWL.DatatypeProperty)).add((p, RDFS.range, XSD.string))
    >>> _ = data.add((URIRef("https://sws.geonames.org/1/"), p, Literal(1)))
    >>> datatype_clashes(data, onto)
    ['<https://sws.geonames.org/1/> cdo:geonamesId "1"^^xsd:integer, but its range is xsd:string']
    """
    from rdflib import Literal
    from rdflib.namespace import OWL, RDFS

    found = []
    for prop in sorted(ontology.subjects(RDF.type, OWL.DatatypeProperty)):
        expected = ontology.value(prop, RDFS.range)
        if not isinstance(expected, URIRef) or expected == RDFS.Literal:
            continue
        for subject, value in sorted(data.subject_objects(prop)):
            if not isinstance(value, Literal):
                continue
            actual = str(value.datatype or (RDF.langString if value.language else _XSD + "string"))
            if actual == str(expected) or (str(expected) == _XSD + "decimal" and actual in _INTEGERS):
                continue
            found.append(f'<{subject}> {_short(str(prop))} "{value}"^^{_short(actual)}, but its range is {_short(str(expected))}')
            if len(found) >= limit:
                return found
            break  # one example per property
    return found


if TYPE_CHECKING:
    from graph_builder.config import Config


def reason_build(config: Config) -> ReasonReport:
    """Reason over a build (``config.build_dir``): replace its ``graph:inferred``, rewrite dumps and metadata.

    The input is every named graph of the store but the ontology (read from ``config.ontology_dir``
    instead: the store holds it skolemised) and the previous inferred graph. An inconsistent build
    gets an empty inferred graph and a report saying so; Java missing raises :class:`ReasonerError`.
    """
    from collections import Counter

    import pyoxigraph as ox

    from graph_builder import store as st
    from graph_builder.namespaces import INFERRED_GRAPH, ONTOLOGY_GRAPH
    from graph_builder.publish import write_dumps

    started = time.perf_counter()
    if not Path(config.store_dir).is_dir():
        raise ReasonerError(f"{config.store_dir}: no store here; run 'cdkg build' first")
    store = st.open_store(config.store_dir)
    skip = {str(ONTOLOGY_GRAPH), str(INFERRED_GRAPH)}
    data = Graph()
    for name in st.graph_names(store):
        if name not in skip:
            triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(name))]
            data.parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8"), format="nt")
    result = reason(data, ontology_dir=Path(config.ontology_dir), strict=False)
    inferred = result.inferred if result.consistent else Graph()
    target = ox.NamedNode(str(INFERRED_GRAPH))
    if store.contains_named_graph(target):
        store.remove_graph(target)
    if len(inferred):
        st.load_ntriples(store, inferred.serialize(format="nt"), str(INFERRED_GRAPH))
    store.flush()
    write_dumps(store, Path(config.build_dir))
    counts = Counter(str(o) for _, _, o in inferred)
    problems = () if result.consistent else tuple(datatype_clashes(data, load_ontology(Path(config.ontology_dir))))
    return ReasonReport(result.consistent, tuple(sorted(counts.items())), time.perf_counter() - started, problems)


__all__ = [*__all__, "ReasonReport", "datatype_clashes", "reason_build"]
