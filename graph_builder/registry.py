"""The curated registry: ``seeds/reference/`` in, typed records and the reference named graph out.

In: the files of ``seeds/reference/`` (formats in its README): ``states.tsv`` (generated from CLDR and
ISO 3166 by ``generate_states.py``), ``un_members.tsv``, ``state_variants.yaml``,
``organisations.yaml``, ``bodies.yaml``, ``treaties.yaml``, ``persons.yaml`` and ``roles.yaml``.
Out: one frozen ``Registry`` holding ``records.Entity`` values (states, organisations, government
bodies, treaties, processes, persons), their ``RegistryTenure`` posts and ``RegistryTreaty`` dates,
with look-ups by IRI, ISO code, name and demonym, and ``Registry.graph()``: the triples of the
``graph:reference`` named graph exactly as ``docs/model.md`` specifies. Every file is validated on
load; any defect raises ``RegistryError`` naming the file and the entry. Loading is cached per folder.

>>> reg = load_registry()
>>> reg.by_iso3("VNM").iri
'https://w3id.org/cdkg/id/state/VNM'
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Mapping, NoReturn

import pycountry
import yaml
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, RDF, RDFS, SKOS, TIME, XSD

from graph_builder.errors import RegistryError
from graph_builder.iris import ascii_fold, entity_iri, fact_iri, slug
from graph_builder.namespaces import CDO, ID, PREFIXES, REFERENCE_GRAPH, vocab
from graph_builder.records import ENTITY_TYPES, Entity

CLASSES = {t: CDO[t] for t in ENTITY_TYPES}  # entity type -> its cdo: class
UN_STATUSES = ("member", "observer")
CASELESS_ACRONYM_LENGTH = 4  # acronyms this long also match in any case, as names often write them

_KEY = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_LANG = re.compile(r"^[a-z]{2,3}$")
_ISO2, _ISO3 = re.compile(r"^[A-Z]{2}$"), re.compile(r"^[A-Z]{3}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_REF = re.compile(r"^(state|org|body|treaty|process|person)/([A-Za-z0-9-]+)$")
_TREATY_FIELDS = ("adopted", "adopted_by", "opened_for_signature", "signature_place", "entered_into_force",
                  "threshold", "rule", "supplements")
_TREATY_REFS = {"adopted_by": ("org",), "supplements": ("treaty",)}
STATE_SOURCE = "ISO 3166-1 codes via pycountry; names from Unicode CLDR via Babel; UN status from un_members.tsv"
_PUNCT = str.maketrans({"’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "–": "-", "—": "-", "\u00a0": " "})


@dataclass(frozen=True, slots=True)
class RegistryTenure:
    """A registry person's post: person IRI, role code, organisation IRI, ISO 8601 start and end (possibly
    partial: ``2025-05``, ``2025``; ``None`` if unknown or, for ``end``, while in office) and the source."""

    person: str
    role: str
    organization: str
    start: str | None
    end: str | None
    source: str


@dataclass(frozen=True, slots=True)
class RegistryTreaty:
    """The dates and entry-into-force rule of a registry treaty (ISO 8601 dates, possibly partial)."""

    iri: str
    adopted: str | None = None
    adopted_by: str | None = None
    opened_for_signature: str | None = None
    signature_place: str | None = None
    entered_into_force: str | None = None
    threshold: int | None = None
    rule: str | None = None
    supplements: str | None = None


def normalise(text: str, casefold: bool = True) -> str:
    """The look-up key of a name: NFC, typographic quotes and dashes made plain, spaces collapsed, casefolded.

    >>> normalise("  l’Œuvre – d’Art ") == normalise("L'ŒUVRE - D'ART"), normalise(" A\u00a0 B ", casefold=False)
    (True, 'A B')
    """
    text = " ".join(unicodedata.normalize("NFC", text).translate(_PUNCT).split())
    return text.casefold() if casefold else text


@dataclass(frozen=True, slots=True, eq=False)
class Registry:
    """The curated registry: entities, tenures, treaty dates, role labels, sources and UN status.

    ``roles`` maps a role code to its English label; ``sources``, ``un_status`` and ``comments`` map
    an entity IRI to its source(s), its UN status (states) and its English comment (treaty rule or
    process description).
    """

    entities: tuple[Entity, ...]
    tenures: tuple[RegistryTenure, ...] = ()
    treaties: tuple[RegistryTreaty, ...] = ()
    roles: Mapping[str, str] = field(default_factory=dict)
    sources: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    un_status: Mapping[str, str] = field(default_factory=dict)
    comments: Mapping[str, str] = field(default_factory=dict)
    _by_iri: dict[str, Entity] = field(init=False, repr=False)
    _tables: dict[str, dict[str, dict[str, None]]] = field(init=False, repr=False)
    _cache: dict[str, list[tuple]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_iri = {e.iri: e for e in self.entities}
        tables: dict[str, dict[str, dict[str, None]]] = {t: {} for t in ("name", "fold", "acr", "dem", "demfold")}

        def index(table: str, key: str, iri: str) -> None:
            tables[table].setdefault(key, {})[iri] = None
        for e in self.entities:
            for name in (e.label, *(n for names in e.names.values() for n in names)):
                index("name", normalise(name), e.iri)
                index("fold", ascii_fold(normalise(name)), e.iri)
            for acronym in e.acronyms:
                index("acr", normalise(acronym, casefold=False), e.iri)
                if len(acronym) >= CASELESS_ACRONYM_LENGTH:
                    index("name", normalise(acronym), e.iri)
            for word in (w for words in e.demonyms.values() for w in words):
                index("dem", normalise(word), e.iri)
                index("demfold", ascii_fold(normalise(word)), e.iri)
        object.__setattr__(self, "_by_iri", by_iri)
        object.__setattr__(self, "_tables", tables)
        object.__setattr__(self, "_cache", {})

    def by_iri(self, iri: str) -> Entity:
        """The entity with ``iri``; ``KeyError`` if the registry has none.

        >>> load_registry().by_iri("https://w3id.org/cdkg/id/state/FRA").iso2
        'FR'
        """
        return self._by_iri[str(iri)]

    def by_iso3(self, code: str) -> Entity:
        """The state with ISO 3166-1 alpha-3 ``code`` (any case); ``KeyError`` if none.

        >>> load_registry().by_iso3("deu").iso2
        'DE'
        """
        return self._by_iri[f"{ID}state/{code.strip().upper()}"]

    def lookup(self, name: str, *, demonyms: bool = False) -> tuple[Entity, ...]:
        """The entities called ``name``: exact match after ``normalise`` (acronyms case-sensitively),
        else the same ignoring diacritics. With ``demonyms=True`` demonyms match too.

        >>> reg = load_registry()
        >>> france = reg.by_iso3("FRA")
        >>> [e.iso3 for e in reg.lookup(france.names["fr"][0].upper())]
        ['FRA']
        >>> [e.iso3 for e in reg.lookup(ascii_fold(reg.by_iso3("VNM").names["vi"][0]))]
        ['VNM']
        >>> reg.lookup("no such actor")
        ()
        """
        key = normalise(name)
        tables = self._tables
        hits = dict(tables["name"].get(key, {}))
        hits.update(tables["acr"].get(normalise(name, casefold=False), {}))
        if demonyms:
            hits.update(tables["dem"].get(key, {}))
        if not hits:
            folded = ascii_fold(key)
            hits.update(tables["fold"].get(folded, {}))
            if demonyms:
                hits.update(tables["demfold"].get(folded, {}))
        return tuple(self._by_iri[iri] for iri in hits)

    def lookup_demonym(self, word: str) -> Entity | None:
        """The one state whose demonym is ``word`` (any inflection, case or diacritics), else ``None``.

        >>> reg = load_registry()
        >>> reg.lookup_demonym(reg.by_iso3("VNM").demonyms["fr"][1].upper()).iso3
        'VNM'
        """
        key = normalise(word)
        hits = self._tables["dem"].get(key) or self._tables["demfold"].get(ascii_fold(key)) or {}
        return self._by_iri[next(iter(hits))] if len(hits) == 1 else None

    def graph(self) -> Graph:
        """A new rdflib ``Graph`` (identifier ``graph:reference``) with the registry's triples (docs/model.md).

        >>> g = load_registry().graph()
        >>> len(g) > 10000, str(g.identifier)
        (True, 'https://w3id.org/cdkg/graph/reference')
        """
        graph = Graph(identifier=REFERENCE_GRAPH)
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace)
        graph += _triples(self)
        return graph


def default_reference_dir() -> Path:
    """The repository's ``seeds/reference/``: next to the package, else under the working directory."""
    for candidate in (Path(__file__).resolve().parent.parent / "seeds" / "reference", Path.cwd() / "seeds" / "reference"):
        if (candidate / "states.tsv").is_file():
            return candidate
    raise RegistryError("cannot find seeds/reference/ next to the package or under the working directory")


