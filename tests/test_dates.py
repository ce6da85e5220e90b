"""German date expressions from the seed texts, read against the anchors the records use."""

import datetime as dt

import pytest

from timeline.dates import PRECISIONS, RULES, DateExpressionError, normalise_date, open_until

D = dt.date

# (expression as in the seed, anchor, start, end, precision, edtf, method prefix)
SEED_CASES = [
    # 000 (published 2025-11-04)
    ("seit September", D(2025, 11, 4), D(2025, 9, 1), D(2025, 11, 4), "month", "2025-09/2025-11-04", "dateparser"),
    ("derzeit", D(2025, 11, 4), D(2025, 11, 4), D(2025, 11, 4), "day", "2025-11-04", "rule:now"),
    ("inzwischen", D(2025, 11, 4), D(2025, 11, 4), D(2025, 11, 4), "day", "2025-11-04", "rule:now"),
    ("seit dem vergangenen Jahr", D(2025, 11, 4), D(2024, 1, 1), D(2025, 11, 4), "year", "2024/2025-11-04",
     "rule:last-year"),
    ("im nächsten Jahr", D(2025, 11, 4), D(2026, 1, 1), D(2026, 12, 31), "year", "2026", "rule:next-year"),
    ("für März", D(2025, 11, 4), D(2026, 3, 1), D(2026, 3, 31), "month", "2026-03", "dateparser"),
    # 001 (published 2024-10-27)
    ("morgen", D(2024, 10, 27), D(2024, 10, 28), D(2024, 10, 28), "day", "2024-10-28", "dateparser"),
    ("vom 21. Oktober", D(2024, 10, 27), D(2024, 10, 21), D(2024, 10, 21), "day", "2024-10-21", "dateparser"),
    ("Am 18. Oktober", D(2024, 10, 27), D(2024, 10, 18), D(2024, 10, 18), "day", "2024-10-18", "dateparser"),
    ("Am Vortag", D(2024, 10, 18), D(2024, 10, 17), D(2024, 10, 17), "day", "2024-10-17", "rule:day-before"),
    ("zwischen Anfang und Mitte Oktober", D(2024, 10, 23), D(2024, 10, 1), D(2024, 10, 20), "month",
     "2024-10-01~/2024-10-20~", "rule:month-part"),
    # 002 (published 2025-06-26)
    ("in den kommenden Monaten", D(2025, 6, 26), D(2025, 6, 26), D(2025, 12, 26), "vague", "2025-06-26/2025-12-26~",
     "rule:coming-months"),
    ("in der zweiten Jahreshälfte 2023", D(2025, 6, 26), D(2023, 7, 1), D(2023, 12, 31), "half-year", "2023-41",
     "rule:half-year"),
    ("im Frühjahr und Frühsommer", D(2025, 6, 26), D(2025, 3, 1), D(2025, 6, 30), "season",
     "2025-03-01~/2025-06-30~", "rule:und"),
    ("im Juli oder August", D(2025, 6, 26), D(2025, 7, 1), D(2025, 8, 31), "month", "[2025-07,2025-08]", "rule:oder"),
    ("im Spätsommer oder Frühherbst", D(2025, 6, 26), D(2025, 8, 1), D(2025, 9, 30), "season", "[2025-08,2025-09]",
     "rule:oder"),
    ("den Sommer letzten Jahres", D(2025, 6, 26), D(2024, 6, 1), D(2024, 8, 31), "season", "2024-22", "rule:season"),
    ("im vergangenen Juni", D(2025, 6, 26), D(2024, 6, 1), D(2024, 6, 30), "month", "2024-06", "rule:relative-month"),
    # 003 (published 2024-10-23)
    ("am Mittwoch", D(2024, 10, 23), D(2024, 10, 23), D(2024, 10, 23), "day", "2024-10-23", "rule:weekday"),
    ("am Freitag", D(2024, 10, 23), D(2024, 10, 18), D(2024, 10, 18), "day", "2024-10-18", "rule:weekday"),
    ("kürzlich", D(2024, 10, 23), D(2024, 9, 23), D(2024, 10, 23), "vague", "2024-09-23~/2024-10-23",
     "rule:recently"),
    ("In den letzten Monaten", D(2024, 10, 23), D(2024, 4, 23), D(2024, 10, 23), "vague", "2024-04-23~/2024-10-23",
     "rule:past-months"),
    # 004 (published 2024-12-24)
    ("im September 2023", D(2024, 12, 24), D(2023, 9, 1), D(2023, 9, 30), "month", "2023-09", "dateparser"),
    ("am 23. Dezember", D(2024, 12, 24), D(2024, 12, 23), D(2024, 12, 23), "day", "2024-12-23", "dateparser"),
    ("vom 24. Dezember", D(2024, 12, 24), D(2024, 12, 24), D(2024, 12, 24), "day", "2024-12-24", "dateparser"),
    ("im Herbst dieses Jahres", D(2024, 12, 24), D(2024, 9, 1), D(2024, 11, 30), "season", "2024-23", "rule:season"),
    ("seit dem Sommer", D(2024, 12, 24), D(2024, 6, 1), D(2024, 12, 24), "season", "2024-06-01/2024-12-24",
     "rule:season"),
]


