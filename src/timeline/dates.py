"""Read date expressions into intervals with a precision, using the sentence they stand in.

A date expression from an article ("am Mittwoch", "seit September", "in der
Nacht zum Dienstag") plus an anchor (the article's publication date, or the
date of the statement the expression sits in) gives a :class:`DateInterval`:
the earliest and latest possible day (either may be open), a precision, an
EDTF string (Library of Congress Extended Date/Time Format), the rule that
read it, whether a person should review the reading, and the cue that chose
its direction.

The engine is language-neutral. Every word and every rule pattern lives in
the language file (``src/timeline/lang/de.yaml``, read by
:mod:`timeline.language`); this module holds only the *readings* the rules
name (a calendar day, a weekday, a part of a period, a span back from the
anchor, ...), the calendar arithmetic, and the choice of direction. The
conventions are in ``docs/dates-and-numbers.md``.

**Direction.** A bare weekday, month, season or named day recurs. With the
sentence given, :func:`direction_cue` reads its tense (future auxiliaries,
modal verbs, a present tense, past tenses) and the reading takes the latest
occurrence on or before the anchor (past) or the earliest on or after it
(future), recording the cue. Without a cue, the news default applies (a
weekday looks back; anything else takes the occurrence nearest the anchor),
and a reading that depends on it is flagged for review.

Whatever no rule reads goes to dateparser; its readings carry method
``dateparser`` and are flagged for review. An expression that nothing can
read, or that is a duration, a clock time or a bare number, raises
:class:`DateExpressionError`, which says why: never a silent guess.

Example:
    >>> import datetime as dt
    >>> iv = normalise_date("zwischen Anfang und Mitte Oktober", dt.date(2024, 10, 27))
    >>> iv.start, iv.end, iv.precision, iv.edtf
    (datetime.date(2024, 10, 1), datetime.date(2024, 10, 20), 'month', '2024-10-01~/2024-10-20~')
    >>> iv = normalise_date("am Mittwoch", dt.date(2025, 11, 3), "Am Mittwoch soll der Rat entscheiden.")
    >>> iv.start, iv.cue
    (datetime.date(2025, 11, 5), "future: 'soll'")
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import re
from dataclasses import dataclass, replace
from typing import Callable

from . import schema
from .language import BUILTIN_SLOTS, Language, LanguageError, Rule, load_language

__all__ = [
    "PRECISIONS", "RULES", "DateExpressionError", "DateInterval", "context", "date_mentions", "direction_cue",
    "normalise_date", "open_until", "read_in_context", "reading_context",
]

#: Precision of an interval, finest first (vocabulary precision of schema.yaml, attribute order): the calendar
#: unit the expression fixes. Each rule of the language file names the precision its reading yields, a span
#: counted in a unit ("vor drei Wochen") has the unit's, and an interval open at either end has the one
#: declared ``is_open`` (as has a span by convention, "kürzlich", whose rules name it).
PRECISIONS = tuple(schema.precision_order())
_OPEN = schema.the_value("precision", "is_open")
#: The side of the anchor each direction takes a recurring expression's occurrence from (vocabulary direction,
#: attribute side), and the direction of each side.
_SIDES: dict[str, str] = schema.attributes("direction", "side")
_TOWARD: dict[str, str] = {side: schema.the_value("direction", "side", side) for side in ("before", "after")}
#: EDTF codes of seasons (ISO 8601-2); the language file's seasons name them.
_EDTF_SEASON = {"spring": 21, "summer": 22, "autumn": 23, "winter": 24}
_MIN_DATE, _MAX_DATE = dt.date(1, 1, 1), dt.date(9999, 12, 31)


class DateExpressionError(ValueError):
    """A date expression that cannot be read, with the reason (a duration, no rule matches, ...)."""

    def __init__(self, expression: str, anchor: dt.date | None, reason: str, final: bool = False):
        self.expression = expression
        self.anchor = anchor
        self.reason = reason
        self.final = final
        super().__init__(f"cannot read date expression {expression!r} (anchor {anchor}): {reason}")


@dataclass(frozen=True)
class DateInterval:
    """An uncertain date: the earliest and latest possible day and how it was read.

    ``start`` is None for an open start ("on or before ``end``"), ``end`` None
    for an open end ("from ``start`` on"). ``cue`` says what chose the
    direction of a recurring expression ("past: 'hatte'"), or None where the
    reading does not depend on one.
    """

    start: dt.date | None
    end: dt.date | None
    precision: str
    edtf: str
    method: str
    needs_review: bool = False
    cue: str | None = None


# --------------------------------------------------------------------------- calendar helpers


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _date(year: int, month: int, day: int) -> dt.date | None:
    """A calendar day, or None where there is none (30 February, year 0)."""
    if not 1 <= year <= 9999 or not 1 <= month <= 12 or not 1 <= day <= _last_day(year, month):
        return None
    return dt.date(year, month, day)


def _month_span(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, _last_day(year, month))


def _add_months(d: dt.date, n: int) -> dt.date:
    index = d.year * 12 + d.month - 1 + n
    year, month = divmod(index, 12)
    return dt.date(year, month + 1, min(d.day, _last_day(year, month + 1)))


@dataclass(frozen=True)
class _Unit:
    """A calendar unit: the precision it is (vocabulary precision: unit_days or unit_months, edtf, edtf_code) and,
    for a unit finer than any precision (an hour), how many of it make one of that precision."""

    precision: str
    days: int | None
    months: int | None
    edtf: str
    code: int
    per: int = 1


@functools.lru_cache(maxsize=None)
def _precision_unit(precision: str) -> _Unit:
    """The calendar unit of a precision, from its attributes; a precision without one is an error naming it."""
    days = schema.attribute("precision", precision, "unit_days")
    months = schema.attribute("precision", precision, "unit_months")
    if not days and not months:
        raise schema.SchemaError(f"{schema.relative(schema.SCHEMA_FILE)}: precision {precision!r} is read as a "
                                 "calendar unit and declares none (unit_days or unit_months)")
    edtf = schema.attribute("precision", precision, "edtf")
    if not edtf:
        raise schema.SchemaError(f"{schema.relative(schema.SCHEMA_FILE)}: precision {precision!r} is a calendar unit "
                                 "and declares no edtf form")
    return _Unit(precision, days or None, None if days else months, edtf,
                 schema.attribute("precision", precision, "edtf_code") or 0)


def _unit(ctx: "_Ctx", name: str) -> _Unit:
    """The unit a word of the language file's unit classes names: a precision with a calendar unit, or a sub-unit
    of the conventions ("hour": 24 make a day)."""
    if name in schema.VOCABULARIES["precision"]:
        return _precision_unit(name)
    sub = (ctx.lang.conventions.get("sub_units") or {}).get(name)
    if sub is None:
        raise LanguageError(f"{ctx.lang.path.name}: the unit {name!r} is no precision of schema.yaml and no sub-unit "
                            "of conventions.sub_units")
    return replace(_precision_unit(sub["of"]), per=int(sub["per"]))


def _add(d: dt.date, n: float, unit: _Unit) -> dt.date:
    """The day ``n`` units after ``d`` (before, for negative n); fractions go to the next smaller unit, and a
    sub-unit counts in whole units of its precision."""
    try:
        if unit.per != 1:
            n = n // unit.per
        if unit.days:
            return d + dt.timedelta(days=round(n * unit.days))
        return _add_months(d, round(n * unit.months))
    except (OverflowError, ValueError):
        raise _OutOfRange() from None


class _OutOfRange(Exception):
    """A reading that leaves the calendar (before year 1 or after 9999)."""


def _monday(d: dt.date) -> dt.date:
    return d - dt.timedelta(days=d.weekday())


def _grain(d: dt.date, unit: _Unit) -> tuple[dt.date, dt.date, str]:
    """The period of a unit that contains a day: its first and last day and its EDTF string (the unit's form)."""
    index = 0
    if unit.days:  # periods of n days from 1 January of year 1, a Monday: days, ISO weeks
        lo = d - dt.timedelta(days=(d.toordinal() - 1) % unit.days)
        hi, year = lo + dt.timedelta(days=unit.days - 1), lo.year
    elif unit.months <= 12:  # periods of n months from January: months, quarters, half-years, years
        index = (d.month - 1) // unit.months
        first = index * unit.months + 1
        lo, hi, year = dt.date(d.year, first, 1), _month_span(d.year, first + unit.months - 1)[1], d.year
    else:  # whole years from year 0: decades, centuries
        years = unit.months // 12
        year = d.year - d.year % years
        lo, hi = dt.date(max(year, 1), 1, 1), dt.date(year + years - 1, 12, 31)
    digits = f"{year:04d}"
    return lo, hi, unit.edtf.format(start=lo.isoformat(), end=hi.isoformat(), yyyy=digits, mm=f"{lo.month:02d}",
                                    yyy=digits[:3], yy=digits[:2], code=unit.code + index)


def _period(args: dict, d: dt.date) -> tuple[dt.date, dt.date, str]:
    """The period of the rule's precision that contains a day."""
    return _grain(d, _precision_unit(args["precision"]))


def _iso(d: dt.date | None) -> str:
    return ".." if d is None else d.isoformat()


def _span_edtf(lo: dt.date | None, hi: dt.date | None, approximate: bool = True) -> str:
    mark = "~" if approximate else ""
    left = ".." if lo is None else lo.isoformat() + mark
    right = ".." if hi is None else hi.isoformat() + mark
    return f"{left}/{right}"


def _easter(year: int) -> dt.date:
    from dateutil.easter import easter  # installed with pandas

    return easter(year)


# --------------------------------------------------------------------------- context of a reading


@dataclass(frozen=True)
class _Ctx:
    anchor: dt.date
    direction: str | None  # a value of the vocabulary direction, or None (the default applies)
    year: int | None  # a year that stands earlier in the sentence
    lang: Language

    def conv(self, key: str):
        return self.lang.conventions[key]


#: How a recurring reading was decided; replaced by the cue's words in normalise_date.
_BY_DIRECTION, _BY_DEFAULT, _BY_YEAR, _BY_SECOND = "@direction", "@default", "@year", "@second"
_BY_DEFAULT_UNSURE = "@default?"
_BY_WEEKDAY = "@weekday"


#: The sides a recurring expression's occurrence may be taken from: the latest that starts on or before the
#: anchor, the earliest that ends on or after it, and (None) the nearest.
_PICKS = ("before", "after", None)


def _pick(cands: list[tuple[dt.date, dt.date]], anchor: dt.date, side: str | None) -> tuple[dt.date, dt.date]:
    """The occurrence a side picks among candidate (first day, last day) pairs (None: the nearest)."""
    if side == "before":
        pool = [c for c in cands if c[0] <= anchor]
        return max(pool, key=lambda c: c[0])
    if side == "after":
        pool = [c for c in cands if c[1] >= anchor]
        return min(pool, key=lambda c: c[0])

    def distance(c):
        if c[0] <= anchor <= c[1]:
            return 0, False
        gap = (c[0] - anchor).days if c[0] > anchor else (anchor - c[1]).days
        return gap, c[0] > anchor  # ties go to the past

    return min(cands, key=distance)


def _recurring(ctx: _Ctx, make: Callable[[int], tuple[dt.date, dt.date] | None], weekly: bool = False,
               kind: str = "other", rel: int | None = None,
               year: int | None = None) -> tuple[dt.date, dt.date, str | None]:
    """Pick an occurrence of a recurring period: ``make(k)`` gives the k-th one (a year, or with ``weekly`` a
    week's Monday ordinal), ``rel`` an explicit before (-1) / this (0) / after (1), ``year`` an explicit year;
    ``kind`` is a key of the conventions' default directions.

    Returns (first day, last day, how it was decided: None when it does not depend on a direction).
    """
    if year is not None:
        got = make(year)
        if got is None:
            raise _Invalid("that day does not exist in that year")
        return got[0], got[1], None
    a = ctx.anchor
    if not weekly:
        keys = range(a.year - 3, a.year + 4)
    else:  # weeks, keyed by the ordinal of their Monday
        base = _monday(a).toordinal()
        keys = [base + 7 * k for k in range(-3, 4)]
    cands = [c for c in (make(k) for k in keys) if c is not None]
    if not cands:
        raise _Invalid("no such day near the anchor")
    if rel == "new":  # "im neuen Jahr": the current one or the next, whichever began or begins nearer
        current = [c for c in cands if c[0] <= a]
        coming = [c for c in cands if c[0] > a]
        pool = ([max(current, key=lambda c: c[0])] if current else []) + ([min(coming, key=lambda c: c[0])]
                                                                          if coming else [])
        lo, hi = min(pool, key=lambda c: abs((c[0] - a).days))
        return lo, hi, None
    if rel == 0 and weekly:  # "an diesem Sonntag": the nearest Sunday, before or after the anchor
        lo, hi = _pick(cands, a, None)
        return lo, hi, None
    if rel == 0:  # "dieses Frühjahr": the one that contains the anchor, else the one of the anchor's year
        containing = [c for c in cands if c[0] <= a <= c[1]]
        this = containing[0] if containing else make(a.year)
        if this is None:
            raise _Invalid("no such day in the anchor's year")
        return this[0], this[1], None
    if rel is not None:  # -1: the last one before the anchor, -2 the one before that; +1, +2 after it
        ordered = sorted((c for c in cands if (c[1] < a if rel < 0 else c[0] > a)), key=lambda c: c[0],
                         reverse=rel < 0)
        if len(ordered) < abs(rel):
            raise _Invalid("no such occurrence near the anchor")
        lo, hi = ordered[abs(rel) - 1]
        return lo, hi, None
    if ctx.year is not None and not weekly:
        got = make(ctx.year)
        if got is not None:
            return got[0], got[1], _BY_YEAR
    return _choose(ctx, cands, kind)


def _distance(c: tuple[dt.date, dt.date], anchor: dt.date) -> int:
    if c[0] <= anchor <= c[1]:
        return 0
    return (c[0] - anchor).days if c[0] > anchor else (anchor - c[1]).days


def _by_default(ctx: _Ctx, readings: dict, kind: str) -> tuple[dt.date, dt.date, str]:
    """The news default's pick; unsure (flagged for review) when the other direction's occurrence is less than
    twice as far from the anchor ("am Freitag" on a Wednesday), sure when it is far ("vom 21. Oktober" on the
    27th)."""
    chosen = readings[_default_side(ctx, kind)]
    near = _distance(chosen, ctx.anchor)
    others = [readings[side] for side in _PICKS if side and readings[side] != chosen]
    unsure = any(_distance(o, ctx.anchor) < 2 * max(near, 1) for o in others)
    return chosen[0], chosen[1], _BY_DEFAULT_UNSURE if unsure else _BY_DEFAULT


def _default_side(ctx: _Ctx, kind: str) -> str | None:
    """The side the news default takes for a kind of recurring expression: a direction of the conventions'
    default_direction, or ``nearest`` (None)."""
    defaults = ctx.conv("default_direction")
    default = defaults.get(kind, defaults["other"])
    if default in _SIDES:
        return _SIDES[default]
    if default != "nearest":
        raise LanguageError(f"{ctx.lang.path.name}: conventions.default_direction gives {default!r}, which is no "
                            f"direction of schema.yaml ({', '.join(_SIDES)}) and not 'nearest'")
    return None


class _Invalid(Exception):
    """A rule matched, but its reading is impossible (30 February, a quarter 5): the reason."""


def _rel(value):
    """A relative word's value: None, an offset (-2 .. 2) or "new" ("neu")."""
    if value is None or value == "new":
        return value
    return int(value)


def _iv(lo, hi, precision, edtf, review=False, cue=None) -> DateInterval:
    return DateInterval(lo, hi, precision, edtf, "", review, cue)


class _Slots(dict):
    """The slots of a rule's match (word values, numbers, sub-expressions), by name; a slot that did not match
    reads as None."""

    __getattr__ = dict.get


def _year_of(ctx: _Ctx, s: dict) -> int | None:
    """An explicit year of the expression: four digits, two digits, or a year relative to the anchor."""
    if s.year is not None:
        return int(s.year)
    if s.year2 is not None:
        yy = int(s.year2)
        century = 2000 if 2000 + yy <= ctx.anchor.year + 10 else 1900
        return century + yy
    for key in ("yrel", "yref"):
        if s.get(key) == "new":  # "des neuen Jahres": the year just begun, or the next
            a = ctx.anchor
            return a.year + _nearer_start(a, dt.date(a.year, 1, 1), dt.date(a.year + 1, 1, 1))
        if s.get(key) is not None:
            return ctx.anchor.year + int(s[key])
    return None


def _part_range(ctx: _Ctx, unit: str, part: str, part2: str | None = None) -> tuple[int, int]:
    parts = ctx.conv("parts")[unit]
    return parts[part][0], parts[part2 or part][1]


# --------------------------------------------------------------------------- the readings
# Each reading takes the context, the slots of the match (word values, numbers, sub-expressions), the
# rule's args and the matched text, and returns an interval (its method is filled in by the engine).

Reading = Callable[[_Ctx, _Slots, dict, str], DateInterval]
READINGS: dict[str, Reading] = {}
#: The readings whose rule names the precision they yield (``precision`` of a rule of the language file, which
#: stands in its args); the others take it from their unit, their parts, or an open end.
NAMES_PRECISION: set[str] = set()


def reading(name: str, names_precision: bool = False):
    def register(fn: Reading) -> Reading:
        READINGS[name] = fn
        if names_precision:
            NAMES_PRECISION.add(name)
        return fn

    return register


def check_rules(lang: Language) -> None:
    """Each rule reads as a reading of this module, and names a precision where its reading needs one."""
    for rule in lang.rules:
        if rule.reads not in READINGS:
            raise LanguageError(f"{lang.path.name}: rule {rule.name!r} reads as {rule.reads!r}, which "
                                "timeline.dates does not know")
        if rule.reads in NAMES_PRECISION and rule.precision is None:
            raise LanguageError(f"{lang.path.name}: rule {rule.name!r} names no precision, and its reading "
                                f"{rule.reads!r} yields the one its rule names (vocabulary precision of schema.yaml)")


@reading("refuse")
def _refuse(ctx, s, args, text):
    raise DateExpressionError(text, ctx.anchor, args["reason"], final=True)


@reading("calendar_day", names_precision=True)
def _day(ctx, s, args, text):
    day = int(s.day)
    month = s.month or (int(s.monthnum) if s.monthnum else None)
    if month is None and s.mrel is not None:
        month = _add_months(ctx.anchor.replace(day=1), int(s.mrel)).month
    if month is None:
        month = ctx.anchor.month
    year = _year_of(ctx, s)
    if year is not None and _date(year, month, day) is None:
        raise _Invalid(f"there is no {day}.{month}.{year}")
    if year is None and all(_date(y, month, day) is None for y in range(2000, 2005)):
        raise _Invalid(f"there is no {day}.{month}. in any year")
    lo, hi, how = _recurring(ctx, lambda y: (lambda d: (d, d) if d else None)(_date(y, month, day)),
                             year=year)
    return _iv(lo, hi, args["precision"], lo.isoformat(), cue=how)


@reading("day_of_month", names_precision=True)
def _day_of_month(ctx, s, args, text):
    """A day without its month ("ab dem 27."): that day of the anchor's month or a month near it."""
    day = int(s.day)
    base = ctx.anchor.replace(day=1)
    cands = [(d, d) for d in (_date(m.year, m.month, day) for m in (_add_months(base, k) for k in range(-2, 3)))
             if d is not None]
    lo, hi, how = _choose(ctx, cands)
    return _iv(lo, hi, args["precision"], lo.isoformat(), cue=how)


@reading("weekday", names_precision=True)
def _weekday(ctx, s, args, text):
    wd = int(s.weekday)
    rel = s.rel
    lo, hi, how = _recurring(ctx, lambda k: (dt.date.fromordinal(k + wd),) * 2, True, "weekday",
                             rel=_rel(rel))
    return _iv(lo, hi, args["precision"], lo.isoformat(), cue=how)


@reading("weekday_and_date")
def _weekday_and_date(ctx, s, args, text):
    """A weekday with a date ("Donnerstag, den 8. Februar"): without a year, the weekday picks it (the year
    near the anchor in which that day is that weekday); a weekday that fits no year nearby is flagged."""
    wd = int(s.weekday)
    iv = _read(ctx, s.inner)
    if iv.cue is not None and iv.start is not None and iv.start == iv.end and iv.start.weekday() != wd:
        fits = []
        for year in range(ctx.anchor.year - 3, ctx.anchor.year + 4):
            try:
                other = _read(replace(ctx, year=year), s.inner)
            except DateExpressionError:
                continue
            if other.start is not None and other.start.weekday() == wd:
                fits.append(other)
        if fits:
            best = min(fits, key=lambda o: abs((o.start - ctx.anchor).days))
            return replace(best, cue=_BY_WEEKDAY)
    review = iv.start is not None and iv.start == iv.end and iv.start.weekday() != wd
    return replace(iv, needs_review=iv.needs_review or review)


@reading("dateline")
def _dateline(ctx, s, args, text):
    return _read(ctx, s.inner)


@reading("same")
def _same(ctx, s, args, text):
    return _read(ctx, s.inner)


@reading("relative_day", names_precision=True)
def _relative_day(ctx, s, args, text):
    d = ctx.anchor + dt.timedelta(days=int(s.relative_day))
    return _iv(d, d, args["precision"], d.isoformat())


@reading("now", names_precision=True)
def _now(ctx, s, args, text):
    return _iv(ctx.anchor, ctx.anchor, args["precision"], ctx.anchor.isoformat())


@reading("daypart", names_precision=True)
def _daypart(ctx, s, args, text):
    return _iv(ctx.anchor, ctx.anchor, args["precision"], ctx.anchor.isoformat(), review=True)


@reading("night", names_precision=True)
def _night(ctx, s, args, text):
    if args.get("offset") == -1:
        lo, how = ctx.anchor - dt.timedelta(days=1), None
    else:
        lo, how = _night_of_today(ctx)
    hi = lo + dt.timedelta(days=1)
    return _iv(lo, hi, args["precision"], f"{lo.isoformat()}/{hi.isoformat()}", cue=how)


def _night_of_today(ctx: _Ctx) -> tuple[dt.date, str | None]:
    """The night of "heute Nacht": the one that ended this morning (past) or the coming one (future)."""
    a = ctx.anchor
    side = _SIDES.get(ctx.direction)
    if side == "after":
        return a, _BY_DIRECTION
    if side == "before":
        return a - dt.timedelta(days=1), _BY_DIRECTION
    return (a - dt.timedelta(days=1) if _default_side(ctx, "weekday") == "before" else a), _BY_DEFAULT_UNSURE


@reading("night_to", names_precision=True)
def _night_to(ctx, s, args, text):
    if s.inner is not None:
        day = _read(ctx, s.inner)
        if day.start is None or day.start != day.end:
            raise _Invalid("the night before a span")
        hi = day.start
        lo, how = hi - dt.timedelta(days=1), day.cue
    else:
        wd = int(s.weekday)
        length = (wd - int(s.first)) % 7 if s.first is not None else 1
        if length == 0:
            raise _Invalid("a night from a day to the same day")
        rel = _rel(s.rel if s.rel is not None else s.nrel)
        if isinstance(rel, int) and rel:  # "in der kommenden Nacht zum Samstag": the coming one
            ctx = replace(ctx, direction=_TOWARD["after" if rel > 0 else "before"])
            rel = None
        lo, hi, how = _recurring(ctx, lambda k: (dt.date.fromordinal(k + wd) - dt.timedelta(days=length),
                                                 dt.date.fromordinal(k + wd)), True, "weekday", rel=rel)
    return _iv(lo, hi, args["precision"], f"{lo.isoformat()}/{hi.isoformat()}", cue=how)


def _calendar_day(spec: str, year: int) -> dt.date | None:
    spec = spec.strip()
    m = re.fullmatch(r"easter([+-]\d+)", spec)
    if m:
        return _easter(year) + dt.timedelta(days=int(m.group(1)))
    m = re.fullmatch(r"(\d\d)-(\d\d)", spec)
    if m:
        return _date(year, int(m.group(1)), int(m.group(2)))
    raise ValueError(f"not a calendar day spec: {spec!r}")


def _named_span(spec, year: int) -> tuple[dt.date, dt.date] | None:
    """The days of a named day in a year, from its spec in the language file."""
    if isinstance(spec, dict):
        wd = int(spec["weekday"])
        if "n" in spec:
            first = dt.date(year, int(spec["in_month"]), 1)
            d = first + dt.timedelta(days=(wd - first.weekday()) % 7 + 7 * (int(spec["n"]) - 1))
        elif "before" in spec:
            limit = _calendar_day(spec["before"], year)
            d = limit - dt.timedelta(days=(limit.weekday() - wd - 1) % 7 + 1)
        else:
            limit = _calendar_day(spec["on_or_after"], year)
            d = limit + dt.timedelta(days=(wd - limit.weekday()) % 7)
        return d, d
    if ".." in str(spec):
        a, b = str(spec).split("..")
        lo, hi = _calendar_day(a, year), _calendar_day(b, year)
        if lo and hi and hi < lo:  # a span over the new year
            hi = _calendar_day(b, year + 1)
        return (lo, hi) if lo and hi else None
    d = _calendar_day(str(spec), year)
    return (d, d) if d else None


@reading("named_day", names_precision=True)
def _named_day(ctx, s, args, text):
    spec = s.named_day
    rel = s.rel
    lo, hi, how = _recurring(ctx, lambda y: _named_span(spec, y), rel=_rel(rel),
                             year=_year_of(ctx, s))
    edtf = lo.isoformat() if lo == hi else f"{lo.isoformat()}/{hi.isoformat()}"
    return _iv(lo, hi, args["precision"], edtf, cue=how)


def _offset(s: dict, args: dict, text: str, new: Callable[[], int] | None = None) -> int:
    """The offset of a relative period: the relative word's, or a word of the rule's ``offsets``; "neu" is
    the current period or the next, whichever begins nearer (``new`` says which)."""
    if s.rel == "new":
        if new is None:
            raise _Invalid("'new' does not apply here")
        return new()
    if s.rel is not None:
        return int(s.rel)
    for word, offset in (args.get("offsets") or {}).items():
        if text.endswith(word):
            return int(offset)
    raise _Invalid("no offset")


def _nearer_start(anchor: dt.date, this_start: dt.date, next_start: dt.date) -> int:
    return 0 if (anchor - this_start).days <= (next_start - anchor).days else 1


@reading("week_offset", names_precision=True)
def _week(ctx, s, args, text):
    monday = _monday(ctx.anchor)
    offset = _offset(s, args, text, lambda: _nearer_start(ctx.anchor, monday, monday + dt.timedelta(days=7)))
    lo, hi, edtf = _period(args, monday + dt.timedelta(days=7 * offset))
    return _iv(lo, hi, args["precision"], edtf)


def _week_days(ctx: _Ctx, first: int, last: int, rel, kind="weekday") -> tuple[dt.date, dt.date, str | None]:
    """Days ``first``..``last`` (ISO weekdays) of a week picked by ``rel`` or by direction."""
    return _recurring(ctx, lambda k: (dt.date.fromordinal(k + first - 1), dt.date.fromordinal(k + last - 1)),
                      True, kind, rel=_rel(rel))


@reading("week_part", names_precision=True)
def _week_part(ctx, s, args, text):
    first, last = _part_range(ctx, args["precision"], s.part)
    lo, hi, how = _week_days(ctx, first, last, s.rel)
    return _iv(lo, hi, args["precision"], _span_edtf(lo, hi), cue=how)


@reading("weekend", names_precision=True)
def _weekend(ctx, s, args, text):
    first, last = ctx.conv("weekend")
    lo, hi, how = _week_days(ctx, first, last, s.rel)
    return _iv(lo, hi, args["precision"], f"{lo.isoformat()}/{hi.isoformat()}", cue=how)


@reading("month_part", names_precision=True)
def _month_part(ctx, s, args, text):
    d1, d2 = _part_range(ctx, args["precision"], s.part, s.part2)

    def span(year: int, month: int):
        return dt.date(year, month, d1), dt.date(year, month, min(d2, _last_day(year, month)))

    if s.month is not None:
        month = int(s.month)
        lo, hi, how = _recurring(ctx, lambda y: span(y, month), year=_year_of(ctx, s))
    else:  # "Ende des Monats" (the anchor's month), "Anfang nächsten Monats"
        m = _add_months(ctx.anchor.replace(day=1), int(s.rel or 0))
        lo, hi = span(m.year, m.month)
        how = None
    if lo > hi:  # "zwischen Ende und Anfang Oktober": never swapped
        raise _Invalid(f"the interval ends ({hi}) before it starts ({lo})")
    return _iv(lo, hi, args["precision"], _span_edtf(lo, hi), cue=how)


def _choose(ctx: _Ctx, cands, kind="other") -> tuple[dt.date, dt.date, str | None]:
    """Pick among explicit candidates by direction, as _recurring does."""
    readings = {side: _pick(cands, ctx.anchor, side) for side in _PICKS}
    if len(set(readings.values())) == 1:
        return (*readings[_PICKS[0]], None)
    if ctx.direction in _SIDES:
        return (*readings[_SIDES[ctx.direction]], _BY_DIRECTION)
    return _by_default(ctx, readings, kind)


@reading("named_month", names_precision=True)
def _month(ctx, s, args, text):
    month = int(s.month or s.monthnum)
    rel = s.rel
    lo, hi, how = _recurring(ctx, lambda y: _month_span(y, month), rel=_rel(rel), year=_year_of(ctx, s))
    return _iv(lo, hi, args["precision"], _period(args, lo)[2], cue=how)


@reading("month_offset", names_precision=True)
def _month_offset(ctx, s, args, text):
    first = ctx.anchor.replace(day=1)
    d = _add_months(first, _offset(s, args, text, lambda: _nearer_start(ctx.anchor, first, _add_months(first, 1))))
    lo, hi, edtf = _period(args, d)
    return _iv(lo, hi, args["precision"], edtf)


@reading("period_of_year", names_precision=True)
def _period_of_year(ctx, s, args, text):
    """The q-th period of a year in the rule's unit (a quarter, a half-year)."""
    q, unit = int(s.q), _precision_unit(args["precision"])
    if unit.days or not 1 <= q <= 12 // unit.months:
        raise _Invalid(f"there is no {unit.precision} {q}")
    first = (q - 1) * unit.months + 1
    lo, hi, how = _recurring(ctx, lambda y: (dt.date(y, first, 1), _month_span(y, first + unit.months - 1)[1]),
                             year=_year_of(ctx, s))
    return _iv(lo, hi, args["precision"], _grain(lo, unit)[2], cue=how)


@reading("quarter_offset", names_precision=True)
def _quarter_offset(ctx, s, args, text):
    d = _add_months(ctx.anchor.replace(day=1), 3 * _offset(s, args, text))
    lo, hi, edtf = _period(args, d)
    return _iv(lo, hi, args["precision"], edtf)


@reading("prior_year_quarter", names_precision=True)
def _prior_year_quarter(ctx, s, args, text):
    d = _add_months(ctx.anchor.replace(day=1), -3 - 12)
    lo, hi, edtf = _period(args, d)
    return _iv(lo, hi, args["precision"], edtf, review=True)


@reading("named_season", names_precision=True)
def _season(ctx, s, args, text):
    season = s.season
    first, last = ctx.conv("seasons")[season]
    part = s.spart

    def span(year: int):
        lo = dt.date(year, first, 1)
        end_year = year + 1 if last < first else year
        hi = _month_span(end_year, last)[1]
        if part == "first":
            hi = _month_span(year, first)[1]
        elif part == "last":
            lo = dt.date(end_year, last, 1)
        elif part == "middle":
            mid = _add_months(lo, 1)
            lo, hi = _month_span(mid.year, mid.month)
        return lo, hi

    rel = s.rel
    lo, hi, how = _recurring(ctx, span, rel=_rel(rel), year=_year_of(ctx, s))
    if part:
        edtf = f"{lo.year:04d}-{lo.month:02d}~"
    elif last < first:
        edtf = f"{lo.year:04d}-{lo.month:02d}/{hi.year:04d}-{hi.month:02d}"
    else:
        edtf = f"{lo.year:04d}-{_EDTF_SEASON[season]}"
    return _iv(lo, hi, args["precision"], edtf, review=(last < first and how is not None), cue=how)


@reading("year_part", names_precision=True)
def _year_part(ctx, s, args, text):
    m1, m2 = _part_range(ctx, args["precision"], s.part)
    lo, hi, how = _recurring(ctx, lambda y: (dt.date(y, m1, 1), _month_span(y, m2)[1]), year=_year_of(ctx, s))
    return _iv(lo, hi, args["precision"], f"{lo.year:04d}-{m1:02d}~/{hi.year:04d}-{m2:02d}~", cue=how)


@reading("year_offset", names_precision=True)
def _year_offset(ctx, s, args, text):
    a = ctx.anchor
    if s.rel == "new":
        y = a.year + _nearer_start(a, dt.date(a.year, 1, 1), dt.date(a.year + 1, 1, 1))
    else:
        y = a.year + int(s.rel if s.rel is not None else s.yref)
    lo, hi, edtf = _period(args, dt.date(y, 1, 1))
    return _iv(lo, hi, args["precision"], edtf)


@reading("calendar_year", names_precision=True)
def _year(ctx, s, args, text):
    y = int(s.year)
    if not 1 <= y <= 9999:
        raise _Invalid(f"year {y} is outside the calendar this suite reads (1 to 9999)")
    lo, hi, edtf = _period(args, dt.date(y, 1, 1))
    return _iv(lo, hi, args["precision"], edtf)


@reading("year_span", names_precision=True)
def _year_span(ctx, s, args, text):
    y1 = int(s.first)
    y2 = int(s.year) if s.year is not None else y1 // 100 * 100 + int(s.year2)
    if y2 < y1:
        y2 += 100 if s.year is None else 0
    if y2 < y1:
        raise _Invalid(f"the span of years ends ({y2}) before it starts ({y1})")
    return _iv(dt.date(y1, 1, 1), dt.date(y2, 12, 31), args["precision"], f"{y1:04d}/{y2:04d}")


@reading("named_decade", names_precision=True)
def _decade(ctx, s, args, text):
    a = ctx.anchor
    if s.decyear is not None:
        start = int(s.decyear)
    else:
        dec = int(s.dec)
        if s.cent is not None:
            base = (int(s.cent) - 1) * 100
        elif s.crel is not None:
            base = (a.year // 100 + int(s.crel)) * 100
        else:
            base = a.year // 100 * 100
            if base + dec > a.year:
                base -= 100
        start = base + dec
    if start % 10 or not 0 <= start <= 9990:
        raise _Invalid(f"{start} does not start a decade")
    return _span_of_years(ctx, s, args, start)


def _span_of_years(ctx: _Ctx, s: _Slots, args: dict, start: int) -> DateInterval:
    """A decade or a century (the rule's precision) from its first year, or the part of it the expression names
    (thirds)."""
    precision = args["precision"]
    lo, hi, edtf = _period(args, dt.date(max(start, 1), 1, 1))
    if s.part:
        o1, o2 = _part_range(ctx, precision, s.part)
        y1, y2 = start + o1, start + o2
        lo, hi, edtf = dt.date(max(y1, 1), 1, 1), dt.date(y2, 12, 31), f"{max(y1, 1):04d}~/{y2:04d}~"
    return _iv(lo, hi, precision, edtf)


@reading("numbered_century", names_precision=True)
def _century(ctx, s, args, text):
    c = int(s.c)
    if not 1 <= c <= 100:
        raise _Invalid(f"there is no century {c}")
    return _span_of_years(ctx, s, args, (c - 1) * 100)


@reading("recently", names_precision=True)
def _recently(ctx, s, args, text):
    lo = ctx.anchor - dt.timedelta(days=int(ctx.conv("recently_days")))
    return _iv(lo, ctx.anchor, args["precision"], f"{lo.isoformat()}~/{ctx.anchor.isoformat()}", review=True)


@reading("soon", names_precision=True)
def _soon(ctx, s, args, text):
    hi = ctx.anchor + dt.timedelta(days=int(ctx.conv("soon_days")))
    return _iv(ctx.anchor, hi, args["precision"], f"{ctx.anchor.isoformat()}/{hi.isoformat()}~", review=True)


@reading("until_now", names_precision=True)
def _until_now(ctx, s, args, text):
    return _iv(None, ctx.anchor, args["precision"], f"../{ctx.anchor.isoformat()}")


def _number(s: dict) -> float:
    n = s.num
    if n is None:
        raise _Invalid("no number")
    return float(n)


@reading("ago")
def _ago(ctx, s, args, text):
    n, unit = _number(s), _unit(ctx, s.unit)
    lo, hi, edtf = _grain(_add(ctx.anchor, -n, unit), unit)
    return _iv(lo, hi, unit.precision, edtf, review=bool(args.get("review")))


@reading("ahead")
def _ahead(ctx, s, args, text):
    n, unit = _number(s), _unit(ctx, s.unit)
    lo, hi, edtf = _grain(_add(ctx.anchor, n, unit), unit)
    return _iv(lo, hi, unit.precision, edtf, review=bool(args.get("review")))


def _few(ctx: _Ctx, s: dict) -> tuple[int, int]:
    return tuple(s.few) if s.few is not None else tuple(ctx.conv("plural_units"))


@reading("ago_vague", names_precision=True)
def _ago_vague(ctx, s, args, text):
    low, high = _few(ctx, s)
    unit = _unit(ctx, s.unit)
    lo = _grain(_add(ctx.anchor, -high, unit), unit)[0]
    hi = _grain(_add(ctx.anchor, -low, unit), unit)[1]
    return _iv(lo, hi, args["precision"], _span_edtf(lo, hi), review=True)


@reading("ahead_vague", names_precision=True)
def _ahead_vague(ctx, s, args, text):
    low, high = _few(ctx, s)
    unit = _unit(ctx, s.unit)
    lo = _grain(_add(ctx.anchor, low, unit), unit)[0]
    hi = _grain(_add(ctx.anchor, high, unit), unit)[1]
    return _iv(lo, hi, args["precision"], _span_edtf(lo, hi), review=True)


@reading("within")
def _within(ctx, s, args, text):
    if args.get("needs_future") and _SIDES.get(ctx.direction) != "after":  # "innerhalb eines Jahres stieg der Index"
        raise DateExpressionError(text, ctx.anchor, "a duration, not a date: 'within' is a deadline only when "
                                  "the sentence speaks of the future", final=True)
    unit = _unit(ctx, s.unit)
    hi = _add(ctx.anchor, _number(s) if s.num is not None else 1, unit)  # "binnen eines Jahres"
    return _iv(ctx.anchor, hi, unit.precision, f"{ctx.anchor.isoformat()}/{hi.isoformat()}")


@reading("past_n")
def _past_n(ctx, s, args, text):
    unit = _unit(ctx, s.unit)
    lo = _add(ctx.anchor, -_number(s), unit)
    return _iv(lo, ctx.anchor, unit.precision, f"{lo.isoformat()}/{ctx.anchor.isoformat()}")


@reading("since_duration")
def _since_duration(ctx, s, args, text):
    unit = _unit(ctx, s.unit)
    lo = _add(ctx.anchor, -_number(s), unit)
    return _iv(lo, ctx.anchor, unit.precision, f"{lo.isoformat()}~/{ctx.anchor.isoformat()}")


@reading("since_vague", names_precision=True)
def _since_vague(ctx, s, args, text):
    high = max(ctx.conv("plural_units"))
    unit = _unit(ctx, s.unit)
    lo = _grain(_add(ctx.anchor, -high, unit), unit)[0]
    return _iv(lo, ctx.anchor, args["precision"], f"{lo.isoformat()}~/{ctx.anchor.isoformat()}", review=True)


@reading("coming", names_precision=True)
def _coming(ctx, s, args, text):
    hi = _add(ctx.anchor, int(ctx.conv("some_units")), _unit(ctx, s.unit))
    return _iv(ctx.anchor, hi, args["precision"], f"{ctx.anchor.isoformat()}/{hi.isoformat()}~", review=True)


@reading("past_span", names_precision=True)
def _past_span(ctx, s, args, text):
    lo = _add(ctx.anchor, -int(ctx.conv("some_units")), _unit(ctx, s.unit))
    return _iv(lo, ctx.anchor, args["precision"], f"{lo.isoformat()}~/{ctx.anchor.isoformat()}", review=True)


@reading("day_shift", names_precision=True)
def _day_shift(ctx, s, args, text):
    """A day counted from a relative day: "heute in einer Woche", "gestern vor einem Jahr"."""
    base = ctx.anchor + dt.timedelta(days=int(s.relative_day or 0))
    n = _number(s) if s.num is not None else 1
    d = _add(base, n * int(args.get("sign", 1)), _unit(ctx, s.unit))
    return _iv(d, d, args["precision"], d.isoformat())


@reading("weekday_of_week", names_precision=True)
def _weekday_of_week(ctx, s, args, text):
    """A weekday of a week named relative to the anchor's: "Donnerstag der letzten Woche"."""
    d = _monday(ctx.anchor) + dt.timedelta(days=7 * _offset(s, args, text) + int(s.weekday))
    return _iv(d, d, args["precision"], d.isoformat())


def _nth_in_month(year: int, month: int, n: int, weekday: int | None) -> tuple[dt.date, dt.date] | None:
    """The n-th (or, for n = -1, the last) weekday of a month, or the n-th weekend (Saturday and Sunday)."""
    first_days = []
    wd = 5 if weekday is None else weekday
    d = dt.date(year, month, 1)
    d += dt.timedelta(days=(wd - d.weekday()) % 7)
    while d.month == month:
        first_days.append(d)
        d += dt.timedelta(days=7)
    if not first_days or abs(n) > len(first_days) or n == 0:
        return None
    day = first_days[n - 1] if n > 0 else first_days[n]
    return (day, day) if weekday is not None else (day, day + dt.timedelta(days=1))


@reading("nth_in_month", names_precision=True)
def _nth_in_month_reading(ctx, s, args, text):
    month, n = int(s.month), int(s.nth)
    weekday = int(s.weekday) if s.weekday is not None else None
    lo, hi, how = _recurring(ctx, lambda y: _nth_in_month(y, month, n, weekday), year=_year_of(ctx, s))
    return _iv(lo, hi, args["precision"] if weekday is not None else args["weekend_precision"],
               lo.isoformat() if lo == hi else f"{lo.isoformat()}/{hi.isoformat()}", cue=how)


# -- combinations: their parts are read recursively


@reading("day_around")
def _day_around(ctx, s, args, text):
    """The day before or after a day: "am Tag vor Heiligabend"."""
    iv = _read(ctx, s.inner)
    shift = int(args["shift"])
    base = iv.start if shift < 0 else iv.end  # the day before its first day, the day after its last
    if base is None:
        raise _Invalid("the day before or after an open date")
    d = base + dt.timedelta(days=shift)
    return replace(iv, start=d, end=d, edtf=d.isoformat())


@reading("offset_from")
def _offset_from(ctx, s, args, text):
    """A span counted from a date the expression names ("zwei Tage nach Ostern"); counted from an event it
    does not name ("sieben Jahre nach Ende der Handlung"), it is a duration, not a date."""
    try:
        iv = _read(ctx, s.inner)
    except DateExpressionError:
        raise DateExpressionError(text, ctx.anchor, "counts from an event the expression does not name: a "
                                  "duration, not a date", final=True) from None
    n, unit = _number(s), _unit(ctx, s.unit)
    sign = int(args.get("sign", 1))
    base = iv.end if sign > 0 else iv.start
    if base is None:
        raise _Invalid("a span from an open date")
    d = _add(base, sign * n, unit)
    lo, hi, edtf = _grain(d, unit)
    return replace(iv, start=lo, end=hi, precision=unit.precision, edtf=edtf)


@reading("years_before")
def _years_before(ctx, s, args, text):
    """A date whose year is counted back from the anchor: "am 20. Juli vor 70 Jahren"."""
    n, unit = _number(s), _unit(ctx, s.unit)
    inner = _read(ctx, s.inner)
    if inner.cue is None:  # "morgen vor hundert Jahren": the day itself, that far back
        lo = _add(inner.start, -n, unit) if inner.start else None
        hi = _add(inner.end, -n, unit) if inner.end else None
        edtf = lo.isoformat() if lo and lo == hi else _span_edtf(lo, hi, approximate=False)
        return replace(inner, start=lo, end=hi, edtf=edtf)
    base = _add(ctx.anchor, -n, unit)  # "am 20. Juli vor 70 Jahren": that day in the year that far back
    return _read(replace(ctx, year=base.year, direction=None), s.inner)


@reading("bracketed")
def _bracketed(ctx, s, args, text):
    """A date with an explicit date in brackets ("am frühen Samstagmorgen (04.01.2020)"): the bracket wins;
    where the words before it read otherwise, the reading is flagged for review."""
    iv = _read(ctx, s.b)
    try:
        words = _read(ctx, s.a)
        review = (words.start, words.end) != (iv.start, iv.end)
    except DateExpressionError:
        review = True
    return replace(iv, needs_review=iv.needs_review or review)


def _first_bound(iv: DateInterval) -> str:
    """The EDTF of an interval's start, as a calendar date or day."""
    first = iv.edtf.split("/")[0].lstrip("[").split(",")[0].rstrip("~")
    if not re.fullmatch(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d\d)?)?", first):
        first = iv.start.isoformat()
    return first


@reading("since")
def _since(ctx, s, args, text):
    iv = _read(replace(ctx, direction=_TOWARD["before"]), s.inner)
    if iv.start is None:
        raise _Invalid("'since' needs a start, and this expression has none")
    if iv.start > ctx.anchor:
        raise _Invalid(f"'since' names a start ({iv.start}) after the anchor")
    return replace(iv, end=ctx.anchor, edtf=f"{_first_bound(iv)}/{ctx.anchor.isoformat()}", cue=None)


@reading("from")
def _from(ctx, s, args, text):
    iv = _read(_ahead_ctx(ctx), s.inner) if s.inner is not None else \
        _iv(ctx.anchor, ctx.anchor, _OPEN, ctx.anchor.isoformat())
    if iv.start is None:
        raise _Invalid("'from' needs a start, and this expression has none")
    return replace(iv, end=None, precision=_OPEN, edtf=f"{_first_bound(iv)}/..")


def _ahead_ctx(ctx: _Ctx) -> _Ctx:
    """'ab', 'bis', 'vor', 'nach' announce: without a tense cue, the period they name lies ahead."""
    return ctx if ctx.direction is not None else replace(ctx, direction=_TOWARD["after"])


@reading("until")
def _until(ctx, s, args, text):
    iv = _read(_ahead_ctx(ctx), s.inner)
    if iv.end is None:
        raise _Invalid("'until' needs an end, and this expression has none")
    if iv.end > ctx.anchor:
        return replace(iv, start=ctx.anchor, edtf=f"{ctx.anchor.isoformat()}/{iv.end.isoformat()}")
    return replace(iv, start=None, precision=_OPEN, edtf=f"../{iv.end.isoformat()}")


@reading("before")
def _before(ctx, s, args, text):
    iv = _read(_ahead_ctx(ctx), s.inner)
    if iv.start is None:
        raise _Invalid("'before' needs a day to be before")
    end = iv.start - dt.timedelta(days=1)
    start = ctx.anchor if end >= ctx.anchor else None
    return replace(iv, start=start, end=end, precision=_OPEN, edtf=_span_edtf(start, end, approximate=False))


@reading("after")
def _after(ctx, s, args, text):
    iv = _read(_ahead_ctx(ctx), s.inner)
    if iv.end is None:
        raise _Invalid("'after' needs a day to be after")
    start = iv.end + dt.timedelta(days=1)
    return replace(iv, start=start, end=None, precision=_OPEN, edtf=f"{start.isoformat()}/..")


def _carry(lang: Language, left: str, right: str) -> str:
    """Give the left part of a range what it leaves to the right: a month ("3. bis 5. März") and a year
    ("Ende Juni bis Anfang Juli 2019")."""
    pats = lang.patterns
    core = list(_strip_steps(left, lang))[-1]  # "am 16." is a bare day too
    if "bare_day" in pats and pats["bare_day"].fullmatch(core):
        # "3. bis 5. März 2022", "11. und 19. Jahrhundert": the right's words after its number
        lead = pats["bare_day"].match(right)
        if lead and right[lead.end():].strip():
            return f"{left} {right[lead.end():].strip()}"
        m = pats["month_on"].search(right)
        if m:
            return f"{left} {right[m.start():]}"
    tail = pats["year_tail"].search(right) if "year_tail" in pats else None
    if tail and not pats["year_tail"].search(left):
        left = f"{left}{tail.group(0)}"
    return left


def _union(ctx: _Ctx, s: dict, how: str) -> DateInterval:
    left_text, right_text = s.a, s.b
    carried = _carry(ctx.lang, left_text, right_text)
    b = _read(ctx, right_text)
    a = _read(ctx, carried)
    if b.start is not None and a.start is not None and a.start > b.start:
        if carried != left_text and re.search(r"\b\d{4}\b", carried) and not re.search(r"\b\d{4}\b", left_text):
            y = re.findall(r"\b(\d{4})\b", carried)[-1]  # "Dezember bis Februar 2025": December of 2024
            a = _read(ctx, carried.replace(y, str(int(y) - 1)))
        elif a.cue is not None:  # a recurring part: the occurrence before the second
            a = replace(_read(replace(ctx, year=a.start.year - 1), carried), cue=_BY_SECOND)
    if a.start is None and how != "span":
        raise _Invalid("a part without a start")
    lo = a.start
    hi = b.end if b.end is not None else None
    if lo is not None and hi is not None and lo > hi:
        raise _Invalid(f"the interval ends ({hi}) before it starts ({lo})")
    if b.start is not None and a.start is not None and b.start < a.start:
        raise _Invalid(f"the interval ends ({b.end}) before it starts ({a.start})")
    precision = max((a.precision, b.precision), key=lambda p: schema.attribute("precision", p, "order"))
    if lo is None or hi is None:
        precision = _OPEN
    plain = all(re.fullmatch(r"\d{4}(?:-(?:0[1-9]|1[0-2])(?:-\d\d)?)?~?", p.edtf) for p in (a, b))
    disjoint = a.end is not None and b.start is not None and a.end < b.start
    if how == "either" and plain and disjoint:
        edtf = f"[{a.edtf.rstrip('~')},{b.edtf.rstrip('~')}]"
    elif plain and disjoint:
        edtf = f"{a.edtf}/{b.edtf}"
    else:
        edtf = _span_edtf(lo, hi)
    cue = a.cue or b.cue
    return DateInterval(lo, hi, precision, edtf, "", a.needs_review or b.needs_review, cue)


@reading("span")
def _range(ctx, s, args, text):
    return _union(ctx, s, "span")


@reading("either")
def _either(ctx, s, args, text):
    return _union(ctx, s, "either")


@reading("both")
def _both(ctx, s, args, text):
    return _union(ctx, s, "both")


# --------------------------------------------------------------------------- the engine


def _slots(lang: Language, rule: Rule, m: re.Match) -> _Slots:
    from .numbers import parse_number

    out = _Slots()
    for group, (slot, kind) in rule.slots.items():
        text = m.group(group)
        if text is None or out.get(slot) is not None:
            continue
        if kind == "expr":
            out[slot] = text
        elif kind == "num":
            out[slot] = parse_number(text, lang=lang, fractions=True)
        elif kind in BUILTIN_SLOTS:  # the text of a built-in slot (num and expr are read above)
            out[slot] = text
        else:
            out[slot] = lang.value(kind, text)
    return out


_QUOTES = "„“”\"'‚‘’«»‹›"


def _clean(expression: str) -> str:
    """One space between words, no quotation marks or trailing commas around it, lower case."""
    return " ".join(expression.split()).strip(_QUOTES + " ,;:!?").strip(_QUOTES + " ").lower()


def _strip_steps(text: str, lang: Language):
    """The text, then the text without one leading filler word at a time."""
    yield text
    fillers = lang.fillers
    while True:
        for f in sorted(fillers, key=len, reverse=True):
            if text.startswith(f + " "):
                text = text[len(f) + 1:].strip()
                break
        else:
            return
        if not text:
            return
        yield text


def _read(ctx: _Ctx, text: str) -> DateInterval:
    """Read a cleaned expression: the first rule that matches it (after dropping fillers) and reads."""
    first_error: DateExpressionError | None = None
    steps = list(_strip_steps(text.strip(), ctx.lang))
    if text.endswith("."):  # a sentence's full stop, or an abbreviation's dot: try both
        steps = [v for step in steps for v in (step, step.rstrip(". "))]
    atoms = [r for r in ctx.lang.rules if not r.recursive]
    combinations = [r for r in ctx.lang.rules if r.recursive]
    # A rule that reads the expression as one thing wins over a combination of parts, whatever fillers
    # stand in front ("am Mittwoch abend" is a weekday, not a weekday and a daypart).
    for rules in (atoms, combinations):
        for step in steps:
            for rule in rules:
                m = rule.match(step)
                if m is None:
                    continue
                try:
                    iv = READINGS[rule.reads](ctx, _slots(ctx.lang, rule, m), rule.args, step)
                except DateExpressionError as exc:
                    if exc.final and not rule.recursive:  # refused as a whole; a refused part fails its rule
                        raise
                    first_error = first_error or DateExpressionError(text, ctx.anchor, exc.reason)
                    continue
                except _Invalid as exc:
                    first_error = first_error or DateExpressionError(text, ctx.anchor, str(exc))
                    continue
                except (_OutOfRange, OverflowError):
                    first_error = first_error or DateExpressionError(text, ctx.anchor, "the reading leaves the "
                                                                     "calendar (before year 1 or after 9999)")
                    continue
                method = f"rule:{rule.name}"
                if rule.recursive and iv.method:  # a combination names what read its parts: "rule:since+month"
                    method += "+" + iv.method.removeprefix("rule:")
                return replace(iv, method=method)
    if first_error is not None:
        raise first_error
    raise DateExpressionError(text, ctx.anchor, "no rule matches")


@functools.lru_cache(maxsize=8)
def _language(lang_code: str) -> Language:
    """A language file, its rules checked against the readings (once)."""
    lang = load_language(lang_code)
    check_rules(lang)
    return lang


@functools.lru_cache(maxsize=65536)
def _read_cached(text: str, anchor: dt.date, direction: str | None, year: int | None, lang_code: str,
                 original: str) -> DateInterval:
    lang = _language(lang_code)
    ctx = _Ctx(anchor, direction, year, lang)
    try:
        return _read(ctx, text)
    except DateExpressionError as exc:
        if exc.final or exc.reason != "no rule matches":
            raise DateExpressionError(original, anchor, exc.reason, exc.final) from None
    return _dateparser(text, anchor, original, lang)


@functools.lru_cache(maxsize=1)
def _parser():
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["de"], settings={"PREFER_DAY_OF_MONTH": "first"})


