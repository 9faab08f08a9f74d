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

from .dates import by_tense
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
    clause_actors,
    demonym_after,
    stance_target,
    statements,
    topic,
    subject_of,
    topic_treaty,
)
from .lexicon import Lexicon, load_lexicon
from .link import publisher_named
from .nlp import sentence_at, tokens
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
    found: list[tuple[tuple[str, str, str, Mention, Mention], bool]] = []  # (post, organisation named)
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
        if (
            j < len(mentions) and mentions[j].kind == "role" and len(text[person.end : mentions[j].start].split()) <= 3
            and text[person.end : mentions[j].start].strip().startswith(",")
        ):
            after_role = mentions[j]
        role = None
        if before is not None and before.kind == "role" and _title_gap(ctx, text[before.end : person.start]):
            role = before
        elif before is not None and ctx.type_of(before.entity) not in (None, "Person", "Treaty", "Process"):
            prev = next((m for m in reversed(mentions[:i]) if m.end <= before.start), None)
            if prev is not None and prev.kind == "role" and len(text[prev.end : before.start].split()) <= 2 and len(text[before.end : person.start].split()) <= 1:
                role = prev  # "minister van Buitenlandse Zaken Anna X": role, organisation, name
        role = role or after_role or _apposed_title(ctx, mentions, i)
        if role is None:
            continue
        org_mention = _post_organisation(ctx, role)
        org = org_mention.entity if org_mention else None
        if org is None:
            for reg_role, reg_org in ctx.lexicon.registry_posts(person.entity):
                if reg_role == role.value or org is None:
                    org = reg_org
        named = org is not None
        if org is None:
            org = _implied_organisation(ctx, role, person)
        if org is None:
            continue
        if org_mention is not None:
            ctx.attached.add((org_mention.start, org_mention.end))
        found.append(((person.entity, role.value, org, person, role), named))
    for post, named in found:  # "Ambassadeur Jansen" adds nothing to "Wouter Jansen, ambassadeur … van het ministerie"
        if named or not any(n and p[:2] == post[:2] for p, n in found):
            yield post


def _apposed_title(ctx: Context, mentions: tuple[Mention, ...], i: int) -> Mention | None:
    """The title of the person ``mentions[i]`` named after it and the words that qualify it, up to a
    comma: "el embajador en misión especial para la ciberseguridad, Álvaro Ortega Sanz", "die
    stellvertretende Exekutivdirektorin des Bundesamts … (BSI), Maria Lindqvist"."""
    person, text = mentions[i], ctx.rec.document.text
    for m in reversed(mentions[:i]):
        if m.sentence != person.sentence or (m.kind == "entity" and ctx.type_of(m.entity) == "Person"):
            return None
        if m.kind == "role":
            return m if _apposition_gap(ctx, text[m.end : person.start]) else None
    return None


def _apposition_gap(ctx: Context, gap: str) -> bool:
    """Whether ``gap`` qualifies a title and ends with the comma before its holder's name: at most
    fourteen words, four of them lower-case words other than connectors, no sentence punctuation; a
    parenthesised acronym is allowed."""
    gap = re.sub(r"\(\w+\)", " ", gap)
    words = gap.split()
    while words and (words[-1].lower() in ctx.pack.honorifics or words[-1].lower() in ctx.pack.determiners):
        words.pop()  # "…, el general Abdelkader Benali", "…, Dr. Kao Kim Hourn"
    gap = " ".join(words)
    if not gap.rstrip().endswith(",") or any(c in gap for c in ".;:()\"“”«»„"):
        return False
    words = gap.replace(",", " ").split()
    glue = ctx.pack.connectors | ctx.pack.title_prepositions | ctx.pack.determiners | ctx.pack.post_prepositions
    lower = [w for w in words if w.islower() and w.lower() not in glue]
    return len(words) <= 14 and len(lower) <= 4


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
    actors = [m for m in ctx.rec.mentions if m.sentence == person.sentence and m.kind in ("entity", "pronoun") and m.entity != person.entity]
    publisher = _publisher_mentioned(ctx)
    if not actors and publisher is not None:
        return publisher  # a statement's byline under its letterhead: "KAREN WHITFIELD, DEPUTY SPOKESPERSON"
    if role.value in _STATE_LEVEL_ROLES:
        span = ctx.rec.doc.char_span(person.start, person.end, alignment_mode="expand")
        return implied_state(ctx, sentence_at(ctx.rec.doc, span.start))
    in_sentence = [m for m in ctx.rec.mentions if m.sentence == person.sentence and m.kind == "entity" and m.entity]
    orgs = [m.entity for m in in_sentence if ctx.type_of(m.entity) in ("InternationalOrganization", "NGO", "Company", "GovernmentBody")]
    return orgs[0] if orgs else None


