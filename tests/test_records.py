"""The curated records: verbatim provenance, flagged corrections, consistent claim keys, zero validation errors.

The quote checks read the YAML and the seed bytes directly, independent of the loader.
"""

from __future__ import annotations

import re
from collections import defaultdict

import pandas as pd
import pytest
import yaml

from timeline import load_dataset, load_events, paths
from timeline.schema import VOCABULARIES

RECORD_FILES = sorted(paths.RECORDS_DIR.glob("*.yaml"))
SEED_FILES = sorted(paths.SEEDS_DIR.glob("*.txt"))


def _records():
    out = []
    for path in RECORD_FILES:
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for rec in doc["records"]:
            out.append((path, doc["seed"], rec))
    return out


RECORDS = _records()
TEXTS = {p.name: p.read_bytes().decode("utf-8") for p in SEED_FILES}


def test_every_seed_has_a_records_file():
    assert [p.stem for p in RECORD_FILES] == [p.stem for p in SEED_FILES]
    for path in RECORD_FILES:
        assert yaml.safe_load(path.read_text(encoding="utf-8"))["seed"] == path.stem + ".txt"


@pytest.mark.parametrize("path,seed,rec", RECORDS, ids=[r["id"] for _, _, r in RECORDS])
def test_quote_stands_verbatim_at_its_offset(path, seed, rec):
    text = TEXTS[seed]
    start = rec["quote_start"]
    assert text[start:start + len(rec["quote"])] == rec["quote"]


@pytest.mark.parametrize("path,seed,rec", RECORDS, ids=[r["id"] for _, _, r in RECORDS])
def test_expressions_are_substrings_of_the_quote(path, seed, rec):
    for fld in ("stated", "event", "count"):
        expr = (rec.get(fld) or {}).get("expr")
        if expr is not None:
            assert expr in rec["quote"], (fld, expr)


def test_record_ids_are_unique_and_follow_the_seed_number():
    ids = [rec["id"] for _, _, rec in RECORDS]
    assert len(ids) == len(set(ids))
    for path, seed, rec in RECORDS:
        assert re.fullmatch(rf"r{seed[:3]}-\d\d", rec["id"]), rec["id"]


@pytest.mark.parametrize("path,seed,rec", RECORDS, ids=[r["id"] for _, _, r in RECORDS])
def test_corrections_have_a_flag_with_evidence(path, seed, rec):
    flags = rec.get("flags") or []
    for f in flags:
        assert f["type"] in VOCABULARIES["flag_type"]
        assert f.get("note", "").strip() and f.get("evidence", "").strip(), f
    wanted = {"count": "corrected_count", "event": "corrected_date", "stated": "corrected_date"}
    for fld, flag_type in wanted.items():
        if (rec.get(fld) or {}).get("corrected") is not None:
            assert any(f["type"] == flag_type and f.get("field") == fld for f in flags), (fld, flags)


def test_shared_claim_keys_link_other_seeds_or_one_claimant():
    frame = load_events()
    shared = frame[frame.duplicated("claim_key", keep=False)]
    assert not shared.empty
    for key, group in shared.groupby("claim_key"):
        assert group["seed"].nunique() > 1 or group["claimant"].nunique() == 1, (key, group[["record_id", "claimant"]])


def test_claim_keys_name_claimant_date_and_gist():
    for _, _, rec in RECORDS:
        if "claim_key" in rec:
            assert re.fullmatch(r"[a-z0-9-]+-20\d\d(-\d\d){0,2}-[a-z0-9-]+", rec["claim_key"]), rec["claim_key"]


def test_validator_reports_zero_errors():
    result = load_dataset()
    assert result.errors == []
    assert result.n_rejected == 0
    assert result.n_valid == len(RECORDS)


# --------------------------------------------------------------------------- the known errors of the texts


@pytest.fixture(scope="module")
def frame():
    return load_events().set_index("record_id")


def test_twelve_soldiers_read_as_twelve_thousand(frame):
    row = frame.loc["r001-03"]
    assert row["count_expr"] == "mindestens 12"
    assert row["count_low"] == row["count_best"] == 12000 and pd.isna(row["count_high"])
    assert row["claimant"] == "kr_nis"
    assert set(row["flags"].split("; ")) == {"corrected_count", "misattribution", "text_error"}


def test_north_korean_un_comment_attributed_to_its_mission(frame):
    row = frame.loc["r001-15"]
    assert row["claimant"] == "kp_un_mission" and "misattribution" in row["flags"]


