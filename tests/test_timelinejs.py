"""The TimelineJS 3 export: one slide per original claim, dates at their precision with the uncertainty in words,
escaped text, groups, and nothing left out without saying so."""

from __future__ import annotations

import datetime as dt
import json

import pandas as pd
import pytest

from timeline import load_events
from timeline.timelinejs import _dates, build_timeline, display_date, write_timeline


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return load_events()


@pytest.fixture(scope="module")
def timeline(frame):
    return build_timeline(frame)


def test_one_slide_per_claim_key_and_every_record_named(frame, timeline):
    slides = timeline.document["events"]
    assert sorted(s["unique_id"] for s in slides) == sorted(frame["claim_key"].unique())
    by_id = {s["unique_id"]: s for s in slides}
    shared = frame[frame.duplicated("claim_key", keep=False)]
    assert len(shared) > 0
    for key, recs in shared.groupby("claim_key"):
        for rid in recs["record_id"]:
            assert f"Record {rid}:" in by_id[key]["text"]["text"]
    assert timeline.left_out == []


def test_a_slide_has_the_quote_summary_outlet_article_and_headline(frame, timeline):
    rec = frame.set_index("record_id").loc["r003-04"]
    slide = next(s for s in timeline.document["events"] if s["unique_id"] == rec["claim_key"])
    text = slide["text"]["text"]
    assert '<blockquote lang="de">Inzwischen gab der koreanische Geheimdienst' in text
    assert "South Korea&#x27;s NIS announced" in text
    assert "Der US-Verteidigungsminister Lloyd Austin" in text  # the article's title
    assert slide["text"]["headline"] == "National Intelligence Service (South Korea): troop count, 1,500 soldiers"
    assert slide["group"] == "National Intelligence Service (South Korea)"


@pytest.mark.parametrize("start, end, precision, shown", [
    (dt.date(2024, 10, 23), dt.date(2024, 10, 23), "day", None),
    (dt.date(2024, 10, 1), dt.date(2024, 10, 31), "month", "Oct 2024"),
    (None, dt.date(2024, 10, 23), "vague", "on or before 23 Oct 2024"),
    (dt.date(2026, 1, 1), None, "vague", "on or after 1 Jan 2026"),  # 'ab Januar': an open end
    (dt.date(2025, 7, 1), dt.date(2025, 9, 30), "quarter", "between 1 Jul 2025 and 30 Sep 2025"),
    (dt.date(2024, 1, 1), dt.date(2024, 12, 31), "year", "2024"),
    (dt.date(1980, 1, 1), dt.date(1989, 12, 31), "decade", "1980 to 1989"),
    (dt.date(1801, 1, 1), dt.date(1900, 12, 31), "century", "1801 to 1900"),
])
def test_display_date_says_the_uncertainty(start, end, precision, shown):
    assert display_date(start, end, precision) == shown


def test_timelinejs_dates_at_their_precision():
    assert _dates(dt.date(2024, 10, 1), dt.date(2024, 10, 31), "month") == {
        "start_date": {"year": 2024, "month": 10}, "display_date": "Oct 2024"}
    assert _dates(dt.date(2024, 10, 23), dt.date(2024, 10, 23), "day") == {
        "start_date": {"year": 2024, "month": 10, "day": 23}}
    assert _dates(None, dt.date(2024, 10, 23), "vague") == {
        "start_date": {"year": 2024, "month": 10, "day": 23}, "display_date": "on or before 23 Oct 2024"}
    decade = _dates(dt.date(1980, 1, 1), dt.date(1989, 12, 31), "decade")
    assert decade["start_date"] == {"year": 1980} and decade["end_date"] == {"year": 1989}
    week = _dates(dt.date(2024, 10, 21), dt.date(2024, 10, 27), "week")
    assert week["end_date"] == {"year": 2024, "month": 10, "day": 27}


def test_the_quote_is_escaped_and_an_unplaceable_claim_is_listed_not_dropped(frame):
    changed = frame.copy()
    changed.loc[0, "quote"] = "<script>alert(1)</script> & mehr"
    changed.loc[1, "stated_start"] = pd.NaT
    changed.loc[1, "stated_end"] = pd.NaT
    tl = build_timeline(changed)
    texts = " ".join(s["text"]["text"] for s in tl.document["events"])
    assert "<script>" not in texts and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; mehr" in texts
    key = changed.loc[1, "claim_key"]
    assert [i["claim_key"] for i in tl.left_out] == [key]
    assert key not in {s["unique_id"] for s in tl.document["events"]}
    assert f"Not shown: {key}" in tl.document["title"]["text"]["text"]


def test_groups_by_institution_or_country(frame):
    by_inst = build_timeline(frame)
    lee = frame[frame["claimant"] == "kr_lee_seong_kweon"]
    assert len(lee) > 0
    slide = next(s for s in by_inst.document["events"] if s["unique_id"] == lee["claim_key"].iloc[0])
    assert slide["group"] == "Members of the National Assembly Intelligence Committee (South Korea)"
    by_country = build_timeline(frame, group_by="country")
    assert {s["group"] for s in by_country.document["events"]} <= set(frame["claimant_country"])
    with pytest.raises(ValueError, match="unknown grouping"):
        build_timeline(frame, group_by="outlet")


def test_the_file_is_deterministic_json_and_the_command_writes_it(tmp_path, frame):
    from timeline.cli import main

    a, b = tmp_path / "a.json", tmp_path / "b.json"
    write_timeline(frame, a)
    assert main(["timelinejs", "--out", str(b)]) == 0
    assert a.read_bytes() == b.read_bytes()
    doc = json.loads(a.read_text(encoding="utf-8"))
    assert doc["title"]["text"]["headline"] and len(doc["events"]) == frame["claim_key"].nunique()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "b.json"]  # no temporary file left