def _publisher_mentioned(ctx: Context) -> str | None:
    """The registry organisation that published the document, when its text names it too."""
    publisher = ctx.rec.document.publisher
    found = publisher_named(publisher, ctx.lexicon.registry) if publisher else None
    return found if found and any(m.entity == found and m.source == "gazetteer" for m in ctx.rec.mentions) else None


def _post_organisation(ctx: Context, role: Mention) -> Mention | None:
    """The organisation a title names: "minister van ORG", "ORG's minister", "de Vietnamese minister"."""
    text = ctx.rec.document.text
    orgs = [m for m in ctx.rec.mentions if m.kind == "entity" and ctx.type_of(m.entity) in ACTOR_TYPES - {"Person"}]
    glue = ctx.pack.connectors | ctx.pack.title_prepositions | ctx.pack.determiners | ctx.pack.post_prepositions
    persons = [m.start for m in ctx.rec.mentions if m.kind == "entity" and ctx.type_of(m.entity) == "Person"]
    for m in orgs:  # after the title: "Ambassador for Cyber Affairs at the Department of …"
        if m.start < role.end:
            continue
        gap = text[role.end : m.start]
        words = gap.split()
        if len(words) > 10 or any(c in gap for c in ",.;()\"“”„«»\n"):
            break
        lower = [w for w in words if not (w.lower() in glue or w[:1].isupper())]
        tail = [w.lower() for w in words if w.lower() not in ctx.pack.determiners][-1:]
        if not lower:
            return m  # "Minister Jeroen van Dalen van Justitie en Veiligheid"
        if len(lower) <= 3 and tail and tail[0] in ctx.pack.post_prepositions and not any(role.end <= p < m.start for p in persons):
            return m  # "Ambassador in charge of Cyber Policy at the Ministry …", not "Undersecretary X deposited … at the UN"
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
    """Signatures, ratifications, accessions, entries into force … of a treaty by a party.

    * One action of a party on a treaty reported in two sentences ("X has ratified …", "Ambassador Y
      deposited the instrument of ratification on 12 May") is one fact: the date stated with it
      wins over the date of the lede, and the official who acted is kept.
    * The party is the subject of the cue (``clauses.subject_of``), continued by an enumeration
      (``inclusion_markers``: "the EU and, among others, France and Spain"), replaced by the actor
      named after a ``behalf_markers`` phrase ("signed on behalf of the EU"). No party is named when
      a counted group is the subject ("65 states had signed, the agency said"), and the organisation
      that sponsors a treaty (its name is in the treaty's) is never its party.
    * An action someone has not decided on ("whether to sign": ``undecided_markers``) is no fact.
    * An entry into force takes only a date of its own sentence; without one it is a rule of the
      treaty ("enters into force 90 days after …"), so future. An action dated after the
      publication date is future; a weekday or bare month is read by the sentence's tense.
    * "Auch Frankreich unterzeichnete, die Schweiz dagegen nicht", "Nederland deed dat niet": a state
      with a negation and no cue of its own, after an asserted action, did not do it."""
    events = cue_hits(ctx, "event")
    hits = cue_hits(ctx, "treaty_action")
    published = ctx.rec.document.published
    text = ctx.rec.document.text
    doc = ctx.rec.doc
    found: list[dict] = []
    date_of_peers: dict[tuple[str, str], str] = {}  # (action, treaty) -> the date of an asserted action
    undated: list[tuple] = []  # negated and future actions with no date and no "not yet"

    def add(key, date, explicit, by, evidence, confidence):
        same = next((f for f in found if f["key"] == key and (not f["explicit"] or not explicit or f["explicit"] == explicit)), None)
        if same is None and explicit:  # "welcomed today Ireland's ratification": a noun cue's date is the report's
            same = next((f for f in found if f["key"] == key and min(f["confidence"], confidence) < 0.8 <= max(f["confidence"], confidence)), None)
            if same is not None and confidence > same["confidence"]:
                same["explicit"] = same["date"] = None
        if same is None:
            found.append({"key": key, "explicit": explicit, "date": date, "by": by, "evidence": [evidence], "confidence": confidence})
            return
        same["explicit"] = same["explicit"] or explicit
        same["date"] = same["explicit"] or same["date"] or date
        same["by"] = same["by"] or by
        same["evidence"].append(evidence)
        same["confidence"] = max(same["confidence"], confidence)

    for hit in hits:
        if any(e.start < hit.end and hit.start < e.end for e in events):
            continue  # "the signing ceremony" is an event, not a signature
        if hit.end < len(doc) and doc[hit.end].text == ":":
            continue  # "Firman: …", "Signed:": the signatories of a statement, not of a treaty
        cue_char = tokens(doc)[hit.start].idx
        if _phrase_in(ctx.pack.undecided_markers, text[hit.sentence.start_char : cue_char]):
            continue  # "had not yet decided whether to sign"
        treaty = nearest_entity(ctx, hit.sentence, hit, "Treaty")
        confidence = hit.cue.confidence
        if treaty is None and hit.cue.confidence >= 0.8:  # "Auch Frankreich und Spanien unterzeichneten."
            treaty, confidence = topic_treaty(ctx, hit.sentence), round(hit.cue.confidence * 0.8, 2)
        if treaty is None:
            continue
        actors = [a for a in sentence_actors(ctx, hit.sentence)]
        group, _after = subject_of(ctx, actors, hit)
        group = _main_subject(ctx, actors, group)
        group = _possessor(ctx, actors, group, hit)
        subject_char = tokens(doc)[group[0].start].idx if group and group[0].end <= hit.start else cue_char
        if _counted_figure(ctx, text[hit.sentence.start_char : subject_char]) is not None:
            group = []  # "Zeven landen hebben het verdrag geratificeerd, meldt de OESO": no party is named
        group = _enumeration(ctx, actors, group, hit)
        if hit.cue.action == "entry-into-force":  # in force "for Suriname", "à l'égard de la Tunisie"
            group = _clause_states(ctx, actors, hit)
        parties, by = resolve_actors(ctx, group)
        principal = _behalf(ctx, actors, hit)
        if principal is not None:  # "De Europese Commissie zal het verdrag namens de EU ondertekenen"
            by = by or next((a.iri for a in group if a.type == "Person"), None)
            parties = (principal,)
        persons = [p for p in parties if ctx.type_of(p) == "Person"]
        if persons:  # a person with no known post signs for the state the sentence or document names
            by = by or persons[0]
            state = implied_state(ctx, hit.sentence)
            parties = tuple(dict.fromkeys(state if ctx.type_of(p) == "Person" else p for p in parties if state or ctx.type_of(p) != "Person"))
        if any(ctx.type_of(p) == "GovernmentBody" for p in parties):
            if hit.cue.action in ("approval", "acceptance"):
                continue  # a parliament approving a treaty is a domestic step, not the state's consent
            parties = tuple(dict.fromkeys(parent_state(ctx, p) or p for p in parties))
        parties = tuple(p for p in parties if not _sponsor(ctx, p, treaty))
        if not parties and hit.cue.action != "entry-into-force":
            if modality_of(ctx, hit, group) == "asserted":  # "72 États ont signé samedi": the day others acted
                date, _ = _action_date(ctx, hit, "asserted")
                if date:
                    date_of_peers.setdefault((hit.cue.action, treaty), date)
            continue
        modality = modality_of(ctx, hit, group)
        if modality != "negated" and _negated_coordination(ctx, group, hit):
            modality = "negated"  # "ni Chile ni Argentina vayan a firmar", "weder Japan noch Indien"
        governing = governing_cue(ctx, hit)
        if governing == "appeal":
            continue  # "X calls on states to ratify": the ratification is requested, not done
        if governing == "commitment" and modality == "asserted":
            modality = "future"
        date, explicit = _action_date(ctx, hit, modality, hits)
        pending = modality == "negated" and _phrase_in(ctx.pack.pending_markers, hit.sentence.text) is not None
        if hit.cue.action == "entry-into-force" and date is None and modality == "asserted":
            modality = "future"  # "tritt 90 Tage nach Hinterlegung der 40. Urkunde in Kraft": a rule, not an event
        if modality == "asserted" and date and published and date > published.isoformat()[: len(date)]:
            modality = "future"
        evidence = sentence_evidence(ctx, hit.sentence.start_char, hit.sentence.end_char)
        if modality == "asserted" and date:
            date_of_peers.setdefault((hit.cue.action, treaty), date)
        if date is None and modality in ("negated", "future") and not pending:
            undated.extend((party, hit.cue.action, treaty, modality) for party in parties)
        for party in parties or (None,):
            add((party, hit.cue.action, treaty, modality), date, explicit, by, evidence, confidence)
        for state in _likewise(ctx, actors, hit, parties):  # "n'ont pas signé, pas plus que la Suisse"
            add((state, hit.cue.action, treaty, modality), date, explicit, None, evidence, round(confidence * 0.8, 2))
            if date is None and modality in ("negated", "future") and not pending:
                undated.append((state, hit.cue.action, treaty, modality))
        if modality == "asserted":
            for state, sent in _elliptic_negations(ctx, hit, hits):
                add((state, hit.cue.action, treaty, "negated"), date, explicit, None,
                    sentence_evidence(ctx, sent.start_char, sent.end_char), round(confidence * 0.8, 2))
    ceremonies = _ceremony_dates(ctx, events)
    for f in found:
        if f["date"] is None and f["key"] in undated:  # "Les États-Unis n'ont pas signé": on the day the others did
            f["date"] = date_of_peers.get(f["key"][1:3]) or (ceremonies.get(f["key"][2]) if f["key"][1] == "signature" else None)
        party, action, treaty, modality = f["key"]
        for evidence in dict.fromkeys(f["evidence"]):
            yield Fact(
                "treaty_action",
                (("party", party), ("action", action), ("treaty", treaty), ("date", f["date"]), ("by", f["by"])),
                evidence,
                modality,
                f["confidence"],
                name,
            )


