"""What each chart's headline, subtitle and source line say: computed from the records, worded neutrally.

A headline states what the records show ("Figures reported ... range from ... to ..."), never a fact: every
number in it is a claim, named with its claimant. The nouns a headline needs (who or what the counts count) come
from the case's configuration, the ``case:`` section of the dataset's ``actors.yaml``, which
:func:`timeline.load_tables` keeps in ``frame.attrs["case"]``; nothing here names a case.

Example:
    >>> import pandas as pd
    >>> case_text(pd.DataFrame(), "counted")
    'the counted'
"""

from __future__ import annotations

import re
import textwrap

import pandas as pd

from . import schema
from .frame import shared_attrs
from .summaries import UNIT_LABEL, day_words, display_date, figure_label, flag_types, published_words, scope_words

__all__ = ["CAVEAT", "case_text", "short_names", "NAME_COLUMNS", "reader_frame", "full_name", "actor_name", "tight_name", "bracket_name", "say_date", "is_dated", "is_forecast", "on_total_scale",
           "count_headline", "latest_detail", "latest_headline",
           "casualty_headline", "statements_headline", "flow_headline", "subtitle", "agencies", "source_text",
           "corrected", "flag_reason", "correction_notes"]

#: The caveat every chart carries in its subtitle and source line.
CAVEAT = "claims as reported, not verified"

#: The outlet of an article whose publisher the text does not name (schema.yaml, seed_metadata.outlet).
UNKNOWN_OUTLET = "unknown"

#: What a headline says when the case configuration does not give a noun.
_DEFAULTS = {"counted": "the counted", "casualties_of": "those counted", "title": "the case"}


def case_text(frame: pd.DataFrame, key: str) -> str:
    """A noun of the case configuration (``case:`` of actors.yaml, kept in ``frame.attrs['case']``), or a neutral
    default.

    >>> f = pd.DataFrame(); f.attrs["case"] = {"counted": "troops of Nordland"}
    >>> case_text(f, "counted"), case_text(f, "casualties_of")
    ('troops of Nordland', 'those counted')
    """
    case = getattr(frame, "attrs", {}).get("case") or {}
    value = case.get(key)
    return str(value) if value else _DEFAULTS.get(key, "")


def short_names(data) -> dict[str, str]:
    """The short names the actors file declares (actor field short), by display name, as a frame or a row of it
    carries them (``attrs['short_names']``, set by :func:`timeline.load_tables`; pandas hands a frame's attrs on
    to its slices and rows)."""
    return dict(getattr(data, "attrs", {}).get("short_names") or {})


#: The frame's columns that name an actor (a claimant, the institution it speaks for, the outlet carrying it, the
#: article's publisher):
#: written in the one form a reader sees in every chart (:func:`reader_frame`).
NAME_COLUMNS = ("claimant_name", "claimant_group_name", "outlet_name", "article_outlet")