@pytest.mark.parametrize("expr,anchor,start,end,precision,edtf,method", SEED_CASES, ids=[c[0] for c in SEED_CASES])
def test_seed_expressions(expr, anchor, start, end, precision, edtf, method):
    iv = normalise_date(expr, anchor)
    assert (iv.start, iv.end, iv.precision, iv.edtf) == (start, end, precision, edtf)
    assert iv.method.startswith(method)


def test_relative_expressions_depend_on_the_anchor():
    assert normalise_date("am Freitag", D(2024, 10, 27)).start == D(2024, 10, 25)
    assert normalise_date("am Freitag", D(2024, 10, 23)).start == D(2024, 10, 18)
    # a weekday read on that weekday is that day, not the week before (dateparser's 'past' preference errs here)
    assert normalise_date("am Mittwoch", D(2024, 10, 23)).start == D(2024, 10, 23)


def test_bare_month_takes_the_year_nearest_the_anchor():
    assert normalise_date("im März", D(2025, 11, 4)).start == D(2026, 3, 1)
    assert normalise_date("im März", D(2025, 5, 4)).start == D(2025, 3, 1)
    assert normalise_date("18. Oktober", D(2025, 1, 10)).start == D(2024, 10, 18)


def test_conventions_are_flagged_for_review():
    assert normalise_date("kürzlich", D(2024, 10, 23)).needs_review
    assert normalise_date("in den kommenden Monaten", D(2025, 6, 26)).needs_review
    assert not normalise_date("am 18. Oktober", D(2024, 10, 27)).needs_review


def test_winter_spans_the_new_year():
    iv = normalise_date("im Winter 2024", D(2024, 6, 1))
    assert (iv.start, iv.end, iv.edtf) == (D(2024, 12, 1), D(2025, 2, 28), "2024-12/2025-02")


def test_first_half_year():
    iv = normalise_date("in der ersten Jahreshälfte 2025", D(2025, 6, 26))
    assert (iv.start, iv.end, iv.edtf) == (D(2025, 1, 1), D(2025, 6, 30), "2025-40")


def test_open_until_is_open_at_the_start():
    iv = open_until(D(2024, 10, 27))
    assert iv.start is None and iv.end == D(2024, 10, 27) and iv.edtf == "../2024-10-27"


@pytest.mark.parametrize("expr", ["irgendwann", "", "   ", "demnächst vielleicht", "Kim Jong-un", "5.000 Soldaten"])
def test_unreadable_expression_is_an_error_naming_it(expr):
    with pytest.raises(DateExpressionError) as info:
        normalise_date(expr, D(2024, 10, 27))
    assert repr(expr) in str(info.value) or "empty" in str(info.value)


def test_seit_after_the_anchor_is_an_error():
    with pytest.raises(DateExpressionError, match="after the anchor"):
        normalise_date("seit dem 30. Oktober 2024", D(2024, 10, 27))


def test_anchor_must_be_a_date():
    with pytest.raises(DateExpressionError, match="anchor must be a date"):
        normalise_date("morgen", "2024-10-27")


def test_each_distinct_expression_and_anchor_is_parsed_once():
    normalise_date.cache_clear()
    for _ in range(100):
        normalise_date("am 18. Oktober", D(2024, 10, 27))
        normalise_date("am 18. Oktober", D(2025, 10, 27))
    info = normalise_date.cache_info()
    assert (info.misses, info.hits) == (2, 198)


def test_every_rule_example_reads_with_its_rule():
    anchor = D(2025, 6, 26)
    for name, _pattern, _rule, example in RULES:
        iv = normalise_date(example, anchor)
        assert iv.precision in PRECISIONS
        assert iv.method.split("+")[0] == f"rule:{name}", (name, example, iv.method)