def load_registry(path: Path | str | None = None) -> Registry:
    """Load and validate the registry in folder ``path`` (default: ``default_reference_dir()``), cached.

    >>> reg = load_registry()
    >>> reg is load_registry(), sum(e.type == "State" for e in reg.entities)
    (True, 195)
    """
    folder = Path(path) if path is not None else default_reference_dir()
    return _load(folder.resolve())


@functools.lru_cache(maxsize=8)
def _load(folder: Path) -> Registry:
    if not folder.is_dir():
        raise RegistryError(f"{folder}: not a folder")
    return _Loader(folder).registry()


# ---- reading and validating ---------------------------------------------------------------------------------


class _YamlLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe YAML loader that rejects duplicate keys instead of keeping the last one."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: set = set()
        for key_node, _ in node.value:
            if (key := self.construct_object(key_node, deep=deep)) in seen:
                raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


_YamlLoader.add_constructor("tag:yaml.org,2002:timestamp", _YamlLoader.construct_scalar)  # dates stay text


class _Loader:
    """Reads the files of one folder into a ``Registry``; every error names the file and the entry."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.entities: dict[str, Entity] = {}
        self.origin: dict[str, str] = {}  # IRI -> "file: entry" that defined it
        self.sources: dict[str, tuple[str, ...]] = {}
        self.un_status: dict[str, str] = {}
        self.comments: dict[str, str] = {}
        self.treaties: list[RegistryTreaty] = []
        self.tenures: list[RegistryTenure] = []
        self.refs: list[tuple[Path, str, str, str]] = []  # (file, entry, field, IRI that must exist)

    def _read(self, name: str) -> tuple[Path, str]:
        file = self.folder / name
        try:
            return file, file.read_text(encoding="utf-8")
        except OSError as exc:
            raise RegistryError(f"{file}: cannot be read ({exc.strerror})") from exc

    def registry(self) -> Registry:
        file, roles = self._yaml("roles.yaml")
        for code, label in roles.items():
            if _key(file, code, _KEY) and (not isinstance(label, str) or not label.strip()):
                _fail(file, code, "needs its English label")
        self._states()
        self._entities("organisations.yaml", "org", {"parent"}, {"InternationalOrganization", "NGO", "Company"})
        self._entities("bodies.yaml", "body", {"state"}, {"GovernmentBody"})
        self._entities("treaties.yaml", "", set(_TREATY_FIELDS) | {"comment"}, {"Treaty", "Process"})
        self._persons(roles)
        for file, entry, name, iri in self.refs:
            if iri not in self.entities:
                _fail(file, entry, f"{name} {iri.removeprefix(str(ID))!r} is not in the registry")
        proxies = [MappingProxyType(m) for m in (dict(roles), self.sources, self.un_status, self.comments)]
        return Registry(tuple(self.entities.values()), tuple(self.tenures), tuple(self.treaties), *proxies)

    def _yaml(self, name: str) -> tuple[Path, dict]:
        file, text = self._read(name)
        try:
            data = yaml.load(text, Loader=_YamlLoader)
        except yaml.YAMLError as exc:
            raise RegistryError(f"{file}: not valid YAML: {exc}") from exc
        if not isinstance(data, (dict, type(None))):
            raise RegistryError(f"{file}: the top level must be a mapping of entries")
        return file, data or {}

    def _tsv(self, name: str) -> tuple[Path, list[dict[str, str]]]:
        file, text = self._read(name)
        lines = [line for line in text.splitlines() if line and not line.startswith("#")]
        reader = csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)
        rows = list(reader)
        for number, row in enumerate(rows, start=1):
            if None in row or None in row.values():
                raise RegistryError(f"{file}: data row {number}: expected {len(reader.fieldnames or ())} columns")
        return file, rows

    def _add(self, file: Path, entry: str, entity: Entity, sources: tuple[str, ...]) -> None:
        if entity.iri in self.entities:
            _fail(file, entry, f"duplicate of {self.origin[entity.iri]} ({entity.iri})")
        self.entities[entity.iri] = entity
        self.origin[entity.iri] = f"{file.name}: {entry}"
        if sources:
            self.sources[entity.iri] = sources

    def _ref(self, file: Path, entry: str, name: str, ref: object, kinds: tuple[str, ...]) -> str:
        """The IRI of reference ``ref`` (``kind/key``); that it exists is checked once all files are read."""
        match = _REF.match(ref) if isinstance(ref, str) else None
        if not match or match.group(1) not in kinds:
            _fail(file, entry, f"{name} {ref!r} must look like {' or '.join(k + '/KEY' for k in kinds)}")
        iri = entity_iri(match.group(1), match.group(2))
        self.refs.append((file, entry, name, iri))
        return iri

    def _states(self) -> None:
        members_file, members = self._tsv("un_members.tsv")
        status: dict[str, str] = {}
        for row in members:
            iso3 = _key(members_file, row.get("iso3"), _ISO3)
            if row.get("status") not in UN_STATUSES or iso3 in status:
                _fail(members_file, iso3, f"listed twice, or status not one of {', '.join(UN_STATUSES)}")
            status[iso3] = row["status"]
        file, rows = self._tsv("states.tsv")
        vfile, variants = self._yaml("state_variants.yaml")
        langs = [c for c in (rows[0] if rows else ()) if c not in ("iso2", "iso3", "un_status", "iso_names")]
        for lang in langs:
            if not _LANG.match(lang):
                raise RegistryError(f"{file}: column {lang!r} is not a language tag")
        for row in rows:
            iso3 = _key(file, row.get("iso3"), _ISO3)
            iso2 = _key(file, row.get("iso2"), _ISO2, entry=iso3)
            country = pycountry.countries.get(alpha_3=iso3)
            if country is None or country.alpha_2 != iso2:
                _fail(file, iso3, f"{iso2}/{iso3} is not an ISO 3166-1 code pair")
            if status.pop(iso3, None) != row["un_status"]:
                _fail(file, iso3, f"not listed with this UN status in {members_file.name}: run generate_states.py")
            variant = variants.get(iso3) or {}
            _fields(vfile, iso3, variant, {"label", "aliases", "acronyms", "demonyms"}, set())
            label = variant.get("label") or {}
            names = _merge(  # preferred label, CLDR names, ISO names, curated aliases
                _lang_lists(vfile, iso3, "label", {k: [v] for k, v in label.items()} if isinstance(label, dict) else label),
                {lang: (row[lang],) for lang in langs if row[lang]},
                {"en": tuple(n for n in row["iso_names"].split("|") if n)},
                _lang_lists(vfile, iso3, "aliases", variant.get("aliases")),
            )
            demonyms = _lang_lists(vfile, iso3, "demonyms", variant.get("demonyms"))
            acronyms = _flat(_lang_lists(vfile, iso3, "acronyms", variant.get("acronyms")))
            entity = Entity(entity_iri("state", iso3), "State", names["en"][0], names, acronyms, demonyms, iso2, iso3)
            self._add(file, iso3, entity, (STATE_SOURCE,))
            self.un_status[entity.iri] = row["un_status"]
        if status:
            raise RegistryError(f"{file}: no row for {', '.join(sorted(status))}: run generate_states.py")
        for iso3 in variants:
            if entity_iri("state", str(iso3)) not in self.entities:
                _fail(vfile, iso3, "is not the alpha-3 code of a state in states.tsv")

    def _entities(self, name: str, kind: str, extra: set[str], types: set[str]) -> None:
        """Organisations, bodies or treaties and processes: one ``Entity`` per entry (plus treaty dates)."""
        file, data = self._yaml(name)
        allowed = {"label", "names", "acronyms", "source"} | extra | ({"type"} if kind != "body" else set())
        for raw, entry in data.items():
            key = _key(file, raw, _KEY)
            _fields(file, key, entry, allowed, allowed & {"type", "label", "source", "state"})
            type_ = entry.get("type", "GovernmentBody")
            if type_ not in types:
                _fail(file, key, f"type {type_!r} is not one of {', '.join(sorted(types))}")
            parent = None
            if "state" in entry:
                parent = self._ref(file, key, "state", f"state/{entry['state']}", ("state",))
            elif entry.get("parent") is not None:
                parent = self._ref(file, key, "parent", entry["parent"], ("org",))
            entity = _named(file, key, entry, kind or type_.lower(), type_, parent)
            self._add(file, key, entity, _sources(file, key, entry))
            if kind == "":
                self._treaty(file, key, entry, entity.iri, type_ == "Treaty")

    def _treaty(self, file: Path, key: str, entry: dict, iri: str, treaty: bool) -> None:
        fields = set(_TREATY_FIELDS) if treaty else {"comment"}
        stray = sorted(f for f in set(_TREATY_FIELDS) | {"comment"} if f in entry and f not in fields)
        if stray:
            _fail(file, key, f"field(s) {', '.join(stray)} do not apply to a {entry['type']}")
        text = entry.get("comment") or entry.get("rule")
        if text is not None:
            if not isinstance(text, str):
                _fail(file, key, "rule and comment must be text")
            self.comments[iri] = " ".join(text.split())
        if not treaty:
            return
        threshold, place = entry.get("threshold"), entry.get("signature_place")
        if threshold is not None and (type(threshold) is not int or threshold < 1):
            _fail(file, key, f"threshold {threshold!r} is not a positive integer")
        if place is not None and not isinstance(place, str):
            _fail(file, key, "signature_place must be text")
        ref = {f: self._ref(file, key, f, entry[f], kinds) for f, kinds in _TREATY_REFS.items() if entry.get(f)}
        dates = {f: _date(file, key, f, entry.get(f)) for f in ("adopted", "opened_for_signature", "entered_into_force")}
        rule = self.comments.get(iri)
        self.treaties.append(RegistryTreaty(iri, threshold=threshold, rule=rule, signature_place=place, **ref, **dates))

    def _persons(self, roles: Mapping[str, str]) -> None:
        file, data = self._yaml("persons.yaml")
        for raw, entry in data.items():
            key = _key(file, raw, _KEY)
            _fields(file, key, entry, {"label", "names", "posts", "source"}, {"label"})
            if slug(str(entry["label"])) != key:
                _fail(file, key, f"key must be the slug of the label ({slug(str(entry['label']))!r})")
            entity = _named(file, key, entry, "person", "Person", None)
            self._add(file, key, entity, _sources(file, key, entry, required=False))
            posts = entry.get("posts") or []
            if not isinstance(posts, list):
                _fail(file, key, "posts must be a list")
            for number, post in enumerate(posts, start=1):
                where = f"{key}, post {number}"
                required = {"role", "organization", "source"}
                _fields(file, where, post, required | {"start", "end"}, required)
                if post["role"] not in roles:
                    _fail(file, where, f"role {post['role']!r} is not a code of roles.yaml")
                start, end = _date(file, where, "start", post.get("start")), _date(file, where, "end", post.get("end"))
                if start and end and end < start:
                    _fail(file, where, f"ends ({end}) before it starts ({start})")
                org = self._ref(file, where, "organization", post["organization"], ("state", "body", "org"))
                source = _sources(file, where, post)[0]
                self.tenures.append(RegistryTenure(entity.iri, post["role"], org, start, end, source))


def _named(file: Path, key: str, data: dict, kind: str, type_: str, parent: str | None) -> Entity:
    label = data["label"]
    if not isinstance(label, str) or not label.strip():
        _fail(file, key, "label must be a non-empty text")
    names = _merge({"en": (" ".join(label.split()),)}, _lang_lists(file, key, "names", data.get("names")))
    acronyms = _flat(_lang_lists(file, key, "acronyms", data.get("acronyms")))
    return Entity(entity_iri(kind, key), type_, names["en"][0], names, acronyms, parent=parent)  # type: ignore[arg-type]


def _fail(file: Path, entry: object, message: str) -> NoReturn:
    raise RegistryError(f"{file}: entry {entry!r}: {message}")


def _key(file: Path, value: object, pattern: re.Pattern, entry: str | None = None) -> str:
    if not isinstance(value, str) or not pattern.match(value):
        _fail(file, entry if entry is not None else value, f"{value!r} is not a valid key or code ({pattern.pattern})")
    return value


def _fields(file: Path, entry: str, data: object, allowed: set[str], required: set[str]) -> None:
    if not isinstance(data, dict):
        _fail(file, entry, "must be a mapping of fields")
    unknown = sorted(str(k) for k in data if k not in allowed)
    if unknown:
        _fail(file, entry, f"unknown field(s) {', '.join(unknown)} (allowed: {', '.join(sorted(allowed))})")
    missing = sorted(f for f in required if data.get(f) in (None, ""))
    if missing:
        _fail(file, entry, f"missing required field(s) {', '.join(missing)}")


def _lang_lists(file: Path, entry: str, name: str, value: object) -> dict[str, tuple[str, ...]]:
    """``{lang: [text, ...]}`` checked and turned into ``{lang: (text, ...)}``."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        _fail(file, entry, f"{name} must map a language tag to a list of texts")
    out: dict[str, tuple[str, ...]] = {}
    for lang, texts in value.items():
        if not isinstance(lang, str) or not _LANG.match(lang):
            _fail(file, entry, f"{name}: {lang!r} is not a language tag")
        if not isinstance(texts, list) or not all(isinstance(t, str) and t.strip() for t in texts):
            _fail(file, entry, f"{name}.{lang} must be a list of non-empty texts")
        out[lang] = tuple(dict.fromkeys(unicodedata.normalize("NFC", " ".join(t.split())) for t in texts))
    return out


