"""Possible duplicates: two entity IRIs that probably name one real-world actor (issue 4, part 5).

In: a built store (``pyoxigraph.Store``: the registry graph, the document graphs and the role
vocabulary). Out: a ``DuplicateReport`` — candidate pairs of persons, of organisations (international
organisations, government bodies, NGOs, companies) or of treaties and processes, each with a score in
[0, 1], the reasons (a short code and a sentence) and the documents that mention each side.
``cdkg build`` writes it as ``BUILD/duplicates.json``; ``cdkg duplicates`` prints it.

Entities are merged when their IRIs are equal (``iris.slug`` folds diacritics and case; the registry's
aliases link variants to one key); this report lists what that left apart. A pair needs at least
one side minted from text (``cdo:inRegistry false``): the registry is curated, its entities are
distinct on purpose. Government bodies of different states are never paired.

Signals (each a ``Reason``; see ``score_names`` for the scores), compared on names folded with
``iris.ascii_fold`` and lower-cased:

- ``same-name``: the names are equal once folded ("Nguyễn Văn An" / "Nguyen Van An");
- ``title``, ``particle``: equal but for an honorific, a role title or a name particle
  ("Sri Ahmad Faizal bin Rahman" / "Ahmad Faizal bin Rahman");
- ``middle-name``, ``given-names``: one person's name is the other's with more names;
- ``initials``: "J. van Dalen" / "Jeroen van Dalen";
- ``reordered``: the same names in another order ("Nguyen Van Hoa" / "Hoa Nguyen Van");
- ``spelling``: a close spelling (rapidfuzz's normalised Indel similarity: "Ghada Wali" / "Ghada Waly");
- ``acronym``: an acronym is the initials of the other's long name, in any language of its labels
  ("OCDE" / "Organisation de coopération et de développement économiques");
- ``acronym-order``: two acronyms with the same letters in another order ("OECD" / "OCDE");
- ``same-acronym``, ``subset``: an equal acronym; an organisation's name inside the other's with a
  modifier ("Cyber Resilience Forum" / "Global Cyber Resilience Forum", but not "Council of
  Europe" / "Committee of Ministers of the Council of Europe");
- ``surname-post``: two persons with the same surname holding posts in the same organisation.

The score is the best signal's, raised by the second best: ``s1 + (1 - s1) * s2 / 2``.

The words that are not names are data: honorifics, name particles, connectors, determiners and
coordinators from every rule pack (``graph_builder/rules/*.yaml``) and the role titles of the
``vocab/role`` scheme in the store. Candidates are found by blocking (entities that share a rare
folded token, an acronym or its letters), so the cost grows with the entities, not their square.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import chain
from pathlib import Path

import pyoxigraph as ox
from rapidfuzz.distance import Indel

from .iris import ascii_fold
from .namespaces import CDO, DCTERMS, ID, ITSRDF, NIF, ORG, RDF, RDFS, SKOS, VOCAB, XSD, sparql_prefixes

REPORT_NAME = "duplicates.json"
MIN_SCORE = 0.5  # the floor of the report a build writes; `cdkg duplicates --min-score` filters above it
MAX_BLOCK = 200  # a token shared by more entities than this ("ministry", "maria") finds no candidates

#: class → (contract type, comparison group); an entity typed twice takes the first row it has.
_TYPES: tuple[tuple[str, str, str], ...] = (
    ("Company", "Company", "organisation"),
    ("NGO", "NGO", "organisation"),
    ("InternationalOrganization", "InternationalOrganization", "organisation"),
    ("GovernmentBody", "GovernmentBody", "organisation"),
    ("NonStateOrganization", "NGO", "organisation"),
    ("Person", "Person", "person"),
    ("Treaty", "Treaty", "treaty"),
    ("Process", "Process", "treaty"),
)

_WORD = re.compile(r"[a-z0-9]+")
_ACRONYM = re.compile(r"[A-Z0-9][A-Za-z0-9&.\-]{1,11}")

# Scores of the signals (see the module docstring).
SCORES = {
    "same-name": 0.95, "title": 0.9, "particle": 0.85, "acronym": 0.85, "initials": 0.8,
    "reordered": 0.8, "middle-name": 0.8, "given-names": 0.7, "abbreviation": 0.8, "spelling": 0.9,
    "subset": 0.6, "same-acronym": 0.6, "acronym-order": 0.6, "surname-post": 0.55,
}
SPELLING_FLOOR = 0.88  # normalised similarity below which two spellings are not reported


# -- records -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor, treaty or process of the store, with what the comparison reads of it."""

    iri: str
    type: str  # contract type (DESIGN §8)
    group: str  # person | organisation | treaty: only entities of one group are compared
    in_registry: bool
    label: str
    names: tuple[str, ...]  # every rdfs:label, skos:prefLabel, skos:altLabel and cdo:acronym, sorted
    documents: tuple[str, ...] = ()  # dcterms:identifier of the documents that mention it
    posts: frozenset[tuple[str, str]] = frozenset()  # (organisation, role) of its tenures; role '' if none
    parents: frozenset[str] = frozenset()  # org:subOrganizationOf (government bodies: their state)

    def __post_init__(self) -> None:
        if self.group not in ("person", "organisation", "treaty"):
            raise ValueError(f"unknown group {self.group!r}")
        if not self.names:
            raise ValueError(f"{self.iri}: an entity needs a name")

    def to_json(self) -> dict:
        return {
            "iri": self.iri, "label": self.label, "type": self.type, "inRegistry": self.in_registry,
            "documents": list(self.documents),
        }


