"""Emit: a document, its recognition and its facts in; the document's named graph (rdflib) out.

Writes exactly the triples of ``docs/model.md``: the ``cdo:SourceDocument`` with its metadata, the
``nif:Context`` holding the text, one ``nif:Phrase`` per linked mention, the entities minted from
the text, and every fact as an n-ary node with its modality, confidence and a
``prov:qualifiedDerivation`` naming the evidence span and the extractor. Every IRI comes from
``iris`` (no blank nodes); a fact's IRI is a hash of its defining key, so a fact stated twice in a
document is one node with two derivations.
"""

from __future__ import annotations

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
    lexicon = lexicon or load_lexicon()
    g = Graph(store="SimpleMemory")  # no context index: ~30 % faster to fill, all emit needs
    document = rec.document
    _document(g, document)
    for entity in rec.new_entities:
        _entity(g, entity, document.language)
    links: dict[tuple[int, int], set[str]] = {}
    for mention in rec.mentions:
        if mention.entity and mention.kind in ("entity", "pronoun"):
            links.setdefault((mention.start, mention.end), set()).add(mention.entity)
    for mention in rec.mentions:
        if len(links.get((mention.start, mention.end), ())) > 1:
            continue  # "both sides" names two states: a group, not a link of one phrase to one entity
        if mention.entity and mention.kind in ("entity", "pronoun"):
            node = span_iri(document, mention.start, mention.end)
            _span(g, document, node, mention.start, mention.end, mention.text, RDF.type, NIF.Phrase)
            g.add((node, ITSRDF.taIdentRef, URIRef(mention.entity)))
    places = {m.value for m in rec.mentions if m.kind == "place"}
    for fact in facts:
        _fact(g, rec, fact, lexicon, places)
    return g


def _document(g: Graph, d: Document) -> None:
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


def _span(g: Graph, d: Document, node: URIRef, start: int, end: int, text: str, p, cls) -> None:
    g.add((node, p, cls))
    g.add((node, RDF.type, NIF.OffsetBasedString))
    g.add((node, NIF.referenceContext, span_iri(d, 0, len(d.text))))
    g.add((node, NIF.beginIndex, Literal(start, datatype=XSD.nonNegativeInteger)))
    g.add((node, NIF.endIndex, Literal(end, datatype=XSD.nonNegativeInteger)))
    g.add((node, NIF.anchorOf, Literal(text)))


def _entity(g: Graph, entity: Entity, language: str) -> None:
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


def _fact(g: Graph, rec: Recognition, fact: Fact, lexicon: Lexicon, places: set) -> None:
    cls, kind = FACT_CLASSES[fact.kind]
    doc_node = doc_iri(rec.document)
    key = _defining_key(fact)
    node = URIRef(iris.fact_iri(kind, rec.document.key, *key))
    g.add((node, RDF.type, cls))
    g.add((node, CDO.modality, vocab("modality", fact.modality)))
    g.add((node, PROV.wasDerivedFrom, doc_node))
    if fact.stated_by and (node, CDO.statedBy, None) not in g:  # the same fact said twice: first speaker
        g.add((node, CDO.statedBy, URIRef(fact.stated_by)))
    confidence = Literal(Decimal(str(round(fact.confidence, 2))), datatype=XSD.decimal)
    if (node, CDO.confidence, None) not in g:
        g.add((node, CDO.confidence, confidence))
    ev: Evidence = fact.evidence
    span = span_iri(rec.document, ev.start, ev.end)
    derivation = URIRef(iris.fact_iri("derivation", str(node), ev.start, ev.end, fact.extractor))
    activity = URIRef(iris.entity_iri("activity", fact.extractor))
    g.add((node, PROV.qualifiedDerivation, derivation))
    g.add((derivation, RDF.type, CDO.Derivation))
    g.add((derivation, PROV.entity, doc_node))
    g.add((derivation, CDO.evidence, span))
    g.add((derivation, PROV.hadActivity, activity))
    if (derivation, CDO.confidence, None) not in g:  # two cues for one fact in one sentence: first wins
        g.add((derivation, CDO.confidence, confidence))
    _span(g, rec.document, span, ev.start, ev.end, ev.text, RDF.type, NIF.String)
    g.add((activity, RDF.type, CDO.Extraction))
    g.add((activity, RDFS.label, Literal(fact.extractor, lang="en")))
    g.add((activity, CDO.extractorName, Literal(fact.extractor)))
    g.add((activity, CDO.extractorVersion, Literal(VERSION)))
    _SLOTS[fact.kind](g, node, fact, rec, lexicon)


def _defining_key(fact: Fact) -> tuple:
    skip = {"post": {"date"}, "event": {"participants", "place", "concerns"}, "commitment": {"action"}}.get(fact.kind, set())
    return (fact.kind, fact.modality, *(f"{k}={v}" for k, v in fact.slots if k not in skip))


def _iri(value) -> URIRef | None:
    return URIRef(value) if value else None


def _add(g: Graph, s, p, o) -> None:
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
    if (node, CDO.action, None) not in g:  # the same commitment stated twice keeps its first wording
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
