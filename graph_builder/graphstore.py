"""Push a build to, and pull it back from, a SPARQL 1.1 Graph Store HTTP Protocol service.

In:  a build folder (its on-disk store) and the URL of a graph store endpoint, e.g. Oxigraph
     server's ``http://HOST:PORT/store`` or Fuseki's ``http://HOST:PORT/DATASET/data``.
Out: a :class:`Transfer` record (the graphs moved, with their sizes); for ``pull``, the build's
     store replaced by what the service holds, with the dumps and metadata rewritten.

What is supported:

- **push** sends every named graph of the store with ``PUT URL?graph=IRI`` (the graph as
  ``application/n-triples``). PUT replaces the graph, so pushing the same build twice leaves
  the service unchanged. Graphs the service holds but the build lacks are left alone.
- **pull** fetches the service's named graphs in one of two ways:
  with ``sparql=`` (the service's SPARQL query endpoint), it lists the graphs with
  ``SELECT DISTINCT ?g WHERE { GRAPH ?g {} }`` and GETs each with ``?graph=IRI``; without it, it
  GETs the whole dataset from ``URL`` as ``application/n-quads`` (or TriG) — a request the Graph
  Store Protocol leaves open: Oxigraph server answers it at ``/store``; with another service, use
  ``sparql=``. The default graph is not part of a cdkg build and is left out (the
  :class:`Transfer` counts what was left out).
- **Credentials** come from the environment (``CDKG_USER`` and ``CDKG_PASSWORD``, sent as HTTP
  Basic) or else from a netrc file (``$NETRC`` or ``~/.netrc``, matched by host), never from the
  command line: a URL with ``user:password@`` in it is refused.

Every failure (connection refused, timeout, an HTTP status of 400 or more) raises
:class:`graph_builder.errors.EndpointError` with the method, the URL and the status on one line.

>>> _graph_url("http://127.0.0.1:7878/store", "https://w3id.org/cdkg/graph/reference")
'http://127.0.0.1:7878/store?graph=https%3A%2F%2Fw3id.org%2Fcdkg%2Fgraph%2Freference'
"""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox

from . import store as st
from .config import Config
from .errors import EndpointError

N_TRIPLES = "application/n-triples"
N_QUADS = "application/n-quads"
TRIG = "application/trig"
_READABLE = {N_QUADS: ox.RdfFormat.N_QUADS, TRIG: ox.RdfFormat.TRIG, N_TRIPLES: ox.RdfFormat.N_TRIPLES}
TIMEOUT = httpx.Timeout(30.0, read=300.0, write=300.0)


@dataclass(frozen=True, slots=True)
class Transfer:
    """What one push or pull moved: ``graphs`` as ``(graph IRI, triples)`` pairs, sorted by IRI."""

    direction: str
    url: str
    graphs: tuple[tuple[str, int], ...]
    seconds: float
    skipped: int = 0
    """Triples left out: those of the service's default graph, on pull."""

    def __post_init__(self) -> None:
        if self.direction not in ("push", "pull"):
            raise ValueError(f"direction must be push or pull, not {self.direction!r}")

    @property
    def triples(self) -> int:
        """The triples moved, over every graph."""
        return sum(n for _, n in self.graphs)

    def summary(self) -> str:
        """One line for the CLI.

        >>> Transfer("push", "http://h/store", (("g1", 3), ("g2", 4)), 0.5).summary()
        'pushed 2 graphs (7 triples) to http://h/store in 0.5 s'
        """
        verb, where = ("pushed", "to") if self.direction == "push" else ("pulled", "from")
        left = f"; {self.skipped} triples of the default graph left out" if self.skipped else ""
        return f"{verb} {len(self.graphs)} graphs ({self.triples} triples) {where} {self.url} in {self.seconds:.1f} s{left}"


def push(build_dir: Path | str, url: str, *, client: httpx.Client | None = None) -> Transfer:
    """Upload every named graph of the build's store to the graph store at ``url`` (PUT, graph by graph)."""
    started = time.perf_counter()
    store = st.open_store(Config(build_dir=Path(build_dir)).store_dir, read_only=True)
    moved = []
    with _client(url, client) as http:
        for graph in st.graph_names(store):
            triples = [ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None, ox.NamedNode(graph))]
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            _send(http, "PUT", _graph_url(url, graph), content=body, headers={"Content-Type": N_TRIPLES})
            moved.append((graph, len(triples)))
    return Transfer("push", url, tuple(moved), time.perf_counter() - started)


def pull(url: str, build_dir: Path | str, *, sparql: str | None = None, client: httpx.Client | None = None) -> Transfer:
    """Replace the build's store with the named graphs of the graph store at ``url``; rewrite the dumps.

    ``sparql``: the service's SPARQL query endpoint, to list the graphs and fetch them one by one;
    without it the whole dataset is fetched from ``url`` in one GET.
    """
    from .publish import write_dumps

    started = time.perf_counter()
    out = Path(build_dir)
    out.mkdir(parents=True, exist_ok=True)
    staging = out / ".store.pull"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        store = st.open_store(staging)
        with _client(url, client) as http:
            if sparql:
                for graph in _list_graphs(http, sparql):
                    _download(http, _graph_url(url, graph), N_TRIPLES, store, to_graph=ox.NamedNode(graph))
            else:
                _download(http, url, f"{N_QUADS}, {TRIG};q=0.9", store)
        skipped = len(list(store.quads_for_pattern(None, None, None, ox.DefaultGraph())))
        store.clear_graph(ox.DefaultGraph())
        graphs = tuple((g, len(list(store.quads_for_pattern(None, None, None, ox.NamedNode(g))))) for g in st.graph_names(store))
        store.optimize()
        write_dumps(store, out)
        store.flush()
        del store
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    st.replace_dir(staging, Config(build_dir=out).store_dir)
    return Transfer("pull", url, graphs, time.perf_counter() - started, skipped)


