"""The SPARQL 1.1 Protocol endpoint (``/sparql``): a query in, serialised results out, within limits.

Requests (https://www.w3.org/TR/sparql11-protocol/): ``GET ?query=``, ``POST`` of an
``application/x-www-form-urlencoded`` form, or ``POST`` of ``application/sparql-query``;
``default-graph-uri`` and ``named-graph-uri`` narrow the dataset, which is otherwise the union of
every named graph. Updates (an ``update`` parameter, or ``application/sparql-update``) are refused
with 403: the store is opened read-only and no endpoint writes.

Results: SELECT and ASK as SPARQL JSON, XML, CSV or TSV; CONSTRUCT and DESCRIBE as Turtle, JSON-LD,
N-Triples or RDF/XML; chosen by ``Accept`` (q-values honoured) or the ``format=`` parameter.

Limits, both set in ``ServerConfig``:

- **Time.** Each query runs in a worker process (``QueryPool``) that holds its own read-only handle
  on the store. A query still running when the limit passes is stopped for real: the worker is
  killed, a fresh one takes its place, and the client gets **503** with the body
  ``query exceeded the time limit of N s``. (pyoxigraph cannot interrupt a query inside a thread, so
  a thread would keep burning a core after the client had its answer.)
- **Size.** A SELECT answering more than ``max_results`` rows, or a CONSTRUCT/DESCRIBE more than
  ``max_results`` triples, is refused with **422** and the body
  ``query result exceeds the limit of N rows; add LIMIT/OFFSET to page through it``. Nothing is
  truncated silently: a client that ignored a truncation header would take a partial answer for
  the whole one.
"""

from __future__ import annotations

import json
import os
import queue
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path

import pyoxigraph as ox

from ..errors import StoreError
from ..namespaces import PREFIXES
from . import negotiation as neg

_PACKAGE_ROOT = str(Path(__file__).resolve().parents[2])
WORKER_START_TIMEOUT = 30.0
MAX_REQUEST_BYTES = 1_000_000
"""The largest POST body read (a query of a megabyte is not a query)."""
"""Seconds a new worker process may take to open the store before it is given up."""


@dataclass(frozen=True, slots=True)
class QueryJob:
    """One query to run, with everything a worker needs to answer it."""

    query: str
    """The SPARQL query text."""
    results_type: str | None
    """The media type for SELECT/ASK results, or None when the client accepts none of ours."""
    graph_type: str | None
    """The media type for CONSTRUCT/DESCRIBE results, or None when the client accepts none."""
    max_results: int
    """Rows (or triples) beyond which the answer is refused."""
    timeout: float
    """Seconds the query may run, from the moment the worker starts it."""
    default_graphs: tuple[str, ...] = ()
    """``default-graph-uri`` values; empty means the union of every graph."""
    named_graphs: tuple[str, ...] = ()
    """``named-graph-uri`` values; empty means every named graph."""


@dataclass(frozen=True, slots=True)
class Outcome:
    """The answer to a query job: an HTTP status, a media type and the body bytes."""

    status: int
    """The HTTP status code."""
    media_type: str
    """The media type of ``body``."""
    body: bytes
    """The serialised results, or a one-line error message (``text/plain``)."""
    headers: tuple[tuple[str, str], ...] = field(default=())
    """Extra response headers."""

    @classmethod
    def error(cls, status: int, message: str) -> Outcome:
        """A plain-text error answer."""
        return cls(status, "text/plain", (message.rstrip() + "\n").encode("utf-8"))


def time_limit_message(seconds: float) -> str:
    """The message a client reads when its query ran too long.

    >>> time_limit_message(0.2)
    'query exceeded the time limit of 0.2 s'
    """
    return f"query exceeded the time limit of {seconds:g} s"


def size_limit_message(limit: int, unit: str) -> str:
    """The message a client reads when its answer is too large.

    >>> size_limit_message(10, "rows")
    'query result exceeds the limit of 10 rows; add LIMIT/OFFSET to page through it'
    """
    return f"query result exceeds the limit of {limit} {unit}; add LIMIT/OFFSET to page through it"


# --- running one query --------------------------------------------------------------------------