@dataclass(frozen=True, slots=True)
class Reason:
    """One signal that two entities are the same: a short code, a sentence, its score."""

    code: str
    text: str
    score: float

    def __post_init__(self) -> None:
        if self.code not in SCORES or not 0.0 <= self.score <= 1.0:
            raise ValueError(f"bad reason {self.code!r} {self.score}")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A pair of entities that are possibly one; ``b`` is the registry one when there is one."""

    a: Entity
    b: Entity
    score: float
    reasons: tuple[Reason, ...]

    def to_json(self) -> dict:
        return {
            "score": self.score, "a": self.a.to_json(), "b": self.b.to_json(),
            "reasons": [{"code": r.code, "text": r.text, "score": r.score} for r in self.reasons],
        }


@dataclass(frozen=True, slots=True)
class DuplicateReport:
    """The candidates (best first) among ``entities`` compared, at or above ``min_score``."""

    candidates: tuple[Candidate, ...]
    entities: int
    min_score: float

    def above(self, min_score: float) -> DuplicateReport:
        """The same report keeping only candidates scored ``min_score`` or more."""
        kept = tuple(c for c in self.candidates if c.score >= min_score)
        return DuplicateReport(kept, self.entities, max(min_score, self.min_score))

    def to_json(self) -> dict:
        return {
            "entities": self.entities, "minScore": self.min_score, "count": len(self.candidates),
            "candidates": [c.to_json() for c in self.candidates],
        }

    def json_text(self) -> str:
        """The report as JSON text: sorted keys, stable bytes for the same store."""
        return _json_text(self.to_json())

    def table(self) -> str:
        """A readable listing: each pair on two lines, then its reasons."""
        lines: list[str] = []
        for c in self.candidates:
            lines.append(f"{c.score:.3f}  {_side(c.a)}")
            lines.append(f"       = {_side(c.b)}")
            lines.extend(f"         {r.code}: {r.text}" for r in c.reasons)
        lines.append(
            f"{len(self.candidates)} possible duplicate(s) among {self.entities} entities (score >= {self.min_score:g})"
        )
        return "\n".join(lines)


def _side(e: Entity) -> str:
    where = ", ".join(e.documents[:4]) + (f" +{len(e.documents) - 4}" if len(e.documents) > 4 else "")
    origin = "registry" if e.in_registry else "minted"
    short = e.iri.replace(ID, "id:", 1)
    return f"{e.label} ({e.type}, {origin}) {short}" + (f" in {where}" if where else "")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Words that are not names: folded, lower-case."""

    function_words: frozenset[str] = frozenset()  # connectors, determiners, coordinators
    titles: frozenset[str] = frozenset()  # honorifics and the words of role titles
    particles: frozenset[str] = frozenset()  # name particles (van, bin, de, al)


@lru_cache(maxsize=1)
def pack_words() -> Lexicon:
    """Honorifics, name particles and function words of every rule pack (plain word lists)."""
    from .rules import RULES_DIR, available_languages, read_pack_data

    function, titles, particles = set(), set(), set()
    for language in available_languages():
        data = read_pack_data(RULES_DIR / f"{language}.yaml")
        for key, into in (("connectors", function), ("determiners", function), ("coordinators", function),
                          ("honorifics", titles), ("name_particles", particles)):
            for word in data.get(key) or ():
                into.update(_WORD.findall(ascii_fold(str(word)).lower()))
    return Lexicon(frozenset(function), frozenset(titles), frozenset(particles))


# -- reading the store ------------------------------------------------------------------------------

_ENTITIES = """
SELECT DISTINCT ?x ?class ?reg WHERE {
  ?x cdo:inRegistry ?reg ; a ?class .
  VALUES ?class { cdo:Company cdo:NGO cdo:InternationalOrganization cdo:GovernmentBody
                  cdo:NonStateOrganization cdo:Person cdo:Treaty cdo:Process }
}
"""

_NAMES = """
SELECT DISTINCT ?x ?p ?name WHERE {
  ?x cdo:inRegistry ?reg ; ?p ?name .
  VALUES ?p { rdfs:label skos:prefLabel skos:altLabel cdo:acronym }
}
"""

_DOCUMENTS = """
SELECT DISTINCT ?x ?id WHERE {
  GRAPH ?g {
    ?doc a cdo:SourceDocument ; dcterms:identifier ?id .
    { ?doc cdo:hasContext ?ctx . ?mention nif:referenceContext ?ctx ; itsrdf:taIdentRef ?x }
    UNION { ?x cdo:inRegistry false }
  }
}
"""

_POSTS = """
SELECT DISTINCT ?x ?org ?role WHERE {
  ?tenure a cdo:Tenure ; org:member ?x ; org:organization ?org . OPTIONAL { ?tenure org:role ?role }
}
"""

_PARENTS = """
SELECT DISTINCT ?x ?parent WHERE { ?x a cdo:GovernmentBody ; org:subOrganizationOf ?parent }
"""

