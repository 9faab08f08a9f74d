"""Publish: a build's store in; dump files, their VoID/DCAT description and checksums out.

- ``export_build`` writes the store as Turtle, TriG, N-Triples, N-Quads or JSON-LD, gzipped on
  request (``mtime=0``, so the same graph always gives the same bytes).
- JSON-LD is compacted with the published context ``ontology/context.jsonld`` (prefixes plus a
  short term per ``cdo:`` class and property). ``to_jsonld`` writes it directly from the quads,
  sorted, with every literal as its lexical form: it parses back to exactly the same quads.
- ``write_metadata`` writes ``void.ttl`` (VoID + DCAT, counted by SPARQL over the store; only
  IRIs, never blank nodes, and no timestamps but the latest publication date of the documents)
  and ``SHA256SUMS`` (``sha256sum`` format) next to the dumps of a build folder.
- ``write_dumps`` rewrites a build's dumps and metadata after its store changed (``cdkg reason``,
  ``cdkg pull``).

>>> media_type("graph.trig.gz")
('application/trig', True)
"""

from __future__ import annotations

import gzip
import hashlib
import json
import tempfile
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, OWL, RDF, VOID, XSD

from .config import Config, project_root
from .iris import entity_iri, key_hash
from .namespaces import BASE, GRAPH, PREFIXES
from .store import DUMP_FORMATS, atomic_path, open_store, write_dump

DATASET_IRI = entity_iri("dataset", "cdkg")
"""The IRI of the dataset that ``void.ttl`` describes."""
DUMPS_BASE = BASE + "dumps/"
"""Where the dumps are published: a dump file ``NAME`` is downloaded from ``DUMPS_BASE + NAME``."""
LICENSE = URIRef("https://creativecommons.org/licenses/by/4.0/")
SHAPES_IRI = URIRef(BASE + "shapes")
ONTOLOGY_IRI = URIRef(BASE + "ontology")
CONTEXT_FILE = "context.jsonld"
VOID_FILE = "void.ttl"
CHECKSUMS_FILE = "SHA256SUMS"
BUILD_DUMPS = ("trig", "ttl", "nq")
"""The dumps every build writes (the others are written on request by ``cdkg export``)."""
UNION_FORMATS = ("ttl", "nt")
"""Formats without named graphs: they hold the union of the graphs, each triple once."""

MEDIA_TYPES = {
    "ttl": "text/turtle",
    "trig": "application/trig",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "jsonld": "application/ld+json",
}
_IANA = "https://www.iana.org/assignments/media-types/"
_SPDX = "http://spdx.org/rdf/terms#"
_SD = "http://www.w3.org/ns/sparql-service-description#"


# --- export -------------------------------------------------------------------------------------


def render(store: ox.Store, fmt: str) -> bytes:
    """The whole store in ``fmt`` (``ttl`` and ``nt`` hold the union of the graphs)."""
    if fmt not in DUMP_FORMATS:
        raise ValueError(f"unknown format {fmt!r}; use one of {', '.join(DUMP_FORMATS)}")
    if fmt == "jsonld":
        return to_jsonld(store.quads_for_pattern(None, None, None))
    with tempfile.TemporaryDirectory() as tmp:
        return write_dump(store, fmt, Path(tmp) / f"graph.{fmt}", union=fmt in UNION_FORMATS).read_bytes()


def export_build(config: Config, fmt: str, out: Path | None, *, compress: bool = False) -> bytes:
    """Write the build's graph in ``fmt`` to ``out`` (atomically); return the bytes when ``out`` is None."""
    store = open_store(config.store_dir, read_only=True)
    data = render(store, fmt)
    if compress:
        data = gzip.compress(data, mtime=0)
    if out is not None:
        with atomic_path(out) as target:
            target.write_bytes(data)
    return data


