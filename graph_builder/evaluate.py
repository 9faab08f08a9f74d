"""Scoring produced facts records against gold records (DESIGN §7 ``cdkg eval``, §8 format).

In: the records of ``graph_builder.facts.facts_from_store`` and gold records read by
:func:`load_gold` (both in the facts format). Out: an :class:`Evaluation` — true positives, false
positives and misses per kind, per language and overall, and every error with its record.

Matching rules
--------------
Documents
    match by ``id``. Only gold documents are scored; a gold document without a produced record
    counts every gold item as a miss. A kind is scored for a document only if the gold record has
    its key: a missing key (or ``null``) means "not annotated", an empty list means "nothing there".
Names
    are compared after :func:`normalise`: NFC, diacritics stripped, casefolded, punctuation and
    whitespace collapsed to one space ("Nguyễn Văn An" = "nguyen van an"). Codes (event types, treaty actions,
    stances, claim types) also ignore the remaining spaces ("SigningCeremony" = "signing-ceremony").
Entities
    match when their types agree (NGO, Company and NonStateOrganization are one group) and the gold
    label or a gold alias equals the produced label or a produced alias, or, for states, the
    ``iso3`` codes agree. Matching is one-to-one and greedy, strongest pairs first (same label or
    ISO3, then a label against an alias, then two aliases), ties in list order.
Actors inside facts
    are compared by entity: each gold name (label, alias, ISO3 of a matched gold entity) stands
    for the produced entity its gold entity matched, each produced name (label, ISO3, alias) for
    the produced entity it names, and any other gold name for the produced entity of that name;
    a name that names no entity falls back to its normalised string. So a gold "Vietnam" meets a
    produced "VNM", and an entity typed wrongly costs an entity error but not a fact error.
    List-valued actors (``host``, ``committer``, ``caller``) compare as sets and match when they
    intersect.
Fact keys (what must agree; gold ``modality`` defaults to "asserted")
    posts: person, organization · treaty_actions: party, action, treaty, modality, and date when
    the gold date is not null · events: type, modality, and date when the gold date is not null ·
    commitments: committer, modality, and beneficiary when the gold beneficiary names an entity
    (a generic group such as "developing countries" is not an actor and is not compared) ·
    appeals: caller, action lemma (the first word, lower-cased), object · stances: actor, target,
    stance · claims: figure, claim_type. For commitments, appeals and stances, a speaker and the
    body they speak for are interchangeable: the actor matches when either side's actor or
    ``stated_by`` names the same entity as the other's.
Counting
    within a document and kind, gold and produced items are paired one-to-one by a maximum
    matching under the key (a multiset match): pairs are true positives, unpaired gold items misses
    (fn), unpaired produced items false positives (fp). ``facts`` is the micro-average over all
    fact kinds (every kind but entities); ``entities`` is scored apart. Precision is 1.0 when
    nothing was produced and recall 1.0 when nothing was to be found.

>>> gold = [{"id": "d", "entities": [{"label": "Viet Nam", "type": "State", "iso3": "VNM"}]}]
>>> produced = [{"id": "d", "entities": [{"label": "Vietnam", "type": "State", "iso3": "VNM"}]}]
>>> evaluate(produced, gold).entities.f1
1.0
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from graph_builder.errors import IngestError
from graph_builder.iris import ascii_fold

FACT_KINDS: tuple[str, ...] = (
    "posts",
    "treaty_actions",
    "events",
    "commitments",
    "appeals",
    "stances",
    "claims",
)
KINDS: tuple[str, ...] = ("entities", *FACT_KINDS)

_TYPE_GROUP = {"NGO": "NonState", "Company": "NonState", "NonStateOrganization": "NonState"}
_NON_WORD = re.compile(r"[\W_]+")


def normalise(text: object) -> str:
    """A name for comparison: NFC, diacritics stripped, casefolded, punctuation and spaces collapsed.

    >>> normalise("  Nguyễn  Văn An ")
    'nguyen van an'
    >>> normalise("Ministry of Public Security (Vietnam)")
    'ministry of public security vietnam'
    >>> normalise("Đảng Cộng sản Việt Nam") == normalise("dang cong san viet nam")
    True
    >>> normalise(None)
    ''
    """
    if text is None:
        return ""
    folded = ascii_fold(unicodedata.normalize("NFC", str(text))).casefold()
    return _NON_WORD.sub(" ", folded).strip()


def code_key(text: object) -> str:
    """A vocabulary code for comparison: :func:`normalise` without spaces.

    >>> code_key("SigningCeremony") == code_key("signing-ceremony") == code_key("Signing ceremony")
    True
    """
    return normalise(text).replace(" ", "")


def lemma(action: object) -> str:
    """The lemma of a requested action: its first word, lower-cased.

    >>> lemma("Ratify the convention")
    'ratify'
    >>> lemma(None)
    ''
    """
    words = normalise(action).split()
    return words[0] if words else ""


# --- scores ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Score:
    """True positives, false positives and misses, with precision, recall and F1.

    >>> s = Score(3, 1, 2)
    >>> (round(s.precision, 2), round(s.recall, 2), round(s.f1, 2))
    (0.75, 0.6, 0.67)
    >>> Score(0, 0, 0).f1
    1.0
    >>> Score(1, 0, 0) + Score(0, 1, 1)
    Score(tp=1, fp=1, fn=1)
    """

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        """tp / (tp + fp); 1.0 when nothing was produced."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn); 1.0 when nothing was to be found."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict:
        """The counts and the three measures (rounded to 4 digits)."""
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }


