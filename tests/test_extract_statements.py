"""Commitments, appeals and stances on invented sentences: pledges in the future, verbs of saying
opening a clause, "we" of a ministry, separable verbs and coordinated verbs in appeals, the protocol
an anaphor names, and beneficiaries named only by a demonym.

The sentences are made up for these tests; none comes from the corpus under ``tests/corpus``.
"""

from __future__ import annotations

import hashlib
from datetime import date

import pytest

from graph_builder.recognise import recognise
from graph_builder.records import Document
from graph_builder.relations import extract
from graph_builder.rules import RulePackError, load_pack, parse_pack

ID = "https://w3id.org/cdkg/id/"


def _facts(text: str, lang: str, kind: str, publisher: str | None = None):
    key = hashlib.sha256(text.encode()).hexdigest()[:16]
    doc = Document(id=key, text=text, key=key, language=lang, published=date(2026, 3, 2), publisher=publisher)
    return [f for f in extract(recognise(doc)) if f.kind == kind]


def _short(iri: object) -> object:
    if isinstance(iri, tuple):
        return tuple(_short(i) for i in iri)
    return iri.rsplit("/", 1)[-1] if isinstance(iri, str) else iri


@pytest.mark.parametrize(
    ("lang", "text", "committer"),
    [
        ("en", "Kenya will help its neighbours train cybercrime investigators.", "KEN"),
        ("nl", "Nederland zal de komende jaren bijdragen aan een opleiding voor rechercheurs.", "NLD"),
        ("de", "Estland werde noch in diesem Jahr ein regionales Zentrum für Ermittler in Tallinn eröffnen.", "EST"),
        ("fr", "Le Sénégal soutiendra les programmes de formation de ses voisins.", "SEN"),
        ("es", "Chile aportará fondos a un programa regional de formación.", "CHL"),
    ],
)
def test_a_future_statement_with_a_pledge_verb_is_a_commitment(lang: str, text: str, committer: str) -> None:
    facts = _facts(text, lang, "commitment")
    assert [_short(f.get("committer")) for f in facts] == [(committer,)]
    assert facts[0].modality == "asserted"  # a pledge is about the future by nature


def test_a_hypothetical_pledge_keeps_its_modality() -> None:
    facts = _facts("Officials said Ghana would consider setting up a regional training centre.", "en", "commitment")
    assert [(_short(f.get("committer")), f.modality) for f in facts] == [(("GHA",), "hypothetical")]


def test_a_future_treaty_action_is_not_a_pledge() -> None:
    assert _facts("Kenya will ratify the Convention on Cybercrime next year.", "en", "commitment") == []


def test_the_state_behind_a_verb_of_saying_pledges() -> None:
    facts = _facts("The minister said Nigeria would bring its laws in line with the convention.", "en", "commitment")
    assert [_short(f.get("committer")) for f in facts] == [("NGA",)]


def test_a_demonym_names_the_beneficiary_of_a_pledge() -> None:
    text = "De Raad van Europa heeft toegezegd trainingen te verzorgen voor Keniaanse rechters."
    facts = _facts(text, "nl", "commitment")
    assert [_short(f.get("beneficiary")) for f in facts] == ["KEN"]


def test_we_in_a_ministry_statement_is_its_state() -> None:
    text = "We encourage all countries that have not already done so to accede to the Budapest Convention."
    facts = _facts(text, "en", "appeal", publisher="Ministry of Foreign Affairs of Japan")
    assert {_short(f.get("caller")) for f in facts} == {("JPN",)}


def test_we_in_an_organisation_statement_stays_the_organisation() -> None:
    text = "We call on all states to ratify the Budapest Convention."
    facts = _facts(text, "en", "appeal", publisher="Council of Europe")
    assert {_short(f.get("caller")) for f in facts} == {("coe",)}


def test_coordinated_verbs_share_the_object_that_follows_them() -> None:
    text = ("The Council of Europe called on all states to join the Budapest Convention and to sign and "
            "ratify its Second Additional Protocol.")
    pairs = {(f.get("action"), _short(f.get("object"))) for f in _facts(text, "en", "appeal")}
    assert pairs == {("join", "budapest-convention"), ("sign", "budapest-second-protocol"),
                     ("ratify", "budapest-second-protocol")}


def test_a_verb_after_consider_is_the_request() -> None:
    text = "The Council of Europe encouraged states to consider signing and ratifying the Budapest Convention."
    assert {f.get("action") for f in _facts(text, "en", "appeal")} == {"sign", "ratify"}


@pytest.mark.parametrize(
    ("text", "action"),
    [
        ("De Raad van Europa riep Kenia op om toe te treden tot het Verdrag van Boedapest.", "accede"),
        ("De Raad van Europa riep andere landen op eveneens bij te dragen.", "contribute"),
    ],
)
def test_a_separable_dutch_verb_is_read_whole(text: str, action: str) -> None:
    assert {f.get("action") for f in _facts(text, "nl", "appeal")} == {action}


def test_a_verb_final_request_takes_the_object_before_it() -> None:
    text = ("Het Tweede Aanvullend Protocol bij het Verdrag van Boedapest is aangenomen. De Raad van Europa "
            "riep de partijen bij het Verdrag van Boedapest op om het protocol snel te ratificeren.")
    pairs = {(f.get("action"), _short(f.get("object"))) for f in _facts(text, "nl", "appeal")}
    assert pairs == {("ratify", "budapest-second-protocol")}


