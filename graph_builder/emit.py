"""Emit: a document, its recognition and its facts in; the triples of the document's named graph out.

Writes exactly the triples of ``docs/model.md``: the ``cdo:SourceDocument`` with its metadata, the
``nif:Context`` holding the text, one ``nif:Phrase`` per linked mention, the entities minted from
the text, and every fact as an n-ary node with its modality, confidence and a
``prov:qualifiedDerivation`` naming the evidence span and the extractor. Every IRI comes from
``iris`` (no blank nodes); a fact's IRI is a hash of its defining key, so a fact stated twice in a
document is one node with two derivations.

:func:`emit_triples` collects the triples (rdflib terms, each triple once, in the order first
made) in a :class:`Triples`, which writes N-Triples itself (the lines rdflib's ``nt`` serializer
writes) and makes an rdflib Graph only when one is asked for (:func:`emit`): filling a Graph cost
more than everything else emit does.
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS, TIME, XSD

from . import iris
from .dates import datatype_of
from .lexicon import Lexicon, load_lexicon
from .namespaces import CDO, ITSRDF, NIF, SEM, vocab
from .recognise import Recognition
from .records import Document, Entity, Evidence, Fact
from .relations import VERSION

ENTITY_CLASSES = {
    "State": CDO.State,
    "InternationalOrganization": CDO.InternationalOrganization,
    "GovernmentBody": CDO.GovernmentBody,
    "NGO": CDO.NGO,
    "Company": CDO.Company,
    "Person": CDO.Person,
    "Treaty": CDO.Treaty,
    "Process": CDO.Process,
}
FACT_CLASSES = {
    "post": (CDO.Tenure, "tenure"),
    "treaty_action": (CDO.TreatyAction, "treaty-action"),
    "event": (CDO.Event, "event"),
    "commitment": (CDO.Commitment, "commitment"),
    "appeal": (CDO.Appeal, "appeal"),
    "stance": (CDO.Stance, "stance"),
    "claim": (CDO.Claim, "claim"),
}
EVENT_LABELS = {
    "signing-ceremony": "Signing ceremony",
    "conference": "Conference",
    "meeting": "Meeting",
    "reception": "Reception",
    "visit": "Visit",
    "dialogue": "Dialogue",
    "session": "Session",
    "summit": "Summit",
}


# Terms used for every document, made once (a namespace attribute builds a new URIRef on each access).
_TYPE = RDF.type
_NNI = XSD.nonNegativeInteger
_NIF_PHRASE, _NIF_STRING, _NIF_OFFSET, _NIF_CONTEXT = NIF.Phrase, NIF.String, NIF.OffsetBasedString, NIF.Context
_NIF_REF, _NIF_BEGIN, _NIF_END, _NIF_ANCHOR, _NIF_IS_STRING = (
    NIF.referenceContext, NIF.beginIndex, NIF.endIndex, NIF.anchorOf, NIF.isString,
)
_TA_IDENT_REF = ITSRDF.taIdentRef
_MODALITY, _CONFIDENCE, _STATED_BY, _EVIDENCE = CDO.modality, CDO.confidence, CDO.statedBy, CDO.evidence
_DERIVATION, _EXTRACTION = CDO.Derivation, CDO.Extraction
_WAS_DERIVED_FROM, _QUALIFIED_DERIVATION, _ENTITY, _HAD_ACTIVITY = (
    PROV.wasDerivedFrom, PROV.qualifiedDerivation, PROV.entity, PROV.hadActivity,
)
_LABEL, _EXTRACTOR_NAME, _EXTRACTOR_VERSION = RDFS.label, CDO.extractorName, CDO.extractorVersion
_VERSION = Literal(VERSION)


class Triples:
    """The triples of one document's graph: each once, in the order they were first added.

    Equal terms make equal triples exactly as in an rdflib Graph (rdflib terms compare by lexical
    form, datatype and language), so the set is the one ``Graph.add`` would have kept.
    """

    __slots__ = ("_triples", "_pairs", "_ntriples")

    def __init__(self) -> None:
        self._triples: dict[tuple, None] = {}
        self._pairs: set[tuple] = set()
        self._ntriples: str | None = None

    def add(self, triple: tuple) -> None:
        """Add ``(subject, predicate, object)`` unless it is there already."""
        if triple not in self._triples:
            self._triples[triple] = None
            self._pairs.add((triple[0], triple[1]))
            self._ntriples = None

    def has(self, subject, predicate) -> bool:
        """Whether some triple has this subject and predicate."""
        return (subject, predicate) in self._pairs

    def __contains__(self, triple: object) -> bool:
        return triple in self._triples

    def __iter__(self) -> Iterator[tuple]:
        return iter(self._triples)

    def __len__(self) -> int:
        return len(self._triples)

    def graph(self) -> Graph:
        """The triples as an rdflib Graph (context-free ``SimpleMemory`` store)."""
        g = Graph(store="SimpleMemory")
        add = g.store.add
        for triple in self._triples:
            add(triple, g)
        return g

    def ntriples(self) -> str:
        """The triples as N-Triples, one line each, in the order added: every line as rdflib's
        ``nt`` serializer writes it (``tests/test_emit_ntriples.py``); made once."""
        if self._ntriples is not None:
            return self._ntriples
        cache: dict = {}
        lines = []
        for triple in self._triples:
            parts = []
            for term in triple:
                text = cache.get(term)
                if text is None:
                    text = cache[term] = _nt_term(term)
                parts.append(text)
            lines.append(f"{parts[0]} {parts[1]} {parts[2]} .\n")
        self._ntriples = "".join(lines)
        return self._ntriples


def _nt_term(term) -> str:
    """A term in N-Triples, as ``rdflib.plugins.serializers.nt._nt_row`` writes it."""
    if isinstance(term, Literal):
        quoted = '"%s"' % term.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"').replace("\r", "\\r")
        if term.language:
            return f"{quoted}@{term.language}"
        if term.datatype:
            return f"{quoted}^^<{term.datatype}>"
        return quoted
    return term.n3()  # an IRI; rdflib refuses one with characters N-Triples cannot hold


def doc_iri(document: Document) -> URIRef:
    """The IRI of a source document: ``id/doc/{hash16}``."""
    return URIRef(iris.entity_iri("doc", document.key))


def span_iri(document: Document, start: int, end: int) -> URIRef:
    """The NIF IRI of a span of the document's text (RFC 5147 ``#char=start,end``)."""
    return URIRef(f"{doc_iri(document)}#char={start},{end}")


