"""The possible-duplicates report (issue 4, part 5): scoring of name pairs, and the report of real builds."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import build_into
from graph_builder import duplicates
from graph_builder.cli import main
from graph_builder.duplicates import (
    REPORT_NAME,
    Entity,
    analyse,
    compatible,
    find_duplicates,
    pack_words,
    score_names,
    score_pair,
)
from graph_builder.namespaces import ID

# Tiny documents in four languages: the same minted actors named differently, and actors that only
# look alike (two Brunners with other posts; the Chaos Computer Club, "CCC", beside the registry's
# Cybercrime Convention Committee, whose initials are CCC too).
DOCUMENTS = {
    "en-forum.txt": """---
title: "Cyber resilience conference opens in Geneva"
published: 2025-11-20
language: en
---
Geneva, 20 November 2025 - More than 400 participants gathered in Geneva for the annual conference of the Global Cyber Resilience Forum (GCRF). Denmark's Minister of Justice, Lars Holm Christensen, said that the Convention must be ratified quickly. Ms Helen Carmody, Ambassador for Cyber Affairs at the Department of Foreign Affairs and Trade, led the Australian delegation. The Chaos Computer Club (CCC) criticised the treaty. The European Centre for Cyber Resilience (ECCR) welcomed it.
""",
    "nl-forum.txt": """---
title: "Cyberconferentie in Genève"
published: 2025-11-21
language: nl
---
De Deense minister van Justitie, Lars Christensen, verwacht dat een ruime meerderheid van de lidstaten het verdrag zal ondertekenen. Het Cyber Resilience Forum (CRF) organiseerde de bijeenkomst in Genève. De Australische ambassadeur Helen Carmodie leidde de delegatie.
""",
    "de-forum.txt": """---
title: "Konferenz in Genf"
published: 2025-11-22
language: de
---
Die österreichische Innenministerin Nicole Brunner und der EU-Kommissar Magnus Brunner sprachen in Genf. Der Bundesminister Karl Weber unterzeichnete das Abkommen.
""",
}
LATER = {
    "es-centro.txt": """---
