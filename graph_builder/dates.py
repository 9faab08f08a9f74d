"""Dates: find date expressions in text and resolve them against the document's publication date.

In: normalised text, its language, its publication date (or None). Out: ``FoundDate`` records with
an ISO value — ``YYYY-MM-DD`` (xsd:date), ``YYYY-MM`` (xsd:gYearMonth) or ``YYYY`` (xsd:gYear).
Month names come from CLDR through Babel, so every language Babel knows is covered without a list
in code. A day and month without a year take the year that puts the date closest to the
publication date ("25 oktober" in a document of 2025-10-25 is 2025-10-25); with no publication
date they stay partial (``--10-25`` is not a valid xsd type, so the month alone is kept: ``None``).

>>> [d.value for d in find_dates("Op 25 oktober tekende Frankrijk.", "nl", dt.date(2025, 10, 26))]
['2025-10-25']
>>> [d.value for d in find_dates("Signed on March 3, 2024 and ratified in June 2025.", "en", None)]
['2024-03-03', '2025-06']
>>> [d.value for d in find_dates("Le 1er novembre 2025", "fr", None)]
['2025-11-01']
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

from babel.dates import get_day_names, get_month_names
from babel.core import UnknownLocaleError


@dataclass(frozen=True, slots=True)
class FoundDate:
    """A date expression at [start, end) of the text and its ISO value."""

    start: int
    end: int
    text: str
    value: str


@lru_cache(maxsize=None)
def _month_table(language: str) -> dict[str, int]:
    table: dict[str, int] = {}
    for locale in dict.fromkeys((language, "en")):
        try:
            for width in ("wide", "abbreviated"):
                for context in ("format", "stand-alone"):
                    for number, name in get_month_names(width, context, locale=locale).items():
                        name = name.lower().rstrip(".")
                        if len(name) >= 3:
                            table.setdefault(name, number)
        except (UnknownLocaleError, ValueError):
            continue
    return table


@lru_cache(maxsize=None)
def _patterns(language: str) -> tuple[re.Pattern, ...]:
    months = "|".join(sorted((re.escape(m) for m in _month_table(language)), key=len, reverse=True))
    day = r"(?P<day>[0-3]?\d)(?:er|e|st|nd|rd|th|º|\.)?"
    year = r"(?P<year>(?:19|20)\d\d)"
    month = rf"(?P<month>{months})\.?"
    connector = r"(?:\s+(?:de|del|of)\s+|\s+)"
    ordinal = r"(?:er|e|st|nd|rd|th|º|\.)?"
    to = r"(?:-|–|—|/|and|&|to|until|bis|und|au|et|y|al|a|en|tot|t/m|tot en met)"
    separator = r"[./]" if language != "en" else r"\."  # 06.03.2026; 06/03/2026 outside English
    return (
        re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)\b"),
        re.compile(rf"\b(?P<day>[0-3]?\d){separator}(?P<mnum>[01]?\d){separator}(?P<year>(?:19|20)\d\d)\b"),
        # a range is dated by its first day: "17 and 18 March", "del 3 al 5 de junio", "14-18 October"
        re.compile(rf"\b{day}\s*{to}\s*(?:el\s+|le\s+|den\s+)?[0-3]?\d{ordinal}{connector}{month}(?:,?{connector}{year})?\b", re.IGNORECASE),
        re.compile(rf"\b{day}{connector}{month}(?:,?{connector}{year})?\b", re.IGNORECASE),
        re.compile(rf"\b{month}\s+{day}(?:,?\s+{year})?\b", re.IGNORECASE),
        re.compile(rf"\b{month}{connector}{year}\b", re.IGNORECASE),
    )


@lru_cache(maxsize=None)
def _weekday_table(language: str) -> dict[str, int]:
    table: dict[str, int] = {}
    for locale in dict.fromkeys((language, "en")):
        try:
            for width in ("wide",):
                for number, name in get_day_names(width, "format", locale=locale).items():
                    table.setdefault(name.lower(), number)  # Monday = 0
        except (UnknownLocaleError, ValueError):
            continue
    return table


def find_dates(
    text: str,
    language: str,
    published: dt.date | None,
    *,
    relative_days: dict[str, int] | None = None,
    year_prepositions: frozenset[str] = frozenset(),
    relative_years: dict[str, int] | None = None,
) -> list[FoundDate]:
    """Every resolvable date expression in ``text``, left to right, without overlaps.

    With a publication date, weekday names ("on Wednesday") resolve to the latest such day on or
    before it, and the rule pack's ``relative_days`` ("yesterday": -1) to that many days from it.
    A year after one of ``year_prepositions`` ("in 2026") is a ``gYear``.
    """
    table = _month_table(language)
    found: list[FoundDate] = []
    taken: list[tuple[int, int]] = []
    if published is not None:
        for phrase, offset in sorted((relative_years or {}).items(), key=lambda kv: -len(kv[0])):
            for match in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", text, re.IGNORECASE):
                if not any(s < match.end() and match.start() < e for s, e in taken):
                    taken.append(match.span())
                    found.append(FoundDate(match.start(), match.end(), match.group(0), str(published.year + offset)))
    for start, end, value in _relative(text, language, published, relative_days or {}, year_prepositions):
        if any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        found.append(FoundDate(start, end, text[start:end], value))
    for pattern in _patterns(language):
        for match in pattern.finditer(text):
            start, end = match.span()
            if any(s < end and start < e for s, e in taken):
                continue
            value = _resolve(match.groupdict(), table, published)
            if value is None:
                continue
            taken.append((start, end))
            found.append(FoundDate(start, end, match.group(0), value))
    return sorted(found, key=lambda d: d.start)


def _relative(text, language, published, relative_days, year_prepositions):
    spans = []
    if published is not None:
        words = {**{w: ("weekday", n) for w, n in _weekday_table(language).items()}, **{w: ("offset", n) for w, n in relative_days.items()}}
        if words:
            alternation = "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))
            for match in re.finditer(rf"\b({alternation})\b", text, re.IGNORECASE):
                kind, n = words[match.group(1).lower()]
                if kind == "offset":
                    day = published + dt.timedelta(days=n)
                else:
                    day = published - dt.timedelta(days=(published.weekday() - n) % 7)
                spans.append((match.start(), match.end(), day.isoformat()))
    if year_prepositions:
        alternation = "|".join(sorted((re.escape(w) for w in year_prepositions), key=len, reverse=True))
        for match in re.finditer(rf"\b(?:{alternation})\s+((?:19|20)\d\d)\b(?![-/.]\d)", text, re.IGNORECASE):
            spans.append((match.start(1), match.end(1), match.group(1)))
        if published is not None:  # "in januari", "en novembre": a month of the publication year
            months = _month_table(language)
            names = "|".join(sorted((re.escape(m) for m in months if len(m) > 3), key=len, reverse=True))
            for match in re.finditer(rf"\b(?:{alternation})\s+({names})\b(?!\.?\s*(?:de\s+|del\s+|of\s+)?(?:\d|{names}))", text, re.IGNORECASE):
                spans.append((match.start(1), match.end(1), f"{published.year:04d}-{months[match.group(1).lower()]:02d}"))
    return spans


def _resolve(groups: dict, table: dict[str, int], published: dt.date | None) -> str | None:
    month = int(groups["mnum"]) if groups.get("mnum") else table.get((groups.get("month") or "").lower().rstrip("."))
    if not month or not 1 <= month <= 12:
        return None
    year = int(groups["year"]) if groups.get("year") else None
    day = int(groups["day"]) if groups.get("day") else None
    if day is None:
        return f"{year:04d}-{month:02d}" if year else None
    if year is None:
        if published is None:
            return None
        year = min(
            (published.year - 1, published.year, published.year + 1),
            key=lambda y: abs((_safe_date(y, month, day) or published) - published),
        )
    value = _safe_date(year, month, day)
    return value.isoformat() if value else None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def datatype_of(value: str) -> str:
    """The XSD datatype name of an ISO value: ``date``, ``gYearMonth`` or ``gYear``.

    >>> datatype_of("2025-10"), datatype_of("2025"), datatype_of("2025-10-25")
    ('gYearMonth', 'gYear', 'date')
    """
    return {10: "date", 7: "gYearMonth", 4: "gYear"}[len(value)]


def by_tense(value: str, text: str, language: str, published: dt.date, future: bool) -> str:
    """A weekday or a bare month read again by the tense of its sentence. ``find_dates`` takes a
    weekday for the last one on or before the publication date and a bare month ("en novembre") for
    a month of the publication year. Said of the future, a weekday is the coming one ("La Suisse ne
    signera pas samedi", on Friday 2025-10-24: 2025-10-25) and a month already past is next year's;
    said of the past, a month still to come is last year's. Any other date is returned as it is.

    >>> by_tense("2025-10-18", "samedi", "fr", dt.date(2025, 10, 24), future=True)
    '2025-10-25'
    >>> by_tense("2026-11", "November", "en", dt.date(2026, 2, 16), future=False)
    '2025-11'
    >>> by_tense("2025-10-18", "18 octobre", "fr", dt.date(2025, 10, 24), future=True)
    '2025-10-18'
    """
    word = text.lower().strip()
    if word in _weekday_table(language) and len(value) == 10:
        day = dt.date.fromisoformat(value)
        return (day + dt.timedelta(days=7)).isoformat() if future and day < published else value
    if word.rstrip(".") in _month_table(language) and len(value) == 7:
        year, month = int(value[:4]), int(value[5:])
        if future and month < published.month:
            year += 1
        elif not future and month > published.month:
            year -= 1
        return f"{year:04d}-{month:02d}"
    return value
