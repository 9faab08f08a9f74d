"""evaluate scores produced facts records against gold records by the rules of its docstring."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from graph_builder.errors import IngestError
from graph_builder.evaluate import FACT_KINDS, Score, evaluate, load_gold

FIXTURES = Path(__file__).parent / "fixtures" / "facts"
SEED = FIXTURES / "000_85a1dd18622b923f.json"


def _gold() -> dict:
    """A small gold record: names by label, a state by its name, no claims annotated."""
    return {
        "id": "doc1",
        "language": "en",
        "note": "hand-made",
        "entities": [
            {"label": "Vietnam", "type": "State", "iso3": "VNM"},
            {"label": "Estonia", "type": "State", "iso3": "EST"},
            {"label": "To Lam", "type": "Person", "aliases": ["Tô Lâm"]},
            {"label": "Communist Party of Vietnam", "type": "GovernmentBody", "aliases": ["Partij"]},
            {"label": "United Nations Convention against Cybercrime", "type": "Treaty",
             "aliases": ["Hanoi Convention"]},
        ],
        "posts": [{"person": "To Lam", "role": "General Secretary",
                   "organization": "Communist Party of Vietnam", "role_source": "secretaris-generaal"}],
        "treaty_actions": [{"party": "Estonia", "action": "signature",
                            "treaty": "United Nations Convention against Cybercrime",
                            "date": "2025-10-25", "by": None}],
        "events": [{"type": "SigningCeremony", "label": "Signing", "date": None, "place": "Hanoi",
                    "host": "Vietnam", "participants": []}],
        "commitments": [{"committer": ["Vietnam", "Estonia"], "action": "cooperate",
                         "beneficiary": None, "object": None, "stated_by": "To Lam"}],
        "appeals": [{"caller": "Vietnam", "addressee": "states", "action": "ratify",
                     "object": "United Nations Convention against Cybercrime"}],
        "stances": [
            {"actor": "Vietnam", "target": "United Nations Convention against Cybercrime",
             "stance": "support"},
            {"actor": "Estonia", "target": "United Nations Convention against Cybercrime",
             "stance": "support"},
        ],
    }


def _fact(sentence: str, modality: str = "asserted", **fields) -> dict:
    return {**fields, "iri": "https://w3id.org/cdkg/id/x/0", "modality": modality, "confidence": 0.8,
            "stated_by": None, "evidence": {"start": 0, "end": len(sentence), "text": sentence}}


def _produced() -> dict:
    """What a perfect build would print for _gold(): ISO3 codes, other labels and aliases."""
    treaty = "Hanoi Convention"  # produced label differs; gold has it as an alias
    return {
        "id": "doc1",
        "language": "en",
        "entities": [
            {"label": "Viet Nam", "type": "State", "iso3": "VNM", "aliases": ["Vietnam"]},
            {"label": "Estonia", "type": "State", "iso3": "EST", "aliases": []},
            {"label": "Tô Lâm", "type": "Person", "iso3": None, "aliases": []},
            {"label": "Communist Party of Vietnam", "type": "GovernmentBody", "iso3": None, "aliases": []},
            {"label": treaty, "type": "Treaty", "iso3": None, "aliases": []},
        ],
        "posts": [_fact("s1", person="Tô Lâm", role="General Secretary",
                        organization="Communist Party of Vietnam")],
        "treaty_actions": [_fact("s2", party="EST", action="signature", treaty=treaty,
                                 date="2025-10-25", by=None)],
        "events": [_fact("s3", type="SigningCeremony", label="x", date="2025-10-25", place="Hanoi",
                         host="VNM", participants=[])],
        "commitments": [_fact("s4", committer="VNM", action="cooperate with countries",
                              beneficiary=None, object=None)],
        "appeals": [_fact("s5", caller="VNM", addressee="states", action="Ratify the convention",
                          object=treaty)],
        "stances": [
            _fact("s6", actor="EST", target=treaty, stance="support"),
            _fact("s7", actor="VNM", target=treaty, stance="support"),
        ],
        "claims": [_fact("s8", claimant=None, figure=65, claim_type="signatory-count", about=treaty)],
    }


def test_evaluate_perfect_match_scores_one():
    result = evaluate([_produced()], [_gold()])
    assert result.errors == ()
    assert result.facts == Score(tp=7, fp=0, fn=0)
    assert result.entities == Score(tp=5, fp=0, fn=0)
    assert all(s.f1 == 1.0 for s in result.by_kind.values())
    assert result.by_language["en"]["facts"].f1 == 1.0


def test_evaluate_missing_fact_lowers_recall():
    produced = _produced()
    del produced["stances"][0]
    result = evaluate([produced], [_gold()])
    stances = result.by_kind["stances"]
    assert (stances.precision, stances.recall) == (1.0, 0.5)
    (error,) = result.errors
    assert (error.doc, error.kind, error.error) == ("doc1", "stances", "miss")
    assert error.record["actor"] == "Estonia" and error.sentence is None


def test_evaluate_invented_fact_lowers_precision():
    produced = _produced()
    produced["stances"].append(_fact("Estonia opposes the convention.", actor="EST",
                                     target="Hanoi Convention", stance="oppose"))
    result = evaluate([produced], [_gold()])
    assert result.by_kind["stances"] == Score(tp=2, fp=1, fn=0)
    assert result.facts.precision == pytest.approx(7 / 8)
    (error,) = result.errors
    assert error.error == "false positive" and error.sentence == "Estonia opposes the convention."


def test_evaluate_entities_match_by_alias_diacritics_and_iso3():
    gold, produced = _gold(), _produced()
    result = evaluate([produced], [gold])
    assert result.entities.tp == 5
    # A wrong type is no match, but the facts naming that entity still match by name.
    produced["entities"][3]["type"] = "InternationalOrganization"
    result = evaluate([produced], [gold])
    assert result.entities == Score(tp=4, fp=1, fn=1)
    assert result.by_kind["posts"].f1 == 1.0


def test_evaluate_ngo_and_company_are_one_group():
    gold = {"id": "d", "entities": [{"label": "Microsoft", "type": "Company"}]}
    produced = {"id": "d", "entities": [{"label": "microsoft", "type": "NGO", "aliases": []}]}
    assert evaluate([produced], [gold]).entities.f1 == 1.0
    produced["entities"][0]["type"] = "Person"
    assert evaluate([produced], [gold]).entities == Score(tp=0, fp=1, fn=1)


def test_evaluate_modality_mismatch_is_a_miss_and_a_false_positive():
    produced = _produced()
    produced["commitments"][0]["modality"] = "future"  # gold has no modality: asserted
    result = evaluate([produced], [_gold()])
    assert result.by_kind["commitments"] == Score(tp=0, fp=1, fn=1)
    assert sorted(e.error for e in result.errors) == ["false positive", "miss"]


def test_evaluate_missing_claims_key_is_not_scored():
    result = evaluate([_produced()], [_gold()])
    assert "claims" not in result.by_kind
    gold = _gold()
    gold["claims"] = []  # annotated: nothing there
    result = evaluate([_produced()], [gold])
    assert result.by_kind["claims"] == Score(tp=0, fp=1, fn=0)
    assert result.facts.fp == 1


def test_evaluate_dates_compared_only_when_gold_has_one():
    produced = _produced()
    produced["treaty_actions"][0]["date"] = "2025-10-26"
    produced["events"][0]["date"] = "1999"  # gold event date is null: any date matches
    result = evaluate([produced], [_gold()])
    assert result.by_kind["treaty_actions"] == Score(tp=0, fp=1, fn=1)
    assert result.by_kind["events"] == Score(tp=1, fp=0, fn=0)


def test_evaluate_list_valued_actors_intersect():
    produced = _produced()
    produced["commitments"][0]["committer"] = ["EST", "United Nations"]
    assert evaluate([produced], [_gold()]).by_kind["commitments"].f1 == 1.0
    produced["commitments"][0]["committer"] = "United Nations"
    assert evaluate([produced], [_gold()]).by_kind["commitments"].f1 == 0.0


def test_evaluate_facts_match_one_to_one():
    produced = _produced()
    produced["stances"][1] = copy.deepcopy(produced["stances"][0])  # EST twice, VNM never
    result = evaluate([produced], [_gold()])
    assert result.by_kind["stances"] == Score(tp=1, fp=1, fn=1)


def test_evaluate_document_without_output_counts_misses():
    result = evaluate([], [_gold()])
    assert result.missing_documents == ("doc1",)
    assert result.facts == Score(tp=0, fp=0, fn=7) and result.entities.fn == 5


def test_evaluate_seed_gold_against_itself_scores_one():
    gold = load_gold(SEED)
    result = evaluate(gold, gold)
    assert result.errors == ()
    assert set(result.by_kind) == {"entities", *FACT_KINDS} - {"claims"}
    for score in [*result.by_kind.values(), result.facts, result.entities]:
        assert (score.precision, score.recall, score.f1) == (1.0, 1.0, 1.0)
    assert result.by_language["nl"]["facts"].f1 == 1.0


def test_evaluate_produced_fixture_against_itself_as_gold():
    records = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
    result = evaluate(records, records)
    assert result.errors == () and result.facts.tp == 7 and result.entities.tp == 7


def test_evaluate_table_and_json():
    produced = _produced()
    del produced["stances"][0]
    result = evaluate([produced], [_gold()])
    table = result.table()
    assert table.splitlines()[0].split() == ["language", "kind", "tp", "fp", "fn", "P", "R", "F1"]
    assert "all       stances             1     0     1  1.000  0.500  0.667" in table
    assert any(line.startswith("en") and "facts" in line for line in table.splitlines())
    data = json.loads(json.dumps(result.to_json()))
    assert data["by_kind"]["stances"] == {"tp": 1, "fp": 0, "fn": 1, "precision": 1.0,
                                          "recall": 0.5, "f1": 0.6667}
    assert data["errors"][0]["kind"] == "stances"
    assert "doc1  stances  miss:" in str(result.errors[0])


def test_load_gold_reads_a_file_or_a_directory(tmp_path):
    assert [r["id"] for r in load_gold(SEED)] == ["000_85a1dd18622b923f"]
    (tmp_path / "b.json").write_text(json.dumps([{"id": "b1"}, {"id": "b2"}]), encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps({"id": "a"}), encoding="utf-8")
    assert [r["id"] for r in load_gold(tmp_path)] == ["a", "b1", "b2"]


@pytest.mark.parametrize(
    ("content", "message"),
    [("{not json", "cannot read gold file"), ('{"language": "nl"}', "string 'id'"), ("[1]", "string 'id'")],
)
def test_load_gold_rejects_bad_files_naming_them(tmp_path, content, message):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(IngestError, match=message) as info:
        load_gold(tmp_path)
    assert "bad.json" in str(info.value)


def test_load_gold_rejects_duplicate_ids_and_missing_paths(tmp_path):
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text('{"id": "same"}', encoding="utf-8")
    with pytest.raises(IngestError, match="b.json.*'same'"):
        load_gold(tmp_path)
    with pytest.raises(IngestError, match="no such"):
        load_gold(tmp_path / "nowhere")


def test_evaluate_speaker_stands_for_the_body_they_speak_for():
    gold = _gold()
    gold["stances"] = [{"actor": "To Lam", "target": "Hanoi Convention", "stance": "support"}]
    produced = _produced()
    produced["stances"] = [_fact("s6", actor="VNM", target="Hanoi Convention", stance="support")]
    assert evaluate([produced], [gold]).by_kind["stances"] == Score(tp=0, fp=1, fn=1)
    produced["stances"][0]["stated_by"] = "Tô Lâm"
    assert evaluate([produced], [gold]).by_kind["stances"] == Score(tp=1, fp=0, fn=0)