def execute(store: ox.Store, job: QueryJob) -> Outcome:
    """Run ``job`` on ``store`` and serialise its answer (or the error) — what a worker does.

    Solutions and triples are read lazily and the clock is checked between them, so even in a
    thread a long result stops at the limit; a single step that runs long (a sort, an aggregate)
    is stopped by the pool killing the worker.

    >>> store = ox.Store()
    >>> store.add(ox.Quad(ox.NamedNode("http://e/s"), ox.NamedNode("http://e/p"), ox.Literal("o"), ox.NamedNode("http://e/g")))
    >>> job = QueryJob("SELECT ?s WHERE { ?s ?p ?o }", neg.CSV, None, 10, 5.0)
    >>> execute(store, job).body
    b's\\r\\nhttp://e/s\\r\\n'
    """
    started = time.monotonic()
    options: dict = {}
    if job.default_graphs:
        options["default_graph"] = [ox.NamedNode(g) for g in job.default_graphs]
    else:
        options["use_default_graph_as_union"] = True
    if job.named_graphs:
        options["named_graphs"] = [ox.NamedNode(g) for g in job.named_graphs]
    try:
        result = store.query(job.query, **options)
        if isinstance(result, ox.QueryBoolean):
            return _boolean(result, job)
        if isinstance(result, ox.QuerySolutions):
            return _solutions(result, job, started)
        return _triples(result, job, started)
    except SyntaxError as error:
        return Outcome.error(400, f"malformed query: {error}")
    except _TimeUp:
        return Outcome.error(503, time_limit_message(job.timeout))
    except (OSError, ValueError, TypeError) as error:
        return Outcome.error(500, f"query failed: {error}")


class _TimeUp(Exception):
    """Raised inside ``execute`` when the clock passes the job's limit."""


def _not_acceptable(kinds: tuple[str, ...]) -> Outcome:
    return Outcome.error(406, f"no acceptable media type; this query can answer with: {', '.join(kinds)}")


def _boolean(result: ox.QueryBoolean, job: QueryJob) -> Outcome:
    if job.results_type is None or job.results_type in (neg.CSV, neg.TSV):
        # CSV and TSV have no boolean form; JSON is what SPARQL clients read.
        if job.results_type is None:
            return _not_acceptable((neg.SPARQL_JSON, neg.SPARQL_XML))
        media = neg.SPARQL_JSON
    else:
        media = job.results_type
    return Outcome(200, media, result.serialize(format=neg.RESULT_FORMATS[media]))


def _solutions(result: ox.QuerySolutions, job: QueryJob, started: float) -> Outcome:
    if job.results_type is None:
        return _not_acceptable(neg.RESULT_TYPES)
    names = [v.value for v in result.variables]
    rows: list[dict] = []
    for solution in result:
        if len(rows) >= job.max_results:
            return Outcome.error(422, size_limit_message(job.max_results, "rows"))
        if time.monotonic() - started > job.timeout:
            raise _TimeUp
        row = {}
        for name in names:
            term = solution[name]
            if term is not None:
                row[name] = term_json(term)
        rows.append(row)
    document = json.dumps({"head": {"vars": names}, "results": {"bindings": rows}}, ensure_ascii=False).encode("utf-8")
    if job.results_type == neg.SPARQL_JSON:
        return Outcome(200, neg.SPARQL_JSON, document)
    parsed = ox.parse_query_results(document, ox.QueryResultsFormat.JSON)
    return Outcome(200, job.results_type, parsed.serialize(format=neg.RESULT_FORMATS[job.results_type]))


def _triples(result: ox.QueryTriples, job: QueryJob, started: float) -> Outcome:
    if job.graph_type is None:
        return _not_acceptable(neg.GRAPH_TYPES)
    triples: list[ox.Triple] = []
    for triple in result:
        if len(triples) >= job.max_results:
            return Outcome.error(422, size_limit_message(job.max_results, "triples"))
        if time.monotonic() - started > job.timeout:
            raise _TimeUp
        triples.append(triple)
    return Outcome(200, job.graph_type, serialize_triples(triples, job.graph_type))


def term_json(term) -> dict:
    """An RDF term in the SPARQL 1.1 Query Results JSON Format.

    >>> term_json(ox.Literal("Paris", language="en"))
    {'type': 'literal', 'value': 'Paris', 'xml:lang': 'en'}
    >>> term_json(ox.Literal("40", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")))["datatype"]
    'http://www.w3.org/2001/XMLSchema#integer'
    """
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, ox.Triple):
        return {"type": "triple", "value": {
            "subject": term_json(term.subject), "predicate": term_json(term.predicate), "object": term_json(term.object)}}
    raise TypeError(f"not an RDF term: {term!r}")


