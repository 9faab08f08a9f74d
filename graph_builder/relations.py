"""Extract facts: a ``Recognition`` in, ``Fact`` records out, by the cue phrases of the language's rule pack.

Each extractor is registered under a stable, versioned name (``EXTRACTORS``) that the graph records
as the ``prov:Activity`` behind every fact. All of them work sentence by sentence: a cue phrase
(``rules/{lang}.yaml``) fixes the fact kind and its type (signature, reception, …), and
``clauses.py`` supplies the subject, the actors after the cue, treaty, date, place and modality. A
person acts for the organisation of their post in the document and is recorded as ``stated_by``
(or ``by`` for a treaty action).

The same fact found twice in a document is one fact with two pieces of evidence (emit mints its
IRI from the defining key), and events of one type with compatible date and host are merged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from spacy.tokens import Span

from .clauses import (
    Actor,
    Context,
    Hit,
    cue_hits,
    governing_cue,
    implied_state,
    lede_date,
    modality_of,
    nearest_entity,
    parent_state,
    published_date,
    resolve_actors,
    sentence_actors,
    sentence_evidence,
    sentence_mentions,
    sentence_value,
    statements,
    subject_of,
    topic_treaty,
)
from .lexicon import Lexicon, load_lexicon
from .nlp import sentence_at
from .recognise import ACTOR_TYPES, Recognition
from .records import Fact, Mention
from .rules import load_pack

VERSION = "0.1.0"
APPEAL_ACTIONS_IMPLYING_SUPPORT = frozenset(("sign", "ratify", "accede", "join", "implement"))
_STATE_LEVEL_ROLES = frozenset(
    "head-of-state head-of-government foreign-minister minister deputy-minister ambassador president "
    "prime-minister permanent-representative head-of-delegation spokesperson".split()
)


def extract(rec: Recognition, lexicon: Lexicon | None = None) -> tuple[Fact, ...]:
    """Every fact the registered extractors find in the recognised document."""
    lexicon = lexicon or load_lexicon()
    ctx = _context(rec, lexicon)
    facts: list[Fact] = []
    for name, extractor in EXTRACTORS.items():
        facts.extend(extractor(ctx, name, facts))
    return tuple(facts)


def _context(rec: Recognition, lexicon: Lexicon) -> Context:
    types: dict[str, str] = {}
    for m in rec.mentions:
        if m.entity and m.entity not in types:
            entity = rec.entity(m.entity, lexicon)
            if entity is not None:
                types[m.entity] = entity.type
    ctx = Context(rec, lexicon, load_pack(rec.document.language), types, {}, set())
    for person, role, org, _, _ in _find_posts(ctx):
        ctx.posts.setdefault(person, (role, org))
    return ctx


# -- posts -------------------------------------------------------------------------------------------


def _find_posts(ctx: Context) -> Iterator[tuple[str, str, str, Mention, Mention]]:
    """(person, role, organisation, person mention, role mention) for each title next to a name."""
    mentions = ctx.rec.mentions
    text = ctx.rec.document.text
    for i, person in enumerate(mentions):
        if ctx.type_of(person.entity) != "Person" or person.kind != "entity":
            continue
        before = next((m for m in reversed(mentions[:i]) if m.end <= person.start), None)
        after_role = None
        j = i + 1
        while j < len(mentions) and mentions[j].start - person.end <= 8 and mentions[j].kind != "role":
            if mentions[j].kind == "entity" and ctx.type_of(mentions[j].entity) == "Person":
                break
            j += 1
        if j < len(mentions) and mentions[j].kind == "role" and text[person.end : mentions[j].start].strip().startswith(","):
            after_role = mentions[j]
        role = None
        if before is not None and before.kind == "role" and _title_gap(ctx, text[before.end : person.start]):
            role = before
        elif before is not None and ctx.type_of(before.entity) not in (None, "Person", "Treaty", "Process"):
            prev = next((m for m in reversed(mentions[:i]) if m.end <= before.start), None)
            if prev is not None and prev.kind == "role" and len(text[prev.end : before.start].split()) <= 2 and len(text[before.end : person.start].split()) <= 1:
                role = prev  # "minister van Buitenlandse Zaken Anna X": role, organisation, name
        role = role or after_role
        if role is None:
            continue
        org_mention = _post_organisation(ctx, role)
        org = org_mention.entity if org_mention else None
        if org is None:
            for reg_role, reg_org in ctx.lexicon.registry_posts(person.entity):
                if reg_role == role.value or org is None:
                    org = reg_org
        if org is None:
            org = _implied_organisation(ctx, role, person)
        if org is None:
            continue
        if org_mention is not None:
            ctx.attached.add((org_mention.start, org_mention.end))
        yield person.entity, role.value, org, person, role


def _title_gap(ctx: Context, gap: str) -> bool:
    """Whether the words between a title and a name belong to the title: "Commissioner for
    Infrastructure and Digitalisation Lerato Dlamini", "minister van ICT, Peter Mwangi"."""
    words = gap.replace(",", " ").split()
    if len(words) > 8 or any(c in gap for c in ".;()\"“”«»"):
        return False
    glue = ctx.pack.connectors | ctx.pack.title_prepositions | ctx.pack.determiners
    return all(w.lower() in glue or w[:1].isupper() for w in words)