def _possessor(ctx: Context, actors: list[Actor], group: list[Actor], hit: Hit) -> list[Actor]:
    """A treaty-action noun right after a possessive (``possessives``) is the act of the actor named
    last before it: "España felicitó a Marruecos por su ratificación" is Morocco's ratification."""
    doc = ctx.rec.doc
    if hit.start <= hit.sentence.start or tokens(doc)[hit.start - 1].lower_ not in ctx.pack.possessives:
        return group
    before = [a for a in actors if a.end <= hit.start - 1]
    return [before[-1]] if before else group


def _negated_coordination(ctx: Context, group: list[Actor], hit: Hit) -> bool:
    """Whether the subject group opens with a negating coordinator ("ni Chile ni Argentina", "weder
    Japan noch Indien", "neither Japan nor India"): a word both in ``coordinators`` and in the
    one-word ``modality.negated`` phrases, right before the group's first actor."""
    if not group or group[0].start <= hit.sentence.start or group[0].end > hit.start:
        return False
    negations = {p[0] for p in ctx.pack.modality.get("negated", ()) if len(p) == 1}
    before = tokens(ctx.rec.doc)[group[0].start - 1]
    return before.lower_ in ctx.pack.coordinators and (before.lower_ in negations or before.norm_ in negations)


def _likewise(ctx: Context, actors: list[Actor], hit: Hit, parties: tuple) -> list[str]:
    """States after the cue introduced by a ``likewise_markers`` phrase ("…, pas plus que la Suisse",
    "…, ebenso wie Österreich", "nor did Japan"): they did, or did not do, what the subject did."""
    if not ctx.pack.likewise_markers or not parties:
        return []
    doc = ctx.rec.doc
    out = []
    for actor in actors:
        if actor.type != "State" or actor.start < hit.end or actor.iri in parties:
            continue
        words = [t.lower_ for t in doc[max(hit.end, actor.start - 6) : actor.start]]
        while words and (words[-1] in ctx.pack.determiners or words[-1] in ctx.pack.coordinators and words[-1] not in ",;"):
            words.pop()
        gap = " ".join(words).replace("\u2019", "'")
        if any(gap == " ".join(m) or gap.endswith(" " + " ".join(m)) for m in ctx.pack.likewise_markers):
            out.append(actor.iri)
    return out


