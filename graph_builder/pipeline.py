"""The pipeline, composed once: source files in, a validated store and its dumps out (DESIGN §5).

    ingest → recognise (+ link, coreference) → extract → emit → validate → store / dumps

``STAGES`` declares what each stage requires and produces; ``check_stages`` proves the order
consistent (and a test calls it). ``process_document`` is the pure per-document part — a document
in, its N-Triples and validation outcome out — so it runs the same in-process, in a local process
pool (``--jobs``) or on a Dask cluster (``--scheduler``). ``build`` does the I/O around it: a document
that cannot be read or whose graph violates the shapes is reported and kept out; the others land.
Outputs are written to a fresh folder and swapped in at the end, so a failed build leaves the
previous one whole.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph

from . import store as st
from .config import Config
from .errors import StoreError
from .ingest import read_sources
from .namespaces import ONTOLOGY_GRAPH, REFERENCE_GRAPH, doc_graph
from .records import FACT_KINDS, Document


@dataclass(frozen=True, slots=True)
class Stage:
    """One pipeline stage and the data it needs and makes."""

    name: str
    requires: tuple[str, ...]
    produces: tuple[str, ...]


STAGES: tuple[Stage, ...] = (
    Stage("ingest", (), ("document",)),
    Stage("recognise", ("document",), ("mentions", "entities")),
    Stage("extract", ("mentions", "entities"), ("facts",)),
    Stage("emit", ("document", "entities", "facts"), ("graph",)),
    Stage("validate", ("graph",), ("report",)),
    Stage("store", ("graph", "report"), ("store", "dumps")),
)


def check_stages(stages: Sequence[Stage] = STAGES) -> None:
    """Raise ``ValueError`` if a stage requires something no earlier stage produces.

    >>> check_stages()
    >>> check_stages([Stage("emit", ("facts",), ("graph",))])
    Traceback (most recent call last):
    ...
    ValueError: stage 'emit' requires facts, which no earlier stage produces
    """
    available: set[str] = set()
    for stage in stages:
        missing = [r for r in stage.requires if r not in available]
        if missing:
            raise ValueError(f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage produces")
        available.update(stage.produces)


@dataclass(frozen=True, slots=True)
class Problem:
    """One SHACL result of a document, with the sentence it concerns."""

    document: str
    severity: str
    shape: str
    focus: str
    message: str
    sentence: str = ""


@dataclass(frozen=True, slots=True)
class DocumentOutcome:
    """What processing one document gave: its graph as N-Triples, fact counts and SHACL results."""

    id: str
    key: str
    path: str | None
    ntriples: str
    facts: dict[str, int]
    problems: tuple[Problem, ...] = ()
    seconds: dict[str, float] = field(default_factory=dict)

    @property
    def conforms(self) -> bool:
        """True when no result is a violation (warnings are allowed)."""
        return not any(p.severity == "Violation" for p in self.problems)


@dataclass(frozen=True, slots=True)
class BuildReport:
    """The outcome of a build: what landed, what was kept out and why."""

    out: Path
    documents: tuple[DocumentOutcome, ...]
    rejected: tuple[DocumentOutcome, ...]
    errors: tuple[str, ...]
    seconds: float
    triples: int = 0

    @property
    def facts(self) -> dict[str, int]:
        """Facts by kind over the documents that landed."""
        total: Counter[str] = Counter()
        for outcome in self.documents:
            total.update(outcome.facts)
        return {kind: total.get(kind, 0) for kind in FACT_KINDS}

    @property
    def violations(self) -> int:
        """The number of SHACL violations, over all documents."""
        return sum(1 for o in (*self.documents, *self.rejected) for p in o.problems if p.severity == "Violation")

    def summary(self) -> str:
        """The one line a build ends with."""
        facts = ", ".join(f"{n} {k.replace('_', ' ')}{'s' if n != 1 else ''}" for k, n in self.facts.items())
        return (
            f"{len(self.documents)} documents built ({len(self.rejected)} rejected, {len(self.errors)} unreadable); "
            f"facts: {facts}; {self.violations} violations; {self.triples} triples; {self.seconds:.1f} s"
        )

    def to_json(self) -> dict:
        """The report as JSON-ready data (written to ``report.json``)."""
        return {
            "documents": [{"id": o.id, "key": o.key, "path": o.path, "facts": o.facts} for o in self.documents],
            "rejected": [{"id": o.id, "path": o.path, "problems": [p.__dict__ if hasattr(p, "__dict__") else _problem(p) for p in o.problems]} for o in self.rejected],
            "errors": list(self.errors),
            "facts": self.facts,
            "violations": self.violations,
            "triples": self.triples,
        }


def _problem(p: Problem) -> dict:
    return {"document": p.document, "severity": p.severity, "shape": p.shape, "focus": p.focus, "message": p.message, "sentence": p.sentence}


def process_document(document: Document, validate: bool = True) -> DocumentOutcome:
    """Recognise, extract, emit and validate one document: pure, picklable in and out."""
    from .emit import emit
    from .recognise import recognise
    from .relations import extract

    clock = time.perf_counter
    t0 = clock()
    try:
        rec = recognise(document)
        t1 = clock()
        facts = extract(rec)
        t2 = clock()
        graph = emit(rec, facts)
    except Exception as error:  # a bug met on one document must not cost the others
        message = f"extraction failed ({type(error).__name__}: {error}); please report this document"
        problem = Problem(document.id, "Violation", "cdkg:extraction", document.path or document.id, message)
        return DocumentOutcome(document.id, document.key, document.path, "", {k: 0 for k in FACT_KINDS}, (problem,))
    t3 = clock()
    problems = _validate(document, graph) if validate else ()
    t4 = clock()
    counts = Counter(f.kind for f in facts)
    return DocumentOutcome(
        id=document.id,
        key=document.key,
        path=document.path,
        ntriples=st.graph_to_ntriples(graph),
        facts={kind: counts.get(kind, 0) for kind in FACT_KINDS},
        problems=problems,
        seconds={"recognise": t1 - t0, "extract": t2 - t1, "emit": t3 - t2, "validate": t4 - t3},
    )


def _validate(document: Document, graph: Graph) -> tuple[Problem, ...]:
    from .validate import validate

    result = validate(graph, reference_types=reference_types())
    problems = []
    for v in result.violations:
        problems.append(Problem(document.id, v.severity, v.shape, v.focus, v.message, _sentence_of(graph, v.focus) or _sentence_of(graph, v.value or "")))
    return tuple(problems)


def _sentence_of(graph: Graph, focus: str) -> str:
    from rdflib import URIRef

    from .namespaces import CDO, NIF

    from rdflib.namespace import PROV

    node = URIRef(focus)
    for derivation in graph.objects(node, PROV.qualifiedDerivation):
        for span in graph.objects(derivation, CDO.evidence):
            for text in graph.objects(span, NIF.anchorOf):
                return str(text)
    for text in graph.objects(node, NIF.anchorOf):
        return str(text)[:300]
    return ""


_REFERENCE_TYPES: Graph | None = None


def reference_types() -> Graph:
    """The rdf:type triples of the registry (so ``sh:class`` checks see registry actors); cached."""
    global _REFERENCE_TYPES
    if _REFERENCE_TYPES is None:
        from rdflib.namespace import RDF

        from .lexicon import load_lexicon

        types = Graph()
        for triple in load_lexicon().registry.graph().triples((None, RDF.type, None)):
            types.add(triple)
        _REFERENCE_TYPES = types
    return _REFERENCE_TYPES


Runner = Callable[[Sequence[Document], bool], list[DocumentOutcome]]


def run_local(documents: Sequence[Document], validate: bool, jobs: int = 1) -> list[DocumentOutcome]:
    """Process documents in this process (``jobs == 1``) or in a pool of local processes."""
    if jobs <= 1 or len(documents) < 2:
        return [process_document(d, validate) for d in documents]
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    chunk = max(1, min(64, len(documents) // (jobs * 4) or 1))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_warm) as pool:
        return list(pool.map(partial(process_document, validate=validate), documents, chunksize=chunk))


def _warm() -> None:
    """Load the lexicon and rule packs once per worker process."""
    from .lexicon import load_lexicon

    load_lexicon()


def run_dask(documents: Sequence[Document], validate: bool, scheduler: str) -> list[DocumentOutcome]:
    """Process documents on a Dask distributed cluster; results come back in input order."""
    from dask.distributed import Client

    with Client(scheduler) as client:
        futures = client.map(process_document, list(documents), validate=validate, pure=True)
        return client.gather(futures)


def build(config: Config | None = None, *, progress: Callable[[int, int], None] | None = None) -> BuildReport:
    """Build the graph from ``config.sources`` into ``config.build_dir``; see the module docstring."""
    config = config or Config()
    started = time.perf_counter()
    ingested = read_sources(config.sources)
    errors = [str(e) for e in ingested.errors]
    documents = sorted(ingested.documents, key=lambda d: d.id)
    if config.scheduler:
        outcomes = run_dask(documents, config.validate, config.scheduler)
    else:
        outcomes = []
        batch = max(1, len(documents) // 20) if progress else len(documents) or 1
        for i in range(0, len(documents), batch):
            outcomes.extend(run_local(documents[i : i + batch], config.validate, config.jobs))
            if progress:
                progress(len(outcomes), len(documents))
    landed = tuple(o for o in outcomes if o.conforms)
    rejected = tuple(o for o in outcomes if not o.conforms)
    triples = write_build(config, landed, outcomes)
    return BuildReport(config.build_dir, landed, rejected, tuple(errors), time.perf_counter() - started, triples)


def write_build(config: Config, landed: Iterable[DocumentOutcome], outcomes: Sequence[DocumentOutcome]) -> int:
    """Load the graphs into a fresh store, write the dumps, and swap both into the build folder."""
    from .lexicon import load_lexicon

    out = config.build_dir
    out.mkdir(parents=True, exist_ok=True)
    staging = out / ".store.new"
    if staging.exists():
        shutil.rmtree(staging)
    try:
        store = st.open_store(staging)
        st.load_files(store, st.ontology_files(config.ontology_dir), str(ONTOLOGY_GRAPH))
        st.load_ntriples(store, st.graph_to_ntriples(load_lexicon().registry.graph()), str(REFERENCE_GRAPH))
        for outcome in landed:
            st.load_ntriples(store, outcome.ntriples, str(doc_graph(outcome.key)))
        store.optimize()
        st.write_dump(store, "trig", out / "graph.trig")
        st.write_dump(store, "ttl", out / "graph.ttl", union=True)
        st.write_dump(store, "nq", out / "graph.nq")
        from .publish import write_metadata  # void.ttl and SHA256SUMS, after the dumps they describe

        write_metadata(out, store)
        triples = len(store)
        _write_validation(out, outcomes)
        store.flush()
        del store
    except (OSError, ValueError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        raise StoreError(f"{out}: cannot write the build ({error})") from error
    st.replace_dir(staging, config.store_dir)
    return triples


def _write_validation(out: Path, outcomes: Sequence[DocumentOutcome]) -> None:
    problems = [p for o in outcomes for p in o.problems]
    with st.atomic_path(out / "validation.txt") as tmp:
        tmp.write_text(validation_text(problems), encoding="utf-8")
    with st.atomic_path(out / "validation.ttl") as tmp:
        tmp.write_text(validation_turtle(outcomes), encoding="utf-8")


def validation_text(problems: Sequence[Problem]) -> str:
    """A readable summary of SHACL results: one paragraph per result."""
    if not problems:
        return "Every document graph conforms to the shapes.\n"
    lines = []
    for p in problems:
        lines.append(f"{p.severity}: {p.document}: {p.message}\n  shape: {p.shape}\n  focus: {p.focus}")
        if p.sentence:
            lines.append(f"  sentence: {p.sentence}")
    counts = Counter(p.severity for p in problems)
    lines.append(", ".join(f"{n} {s.lower()}{'s' if n != 1 else ''}" for s, n in sorted(counts.items())))
    return "\n".join(lines) + "\n"


def validation_turtle(outcomes: Sequence[DocumentOutcome]) -> str:
    """The SHACL results as a Turtle validation report (sh:ValidationReport), IRIs per result."""
    from rdflib import Literal, URIRef
    from rdflib.namespace import RDF, SH

    from . import iris

    g = Graph()
    g.bind("sh", SH)
    report = URIRef("https://w3id.org/cdkg/id/report/validation")
    g.add((report, RDF.type, SH.ValidationReport))
    problems = [p for o in outcomes for p in o.problems]
    g.add((report, SH.conforms, Literal(not any(p.severity == "Violation" for p in problems))))
    for p in problems:
        node = URIRef(iris.fact_iri("result", p.document, p.shape, p.focus, p.message))
        g.add((report, SH.result, node))
        g.add((node, RDF.type, SH.ValidationResult))
        g.add((node, SH.resultSeverity, SH[p.severity]))
        g.add((node, SH.focusNode, URIRef(p.focus) if p.focus.startswith("http") else Literal(p.focus)))
        g.add((node, SH.sourceShape, URIRef(p.shape) if p.shape.startswith("http") else Literal(p.shape)))
        g.add((node, SH.resultMessage, Literal(p.message)))
    return g.serialize(format="turtle")


def progress_printer(stream=sys.stderr) -> Callable[[int, int], None]:
    """A progress callback that redraws one line on a terminal."""

    def show(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        stream.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total} documents")
        if done >= total:
            stream.write("\n")
        stream.flush()

    return show


__all__ = ["BuildReport", "DocumentOutcome", "STAGES", "build", "check_stages", "process_document"]