def _dateparser(core: str, anchor: dt.date, original: str, lang: Language) -> DateInterval:
    """The fallback: what dateparser reads where no rule does, flagged for review."""
    if not re.search(r"[^\W\d_]", core):
        raise DateExpressionError(original, anchor, "no date word in the expression" if core.strip() else
                                  "empty expression")
    parser = _parser()
    parser._settings.RELATIVE_BASE = dt.datetime(anchor.year, anchor.month, anchor.day)
    try:
        data = parser.get_date_data(core)
    except Exception as exc:  # dateparser raises a variety of errors on odd input
        raise DateExpressionError(original, anchor, f"no rule matches, and dateparser failed: {exc}") from None
    if data.date_obj is None:
        raise DateExpressionError(original, anchor, "no rule matches and dateparser finds no date")
    d = data.date_obj.date()
    unit = _precision_unit(_dateparser_precision(data.period))
    lo, hi, edtf = _grain(d, unit)
    return DateInterval(lo, hi, unit.precision, edtf, "dateparser", True)


def _dateparser_precision(period: str | None) -> str:
    """dateparser's period (day, week, month, year, or time) as a precision: the one it names where that is a
    calendar unit, else the finest unit (a time of day is read to the day)."""
    units = [p for p in PRECISIONS if schema.attribute("precision", p, "unit_days")
             or schema.attribute("precision", p, "unit_months")]
    return period if period in units else units[0]