def date_literal(value: str) -> Literal:
    """An ISO date, year-month or year as a typed literal."""
    return Literal(value, datatype=getattr(XSD, datatype_of(value)))


def emit(rec: Recognition, facts: tuple[Fact, ...], lexicon: Lexicon | None = None) -> Graph:
    """The named graph of one document (as a plain rdflib Graph; the caller names it)."""
    return emit_triples(rec, facts, lexicon).graph()


def emit_triples(rec: Recognition, facts: tuple[Fact, ...], lexicon: Lexicon | None = None) -> Triples:
    """The triples of one document's named graph (see :func:`emit`)."""
    lexicon = lexicon or load_lexicon()
    g = Triples()
    document = rec.document
    _document(g, document)
    for entity in rec.new_entities:
        _entity(g, entity, document.language)
    links: dict[tuple[int, int], set[str]] = {}
    for mention in rec.mentions:
        if mention.entity and mention.kind in ("entity", "pronoun"):
            links.setdefault((mention.start, mention.end), set()).add(mention.entity)
    ctx = span_iri(document, 0, len(document.text))
    for mention in rec.mentions:
        if len(links.get((mention.start, mention.end), ())) > 1:
            continue  # "both sides" names two states: a group, not a link of one phrase to one entity
        if mention.entity and mention.kind in ("entity", "pronoun"):
            node = span_iri(document, mention.start, mention.end)
            _span(g, ctx, node, mention.start, mention.end, mention.text, _NIF_PHRASE)
            g.add((node, _TA_IDENT_REF, URIRef(mention.entity)))
    places = {m.value for m in rec.mentions if m.kind == "place"}
    facts_context = (doc_iri(document), ctx)
    for fact in facts:
        _fact(g, rec, fact, lexicon, places, facts_context)
    return g


def _document(g: Triples, d: Document) -> None:
    node, length = doc_iri(d), len(d.text)
    ctx = span_iri(d, 0, length)
    g.add((node, RDF.type, CDO.SourceDocument))
    g.add((node, DCTERMS.identifier, Literal(d.id)))
    g.add((node, DCTERMS.language, Literal(d.language)))
    g.add((node, CDO.languageSource, Literal(d.language_source)))
    g.add((node, CDO.hasContext, ctx))
    if d.title:
        g.add((node, DCTERMS.title, Literal(d.title, lang=d.language)))
    if d.published:
        g.add((node, DCTERMS.issued, Literal(d.published.isoformat(), datatype=XSD.date)))
    if d.source:
        g.add((node, DCTERMS.source, URIRef(d.source) if d.source.startswith(("http://", "https://")) else Literal(d.source)))
    if d.publisher:
        g.add((node, DCTERMS.publisher, Literal(d.publisher)))
    if d.translated_from:
        g.add((node, CDO.translatedFrom, Literal(d.translated_from)))
    g.add((ctx, RDF.type, NIF.Context))
    g.add((ctx, RDF.type, NIF.OffsetBasedString))
    g.add((ctx, NIF.isString, Literal(d.text)))
    g.add((ctx, NIF.beginIndex, Literal(0, datatype=XSD.nonNegativeInteger)))
    g.add((ctx, NIF.endIndex, Literal(length, datatype=XSD.nonNegativeInteger)))