def serialize_triples(triples: list[ox.Triple], media_type: str) -> bytes:
    """``triples`` in ``media_type``, with the cdkg prefixes that occur in them (Turtle, RDF/XML)."""
    fmt = neg.RDF_FORMATS[media_type]
    prefixes = used_prefixes(triples) if fmt in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML) else None
    return ox.serialize(triples, format=fmt, prefixes=prefixes)


def used_prefixes(triples: list[ox.Triple]) -> dict[str, str]:
    """The prefixes of ``PREFIXES`` whose namespace some IRI in ``triples`` starts with (not ``id:``
    and ``vocab:``, whose local names hold slashes that Turtle would have to escape)."""
    iris = {t.value for triple in triples for t in (triple.subject, triple.predicate, triple.object) if isinstance(t, ox.NamedNode)}
    iris |= {triple.object.datatype.value for triple in triples if isinstance(triple.object, ox.Literal)}
    return {p: ns for p, ns in sorted(PREFIXES.items()) if p not in ("id", "vocab") and any(i.startswith(ns) for i in iris)}


# --- the worker processes -----------------------------------------------------------------------


def _worker_main(fd: int, store_path: str) -> None:
    """A worker: open the store read-only, say ready, then answer jobs until told to stop (None).

    Run as ``python -c`` by ``_Worker`` with one end of a socket pair as ``fd``.
    """
    conn = Connection(fd)
    try:
        store = ox.Store.read_only(store_path)
    except OSError as error:
        conn.send(("failed", str(error)))
        return
    conn.send(("ready", None))
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        conn.send(execute(store, job))


class _Worker:
    """One worker process and the parent's end of its socket.

    The process is a fresh interpreter (``python -c``), not a ``multiprocessing`` child: nothing of
    the parent (its threads, its open store, its ``__main__`` script) is copied or re-imported.
    """

    def __init__(self, store_path: str):
        parent, child = socket.socketpair()
        code = f"from graph_builder.server.sparql import _worker_main; _worker_main({child.fileno()}, {store_path!r})"
        self.process = subprocess.Popen(
            [sys.executable, "-c", code], pass_fds=(child.fileno(),), stdin=subprocess.DEVNULL,
            env={**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [_PACKAGE_ROOT, os.environ.get("PYTHONPATH")]))},
        )
        child.close()
        self.conn = Connection(parent.detach())

    def wait_ready(self, timeout: float) -> bool:
        try:
            if not self.conn.poll(timeout):
                return False
            status, _ = self.conn.recv()
        except (EOFError, OSError):
            return False
        return status == "ready"

    def stop(self, *, kill: bool = False) -> None:
        if not kill and self.process.poll() is None:
            try:
                self.conn.send(None)
                self.process.wait(timeout=2)
            except (OSError, ValueError, subprocess.TimeoutExpired):
                kill = True
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=5)
        self.conn.close()