def _implied_organisation(ctx: Context, role: Mention, person: Mention) -> str | None:
    """With no organisation next to the title: a state's official serves the state named in the
    sentence (else the state the document names most); other titles the organisation in the sentence."""
    if role.value in _STATE_LEVEL_ROLES:
        span = ctx.rec.doc.char_span(person.start, person.end, alignment_mode="expand")
        return implied_state(ctx, sentence_at(ctx.rec.doc, span.start))
    in_sentence = [m for m in ctx.rec.mentions if m.sentence == person.sentence and m.kind == "entity" and m.entity]
    orgs = [m.entity for m in in_sentence if ctx.type_of(m.entity) in ("InternationalOrganization", "NGO", "Company", "GovernmentBody")]
    return orgs[0] if orgs else None


def _post_organisation(ctx: Context, role: Mention) -> Mention | None:
    """The organisation a title names: "minister van ORG", "ORG's minister", "de Vietnamese minister"."""
    text = ctx.rec.document.text
    orgs = [m for m in ctx.rec.mentions if m.kind == "entity" and ctx.type_of(m.entity) in ACTOR_TYPES - {"Person"}]
    glue = ctx.pack.connectors | ctx.pack.title_prepositions | ctx.pack.determiners | ctx.pack.post_prepositions
    for m in orgs:  # after the title: "Ambassador for Cyber Affairs at the Department of …"
        if m.start < role.end:
            continue
        gap = text[role.end : m.start]
        words = gap.split()
        if len(words) > 10 or any(c in gap for c in ",.;()\"“”„«»"):
            break
        if all(w.lower() in glue or w[:1].isupper() for w in words):
            return m
        break
    for m in reversed(orgs):  # before the title: a demonym or a possessive
        if m.end <= role.start and len(text[m.end : role.start].split()) <= 1 and not any(c in text[m.end : role.start] for c in ",.;"):
            return m
    return None


def extract_posts(ctx: Context, name: str, _: list[Fact]) -> Iterator[Fact]:
    """Tenures: a person, a role and the organisation, from a title next to a name."""
    for person, role, org, person_mention, role_mention in _find_posts(ctx):
        start, end = min(person_mention.start, role_mention.start), max(person_mention.end, role_mention.end)
        yield Fact(
            "post",
            (("person", person), ("role", role), ("organization", org), ("date", published_date(ctx))),
            sentence_evidence(ctx, start, end),
            "asserted",
            0.85,
            name,
        )


# -- cue-driven extractors ---------------------------------------------------------------------------