def _ceremony_dates(ctx: Context, events: list[Hit]) -> dict[str, str]:
    """treaty -> the date of the document's signing ceremony of it ("la ceremonia de firma prevista en
    Madrid", two days after the report): when states sign, or say they will or will not."""
    out: dict[str, str] = {}
    for e in events:
        if e.cue.type != "signing-ceremony":
            continue
        date = sentence_value(ctx, e.sentence, "date")
        treaty = nearest_entity(ctx, e.sentence, e, "Treaty")
        if date and treaty and len(date) == 10:
            out.setdefault(treaty, date)
    return out


def _clause_states(ctx: Context, actors: list[Actor], hit: Hit) -> list[Actor]:
    """The states of the cue's own clause (from the last clause break before it to the next one):
    what a treaty enters into force for ("Para Chile, el instrumento entrará en vigor …"), not the
    subject of another clause ("Chile se convierte en el sexto Estado …, que está en vigor …")."""
    doc = ctx.rec.doc
    breaks = [t.i for t in doc[hit.sentence.start : hit.sentence.end] if t.lower_ in ctx.pack.clause_breaks or t.text == ";"]
    start = max([i for i in breaks if i < hit.start] or [hit.sentence.start])
    end = min([i for i in breaks if i >= hit.end] or [hit.sentence.end])
    return [a for a in actors if a.type == "State" and start <= a.start and a.end <= end][:1]


