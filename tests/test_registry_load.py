"""registry: seeds/reference/ loads fast and holds the states, organisations, treaties and persons it must."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.namespace import SKOS

from graph_builder import registry as registry_module
from graph_builder.iris import entity_iri, slug
from graph_builder.namespaces import VOCAB
from graph_builder.registry import Registry, default_reference_dir, load_registry

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = default_reference_dir()
LANGUAGES = ("en", "nl", "fr", "de", "es", "vi")
OBSERVERS = {"VAT", "PSE"}
ORGANISATIONS = (
    "un", "unodc", "unoda", "unidir", "ola", "unga", "unsc", "itu", "interpol", "eu", "european-commission",
    "council-of-the-eu", "european-parliament", "coe", "asean", "au", "oas", "osce", "nato", "sco", "brics", "g7",
    "g20", "oecd", "europol", "enisa", "gcc", "arab-league", "cis", "apec", "gfce", "ecowas", "csto", "commonwealth",
    "francophonie", "wto", "world-bank", "imf", "unesco", "undp", "icrc",
)
TREATIES = (
    "un-cybercrime-convention", "budapest-convention", "budapest-first-protocol", "budapest-second-protocol",
    "malabo-convention", "arab-it-offences-convention", "untoc",
)
PROCESSES = (
    "oewg-ict-2021-2025", "un-gge", "pall-mall-process", "paris-call", "counter-ransomware-initiative",
    "global-mechanism-ict",
)
PERSONS = ("to-lam", "ghada-waly", "antonio-guterres")


@pytest.fixture(scope="module")
def reg() -> Registry:
    return load_registry()


def states(reg: Registry) -> list:
    return [e for e in reg.entities if e.type == "State"]


def test_registry_load_is_fast_and_cached() -> None:
    started = time.perf_counter()
    fresh = registry_module._load.__wrapped__(REFERENCE.resolve())  # uncached parse and validation
    assert time.perf_counter() - started < 0.5
    assert load_registry() is load_registry(REFERENCE) is load_registry(str(REFERENCE))
    assert len(fresh.entities) == len(load_registry().entities)


def test_registry_load_has_every_un_member_and_observer(reg: Registry) -> None:
    status = {e.iso3: reg.un_status[e.iri] for e in states(reg)}
    assert len(status) == 195
    assert sum(s == "member" for s in status.values()) == 193
    assert {iso3 for iso3, s in status.items() if s == "observer"} == OBSERVERS


@pytest.mark.parametrize("lang", LANGUAGES)
def test_registry_load_labels_every_state_in(reg: Registry, lang: str) -> None:
    missing = [e.iso3 for e in states(reg) if not e.names.get(lang)]
    assert not missing


def test_registry_load_states_have_codes_and_english_demonyms(reg: Registry) -> None:
    for state in states(reg):
        assert state.iri == entity_iri("state", state.iso3)
        assert len(state.iso2) == 2 and len(state.iso3) == 3
        assert state.demonyms.get("en"), state.iso3
    multilingual = [s for s in states(reg) if all(s.demonyms.get(lang) for lang in ("nl", "fr", "de", "es"))]
    assert len(multilingual) >= 40


def test_registry_load_states_tsv_is_what_the_generator_writes(tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("generate_states", REFERENCE / "generate_states.py")
    generator = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(generator)
    generator.main(tmp_path / "states.tsv")
    assert (tmp_path / "states.tsv").read_text(encoding="utf-8") == (REFERENCE / "states.tsv").read_text(encoding="utf-8")


def test_registry_load_has_the_organisations(reg: Registry) -> None:
    orgs = [e for e in reg.entities if e.type == "InternationalOrganization"]
    assert len(orgs) >= 40
    for key in ORGANISATIONS:
        entity = reg.by_iri(entity_iri("org", key))
        assert entity.names.get("en") and reg.sources.get(entity.iri), key
    assert reg.by_iri(entity_iri("org", "unodc")).parent == entity_iri("org", "un")
    for key in ("un", "unodc"):
        assert reg.by_iri(entity_iri("org", key)).names.get("vi"), key


def test_registry_load_bodies_belong_to_their_state(reg: Registry) -> None:
    bodies = [e for e in reg.entities if e.type == "GovernmentBody"]
    assert len(bodies) >= 25
    for body in bodies:
        assert body.parent and reg.by_iri(body.parent).type == "State", body.iri


def test_registry_load_has_the_treaties_and_processes(reg: Registry) -> None:
    treaties = {t.iri: t for t in reg.treaties}
    for key in TREATIES:
        assert reg.by_iri(entity_iri("treaty", key)).type == "Treaty"
    for key in PROCESSES:
        assert reg.by_iri(entity_iri("process", key)).type == "Process"
    hanoi = treaties[entity_iri("treaty", "un-cybercrime-convention")]
    assert (hanoi.adopted, hanoi.opened_for_signature, hanoi.threshold) == ("2024-12-24", "2025-10-25", 40)
    assert hanoi.adopted_by == entity_iri("org", "unga") and hanoi.entered_into_force is None
    second = treaties[entity_iri("treaty", "budapest-second-protocol")]
    assert second.supplements == entity_iri("treaty", "budapest-convention")


def test_registry_load_persons_are_keyed_by_slug_and_hold_posts(reg: Registry) -> None:
    persons = [e for e in reg.entities if e.type == "Person"]
    assert len(persons) >= 33
    holders = {t.person for t in reg.tenures}
    for person in persons:
        assert person.iri == entity_iri("person", slug(person.label))
        assert person.iri in holders, person.iri
    for key in PERSONS:
        assert reg.by_iri(entity_iri("person", key))
    for tenure in reg.tenures:
        assert tenure.role in reg.roles and tenure.source
        assert reg.by_iri(tenure.organization).type in ("State", "GovernmentBody", "InternationalOrganization", "NGO")
    to_lam = {(t.role, t.organization, t.end) for t in reg.tenures if t.person == entity_iri("person", "to-lam")}
    assert ("general-secretary", entity_iri("body", "cpv"), None) in to_lam


def test_registry_load_roles_agree_with_the_role_scheme(reg: Registry) -> None:
    scheme = ROOT / "ontology" / "vocab" / "role.ttl"
    if not scheme.exists():
        pytest.skip("ontology/vocab/role.ttl not written yet")
    graph = Graph().parse(scheme, format="turtle")
    prefix = f"{VOCAB}role/"
    labels = {
        str(concept)[len(prefix):]: str(label)
        for concept, label in graph.subject_objects(SKOS.prefLabel)
        if str(concept).startswith(prefix) and label.language == "en"
    }
    assert dict(reg.roles) == labels