def reader_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose :data:`NAME_COLUMNS` name every actor by the one form the charts write at every
    size (review 9, major 7: "NIS" on one chart and "National Intelligence Service (South Korea)" on another read
    as two actors): its declared short name (actors file, field ``short``), else its display name. The short form
    is the one that fits a phone's label and a slide's lane, so it is the form everywhere; the display name is
    kept in ``attrs['full_names']`` (by the short form) for the one place that defines it, the tooltip
    (:func:`full_name`). ``attrs['short_names']`` is emptied: no chart picks between two forms any more.

    >>> f = pd.DataFrame({"claimant_name": ["National Intelligence Service (South Korea)", "John Kirby"]})
    >>> f.attrs["short_names"] = {"National Intelligence Service (South Korea)": "NIS"}
    >>> r = reader_frame(f)
    >>> r["claimant_name"].tolist(), r.attrs["full_names"], r.attrs["short_names"]
    (['NIS', 'John Kirby'], {'NIS': 'National Intelligence Service (South Korea)'}, {})
    >>> reader_frame(r) is r
    True
    """
    if frame.attrs.get("reader_names"):
        return frame
    shorts = dict(frame.attrs.get("short_names") or {})
    out = frame.copy()
    for col in NAME_COLUMNS:
        if col in out.columns:
            out[col] = out[col].map(lambda v: shorts.get(v, v) if isinstance(v, str) else v)
    out.attrs = shared_attrs(dict(frame.attrs, reader_names=True, short_names={},
                                  full_names={short: name for name, short in shorts.items()}))
    return out


def full_name(frame_or_row, name) -> str | None:
    """The display name behind an actor's short form, as :func:`reader_frame` keeps it (None where the name a
    chart writes is already the display name)."""
    return dict(getattr(frame_or_row, "attrs", {}).get("full_names") or {}).get(name)


def actor_name(name, short: str | None = None, width: int | None = None, lines: int = 1) -> str:
    """The one way the suite writes an actor: its display name (actors file, field ``name``), or, where that
    takes more than ``lines`` lines of ``width`` characters, its declared short name (field ``short``), whole;
    never a third form (no name cut with '…', no parenthesis dropped, no initials made up). Lines are
    <br>-joined; a name with no short one declared stays whole in as many lines as it takes.

    >>> actor_name("National Intelligence Service (South Korea)", "NIS", 16, 2)
    'NIS'
    >>> actor_name("Kim Jong-un", "Kim", 16), actor_name("Lee Seong-kweon", None, 8)
    ('Kim Jong-un', 'Lee<br>Seong-kweon')
    """
    name = str(name)
    if width is None:
        return name
    wrapped = textwrap.wrap(name, width, break_long_words=False, break_on_hyphens=False) or [name]
    if len(wrapped) <= lines or not short:
        return "<br>".join(wrapped)
    return "<br>".join(textwrap.wrap(str(short), width, break_long_words=False, break_on_hyphens=False) or [str(short)])


def tight_name(name, short: str | None = None) -> str:
    """An actor's name where there is room for few words whatever the width (a headline's bracket, a footnote's
    lead): the declared short name, else the display name (:func:`actor_name`'s two forms, no third)."""
    return str(short) if short else str(name)


def is_dated(frame: pd.DataFrame) -> pd.Series:
    """True for a record whose article dates the statement (not only 'on or before the publication day')."""
    return ~frame["stated_method"].fillna("").astype(str).str.endswith("not-stated")


def is_forecast(frame: pd.DataFrame) -> pd.Series:
    """True for a record whose stance, claim type or count measure is a forecast (attribute is_forecast of each:
    a planned figure says what is to be sent, not what is there)."""
    out = (frame["stance"].isin(schema.values_where("stance", "is_forecast"))
           | frame["claim_type"].isin(schema.values_where("claim_type", "is_forecast")))
    if "count_measure" in frame:
        out = out | frame["count_measure"].isin(schema.values_where("count_measure", "is_forecast")).astype(bool)
    return out


def on_total_scale(frame: pd.DataFrame) -> pd.Series:
    """True for a record whose figure is drawn with the totals (vocabulary count_measure, attribute
    on_total_scale; a record that names no measure measures the default one): False for a further number
    ("weitere 1.000"), which is no total and is compared with none.

    >>> on_total_scale(pd.DataFrame({"count_measure": [None, "increment", "planned"]})).tolist()
    [True, False, True]
    """
    default = schema.the_value("count_measure", "is_default")
    on = set(schema.values_where("count_measure", "on_total_scale"))
    if "count_measure" not in frame:
        return pd.Series(default in on, index=frame.index, dtype=bool)
    return frame["count_measure"].astype(object).where(frame["count_measure"].notna(), default).isin(on).astype(bool)


def say_date(row) -> str:
    """When a claim was made, for a headline: '18 Oct 2024', or 'by 4 Nov 2025' when the article does not date it
    (said by its publication), written with the publication date's precision (:func:`published_words`).

    >>> say_date({"stated_end": pd.Timestamp("2024-10-18"), "stated_method": "rule:weekday"})
    '18 Oct 2024'
    >>> say_date({"stated_end": pd.Timestamp("2025-11-04"), "stated_method": "rule:not-stated"})
    'by 4 Nov 2025'
    >>> say_date({"stated_end": pd.Timestamp("2025-11-04"), "stated_method": "rule:not-stated",
    ...           "published_precision": "week"})
    'by the week of 4 Nov 2025'
    """
    end = row["stated_end"]
    if end is None or pd.isna(end):
        return "undated"
    if str(row.get("stated_method") or "").endswith("not-stated"):
        day = published_words(end, row.get("published_precision"))
        return f"by the {day}" if day.startswith("week of") else f"by {day}"
    return day_words(end)


def _y(frame: pd.DataFrame) -> pd.Series:
    """Where a count sits for ranking: the best estimate, else the known bound, else the middle of the range."""
    low, high = frame["count_low"].astype("Float64"), frame["count_high"].astype("Float64")
    return frame["count_best"].astype("Float64").fillna((low + high) / 2).fillna(low).fillna(high)


def main_unit(data: pd.DataFrame) -> str | None:
    """The unit most of the counts are in (ties: the vocabulary's order)."""
    units = [u for u in schema.VOCABULARIES["count_unit"] if u in set(data["count_unit"].dropna())]
    if not units:
        return None
    counts = data["count_unit"].value_counts()
    return max(units, key=lambda u: (int(counts.get(u, 0)), -units.index(u)))


def number(row, spelled: bool = False) -> str:
    """A reported figure without its unit: 'about 1,500', '≥ 3,000' (``spelled``, as a headline writes it: the
    qualifier in words, 'at least 3,000').

    >>> number({"count_low": 1500, "count_best": 1500, "count_high": 1500, "count_unit": "soldiers",
    ...         "count_qualifier": "approximately"})
    'about 1,500'
    """
    text, unit = figure_label(row, spelled), str(row["count_unit"])
    label = UNIT_LABEL.get(unit, unit.replace("_", " "))
    return text[: -len(label) - 1] if text.endswith(" " + label) else text


def unit_label(unit) -> str:
    """A unit as the charts name it (vocabulary count_unit, attribute label), without its parenthesis."""
    label = UNIT_LABEL.get(str(unit), str(unit).replace("_", " "))
    return re.sub(r"\s*\([^()]*\)$", "", label)


def bracket_name(name, short: str | None = None) -> str:
    """A claimant's name as a headline writes it inside its own brackets: :func:`tight_name` (the actors file
    declares a short name, without a parenthesis, for every name that ends in one); an actors file that declares
    none gets the name's parenthesis after a comma, so that no bracket nests in another.

    >>> bracket_name("Ukraine (government)", "Ukrainian government"), bracket_name("John Kirby")
    ('Ukrainian government', 'John Kirby')
    >>> bracket_name("Ukraine (government)")
    'Ukraine, government'
    """
    text = tight_name(name, short)
    m = re.fullmatch(r"(.*\S)\s*\(([^()]*)\)", text)
    return f"{m.group(1)}, {m.group(2)}" if m else text


def _who_when(row) -> str:
    """Who gave a figure and when, for a headline: 'NIS, 18 Oct 2024'."""
    return f"{_bracket(row)}, {say_date(row)}"


def _bracket(row) -> str:
    """:func:`bracket_name` of a row's claimant, with the short name the row's frame declares for it."""
    return bracket_name(row["claimant_name"], short_names(row).get(row["claimant_name"]))


def _said(row) -> str:
    return f"{figure_label(row, spelled=True)} ({_who_when(row)})"


def _extremes(d: pd.DataFrame) -> tuple:
    d = d.assign(_v=_y(d)).sort_values(["_v", "stated_end", "record_id"], kind="stable")
    return d.iloc[0], d.iloc[-1]


def count_headline(data: pd.DataFrame, frame: pd.DataFrame) -> str:
    """The headline of the troop-count chart: the lowest and the highest figure claimed in the main unit
    (forecasts left out: they say what is expected, not what was reported).

    ``data`` holds the records drawn, ``frame`` the whole dataset (for the case's nouns).
    """
    unit = main_unit(data[on_total_scale(data)]) or main_unit(data)
    noun = case_text(frame, "counted")
    if unit is None:
        return f"No figures reported for {noun}"
    d = data[(data["count_unit"] == unit) & ~is_forecast(data) & on_total_scale(data)]
    if d.empty:
        return f"Only forecasts reported for {noun}"
    lo, hi = _extremes(d)
    n = len(d)
    if figure_label(lo) == figure_label(hi):
        return f"{n} reported figure{'s' if n != 1 else ''} for {noun}: {number(hi, True)} {unit_label(unit)}"
    if lo["claimant_name"] == hi["claimant_name"] and lo["stated_end"] != hi["stated_end"]:
        return _one_claimants_change(d, lo, hi, unit)
    # each end names who gave it and when, so a range of figures a year apart does not read as one estimate
    return (f"Figures reported for {noun} range from {number(lo, True)} ({_who_when(lo)}) "
            f"to {number(hi, True)} {unit_label(unit)} ({_who_when(hi)})")


#: The characters of a headline's line at column width (what :func:`timeline.charts._chars` gives for its 22 px
#: type over the column's 876 px).
HEADLINE_LINE_CHARS = 75


def _one_claimants_change(d: pd.DataFrame, lo, hi, unit) -> str:
    """The count headline where the lowest and the highest figure are one claimant's on different days (review
    10, major 13: 'range from about 1,500 (NIS, 18 Oct 2024) to about 15,000 (NIS, …)' read as a spread between
    sources): a change in that claimant's figures, in the order said, then the other claimants' lowest and
    highest where the headline keeps to two lines at column width.

    >>> f = pd.DataFrame({"record_id": list("abc"), "claimant_name": ["A", "B", "A"], "count_unit": "soldiers",
    ...                   "count_qualifier": None, "count_low": [1500, 3000, 15000],
    ...                   "count_best": [1500, 3000, 15000], "count_high": [1500, 3000, 15000],
    ...                   "stated_method": "rule:day", "stated_end": pd.to_datetime(["2024-10-18", "2024-10-23",
    ...                                                                              "2025-11-04"])})
    >>> _one_claimants_change(f, f.iloc[0], f.iloc[2], "soldiers")
    "A's figures rose from 1,500 (18 Oct 2024) to 15,000 soldiers (4 Nov 2025); 1 other claimant: 3,000"
    """
    first, last = sorted((lo, hi), key=lambda r: (r["stated_end"], r["record_id"]))
    verb = "rose" if first is lo else "fell"
    head = (f"{_bracket(lo)}'s figures {verb} from {number(first, True)} ({say_date(first)}) "
            f"to {number(last, True)} {unit_label(unit)} ({say_date(last)})")
    others = d[d["claimant_name"] != lo["claimant_name"]]
    if others.empty:
        return head
    olo, ohi = _extremes(others)
    k = others["claimant_name"].nunique()
    span = number(olo, True) + (f" to {number(ohi, True)}" if figure_label(olo) != figure_label(ohi) else "")
    for rest in (f"; {k} other claimant{'s' if k != 1 else ''}: {span}", f"; other{'s' if k != 1 else ''}: {span}"):
        if len(textwrap.wrap(head + rest, HEADLINE_LINE_CHARS, break_on_hyphens=False)) <= 2:
            return head + rest
    return head


#: Claimants' latest figures said within this many days of the newest are compared in a headline as of one
#: time; older ones are named apart, with their dates (a year-old figure beside a new one is no comparison).
SAME_TIME_DAYS = 31


def _days_span(days: pd.Series) -> str:
    """The days of ``days`` as a headline writes them: '24 Dec 2024', or '23 Oct to 24 Dec 2024'."""
    first, last = pd.Timestamp(days.min()), pd.Timestamp(days.max())
    if first == last:
        return day_words(first)
    return f"{day_words(first) if first.year != last.year else day_words(first)[:-5]} to {day_words(last)}"


def _counted(row) -> str:
    """A figure with its unit and what it counts beyond it, in words: 'about 15,000 soldiers sent'."""
    return " ".join(p for p in (figure_label(row, spelled=True), scope_words(row)) if p)


def latest_headline(latest: pd.DataFrame, frame: pd.DataFrame) -> str:
    """The headline of the latest-figures chart, short enough for two lines at column width (the detail is
    :func:`latest_detail`, for the subtitle): each claimant's last figure, lowest and highest, where all were said
    within :data:`SAME_TIME_DAYS` of each other; else the highest of the newest (said within that of the newest
    one), so that figures a year apart are not set side by side.

    >>> f = pd.DataFrame({"record_id": ["a", "b", "c"], "claimant_name": ["A", "B", "A"], "count_unit": "soldiers",
    ...                   "count_qualifier": None,
    ...                   "count_low": [3000, 15000, 10000], "count_best": [3000, 15000, 10000],
    ...                   "count_high": [3000, 15000, 10000], "stated_method": "rule:day",
    ...                   "stated_end": pd.to_datetime(["2024-10-23", "2025-11-04", "2024-12-24"])})
    >>> latest_headline(f.iloc[[1, 2]], f.assign(claimant_name="x"))
    "2 claimants' latest figures: the newest 15,000 soldiers (B, 4 Nov 2025)"
    >>> latest_detail(f.iloc[[1, 2]], f.assign(claimant_name="x"))
    'The older 10,000 soldiers (A, 24 Dec 2024)'
    """
    noun = case_text(frame, "counted")
    if latest.empty:
        return f"No figures reported for {noun}"
    lo, hi = _extremes(latest)
    k = latest["claimant_name"].nunique()
    unit = unit_label(hi["count_unit"])
    whose = f"{k} claimants' latest figures" if k != 1 else "One claimant's latest figure"
    new, _ = _newest(latest)
    if len(new) == len(latest):
        if figure_label(lo) == figure_label(hi):
            return f"{whose} for {noun}: {number(hi, True)} {unit}"
        return (f"{whose} for {noun} run from {number(lo, True)} ({_who_when(lo)}) "
                f"to {number(hi, True)} {unit} ({_who_when(hi)})")
    top = new.iloc[0]
    if new["claimant_name"].nunique() == 1:
        return f"{whose}: the newest {_counted(top)} ({_who_when(top)})"
    return f"{whose}: the newest ({_days_span(new['stated_end'])}) up to {_counted(top)} ({_bracket(top)})"


def _newest(latest: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The figures said within :data:`SAME_TIME_DAYS` of the newest one, the highest first, and the older ones."""
    newest = latest["stated_end"] >= latest["stated_end"].max() - pd.Timedelta(days=SAME_TIME_DAYS)
    new = latest[newest]
    new = new.assign(_v=_y(new)).sort_values(["_v", "record_id"], ascending=[False, True], kind="stable")
    return new, latest[~newest]


def latest_detail(latest: pd.DataFrame, frame: pd.DataFrame) -> str:
    """What the latest-figures headline (:func:`latest_headline`) leaves to the subtitle, in sentences: the
    other newest figures, and the older claimants' figures with their days ('' where the headline says all)."""
    if latest.empty:
        return ""
    new, old = _newest(latest)
    if old.empty:
        return ""
    parts = []
    if new["claimant_name"].nunique() == 1:
        if len(new) > 1:
            parts.append(f"the newest also {' and '.join(_counted(r) for _, r in new.iloc[1:].iterrows())} "
                         f"({_bracket(new.iloc[0])})")
    else:
        parts.append("the newest " + "; ".join(f"{_counted(r)} ({_who_when(r)})" for _, r in new.iterrows()))
    olo, ohi = _extremes(old)
    n_old = old["claimant_name"].nunique()
    if figure_label(olo) == figure_label(ohi) and n_old == 1:
        parts.append(f"the older {_counted(ohi)} ({_who_when(ohi)})")
    else:
        parts.append(f"the {n_old} older ({_days_span(old['stated_end'])}) from {number(olo, True)} "
                     f"({_bracket(olo)}) to {number(ohi, True)} ({_bracket(ohi)})")
    return ". ".join(p[0].upper() + p[1:] for p in parts)


def casualty_headline(data: pd.DataFrame, frame: pd.DataFrame) -> str:
    """The headline of the casualty chart: every claim when there are few, else the lowest and highest."""
    noun = case_text(frame, "casualties_of")
    if data.empty:
        return f"No casualty figures reported for {noun}"
    d = data.assign(_v=_y(data)).sort_values(["_v", "stated_end", "record_id"], kind="stable")
    units = d["count_unit"].unique()
    if len(d) <= 3 and len(units) == 1:
        return (f"Casualty figures reported for {noun}: "
                + " and ".join(f"{number(r, True)} ({_bracket(r)})" for _, r in d.iterrows())
                + f" {unit_label(units[0])}")
    if len(d) <= 3:
        return f"Casualty figures reported for {noun}: " + " and ".join(
            f"{figure_label(r, spelled=True)} ({_bracket(r)})" for _, r in d.iterrows())
    lo, hi = d.iloc[0], d.iloc[-1]
    return f"{len(d)} casualty figures reported for {noun}, from {_said(lo)} to {_said(hi)}"


def statements_headline(shown: pd.DataFrame, short: bool = False, names: dict | None = None,
                        drawn: dict | None = None, brief: bool = False, rows: dict | None = None) -> str:
    """The headline of the statements charts, a finding: who has the most statements recorded (review 10, minor
    21: "most cited" read as how often others cite an actor), and whose is the earliest statement the articles
    date themselves (by its latest possible day; a statement said only "on or before" its article appeared cannot
    be called the first), in a clause of its own with its verb (review 9, major 16). ``short``: the slide's and
    the phone's short form: who has the most statements and, in a whole clause, for how many of them the articles
    give a date (review 10, major 2: "the articles date 12" meant nothing). ``brief``: the long form in fewer
    words ("A (X) made the earliest dated one, ..."). ``names``: short names by display name (the actors file's
    field short; else those the frame carries). ``drawn``: by group, the name the chart draws for it (its lane's
    label, with the country code; a folded lane's label where it names no one): the headline names only what the
    chart names; where it names the claimant of the earliest dated statement (a highlighted person), the
    headline names that claimant.

    ``rows``: by group, the label of the row (lane) the chart draws it in. The headline then counts what a row
    shows (review 10, major 11: it named "Pentagon (US)", 6 statements, where the chart drew the grey row
    "Pentagon and US government (US)" of 7): a row that names its actors counts as one, named as the row where
    it holds several ("the Pentagon and US government (US) row"); the actors of a row that only counts them
    ("5 other actors (INTL)") each count alone.

    >>> f = pd.DataFrame({"claimant_group_name": ["A", "B", "A"], "claimant_country": ["X", "Y", "X"],
    ...                   "stance": ["reports", "reports", "denies"],
    ...                   "stated_method": ["rule:day", "rule:not-stated", "rule:day"],
    ...                   "stated_end": pd.to_datetime(["2024-10-20", "2024-10-01", "2024-10-18"])})
    >>> statements_headline(f)
    'Most statements recorded: A (X), 2 of 3; the earliest dated statement came from A (X), on 18 Oct 2024'
    >>> statements_headline(f, brief=True)
    'Most statements recorded: A (X), 2 of 3; A (X) made the earliest dated one, 18 Oct 2024'
    >>> statements_headline(f, short=True)
    'Most statements recorded: A (X), 2 of 3; the articles give a date for 2 of them'
    >>> statements_headline(f, short=True, rows={"A": "A (X)", "B": "A and B (X)"})
    'Most statements recorded: A (X), 2 of 3; the articles give a date for 2 of them'
    >>> statements_headline(f.assign(claimant_group_name=["A", "B", "C"]), short=True,
    ...                     rows={"A": "A and B (X)", "B": "A and B (X)", "C": "C (X)"})
    'Most statements recorded: the A and B (X) row, 2 of 3; the articles give a date for 2 of them'
    """
    n = len(shown)
    names = names or short_names(shown)
    groups = shown["claimant_group_name"].astype(str)
    rows = rows or {}

    def counted_row(label) -> bool:  # "3 other actors (KR)": a row that counts its actors, names none of them
        return not label or label[:1].isdigit()

    # what is counted: a row that names its actors, else the actor (group) alone
    unit = groups.map(lambda g: ("row", rows[g]) if not counted_row(rows.get(g)) else ("group", g))
    counts = unit.value_counts()
    top = int(counts.max()) if n else 0
    most = sorted((u for u, k in counts.items() if int(k) == top), key=str)

    country = dict(zip(shown["claimant_group_name"], shown["claimant_country"]))

    def one(group) -> str:  # as the chart draws the group, else the short name where one is declared, with the code
        return (drawn[group] if drawn and group in drawn else tight_name(group, names.get(group))
                + (f" ({country[group]})" if isinstance(country.get(group), str) else ""))

    def joined(said) -> str:
        said = list(dict.fromkeys(said))  # two groups of one folded lane: the lane named once
        return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]

    def row_name(label) -> str:  # a row of one actor (and its highlighted person) is the actor, as drawn; a row
        # of several actors is the row
        members = [g for g, r in rows.items() if r == label]
        return one(members[0]) if len(members) == 1 else f"the {label} row"

    who_most = joined([row_name(v) if kind == "row" else one(v) for kind, v in most])
    each = " each" if len(most) > 1 else ""
    head = f"Most statements recorded: {who_most}, {top}{each} of {n}"
    dated = shown[is_dated(shown)]
    if short or dated.empty:  # the long form's subtitle counts the dated statements (two lines of headline)
        k = len(dated)
        them = "it" if n == 1 else "them"
        return head + (f"; the articles give a date for {k} of {them}" if k else f"; the articles date none of {them}")
    first_day = dated["stated_end"].min()
    earliest = dated[dated["stated_end"] == first_day]
    first = sorted(set(earliest["claimant_group_name"].astype(str)))
    people = sorted(set(earliest["claimant_name"].astype(str))) if "claimant_name" in earliest else []
    if drawn and people and all(p in drawn for p in people):  # the chart names the speaker: so does the headline
        first = people
    who_first = joined([one(g) for g in first])
    if brief:
        return f"{head}; {who_first} made the earliest dated one, {day_words(first_day)}"
    return f"{head}; the earliest dated statement came from {who_first}, on {day_words(first_day)}"


def flow_headline(frame: pd.DataFrame) -> str:
    """The headline of the source-flow chart: how many records name the agency or outlet that carried them, how
    many carriers and claimants that is, and how many stand on the article alone.

    >>> f = pd.DataFrame({"outlet": ["yonhap", "yonhap", "cnn", "article"], "claimant": ["a", "b", "a", "c"]})
    >>> flow_headline(f)
    '3 of 4 records name the agency or outlet that carried the claim (2 outlets, 2 claimants); the other 1 stands on the article alone'
    """
    named = frame["outlet"].isin(agency_ids(frame))
    n, k = len(frame), int(named.sum())
    if not k:
        return f"None of the {n} records names an agency or outlet that carried the claim: all stand on the article alone"
    outlets, claimants = frame.loc[named, "outlet"].nunique(), frame.loc[named, "claimant"].nunique()
    rest = n - k
    return (f"{k} of {n} records name the agency or outlet that carried the claim ({outlets} outlet"
            f"{'s' if outlets != 1 else ''}, {claimants} claimant{'s' if claimants != 1 else ''}); the other "
            f"{rest} {'stands' if rest == 1 else 'stand'} on the article alone")


def agency_ids(frame: pd.DataFrame) -> list[str]:
    """The outlets of ``frame`` that are an agency or paper the article cites: every outlet but the article's own
    (the language file's default outlet)."""
    from .attribution import default_outlet

    own = default_outlet()
    return sorted(o for o in frame["outlet"].dropna().unique() if o != own)


def agencies(frame: pd.DataFrame) -> list[str]:
    """The names of the agencies and outlets cited as carrying the records of ``frame``, sorted."""
    ids = set(agency_ids(frame))
    return sorted(set(frame.loc[frame["outlet"].isin(ids), "outlet_name"].dropna()))


def subtitle(what: str) -> str:
    """A chart's subtitle: what is drawn (with its unit) and the caveat."""
    return f"{what}; {CAVEAT}"


#: Characters of an article's headline a source line quotes where the article names no publisher.
_HEADLINE_CITED = 40


def article_names(articles: pd.DataFrame) -> list[str]:
    """How a source line names each article of ``articles`` (one row per seed): its publisher, without the
    publisher's own parenthesis (another name of it: the line's bracket does not nest); where the text names no
    publisher (outlet 'unknown', schema.yaml seed_metadata), its headline as the metadata give it, in German
    quotes and shortened at a word, so that a reader can find it. Publishers first, sorted, then the headlines
    in seed order.

    >>> a = pd.DataFrame({"seed": ["1", "2"], "article_outlet": ["unknown", "Agenzia Nova (Nova News)"],
    ...                   "article_title": ["Nordkorea hat Berichten zufolge Tausende weitere Soldaten nach Russland entsandt", "x"]})
    >>> article_names(a)
    ['Agenzia Nova', '„Nordkorea hat Berichten zufolge Tausende…“']
    """
    per_seed = articles.drop_duplicates("seed").sort_values("seed", kind="stable")
    unnamed = per_seed["article_outlet"].isna() | (per_seed["article_outlet"] == UNKNOWN_OUTLET)
    names = [re.sub(r"\s*\([^()]*\)$", "", o) or o for o in sorted(set(per_seed.loc[~unnamed, "article_outlet"]))]
    return names + [article_name(None, title) for title in per_seed.loc[unnamed, "article_title"]]


def article_name(outlet, title) -> str:
    """One article as the suite names it: its publisher, else (the text names none) its headline in German
    quotes, shortened at a word to :data:`_HEADLINE_CITED` characters.

    >>> article_name("unknown", "Der US-Verteidigungsminister Lloyd Austin bestätigte, dass Nordkorea Truppen entsandt hat")
    '„Der US-Verteidigungsminister Lloyd…“'
    """
    if isinstance(outlet, str) and outlet and outlet != UNKNOWN_OUTLET:
        return outlet
    title = re.sub(r"\s+", " ", str(title)).strip()
    if len(title) > _HEADLINE_CITED:
        title = title[:_HEADLINE_CITED + 1].rsplit(" ", 1)[0].rstrip(",;:–-— ") + "…"
    return f"„{title}“"


def source_text(frame: pd.DataFrame, shown: pd.DataFrame | None = None, searched: pd.DataFrame | None = None,
                searched_what: str | None = None, tight: bool = False) -> str:
    """The source line: the records drawn, the articles (their outlets and dates), the agencies they cite.

    An article whose text names no publisher is named by its headline (:func:`article_names`). A chart that
    draws nothing says what it searched, not a tally of zero: ``searched`` (the records it looked at, default
    all) and ``searched_what`` (what they are, plural), their articles and the agencies they cite. ``tight`` (a
    slide, whose height is scarce): the agencies by their short names (the actors file's field short).

    >>> from timeline import load_events
    >>> line = source_text(load_events())
    >>> line.startswith("Source: ") and CAVEAT in line and "Yonhap" in line
    True
    >>> events = load_events()
    >>> source_text(events, events.iloc[0:0]).startswith(f"Source: searched all {len(events)} hand-curated records")
    True
    """
    shown = frame if shown is None else shown
    if frame.empty:
        return f"Source: no records; {CAVEAT}."
    empty = not len(shown)
    if empty:
        searched = frame if searched is None else searched
        lead = (f"Source: searched all {len(frame)} hand-curated records" if len(searched) == len(frame)
                and searched_what is None else
                f"Source: searched the {len(searched)} {searched_what or 'records'} of {len(frame)} hand-curated "
                "records")
    else:
        lead = (f"Source: all {len(frame)} hand-curated records" if len(shown) == len(frame) else
                f"Source: {len(shown)} of the {len(frame)} hand-curated records")
    # the articles the drawn (or searched) records come from: a chart of two records from one article names it
    articles = searched if empty else shown
    articles = articles if len(articles) else frame
    n_articles = articles["seed"].nunique()
    # the first and last publication dates, each with its article's precision (a week is not written as a day)
    per_seed = articles.drop_duplicates("seed")
    precision = (per_seed["published_precision"] if "published_precision" in per_seed
                 else pd.Series(None, index=per_seed.index, dtype=object))
    dates = sorted((pd.Timestamp(d), published_words(d, p)) for d, p in zip(per_seed["published"], precision))
    first, last = (f"the {d}" if d.startswith("week of") else d for d in (dates[0][1], dates[-1][1]))
    when = first if first == last else f"{first} to {last}"
    total = frame["seed"].nunique()
    if tight:  # a slide: its height is scarce, the line keeps its short form
        lead += f" from {n_articles} of the {total} articles" if n_articles != total else f" from all {total} articles"
    elif n_articles == total:
        lead += (f", from all {total} German-language news articles" if total != 1 else
                 ", from the one German-language news article")
    else:
        lead += f", from {n_articles} of the {total} German-language news articles"
    cited = agencies(articles if empty else shown)
    if tight:
        cited = [tight_name(c, short_names(frame).get(c)) for c in cited]
    via = (f"; claims carried by {', '.join(cited)} as the articles cite them" if cited
           else "; no agency named")
    return f"{lead}, published {when} ({', '.join(article_names(articles))}){via}; {CAVEAT}."


def corrected(shown: pd.DataFrame) -> pd.Series:
    """True for a record the charts footnote as corrected: a value read from the text corrected (``is_corrected``)
    or a correcting flag of another field (vocabulary flag_type, attribute ``corrects``: the claimant of a
    misattribution), which the footnote names as well.

    >>> f = pd.DataFrame({"is_corrected": [True, False, False], "flags": ["corrected_count", "misattribution; "
    ...                   "text_error", "text_error"]})
    >>> corrected(f).tolist()
    [True, True, False]
    """
    value = shown["is_corrected"].fillna(False).astype(bool)
    if "flags" not in shown.columns:
        return value
    correcting = set(schema.correcting_flag_types())
    other = [bool(correcting & set(flag_types(f))) for f in shown["flags"]]
    return value | pd.Series(other, index=shown.index, dtype=bool)


#: The first words of a flag's note that a footnote's "because" may write in lower case (a sentence's article
#: or pronoun, never a name).
_LOWER_LEADS = ("The", "A", "An", "It", "This", "These")


def flag_reason(notes, kind: str) -> str | None:
    """The reason a flag of type ``kind`` gives, in the words of its note (the frame's ``flag_notes``:
    ``type (field): note Evidence: evidence``, joined by ' | ', records.py), cut to its first clause (at the
    first ';', ':' or '. '), so that it fits a footnote; None where the record carries no such note.

    >>> flag_reason("misattribution (claimant): The text says 'x'; so the speaker was Y. Evidence: z", "misattribution")
    "the text says 'x'"
    >>> flag_reason("corrected_count (count): 'zwölf' lost three zeros: the NIS figure was 12,000", "corrected_count")
    "'zwölf' lost three zeros"
    >>> flag_reason(None, "misattribution") is None
    True
    """
    if not isinstance(notes, str):
        return None
    for item in notes.split(" | "):
        m = re.fullmatch(rf"\s*{re.escape(kind)}(?: \([^)]*\))?: (.*?)(?: Evidence: .*)?\s*", item, flags=re.S)
        if m and m.group(1).strip():
            text = re.split(r";|: |\.(?:\s|$)", m.group(1).strip(), maxsplit=1)[0].strip()
            first, _, rest = text.partition(" ")
            return (first.lower() if first in _LOWER_LEADS else first) + (f" {rest}" if rest else "")
    return None


def correction_notes(shown: pd.DataFrame, names: dict | None = None, compact: bool = False) -> list[str]:
    """One footnote per corrected record drawn, in plain sentences (review 10, major 4: "NIS: text says
    „mindestens 12“, read as ...; the claimant corrected: the text names someone else" chained colons and read
    as if the chart gave the NIS a figure the text gives someone else): the record by its id, what it reads the
    text's words as, whom it credits where the text names another party, each with the reason its flag gives
    (:func:`flag_reason`, where the frame carries the flags' notes). No colon: the source block's "Corrected: "
    is the one before the quote.

    >>> f = pd.DataFrame({"record_id": ["r1"], "claimant_name": ["NIS"], "is_corrected": [True],
    ...     "count_expr": ["mindestens 12"], "count_low": [12000], "count_best": [12000], "count_high": [None],
    ...     "count_unit": ["soldiers"], "count_qualifier": ["at_least"]})
    >>> correction_notes(f)
    ['record r1 reads the text’s „mindestens 12“ as ≥ 12,000 soldiers']

    Every correcting flag of the record (vocabulary flag_type, attribute ``corrects``) is named, the attribution
    too, each with its flag's reason where the frame carries it:

    >>> g = f.assign(flags=["corrected_count; misattribution; text_error"], flag_notes=[
    ...     "corrected_count (count): 'mindestens 12' lost three zeros: 12 soldiers fill no brigade. Evidence: x | "
    ...     "misattribution (claimant): The text makes Y announce it; the NIS did. Evidence: y | text_error (quote): z"])
    >>> correction_notes(g)[0]
    "record r1 reads the text’s „mindestens 12“ as ≥ 12,000 soldiers, because 'mindestens 12' lost three zeros; it credits NIS, not the party the text names, because the text makes Y announce it"

    ``compact`` (a slide, whose height is scarce): the same corrections without the reasons, the claimant by its
    short name (``names``: by display name, the actors file's field short):

    >>> correction_notes(g, {"NIS": "N"}, compact=True)[0]
    'r1 reads „mindestens 12“ as ≥ 12,000 soldiers, credited to N'
    """
    names = names or short_names(shown)
    out = []
    for _, r in shown[corrected(shown)].sort_values("record_id").iterrows():
        flagged = set(flag_types(r.get("flags")))
        fields = {}  # field: the flag type correcting it
        for t in schema.correcting_flag_types():
            if t in flagged:
                for field in schema.attributes("flag_type", "corrects")[t]:
                    fields.setdefault(field, t)
        if not fields:
            fields = {"count": None}
        who = tight_name(r["claimant_name"], names.get(r["claimant_name"]) if compact else
                         short_names(r).get(r["claimant_name"]))
        parts = []
        for field, kind in fields.items():
            expr = r.get(f"{field}_expr")
            if field == "count":
                if pd.isna(r.get("count_unit")):
                    continue
                what = figure_label(r)
            elif f"{field}_start" not in r.index:  # no value read from the text (the claimant): whom the record names
                parts.append((f"credited to {who}" if compact else f"credits {who}, not the party the text names",
                              kind))
                continue
            else:
                if pd.isna(expr):
                    continue  # a correcting flag of the other date field
                start, end = (None if pd.isna(r.get(f"{field}_{b}")) else pd.Timestamp(r[f"{field}_{b}"]).date()
                              for b in ("start", "end"))
                what = f"{'an' if field[:1] in 'aeiou' else 'a'} {field} date " + str(
                    display_date(start, end, str(r.get(f"{field}_precision"))) or start)
            if pd.isna(expr):
                parts.append((f"reads the {field} as {what}", kind))
            else:
                parts.append((f"reads „{expr}“ as {what}" if compact else f"reads the text’s „{expr}“ as {what}",
                              kind))
        if not parts:
            continue
        if compact:  # the text's words and what the record reads, no reasons, the record by its bare id
            said = ", ".join(p for p, _ in parts)
            out.append(f"{r['record_id']} " + ("is " if said.startswith("credited") else "") + said)
            continue
        said = []
        for i, (part, kind) in enumerate(parts):
            reason = flag_reason(r.get("flag_notes"), kind) if kind else None
            said.append(("" if i == 0 else "it ") + part + (f", because {reason}" if reason else ""))
        out.append(f"record {r['record_id']} " + "; ".join(said))
    return out