def _merge(*parts: Mapping[str, tuple[str, ...]]) -> dict[str, tuple[str, ...]]:
    """Names per language from several sources, first ones first, without repeats (after NFC)."""
    merged: dict[str, dict[str, None]] = {}
    for part in parts:
        for lang, names in part.items():
            merged.setdefault(lang, {}).update(dict.fromkeys(unicodedata.normalize("NFC", n) for n in names))
    return {lang: tuple(names) for lang, names in merged.items() if names}


def _flat(per_lang: Mapping[str, tuple[str, ...]]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(a for codes in per_lang.values() for a in codes))


def _date(file: Path, entry: str, name: str, value: object) -> str | None:
    """An ISO 8601 date, month or year as text (a bare YAML year is accepted)."""
    if value is None:
        return None
    text = str(value) if type(value) in (int, str) else ""  # YAML dates are read as text, years as int
    try:
        if _DATE.match(text) and date.fromisoformat((text + "-01-01")[:10]):  # 2025 -> 2025-01-01, 2025-05 -> 2025-05-01
            return text
    except ValueError:
        pass
    _fail(file, entry, f"{name} {value!r} is not a date (YYYY-MM-DD, YYYY-MM or YYYY)")


def _sources(file: Path, entry: str, data: dict, required: bool = True) -> tuple[str, ...]:
    value = data.get("source")
    values = value if isinstance(value, list) else [value] if value is not None else []
    if (required and not values) or not all(isinstance(v, str) and v.strip() for v in values):
        _fail(file, entry, "source must be a URL or citation, or a list of them")
    return tuple(v.strip() for v in values)


