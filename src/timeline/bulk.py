"""Normalise date and count expressions of large collections, one parse per distinct value.

:func:`timeline.dates.normalise_date` and :func:`timeline.numbers.parse_count`
read one expression at a time. A scraped archive or an event dataset holds a
million rows but only a few hundred distinct expressions (plus many plain ISO
dates), so these functions work on a whole frame:

* the expression column is factorised (hashing, no Python loop over the rows);
* full ISO days (``YYYY-MM-DD``) among the distinct expressions are read at once
  by ``pandas.to_datetime(format="%Y-%m-%d")`` and need no anchor;
* with a sentence column, the reading context (the direction its tense gives, a
  year earlier in it) is worked out once per distinct (expression, sentence) pair;
* every other distinct (expression, anchor, context) is read once by the per-row
  normaliser, so the readings are the same as :func:`~timeline.dates.normalise_date`;
* the readings are spread back over the rows by their codes (``take``).

Errors: an expression that cannot be read is never dropped and never guessed.
Its row stays, its values are empty (NaT / NA) and the column ``<prefix>_error``
holds the normaliser's message, which names the expression and the anchor. Rows
whose expression is missing (NA) get empty values and no error: there was
nothing to read. The input frame is never changed; a new frame is returned
with the new columns appended (columns of the same name are replaced).

Example:
    >>> import pandas as pd
    >>> frame = pd.DataFrame({
    ...     "when": ["am Mittwoch", "2024-10-18", "irgendwann", "am Mittwoch"],
    ...     "published": pd.to_datetime(["2024-10-23"] * 4),
    ... })
    >>> out = normalise_dates(frame, "when", "published", "event")
    >>> out[["event_start", "event_precision", "event_method"]]
      event_start event_precision  event_method
    0  2024-10-23             day  rule:weekday
    1  2024-10-18             day  rule:iso-day
    2         NaT            <NA>          <NA>
    3  2024-10-23             day  rule:weekday
    >>> out.loc[2, "event_error"]
    "cannot read date expression 'irgendwann' (anchor 2024-10-23): no rule matches and dateparser finds no date"
    >>> said = pd.DataFrame({"when": ["am Freitag"] * 2, "said": ["Am Freitag soll er kommen.", "Er kam am Freitag."],
    ...                      "published": pd.to_datetime(["2024-10-23"] * 2)})
    >>> normalise_dates(said, "when", "published", "event", sentence_col="said")[["event_start", "event_cue"]]
      event_start       event_cue
    0  2024-10-25  future: 'soll'
    1  2024-10-18     past: 'kam'

"""

from __future__ import annotations

import numpy as np
import pandas as pd

from .dates import DateExpressionError, context, read_in_context
from .language import load_language
from .numbers import CountExpressionError, parse_count
from .schema import VOCABULARIES

__all__ = ["ISO_DAY_PATTERN", "DATE_SUFFIXES", "COUNT_SUFFIXES", "normalise_dates", "normalise_counts"]

#: The expressions read by ``pandas.to_datetime`` instead of the rule table:
#: a full calendar day, nothing else. "2024-10" or "2024" are not days, and
#: ``format="ISO8601"`` would read them as the first day of the month or year,
#: so they go to the per-expression normaliser, which gives them their precision.
ISO_DAY_PATTERN = r"\d{4}-\d{2}-\d{2}"
#: The columns :func:`normalise_dates` adds, after ``<prefix>``, and their dtypes.
DATE_SUFFIXES = {
    "_start": "datetime64[s]", "_end": "datetime64[s]", "_precision": "string", "_edtf": "string",
    "_method": "string", "_cue": "string", "_needs_review": "boolean", "_error": "string",
}
#: The method of a full ISO day read at once: the rule of the language file that reads it one at a time, and
#: the precision that rule names.
ISO_METHOD = "rule:iso-day"
ISO_PRECISION = load_language("de").rule(ISO_METHOD.removeprefix("rule:")).precision
#: The columns :func:`normalise_counts` adds, after ``<prefix>``, and their dtypes.
COUNT_SUFFIXES = {"_low": "Int64", "_best": "Int64", "_high": "Int64", "_qualifier": "string", "_error": "string"}