def extract_treaty_actions(ctx: Context, name: str, _: list[Fact]) -> Iterator[Fact]:
    """Signatures, ratifications, accessions, entries into force … of a treaty by a party."""
    events = cue_hits(ctx, "event")
    for hit in cue_hits(ctx, "treaty_action"):
        if any(e.start < hit.end and hit.start < e.end for e in events):
            continue  # "the signing ceremony" is an event, not a signature
        if hit.end < len(ctx.rec.doc) and ctx.rec.doc[hit.end].text == ":":
            continue  # "Firman: …", "Signed:": the signatories of a statement, not of a treaty
        treaty = nearest_entity(ctx, hit.sentence, hit, "Treaty")
        confidence = hit.cue.confidence
        if treaty is None and hit.cue.confidence >= 0.8:  # "Auch Frankreich und Spanien unterzeichneten."
            treaty, confidence = topic_treaty(ctx, hit.sentence), round(hit.cue.confidence * 0.8, 2)
        if treaty is None:
            continue
        actors = [a for a in sentence_actors(ctx, hit.sentence)]
        group, _after = subject_of(ctx, actors, hit)
        parties, by = resolve_actors(ctx, group)
        persons = [p for p in parties if ctx.type_of(p) == "Person"]
        if persons:  # a person with no known post signs for the state the sentence or document names
            by = by or persons[0]
            state = implied_state(ctx, hit.sentence)
            parties = tuple(dict.fromkeys(state if ctx.type_of(p) == "Person" else p for p in parties if state or ctx.type_of(p) != "Person"))
        if any(ctx.type_of(p) == "GovernmentBody" for p in parties):
            if hit.cue.action in ("approval", "acceptance"):
                continue  # a parliament approving a treaty is a domestic step, not the state's consent
            parties = tuple(dict.fromkeys(parent_state(ctx, p) or p for p in parties))
        if not parties and hit.cue.action != "entry-into-force":
            continue
        modality = modality_of(ctx, hit, group)
        governing = governing_cue(ctx, hit)
        if governing == "appeal":
            continue  # "X calls on states to ratify": the ratification is requested, not done
        if governing == "commitment" and modality == "asserted":
            modality = "future"
        date = sentence_value(ctx, hit.sentence, "date") or (lede_date(ctx) if modality == "asserted" else None)
        for party in parties or (None,):
            yield Fact(
                "treaty_action",
                (("party", party), ("action", hit.cue.action), ("treaty", treaty),
                 ("date", date), ("by", by)),
                sentence_evidence(ctx, hit.sentence.start_char, hit.sentence.end_char),
                modality,
                confidence,
                name,
            )


def extract_events(ctx: Context, name: str, _: list[Fact]) -> Iterator[Fact]:
    """Ceremonies, conferences, meetings, receptions, visits, dialogues, sessions and summits."""
    merged: list[dict] = []
    for hit in cue_hits(ctx, "event"):
        actors = sentence_actors(ctx, hit.sentence)
        group, after = subject_of(ctx, actors, hit)
        host: tuple[str, ...] = ()
        participants: list[str] = []
        if hit.cue.host:
            host = tuple(dict.fromkeys(a.iri for a in group))
            participants = [a.iri for a in after if a.type in ("Person", "State")]
        else:
            host = _host_by_cue(ctx, hit.sentence, actors)
            participants = list(dict.fromkeys(a.iri for a in actors if a.type in ("Person", "State", "InternationalOrganization") and a.iri not in host))
            if hit.cue.type != "meeting" and hit.cue.type != "dialogue":
                participants = [p for p in participants if ctx.type_of(p) == "Person"]
        definite = hit.start > hit.sentence.start and ctx.rec.doc[hit.start - 1].lower_ in ctx.pack.determiners
        event = {
            "definite": definite and not hit.cue.host,
            "type": hit.cue.type,
            "date": sentence_value(ctx, hit.sentence, "date"),
            "place": sentence_value(ctx, hit.sentence, "place"),
            "host": host,
            "participants": participants,
            "concerns": nearest_entity(ctx, hit.sentence, hit, ("Treaty", "Process")),
            "evidence": sentence_evidence(ctx, hit.sentence.start_char, hit.sentence.end_char),
            "modality": modality_of(ctx, hit, group),
            "confidence": hit.cue.confidence,
        }
        anchored = hit.cue.host or any(event[k] for k in ("date", "place", "host", "participants", "concerns"))
        earlier = [o for o in merged if o["type"] == event["type"] and o["modality"] == event["modality"]]
        if event["definite"] and earlier:
            event["date"] = None  # "the ceremony" refers back to the ceremony already reported
            event["host"] = ()
        elif not anchored:
            continue  # a bare "ceremony" or "meeting" with nothing to tie it to is not reported
        for other in merged:
            if _compatible(other, event):
                for key in ("date", "place", "concerns"):
                    other[key] = other[key] or event[key]
                other["host"] = other["host"] or event["host"]
                other["participants"] += [p for p in event["participants"] if p not in other["participants"]]
                other["confidence"] = max(other["confidence"], event["confidence"])
                break
        else:
            merged.append(event)
    for event in merged:
        if not event["date"] and event["modality"] == "asserted":
            event["date"] = lede_date(ctx)
        participants = tuple(dict.fromkeys(p for p in event["participants"] if p not in event["host"]))
        yield Fact(
            "event",
            (("type", event["type"]), ("date", event["date"]), ("place", event["place"]), ("host", event["host"]),
             ("participants", participants), ("concerns", event["concerns"])),
            event["evidence"],
            event["modality"],
            event["confidence"],
            name,
        )


