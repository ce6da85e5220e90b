"""Flags are data: the loader returns them as a table, one row per flag, and nothing parses a joined string back.

The frame's ``flags`` and ``flag_notes`` columns are derived from the table; the summaries and the charts read the
table. A note that holds the separator of ``flag_notes`` (" | ") followed by a flag type, which the old reading
split into a second, invented flag, stays one note everywhere.
"""

from __future__ import annotations

import yaml

from timeline import charts, load_dataset, load_tables, paths, summaries
from timeline.schema import FLAGS_COLUMNS

TRAP = "The text says 12 | text_error aside, the figure lost three zeros."


def _yaml_flags() -> list[tuple[str, str, str, str, str]]:
    """Every flag of the project's records, read with plain yaml (independent of the loader)."""
    out = []
    for path in sorted(paths.RECORDS_DIR.glob("*.yaml")):
        for rec in yaml.safe_load(path.read_text(encoding="utf-8"))["records"]:
            out += [(rec["id"], f["type"], f.get("field"), f["note"], f["evidence"]) for f in rec.get("flags") or []]
    return out


def test_one_row_per_flag_and_the_frame_columns_derived_from_it():
    result = load_dataset()
    table = result.flags
    assert list(table.columns) == FLAGS_COLUMNS
    assert sorted(map(tuple, table.astype(object).values.tolist())) == sorted(_yaml_flags())
    by_record = table.groupby("record_id", sort=False)["flag_type"].agg("; ".join)
    frame = result.frame.set_index("record_id")
    assert (frame.loc[by_record.index, "flags"] == by_record).all()
    assert (frame.drop(by_record.index)["flags"] == "").all()


def _set_note(data, record_id: str, flag_type: str, note: str) -> None:
    for path in sorted((data / "records").glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for rec in doc["records"]:
            if rec["id"] == record_id:
                next(f for f in rec["flags"] if f["type"] == flag_type)["note"] = note
                path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=1000),
                                encoding="utf-8")
                return
    raise AssertionError(record_id)


def test_a_note_holding_the_separator_stays_one_note(dataset_copy):
    _set_note(dataset_copy, "r001-03", "corrected_count", TRAP)
    frame, flags = load_tables(dataset_copy)
    mine = flags[flags["record_id"] == "r001-03"]
    assert mine["flag_type"].tolist() == ["corrected_count", "misattribution", "text_error"]
    assert mine["note"].iloc[0] == TRAP
    table = summaries.flag_table(frame, flags)
    assert table[table["record_id"] == "r001-03"]["note"].tolist()[0] == TRAP
    assert len(table) == len(flags)  # no invented flag
    fixed = summaries.corrections(frame, flags)
    assert fixed.loc[fixed["flag_type"] == "corrected_count", "note"].tolist() == [TRAP]
    assert TRAP in frame.set_index("record_id").loc["r001-03", "flag_notes"]  # the reading column keeps it too
    # the chart's hover gives the whole reason of the correction
    fig = charts.deployments(frame, flags)
    trace = next(t for t in fig.data if t.meta == "marker" and "r001-03" in list(t.customdata))
    hover = trace.hovertext[list(trace.customdata).index("r001-03")].replace("<br>", " ")
    assert "The text says 12 | text_error aside, the figure lost three zeros." in hover


def test_summaries_and_charts_take_the_table_not_the_reading_column(dataset_copy):
    """With the reading column emptied, the tables and hovers are the same: they never read it."""
    frame, flags = load_tables(dataset_copy)
    blank = frame.assign(flag_notes="")
    assert summaries.flag_table(blank, flags).equals(summaries.flag_table(frame, flags))
    assert charts.deployments(blank, flags).to_json() != ""  # builds
    for name in ("deployments", "statements"):
        one, two = charts.CHARTS[name].build(frame, flags), charts.CHARTS[name].build(blank, flags)
        hovers = [h for t in one.data if t.hovertext is not None for h in t.hovertext]
        assert hovers == [h for t in two.data if t.hovertext is not None for h in t.hovertext], name
