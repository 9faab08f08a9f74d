"""Store and dumps: named graphs in, an on-disk Oxigraph store and the dump files out (DESIGN §6).

pyoxigraph is used directly on every hot path (loading, querying, serialising); rdflib graphs are
turned into N-Triples once and bulk-loaded. Dumps are written to a temporary file and renamed into
place, so an interrupted build never leaves a half-written dump behind.

Canonical N-Quads (``graph.nq``) are the sorted lines of the store's N-Quads: two builds of the same
input give the same bytes.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from .errors import StoreError
from .namespaces import ONTOLOGY_GRAPH, PREFIXES, REFERENCE_GRAPH

DUMP_FORMATS: dict[str, tuple[ox.RdfFormat, str]] = {
    "ttl": (ox.RdfFormat.TURTLE, "graph.ttl"),
    "trig": (ox.RdfFormat.TRIG, "graph.trig"),
    "nt": (ox.RdfFormat.N_TRIPLES, "graph.nt"),
    "nq": (ox.RdfFormat.N_QUADS, "graph.nq"),
    "jsonld": (ox.RdfFormat.JSON_LD, "graph.jsonld"),
}


def open_store(path: Path | str | None = None, *, read_only: bool = False) -> ox.Store:
    """An Oxigraph store: on disk at ``path`` (a build's ``store/``), or in memory when None."""
    if path is None:
        return ox.Store()
    path = Path(path)
    try:
        if read_only:
            if not path.exists():
                raise StoreError(f"{path}: no store here; run 'cdkg build' first")
            return ox.Store.read_only(str(path))
        return ox.Store(str(path))
    except OSError as error:
        raise StoreError(f"{path}: cannot open the store ({error})") from error


def graph_to_ntriples(graph: Graph) -> str:
    """An rdflib graph as N-Triples text (the hand-over format between processes)."""
    return graph.serialize(format="nt")


def load_ntriples(store: ox.Store, ntriples: str, graph_iri: str) -> None:
    """Replace the named graph ``graph_iri`` of ``store`` with the triples in ``ntriples``."""
    name = ox.NamedNode(graph_iri)
    store.remove_graph(name) if _has_graph(store, name) else None
    store.bulk_load(ntriples.encode("utf-8"), ox.RdfFormat.N_TRIPLES, to_graph=name)


def _has_graph(store: ox.Store, name: ox.NamedNode) -> bool:
    return store.contains_named_graph(name)


SKOLEM_BASE = "https://w3id.org/cdkg/genid/"


def load_files(store: ox.Store, files: Iterable[Path], graph_iri: str) -> None:
    """Load Turtle files into one named graph (used for the ontology and its vocabularies).

    OWL axioms written with blank nodes are canonicalised (RDFC/RGDA1) and skolemised under
    ``genid/``, so the output holds no blank nodes and the same files always give the same IRIs.
    """
    from rdflib.compare import to_canonical_graph

    graph = Graph()
    for path in files:
        try:
            graph.parse(path, format="turtle")
        except (SyntaxError, ValueError, OSError, Exception) as error:  # rdflib raises its own parser errors
            raise StoreError(f"{path}: malformed Turtle ({str(error).splitlines()[0] if str(error) else error})") from error
    canonical = to_canonical_graph(graph).skolemize(basepath=SKOLEM_BASE)
    load_ntriples(store, graph_to_ntriples(canonical), graph_iri)


def ontology_files(ontology_dir: Path) -> list[Path]:
    """The ontology and every vocabulary, in a stable order."""
    return [ontology_dir / "cdo.ttl", *sorted((ontology_dir / "vocab").glob("*.ttl"))]


def canonical_nquads(store: ox.Store) -> bytes:
    """Every quad of the store as sorted N-Quads lines: the canonical, byte-stable dump."""
    out = io.BytesIO()
    ox.serialize(store, out, ox.RdfFormat.N_QUADS)
    lines = sorted(line for line in out.getvalue().split(b"\n") if line)
    return b"\n".join(lines) + b"\n"


def write_dump(store: ox.Store, fmt: str, path: Path, *, union: bool = False) -> Path:
    """Serialise the store to ``path`` in ``fmt`` (``union``: the default-graph view, as triples)."""
    rdf_format, _ = DUMP_FORMATS[fmt]
    with atomic_path(path) as tmp:
        if fmt == "nq":
            tmp.write_bytes(canonical_nquads(store))
        elif union or not rdf_format.supports_datasets:
            triples = (ox.Triple(q.subject, q.predicate, q.object) for q in store.quads_for_pattern(None, None, None))
            with tmp.open("wb") as f:
                ox.serialize(_dedupe(triples), f, rdf_format, prefixes=PREFIXES)
        else:
            with tmp.open("wb") as f:
                ox.serialize(store, f, rdf_format, prefixes=PREFIXES)
    return path


def _dedupe(triples: Iterator[ox.Triple]) -> list[ox.Triple]:
    return sorted(set(triples), key=str)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """A temporary path next to ``path`` that replaces it only when the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def replace_dir(new: Path, target: Path) -> None:
    """Swap the finished folder ``new`` into ``target`` (the old one is removed only afterwards)."""
    old = target.with_name(target.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if target.exists():
        target.rename(old)
    new.rename(target)
    if old.exists():
        shutil.rmtree(old)


def graph_names(store: ox.Store) -> list[str]:
    """The IRIs of the store's named graphs, sorted."""
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))


__all__ = [
    "DUMP_FORMATS",
    "ONTOLOGY_GRAPH",
    "REFERENCE_GRAPH",
    "atomic_path",
    "canonical_nquads",
    "graph_names",
    "graph_to_ntriples",
    "load_files",
    "load_ntriples",
    "open_store",
    "ontology_files",
    "replace_dir",
    "write_dump",
]
