"""Text and chart layout for the pages: spans over text in, segments and geometry out (no HTML here).

The templates turn these records into markup, so every string they carry is escaped by Jinja's
autoescape: nothing in this module builds HTML by hand.

- ``fold`` makes labels and queries comparable without case or diacritics (the search box).
- ``segments`` cuts a text at the boundaries of its spans (mentions, facts' evidence, the
  highlighted mention inside a source sentence) so that each piece knows which spans cover it.
- ``progress_chart`` lays out the step line of consents to be bound toward a treaty's
  entry-into-force threshold, as an SVG drawn by the treaty template.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

_EXTRA_FOLDS = str.maketrans({"đ": "d", "ð": "d", "ø": "o", "ł": "l", "æ": "ae", "œ": "oe", "ı": "i", "þ": "th"})


def fold(text: str) -> str:
    """``text`` without case, diacritics or runs of spaces, for matching labels.

    >>> fold("Nguyễn Văn An")
    'nguyen van an'
    >>> fold("Convention de GENÈVE") == fold("convention de geneve")
    True
    >>> fold("Đà  Nẵng")
    'da nang'
    """
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).translate(_EXTRA_FOLDS)
    return " ".join(stripped.split())


@dataclass(frozen=True, slots=True)
class Span:
    """A marked stretch of a text: ``[begin, end)`` in characters, with what it stands for."""

    begin: int
    """The offset of the first character (``nif:beginIndex``)."""
    end: int
    """The offset after the last character (``nif:endIndex``)."""
    kind: str
    """What the span is: ``mention``, ``evidence`` or ``highlight``."""
    target: str = ""
    """The IRI the span points to (the entity of a mention, the fact of an evidence), if any."""
    label: str = ""
    """A short description shown on hover."""

    def __post_init__(self) -> None:
        if not 0 <= self.begin <= self.end:
            raise ValueError(f"bad span [{self.begin}, {self.end})")

    @property
    def anchor(self) -> str:
        """The fragment of the span's NIF IRI: ``char=b,e``."""
        return f"char={self.begin},{self.end}"


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of text between two span boundaries, and the spans that cover it."""

    text: str
    """The characters of the piece."""
    spans: tuple[Span, ...]
    """The spans covering the whole piece (outermost first)."""
    starts: tuple[Span, ...] = ()
    """The spans that begin with this piece (their anchors go here)."""

    def of(self, kind: str) -> tuple[Span, ...]:
        """The covering spans of one ``kind``."""
        return tuple(s for s in self.spans if s.kind == kind)


def segments(text: str, spans: Iterable[Span], offset: int = 0) -> list[Segment]:
    """Cut ``text`` (which starts at character ``offset`` of its document) at every span boundary.

    Spans outside the text are clipped; empty pieces are dropped.

    >>> [(s.text, [x.kind for x in s.spans]) for s in segments("Kim received them", [Span(0, 3, "highlight")])]
    [('Kim', ['highlight']), (' received them', [])]
    >>> [s.text for s in segments("abcdef", [Span(11, 13, "mention"), Span(10, 14, "evidence")], offset=10)]
    ['a', 'bc', 'd', 'ef']
    """
    end_of_text = offset + len(text)
    clipped = [s for s in spans if s.end > offset and s.begin < end_of_text and s.end > s.begin]
    cuts = sorted({offset, end_of_text, *(max(s.begin, offset) for s in clipped), *(min(s.end, end_of_text) for s in clipped)})
    ordered = sorted(clipped, key=lambda s: (s.begin, -s.end, s.kind))
    pieces: list[Segment] = []
    for left, right in zip(cuts, cuts[1:]):
        if right <= left:
            continue
        covering = tuple(s for s in ordered if s.begin <= left and s.end >= right)
        starting = tuple({s.anchor: s for s in ordered if max(s.begin, offset) == left}.values())
        pieces.append(Segment(text[left - offset : right - offset], covering, starting))
    return pieces


# --- the treaty chart ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ChartPoint:
    """One consent to be bound on the chart: where it is drawn and what its tooltip says."""

    x: float
    """Horizontal position in SVG units."""
    y: float
    """Vertical position in SVG units."""
    label: str
    """Tooltip text: party, action and date."""


@dataclass(frozen=True, slots=True)
class Chart:
    """The geometry of the progress chart of a treaty (an SVG of ``width`` × ``height``)."""

    width: int
    height: int
    path: str
    """The SVG path data of the step line (numbers and commands only)."""
    points: tuple[ChartPoint, ...]
    threshold: int | None
    """The entry-into-force threshold, if the treaty has one."""
    threshold_y: float | None
    count: int
    """Consents counted (dated and undated)."""
    undated: int
    """Consents without a date (counted, not drawn)."""
    y_ticks: tuple[tuple[float, int], ...]
    """(y position, value) of the vertical axis labels."""
    x_ticks: tuple[tuple[float, str], ...]
    """(x position, ISO date) of the horizontal axis labels."""
    left: int
    right: int
    top: int
    bottom: int


def _day(value: str) -> date | None:
    """The first day a lexical ``xsd:date``/``gYearMonth``/``gYear`` can mean, or None."""
    parts = value[:10].split("-")
    try:
        if len(parts) >= 3:
            return date(int(parts[0]), int(parts[1]), int(parts[2][:2]))
        if len(parts) == 2:
            return date(int(parts[0]), int(parts[1]), 1)
        return date(int(parts[0]), 1, 1)
    except ValueError:
        return None


def progress_chart(
    consents: Sequence[tuple[str | None, str]], threshold: int | None, start: str | None = None,
    *, width: int = 640, height: int = 240,
) -> Chart:
    """Lay out the cumulative count of ``consents`` ((date or None, tooltip) per party) against
    ``threshold``, from ``start`` (the opening for signature) to the last consent.

    >>> chart = progress_chart([("2026-02-10", "PHL"), ("2026-03-01", "VNM"), (None, "FRA")], 40, "2025-10-25")
    >>> chart.count, chart.undated, len(chart.points), chart.threshold
    (3, 1, 2, 40)
    >>> chart.path.startswith("M")
    True
    """
    left, right, top, bottom = 48, width - 16, 16, height - 32
    dated = sorted((d, label) for d, label in ((_day(v) if v else None, label) for v, label in consents) if d)
    undated = len(consents) - len(dated)
    first = _day(start) if start else None
    days = [d for d, _ in dated] + ([first] if first else [])
    lo = min(days) if days else date.today()
    hi = max(days) if days else lo
    if (hi - lo).days < 30:
        hi = date.fromordinal(lo.toordinal() + 30)
    top_value = max(threshold or 0, len(consents), 1)

    def x_of(day: date) -> float:
        return round(left + (right - left) * (day - lo).days / max(1, (hi - lo).days), 1)

    def y_of(value: float) -> float:
        return round(bottom - (bottom - top) * value / top_value, 1)

    path = [f"M{left},{y_of(0)}"]
    points = []
    for count, (day, label) in enumerate(dated, start=1):
        x = x_of(day)
        path.append(f"H{x}V{y_of(count)}")
        points.append(ChartPoint(x, y_of(count), f"{label} ({day.isoformat()})"))
    path.append(f"H{right}")
    step = max(1, round(top_value / 4))
    y_ticks = tuple((y_of(v), v) for v in range(0, top_value + 1, step))
    x_ticks = ((x_of(lo), lo.isoformat()), (x_of(hi), hi.isoformat()))
    return Chart(
        width, height, "".join(path), tuple(points), threshold,
        y_of(threshold) if threshold else None, len(consents), undated, y_ticks, x_ticks, left, right, top, bottom,
    )