def _graph_url(url: str, graph: str) -> str:
    return str(httpx.URL(url).copy_merge_params({"graph": graph}))


def _list_graphs(http: httpx.Client, sparql: str) -> list[str]:
    query = "SELECT DISTINCT ?g WHERE { GRAPH ?g { } }"
    response = _send(http, "POST", sparql, data={"query": query}, headers={"Accept": "application/sparql-results+json"})
    try:
        bindings = response.json()["results"]["bindings"]
        return sorted(b["g"]["value"] for b in bindings if b.get("g", {}).get("type") == "uri")
    except (ValueError, KeyError, TypeError) as error:
        raise EndpointError(f"POST {sparql}: not SPARQL JSON results ({error})") from error


def _download(http: httpx.Client, url: str, accept: str, store: ox.Store, *, to_graph: ox.NamedNode | None = None) -> None:
    """GET ``url`` into a temporary file, then bulk-load it into ``store`` (optionally into one graph)."""
    try:
        with http.stream("GET", url, headers={"Accept": accept}) as response:
            _check(response, "GET", url)
            kind = response.headers.get("content-type", "").split(";")[0].strip().lower()
            if kind not in _READABLE:
                raise EndpointError(f"GET {url}: HTTP {response.status_code} but content type {kind or 'none'!r}; expected {accept}")
            with tempfile.TemporaryFile() as tmp:
                for chunk in response.iter_bytes():
                    tmp.write(chunk)
                tmp.seek(0)
                try:
                    store.bulk_load(tmp, _READABLE[kind], to_graph=to_graph) if to_graph else store.bulk_load(tmp, _READABLE[kind])
                except (SyntaxError, ValueError) as error:
                    raise EndpointError(f"GET {url}: malformed {kind} ({str(error).splitlines()[0]})") from error
    except httpx.HTTPError as error:
        raise _transport_error("GET", url, error) from error


def _send(http: httpx.Client, method: str, url: str, **kwargs) -> httpx.Response:
    try:
        response = http.request(method, url, **kwargs)
    except httpx.HTTPError as error:
        raise _transport_error(method, url, error) from error
    _check(response, method, url)
    return response


def _check(response: httpx.Response, method: str, url: str) -> None:
    if response.status_code < 400:
        return
    if not response.is_stream_consumed:
        response.read()
    detail = " ".join(response.text.split())[:200]
    reason = response.reason_phrase or ""
    raise EndpointError(f"{method} {url}: HTTP {response.status_code} {reason}".rstrip() + (f": {detail}" if detail else ""))


def _transport_error(method: str, url: str, error: httpx.HTTPError) -> EndpointError:
    if isinstance(error, httpx.ConnectError):
        what = "cannot connect"
    elif isinstance(error, httpx.TimeoutException):
        what = "timed out"
    else:
        what = "failed"
    reason = " ".join(str(error).split()) or type(error).__name__
    return EndpointError(f"{method} {url}: {what} ({reason})")


def _client(url: str, client: httpx.Client | None) -> httpx.Client:
    """An HTTP client for ``url`` with the credentials of the environment or netrc."""
    parsed = httpx.URL(url)
    if parsed.scheme not in ("http", "https"):
        raise EndpointError(f"{url}: not an http(s) URL")
    if parsed.userinfo:
        raise EndpointError(
            f"{parsed.copy_with(username=None, password=None)}: credentials in the URL are refused; "
            "set CDKG_USER and CDKG_PASSWORD or use a netrc file"
        )
    if client is not None:
        return _Borrowed(client)
    return httpx.Client(auth=credentials(), timeout=TIMEOUT, follow_redirects=True)


def credentials() -> httpx.Auth | None:
    """HTTP Basic credentials from ``CDKG_USER``/``CDKG_PASSWORD``, else a netrc file, else None."""
    user, password = os.environ.get("CDKG_USER"), os.environ.get("CDKG_PASSWORD")
    if user and password is not None:
        return httpx.BasicAuth(user, password)
    path = Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    if not path.is_file():
        return None
    try:
        return httpx.NetRCAuth(str(path))
    except Exception as error:  # netrc.NetrcParseError, or a file we may not read
        raise EndpointError(f"{path}: cannot read the netrc file ({error})") from error


class _Borrowed:
    """A caller's client, used as a context manager without closing it."""

    def __init__(self, client: httpx.Client):
        self.client = client

    def __enter__(self) -> httpx.Client:
        return self.client

    def __exit__(self, *exc) -> None:
        return None


__all__ = ["Transfer", "credentials", "pull", "push"]