# ---- the reference graph -------------------------------------------------------------------------------------


def _source_term(text: str) -> URIRef | Literal:
    return URIRef(text) if text.startswith(("http://", "https://")) and " " not in text else Literal(text)


def _date_literal(text: str) -> Literal:
    return Literal(text, datatype={10: XSD.date, 7: XSD.gYearMonth, 4: XSD.gYear}[len(text)])


def _instant(text: str) -> tuple[URIRef, list[tuple]]:
    node, predicate = URIRef(f"{ID}instant/{text}"), {10: TIME.inXSDDate, 7: TIME.inXSDgYearMonth, 4: TIME.inXSDgYear}
    return node, [(node, RDF.type, TIME.Instant), (node, predicate[len(text)], _date_literal(text))]


def _triples(reg: Registry) -> list[tuple]:
    """Every triple of the reference graph, computed once per registry."""
    if "triples" in reg._cache:
        return reg._cache["triples"]
    out: list[tuple] = []
    add = out.append
    true = Literal(True)
    for e in reg.entities:
        node = URIRef(e.iri)
        add((node, RDF.type, CLASSES[e.type]))
        for lang, names in e.names.items():
            add((node, RDFS.label, Literal(names[0], lang=lang)))
            add((node, SKOS.prefLabel, Literal(names[0], lang=lang)))
            for alias in names[1:]:
                add((node, SKOS.altLabel, Literal(alias, lang=lang)))
        for acronym in e.acronyms:
            add((node, CDO.acronym, Literal(acronym)))
        if e.type == "State":
            add((node, CDO.iso2, Literal(e.iso2)))
            add((node, CDO.iso3, Literal(e.iso3)))
            add((node, CDO.unStatus, vocab("un-status", reg.un_status[e.iri])))
        for lang, words in e.demonyms.items():
            for word in words:
                add((node, CDO.demonym, Literal(word, lang=lang)))
        if e.parent:
            add((node, ORG.subOrganizationOf, URIRef(e.parent)))
        add((node, CDO.inRegistry, true))
        for source in reg.sources.get(e.iri, ()):
            add((node, DCTERMS.source, _source_term(source)))
        if e.iri in reg.comments:
            add((node, RDFS.comment, Literal(reg.comments[e.iri], lang="en")))
    for t in reg.treaties:
        node = URIRef(t.iri)
        dates = {CDO.adoptedOn: t.adopted, CDO.openedForSignatureOn: t.opened_for_signature,
                 CDO.enteredIntoForceOn: t.entered_into_force}
        out.extend((node, predicate, _date_literal(value)) for predicate, value in dates.items() if value)
        if t.threshold is not None:
            add((node, CDO.entryIntoForceThreshold, Literal(t.threshold, datatype=XSD.integer)))
    for t in reg.tenures:
        out.extend(_tenure(reg, t))
    reg._cache["triples"] = out
    return out