_ROLE_TITLES = f"""
SELECT DISTINCT ?name WHERE {{
  ?role skos:inScheme <{VOCAB}role> . {{ ?role skos:prefLabel ?name }} UNION {{ ?role skos:altLabel ?name }}
}}
"""


def _rows(store: ox.Store, body: str) -> Iterator[ox.QuerySolution]:
    yield from store.query(sparql_prefixes() + body, use_default_graph_as_union=True)


@dataclass(slots=True)
class _Facts:
    """What the store says of each entity, as ``entities_from_store`` gathers it."""

    classes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    registry: dict[str, bool] = field(default_factory=dict)
    names: dict[str, set[tuple[str, str, str]]] = field(default_factory=lambda: defaultdict(set))
    documents: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    posts: dict[str, set[tuple[str, str]]] = field(default_factory=lambda: defaultdict(set))
    parents: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))

    def add_name(self, iri: str, predicate: str, name: ox.Term) -> None:
        language = name.language if isinstance(name, ox.Literal) and name.language else ""
        self.names[iri].add((predicate.rsplit("#", 1)[-1], language, name.value))


def entities_from_store(store: ox.Store, iris: Collection[str] | None = None, *, documents: bool = True) -> list[Entity]:
    """Every person, organisation, treaty and process of ``store`` (or those of them among
    ``iris``: looked up one by one, for an incremental build), sorted by IRI. ``documents=False``
    leaves out the documents that mention each (only the report shows them; an entity of the
    registry may be mentioned in every document)."""
    facts = _Facts()
    if iris is None:
        _gather_all(store, facts)
    else:
        for iri in iris:
            _gather_one(store, ox.NamedNode(iri), facts, documents)
    out = []
    for iri in sorted(facts.classes):
        kind = next(((t, g) for c, t, g in _TYPES if c in facts.classes[iri]), None)
        if kind is None or not facts.names.get(iri) or iri not in facts.registry:
            continue
        names = facts.names[iri]
        out.append(Entity(
            iri, kind[0], kind[1], facts.registry[iri], _label(names), tuple(sorted({n for _, _, n in names})),
            tuple(sorted(facts.documents.get(iri, ()))), frozenset(facts.posts.get(iri, ())), frozenset(facts.parents.get(iri, ())),
        ))
    return out


def _gather_all(store: ox.Store, facts: _Facts) -> None:
    """Every entity's facts, by five queries over the union of the graphs."""
    for row in _rows(store, _ENTITIES):
        iri = row["x"].value
        facts.classes[iri].add(row["class"].value.removeprefix(str(CDO)))
        facts.registry[iri] = facts.registry.get(iri, False) or row["reg"].value == "true"
    for row in _rows(store, _NAMES):
        facts.add_name(row["x"].value, row["p"].value, row["name"])
    for row in _rows(store, _DOCUMENTS):
        facts.documents[row["x"].value].add(row["id"].value)
    for row in _rows(store, _POSTS):
        facts.posts[row["x"].value].add((row["org"].value, row["role"].value if row["role"] else ""))
    for row in _rows(store, _PARENTS):
        facts.parents[row["x"].value].add(row["parent"].value)


_T = {name: ox.NamedNode(str(term)) for name, term in {
    "type": RDF.type, "inRegistry": CDO.inRegistry, "SourceDocument": CDO.SourceDocument,
    "hasContext": CDO.hasContext, "Tenure": CDO.Tenure, "GovernmentBody": CDO.GovernmentBody,
    "identifier": DCTERMS.identifier, "referenceContext": NIF.referenceContext, "taIdentRef": ITSRDF.taIdentRef,
    "member": ORG.member, "organization": ORG.organization, "role": ORG.role, "subOrganizationOf": ORG.subOrganizationOf,
}.items()}
_NAME_PREDICATES = tuple(ox.NamedNode(str(p)) for p in (RDFS.label, SKOS.prefLabel, SKOS.altLabel, CDO.acronym))
_FALSE = ox.Literal("false", datatype=ox.NamedNode(str(XSD.boolean)))


def _gather_one(store: ox.Store, x: ox.NamedNode, facts: _Facts, documents: bool = True) -> None:
    """One entity's facts by index lookups: what ``_gather_all``'s queries give for it (a query
    with ``?x`` bound is planned from the documents, not from ``?x``: seconds per entity)."""
    def objects(s, p, g=None) -> Iterator[ox.Term]:
        return (q.object for q in store.quads_for_pattern(s, p, None, g))

    def has(s, p, o, g=None) -> bool:
        return next(iter(store.quads_for_pattern(s, p, o, g)), None) is not None

    iri = x.value
    registry = [o.value for o in objects(x, _T["inRegistry"])]
    if not registry:
        return
    facts.registry[iri] = "true" in registry
    classes = {o.value.removeprefix(str(CDO)) for o in objects(x, _T["type"]) if isinstance(o, ox.NamedNode)}
    facts.classes[iri].update(c for c, _, _ in _TYPES if c in classes)
    for predicate in _NAME_PREDICATES:
        for name in objects(x, predicate):
            facts.add_name(iri, predicate.value, name)

    def documents_in(graph) -> Iterator[str]:
        for doc in (q.subject for q in store.quads_for_pattern(None, _T["type"], _T["SourceDocument"], graph)):
            yield from (o.value for o in objects(doc, _T["identifier"], graph))

    if documents:
        for mention in store.quads_for_pattern(None, _T["taIdentRef"], x):
            graph = mention.graph_name
            if not isinstance(graph, ox.NamedNode):
                continue
            for context in objects(mention.subject, _T["referenceContext"], graph):
                for doc in (q.subject for q in store.quads_for_pattern(None, _T["hasContext"], context, graph)):
                    if has(doc, _T["type"], _T["SourceDocument"], graph):
                        facts.documents[iri].update(o.value for o in objects(doc, _T["identifier"], graph))
        for minted in store.quads_for_pattern(x, _T["inRegistry"], _FALSE):
            if isinstance(minted.graph_name, ox.NamedNode):
                facts.documents[iri].update(documents_in(minted.graph_name))
    for tenure in (q.subject for q in store.quads_for_pattern(None, _T["member"], x)):
        if has(tenure, _T["type"], _T["Tenure"]):
            roles = {o.value for o in objects(tenure, _T["role"])} or {""}
            facts.posts[iri].update((org.value, role) for org in objects(tenure, _T["organization"]) for role in roles)
    if "GovernmentBody" in classes:
        facts.parents[iri].update(o.value for o in objects(x, _T["subOrganizationOf"]))