title: "Reunión sobre ciberresiliencia en Madrid"
published: 2025-11-24
language: es
---
El Centro Europeo de Resiliencia Cibernética (CERC) celebró su reunión anual en Madrid. El CERC anunció un nuevo programa de formación.
""",
}


def _write(folder: Path, documents: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in documents.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def small_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("duplicates")
    out = root / "build"
    report = build_into(out, _write(root / "docs", {**DOCUMENTS, **LATER}))
    assert not report.rejected and not report.errors
    return out


def _report(out: Path) -> dict:
    return json.loads((out / REPORT_NAME).read_text(encoding="utf-8"))


def _pairs(report: dict) -> dict[frozenset[str], dict]:
    return {frozenset((c["a"]["iri"].removeprefix(str(ID)), c["b"]["iri"].removeprefix(str(ID)))): c for c in report["candidates"]}


def test_duplicates_build_reports_a_person_named_with_and_without_a_middle_name(small_build: Path) -> None:
    pair = _pairs(_report(small_build))[frozenset(("person/lars-christensen", "person/lars-holm-christensen"))]
    codes = [r["code"] for r in pair["reasons"]]
    assert codes == ["middle-name", "surname-post"]
    assert "'holm'" in pair["reasons"][0]["text"] and "role/minister" in pair["reasons"][1]["text"]
    sides = {pair["a"]["label"]: pair["a"]["documents"], pair["b"]["label"]: pair["b"]["documents"]}
    assert sides == {"Lars Christensen": ["nl-forum"], "Lars Holm Christensen": ["en-forum"]}
    assert 0.8 <= pair["score"] < 1 and not pair["a"]["inRegistry"] and not pair["b"]["inRegistry"]


def test_duplicates_build_reports_spelling_variants_across_languages(small_build: Path) -> None:
    pair = _pairs(_report(small_build))[frozenset(("person/helen-carmodie", "person/helen-carmody"))]
    assert [r["code"] for r in pair["reasons"]] == ["spelling"]


def test_duplicates_build_reports_organisations_by_name_and_translated_acronym(small_build: Path) -> None:
    pairs = _pairs(_report(small_build))
    forum = pairs[frozenset(("org/cyber-resilience-forum", "org/global-cyber-resilience-forum"))]
    assert [r["code"] for r in forum["reasons"]] == ["subset"]
    centre = pairs[frozenset(("body/european-centre-for-cyber-resilience", "org/centro-europeo-de-resiliencia-cibernetica"))]
    assert [r["code"] for r in centre["reasons"]] == ["acronym-order"]
    assert {centre["a"]["documents"][0], centre["b"]["documents"][0]} == {"en-forum", "es-centro"}


def test_duplicates_build_leaves_out_entities_that_only_look_alike(small_build: Path) -> None:
    report = _report(small_build)
    named = {iri for pair in _pairs(report) for iri in pair}
    assert "person/magnus-brunner" not in named and "person/nicole-brunner" not in named
    assert "org/chaos-computer-club" not in named and "org/t-cy" not in named
    assert "person/karl-weber" not in named
    assert report["count"] == len(report["candidates"]) == 4


def test_duplicates_report_is_sorted_and_never_pairs_two_registry_entities(small_build: Path) -> None:
    candidates = _report(small_build)["candidates"]
    keys = [(-c["score"], c["a"]["iri"], c["b"]["iri"]) for c in candidates]
    assert keys == sorted(keys)
    assert all(not (c["a"]["inRegistry"] and c["b"]["inRegistry"]) for c in candidates)
    assert all(not c["a"]["inRegistry"] for c in candidates)  # the registry side is always b


def test_duplicates_cli_prints_the_report_of_the_build(small_build: Path) -> None:
    as_json = CliRunner().invoke(main, ["duplicates", "--build", str(small_build), "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    assert as_json.output == (small_build / REPORT_NAME).read_text(encoding="utf-8")
    table = CliRunner().invoke(main, ["duplicates", "--build", str(small_build), "--min-score", "0.79"])
    assert table.exit_code == 0, table.output
    assert "Lars Holm Christensen" in table.output and "middle-name:" in table.output
    assert "Cyber Resilience Forum" not in table.output  # 0.6, below --min-score
    assert table.output.splitlines()[-1].startswith("2 possible duplicate(s) among ")


def test_duplicates_cli_reports_a_missing_build_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["duplicates", "--build", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "nowhere" in result.output and result.output.strip().count("\n") == 0


def test_duplicates_incremental_build_rewrites_the_report_as_a_full_build_would(small_build: Path, tmp_path: Path) -> None:
    docs = _write(tmp_path / "docs", DOCUMENTS)
    out = tmp_path / "build"
    build_into(out, docs)
    before = _pairs(_report(out))
    assert not any("org/centro-europeo-de-resiliencia-cibernetica" in pair for pair in before)
    _write(docs, LATER)
    report = build_into(out, docs)
    assert report.incremental and report.extracted == 1
    assert (out / REPORT_NAME).read_bytes() == (small_build / REPORT_NAME).read_bytes()
    shutil.rmtree(out)


@pytest.mark.parametrize("change", ["edit", "remove"])
def test_duplicates_incremental_build_updates_the_report_without_recomputing_it(
    small_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, change: str
) -> None:
    docs = _write(tmp_path / "docs", {**DOCUMENTS, **LATER})
    out = tmp_path / "build"
    build_into(out, docs)
    assert (out / REPORT_NAME).read_bytes() == (small_build / REPORT_NAME).read_bytes()
    if change == "edit":  # Helen Carmodie becomes Helen Carmody (one name: the pair is gone), a new look-alike comes
        text = DOCUMENTS["nl-forum.txt"].replace("Helen Carmodie", "Helen Carmody").replace(
            "organiseerde", "en de Deense minister Lars Kristensen organiseerden")
        (docs / "nl-forum.txt").write_text(text, encoding="utf-8")
    else:
        (docs / "de-forum.txt").unlink()

    def no_recomputation(*_args, **_kwargs):
        raise AssertionError("the incremental build recomputed the report")

    monkeypatch.setattr(duplicates, "find_duplicates", no_recomputation)
    report = build_into(out, docs)
    assert report.incremental and report.extracted + report.removed == 1
    monkeypatch.undo()
    full = build_into(tmp_path / "full", docs)
    assert full.extracted == len(list(docs.iterdir()))
    for name in (REPORT_NAME, duplicates.INDEX_NAME):
        assert (out / name).read_bytes() == (tmp_path / "full" / name).read_bytes(), name
    assert (out / REPORT_NAME).read_bytes() != (small_build / REPORT_NAME).read_bytes()


def test_duplicates_update_rescans_entities_of_a_key_that_became_too_common(
    small_build: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With MAX_BLOCK at 2, a third Lars Christensen makes the two keys that block the first two
    together too common: their pair, between two unchanged entities, must go."""
    monkeypatch.setattr(duplicates, "MAX_BLOCK", 2)
    docs = _write(tmp_path / "docs", {**DOCUMENTS, **LATER})
    out = tmp_path / "build"
    build_into(out, docs)
    pair = frozenset(("person/lars-christensen", "person/lars-holm-christensen"))
    assert pair in _pairs(_report(out))
    third = DOCUMENTS["en-forum.txt"].replace("Lars Holm Christensen", "Lars Peter Christensen")
    (docs / "en-third.txt").write_text(third.replace("Geneva, 20 November", "Geneva, 21 November"), encoding="utf-8")
    assert build_into(out, docs).extracted == 1
    build_into(tmp_path / "full", docs)
    assert pair not in _pairs(_report(tmp_path / "full"))
    assert (out / REPORT_NAME).read_bytes() == (tmp_path / "full" / REPORT_NAME).read_bytes()


