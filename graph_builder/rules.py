"""Rule packs: one YAML file per language under ``graph_builder/rules/``, loaded and validated here.

A rule pack is data (STYLE §6): the cue phrases of each fact kind, the words that mark negation,
future and hypothesis, honorifics, anaphora, generic groups, credit lines and date prepositions.
``graph_builder/rules/README.md`` documents the format. Adding a language = adding a file.

Cue phrases are written as words; each word matches any token with the same lemma (see
``nlp.norms``). ``...`` is a gap of up to eight tokens; ``*x`` matches a token ending in ``x`` (compounds
such as ``VN-conferentie``), ``x*`` a token starting with ``x``.

>>> pack = load_pack("nl")
>>> pack.name
'rules.nl.v1'
>>> any(c.action == "signature" for c in pack.cues["treaty_action"])
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from .errors import CdkgError

RULES_DIR = Path(__file__).parent / "rules"
KINDS = ("treaty_action", "event", "commitment", "appeal", "stance", "claim")
TREATY_ACTIONS = frozenset(
    "signature ratification acceptance approval accession succession entry-into-force withdrawal reservation".split()
)
EVENT_TYPES = frozenset("signing-ceremony conference meeting reception visit dialogue session summit".split())
STANCES = frozenset(("support", "oppose", "concern"))
CLAIM_TYPES = frozenset(("signatory-count", "ratification-count", "participant-count"))
TOP_KEYS = frozenset(
    """language version description credits honorifics name_particles anaphora groups modality
    future_suffixes org_types treaty_heads cues requested_actions count_nouns date_prepositions
    host_cues participant_cues clause_breaks coordinators relative_days determiners connectors title_prepositions infinitive_markers government_nouns relative_years title_suffixes post_prepositions both_words attribution_markers inflection_endings pledges pro_verbs prepositions
    behalf_markers inclusion_markers undecided_markers pending_markers likewise_markers possessives""".split()
)
CUE_KEYS = frozenset(("cue", "action", "type", "stance", "claim_type", "party", "host", "confidence"))
GAP = "..."
PLEDGE_REACH = 12  # words between a pledge's auxiliary and its verb


class RulePackError(CdkgError):
    """A rule-pack file is malformed; the message names the file and the entry."""


@dataclass(frozen=True, slots=True)
class Cue:
    """One cue phrase of a fact kind, compiled to spaCy Matcher token patterns."""

    kind: str
    phrase: str
    pattern: tuple[dict, ...]
    action: str | None = None  # treaty-action code
    type: str | None = None  # event-type code
    stance: str | None = None
    claim_type: str | None = None
    party: str = "before"  # where the acting party stands: before the cue, or after it (passives)
    host: bool = False  # an event cue whose subject is the host
    confidence: float = 0.8
    auxiliaries: tuple[tuple[str, ...], ...] = ()  # a pledge verb (``pledges``) needs one of these before it


@dataclass(frozen=True, slots=True)
class RulePack:
    """A language's rules; ``words`` sets hold lemma norms (see ``nlp.norms``)."""

    language: str
    version: int
    path: Path
    cues: dict[str, tuple[Cue, ...]]
    credits: tuple[re.Pattern, ...]
    honorifics: frozenset[str]
    name_particles: frozenset[str]
    anaphora: dict[str, frozenset[str]]
    groups: dict[str, tuple[tuple[str, ...], ...]]
    modality: dict[str, tuple[tuple[str, ...], ...]]
    future_suffixes: tuple[str, ...]
    org_types: dict[str, frozenset[str]]
    treaty_heads: frozenset[str]
    requested_actions: dict[str, str]
    count_nouns: frozenset[str]
    date_prepositions: frozenset[str]
    host_cues: tuple[tuple[str, ...], ...]
    coordinators: frozenset[str] = field(default_factory=frozenset)
    relative_days: dict[str, int] = field(default_factory=dict)
    determiners: frozenset[str] = field(default_factory=frozenset)
    connectors: frozenset[str] = field(default_factory=frozenset)
    title_prepositions: frozenset[str] = field(default_factory=frozenset)
    infinitive_markers: frozenset[str] = field(default_factory=frozenset)
    government_nouns: frozenset[str] = field(default_factory=frozenset)
    relative_years: dict[str, int] = field(default_factory=dict)
    title_suffixes: dict[str, str] = field(default_factory=dict)
    post_prepositions: frozenset[str] = field(default_factory=frozenset)
    both_words: tuple[str, ...] = ()
    attribution_markers: tuple[str, ...] = ()
    clause_breaks: frozenset[str] = field(default_factory=frozenset)
    inflection_endings: tuple[str, ...] = ()
    pro_verbs: frozenset[str] = field(default_factory=frozenset)
    prepositions: frozenset[str] = field(default_factory=frozenset)
    behalf_markers: tuple[tuple[str, ...], ...] = ()  # "on behalf of": the actor after acts through the subject
    inclusion_markers: tuple[tuple[str, ...], ...] = ()  # "including", "onder meer": an enumeration goes on
    undecided_markers: tuple[tuple[str, ...], ...] = ()  # "whether": an action not decided is no fact
    pending_markers: tuple[tuple[str, ...], ...] = ()  # "not yet": a negated action still open, undated
    likewise_markers: tuple[tuple[str, ...], ...] = ()  # "nor did", "pas plus que": the state after shares the action
    possessives: frozenset[str] = field(default_factory=frozenset)  # "su ratificación": the actor named last acted

    @property
    def name(self) -> str:
        """The pack's registered name, e.g. ``rules.nl.v1``."""
        return f"rules.{self.language}.v{self.version}"