def _label(names: set[tuple[str, str, str]]) -> str:
    """The English rdfs:label, else the first rdfs:label by language, else the first name."""
    labels = sorted((lang != "en", lang, n) for p, lang, n in names if p == "label")
    return labels[0][2] if labels else sorted(n for _, _, n in names)[0]


def lexicon_from_store(store: ox.Store) -> Lexicon:
    """The rule packs' words, with the words of the role titles of the store's ``vocab/role``."""
    base = pack_words()
    roles = set()
    for row in _rows(store, _ROLE_TITLES):
        roles.update(_WORD.findall(ascii_fold(row["name"].value).lower()))
    return Lexicon(base.function_words, base.titles | (roles - base.function_words - base.particles), base.particles)


# -- names ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Name:
    """One name, analysed once: its folded tokens, its acronym form or its initials."""

    text: str
    tokens: tuple[str, ...]  # folded, lower-case
    content: tuple[str, ...]  # tokens that are not function words
    acronym: str | None  # the name itself when it is an acronym ("OECD", "CERT-EU"), folded upper-case
    initials: frozenset[str] = field(default_factory=frozenset)  # of a long name: candidate acronyms
    core: tuple[str, ...] = ()  # tokens that are not titles or particles (person names)


def analyse(text: str, lexicon: Lexicon) -> _Name:
    """Fold, tokenise and read the acronym or initials of one name.

    >>> n = analyse("Organisation de coopération et de développement économiques", pack_words())
    >>> "OCDE" in n.initials
    True
    >>> analyse("CERT-EU", pack_words()).acronym
    'CERTEU'
    """
    folded = ascii_fold(text)
    tokens = tuple(_WORD.findall(folded.lower()))
    content = tuple(t for t in tokens if t not in lexicon.function_words)
    acronym = None
    if " " not in text.strip() and _ACRONYM.fullmatch(folded.strip()) and sum(c.isupper() for c in folded) >= 2:
        acronym = "".join(_WORD.findall(folded.lower())).upper()
    initials: set[str] = set()
    if acronym is None and len(content) >= 2:
        words = [_WORD.findall(w.lower()) for w in folded.split()]
        heads = [w[0] for w in folded.split() if w[:1].isalpha()]
        initials.add("".join(t[0] for t in content).upper())  # "Asia-Pacific Economic Cooperation": APEC
        initials.add("".join(_head(w, lexicon) for w in words))  # "Co-operation" one word: OSCE
        initials.add("".join(h for h in heads if h.isupper()))  # capitalised words only
    core = tuple(t for t in tokens if t not in lexicon.titles and t not in lexicon.particles) or tokens
    return _Name(text, tokens, content, acronym, frozenset(i for i in initials if len(i) >= 2), core)


def _head(tokens: Sequence[str], lexicon: Lexicon) -> str:
    """The initial of a word given as its tokens, past an elided article ("l'Union": U); '' for a function word."""
    for t in tokens[:2]:
        if t not in lexicon.function_words:
            return t[0].upper()
    return ""


def _q(text: str) -> str:
    return f"'{text}'"


def score_names(a: _Name, b: _Name, group: str, lexicon: Lexicon, explained: tuple[bool, bool] = (False, False)) -> Reason | None:
    """The strongest signal that names ``a`` and ``b`` (of entities of ``group``) name one entity;
    ``explained`` says whether each name, if an acronym, is the initials of another name of its entity.

    >>> lex = pack_words()
    >>> score_names(analyse("Sri Ahmad Faizal bin Rahman", lex), analyse("Ahmad Faizal bin Rahman", lex), "person", lex).code
    'title'
    >>> score_names(analyse("Magnus Brunner", lex), analyse("Nicole Brunner", lex), "person", lex) is None
    True
    """
    if a.acronym or b.acronym:
        return _acronyms(a, b, explained)
    if not a.content or not b.content:
        return None
    if a.tokens == b.tokens:
        return Reason("same-name", f"{_q(a.text)} and {_q(b.text)} are the same name once diacritics and case are folded", SCORES["same-name"])
    if group == "person":
        return _persons(a, b, lexicon)
    return _organisations(a, b, lexicon)


