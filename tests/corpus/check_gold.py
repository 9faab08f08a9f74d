"""Check the gold annotations of the evaluation corpus.

In:  ``tests/corpus/gold/*.json`` and the matching ``tests/corpus/documents/*.txt``.
Out: a list of problems per file (printed); exit status 1 if there is any.

What is checked (the conventions of ``tests/corpus/README.md``):

* every gold file is valid JSON with the required keys, ``id`` equals the file name, and a document
  with the same name exists whose front matter agrees on ``language`` and ``published``;
* entities have a known ``type``, States have an ``iso3``, labels are unique, and every alias (and
  at least one surface form of each entity) occurs in the document text;
* every actor named in a fact is an entity label of the same record or the ISO3 code of a State
  entity of the same record (generic groups such as "states" or "Pacific island countries" are
  allowed where the contract allows them: addressees and beneficiaries);
* treaties and objects name Treaty/Process entities; action, type, stance, claim type and
  modality values come from the closed lists; dates are ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``
  within 2024-2026.

Run ``python tests/corpus/check_gold.py`` (optionally with a corpus folder). ``check_record`` is
importable so that a test can parametrise over the files.
"""
from __future__ import annotations

import json
import re
import sys
import unicodedata
from pathlib import Path

CORPUS = Path(__file__).resolve().parent

REQUIRED_KEYS = ("id", "language", "published", "entities", "posts", "treaty_actions", "events",
                 "commitments", "appeals", "stances", "claims")
LANGUAGES = {"en", "nl", "fr", "de", "es"}
ENTITY_TYPES = {"State", "InternationalOrganization", "GovernmentBody", "NGO", "Company", "Person",
                "Treaty", "Process"}
ACTOR_TYPES = ENTITY_TYPES - {"Treaty", "Process"}
TREATY_ACTIONS = {"signature", "ratification", "acceptance", "approval", "accession", "succession",
                  "entry-into-force", "withdrawal", "reservation"}
EVENT_TYPES = {"SigningCeremony", "Conference", "Meeting", "Reception", "Visit", "Dialogue", "Session",
               "Summit"}
STANCES = {"support", "oppose", "concern"}
CLAIM_TYPES = {"signatory-count", "ratification-count", "participant-count"}
MODALITIES = {"asserted", "future", "hypothetical", "negated"}
DATE_RE = re.compile(r"^(\d{4})(-(0[1-9]|1[0-2]))?(-(0[1-9]|[12]\d|3[01]))?$")
YEARS = range(2024, 2027)


def _norm(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def read_document(path: Path) -> tuple[dict[str, str], str]:
    """Split a corpus document into its front matter (flat key: value) and its body."""
    raw = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
    if not raw.startswith("---\n"):
        return {}, raw
    head, _, body = raw[4:].partition("\n---\n")
    meta = {}
    for line in head.splitlines():
        key, _, value = line.partition(":")
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] == '"':
            value = json.loads(value)
        meta[key.strip()] = value
    return meta, body


def _is_generic(value: str) -> bool:
    """A generic group ("states", "Pacific island countries"): its last word is lower-case."""
    words = value.split()
    return bool(words) and words[-1][:1].islower()


