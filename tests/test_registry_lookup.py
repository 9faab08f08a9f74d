"""registry: look-ups by name (any language, diacritics optional), acronym, demonym and ISO code."""

from __future__ import annotations

import pytest

from graph_builder.namespaces import ID
from graph_builder.registry import Registry, load_registry

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


def test_registry_lookup_names_are_unambiguous_except_known_cases(reg: Registry) -> None:
    shared = {}
    for entity in reg.entities:
        for name in {n for names in entity.names.values() for n in names}:
            hits = reg.lookup(name)
            if len(hits) > 1:
                shared[name] = sorted(e.iri for e in hits)
    assert set(shared) <= {"NCSC"}