def _acronyms(a: _Name, b: _Name, explained: tuple[bool, bool]) -> Reason | None:
    """Acronym signals. A short acronym (three letters or fewer) that its own entity's long name
    explains ("CCC": Chaos Computer Club) is a homonym of any other, not evidence."""
    if a.acronym and b.acronym:
        if a.acronym == b.acronym and (len(a.acronym) >= 4 or not all(explained)):
            return Reason("same-acronym", f"both are called {_q(a.text)}", SCORES["same-acronym"])
        if len(a.acronym) >= 4 and a.acronym != b.acronym and sorted(a.acronym) == sorted(b.acronym):
            return Reason("acronym-order", f"{_q(a.text)} and {_q(b.text)} have the same letters in another order (a translated acronym)", SCORES["acronym-order"])
        return None
    (short, long), own = ((a, b), explained[0]) if a.acronym else ((b, a), explained[1])
    assert short.acronym is not None
    if short.acronym in long.initials and (len(short.acronym) >= 4 or not own):
        score = SCORES["acronym"] - 0.15 * max(0, 4 - len(short.acronym))
        return Reason("acronym", f"{_q(short.text)} is the initials of {_q(long.text)}", round(score, 3))
    if len(short.acronym) >= 4 and any(sorted(short.acronym) == sorted(i) for i in long.initials if i != short.acronym):
        return Reason("acronym-order", f"{_q(short.text)} has the letters of the initials of {_q(long.text)} in another order (a translated acronym)", SCORES["acronym-order"])
    return None


def _persons(a: _Name, b: _Name, lexicon: Lexicon) -> Reason | None:
    core_a, core_b = a.core, b.core
    if core_a == core_b:
        extra = sorted(set(a.tokens) ^ set(b.tokens))
        code = "particle" if all(t in lexicon.particles for t in extra) else "title"
        return Reason(code, f"{_q(a.text)} and {_q(b.text)} differ only by {', '.join(_q(t) for t in extra)}", SCORES[code])
    if len(core_a) == len(core_b) and sorted(core_a) == sorted(core_b):
        return Reason("reordered", f"{_q(a.text)} and {_q(b.text)} are the same names in another order", SCORES["reordered"])
    short, long = (core_a, core_b) if len(core_a) <= len(core_b) else (core_b, core_a)
    if len(short) >= 2 and short[-1] == long[-1]:
        if len(short) == len(long) and all(x == y or (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)) for x, y in zip(short, long)):
            return Reason("initials", f"{_q(a.text)} and {_q(b.text)} agree once initials are read as names", SCORES["initials"])
        if _is_subsequence(short, long):
            code = "middle-name" if short[0] == long[0] else "given-names"
            extra = [t for t in long if t not in short]
            return Reason(code, f"{_q(a.text)} and {_q(b.text)} differ by the name(s) {', '.join(_q(t) for t in extra)}", SCORES[code])
    if len(core_a) == len(core_b) >= 2:
        differ = [(x, y) for x, y in zip(core_a, core_b) if x != y]
        similarity = Indel.normalized_similarity(" ".join(core_a), " ".join(core_b))
        if len(differ) == 1 and min(map(len, differ[0])) >= 4 and Indel.normalized_similarity(*differ[0]) >= 0.75:
            # a surname spelt two ways is a transliteration; two given names may be two relatives
            weight = 1.0 if differ[0][0] == core_a[-1] else 0.85
            return Reason("spelling", f"{_q(a.text)} and {_q(b.text)} are spelt alike ({similarity:.2f})", round(SCORES["spelling"] * similarity * weight, 3))
    return None


def _organisations(a: _Name, b: _Name, lexicon: Lexicon) -> Reason | None:
    if a.content == b.content:
        return Reason("same-name", f"{_q(a.text)} and {_q(b.text)} differ only by {', '.join(_q(t) for t in sorted(set(a.tokens) ^ set(b.tokens)))}", SCORES["same-name"])
    if _abbreviates(a.tokens, b.tokens) or _abbreviates(b.tokens, a.tokens):
        return Reason("abbreviation", f"{_q(a.text)} and {_q(b.text)} agree once an abbreviation is read as the words it stands for", SCORES["abbreviation"])
    similarity = Indel.normalized_similarity(" ".join(a.content), " ".join(b.content))
    if similarity >= SPELLING_FLOOR + 0.02 and min(len(a.content), len(b.content)) >= 2:
        return Reason("spelling", f"{_q(a.text)} and {_q(b.text)} are spelt alike ({similarity:.2f})", round(SCORES["spelling"] * similarity, 3))
    short, long = (a, b) if len(a.tokens) <= len(b.tokens) else (b, a)
    if len(short.content) >= 2 and len(long.tokens) > len(short.tokens):
        n = len(short.tokens)
        for start in (0, len(long.tokens) - n):
            if long.tokens[start:start + n] == short.tokens:
                rest = long.tokens[:start] + long.tokens[start + n:]
                if len(rest) <= 2 and not any(t in lexicon.function_words for t in rest):
                    return Reason("subset", f"{_q(long.text)} is {_q(short.text)} with {', '.join(_q(t) for t in rest)}", SCORES["subset"])
    return None