def test_duplicates_entities_looked_up_one_by_one_equal_those_of_the_whole_store(corpus_build) -> None:
    """The lookups of an incremental update read what the queries over the whole store read:
    names, documents, posts (with and without a role) and the state of each government body."""
    from graph_builder.store import open_store

    out, _ = corpus_build
    store = open_store(out / "store", read_only=True)
    everything = {e.iri: e for e in duplicates.entities_from_store(store)}
    assert any(e.posts for e in everything.values()) and any(e.parents for e in everything.values())
    assert any(len(e.documents) > 3 for e in everything.values())
    picked = sorted(everything)[::7] + [f"{ID}nothing/here"]
    assert duplicates.entities_from_store(store, picked) == [everything[i] for i in sorted(picked) if i in everything]


# -- scoring, without a build ---------------------------------------------------------------------

LEXICON = pack_words()


@pytest.mark.parametrize(("a", "b", "group", "code"), [
    ("Sri Ahmad Faizal bin Rahman", "Ahmad Faizal bin Rahman", "person", "title"),
    ("Jeroen van Dalen", "Jeroen Dalen", "person", "particle"),
    ("Tô Lâm", "To Lam", "person", "same-name"),
    ("Lars Holm Christensen", "Lars Christensen", "person", "middle-name"),
    ("Luiz Inácio Lula da Silva", "Lula da Silva", "person", "given-names"),
    ("J. van Dalen", "Jeroen van Dalen", "person", "initials"),
    ("Nguyen Van Hoa", "Hoa Nguyen Van", "person", "reordered"),
    ("Ghada Wali", "Ghada Waly", "person", "spelling"),
    ("Magnus Brunner", "Nicole Brunner", "person", None),
    ("Nguyen Van Hoa", "Nguyen Van Hoang", "person", None),  # one short syllable apart: another person
    ("ONUDC", "Office des Nations unies contre la drogue et le crime", "organisation", "acronym"),
    ("UNODC", "United Nations Office on Drugs and Crime", "organisation", "acronym"),
    ("OSCE", "Organization for Security and Co-operation in Europe", "organisation", "acronym"),
    ("APEC", "Asia-Pacific Economic Cooperation", "organisation", "acronym"),
    ("UNODC", "ONUDC", "organisation", "acronym-order"),
    ("UNODC", "Office des Nations unies contre la drogue et le crime", "organisation", "acronym-order"),
    ("Global Cyber Resilience Forum", "Cyber Resilience Forum", "organisation", "subset"),
    ("Council of Europe", "Committee of Ministers of the Council of Europe", "organisation", None),
    ("Chaos Computer Club", "Cybercrime Convention Committee", "organisation", None),
    ("UN Convention against Cybercrime", "United Nations Convention against Cybercrime", "treaty", "abbreviation"),
    ("Convention on Cybercrime", "Additional Protocol to the Convention on Cybercrime", "treaty", None),
])
def test_duplicates_score_names(a: str, b: str, group: str, code: str | None) -> None:
    reason = score_names(analyse(a, LEXICON), analyse(b, LEXICON), group, LEXICON)
    assert (reason.code if reason else None) == code, reason
    if reason:
        assert 0.5 <= reason.score <= 1 and (a in reason.text or b in reason.text)


