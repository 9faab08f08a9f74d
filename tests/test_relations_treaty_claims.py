"""Treaty actions and claims on invented sentences: merging, parties, entry into force, ellipsis,
counted figures (graph_builder/relations.py)."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from graph_builder.recognise import recognise
from graph_builder.records import Document
from graph_builder.relations import extract

UNCC = "https://w3id.org/cdkg/id/treaty/un-cybercrime-convention"
STATE = "https://w3id.org/cdkg/id/state/"


def _facts(text: str, lang: str, published: dt.date | None = dt.date(2026, 2, 10), kind: str = "treaty_action"):
    key = hashlib.sha256(text.encode()).hexdigest()[:16]
    facts = extract(recognise(Document(id=key, text=text, key=key, language=lang, published=published)))
    return [f for f in facts if f.kind == kind]


def _keys(facts) -> set[tuple]:
    return {(f.get("party"), f.get("action"), f.modality, f.get("date")) for f in facts}


def test_one_action_reported_twice_is_one_fact_with_the_stated_date() -> None:
    text = ("Kenya has ratified the United Nations Convention against Cybercrime. "
            "Ambassador Jane Wanjiru deposited the instrument of ratification in New York on 3 February 2026.")
    assert _keys(_facts(text, "en")) == {(STATE + "KEN", "ratification", "asserted", "2026-02-03")}


def test_a_counted_group_names_no_party_and_a_sponsor_is_no_party() -> None:
    text = "By Friday, 30 states had signed the United Nations Convention against Cybercrime, the United Nations said."
    assert _facts(text, "en") == []


def test_an_undecided_action_is_no_fact() -> None:
    text = "Canada and Japan had not yet decided whether to sign the United Nations Convention against Cybercrime."
    assert _facts(text, "en") == []


def test_an_enumeration_after_an_inclusion_marker_signs_too() -> None:
    text = "De Europese Unie en onder meer Frankrijk en Spanje ondertekenden het VN-verdrag tegen cybercriminaliteit."
    parties = {f.get("party") for f in _facts(text, "nl")}
    assert {STATE + "FRA", STATE + "ESP"} <= parties


def test_the_party_of_a_signature_on_behalf_of_another_is_that_other() -> None:
    text = "De Europese Commissie zal het VN-verdrag tegen cybercriminaliteit namens de EU ondertekenen."
    assert {f.get("party") for f in _facts(text, "nl")} == {"https://w3id.org/cdkg/id/org/eu"}


def test_an_entry_into_force_without_a_date_is_a_future_rule() -> None:
    text = "Die UN-Konvention gegen Cyberkriminalität tritt 90 Tage nach Hinterlegung der 40. Ratifikationsurkunde in Kraft."
    assert _keys(_facts(text, "de")) == {(None, "entry-into-force", "future", None)}


def test_a_state_with_a_negation_after_an_asserted_action_did_not_act() -> None:
    text = "Auch Frankreich und Spanien unterzeichneten die UN-Konvention gegen Cyberkriminalität, die Schweiz dagegen nicht."
    assert (STATE + "CHE", "signature", "negated", None) in {(k[0], k[1], k[2], None) for k in _keys(_facts(text, "de"))}


@pytest.mark.parametrize(
    "text, lang, figure, claim_type",
    [
        ("Ireland becomes the 82nd Party to the Convention on Cybercrime.", "en", 82, "ratification-count"),
        ("The Philippines ratified the United Nations Convention against Cybercrime, the fifth country to do so.", "en", 5, "ratification-count"),
        ("More than 400 participants from 60 countries attended the conference.", "en", 400, "participant-count"),
        ("With Nigeria's deposit, 16 of the AU's 55 member states have now ratified the Malabo Convention.", "en", 16, "ratification-count"),
        ("La Convention compte désormais 78 Parties.", "fr", 78, "ratification-count"),
    ],
)
def test_a_claim_counts_what_its_number_counts(text: str, lang: str, figure: int, claim_type: str) -> None:
    claims = _facts(text, lang, kind="claim")
    assert [(f.get("figure"), f.get("claim_type")) for f in claims] == [(figure, claim_type)]


def test_a_threshold_and_a_date_are_no_claims() -> None:
    text = "Bern, 06.03.2026 – The Convention enters into force 90 days after the fortieth state has ratified it."
    assert _facts(text, "en", kind="claim") == []


def test_a_negated_action_takes_the_date_others_acted_on_but_not_yet_stays_undated() -> None:
    text = ("On 7 February 2026, 40 states signed the United Nations Convention against Cybercrime. "
            "Japan did not sign the United Nations Convention against Cybercrime. "
            "India has not yet signed the United Nations Convention against Cybercrime.")
    keys = _keys(_facts(text, "en"))
    assert (STATE + "JPN", "signature", "negated", "2026-02-07") in keys
    assert (STATE + "IND", "signature", "negated", None) in keys


def test_a_negating_coordinator_and_a_likewise_marker() -> None:
    es = _keys(_facts("Ni Chile ni Argentina firmarán la Convención de las Naciones Unidas contra la Ciberdelincuencia.", "es"))
    assert {k[:3] for k in es} == {(STATE + "CHL", "signature", "negated"), (STATE + "ARG", "signature", "negated")}
    fr = _keys(_facts("Les États-Unis n'ont pas signé la Convention des Nations unies contre la cybercriminalité, pas plus que la Suisse.", "fr"))
    assert {k[:3] for k in fr} == {(STATE + "USA", "signature", "negated"), (STATE + "CHE", "signature", "negated")}


def test_a_possessive_gives_the_action_to_the_actor_named_before_it() -> None:
    text = "España felicitó a Marruecos por su ratificación, el pasado mes de septiembre, del Segundo Protocolo Adicional al Convenio de Budapest."
    keys = _keys(_facts(text, "es", published=dt.date(2026, 1, 26)))
    assert keys == {(STATE + "MAR", "ratification", "asserted", "2025-09")}


def test_a_date_in_another_cue_s_clause_is_not_the_action_s() -> None:
    text = ("Chile ratificó el Segundo Protocolo Adicional al Convenio de Budapest el 19 de mayo de 2026.\n\n"
            "Chile se convierte en el sexto Estado en ratificar el protocolo, que está en vigor desde el 1 de mayo.")
    facts = _facts(text, "es", published=dt.date(2026, 5, 20))
    assert {f.get("date") for f in facts if f.get("action") == "ratification"} == {"2026-05-19"}


def test_a_dateline_state_does_not_act_and_the_union_is_the_eu() -> None:
    text = ("Luxemburg, 13 oktober 2025 - De Europese Unie heeft het Verdrag van de Verenigde Naties tegen cybercriminaliteit besproken. "
            "De Unie zal het verdrag op 25 oktober ondertekenen.")
    keys = _keys(_facts(text, "nl", published=dt.date(2025, 10, 13)))
    assert keys == {("https://w3id.org/cdkg/id/org/eu", "signature", "future", "2025-10-25")}
