"""Property-based tests of the normalisers: any input gives a result or the documented error.

Two kinds of input: random text, and structured expressions built from the rule
vocabulary of timeline.dates (months, seasons, parts of a month, prefixes, years
2000-2030, "oder"/"und"/"bis"). Every interval has start <= end, and every EDTF
string written parses back with the ``edtf`` package to the same strict bounds
(an open start to '..'). About 4,700 examples in all at full size (the benchmark's fuzz section), a
quarter of them in the test suite (tests/fuzzing.py); derandomized.
"""

from __future__ import annotations

import datetime as dt
import functools
import math

import edtf
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import RANDOM, examples
from timeline.dates import PRECISIONS, DateExpressionError, DateInterval, normalise_date
from timeline.language import load_language
from timeline.numbers import QUALIFIERS, VAGUE_COUNTS, Count, CountExpressionError, parse_count

#: Thousands of generated examples: seconds, not milliseconds; `make test` runs them, `make test-unit` does not.
pytestmark = pytest.mark.slow


def fuzz(n: int) -> settings:
    """Settings for a property of n examples at full size (the suite runs a share of them, tests/fuzzing.py):
    no deadline (the first dateparser call is slow), derandomized (the same
    examples every run, so the suite is deterministic), no example database written into the repository."""
    return settings(max_examples=examples(n), deadline=None, derandomize=not RANDOM, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

_DE = load_language("de")
#: The vocabulary of the language file: months, seasons, parts of a month, weekdays.
MONTHS = _DE.classes["month"]
SEASONS = _DE.classes["season"]
MONTH_PARTS = _DE.classes["part_between"]
WEEKDAYS = _DE.classes["weekday"]

anchors = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31))
years = st.integers(2000, 2030)
months = st.sampled_from(sorted(MONTHS))
# Text drawn from German letters, digits and the punctuation the articles use, plus any unicode.
german = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzäöüßAÖÜ0123456789 .,-–/„“\"'~[]()")),
                 max_size=40)
any_text = st.one_of(german, st.text(max_size=30))


def _year_suffix():
    return st.one_of(st.just(""), years.map(lambda y: f" {y}"),
                     st.sampled_from([" dieses Jahres", " letzten Jahres", " des vergangenen Jahres",
                                      " nächsten Jahres"]))


@st.composite
def _simple(draw) -> str:
    kind = draw(st.sampled_from(["month", "season", "part", "day", "half", "weekday", "year", "relative", "word"]))
    if kind == "month":
        return draw(months).capitalize() + draw(_year_suffix())
    if kind == "season":
        part = draw(st.sampled_from(["", "Früh", "Spät"]))
        season = draw(st.sampled_from(sorted(SEASONS)))
        return (part + season if part else season.capitalize()) + draw(_year_suffix())
    if kind == "part":
        p1 = draw(st.sampled_from(sorted(MONTH_PARTS))).capitalize()  # Anfang, Mitte, Ende
        p2 = draw(st.sampled_from([""] + [f" und {p.capitalize()}" for p in MONTH_PARTS]
                                  + [f" bis {p.capitalize()}" for p in MONTH_PARTS]))
        between = "zwischen " if p2.startswith(" und") and draw(st.booleans()) else ""
        return f"{between}{p1}{p2} {draw(months).capitalize()}{draw(_year_suffix())}"
    if kind == "day":
        day = draw(st.integers(1, 31))
        return f"{day}. {draw(months).capitalize()}" + draw(st.one_of(st.just(""), years.map(lambda y: f" {y}")))
    if kind == "half":
        return draw(st.sampled_from(["ersten", "zweiten"])) + " Jahreshälfte" + draw(_year_suffix())
    if kind == "weekday":
        rel = draw(st.sampled_from(["", "nächsten ", "vergangenen "]))
        return rel + draw(st.sampled_from(sorted(WEEKDAYS))).capitalize()
    if kind == "year":
        return str(draw(years))
    if kind == "relative":
        rel = draw(st.sampled_from(["vergangenen", "nächsten", "kommenden", "letzten"]))
        return f"{rel} {draw(months).capitalize()}"
    return draw(st.sampled_from(["derzeit", "kürzlich", "zuvor", "Vortag", "den kommenden Monaten",
                                 "den letzten Monaten", "nächsten Jahr", "vergangenen Jahr", "diesem Jahr"]))


@st.composite
def structured(draw) -> str:
    """An expression from the rule vocabulary: prefix + one part, or two joined by oder/und/bis."""
    prefix = draw(st.sampled_from(["", "am ", "im ", "in der ", "seit ", "ab ", "für ", "vom ", "in den "]))
    left = draw(_simple())
    if draw(st.booleans()):
        return prefix + left
    joiner = draw(st.sampled_from([" oder ", " und ", " bis "]))
    return prefix + left + joiner + draw(_simple())


def _day(t) -> dt.date:
    return dt.date(t.tm_year, t.tm_mon, t.tm_mday)


@functools.lru_cache(maxsize=None)
def _edtf_bounds(text: str):
    """Strict bounds of an EDTF string by the ``edtf`` package (cached: a parse costs 10-40 ms)."""
    parsed = edtf.parse_edtf(text)  # raises on an EDTF string the package cannot read
    return parsed.lower_strict(), parsed.upper_strict()