def _span(g: Triples, ctx: URIRef, node: URIRef, start: int, end: int, text: str, cls) -> None:
    add = g.add
    add((node, _TYPE, cls))
    add((node, _TYPE, _NIF_OFFSET))
    add((node, _NIF_REF, ctx))
    add((node, _NIF_BEGIN, Literal(start, datatype=_NNI)))
    add((node, _NIF_END, Literal(end, datatype=_NNI)))
    add((node, _NIF_ANCHOR, Literal(text)))


def _entity(g: Triples, entity: Entity, language: str) -> None:
    node = URIRef(entity.iri)
    lang = language if language != "und" else "en"
    g.add((node, RDF.type, ENTITY_CLASSES[entity.type]))
    g.add((node, RDFS.label, Literal(entity.label, lang=lang)))
    g.add((node, SKOS.prefLabel, Literal(entity.label, lang=lang)))
    for acronym in entity.acronyms:
        g.add((node, CDO.acronym, Literal(acronym)))
        g.add((node, SKOS.altLabel, Literal(acronym, lang=lang)))
    g.add((node, CDO.inRegistry, Literal(entity.in_registry)))
    if entity.parent:
        g.add((node, ORG.subOrganizationOf, URIRef(entity.parent)))


def _fact(g: Triples, rec: Recognition, fact: Fact, lexicon: Lexicon, places: set, context: tuple[URIRef, URIRef]) -> None:
    cls, kind = FACT_CLASSES[fact.kind]
    doc_node, ctx = context
    add = g.add
    key = _defining_key(fact)
    node = URIRef(iris.fact_iri(kind, rec.document.key, *key))
    add((node, _TYPE, cls))
    add((node, _MODALITY, vocab("modality", fact.modality)))
    add((node, _WAS_DERIVED_FROM, doc_node))
    if fact.stated_by and not g.has(node, _STATED_BY):  # the same fact said twice: first speaker
        add((node, _STATED_BY, URIRef(fact.stated_by)))
    confidence = Literal(Decimal(str(round(fact.confidence, 2))), datatype=XSD.decimal)
    if not g.has(node, _CONFIDENCE):
        add((node, _CONFIDENCE, confidence))
    ev: Evidence = fact.evidence
    span = span_iri(rec.document, ev.start, ev.end)
    derivation = URIRef(iris.fact_iri("derivation", str(node), ev.start, ev.end, fact.extractor))
    activity = URIRef(iris.entity_iri("activity", fact.extractor))
    add((node, _QUALIFIED_DERIVATION, derivation))
    add((derivation, _TYPE, _DERIVATION))
    add((derivation, _ENTITY, doc_node))
    add((derivation, _EVIDENCE, span))
    add((derivation, _HAD_ACTIVITY, activity))
    if not g.has(derivation, _CONFIDENCE):  # two cues for one fact in one sentence: first wins
        add((derivation, _CONFIDENCE, confidence))
    _span(g, ctx, span, ev.start, ev.end, ev.text, _NIF_STRING)
    if (activity, _TYPE, _EXTRACTION) not in g:
        add((activity, _TYPE, _EXTRACTION))
        add((activity, _LABEL, Literal(fact.extractor, lang="en")))
        add((activity, _EXTRACTOR_NAME, Literal(fact.extractor)))
        add((activity, _EXTRACTOR_VERSION, _VERSION))
    _SLOTS[fact.kind](g, node, fact, rec, lexicon)


def _defining_key(fact: Fact) -> tuple:
    skip = {"post": {"date"}, "event": {"participants", "place", "concerns"}, "commitment": {"action"}}.get(fact.kind, set())
    return (fact.kind, fact.modality, *(f"{k}={v}" for k, v in fact.slots if k not in skip))


def _iri(value) -> URIRef | None:
    return URIRef(value) if value else None


def _add(g: Triples, s, p, o) -> None:
    if o is not None:
        g.add((s, p, o))