def write_dumps(store: ox.Store, out: Path) -> list[Path]:
    """Rewrite the dumps of the build folder ``out`` from ``store``, then its metadata.

    For a store changed outside a build (``cdkg reason``, ``cdkg pull``). The three build dumps are
    written by the build's own writer, so their bytes are those a build of the same store gives;
    any other dump already there (``graph.jsonld``, ``graph.nq.gz`` … from ``cdkg export``) is
    rewritten too, so ``void.ttl`` and ``SHA256SUMS`` never describe a stale file. The build
    manifest is removed: the store no longer matches it, so the next build is a full one.
    """
    import os

    from .manifest import MANIFEST_NAME
    from .pipeline import _write_dumps as write_build_dumps  # the writer of every build

    out = Path(out)
    build_names = [DUMP_FORMATS[fmt][1] for fmt in BUILD_DUMPS]
    others = sorted({p.name for p in dump_files(out)} - set(build_names))
    (out / MANIFEST_NAME).unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix=".dumps.", dir=out) as tmp:
        write_build_dumps(store, Path(tmp))
        for name in build_names:
            os.chmod(Path(tmp) / name, 0o644)
            os.replace(Path(tmp) / name, out / name)
    for name in others:
        fmt, compressed = _format_of(name)
        base = DUMP_FORMATS[fmt][1]
        data = (out / base).read_bytes() if base in build_names else render(store, fmt)
        with atomic_path(out / name) as target:
            target.write_bytes(gzip.compress(data, mtime=0) if compressed else data)
    write_metadata(out, store)
    return sorted((out / name for name in (*build_names, *others)), key=lambda p: p.name)


# --- JSON-LD ------------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def jsonld_context(ontology_dir: Path | None = None) -> dict:
    """The published ``@context`` (``ontology/context.jsonld``): the value of its ``@context`` key."""
    path = Path(ontology_dir or project_root() / "ontology") / CONTEXT_FILE
    return json.loads(path.read_text(encoding="utf-8"))["@context"]


class _Compactor:
    """Turns IRIs and literals into the compact JSON-LD forms the context allows."""

    def __init__(self, context: dict):
        self.prefixes = sorted(
            ((k, v) for k, v in context.items() if isinstance(v, str) and v[-1:] in ("/", "#")),
            key=lambda kv: -len(kv[1]),
        )
        self.terms: dict[str, tuple[str, str | None]] = {}  # IRI → (term, coerced type IRI or "@id")
        for term, definition in context.items():
            if isinstance(definition, str) and definition[-1:] not in ("/", "#"):
                self.terms.setdefault(self.expand(definition), (term, None))
            elif isinstance(definition, dict):
                kind = definition.get("@type")
                kind = kind if kind in (None, "@id") else self.expand(kind)
                self.terms.setdefault(self.expand(definition["@id"]), (term, kind))

    def expand(self, value: str) -> str:
        prefix, sep, rest = value.partition(":")
        for name, namespace in self.prefixes:
            if sep and name == prefix:
                return namespace + rest
        return value

    def iri(self, value: str) -> str:
        """``prefix:local`` when a prefix fits and the result cannot be misread; else the IRI itself."""
        for name, namespace in self.prefixes:
            if value.startswith(namespace):
                local = value[len(namespace) :]
                if not local.startswith("//"):
                    return f"{name}:{local}"
        return value

    def key(self, predicate: str) -> tuple[str, str | None]:
        term = self.terms.get(predicate)
        return term if term else (self.iri(predicate), None)

    def value(self, node: ox.NamedNode | ox.BlankNode | ox.Literal, coerced: str | None):
        if isinstance(node, ox.NamedNode):
            return self.iri(node.value) if coerced == "@id" else {"@id": self.iri(node.value)}
        if isinstance(node, ox.BlankNode):
            return {"@id": f"_:{node.value}"}
        if node.language:
            return {"@value": node.value, "@language": node.language}
        datatype = node.datatype.value
        if coerced is not None and coerced == datatype:
            return node.value
        if datatype == str(XSD.string):
            return node.value if coerced is None else {"@value": node.value}
        return {"@value": node.value, "@type": self.iri(datatype)}