# --------------------------------------------------------------------------- direction from the sentence


@dataclass(frozen=True)
class _Cue:
    direction: str
    strength: int  # 2: a tense mark; 1: a present tense (weaker)
    start: int
    end: int
    word: str


@functools.lru_cache(maxsize=8)
def _tense(lang_code: str):
    lang = load_language(lang_code)
    tense = lang.tense
    words = {}
    patterns = []
    # Each section of cues gives the direction it is named after (or the one it ``reads_as``), with its strength;
    # a section's patterns skip the words it lists as ``not_past`` and ``not_past_patterns`` and, where it lists
    # any, a cue word of any section.
    for key, section in tense.items():
        if not isinstance(section, dict):
            continue
        direction = str(section.get("reads_as", key))
        if direction not in _SIDES:
            raise LanguageError(f"{lang.path.name}: tense.{key} gives the direction {direction!r}, which is no "
                                f"direction of schema.yaml ({', '.join(_SIDES)})")
        strength = int(section.get("strength", 2))
        for w in section.get("words") or []:
            words.setdefault(str(w).lower(), (direction, strength))
        not_words = {str(w).lower() for w in section.get("not_past") or []}
        not_res = [re.compile(p) for p in section.get("not_past_patterns") or []]
        patterns += [(direction, re.compile(p), (not_words, not_res)) for p in section.get("patterns") or []]
    word_re = re.compile(r"(?<!\w)(" + lang.word_regex(words) + r")(?!\w)", re.IGNORECASE) if words else None
    breaks = re.compile(tense.get("clause_breaks") or r"[,;:]")
    reach = int(tense.get("present_reach", 1))
    speech = {str(w).lower() for w in tense.get("speech") or []}
    return words, word_re, patterns, breaks, (reach, speech)


