"""Tables for the notebooks: the dataset at a glance, corrections, and who backs each figure.

Pure functions taking the events frame (:func:`timeline.load_events`) first, and
the flags table where they speak of flags (:func:`timeline.load_tables`), and
returning a new frame; nothing here prints or plots. What a vocabulary value
means for a table (a unit's label, a qualifier's word, whether a flag corrects a
value) is read from schema.yaml.

Example:
    >>> from timeline import load_events
    >>> int(records_per(load_events(), "claim_type")["records"].sum()) == len(load_events())
    True
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from pathlib import Path

import pandas as pd

from . import schema
from .numbers import magnitude_gloss

__all__ = ["CORRECTION_FLAGS", "UNIT_LABEL", "display_date", "records_per", "flag_table", "corrections", "figure_label", "magnitude_word", "measure_word",
           "day_words", "month_words", "FLAG_SEP", "flag_types",
           "figure_month", "figure_sources", "claim_sources", "CLAIM_SOURCE_COLUMNS", "NONE_NAMED",
           "source_matrix", "not_claims_table", "lags", "lag_summary"]


def records_per(frame: pd.DataFrame, by: str | list[str]) -> pd.DataFrame:
    """Records and distinct original claims (claim keys) per value of ``by``, most records first.

    >>> f = pd.DataFrame({"claimant": ["a", "a", "b"], "claim_key": ["k", "k", "m"], "record_id": ["1", "2", "3"]})
    >>> records_per(f, "claimant")
      claimant  records  original_claims
    0        a        2                1
    1        b        1                1
    """
    by = [by] if isinstance(by, str) else list(by)
    out = (frame.groupby(by, dropna=False, sort=True)
           .agg(records=("record_id", "size"), original_claims=("claim_key", "nunique"))
           .reset_index()
           .sort_values(["records", *by], ascending=[False] + [True] * len(by), kind="stable")
           .reset_index(drop=True))
    return out


def flag_table(frame: pd.DataFrame, flags: pd.DataFrame) -> pd.DataFrame:
    """One row per flag of the records of ``frame``: record, article, claimant, flag type, field, note (the
    reason) and evidence, from the flags table (:func:`timeline.load_tables`).

    >>> from timeline.records import flags_frame
    >>> f = pd.DataFrame({"record_id": ["r1"], "seed": ["s"], "claimant_name": ["X"]})
    >>> flags = flags_frame([{"record_id": "r1", "flag_type": "corrected_count", "field": "count",
    ...                       "note": "1.000 | not 100.", "evidence": "line 3."}])
    >>> flag_table(f, flags)[["record_id", "flag_type", "field", "note", "evidence"]].iloc[0].tolist()
    ['r1', 'corrected_count', 'count', '1.000 | not 100.', 'line 3.']
    """
    columns = ["record_id", "seed", "claimant_name", "flag_type", "field", "note", "evidence"]
    table = flags.merge(frame[["record_id", "seed", "claimant_name"]], on="record_id", how="inner", sort=False)
    table["field"] = table["field"].fillna("")
    return table[columns].sort_values(["record_id", "flag_type"], kind="stable").reset_index(drop=True)


def corrections(frame: pd.DataFrame, flags: pd.DataFrame) -> pd.DataFrame:
    """The flags that correct a value (vocabulary flag_type, attribute corrects: a count, a date, the claimant),
    with their reasons.

    >>> from timeline.records import flags_frame
    >>> f = pd.DataFrame({"record_id": ["r1", "r2"], "seed": ["s", "s"], "claimant_name": ["X", "Y"]})
    >>> flags = flags_frame([
    ...     {"record_id": "r1", "flag_type": "corrected_count", "field": "count", "note": "n", "evidence": "e"},
    ...     {"record_id": "r2", "flag_type": "unverified", "field": "claimant", "note": "n", "evidence": "e"}])
    >>> corrections(f, flags)["record_id"].tolist()
    ['r1']
    """
    table = flag_table(frame, flags)
    return table[table["flag_type"].isin(CORRECTION_FLAGS)].reset_index(drop=True)


#: Flag types that change a value or who a claim is attributed to (vocabulary flag_type, attribute corrects).
CORRECTION_FLAGS = tuple(schema.correcting_flag_types())

#: How each count unit is named in charts and tables (vocabulary count_unit, attribute label).
UNIT_LABEL = schema.attributes("count_unit", "label")


def figure_label(row, spelled: bool = False) -> str:
    """A reported figure as a short label: the count expression's reading and the unit; ``spelled``, the
    qualifier in words (its attribute phrase: 'at least 3,000', not '≥ 3,000'), as a headline writes it.

    >>> figure_label({"count_low": 1500, "count_best": 1500, "count_high": 1500, "count_unit": "soldiers"})
    '1,500 soldiers'
    >>> figure_label({"count_low": 1500, "count_best": 1500, "count_high": 1500, "count_unit": "soldiers",
    ...               "count_qualifier": "approximately"})
    'about 1,500 soldiers'
    >>> figure_label({"count_low": 2000, "count_best": None, "count_high": 9999, "count_unit": "soldiers",
    ...               "count_qualifier": "vague"})
    'thousands (2,000–9,999) soldiers'
    >>> figure_label({"count_low": 2000, "count_best": None, "count_high": 9999, "count_unit": "soldiers",
    ...               "count_qualifier": "range"})
    '2,000–9,999 soldiers'
    >>> figure_label({"count_low": 1000, "count_best": None, "count_high": 2000, "count_unit": "soldiers"})
    '1,000–2,000 soldiers'
    >>> figure_label({"count_low": 3000, "count_best": 3000, "count_high": None, "count_unit": "killed"})
    '≥ 3,000 killed'
    >>> figure_label({"count_low": 3000, "count_best": 3000, "count_high": None, "count_unit": "killed",
    ...               "count_qualifier": "more_than"}, spelled=True)
    'more than 3,000 killed'
    >>> figure_label({"count_low": None, "count_best": 10000, "count_high": 10000, "count_unit": "soldiers",
    ...               "count_qualifier": "almost"})
    'almost 10,000 soldiers'
    >>> figure_label({"count_low": 10000, "count_best": 10000, "count_high": 10000,
    ...               "count_unit": "soldiers_and_technical"})
    '10,000 soldiers and technical personnel'
    >>> figure_label({"count_low": 1000, "count_best": 1000, "count_high": 1000, "count_unit": "engineers",
    ...               "count_measure": "increment"})
    '+1,000 military engineers'
    """
    low, best, high = (row[k] for k in ("count_low", "count_best", "count_high"))
    qualifier = row.get("count_qualifier") if hasattr(row, "get") else None
    word = schema.attribute("count_qualifier", qualifier, "word") if isinstance(qualifier, str) else None
    if spelled and isinstance(qualifier, str):
        word = schema.attribute("count_qualifier", qualifier, "phrase") or word
    prefix = f"{word} " if word else None

    def fmt(v):
        return f"{int(v):,}"
    if pd.isna(high) and not pd.isna(low):
        text = f"{prefix or '≥ '}{fmt(low)}"
    elif pd.isna(low) and not pd.isna(high):
        text = f"{prefix or '≤ '}{fmt(high)}"
    elif not pd.isna(low) and low == high:
        text = f"{prefix or ''}{fmt(low)}"
    elif not pd.isna(best):
        text = f"{fmt(best)} ({fmt(low)}–{fmt(high)})"
    else:  # a word for a magnitude says its meaning first, so that its conventional range does not read as exact
        gloss = magnitude_word(row)
        text = f"{gloss} ({fmt(low)}–{fmt(high)})" if gloss else f"{fmt(low)}–{fmt(high)}"
    unit = str(row["count_unit"])
    return f"{measure_word(row, spelled)}{text} {UNIT_LABEL.get(unit, unit.replace('_', ' '))}"


def magnitude_word(row) -> str | None:
    """What a figure given as a word for a magnitude means ('thousands' for "Tausende", read as 2,000–9,999): the
    language file's gloss of its range, for a figure whose qualifier has the form magnitude (vocabulary
    count_qualifier), else None: a range the text gives in figures ("zwischen 2.000 und 9.999") is no word.

    >>> magnitude_word({"count_qualifier": "vague", "count_low": 2000, "count_high": 9999})
    'thousands'
    >>> magnitude_word({"count_qualifier": "range", "count_low": 2000, "count_high": 9999}) is None
    True
    """
    qualifier = row.get("count_qualifier") if hasattr(row, "get") else None
    if not isinstance(qualifier, str) or qualifier != schema.the_value("count_qualifier", "form", "magnitude"):
        return None
    return magnitude_gloss(row.get("count_low"), row.get("count_high"))


def measure_word(row, spelled: bool = False) -> str:
    """What a figure label writes before the figure for what it measures (vocabulary count_measure, attributes
    word and phrase, ``spelled`` as a headline writes it): '+' for a further number, 'planned ' for a planned one,
    nothing for a total (and for a row that names no measure).

    >>> measure_word({"count_measure": "increment"}), measure_word({"count_measure": "increment"}, True)
    ('+', 'a further ')
    >>> measure_word({"count_measure": "planned"}), measure_word({})
    ('planned ', '')
    """
    measure = row.get("count_measure") if hasattr(row, "get") else None
    if not isinstance(measure, str):
        return ""
    word = schema.attribute("count_measure", measure, "word")
    if spelled:
        word = schema.attribute("count_measure", measure, "phrase") or word
    if not word:
        return ""
    return word + " " if word[-1].isalpha() else word  # a symbol ('+') stands against the figure: +1,000


def scope_words(row) -> str:
    """What a figure counts beyond its unit, as its label and tooltip write it after the figure (vocabulary
    count_scope, attribute phrase): 'sent', 'near the border'; nothing where the record does not say.

    >>> scope_words({"count_scope": "near_border"}), scope_words({"count_scope": None}), scope_words({})
    ('near the border', '', '')
    """
    scope = row.get("count_scope") if hasattr(row, "get") else None
    if not isinstance(scope, str):
        return ""
    return schema.attribute("count_scope", scope, "phrase") or ""


def figure_month(row) -> str:
    """The month a reported figure speaks of: that of the latest day of its event, else of its statement, else the
    article's publication (``YYYY-MM``).

    >>> figure_month({"event_end": pd.Timestamp("2024-10-20"), "stated_end": pd.Timestamp("2024-10-23"),
    ...               "published": pd.Timestamp("2024-10-27")})
    '2024-10'
    >>> figure_month({"event_end": pd.NaT, "stated_end": pd.NaT, "published": pd.Timestamp("2025-11-04")})
    '2025-11'
    """
    for key in ("event_end", "stated_end", "published"):
        value = row.get(key) if hasattr(row, "get") else None
        if value is not None and not pd.isna(value):
            return pd.Timestamp(value).strftime("%Y-%m")
    return ""


def figure_sources(frame: pd.DataFrame) -> pd.DataFrame:
    """Per reported figure (troop and casualty counts) and month it speaks of: records, original claims and
    independent sources.

    One figure is the same reading (low, best, high, qualifier), the same unit and the same month (of the event,
    else of the statement, :func:`figure_month`): "Tausende" said of October 2024 and "Tausende" said of November
    2025 are two figures, not one figure with two sources. Records that share a claim key repeat one original claim
    and count once; independent sources are distinct claimant groups (a person counts with the institution they
    speak for).

    >>> from timeline import load_events
    >>> table = figure_sources(load_events())
    >>> bool((table["n_original_claims"] <= table["n_records"]).all())
    True
    >>> "about 1,500 soldiers" in set(table["figure"])
    True
    """
    d = frame[frame["count_unit"].notna() & frame["claim_type"].isin(schema.values_where("claim_type", "needs_count"))
              ].copy()
    columns = ["figure", "month", "claim_type", "count_unit", "n_records", "n_original_claims",
               "n_independent_sources", "claimants", "articles", "record_ids"]
    if d.empty:
        return pd.DataFrame(columns=columns)
    d["figure"] = [figure_label(r) for _, r in d.iterrows()]
    d["month"] = [figure_month(r) for _, r in d.iterrows()]
    d["_sort"] = d["count_low"].fillna(d["count_high"])
    keys = ["figure", "month", "claim_type", "count_unit"]
    rows = []
    for (figure, month, claim_type, unit), g in d.groupby(keys, sort=True):
        rows.append({"figure": figure, "month": month, "claim_type": claim_type, "count_unit": unit,
                     "n_records": len(g), "n_original_claims": g["claim_key"].nunique(),
                     "n_independent_sources": g["claimant_group"].nunique(),
                     "claimants": ", ".join(sorted(g["claimant_name"].unique())),
                     "articles": ", ".join(sorted(g["seed"].unique())),
                     "record_ids": ", ".join(sorted(g["record_id"])), "_sort": int(g["_sort"].min())})
    out = pd.DataFrame(rows, columns=columns + ["_sort"])
    return (out.sort_values(["claim_type", "count_unit", "_sort", "month", "figure"],
                            ascending=[False, True, True, True, True], kind="stable")
            .drop(columns="_sort").reset_index(drop=True))


#: What the sources table says where no record of a claim names the agency or outlet that carried it.
NONE_NAMED = "none named (the article itself)"

#: The columns of :func:`claim_sources`.
CLAIM_SOURCE_COLUMNS = ["claim", "speaks_of", "claimants", "n_sources", "n_articles", "n_records", "carried",
                        "record_ids"]


#: The words an English summary may open with that say only that the article reports something: a claim in
#: words leads with the claim itself (the sources table says who reported it).
REPORTING_LEADS = ("the article says that", "the article reports that", "the article writes that",
                   "the article notes that", "the article states that", "according to the article,",
                   "it is reported that")


def lead_with_claim(text: str) -> str:
    """A summary without its opening words that say only that the article reports it (:data:`REPORTING_LEADS`),
    its first letter capitalised, its closing full stop dropped.

    >>> lead_with_claim("The article says that North Korea at first denied sending troops to Russia.")
    'North Korea at first denied sending troops to Russia'
    """
    text = str(text).strip()
    for lead in REPORTING_LEADS:
        if text.lower().startswith(lead):
            text = text[len(lead):].strip()
            text = text[:1].upper() + text[1:]
            break
    return text.removesuffix(".")


def claim_words(records: pd.DataFrame, chars: int | None = 90) -> str:
    """What a claim without a figure says, in a few words: the shortest English summary of its records, led by
    the claim (:func:`lead_with_claim`), cut at a word before ``chars`` characters (marked by an ellipsis; None:
    whole), else its claim type in words.

    >>> claim_words(pd.DataFrame({"claim_type": ["denial"] * 2,
    ...                           "summary_en": ["North Korea denied it at first.", "A longer account of what was denied."]}))
    'North Korea denied it at first'
    """
    texts = sorted((lead_with_claim(v) for v in records.get("summary_en", pd.Series(dtype=object)).dropna()
                    if str(v).strip()), key=lambda v: (len(v), v))
    if not texts:
        return str(records["claim_type"].iloc[0]).replace("_", " ")
    text = texts[0]
    return text if chars is None or len(text) <= chars else text[:chars - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def reported_in(records: pd.DataFrame) -> str:
    """Who reported a claim, for the sources table: "in 2 articles (Agenzia Nova; 23 Oct 2024)", each article
    named by its publisher (without the publisher's own parenthesis), else, where its text names none, by the
    day it was published (the index page lists the articles with both); in the order of the seeds.

    >>> reported_in(pd.DataFrame({"seed": ["b", "a"], "article_outlet": ["unknown", "Agenzia Nova (Nova News)"],
    ...                           "published": pd.to_datetime(["2024-10-23", "2024-10-27"])}))
    'in 2 articles (Agenzia Nova; 23 Oct 2024)'
    """
    from .headlines import UNKNOWN_OUTLET

    arts = records.drop_duplicates("seed").sort_values("seed", kind="stable")
    names = [published_words(r["published"], r.get("published_precision")) if pd.isna(r["article_outlet"]) or r["article_outlet"] == UNKNOWN_OUTLET
             else (re.sub(r"\s*\([^()]*\)$", "", str(r["article_outlet"])) or str(r["article_outlet"]))
             for _, r in arts.iterrows()]
    return f"in {len(arts)} article{'s' if len(arts) != 1 else ''} ({'; '.join(names)})"


def claim_sources(frame: pd.DataFrame) -> pd.DataFrame:
    """What a source researcher asks of the claims: one row per original claim (the records sharing a claim key)
    that gives a figure (troop and casualty counts) or that more than one article repeats. Per claim: the figure
    (else what it says in a few words, :func:`claim_words`), the month it speaks of (:func:`figure_month`), its claimant(s), for a figure the
    independent sources giving the same figure for the same month (:func:`figure_sources`; empty for a claim
    without a figure), the articles and records that carry it, and the agencies or outlets the records name as
    carrying it (:data:`NONE_NAMED` where none does). Repeated claims first (most articles, then most records),
    then the figures in the order of :func:`figure_sources`.

    >>> from timeline import load_events
    >>> table = claim_sources(load_events())
    >>> int(table["n_articles"].max()) > 1 and int(table["n_articles"].min()) == 1
    True
    """
    from .headlines import agency_ids

    needing = schema.values_where("claim_type", "needs_count")
    if frame.empty:
        return pd.DataFrame(columns=CLAIM_SOURCE_COLUMNS)
    figures = figure_sources(frame)
    order = {rid: k for k, ids in enumerate(figures["record_ids"]) for rid in ids.split(", ")}
    sources = {rid: int(n) for ids, n in zip(figures["record_ids"], figures["n_independent_sources"])
               for rid in ids.split(", ")}
    own = set(agency_ids(frame))
    rows = []
    for key, g in frame.groupby("claim_key", sort=True):
        g = g.sort_values("record_id", kind="stable")
        counted = g[g["claim_type"].isin(needing) & g["count_unit"].notna()]
        n_articles = g["seed"].nunique()
        if counted.empty and n_articles < 2:
            continue
        first = (counted if len(counted) else g).iloc[0]
        month = figure_month(first)
        carried = sorted(set(g.loc[g["outlet"].isin(own), "outlet_name"].dropna()))
        # a claim in full (review 9, major 11: cut at 70 characters it stopped mid-sentence, "a legal step if…")
        said = figure_label(first) if len(counted) else claim_words(g, None)
        # a repeated claim says who reported it: the claim first, then the articles
        rows.append({"claim": f"{said} — {reported_in(g)}" if n_articles > 1 else said,
                     "speaks_of": month_words(month) if month else "undated",
                     "claimants": ", ".join(sorted(g["claimant_name"].unique())),
                     "n_sources": sources.get(first["record_id"]) if len(counted) else None,
                     "n_articles": n_articles, "n_records": len(g),
                     "carried": ", ".join(carried) or NONE_NAMED, "record_ids": ", ".join(g["record_id"]),
                     "_order": order.get(first["record_id"], -1)})
    out = pd.DataFrame(rows, columns=CLAIM_SOURCE_COLUMNS + ["_order"])
    out["n_sources"] = out["n_sources"].astype("Int64")
    return (out.sort_values(["n_articles", "n_records", "_order", "record_ids"], ascending=[False, False, True, True],
                            kind="stable").drop(columns="_order").reset_index(drop=True))


def source_matrix(frame: pd.DataFrame) -> pd.DataFrame:
    """Claimant × outlet: original claims (claim keys) each claimant made through each outlet; 0 where none.

    >>> f = pd.DataFrame({"claimant_name": ["a", "a", "b"], "outlet_name": ["X", "Y", "X"],
    ...                   "claim_key": ["k", "k", "m"]})
    >>> source_matrix(f).loc["a"].tolist()
    [1, 1]
    """
    return (frame.pivot_table(index="claimant_name", columns="outlet_name", values="claim_key", aggfunc="nunique",
                              fill_value=0).astype(int).rename_axis(index="claimant", columns="outlet"))


def not_claims_table(path: Path | str | None = None, seeds_dir: Path | str | None = None) -> pd.DataFrame:
    """The sentences the completeness test leaves out (``data/not_claims.yaml``): seed, quote and reason.

    Checked by :func:`timeline.coverage.load_not_claims` (every quote verbatim in its seed).

    Args:
        path: the not-a-claim list; default ``data/not_claims.yaml``.
        seeds_dir: the seeds it refers to; default ``seeds/`` beside the list's data folder.

    >>> list(not_claims_table().columns)
    ['seed', 'quote', 'reason']
    """
    from .coverage import load_not_claims
    from .paths import NOT_CLAIMS_FILE
    from .seeds import load_seeds

    path = Path(path) if path else NOT_CLAIMS_FILE
    seeds = load_seeds(Path(seeds_dir) if seeds_dir else path.parent.parent / "seeds")
    entries = load_not_claims(path, seeds)
    return pd.DataFrame([{"seed": e.seed, "quote": e.quote, "reason": e.reason} for e in entries],
                        columns=["seed", "quote", "reason"]).sort_values(["seed"], kind="stable") \
        .reset_index(drop=True)


def lags(frame: pd.DataFrame) -> pd.DataFrame:
    """Days from the event to the statement and from the statement to the publication, per record.

    Uses the latest possible day of each date (``*_end``); an event the claim
    does not date (read by the 'not-stated' rule) has no event lag, and a
    statement with an open start ("on or before") no publication lag. Negative
    event lags are forecasts (the event lies after the statement).

    >>> f = pd.DataFrame({"record_id": ["r1"], "claimant_name": ["X"], "stance": ["reports"],
    ...     "event_end": pd.to_datetime(["2024-10-18"]), "event_method": ["rule:day-month"],
    ...     "event_edtf": ["2024-10-18"], "stated_end": pd.to_datetime(["2024-10-23"]),
    ...     "stated_start": pd.to_datetime(["2024-10-23"]),
    ...     "stated_edtf": ["2024-10-23"], "published": pd.to_datetime(["2024-10-25"])})
    >>> [str(v) for v in lags(f)[["record_id", "event_to_stated_days", "stated_to_published_days"]].iloc[0]]
    ['r1', '5', '2']
    """
    dated = ~frame["event_method"].fillna("").str.endswith("not-stated")
    out = pd.DataFrame({
        "record_id": frame["record_id"], "claimant_name": frame["claimant_name"], "stance": frame["stance"],
        "event": frame["event_edtf"].where(dated, "(not stated)"), "stated": frame["stated_edtf"],
        "published": frame["published"].dt.strftime("%Y-%m-%d"),
        "event_to_stated_days": (frame["stated_end"] - frame["event_end"]).dt.days.where(dated).astype("Int64"),
        "stated_to_published_days": (frame["published"] - frame["stated_end"]).dt.days.astype("Int64")
        .where(frame["stated_start"].notna()),
    })
    return out.sort_values(["record_id"], kind="stable").reset_index(drop=True)


def lag_summary(frame: pd.DataFrame) -> pd.DataFrame:
    """Per claimant: records, how many date their event and their statement, and the median, least and
    greatest lags (days) of :func:`lags`.

    >>> f = pd.DataFrame({"record_id": ["r1", "r2"], "claimant_name": ["X", "X"], "stance": ["reports"] * 2,
    ...     "event_end": pd.to_datetime(["2024-10-18", "2024-10-20"]), "event_method": ["rule:day-month"] * 2,
    ...     "event_edtf": ["2024-10-18", "2024-10-20"], "stated_end": pd.to_datetime(["2024-10-23"] * 2),
    ...     "stated_start": pd.to_datetime(["2024-10-23"] * 2),
    ...     "stated_edtf": ["2024-10-23"] * 2, "published": pd.to_datetime(["2024-10-25"] * 2)})
    >>> lag_summary(f).iloc[0].astype(str).tolist()
    ['X', '2', '2', '2', '4.0', '3', '5', '2.0', '2', '2']
    """
    table = lags(frame)
    out = table.groupby("claimant_name", sort=True).agg(
        records=("record_id", "size"),
        dated_events=("event_to_stated_days", "count"),
        dated_statements=("stated_to_published_days", "count"),
        event_to_stated_median=("event_to_stated_days", "median"),
        event_to_stated_min=("event_to_stated_days", "min"),
        event_to_stated_max=("event_to_stated_days", "max"),
        stated_to_published_median=("stated_to_published_days", "median"),
        stated_to_published_min=("stated_to_published_days", "min"),
        stated_to_published_max=("stated_to_published_days", "max"),
    ).reset_index()
    return out


# --------------------------------------------------------------------------- dates in words

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _as_date(value) -> dt.date | None:
    """A frame's date cell (Timestamp, date or ISO text) as a date; None for a missing one (None, NaT, NaN).

    >>> _as_date(pd.Timestamp("2024-10-23")), _as_date("2024-10-23"), _as_date(pd.NaT), _as_date(None)
    (datetime.date(2024, 10, 23), datetime.date(2024, 10, 23), None, None)
    """
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def _day(d: dt.date) -> str:
    return f"{d.day} {_MONTHS[d.month - 1]} {d.year}"


def day_words(value) -> str:
    """A frame's date cell (Timestamp, date or ISO text) as the suite writes a day: '18 Oct 2024'.

    >>> day_words(pd.Timestamp("2024-10-18")), day_words("2025-11-04")
    ('18 Oct 2024', '4 Nov 2025')
    """
    return _day(_as_date(value))


def published_words(value, precision=None) -> str:
    """A publication date as the suite writes it, with the precision its article's metadata give it (schema.yaml,
    seed_metadata published_precision): '18 Oct 2024' where it is known to the day, 'week of 4 Nov 2025' where
    only to a week, 'Nov 2025' to a month, '2025' to a year or coarser. Every place that writes a publication
    date, or a date read from one (a statement the article does not date), writes it with this function, so
    that a day known only to a week is never shown as an exact day.

    >>> published_words("2024-10-18", "day"), published_words("2025-11-04", "week")
    ('18 Oct 2024', 'week of 4 Nov 2025')
    >>> published_words(pd.Timestamp("2025-11-04"), "month"), published_words("2025-11-04", "year")
    ('Nov 2025', '2025')
    >>> published_words("2025-11-04")  # no precision given: the day
    '4 Nov 2025'
    """
    precision = None if precision is None or (not isinstance(precision, str) and pd.isna(precision)) else precision
    # by the precision's calendar unit (vocabulary precision, attributes unit_days and unit_months)
    known = precision in schema.VOCABULARIES["precision"]
    days = schema.attribute("precision", precision, "unit_days") if known else 1
    months = schema.attribute("precision", precision, "unit_months") if known else None
    if days == 1:
        return day_words(value)
    if days == 7:
        return f"week of {day_words(value)}"
    if months == 1:
        return month_words(value)
    return str(_as_date(value).year)


def month_words(value) -> str:
    """A month ('YYYY-MM', as :func:`figure_month` gives it) or a date as the suite writes a month: 'Oct 2024'.

    >>> month_words("2024-10"), month_words(dt.date(2025, 11, 4))
    ('Oct 2024', 'Nov 2025')
    """
    d = _as_date(f"{value}-01" if isinstance(value, str) and len(value) == 7 else value)
    return f"{_MONTHS[d.month - 1]} {d.year}"


#: How the events frame's flags column joins a record's flag types (schema.yaml, frame.flags).
FLAG_SEP = "; "


def flag_types(cell) -> list[str]:
    """The flag types of a record from its frame's flags cell (:data:`FLAG_SEP`-separated; empty or missing:
    none): the one reading of that column.

    >>> flag_types("unverified; summary"), flag_types(""), flag_types(None)
    (['unverified', 'summary'], [], [])
    """
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return []
    return [t.strip() for t in str(cell).split(FLAG_SEP.strip()) if t.strip()]


def _whole_month(s: dt.date, e: dt.date) -> bool:
    return s.day == 1 and (s.year, s.month) == (e.year, e.month) and e.day == calendar.monthrange(e.year, e.month)[1]


def _whole_years(s: dt.date, e: dt.date) -> bool:
    return (s.month, s.day) == (1, 1) and (e.month, e.day) == (12, 31)


def display_date(start: dt.date | None, end: dt.date | None, precision: str) -> str | None:
    """The date in words where the day is not known; None for a single known day.

    >>> display_date(dt.date(2024, 10, 23), dt.date(2024, 10, 23), "day") is None
    True
    >>> display_date(dt.date(2025, 1, 1), None, "vague")
    'on or after 1 Jan 2025'
    >>> display_date(dt.date(1980, 1, 1), dt.date(1989, 12, 31), "decade")
    '1980 to 1989'
    >>> display_date(dt.date(2024, 10, 21), dt.date(2024, 10, 27), "week")
    'between 21 Oct 2024 and 27 Oct 2024'
    """
    if start is None and end is None:
        return "date not known"
    if start is None:
        return f"on or before {_day(end)}"
    if end is None:
        return f"on or after {_day(start)}"
    if start == end:
        return None
    if _whole_month(start, end):
        return month_words(start)
    if _whole_years(start, end):
        return str(start.year) if start.year == end.year else f"{start.year} to {end.year}"
    return f"between {_day(start)} and {_day(end)}"
