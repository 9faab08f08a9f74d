"""registry: the names in seeds/reference/ are safe to match on their own.

These tests read the YAML and TSV files directly with PyYAML and csv, not through
``graph_builder.registry``, so they catch what the loader would accept: a name with an unquoted comma
in a flow sequence (``en: [Foreign, Commonwealth & Development Office]`` makes two names, one of them
"Foreign"), bare institution words ("Commission", "Senate", "Partij") and other short common words
that would be matched everywhere.
"""

from __future__ import annotations

import csv
import functools
import re
from pathlib import Path

import pytest
import yaml

REFERENCE = Path(__file__).resolve().parents[1] / "seeds" / "reference"
ENTITY_FILES = ("organisations.yaml", "bodies.yaml", "treaties.yaml", "persons.yaml")
YAML_FILES = (*ENTITY_FILES, "state_variants.yaml")
MIN_WORD = 8  # a single word shorter than this must be an acronym, a state name or a listed proper name

# single words shorter than MIN_WORD that are proper names, not common words in any language we read
PROPER_NAMES = frozenset({
    "Sejm", "Dáil", "Seanad", "Knesset", "Knéset", "Riksdag", "Europol", "Google", "Meta", "Cisco", "Huawei",
    "Lula", "Bitkom",
})
# bare institution words (any length, any language we read): never a name on their own
GENERIC = frozenset(w.casefold() for w in (
    "Foreign", "Office", "Ministry", "Council", "Commission", "Parliament", "Assembly", "Party", "Partij",
    "Partei", "Parti", "Partido", "Partito", "Government", "Regering", "Gouvernement", "Regierung", "Gobierno",
    "Governo", "Cabinet", "Kabinet", "Kabinett", "Ministerie", "Ministère", "Ministerium", "Ministerio",
    "Ministero", "Ministério", "Department", "Departement", "Département", "Departamento", "Agency",
    "Agentschap", "Agence", "Agentur", "Agencia", "Bureau", "Amt", "Oficina", "Senate", "Sénat", "Senat",
    "Senaat", "Senado", "Senato", "Congress", "Congrès", "Congres", "Kongress", "Congreso", "Congresso",
    "Parlement", "Parlament", "Parlamento", "Assemblée", "Versammlung", "Asamblea", "Vergadering",
    "Assemblea", "Assembleia", "Chamber", "Kamer", "Chambre", "Kammer", "Cámara", "Camera", "Câmara", "House",
    "Diet", "Duma", "Rada", "Raad", "Conseil", "Rat", "Consejo", "Consiglio", "Commissie", "Kommission",
    "Comisión", "Commissione", "Committee", "Comité", "Ausschuss", "Secretariat", "Police", "Politie",
    "Polizei", "Policía", "Polizia", "Gendarmerie", "Justice", "Justitie", "Justiz", "Justicia", "Defence",
    "Defense", "Defensie", "Défense", "Defensa", "Verteidigung", "Interior", "Intérieur", "Union", "Forum",
    "Commonwealth", "Gemenebest", "Convention", "Treaty", "Protocol", "Verdrag", "Konvention",
    "Übereinkommen", "Convenio", "Convención", "Protocole", "Protokoll", "Protocolo", "Additional Protocol",
    "Foreign Affairs", "Foreign Ministry", "Home Affairs", "Interior Ministry",
    "Justice Ministry", "Defence Ministry", "National Assembly", "National Council", "Federal Council",
    "Federal Assembly", "House of Representatives", "Chamber of Deputies", "Ministry of Foreign Affairs",
    "Ministry of Justice", "Ministry of Defence", "Ministry of Defense", "Ministry of the Interior",
    "Security Council",
    # halves of names once split at their comma
    "Commonwealth & Development Office", "Wetenschap en Cultuur", "Wissenschaft und Kultur",
    "Unión Europea y Cooperación",
))
# a name that begins with one of these (in lower case) is the tail of a name split at its comma
FRAGMENT_STARTS = frozenset((
    "and", "or", "of", "the", "for", "on", "in", "concerning", "relating", "en", "of", "van", "het", "de",
    "der", "betreffende", "inzake", "la", "le", "les", "l'", "des", "du", "et", "relatif", "relative", "à",
    "und", "die", "das", "über", "für", "zur", "zum", "betreffend", "y", "el", "los", "las", "del", "para",
    "sobre", "relativo", "e", "a",
))
# (file, entry, language, name): names with a comma that once were split and must stay whole
COMMA_NAMES = [
    ("bodies.yaml", "gbr-fcdo", "en", "Foreign, Commonwealth & Development Office"),
    ("bodies.yaml", "esp-maec", "es", "Ministerio de Asuntos Exteriores, Unión Europea y Cooperación"),
    ("bodies.yaml", "gbr-dsit", "en", "UK Department for Science, Innovation and Technology"),
    ("bodies.yaml", "che-ddps", "de", "Eidgenössisches Departement für Verteidigung, Bevölkerungsschutz und Sport"),
    ("organisations.yaml", "unesco", "nl", "Organisatie van de Verenigde Naties voor Onderwijs, Wetenschap en Cultuur"),
    ("organisations.yaml", "unesco", "fr", "Organisation des Nations unies pour l'éducation, la science et la culture"),
    ("organisations.yaml", "unesco", "de", "Organisation der Vereinten Nationen für Erziehung, Wissenschaft und Kultur"),
    ("organisations.yaml", "unesco", "es", "Organización de las Naciones Unidas para la Educación, la Ciencia y la Cultura"),
    ("treaties.yaml", "budapest-first-protocol", "nl", "Aanvullend Protocol bij het Verdrag inzake cybercriminaliteit, "
     "betreffende de strafbaarstelling van handelingen van racistische en xenofobe aard verricht via computersystemen"),
    ("treaties.yaml", "budapest-first-protocol", "fr", "Protocole additionnel à la Convention sur la cybercriminalité, "
     "relatif à l'incrimination d'actes de nature raciste et xénophobe commis par le biais de systèmes informatiques"),
]
_LATIN_WORD = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ɏḀ-ỿ'’-]+$")