def test_the_protocol_names_the_protocol_named_last() -> None:
    text = ("Het Tweede Aanvullend Protocol bij het Verdrag van Boedapest is aangenomen. Het Verdrag van "
            "Boedapest telt 80 partijen. Belgie heeft het protocol geratificeerd.")
    key = hashlib.sha256(text.encode()).hexdigest()[:16]
    rec = recognise(Document(id=key, text=text, key=key, language="nl"))
    anaphor = [m for m in rec.mentions if m.text == "protocol" and m.source == "coreference"]
    assert [_short(m.entity) for m in anaphor] == ["budapest-second-protocol"]


def test_pledges_are_checked_when_a_pack_is_read(tmp_path) -> None:
    data = load_pack("en").path.read_text(encoding="utf-8").replace("pledges:", "pledges:\n  tenses: [x]", 1)
    path = tmp_path / "en.yaml"
    path.write_text(data, encoding="utf-8")
    with pytest.raises(RulePackError, match="pledges"):
        parse_pack(path)


def test_a_pledge_verb_in_a_relative_clause_is_no_pledge() -> None:
    text = "Kenia zal deel uitmaken van het netwerk van landen dat elkaar bij onderzoeken snel helpt."
    assert _facts(text, "nl", "commitment") == []


def test_a_negation_in_a_relative_clause_is_not_the_stance_s() -> None:
    text = "México, que no ha firmado el Convenio de Budapest, reiteró sus reservas sobre el Convenio."
    facts = _facts(text, "es", "stance")
    assert [(_short(f.get("actor")), f.get("stance"), f.modality) for f in facts] == [("MEX", "concern", "asserted")]


def test_an_appeal_to_do_so_asks_for_the_treaty_actions_named_before() -> None:
    text = ("De lidstaten moeten het Verdrag van Boedapest ondertekenen en bekrachtigen. "
            "De Raad van Europa roept de lidstaten op dat zo snel mogelijk te doen.")
    pairs = {(f.get("action"), _short(f.get("object"))) for f in _facts(text, "nl", "appeal")}
    assert pairs == {("sign", "budapest-convention"), ("ratify", "budapest-convention")}


def test_a_protocol_s_name_also_names_the_treaty_it_supplements() -> None:
    text = ("España felicitó a Marruecos por su ratificación del Segundo Protocolo Adicional al Convenio de "
            "Budapest. Ambos países abogaron por que más países se sumen al Convenio.")
    key = hashlib.sha256(text.encode()).hexdigest()[:16]
    rec = recognise(Document(id=key, text=text, key=key, language="es"))
    anaphor = [m for m in rec.mentions if m.text == "Convenio" and m.source == "coreference"]
    assert [_short(m.entity) for m in anaphor] == ["budapest-convention"]


def test_a_concern_about_a_demonym_s_deeds_is_about_its_state() -> None:
    text = "Estland warnte vor einer Normalisierung russischer Cyberangriffe auf europäische Krankenhäuser."
    facts = _facts(text, "de", "stance")
    assert [(_short(f.get("actor")), _short(f.get("target")), f.get("stance")) for f in facts] == [("EST", "RUS", "concern")]


def test_what_is_welcomed_ends_with_its_clause() -> None:
    text = ("Kenia hat das Übereinkommen über Computerkriminalität unterzeichnet. Der Digitalverband Bitkom "
            "begrüßte dies, und forderte die Bundesregierung auf, rasch zu handeln.")
    targets = {_short(f.get("target")) for f in _facts(text, "de", "stance")}
    assert "DEU" not in targets


def test_an_appeal_s_requests_end_where_a_pledge_begins() -> None:
    text = ("La ministra animó a los países de la región a sumarse a la Convención de las Naciones Unidas "
            "contra la Ciberdelincuencia y se comprometió a que España comparta su experiencia con el "
            "Convenio de Budapest.")
    pairs = {(f.get("action"), _short(f.get("object"))) for f in _facts(text, "es", "appeal")}
    assert pairs == {("join", "un-cybercrime-convention")}


def test_an_actor_governed_by_a_preposition_is_not_the_subject() -> None:
    text = "Nach Zustimmung des Europäischen Parlaments wird Kenia ein regionales Zentrum eröffnen."
    facts = _facts(text, "de", "commitment")
    assert [_short(f.get("committer")) for f in facts] == [("KEN",)]


def test_after_a_fronted_phrase_the_subject_follows_the_verb() -> None:
    text = "Über gemeinsame Programme mit dem Europarat wird Kenia zudem Partnerländer bei der Umsetzung unterstützen."
    facts = _facts(text, "de", "commitment")
    assert [_short(f.get("committer")) for f in facts] == [("KEN",)]


def test_a_relative_clause_s_subject_is_its_antecedent() -> None:
    text = ("« La Tunisie a rejoint la Convention de Budapest », a déclaré le Conseil de l'Europe, qui a invité "
            "les autres États africains à adhérer à la Convention de Budapest.")
    facts = _facts(text, "fr", "appeal")
    assert {_short(f.get("caller")) for f in facts} == {("coe",)}