def _compatible(a: dict, b: dict) -> bool:
    return (
        a["type"] == b["type"]
        and a["modality"] == b["modality"]
        and (not a["date"] or not b["date"] or a["date"] == b["date"])
        and (not a["host"] or not b["host"] or set(a["host"]) == set(b["host"]))
    )


def _host_by_cue(ctx: Context, sent: Span, actors: list[Actor]) -> tuple[str, ...]:
    norms = [t.norm_ for t in sent]
    for phrase in ctx.pack.host_cues:
        for i in range(len(norms) - len(phrase) + 1):
            if tuple(norms[i : i + len(phrase)]) == phrase:
                at = sent.start + i
                named = [a for a in actors if not a.pronoun]
                before = [a for a in named if a.end <= at]
                if before:
                    return (before[-1].iri,)
                if named:
                    return (min(named, key=lambda a: abs(a.start - at)).iri,)
                return ()
    return ()


def extract_commitments(ctx: Context, name: str, _: list[Fact]) -> Iterator[Fact]:
    """Pledges and undertakings: who commits to what, for whom (one per subject and sentence)."""
    for hit, group, after, committers, speaker in statements(ctx, "commitment"):
        beneficiary = next((ctx.acting(a.iri)[0] for a in after if ctx.acting(a.iri)[0] not in committers), None)
        doc = ctx.rec.doc
        tail = doc[hit.end : min(hit.sentence.end, hit.end + 40)]
        while len(tail) > 1 and (tail[0].lower_ in ctx.pack.infinitive_markers or tail[0].lower_ in ctx.pack.determiners):
            tail = tail[1:]
        action = tail.text.strip(" .,;:")
        modality = modality_of(ctx, hit, group)
        if modality == "future":
            modality = "asserted"  # a pledge is about the future by nature: "will provide" is asserted
        yield Fact(
            "commitment",
            (("committer", committers), ("action", action or hit.cue.phrase), ("beneficiary", beneficiary),
             ("object", nearest_entity(ctx, hit.sentence, hit, ("Treaty", "Process")))),
            sentence_evidence(ctx, hit.sentence.start_char, hit.sentence.end_char),
            modality,
            hit.cue.confidence,
            name,
            stated_by=speaker,
        )


def extract_appeals(ctx: Context, name: str, _: list[Fact]) -> Iterator[Fact]:
    """Calls on someone to act: caller, addressee, requested action and its object (one per subject and sentence)."""
    for hit, group, after, callers, speaker in statements(ctx, "appeal"):
        doc = ctx.rec.doc
        tail = doc[hit.start : hit.sentence.end]
        addressee = next((ctx.acting(a.iri)[0] for a in after if ctx.acting(a.iri)[0] not in callers), None)
        description = None if addressee else _group_word(ctx, tail)
        for action, obj in _requested(ctx, hit, tail):
            yield Fact(
                "appeal",
                (("caller", callers), ("addressee", addressee), ("addressee_description", description),
                 ("action", action), ("object", obj)),
                sentence_evidence(ctx, hit.sentence.start_char, hit.sentence.end_char),
                modality_of(ctx, hit, group),
                hit.cue.confidence,
                name,
                stated_by=speaker,
            )