def _abbreviates(short: Sequence[str], long: Sequence[str]) -> bool:
    """Whether ``long`` is ``short`` with at least one token of ``short`` written out as the words
    whose initials it is ("UN Convention against Cybercrime" / "United Nations Convention …")."""
    i = j = 0
    expanded = False
    while i < len(short) and j < len(long):
        token = short[i]
        if token == long[j]:
            i, j = i + 1, j + 1
        elif 2 <= len(token) <= 5 and "".join(w[0] for w in long[j:j + len(token)]) == token:
            i, j, expanded = i + 1, j + len(token), True
        else:
            return False
    return expanded and i == len(short) and j == len(long)


def _is_subsequence(short: Sequence[str], long: Sequence[str]) -> bool:
    it = iter(long)
    return all(any(x == y for y in it) for x in short)


# -- pairs ------------------------------------------------------------------------------------------


def compatible(a: Entity, b: Entity) -> bool:
    """Whether ``a`` and ``b`` may be one entity: same group, one minted, bodies of one state."""
    if a.iri == b.iri or a.group != b.group or (a.in_registry and b.in_registry):
        return False
    return not (a.parents and b.parents and not a.parents & b.parents)


def score_pair(a: Entity, b: Entity, lexicon: Lexicon, names: dict[str, _Name] | None = None) -> tuple[float, tuple[Reason, ...]]:
    """The score of the pair (0 when nothing suggests they are one) and its reasons, best first.

    >>> lex = pack_words()
    >>> post = frozenset({("x:org", "x:director")})
    >>> p = Entity("x:1", "Person", "person", False, "Karin Leitner", ("Karin Leitner",), posts=post)
    >>> q = Entity("x:2", "Person", "person", False, "K. Leitner", ("K. Leitner",), posts=post)
    >>> score, reasons = score_pair(p, q, lex)
    >>> [r.code for r in reasons], score
    (['initials', 'surname-post'], 0.87)
    """
    if not compatible(a, b):
        return 0.0, ()
    cache = names if names is not None else {}
    analysed = lambda e: [cache.get(n) or cache.setdefault(n, analyse(n, lexicon)) for n in e.names]  # noqa: E731
    return _score(a, b, analysed(a), analysed(b), lexicon)


def _score(a: Entity, b: Entity, names_a: Sequence[_Name], names_b: Sequence[_Name], lexicon: Lexicon) -> tuple[float, tuple[Reason, ...]]:
    initials_a = frozenset().union(*(n.initials for n in names_a))
    initials_b = frozenset().union(*(n.initials for n in names_b))
    best: dict[str, Reason] = {}
    for x in names_a:
        for y in names_b:
            reason = score_names(x, y, a.group, lexicon, (x.acronym in initials_a, y.acronym in initials_b))
            if reason and (reason.code not in best or (reason.score, reason.text) > (best[reason.code].score, best[reason.code].text)):
                best[reason.code] = reason
    if a.group == "person" and a.posts and b.posts:
        surnames = {n.core[-1] for n in names_a if n.core} & {n.core[-1] for n in names_b if n.core}
        post = _shared_post(a.posts, b.posts) if surnames else None
        if post:
            best["surname-post"] = Reason("surname-post", f"both are called {min(surnames).title()} and {post[1]}", post[0])
    reasons = tuple(sorted(best.values(), key=lambda r: (-r.score, r.code)))
    if not reasons:
        return 0.0, ()
    first = reasons[0].score
    second = reasons[1].score if len(reasons) > 1 else 0.0
    return round(first + (1 - first) * second / 2, 3), reasons


def _shared_post(a: frozenset[tuple[str, str]], b: frozenset[tuple[str, str]]) -> tuple[float, str] | None:
    """How much a shared post says: the same role in one organisation most, a post in one state least
    (a surname shared by two officials of one state is common)."""
    short = lambda iri: iri.replace(ID, "id:", 1).replace(str(VOCAB), "vocab:", 1)  # noqa: E731
    found = []
    for org, role in a & b:
        if role:
            found.append((SCORES["surname-post"] + 0.15, f"hold the post {short(role)} in {short(org)}"))
    for org in {o for o, _ in a} & {o for o, _ in b}:
        in_state = org.startswith(f"{ID}state/")
        found.append((SCORES["surname-post"] - (0.15 if in_state else 0.0), f"hold posts in {short(org)}"))
    return max(found, key=lambda f: (f[0], f[1])) if found else None


def _keys(entity: Entity, names: Iterable[_Name]) -> tuple[set[str], set[str]]:
    """Blocking keys, strong and weak. A person: the surname, the first name with the surname's
    first letters, the sorted names (all strong). An organisation or treaty: acronyms, initials and
    the letters of long ones (strong), folded tokens (weak: two must be shared)."""
    strong: set[str] = set()
    weak: set[str] = set()
    for n in names:
        if entity.group == "person":
            core = n.core
            if core:
                strong.update((f"n:{core[-1]}", f"g:{core[0]}|{core[-1][:3]}", f"r:{' '.join(sorted(core))}"))
            continue
        weak.update(f"t:{t}" for t in n.content if len(t) >= 2)
        for acronym in ({n.acronym} if n.acronym else n.initials):
            strong.add(f"a:{acronym}")
            if len(acronym) >= 4:
                strong.add(f"s:{''.join(sorted(acronym))}")
    return {f"{entity.group}|{k}" for k in strong}, {f"{entity.group}|{k}" for k in weak}


