"""German count expressions from the seed texts, read by the qualifier table."""

import re

import pytest

from timeline.numbers import QUALIFIERS, VAGUE_COUNTS, Count, CountExpressionError, parse_count, parse_number

# (expression as in the seed, low, best, high, qualifier)
SEED_CASES = [
    ("rund 5.000", 5000, 5000, 5000, "approximately"),           # 000: NIS, construction personnel
    ("Weitere 1.000", 1000, 1000, 1000, "exact"),                 # 000: engineers
    ("fast 10.000", None, 10000, 10000, "almost"),                # 000: near the border
    ("insgesamt rund 15.000", 15000, 15000, 15000, "approximately"),  # 000: total
    ("mindestens 12", 12, 12, None, "at_least"),                  # 001 as printed (a corrected record reads 12.000)
    ("mindestens 12.000", 12000, 12000, None, "at_least"),
    ("mindestens 3.000", 3000, 3000, None, "at_least"),           # 001: Kirby
    ("vier", 4, 4, 4, "exact"),                                   # 001: brigades
    ("„Tausende“", 2000, None, 9999, "vague"),                    # 003: CNN
    ("„10.000“", 10000, 10000, 10000, "exact"),                   # 003: Zelensky
    ("etwa 1.500", 1500, 1500, 1500, "approximately"),            # 003: NIS
    ("mindestens 10.000", 10000, 10000, None, "at_least"),        # 004: Ukraine and the West
    ("mehr als 1.000", 1000, 1000, None, "more_than"),            # 004: South Korea, casualties
    ("über 3.000", 3000, 3000, None, "more_than"),                # 004: Ukraine, casualties
    ("Tausende", 2000, None, 9999, "vague"),
    ("zwischen 1.000 und 2.000", 1000, None, 2000, "range"),
    ("bis zu 12.000", None, 12000, 12000, "up_to"),
]


@pytest.mark.parametrize("expr,low,best,high,qualifier", SEED_CASES, ids=[c[0] for c in SEED_CASES])
def test_seed_counts(expr, low, best, high, qualifier):
    assert parse_count(expr) == Count(low, best, high, qualifier)


@pytest.mark.parametrize("text,value", [("5.000", 5000), ("12 000", 12000), ("1,5 Millionen", 1_500_000),
                                        ("10", 10), ("zwölf", 12), ("3\u202f000", 3000)])
