"""registry: look-ups by name (any language, diacritics optional), acronym, demonym and ISO code."""

from __future__ import annotations

import pytest

from graph_builder.namespaces import ID
from graph_builder.registry import Registry, default_reference_dir, load_registry

# (query, IRI tail under id/ or "" for no match, look up demonyms too)
LOOKUPS = [
    ("Verdrag van Hanoi", "treaty/un-cybercrime-convention", False),
    ("Công ước Hà Nội", "treaty/un-cybercrime-convention", False),
    ("Cong uoc Ha Noi", "treaty/un-cybercrime-convention", False),
    ("Hanoi Convention", "treaty/un-cybercrime-convention", False),
    ("Verdrag van de Verenigde Naties tegen cybercriminaliteit", "treaty/un-cybercrime-convention", False),
    ("Convención de Hanói", "treaty/un-cybercrime-convention", False),
    ("Convention de Budapest", "treaty/budapest-convention", False),
    ("ETS 185", "treaty/budapest-convention", False),
    ("CETS 224", "treaty/budapest-second-protocol", False),
    ("Malabo Convention", "treaty/malabo-convention", False),
    ("Paris Call", "process/paris-call", False),
    ("Viet Nam", "state/VNM", False),
    ("Việt Nam", "state/VNM", False),
    ("VIETNAM", "state/VNM", False),
    ("Türkiye", "state/TUR", False),
    ("Turkey", "state/TUR", False),
    ("Republic of Korea", "state/KOR", False),
    ("South Korea", "state/KOR", False),
    ("Russia", "state/RUS", False),
    ("Russian Federation", "state/RUS", False),
    ("United States of America", "state/USA", False),
    ("USA", "state/USA", False),
    ("US", "state/USA", False),
    ("us", "", False),
    ("UK", "state/GBR", False),
    ("Iran (Islamic Republic of)", "state/IRN", False),
    ("Lao PDR", "state/LAO", False),
    ("Côte d’Ivoire", "state/CIV", False),
    ("Cote d'Ivoire", "state/CIV", False),
    ("Holy See", "state/VAT", False),
    ("State of Palestine", "state/PSE", False),
    ("Vietnamese", "state/VNM", True),
    ("Vietnamese", "", False),
    ("vietnamiennes", "state/VNM", True),
    ("Vietnamesischen", "state/VNM", True),
    ("To Lam", "person/to-lam", False),
    ("Tô Lâm", "person/to-lam", False),
    ("Ghada Waly", "person/ghada-waly", False),
    ("Antonio Guterres", "person/antonio-guterres", False),
    ("UN", "org/un", False),
    ("un", "", False),
    ("VN", "org/un", False),
    ("ONU", "org/un", False),
    ("LHQ", "org/un", False),
    ("Verenigde Naties", "org/un", False),
    ("UNODC", "org/unodc", False),
    ("Bureau van de Verenigde Naties voor Drugs- en Misdaadbestrijding", "org/unodc", False),
    ("Nato", "org/nato", False),
    ("Ministerie van Openbare Veiligheid", "body/vnm-mps", False),
    ("Openbare Veiligheid", "body/vnm-mps", False),
    ("Bộ Công an", "body/vnm-mps", False),
    ("Centraal Comité van de Partij", "body/cpv", False),
    ("Central Committee of the Communist Party of Vietnam", "body/cpv", False),
    ("Đảng Cộng sản Việt Nam", "body/cpv", False),
    ("no such actor", "", False),
    # bare forms of UN organs; generic words and halves of comma names are no names
    ("General Assembly", "org/unga", False),
    ("Algemene Vergadering", "org/unga", False),
    ("Assemblée générale", "org/unga", False),
    ("Generalversammlung", "org/unga", False),
    ("Asamblea General", "org/unga", False),
    ("Human Rights Council", "org/unhrc", False),
    ("Mensenrechtenraad", "org/unhrc", False),
    ("Foreign, Commonwealth & Development Office", "body/gbr-fcdo", False),
    ("Foreign Office", "body/gbr-fcdo", False),
    ("Foreign", "", False),
    ("Office", "", False),
    ("Commonwealth", "", False),
    ("Commission", "", False),
    ("Parliament", "", False),
    ("Senate", "", False),
    ("Partij", "", False),
    # treaties: short forms in en, nl, fr, de, es
    ("Second Additional Protocol", "treaty/budapest-second-protocol", False),
    ("Tweede Aanvullend Protocol", "treaty/budapest-second-protocol", False),
    ("deuxième Protocole additionnel", "treaty/budapest-second-protocol", False),
    ("Zweites Zusatzprotokoll", "treaty/budapest-second-protocol", False),
    ("Segundo Protocolo Adicional", "treaty/budapest-second-protocol", False),
    ("Budapest Convention", "treaty/budapest-convention", False),
    ("Verdrag van Boedapest", "treaty/budapest-convention", False),
    ("Budapester Konvention", "treaty/budapest-convention", False),
    ("Übereinkommen über Computerkriminalität", "treaty/budapest-convention", False),
    ("Convenio de Budapest", "treaty/budapest-convention", False),
    ("Convenio sobre la Ciberdelincuencia", "treaty/budapest-convention", False),
    ("Convention de Malabo", "treaty/malabo-convention", False),
    ("Malabo-Konvention", "treaty/malabo-convention", False),
    ("Convenio de Malabo", "treaty/malabo-convention", False),
    ("Hanoi-Übereinkommen", "treaty/un-cybercrime-convention", False),
    ("Convenio de Hanói", "treaty/un-cybercrime-convention", False),
    ("Convention de Hanoï", "treaty/un-cybercrime-convention", False),
    ("Cybercrimeverdrag", "treaty/un-cybercrime-convention", False),
    ("VN-Verdrag tegen cybercriminaliteit", "treaty/un-cybercrime-convention", False),
    ("UN-Konvention gegen Cyberkriminalität", "treaty/un-cybercrime-convention", False),
    ("Convención contra la Ciberdelincuencia", "treaty/un-cybercrime-convention", False),
    ("Convención de la ONU contra la ciberdelincuencia", "treaty/un-cybercrime-convention", False),
    ("Palermo-Übereinkommen", "treaty/untoc", False),
    # parliaments
    ("Tweede Kamer", "body/nld-tweede-kamer", False),
    ("Eerste Kamer", "body/nld-eerste-kamer", False),
    ("Staten-Generaal", "body/nld-staten-generaal", False),
    ("Bundestag", "body/deu-bundestag", False),
    ("Assemblée nationale", "body/fra-assemblee-nationale", False),
    ("French Senate", "body/fra-senat", False),
    ("Cortes Generales", "body/esp-cortes-generales", False),
    ("Congreso de los Diputados", "body/esp-congreso", False),
    ("Senado de España", "body/esp-senado", False),
    ("US Congress", "body/usa-congress", False),
    ("U.S. Senate", "body/usa-senate", False),
    ("US House of Representatives", "body/usa-house", False),
    ("UK Parliament", "body/gbr-parliament", False),
    ("House of Lords", "body/gbr-house-of-lords", False),
    ("Oireachtas", "body/irl-oireachtas", False),
    ("Dáil Éireann", "body/irl-dail", False),
    ("Dail Eireann", "body/irl-dail", False),
    ("National Assembly of Vietnam", "body/vnm-national-assembly", False),
    ("Swiss Federal Assembly", "body/che-federal-assembly", False),
    ("Österreichischer Nationalrat", "body/aut-nationalrat", False),
    ("Kamer van volksvertegenwoordigers", "body/bel-chamber", False),
    ("Sejm", "body/pol-sejm", False),
    ("State Duma", "body/rus-state-duma", False),
    ("National People's Congress", "body/chn-npc", False),
    ("Verkhovna Rada", "body/ukr-verkhovna-rada", False),
    ("Knesset", "body/isr-knesset", False),
    ("Lok Sabha", "body/ind-lok-sabha", False),
    # ministries and agencies
    ("ministerie van Justitie en Veiligheid", "body/nld-justice-security", False),
    ("Justitie en Veiligheid", "body/nld-justice-security", False),
    ("Economische Zaken", "body/nld-economic-affairs", False),
    ("Auswärtiges Amt", "body/deu-aa", False),
    ("Bundesministerium des Innern", "body/deu-interior", False),
    ("BMVg", "body/deu-defence", False),
    ("Ministère de la Justice", "body/fra-justice", False),
    ("Ministerio del Interior", "body/esp-interior", False),
    ("US Department of Justice", "body/usa-doj", False),
    ("Justice Department", "body/usa-doj", False),
    ("State Department", "body/usa-dos", False),
    ("Department of State", "body/usa-dos", False),
    ("Home Office", "body/gbr-home-office", False),
    ("Department of Foreign Affairs and Trade", "body/aus-dfat", False),
    ("Philippine Department of Foreign Affairs", "body/phl-dfa", False),
    ("National Police Agency of Japan", "body/jpn-npa", False),
    ("An Garda Síochána", "body/irl-garda", False),
    ("Bundeskriminalamt Österreich", "body/aut-bk", False),
    ("BKA", "body/deu-bka", False),
    ("Guardia Civil", "body/esp-guardia-civil", False),
    ("Policía Nacional", "body/esp-national-police", False),
    ("Gendarmerie nationale", "body/fra-gendarmerie", False),
    ("FBI", "body/usa-fbi", False),
    ("UK National Cyber Security Centre", "body/gbr-ncsc", False),
    ("Nationaal Cyber Security Centrum", "body/nld-ncsc", False),
    # international bodies, NGOs, companies
    ("Committee of Ministers of the Council of Europe", "org/coe-committee-of-ministers", False),
    ("C-PROC", "org/c-proc", False),
    ("T-CY", "org/t-cy", False),
    ("Pacific Islands Forum", "org/pacific-islands-forum", False),
    ("ASEAN Regional Forum", "org/asean-regional-forum", False),
    ("AMMTC", "org/ammtc", False),
    ("SOMTC", "org/somtc", False),
    ("UNOCT", "org/unoct", False),
    ("Organisation internationale de la Francophonie", "org/francophonie", False),
    ("European External Action Service", "org/eeas", False),
    ("GFCE", "org/gfce", False),
    ("Amnesty International", "org/amnesty-international", False),
    ("Privacy International", "org/privacy-international", False),
    ("Internet Society", "org/internet-society", False),
    ("Kaspersky", "org/kaspersky", False),
    ("Huawei", "org/huawei", False),
    ("Meta", "org/meta", False),
    ("Cisco", "org/cisco", False),
]
DEMONYMS = [("Vietnamese", "VNM"), ("vietnamienne", "VNM"), ("vietnamita", "VNM"), ("Dutch", "NLD"), ("Congolese", None)]


