"""registry: seeds/reference/ loads fast and holds the states, organisations, treaties and persons it must."""

from __future__ import annotations

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
    "francophonie", "wto", "world-bank", "imf", "unesco", "undp", "icrc", "unhrc", "european-council", "eeas",
    "eurojust", "coe-committee-of-ministers", "c-proc", "t-cy", "pacific-islands-forum", "asean-regional-forum", "ammtc",
    "somtc", "unoct", "ecosoc", "ccpcj", "ec3",
)
NON_STATE = {  # key -> type
    "gfce": "NGO", "amnesty-international": "NGO", "human-rights-watch": "NGO", "access-now": "NGO", "eff": "NGO",
    "article-19": "NGO", "privacy-international": "NGO", "cyberpeace-institute": "NGO", "internet-society": "NGO",
    "microsoft": "Company", "google": "Company", "meta": "Company", "kaspersky": "Company", "huawei": "Company",
    "cisco": "Company",
}
# parliaments and their chambers (bodies.yaml), both chambers where there are two
PARLIAMENTS = (
    "nld-staten-generaal", "nld-tweede-kamer", "nld-eerste-kamer", "deu-bundestag", "deu-bundesrat", "fra-parlement",
    "fra-assemblee-nationale", "fra-senat", "esp-cortes-generales", "esp-congreso", "esp-senado", "usa-congress",
    "usa-senate", "usa-house", "gbr-parliament", "gbr-house-of-commons", "gbr-house-of-lords", "irl-oireachtas",
    "irl-dail", "irl-seanad", "vnm-national-assembly", "che-federal-assembly", "che-nationalrat", "che-staenderat",
    "aut-parliament", "aut-nationalrat", "aut-bundesrat", "bel-federal-parliament", "bel-chamber", "bel-senate",
    "pol-sejm", "pol-senat", "ita-parlamento", "ita-camera", "ita-senato", "jpn-diet", "jpn-house-of-representatives",
    "jpn-house-of-councillors", "kor-national-assembly", "aus-parliament", "aus-house-of-representatives",
    "aus-senate", "can-parliament", "can-house-of-commons", "can-senate", "ind-parliament", "ind-lok-sabha",
    "ind-rajya-sabha", "bra-congresso", "bra-camara", "bra-senado", "mex-congreso", "mex-diputados", "mex-senado",
    "rus-federal-assembly", "rus-state-duma", "rus-federation-council", "chn-npc", "ukr-verkhovna-rada",
    "tur-grand-national-assembly", "zaf-parliament", "zaf-national-assembly", "zaf-ncop", "sgp-parliament",
    "phl-congress", "phl-senate", "phl-house-of-representatives", "idn-dpr", "idn-mpr", "mys-parliament",
    "mys-dewan-rakyat", "mys-dewan-negara", "tha-national-assembly", "isr-knesset", "nzl-parliament", "swe-riksdag",
    "nor-storting", "dnk-folketing", "fin-eduskunta", "est-riigikogu", "prt-assembleia", "lux-chamber",
    "nga-national-assembly", "ken-parliament",
)
# ministries of foreign affairs, justice, the interior, defence and digital affairs (bodies.yaml)
MINISTRIES = {
    "foreign": (
        "usa-dos", "gbr-fcdo", "fra-meae", "deu-aa", "nld-mfa", "bel-fps-fa", "rus-mfa", "chn-mfa", "jpn-mofa",
        "kor-mofa", "ind-mea", "esp-maec", "ita-maeci", "can-gac", "aus-dfat", "bra-mre", "zaf-dirco", "tur-mfa",
        "irn-mfa", "ukr-mfa", "sgp-mfa", "vnm-mfa", "irl-dfa", "che-fdfa", "aut-bmeia", "pol-mfa", "mex-sre",
        "phl-dfa", "idn-mfa", "mys-mfa", "tha-mfa", "isr-mfa", "nzl-mfat", "est-mfa", "nga-mfa",
    ),
    "justice": (
        "nld-justice-security", "deu-justice", "fra-justice", "gbr-justice", "usa-doj", "esp-justice", "bel-justice",
        "ita-justice", "irl-justice", "che-fdjp", "aut-justice", "pol-justice", "jpn-justice", "kor-justice",
        "chn-justice", "rus-justice", "ukr-justice", "vnm-justice", "ind-law-justice", "aus-attorney-general",
        "can-justice", "bra-justice", "phl-doj", "isr-justice",
    ),
    "interior": (
        "nld-interior", "deu-interior", "fra-interior", "gbr-home-office", "usa-dhs", "esp-interior", "bel-interior",
        "ita-interior", "aut-interior", "pol-interior", "kor-interior", "rus-interior", "ukr-interior", "vnm-mps",
        "chn-mps", "ind-home-affairs", "aus-home-affairs", "can-public-safety", "sgp-home-affairs", "tur-interior",
    ),
    "defence": (
        "nld-defence", "deu-defence", "fra-armed-forces", "gbr-defence", "usa-dod", "esp-defence", "bel-defence",
        "ita-defence", "irl-defence", "che-ddps", "aut-defence", "pol-defence", "jpn-defense", "kor-defense",
        "chn-defense", "rus-defence", "ukr-defence", "vnm-defence", "ind-defence", "aus-defence",
        "can-national-defence", "bra-defence", "sgp-defence", "tur-defence", "isr-defense",
    ),
    "digital": (
        "deu-digital", "gbr-dsit", "esp-digital", "pol-digital", "jpn-mic", "jpn-digital-agency", "kor-msit",
        "chn-cac", "chn-miit", "rus-digital", "ukr-digital", "vnm-most", "vnm-mic", "ind-meity", "phl-dict",
        "sgp-mddi", "idn-komdigi", "mys-digital", "tha-mdes", "nga-digital", "ken-ict",
    ),
}
POLICE = (
    "usa-fbi", "jpn-npa", "irl-garda", "deu-bka", "esp-guardia-civil", "esp-national-police", "fra-gendarmerie",
    "fra-police", "nld-police", "bel-federal-police", "gbr-nca", "aut-bk", "che-fedpol", "kor-police", "phl-pnp",
    "can-rcmp", "aus-afp", "bra-federal-police",
)
WORKING_LANGUAGES = ("en", "nl", "fr", "de", "es")
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