class QueryPool:
    """A fixed number of worker processes, each with a read-only handle on the store.

    ``run(job)`` blocks until an idle worker answers or the job's time limit passes, in which case
    the worker is killed and replaced in the background. Call from a thread, not the event loop.
    """

    def __init__(self, store_path: Path | str, size: int):
        if size < 1:
            raise ValueError("a query pool needs at least one worker")
        self.store_path = str(store_path)
        self.size = size
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._started = False

    def start(self) -> None:
        """Spawn the workers (idempotent); returns once they are ready. A StoreError if none is."""
        with self._lock:
            if self._started:
                return
            self._started = True
        threads = [threading.Thread(target=self._add_worker, daemon=True) for _ in range(self.size)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if not self._all:
            raise StoreError(f"{self.store_path}: no SPARQL worker could open the store")

    def _add_worker(self) -> None:
        if self._closed:
            return
        worker = _Worker(self.store_path)
        if not worker.wait_ready(WORKER_START_TIMEOUT):
            worker.stop(kill=True)
            return
        with self._lock:
            if self._closed:
                worker.stop(kill=True)
                return
            self._all.add(worker)
        self._idle.put(worker)

    def _replace(self, worker: _Worker) -> None:
        with self._lock:
            self._all.discard(worker)
        worker.stop(kill=True)
        threading.Thread(target=self._add_worker, daemon=True).start()

    def run(self, job: QueryJob) -> Outcome:
        """Answer ``job`` in a worker, within ``job.timeout`` seconds (waiting for a worker included)."""
        self.start()
        deadline = time.monotonic() + job.timeout
        try:
            worker = self._idle.get(timeout=max(0.0, job.timeout))
        except queue.Empty:
            return Outcome.error(503, f"{time_limit_message(job.timeout)} (every query worker was busy)")
        remaining = deadline - time.monotonic()
        try:
            worker.conn.send(job)
            ready = remaining > 0 and worker.conn.poll(remaining)
            if not ready:
                self._replace(worker)
                return Outcome.error(503, time_limit_message(job.timeout))
            outcome = worker.conn.recv()
        except (EOFError, OSError) as error:
            self._replace(worker)
            return Outcome.error(500, f"the query worker died ({error or 'no answer'}); try again")
        self._idle.put(worker)
        return outcome

    def close(self) -> None:
        """Stop every worker (idle ones politely, busy ones by force)."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        idle = set()
        while True:
            try:
                idle.add(self._idle.get_nowait())
            except queue.Empty:
                break
        for worker in workers:
            worker.stop(kill=worker not in idle)


# --- the HTTP side ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProtocolRequest:
    """What a SPARQL Protocol request asks for, read from its parameters, form or body."""

    query: str | None
    """The query text, or None when the request carries none."""
    update: bool
    """The request tries to update (always refused)."""
    format: str | None
    """The ``format=`` parameter, if given."""
    default_graphs: tuple[str, ...]
    """``default-graph-uri`` values."""
    named_graphs: tuple[str, ...]
    """``named-graph-uri`` values."""
    problem: tuple[int, str] | None = None
    """An HTTP status and message when the request is malformed."""


async def read_request(request) -> ProtocolRequest:
    """Read a Starlette request as a SPARQL Protocol request (query operation only)."""
    params: list[tuple[str, str]] = list(request.query_params.multi_items())
    body_query: str | None = None
    problem = None
    update = "update" in request.query_params
    if request.method == "POST":
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if int(request.headers.get("content-length") or 0) > MAX_REQUEST_BYTES:
            media, problem = "", (413, f"the request is larger than {MAX_REQUEST_BYTES} bytes")
        elif media == "application/x-www-form-urlencoded":
            form = await request.form()
            params += [(k, v) for k, v in form.multi_items() if isinstance(v, str)]
        elif media == "application/sparql-query":
            body_query = (await request.body()).decode("utf-8", errors="replace")
        elif media == "application/sparql-update":
            update = True
        elif problem is None:
            problem = (415, "POST a query as application/sparql-query or application/x-www-form-urlencoded")
    update = update or any(k == "update" for k, _ in params)
    queries = [v for k, v in params if k == "query"]
    if body_query is not None:
        queries.append(body_query)
    if len(queries) > 1 and problem is None:
        problem = (400, "give exactly one query")
    formats = [v for k, v in params if k == "format"]
    return ProtocolRequest(
        query=queries[0] if queries and queries[0].strip() else None,
        update=update,
        format=formats[-1] if formats else None,
        default_graphs=tuple(v for k, v in params if k == "default-graph-uri"),
        named_graphs=tuple(v for k, v in params if k == "named-graph-uri"),
        problem=problem,
    )


def result_types(accept: str | None, fmt: str | None) -> tuple[str | None, str | None] | str:
    """The (results, graph) media types a client wants, from ``format=`` or else ``Accept``;
    a message when ``format=`` names nothing we speak.

    >>> result_types("text/csv", None)
    ('text/csv', None)
    >>> result_types(None, "ttl")
    (None, 'text/turtle')
    """
    if fmt:
        name = fmt.strip().lower()
        if name in neg.FORMAT_NAMES:
            return neg.FORMAT_NAMES[name]
        if name in neg.RESULT_TYPES or name in neg.GRAPH_TYPES:
            return (name if name in neg.RESULT_TYPES else None, name if name in neg.GRAPH_TYPES else None)
        return f"unknown format {fmt!r}; use one of {', '.join(sorted(neg.FORMAT_NAMES))}"
    return neg.choose(accept, neg.RESULT_TYPES), neg.choose(accept, neg.GRAPH_TYPES)