@functools.lru_cache(maxsize=65536)
def direction_cue(sentence: str, expression: str | None = None, lang_code: str = "de") -> tuple[str | None, str | None]:
    """Whether a sentence speaks of the past or the future around an expression, and the word that says so.

    The cue nearest the expression decides: a tense mark in the expression's clause first, then a present
    tense right beside the expression, then a tense mark in another clause (not a verb of saying, which
    frames what is said without dating it). Returns (None, None) without a cue.

    >>> direction_cue("Am Mittwoch soll der Rat entscheiden.", "Am Mittwoch")
    ('future', 'soll')
    >>> direction_cue("Sie hatte im Mai gewarnt.", "im Mai")
    ('past', 'hatte')
    >>> direction_cue("Er sagte, am Sonntag beginnt der Gipfel.", "am Sonntag")
    ('future', 'beginnt')
    >>> direction_cue("Im Mai regnet es.", "Im Mai")
    (None, None)
    """
    if not sentence:
        return None, None
    words, word_re, patterns, breaks, (reach, speech) = _tense(lang_code)
    lower = sentence.lower()
    if expression:
        pos = lower.find(expression.lower())
        span = (pos, pos + len(expression)) if pos >= 0 else (0, 0)
    else:
        span = (0, 0)
    bounds = [0] + [m.end() for m in breaks.finditer(sentence)] + [len(sentence) + 1]

    def clause_of(i: int) -> int:
        for k in range(len(bounds) - 1):
            if bounds[k] <= i < bounds[k + 1]:
                return k
        return len(bounds) - 2

    home = clause_of(span[0])
    cues: list[_Cue] = []
    if word_re is not None:
        for m in word_re.finditer(sentence):
            direction, strength = words[m.group(1).lower()]
            cues.append(_Cue(direction, strength, m.start(), m.end(), m.group(1)))
    for k in range(len(bounds) - 1):  # patterns within each clause (an auxiliary and its participle)
        lo, hi = bounds[k], min(bounds[k + 1], len(sentence))
        clause = sentence[lo:hi]
        for direction, rx, (not_words, not_res) in patterns:
            for m in rx.finditer(clause):
                g = "cue" if "cue" in rx.groupindex else 0
                word = m.group(g)
                if word is None:
                    continue
                if (not_words or not_res) and (word.lower() in not_words or word.lower() in words
                                               or any(rx_.fullmatch(word.lower()) for rx_ in not_res)):
                    continue
                cues.append(_Cue(direction, 2, lo + m.start(g), lo + m.end(g), word))
    cues = [c for c in cues if c.end <= span[0] or c.start >= span[1]]  # not the expression's own words
    if not cues:
        return None, None

    def distance(c: _Cue) -> int:
        return span[0] - c.end if c.end <= span[0] else c.start - span[1]

    def words_between(c: _Cue) -> int:
        gap = sentence[c.end:span[0]] if c.end <= span[0] else sentence[span[1]:c.start]
        return len(re.findall(r"\w+", gap))

    in_clause = [c for c in cues if clause_of(c.start) == home]
    # A heading ("Dienstag: In Mainz steigt das Fest"): the expression is its clause; what follows speaks of it.
    clause_text = sentence[bounds[home]:min(bounds[home + 1], len(sentence))]
    heading = span[1] > span[0] and not re.sub(r"\W+", "", clause_text.lower().replace(lower[span[0]:span[1]], ""))
    near = in_clause + ([c for c in cues if clause_of(c.start) == home + 1] if heading else [])
    beside = [c for c in near if c.strength == 1 and words_between(c) <= reach + (2 if heading else 0)]
    elsewhere = [c for c in cues if c.strength == 2 and clause_of(c.start) != home and c.word.lower() not in speech]
    for pool in ([c for c in in_clause if c.strength == 2], beside, elsewhere):
        if pool:
            best = min(pool, key=lambda c: (distance(c), c.start))
            return best.direction, best.word
    return None, None