def test_numbers(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("expr,reason", [("Beweise", "not a number"), ("", "empty"), ("rund", "not a number"),
                                         ("zwischen 3.000 und 1.000", "low 3000 is above high 1000"),
                                         ("1,5", "whole number")])
def test_errors_name_the_expression(expr, reason):
    with pytest.raises(CountExpressionError) as info:
        parse_count(expr)
    assert reason in str(info.value) and repr(expr) in str(info.value)


def test_every_bound_is_consistent():
    for expr, *_ in SEED_CASES:
        c = parse_count(expr)
        known = [v for v in (c.low, c.best, c.high) if v is not None]
        assert known == sorted(known), expr


def test_table_names_are_unique_and_documented():
    names = [name for name, _, _ in QUALIFIERS]
    assert len(names) == len(set(names))
    assert all(fills and set(fills) <= {"low", "best", "high"} for _, _, fills in QUALIFIERS)
    assert all(low < high for low, high in VAGUE_COUNTS.values())


# Number words with a multiplier, their parts joined by a joiner of the language file or not (issue 14): each is
# found in running text as one count of people, read whole, and drafted with its value.
MULTIPLIED_WORDS = [("zweihundertundfünfzig", 250), ("dreitausendfünfhundert", 3500), ("zweitausendundeins", 2001)]


@pytest.mark.parametrize("word,value", MULTIPLIED_WORDS, ids=[w for w, _ in MULTIPLIED_WORDS])
def test_a_multiplied_number_word_is_one_count_in_running_text(word, value):
    import datetime as dt

    from timeline.coverage import count_mentions
    from timeline.drafts import draft_records
    from timeline.names import ActorRegistry

    sentence = f"Nach Angaben Südkoreas wurden {word} Soldaten nach Russland entsandt."
    assert [m[2] for m in count_mentions(sentence)] == [f"{word} Soldaten"]
    assert parse_number(word) == value
    [draft] = draft_records("005_0123456789abcdef.txt", sentence, dt.date(2024, 10, 23), ActorRegistry.from_yaml())
    assert (draft.count.low, draft.count.best, draft.count.high, draft.count.qualifier) == (value, value, value,
                                                                                          "exact")
    assert draft.record["count"]["expr"] == word


def test_an_unquantified_word_reads_in_its_adjective_endings_and_in_no_other_form():
    """The count reader and the candidate finder read a word for no figure the one way (numbers.unquantified_regex):
    its stem with an adjective ending of claims.adjective_endings; a form no German text writes ("zahlreichenr",
    each ending glued to the listed word) is neither a count nor a candidate (issue 14)."""
    from timeline.coverage import count_mentions
    from timeline.language import load_language
    from timeline.numbers import adjective_stem

    lang = load_language("de")
    endings = [str(e) for e in lang.raw["claims"]["adjective_endings"]]
    words = [str(w) for w in lang.numbers["unquantified"] if " " not in str(w)]
    for word in words:
        for ending in endings:
            form = adjective_stem(word, endings) + ending
            if form in lang.numbers["vague_heads"]:  # "etliche Verluste": 2 to 9, the magnitude reading comes first
                continue
            assert parse_count(f"{form} Verluste").qualifier == "unquantified", form
            assert [m[2] for m in count_mentions(f"Die Armee meldete {form} Verluste.")] == [f"{form} Verluste"]
    for junk in ("zahlreichenr", "vielenm", "zahlreichens", "hohen" + "m"):
        with pytest.raises(CountExpressionError):
            parse_count(f"{junk} Verluste")
        assert count_mentions(f"Die Armee meldete {junk} Verluste.") == []


def test_the_words_that_make_a_year_like_figure_a_count_are_the_qualifier_words_but_the_prepositions_of_time():
    """numbers.count_not_year_after names only what differs from the qualifier words (issue 14): a qualifier word
    the old copied list left out ("zumindest", "an die") makes "2000" a count too; "gegen 2020" stays a year."""
    from timeline.coverage import counted_year
    from timeline.language import load_language
    from timeline.numbers import count_not_year_words

    n = load_language("de").numbers
    spec = n["count_not_year_after"]
    qualified = {w for words in n["qualifiers"].values() for w in words}
    assert set(count_not_year_words("de")) == (qualified - set(spec["except"])) | set(spec["extra"])
    assert not set(spec["extra"]) & qualified and set(spec["except"]) <= qualified
    for before in ("rund", "zumindest", "an die", "weitere"):
        assert counted_year(f"{before} 2000 Soldaten", len(before) + 1), before
    for before in ("gegen", "über", "bis", "im Jahr"):
        assert not counted_year(f"{before} 2020 kamen sie", len(before) + 1), before


@pytest.mark.parametrize("spec,message", [
    ({"except": ["bis"]}, "except names 'bis', which is no word of numbers.qualifiers"),
    ({"extra": ["rund"]}, "extra names 'rund', which numbers.qualifiers holds already"),
    ({"but": ["gegen"]}, "is a mapping of 'except'"),
])
def test_a_count_not_year_word_list_that_copies_or_misnames_a_qualifier_is_an_error(monkeypatch, spec, message):
    from timeline.language import LanguageError, load_language
    from timeline.numbers import count_not_year_words

    monkeypatch.setitem(load_language("de").numbers, "count_not_year_after", spec)
    count_not_year_words.cache_clear()
    try:
        with pytest.raises(LanguageError, match=re.escape(message)):
            count_not_year_words("de")
    finally:
        monkeypatch.undo()
        count_not_year_words.cache_clear()


@pytest.mark.parametrize("mark", ["'", "\u2019"])
def test_a_swiss_apostrophe_separates_thousands_in_a_count_and_in_running_text(mark):
    """Swiss outlets write thousands with an apostrophe ("Bis zu 12'000 Armeeangehörige", watson.ch): it was no
    number, so the curator could not record the figure as written. Read as the point is, in a count expression
    and where the candidate finder looks for counts; a decimal or a stray apostrophe stays what it was."""
    from timeline.coverage import count_mentions

    assert parse_number(f"12{mark}000") == 12000 and parse_number(f"1{mark}250{mark}000") == 1250000
    c = parse_count(f"Bis zu 12{mark}000")
    assert (c.low, c.best, c.high, c.qualifier) == (None, 12000, 12000, "up_to")
    assert count_mentions(f"Bis zu 12{mark}000 Soldaten soll Kim geschickt haben.") == [
        (7, 22, f"12{mark}000 Soldaten")]
    with pytest.raises(CountExpressionError):
        parse_number(f"12{mark}00")  # a group of two digits is no thousands group