def _column(frame: pd.DataFrame, col: str) -> pd.Series:
    if col not in frame.columns:
        raise KeyError(f"no column {col!r} in the frame (columns: {', '.join(map(str, frame.columns))})")
    return frame[col]


def _anchor_days(anchors: pd.Series, col: str) -> pd.Series:
    """The anchor column as datetime64[s] days; a time of day or an unreadable value is an error."""
    try:
        days = pd.to_datetime(anchors, format="ISO8601") if anchors.dtype == object or \
            isinstance(anchors.dtype, pd.StringDtype) else pd.to_datetime(anchors)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"anchor column {col!r} holds a value that is not a date: {exc}") from None
    if getattr(days.dt, "tz", None) is not None:
        raise ValueError(f"anchor column {col!r} has a time zone: anchors are calendar days")
    days = days.astype("datetime64[s]")
    off = days.notna() & (days != days.dt.normalize())
    if off.any():
        first = anchors[off].iloc[0]
        raise ValueError(f"anchor column {col!r} holds a time of day ({first!r}): anchors are calendar days")
    return days


def _distinct_readings(exprs: pd.Index, iso_days: np.ndarray, anchors: pd.Index, contexts: list, key_e: np.ndarray,
                       key_a: np.ndarray, key_c: np.ndarray) -> dict[str, np.ndarray]:
    """Read each distinct key once: ISO keys (key_a == -2) at once, the others by the per-row reader."""
    k = len(key_e)
    start = np.full(k, np.datetime64("NaT"), dtype="datetime64[s]")
    end = start.copy()
    precision = np.full(k, None, dtype=object)
    edtf, method, cue, error = precision.copy(), precision.copy(), precision.copy(), precision.copy()
    review = np.full(k, None, dtype=object)
    iso = key_a == -2
    if iso.any():
        days = iso_days[key_e[iso]]
        start[iso] = days
        end[iso] = days
        precision[iso] = ISO_PRECISION
        edtf[iso] = np.asarray(exprs)[key_e[iso]]
        method[iso] = ISO_METHOD
        review[iso] = False
    anchor_dates = [ts.date() for ts in anchors]
    # One call per distinct (expression, anchor, context): this loop runs over keys, not rows.
    for i in np.flatnonzero(~iso):
        expression = exprs[key_e[i]]
        anchor = anchor_dates[key_a[i]] if key_a[i] >= 0 else None
        try:
            iv = read_in_context(expression, anchor, contexts[key_c[i]])
        except DateExpressionError as exc:
            error[i] = str(exc)
            continue
        start[i] = np.datetime64(iv.start, "s") if iv.start is not None else np.datetime64("NaT")
        end[i] = np.datetime64(iv.end, "s") if iv.end is not None else np.datetime64("NaT")
        precision[i], edtf[i], method[i], review[i] = iv.precision, iv.edtf, iv.method, iv.needs_review
        cue[i] = iv.cue
    return {"_start": start, "_end": end, "_precision": precision, "_edtf": edtf, "_method": method,
            "_cue": cue, "_needs_review": review, "_error": error}


def _contexts(frame: pd.DataFrame, e_codes: np.ndarray, e_uniques: pd.Index, sentence_col: str | None,
              direction_col: str | None) -> tuple[np.ndarray, list]:
    """Per row, a code into a list of distinct reading contexts (direction, cue word, year): worked out once
    per distinct (expression, sentence, direction) combination (the expression alone where no column is given)."""
    parts = [e_codes.astype(np.int64)]  # the expression's own words count too ("vom 21. Oktober" looks back)
    columns = []
    for col in (sentence_col, direction_col):
        if col is None:
            columns.append(None)
            continue
        values = _column(frame, col)
        codes, uniques = pd.factorize(values, use_na_sentinel=True)
        parts.append(codes.astype(np.int64))
        columns.append(pd.Index(uniques, dtype=object))
    combo = pd.MultiIndex.from_arrays(parts)
    c_codes, c_uniques = pd.factorize(combo)
    contexts = []
    for values in c_uniques:
        values = list(values) if isinstance(values, tuple) else [values]
        e = values[0]
        rest = values[1:]
        sentence = direction = None
        k = 0
        if sentence_col is not None:
            sentence = columns[0][rest[k]] if rest[k] >= 0 else None
            k += 1
        if direction_col is not None:
            direction = columns[1][rest[k]] if rest[k] >= 0 else None
            if direction is not None and direction not in VOCABULARIES["direction"]:
                raise ValueError(f"column {direction_col!r} holds {direction!r}: a direction is "
                                 + " or ".join(map(repr, VOCABULARIES["direction"])))
        expression = e_uniques[e] if e >= 0 else None
        contexts.append(context(expression, sentence, direction) if isinstance(expression, str) else
                        (None, None, None))
    ctx_codes, ctx_uniques = pd.factorize(pd.Series(contexts, dtype=object).map(repr))
    by_repr = {repr(c): c for c in contexts}
    return ctx_codes[c_codes].astype(np.int64), [by_repr[r] for r in ctx_uniques]