def _requested(ctx: Context, hit: Hit, tail: Span) -> list[tuple[str, str | None]]:
    """The actions an appeal asks for, each with its object: "to join the Convention and to sign and
    ratify its Protocol" gives (join, Convention), (sign, Protocol), (ratify, Protocol).

    Verbs after an infinitive marker ("to", "te", "à", "zu") are preferred over others, so the verb
    of a relative clause ("states that signed …") is not taken for the request."""
    verbs = [t for t in tail if t.norm_ in ctx.pack.requested_actions]
    marked = [t for t in verbs if t.i > 0 and (ctx.rec.doc[t.i - 1].lower_ in ctx.pack.infinitive_markers
                                             or ctx.rec.doc[t.i - 1].lower_ in ctx.pack.coordinators)]
    verbs = [t for t in verbs if t in marked] or verbs[:1]
    objects = [m for m in sentence_mentions(ctx, hit.sentence)
               if m.entity and ctx.type_of(m.entity) in ("Treaty", "Process")]
    fallback = nearest_entity(ctx, hit.sentence, hit, ("Treaty", "Process"))
    if not verbs:
        return [("act", fallback)]
    pairs: list[tuple[str, str | None]] = []
    for n, verb in enumerate(verbs):
        limit = verbs[n + 1].idx if n + 1 < len(verbs) else hit.sentence.end_char
        mine = list(dict.fromkeys(m.entity for m in objects if verb.idx <= m.start < limit))
        later = [m.entity for m in objects if m.start >= verb.idx]
        for obj in mine or [later[0] if later else fallback]:  # "adherirse al Convenio y a su Protocolo": both
            pair = (ctx.pack.requested_actions[verb.norm_], obj)
            if pair not in pairs:
                pairs.append(pair)
    return pairs


def _group_word(ctx: Context, tail: Span) -> str | None:
    norms = [t.norm_ for t in tail]
    best: tuple[int, int, str] | None = None
    for group, phrases in ctx.pack.groups.items():
        for phrase in phrases:
            for i in range(len(norms) - len(phrase) + 1):
                if tuple(norms[i : i + len(phrase)]) == phrase:
                    candidate = (i, -len(phrase), group)
                    best = min(best, candidate) if best else candidate
    return best[2] if best else None


def extract_stances(ctx: Context, name: str, facts: list[Fact]) -> Iterator[Fact]:
    """Support, opposition and concern of an actor towards a treaty, process or actor.

    "will support member states" is a pledge, not a stance: a stance cue in a sentence whose
    commitment cue comes first, or one in the future, is left to the commitment extractor."""
    pledges = cue_hits(ctx, "commitment")
    for hit in cue_hits(ctx, "stance"):
        if any(p.sentence.start == hit.sentence.start and p.start <= hit.start for p in pledges):
            continue
        group, after = subject_of(ctx, sentence_actors(ctx, hit.sentence), hit)
        if hit.cue.stance == "support" and modality_of(ctx, hit, group) == "future":
            continue
        actors, speaker = resolve_actors(ctx, group)
        if not actors:
            continue
        target = nearest_entity(ctx, hit.sentence, hit, ("Treaty", "Process"))
        confidence = hit.cue.confidence
        if target is None:
            target = next((ctx.acting(a.iri)[0] for a in after if ctx.acting(a.iri)[0] not in actors), None)
        if target is None and hit.cue.confidence >= 0.8:  # "Access Now dénonce un texte …": the article's treaty
            target, confidence = topic_treaty(ctx, hit.sentence), confidence * 0.7
        if target is None:
            continue
        for actor in actors:
            yield Fact(
                "stance",
                (("actor", actor), ("target", target), ("stance", hit.cue.stance)),
                sentence_evidence(ctx, hit.sentence.start_char, hit.sentence.end_char),
                modality_of(ctx, hit, group),
                round(confidence, 2),
                name,
                stated_by=speaker,
            )