def check_record(record: dict, text: str, meta: dict[str, str] | None = None, stem: str | None = None) -> list[str]:
    """Return the problems of one gold record against its document text (empty list: all good)."""
    problems: list[str] = []
    err = problems.append

    for key in REQUIRED_KEYS:
        if key not in record:
            err(f"missing key {key!r}")
    if problems:
        return problems
    if stem is not None and record["id"] != stem:
        err(f"id {record['id']!r} differs from file name {stem!r}")
    if record["language"] not in LANGUAGES:
        err(f"unknown language {record['language']!r}")
    _check_date(record["published"], "published", err, allow_partial=False)
    if meta is not None:
        for key in ("language", "published"):
            if meta.get(key) != record[key]:
                err(f"{key} {record[key]!r} differs from the document front matter {meta.get(key)!r}")

    # ---- entities
    by_label: dict[str, dict] = {}
    states: set[str] = set()
    low_text = _norm(text)
    for ent in record["entities"]:
        label = ent.get("label")
        if not label:
            err(f"entity without label: {ent}")
            continue
        if label in by_label:
            err(f"duplicate entity label {label!r}")
        by_label[label] = ent
        if ent.get("type") not in ENTITY_TYPES:
            err(f"entity {label!r}: unknown type {ent.get('type')!r}")
        if ent.get("type") == "State":
            iso3 = ent.get("iso3", "")
            if not re.fullmatch(r"[A-Z]{3}", iso3):
                err(f"state {label!r}: bad or missing iso3 {iso3!r}")
            states.add(iso3)
        elif "iso3" in ent:
            err(f"entity {label!r}: iso3 on a non-State")
        aliases = ent.get("aliases", [])
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases):
            err(f"entity {label!r}: aliases must be a list of strings")
            aliases = []
        if label in aliases:
            err(f"entity {label!r}: label repeated among aliases")
        for alias in aliases:
            if _norm(alias) not in low_text:
                err(f"entity {label!r}: alias {alias!r} does not occur in the text")
        if not any(_norm(form) in low_text for form in [label, *aliases]):
            err(f"entity {label!r}: neither the label nor an alias occurs in the text")

    def kind(name):
        if name in by_label:
            return by_label[name]["type"]
        if name in states:
            return "State"
        return None

    def actor(value, where, *, nullable=False, generic=False, listable=False, types=ACTOR_TYPES):
        if value is None:
            if not nullable:
                err(f"{where}: must not be null")
            return
        if isinstance(value, list):
            if not listable or not value:
                err(f"{where}: a list is not allowed here ({value!r})")
                return
            for item in value:
                actor(item, where, generic=generic, types=types)
            return
        if not isinstance(value, str) or not value:
            err(f"{where}: bad value {value!r}")
            return
        k = kind(value)
        if k is None:
            if not (generic and _is_generic(value)):
                err(f"{where}: {value!r} is neither an entity label nor a State's ISO3 in this record")
        elif k not in types:
            err(f"{where}: {value!r} is a {k}, expected one of {sorted(types)}")

    def treaty(value, where, *, nullable=False, types=("Treaty",)):
        if value is None:
            if not nullable:
                err(f"{where}: must not be null")
            return
        if kind(value) not in types:
            err(f"{where}: {value!r} is not a {'/'.join(types)} entity of this record")

    def common(fact, where):
        modality = fact.get("modality", "asserted")
        if modality not in MODALITIES:
            err(f"{where}: unknown modality {modality!r}")
        if "stated_by" in fact:
            actor(fact["stated_by"], f"{where}.stated_by")

    # ---- facts
    for i, post in enumerate(record["posts"]):
        w = f"posts[{i}]"
        actor(post.get("person"), f"{w}.person", types={"Person"})
        actor(post.get("organization"), f"{w}.organization", types=ACTOR_TYPES - {"Person"})
        if not post.get("role"):
            err(f"{w}: missing role")

    for i, ta in enumerate(record["treaty_actions"]):
        w = f"treaty_actions[{i}]"
        action = ta.get("action")
        if action not in TREATY_ACTIONS:
            err(f"{w}: unknown action {action!r}")
        actor(ta.get("party"), f"{w}.party", nullable=action == "entry-into-force", types=ACTOR_TYPES - {"Person"})
        treaty(ta.get("treaty"), f"{w}.treaty")
        if "date" not in ta or "by" not in ta:
            err(f"{w}: 'date' and 'by' must be present (null allowed)")
        _check_date(ta.get("date"), f"{w}.date", err)
        actor(ta.get("by"), f"{w}.by", nullable=True, types={"Person"})
        common(ta, w)

    for i, ev in enumerate(record["events"]):
        w = f"events[{i}]"
        if ev.get("type") not in EVENT_TYPES:
            err(f"{w}: unknown type {ev.get('type')!r}")
        if not ev.get("label"):
            err(f"{w}: missing label")
        for key in ("date", "place", "host", "participants"):
            if key not in ev:
                err(f"{w}: missing key {key!r}")
        _check_date(ev.get("date"), f"{w}.date", err)
        actor(ev.get("host"), f"{w}.host", nullable=True, listable=True)
        if not isinstance(ev.get("participants", []), list):
            err(f"{w}.participants must be a list")
        else:
            for p in ev.get("participants", []):
                actor(p, f"{w}.participants")
        common(ev, w)

    for i, c in enumerate(record["commitments"]):
        w = f"commitments[{i}]"
        actor(c.get("committer"), f"{w}.committer", listable=True)
        actor(c.get("beneficiary"), f"{w}.beneficiary", nullable=True, generic=True)
        treaty(c.get("object"), f"{w}.object", nullable=True, types=("Treaty", "Process"))
        if not c.get("action"):
            err(f"{w}: missing action")
        common(c, w)

    for i, a in enumerate(record["appeals"]):
        w = f"appeals[{i}]"
        actor(a.get("caller"), f"{w}.caller", listable=True)
        actor(a.get("addressee"), f"{w}.addressee", generic=True)
        if not re.fullmatch(r"[a-z]+", a.get("action") or ""):
            err(f"{w}: action must be one lower-case English verb, got {a.get('action')!r}")
        treaty(a.get("object"), f"{w}.object", nullable=True, types=("Treaty", "Process"))
        common(a, w)

    for i, s in enumerate(record["stances"]):
        w = f"stances[{i}]"
        actor(s.get("actor"), f"{w}.actor")
        actor(s.get("target"), f"{w}.target", types=ENTITY_TYPES)
        if s.get("stance") not in STANCES:
            err(f"{w}: unknown stance {s.get('stance')!r}")
        common(s, w)

    for i, c in enumerate(record["claims"]):
        w = f"claims[{i}]"
        actor(c.get("claimant"), f"{w}.claimant", nullable=True)
        if not isinstance(c.get("figure"), int) or isinstance(c.get("figure"), bool):
            err(f"{w}: figure must be an integer")
        if c.get("claim_type") not in CLAIM_TYPES:
            err(f"{w}: unknown claim_type {c.get('claim_type')!r}")
        treaty(c.get("about"), f"{w}.about", nullable=True)

    return problems