@dataclass(frozen=True, slots=True)
class EvalError:
    """One miss (a gold item nothing produced matched) or false positive (a produced item no gold matched).

    ``sentence`` is the produced evidence text for a false positive, ``None`` for a miss (gold
    records carry no offsets: the gold record itself says what was missed).
    """

    doc: str
    kind: str
    error: str  # "miss" | "false positive"
    record: dict = field(hash=False)
    sentence: str | None = None

    def __post_init__(self) -> None:
        if self.error not in ("miss", "false positive"):
            raise ValueError(f"unknown error {self.error!r}")

    def __str__(self) -> str:
        shown = {k: v for k, v in self.record.items() if k not in ("evidence", "iri", "confidence")}
        line = f"{self.doc}  {self.kind}  {self.error}: {json.dumps(shown, ensure_ascii=False)}"
        return f"{line}\n    « {self.sentence} »" if self.sentence else line

    def to_json(self) -> dict:
        """The error as a JSON-ready dict."""
        return {
            "doc": self.doc,
            "kind": self.kind,
            "error": self.error,
            "record": self.record,
            "sentence": self.sentence,
        }


@dataclass(frozen=True)
class Evaluation:
    """The scores of one evaluation (the dicts are not to be mutated).

    ``by_kind`` holds the kinds scored in at least one document, in :data:`KINDS` order;
    ``by_language`` maps a gold language to the same per-kind scores plus ``"facts"``.
    """

    by_kind: dict[str, Score]
    facts: Score
    entities: Score
    by_language: dict[str, dict[str, Score]]
    errors: tuple[EvalError, ...]
    documents: tuple[str, ...] = ()
    missing_documents: tuple[str, ...] = ()

    def table(self) -> str:
        """A text table: each kind, the fact micro-average, then entities and facts per language."""
        head = f"{'language':<9} {'kind':<15} {'tp':>5} {'fp':>5} {'fn':>5} {'P':>6} {'R':>6} {'F1':>6}"
        lines = [head, "-" * len(head)]

        def row(language: str, kind: str, s: Score) -> str:
            return (
                f"{language:<9} {kind:<15} {s.tp:>5} {s.fp:>5} {s.fn:>5} "
                f"{s.precision:>6.3f} {s.recall:>6.3f} {s.f1:>6.3f}"
            )

        for kind, score in self.by_kind.items():
            lines.append(row("all", kind, score))
        lines.append(row("all", "facts (micro)", self.facts))
        for language, scores in self.by_language.items():
            for kind in ("entities", "facts"):
                if kind in scores:
                    lines.append(row(language, kind, scores[kind]))
        lines.append(
            f"{len(self.documents)} gold document(s) scored"
            + (f", {len(self.missing_documents)} without output" if self.missing_documents else "")
        )
        return "\n".join(lines)

    def to_json(self) -> dict:
        """The whole evaluation as a JSON-ready dict."""
        return {
            "documents": list(self.documents),
            "missing_documents": list(self.missing_documents),
            "facts": self.facts.to_json(),
            "entities": self.entities.to_json(),
            "by_kind": {k: s.to_json() for k, s in self.by_kind.items()},
            "by_language": {
                lang: {k: s.to_json() for k, s in scores.items()}
                for lang, scores in self.by_language.items()
            },
            "errors": [e.to_json() for e in self.errors],
        }


