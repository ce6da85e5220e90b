"""German date expressions from the seed texts, read against the anchors the records use."""

import datetime as dt

import pytest

from timeline.dates import PRECISIONS, RULES, DateExpressionError, direction_cue, normalise_date, open_until

D = dt.date

# (expression as in the seed, anchor, start, end, precision, edtf, method prefix)
SEED_CASES = [
    # 000 (published 2025-11-04)
    ("seit September", D(2025, 11, 4), D(2025, 9, 1), D(2025, 11, 4), "month", "2025-09/2025-11-04", "rule:since+month"),
    ("derzeit", D(2025, 11, 4), D(2025, 11, 4), D(2025, 11, 4), "day", "2025-11-04", "rule:now"),
    ("inzwischen", D(2025, 11, 4), D(2025, 11, 4), D(2025, 11, 4), "day", "2025-11-04", "rule:now"),
    ("seit dem vergangenen Jahr", D(2025, 11, 4), D(2024, 1, 1), D(2025, 11, 4), "year", "2024/2025-11-04",
     "rule:since+year-offset"),
    ("im nächsten Jahr", D(2025, 11, 4), D(2026, 1, 1), D(2026, 12, 31), "year", "2026", "rule:year-offset"),
    ("für März", D(2025, 11, 4), D(2026, 3, 1), D(2026, 3, 31), "month", "2026-03", "rule:month"),
    # 001 (published 2024-10-27)
    ("morgen", D(2024, 10, 27), D(2024, 10, 28), D(2024, 10, 28), "day", "2024-10-28", "rule:relative-day"),
    ("vom 21. Oktober", D(2024, 10, 27), D(2024, 10, 21), D(2024, 10, 21), "day", "2024-10-21", "rule:day-month"),
    ("Am 18. Oktober", D(2024, 10, 27), D(2024, 10, 18), D(2024, 10, 18), "day", "2024-10-18", "rule:day-month"),
    ("Am Vortag", D(2024, 10, 18), D(2024, 10, 17), D(2024, 10, 17), "day", "2024-10-17", "rule:relative-day"),
    ("zwischen Anfang und Mitte Oktober", D(2024, 10, 23), D(2024, 10, 1), D(2024, 10, 20), "month",
     "2024-10-01~/2024-10-20~", "rule:month-part"),
    # 002 (published 2025-06-26)
    ("in den kommenden Monaten", D(2025, 6, 26), D(2025, 6, 26), D(2025, 12, 26), "vague", "2025-06-26/2025-12-26~",
     "rule:coming-units"),
    ("in der zweiten Jahreshälfte 2023", D(2025, 6, 26), D(2023, 7, 1), D(2023, 12, 31), "half-year", "2023-41",
     "rule:half-year"),
    ("im Frühjahr und Frühsommer", D(2025, 6, 26), D(2025, 3, 1), D(2025, 6, 30), "season",
     "2025-03-01~/2025-06-30~", "rule:both"),
    ("im Juli oder August", D(2025, 6, 26), D(2025, 7, 1), D(2025, 8, 31), "month", "[2025-07,2025-08]", "rule:either"),
    ("im Spätsommer oder Frühherbst", D(2025, 6, 26), D(2025, 8, 1), D(2025, 9, 30), "season", "[2025-08,2025-09]",
     "rule:either"),
    ("den Sommer letzten Jahres", D(2025, 6, 26), D(2024, 6, 1), D(2024, 8, 31), "season", "2024-22", "rule:season"),
    ("im vergangenen Juni", D(2025, 6, 26), D(2024, 6, 1), D(2024, 6, 30), "month", "2024-06", "rule:month-rel"),
    # 003 (published 2024-10-23)
    ("am Mittwoch", D(2024, 10, 23), D(2024, 10, 23), D(2024, 10, 23), "day", "2024-10-23", "rule:weekday"),
    ("am Freitag", D(2024, 10, 23), D(2024, 10, 18), D(2024, 10, 18), "day", "2024-10-18", "rule:weekday"),
    ("kürzlich", D(2024, 10, 23), D(2024, 9, 23), D(2024, 10, 23), "vague", "2024-09-23~/2024-10-23",
     "rule:recently"),
    ("In den letzten Monaten", D(2024, 10, 23), D(2024, 4, 23), D(2024, 10, 23), "vague", "2024-04-23~/2024-10-23",
     "rule:past-units"),
    # 004 (published 2024-12-24)
    ("im September 2023", D(2024, 12, 24), D(2023, 9, 1), D(2023, 9, 30), "month", "2023-09", "rule:month"),
    ("am 23. Dezember", D(2024, 12, 24), D(2024, 12, 23), D(2024, 12, 23), "day", "2024-12-23", "rule:day-month"),
    ("vom 24. Dezember", D(2024, 12, 24), D(2024, 12, 24), D(2024, 12, 24), "day", "2024-12-24", "rule:day-month"),
    ("im Herbst dieses Jahres", D(2024, 12, 24), D(2024, 9, 1), D(2024, 11, 30), "season", "2024-23", "rule:season"),
    ("seit dem Sommer", D(2024, 12, 24), D(2024, 6, 1), D(2024, 12, 24), "season", "2024-06-01/2024-12-24",
     "rule:since+season"),
]