def _postings(keys: Mapping[str, tuple[frozenset[str], frozenset[str]]]) -> dict[str, set[str]]:
    """Blocking key → the IRIs of the entities that have it."""
    postings: dict[str, set[str]] = defaultdict(set)
    for iri, (strong, weak) in keys.items():
        for k in strong | weak:
            postings[k].add(iri)
    return postings


def _partners(iri: str, keys: Mapping[str, tuple[frozenset[str], frozenset[str]]], postings: Mapping[str, set[str]]) -> set[str]:
    """The entities blocked with ``iri`` (itself included): a shared strong key, or two shared weak
    keys (one when either side has only one); a key of more than ``MAX_BLOCK`` entities is not used.
    The relation is symmetric."""
    strong, weak = keys[iri]
    by_strong: set[str] = set()
    by_weak: Counter[str] = Counter()
    for k in strong:
        if len(postings[k]) <= MAX_BLOCK:
            by_strong.update(postings[k])
    for k in weak:
        if len(postings[k]) <= MAX_BLOCK:
            by_weak.update(postings[k])
    return by_strong | {j for j, n in by_weak.items() if n >= 2 or min(len(weak), len(keys[j][1])) <= 1}


def _candidate(x: Entity, y: Entity, names: Callable[[Entity], Sequence[_Name]], lexicon: Lexicon, min_score: float) -> Candidate | None:
    """The pair of ``x`` and ``y`` when it scores ``min_score`` or more; its ``b`` is the registry
    side when there is one, else the greater IRI."""
    if not compatible(x, y):
        return None
    first, second = (y, x) if x.in_registry or (not y.in_registry and y.iri < x.iri) else (x, y)
    score, reasons = _score(first, second, names(first), names(second), lexicon)
    return Candidate(first, second, score, reasons) if reasons and score >= min_score else None


def _namer(lexicon: Lexicon) -> Callable[[Entity], list[_Name]]:
    cache: dict[str, _Name] = {}
    return lambda e: [cache.get(n) or cache.setdefault(n, analyse(n, lexicon)) for n in e.names]


def _keys_of(entities: Iterable[Entity], names: Callable[[Entity], Sequence[_Name]]) -> dict[str, tuple[frozenset[str], frozenset[str]]]:
    return {e.iri: tuple(frozenset(k) for k in _keys(e, names(e))) for e in entities}  # type: ignore[misc]


def _ordered(candidates: Iterable[Candidate]) -> list[Candidate]:
    return sorted(candidates, key=lambda c: (-c.score, c.a.iri, c.b.iri))


def find_duplicates(entities: Sequence[Entity], lexicon: Lexicon, min_score: float = MIN_SCORE) -> list[Candidate]:
    """Every compatible pair of ``entities`` scored ``min_score`` or more, best first, then by IRIs.

    Only pairs blocked together (``_partners``) are scored, each once, from a minted side.
    """
    by_iri = {e.iri: e for e in entities}
    names = _namer(lexicon)
    keys = _keys_of(by_iri.values(), names)
    postings = _postings(keys)
    found: list[Candidate] = []
    for iri in sorted(by_iri):
        entity = by_iri[iri]
        if entity.in_registry:
            continue  # pairs start from a minted entity
        for other in sorted(_partners(iri, keys, postings)):
            partner = by_iri[other]
            if other == iri or (not partner.in_registry and other < iri):
                continue  # a pair of minted entities is scored from its first IRI
            candidate = _candidate(entity, partner, names, lexicon, min_score)
            if candidate:
                found.append(candidate)
    return _ordered(found)


def duplicates_from_store(store: ox.Store, min_score: float = MIN_SCORE) -> DuplicateReport:
    """The possible duplicates of a built store (what ``cdkg duplicates`` prints)."""
    entities = entities_from_store(store)
    candidates = find_duplicates(entities, lexicon_from_store(store), min_score)
    return DuplicateReport(tuple(candidates), len(entities), min_score)