def _tenure(reg: Registry, t: RegistryTenure) -> list[tuple]:
    """A registry tenure: cdo:Tenure, its org:Post and its org:memberDuring interval (docs/model.md)."""
    role = vocab("role", t.role)
    post = URIRef(fact_iri("post", t.organization, t.role))
    node = URIRef(fact_iri("tenure", t.person, t.role, t.organization, t.start))
    interval = URIRef(fact_iri("interval", str(node)))
    triples = [
        (post, RDF.type, ORG.Post),
        (post, ORG.postIn, URIRef(t.organization)),
        (post, ORG.role, role),
        (post, RDFS.label, Literal(f"{reg.roles[t.role]}, {reg.by_iri(t.organization).label}", lang="en")),
        (node, RDF.type, CDO.Tenure),
        (node, ORG.member, URIRef(t.person)),
        (node, ORG.organization, URIRef(t.organization)),
        (node, ORG.role, role),
        (node, CDO.post, post),
        (node, ORG.memberDuring, interval),
        (node, CDO.modality, vocab("modality", "asserted")),
        (node, CDO.confidence, Literal("1.0", datatype=XSD.decimal)),
        (node, DCTERMS.source, _source_term(t.source)),
        (interval, RDF.type, TIME.Interval),
    ]
    if t.start:  # a date on which the source says the post was held
        triples.append((node, CDO.attestedOn, _date_literal(t.start)))
    for predicate, value in ((TIME.hasBeginning, t.start), (TIME.hasEnd, t.end)):
        if value:
            instant, instant_triples = _instant(value)
            triples.append((interval, predicate, instant))
            triples.extend(instant_triples)
    return triples
