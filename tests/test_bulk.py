"""Bulk normalisation: the same readings as the per-row normalisers, errors surfaced, input untouched."""

import datetime as dt

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import timeline.bulk as bulk
from timeline.bulk import COUNT_SUFFIXES, DATE_SUFFIXES, normalise_counts, normalise_dates
from timeline.dates import RULES, DateExpressionError, normalise_date
from timeline.numbers import QUALIFIERS, VAGUE_COUNTS, CountExpressionError, parse_count
from timeline.seeds import load_seeds

from test_dates import SEED_CASES

ANCHORS = sorted({s.published_date for s in load_seeds().values()})
# Expressions from the seeds and the rule table, a few read by dateparser, ISO days (one not a day), bad ones.
EXPRESSIONS = sorted({c[0] for c in SEED_CASES} | {r[3] for r in RULES} | {
    "18.10.2024", "2024-10", "2024-10-18", "2025-02-28", "2024-02-29", "2025-02-30", "irgendwann", "seit Dezember",
    "  am   18. Oktober ", "",
})
COUNTS = sorted({"Tausende", "10.000", "etwa 1.500", "zwischen 1.000 und 2.000", "Beweise", "", "12.000 bis 10.000",
                 "mehr als 1.000", "fast 10.000", "1,5 Millionen", "rund 5.000", "weitere 1.000"}
                | {f"{words[0]} 3.000".strip() for _, words, _ in QUALIFIERS} | {w.capitalize() for w in VAGUE_COUNTS})