# --- loading --------------------------------------------------------------------------------------


def load_gold(path: Path) -> list[dict]:
    """The gold records of a JSON file (one record or a list) or of every ``*.json`` in a directory.

    Raises IngestError, naming the file, for a missing path, unreadable or invalid JSON, a record
    without an ``id``, or an id given twice.
    """
    path = Path(path)
    if path.is_dir():
        files = sorted(path.glob("*.json"))
        if not files:
            raise IngestError(f"{path}: no *.json gold files")
    elif path.is_file():
        files = [path]
    else:
        raise IngestError(f"{path}: no such gold file or directory")
    records: list[dict] = []
    seen: dict[str, Path] = {}
    for file in files:
        try:
            data = json.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise IngestError(f"{file}: cannot read gold file: {exc}") from exc
        for record in data if isinstance(data, list) else [data]:
            if not isinstance(record, dict) or not isinstance(record.get("id"), str):
                raise IngestError(f"{file}: a gold record must be a JSON object with a string 'id'")
            if record["id"] in seen:
                raise IngestError(f"{file}: gold document {record['id']!r} already in {seen[record['id']]}")
            seen[record["id"]] = file
            records.append(record)
    return records


# --- matching -------------------------------------------------------------------------------------


def evaluate(produced: list[dict], gold: list[dict]) -> Evaluation:
    """Score ``produced`` against ``gold`` by the rules of the module docstring."""
    by_id: dict[str, dict] = {}
    for record in produced:
        by_id.setdefault(record.get("id"), record)
    totals: dict[str, Score] = {}
    languages: dict[str, dict[str, Score]] = {}
    errors: list[EvalError] = []
    documents, missing = [], []
    for g in sorted(gold, key=lambda r: r["id"]):
        doc = g["id"]
        documents.append(doc)
        p = by_id.get(doc)
        if p is None:
            missing.append(doc)
            p = {}
        language = g.get("language") or p.get("language") or "und"
        scores, doc_errors = _score_document(doc, p, g)
        errors.extend(doc_errors)
        per_language = languages.setdefault(language, {})
        for kind, score in scores.items():
            totals[kind] = totals.get(kind, Score()) + score
            per_language[kind] = per_language.get(kind, Score()) + score
    by_kind = {k: totals[k] for k in KINDS if k in totals}
    by_language = {}
    for language in sorted(languages):
        scores = languages[language]
        ordered = {k: scores[k] for k in KINDS if k in scores}
        ordered["facts"] = _micro(scores)
        by_language[language] = ordered
    return Evaluation(
        by_kind=by_kind,
        facts=_micro(totals),
        entities=totals.get("entities", Score()),
        by_language=by_language,
        errors=tuple(errors),
        documents=tuple(documents),
        missing_documents=tuple(missing),
    )


def _micro(scores: Mapping[str, Score]) -> Score:
    total = Score()
    for kind in FACT_KINDS:
        total = total + scores.get(kind, Score())
    return total