def normalise_dates(frame: pd.DataFrame, expr_col: str, anchor_col: str, prefix: str, *,
                    sentence_col: str | None = None, direction_col: str | None = None) -> pd.DataFrame:
    """Normalise a column of date expressions, reading each distinct value once.

    Args:
        frame: any frame; it is not changed.
        expr_col: the column of date expressions ("am 18. Oktober", "2024-10-18"); NA for none.
        anchor_col: the column of anchor days (datetime64, ``datetime.date`` or ISO text) that
            relative expressions are read from. Full ISO days do not need one.
        prefix: the new columns are ``<prefix>_start``, ``_end`` (datetime64[s]; NaT for an open
            start or end), ``_precision``, ``_edtf``, ``_method``, ``_cue`` (string),
            ``_needs_review`` (boolean) and ``_error`` (string).
        sentence_col: optional column of the sentences the expressions stand in: their tense chooses
            the direction of recurring expressions, as in :func:`timeline.dates.normalise_date`.
        direction_col: optional column pinning the direction ("past", "future" or NA).

    Returns:
        A new frame: ``frame`` with the columns of :data:`DATE_SUFFIXES` appended. A row
        whose expression cannot be read keeps its place, with empty values and the
        reason in ``<prefix>_error``; a full ISO day has method ``rule:iso-day``; every other
        value is what :func:`timeline.dates.normalise_date` gives for the row's
        (expression, anchor, sentence, direction).

    Raises:
        KeyError: a named column is missing.
        ValueError: an anchor is not a calendar day (unreadable, or with a time of day), or a
            direction is neither 'past' nor 'future'.

    Example:
        >>> import pandas as pd
        >>> frame = pd.DataFrame({"expr": ["seit September", "2025-02-30", None],
        ...                       "anchor": ["2025-11-04"] * 3})
        >>> out = normalise_dates(frame, "expr", "anchor", "d")
        >>> out["d_edtf"].tolist()
        ['2025-09/2025-11-04', <NA>, <NA>]
        >>> out["d_error"].notna().tolist(), list(frame.columns)
        ([False, True, False], ['expr', 'anchor'])
    """
    exprs = _column(frame, expr_col)
    anchors = _anchor_days(_column(frame, anchor_col), anchor_col)
    e_codes, e_uniques = pd.factorize(exprs, use_na_sentinel=True)
    e_uniques = pd.Index(e_uniques, dtype=object)
    if len(e_uniques) and not all(isinstance(e, str) for e in e_uniques):
        bad = next(e for e in e_uniques if not isinstance(e, str))
        raise ValueError(f"column {expr_col!r} holds a value that is not text: {bad!r}")
    as_text = pd.Series(e_uniques, dtype=object)
    looks_iso = as_text.str.fullmatch(ISO_DAY_PATTERN).to_numpy(dtype=bool) if len(as_text) else np.zeros(0, bool)
    iso_days = pd.to_datetime(as_text.where(looks_iso), format="%Y-%m-%d", errors="coerce").to_numpy("datetime64[s]")
    is_iso = looks_iso & ~np.isnat(iso_days)  # "2025-02-30" looks ISO but is no day: the normaliser explains
    a_codes, a_uniques = pd.factorize(anchors, use_na_sentinel=True)
    a_uniques = pd.DatetimeIndex(a_uniques)
    ctx_codes, contexts = _contexts(frame, e_codes, e_uniques, sentence_col, direction_col)
    # One integer key per row: expression code, anchor code (-2: ISO day, anchor not needed; -1: no anchor)
    # and context code. Rows without an expression get key -1 and no reading.
    has_expr = e_codes >= 0
    row_iso = np.zeros(len(frame), dtype=bool)
    row_iso[has_expr] = is_iso[e_codes[has_expr]]
    a_part = np.where(row_iso, -2, a_codes).astype(np.int64)
    c_part = np.where(row_iso, 0, ctx_codes).astype(np.int64)
    width_a, width_c = len(a_uniques) + 2, max(len(contexts), 1)
    keys = np.where(has_expr, (e_codes.astype(np.int64) * width_a + (a_part + 2)) * width_c + c_part, -1)
    k_codes, k_uniques = pd.factorize(keys)
    k_uniques = np.asarray(k_uniques, dtype=np.int64)
    real = k_uniques >= 0
    key_c = np.where(real, k_uniques % width_c, 0)
    rest = np.where(real, k_uniques // width_c, 0)
    key_e = np.where(real, rest // width_a, 0)
    key_a = np.where(real, rest % width_a - 2, -1)
    readings = _distinct_readings(e_uniques, iso_days, a_uniques, contexts, key_e[real], key_a[real], key_c[real])
    # Spread the readings over the rows; the key "no expression" (if any) reads as all empty.
    slot = np.full(len(k_uniques), -1, dtype=np.int64)
    slot[real] = np.arange(real.sum())
    take = slot[k_codes]
    out = {}
    for suffix, dtype in DATE_SUFFIXES.items():
        values = readings[suffix]
        if dtype.startswith("datetime64"):
            column = np.append(values, np.datetime64("NaT", "s"))[take]
        else:
            column = pd.array(np.append(values, None), dtype=dtype).take(take)
        out[prefix + suffix] = pd.Series(column, index=frame.index, dtype=dtype)
    return frame.assign(**out)


def normalise_counts(frame: pd.DataFrame, expr_col: str, prefix: str) -> pd.DataFrame:
    """Normalise a column of German count expressions, reading each distinct value once.

    Args:
        frame: any frame; it is not changed.
        expr_col: the column of count expressions ("rund 5.000", "Tausende"); NA for none.
        prefix: the new columns are ``<prefix>_low``, ``_best``, ``_high`` (Int64),
            ``_qualifier`` and ``_error`` (string).

    Returns:
        A new frame with the columns of :data:`COUNT_SUFFIXES` appended, each value what
        :func:`timeline.numbers.parse_count` gives. An unreadable expression keeps its
        row, with empty values and the reason in ``<prefix>_error``.

    Example:
        >>> import pandas as pd
        >>> out = normalise_counts(pd.DataFrame({"n": ["mindestens 3.000", "Beweise", None]}), "n", "count")
        >>> out[["count_low", "count_best", "count_high", "count_qualifier"]]
           count_low  count_best  count_high count_qualifier
        0       3000        3000        <NA>        at_least
        1       <NA>        <NA>        <NA>            <NA>
        2       <NA>        <NA>        <NA>            <NA>
        >>> out.loc[1, "count_error"]
        "cannot read count expression 'Beweise': not a number"
    """
    exprs = _column(frame, expr_col)
    codes, uniques = pd.factorize(exprs, use_na_sentinel=True)
    k = len(uniques)
    low, best, high = (np.full(k + 1, None, dtype=object) for _ in range(3))
    qualifier, error = np.full(k + 1, None, dtype=object), np.full(k + 1, None, dtype=object)
    for i, expression in enumerate(uniques):  # over distinct expressions, not rows
        try:
            c = parse_count(expression)
        except CountExpressionError as exc:
            error[i] = str(exc)
            continue
        low[i], best[i], high[i], qualifier[i] = c.low, c.best, c.high, c.qualifier
    take = np.where(codes >= 0, codes, k)  # the extra last slot is "no expression"
    values = {"_low": low, "_best": best, "_high": high, "_qualifier": qualifier, "_error": error}
    out = {prefix + s: pd.Series(pd.array(values[s], dtype=d).take(take), index=frame.index, dtype=d)
           for s, d in COUNT_SUFFIXES.items()}
    return frame.assign(**out)
