"""Link: within-document coreference — mentions in, the same mentions plus those that point back.

* a lone surname ("Rutte", "Leitner") to the person named in full in the document, or in the registry;
* a lone title ("de secretaris-generaal") to the person who holds it in the document or registry;
* "het Verdrag", "the Convention" to the treaty named last; a subject pronoun to the last person;
* "die Union", "the Commission" to the organisation named last with that head noun;
* "we" in a statement to the organisation that published it;
* "the Government", "het kabinet" to the state the document names most;
* "both sides", "ambas partes" to the two states the document names most.
"""

from __future__ import annotations

import re
from functools import lru_cache

from spacy.tokens import Doc

from . import iris
from .lexicon import Lexicon
from .nlp import sentence_of, text_of, tokens
from .records import Document, Entity, Mention
from .rules import RulePack


def link(doc: Doc, mentions: list[Mention], document: Document, pack: RulePack, lexicon: Lexicon,
         minted: dict[str, Entity]) -> list[Mention]:
    """Resolve the document's references back to the entities they name (see the module docstring)."""
    mentions = _coreference(doc, mentions, pack, lexicon, minted)
    mentions = _organisation_heads(doc, mentions, pack)
    mentions = _first_person(doc, mentions, pack, _publisher(document, lexicon))
    mentions = _governments(doc, mentions, pack)
    return _both(doc, mentions, pack)


def _publisher(document: Document, lexicon: Lexicon) -> str | None:
    """The registry organisation or state that published the document, if its name says so."""
    return publisher_named(document.publisher, lexicon.registry) if document.publisher else None


@lru_cache(maxsize=4096)
def publisher_named(publisher: str, registry) -> str | None:
    """The longest run of words of ``publisher`` that names a registry organisation or state
    ("ASEAN Secretariat (fictional mirror)" → ASEAN)."""
    words = re.findall(r"[\w'’.&-]+", publisher)
    for n in range(len(words), 0, -1):
        for i in range(len(words) - n + 1):
            found = [e for e in registry.lookup(" ".join(words[i : i + n])) if e.type not in ("Person", "Treaty", "Process")]
            if found:
                return found[0].iri
    return None


def _covered(doc: Doc, spans) -> bytearray:
    """A byte per character of the text: 1 where one of ``spans`` (start, end) covers it."""
    covered = bytearray(len(text_of(doc)) + 1)
    for start, end in spans:
        covered[start:end] = b"\x01" * (end - start)
    return covered


def states_by_mentions(mentions) -> list[str]:
    """The states a document names, most named first, ties by first mention: what it is about."""
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    for m in mentions:
        if m.kind == "entity" and m.entity and "/id/state/" in m.entity:
            counts[m.entity] = counts.get(m.entity, 0) + 1
            first.setdefault(m.entity, m.start)
    return sorted(counts, key=lambda iri: (-counts[iri], first[iri]))


def _governments(doc: Doc, mentions: list[Mention], pack: RulePack) -> list[Mention]:
    """"The Government", "het kabinet" with no state named before it: the state the document is about
    (the one it names most)."""
    ranked = states_by_mentions(mentions)
    if not ranked or not pack.government_nouns:
        return mentions
    state = ranked[0]
    taken = [(m.start, m.end) for m in mentions]
    covered = _covered(doc, taken)
    extra = []
    for t in tokens(doc):
        if t.lower_ not in pack.government_nouns or t.i == 0 or tokens(doc)[t.i - 1].lower_ not in pack.determiners:
            continue
        if covered[t.idx] or covered[tokens(doc)[t.i - 1].idx]:
            continue
        if t.i + 1 < len(doc) and covered[tokens(doc)[t.i + 1].idx]:
            continue  # "du gouvernement français": the demonym after it names the state
        extra.append(Mention(t.idx, t.idx + len(t.text), t.text, "pronoun", entity=state, sentence=sentence_of(doc, t.idx), source="coreference"))
    return sorted(mentions + extra, key=lambda m: (m.start, m.end))