def _score_document(doc: str, p: dict, g: dict) -> tuple[dict[str, Score], list[EvalError]]:
    """The scores and errors of one document, for the kinds its gold record annotates."""
    gold_entities = g.get("entities") or []
    produced_entities = p.get("entities") or []
    pairs = _match_entities(gold_entities, produced_entities)
    names = _Names(gold_entities, produced_entities, pairs)
    scores: dict[str, Score] = {}
    errors: list[EvalError] = []
    for kind in KINDS:
        gold_items = g.get(kind)
        if not isinstance(gold_items, list):
            continue  # not annotated
        produced_items = p.get(kind) or []
        if kind == "entities":
            matched = dict(pairs)
        else:
            same = _PREDICATES[kind]
            matched = _max_matching(
                len(gold_items),
                len(produced_items),
                lambda i, j: same(names, gold_items[i], produced_items[j]),
            )
        taken = set(matched.values())
        misses = [gold_items[i] for i in range(len(gold_items)) if i not in matched]
        false_positives = [produced_items[j] for j in range(len(produced_items)) if j not in taken]
        scores[kind] = Score(len(matched), len(false_positives), len(misses))
        errors.extend(EvalError(doc, kind, "miss", dict(r)) for r in misses)
        errors.extend(EvalError(doc, kind, "false positive", dict(r), _sentence(r)) for r in false_positives)
    return scores, errors


def _sentence(record: dict) -> str | None:
    evidence = record.get("evidence")
    return evidence.get("text") if isinstance(evidence, dict) else None


def _entity_names(entity: dict) -> set[str]:
    names = {normalise(entity.get("label"))}
    names.update(normalise(a) for a in entity.get("aliases") or ())
    names.discard("")
    return names


def _group(entity: dict) -> str:
    kind = entity.get("type") or ""
    return _TYPE_GROUP.get(kind, kind)


def _match_entities(gold: list[dict], produced: list[dict]) -> list[tuple[int, int]]:
    """Greedy one-to-one pairs (gold index, produced index), strongest evidence of identity first."""
    candidates = []
    for i, ge in enumerate(gold):
        g_label, g_names, g_iso3 = normalise(ge.get("label")), _entity_names(ge), ge.get("iso3")
        for j, pe in enumerate(produced):
            if _group(ge) != _group(pe):
                continue
            p_label, p_names = normalise(pe.get("label")), _entity_names(pe)
            if (g_label and g_label == p_label) or (
                g_iso3 and _group(ge) == "State" and g_iso3 == pe.get("iso3")
            ):
                strength = 3
            elif g_label in p_names or p_label in g_names:
                strength = 2
            elif g_names & p_names:
                strength = 1
            else:
                continue
            candidates.append((-strength, i, j))
    pairs, gold_done, produced_done = [], set(), set()
    for _, i, j in sorted(candidates):
        if i not in gold_done and j not in produced_done:
            pairs.append((i, j))
            gold_done.add(i)
            produced_done.add(j)
    return sorted(pairs)


def _max_matching(n_gold: int, n_produced: int, same: Callable[[int, int], bool]) -> dict[int, int]:
    """A maximum one-to-one matching gold index → produced index (augmenting paths, list order)."""
    edges = [[j for j in range(n_produced) if same(i, j)] for i in range(n_gold)]
    owner: dict[int, int] = {}  # produced index → gold index

    def augment(i: int, visited: set[int]) -> bool:
        for j in edges[i]:
            if j in visited:
                continue
            visited.add(j)
            if j not in owner or augment(owner[j], visited):
                owner[j] = i
                return True
        return False

    for i in range(n_gold):
        augment(i, set())
    return {i: j for j, i in owner.items()}