def to_jsonld(quads: Iterable[ox.Quad], context: dict | None = None) -> bytes:
    """Quads as JSON-LD compacted with ``context`` (default: the published one); sorted, stable bytes.

    Each named graph is one ``{"@id": graph, "@graph": [...]}`` object; subjects, keys and values
    are sorted. Literals keep their lexical form, so parsing gives back exactly these quads.

    >>> q = ox.Quad(ox.NamedNode("https://w3id.org/cdkg/id/state/VNM"), ox.NamedNode(str(RDF.type)),
    ...             ox.NamedNode("https://w3id.org/cdkg/ontology#State"), ox.NamedNode(str(GRAPH.reference)))
    >>> json.loads(to_jsonld([q]))["@graph"]
    [{'@id': 'graph:reference', '@graph': [{'@id': 'id:state/VNM', '@type': 'State'}]}]
    """
    context = jsonld_context() if context is None else context
    compact = _Compactor(context)
    graphs: dict[str, dict[str, dict[str, list]]] = defaultdict(lambda: defaultdict(lambda: defaultdict(list)))
    for quad in quads:
        graph = "" if isinstance(quad.graph_name, ox.DefaultGraph) else _node_id(quad.graph_name, compact)
        subject = _node_id(quad.subject, compact)
        predicate = quad.predicate.value
        if predicate == str(RDF.type) and not isinstance(quad.object, ox.Literal):
            graphs[graph][subject]["@type"].append(_type_name(quad.object, compact))
            continue
        key, coerced = compact.key(predicate)
        graphs[graph][subject][key].append(compact.value(quad.object, coerced))
    top = {subject: _node(subject, props) for subject, props in graphs.pop("", {}).items()}
    for graph in graphs:
        nodes = [_node(subject, props) for subject, props in sorted(graphs[graph].items())]
        top.setdefault(graph, {"@id": graph})["@graph"] = nodes
    document = {"@context": context, "@graph": [top[k] for k in sorted(top)]}
    return (json.dumps(document, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def _node_id(node, compact: _Compactor) -> str:
    return f"_:{node.value}" if isinstance(node, ox.BlankNode) else compact.iri(node.value)


def _type_name(node, compact: _Compactor) -> str:
    if isinstance(node, ox.BlankNode):
        return f"_:{node.value}"
    term = compact.terms.get(node.value)
    return term[0] if term and term[1] is None else compact.iri(node.value)


def _node(subject: str, props: dict[str, list]) -> dict:
    node: dict = {"@id": subject}
    for key in sorted(props, key=lambda k: (k != "@type", k)):
        values = sorted(props[key], key=lambda v: json.dumps(v, ensure_ascii=False, sort_keys=True))
        node[key] = values[0] if len(values) == 1 else values
    return node


# --- VoID / DCAT --------------------------------------------------------------------------------


def media_type(name: str) -> tuple[str, bool]:
    """The media type of the dump file ``name`` and whether it is gzipped."""
    fmt, compressed = _format_of(name)
    return MEDIA_TYPES[fmt], compressed


def _format_of(name: str) -> tuple[str, bool]:
    compressed = name.endswith(".gz")
    stem = name[:-3] if compressed else name
    for fmt, (_, filename) in DUMP_FORMATS.items():
        if stem == filename:
            return fmt, compressed
    raise ValueError(f"not a dump file name: {name!r}")


def dump_files(out: Path) -> list[Path]:
    """The dump files present in the build folder ``out`` (``graph.{ttl,trig,nt,nq,jsonld}[.gz]``), sorted."""
    names = {filename for _, filename in DUMP_FORMATS.values()}
    names |= {f"{n}.gz" for n in names}
    return sorted(p for p in Path(out).iterdir() if p.name in names and p.is_file()) if Path(out).is_dir() else []


def _rows(store: ox.Store, query: str) -> list[tuple]:
    prefixes = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
    return [tuple(solution[i] for i in range(len(solution))) for solution in store.query(prefixes + query)]


def _int(term) -> int:
    return int(term.value) if term is not None else 0


_ALL_QUADS = "{ { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
_ALL_TYPED = "{ { ?s a ?c } UNION { GRAPH ?g { ?s a ?c } } }"


def describe(store: ox.Store, dumps: Sequence[Path] = (), *, version: str | None = None) -> Graph:
    """The VoID and DCAT description of the dataset held by ``store``, with ``dumps`` as distributions.

    Counts: ``void:triples`` is the number of quads in the store (so it equals the sum of the
    property partitions and of the graph subsets); ``void:entities`` the distinct subjects with an
    ``rdf:type``; a class partition's ``void:entities`` the distinct instances of that class.
    Every node has an IRI under ``id/dataset/cdkg/``.
    """
    dataset = URIRef(DATASET_IRI)
    g = Graph()
    for prefix, namespace in (*PREFIXES.items(), ("spdx", _SPDX), ("sd", _SD)):
        g.bind(prefix, namespace)
    version = version or _version()
    literal = lambda n: Literal(n, datatype=XSD.integer)  # noqa: E731

    g.add((dataset, RDF.type, VOID.Dataset))
    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal("cdkg: a knowledge graph of the actors of cyber diplomacy", lang="en")))
    g.add((dataset, DCTERMS.description, Literal(
        "States, international organisations, government bodies, officials and non-state organisations, "
        "and what they do and say about treaties and processes of cyber diplomacy, extracted from news "
        "articles and official statements; every fact points back to the sentence it came from.", lang="en")))
    g.add((dataset, DCTERMS.license, LICENSE))
    g.add((dataset, DCTERMS.conformsTo, SHAPES_IRI))
    g.add((dataset, DCTERMS.conformsTo, ONTOLOGY_IRI))
    g.add((dataset, OWL.versionInfo, Literal(version)))
    g.add((dataset, URIRef(str(DCAT) + "version"), Literal(version)))  # DCAT 3
    g.add((dataset, VOID.uriSpace, Literal(BASE + "id/")))
    g.add((dataset, VOID.triples, literal(len(store))))

    ((modified,),) = _rows(store, "SELECT (MAX(?d) AS ?m) WHERE { GRAPH ?g { ?doc a cdo:SourceDocument ; dcterms:issued ?d } }")
    if modified is not None:
        g.add((dataset, DCTERMS.modified, Literal(modified.value, datatype=URIRef(modified.datatype.value))))

    ((entities,),) = _rows(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {_ALL_TYPED}")
    ((subjects, objects),) = _rows(store, f"SELECT (COUNT(DISTINCT ?s) AS ?s_) (COUNT(DISTINCT ?o) AS ?o_) WHERE {_ALL_QUADS}")
    g.add((dataset, VOID.entities, literal(_int(entities))))
    g.add((dataset, VOID.distinctSubjects, literal(_int(subjects))))
    g.add((dataset, VOID.distinctObjects, literal(_int(objects))))

    vocabularies: set[str] = set()
    classes = _rows(store, f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {_ALL_TYPED} GROUP BY ?c")
    classes = sorted((c.value, _int(n)) for c, n in classes if isinstance(c, ox.NamedNode))
    g.add((dataset, VOID.classes, literal(len(classes))))
    for cls, n in classes:
        part = URIRef(f"{DATASET_IRI}/partition/class/{key_hash(cls)}")
        g.add((dataset, VOID.classPartition, part))
        g.add((part, RDF.type, VOID.Dataset))
        g.add((part, VOID["class"], URIRef(cls)))
        g.add((part, VOID.entities, literal(n)))
        vocabularies.add(_namespace(cls))

    properties = sorted((p.value, _int(n)) for p, n in _rows(store, f"SELECT ?p (COUNT(*) AS ?n) WHERE {_ALL_QUADS} GROUP BY ?p"))
    g.add((dataset, VOID.properties, literal(len(properties))))
    for prop, n in properties:
        part = URIRef(f"{DATASET_IRI}/partition/property/{key_hash(prop)}")
        g.add((dataset, VOID.propertyPartition, part))
        g.add((part, RDF.type, VOID.Dataset))
        g.add((part, VOID.property, URIRef(prop)))
        g.add((part, VOID.triples, literal(n)))
        vocabularies.add(_namespace(prop))
    for namespace in sorted(vocabularies):
        g.add((dataset, VOID.vocabulary, URIRef(namespace)))

    for graph, n in sorted((gr.value, _int(n)) for gr, n in _rows(store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")):
        local = graph[len(str(GRAPH)) :] if graph.startswith(str(GRAPH)) else key_hash(graph)
        subset = URIRef(f"{DATASET_IRI}/graph/{local}")
        g.add((dataset, VOID.subset, subset))
        g.add((subset, RDF.type, VOID.Dataset))
        g.add((subset, URIRef(_SD + "name"), URIRef(graph)))
        g.add((subset, VOID.triples, literal(n)))

    for path in sorted(dumps, key=lambda p: p.name):
        _distribution(g, dataset, path)
    return g


def _distribution(g: Graph, dataset: URIRef, path: Path) -> None:
    kind, compressed = media_type(path.name)
    node = URIRef(f"{DATASET_IRI}/distribution/{path.name}")
    url = URIRef(DUMPS_BASE + path.name)
    data = path.read_bytes()
    g.add((dataset, DCAT.distribution, node))
    g.add((dataset, VOID.dataDump, url))
    g.add((node, RDF.type, DCAT.Distribution))
    g.add((node, DCTERMS.title, Literal(path.name)))
    g.add((node, DCAT.downloadURL, url))
    g.add((node, DCAT.mediaType, URIRef(_IANA + kind)))
    if compressed:
        g.add((node, DCAT.compressFormat, URIRef(_IANA + "application/gzip")))
    g.add((node, DCAT.byteSize, Literal(len(data), datatype=XSD.nonNegativeInteger)))
    g.add((node, DCTERMS.license, LICENSE))
    checksum = URIRef(f"{node}/sha256")
    g.add((node, URIRef(_SPDX + "checksum"), checksum))
    g.add((checksum, RDF.type, URIRef(_SPDX + "Checksum")))
    g.add((checksum, URIRef(_SPDX + "algorithm"), URIRef(_SPDX + "checksumAlgorithm_sha256")))
    g.add((checksum, URIRef(_SPDX + "checksumValue"), Literal(hashlib.sha256(data).hexdigest(), datatype=XSD.hexBinary)))


def _namespace(iri: str) -> str:
    """The vocabulary an IRI belongs to: a known namespace, else the IRI up to its last '#' or '/'."""
    known = [ns for ns in PREFIXES.values() if iri.startswith(ns)]
    if known:
        return max(known, key=len)
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1] if cut > 0 else iri


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("cdkg")
    except PackageNotFoundError:
        return "0.0.0"


def checksums(paths: Iterable[Path]) -> str:
    """``sha256sum`` lines (``HEX  NAME``) for ``paths``, sorted by name."""
    lines = []
    for path in sorted(paths, key=lambda p: p.name):
        digest = hashlib.sha256()
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
        lines.append(f"{digest.hexdigest()}  {path.name}\n")
    return "".join(lines)


def write_metadata(out: Path, store: ox.Store) -> tuple[Path, Path]:
    """Write ``void.ttl`` (describing ``store`` and the dumps in ``out``), then ``SHA256SUMS`` over both."""
    out = Path(out)
    dumps = dump_files(out)
    void = out / VOID_FILE
    with atomic_path(void) as tmp:
        tmp.write_bytes(describe(store, dumps).serialize(format="turtle", encoding="utf-8"))
    sums = out / CHECKSUMS_FILE
    with atomic_path(sums) as tmp:
        tmp.write_text(checksums([*dumps, void]), encoding="utf-8")
    return void, sums


__all__ = [
    "BUILD_DUMPS",
    "DATASET_IRI",
    "DUMPS_BASE",
    "checksums",
    "describe",
    "dump_files",
    "export_build",
    "jsonld_context",
    "media_type",
    "render",
    "to_jsonld",
    "write_dumps",
    "write_metadata",
]
