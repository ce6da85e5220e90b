"""Normalise German date expressions into intervals with a precision.

A date expression from an article ("am 18. Oktober", "seit September",
"im Spätsommer oder Frühherbst") plus an anchor date (the article's
publication date, or the date of the statement the expression sits in) gives
a :class:`DateInterval`: the earliest and latest possible day, a precision, an
EDTF string (Library of Congress Extended Date/Time Format), the method used
and whether a person should review the reading.

An explicit rule table (:data:`RULES`) handles what dateparser does not
(prepositions, seasons, Anfang/Mitte/Ende, "X oder Y", half-years,
vergangenen/nächsten, seit, derzeit, relative weekdays). Whatever the rules
do not claim goes to dateparser, which reads day-and-month dates, months with
years, ISO dates and "morgen"/"gestern". An expression that neither can read
raises :class:`DateExpressionError`, which names the expression: never a
silent guess.

Each distinct (expression, anchor) pair is parsed once (:func:`normalise_date`
is cached), so a million rows drawn from a few hundred expressions cost a few
hundred parses.

Example:
    >>> import datetime as dt
    >>> iv = normalise_date("zwischen Anfang und Mitte Oktober", dt.date(2024, 10, 27))
    >>> iv.start, iv.end, iv.precision, iv.edtf
    (datetime.date(2024, 10, 1), datetime.date(2024, 10, 20), 'month', '2024-10-01~/2024-10-20~')
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, replace
from typing import Callable

__all__ = [
    "PRECISIONS",
    "RULES",
    "DateExpressionError",
    "DateInterval",
    "MENTION_PATTERNS",
    "date_mentions",
    "normalise_date",
    "open_until",
]

#: Precision of an interval: the coarsest calendar unit the expression fixes.
#: Parts of a month (Anfang, Mitte, Ende) and "X oder Y" of months count as
#: "month"; sub-seasons (Spätsommer) as "season"; "kürzlich", "in den
#: kommenden Monaten" and open intervals as "vague".
PRECISIONS = ("day", "week", "month", "season", "half-year", "year", "vague")

MONTHS = {
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "april": 4,
    "mai": 5, "juni": 6, "juli": 7, "august": 8, "september": 9, "oktober": 10,
    "november": 11, "dezember": 12,
}
WEEKDAYS = {
    "montag": 0, "dienstag": 1, "mittwoch": 2, "donnerstag": 3, "freitag": 4,
    "samstag": 5, "sonnabend": 5, "sonntag": 6,
}
#: Seasons (meteorological, northern hemisphere) as (first month, last month,
#: EDTF season code). Winter runs from December into the next year.
SEASONS = {
    "frühling": (3, 5, 21), "frühjahr": (3, 5, 21), "sommer": (6, 8, 22),
    "herbst": (9, 11, 23), "winter": (12, 2, 24),
}
#: Parts of a month: Anfang = days 1-10, Mitte = 11-20, Ende = 21 to the last day.
MONTH_PARTS = {"anfang": (1, 10), "mitte": (11, 20), "ende": (21, 31)}
#: Days that "kürzlich" reaches back, and days that "in den kommenden/letzten
#: Monaten" spans: documented conventions, always flagged for review.
RECENTLY_DAYS = 30
SOME_MONTHS_DAYS = 183

_MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))
_WEEKDAY_RE = "|".join(WEEKDAYS)
_SEASON_RE = "|".join(SEASONS)
_YEAR_REL = {
    "dieses jahres": 0, "diesen jahres": 0, "diesem jahr": 0, "dieses jahr": 0,
    "letzten jahres": -1, "vergangenen jahres": -1, "vorigen jahres": -1,
    "nächsten jahres": 1, "kommenden jahres": 1,
}
_YEAR_REL_RE = "|".join(sorted(_YEAR_REL, key=len, reverse=True))


class DateExpressionError(ValueError):
    """A date expression that neither the rule table nor dateparser can read."""

    def __init__(self, expression: str, anchor: dt.date | None, reason: str):
        self.expression = expression
        self.anchor = anchor
        self.reason = reason
        super().__init__(f"cannot read date expression {expression!r} (anchor {anchor}): {reason}")


@dataclass(frozen=True)
class DateInterval:
    """An uncertain date: the earliest and latest possible day and how it was read.

    ``start`` is None for an open start ("on or before ``end``"); ``end`` is
    never None.
    """

    start: dt.date | None
    end: dt.date
    precision: str
    edtf: str
    method: str
    needs_review: bool = False


# --------------------------------------------------------------------------- helpers


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _month(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, _last_day(year, month))


def _iso(d: dt.date) -> str:
    return d.isoformat()


def _month_edtf(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _nearest_year(anchor: dt.date, month: int, day: int = 1) -> int:
    """The year that puts (month, day) closest to the anchor (ties go to the past)."""
    best = None
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = dt.date(year, month, min(day, _last_day(year, month)))
        key = (abs((d - anchor).days), d > anchor)
        if best is None or key < best[0]:
            best = (key, year)
    return best[1]


def _year_of(text: str) -> int | None:
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", text)
    return int(m.group(1)) if m else None


def _year_rel(text: str, anchor: dt.date) -> int | None:
    m = re.search(_YEAR_REL_RE, text)
    return anchor.year + _YEAR_REL[m.group(0)] if m else None


def _span_edtf(lo: dt.date, hi: dt.date, approximate: bool = True) -> str:
    mark = "~" if approximate else ""
    return f"{_iso(lo)}{mark}/{_iso(hi)}{mark}"


# --------------------------------------------------------------------------- rules
# Each rule takes the match and the anchor and returns an interval. The table
# is the documentation: pattern, what it means, an example from the seeds.

Rule = Callable[[re.Match, dt.date], DateInterval]


def _now(m: re.Match, a: dt.date) -> DateInterval:
    return DateInterval(a, a, "day", _iso(a), "rule:now")


def _day_before(m: re.Match, a: dt.date) -> DateInterval:
    d = a - dt.timedelta(days=1)
    return DateInterval(d, d, "day", _iso(d), "rule:day-before")


def _recently(m: re.Match, a: dt.date) -> DateInterval:
    lo = a - dt.timedelta(days=RECENTLY_DAYS)
    return DateInterval(lo, a, "vague", f"{_iso(lo)}~/{_iso(a)}", "rule:recently", True)


def _before(m: re.Match, a: dt.date) -> DateInterval:
    return DateInterval(None, a, "vague", f"../{_iso(a)}", "rule:before")


def _coming_months(m: re.Match, a: dt.date) -> DateInterval:
    hi = a + dt.timedelta(days=SOME_MONTHS_DAYS)
    return DateInterval(a, hi, "vague", f"{_iso(a)}/{_iso(hi)}~", "rule:coming-months", True)


def _past_months(m: re.Match, a: dt.date) -> DateInterval:
    lo = a - dt.timedelta(days=SOME_MONTHS_DAYS)
    return DateInterval(lo, a, "vague", f"{_iso(lo)}~/{_iso(a)}", "rule:past-months", True)


def _relative_year(offset: int) -> Rule:
    def rule(m: re.Match, a: dt.date) -> DateInterval:
        y = a.year + offset
        return DateInterval(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", f"{y:04d}", "rule:relative-year")

    return rule


def _year(m: re.Match, a: dt.date) -> DateInterval:
    y = int(m.group("year"))
    return DateInterval(dt.date(y, 1, 1), dt.date(y, 12, 31), "year", f"{y:04d}", "rule:year")


def _season(m: re.Match, a: dt.date) -> DateInterval:
    first, last, code = SEASONS[m.group("season")]
    year = _year_of(m.group(0)) or _year_rel(m.group(0), a) or a.year
    part = m.group("part")
    review = False
    if first > last:  # winter: December of `year` to February of the next
        lo, hi = dt.date(year, 12, 1), dt.date(year + 1, 2, _last_day(year + 1, 2))
        edtf = f"{year:04d}-12/{year + 1:04d}-02"
        review = _year_of(m.group(0)) is None
        if part == "früh":
            lo, hi, edtf = *_month(year, 12), f"{year:04d}-12~"
        elif part == "spät":
            lo, hi, edtf = *_month(year + 1, 2), f"{year + 1:04d}-02~"
    else:
        lo, hi = dt.date(year, first, 1), dt.date(year, last, _last_day(year, last))
        edtf = f"{year:04d}-{code}"
        if part == "früh":
            lo, hi, edtf = *_month(year, first), f"{_month_edtf(year, first)}~"
        elif part == "spät":
            lo, hi, edtf = *_month(year, last), f"{_month_edtf(year, last)}~"
    return DateInterval(lo, hi, "season", edtf, "rule:season", review)


def _half_year(m: re.Match, a: dt.date) -> DateInterval:
    year = _year_of(m.group(0)) or _year_rel(m.group(0), a) or a.year
    if m.group("half") == "ersten":
        lo, hi, code = dt.date(year, 1, 1), dt.date(year, 6, 30), 40
    else:
        lo, hi, code = dt.date(year, 7, 1), dt.date(year, 12, 31), 41
    return DateInterval(lo, hi, "half-year", f"{year:04d}-{code}", "rule:half-year")


def _month_year(m: re.Match, a: dt.date) -> int:
    return _year_of(m.group(0)) or _year_rel(m.group(0), a) or _nearest_year(a, MONTHS[m.group("month")])


def _month_part(m: re.Match, a: dt.date) -> DateInterval:
    month = MONTHS[m.group("month")]
    year = _month_year(m, a)
    first = MONTH_PARTS[m.group("p1")][0]
    last = MONTH_PARTS[m.group("p2") or m.group("p1")][1]
    lo = dt.date(year, month, first)
    hi = dt.date(year, month, min(last, _last_day(year, month)))
    return DateInterval(lo, hi, "month", _span_edtf(lo, hi), "rule:month-part")


def _relative_month(m: re.Match, a: dt.date) -> DateInterval:
    month = MONTHS[m.group("month")]
    if m.group("rel") in ("vergangenen", "letzten", "vorigen"):
        year = a.year if month < a.month else a.year - 1
    else:
        year = a.year if month > a.month else a.year + 1
    lo, hi = _month(year, month)
    return DateInterval(lo, hi, "month", _month_edtf(year, month), "rule:relative-month")


def _month_only(m: re.Match, a: dt.date) -> DateInterval:
    month = MONTHS[m.group("month")]
    year = _month_year(m, a)
    lo, hi = _month(year, month)
    return DateInterval(lo, hi, "month", _month_edtf(year, month), "rule:month")


def _weekday(m: re.Match, a: dt.date) -> DateInterval:
    wd = WEEKDAYS[m.group("weekday")]
    if m.group("rel") in ("nächsten", "kommenden"):
        d = a + dt.timedelta(days=(wd - a.weekday() - 1) % 7 + 1)
        method = "rule:weekday-next"
    else:  # reported speech: the latest such weekday on or before the anchor
        d = a - dt.timedelta(days=(a.weekday() - wd) % 7)
        method = "rule:weekday-past"
    return DateInterval(d, d, "day", _iso(d), method)


_Y = r"(?:\s+(?:(?:des\s+)?(?:" + _YEAR_REL_RE + r")|\d{4}))?"

#: The rule table: (name, pattern over the lower-cased core, rule, example).
#: The core is the expression without its leading preposition and article;
#: patterns must match the whole core.
RULES: list[tuple[str, str, Rule, str]] = [
    ("now", r"(?:derzeit|inzwischen|heute|jetzt|aktuell|gegenwärtig|mittlerweile)", _now, "derzeit"),
    ("day-before", r"vortag", _day_before, "am Vortag"),
    ("recently", r"(?:kürzlich|vor kurzem|jüngst|unlängst)", _recently, "kürzlich"),
    ("before", r"(?:zuvor|früher|bereits|vorher)", _before, "zuvor"),
    ("coming-months", r"(?:den\s+)?(?:kommenden|nächsten)\s+monaten", _coming_months, "in den kommenden Monaten"),
    ("past-months", r"(?:den\s+)?(?:letzten|vergangenen|zurückliegenden)\s+monaten", _past_months, "in den letzten Monaten"),
    ("next-year", r"(?:nächsten|kommenden)\s+jahr(?:es)?|nächstes\s+jahr", _relative_year(1), "im nächsten Jahr"),
    ("last-year", r"(?:vergangenen|letzten|vorigen)\s+jahr(?:es)?|vorjahr|letztes\s+jahr", _relative_year(-1), "seit dem vergangenen Jahr"),
    ("this-year", r"(?:diesem|dieses|laufenden)\s+jahr(?:es)?", _relative_year(0), "in diesem Jahr"),
    ("year", r"(?:jahr\s+)?(?P<year>\d{4})", _year, "2024"),
    ("season", r"(?P<part>früh|spät)?(?P<season>" + _SEASON_RE + r")" + _Y, _season, "im Spätsommer"),
    ("half-year", r"(?P<half>ersten|zweiten)\s+(?:jahreshälfte|halbjahr(?:es)?)" + _Y, _half_year, "in der zweiten Jahreshälfte 2023"),
    ("month-part", r"(?:zwischen\s+)?(?P<p1>anfang|mitte|ende)(?:\s+(?:und|bis)\s+(?P<p2>anfang|mitte|ende))?\s+(?P<month>" + _MONTH_RE + r")" + _Y,
     _month_part, "zwischen Anfang und Mitte Oktober"),
    ("relative-month", r"(?P<rel>vergangenen|letzten|vorigen|nächsten|kommenden)\s+(?P<month>" + _MONTH_RE + r")", _relative_month, "im vergangenen Juni"),
    ("month-of-year", r"(?P<month>" + _MONTH_RE + r")\s+(?:des\s+)?(?:" + _YEAR_REL_RE + r")", _month_only, "im Juni letzten Jahres"),
    ("weekday", r"(?:(?P<rel>nächsten|kommenden|vergangenen|letzten)\s+)?(?P<weekday>" + _WEEKDAY_RE + r")", _weekday, "am Mittwoch"),
]
_COMPILED = [(name, re.compile(pattern), rule) for name, pattern, rule, _ in RULES]

#: Patterns that find date expressions in running text (for the completeness
#: check, not for reading them): the rule table's own patterns, minus rules
#: whose words are too common to mark a date ("before": bereits, früher), plus
#: what dateparser reads for us (morgen, gestern) and "seit". Each is
#: (name, pattern), matched case-insensitively between word boundaries.
_NOT_MENTIONS = ("before",)
MENTION_PATTERNS: list[tuple[str, str]] = [
    (name, pattern) for name, pattern, _, _ in RULES if name not in _NOT_MENTIONS
] + [
    ("day-month", r"\d{1,2}\.\s*(?:" + _MONTH_RE + r")"),
    ("month", r"(?:" + _MONTH_RE + r")"),
    ("relative-day", r"(?:über|vor)?morgen|(?:vor)?gestern"),
    ("since", r"seit"),
]
_MENTIONS = [(name, re.compile(r"(?<!\w)(?:" + pattern + r")(?!\w)", re.IGNORECASE))
             for name, pattern in MENTION_PATTERNS]


def date_mentions(text: str) -> list[tuple[int, int, str]]:
    """Where a text mentions a date: (start, end, pattern name), in text order.

    Uses :data:`MENTION_PATTERNS`; overlapping hits of different patterns are all kept.

    >>> text = "Seit September kam er am Vortag."
    >>> [(text[s:e], n) for s, e, n in date_mentions(text)]
    [('Seit', 'since'), ('September', 'month'), ('Vortag', 'day-before')]
    >>> date_mentions("Bereits früher kamen Soldaten.")
    []
    """
    hits = [(m.start(), m.end(), name) for name, rx in _MENTIONS for m in rx.finditer(text)]
    return sorted(hits, key=lambda h: (h[0], h[1], h[2]))


_PREFIX = re.compile(r"^(?:am|vom|von|für|im|in|zum|zur|dem|den|der|des|ab|um|an|seit)\s+")
_QUOTES = "„“”\"'‚‘’«»"


def _clean(expression: str) -> str:
    s = " ".join(expression.split()).strip(_QUOTES + " ,.;:").lower()
    return s


def _strip_prefix(s: str) -> str:
    previous = None
    while previous != s:
        previous, s = s, _PREFIX.sub("", s, count=1)
    return s


def _union(parts: list[DateInterval], how: str) -> DateInterval:
    hi = max(p.end for p in parts)
    order = PRECISIONS.index
    if any(p.start is None for p in parts):  # "2024 oder zuvor": open start
        return DateInterval(None, hi, "vague", f"../{_iso(hi)}", f"rule:{how}", any(p.needs_review for p in parts))
    lo = min(p.start for p in parts)
    precision = max((p.precision for p in parts), key=order)
    # A calendar date (YYYY, YYYY-MM, YYYY-MM-DD, not a season or half-year code) can stand in a set or
    # an interval of EDTF; anything else, or parts whose bounds nest or overlap, is written as its days.
    plain = all(re.fullmatch(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d\d)?)?~?", p.edtf) for p in parts)
    ordered = sorted(parts, key=lambda p: (p.start, p.end))
    disjoint = all(a.end < b.start for a, b in zip(ordered, ordered[1:]))
    if how == "oder" and plain and disjoint:
        edtf = "[" + ",".join(p.edtf.rstrip("~") for p in ordered) + "]"
    elif plain and disjoint and ordered == parts:
        edtf = f"{parts[0].edtf}/{parts[-1].edtf}"
    else:
        edtf = _span_edtf(lo, hi)
    return DateInterval(lo, hi, precision, edtf, f"rule:{how}", any(p.needs_review for p in parts))


def _read_core(core: str, anchor: dt.date, original: str) -> DateInterval:
    for name, pattern, rule in _COMPILED:
        m = pattern.fullmatch(core)
        if m:
            iv = rule(m, anchor)
            if iv.start is not None and iv.start > iv.end:  # "zwischen Ende und Anfang Oktober"
                raise DateExpressionError(original, anchor, f"the interval ends ({iv.end}) before it starts "
                                          f"({iv.start})")
            return replace(iv, method=f"rule:{name}")
    # "X oder Y" / "X und Y": read both sides, the year carried from the right side.
    m = re.fullmatch(r"(.+?)\s+(oder|und|bis)\s+(.+)", core)
    if m:
        left, how, right = m.groups()
        year = _year_of(right)
        if year and not _year_of(left):
            left = f"{left} {year}"
        rel = re.search(_YEAR_REL_RE, right)
        if rel and not re.search(_YEAR_REL_RE, left):
            left = f"{left} {rel.group(0)}"
        parts = [_read_core(_strip_prefix(p), anchor, original) for p in (left, right)]
        if how == "bis" and (parts[0].start or parts[0].end) > parts[1].end:
            if year and not _year_of(m.group(1)):  # "Dezember bis Februar 2025": December of the year before
                parts[0] = _read_core(_strip_prefix(f"{m.group(1)} {year - 1}"), anchor, original)
            if (parts[0].start or parts[0].end) > parts[1].end:
                raise DateExpressionError(original, anchor, f"the interval ends ({parts[1].end}) before it "
                                          f"starts ({parts[0].start})")
        return _union(parts, "und" if how == "bis" else how)
    return _dateparser(core, anchor, original)


@functools.lru_cache(maxsize=1)
def _parser():
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["de"], settings={"PREFER_DAY_OF_MONTH": "first"})


def _dateparser(core: str, anchor: dt.date, original: str) -> DateInterval:
    if not re.search(r"[a-zäöü0-9]", core):
        raise DateExpressionError(original, anchor, "empty expression")
    core = re.sub(r"\bmaerz\b", "märz", core)  # a spelling of MONTHS that dateparser does not know
    parser = _parser()
    parser._settings.RELATIVE_BASE = dt.datetime(anchor.year, anchor.month, anchor.day)
    try:
        data = parser.get_date_data(core)
    except Exception as exc:  # dateparser raises a variety of errors on odd input
        raise DateExpressionError(original, anchor, f"dateparser failed: {exc}") from None
    if data.date_obj is None:
        raise DateExpressionError(original, anchor, "no rule matches and dateparser finds no date")
    d = data.date_obj.date()
    period = data.period or "day"
    if period in ("day", "month") and _year_of(core) is None and re.search(_MONTH_RE, core):
        # dateparser takes a missing year from the anchor: take the nearest instead
        year = _nearest_year(anchor, d.month, d.day)
        if d.day > _last_day(year, d.month):  # "29. Februar" nearest to a year without one
            raise DateExpressionError(original, anchor, f"the nearest year to the anchor, {year}, has no "
                                      f"{d.day}.{d.month}.")
        d = d.replace(year=year)
    if period == "year":
        lo, hi = dt.date(d.year, 1, 1), dt.date(d.year, 12, 31)
        return DateInterval(lo, hi, "year", f"{d.year:04d}", "dateparser")
    if period == "month":
        lo, hi = _month(d.year, d.month)
        return DateInterval(lo, hi, "month", _month_edtf(d.year, d.month), "dateparser")
    if period == "week":
        lo = d - dt.timedelta(days=d.weekday())
        hi = lo + dt.timedelta(days=6)
        return DateInterval(lo, hi, "week", f"{_iso(lo)}/{_iso(hi)}", "dateparser")
    return DateInterval(d, d, "day", _iso(d), "dateparser")


@functools.lru_cache(maxsize=65536)
def normalise_date(expression: str, anchor: dt.date) -> DateInterval:
    """Read a German date expression against an anchor date.

    Args:
        expression: the expression as it stands in the text, preposition included
            ("am 18. Oktober", "seit September", "im Juli oder August").
        anchor: the date relative expressions are read from: the article's
            publication date, or the date of the statement the expression sits in.

    Returns:
        A :class:`DateInterval`. "seit X" gives the interval from the start of X
        to the anchor; a bare month or day takes the year that puts it nearest
        to the anchor; a weekday is the latest such day on or before the anchor.

    Raises:
        DateExpressionError: when no rule and not dateparser can read it.

    Examples:
        >>> import datetime as dt
        >>> a = dt.date(2025, 11, 4)
        >>> normalise_date("seit September", a).edtf
        '2025-09/2025-11-04'
        >>> normalise_date("für März", a).edtf
        '2026-03'
        >>> normalise_date("am Freitag", dt.date(2024, 10, 23)).start
        datetime.date(2024, 10, 18)
        >>> normalise_date("im Juli oder August", dt.date(2025, 6, 24)).edtf
        '[2025-07,2025-08]'
        >>> normalise_date("irgendwann", a)
        Traceback (most recent call last):
        ...
        timeline.dates.DateExpressionError: cannot read date expression 'irgendwann' (anchor 2025-11-04): no rule matches and dateparser finds no date
    """
    if not isinstance(expression, str):
        raise DateExpressionError(repr(expression), anchor, "not a text")
    if not isinstance(anchor, dt.date) or isinstance(anchor, dt.datetime):
        raise DateExpressionError(expression, None, f"anchor must be a date, got {anchor!r}")
    s = _clean(expression)
    since = bool(re.match(r"^(?:seit|ab)\s+", s))
    core = _strip_prefix(s)
    if not core:
        raise DateExpressionError(expression, anchor, "empty expression")
    iv = _read_core(core, anchor, expression)
    if since:
        if iv.start is None:
            raise DateExpressionError(expression, anchor, "'seit' needs a start, and this expression has none")
        if iv.start > anchor:
            raise DateExpressionError(expression, anchor, f"'seit' names a start ({iv.start}) after the anchor")
        first = iv.edtf.split("/")[0].lstrip("[").split(",")[0].rstrip("~")
        if re.fullmatch(r"\d{4}-2[1-4]|\d{4}-4[01]", first) or "[" in iv.edtf:
            first = _iso(iv.start)
        iv = replace(iv, end=anchor, edtf=f"{first}/{_iso(anchor)}", method=f"{iv.method}+since")
    return iv


def open_until(anchor: dt.date) -> DateInterval:
    """The interval for a time the text does not give: on or before the anchor.

    >>> import datetime as dt
    >>> open_until(dt.date(2024, 10, 27)).edtf
    '../2024-10-27'
    """
    return DateInterval(None, anchor, "vague", f"../{_iso(anchor)}", "rule:not-stated")