class _Names:
    """Resolves actor names of one document to a comparable key: a produced entity, else the string."""

    def __init__(self, gold: list[dict], produced: list[dict], pairs: Iterable[tuple[int, int]]) -> None:
        self._produced: dict[str, int] = {}
        for field_ in ("label", "iso3", "aliases"):  # labels win over codes, codes over aliases
            for j, entity in enumerate(produced):
                for name in _names_in(entity, field_):
                    self._produced.setdefault(name, j)
        self._gold: dict[str, int] = {}
        partner = dict(pairs)
        for field_ in ("label", "iso3", "aliases"):
            for i, entity in enumerate(gold):
                if i in partner:
                    for name in _names_in(entity, field_):
                        self._gold.setdefault(name, partner[i])

    def gold(self, name: object) -> tuple | None:
        """The key of a name in a gold fact."""
        if name is None:
            return None
        n = normalise(name)
        if n in self._gold:
            return ("entity", self._gold[n])
        return self.produced(name)

    def produced(self, name: object) -> tuple | None:
        """The key of a name in a produced fact."""
        if name is None:
            return None
        n = normalise(name)
        return ("entity", self._produced[n]) if n in self._produced else ("name", n)

    def is_actor(self, name: object) -> bool:
        """Whether a gold name names an entity (not a generic group like "developing countries")."""
        key = self.gold(name)
        return key is not None and key[0] == "entity"

    def same(self, g: object, p: object) -> bool:
        """Whether a gold and a produced single-valued actor name the same thing."""
        return self.gold(g) == self.produced(p)

    def overlap(self, g: object, p: object) -> bool:
        """Whether list-valued actors intersect (two empty values agree)."""
        gs = {self.gold(x) for x in _as_list(g)}
        ps = {self.produced(x) for x in _as_list(p)}
        return bool(gs & ps) if gs or ps else True


def _names_in(entity: dict, field_: str) -> list[str]:
    value = entity.get(field_)
    values = value if isinstance(value, list) else [value]
    return [n for n in (normalise(v) for v in values if v) if n]


def _as_list(value: object) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _modality(record: dict) -> str:
    return code_key(record.get("modality") or "asserted")


def _date_ok(g: dict, p: dict) -> bool:
    return g.get("date") is None or str(g["date"]) == str(p.get("date"))


def _figure(value: object) -> object:
    try:
        return int(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return normalise(value)


_Predicate = Callable[[_Names, dict, dict], bool]

def _speaker(n: _Names, g: dict, p: dict, key: str) -> bool:
    """The actor of a statement agrees, where a speaker and the body they speak for are interchangeable.

    Gold may name the organisation with ``stated_by`` its official, or the official alone; the
    builder names the organisation and records the official in ``stated_by``. Either side's
    ``stated_by`` may stand for its actor.
    """
    gold = [v for v in (g.get(key), g.get("stated_by")) if v]
    produced = [v for v in (p.get(key), p.get("stated_by")) if v]
    return any(n.overlap(a, b) for a in gold for b in produced) if gold and produced else n.overlap(g.get(key), p.get(key))


_PREDICATES: dict[str, _Predicate] = {
    "posts": lambda n, g, p: n.same(g.get("person"), p.get("person"))
    and n.same(g.get("organization"), p.get("organization")),
    "treaty_actions": lambda n, g, p: n.same(g.get("party"), p.get("party"))
    and code_key(g.get("action")) == code_key(p.get("action"))
    and n.same(g.get("treaty"), p.get("treaty"))
    and _modality(g) == _modality(p)
    and _date_ok(g, p),
    "events": lambda n, g, p: code_key(g.get("type")) == code_key(p.get("type"))
    and _modality(g) == _modality(p)
    and _date_ok(g, p),
    "commitments": lambda n, g, p: _speaker(n, g, p, "committer")
    and _modality(g) == _modality(p)
    and (not n.is_actor(g.get("beneficiary")) or n.same(g.get("beneficiary"), p.get("beneficiary"))),
    "appeals": lambda n, g, p: _speaker(n, g, p, "caller")
    and lemma(g.get("action")) == lemma(p.get("action"))
    and n.same(g.get("object"), p.get("object")),
    "stances": lambda n, g, p: _speaker(n, g, p, "actor")
    and n.same(g.get("target"), p.get("target"))
    and code_key(g.get("stance")) == code_key(p.get("stance")),
    "claims": lambda n, g, p: _figure(g.get("figure")) == _figure(p.get("figure"))
    and code_key(g.get("claim_type")) == code_key(p.get("claim_type")),
}