def _entity(key: str, *names: str, group: str = "person", registry: bool = False, **kw) -> Entity:
    kind = {"person": "Person", "organisation": "NGO", "treaty": "Treaty"}[group]
    return Entity(f"{ID}{key}", kind, group, registry, names[0], tuple(sorted(names)), **kw)


def test_duplicates_a_short_acronym_its_own_long_name_explains_is_a_homonym() -> None:
    club = _entity("org/ccc", "Chaos Computer Club", "CCC", group="organisation")
    committee = _entity("org/t-cy", "Cybercrime Convention Committee", group="organisation", registry=True)
    bare = _entity("org/x", "CCC", group="organisation")
    assert score_pair(club, committee, LEXICON) == (0.0, ())
    score, reasons = score_pair(bare, committee, LEXICON)
    assert [r.code for r in reasons] == ["acronym"] and score == 0.7


def test_duplicates_compatible_pairs_need_one_minted_side_one_group_and_one_state() -> None:
    minted = _entity("person/a", "Ann Lee")
    assert not compatible(_entity("person/b", "Ann Lee", registry=True), _entity("person/c", "Ann Lee", registry=True))
    assert not compatible(minted, _entity("org/ann-lee", "Ann Lee", group="organisation"))
    assert compatible(minted, _entity("person/b", "Ann Lee", registry=True))
    body = lambda key, state: _entity(key, "Ministry of Justice", group="organisation", parents=frozenset({f"{ID}state/{state}"}))  # noqa: E731
    assert not compatible(body("body/a", "DNK"), body("body/b", "NOR"))
    assert compatible(body("body/a", "DNK"), body("body/b", "DNK"))


def test_duplicates_surname_post_weighs_the_post() -> None:
    minister = frozenset({(f"{ID}state/DNK", "https://w3id.org/cdkg/vocab/role/minister")})
    other = frozenset({(f"{ID}state/DNK", "https://w3id.org/cdkg/vocab/role/ambassador")})
    one = _entity("person/a", "Magnus Brunner", posts=minister)
    assert [r.code for r in score_pair(one, _entity("person/b", "Nicole Brunner", posts=minister), LEXICON)[1]] == ["surname-post"]
    score, _ = score_pair(one, _entity("person/b", "Nicole Brunner", posts=other), LEXICON)
    assert score < 0.5  # two officials of one state may share a surname: below the report's floor


def test_duplicates_find_is_blocked_deterministic_and_starts_from_minted_entities() -> None:
    entities = [
        _entity("person/ahmad-faizal-bin-rahman", "Ahmad Faizal bin Rahman"),
        _entity("person/sri-ahmad-faizal-bin-rahman", "Sri Ahmad Faizal bin Rahman"),
        _entity("person/to-lam", "Tô Lâm", "To Lam", registry=True),
        *(_entity(f"person/p{i:03}", f"Given{i:03} Common") for i in range(300)),  # one huge surname block
        _entity("org/unodc", "UNODC", "United Nations Office on Drugs and Crime", group="organisation", registry=True),
        _entity("org/onudc", "ONUDC", group="organisation"),
    ]
    found = find_duplicates(entities, LEXICON)
    assert found == find_duplicates(list(reversed(entities)), LEXICON)
    pairs = {(c.a.iri.removeprefix(str(ID)), c.b.iri.removeprefix(str(ID))): c for c in found}
    assert pairs[("person/ahmad-faizal-bin-rahman", "person/sri-ahmad-faizal-bin-rahman")].reasons[0].code == "title"
    assert pairs[("org/onudc", "org/unodc")].reasons[0].code == "acronym-order"
    assert not any(a.startswith("person/p") for a, _ in pairs)  # "Common" is in too many names to block on