_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=None)
def _load(name: str) -> dict:
    return yaml.load((REFERENCE / name).read_text(encoding="utf-8"), Loader=_SAFE_LOADER) or {}


def _names(name: str) -> list[tuple[str, str, str]]:
    """(entry, field, text) of every label, name and alias of a YAML file."""
    out = []
    for key, entry in _load(name).items():
        label = entry.get("label")
        for lang, text in (label.items() if isinstance(label, dict) else [("en", label)] if label else []):
            out.append((str(key), f"label.{lang}", text))
        for field in ("names", "aliases"):
            for lang, texts in (entry.get(field) or {}).items():
                out.extend((str(key), f"{field}.{lang}", t) for t in texts)
    return out


def _acronyms(name: str) -> list[tuple[str, str, str]]:
    return [(str(key), f"acronyms.{lang}", a) for key, entry in _load(name).items()
            for lang, codes in (entry.get("acronyms") or {}).items() for a in codes]


def _state_names() -> set[str]:
    lines = [ln for ln in (REFERENCE / "states.tsv").read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    names = set()
    for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE):
        names.update(v for k, v in row.items() if k not in ("iso2", "iso3", "un_status", "iso_names") and v)
        names.update(n for n in row["iso_names"].split("|") if n)
    names.update(text for _, _, text in _names("state_variants.yaml"))
    return names


ALL_NAMES = [(f, *n) for f in YAML_FILES for n in _names(f)]


def test_registry_names_files_have_names() -> None:
    assert len(ALL_NAMES) > 3000
    assert {f for f, *_ in ALL_NAMES} == set(YAML_FILES)


def test_registry_names_no_short_common_word() -> None:
    states = _state_names()
    offenders = [
        (f, key, field, text) for f, key, field, text in ALL_NAMES
        if _LATIN_WORD.match(text) and len(text) < MIN_WORD and not text.isupper()
        and text not in states and text not in PROPER_NAMES
    ]
    assert not offenders


@pytest.mark.parametrize("word", ["Foreign", "Office", "Ministry", "Council", "Commission", "Parliament",
                                  "Assembly", "Party", "Partij", "Senate", "Commonwealth"])
def test_registry_names_no_bare_institution_word(word: str) -> None:
    assert not [n for n in ALL_NAMES if n[3].casefold() == word.casefold()]


def test_registry_names_nothing_generic() -> None:
    generic = [n for n in ALL_NAMES if n[3].strip().casefold() in GENERIC]
    acronyms = [a for f in YAML_FILES for a in _acronyms(f) if a[2].casefold() in GENERIC]
    assert not generic and not acronyms


def test_registry_names_no_fragment_of_a_split_name() -> None:
    states = _state_names()
    fragments = [
        n for n in ALL_NAMES
        if (n[3].split()[0] in FRAGMENT_STARTS or n[3][:2] in ("l'", "d'"))
        and not (n[3].startswith("the ") and n[3][4:] in states)  # "the Netherlands"
    ]
    assert not fragments


def test_registry_names_with_a_comma_are_quoted() -> None:
    """A comma in a plain scalar is harmless in a block label but splits a flow sequence: quote them all."""
    unquoted = []
    for name in YAML_FILES:
        root = yaml.compose((REFERENCE / name).read_text(encoding="utf-8"))
        for key_node, entry in root.value:
            if not isinstance(entry, yaml.MappingNode):
                continue
            for field, value in entry.value:
                if field.value not in ("label", "names", "aliases", "acronyms"):
                    continue
                stack = [value]
                while stack:
                    node = stack.pop()
                    if isinstance(node, yaml.ScalarNode):
                        if "," in node.value and node.style not in ('"', "'"):
                            unquoted.append((name, key_node.value, node.value))
                    elif isinstance(node, yaml.SequenceNode):
                        stack.extend(node.value)
                    elif isinstance(node, yaml.MappingNode):
                        stack.extend(v for _, v in node.value)
    assert not unquoted


@pytest.mark.parametrize(("name", "entry", "lang", "text"), COMMA_NAMES, ids=[f"{c[1]}-{c[2]}" for c in COMMA_NAMES])
def test_registry_names_comma_names_stay_whole(name: str, entry: str, lang: str, text: str) -> None:
    assert text in _load(name)[entry]["names"][lang]


def test_registry_names_acronyms_are_written_as_acronyms() -> None:
    """Acronyms are matched case-sensitively (four letters or more: in any case), so none is a plain
    lower-case word; the one exception is how the Swiss federal police writes itself."""
    lower = [a for f in YAML_FILES for a in _acronyms(f) if a[2].islower() and a[2] != "fedpol"]
    assert not lower


def test_registry_names_are_unique_within_an_entry() -> None:
    for name in (*ENTITY_FILES, "state_variants.yaml"):
        for key, entry in _load(name).items():
            for field in ("names", "aliases", "acronyms"):
                for lang, texts in (entry.get(field) or {}).items():
                    assert len(texts) == len(set(texts)), (name, key, field, lang)
