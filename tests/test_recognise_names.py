"""Recognition of inflected registry names, title holders in apposition, honorific chains and bylines,
and the organisation of their posts (recognise.py, link.py, the post functions of relations.py)."""

from __future__ import annotations

import hashlib

import pytest

from graph_builder.recognise import _stem, recognise
from graph_builder.records import Document
from graph_builder.relations import extract

ID = "https://w3id.org/cdkg/id/"


def _recognise(text: str, lang: str, publisher: str | None = None):
    key = hashlib.sha256(text.encode()).hexdigest()[:16]
    return recognise(Document(id=key, text=text, key=key, language=lang, publisher=publisher))


def _entities(text: str, lang: str) -> dict[str, str]:
    """text → entity IRI of every entity mention."""
    return {m.text: m.entity for m in _recognise(text, lang).mentions if m.kind == "entity"}


def _persons(text: str, lang: str, publisher: str | None = None) -> set[str]:
    rec = _recognise(text, lang, publisher)
    return {e.label for e in rec.new_entities if e.type == "Person"}


def _posts(text: str, lang: str, publisher: str | None = None) -> set[tuple[str, str]]:
    """(person IRI tail, organisation IRI tail) of every post."""
    facts = extract(_recognise(text, lang, publisher))
    return {
        (str(dict(f.slots)["person"]).removeprefix(ID), str(dict(f.slots)["organization"]).removeprefix(ID))
        for f in facts if f.kind == "post"
    }


# -- inflected registry names (inflection_endings) ----------------------------------------------------


@pytest.mark.parametrize(
    ("word", "stem"),
    [("Europarats", "europarat"), ("Vereinten", "vereint"), ("Vereinte", "vereint"), ("Amts", "amt"), ("der", "der")],
)
def test_stems_drop_the_longest_ending(word: str, stem: str) -> None:
    assert _stem(word, ("en", "es", "er", "e", "n", "s")) == stem


@pytest.mark.parametrize(
    ("text", "name", "iri"),
    [
        ("Das Protokoll des Europarats wurde genehmigt.", "Europarats", "org/coe"),
        ("Man will am Sitz der Vereinten Nationen in New York unterzeichnen.", "Vereinten Nationen", "org/un"),
        ("Sie ist Sonderbeauftragte des Auswärtigen Amts.", "Auswärtigen Amts", "body/deu-aa"),
        ("Nach Zustimmung des Europäischen Parlaments soll die Union genehmigen.", "Europäischen Parlaments", "org/european-parliament"),
    ],
)
def test_inflected_registry_names_are_found(text: str, name: str, iri: str) -> None:
    assert _entities(text, "de").get(name) == ID + iri


def test_a_web_address_name_matches_as_written() -> None:
    assert _entities("Die Datenschutzorganisation epicenter.works äußerte Bedenken.", "de").get("epicenter.works") == ID + "org/epicenter-works"


# -- title holders ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "person"),
    [
        ("es", "El fiscal nacional, Andrés Molina, celebró también la noticia.", "Andrés Molina"),
        ("es", "Señaló la subsecretaria de Relaciones Exteriores, Gloria Fuentes.", "Gloria Fuentes"),
        ("es", "La delegación estuvo encabezada por el embajador en misión especial para la ciberseguridad, Álvaro Ortega Sanz.", "Álvaro Ortega Sanz"),
        ("fr", "Le directeur général de l'ANSSI, Laurent Mercier, a signé la déclaration.", "Laurent Mercier"),
        ("fr", "Le ministre des Affaires étrangères, de la Coopération africaine et des Marocains résidant à l'étranger, Nasser Bourita, s'est félicité.", "Nasser Bourita"),
        ("nl", "Hij werd ontvangen door minister van Economische Zaken Pieter van Leeuwen.", "Pieter van Leeuwen"),
        ("en", "The Meeting was chaired by H.E. Dato' Sri Ahmad Faizal bin Rahman, Minister of Home Affairs of Malaysia.", "Ahmad Faizal bin Rahman"),
        ("nl", "Minister Ravindre Jagessar van BIBIS spreekt van een mijlpaal.", "Ravindre Jagessar"),
    ],
)
def test_title_holders_are_found(lang: str, text: str, person: str) -> None:
    assert person in _persons(text, lang)


def test_a_comma_list_of_names_is_not_a_title() -> None:
    """"Minister for Justice, Home Affairs and Migration" goes on with a connector; a name does not."""
    assert "Home Affairs" not in " ".join(_persons("The Minister for Justice, Home Affairs and Migration, Jim O'Callaghan, spoke.", "en"))


def test_a_byline_in_capitals_is_a_name_as_written_and_serves_the_letterhead() -> None:
    text = "U.S. DEPARTMENT OF STATE\nPRESS STATEMENT\nKAREN WHITFIELD, DEPUTY SPOKESPERSON\n\nThe United States will not sign."
    assert "Karen Whitfield" in _persons(text, "en", publisher="U.S. Department of State")
    assert ("person/karen-whitfield", "body/usa-dos") in _posts(text, "en", publisher="U.S. Department of State")


def test_two_names_joined_by_a_coordinator_keep_the_acronym_on_the_second() -> None:
    rec = _recognise("Lo advirtieron las organizaciones Derechos Digitales y la Red en Defensa de los Derechos Digitales (R3D).", "es")
    labels = {e.label: e.acronyms for e in rec.new_entities}
    assert labels.get("Red en Defensa de los Derechos Digitales") == ("R3D",)


def test_an_organisation_type_word_is_read_as_written() -> None:
    """The pack writes "centro", whose lemma is the verb "centrar"; the name writes "Centro"."""
    rec = _recognise("España participó con el Centro Criptológico Nacional (CCN) en el diálogo.", "es")
    assert {e.label: e.type for e in rec.new_entities}.get("Centro Criptológico Nacional") == "GovernmentBody"


# -- posts --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "text", "post"),
    [
        ("en", "Mr Kenji Morita, Ambassador in charge of Cyber Policy at the Ministry of Foreign Affairs of Japan, led the delegation.",
         ("person/kenji-morita", "body/jpn-mofa")),
        ("nl", "De delegatie stond onder leiding van Wouter Jansen, ambassadeur voor cyberzaken van het ministerie van Buitenlandse Zaken. Ambassadeur Jansen lichtte het toe.",
         ("person/wouter-jansen", "body/nld-mfa")),
        ("es", "En la inauguración, el secretario general de INTERPOL, Valdecy Urquiza, advirtió de las redes de estafas.",
         ("person/valdecy-urquiza", "org/interpol")),
        ("en", "The Meeting was attended by the Secretary-General of ASEAN, Dr. Kao Kim Hourn.",
         ("person/kao-kim-hourn", "org/asean")),
    ],
)
def test_posts_take_the_body_named_in_the_apposition(lang: str, text: str, post: tuple[str, str]) -> None:
    assert post in _posts(text, lang)


def test_a_later_bare_title_adds_no_second_post() -> None:
    text = ("De delegatie stond onder leiding van Wouter Jansen, ambassadeur voor cyberzaken van het ministerie van "
            "Buitenlandse Zaken van Nederland. Ambassadeur Jansen lichtte het toe.")
    assert {org for person, org in _posts(text, "nl") if person == "person/wouter-jansen"} == {"body/nld-mfa"}


def test_an_organisation_after_the_name_and_a_verb_is_not_the_post() -> None:
    text = "Foreign Affairs Undersecretary Teresita Bautista-Reyes deposited the instrument of ratification at the United Nations."
    assert ("person/teresita-bautista-reyes", "org/un") not in _posts(text, "en")