def _sample_frame(n: int = 400, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    exprs = np.array(EXPRESSIONS + [None], dtype=object)[rng.integers(0, len(EXPRESSIONS) + 1, n)]
    anchors = np.array(ANCHORS, dtype="datetime64[D]")[rng.integers(0, len(ANCHORS), n)].astype("datetime64[s]")
    counts = np.array(COUNTS + [None], dtype=object)[rng.integers(0, len(COUNTS) + 1, n)]
    index = pd.Index(rng.permutation(np.arange(1000, 1000 + n)), name="row")  # not 0..n-1: kept as given
    return pd.DataFrame({"expr": pd.array(exprs, dtype="string"), "anchor": anchors,
                         "count": pd.array(counts, dtype="string")}, index=index)


def _expected_date(expr, anchor: dt.date) -> dict:
    """What the per-row normaliser says about one row, in the bulk columns' terms."""
    if expr is None or expr is pd.NA:
        return dict(start=None, end=None, precision=None, edtf=None, method=None, review=None, error=None)
    try:
        iv = normalise_date(expr, anchor)
    except DateExpressionError as exc:
        return dict(start=None, end=None, precision=None, edtf=None, method=None, review=None, error=str(exc))
    return dict(start=iv.start, end=iv.end, precision=iv.precision, edtf=iv.edtf, method=iv.method,
                review=iv.needs_review, error=None)


def _got_date(row, p: str = "d") -> dict:
    def val(v):
        return None if pd.isna(v) else v

    return dict(start=None if pd.isna(row[f"{p}_start"]) else row[f"{p}_start"].date(),
                end=None if pd.isna(row[f"{p}_end"]) else row[f"{p}_end"].date(),
                precision=val(row[f"{p}_precision"]), edtf=val(row[f"{p}_edtf"]), method=val(row[f"{p}_method"]),
                review=val(row[f"{p}_needs_review"]), error=val(row[f"{p}_error"]))


def test_dates_equal_the_per_row_normaliser_on_a_sample():
    frame = _sample_frame()
    out = normalise_dates(frame, "expr", "anchor", "d")
    assert list(out.index) == list(frame.index)
    n_iso = n_read = n_err = 0
    for idx, row in out.iterrows():
        expected = _expected_date(frame.at[idx, "expr"], frame.at[idx, "anchor"].date())
        got = _got_date(row)
        if got["method"] == "rule:iso-day":  # a full ISO day: the same reading, without the rule table
            n_iso += 1
        n_read += got["error"] is None and got["end"] is not None
        n_err += got["error"] is not None
        assert got == expected, (idx, frame.at[idx, "expr"])
    assert n_iso > 0 and n_read > 0 and n_err > 0  # the sample exercised every path


def test_columns_and_dtypes():
    out = normalise_dates(_sample_frame(50), "expr", "anchor", "event")
    assert {f"event{s}": d for s, d in DATE_SUFFIXES.items()} == {
        c: str(out[c].dtype) for c in out.columns if c.startswith("event_")}
    out = normalise_counts(_sample_frame(50), "count", "n")
    assert {f"n{s}": d for s, d in COUNT_SUFFIXES.items()} == {
        c: str(out[c].dtype) for c in out.columns if c.startswith("n_")}


def test_unreadable_dates_are_surfaced_not_dropped_or_guessed():
    frame = pd.DataFrame({"expr": ["irgendwann", "2025-02-30", "am Mittwoch"],
                          "anchor": pd.to_datetime(["2024-10-23"] * 3)})
    out = normalise_dates(frame, "expr", "anchor", "d")
    assert len(out) == 3
    assert out["d_error"].notna().tolist() == [True, True, False]
    assert "'irgendwann'" in out.loc[0, "d_error"] and "2024-10-23" in out.loc[0, "d_error"]
    assert "'2025-02-30'" in out.loc[1, "d_error"]
    assert out.loc[:1, ["d_start", "d_end", "d_precision", "d_edtf", "d_method", "d_needs_review"]].isna().all().all()


def test_missing_expression_gives_empty_values_and_no_error():
    frame = pd.DataFrame({"expr": pd.array([None, "kürzlich"], dtype="string"),
                          "anchor": pd.to_datetime(["2024-10-23"] * 2)})
    out = normalise_dates(frame, "expr", "anchor", "d")
    assert out.loc[0, ["d_start", "d_end", "d_edtf", "d_error"]].isna().all()
    assert out.loc[1, "d_edtf"] == "2024-09-23~/2024-10-23" and bool(out.loc[1, "d_needs_review"]) is True


def test_open_start_is_nat_with_an_end():
    frame = pd.DataFrame({"expr": ["zuvor"], "anchor": [dt.date(2024, 10, 23)]})
    out = normalise_dates(frame, "expr", "anchor", "d")
    assert pd.isna(out.loc[0, "d_start"]) and out.loc[0, "d_end"] == pd.Timestamp("2024-10-23")
    assert out.loc[0, "d_edtf"] == "../2024-10-23"


def test_input_frame_is_not_mutated():
    frame = _sample_frame(200)
    before = frame.copy(deep=True)
    out = normalise_counts(normalise_dates(frame, "expr", "anchor", "d"), "count", "c")
    pd.testing.assert_frame_equal(frame, before)
    assert list(frame.columns) == ["expr", "anchor", "count"]
    assert out is not frame and len(out.columns) == 3 + len(DATE_SUFFIXES) + len(COUNT_SUFFIXES)


def test_anchor_as_text_dates_or_datetimes_reads_the_same():
    exprs = ["am Freitag", "im nächsten Jahr", "2024-10-18", "seit September"]
    days = [dt.date(2024, 10, 23), dt.date(2025, 11, 4), dt.date(2024, 10, 23), dt.date(2025, 11, 4)]
    cols = [f"d{s}" for s in DATE_SUFFIXES]
    outs = [normalise_dates(pd.DataFrame({"e": exprs, "a": a}), "e", "a", "d")[cols]
            for a in (days, [d.isoformat() for d in days], pd.to_datetime(days))]
    pd.testing.assert_frame_equal(outs[0], outs[1])
    pd.testing.assert_frame_equal(outs[0], outs[2])
    assert outs[0]["d_start"].dt.strftime("%Y-%m-%d").tolist() == ["2024-10-18", "2026-01-01", "2024-10-18",
                                                                   "2025-09-01"]


def test_iso_days_need_no_anchor_but_relative_expressions_do():
    frame = pd.DataFrame({"e": ["2024-10-18", "am Freitag"], "a": pd.to_datetime([None, None])})
    out = normalise_dates(frame, "e", "a", "d")
    assert out.loc[0, "d_edtf"] == "2024-10-18" and out.loc[0, "d_method"] == "rule:iso-day"
    assert pd.isna(out.loc[1, "d_end"]) and "anchor must be a date" in out.loc[1, "d_error"]


def test_bad_anchor_or_column_is_a_clear_error():
    frame = pd.DataFrame({"e": ["am Freitag"], "a": [pd.Timestamp("2024-10-23 14:30")]})
    with pytest.raises(ValueError, match=r"anchor column 'a' holds a time of day"):
        normalise_dates(frame, "e", "a", "d")
    with pytest.raises(ValueError, match=r"anchor column 'a' holds a value that is not a date"):
        normalise_dates(pd.DataFrame({"e": ["x"], "a": ["gestern"]}), "e", "a", "d")
    with pytest.raises(KeyError, match=r"no column 'when'"):
        normalise_dates(frame, "when", "a", "d")
    with pytest.raises(ValueError, match=r"column 'e' holds a value that is not text: 5"):
        normalise_dates(pd.DataFrame({"e": [5], "a": ["2024-10-23"]}), "e", "a", "d")


def test_each_distinct_expression_and_anchor_is_read_once(monkeypatch):
    calls = []

    real = bulk.read_in_context

    def counting(expr, anchor, ctx):
        calls.append((expr, anchor))
        return real(expr, anchor, ctx)

    monkeypatch.setattr(bulk, "read_in_context", counting)
    frame = pd.DataFrame({"e": ["am Freitag", "kürzlich"] * 500 + ["2024-10-18"] * 1000,
                          "a": pd.to_datetime(["2024-10-23", "2025-11-04"] * 1000)})
    out = normalise_dates(frame, "e", "a", "d")
    # 2 expressions x their anchors (am Freitag always 2024-10-23, kürzlich 2025-11-04); the ISO day not at all
    assert sorted(calls) == [("am Freitag", dt.date(2024, 10, 23)), ("kürzlich", dt.date(2025, 11, 4))]
    assert out["d_error"].isna().all() and (out["d_method"] == "rule:iso-day").sum() == 1000


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(EXPRESSIONS), st.dates(dt.date(2020, 1, 1), dt.date(2027, 12, 31))),
                min_size=1, max_size=30))
