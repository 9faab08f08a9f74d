"""The pipeline, composed once: source files in, a validated store and its dumps out (DESIGN §5).

    ingest → recognise (+ link, coreference) → extract → emit → validate → store / dumps

``STAGES`` declares what each stage requires and produces; ``check_stages`` proves the order
consistent (and a test calls it). ``process_document`` is the pure per-document part — a document
in, its N-Triples and validation outcome out — so it runs the same in-process, in a pool of local
processes (``--jobs``, warmed once per process and kept for the whole build) or on a Dask cluster
(``--scheduler``). ``build`` does the I/O around it:

1. **Plan.** The sources are compared with the manifest of the previous build in the same folder
   (``manifest.py``): a file whose size and modification time are unchanged is not read; the
   others are read once (texts are not kept) and their digests compared. Unchanged documents are
   reused, new or changed ones extracted, removed ones dropped. Another build fingerprint (code,
   registry, rules, shapes, ontology) means a full build.
2. **Extract** the documents to process, streaming: each outcome is loaded into the store as it
   arrives and only its fact counts and SHACL results are kept, so memory does not grow with the
   corpus. A document whose graph violates the shapes is reported and kept out; the others land.
3. **Write** the dumps: from scratch after a full build; after an incremental one, only the
   named graphs, subjects and lines that changed are replaced (``graph.nq`` is the sorted
   canonical N-Quads, ``graph.ttl`` the union sorted by subject, ``graph.trig`` one block per named
   graph in IRI order), so the bytes equal those of a full build of the same inputs.

**Atomicity (copy-on-write).** Everything is written under ``BUILD/.staging/``: a full build starts
a fresh store there, an incremental one starts from a checkpoint of the current store
(``Store.backup``: hard links, instant) and changes only that. The previous outputs are not
touched until every document has been processed and every output written; then the staged files
are renamed into place, the manifest last (it is deleted first, so a build interrupted during the
renames is followed by a full build). A failed build leaves the previous one whole. What the
swap replaced (old dumps, old store) is deleted last — in a long-lived process (``cdkg watch``), on
a background thread (``BUILD/.discard-*``) once the new outputs are in place.
"""

from __future__ import annotations

import hashlib
import heapq
import mmap
import os
import re
import shutil
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from itertools import chain, islice
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from . import manifest as mf
from . import store as st
from .config import Config
from .errors import EndpointError, IngestError, StoreError
from .namespaces import ONTOLOGY_GRAPH, PREFIXES, REFERENCE_GRAPH, doc_graph
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
    """What processing one document gave: its graph as N-Triples, fact counts and SHACL results.

    The outcomes of a ``BuildReport`` no longer carry ``ntriples`` (their graphs are in the store).
    """

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
    """The outcome of a build: what landed, what was kept out and why.

    ``extracted`` documents were processed by this build, ``reused`` ones kept from the previous
    build in the same folder, ``removed`` ones dropped from it; ``incremental`` is false for a
    full build. ``timings`` holds seconds per step: ``ingest`` (reading and planning), ``process`` (wall time of
    the extraction), the summed per-document ``recognise``, ``extract``, ``emit``, ``validate``, then
    ``open``, ``load``, ``optimize``, ``dumps``, ``metadata``, ``duplicates``.
    """

    out: Path
    documents: tuple[DocumentOutcome, ...]
    rejected: tuple[DocumentOutcome, ...]
    errors: tuple[str, ...]
    seconds: float
    triples: int = 0
    extracted: int = 0
    reused: int = 0
    removed: int = 0
    incremental: bool = False
    timings: dict[str, float] = field(default_factory=dict)

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
        how = f" (incremental: {self.extracted} extracted, {self.reused} reused, {self.removed} removed)" if self.incremental else ""
        return (
            f"{len(self.documents)} documents built{how} ({len(self.rejected)} rejected, {len(self.errors)} unreadable); "
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
    from .emit import emit_triples
    from .recognise import recognise
    from .relations import extract

    clock = time.perf_counter
    t0 = clock()
    try:
        rec = recognise(document)
        t1 = clock()
        facts = extract(rec)
        t2 = clock()
        graph = emit_triples(rec, facts)
    except Exception as error:  # a bug met on one document must not cost the others
        message = f"extraction failed ({type(error).__name__}: {error}); please report this document"
        problem = Problem(document.id, "Violation", "cdkg:extraction", document.path or document.id, message)
        return DocumentOutcome(document.id, document.key, document.path, "", {k: 0 for k in FACT_KINDS}, (problem,))
    t3 = clock()
    problems = _validate(document, graph) if validate else ()
    t4 = clock()
    if document.language not in _SETTLED:
        _settle(document.language)
    counts = Counter(f.kind for f in facts)
    return DocumentOutcome(
        id=document.id,
        key=document.key,
        path=document.path,
        ntriples=graph.ntriples(),
        facts={kind: counts.get(kind, 0) for kind in FACT_KINDS},
        problems=problems,
        seconds={"recognise": t1 - t0, "extract": t2 - t1, "emit": t3 - t2, "validate": t4 - t3},
    )


_SETTLED: set[str] = set()


def _settle(language: str) -> None:
    """After a process's first document in ``language``, what the stages load and cache for it
    (lexicon, spaCy pipeline, gazetteer, rule pack, shapes: about 1 GB of objects) is there for
    good: freeze it, so the cyclic garbage collector stops walking it on every full collection
    (that walk was ~60 % of emit's time and a quarter of validate's)."""
    import gc

    _SETTLED.add(language)
    gc.freeze()


def _validate(document: Document, triples) -> tuple[Problem, ...]:
    from .validate import validate

    result = validate(triples, reference_types=reference_types())
    if not result.violations:
        return ()
    graph = triples if isinstance(triples, Graph) else triples.graph()  # to find the sentences
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

        from .registry import _triples

        types = Graph()
        for triple in _triples(load_lexicon().registry):  # the triples of ``Registry.graph()``, without building it (~0.3 s)
            if triple[1] == RDF.type:
                types.add(triple)
        _REFERENCE_TYPES = types
    return _REFERENCE_TYPES


# -- running process_document: in-process, on local processes, on Dask ----------------------------

WARM_UP_TEXT = "—"


def warm(languages: Iterable[str] = (), validate: bool = True) -> None:
    """Load everything a process needs before its first document (registry, lexicon, and for each
    language its spaCy pipeline, gazetteer and rule pack; the shapes): seconds, once per process.

    Done by processing a one-character document per language, so whatever the stages cache is
    cached, whatever they are.
    """
    from .iris import doc_key
    from .lexicon import load_lexicon

    load_lexicon()
    for language in sorted(set(languages)):
        process_document(Document("warm-up", WARM_UP_TEXT, doc_key(WARM_UP_TEXT), language), validate)


_ONE_AT_A_TIME = threading.Lock()


def process_batch(documents: Sequence[Document], validate: bool = True) -> list[DocumentOutcome]:
    """``process_document`` over a few documents (the unit of work sent to a worker).

    One batch at a time per process: the stages share caches (shapes, spaCy pipelines) that are not
    thread-safe, so a Dask worker with several threads runs its tasks one after the other (start
    workers with ``--nthreads 1`` and as many processes as cores instead).
    """
    with _ONE_AT_A_TIME:
        return [process_document(d, validate) for d in documents]


def _batches(documents: Iterable[Document], size: int) -> Iterator[list[Document]]:
    it = iter(documents)
    while batch := list(islice(it, size)):
        yield batch


def _in_process(documents: Iterable[Document], validate: bool) -> Iterator[DocumentOutcome]:
    for document in documents:
        yield process_document(document, validate)


def _on_processes(documents: Iterable[Document], validate: bool, jobs: int, languages: Sequence[str], batch: int) -> Iterator[DocumentOutcome]:
    """Outcomes as they complete, from one pool of ``jobs`` processes warmed once (initializer)
    and kept for the whole build; at most ``4 × jobs`` batches are in flight.

    The workers are forked: what this process has warmed already (``warm`` before ``build``, as
    ``benchmarks/run.py`` does) they inherit, and their initializer finds it cached (~0.1 s for the
    pool to start instead of a warm-up per worker); what it has not, each worker loads once.
    """
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=warm, initargs=(tuple(languages), validate))
    try:
        batches = _batches(documents, batch)
        pending = set()
        while True:
            while len(pending) < 4 * jobs and (next_batch := next(batches, None)) is not None:
                pending.add(pool.submit(process_batch, next_batch, validate))
            if not pending:
                break
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for future in done:
                yield from future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _worker_fingerprint(validate: bool) -> str:
    """The build fingerprint a Dask worker would build with (run on each worker)."""
    return mf.fingerprint(replace(Config(), validate=validate))