def _check_date(value, where, err, *, allow_partial=True):
    if value is None:
        return
    m = DATE_RE.match(value) if isinstance(value, str) else None
    if not m or (not allow_partial and not m.group(4)):
        err(f"{where}: bad date {value!r}")
    elif int(m.group(1)) not in YEARS:
        err(f"{where}: date {value!r} outside 2024-2026")


def check_corpus(root: Path = CORPUS) -> dict[str, list[str]]:
    """Check every gold file under ``root/gold``; return the problems by file name."""
    results: dict[str, list[str]] = {}
    gold_files = sorted((root / "gold").glob("*.json"))
    docs = {p.stem for p in (root / "documents").glob("*.txt")}
    for path in gold_files:
        try:
            record = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            results[path.name] = [f"invalid JSON: {exc}"]
            continue
        doc = root / "documents" / f"{path.stem}.txt"
        if not doc.exists():
            results[path.name] = ["no matching document"]
            continue
        meta, body = read_document(doc)
        results[path.name] = check_record(record, body, meta, path.stem)
    for stem in sorted(docs - {p.stem for p in gold_files}):
        results[f"{stem}.json"] = ["document without gold file"]
    return results


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else CORPUS
    results = check_corpus(root)
    bad = 0
    for name, problems in results.items():
        for problem in problems:
            print(f"{name}: {problem}")
        bad += bool(problems)
    print(f"{len(results)} gold files checked, {bad} with problems")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
