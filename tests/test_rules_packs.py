"""Rule packs: every pack loads, the French, German and Spanish cues match made-up news sentences,
modality words are found, and malformed packs are refused with the file named.

The sentences are invented for these tests (graph_builder/rules/README.md, "Adding a language").
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import yaml

from graph_builder.nlp import parse
from graph_builder.recognise import recognise
from graph_builder.records import Document
from graph_builder.clauses import cue_matcher as _matcher
from graph_builder.relations import extract
from graph_builder.rules import KINDS, RULES_DIR, RulePackError, load_pack, parse_pack

PACKS = sorted(RULES_DIR.glob("*.yaml"))
FULL_PACKS = ("fr", "de", "es")


def _label(cue) -> str:
    return cue.action or cue.type or cue.stance or cue.claim_type or ""


def _cues(text: str, lang: str) -> set[tuple[str, str]]:
    """(kind, label) of every cue that matches in ``text``; a commitment or appeal has label ''."""
    matcher, cues = _matcher(lang)
    doc = parse(text, lang)
    return {(cues[doc.vocab.strings[m]].kind, _label(cues[doc.vocab.strings[m]])) for m, _, _ in matcher(doc)}


def _facts(text: str, lang: str):
    key = hashlib.sha256(text.encode()).hexdigest()[:16]
    return extract(recognise(Document(id=key, text=text, key=key, language=lang)))


# -- every pack ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", PACKS, ids=lambda p: p.stem)
def test_every_pack_loads(path: Path) -> None:
    pack = parse_pack(path)
    assert pack.language == path.stem
    assert pack.name == f"rules.{path.stem}.v{pack.version}"
    for kind in KINDS:
        assert pack.cues[kind], f"{path.name} has no {kind} cues"
    assert pack.credits and pack.modality.get("negated") and pack.modality.get("future")


def test_the_vietnamese_pack_is_there() -> None:
    assert {"en", "nl", "fr", "de", "es", "vi"} <= {p.stem for p in PACKS}


@pytest.mark.parametrize("lang", FULL_PACKS)
def test_full_packs_cover_every_key_of_the_english_pack(lang: str) -> None:
    english = yaml.safe_load((RULES_DIR / "en.yaml").read_text(encoding="utf-8"))
    pack = yaml.safe_load((RULES_DIR / f"{lang}.yaml").read_text(encoding="utf-8"))
    assert set(english) <= set(pack)
    assert set(english["cues"]) == set(pack["cues"])
    assert set(english["groups"]) == set(pack["groups"])
    assert set(english["anaphora"]) == set(pack["anaphora"])
    assert set(english["org_types"]) == set(pack["org_types"])
    assert {c["action"] for c in pack["cues"]["treaty_action"]} >= {
        "signature", "ratification", "accession", "entry-into-force", "withdrawal", "reservation"
    }
    assert {c["type"] for c in pack["cues"]["event"]} == {c["type"] for c in english["cues"]["event"]}
    assert {c["stance"] for c in pack["cues"]["stance"]} == {"support", "oppose", "concern"}


# -- cues ----------------------------------------------------------------------------------------------

SIGN, RATIFY, ACCEDE, FORCE, WITHDRAW = (
    ("treaty_action", a) for a in ("signature", "ratification", "accession", "entry-into-force", "withdrawal")
)
APPEAL, COMMIT = ("appeal", ""), ("commitment", "")
SUPPORT, OPPOSE, CONCERN = (("stance", s) for s in ("support", "oppose", "concern"))
SIGNED_BY = ("claim", "signatory-count")

CUE_CASES = {
    "fr": [
        ("La France a signé la convention à Hanoï.", SIGN),
        ("Les deux pays signent l'accord mardi.", SIGN),
        ("L'accord a été signé par trois États.", SIGN),
        ("La Belgique a ratifié le traité en mars.", RATIFY),
        ("Le Portugal a déposé son instrument de ratification auprès du Secrétaire général.", RATIFY),
        ("Le Canada a adhéré au protocole.", ACCEDE),
        ("Le Chili a déposé son instrument d’adhésion.", ACCEDE),
        ("La convention entrera en vigueur l'an prochain.", FORCE),
        ("Le traité est entré en vigueur en 2020.", FORCE),
        ("La convention est entrée en vigueur le 1er mars.", FORCE),
        ("La Russie s'est retirée du traité.", WITHDRAW),
        ("Le ministre a reçu son homologue au Quai d'Orsay.", ("event", "reception")),
        ("La ministre s'est entretenue avec son homologue.", ("event", "meeting")),
        ("Les délégations ont tenu des pourparlers à Genève.", ("event", "dialogue")),
        ("Le président effectue une visite officielle au Japon.", ("event", "visit")),
        ("La cérémonie de signature a eu lieu à Hanoï.", ("event", "signing-ceremony")),
        ("Le sommet s'est ouvert lundi.", ("event", "summit")),
        ("La France s'est engagée à financer le programme.", COMMIT),
        ("Le pays se dit prêt à coopérer.", COMMIT),
        ("Le Secrétaire général a appelé tous les États à ratifier la convention.", APPEAL),
        ("La ministre exhorte les pays à adhérer au traité.", APPEAL),
        ("L'organisation invite la communauté internationale à agir.", APPEAL),
        ("La France salue l'adoption du texte.", SUPPORT),
        ("Le gouvernement s'est félicité de la signature.", SUPPORT),
        ("L'Italie soutient le projet.", SUPPORT),
        ("Les ONG ont critiqué le texte.", OPPOSE),
        ("Plusieurs pays s’opposent au projet.", OPPOSE),
        ("Les experts mettent en garde contre les abus.", CONCERN),
        ("Le Canada a exprimé sa préoccupation.", CONCERN),
        ("Au total, 65 pays ont signé la convention.", SIGNED_BY),
    ],
    "de": [
        ("Deutschland hat das Übereinkommen in Hanoi unterzeichnet.", SIGN),
        ("Frankreich unterzeichnete den Vertrag am Montag.", SIGN),
        ("Österreich ratifizierte das Abkommen im März.", RATIFY),
        ("Portugal hinterlegte seine Ratifikationsurkunde in New York.", RATIFY),
        ("Kanada trat dem Protokoll im Jahr 2020 bei.", ACCEDE),
        ("Kanada ist dem Protokoll beigetreten.", ACCEDE),
        ("Das Übereinkommen tritt im nächsten Jahr in Kraft.", FORCE),
        ("Der Vertrag trat am 1. Juli in Kraft.", FORCE),
        ("Der Vertrag ist 2020 in Kraft getreten.", FORCE),
        ("Russland trat aus dem Vertrag aus.", WITHDRAW),
        ("Der Kanzler empfing den Premierminister im Kanzleramt.", ("event", "reception")),
        ("Die Ministerin traf sich mit ihrem Amtskollegen.", ("event", "meeting")),
        ("Beide Seiten führten Gespräche in Berlin.", ("event", "dialogue")),
        ("Der Präsident besuchte Japan.", ("event", "visit")),
        ("Die Sicherheitskonferenz beginnt am Freitag.", ("event", "conference")),
        ("Der G20-Gipfel endete am Sonntag.", ("event", "summit")),
        ("Deutschland verpflichtete sich, das Programm zu finanzieren.", COMMIT),
        ("Die Regierung sagte weitere Hilfe zu.", COMMIT),
        ("Das Land ist bereit, enger zusammenzuarbeiten.", COMMIT),
        ("Der Generalsekretär rief alle Staaten auf, das Übereinkommen zu ratifizieren.", APPEAL),
        ("Die Ministerin forderte die Länder auf, dem Vertrag beizutreten.", APPEAL),
        ("Die Organisation appellierte an die internationale Gemeinschaft.", APPEAL),
        ("Deutschland begrüßte die Annahme des Textes.", SUPPORT),
        ("Die Regierung unterstützt das Vorhaben.", SUPPORT),
        ("Menschenrechtsgruppen kritisierten den Text.", OPPOSE),
        ("Mehrere Staaten lehnten den Entwurf ab.", OPPOSE),
        ("Experten warnten vor Missbrauch.", CONCERN),
        ("Kanada äußerte Besorgnis.", CONCERN),
        ("Insgesamt 65 Staaten haben das Übereinkommen unterzeichnet.", SIGNED_BY),
    ],
    "es": [
        ("España firmó el convenio en Hanói.", SIGN),
        ("Los dos países firmaron el acuerdo el martes.", SIGN),
        ("El acuerdo fue firmado por tres Estados.", SIGN),
        ("México ratificó el tratado en marzo.", RATIFY),
        ("Portugal depositó su instrumento de ratificación ante el secretario general.", RATIFY),
        ("Chile se adhirió al protocolo.", ACCEDE),
        ("La convención entrará en vigor el próximo año.", FORCE),
        ("El tratado entró en vigor en 2020.", FORCE),
        ("Rusia se retiró del tratado.", WITHDRAW),
        ("El presidente recibió al primer ministro en La Moncloa.", ("event", "reception")),
        ("La ministra se reunió con su homólogo.", ("event", "meeting")),
        ("Ambas delegaciones mantuvieron conversaciones en Ginebra.", ("event", "dialogue")),
        ("El rey visitó Japón.", ("event", "visit")),
        ("La ceremonia de firma tuvo lugar en Hanói.", ("event", "signing-ceremony")),
        ("La cumbre comenzó el lunes.", ("event", "summit")),
        ("España se comprometió a financiar el programa.", COMMIT),
        ("El país está dispuesto a cooperar.", COMMIT),
        ("El secretario general instó a todos los Estados a ratificar la convención.", APPEAL),
        ("La ministra pidió a los países que se adhieran al tratado.", APPEAL),
        ("La organización hizo un llamamiento a la comunidad internacional.", APPEAL),
        ("España acogió con satisfacción la adopción del texto.", SUPPORT),
        ("El Gobierno celebró la firma del acuerdo.", SUPPORT),
        ("Italia apoya el proyecto.", SUPPORT),
        ("Las ONG criticaron el texto.", OPPOSE),
        ("Varios países rechazaron el borrador.", OPPOSE),
        ("Los expertos advirtieron sobre los abusos.", CONCERN),
        ("Canadá expresó su preocupación.", CONCERN),
        ("En total, 65 países firmaron la convención.", SIGNED_BY),
    ],
    "vi": [
        ("Việt Nam đã ký Công ước tại Hà Nội", SIGN),
        ("Hai nước ký kết thỏa thuận hợp tác", SIGN),
        ("Quốc hội phê chuẩn Công ước", RATIFY),
        ("Canada gia nhập Công ước", ACCEDE),
        ("Công ước sẽ có hiệu lực sau 90 ngày", FORCE),
        ("Thủ tướng tiếp Đại sứ Pháp", ("event", "reception")),
        ("Hai Bộ trưởng hội đàm tại Hà Nội", ("event", "dialogue")),
        ("Tổng thống thăm Việt Nam", ("event", "visit")),
        ("Hội nghị diễn ra tại Hà Nội", ("event", "conference")),
        ("Việt Nam cam kết thực thi Công ước", COMMIT),
        ("Tổng Thư ký kêu gọi các nước phê chuẩn Công ước", APPEAL),
        ("Pháp hoan nghênh Công ước", SUPPORT),
        ("Nga phản đối dự thảo", OPPOSE),
        ("Đức bày tỏ quan ngại về dự thảo", CONCERN),
    ],
}


@pytest.mark.parametrize(
    "lang, text, expected",
    [(lang, text, expected) for lang, cases in CUE_CASES.items() for text, expected in cases],
    ids=lambda v: v if isinstance(v, str) and len(v) <= 3 else None,
)
def test_cue_matches(lang: str, text: str, expected: tuple[str, str]) -> None:
    assert expected in _cues(text, lang)


@pytest.mark.parametrize(
    "lang, text, kind",
    [
        ("fr", "La protection des infrastructures critiques reste une priorité.", "stance"),
        ("fr", "Le ministre a assisté à la cérémonie de signature.", "treaty_action"),
        ("de", "Die Regierung kündigte an, das Gesetz im Herbst vorzulegen.", "treaty_action"),
        ("es", "La ceremonia de firma tuvo lugar en Hanói.", "treaty_action"),
        ("es", "La cumbre se celebró en Madrid.", "stance"),
        ("es", "España acogió con satisfacción la propuesta.", "event"),
        ("vi", "Tổng Thư ký Liên Hợp Quốc phát biểu tại hội nghị", "treaty_action"),
        ("vi", "Việt Nam sẽ tiếp tục ủng hộ Công ước", "event"),
    ],
)
def test_look_alikes_are_no_cue(lang: str, text: str, kind: str) -> None:
    assert not any(k == kind for k, _ in _cues(text, lang))


# -- modality, end to end --------------------------------------------------------------------------

MODALITY_CASES = [
    ("fr", "La France n'a pas signé la Convention de Hanoï.", "negated"),
    ("fr", "La France n’a jamais ratifié la Convention de Hanoï.", "negated"),
    ("fr", "La France signera la Convention de Hanoï en décembre.", "future"),
    ("fr", "La France va ratifier la Convention de Hanoï.", "future"),
    ("fr", "La France pourrait signer la Convention de Hanoï.", "hypothetical"),
    ("fr", "La France a signé la Convention de Hanoï.", "asserted"),
    ("de", "Deutschland hat die Hanoi-Konvention nicht unterzeichnet.", "negated"),
    ("de", "Deutschland wird die Hanoi-Konvention unterzeichnen.", "future"),
    ("de", "Deutschland würde die Hanoi-Konvention unterzeichnen.", "hypothetical"),
    ("de", "Deutschland hat die Hanoi-Konvention unterzeichnet.", "asserted"),
    ("es", "España no ha firmado la Convención de Hanói.", "negated"),
    ("es", "España firmará la Convención de Hanói en diciembre.", "future"),
    ("es", "España va a ratificar la Convención de Hanói.", "future"),
    ("es", "España podría firmar la Convención de Hanói.", "hypothetical"),
    ("es", "España firmó la Convención de Hanói.", "asserted"),
]


@pytest.mark.parametrize("lang, text, modality", MODALITY_CASES)
def test_treaty_action_modality(lang: str, text: str, modality: str) -> None:
    actions = [f for f in _facts(text, lang) if f.kind == "treaty_action"]
    assert actions, f"no treaty action in {text!r}"
    assert {f.modality for f in actions} == {modality}


def test_a_german_passive_past_is_not_future() -> None:
    facts = _facts("Die Hanoi-Konvention wurde am Montag von 65 Staaten unterzeichnet.", "de")
    claims = [f for f in facts if f.kind == "claim"]
    assert claims and {f.modality for f in claims} == {"asserted"}
    assert {f.get("figure") for f in claims} == {65}


@pytest.mark.parametrize(
    "lang, text, action, group",
    [
        ("fr", "Le Secrétaire général António Guterres a appelé tous les États à ratifier la Convention de Hanoï.", "ratify", "states"),
        ("de", "UN-Generalsekretär António Guterres rief alle Staaten auf, der Hanoi-Konvention beizutreten.", "accede", "states"),
        ("es", "El secretario general António Guterres instó a la comunidad internacional a aplicar la Convención de Hanói.", "implement", "the international community"),
    ],
)
def test_appeal_action_and_addressee(lang: str, text: str, action: str, group: str) -> None:
    appeals = [f for f in _facts(text, lang) if f.kind == "appeal"]
    assert appeals
    assert appeals[0].get("action") == action
    assert appeals[0].get("addressee_description") == group


# -- the words behind the cues ---------------------------------------------------------------------


def test_pinned_forms_keep_one_inflection() -> None:
    de = load_pack("de")
    assert ("wird",) in de.modality["future"] and ("werden",) not in de.modality["future"]
    assert ("würde",) in de.modality["hypothetical"]
    assert {"er", "sie"} <= de.anaphora["person"]
    assert de.anaphora["publisher"] == {"wir"}
    assert "elle" in load_pack("fr").anaphora["person"]
    assert "ella" in load_pack("es").anaphora["person"]


@pytest.mark.parametrize(
    "lang, line",
    [
        ("fr", "(Photo : AFP)"),
        ("fr", "Photo : Ludovic Marin / AFP"),
        ("fr", "Par Jeanne Dupont"),
        ("de", "(Foto: dpa)"),
        ("de", "Berlin (dpa) - Die Regierung hat entschieden."),
        ("es", "Fuente: Ministerio de Asuntos Exteriores"),
        ("es", "Madrid (EFE). El Gobierno ha decidido."),
        ("es", "Foto: EFE/Juan Pérez"),
        ("vi", "(Ảnh: TTXVN)"),
    ],
)
def test_credits_are_recognised(lang: str, line: str) -> None:
    assert any(p.search(line) for p in load_pack(lang).credits)


@pytest.mark.parametrize(
    "lang, line",
    [("fr", "Par ailleurs, la France a signé la convention."), ("de", "Von Berlin aus reiste die Ministerin nach Hanoi."), ("es", "Por su parte, España firmó el convenio.")],
)
def test_credits_leave_sentences_alone(lang: str, line: str) -> None:
    assert not any(p.search(line) for p in load_pack(lang).credits)


# -- malformed packs -------------------------------------------------------------------------------


def _write(tmp_path: Path, data: dict, name: str = "xx") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_an_unknown_key_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, {"language": "xx", "cue_words": ["sign"]})
    with pytest.raises(RulePackError, match="xx.yaml.*cue_words"):
        parse_pack(path)


def test_a_bad_action_code_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, {"language": "xx", "cues": {"treaty_action": [{"cue": "sign", "action": "signing"}]}})
    with pytest.raises(RulePackError, match="xx.yaml.*signing"):
        parse_pack(path)


@pytest.mark.parametrize(
    "data, fragment",
    [
        ({"language": "yy"}, "language"),
        ({"language": "xx", "cues": {"rumour": ["said"]}}, "rumour"),
        ({"language": "xx", "cues": {"event": [{"cue": "meet", "type": "meeting", "where": "x"}]}}, "where"),
        ({"language": "xx", "cues": {"appeal": [{"cue": "... urge"}]}}, r"\.\.\."),
        ({"language": "xx", "cues": {"stance": [{"cue": "hail", "stance": "welcome"}]}}, "welcome"),
        ({"language": "xx", "credits": ["(unclosed"]}, "credit"),
        ({"language": "xx", "modality": {"maybe": ["might"]}}, "modality"),
    ],
)
def test_malformed_packs_name_the_file(tmp_path: Path, data: dict, fragment: str) -> None:
    path = _write(tmp_path, data)
    with pytest.raises(RulePackError, match=fragment) as error:
        parse_pack(path)
    assert str(path) in str(error.value)


def test_unreadable_yaml_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "xx.yaml"
    path.write_text("language: xx\ncues: [unclosed\n", encoding="utf-8")
    with pytest.raises(RulePackError, match="xx.yaml"):
        parse_pack(path)
