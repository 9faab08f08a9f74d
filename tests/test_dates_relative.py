"""Dates: ranges, numeric dates, bare months and tense-aware weekdays (graph_builder/dates.py).

The sentences are invented for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from graph_builder.dates import by_tense, find_dates

PREPS = frozenset(("in", "en", "im", "a"))


@pytest.mark.parametrize(
    "text, lang, value",
    [
        ("The ministers met on 17 and 18 March 2026 in Lyon.", "en", "2026-03-17"),
        ("La conférence s'est tenue du 14 au 18 octobre 2024 à Vienne.", "fr", "2024-10-14"),
        ("Se celebró del 3 al 5 de junio de 2025 en Madrid.", "es", "2025-06-03"),
        ("The session ran 14-18 October 2024.", "en", "2024-10-14"),
        ("Bern, 06.03.2026 – Die Schweiz hat unterzeichnet.", "de", "2026-03-06"),
    ],
)
def test_a_range_is_dated_by_its_first_day_and_numeric_dates_are_dates(text: str, lang: str, value: str) -> None:
    assert [d.value for d in find_dates(text, lang, dt.date(2026, 1, 20), year_prepositions=PREPS)] == [value]


@pytest.mark.parametrize(
    "text, lang, value",
    [("Vietnam legde in januari zijn akte neer.", "nl", "2026-01"), ("Le Sénégal accueillera en novembre une conférence.", "fr", "2026-11")],
)
def test_a_bare_month_after_a_date_preposition_is_a_month_of_the_publication_year(text: str, lang: str, value: str) -> None:
    assert [d.value for d in find_dates(text, lang, dt.date(2026, 1, 20), year_prepositions=PREPS)] == [value]


def test_a_month_with_a_year_is_not_read_as_a_bare_month() -> None:
    assert [d.value for d in find_dates("in mei 2025", "nl", dt.date(2026, 1, 20), year_prepositions=PREPS)] == ["2025-05"]


def test_weekdays_and_bare_months_follow_the_tense() -> None:
    friday = dt.date(2025, 10, 24)
    assert by_tense("2025-10-18", "samedi", "fr", friday, future=True) == "2025-10-25"
    assert by_tense("2025-10-18", "samedi", "fr", friday, future=False) == "2025-10-18"
    assert by_tense("2026-11", "November", "en", dt.date(2026, 2, 16), future=False) == "2025-11"
    assert by_tense("2026-01", "January", "en", dt.date(2026, 2, 16), future=True) == "2027-01"
    assert by_tense("2025-10-18", "18 octobre", "fr", friday, future=True) == "2025-10-18"


@pytest.mark.parametrize(
    "text, lang, value",
    [
        ("La France déposera son instrument « d'ici l'été ».", "fr", "2026"),
        ("Die Regierung will noch vor der parlamentarischen Sommerpause ratifizieren.", "de", "2026"),
        ("Costa Rica ratificará el protocolo antes de fin de año.", "es", "2026"),
        ("A dos días de la ceremonia de firma prevista en Hanói.", "es", "2026-01-22"),
    ],
)
def test_pack_deadlines_and_day_offsets_resolve_against_the_publication_date(text: str, lang: str, value: str) -> None:
    from graph_builder.rules import load_pack

    pack = load_pack(lang)
    found = find_dates(text, lang, dt.date(2026, 1, 20), relative_days=pack.relative_days,
                       year_prepositions=pack.date_prepositions, relative_years=pack.relative_years)
    assert [d.value for d in found] == [value]