def _on_dask(documents: Iterable[Document], validate: bool, scheduler: str, fingerprint: str, batch: int) -> Iterator[DocumentOutcome]:
    """Outcomes as they complete, from the workers of the Dask cluster at ``scheduler``.

    Every worker must build what this machine would build: its fingerprint (the installed code,
    the registry, rules, ontology and shapes under its ``CDKG_HOME``, the library versions) must
    equal ours, or the build stops before any work is sent. A task lost with its worker is retried.
    """
    try:
        from dask.distributed import Client, as_completed
    except ImportError as error:  # pragma: no cover - dask is a dependency
        raise EndpointError("building on a cluster needs dask[distributed]: pip install 'dask[distributed]'") from error
    try:
        client = Client(scheduler, set_as_default=False, timeout="20s")
    except (OSError, TimeoutError) as error:
        raise EndpointError(f"{scheduler}: cannot reach the Dask scheduler ({error})") from error
    try:
        try:
            client.wait_for_workers(1, timeout=60)
        except TimeoutError as error:
            raise EndpointError(f"{scheduler}: the Dask cluster has no workers") from error
        different = {w: f for w, f in client.run(_worker_fingerprint, validate).items() if f != fingerprint}
        if different:
            raise EndpointError(
                f"{scheduler}: worker(s) {', '.join(sorted(different))} would build differently from this machine "
                "(another cdkg version, registry, rules, ontology or shapes): install the same cdkg on every "
                "worker and point CDKG_HOME at the same project data"
            )
        batches = _batches(documents, batch)
        window = 4 * max(1, sum(client.nthreads().values()))
        running = as_completed(loop=client.loop)
        for next_batch in islice(batches, window):
            running.add(client.submit(process_batch, next_batch, validate, pure=False, retries=2))
        for future in running:
            outcomes = future.result()
            future.release()
            yield from outcomes
            if (next_batch := next(batches, None)) is not None:
                running.add(client.submit(process_batch, next_batch, validate, pure=False, retries=2))
    finally:
        client.close()


def run_local(documents: Sequence[Document], validate: bool, jobs: int = 1) -> list[DocumentOutcome]:
    """Process documents in this process (``jobs == 1``) or on local processes; input order kept."""
    languages = sorted({d.language for d in documents})
    outcomes = _outcomes(documents, validate, jobs, languages, None, "")
    return _in_input_order(documents, outcomes)


def run_dask(documents: Sequence[Document], validate: bool, scheduler: str) -> list[DocumentOutcome]:
    """Process documents on a Dask distributed cluster; input order kept."""
    fingerprint = mf.fingerprint(replace(Config(), validate=validate))
    return _in_input_order(documents, _on_dask(documents, validate, scheduler, fingerprint, _batch_size(len(documents), 2)))