@pytest.fixture(scope="module")
def reg() -> Registry:
    return load_registry()


@pytest.mark.parametrize(("query", "expected", "demonyms"), LOOKUPS)
def test_registry_lookup(reg: Registry, query: str, expected: str, demonyms: bool) -> None:
    found = [e.iri for e in reg.lookup(query, demonyms=demonyms)]
    assert found == ([f"{ID}{expected}"] if expected else [])


@pytest.mark.parametrize(("word", "iso3"), DEMONYMS)
def test_registry_lookup_demonym(reg: Registry, word: str, iso3: str | None) -> None:
    entity = reg.lookup_demonym(word)
    assert (entity.iso3 if entity else None) == iso3


def test_registry_lookup_by_iri_and_iso3(reg: Registry) -> None:
    assert reg.by_iso3("vnm") is reg.by_iri(f"{ID}state/VNM")
    with pytest.raises(KeyError):
        reg.by_iso3("XXX")
    with pytest.raises(KeyError):
        reg.by_iri(f"{ID}org/no-such-org")


def _documented_shared_names() -> dict[str, set[str]]:
    """The table of seeds/reference/README.md, section "Shared names and acronyms": name -> IRIs."""
    text = (default_reference_dir() / "README.md").read_text(encoding="utf-8")
    section = text.split("## Shared names and acronyms", 1)[1].split("\n## ", 1)[0]
    table = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0].startswith("`"):
            table[cells[0].strip("`")] = {f"{ID}{ref.strip().strip('`')}" for ref in cells[1].split(",")}
    return table


def test_registry_lookup_names_are_unambiguous_except_documented_cases(reg: Registry) -> None:
    """A name or acronym that leads to two entities is one that bodies of several states bear: it is
    listed in the README, the bodies belong to different states, and each has a name of its own."""
    shared: dict[str, set[str]] = {}
    for entity in reg.entities:
        for name in set(entity.all_names()):
            hits = reg.lookup(name)
            if len(hits) > 1:
                shared[name] = {e.iri for e in hits}
    documented = _documented_shared_names()
    assert "NCSC" in documented and len(documented["NCSC"]) >= 2
    assert shared == documented
    for iris in shared.values():
        bodies = [reg.by_iri(iri) for iri in iris]
        assert all(b.type == "GovernmentBody" for b in bodies)
        assert len({b.parent for b in bodies}) == len(bodies)  # one per state
        for body in bodies:
            own = [n for n in body.all_names() if [e.iri for e in reg.lookup(n)] == [body.iri]]
            state = reg.by_iri(body.parent)
            assert own, body.iri
            says_state = (*state.names["en"], *state.acronyms, *state.demonyms.get("en", ()))
            assert any(w in n for n in own for w in says_state), body.iri  # "UK National Cyber Security Centre"
