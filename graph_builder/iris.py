"""Identity: the one module that turns keys and texts into cdkg IRIs (DESIGN §3, STYLE §8).

In: a name, a key or the parts of a fact's defining key. Out: a ``str`` IRI under ``id/``, a
slug, or a 16-hex-digit hash. The same input always gives the same output, so builds diff cleanly;
nothing here mints blank nodes or depends on time, order of calls or the machine.

>>> entity_iri("person", slug("Nguyễn Văn Ả"))
'https://w3id.org/cdkg/id/person/nguyen-van-a'
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

from graph_builder.namespaces import ID

# Latin letters that Unicode decomposition does not reduce to ASCII (no names, only letters).
_UNDECOMPOSABLE = str.maketrans(
    {
        "đ": "d", "Đ": "D", "ð": "d", "Ð": "D", "ø": "o", "Ø": "O", "ł": "l", "Ł": "L",
        "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ı": "i", "þ": "th", "Þ": "Th",
        "ħ": "h", "Ħ": "H", "ŧ": "t", "Ŧ": "T",
        "’": "'", "‘": "'", "ʼ": "'", "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-",
    }
)
_NON_SLUG = re.compile(r"[^a-z0-9]+")
_KEY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
_SEP = "\x1f"


def ascii_fold(text: str) -> str:
    """``text`` without diacritics: NFKD, combining marks dropped, a few letters transliterated.

    >>> ascii_fold("Công ước — Đảng, Øre, Straße")
    'Cong uoc - Dang, Ore, Strasse'
    """
    decomposed = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSABLE))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str) -> str:
    """A key for ``text``: ASCII-folded, lower-case, runs of other characters turned into one hyphen.

    >>> slug("Trần Thị Ánh")
    'tran-thi-anh'
    >>> slug("  Jean-Noël  d'Œuvre ")
    'jean-noel-d-oeuvre'
    """
    return _NON_SLUG.sub("-", ascii_fold(text).lower()).strip("-")


def key_hash(*parts: object) -> str:
    """The first 16 hex digits of the SHA-256 of ``parts`` (``str()`` each, ``None`` as '') joined by U+001F.

    >>> key_hash("a", "b")
    'f04cdced9736a69d'
    >>> key_hash("a", "b") == key_hash("a\\x1fb") != key_hash("ab")
    True
    """
    text = _SEP.join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def entity_iri(kind: str, key: str) -> str:
    """The IRI ``id/{kind}/{key}`` of an actor, treaty or process (keys must be IRI-safe).

    >>> entity_iri("state", "VNM")
    'https://w3id.org/cdkg/id/state/VNM'
    >>> entity_iri("org", "un body")
    Traceback (most recent call last):
    ...
    ValueError: not an IRI-safe key: 'un body'
    """
    if not _KEY.match(kind) or not _KEY.match(key):
        raise ValueError(f"not an IRI-safe key: {key if _KEY.match(kind) else kind!r}")
    return f"{ID}{kind}/{key}"


def fact_iri(kind: str, *parts: object) -> str:
    """The IRI ``id/{kind}/{key_hash(parts)}`` of a fact, post, interval or other hashed node.

    >>> fact_iri("tenure", "https://w3id.org/cdkg/id/person/x", "general-secretary")
    'https://w3id.org/cdkg/id/tenure/...'
    >>> len(fact_iri("post", "x").rsplit("/", 1)[1])
    16
    """
    if not _KEY.match(kind):
        raise ValueError(f"not an IRI-safe kind: {kind!r}")
    return f"{ID}{kind}/{key_hash(*parts)}"


def doc_key(text: str) -> str:
    """A document's key: the first 16 hex digits of the SHA-256 of its NFC-normalised text (UTF-8).

    >>> doc_key("Cafe\\u0301") == doc_key("Café")
    True
    >>> len(doc_key(""))
    16
    """
    return hashlib.sha256(unicodedata.normalize("NFC", text).encode("utf-8")).hexdigest()[:16]