def test_second_half_of_2023_read_as_2025(frame):
    row = frame.loc["r002-02"]
    assert row["event_expr"] == "in der zweiten Jahreshälfte 2023"
    assert row["event_edtf"] == "2025-41" and bool(row["is_corrected"])


def test_lee_spelled_two_ways_is_one_actor(frame):
    assert "Lee Song-kwon" in frame.loc["r002-06", "quote"]
    assert "Lee Sung-kwon" in paths.SEEDS_DIR.joinpath(frame.loc["r000-09", "seed"]).read_text(encoding="utf-8")
    assert frame.loc["r002-06", "claimant"] == frame.loc["r000-09", "claimant"] == "kr_lee_seong_kweon"


def test_records_sharing_a_claim_key_agree_on_claimant_day_and_figure(frame):
    shared = frame.groupby("claim_key").filter(lambda g: len(g) > 1)
    assert len(shared) >= 4
    for key, group in shared.groupby("claim_key"):
        # one original claimant; a vaguer article may name only its country ("Nordkorea" for its UN mission)
        assert group["claimant_country"].nunique() == 1, key
        days = group["stated_end"].dropna().dt.strftime("%Y-%m-%d")
        assert days.nunique() <= 1 or group["stated_start"].isna().any(), key
        figures = group["count_best"].dropna()
        assert figures.nunique() <= 1, (key, list(figures))


def test_two_figures_of_one_announcement_keep_two_keys(frame):
    # NIS, 18 October 2024: "at least 12,000" decided (001) and "about 1,500" already sent (003)
    assert frame.loc["r001-03", "claim_key"] != frame.loc["r003-04", "claim_key"]
    assert frame.loc["r001-03", "stated_end"] == frame.loc["r003-04", "stated_end"]


def test_record_ids_named_in_flags_and_summaries_exist():
    ids = {rec["id"] for _, _, rec in RECORDS}
    for _, _, rec in RECORDS:
        text = " ".join([rec["summary_en"]] + [f"{f['note']} {f['evidence']}" for f in rec.get("flags") or []])
        missing = set(re.findall(r"\br\d{3}-\d\d\b", text)) - ids
        assert not missing, (rec["id"], missing)


def test_two_figures_of_one_claimant_and_day_say_what_each_counts(frame):
    """The NIS's "fast 10.000 ... in der Nähe der russisch-ukrainischen Grenze" and "insgesamt rund 15.000 ...
    entsandt" (4 Nov 2025) looked the same in the charts (issue 15): each record says what its figure counts beyond
    its unit (count.scope), and every pair of figures of one claimant, unit and day differs in its scope or says
    none."""
    from timeline.summaries import scope_words

    scopes = frame["count_scope"]
    assert scopes["r000-05"] == "near_border" and scopes["r000-06"] == "sent"
    assert scope_words(frame.loc["r000-05"]) == "near the border"
    counts = frame[frame["count_unit"].notna() & frame["count_low"].notna()]
    for _, g in counts.groupby(["claimant", "count_unit", "stated_end"]):
        scoped = g["count_scope"].dropna()
        assert scoped.is_unique, g["count_scope"]
    assert set(frame["count_scope"].dropna()) <= set(VOCABULARIES["count_scope"])


def test_the_frames_attrs_are_shared_by_derived_frames_and_read_only():
    """pandas deep-copies ``attrs`` at every operation: the loaded frame's dicts (the case's nouns, the short
    names) are shared by every frame made from it, and the escaped and reader frames' too, and cannot be changed
    in place (a change would reach every frame sharing them)."""
    from timeline.charts import escaped_frame, reader_frame

    frame = load_events()
    derived = frame[frame["record_id"] != ""].sort_values("record_id").copy()
    assert derived.attrs["case"] is frame.attrs["case"] and derived.attrs["short_names"] is frame.attrs["short_names"]
    assert frame.attrs["case"] and frame.attrs["short_names"]
    for made in (escaped_frame(frame), reader_frame(frame)):
        again = made.head(3)
        assert all(again.attrs[k] is v for k, v in made.attrs.items() if isinstance(v, dict))
    with pytest.raises(TypeError, match="read-only"):
        frame.attrs["case"]["title"] = "changed"
    assert dict(frame.attrs["case"]) == load_dataset().frame.attrs["case"]