def _organisation_heads(doc: Doc, mentions: list[Mention], pack: RulePack) -> list[Mention]:
    """"die Union", "the Commission", "le Conseil": a determiner and the head noun of an organisation
    named before in full ("Europäische Union", "European Commission", "Conseil de l'Europe") refer to
    it. The head is the last word of a name without ``connectors``, else the word before the first
    connector; names of one word and acronyms have none, and a head that is an event cue ("the
    Meeting", "la Conférence") is left alone: it names the event as often. A head followed by a connector that is no
    determiner starts a longer name ("the Council of Ministers") and is left alone."""
    heads: list[tuple[int, str, str]] = []  # (end of the naming mention, head word, organisation)
    for m in mentions:
        if m.kind != "entity" or not m.entity or m.source == "coreference" or not ("/id/org/" in m.entity or "/id/body/" in m.entity):
            continue
        words = m.text.replace("\u2019", "'").split()
        if len(words) < 2:
            continue
        at = next((i for i, w in enumerate(words) if w.lower() in pack.connectors), None)
        head = words[at - 1] if at else words[-1]
        if at == 0 or len(head) < 4 or not head[0].isupper() or head.isupper():
            continue
        heads.append((m.end, head, m.entity))
    if not heads:
        return mentions
    events = {c.phrase.lower() for c in pack.cues.get("event", ()) if " " not in c.phrase}
    covered = _covered(doc, [(m.start, m.end) for m in mentions])
    toks = tokens(doc)
    extra = []
    for t in toks:
        if t.i == 0 or covered[t.idx] or toks[t.i - 1].lower_ not in pack.determiners:
            continue
        named = [org for end, head, org in heads if head == t.text and end <= t.idx]
        if not named or t.lower_ in events or t.norm_ in events:  # "the Meeting", "la Conférence": an event as often
            continue
        if t.i + 1 < len(toks) and toks[t.i + 1].lower_ in pack.connectors and toks[t.i + 1].lower_ not in pack.determiners:
            continue  # "the Council of Ministers": a longer name
        extra.append(Mention(t.idx, t.idx + len(t.text), t.text, "entity", entity=named[-1], sentence=sentence_of(doc, t.idx), source="coreference"))
    return sorted(mentions + extra, key=lambda m: (m.start, m.end))


def _both(doc: Doc, mentions: list[Mention], pack: RulePack) -> list[Mention]:
    """"Both sides", "beide landen", "ambas partes": the last two states named before the phrase
    (else the two the document names most)."""
    ranked = states_by_mentions(mentions)
    if len(ranked) < 2 or not pack.both_words:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    extra = []
    lower = text_of(doc).lower()
    for phrase in pack.both_words:
        for match in re.finditer(rf"(?<!\w){re.escape(phrase.lower())}(?!\w)", lower):
            if any(s < match.end() and match.start() < e for s, e in taken):
                continue
            taken.append(match.span())
            recent: list[str] = []
            for m in sorted(mentions, key=lambda m: -m.start):
                if m.start < match.start() and m.kind == "entity" and m.entity and "/id/state/" in m.entity and m.entity not in recent:
                    recent.append(m.entity)
                if len(recent) == 2:
                    break
            for iri in recent if len(recent) == 2 else ranked[:2]:
                extra.append(Mention(match.start(), match.end(), text_of(doc)[match.start():match.end()], "pronoun",
                                     entity=iri, sentence=sentence_of(doc, match.start()), source="coreference"))
    return sorted(mentions + extra, key=lambda m: (m.start, m.end))


def _first_person(doc: Doc, mentions: list[Mention], pack: RulePack, publisher: str | None) -> list[Mention]:
    """"We" in a statement is the organisation that issued it (the document's publisher)."""
    words = pack.anaphora.get("publisher", frozenset())
    if publisher is None or not words:
        return mentions
    taken = [(m.start, m.end) for m in mentions]
    covered = _covered(doc, taken)
    extra = [
        Mention(t.idx, t.idx + len(t.text), t.text, "pronoun", entity=publisher, sentence=sentence_of(doc, t.idx), source="coreference")
        for t in tokens(doc)
        if t.lower_ in words and not covered[t.idx]
    ]
    return sorted(mentions + extra, key=lambda m: (m.start, m.end))


# -- coreference -------------------------------------------------------------------------------------


def _coreference(doc, mentions, pack, lexicon, minted) -> list[Mention]:
    """Resolve lone surnames, lone titles, treaty anaphora and subject pronouns within the document."""
    persons = [m for m in mentions if m.kind == "entity" and m.entity and not m.entity.startswith("?") and _is_person(m.entity, lexicon, minted)]
    resolved: list[Mention] = []
    for m in mentions:
        if m.kind == "entity" and m.entity and m.entity.startswith("?"):
            surname = m.entity[1:]
            target = _person_by_name_part(surname, persons, lexicon, minted) or lexicon.person_by_name_part(surname)
            if target is None:
                continue  # a lone capitalised word after a title that names no one known: not minted
            m = Mention(m.start, m.end, m.text, "entity", entity=target, sentence=m.sentence, source="coreference")
        resolved.append(m)
    resolved = _anaphora(doc, resolved, pack, lexicon, minted)
    resolved += _surnames(doc, resolved, lexicon, minted)
    return sorted(resolved, key=lambda m: (m.start, m.end))


def _surnames(doc: Doc, mentions: list[Mention], lexicon: Lexicon, minted: dict[str, Entity]) -> list[Mention]:
    """"Leitner appellierte …": a bare surname of a person named in full elsewhere in the document."""
    by_surname: dict[str, set[str]] = {}
    for m in mentions:
        if m.kind == "entity" and m.entity and "/id/person/" in m.entity and len(m.text.split()) > 1:
            by_surname.setdefault(m.text.split()[-1], set()).add(m.entity)
    taken = [(m.start, m.end) for m in mentions]
    covered = _covered(doc, taken)
    found = []
    for token in tokens(doc):
        people = by_surname.get(token.text)
        if not people or len(people) != 1 or covered[token.idx]:
            continue
        found.append(Mention(token.idx, token.idx + len(token.text), token.text, "entity", entity=next(iter(people)),
                             sentence=sentence_of(doc, token.idx), source="coreference"))
    return found