def test_registry_load_is_cached() -> None:
    """Load time is measured in benchmarks/, not asserted here (the machine is shared and noisy)."""
    fresh = registry_module._load.__wrapped__(REFERENCE.resolve())  # uncached parse and validation
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
    assert len(orgs) >= 60
    for key in ORGANISATIONS:
        entity = reg.by_iri(entity_iri("org", key))
        assert entity.names.get("en") and reg.sources.get(entity.iri), key
    assert reg.by_iri(entity_iri("org", "unodc")).parent == entity_iri("org", "un")
    for key in ("un", "unodc"):
        assert reg.by_iri(entity_iri("org", key)).names.get("vi"), key


def test_registry_load_has_the_ngos_and_companies(reg: Registry) -> None:
    assert sum(e.type == "NGO" for e in reg.entities) >= 12
    assert sum(e.type == "Company" for e in reg.entities) >= 7
    for key, type_ in NON_STATE.items():
        entity = reg.by_iri(entity_iri("org", key))
        assert entity.type == type_ and reg.sources.get(entity.iri), key


def test_registry_load_bodies_belong_to_their_state(reg: Registry) -> None:
    bodies = [e for e in reg.entities if e.type == "GovernmentBody"]
    assert len(bodies) >= 250
    for body in bodies:
        assert body.parent and reg.by_iri(body.parent).type == "State", body.iri
        assert reg.sources.get(body.iri), body.iri
        assert all(body.names.get(lang) for lang in WORKING_LANGUAGES), body.iri


@pytest.mark.parametrize(("group", "keys", "states"), [
    ("parliaments", PARLIAMENTS, 40),
    *((f"ministries of {kind}", keys, 17 if kind == "digital" else 19) for kind, keys in MINISTRIES.items()),
    ("police", POLICE, 15),
])
def test_registry_load_bodies_cover_the_key_states(reg: Registry, group: str, keys: tuple[str, ...], states: int) -> None:
    """Parliaments of 40 states, ministries of some 20-35 states each, with names in the five working
    languages that say the state."""
    parents = set()
    for key in keys:
        body = reg.by_iri(entity_iri("body", key))
        assert body.type == "GovernmentBody"
        assert all(body.names.get(lang) for lang in WORKING_LANGUAGES), (key, set(WORKING_LANGUAGES) - set(body.names))
        parents.add(body.parent)
    assert len(parents) >= states, group


def test_registry_load_key_states_have_ministries(reg: Registry) -> None:
    """At least 25 states have a foreign, a justice, an interior and a defence ministry, or most of them."""
    kinds_per_state: dict[str, set[str]] = {}
    for kind, keys in MINISTRIES.items():
        for key in keys:
            kinds_per_state.setdefault(reg.by_iri(entity_iri("body", key)).parent, set()).add(kind)
    assert sum(len(kinds) >= 3 for kinds in kinds_per_state.values()) >= 25


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
    for key in TREATIES:  # every treaty is named in the five working languages, with a short form besides its title
        entity = reg.by_iri(entity_iri("treaty", key))
        for lang in WORKING_LANGUAGES:
            assert len(entity.names.get(lang, ())) >= 2, (key, lang)


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
    graph = Graph().parse(scheme, format="turtle")
    prefix = f"{VOCAB}role/"
    labels = {
        str(concept)[len(prefix):]: str(label)
        for concept, label in graph.subject_objects(SKOS.prefLabel)
        if str(concept).startswith(prefix) and label.language == "en"
    }
    assert dict(reg.roles) == labels