def _post(g, node, fact, rec, lexicon) -> None:
    person, role, org = fact.get("person"), fact.get("role"), fact.get("organization")
    post = URIRef(iris.fact_iri("post", org, role))
    g.add((node, ORG.member, URIRef(person)))
    g.add((node, ORG.organization, URIRef(org)))
    g.add((node, ORG.role, vocab("role", role)))
    g.add((node, CDO.post, post))
    g.add((post, RDF.type, ORG.Post))
    g.add((post, ORG.postIn, URIRef(org)))
    g.add((post, ORG.role, vocab("role", role)))
    org_entity = rec.entity(org, lexicon)
    role_label = lexicon.role_labels.get(role, role)
    label = f"{role_label}, {org_entity.label}" if org_entity else role_label
    g.add((post, RDFS.label, Literal(label, lang="en")))
    interval = URIRef(iris.fact_iri("interval", str(node)))
    g.add((node, ORG.memberDuring, interval))
    g.add((interval, RDF.type, TIME.Interval))
    if fact.get("date"):
        g.add((node, CDO.attestedOn, date_literal(fact.get("date"))))


def _treaty_action(g, node, fact, rec, lexicon) -> None:
    _add(g, node, CDO.party, _iri(fact.get("party")))
    g.add((node, CDO.actionType, vocab("treaty-action", fact.get("action"))))
    g.add((node, CDO.treaty, URIRef(fact.get("treaty"))))
    if fact.get("date"):
        g.add((node, CDO.date, date_literal(fact.get("date"))))
    _add(g, node, CDO.actedBy, _iri(fact.get("by")))


def _event(g, node, fact, rec, lexicon) -> None:
    type_ = fact.get("type")
    g.add((node, RDF.type, SEM.Event))
    g.add((node, CDO.eventType, vocab("event-type", type_)))
    concerns = fact.get("concerns")
    label = EVENT_LABELS[type_]
    if concerns:
        entity = rec.entity(concerns, lexicon)
        label += f" — {entity.label}" if entity else ""
        g.add((node, CDO.concerns, URIRef(concerns)))
    if fact.get("date"):
        label += f" ({fact.get('date')})"
        g.add((node, CDO.date, date_literal(fact.get("date"))))
    g.add((node, RDFS.label, Literal(label, lang="en")))
    place = fact.get("place")
    if place:
        p = lexicon.places[int(place)]
        g.add((node, SEM.hasPlace, URIRef(p.iri)))
        g.add((URIRef(p.iri), RDF.type, CDO.Place))
        g.add((URIRef(p.iri), RDFS.label, Literal(p.label, lang="en")))
        g.add((URIRef(p.iri), CDO.geonamesId, Literal(str(p.geonames_id))))
    for host in fact.get("host") or ():
        g.add((node, CDO.host, URIRef(host)))
    for participant in fact.get("participants") or ():
        g.add((node, CDO.participant, URIRef(participant)))


def _commitment(g, node, fact, rec, lexicon) -> None:
    for committer in fact.get("committer"):
        g.add((node, CDO.committer, URIRef(committer)))
    if not g.has(node, CDO.action):  # the same commitment stated twice keeps its first wording
        g.add((node, CDO.action, Literal(fact.get("action"), lang=rec.document.language)))
    _add(g, node, CDO.beneficiary, _iri(fact.get("beneficiary")))
    _add(g, node, CDO.object, _iri(fact.get("object")))


def _appeal(g, node, fact, rec, lexicon) -> None:
    for caller in fact.get("caller"):
        g.add((node, CDO.caller, URIRef(caller)))
    _add(g, node, CDO.addressee, _iri(fact.get("addressee")))
    if fact.get("addressee_description"):
        g.add((node, CDO.addresseeDescription, Literal(fact.get("addressee_description"), lang="en")))
    g.add((node, CDO.requestedAction, Literal(fact.get("action"), lang="en")))
    _add(g, node, CDO.object, _iri(fact.get("object")))


def _stance(g, node, fact, rec, lexicon) -> None:
    g.add((node, CDO.actor, URIRef(fact.get("actor"))))
    g.add((node, CDO.target, URIRef(fact.get("target"))))
    g.add((node, CDO.stanceType, vocab("stance", fact.get("stance"))))


def _claim(g, node, fact, rec, lexicon) -> None:
    _add(g, node, CDO.claimant, _iri(fact.get("claimant")))
    g.add((node, CDO.figure, Literal(int(fact.get("figure")), datatype=XSD.integer)))
    g.add((node, CDO.claimType, vocab("claim-type", fact.get("claim_type"))))
    _add(g, node, CDO.about, _iri(fact.get("about")))
    g.add((node, RDFS.comment, Literal(fact.evidence.text, lang=rec.document.language)))


_SLOTS = {
    "post": _post,
    "treaty_action": _treaty_action,
    "event": _event,
    "commitment": _commitment,
    "appeal": _appeal,
    "stance": _stance,
    "claim": _claim,
}