def _phrase_in(phrases: tuple[tuple[str, ...], ...], text: str) -> re.Match | None:
    """The first of ``phrases`` (lower-cased words) in ``text``, as whole words."""
    lowered = " ".join(text.lower().replace("\u2019", "'").split())
    for phrase in phrases:
        wanted = re.escape(" ".join(phrase).replace("\u2019", "'"))
        match = re.search(rf"(?<!\w){wanted}(?!\w)", lowered)
        if match:
            return match
    return None


def _main_subject(ctx: Context, actors: list[Actor], group: list[Actor]) -> list[Actor]:
    """A pronoun that opens a complement clause stands for the state that is the main clause's
    subject: in "Le Cameroun a annoncé qu'il déposerait son instrument" *il* is Cameroon."""
    if len(group) != 1 or not group[0].pronoun:
        return group
    doc = ctx.rec.doc
    earlier = [a for a in actors if a.end <= group[0].start and not a.pronoun and a.type == "State"]
    if earlier and any(t.lower_ in ctx.pack.clause_breaks for t in doc[earlier[-1].end : group[0].start]):
        return [earlier[-1]]
    return group


def _enumeration(ctx: Context, actors: list[Actor], group: list[Actor], hit: Hit) -> list[Actor]:
    """The subject group continued over an enumeration: "De Europese Unie en onder meer Frankrijk en
    Spanje zetten hun handtekening" is signed by all three (``inclusion_markers``)."""
    if not group or not ctx.pack.inclusion_markers:
        return group
    doc = ctx.rec.doc
    before = group[-1].end <= hit.start
    out, marked = list(group), False
    for nxt in actors:
        if nxt.start < out[-1].end or (before and nxt.end > hit.start):
            continue
        gap = " ".join(doc[out[-1].end : nxt.start].text.lower().replace(",", " , ").split())
        marker = _phrase_in(ctx.pack.inclusion_markers, gap)
        if marker is not None:
            gap, marked = gap[: marker.start()] + gap[marker.end() :], True
        if not marked or not all(w in ctx.pack.coordinators or w in ",;:()" for w in gap.split()):
            break
        out.append(nxt)
    return out


def _behalf(ctx: Context, actors: list[Actor], hit: Hit) -> str | None:
    """The actor named right after a ``behalf_markers`` phrase of the sentence ("namens de EU", "au
    nom du gouvernement français", "im Auftrag des Bundesrates"): the party a signatory acts for."""
    if not ctx.pack.behalf_markers:
        return None
    doc = ctx.rec.doc
    for i in range(hit.sentence.start, hit.sentence.end):
        rest = doc[i : min(hit.sentence.end, i + 6)].text
        match = _phrase_in(ctx.pack.behalf_markers, rest)
        if match is None or match.start() != 0:
            continue
        after = [a for a in actors if a.start >= i and a.start - i <= 6 and tokens(doc)[a.start].idx - tokens(doc)[i].idx > match.end() - 1]
        if after:
            iri = ctx.acting(after[0].iri)[0]
            return parent_state(ctx, iri) or iri
    return None


def _sponsor(ctx: Context, party: str, treaty: str) -> bool:
    """Whether ``party`` is (or belongs to) the organisation a treaty is named after — the United
    Nations for the United Nations Convention, the African Union for its convention: it adopts
    the treaty and keeps it, but does not become its party."""
    if ctx.type_of(party) != "InternationalOrganization":
        return False
    entity = ctx.rec.entity(treaty, ctx.lexicon)
    names = [n.lower() for n in ((entity.label,) + tuple(entity.all_names()) if entity else ())]
    seen: set[str] = set()
    while party and party not in seen:
        seen.add(party)
        org = ctx.rec.entity(party, ctx.lexicon)
        if org is None:
            return False
        if any(org.label.lower() in n for n in names):
            return True
        party = org.parent
    return False