def extract_stances_from_appeals(ctx: Context, name: str, facts: list[Fact]) -> Iterator[Fact]:
    """An actor that calls on others to sign or ratify a treaty supports it."""
    for fact in facts:
        if fact.kind != "appeal" or fact.get("action") not in APPEAL_ACTIONS_IMPLYING_SUPPORT or not fact.get("object"):
            continue
        for caller in fact.get("caller"):
            yield Fact(
                "stance",
                (("actor", caller), ("target", fact.get("object")), ("stance", "support")),
                fact.evidence,
                fact.modality,
                0.6,
                name,
                stated_by=fact.stated_by,
            )


_NUMBER = re.compile(r"(?<![\w.,])(\d{1,3}(?:[.,\u202f ]\d{3})+|\d+)(?:st|nd|rd|th|e|er|ème|º|ª|\.)?(?!\w)(\s*%)?")
NUMBER_WORD_LANGUAGES = frozenset(("en", "fr", "es", "de", "nl", "pt", "it", "da"))


def figures(text: str, language: str) -> list[int]:
    """The numbers a text states, in order, with numbers written in words read by text2num
    ("Soixante-douze États" → 72, "the fifth country" → 5); percentages are left out.

    >>> figures("Soixante-douze États ont signé, 3 % de plus", "fr")
    [72]
    >>> figures("16 of the AU's 55 member states", "en")
    [16, 55]
    """
    if language in NUMBER_WORD_LANGUAGES:
        from text_to_num import alpha2digit

        text = alpha2digit(text, language)
    found = []
    for match in _NUMBER.finditer(text):
        if match.group(2):
            continue
        found.append(int(re.sub(r"\D", "", match.group(1))))
    return found


def extract_claims(ctx: Context, name: str, _: list[Fact]) -> Iterator[Fact]:
    """Figures a source reports: "65 landen ondertekenden" → a signatory-count claim of 65.

    The figure is the first number of the sentence, dates and years left out, in a sentence with
    a counted noun ("16 of the AU's 55 member states" → 16; "500 experts from 110 countries" →
    500; "Soixante-douze États" → 72; "the 82nd Party" → 82)."""
    seen: set[int] = set()
    dates = [(m.start, m.end) for m in ctx.rec.mentions if m.kind == "date"]
    text = ctx.rec.document.text
    for hit in cue_hits(ctx, "claim"):
        sent = hit.sentence
        if sent.start in seen:
            continue
        counted = any(t.norm_ in ctx.pack.count_nouns or t.lower_ in ctx.pack.count_nouns for t in sent)
        if not counted:
            continue
        undated = "".join(" " if any(s <= i < e for s, e in dates) else text[i] for i in range(sent.start_char, sent.end_char))
        candidates = [n for n in figures(undated, ctx.rec.document.language.split("-")[0]) if not 1900 <= n <= 2100]
        if not candidates:
            continue
        seen.add(sent.start)
        actors = [a for a in sentence_actors(ctx, sent) if a.type in ("InternationalOrganization", "Person", "GovernmentBody")]
        claimant = ctx.acting(actors[0].iri)[0] if actors else None
        yield Fact(
            "claim",
            (("claimant", claimant), ("figure", candidates[0]), ("claim_type", hit.cue.claim_type),
             ("about", nearest_entity(ctx, sent, hit, "Treaty"))),
            sentence_evidence(ctx, sent.start_char, sent.end_char),
            modality_of(ctx, hit, []),
            0.7,
            name,
        )


EXTRACTORS: dict[str, Callable[[Context, str, list[Fact]], Iterator[Fact]]] = {
    "relations.post.v1": extract_posts,
    "relations.treaty_action.v1": extract_treaty_actions,
    "relations.event.v1": extract_events,
    "relations.commitment.v1": extract_commitments,
    "relations.appeal.v1": extract_appeals,
    "relations.stance.v1": extract_stances,
    "relations.stance_from_appeal.v1": extract_stances_from_appeals,
    "relations.claim.v1": extract_claims,
}
"""The registered extractors, in the order they run (later ones may read earlier facts)."""