def _check_interval(iv: DateInterval, check_edtf: bool = True) -> None:
    assert isinstance(iv, DateInterval)
    assert iv.start is not None or iv.end is not None, iv
    assert iv.start is None or iv.end is None or iv.start <= iv.end, iv
    assert iv.precision in PRECISIONS
    assert (iv.start is None or iv.end is None) <= (iv.precision == "vague"), iv  # open means vague
    assert isinstance(iv.edtf, str) and iv.edtf
    if not check_edtf:
        return
    lower, upper = _edtf_bounds(iv.edtf)
    if iv.start is None:
        assert iv.edtf.startswith("../"), iv
        assert isinstance(lower, float) and math.isinf(lower), (iv, lower)
    else:
        assert _day(lower) == iv.start, (iv, lower)
    if iv.end is None:
        assert iv.edtf.endswith("/.."), iv
        assert isinstance(upper, float) and math.isinf(upper), (iv, upper)
    else:
        assert _day(upper) == iv.end, (iv, upper)


def _normalise_or_documented_error(expr: str, anchor: dt.date, check_edtf: bool = True) -> DateInterval | None:
    try:
        iv = normalise_date(expr, anchor)
    except DateExpressionError as exc:
        assert exc.expression == expr
        assert exc.reason
        return None
    _check_interval(iv, check_edtf)
    return iv


@fuzz(1500)
@given(expr=any_text, anchor=anchors)
def test_normalise_date_on_any_text(expr, anchor):
    _normalise_or_documented_error(expr, anchor)


@fuzz(1000)
@given(expr=structured(), anchor=anchors)
def test_normalise_date_on_structured_expressions(expr, anchor):
    _normalise_or_documented_error(expr, anchor, check_edtf=False)


#: A few anchors (leap day, year ends, the seeds' dates), so that EDTF strings repeat and their parse is cached.
FEW_ANCHORS = st.sampled_from([dt.date(2000, 1, 1), dt.date(2004, 2, 29), dt.date(2024, 10, 23),
                               dt.date(2025, 6, 24), dt.date(2025, 12, 31), dt.date(2030, 12, 31)])


@fuzz(300)
@given(expr=structured(), anchor=FEW_ANCHORS)
def test_every_edtf_written_parses_back_to_the_same_bounds(expr, anchor):
    _normalise_or_documented_error(expr, anchor, check_edtf=True)


@fuzz(150)
@given(month=months, year=years, anchor=anchors)
def test_a_month_with_its_year_reads_as_that_month(month, year, anchor):
    """A structured expression whose meaning is known must not only parse but give the right bounds."""
    iv = normalise_date(f"im {month.capitalize()} {year}", anchor)
    m = MONTHS[month]
    assert iv.start == dt.date(year, m, 1) and iv.end.month == m and iv.end.year == year
    assert iv.precision == "month"
    _check_interval(iv)


# --------------------------------------------------------------------------- counts

numbers = st.one_of(
    st.integers(0, 999),
    st.integers(1_000, 999_999).map(lambda n: f"{n:,}".replace(",", ".")),
    st.integers(1, 99).map(lambda n: f"{n},5 Millionen"),
    st.sampled_from(["vier", "zehn", "tausend", "zwölf"]),
).map(str)
prefixes = st.sampled_from(sorted({p for _, ps, _ in QUALIFIERS for p in ps}))


@st.composite
def count_expressions(draw) -> str:
    kind = draw(st.sampled_from(["qualified", "range", "vague", "filler"]))
    if kind == "qualified":
        prefix = draw(prefixes)
        return f"{prefix} {draw(numbers)}".strip()
    if kind == "range":
        return f"zwischen {draw(numbers)} {draw(st.sampled_from(['und', 'bis']))} {draw(numbers)}"
    if kind == "vague":
        return draw(st.sampled_from(sorted(VAGUE_COUNTS))).capitalize()
    return f"{draw(st.sampled_from(['weitere', 'insgesamt', 'bereits']))} {draw(numbers)}"


def _count_or_documented_error(expr: str) -> Count | None:
    try:
        c = parse_count(expr)
    except CountExpressionError as exc:
        assert exc.expression == expr and exc.reason
        return None
    assert isinstance(c, Count)
    values = [v for v in (c.low, c.best, c.high) if v is not None]
    assert values, c
    assert all(isinstance(v, int) and v >= 0 for v in values)
    assert values == sorted(values), c  # low <= best <= high where given
    return c


@fuzz(1000)
@given(expr=st.one_of(german, st.text(max_size=30)))
def test_parse_count_on_any_text(expr):
    _count_or_documented_error(expr)


@fuzz(600)
@given(expr=count_expressions())
def test_parse_count_on_structured_expressions(expr):
    _count_or_documented_error(expr)


@fuzz(200)
@given(low=st.integers(0, 10**6), high=st.integers(0, 10**6))
def test_a_range_reads_in_order_or_is_rejected(low, high):
    expr = f"zwischen {low:,} und {high:,}".replace(",", ".")
    if low > high:
        with pytest.raises(CountExpressionError, match="above"):
            parse_count(expr)
    else:
        c = parse_count(expr)
        assert (c.low, c.best, c.high) == (low, None, high)