_YEAR_IN_TEXT = re.compile(r"(?<![\d.,])(1[0-9]{3}|20[0-9]{2})(?![\d.,])")


def reading_context(expression: str, sentence: str | None, lang_code: str = "de") -> tuple[str | None, str | None,
                                                                                              int | None]:
    """What the sentence contributes to reading an expression: (direction, cue word, a year from earlier in it).

    >>> reading_context("Ende Juni bis Anfang Juli", "Im Jahr 2019 tagte er von Ende Juni bis Anfang Juli.")
    ('past', 'tagte', 2019)
    """
    if not sentence:
        return None, None, None
    direction, word = direction_cue(sentence, expression, lang_code)
    year = None
    pos = sentence.lower().find(expression.lower()) if expression else -1
    if pos > 0 and not _YEAR_IN_TEXT.search(expression):
        years = _YEAR_IN_TEXT.findall(sentence[:pos])
        year = int(years[-1]) if years else None
    return direction, word, year


def normalise_date(expression: str, anchor: dt.date, sentence: str | None = None, *, direction: str | None = None,
                   lang: str = "de") -> DateInterval:
    """Read a date expression against an anchor date, using its sentence to choose the direction.

    Args:
        expression: the expression as it stands in the text, preposition included
            ("am 18. Oktober", "seit September", "in der Nacht zum Dienstag").
        anchor: the date relative expressions are read from: the article's publication date,
            or the date of the statement the expression sits in.
        sentence: the sentence the expression stands in (optional): its tense chooses the
            direction of a recurring expression, and a year earlier in it is taken.
        direction: a value of the vocabulary direction ("past", "future") to pin the direction
            (overrides the sentence).
        lang: the language file to read with.

    Returns:
        A :class:`DateInterval` (see ``docs/dates-and-numbers.md`` for the conventions).

    Raises:
        DateExpressionError: a duration, a clock time without a day, a bare number, an impossible
            date, or an expression nothing reads.

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
        >>> normalise_date("im März", dt.date(2025, 5, 5), "Der Bericht wird im März vorgelegt.").edtf
        '2026-03'
        >>> normalise_date("drei Jahre lang", a)
        Traceback (most recent call last):
        ...
        timeline.dates.DateExpressionError: cannot read date expression 'drei Jahre lang' (anchor 2025-11-04): a duration, not a date
    """
    if direction is not None and direction not in _SIDES:
        raise DateExpressionError(str(expression), anchor, f"direction must be {' or '.join(map(repr, _SIDES))}, "
                                  f"got {direction!r}")
    return read_in_context(expression, anchor, context(expression, sentence, direction, lang), lang)