def test_any_mix_reads_as_row_by_row(rows):
    frame = pd.DataFrame({"e": [e for e, _ in rows], "a": [a for _, a in rows]})
    out = normalise_dates(frame, "e", "a", "d")
    for i, (expr, anchor) in enumerate(rows):
        expected, got = _expected_date(expr, anchor), _got_date(out.iloc[i])
        if got["method"] == "iso":
            expected["method"] = "iso"
        assert got == expected


def test_counts_equal_parse_count_per_row():
    frame = _sample_frame()
    out = normalise_counts(frame, "count", "c")
    assert list(out.index) == list(frame.index)
    n_err = 0
    for idx, row in out.iterrows():
        expr = frame.at[idx, "count"]
        got = tuple(None if pd.isna(row[f"c{s}"]) else row[f"c{s}"] for s in COUNT_SUFFIXES)
        if expr is pd.NA:
            assert got == (None,) * 5
            continue
        try:
            c = parse_count(expr)
        except CountExpressionError as exc:
            n_err += 1
            assert got == (None, None, None, None, str(exc))
        else:
            assert got == (c.low, c.best, c.high, c.qualifier, None)
    assert n_err > 0


def test_unreadable_counts_are_surfaced():
    out = normalise_counts(pd.DataFrame({"n": ["Beweise", "12.000 bis 10.000", "fast 10.000"]}), "n", "c")
    assert out["c_error"].tolist()[:2] == ["cannot read count expression 'Beweise': not a number",
                                          "cannot read count expression '12.000 bis 10.000': low 12000 is above high 10000"]
    assert pd.isna(out.loc[2, "c_error"]) and out.loc[2, "c_high"] == 10000 and pd.isna(out.loc[2, "c_low"])