def available_languages() -> tuple[str, ...]:
    """The languages that have a rule pack, sorted."""
    return tuple(sorted(p.stem for p in RULES_DIR.glob("*.yaml")))


@lru_cache(maxsize=None)
def load_pack(language: str) -> RulePack:
    """Load and validate the rule pack for ``language`` (falls back to English if there is none)."""
    code = language.split("-")[0].lower()
    path = RULES_DIR / f"{code}.yaml"
    if not path.exists():
        path = RULES_DIR / "en.yaml"
    return parse_pack(path)


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's, when PyYAML has it: ~10× faster


def read_pack_data(path: Path) -> dict:
    """A rule-pack file's YAML mapping as written, without compiling it (no spaCy needed): for
    readers of plain word lists such as ``duplicates.pack_words``."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)
    except (OSError, yaml.YAMLError) as error:
        raise RulePackError(f"{path}: cannot read rule pack ({str(error).splitlines()[0]})") from error
    if not isinstance(data, dict):
        raise RulePackError(f"{path}: a rule pack is a mapping")
    return data


def parse_pack(path: Path) -> RulePack:
    """Parse one rule-pack file, raising ``RulePackError`` naming the file and entry on any problem."""
    from .nlp import norms

    data = read_pack_data(path)
    unknown = set(data) - TOP_KEYS
    if unknown:
        raise RulePackError(f"{path}: unknown key(s) {', '.join(sorted(unknown))}")
    lang = data.get("language")
    if lang != path.stem:
        raise RulePackError(f"{path}: 'language' must be {path.stem!r}, got {lang!r}")

    def phrases(key: str, where: dict | None = None) -> tuple[tuple[str, ...], ...]:
        values = (where if where is not None else data).get(key) or []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise RulePackError(f"{path}: {key!r} must be a list of strings")
        return tuple(norms(v, lang) for v in values)

    def plain(key: str) -> frozenset[str]:
        values = data.get(key) or []
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise RulePackError(f"{path}: {key!r} must be a list of strings (quote YAML words like 'on', 'no', 'yes')")
        return frozenset(v.lower() for v in values)

    def words(key: str, where: dict | None = None) -> frozenset[str]:
        return frozenset(" ".join(p) for p in phrases(key, where))

    cues: dict[str, tuple[Cue, ...]] = {}
    for kind, entries in (data.get("cues") or {}).items():
        if kind not in KINDS:
            raise RulePackError(f"{path}: unknown cue kind {kind!r}; expected one of {', '.join(KINDS)}")
        cues[kind] = tuple(_cue(path, lang, kind, entry, norms) for entry in entries or [])
    for kind in KINDS:
        cues.setdefault(kind, ())
    cues["commitment"] += _pledge_cues(path, lang, data.get("pledges"), tuple(data.get("future_suffixes") or ()), norms)

    credits = []
    for pattern in data.get("credits") or []:
        try:
            credits.append(re.compile(pattern, re.MULTILINE))
        except re.error as error:
            raise RulePackError(f"{path}: credit pattern {pattern!r} is not a regular expression ({error})") from error

    modality = data.get("modality") or {}
    if set(modality) - {"negated", "future", "hypothetical", "reported"}:
        raise RulePackError(f"{path}: modality keys are negated, future, hypothetical, reported")
    requested = {}
    for word, action in (data.get("requested_actions") or {}).items():
        requested[" ".join(norms(str(word), lang))] = str(action)
    org_types = {t: words(t, data.get("org_types") or {}) for t in (data.get("org_types") or {})}
    anaphora = {k: words(k, data.get("anaphora") or {}) for k in (data.get("anaphora") or {})}
    groups = {g: phrases(g, data.get("groups") or {}) for g in (data.get("groups") or {})}
    return RulePack(
        language=lang,
        version=int(data.get("version", 1)),
        path=path,
        cues=cues,
        credits=tuple(credits),
        honorifics=words("honorifics") | frozenset(w.lower() for w in data.get("honorifics") or []),
        name_particles=plain("name_particles"),
        anaphora=anaphora,
        groups=groups,
        modality={k: phrases(k, modality) for k in modality},
        future_suffixes=tuple(data.get("future_suffixes") or ()),
        org_types=org_types,
        treaty_heads=words("treaty_heads"),
        requested_actions=requested,
        count_nouns=words("count_nouns"),
        date_prepositions=plain("date_prepositions"),
        host_cues=phrases("host_cues"),
        coordinators=plain("coordinators"),
        relative_days={str(k).lower(): int(v) for k, v in (data.get("relative_days") or {}).items()},
        determiners=plain("determiners"),
        connectors=plain("connectors"),
        title_prepositions=plain("title_prepositions"),
        infinitive_markers=plain("infinitive_markers"),
        government_nouns=plain("government_nouns"),
        relative_years={str(k).lower(): int(v) for k, v in (data.get("relative_years") or {}).items()},
        title_suffixes={str(k).lower(): str(v) for k, v in (data.get("title_suffixes") or {}).items()},
        post_prepositions=plain("post_prepositions"),
        both_words=tuple(sorted(plain("both_words"), key=len, reverse=True)),
        attribution_markers=tuple(sorted(plain("attribution_markers"), key=len, reverse=True)),
        clause_breaks=plain("clause_breaks"),
        inflection_endings=tuple(sorted(plain("inflection_endings"), key=len, reverse=True)),
        pro_verbs=words("pro_verbs"),
        prepositions=plain("prepositions"),
        behalf_markers=_lowered(data, "behalf_markers", path),
        inclusion_markers=_lowered(data, "inclusion_markers", path),
        undecided_markers=_lowered(data, "undecided_markers", path),
        pending_markers=_lowered(data, "pending_markers", path),
        likewise_markers=_lowered(data, "likewise_markers", path),
        possessives=plain("possessives"),
    )


def _lowered(data: dict, key: str, path: Path) -> tuple[tuple[str, ...], ...]:
    """A list of phrases matched by written form, each as a tuple of lower-cased words, longest first."""
    values = data.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise RulePackError(f"{path}: {key!r} must be a list of strings")
    return tuple(sorted((tuple(v.lower().split()) for v in values), key=len, reverse=True))


def _pledge_cues(path: Path, lang: str, pledges: object, suffixes: tuple[str, ...], norms) -> tuple[Cue, ...]:
    """Commitment cues from a pack's ``pledges``: an actor saying it will do something that helps,
    gives or builds ("Estonia will open a training centre", "Nederland zal … bijdragen", "l'UE
    aidera …") pledges it. Each verb is a cue when one of the auxiliaries stands up to
    ``PLEDGE_REACH`` words before it in its clause ("werde noch in diesem Jahr ein … Zentrum …
    eröffnen"; the pairing is done by ``clauses.cue_hits``, which is linear, where a Matcher pattern
    per auxiliary and verb with a twelve-word gap was half of all extraction time), and, in
    languages with a future tense, when it is written in that tense (a ``future_suffixes`` ending)."""
    if pledges is None:
        return ()
    if not isinstance(pledges, dict) or set(pledges) - {"auxiliaries", "verbs", "confidence"}:
        raise RulePackError(f"{path}: pledges needs the keys auxiliaries and verbs (and optionally confidence)")
    confidence = float(pledges.get("confidence", 0.7))
    auxiliaries = tuple(tuple(w.lower() for w in str(aux).split()) for aux in pledges.get("auxiliaries") or [])
    cues: list[Cue] = []
    for verb in pledges.get("verbs") or []:
        lemma = norms(str(verb), lang) or (str(verb).lower(),)
        if len(lemma) != 1:
            raise RulePackError(f"{path}: pledge verb {verb!r} must be one word")
        if auxiliaries:
            cues.append(Cue(kind="commitment", phrase=f"(auxiliary) ... {verb}", pattern=({"NORM": lemma[0]},),
                            confidence=confidence, auxiliaries=auxiliaries))
        if suffixes:
            ending = "(" + "|".join(re.escape(x) for x in suffixes) + ")$"
            pattern = ({"NORM": lemma[0], "LOWER": {"REGEX": ending}},)
            cues.append(Cue(kind="commitment", phrase=f"{verb} (future)", pattern=pattern, confidence=confidence))
    return tuple(cues)


def _cue(path: Path, lang: str, kind: str, entry: object, norms) -> Cue:
    if isinstance(entry, str):
        entry = {"cue": entry}
    if not isinstance(entry, dict) or not isinstance(entry.get("cue"), str):
        raise RulePackError(f"{path}: {kind} cue {entry!r} needs a 'cue' phrase")
    unknown = set(entry) - CUE_KEYS
    if unknown:
        raise RulePackError(f"{path}: {kind} cue {entry['cue']!r} has unknown key(s) {', '.join(sorted(unknown))}")
    checks = {
        "treaty_action": ("action", TREATY_ACTIONS),
        "event": ("type", EVENT_TYPES),
        "stance": ("stance", STANCES),
        "claim": ("claim_type", CLAIM_TYPES),
    }
    if kind in checks:
        key, allowed = checks[kind]
        if entry.get(key) not in allowed:
            raise RulePackError(
                f"{path}: {kind} cue {entry['cue']!r} needs {key} in {', '.join(sorted(allowed))}, got {entry.get(key)!r}"
            )
    if entry.get("party", "before") not in ("before", "after"):
        raise RulePackError(f"{path}: cue {entry['cue']!r}: party must be 'before' or 'after'")
    pattern: list[dict] = []
    for word in entry["cue"].split():
        if word == GAP:
            pattern.append({"IS_SENT_START": False, "OP": "{0,8}"})
        elif word.startswith("*"):
            pattern.append({"LOWER": {"REGEX": re.escape(word[1:].lower()) + "$"}})
        elif word.endswith("*") and len(word) > 1:
            pattern.append({"LOWER": {"REGEX": "^" + re.escape(word[:-1].lower())}})
        else:
            pattern.extend({"NORM": n} for n in (norms(word, lang) or (word.lower(),)))
    if pattern[0].get("OP") or pattern[-1].get("OP"):
        raise RulePackError(f"{path}: cue {entry['cue']!r} cannot start or end with '...'")
    return Cue(
        kind=kind,
        phrase=entry["cue"],
        pattern=tuple(pattern),
        action=entry.get("action"),
        type=entry.get("type"),
        stance=entry.get("stance"),
        claim_type=entry.get("claim_type"),
        party=entry.get("party", "before"),
        host=bool(entry.get("host", False)),
        confidence=float(entry.get("confidence", 0.8)),
    )