def _in_input_order(documents: Sequence[Document], outcomes: Iterable[DocumentOutcome]) -> list[DocumentOutcome]:
    by_id = {o.id: o for o in outcomes}
    return [by_id[d.id] for d in documents]


def _batch_size(n: int, workers: int) -> int:
    """Documents per task: enough to amortise the hand-over, small enough to balance the load."""
    return max(1, min(16, n // (8 * max(1, workers))))


def _outcomes(documents: Iterable[Document], validate: bool, jobs: int, languages: Sequence[str], scheduler: str | None, fingerprint: str, n: int | None = None) -> Iterator[DocumentOutcome]:
    n = n if n is not None else len(documents)  # type: ignore[arg-type]
    if scheduler:
        return _on_dask(documents, validate, scheduler, fingerprint, _batch_size(n, jobs))
    if jobs <= 1 or n < 2:
        return _in_process(documents, validate)
    return _on_processes(documents, validate, min(jobs, n), languages, _batch_size(n, jobs))


# -- the build -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Found:
    """A document seen while planning: what the manifest needs, without its text."""

    id: str
    key: str
    digest: str
    path: str
    language: str
    stamp: str


def _scan(sources: Iterable[Path], previous: mf.Manifest | None = None) -> tuple[dict[str, _Found], list[str]]:
    """Every document of ``sources`` (texts dropped): the documents by id, and the errors.

    Same rules as ``ingest.read_sources``: an unreadable file is an error, the first of two
    documents with one id wins and the second is an error. A file whose size and modification time
    (and its sidecar's) are those the ``previous`` manifest recorded is not read again.
    """
    from .ingest import read_file, source_files, stamp as stamp_of

    known: dict[str, list[mf.Entry]] = {}
    for entry in (previous.entries.values() if previous else ()):
        known.setdefault(entry.path or "", []).append(entry)
    found: dict[str, _Found] = {}
    errors: list[str] = []

    def add(item: _Found) -> None:
        if item.id in found:
            errors.append(str(IngestError(f"{item.path}: duplicate document id {item.id!r} (also in {found[item.id].path})")))
        else:
            found[item.id] = item

    for name in source_files(sources):
        stamp = stamp_of(name)
        entries = known.get(name, []) if not name.lower().endswith(".jsonl") else []  # a .jsonl may have failed half-way
        if entries and all(e.stamp == stamp for e in entries):
            for e in entries:
                add(_Found(e.id, e.key, e.digest, name, e.language, stamp))
            continue
        try:
            for document in read_file(Path(name)):
                if isinstance(document, IngestError):  # one bad line of a .jsonl file
                    errors.append(str(document))
                    continue
                add(_Found(document.id, document.key, mf.document_digest(document), str(document.path), document.language, stamp))
        except IngestError as error:
            errors.append(str(error))
    return found, errors


def _read_again(found: Mapping[str, _Found], ids: Iterable[str]) -> Iterator[Document]:
    """The documents ``ids`` read from their files again (a ``.jsonl`` file once for all its lines)."""
    from .ingest import read_file

    wanted: dict[str, set[str]] = {}
    for doc_id in ids:
        wanted.setdefault(found[doc_id].path, set()).add(doc_id)
    for path in sorted(wanted):
        for document in read_file(Path(path)):
            if isinstance(document, IngestError):
                continue
            if document.id in wanted[path] and str(document.path) == path:
                wanted[path].discard(document.id)
                yield document


def build(
    config: Config | None = None,
    *,
    progress: Callable[[int, int], None] | None = None,
    incremental: bool = True,
    tidy_later: bool = False,
) -> BuildReport:
    """Build the graph from ``config.sources`` into ``config.build_dir``; see the module docstring.

    ``incremental=False`` ignores the previous build in the folder and builds everything.
    ``tidy_later=True`` returns as soon as the new outputs are in place, and deletes what they
    replaced (the previous dumps and store) on a background thread: for a long-lived process
    (``cdkg watch``); by default that is done before returning.
    """
    config = config or Config()
    started = time.perf_counter()
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    fingerprint = mf.fingerprint(config)
    previous = mf.load(config.build_dir) if incremental and (config.store_dir / "CURRENT").exists() else None
    found, errors = _scan(config.sources, previous if previous and previous.fingerprint == fingerprint else None)
    plan = mf.plan(previous, {i: (f.key, f.digest) for i, f in found.items()}, fingerprint, full=not incremental)
    timings["ingest"] = time.perf_counter() - clock

    entries: dict[str, mf.Entry] = {}
    if not plan.full:
        assert previous is not None
        for doc_id in plan.reuse:
            entries[doc_id] = replace(previous.entries[doc_id], path=found[doc_id].path, stamp=found[doc_id].stamp)
    dirty = None if plan.full else (
        {previous.entries[i].key for i in plan.removed + plan.process if i in previous.entries}  # type: ignore[union-attr]
        | {found[i].key for i in plan.process}
    )
    staging = _Staging(config, fresh=plan.full, dirty=dirty, previous_dumps=previous.dumps if previous else None)
    staging.previous_statistics = previous.statistics if previous and not plan.full else None  # type: ignore[attr-defined]
    try:
        loaded: dict[str, str] = {}  # key -> id of the document whose graph the store holds now
        languages = sorted({found[i].language for i in plan.process})
        todo = len(plan.process)
        clock = time.perf_counter()
        outcomes = _outcomes(_read_again(found, plan.process), config.validate, config.jobs, languages, config.scheduler, fingerprint, todo)
        for done, outcome in enumerate(outcomes, start=1):
            seen = found[outcome.id]
            entries[outcome.id] = mf.Entry(
                outcome.id, outcome.key, seen.digest, outcome.path, outcome.conforms,
                outcome.facts, tuple(_problem(p) for p in outcome.problems), seen.language, seen.stamp,
            )
            staging.add_seconds(outcome.seconds)
            if outcome.conforms and (outcome.key not in loaded or outcome.id > loaded[outcome.key]):
                staging.load(outcome.key, outcome.ntriples)
                loaded[outcome.key] = outcome.id
            if progress:
                progress(done, todo)
        timings["process"] = time.perf_counter() - clock
        missing = set(plan.process) - set(entries)
        if missing:
            raise IngestError(f"{len(missing)} document(s) changed or vanished during the build: {', '.join(sorted(missing)[:5])}")
        for key in staging.dirty_keys() - set(loaded):
            staging.drop(key)
        staging.flush()
        manifest = mf.Manifest(fingerprint, entries)
        outcomes_all = [_outcome(entries[i]) for i in sorted(entries)]
        triples = write_build(config, staging, manifest, outcomes_all, timings, tidy_later=tidy_later)
    except BaseException:
        staging.abandon()
        raise
    landed = tuple(o for o in outcomes_all if o.conforms)
    rejected = tuple(o for o in outcomes_all if not o.conforms)
    timings.update(staging.seconds)
    return BuildReport(
        config.build_dir, landed, rejected, tuple(errors), time.perf_counter() - started, triples,
        extracted=len(plan.process), reused=len(plan.reuse), removed=len(plan.removed), incremental=not plan.full, timings=timings,
    )


def _outcome(entry: mf.Entry) -> DocumentOutcome:
    """A document's outcome as the report keeps it (no graph), from its manifest entry."""
    problems = tuple(Problem(**p) for p in entry.problems)
    return DocumentOutcome(entry.id, entry.key, entry.path, "", dict(entry.facts), problems)


class _Staging:
    """The staging folder of a build (``BUILD/.staging``) and the store being written in it.

    ``fresh``: a new store with the ontology and the registry; else a checkpoint of the current
    store, from which the quads of the ``dirty`` graphs (named by document key) are kept first,
    for patching the dumps.
    """

    def __init__(self, config: Config, *, fresh: bool, dirty: set[str] | None, previous_dumps: Mapping[str, int] | None = None) -> None:
        self.config, self.fresh = config, fresh
        self.previous_dumps = dict(previous_dumps or {})  # dump sizes the previous manifest recorded
        self.dir = config.build_dir / ".staging"
        self.seconds: dict[str, float] = {"load": 0.0}
        self._dirty = set(dirty or ())
        self._buffer: dict[str, str] = {}
        self._buffered = 0
        self.old_lines: list[bytes] = []
        try:
            if self.dir.exists():
                shutil.rmtree(self.dir)
            for left in config.build_dir.glob(".discard-*"):  # by a build whose process was killed
                if left.name.split("-")[1] != str(os.getpid()):
                    shutil.rmtree(left, ignore_errors=True)
            self.dir.mkdir(parents=True)
            clock = time.perf_counter()
            if fresh:
                from .registry import load_registry

                self.store = st.open_store(self.dir / "store")
                st.load_files(self.store, st.ontology_files(config.ontology_dir), str(ONTOLOGY_GRAPH))
                st.load_ntriples(self.store, st.graph_to_ntriples(load_registry(config.reference_dir).graph()), str(REFERENCE_GRAPH))
            else:
                st.open_store(config.store_dir, read_only=True).backup(str(self.dir / "store"))
                self.store = st.open_store(self.dir / "store")
                self.old_lines = sorted(chain.from_iterable(_graph_lines(self.store, k) for k in self._dirty))
            self.seconds["open"] = time.perf_counter() - clock
        except (OSError, ValueError) as error:
            self.abandon()
            raise StoreError(f"{config.build_dir}: cannot start the build ({error})") from error

    def dirty_keys(self) -> set[str]:
        """The keys whose named graphs this build decides (all of them in a fresh store)."""
        return self._dirty

    def load(self, key: str, ntriples: str) -> None:
        """Replace the named graph of ``key`` with ``ntriples`` (buffered: one bulk load per
        ``BULK_BYTES``, as a bulk load costs ~0.2 s however small it is)."""
        self._buffer[key] = ntriples
        self._buffered += len(ntriples)
        self._dirty.add(key)
        if self._buffered >= BULK_BYTES:
            self.flush()

    def flush(self) -> None:
        """Load the buffered graphs (each replaces the graph of its key) in one bulk load."""
        if not self._buffer:
            return
        clock = time.perf_counter()
        chunks = []
        for key, ntriples in self._buffer.items():
            name = str(doc_graph(key))
            if self.store.contains_named_graph(ox.NamedNode(name)):
                self.store.remove_graph(ox.NamedNode(name))
            data = ntriples.encode("utf-8")
            if data and not data.endswith(b" .\n"):
                raise StoreError(f"graph of document key {key}: not N-Triples")
            chunks.append(data.replace(b" .\n", f" <{name}> .\n".encode()))  # a line ends with " .\n", nothing else does
        self.store.bulk_load(b"".join(chunks), ox.RdfFormat.N_QUADS)
        self._buffer.clear()
        self._buffered = 0
        self.seconds["load"] += time.perf_counter() - clock

    def drop(self, key: str) -> None:
        """Remove the named graph of ``key``, if the store has it."""
        self.flush()
        name = ox.NamedNode(str(doc_graph(key)))
        if self.store.contains_named_graph(name):
            self.store.remove_graph(name)

    def add_seconds(self, seconds: Mapping[str, float]) -> None:
        for stage, value in seconds.items():
            self.seconds[stage] = self.seconds.get(stage, 0.0) + value

    def close(self) -> None:
        self.flush()
        store = getattr(self, "store", None)
        if store is not None:
            store.flush()
            del self.store

    def abandon(self) -> None:
        """Give up: remove the staging folder (the previous build is untouched)."""
        if hasattr(self, "store"):
            del self.store
        shutil.rmtree(self.dir, ignore_errors=True)


def _graph_lines(store: ox.Store, key: str) -> list[bytes]:
    """The N-Quads lines of the named graph of ``key`` (none when the store lacks it)."""
    quads = store.quads_for_pattern(None, None, None, ox.NamedNode(str(doc_graph(key))))
    return ox.serialize(quads, format=ox.RdfFormat.N_QUADS).splitlines(keepends=True)


BULK_BYTES = 32 << 20
DUMPS = ("graph.nq", "graph.ttl", "graph.trig")
OUTPUTS = (*DUMPS, "void.ttl", "SHA256SUMS", "validation.txt", "validation.ttl", "duplicates.json", "duplicates-index.json")


def write_build(config: Config, staging: _Staging, manifest: mf.Manifest, outcomes: Sequence[DocumentOutcome], timings: dict[str, float], *, tidy_later: bool = False) -> int:
    """Finish the staged store, write every output next to it, and swap them into the build folder
    (what they replace is deleted afterwards; on a background thread with ``tidy_later``)."""
    out, work = config.build_dir, staging.dir
    store = staging.store
    try:
        clock = time.perf_counter()
        if staging.fresh:
            store.optimize()
        timings["optimize"] = time.perf_counter() - clock
        clock = time.perf_counter()
        from .publish import Statistics, update_statistics, write_metadata

        sizes = staging.previous_dumps
        removed, added = ([], []) if staging.fresh else _changed_lines(store, staging.old_lines, staging.dirty_keys())
        patchable = not staging.fresh and all((out / n).is_file() and (out / n).stat().st_size == sizes.get(n) for n in DUMPS)
        digests = None
        if patchable:
            try:
                digests = _patch_dumps(store, out, work, removed, added, staging.dirty_keys())
            except _CannotPatch:
                patchable = False  # a dump not written by this code: write it again
        if not patchable:
            digests = _write_dumps(store, work)
        timings["dumps"] = time.perf_counter() - clock
        clock = time.perf_counter()
        stats = None  # void.ttl's counts: updated from the changed quads when the previous ones are known
        previous = getattr(staging, "previous_statistics", None)
        if not staging.fresh and previous is not None:
            quads = lambda lines: ox.parse(b"".join(lines), format=ox.RdfFormat.N_QUADS) if lines else ()  # noqa: E731
            stats = update_statistics(Statistics.from_json(previous), store, quads(removed), quads(added))
        stats = write_metadata(work, store, stats=stats, digests=digests)  # after the dumps it describes
        timings["metadata"] = time.perf_counter() - clock
        triples = stats.triples
        _write_validation(work, outcomes)
        from .duplicates import write_duplicates

        clock = time.perf_counter()
        if staging.fresh:
            write_duplicates(store, work)
        else:  # updated from the previous report for the entities the changed quads name: same bytes
            write_duplicates(store, work, previous=out, changed=_named(chain(removed, added)))
        timings["duplicates"] = time.perf_counter() - clock
        dump_sizes = {n: (work / n).stat().st_size for n in DUMPS}
        (work / mf.MANIFEST_NAME).write_text(mf.dumps_json(replace(manifest, dumps=dump_sizes, statistics=stats.to_json())), encoding="utf-8")
        # closed before its folder is renamed: closing a RocksDB whose folder moved away can
        # stall for a second (measured), in whichever frame drops the last reference
        del store
        staging.close()
    except (OSError, ValueError) as error:
        raise StoreError(f"{out}: cannot write the build ({error})") from error
    (out / mf.MANIFEST_NAME).unlink(missing_ok=True)  # no manifest while the outputs are swapped
    st.replace_dir(work / "store", config.store_dir)
    replaced = work / ".replaced"
    replaced.mkdir()
    for name in OUTPUTS:
        if (work / name).exists():
            # moved aside, then the new one in: on ext4 a rename over an existing file writes the
            # new file's data out first (auto_da_alloc), and the old file's blocks are freed with
            # the staging folder, last (a GB of dumps: half a second each way)
            if (out / name).exists():
                os.rename(out / name, replaced / name)
            os.rename(work / name, out / name)
    os.rename(work / mf.MANIFEST_NAME, out / mf.MANIFEST_NAME)
    if tidy_later:
        _discard_later(work, out / f".discard-{os.getpid()}-{time.monotonic_ns()}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    return triples


def _discard_later(folder: Path, to: Path) -> None:
    """Remove ``folder`` (what a finished build left: the replaced dumps, the old store) on a
    background thread, after renaming it to ``to``. The build's outputs are in place already; the
    process goes on meanwhile (and waits for the thread at exit). What a killed process leaves is
    removed by the next build (``_Staging``)."""
    try:
        folder.rename(to)
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        return
    threading.Thread(target=shutil.rmtree, args=(to,), kwargs={"ignore_errors": True}, name="cdkg-discard").start()


# -- dumps: written in sorted blocks, so that a few changed graphs are patched in place -------------


class _CannotPatch(Exception):
    """The previous dumps are not what ``_write_dumps`` writes (or hold blank nodes)."""


def _write_dumps(store: ox.Store, work: Path) -> dict[str, str]:
    """Write the three dumps of ``store`` from scratch (streaming: memory does not grow with size);
    return their SHA-256 by file name (each hashed as it is written).

    ``graph.nq``: every quad as sorted N-Quads lines (sorted in runs on disk, then merged).
    ``graph.ttl``: the union of the graphs, each triple once, in the order of ``graph.nq``.
    ``graph.trig``: the named graphs in the order of their IRIs.
    """
    from .publish import HashingWriter

    digests = {}
    unsorted = work / ".quads.nq"
    with unsorted.open("wb") as f:
        ox.serialize(store, f, ox.RdfFormat.N_QUADS)
    digests["graph.nq"] = _sort_lines(unsorted, work / "graph.nq", work)
    unsorted.unlink()

    def union() -> Iterator[ox.Triple]:
        last = None
        for quad in ox.parse(path=str(work / "graph.nq"), format=ox.RdfFormat.N_QUADS):
            triple = quad.triple
            if triple != last:
                yield triple
                last = triple

    with (work / "graph.ttl").open("wb") as f:
        writer = HashingWriter(f)
        ox.serialize(union(), writer, ox.RdfFormat.TURTLE, prefixes=PREFIXES)
        digests["graph.ttl"] = writer.hexdigest()
    graphs = sorted((g for g in store.named_graphs() if isinstance(g, ox.NamedNode)), key=_term_key)
    # one store iterator open at a time: ``chain(*(…))`` opened one per named graph up front, and
    # each pins store memory (~15 KB: +1.5 GB for 100,000 graphs)
    quads = chain.from_iterable(store.quads_for_pattern(None, None, None, g) for g in (ox.DefaultGraph(), *graphs))
    with (work / "graph.trig").open("wb") as f:
        writer = HashingWriter(f)
        ox.serialize(quads, writer, ox.RdfFormat.TRIG, prefixes=PREFIXES)
        digests["graph.trig"] = writer.hexdigest()
    return digests


def _sort_lines(source: Path, target: Path, work: Path, run_bytes: int = 1 << 26) -> str:
    """Sort the lines of ``source`` into ``target``, in runs of ``run_bytes`` merged from disk;
    return the SHA-256 of ``target``."""
    from .publish import HashingWriter

    runs: list[Path] = []
    with source.open("rb") as f:
        while lines := f.readlines(run_bytes):
            lines.sort()
            if not runs and not f.peek(1):
                with target.open("wb") as out:
                    writer = HashingWriter(out)
                    writer.write(b"".join(lines))
                return writer.hexdigest()
            runs.append(work / f".run{len(runs)}")
            with runs[-1].open("wb") as run:
                run.writelines(lines)
            del lines
    if not runs:
        target.write_bytes(b"")
        return hashlib.sha256(b"").hexdigest()
    files = [run.open("rb") for run in runs]
    try:
        with target.open("wb") as out:
            writer = HashingWriter(out)
            for chunk in _chunks(heapq.merge(*files)):
                writer.write(chunk)
            return writer.hexdigest()
    finally:
        for f, run in zip(files, runs):
            f.close()
            run.unlink()


def _chunks(lines: Iterable[bytes], size: int = 1 << 20) -> Iterator[bytes]:
    """Lines joined into chunks of about ``size`` bytes (fewer, larger writes)."""
    batch: list[bytes] = []
    length = 0
    for line in lines:
        batch.append(line)
        length += len(line)
        if length >= size:
            yield b"".join(batch)
            batch, length = [], 0
    if batch:
        yield b"".join(batch)


def _changed_lines(store: ox.Store, old_lines: Sequence[bytes], dirty: set[str]) -> tuple[list[bytes], list[bytes]]:
    """The N-Quads lines the ``dirty`` graphs lost and gained (``old_lines``: theirs before), sorted."""
    new_lines = set(chain.from_iterable(_graph_lines(store, k) for k in dirty))
    old = set(old_lines)
    return sorted(old - new_lines), sorted(new_lines - old)


def _patch_dumps(store: ox.Store, out: Path, work: Path, removed: Sequence[bytes], added: Sequence[bytes], dirty: set[str]) -> dict[str, str]:
    """Write the dumps of ``store`` by patching those of ``out``, where only the ``dirty`` graphs
    changed (``removed``, ``added``: their N-Quads lines that went and came, sorted): the bytes are
    those ``_write_dumps`` writes. Returns the SHA-256 of each dump, hashed as it is written.

    The three files are spliced on threads: copying and hashing the unchanged spans (most of the
    time) run in the kernel and in OpenSSL, outside the GIL, so they share the cores."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(3, thread_name_prefix="cdkg-dump") as pool:
        nq = pool.submit(_splice_lines, out / "graph.nq", work / "graph.nq", removed, added)
        ttl = pool.submit(_splice_blocks, out / "graph.ttl", work / "graph.ttl", _subject_blocks(store, removed, added), b"\t")
        trig = pool.submit(_splice_blocks, out / "graph.trig", work / "graph.trig", _graph_blocks(store, dirty), b"\t}")
        return {"graph.nq": nq.result(), "graph.ttl": ttl.result(), "graph.trig": trig.result()}


def _subject_blocks(store: ox.Store, removed: Sequence[bytes], added: Sequence[bytes]) -> dict[bytes, bytes]:
    """The Turtle block of ``graph.ttl`` of each subject of the changed lines, as it is now."""
    subjects = {}
    for quad in ox.parse(b"".join(chain(removed, added)), format=ox.RdfFormat.N_QUADS):
        if not isinstance(quad.subject, ox.NamedNode):
            raise _CannotPatch("a blank node")
        subjects[_term_key(quad.subject)] = quad.subject
    blocks = {}
    for key, subject in subjects.items():
        # each triple once: a subject described in many document graphs has thousands of quads,
        # made distinct by the store rather than one Python object each
        rows = store.query(_DESCRIPTION, substitutions={_SUBJECT: subject}, use_default_graph_as_union=True)
        data = ox.serialize((ox.Triple(subject, p, o) for _, p, o in rows), format=ox.RdfFormat.N_TRIPLES)
        lines = set(data.splitlines(keepends=True))
        triples = ox.parse(b"".join(sorted(lines)), format=ox.RdfFormat.N_TRIPLES)
        blocks[key] = _without_header(ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES))
    return blocks


def _graph_blocks(store: ox.Store, dirty: set[str]) -> dict[bytes, bytes]:
    """The TriG block of ``graph.trig`` of each ``dirty`` graph, as it is now (empty: dropped)."""
    graphs = {}
    for key in dirty:
        name = ox.NamedNode(str(doc_graph(key)))
        quads = store.quads_for_pattern(None, None, None, name)
        graphs[_term_key(name)] = _without_header(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=PREFIXES))
    return graphs


def _named(lines: Iterable[bytes]) -> set[str]:
    """The IRIs that are the subject or the object of the N-Quads ``lines``."""
    data = b"".join(lines)
    if not data:
        return set()
    return {t.value for q in ox.parse(data, format=ox.RdfFormat.N_QUADS) for t in (q.subject, q.object) if isinstance(t, ox.NamedNode)}


_SUBJECT = ox.Variable("s")
_DESCRIPTION = "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o }"


def _term_key(term: ox.NamedNode) -> bytes:
    """The sort key of a subject or graph name: its N-Triples form, as bytes."""
    return f"<{term.value}>".encode()


_PREFIX_LINE = re.compile(rb"@prefix [^\n]*\n")
_NAMESPACES = {p.encode(): ns.encode() for p, ns in PREFIXES.items()}
_LOCAL_ESCAPE = re.compile(rb"\\(.)")


def _without_header(data: bytes) -> bytes:
    """A Turtle or TriG serialisation without its ``@prefix`` lines (the block itself)."""
    end = 0
    while match := _PREFIX_LINE.match(data, end):
        end = match.end()
    return data[end:]


def _block_key(line: bytes) -> bytes:
    """The key of the block starting with ``line``: its first term (an IRI or a prefixed name) as ``<IRI>``."""
    token = line.split(b" ", 1)[0]
    if token.startswith(b"<"):
        return token
    prefix, _, local = token.partition(b":")
    if prefix not in _NAMESPACES:
        raise _CannotPatch(f"unknown prefix {prefix!r}")
    return b"<" + _NAMESPACES[prefix] + _LOCAL_ESCAPE.sub(rb"\1", local) + b">"


class _Blocks:
    """A dump file seen as blocks sorted by key: a line that does not start with a byte of
    ``continuation`` (or ``@``, the header) starts a block. With no continuation bytes, every line
    is a block whose key is the line itself (sorted N-Quads)."""

    def __init__(self, data: _Mapped | bytes, continuation: bytes) -> None:
        self.data, self.continuation = data, continuation
        self.end = len(data)
        head = data[: 1 << 16]
        self.start = len(head) - len(_without_header(head))

    def next_block(self, pos: int) -> int:
        """The first block start at or after ``pos`` (``end`` if none)."""
        data = self.data
        if pos > self.start and data[pos - 1 : pos] != b"\n":
            pos = data.find(b"\n", pos)
            pos = self.end if pos < 0 else pos + 1
        while pos < self.end and self.continuation and data[pos : pos + 1] in self.continuation:
            nl = data.find(b"\n", pos)
            pos = self.end if nl < 0 else nl + 1
        return pos

    def key(self, pos: int) -> bytes:
        nl = self.data.find(b"\n", pos)
        line = self.data[pos : (self.end if nl < 0 else nl + 1)]
        return line if not self.continuation else _block_key(line)

    def lower_bound(self, key: bytes) -> int:
        """The start of the first block whose key is ``>= key``."""
        lo, hi = self.start, self.end
        while lo < hi:
            mid = (lo + hi) // 2
            pos = self.next_block(mid)
            if pos >= hi:
                hi = mid
            elif self.key(pos) < key:
                lo = pos + 1
            else:
                hi = pos
        return self.next_block(lo)


def _splice_lines(old: Path, new: Path, removed: Sequence[bytes], added: Sequence[bytes]) -> str:
    """``new`` = the sorted lines of ``old`` without ``removed``, with ``added`` (both sorted)."""
    with _mapped(old) as data:
        blocks = _Blocks(data, b"")
        edits = []
        for line in removed:
            pos = blocks.lower_bound(line)
            if data[pos : pos + len(line)] != line:
                raise _CannotPatch(f"{old.name}: a line to remove is missing")
            edits.append((pos, 1, pos + len(line), b""))
        edits.extend((blocks.lower_bound(line), 0, 0, line) for line in added)
        return _splice(data, sorted(edits), new)


def _splice_blocks(old: Path, new: Path, blocks_by_key: Mapping[bytes, bytes], continuation: bytes) -> str:
    """``new`` = ``old`` with the block of each key replaced by the given bytes (removed when empty,
    inserted in order when new)."""
    with _mapped(old) as data:
        blocks = _Blocks(data, continuation)
        edits = []
        for key in sorted(blocks_by_key):
            pos = blocks.lower_bound(key)
            end = pos
            if pos < blocks.end and blocks.key(pos) == key:
                end = blocks.next_block(data.find(b"\n", pos) + 1)
            edits.append((pos, 0, end, blocks_by_key[key]))
        return _splice(data, edits, new)


def _splice(data: _Mapped | bytes, edits: Sequence[tuple[int, int, int, bytes]], new: Path) -> str:
    """Write ``data`` to ``new`` with each edit (start, order, end, bytes) applied: the span
    [start, end) replaced by the bytes; return the SHA-256 of ``new``. Unchanged spans are copied
    by the kernel where it can (and hashed from the memory map)."""
    digest = hashlib.sha256()
    view = memoryview(data.data) if isinstance(data, _Mapped) else memoryview(data)
    try:
        with open(new, "wb", buffering=0) as out:
            cursor = 0
            for start, _, end, insert in edits:
                if start > cursor:
                    _copy(data, cursor, start, out)
                    _hash_range(data, view, cursor, start, digest)
                    cursor = start
                _write_all(out, insert)
                digest.update(insert)
                cursor = max(cursor, end)
            if cursor < len(data):
                _copy(data, cursor, len(data), out)
                _hash_range(data, view, cursor, len(data), digest)
    finally:
        view.release()
    return digest.hexdigest()


def _hash_range(data, view: memoryview, start: int, end: int, digest, chunk: int = 1 << 24) -> None:
    """Feed bytes [start, end) of ``data`` to ``digest``. From a mapped file they are read with
    ``pread`` into one reused buffer: hashing through the map would map every page of the old dump
    into this process (counted in its resident memory: +7 GB for the dumps of 100,000 documents)."""
    source = getattr(data, "source_fd", None)
    if source is None:
        for offset in range(start, end, chunk):
            digest.update(view[offset : min(end, offset + chunk)])
        return
    buffer = bytearray(min(chunk, max(0, end - start)))
    window = memoryview(buffer)
    try:
        offset = start
        while offset < end:
            got = os.preadv(source, [window[: min(chunk, end - offset)]], offset)
            if got <= 0:
                raise OSError(f"short read at byte {offset}")
            digest.update(window[:got])
            offset += got
    finally:
        window.release()


def _copy(data, start: int, end: int, out) -> None:
    source = getattr(data, "source_fd", None)
    if source is not None and hasattr(os, "copy_file_range"):
        try:
            while start < end:
                copied = os.copy_file_range(source, out.fileno(), end - start, start)
                if copied <= 0:
                    break
                start += copied
        except OSError:
            pass
    for offset in range(start, end, 1 << 24):
        _write_all(out, data[offset : min(end, offset + (1 << 24))])


def _write_all(out, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = out.write(view)
        view = view[written:]


class _Mapped:
    """A read-only memory map of a file, with the file's descriptor (for kernel-side copies)."""

    def __init__(self, data: mmap.mmap, source_fd: int) -> None:
        self.data, self.source_fd = data, source_fd

    def __len__(self) -> int:
        return len(self.data)

    def __getitem__(self, index: slice) -> bytes:
        return self.data[index]

    def find(self, sub: bytes, start: int = 0) -> int:
        return self.data.find(sub, start)


class _mapped:
    """``with _mapped(path) as data``: the file as ``_Mapped`` (``b""`` when empty)."""

    def __init__(self, path: Path) -> None:
        self.file = path.open("rb")
        self.map: mmap.mmap | None = None

    def __enter__(self) -> _Mapped | bytes:
        if os.fstat(self.file.fileno()).st_size == 0:
            return b""
        self.map = mmap.mmap(self.file.fileno(), 0, access=mmap.ACCESS_READ)
        return _Mapped(self.map, self.file.fileno())

    def __exit__(self, *exc) -> None:
        if self.map is not None:
            self.map.close()
        self.file.close()


# -- validation files, progress --------------------------------------------------------------------


def _write_validation(out: Path, outcomes: Sequence[DocumentOutcome]) -> None:
    problems = [p for o in outcomes for p in o.problems]
    with st.atomic_path(out / "validation.txt") as tmp:
        tmp.write_text(validation_text(problems), encoding="utf-8")
    with st.atomic_path(out / "validation.ttl") as tmp, tmp.open("wb") as f:
        ox.serialize(_validation_triples(outcomes), f, ox.RdfFormat.TURTLE, prefixes={"sh": _SH})


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


_SH = "http://www.w3.org/ns/shacl#"
_REPORT = ox.NamedNode("https://w3id.org/cdkg/id/report/validation")


def _validation_triples(outcomes: Sequence[DocumentOutcome]) -> Iterator[ox.Triple]:
    from . import iris

    sh = lambda name: ox.NamedNode(_SH + name)  # noqa: E731
    problems = [p for o in outcomes for p in o.problems]
    yield ox.Triple(_REPORT, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), sh("ValidationReport"))
    conforms = not any(p.severity == "Violation" for p in problems)
    yield ox.Triple(_REPORT, sh("conforms"), ox.Literal(str(conforms).lower(), datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")))
    seen: set[str] = set()
    for p in problems:
        iri = iris.fact_iri("result", p.document, p.shape, p.focus, p.message)
        if iri in seen:
            continue
        seen.add(iri)
        node = ox.NamedNode(iri)
        yield ox.Triple(_REPORT, sh("result"), node)
        yield ox.Triple(node, ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"), sh("ValidationResult"))
        yield ox.Triple(node, sh("resultSeverity"), sh(p.severity))
        yield ox.Triple(node, sh("focusNode"), ox.NamedNode(p.focus) if p.focus.startswith("http") else ox.Literal(p.focus))
        yield ox.Triple(node, sh("sourceShape"), ox.NamedNode(p.shape) if p.shape.startswith("http") else ox.Literal(p.shape))
        yield ox.Triple(node, sh("resultMessage"), ox.Literal(p.message))


def validation_turtle(outcomes: Sequence[DocumentOutcome]) -> str:
    """The SHACL results as a Turtle validation report (sh:ValidationReport), IRIs per result."""
    return ox.serialize(_validation_triples(outcomes), format=ox.RdfFormat.TURTLE, prefixes={"sh": _SH}).decode("utf-8")


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


__all__ = ["BuildReport", "DocumentOutcome", "STAGES", "build", "check_stages", "process_batch", "process_document", "warm"]