def _action_date(ctx: Context, hit: Hit, modality: str, hits: list[Hit] = ()) -> tuple[str | None, str | None]:
    """(date, date stated in the sentence) of a treaty action: the sentence's date nearest the cue,
    read by the sentence's tense, else for an asserted action (not an entry into force) the lede's.
    A date beyond a clause break that is nearer another treaty-action cue is that cue's ("ratificar
    el protocolo, que está en vigor desde el 1 de mayo")."""
    published = ctx.rec.document.published
    doc = ctx.rec.doc
    cue_char = tokens(doc)[hit.start].idx
    others = [tokens(doc)[h.start].idx for h in hits if h.sentence.start == hit.sentence.start and h.start != hit.start]

    def theirs(m) -> bool:
        if not others or min(abs(o - m.start) for o in others) >= abs(cue_char - m.start):
            return False
        lo, hi = sorted((cue_char, m.start))
        return any(t.lower_ in ctx.pack.clause_breaks or t.text == ";" for t in doc[hit.sentence.start : hit.sentence.end] if lo < t.idx < hi)

    dates = [m for m in sentence_mentions(ctx, hit.sentence) if m.kind == "date"]
    own = sorted((m for m in dates if not theirs(m)), key=lambda m: abs(m.start - cue_char))
    date = own[0].value if own else None if dates else sentence_value(ctx, hit.sentence, "date")
    if own and published is not None:
        date = by_tense(own[0].value, own[0].text, ctx.rec.document.language.split("-")[0], published, _future_tense(ctx, hit.sentence))
    if date is not None or modality != "asserted" or hit.cue.action == "entry-into-force":
        return date, date
    return lede_date(ctx), None


def _elliptic_negations(ctx: Context, hit: Hit, hits: list[Hit]) -> Iterator[tuple[str, Span]]:
    """States said not to have done what the cue reports, without a cue of their own: later in the
    sentence ("…, die Schweiz dagegen nicht", "but not Japan") or opening the next sentence
    ("Nederland deed dat niet.")."""
    doc = ctx.rec.doc
    negations = {p[0] for p in ctx.pack.modality.get("negated", ()) if len(p) == 1}
    sentences = [hit.sentence]
    nxt = sentence_at(doc, hit.sentence.end) if hit.sentence.end < len(doc) else None
    if nxt is not None and not any(h.sentence.start == nxt.start for h in hits):
        sentences.append(nxt)
    for sent in sentences:
        later = [h.start for h in hits if h.sentence.start == sent.start and h.start > hit.start]
        limit = min(later or [sent.end])
        for actor in sentence_actors(ctx, sent):
            if actor.type != "State" or actor.start < (hit.end if sent is hit.sentence else sent.start) or actor.end > limit:
                continue
            if sent is not hit.sentence and actor is not sentence_actors(ctx, sent)[0]:
                continue
            window = [t for t in doc[max(sent.start, actor.start - 2) : min(limit, actor.end + 3)] if t.i < actor.start or t.i >= actor.end]
            if any(t.lower_ in negations or t.norm_ in negations for t in window):
                yield actor.iri, sent


def _future_tense(ctx: Context, sent: Span) -> bool:
    """Whether a sentence speaks of the future: a ``modality.future`` phrase or a future-tense ending."""
    words = " " + " ".join([t.norm_ for t in sent] + [t.lower_ for t in sent]) + " "
    if any(f" {' '.join(p)} " in words for p in ctx.pack.modality.get("future", ())):
        return True
    return any(len(t) > 4 and t.lower_.endswith(s) for t in sent for s in ctx.pack.future_suffixes)