def context(expression: str, sentence: str | None, direction: str | None = None,
            lang: str = "de") -> tuple[str | None, str | None, int | None]:
    """The reading context of an expression: (direction, cue word, year from the sentence). A pinned
    direction wins over the sentence (its cue word is "pinned")."""
    if direction is not None:
        return direction, "pinned", None
    words = str(expression).strip().lower().split(" ") if expression else [""]
    fixed = next((direction for direction, prefixes, unless in _prefixes(lang)
                  if words[0] in prefixes and not unless & set(words[1:])), None)
    if fixed:  # "auf den Frühsommer verschoben", "das Telefonat vom 21. Oktober": the expression's own word
        _, _, year = reading_context(expression, sentence, lang) if sentence else (None, None, None)
        return fixed, words[0], year
    if sentence and isinstance(sentence, str):
        return reading_context(expression, sentence, lang)
    return None, None, None


@functools.lru_cache(maxsize=8)
def _prefixes(lang_code: str) -> list[tuple[str, set[str], set[str]]]:
    """The language's first words that fix a direction: (direction, words, words after them that undo it)."""
    lang = load_language(lang_code)
    out = []
    for entry in lang.tense.get("prefixes") or []:
        direction = str(entry["direction"])
        if direction not in _SIDES:
            raise LanguageError(f"{lang.path.name}: tense.prefixes names {direction!r}, which is no direction of "
                                f"schema.yaml ({', '.join(_SIDES)})")
        out.append((direction, {str(w).lower() for w in entry.get("words") or []},
                    {str(w).lower() for w in entry.get("unless") or []}))
    return out


