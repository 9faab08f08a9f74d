"""Publish: a build's store in; dump files, their VoID/DCAT description and checksums out.

- ``export_build`` writes the store as Turtle, TriG, N-Triples, N-Quads or JSON-LD, gzipped on
  request (``mtime=0``, so the same graph always gives the same bytes).
- JSON-LD is compacted with the published context ``ontology/context.jsonld`` (prefixes plus a
  short term per ``cdo:`` class and property). ``to_jsonld`` writes it directly from the quads,
  sorted, with every literal as its lexical form: it parses back to exactly the same quads.
- ``write_metadata`` writes ``void.ttl`` (VoID + DCAT, counted by SPARQL over the store, or
  updated from the changed quads by ``update_statistics`` in an incremental build; only
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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
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


@dataclass
class Statistics:
    """The counts ``void.ttl`` states about a store; kept in the build manifest, so that an
    incremental build updates them from the quads it changed instead of counting the whole store.

    ``modified`` is the latest ``dcterms:issued`` of a source document (lexical form, datatype IRI).
    """

    triples: int = 0
    entities: int = 0
    subjects: int = 0
    objects: int = 0
    modified: tuple[str, str] | None = None
    classes: dict[str, int] = field(default_factory=dict)
    properties: dict[str, int] = field(default_factory=dict)
    graphs: dict[str, int] = field(default_factory=dict)

    def to_json(self) -> dict:
        return {"triples": self.triples, "entities": self.entities, "subjects": self.subjects, "objects": self.objects,
                "modified": list(self.modified) if self.modified else None, "classes": dict(sorted(self.classes.items())),
                "properties": dict(sorted(self.properties.items())), "graphs": dict(sorted(self.graphs.items()))}

    @classmethod
    def from_json(cls, data: Mapping) -> Statistics:
        modified = data.get("modified")
        return cls(int(data["triples"]), int(data["entities"]), int(data["subjects"]), int(data["objects"]),
                   (str(modified[0]), str(modified[1])) if modified else None, {k: int(v) for k, v in data["classes"].items()},
                   {k: int(v) for k, v in data["properties"].items()}, {k: int(v) for k, v in data["graphs"].items()})


_MODIFIED = "SELECT (MAX(?d) AS ?m) WHERE { GRAPH ?g { ?doc a cdo:SourceDocument ; dcterms:issued ?d } }"


def _modified(store: ox.Store) -> tuple[str, str] | None:
    ((modified,),) = _rows(store, _MODIFIED)
    return (modified.value, modified.datatype.value) if modified is not None else None


def statistics(store: ox.Store) -> Statistics:
    """Count everything ``void.ttl`` states, by SPARQL over the whole store."""
    ((entities,),) = _rows(store, f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {_ALL_TYPED}")
    ((subjects, objects),) = _rows(store, f"SELECT (COUNT(DISTINCT ?s) AS ?s_) (COUNT(DISTINCT ?o) AS ?o_) WHERE {_ALL_QUADS}")
    classes = _rows(store, f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {_ALL_TYPED} GROUP BY ?c")
    properties = _rows(store, f"SELECT ?p (COUNT(*) AS ?n) WHERE {_ALL_QUADS} GROUP BY ?p")
    graphs = _rows(store, "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g")
    return Statistics(
        len(store), _int(entities), _int(subjects), _int(objects), _modified(store),
        {c.value: _int(n) for c, n in classes if isinstance(c, ox.NamedNode)},
        {p.value: _int(n) for p, n in properties}, {g.value: _int(n) for g, n in graphs},
    )


_TYPE = ox.NamedNode(str(RDF.type))


def update_statistics(previous: Statistics, store: ox.Store, removed: Iterable[ox.Quad], added: Iterable[ox.Quad]) -> Statistics:
    """The statistics of ``store`` (already changed), from those of the store before the change and
    the quads the change ``removed`` and ``added``: equal to ``statistics(store)``, at the cost of a
    few lookups per term of the changed quads instead of a pass over the whole store."""
    removed, added = set(removed), set(added)
    removed, added = removed - added, added - removed
    stats = Statistics(previous.triples + len(added) - len(removed), previous.entities, previous.subjects, previous.objects,
                       previous.modified, dict(previous.classes), dict(previous.properties), dict(previous.graphs))

    def bump(counts: dict[str, int], key: str, delta: int) -> None:
        counts[key] = counts.get(key, 0) + delta
        if counts[key] == 0:
            del counts[key]

    for quads, sign in ((removed, -1), (added, 1)):
        for quad in quads:
            bump(stats.properties, quad.predicate.value, sign)
            if isinstance(quad.graph_name, ox.NamedNode):
                bump(stats.graphs, quad.graph_name.value, sign)

    def change(pattern: tuple, matches) -> int:
        """+1 if the pattern matches now and did not before, -1 if the other way round, else 0."""
        now = next(iter(store.quads_for_pattern(*pattern)), None) is not None
        before = any(matches(q) for q in removed) or any(q not in added for q in store.quads_for_pattern(*pattern))
        return int(now) - int(before)

    changed = removed | added
    for s in {q.subject for q in changed}:
        stats.subjects += change((s, None, None), lambda q, s=s: q.subject == s)
    for o in {q.object for q in changed}:
        stats.objects += change((None, None, o), lambda q, o=o: q.object == o)
    typed = {q for q in changed if q.predicate == _TYPE}
    for s in {q.subject for q in typed}:
        stats.entities += change((s, _TYPE, None), lambda q, s=s: q.subject == s and q.predicate == _TYPE)
    for s, c in {(q.subject, q.object) for q in typed if isinstance(q.object, ox.NamedNode)}:
        bump(stats.classes, c.value, change((s, _TYPE, c), lambda q, s=s, c=c: q.subject == s and q.predicate == _TYPE and q.object == c))
    issued = str(DCTERMS.issued)
    if any(q.predicate.value == issued for q in changed):
        stats.modified = _modified(store)
    return stats


def describe(store: ox.Store, dumps: Sequence[Path] = (), *, version: str | None = None,
             stats: Statistics | None = None, digests: Mapping[str, str] | None = None) -> Graph:
    """The VoID and DCAT description of the dataset held by ``store``, with ``dumps`` as distributions.

    Counts: ``void:triples`` is the number of quads in the store (so it equals the sum of the
    property partitions and of the graph subsets); ``void:entities`` the distinct subjects with an
    ``rdf:type``; a class partition's ``void:entities`` the distinct instances of that class.
    Every node has an IRI under ``id/dataset/cdkg/``. ``stats`` (else counted now) and ``digests``
    (SHA-256 by dump file name; else hashed now) save the work when already known.
    """
    g = Graph()
    for prefix, namespace in (*PREFIXES.items(), ("spdx", _SPDX), ("sd", _SD)):
        g.bind(prefix, namespace)
    for triple in _void_triples(stats or statistics(store), dumps, digests or {}, version):
        g.add(tuple(_rdflib_term(t) for t in (triple.subject, triple.predicate, triple.object)))
    return g


def _rdflib_term(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    return Literal(term.value, datatype=URIRef(term.datatype.value))


def _void_triples(stats: Statistics, dumps: Sequence[Path], digests: Mapping[str, str], version: str | None) -> list[ox.Triple]:
    """The triples of ``void.ttl``, sorted (so their Turtle is byte-stable)."""
    n = ox.NamedNode
    dataset = n(DATASET_IRI)
    a = _TYPE
    v = lambda name: n(str(VOID) + name)  # noqa: E731
    d = lambda name: n(str(DCAT) + name)  # noqa: E731
    integer = lambda value: ox.Literal(str(value), datatype=n(str(XSD.integer)))  # noqa: E731
    version = version or _version()
    out = [
        ox.Triple(dataset, a, v("Dataset")),
        ox.Triple(dataset, a, d("Dataset")),
        ox.Triple(dataset, n(str(DCTERMS.title)), ox.Literal("cdkg: a knowledge graph of the actors of cyber diplomacy", language="en")),
        ox.Triple(dataset, n(str(DCTERMS.description)), ox.Literal(
            "States, international organisations, government bodies, officials and non-state organisations, "
            "and what they do and say about treaties and processes of cyber diplomacy, extracted from news "
            "articles and official statements; every fact points back to the sentence it came from.", language="en")),
        ox.Triple(dataset, n(str(DCTERMS.license)), n(str(LICENSE))),
        ox.Triple(dataset, n(str(DCTERMS.conformsTo)), n(str(SHAPES_IRI))),
        ox.Triple(dataset, n(str(DCTERMS.conformsTo)), n(str(ONTOLOGY_IRI))),
        ox.Triple(dataset, n(str(OWL.versionInfo)), ox.Literal(version)),
        ox.Triple(dataset, d("version"), ox.Literal(version)),  # DCAT 3
        ox.Triple(dataset, v("uriSpace"), ox.Literal(BASE + "id/")),
        ox.Triple(dataset, v("triples"), integer(stats.triples)),
        ox.Triple(dataset, v("entities"), integer(stats.entities)),
        ox.Triple(dataset, v("distinctSubjects"), integer(stats.subjects)),
        ox.Triple(dataset, v("distinctObjects"), integer(stats.objects)),
        ox.Triple(dataset, v("classes"), integer(len(stats.classes))),
        ox.Triple(dataset, v("properties"), integer(len(stats.properties))),
    ]
    if stats.modified:
        out.append(ox.Triple(dataset, n(str(DCTERMS.modified)), ox.Literal(stats.modified[0], datatype=n(stats.modified[1]))))
    vocabularies: set[str] = set()
    for cls, count in stats.classes.items():
        part = n(f"{DATASET_IRI}/partition/class/{key_hash(cls)}")
        out += [ox.Triple(dataset, v("classPartition"), part), ox.Triple(part, a, v("Dataset")),
                ox.Triple(part, v("class"), n(cls)), ox.Triple(part, v("entities"), integer(count))]
        vocabularies.add(_namespace(cls))
    for prop, count in stats.properties.items():
        part = n(f"{DATASET_IRI}/partition/property/{key_hash(prop)}")
        out += [ox.Triple(dataset, v("propertyPartition"), part), ox.Triple(part, a, v("Dataset")),
                ox.Triple(part, v("property"), n(prop)), ox.Triple(part, v("triples"), integer(count))]
        vocabularies.add(_namespace(prop))
    out += [ox.Triple(dataset, v("vocabulary"), n(ns)) for ns in vocabularies]
    for graph, count in stats.graphs.items():
        local = graph[len(str(GRAPH)) :] if graph.startswith(str(GRAPH)) else key_hash(graph)
        subset = n(f"{DATASET_IRI}/graph/{local}")
        out += [ox.Triple(dataset, v("subset"), subset), ox.Triple(subset, a, v("Dataset")),
                ox.Triple(subset, n(_SD + "name"), n(graph)), ox.Triple(subset, v("triples"), integer(count))]
    for path in dumps:
        kind, compressed = media_type(path.name)
        node = n(f"{DATASET_IRI}/distribution/{path.name}")
        url = n(DUMPS_BASE + path.name)
        checksum = n(f"{node.value}/sha256")
        digest = digests.get(path.name) or _sha256(path)
        out += [
            ox.Triple(dataset, d("distribution"), node), ox.Triple(dataset, v("dataDump"), url),
            ox.Triple(node, a, d("Distribution")), ox.Triple(node, n(str(DCTERMS.title)), ox.Literal(path.name)),
            ox.Triple(node, d("downloadURL"), url), ox.Triple(node, d("mediaType"), n(_IANA + kind)),
            ox.Triple(node, d("byteSize"), ox.Literal(str(path.stat().st_size), datatype=n(str(XSD.nonNegativeInteger)))),
            ox.Triple(node, n(str(DCTERMS.license)), n(str(LICENSE))),
            ox.Triple(node, n(_SPDX + "checksum"), checksum), ox.Triple(checksum, a, n(_SPDX + "Checksum")),
            ox.Triple(checksum, n(_SPDX + "algorithm"), n(_SPDX + "checksumAlgorithm_sha256")),
            ox.Triple(checksum, n(_SPDX + "checksumValue"), ox.Literal(digest, datatype=n(str(XSD.hexBinary)))),
        ]
        if compressed:
            out.append(ox.Triple(node, d("compressFormat"), n(_IANA + "application/gzip")))
    return sorted(set(out), key=lambda t: (t.subject.value, t.predicate.value, str(t.object)))


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


def _sha256(path: Path) -> str:
    """The SHA-256 of a file, read in blocks (never whole)."""
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class HashingWriter:
    """A binary file wrapper that hashes (SHA-256) what is written through it: a dump is hashed
    while it is written, not read back afterwards."""

    def __init__(self, file) -> None:
        self.file, self.digest = file, hashlib.sha256()

    def write(self, data) -> int:
        self.digest.update(data)
        return self.file.write(data)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.file.flush()

    def hexdigest(self) -> str:
        return self.digest.hexdigest()


def checksums(paths: Iterable[Path], digests: Mapping[str, str] | None = None) -> str:
    """``sha256sum`` lines (``HEX  NAME``) for ``paths``, sorted by name (``digests``: known ones, by name)."""
    digests = digests or {}
    return "".join(f"{digests.get(p.name) or _sha256(p)}  {p.name}\n" for p in sorted(paths, key=lambda p: p.name))


def write_metadata(out: Path, store: ox.Store, *, stats: Statistics | None = None,
                   digests: Mapping[str, str] | None = None) -> Statistics:
    """Write ``void.ttl`` (describing ``store`` and the dumps in ``out``), then ``SHA256SUMS`` over both.

    ``stats``: the store's statistics when known (else counted now); ``digests``: the SHA-256 of
    dumps hashed as they were written (the others are hashed here, streaming). Returns the statistics.
    """
    out = Path(out)
    dumps = dump_files(out)
    stats = stats or statistics(store)
    digests = dict(digests or {})
    for path in dumps:
        if path.name not in digests:
            digests[path.name] = _sha256(path)
    prefixes = {**PREFIXES, "spdx": _SPDX, "sd": _SD}
    data = ox.serialize(_void_triples(stats, dumps, digests, None), format=ox.RdfFormat.TURTLE, prefixes=prefixes)
    with atomic_path(out / VOID_FILE) as tmp:
        tmp.write_bytes(data)
    digests[VOID_FILE] = hashlib.sha256(data).hexdigest()
    with atomic_path(out / CHECKSUMS_FILE) as tmp:
        tmp.write_text(checksums([*dumps, out / VOID_FILE], digests), encoding="utf-8")
    return stats


__all__ = [
    "BUILD_DUMPS",
    "DATASET_IRI",
    "DUMPS_BASE",
    "HashingWriter",
    "Statistics",
    "checksums",
    "describe",
    "dump_files",
    "export_build",
    "jsonld_context",
    "media_type",
    "render",
    "statistics",
    "update_statistics",
    "to_jsonld",
    "write_dumps",
    "write_metadata",
]