@pytest.mark.parametrize("expr,anchor,start,end,precision,edtf,method", SEED_CASES, ids=[c[0] for c in SEED_CASES])
def test_seed_expressions(expr, anchor, start, end, precision, edtf, method):
    iv = normalise_date(expr, anchor)
    assert (iv.start, iv.end, iv.precision, iv.edtf) == (start, end, precision, edtf)
    assert iv.method == method


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


def test_a_bare_half_is_a_half_year_only_with_its_year():
    iv = normalise_date("in der ersten Hälfte dieses Jahres", D(2025, 6, 24))
    assert (iv.start, iv.end, iv.precision) == (D(2025, 1, 1), D(2025, 6, 30), "half-year")
    # the first half of a month is not the first half of a year
    with pytest.raises(DateExpressionError):
        normalise_date("in der ersten Hälfte des Monats", D(2025, 6, 24))


def test_open_until_is_open_at_the_start():
    iv = open_until(D(2024, 10, 27))
    assert iv.start is None and iv.end == D(2024, 10, 27) and iv.edtf == "../2024-10-27"


@pytest.mark.parametrize("expr", ["irgendwann", "", "   ", "vielleicht irgendwann", "Kim Jong-un", "5.000 Soldaten"])
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
    from timeline.dates import _read_cached

    _read_cached.cache_clear()
    for _ in range(100):
        normalise_date("am 18. Oktober", D(2024, 10, 27))
        normalise_date("am 18. Oktober", D(2025, 10, 27))
    info = _read_cached.cache_info()
    assert (info.misses, info.hits) == (2, 198)


def test_the_sentence_chooses_the_direction_and_the_reading_says_which_cue():
    anchor = D(2025, 11, 3)  # a Monday
    future = normalise_date("am Mittwoch", anchor, "Am Mittwoch soll der Rat entscheiden.")
    past = normalise_date("am Mittwoch", anchor, "Am Mittwoch hatte der Rat entschieden.")
    bare = normalise_date("am Mittwoch", anchor)
    assert (future.start, future.cue) == (D(2025, 11, 5), "future: 'soll'")
    assert (past.start, past.cue) == (D(2025, 10, 29), "past: 'hatte'")
    assert (bare.start, bare.cue) == (D(2025, 10, 29), "no cue: news default")


def test_a_record_can_pin_the_direction():
    iv = normalise_date("im März", D(2025, 5, 5), "Im März hatte er gewarnt.", direction="future")
    assert (iv.start, iv.cue) == (D(2026, 3, 1), "future: pinned by the record")


def test_a_reading_that_does_not_depend_on_direction_names_no_cue():
    iv = normalise_date("im November", D(2025, 11, 5), "Im November wird gewählt.")
    assert (iv.start, iv.cue) == (D(2025, 11, 1), None)


def test_a_year_earlier_in_the_sentence_is_taken():
    iv = normalise_date("Ende Juni bis Anfang Juli", D(2025, 11, 5),
                        "Im Jahr 2019 tagte er von Ende Juni bis Anfang Juli.")
    assert (iv.start, iv.end, iv.cue) == (D(2019, 6, 21), D(2019, 7, 10), "year 2019 from the sentence")


@pytest.mark.parametrize("sentence,expr,direction,word", [
    ("Er sagte, am Sonntag beginnt der Gipfel.", "am Sonntag", "future", "beginnt"),
    ("Der Minister hat am Montag erklärt, er trete zurück.", "am Montag", "past", "erklärt"),
    ("Die Reise ist für Mittwoch geplant.", "für Mittwoch", "future", "geplant"),
    ("Sie habe am Freitag davon gewusst, sagte er.", "am Freitag", "past", "gewusst"),
    ("Die Soldaten stehen am Montag bereit.", "am Montag", "future", "stehen"),
    ("Im Mai regnet es.", "Im Mai", None, None),
])
def test_direction_cues(sentence, expr, direction, word):
    assert direction_cue(sentence, expr) == (direction, word)


@pytest.mark.parametrize("expr,reason", [("drei Jahre lang", "a duration"), ("um 14 Uhr", "a clock time"),
                                         ("3)", "a number"), ("18", "a number"),
                                         ("während eines 90 Tage dauernden Einsatzes", "a duration")])
def test_durations_clock_times_and_numbers_are_never_a_day(expr, reason):
    with pytest.raises(DateExpressionError, match=reason):
        normalise_date(expr, D(2025, 11, 5))


def test_an_open_end_stays_open():
    iv = normalise_date("ab Januar", D(2025, 11, 5), "Ab Januar gilt die Regel.")
    assert (iv.start, iv.end, iv.precision, iv.edtf) == (D(2026, 1, 1), None, "vague", "2026-01/..")


def test_dateparser_readings_are_flagged_for_review():
    iv = normalise_date("12. März 2025 14:00", D(2025, 11, 5))
    assert iv.method == "dateparser" and iv.needs_review


def test_rule_table_lists_every_rule_with_an_example():
    assert RULES and all(example for _name, _pattern, _reading, example in RULES)