def read_in_context(expression: str, anchor: dt.date, ctx: tuple[str | None, str | None, int | None],
                    lang: str = "de") -> DateInterval:
    """Read an expression with a context from :func:`context`: each distinct (expression, anchor, direction,
    year) is parsed once (cached); the cue's words are filled in afterwards."""
    if not isinstance(expression, str):
        raise DateExpressionError(repr(expression), anchor, "not a text")
    if not isinstance(anchor, dt.date) or isinstance(anchor, dt.datetime):
        raise DateExpressionError(expression, None, f"anchor must be a date, got {anchor!r}")
    text = _clean(expression)
    if not text:
        raise DateExpressionError(expression, anchor, "empty expression")
    if len(text) > 200:
        raise DateExpressionError(expression[:60] + "...", anchor, "longer than 200 characters: not a date "
                                  "expression")
    direction, word, year = ctx
    iv = _read_cached(text, anchor, direction, year, lang, expression)
    # a reading that the news default decided between two near occurrences is one a person should check
    return replace(iv, cue=_cue_text(iv.cue, direction, word, year), needs_review=iv.needs_review or
                   iv.cue == _BY_DEFAULT_UNSURE)


def _cue_text(how: str | None, direction: str | None, word: str | None, year: int | None) -> str | None:
    if how is None:
        return None
    if how == _BY_YEAR:
        return f"year {year} from the sentence"
    if how == _BY_DIRECTION:
        return f"{direction}: pinned by the record" if word == "pinned" else f"{direction}: {word!r}"
    if how in (_BY_DEFAULT, _BY_DEFAULT_UNSURE):
        return "no cue: news default"
    if how == _BY_SECOND:
        return "the first part takes the occurrence before the second"
    if how == _BY_WEEKDAY:
        return "the year in which the named weekday fits the date"
    return how