def write_duplicates(store: ox.Store, folder: Path, *, previous: Path | None = None, changed: Collection[str] | None = None) -> Path:
    """Write ``folder/duplicates.json`` for ``store`` (the same store always gives the same bytes),
    and its blocking index ``folder/duplicates-index.json`` for the next build.

    With ``previous`` (the folder of the build ``store`` was patched from) and ``changed`` (every IRI
    that is a subject or object of a quad the patch removed or added), the report is updated rather
    than recomputed — the bytes are the same (see ``_update``); without them, or when the previous
    report, its index or its lexicon do not fit, it is recomputed from the whole store.
    """
    folder = Path(folder)
    lexicon = lexicon_from_store(store)
    report = None
    if previous is not None and changed is not None:
        report = _update(store, lexicon, Path(previous), set(changed))
    if report is None:
        entities = entities_from_store(store)
        keys = _keys_of(entities, _namer(lexicon))
        candidates = find_duplicates(entities, lexicon)
        report = (
            DuplicateReport(tuple(candidates), len(entities), MIN_SCORE).to_json(),
            {e.iri: (e.group, e.in_registry, *keys[e.iri]) for e in entities},
        )
    data, index = report
    path = folder / REPORT_NAME
    path.write_text(_json_text(data), encoding="utf-8")
    (folder / INDEX_NAME).write_text(json.dumps({
        "format": INDEX_FORMAT, "minScore": MIN_SCORE, "lexicon": _lexicon_digest(lexicon),
        "entities": {iri: [g, r, sorted(s), sorted(w)] for iri, (g, r, s, w) in sorted(index.items())},
    }, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return path


# -- incremental update -----------------------------------------------------------------------------

INDEX_NAME = "duplicates-index.json"
INDEX_FORMAT = 1
#: when more entities than this share of all are touched, the update costs more than a recomputation
UPDATE_SHARE = 0.2

_IndexRow = tuple[str, bool, frozenset[str], frozenset[str]]  # group, in registry, strong keys, weak keys


def _json_text(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def _lexicon_digest(lexicon: Lexicon) -> str:
    words = [sorted(lexicon.function_words), sorted(lexicon.titles), sorted(lexicon.particles)]
    return hashlib.sha256(json.dumps(words).encode()).hexdigest()


def _read_previous(previous: Path, lexicon: Lexicon) -> tuple[dict, dict[str, _IndexRow]] | None:
    try:
        report = json.loads((previous / REPORT_NAME).read_text(encoding="utf-8"))
        index = json.loads((previous / INDEX_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if index.get("format") != INDEX_FORMAT or index.get("minScore") != MIN_SCORE or report.get("minScore") != MIN_SCORE:
        return None
    if index.get("lexicon") != _lexicon_digest(lexicon):
        return None
    rows = {iri: (g, bool(r), frozenset(s), frozenset(w)) for iri, (g, r, s, w) in index["entities"].items()}
    return report, rows


def _update(store: ox.Store, lexicon: Lexicon, previous: Path, changed: set[str]) -> tuple[dict, dict[str, _IndexRow]] | None:
    """The report and index of ``store`` from those of the build in ``previous``, where only the
    entities named in ``changed`` may differ; None when a recomputation is due.

    Why the bytes equal a recomputation's: a pair's score reads only its two entities and the
    lexicon, and whether two entities are blocked together reads only their own keys and whether
    each shared key is used (shared by at most ``MAX_BLOCK``). So only pairs with a *touched* side
    can change: an entity named in ``changed``, or one that shares a key whose use flipped. Those
    are dropped and scored again; every other pair is kept as the previous report wrote it.
    """
    found = _read_previous(previous, lexicon)
    if found is None:
        return None
    report, rows = found
    changed = {iri for iri in changed if iri in rows} | _typed(store, changed)
    if len(changed) > UPDATE_SHARE * max(len(rows), 1):
        return None
    names = _namer(lexicon)
    fresh = {e.iri: e for e in entities_from_store(store, changed, documents=False)}
    old_keys = {iri: (r[2], r[3]) for iri, r in rows.items()}
    old_postings = _postings({iri: old_keys[iri] for iri in changed if iri in old_keys})
    for iri in changed:
        rows.pop(iri, None)
    for iri, (strong, weak) in _keys_of(fresh.values(), names).items():
        rows[iri] = (fresh[iri].group, fresh[iri].in_registry, strong, weak)
    keys = {iri: (r[2], r[3]) for iri, r in rows.items()}
    postings = _postings(keys)
    touched = set(changed)
    for k in set(old_postings) | set(chain.from_iterable(keys[i][0] | keys[i][1] for i in fresh)):
        now = postings.get(k, set())
        before = len((now - changed) | old_postings.get(k, set()))  # the key's entities before the change
        if (before <= MAX_BLOCK) != (len(now) <= MAX_BLOCK):
            touched |= now | old_postings.get(k, set())
    pairs: set[tuple[str, str]] = set()
    for iri in touched & set(keys):
        for other in _partners(iri, keys, postings):
            if other != iri and not (rows[iri][1] and rows[other][1]) and rows[iri][0] == rows[other][0]:
                pairs.add((min(iri, other), max(iri, other)))
    needed = set(chain.from_iterable(pairs)) - set(fresh)
    records = {**{e.iri: e for e in entities_from_store(store, needed, documents=False)}, **fresh}
    kept = [c for c in report["candidates"] if c["a"]["iri"] not in touched and c["b"]["iri"] not in touched]
    new = [c for c in (_candidate(records[x], records[y], names, lexicon, MIN_SCORE) for x, y in sorted(pairs)) if c]
    shown = {e.iri: e for e in entities_from_store(store, {e.iri for c in new for e in (c.a, c.b)})}
    candidates = kept + [replace(c, a=shown[c.a.iri], b=shown[c.b.iri]).to_json() for c in new]
    candidates.sort(key=lambda c: (-c["score"], c["a"]["iri"], c["b"]["iri"]))
    data = {"entities": len(rows), "minScore": MIN_SCORE, "count": len(candidates), "candidates": candidates}
    return data, rows


def _typed(store: ox.Store, iris: Collection[str]) -> set[str]:
    """The IRIs among ``iris`` that are subjects of ``cdo:inRegistry`` (what an entity needs first)."""
    out = set()
    for iri in iris:
        if next(store.quads_for_pattern(ox.NamedNode(iri), _T["inRegistry"], None), None) is not None:
            out.add(iri)
    return out

