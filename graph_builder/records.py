"""Frozen, typed records passed between the pipeline's stages.

Document → Mention → Entity → Fact (with its Evidence). Nothing else crosses a module boundary.

>>> Evidence(0, 5, "Paris").end
5
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date as _date
from typing import Literal

EntityType = Literal[
    "State",
    "InternationalOrganization",
    "GovernmentBody",
    "NGO",
    "Company",
    "Person",
    "Treaty",
    "Process",
]
ENTITY_TYPES: tuple[str, ...] = EntityType.__args__  # type: ignore[attr-defined]

FactKind = Literal["post", "treaty_action", "event", "commitment", "appeal", "stance", "claim"]
FACT_KINDS: tuple[str, ...] = FactKind.__args__  # type: ignore[attr-defined]

Modality = Literal["asserted", "future", "hypothetical", "negated", "reported"]
MODALITIES: tuple[str, ...] = Modality.__args__  # type: ignore[attr-defined]


@dataclass(frozen=True, slots=True)
class Document:
    """A source document after ingest: NFC-normalised text plus its metadata.

    ``key`` is the first 16 hex digits of the SHA-256 of ``text`` (DESIGN §3).
    """

    id: str
    text: str
    key: str
    language: str
    language_source: Literal["given", "detected"] = "given"
    title: str | None = None
    published: _date | None = None
    source: str | None = None
    publisher: str | None = None
    translated_from: str | None = None
    path: str | None = None

    def __post_init__(self) -> None:
        if len(self.key) != 16:
            raise ValueError(f"document key must be 16 hex digits, got {self.key!r}")
        if not self.language:
            raise ValueError(f"document {self.id!r} has no language")


@dataclass(frozen=True, slots=True)
class Evidence:
    """A span of a document's normalised text: [start, end) and the text it covers (nif:String)."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span [{self.start}, {self.end})")
        if len(self.text) != self.end - self.start:
            raise ValueError(f"span text {self.text!r} does not fit [{self.start}, {self.end})")


@dataclass(frozen=True, slots=True)
class Entity:
    """An actor, treaty or process: from the registry, or minted from text (``in_registry=False``).

    ``names`` maps a language tag to that language's names (the first is the preferred label).
    """

    iri: str
    type: EntityType
    label: str
    names: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    acronyms: tuple[str, ...] = ()
    demonyms: dict[str, tuple[str, ...]] = field(default_factory=dict, hash=False, compare=False)
    iso2: str | None = None
    iso3: str | None = None
    parent: str | None = None
    in_registry: bool = True

    def __post_init__(self) -> None:
        if self.type not in ENTITY_TYPES:
            raise ValueError(f"unknown entity type {self.type!r} for {self.iri}")
        if not self.iri.startswith("https://w3id.org/cdkg/id/"):
            raise ValueError(f"entity IRI {self.iri!r} is outside id/")

    def all_names(self) -> tuple[str, ...]:
        """Every name, alias, acronym and demonym of the entity (no duplicates, stable order)."""
        seen: dict[str, None] = {self.label: None}
        for names in self.names.values():
            seen.update(dict.fromkeys(names))
        seen.update(dict.fromkeys(self.acronyms))
        return tuple(seen)


@dataclass(frozen=True, slots=True)
class Mention:
    """A stretch of text that names an entity (or a role, date or place) — what recognise yields."""

    start: int
    end: int
    text: str
    kind: Literal["entity", "role", "date", "place", "title_person", "pronoun", "group"]
    entity: str | None = None  # entity IRI once linked
    value: str | None = None  # role code, ISO date, place key, group code …
    sentence: int = 0
    source: str = "gazetteer"  # gazetteer, pattern, demonym, coreference, acronym

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise ValueError(f"empty or inverted mention [{self.start}, {self.end})")


@dataclass(frozen=True, slots=True)
class Fact:
    """One n-ary fact of a kind in FACT_KINDS, with its slots filled by entity IRIs or literals.

    ``slots`` keys follow the facts contract of DESIGN §8 (e.g. ``party``, ``action``, ``treaty``);
    values are entity IRIs, vocabulary codes, ISO dates or text; list-valued slots are tuples.
    """

    kind: FactKind
    slots: tuple[tuple[str, object], ...]
    evidence: Evidence
    modality: Modality
    confidence: float
    extractor: str
    stated_by: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in FACT_KINDS:
            raise ValueError(f"unknown fact kind {self.kind!r}")
        if self.modality not in MODALITIES:
            raise ValueError(f"unknown modality {self.modality!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise ValueError(f"confidence {self.confidence} outside [0, 1]")

    def get(self, key: str, default: object = None) -> object:
        """The value of slot ``key``."""
        for k, v in self.slots:
            if k == key:
                return v
        return default