def open_until(anchor: dt.date) -> DateInterval:
    """The interval for a time the text does not give: on or before the anchor.

    >>> import datetime as dt
    >>> open_until(dt.date(2024, 10, 27)).edtf
    '../2024-10-27'
    """
    return DateInterval(None, anchor, _OPEN, f"../{anchor.isoformat()}", "rule:not-stated")


# --------------------------------------------------------------------------- finding dates in text


def _rule_table(lang_code: str = "de") -> list[tuple[str, str, str, str]]:
    """(name, pattern, reading, first example) of every rule of a language."""
    out = []
    for rule in load_language(lang_code).rules:
        example = rule.examples[0] if rule.examples else None
        if isinstance(example, dict):
            example = example.get("expr")
        elif isinstance(example, list):
            example = example[0]
        out.append((rule.name, rule.pattern, rule.reads, str(example) if example is not None else ""))
    return out


#: The rule table of the default language: (name, pattern, reading, example).
RULES: list[tuple[str, str, str, str]] = _rule_table()


@functools.lru_cache(maxsize=8)
def _mention_res(lang_code: str) -> list[tuple[str, re.Pattern]]:
    lang = load_language(lang_code)
    out = [(name, re.compile(r"(?<!\w)(?:" + lang.word_regex(words) + r")(?!\w)", re.IGNORECASE))
           for name, words in (lang.raw.get("mention_words") or {}).items()]
    for rule in lang.rules:
        if not rule.mention or rule.recursive or rule.reads == "refuse":
            continue
        out.append((rule.name, re.compile(r"(?<!\w)(?:" + rule.regex.pattern + r")(?!\w)", re.IGNORECASE)))
    return out


def date_mentions(text: str, lang: str = "de") -> list[tuple[int, int, str]]:
    """Where a text mentions a date: (start, end, rule name), in text order.

    Uses the rules of the language file that mark a date (not the combinations, not the words too common to
    mark one, such as "bereits") and its ``mention_words`` (words that mark a time reference without being
    a date, such as "seit" before an event); overlapping hits of different rules are all kept.

    >>> text = "Seit September kam er am Vortag."
    >>> [(text[s:e], n) for s, e, n in date_mentions(text)]
    [('Seit', 'since'), ('September', 'month'), ('Vortag', 'relative-day')]
    >>> date_mentions("Bereits früher kamen Soldaten.")
    []
    """
    from .coverage import counted_year

    hits = {(m.start(), m.end(), name) for name, rx in _mention_res(lang) for m in rx.finditer(text)
            if m.end() > m.start() and not (re.fullmatch(r"\d{4}", m.group(0)) and counted_year(text, m.start(), lang))}
    return sorted(hits, key=lambda h: (h[0], h[1], h[2]))
