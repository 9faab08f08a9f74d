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