def test_empty_frame():
    frame = pd.DataFrame({"e": pd.array([], dtype="string"), "a": pd.to_datetime([]), "n": pd.array([], dtype="string")})
    out = normalise_counts(normalise_dates(frame, "e", "a", "d"), "n", "c")
    assert len(out) == 0 and "d_start" in out.columns and "c_best" in out.columns


@pytest.mark.parametrize("what", ["stated", "event"])
def test_on_the_events_frame_it_gives_the_loaders_own_readings(what):
    from timeline import load_events

    frame = load_events()
    out = normalise_dates(frame, f"{what}_expr", f"{what}_anchor", "bulk")
    # rows with an expression whose values were not corrected (a correction reads another expression)
    rows = frame[f"{what}_expr"].notna() & ~frame["is_corrected"]
    assert rows.sum() > 0
    assert out.loc[rows, "bulk_error"].isna().all()
    for col in ("start", "end", "precision", "edtf", "method"):
        pd.testing.assert_series_equal(out.loc[rows, f"bulk_{col}"], frame.loc[rows, f"{what}_{col}"],
                                       check_names=False)


def test_with_sentences_the_bulk_reading_equals_the_per_row_reading_cue_included():
    exprs = ["am Mittwoch", "im März", "am Mittwoch", "im März", "seit September", None]
    sentences = ["Am Mittwoch soll der Rat entscheiden.", "Sie hatte im März gewarnt.",
                 "Am Mittwoch hatte der Rat entschieden.", None, "Seit September wächst die Zahl.", "x"]
    frame = pd.DataFrame({"expr": exprs, "said": sentences, "anchor": pd.to_datetime(["2025-11-03"] * 6)})
    out = normalise_dates(frame, "expr", "anchor", "d", sentence_col="said")
    for i, (expr, sentence) in enumerate(zip(exprs, sentences)):
        if expr is None:
            assert pd.isna(out.at[i, "d_start"]) and pd.isna(out.at[i, "d_error"])
            continue
        iv = normalise_date(expr, dt.date(2025, 11, 3), sentence)
        assert out.at[i, "d_start"].date() == iv.start
        assert (None if pd.isna(out.at[i, "d_cue"]) else out.at[i, "d_cue"]) == iv.cue
    assert out.at[0, "d_start"].date() == dt.date(2025, 11, 5) and out.at[2, "d_start"].date() == dt.date(2025, 10, 29)


def test_each_distinct_expression_anchor_and_direction_is_parsed_once():
    from timeline.dates import _read_cached

    n = 3000
    frame = pd.DataFrame({
        "expr": ["am Mittwoch"] * n,
        "said": [f"Am Mittwoch soll Rat {i} entscheiden." if i % 2 else f"Am Mittwoch hatte Rat {i} entschieden."
                 for i in range(n)],
        "anchor": pd.to_datetime(["2025-11-03"] * n)})
    _read_cached.cache_clear()
    out = normalise_dates(frame, "expr", "anchor", "d", sentence_col="said")
    assert _read_cached.cache_info().misses == 2  # 3,000 sentences, two directions: two parses
    assert set(out["d_cue"]) == {"future: 'soll'", "past: 'hatte'"}


def test_a_direction_column_pins_the_reading():
    frame = pd.DataFrame({"expr": ["im März", "im März"], "dir": ["future", None],
                          "said": ["Sie hatte im März gewarnt."] * 2, "anchor": ["2025-05-05"] * 2})
    out = normalise_dates(frame, "expr", "anchor", "d", sentence_col="said", direction_col="dir")
    assert [d.strftime("%Y-%m") for d in out["d_start"]] == ["2026-03", "2025-03"]
    with pytest.raises(ValueError, match="a direction is 'past' or 'future'"):
        normalise_dates(frame.assign(dir=["soon", None]), "expr", "anchor", "d", direction_col="dir")