def _is_person(iri: str, lexicon: Lexicon, minted: dict[str, Entity]) -> bool:
    return "/id/person/" in iri


def _person_by_name_part(part: str, persons: list[Mention], lexicon, minted) -> str | None:
    folded = iris.slug(part)
    candidates = {m.entity for m in persons if m.entity and len(m.text.split()) > 1 and folded in iris.slug(m.text).split("-")}
    for iri in list(candidates):
        if iri is None:
            candidates.discard(iri)
    return candidates.pop() if len(candidates) == 1 else None


def _apposition(gap: str, pack: RulePack) -> bool:
    """Whether ``gap`` is a title's qualification ending with the comma before a name (and maybe an
    honorific: "the Secretary-General of ASEAN, Dr. Kao Kim Hourn")."""
    words = gap.split()
    while words and (words[-1].lower() in pack.honorifics or words[-1].lower() in pack.determiners):
        words.pop()
    gap = " ".join(words)
    return gap.endswith(",") and len(words) <= 14 and not any(c in gap for c in ".;:\"“”«»„")


def _anaphora(doc: Doc, mentions: list[Mention], pack: RulePack, lexicon: Lexicon, minted) -> list[Mention]:
    occupied = [(m.start, m.end) for m in mentions]
    treaty_words = pack.anaphora.get("treaty", frozenset())
    person_words = pack.anaphora.get("person", frozenset())
    out = list(mentions)
    role_holder: dict[str, str] = {}
    by_start = sorted(mentions, key=lambda m: m.start)
    # who holds which title in this document: a role mention right before or after a person
    for a, b in zip(by_start, by_start[1:]):
        if a.kind == "role" and b.kind == "entity" and b.entity and "/id/person/" in b.entity and b.start - a.end <= 2:
            role_holder.setdefault(a.value, b.entity)
    for person_iri, role in lexicon.registry_roles():
        if any(m.entity == person_iri for m in mentions):
            role_holder.setdefault(role, person_iri)
    for m in mentions:
        if m.kind == "role" and m.value in role_holder:
            nxt = next((n for n in by_start if n.start >= m.end), None)
            if nxt is not None and nxt.kind == "entity" and nxt.start - m.end <= 2:
                continue  # a title before a name is not an anaphor
            holder = next((n for n in by_start if n.start >= m.end and n.entity == role_holder[m.value]), None)
            if holder is not None and holder.sentence == m.sentence and _apposition(text_of(doc)[m.end : holder.start], pack):
                continue  # nor is one before its holder's name in apposition: "el secretario general de INTERPOL, Valdecy Urquiza"
            prev = doc.char_span(m.start, m.end, alignment_mode="expand")
            if prev is not None and prev.start > 0 and tokens(doc)[prev.start - 1].lower_ in pack.determiners:
                out.append(Mention(m.start, m.end, m.text, "entity", entity=role_holder[m.value], sentence=m.sentence, source="coreference"))
    last_treaty: str | None = None
    by_head: dict[str, str] = {}  # treaty noun ("protocol", "verdrag") -> the treaty named last with that head
    supplemented = {t.iri: t.supplements for t in lexicon.registry.treaties if t.supplements}
    last_person: str | None = None
    events = sorted(out, key=lambda m: m.start)
    covered = _covered(doc, occupied)
    cursor = 0
    for token in tokens(doc):
        while cursor < len(events) and events[cursor].start <= token.idx:
            e = events[cursor]
            if e.kind == "entity" and e.entity:
                if "/id/treaty/" in e.entity:
                    last_treaty = e.entity
                    heads = _treaty_heads(doc, e, treaty_words)
                    if heads:
                        by_head[heads[0]] = e.entity
                    if len(heads) > 1 and e.entity in supplemented:  # "Segundo Protocolo … al Convenio de Budapest"
                        by_head[heads[1]] = supplemented[e.entity]
                elif "/id/person/" in e.entity:
                    last_person = e.entity
            cursor += 1
        if covered[token.idx]:
            continue
        if token.norm_ in treaty_words and last_treaty and token.i > 0 and not token.is_sent_start:
            if tokens(doc)[token.i - 1].lower_ in pack.determiners:
                treaty = by_head.get(token.norm_, last_treaty)  # "the Protocol": the protocol named last
                out.append(Mention(token.idx, token.idx + len(token.text), token.text, "entity", entity=treaty, sentence=sentence_of(doc, token.idx), source="coreference"))
        elif token.lower_ in person_words and last_person:
            out.append(Mention(token.idx, token.idx + len(token.text), token.text, "pronoun", entity=last_person, sentence=sentence_of(doc, token.idx), source="coreference"))
    return out


def _treaty_heads(doc: Doc, mention: Mention, treaty_words: frozenset[str]) -> list[str]:
    """The treaty nouns of a treaty's name as written, in order: "Second Additional Protocol to the
    Convention" is a protocol that names a convention, "Verdrag van Boedapest" a verdrag."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return []
    return list(dict.fromkeys(t.norm_ for t in span if t.norm_ in treaty_words))
