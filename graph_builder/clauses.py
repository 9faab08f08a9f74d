"""Clauses: what every extractor needs to read a sentence — its cues, its actors, its subject.

In: a ``Recognition`` (the parsed document and its mentions) and the language's rule pack. Out: the
``Context`` of a document, and per cue ``Hit`` the acting ``Actor``s (the subject and the actors
coordinated with it), the actors after the cue, the treaty, date and place of the sentence, and its
modality. ``relations.py`` builds facts from these.

* The **subject** of a cue is the actor named last before it, with the actors coordinated with it,
  or — in verb-second clauses ("Op 25 oktober ontving de premier …") — the first one
  after it; passive cues (``party: after``) take the actor after the cue. Demonyms act only before
  a title or a government noun; actors after "according to" are sources, not subjects.
* A person acts for the organisation of their post in the document (a ministry for its state).
* The **modality** is negated when the pack's negation words stand between the subject and the end
  of the cue, future or hypothetical when their words stand anywhere before it (or a verb of the
  sentence has a future-tense ending), else asserted.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span

from .lexicon import Lexicon
from .link import states_by_mentions
from .nlp import pipeline, sentence_at, tokens
from .recognise import ACTOR_TYPES, Recognition
from .records import Evidence, Mention
from .rules import PLEDGE_REACH, Cue, RulePack, load_pack


@dataclass(slots=True)
class Context:
    """What one document offers every extractor: its sentences, mentions and posts."""

    rec: Recognition
    lexicon: Lexicon
    pack: RulePack
    types: dict[str, str]
    posts: dict[str, tuple[str, str]]  # person -> (role, organisation)
    attached: set[tuple[int, int]]  # char spans of mentions that belong to a post apposition

    def type_of(self, iri: str | None) -> str | None:
        return self.types.get(iri) if iri else None

    def acting(self, iri: str) -> tuple[str, str | None]:
        """The actor a mention acts for, and the person who spoke, if it is a person."""
        if self.type_of(iri) != "Person":
            return iri, None
        org = self.posts.get(iri, (None, None))[1]
        if org is None:
            return iri, None
        entity = self.rec.entity(org, self.lexicon)
        if entity is not None and entity.type == "GovernmentBody" and entity.parent:
            return entity.parent, iri
        return org, iri


@dataclass(frozen=True, slots=True)
class Actor:
    start: int  # token index
    end: int
    iri: str
    type: str
    pronoun: bool = False


@dataclass(frozen=True, slots=True)
class Hit:
    cue: Cue
    start: int
    end: int
    sentence: Span


@lru_cache(maxsize=None)
def cue_matcher(language: str) -> tuple[Matcher, dict[str, Cue]]:
    pack = load_pack(language)
    matcher = Matcher(pipeline(language).vocab)
    cues: dict[str, Cue] = {}
    for kind, kind_cues in pack.cues.items():
        for n, cue in enumerate(kind_cues):
            key = f"{kind}:{n}"
            cues[key] = cue
            matcher.add(key, [list(cue.pattern)])
    return matcher, cues


def cue_hits(ctx: Context, kind: str) -> list[Hit]:
    cache = ctx.rec.doc.user_data.setdefault("cdkg_hits", {})
    if not cache:
        matcher, cues = cue_matcher(ctx.rec.document.language)
        pack = ctx.pack
        doc = ctx.rec.doc
        best: dict[tuple[str, int], Hit] = {}
        inside = [(m.start, m.end) for m in ctx.rec.mentions if m.kind == "entity"]
        for match_id, start, end in matcher(doc):
            key = doc.vocab.strings[match_id]
            if any(start <= t.i < end for t in doc[start:end] if "\n" in t.text):
                continue
            span = doc[start:end]
            if any(s <= span.start_char and span.end_char <= e for s, e in inside):
                continue  # "General Assembly", "Ministerial Meeting …": a cue inside a name is no cue
            cue = cues[key]
            if cue.auxiliaries:
                start = _auxiliary_before(doc, pack, cue.auxiliaries, start)
                if start is None:
                    continue
            hit = Hit(cue, start, end, sentence_at(doc, start))
            slot = (cue.kind, start)
            if slot not in best or (end - start) > (best[slot].end - best[slot].start):
                best[slot] = hit
        for hit in sorted(best.values(), key=lambda h: h.start):
            cache.setdefault(hit.cue.kind, []).append(hit)
    hits = cache.get(kind, [])
    kept: list[Hit] = []
    for hit in hits:  # overlapping cues of one kind: keep the longest
        if kept and hit.start < kept[-1].end:
            if hit.end - hit.start > kept[-1].end - kept[-1].start:
                kept[-1] = hit
            continue
        kept.append(hit)
    return kept


def _auxiliary_before(doc: Doc, pack: RulePack, auxiliaries: tuple[tuple[str, ...], ...], verb: int) -> int | None:
    """Where the auxiliary of a pledge verb starts: the nearest one up to ``PLEDGE_REACH`` words
    before the verb, in its sentence and clause (no clause break or quote between: "Wij willen deel
    uitmaken van het netwerk dat elkaar helpt" pledges no help)."""
    sentence_start = sentence_at(doc, verb).start
    for i in range(verb - 1, max(sentence_start, verb - PLEDGE_REACH - 1) - 1, -1):
        t = doc[i]
        if t.lower_ in pack.clause_breaks or t.is_quote or "\n" in t.text:
            return None
        for aux in auxiliaries:
            if i + len(aux) <= verb and all(doc[i + k].lower_ == w for k, w in enumerate(aux)):
                return i
    return None


def sentence_mentions(ctx: Context, sent: Span) -> list[Mention]:
    return [m for m in ctx.rec.mentions if sent.start_char <= m.start and m.end <= sent.end_char]


def sentence_actors(ctx: Context, sent: Span) -> list[Actor]:
    doc = ctx.rec.doc
    out = []
    for m in sentence_mentions(ctx, sent):
        if not m.entity or m.kind not in ("entity", "pronoun") or (m.start, m.end) in ctx.attached:
            continue
        t = ctx.type_of(m.entity)
        if t in ACTOR_TYPES:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if m.source == "demonym" and not _demonym_acts(ctx, span):
                continue  # "de Vietnamese hoofdstad": an adjective of place, not an actor
            if _attributed(ctx, span):
                continue  # "Laut UNO haben 78 Staaten …": the source of a report, not its subject
            out.append(Actor(span.start, span.end, m.entity, t, m.kind == "pronoun"))
    return out


def _attributed(ctx: Context, span: Span) -> bool:
    doc = ctx.rec.doc
    before = " ".join(t.lower_ for t in doc[max(sentence_at(doc, span.start).start, span.start - 3) : span.start])
    return any(before.endswith(marker) for marker in ctx.pack.attribution_markers)


def _demonym_acts(ctx: Context, span: Span) -> bool:
    """A demonym names an actor when it qualifies a title or a government ("the French minister",
    "de Nederlandse regering"), not when it qualifies a place or a thing."""
    doc = ctx.rec.doc
    if span.end >= len(doc):
        return False
    nxt = tokens(doc)[span.end]
    if nxt.norm_ in ctx.pack.government_nouns or nxt.lower_ in ctx.pack.government_nouns:
        return True
    return any(m.kind == "role" and m.start == nxt.idx for m in ctx.rec.mentions)


def subject_of(ctx: Context, actors: list[Actor], hit: Hit) -> tuple[list[Actor], list[Actor]]:
    """The acting actors of a cue (with coordination) and the actors after them."""
    doc = ctx.rec.doc
    before = [a for a in actors if a.end <= hit.start]
    after = [a for a in actors if a.start >= hit.end]
    if hit.cue.party == "after":
        return _coordinated(doc, after, ctx.pack, forward=True), []
    if before:
        if hit.cue.phrase.startswith("'s") or hit.cue.phrase.startswith("’s"):
            group = _coordinated(doc, before, ctx.pack, forward=False)  # "Ireland's ratification"
        else:
            group = _coordinated(doc, _clause_initial(ctx, before, hit), ctx.pack, forward=True)
        return group, after
    if after:
        group = _coordinated(doc, after, ctx.pack, forward=True)
        return group, [a for a in after if a not in group]
    return [], []


def _clause_initial(ctx: Context, before: list[Actor], hit: Hit) -> list[Actor]:
    """The actors from the start of the cue's clause: after the last clause boundary ("dat", "that",
    ";") before the cue if an actor follows it, else the actor nearest before that boundary (the
    antecedent of "qui", "who"), else from the sentence start. In "Kenia heeft het
    Verdrag van Malabo van de Afrikaanse Unie nog niet geratificeerd" the subject is Kenia, not the
    Union named inside the treaty's name."""
    doc = ctx.rec.doc
    boundary = hit.sentence.start
    for token in doc[hit.sentence.start : hit.start]:
        if _opens_clause(ctx, token):
            boundary = token.i + 1
    clause = [a for a in before if a.start >= boundary]
    if not clause and boundary > hit.sentence.start:  # "…, a déclaré le Secrétaire général, qui a invité …"
        nearest = [a for a in before if a.end < boundary and not _governed(ctx, a)]
        clause = nearest[-1:]
    clause = clause or before
    free = [a for a in clause if not _governed(ctx, a)]
    if free:
        return free
    inside = [a for a in _inside(ctx, hit) if not _governed(ctx, a)]
    return inside[:1] or clause


def _opens_clause(ctx: Context, token) -> bool:
    """A clause break ("dat", "que", "said"), a semicolon, or a coordinator after a comma ("…, y el
    Congreso aprobó …": a new clause with its own subject)."""
    if token.lower_ in ctx.pack.clause_breaks or token.text == ";":
        return True
    return token.lower_ in ctx.pack.coordinators and token.i > 0 and tokens(ctx.rec.doc)[token.i - 1].text == ","


def _governed(ctx: Context, actor: Actor) -> bool:
    """Whether a preposition governs the actor ("mit dem Europarat", "des Europäischen Parlaments",
    "namens de EU"): such an actor is not the subject when the clause has another."""
    doc = ctx.rec.doc
    i = actor.start - 1
    while i >= 0 and doc[i].lower_ in ctx.pack.determiners and doc[i].lower_ not in ctx.pack.prepositions:
        i -= 1
    return i >= 0 and i >= actor.start - 3 and doc[i].lower_ in ctx.pack.prepositions


def _inside(ctx: Context, hit: Hit) -> list[Actor]:
    """The actors within a gapped cue: after a fronted phrase the subject follows the finite verb
    ("Über gemeinsame Programme wird die Kommission Partnerländer … unterstützen")."""
    return [a for a in sentence_actors(ctx, hit.sentence) if hit.start < a.start and a.end <= hit.end]


def _coordinated(doc: Doc, actors: list[Actor], pack: RulePack, forward: bool) -> list[Actor]:
    if not actors:
        return []
    ordered = actors if forward else list(reversed(actors))
    group = [ordered[0]]
    for nxt in ordered[1:]:
        a, b = (group[-1], nxt) if forward else (nxt, group[-1])
        between = [t for t in doc[a.end : b.start]]
        if (a.start, a.end) == (b.start, b.end) or (between and all(t.lower_ in pack.coordinators or t.is_space for t in between)):
            group.append(nxt)
        else:
            break
    return group if forward else list(reversed(group))


def nearest_entity(ctx: Context, sent: Span, hit: Hit, type_: str | tuple[str, ...]) -> str | None:
    types = (type_,) if isinstance(type_, str) else type_
    found = [m for m in sentence_mentions(ctx, sent) if m.entity and ctx.type_of(m.entity) in types]
    after = [m for m in found if m.start >= tokens(hit.sentence.doc)[hit.start].idx]
    pick = after[0] if after else (found[-1] if found else None)
    return pick.entity if pick else None


def sentence_value(ctx: Context, sent: Span, kind: str) -> str | None:
    found = [m for m in sentence_mentions(ctx, sent) if m.kind == kind]
    if found:
        return found[0].value
    if kind == "date":  # a bare year ("sollen 2026 in Berlin stattfinden") when nothing finer is given
        for token in sent:
            if token.is_digit and len(token) == 4 and 1990 <= int(token.text) <= 2040:
                nxt = tokens(ctx.rec.doc)[token.i + 1] if token.i + 1 < len(ctx.rec.doc) else None
                if nxt is None or nxt.text not in ("%", "-", "–"):
                    return token.text
    return None


def modality_of(ctx: Context, hit: Hit, subject: list[Actor]) -> str:
    """Negation counts between the subject and the cue; future and hypothesis anywhere before the
    cue in the sentence ("Ik verwacht dat Nederland het verdrag ondertekent")."""
    doc = ctx.rec.doc
    start = max([a.end for a in subject if a.end <= hit.start] or [hit.sentence.start])
    relative = _relative_clauses(ctx, start, hit)
    for modality in ("negated", "future", "hypothetical"):
        first = start if modality == "negated" else hit.sentence.start
        span = [t for t in doc[first : hit.end] if modality != "negated" or t.i not in relative]
        window = [t.norm_ for t in span] + [t.lower_ for t in span]
        joined = " " + " ".join(window) + " "
        for phrase in ctx.pack.modality.get(modality, ()):
            if f" {' '.join(phrase)} " in joined:
                return modality
    if any(len(t) > 4 and t.lower_.endswith(s) for t in hit.sentence for s in ctx.pack.future_suffixes):
        return "future"  # "se celebrará", "signera": a verb in the future tense anywhere in the sentence
    return "asserted"


def _relative_clauses(ctx: Context, first: int, hit: Hit) -> set[int]:
    """The token indices inside clauses set off by commas between ``first`` and the cue: the
    negation of "México, que no ha firmado el Convenio, reiteró sus reservas" is not the cue's."""
    doc = ctx.rec.doc
    inside: set[int] = set()
    opened = None
    for t in doc[first : hit.start]:
        if t.text == "," and t.i + 1 < len(doc) and doc[t.i + 1].lower_ in ctx.pack.clause_breaks:
            opened = t.i
        elif t.text == "," and opened is not None:
            inside.update(range(opened + 1, t.i))
            opened = None
    return inside


def sentence_evidence(ctx: Context, start: int, end: int) -> Evidence:
    doc = ctx.rec.doc
    span = doc.char_span(start, end, alignment_mode="expand")
    sent = sentence_at(doc, span.start) if span is not None else doc[:]
    text = ctx.rec.document.text
    s, e = sent.start_char, sent.end_char
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    return Evidence(s, e, text[s:e])


def published_date(ctx: Context) -> str | None:
    published = ctx.rec.document.published
    return published.isoformat() if published else None


def resolve_actors(ctx: Context, group: list[Actor]) -> tuple[tuple[str, ...], str | None]:
    """The distinct actors a subject group acts for, and the first person among them who spoke.

    "We" in a statement a ministry publishes speaks for its state, as its officials do
    (:meth:`Context.acting`): "We encourage all countries …" from a foreign ministry is the state's appeal."""
    actors: list[str] = []
    speaker = None
    for a in group:
        iri, person = ctx.acting(a.iri)
        if a.pronoun and ctx.rec.doc[a.start].lower_ in ctx.pack.anaphora.get("publisher", ()):
            iri = parent_state(ctx, iri) or iri
        speaker = speaker or person
        if iri not in actors:
            actors.append(iri)
    return tuple(actors), speaker


def parent_state(ctx: Context, iri: str) -> str | None:
    entity = ctx.rec.entity(iri, ctx.lexicon)
    return entity.parent if entity is not None and entity.type == "GovernmentBody" else None


def implied_state(ctx: Context, sent: Span) -> str | None:
    """The state named in the sentence, else the state the document names most."""
    states = [m.entity for m in sentence_mentions(ctx, sent) if m.kind == "entity" and ctx.type_of(m.entity) == "State"]
    if states:
        return states[0]
    ranked = states_by_mentions(ctx.rec.mentions)
    return ranked[0] if ranked else None


def lede_date(ctx: Context) -> str | None:
    """The first full date of the document's opening paragraph, if not after its publication:
    news reports set the day of what they report there, and later sentences rely on it."""
    text = ctx.rec.document.text
    end = text.find("\n\n")
    end = len(text) if end < 0 else end
    published = ctx.rec.document.published
    for m in ctx.rec.mentions:
        if m.kind == "date" and m.start < end and m.value and len(m.value) == 10:
            if published is None or m.value <= published.isoformat():
                return m.value
    return None


def governing_cue(ctx: Context, hit: Hit) -> str | None:
    """The kind of an appeal or commitment cue earlier in the same sentence, if any."""
    for kind in ("appeal", "commitment"):
        if any(h.sentence.start == hit.sentence.start and h.end <= hit.start for h in cue_hits(ctx, kind)):
            return kind
    return None


def stance_target(ctx: Context, hit: Hit) -> str | None:
    """What a stance cue is about: the first treaty or process after it in its clause (up to a colon
    or semicolon), else the last one before it in the sentence. "México … reiteró sus reservas: …
    defendió la nueva Convención" has its reservations about what came before the colon."""
    doc = ctx.rec.doc
    found = [m for m in sentence_mentions(ctx, hit.sentence) if m.entity and ctx.type_of(m.entity) in ("Treaty", "Process")]
    cue_start = tokens(doc)[hit.start].idx
    stop = next((t.idx for t in doc[hit.end : hit.sentence.end] if t.text in (":", ";")), hit.sentence.end_char)
    after = [m for m in found if cue_start <= m.start < stop]
    if after:
        return after[0].entity
    before = [m for m in found if m.start < cue_start]
    return before[-1].entity if before else None


def clause_actors(ctx: Context, hit: Hit, after: list[Actor]) -> list[Actor]:
    """The actors after a cue up to the end of its clause: a colon, a semicolon, a clause break, or
    a comma and a coordinator ("begrüßte …, und forderte die Bundesregierung auf": the government
    is not what was welcomed)."""
    end = clause_end(ctx, hit)
    return [a for a in after if a.end <= end]


def clause_end(ctx: Context, hit: Hit) -> int:
    """The token index where the cue's clause ends (see :func:`clause_actors`)."""
    for t in ctx.rec.doc[hit.end : hit.sentence.end]:
        if t.text == ":" or _opens_clause(ctx, t):
            return t.i
    return hit.sentence.end


def demonym_after(ctx: Context, hit: Hit, exclude: tuple[str, ...], within_clause: bool = True) -> str | None:
    """The state a demonym after the cue names, in its clause (or its sentence): the concern in
    "warnte vor russischen Cyberangriffen" is about Russia; "trainingen voor Surinaamse
    politiemensen" are for Suriname."""
    doc = ctx.rec.doc
    start = tokens(doc)[hit.end - 1].idx + len(doc[hit.end - 1].text)
    end = clause_end(ctx, hit) if within_clause else hit.sentence.end
    stop = doc[end].idx if end < len(doc) else len(ctx.rec.document.text)
    for m in sentence_mentions(ctx, hit.sentence):
        if (start <= m.start < stop and m.source == "demonym" and m.entity not in exclude
                and ctx.type_of(m.entity) == "State"):
            return m.entity
    return None


def topic(ctx: Context, sent: Span, types: tuple[str, ...] = ("Treaty", "Process")) -> str | None:
    """The treaty or process named last before ``sent`` — what an appeal with no object in its
    sentence is about ("Elle a appelé les États qui n'y ont pas adhéré à le faire")."""
    before = [m.entity for m in ctx.rec.mentions if m.end <= sent.start_char and m.entity and ctx.type_of(m.entity) in types]
    return before[-1] if before else None


def topic_treaty(ctx: Context, sent: Span) -> str | None:
    """The treaty named last before ``sent`` — what a stance with no object in its sentence is about."""
    return topic(ctx, sent, ("Treaty",))


def statements(ctx: Context, kind: str) -> Iterator[tuple[Hit, list[Actor], list[Actor], tuple[str, ...], str | None]]:
    """(hit, subject, actors after it, acting actors, speaker) for each cue of ``kind`` — the first
    cue only, for a given subject in a given sentence ("bevestigde haar toezegging … te ondersteunen")."""
    seen: set[tuple[int, tuple[str, ...]]] = set()
    for hit in cue_hits(ctx, kind):
        group, after = subject_of(ctx, sentence_actors(ctx, hit.sentence), hit)
        acting, speaker = resolve_actors(ctx, group)
        if acting and (hit.sentence.start, acting) not in seen:
            seen.add((hit.sentence.start, acting))
            yield hit, group, after, acting, speaker