def extract_events(ctx: Context, name: str, _: list[Fact]) -> Iterator[Fact]:
    """Ceremonies, conferences, meetings, receptions, visits, dialogues, sessions and summits."""
    merged: list[dict] = []
    doc = ctx.rec.doc
    names = [(m.start, m.end) for m in ctx.rec.mentions if m.kind == "entity" and m.entity and m.source != "coreference"
             and ctx.type_of(m.entity) not in (None, "Person", "State")]
    for hit in cue_hits(ctx, "event"):
        start, end = tokens(doc)[hit.start].idx, tokens(doc)[hit.end - 1].idx + len(tokens(doc)[hit.end - 1].text)
        if any(s <= start and end <= e for s, e in names):
            continue  # "la Conférence des Parties", "Munich Security Conference": a name, not an event cue
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
        if event["modality"] == "negated":
            continue  # "will not sign at tomorrow's ceremony": the event takes place; it is only named in passing
        published = ctx.rec.document.published
        if event["modality"] == "asserted" and event["date"] and published and event["date"] > published.isoformat()[: len(event["date"])]:
            event["modality"] = "future"  # an event dated after the report is yet to happen
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
        beneficiary = beneficiary or demonym_after(ctx, hit, committers, within_clause=False)
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
        following = [h.start for kind in ("commitment", "appeal") for h in cue_hits(ctx, kind)
                     if h.sentence.start == hit.sentence.start and h.start >= hit.end]
        tail = doc[hit.start : min(following, default=hit.sentence.end)]  # "… a sumarse … y se comprometió a …"
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

    Verbs after an infinitive marker ("to", "te", "à", "zu"), or one word after it ("to consider
    signing"), are preferred over others, so the verb of a relative clause ("states that signed …")
    is not taken for the request. Separable verbs count whole: "toe te treden" is *toetreden*,
    "beizutreten" *beitreten*. A verb with no object of its own shares the object of the verb it
    is coordinated with ("to sign and ratify its Protocol"); in verb-final clauses the object
    stands before the verb ("… op om het protocol snel te ratificeren")."""
    doc = ctx.rec.doc
    pack = ctx.pack
    actions: dict[int, str] = {}
    for t in tail:
        action = _requested_action(ctx, t)
        if action:
            actions[t.i] = action
    verbs = [t for t in tail if t.i in actions]

    def marked(t) -> bool:
        before = [doc[i].lower_ for i in range(max(t.i - 2, 0), t.i)]
        return bool(before) and (before[-1] in pack.infinitive_markers or before[-1] in pack.coordinators
                                 or (len(before) == 2 and before[0] in pack.infinitive_markers))

    verbs = [t for t in verbs if marked(t)] or verbs[:1]
    objects = [m for m in sentence_mentions(ctx, hit.sentence)
               if m.entity and ctx.type_of(m.entity) in ("Treaty", "Process")]
    fallback = nearest_entity(ctx, hit.sentence, hit, ("Treaty", "Process")) or topic(ctx, hit.sentence)
    if not verbs:
        return _done_before(ctx, hit, tail) or [("act", fallback)]
    opened = doc[hit.end - 1].idx + len(doc[hit.end - 1].text)

    tail_end = tail[-1].idx + len(tail[-1].text)

    def own(n: int) -> list[str]:
        limit = verbs[n + 1].idx if n + 1 < len(verbs) else tail_end
        return list(dict.fromkeys(m.entity for m in objects if verbs[n].idx <= m.start < limit))

    pairs: list[tuple[str, str | None]] = []
    for n, verb in enumerate(verbs):
        mine = own(n)
        if not mine and n + 1 < len(verbs):
            between = doc[verb.i + 1 : verbs[n + 1].i]
            if all(t.lower_ in pack.coordinators or t.lower_ in pack.infinitive_markers for t in between):
                mine = own(n + 1)  # "to sign and ratify its Protocol"
        if not mine:
            since = verbs[n - 1].idx if n else opened
            mine = [m.entity for m in objects if since <= m.start < verb.idx][-1:]
        later = [m.entity for m in objects if verb.idx <= m.start < tail_end]
        for obj in mine or [later[0] if later else fallback]:  # "adherirse al Convenio y a su Protocolo": both
            pair = (actions[verb.i], obj)
            if pair not in pairs:
                pairs.append(pair)
    return pairs


TREATY_ACTION_VERBS = {"signature": "sign", "ratification": "ratify", "accession": "accede",
                       "acceptance": "accept", "approval": "approve"}


def _done_before(ctx: Context, hit: Hit, tail: Span) -> list[tuple[str, str | None]]:
    """An appeal "to do so" ("roept de lidstaten op dat te doen", "à le faire") asks for the treaty
    actions of the sentence before it, each with its treaty."""
    if not any(t.norm_ in ctx.pack.pro_verbs for t in tail):
        return []
    doc = ctx.rec.doc
    if hit.sentence.start == 0:
        return []
    previous = sentence_at(doc, hit.sentence.start - 1)
    pairs: list[tuple[str, str | None]] = []
    for cue in cue_hits(ctx, "treaty_action"):
        if cue.sentence.start == previous.start and cue.cue.action in TREATY_ACTION_VERBS:
            pair = (TREATY_ACTION_VERBS[cue.cue.action], nearest_entity(ctx, previous, cue, ("Treaty", "Process")))
            if pair not in pairs:
                pairs.append(pair)
    return pairs


def _requested_action(ctx: Context, token) -> str | None:
    """The requested action a token names, separable verbs included ("toe te treden", "beizutreten")."""
    doc = ctx.rec.doc
    requested = ctx.pack.requested_actions
    if token.norm_ in requested:
        return requested[token.norm_]
    if token.i >= 2 and doc[token.i - 1].lower_ in ctx.pack.infinitive_markers:
        joined = doc[token.i - 2].lower_ + token.norm_  # "toe te treden" -> toetreden
        if joined in requested:
            return requested[joined]
    for marker in ctx.pack.infinitive_markers:  # "beizutreten" -> beitreten
        at = token.lower_.find(marker, 1)
        if at > 0:
            joined = token.lower_[:at] + token.lower_[at + len(marker):]
            if joined in requested:
                return requested[joined]
    return None


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
        target = stance_target(ctx, hit)
        confidence = hit.cue.confidence
        if target is None:
            target = next((ctx.acting(a.iri)[0] for a in clause_actors(ctx, hit, after) if ctx.acting(a.iri)[0] not in actors), None)
        if target is None and hit.cue.stance in ("concern", "oppose"):
            target = demonym_after(ctx, hit, actors)
        if target is None and hit.cue.confidence >= 0.7:  # "Access Now dénonce un texte …": the article's treaty
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
    return [n for n, _, _ in _numbers(text, language)[0]]


def _numbers(text: str, language: str) -> tuple[list[tuple[int, int, int]], str]:
    """(value, start, end) of each number in ``text`` with words read as digits, and that text."""
    if language in NUMBER_WORD_LANGUAGES:
        from text_to_num import alpha2digit

        text = alpha2digit(text, language)
    found = []
    for match in _NUMBER.finditer(text):
        if not match.group(2):
            found.append((int(re.sub(r"\D", "", match.group(1))), match.start(), match.end()))
    return found, text


_WORD = re.compile(r"[^\W\d_][\w'’-]*|\d[\d.,]*|[^\w\s]")


def _counts(ctx: Context, after: str) -> bool:
    """Whether a ``count_nouns`` word follows a number within three words, punctuation ending the
    search ("65 states", "14 Estados miembros", "the 82nd Party", "17 nouvelles ratifications")."""
    from .nlp import norms

    language = ctx.rec.document.language.split("-")[0]
    for word in _WORD.findall(after)[:3]:
        if not word[0].isalpha():
            return False
        if word.lower() in ctx.pack.count_nouns or " ".join(norms(word, language)) in ctx.pack.count_nouns:
            return True
    return False


def _counted_figure(ctx: Context, text: str) -> int | None:
    """The first number of ``text`` that counts something: a count noun follows it, or it is the
    part of a whole that does ("16 of the AU's 55 member states" → 16). Years count nothing."""
    numbers, text = _numbers(text, ctx.rec.document.language.split("-")[0])
    for k, (value, start, end) in enumerate(numbers):
        if 1900 <= value <= 2100:
            continue
        if _counts(ctx, text[end : end + 80]):
            return value
        if k + 1 < len(numbers):
            _, nxt_start, nxt_end = numbers[k + 1]
            gap = text[end:nxt_start]
            words = _WORD.findall(gap)
            if not 1900 <= numbers[k + 1][0] <= 2100 and 0 < len(words) <= 4 and all(w[0].isalpha() for w in words) and _counts(ctx, text[nxt_end : nxt_end + 80]):
                return value
    return None


def extract_claims(ctx: Context, name: str, _: list[Fact]) -> Iterator[Fact]:
    """Figures a source reports: "65 landen ondertekenden" → a signatory-count claim of 65.

    One claim per sentence with a claim cue: its first number that counts something (see
    :func:`_counted_figure`: "500 experts from 110 countries" → 500; "Soixante-douze États" → 72;
    "the 82nd Party", "the fifth country to do so" → 82, 5). Dates ("06.03.2026") are masked, and
    numbers after an entry-into-force cue are a threshold ("in force once five ratifications are
    reached"), not a count. The claim type is that of the sentence's claim cue nearest the figure."""
    seen: set[tuple[int, str]] = set()
    done: set[int] = set()
    dates = [(m.start, m.end) for m in ctx.rec.mentions if m.kind == "date"]
    text = ctx.rec.document.text
    doc_tokens = tokens(ctx.rec.doc)
    hits = cue_hits(ctx, "claim")
    thresholds = [h for h in cue_hits(ctx, "treaty_action") if h.cue.action == "entry-into-force"]
    for hit in hits:
        sent = hit.sentence
        if sent.start in done:
            continue
        done.add(sent.start)
        end = min([doc_tokens[h.start].idx for h in thresholds if h.sentence.start == sent.start] or [sent.end_char])
        undated = "".join(" " if any(s <= i < e for s, e in dates) else text[i] for i in range(sent.start_char, end))
        figure = _counted_figure(ctx, undated)
        if figure is None:
            continue
        at = sent.start_char + max(undated.find(str(figure)), 0)
        mine = [h for h in hits if h.sentence.start == sent.start]
        cue = min(mine, key=lambda h: abs(doc_tokens[h.start].idx - at)).cue
        if (figure, cue.claim_type) in seen:
            continue
        seen.add((figure, cue.claim_type))
        actors = [a for a in sentence_actors(ctx, sent) if a.type in ("InternationalOrganization", "Person", "GovernmentBody")]
        claimant = ctx.acting(actors[0].iri)[0] if actors else None
        yield Fact(
            "claim",
            (("claimant", claimant), ("figure", figure), ("claim_type", cue.claim_type),
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
