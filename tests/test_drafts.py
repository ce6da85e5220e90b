"""Drafts: proposed records per candidate sentence, counted apart until confirmed; the leave-one-seed-out score."""

from __future__ import annotations

import dataclasses
import datetime as dt
import shutil

import pytest

from timeline.cli import main
from timeline.drafts import ConfirmError, confirm, draft_records, drafts_yaml
from timeline.evaluate_drafts import score_drafts
from timeline.names import ActorRegistry
from timeline.records import load_dataset
from timeline.seeds import load_seeds

ACTORS = ActorRegistry.from_yaml()


def test_attribution_berichtete_x_unter_berufung_auf_y():
    text = ("Weitere 1.000 nordkoreanische Ingenieure seien zur Unterstützung entsandt worden, berichtete die "
            "Nachrichtenagentur Yonhap unter Berufung auf Mitglieder des parlamentarischen Geheimdienstausschusses.")
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 11, 4), ACTORS)
    assert (d.record["claimant"], d.record["outlet"]) == ("kr_intelligence_committee", "yonhap")
    assert d.record["count"] == {"expr": "Weitere 1.000", "unit": "engineers"}
    assert d.record["claim_type"] == "troop_count" and "Berufung" in d.why["claimant"]


def test_statement_and_event_dates_are_told_apart():
    text = "Am 25. Oktober sagte Kirby, Nordkorea habe seit September mindestens 3.000 Soldaten verlegt."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2024, 10, 27), ACTORS)
    assert d.record["stated"] == {"expr": "Am 25. Oktober"}
    assert d.record["event"] == {"expr": "seit September"}
    assert d.count.low == 3000 and d.count.high is None and d.count.qualifier == "at_least"


def test_a_pronoun_and_direct_speech_take_the_claimant_of_the_sentence_before():
    text = "„Wir sehen Beweise“, erklärte Austin am Mittwoch. „Was sie dort tun, wird sich noch zeigen.“ Er fügte hinzu, es sei ernst."
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2024, 10, 23), ACTORS)
    assert [d.record["claimant"] for d in drafts] == ["us_austin"] * 3


def test_inflected_names_find_their_actor():
    from timeline.attribution import ActorMatcher
    m = ActorMatcher(ACTORS)
    assert [a for _, _, a in m.find("nach Angaben Südkoreas")] == ["kr_government"]
    assert [a for _, _, a in m.find("des südkoreanischen Geheimdienstes")] == ["kr_nis"]


def _copy(tmp_path):
    shutil.copytree("data", tmp_path / "data")
    shutil.copytree("seeds", tmp_path / "seeds")
    return tmp_path / "data", tmp_path / "seeds"


def test_drafts_are_counted_apart_and_confirmed(tmp_path, capsys):
    data, seeds = _copy(tmp_path)
    article = tmp_path / "neu.txt"
    article.write_text("Seoul meldet neue Zahlen\nDer NIS teilte am Montag mit, dass rund 2.000 weitere Soldaten "
                       "nach Russland entsandt worden seien. Lee erklärte, die Truppen würden im Dezember verlegt.\n",
                       encoding="utf-8")
    assert main(["add-article", str(article), "--data", str(data), "--seeds", str(seeds),
                 "--published", "2025-12-01"]) == 0
    [records] = [p for p in (data / "records").glob("005_*.yaml")]
    before = load_dataset(data, seeds_dir=seeds)
    # the new seed's metadata is TODO: its drafts count as drafts, nothing is lost
    assert before.n_read == before.n_valid + before.n_drafts + before.n_rejected
    text = records.read_text(encoding="utf-8")
    assert text.count("draft: true") == 2 and "kr_nis" in text
    with pytest.raises(ConfirmError, match="summary_en: still TODO"):
        confirm(records)
    records.write_text(text.replace('"TODO: one English sentence saying who claimed what"', '"The NIS said so."'),
                       encoding="utf-8")
    assert confirm(records, ["r005-01"]) == ["r005-01"]
    assert records.read_text(encoding="utf-8").count("draft: true") == 1


def test_validate_counts_drafts_apart(tmp_path, capsys):
    data, seeds = _copy(tmp_path)
    seed = load_seeds()["003_777336e2b4043abc.txt"]
    drafts = draft_records(seed.name, seed.text, seed.published_date, ACTORS, first_number=90)
    path = data / "records" / "003_777336e2b4043abc.yaml"
    body = path.read_text(encoding="utf-8")
    extra = drafts_yaml(seed.name, drafts).split("records:\n", 1)[1]
    path.write_text(body.rstrip("\n") + "\n" + extra, encoding="utf-8")
    result = load_dataset(data, seeds_dir=seeds)
    assert result.n_drafts == len(drafts) > 10
    assert result.n_valid == 73 and result.n_rejected == 0 and not result.errors
    assert main(["validate", str(data), "--seeds", str(seeds)]) == 0
    assert f"{len(drafts)} draft(s) to review" in capsys.readouterr().out


def test_leave_one_seed_out_scores():
    scores = score_drafts()
    assert len(scores) == 73
    assert scores["sentence"].mean() >= 0.95
    assert scores["outlet"].mean() >= 0.90 and scores["count"].mean() >= 0.90
    assert scores["dates"].mean() >= 0.75
    # the floor reached by issue 14's third round (58/73 claimants, 63/73 dates, 51/73 all three): no rule
    # change may lose a record
    assert scores["claimant"].sum() >= 58 and scores["dates"].sum() >= 63 and scores["all"].sum() >= 51
    assert scores["count"].sum() >= 70 and scores["outlet"].sum() >= 68
    drafts, false = map(sum, zip(*scores.attrs["candidates"].values()))
    assert false <= 5 and drafts >= 73  # false candidates (no curated quote overlaps them) are counted, stay few


def _one(text, published=dt.date(2024, 12, 24)):
    drafts = draft_records("005_0123456789abcdef.txt", text, published, ACTORS)
    return drafts


def test_a_casualty_claim_without_a_figure_is_drafted_as_one():
    [d] = _one("Nordkoreanische Einheiten müssen offenbar hohe Verluste hinnehmen.")
    assert d.record["count"] == {"expr": "hohe Verluste", "unit": "killed_or_wounded"}
    assert d.record["claim_type"] == "casualty_count"
    assert (d.count.qualifier, d.count.low, d.count.best, d.count.high) == ("unquantified", None, None, None)
    assert "without a figure" in d.why["count"]


def test_the_held_out_records_load_with_a_numberless_count():
    from timeline.evaluate_drafts import load_unseen
    result, _ = load_unseen()
    assert not result.errors and result.n_valid == len(result.frame) == 26
    row = result.frame[result.frame["count_expr"] == "hohe Verluste"].iloc[0]
    assert row["count_qualifier"] == "unquantified" and row["claim_type"] == "casualty_count"


def test_the_second_held_out_set_loads_and_is_scored_from_the_command_line(capsys):
    from timeline.cli import main
    from timeline.evaluate_drafts import HELDOUT2_DIR, load_unseen
    result, _ = load_unseen(HELDOUT2_DIR)
    assert not result.errors and result.n_valid == len(result.frame) == 10
    assert sorted(result.frame["seed"].unique())[0].startswith("905_")
    assert main(["score-drafts", "--unseen", str(HELDOUT2_DIR)]) == 0
    out = capsys.readouterr().out
    assert "heldout2" in out and "908_f749ad4c19341e15.txt" in out and "901_" not in out


def test_the_third_held_out_set_loads_and_is_scored_from_the_command_line(capsys):
    from pathlib import Path

    from timeline.cli import main
    from timeline.evaluate_drafts import load_unseen
    heldout3 = Path(__file__).parent / "data" / "heldout3"
    result, _ = load_unseen(heldout3)
    assert not result.errors and result.n_valid == len(result.frame) == 38
    assert sorted(result.frame["seed"].unique())[0].startswith("909_")
    # the folder's own actors (unknown to data/actors.yaml) are read for its records
    assert {"ru_shoigu", "ua_and_us"} <= set(result.frame["claimant"])
    assert main(["score-drafts", "--unseen", str(heldout3)]) == 0
    out = capsys.readouterr().out
    assert "heldout3" in out and "914_3ac423964c83376f.txt" in out and "905_" not in out and "901_" not in out


def test_the_fourth_held_out_set_loads_and_is_scored_from_the_command_line(capsys):
    from pathlib import Path

    from timeline.cli import main
    from timeline.evaluate_drafts import load_unseen
    heldout4 = Path(__file__).parent / "data" / "heldout4"
    result, _ = load_unseen(heldout4)
    assert not result.errors and result.n_valid == len(result.frame) == 33
    assert sorted(result.frame["seed"].unique()) == [
        "915_52b82a7e499605c3.txt", "916_8e04c8c0de3299e2.txt", "917_ced2a6181b3ed4bd.txt",
        "918_3313461ba12fc7ca.txt", "919_6889f8c4e9d3f5f5.txt"]
    # the folder's own actors (unknown to data/actors.yaml) are read for its records
    assert {"kp_state_tv", "kr_mnd", "us_white_house_and_dod", "western_officials", "bbc"} <= set(result.frame["claimant"])
    assert main(["score-drafts", "--unseen", str(heldout4)]) == 0
    out = capsys.readouterr().out
    assert "heldout4" in out and "919_6889f8c4e9d3f5f5.txt" in out and "915_52b82a7e499605c3.txt" in out
    assert "914_" not in out and "908_" not in out and "905_" not in out and "901_" not in out


def test_the_fifth_held_out_set_loads_with_its_own_actors():
    """The fifth held-out set (curated before any rule of round 6 was written) reads without an error: six excerpts,
    52 curated claims, the claimants and outlets only its own actors.yaml names included. It is loaded, never drafted
    here: its drafts are to be scored once round 6 is written."""
    from collections import Counter
    from pathlib import Path

    from timeline.evaluate_drafts import load_unseen
    heldout5 = Path(__file__).parent / "data" / "heldout5"
    result, registry = load_unseen(heldout5)
    assert not result.errors and result.n_valid == len(result.frame) == 52
    assert Counter(result.frame["seed"]) == {
        "920_f2dff747198c2c8a.txt": 10, "921_c5929a6fb1c46a04.txt": 11, "922_ebf17e3a4239ec4f.txt": 7,
        "923_283f71f96fa81990.txt": 12, "924_e64f260249bccff7.txt": 9, "925_d5de9e209875345b.txt": 3}
    # the folder's own actors (unknown to data/actors.yaml) are read for its records
    assert {"gb_starmer", "ua_budanov", "ua_gur", "us_ryder", "kr_jcs", "us_and_kr"} <= set(result.frame["claimant"])
    assert {"yonhap", "ukrinform", "bbc"} <= set(result.frame["outlet"])
    # no record of an earlier set is in it
    assert result.frame["record_id"].str.match(r"^r92[0-5]-\d\d$").all()


def test_the_sixth_held_out_set_loads_with_its_own_actors():
    """The sixth held-out set (curated before any rule of round 7 was written) reads without an error: five excerpts,
    52 curated claims, the claimants and outlets only its own actors.yaml names (joint actors among them) included. It
    is loaded, never drafted here: its drafts are to be scored once round 7 is written."""
    from collections import Counter
    from pathlib import Path

    from timeline.evaluate_drafts import load_unseen
    heldout6 = Path(__file__).parent / "data" / "heldout6"
    result, registry = load_unseen(heldout6)
    assert not result.errors and result.n_valid == len(result.frame) == 52 and result.n_rejected == 0
    assert Counter(result.frame["seed"]) == {
        "930_cf9efd43b8989249.txt": 8, "931_5a7b336c814a390b.txt": 10, "932_9966d1f6f293586d.txt": 13,
        "933_1a91abc3e4c414b9.txt": 9, "934_39e4b4632f47d2bb.txt": 12}
    # the folder's own actors (unknown to data/actors.yaml) are read for its records
    assert {"kr_nis_and_ukraine", "ua_zelensky_and_sbu", "ua_media_and_nyt", "kr_and_western_intelligence",
            "kr_unnamed_lawmaker", "us_and_kr"} <= set(result.frame["claimant"])
    assert {"reuters_bbc_yonhap", "kcna", "yonhap"} <= set(result.frame["outlet"])
    # the one corrected reading: the text's 'Gesamttoten' are killed and wounded, flagged as a text error
    corrected = result.frame.set_index("record_id").loc["r933-03"]
    assert corrected["count_unit"] == "killed_or_wounded" and "text_error" in corrected["flags"]
    # no record of an earlier set is in it
    assert result.frame["record_id"].str.match(r"^r93[0-4]-\d\d$").all()


def test_the_seventh_held_out_set_loads_with_its_own_actors():
    """The seventh held-out set (curated before any rule of round 8 was written) reads without an error: six excerpts
    from outlets new to the project, 55 curated claims, the claimants and outlets only its own actors.yaml names (a
    joint actor of three governments among them) included. It is loaded, never drafted here: its drafts are to be
    scored once round 8 is written."""
    from collections import Counter
    from pathlib import Path

    from timeline.evaluate_drafts import load_unseen
    heldout7 = Path(__file__).parent / "data" / "heldout7"
    result, registry = load_unseen(heldout7)
    assert not result.errors and result.n_valid == len(result.frame) == 55 and result.n_rejected == 0
    assert Counter(result.frame["seed"]) == {
        "940_d66f8bc90fc2ea18.txt": 10, "941_6da58b5773aa6094.txt": 9, "942_ad2099b3272afa0f.txt": 7,
        "943_5ec3e652d6d47a4a.txt": 11, "944_a9df43117c4fad94.txt": 8,
        "945_4a59d0d7d4d240a4.txt": 10}
    # the folder's own actors (unknown to data/actors.yaml) are read for its records
    assert {"kr_us_ua", "ru_peskov", "ru_gerasimov", "ua_budanov", "ua_armed_forces",
            "kp_captured_soldiers"} <= set(result.frame["claimant"])
    assert {"japan_times", "yonhap", "afp", "ua_zelensky", "cnn", "kcna"} <= set(result.frame["outlet"])
    # a news outlet reporting on its own is claimant and outlet
    assert (result.frame.set_index("record_id").loc["r945-01", ["claimant", "outlet"]] == "cnn").all()
    # the joint claimant speaks for the three governments its members name
    assert set(registry.by_id["kr_us_ua"].members) == {"kr_government", "us_government", "ua_government"}
    # hearsay with 'soll nach Angaben aus Kiew' is Kyiv's (the source named in the sentence), not the article's
    assert result.frame.set_index("record_id").loc["r943-09", "claimant"] == "ua_government"
    # no record of an earlier set is in it
    assert result.frame["record_id"].str.match(r"^r94[0-5]-\d\d$").all()


def test_the_eighth_held_out_set_loads_with_its_curated_records_and_its_own_actors():
    """tests/data/heldout8 holds five excerpts curated by hand before any rule of round 9 was written, from outlets and
    addresses no earlier set used (a Swiss one among them), 52 curated claims under the hearsay rule of 2026-12-01. It is
    loaded, never drafted here: its drafts are to be scored once round 9 is written."""
    from collections import Counter
    from pathlib import Path

    from timeline.evaluate_drafts import load_unseen
    heldout8 = Path(__file__).parent / "data" / "heldout8"
    result, registry = load_unseen(heldout8)
    assert not result.errors and result.n_valid == len(result.frame) == 52 and result.n_rejected == 0
    assert Counter(result.frame["seed"]) == {
        "950_855507f32c5dea98.txt": 15, "951_470c5511b219699e.txt": 10, "952_76d1b8994c3a806e.txt": 5,
        "953_bade22712a2694ac.txt": 10, "954_2d13d7f4cfcc6f27.txt": 12}
    frame = result.frame.set_index("record_id")
    # the folder's own actors (unknown to data/actors.yaml) are read for its records
    assert {"ru_and_kp", "kr_lee_and_kim", "ru_armed_forces", "ru_gerasimov", "ru_garmaev",
            "kr_and_western_intelligence", "rfa", "ru_military_telegram", "ua_intel_and_media",
            "kp_captured_soldiers"} <= set(result.frame["claimant"])
    assert {"kr_lee_and_kim", "rfa", "article"} <= set(result.frame["outlet"])
    # joint claimants speak for the actors their members name
    assert set(registry.by_id["ru_and_kp"].members) == {"ru_government", "kp_government"}
    assert set(registry.by_id["kr_lee_and_kim"].members) == {"kr_lee_seong_kweon", "kr_kim_byung_kee"}
    # hearsay rule 1 ('Laut dem NIS soll'), 2 ('... sollen ... Das berichtet Radio Free Asia'), 3 (continues the NIS's
    # account) and 4 (no source anywhere: the article, not unnamed_sources)
    assert frame.loc["r950-08", ["claimant", "outlet"]].tolist() == ["kr_nis", "kr_lee_and_kim"]
    assert (frame.loc["r954-07", ["claimant", "outlet"]] == "rfa").all()
    assert frame.loc["r953-04", "claimant"] == "kr_nis"
    assert frame.loc[["r953-01", "r953-10"], "claimant"].tolist() == ["article", "article"]
    # the Swiss figure '12'000' is kept verbatim and read as 12,000
    assert frame.loc["r953-01", "count_expr"] == "Bis zu 12'000" and frame.loc["r953-01", "count_best"] == 12000
    # no record of an earlier set is in it
    assert result.frame["record_id"].str.match(r"^r95[0-4]-\d\d$").all()


def test_the_ninth_held_out_set_loads_with_its_curated_records_and_its_own_actors():
    """tests/data/heldout9 holds six excerpts curated by hand before any rule of round 10 was written, from sites no
    earlier set used (a Swiss one and a Bavarian paper's front page among them), 57 curated claims under the hearsay rule
    of 2026-12-01. It is loaded, never drafted here: its drafts are to be scored once round 10 is written."""
    from collections import Counter
    from pathlib import Path

    from timeline.evaluate_drafts import load_unseen
    heldout9 = Path(__file__).parent / "data" / "heldout9"
    result, registry = load_unseen(heldout9)
    assert not result.errors and result.n_valid == len(result.frame) == 57 and result.n_rejected == 0
    assert Counter(result.frame["seed"]) == {
        "960_9bafd8ec40685ddb.txt": 14, "961_9afd2453c3390c2e.txt": 16, "962_8ab95e29aecd9496.txt": 10,
        "963_8ce51a50aa4bbfd8.txt": 8, "964_4dd8beceb9eaa8fa.txt": 6, "965_90093da65b8e7002.txt": 3}
    frame = result.frame.set_index("record_id")
    # the folder's own actors (unknown to data/actors.yaml) are read for its records
    assert {"ua_and_us", "ua_8th_regiment", "kr_gb_us"} <= set(result.frame["claimant"])
    assert {"nyt", "cnn", "yonhap", "article"} <= set(result.frame["outlet"])
    # joint claimants speak for the actors their members name
    assert set(registry.by_id["ua_and_us"].members) == {"ua_government", "us_government"}
    assert set(registry.by_id["kr_gb_us"].members) == {"kr_government", "gb_government", "us_government"}
    # hearsay rule 1: 'sollen ..., heißt es übereinstimmend aus Seoul, London und Washington' is the three governments'
    assert frame.loc[["r965-02", "r965-03"], "claimant"].tolist() == ["kr_gb_us", "kr_gb_us"]
    # sources named without saying whose ('Schätzungen zufolge', 'Laut Berichten', 'war davon die Rede')
    assert frame.loc[["r960-06", "r962-05", "r961-11"], "claimant"].tolist() == ["unnamed_sources"] * 3
    # a news outlet reporting on its own is claimant and outlet; footage a broadcaster carries is the unit's
    assert (frame.loc["r961-09", ["claimant", "outlet"]] == "nyt").all()
    assert (frame.loc["r962-03", ["claimant", "outlet"]] == "yonhap").all()
    assert frame.loc["r961-14", ["claimant", "outlet"]].tolist() == ["ua_8th_regiment", "cnn"]
    # a planned figure, and figures written with a space and a Swiss apostrophe between thousands
    assert frame.loc["r964-03", "count_measure"] == "planned" and frame.loc["r964-03", "count_best"] == 12000
    assert frame.loc["r961-11", ["count_low", "count_high"]].tolist() == [11000, 12000]
    # no record of an earlier set is in it
    assert result.frame["record_id"].str.match(r"^r96[0-5]-\d\d$").all()


def test_the_tenth_held_out_set_loads_with_its_curated_records_and_its_own_actors():
    """tests/data/heldout10 holds six excerpts curated by hand before any rule of round 11 was written, from sites no
    earlier set used (a public broadcaster's live blog, a magazine's interview, a regional paper, a portal, an Austrian
    regional paper and a Swiss wire), 43 curated claims under the hearsay rule of 2026-12-01. It is loaded, never
    drafted here: its drafts are to be scored once round 11 is written."""
    from collections import Counter
    from pathlib import Path

    import pandas as pd

    from timeline.evaluate_drafts import load_unseen
    heldout10 = Path(__file__).parent / "data" / "heldout10"
    result, registry = load_unseen(heldout10)
    assert not result.errors and result.n_valid == len(result.frame) == 43 and result.n_rejected == 0
    assert Counter(result.frame["seed"]) == {
        "970_4cb80be283b9e76b.txt": 4, "971_ef267f12d4b0f054.txt": 11, "972_d5b1fb377e66d77e.txt": 10,
        "973_008d16a8865d5878.txt": 8, "974_60c1f3b5f5a7b3d9.txt": 7, "975_7c0aa8c2e745cf63.txt": 3}
    frame = result.frame.set_index("record_id")
    # the folder's own actors (unknown to data/actors.yaml) are read for its records
    assert {"kr_tertitskiy", "kp_captured_soldiers", "us_ryder", "us_singh", "us_patel"} <= set(result.frame["claimant"])
    assert registry.by_id["us_singh"].member_of == "us_dod" and registry.by_id["us_patel"].member_of == "us_government"
    # the prisoner speaks in the video Zelensky posted: he is the claimant, Zelensky the carrier
    assert frame.loc["r972-04", ["claimant", "outlet"]].tolist() == ["kp_captured_soldiers", "ua_zelensky"]
    # hearsay rule 3 (continues the expert's answer; continues the NIS's reported speech) and 4 (the interviewer's
    # question names no source: the article)
    assert frame.loc[["r971-06", "r971-11", "r971-03"], "claimant"].tolist() == ["kr_tertitskiy", "kr_nis", "article"]
    # the NIS's 'am Freitag' is the Friday before the interview; Ukraine's 'letzte Woche' the week before the page's
    assert str(frame.loc["r971-10", "stated_start"].date()) == "2024-10-18"
    assert [str(frame.loc["r972-05", c].date()) for c in ("stated_start", "stated_end")] == ["2025-01-06", "2025-01-12"]
    # a planned figure, a magnitude near the front, and an open 'mehr als'
    assert frame.loc["r971-10", "count_measure"] == "planned" and frame.loc["r971-10", "count_best"] == 12000
    assert frame.loc["r971-07", ["count_low", "count_high", "count_scope"]].tolist() == [2000, 9999, "near_border"]
    assert frame.loc["r975-02", "count_low"] == 10000 and pd.isna(frame.loc["r975-02", "count_high"])
    # no record of an earlier set is in it
    assert result.frame["record_id"].str.match(r"^r97[0-5]-\d\d$").all()


def test_the_eleventh_held_out_set_loads_with_its_curated_records_and_its_own_actors():
    """tests/data/heldout11 holds six excerpts curated by hand before any rule of round 12 was written, from sites no
    earlier set used (a European broadcaster, a portal's wire report, a Swiss paper's dpa wire, a public broadcaster's
    youth station, a regional paper's video page and an Austrian portal), 47 curated claims under the hearsay rule of
    2026-12-01. It is loaded, never drafted here: its drafts are to be scored once round 12 is written."""
    from collections import Counter
    from pathlib import Path

    import pandas as pd

    from timeline.evaluate_drafts import load_unseen
    heldout11 = Path(__file__).parent / "data" / "heldout11"
    result, registry = load_unseen(heldout11)
    assert not result.errors and result.n_valid == len(result.frame) == 47 and result.n_rejected == 0
    assert Counter(result.frame["seed"]) == {
        "980_89136a43068bfede.txt": 12, "981_3f280326cc2e9019.txt": 10, "982_c2f1bc313b8f2c15.txt": 6,
        "983_8ae9c64d25f02680.txt": 7, "984_d53aa30d4e9c5af5.txt": 3, "985_424ac9ab4ba2121a.txt": 9}
    frame = result.frame.set_index("record_id")
    # the folder's own actors (unknown to data/actors.yaml) are read for its records
    assert {"kr_military", "kr_kim_byung_kee", "ru_peskov", "kr_kim_yong_hyun", "ua_kovalenko", "ru_and_kp", "ua_hur",
            "ru_gerasimov", "western_intelligence"} <= set(result.frame["claimant"])
    assert set(registry.by_id["ru_and_kp"].members) == {"ru_government", "kp_government"}
    # a carrier named for the NIS's briefing; unnamed sources a paper cites; a news agency reporting on its own
    assert frame.loc["r980-04", ["claimant", "outlet"]].tolist() == ["kr_nis", "kr_lee_seong_kweon"]
    assert frame.loc["r981-04", ["claimant", "outlet"]].tolist() == ["unnamed_sources", "kyiv_post"]
    assert (frame.loc[["r983-02", "r985-06"], ["claimant", "outlet"]] == "kcna").all().all()
    # hearsay rule 1 (source in the sentence), a passive of saying ('hiess es'), and 4 (bare hearsay after background)
    assert frame.loc[["r981-06", "r982-01", "r982-03", "r982-06"], "claimant"].tolist() == [
        "ua_kovalenko", "ua_hur", "unnamed_sources", "article"]
    # 'am Mittwoch' is the NIS's briefing of 30 April 2025; 'vergangene Woche' the week before Peskov's Thursday
    assert str(frame.loc["r980-02", "stated_start"].date()) == "2025-04-30"
    assert [str(frame.loc["r981-04", c].date()) for c in ("stated_start", "stated_end")] == ["2024-09-30", "2024-10-06"]
    # 'im vergangenen Monat' of a text written on 30 April and paged on 1 May: corrected to March, flagged
    assert [str(frame.loc["r980-10", c].date()) for c in ("stated_start", "stated_end")] == ["2025-03-01", "2025-03-31"]
    # an open 'mehr als' written with a Swiss apostrophe, scope sent; a figure without a qualifier
    assert frame.loc["r982-06", ["count_low", "count_scope"]].tolist() == [10000, "sent"]
    assert pd.isna(frame.loc["r982-06", "count_high"])
    assert frame.loc["r980-05", ["count_best", "count_unit"]].tolist() == [600, "killed"]
    # no record of an earlier set is in it
    assert result.frame["record_id"].str.match(r"^r98[0-5]-\d\d$").all()

def test_a_drafter_that_knows_the_articles_actors_names_more_claimants(capsys):
    """``--with-actors``: the drafter also knows the held-out folder's actors.yaml, as once a curator has added an
    article's new actors; a claimant only that file names (the fourth set's state television, its BBC) is then
    proposed by id instead of as written."""
    from pathlib import Path

    from timeline.cli import main
    from timeline.evaluate_drafts import score_unseen
    heldout4 = Path(__file__).parent / "data" / "heldout4"
    without, with_ = score_unseen(heldout4), score_unseen(heldout4, with_actors=True)
    assert list(without["record_id"]) == list(with_["record_id"])
    gained = set(with_.loc[with_["claimant"], "record_id"]) - set(without.loc[without["claimant"], "record_id"])
    assert gained and not set(without.loc[without["claimant"], "record_id"]) - set(with_.loc[with_["claimant"],
                                                                                             "record_id"])
    assert main(["score-drafts", "--unseen", str(heldout4), "--with-actors"]) == 0
    assert "the drafter knows data/actors.yaml and the folder's actors.yaml" in capsys.readouterr().out


def test_two_date_expressions_joined_by_oder_are_one_event():
    [d] = _one("Ihm zufolge sei der Zeitpunkt für eine Stationierung im Juli oder August.", dt.date(2025, 6, 26))
    assert d.record["event"] == {"expr": "im Juli oder August"}
    assert (d.event.start, d.event.end) == (dt.date(2025, 7, 1), dt.date(2025, 8, 31))


def test_the_date_of_an_outlet_dates_no_statement():
    [d, _] = _one("Laut AFP vom 24. Dezember gab Südkorea an, dass mehr als 1.000 Soldaten getötet oder verletzt "
                  "worden seien, während die Ukraine von über 3.000 sprach.", dt.date(2024, 12, 27))
    assert "stated" not in d.record and "event" not in d.record
    assert "outlet's report" in d.why["stated"]
    assert (d.stated.start, d.stated.end) == (None, dt.date(2024, 12, 27))


def test_a_clause_of_its_own_gets_a_draft_of_its_own():
    text = ("Laut AFP vom 24. Dezember gab Südkorea an, dass mehr als 1.000 Soldaten getötet oder verletzt worden "
            "seien, während die Ukraine von über 3.000 sprach.")
    first, second = _one(text)
    assert text[second.candidate.start:].startswith("während die Ukraine")
    assert (first.record["claimant"], first.record["outlet"]) == ("kr_government", "afp")
    assert second.record["claimant"] == "ua_government"
    assert (second.count.low, second.record["count"]["unit"]) == (3000, "killed_or_wounded")


def test_an_opening_date_and_its_apposition_date_the_statement():
    [d] = _one("Am Vortag, dem 17. Oktober, hatte der ukrainische Präsident Wolodymyr Selenskyj von "
               "Geheimdienstberichten gesprochen, wonach Soldaten ausgebildet würden.", dt.date(2024, 10, 27))
    assert d.record["stated"] == {"expr": "dem 17. Oktober"} and "event" not in d.record
    assert d.record["claimant"] == "ua_zelensky"


def test_a_name_stands_where_the_claimant_stands():
    # an actor further in names what the claim speaks of, not who makes it
    [d] = _one("Am 23. Oktober bestätigte die Regierung die Entsendung von Truppen aus Nordkorea nach Russland.")
    assert d.record["claimant"] != "kp_government"
    # a possessor qualifies the name after it; the bracket holds the name the actor is known by
    [d] = _one("Südkoreas Nationaler Geheimdienst (NIS) teilte den Abgeordneten mit, dass 5.000 Soldaten kamen.")
    assert d.record["claimant"] == "kr_nis"
    # one word of a person's name names the person; a sentence adverb puts the verb before its subject
    [d] = _one("Lee erklärte, der NIS sei zu dem Schluss gekommen, dass Kim reden wolle.")
    assert d.record["claimant"] == "kr_lee_seong_kweon"
    [d] = _one("Gleichzeitig weisen Experten darauf hin, dass die Zusammenarbeit wachse.")
    assert d.record["claimant"] == "unnamed_sources"
    # a date is no part of a name
    [d] = _one("Am 23. Oktober sagte Kovalenko am Mittwoch, die Soldaten seien da.")
    assert d.record["claimant"] == "Kovalenko"


def test_an_unknown_name_is_proposed_without_the_role_noun_before_it():
    [d] = _one("Der mongolische Verteidigungsminister Batu Khan sagte, 300 Soldaten seien verlegt worden.")
    # the name as written, without the role noun; since round 10 the claimant is the new actor proposed for it
    assert d.claimant_name == d.new_claimant.name == "Batu Khan" and d.record["claimant"] == "batu_khan"
    [d] = _one("Am 25. Oktober teilte der Außenminister Ganbold Bat-erdeneDer Agentur mit, 300 Soldaten seien dort.")
    assert d.claimant_name == "Ganbold Bat-erdene"  # a name run together with the next word by scraping ends there


def test_reports_without_a_source_are_unnamed_sources():
    [d] = _one("Berichten zufolge sollen rund 11.000 nordkoreanische Soldaten in der Region stationiert sein.")
    assert d.record["claimant"] == "unnamed_sources" and "names no one" in d.why["claimant"]
    [d] = _one("Insbesondere wurde berichtet, dass 500 nordkoreanische Soldaten in Kursk beteiligt waren.")
    assert d.record["claimant"] == "unnamed_sources" and "wurde berichtet" in d.why["claimant"]


def test_a_present_tense_verb_of_saying_before_the_claimant():
    [d] = _one("Über 3.000 nordkoreanische Soldaten seien getötet oder verwundet worden, sagt Selenskyj")
    assert d.record["claimant"] == "ua_zelensky"


def test_a_date_after_the_claimant_and_its_apposition_dates_the_statement():
    [d] = _one('"Wir gehen davon aus, dass Nordkorea mindestens 3.000 Soldaten verlegt hat", sagte der Sprecher '
               'des Nationalen Sicherheitsrates in Washington, John Kirby, am Mittwoch.', dt.date(2024, 10, 23))
    assert d.record["stated"] == {"expr": "am Mittwoch"} and "event" not in d.record
    assert d.stated.start == d.stated.end == dt.date(2024, 10, 23)


def test_a_date_in_brackets_explains_the_date_before_it():
    [d] = _one("Kovalenko schrieb am Montag (4. November) auf Telegram, es seien 100 Soldaten beschossen worden.",
               dt.date(2024, 11, 4))
    assert d.record["stated"] == {"expr": "4. November"} and "event" not in d.record


def test_ueber_after_a_noun_of_knowledge_means_about():
    [d] = _one("Die USA hatten hingegen berichtet, sie hätten Erkenntnisse über 3.000 Soldaten aus Nordkorea in Russland.")
    assert d.record["count"] == {"expr": "3.000", "unit": "soldiers"}
    assert (d.count.low, d.count.best, d.count.high) == (3000, 3000, 3000)
    [d] = _one("Die USA hatten berichtet, dass über 3.000 Soldaten aus Nordkorea in Russland seien.")
    assert d.record["count"]["expr"] == "über 3.000"  # elsewhere it is a qualifier


def test_hearsay_soll_and_hiess_es_mark_a_claim():
    from timeline.detect import claim_cues
    assert "reported" in {k for _, _, k in claim_cues("Mehrere tausend Soldaten von Kim sollen in Kursk stehen.")}
    assert "construction" in {k for _, _, k in claim_cues("Man gehe von einem Einsatz aus, hieß es aus Washington.")}
    [d] = _one("Die entsandten Soldaten sollen sich erstmals Gefechte mit ukrainischen Einheiten geliefert haben.")
    assert "claim:reported" in " ".join(d.candidate.reasons)


def test_a_role_noun_claimant_points_back_to_the_actor_named_before():
    drafts = _one("Die Zahl übersteigt die, die der südkoreanische Geheimdienst letzte Woche angegeben hatte. "
                  "Die Agentur schätzte, dass mindestens 100 nordkoreanische Soldaten getötet wurden.")
    assert drafts[-1].record["claimant"] == "kr_nis" and "points back" in drafts[-1].why["claimant"]


def test_a_ministry_speaking_through_its_spokesperson_is_the_spokespersons_claim():
    [d] = _one("Am 24. Oktober erklärte das mongolische Außenministerium über seinen Sprecher Batu Khan, dass "
               "Ulan Bator nichts von 300 Soldaten wisse.", dt.date(2024, 10, 25))
    assert d.claimant_name == "Batu Khan" and "via-spokesperson" in d.why["claimant"]


def test_a_relative_clause_between_the_claimant_and_the_verb():
    [d] = _one("Ein mongolischer Beamter, der die Aktivitäten des Militärs überwacht, sagte, 300 Soldaten seien an "
               "der Front.")
    assert d.claimant_name == "mongolischer Beamter" and "relative clause" in d.why["claimant"]


# Round 4 of the rules: each class with a sentence of its own (not a held-out quote)

def test_a_pluperfect_of_saying_dates_the_statement_beside_its_auxiliary():
    [d] = _one("Der mongolische Präsident Batu Khan hatte am Montag gesagt, dass 300 Soldaten an der Front seien.")
    assert d.claimant_name == "Batu Khan"
    assert d.record["stated"] == {"expr": "am Montag"} and "event" not in d.record
    assert d.stated.start == dt.date(2024, 12, 23)
    [d] = _one("Die mongolische Regierung hatte am Freitag von bis zu 300 Soldaten gesprochen, die dort stünden.")
    assert d.record["stated"] == {"expr": "am Freitag"} and d.claimant_name == "mongolische Regierung"
    [d] = _one("Der Machthaber Batu Khan, der seit 2020 regiert, hat die Anwesenheit der Truppen nicht bestritten.")
    assert d.claimant_name == "Batu Khan" and "relative clause" in d.why["claimant"]


def test_a_dateline_before_the_claimant_names_no_one():
    [d] = _one("Ulan Bator – Der mongolische Präsident Batu Khan bestätigt Berichte, wonach 300 Soldaten "
               "bereitstünden.")
    assert d.claimant_name == "Batu Khan"
    [d] = _one("Seoul, 17.10. – Der NIS teilte mit, dass 300 Soldaten bereitstünden.")
    assert d.record["claimant"] == "kr_nis"


def test_a_country_adjective_names_the_actor_that_speaks_for_the_country():
    [d] = _one("Nach russischen Angaben kam es am Dienstag zu ersten Gefechten.")
    assert d.record["claimant"] == "ru_government" and "country" in d.why["claimant"]
    # an adjective of no country names no one
    [d] = _one("Nach offiziellen Angaben kam es am Dienstag zu ersten Gefechten.")
    assert d.record["claimant"] == "article"


def test_a_countrys_state_media_are_the_actor_marked_state_media():
    [d] = _one("Die Truppen sind nach Angaben nordkoreanischer Staatsmedien an der Front eingesetzt worden.")
    assert d.record["claimant"] == "kcna"
    assert d.record["outlet"] == "article"  # "Staatsmedien" says who, not where the article read it
    # a country without an actor marked state_media: no claimant is made up
    [d] = _one("Die Truppen sind nach Angaben russischer Staatsmedien an der Front eingesetzt worden.")
    assert d.record["claimant"] != "ru_government"


def test_hearsay_soll_keeps_the_claimant_of_the_sentence_right_before_only():
    # the lead's hearsay rule (step 3, docs/curating.md): right after the speaker's sentence it continues them ...
    drafts = _one("Austin sagte am Mittwoch, die Lage sei ernst. Die Soldaten sollen sich erste Gefechte geliefert "
                  "haben.", dt.date(2024, 10, 24))
    assert [d.record["claimant"] for d in drafts] == ["us_austin", "us_austin"]
    # ... and after a sentence of the article's own it is the article's (step 4)
    drafts = _one("Austin sagte am Mittwoch, die Lage sei ernst. Im Osten ist es kalt. Die Soldaten sollen sich "
                  "erste Gefechte geliefert haben.", dt.date(2024, 10, 24))
    assert [d.record["claimant"] for d in drafts] == ["us_austin", "article"]
    drafts = _one("Austin sagte am Mittwoch, die Lage sei ernst. Die Soldaten seien bereits an der Front.",
                  dt.date(2024, 10, 24))
    assert [d.record["claimant"] for d in drafts] == ["us_austin", "us_austin"]


def test_sagte_x_der_agentur_y_zufolge_x_claims_y_carries():
    [d] = _one("Drei Soldaten seien verwundet worden, sagte Präsident Putin der Nachrichtenagentur Yonhap zufolge.")
    assert (d.record["claimant"], d.record["outlet"]) == ("ru_putin", "yonhap")
    assert "said-per-outlet" in d.why["claimant"]


def test_ums_leben_gekommen_counts_the_killed():
    [d] = _one("Neun Soldaten seien während des Einsatzes ums Leben gekommen, sagte Putin.")
    assert d.record["count"] == {"expr": "Neun", "unit": "killed"}
    assert d.record["claim_type"] == "casualty_count"


def test_a_claimant_named_in_the_sentence_after():
    drafts = _one("Rund 300 mongolische Soldaten seien in Kursk eingetroffen. Dies gab der NIS am Montag bekannt.")
    assert drafts[0].record["claimant"] == "kr_nis" and "sentence after" in drafts[0].why["claimant"]
    drafts = _one("Nach russischen Angaben sind 300 mongolische Soldaten eingetroffen. Das teilte Präsident Yoon mit.")
    assert drafts[0].record["claimant"] == "kr_president_yoon"
    # a sentence after that does not point back leaves the claimant alone
    drafts = _one("Rund 300 mongolische Soldaten seien in Kursk eingetroffen. Der NIS gab am Montag Zahlen bekannt.")
    assert drafts[0].record["claimant"] == "article"


def test_two_figures_of_a_range_are_one_count():
    [d] = _one("Nordkorea hat schätzungsweise 1.000 bis 2.000 Soldaten geschickt.")
    assert d.record["count"]["expr"] == "schätzungsweise 1.000 bis 2.000"
    assert (d.count.low, d.count.best, d.count.high, d.count.qualifier) == (1000, None, 2000, "range")
    [d] = _one("Nordkorea hat zwischen 1.000 und 2.000 Soldaten geschickt.")
    assert d.record["count"]["expr"] == "zwischen 1.000 und 2.000" and (d.count.low, d.count.high) == (1000, 2000)


def test_a_vague_head_before_a_scale_is_a_count():
    [d] = _one("Einige hundert Soldaten sollen in der Region stehen.")
    assert d.record["count"] == {"expr": "Einige hundert", "unit": "soldiers"}
    assert (d.count.low, d.count.best, d.count.high) == (200, None, 999)


def test_an_unquantified_word_in_any_case_ending():
    from timeline.numbers import parse_count
    assert parse_count("hoher Verluste").qualifier == "unquantified"
    assert parse_count("schweren Verlusten").qualifier == "unquantified"
    [d] = _one("Die Einheiten klagen wegen hoher Verluste.")
    assert d.record["count"] == {"expr": "hoher Verluste", "unit": "killed_or_wounded"}


def test_hiess_es_aus_x_x_claims():
    [d] = _one("Man gehe von einem baldigen Einsatz aus, hieß es aus Moskau.")
    assert d.record["claimant"] == "ru_government" and "it-was-said-from" in d.why["claimant"]


def test_a_role_noun_then_a_name_in_apposition_names_the_person():
    [d] = _one("Der Leiter des mongolischen Zentrums gegen Desinformation, Batu Khan, schrieb am Montag auf "
               "Telegram, es seien 300 Soldaten eingetroffen.")
    assert d.claimant_name == "Batu Khan" and d.record["stated"] == {"expr": "am Montag"}
    # an apposition that is no name leaves the role
    [d] = _one("Der Leiter des mongolischen Zentrums, ein früherer Offizier, schrieb, es seien 300 Soldaten da.")
    assert d.claimant_name != "ein früherer Offizier"


def test_laut_einschaetzung_eines_x_names_x():
    [d] = _one("Laut Einschätzung eines US-Militärs sollen mehrere hundert Soldaten getötet worden sein.")
    assert d.claimant_name == "US-Militärs"


def test_a_countrys_government_by_adjective_or_compound():
    [d] = _one("Die US-Regierung hatte am Freitag von bis zu 300 Soldaten gesprochen.")
    assert (d.record["claimant"], d.claimant_name) == ("us_government", "US-Regierung")
    [d] = _one("Die russische Regierung bestritt, dass 300 Soldaten dort seien.")
    assert d.record["claimant"] == "ru_government"
    [d] = _one("Die Regierung bestritt, dass 300 Soldaten dort seien.")  # no country: no actor made up
    assert d.record["claimant"] == "Regierung"


def test_a_date_in_a_relative_clause_dates_no_event():
    [d] = _one("Die Soldaten greifen eine Einheit an, die seit dem Sommer Gebiete in Kursk kontrolliert.")
    assert "event" not in d.record and "relative clause" in d.why["stated"]
    # a relative clause that forecasts keeps its date
    [d] = _one("Es gibt Anzeichen für Gespräche, die im März zu einer Entsendung von Soldaten führen könnten.")
    assert d.record["event"] == {"expr": "im März"}
    # an apposition of a date is no relative clause
    [d] = _one("Am Vortag, dem 17. Oktober, sagte Austin, 300 Soldaten seien dort.", dt.date(2024, 10, 20))
    assert d.record["stated"] == {"expr": "dem 17. Oktober"}


def test_a_unit_whose_words_run_on_after_the_mention():
    [d] = _one("Er sagte, dass 300 Soldaten und technisches Personal bereitstünden.")
    assert d.record["count"] == {"expr": "300", "unit": "soldiers_and_technical"}


def test_a_clause_keeps_the_outlet_of_its_sentence():
    drafts = _one("Laut AFP vom 24. Dezember gab Südkorea an, dass mehr als 100 Soldaten getötet worden seien, "
                  "während die Ukraine von über 300 sprach.")
    assert [d.record["outlet"] for d in drafts] == ["afp", "afp"]
    assert [d.record["claimant"] for d in drafts] == ["kr_government", "ua_government"]
    # the next sentence does not
    drafts = _one("Laut AFP gab Südkorea an, dass 100 Soldaten getötet worden seien. Die Ukraine sprach von 300.")
    assert [d.record["outlet"] for d in drafts] == ["afp", "article"]


def test_a_date_after_the_verb_of_saying_and_a_name_dates_the_statement():
    [d] = _one("Die Bitte sei von Pjöngjang gekommen, berichtete die New York Times am 23. Dezember unter Berufung "
               "auf US-Geheimdienstquellen.")
    assert d.record["stated"] == {"expr": "am 23. Dezember"} and "event" not in d.record
    # words that are no name between them: the date is the event's
    [d] = _one("Südkorea berichtete, dass 300 Soldaten am 20. Dezember eingetroffen seien.")
    assert d.record["event"] == {"expr": "am 20. Dezember"} and "stated" not in d.record


def test_kritisierte_is_a_verb_of_saying_and_wuerden_reports_speech():
    drafts = _one("Austin kritisierte am Mittwoch, dass niemand reagiere. Einige Offiziere würden sich bereits in "
                  "der Ukraine befinden.", dt.date(2024, 10, 24))
    assert [d.record["claimant"] for d in drafts] == ["us_austin", "us_austin"]
    assert drafts[0].record["stated"] == {"expr": "am Mittwoch"}
    assert "claim:reported:würden" in drafts[1].candidate.reasons


def test_nach_us_angaben_names_the_countrys_actor():
    [d] = _one("Nach US-Angaben sind 300 Soldaten in Kursk eingetroffen.")
    assert d.record["claimant"] == "us_government" and "according-to-prefix" in d.why["claimant"]


def test_an_unnamed_source_inside_an_actor_is_that_actors_claim():
    [d] = _one("Quellen im südkoreanischen Geheimdienst sagten, 300 Soldaten seien dort.")
    assert d.record["claimant"] == "kr_nis" and "unnamed source inside" in d.why["claimant"]
    [d] = _one("Quellen sagten, 300 Soldaten seien dort.")
    assert d.record["claimant"] == "unnamed_sources"


def test_a_role_noun_points_back_to_the_latest_claimant_of_a_kind_it_fits():
    # the sentence before names North Korea's military (an agency too) and Russia last: "Die Agentur" is the
    # agency that was speaking, "die Behörde" as well, not the last actor named
    text = ("Nach Angaben des südkoreanischen Geheimdienstes NIS sollen 500 Soldaten des nordkoreanischen Militärs "
            "in Russland getötet worden sein. Die Agentur sagte, Pjöngjang habe Russland Granaten geliefert. "
            "Vor dem Parlament begründete die Behörde dies damit, dass Kim Russland besucht habe.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert [d.record["claimant"] for d in drafts] == ["kr_nis", "kr_nis", "kr_nis"]
    assert "kind it fits" in drafts[1].why["claimant"]


def test_a_sentence_whose_space_after_the_full_stop_was_lost_is_split():
    text = "Der NIS sagte, 300 Soldaten seien getötet worden.Russland bestritt am Montag, dass Truppen dort seien."
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert [d.record["claimant"] for d in drafts] == ["kr_nis", "ru_government"]
    assert drafts[1].record["quote_start"] == text.index("Russland")


def test_a_possessor_after_a_noun_never_names_the_claimant():
    # "gab X die Entscheidung Pjöngjangs bekannt": X, the subject after the verb of saying, claims; the
    # possessor of "Entscheidung" does not (even when X is a name no actor has)
    text = "Nach seinem Besuch am 17. Juni gab Medwedew die Entscheidung Pjöngjangs bekannt, 500 Soldaten zu schicken."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 6, 24), ACTORS)
    assert (d.record["claimant"], d.claimant_name) == ("Medwedew", "Medwedew")
    # after a noun of a source the possessor is the source
    [d] = draft_records("005_0123456789abcdef.txt", "Laut Angaben Südkoreas sind 500 Soldaten dort.",
                        dt.date(2025, 6, 24), ACTORS)
    assert d.record["claimant"] == "kr_government"


def test_estimates_without_a_name_are_unnamed_sources():
    [d] = draft_records("005_0123456789abcdef.txt", "Schätzungen zufolge sind 3.000 Soldaten in Kursk.",
                        dt.date(2025, 1, 11), ACTORS)
    assert d.record["claimant"] == "unnamed_sources"


def test_a_joint_claimant_is_the_actor_whose_members_it_names_else_both_as_written():
    text = "Nach ukrainischen und westlichen Schätzungen sollen 5.000 nordkoreanische Soldaten in Kursk sein."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 11), ACTORS)
    assert d.record["claimant"] == "ua_and_west"  # data/actors.yaml: members [ua_government, western_states]
    assert "members" in d.why["claimant"]
    text = "Nach Einschätzungen der Ukraine und Japans erleiden die Soldaten hohe Verluste."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 11), ACTORS)
    # no joint actor of these two: both as written, never just the first (round 8)
    # both, as written; since round 10 the record's claimant is the new actor proposed for the name as written
    assert d.claimant_name == "der Ukraine und Japans" and "both, as written" in d.why["claimant"]
    assert d.record["claimant"] == d.new_claimant.id == "ukraine_und_japans"


def test_a_joint_actors_members_must_be_actor_ids():
    from timeline.names import Actor
    with pytest.raises(ValueError, match="member 'nobody' is not an actor id"):
        ActorRegistry([Actor("a", "A", "government", "UA"), Actor("ab", "A and B", "government", "INTL",
                                                                  members=("a", "nobody"))])


def test_further_information_continues_the_claimant_before():
    text = ("Der NIS sagte, 300 Soldaten seien getötet worden. "
            "Nach weiteren Angaben kämpfen noch 1.000 Soldaten in Kursk.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert [d.record["claimant"] for d in drafts] == ["kr_nis", "kr_nis"]


def test_a_claimant_named_in_the_sentence_after_in_the_perfect():
    text = "Drei Soldaten sind in Kursk gefangen genommen worden. Das hat Selenskyj am Samstag auf Telegram mitgeteilt."
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 11), ACTORS)
    assert drafts[0].record["claimant"] == "ua_zelensky" and "sentence after" in drafts[0].why["claimant"]


def test_so_der_praesident_is_the_latest_claimant_the_role_fits():
    text = ("Kim Jong-un sagte, die Truppen kämpften tapfer. Selenskyj sagte, es gebe Gefangene. "
            "\"Wir zeigen allen, was dort geschieht\", so der ukrainische Präsident.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 11), ACTORS)
    assert drafts[-1].record["claimant"] == "ua_zelensky"  # a person of the country the adjective names
    assert "role noun" in drafts[-1].why["claimant"]
    text = "Selenskyj sagte, es gebe Gefangene. „Sie kämpfen“, so der nordkoreanische Präsident."
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 11), ACTORS)
    assert drafts[-1].record["claimant"] != "ua_zelensky"  # the role does not fit him: no one made up


def test_wirft_x_vor_is_a_claim_whose_subject_claims():
    text = "Japan wirft Russland vor, jeden Beweis für die Beteiligung am Krieg zu vernichten."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 11), ACTORS)
    assert d.record["claimant"] == "jp_government"


def test_a_present_subjunctive_after_a_sentence_adverb_continues_the_claimant():
    text = "Der NIS sagte, 300 Soldaten seien getötet worden. Deshalb stelle Russland neue Truppen auf, hieß es."
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert [d.record["claimant"] for d in drafts] == ["kr_nis", "kr_nis"]
    # the past ("Deshalb stellte") is no reported speech: the article's own sentence
    text = "Der NIS sagte, 300 Soldaten seien getötet worden. Deshalb stellte Russland im Mai neue Truppen auf."
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert [d.record["claimant"] for d in drafts] == ["kr_nis", "article"]


def test_an_approximator_before_a_four_digit_figure_makes_a_count_not_a_year():
    text = "Nach Angaben der Ukraine sind etwa 1950 von ihnen bei den Kämpfen getötet worden."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 11, 2), ACTORS)
    assert d.record["count"] == {"expr": "etwa 1950", "unit": "killed"}
    assert "event" not in d.record  # "1950" is no year
    # a bare figure that looks like a year stays a year
    [d] = draft_records("005_0123456789abcdef.txt", "Der NIS sagte, 2024 seien Soldaten getötet worden.",
                        dt.date(2025, 11, 2), ACTORS)
    assert "count" not in d.record and d.record["event"] == {"expr": "2024"}


def test_dead_and_wounded_before_the_figure_count_the_killed_or_wounded():
    text = "Der NIS schätzt die Zahl der Todesopfer und Verletzten unter den Truppen auf rund 4.000."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert d.record["count"]["unit"] == "killed_or_wounded"


def test_berichtete_x_unter_berufung_auf_an_unknown_y_and_a_possessor_before_adjectives():
    # "Südkoreas amtliche Nachrichtenagentur Yonhap": the possessor qualifies the outlet, it carries nothing;
    # Y claims even when no actor is known for it: the outlet never becomes the claimant
    text = ("Rund 800 Pioniere seien nach Russland verlegt worden, berichtete Südkoreas amtliche Nachrichtenagentur "
            "Yonhap unter Berufung auf einen Abgeordneten Ausschuss.")
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 11, 4), ACTORS)
    assert d.record["outlet"] == "yonhap"
    assert d.record["claimant"] not in ("yonhap", "kr_government") and "Ausschuss" in d.claimant_name
    assert d.record["count"] == {"expr": "Rund 800", "unit": "engineers"}  # "Pioniere" are engineers


def test_kam_zu_dem_schluss_is_a_claim_whose_subject_claims():
    text = "Der NIS sagte, Soldaten seien gefangen. Am Montag kam die Agentur zu dem Schluss, dass sie Späher seien."
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert [d.record["claimant"] for d in drafts] == ["kr_nis", "kr_nis"]
    assert "verb-then-claimant" in drafts[1].why["claimant"]


def test_a_claimant_carried_from_the_sentence_before_brings_its_outlet():
    # reported speech that goes on without a claimant of its own keeps the claimant, and the outlet, before it
    text = "Laut Yonhap sagte der NIS, 300 Soldaten seien getötet worden. Zudem seien die Verluste hoch."
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert [(d.record["claimant"], d.record["outlet"]) for d in drafts] == [("kr_nis", "yonhap")] * 2
    assert "outlet of the sentence before" in drafts[1].why["outlet"] and "carried over" in drafts[1].why["outlet"]
    # a sentence of its own (no speech, no pronoun) is the article's, carried by the article
    text = "Laut Yonhap sagte der NIS, 300 Soldaten seien getötet worden. Rund 5.000 Soldaten kämpfen im Mai dort."
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert len(drafts) == 2 and (drafts[-1].record["claimant"], drafts[-1].record["outlet"]) == ("article", "article")


def test_laut_x_beside_a_speaker_of_its_own_carries_the_claim():
    for text in ("Zudem erklärte der NIS laut Yonhap, die Truppen hätten Verluste erlitten.",
                 "Laut Yonhap sagte der NIS, die Truppen hätten Verluste erlitten.",
                 "Der NIS sagte Yonhap zufolge, die Truppen hätten Verluste erlitten."):
        [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
        assert (d.record["claimant"], d.record["outlet"]) == ("kr_nis", "yonhap"), text
    # without a speaker, "laut X" names who claims
    [d] = draft_records("005_0123456789abcdef.txt", "Laut dem NIS sind die Verluste hoch.", dt.date(2025, 1, 13),
                        ACTORS)
    assert (d.record["claimant"], d.record["outlet"]) == ("kr_nis", "article")
    # unnamed reports beside a speaker carry nothing: the speaker claims, the article carries
    [d] = draft_records("005_0123456789abcdef.txt", "Berichten zufolge sagte der NIS, die Verluste seien hoch.",
                        dt.date(2025, 1, 13), ACTORS)
    assert (d.record["claimant"], d.record["outlet"]) == ("kr_nis", "article")
    # a source noun is no speaker: "laut Seoul ... nach Angaben des NIS" keeps the first as the claimant
    [d] = draft_records("005_0123456789abcdef.txt", "Laut Seoul sind nach Angaben des NIS die Verluste hoch.",
                        dt.date(2025, 1, 13), ACTORS)
    assert d.record["outlet"] == "article"


def test_wie_x_berichtete_carries_when_the_main_clause_has_a_speaker():
    text = "Wie die Nachrichtenagentur Yonhap berichtete, soll ein Beamter des NIS angegeben haben, dass es Tote gab."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert (d.record["claimant"], d.record["outlet"]) == ("kr_nis", "yonhap")
    text = "Wie der NIS mitteilte, soll Kim angegeben haben, dass es Tote gab."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert (d.record["claimant"], d.record["outlet"]) == ("kp_kim_jong_un", "kr_nis")
    # no speaker in the main clause: X claims
    [d] = draft_records("005_0123456789abcdef.txt", "Wie der NIS mitteilte, sind 300 Soldaten gefallen.",
                        dt.date(2025, 1, 13), ACTORS)
    assert (d.record["claimant"], d.record["outlet"]) == ("kr_nis", "article")


def test_whom_the_claimant_told_carries_the_claim():
    text = "Ein Beamter des NIS hat der Nachrichtenagentur Yonhap mitgeteilt, dass 300 Soldaten gefallen sind."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert (d.record["claimant"], d.record["outlet"]) == ("kr_nis", "yonhap")
    [d] = draft_records("005_0123456789abcdef.txt", "Der NIS teilte dem Sender CNN mit, 300 Soldaten seien gefallen.",
                        dt.date(2025, 1, 13), ACTORS)
    assert (d.record["claimant"], d.record["outlet"]) == ("kr_nis", "cnn")
    # an unknown outlet is proposed as written; a known actor who is no outlet carries nothing
    [d] = draft_records("005_0123456789abcdef.txt", "Westliche Beamte haben der BBC mitgeteilt, dass 300 Soldaten "
                        "gefallen sind.", dt.date(2025, 1, 13), ACTORS)
    assert (d.claimant_name, d.outlet_name) == ("Westliche Beamte", "BBC")
    [d] = draft_records("005_0123456789abcdef.txt", "Selenskyj hat Putin mitgeteilt, 300 Soldaten seien gefallen.",
                        dt.date(2025, 1, 13), ACTORS)
    assert d.record["outlet"] == "article"


def test_nach_eigenen_angaben_the_subject_claims():
    [d] = draft_records("005_0123456789abcdef.txt", "Der NIS kooperiert nach eigenen Angaben eng mit Kiew.",
                        dt.date(2025, 1, 13), ACTORS)
    assert (d.record["claimant"], d.record["outlet"]) == ("kr_nis", "article")
    [d] = draft_records("005_0123456789abcdef.txt", "Der NIS hat eigenen Angaben zufolge 300 Tote gezählt.",
                        dt.date(2025, 1, 13), ACTORS)
    assert (d.record["claimant"], d.record["outlet"]) == ("kr_nis", "article")


def test_a_countrys_genitive_before_a_noun_reads_as_its_adjective():
    # "Südkoreas Geheimdienst" finds the actor whose alias is "südkoreanischer Geheimdienst"
    for text in ("Südkoreas Geheimdienst sagte, 300 Soldaten seien gefallen.",
                 "Laut Seouls Geheimdienst sind 300 Soldaten gefallen."):
        [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
        assert d.record["claimant"] == "kr_nis", text
    # a genitive before a name stays a possessor ("Südkoreas Präsident Yoon" is Yoon, not the government)
    [d] = draft_records("005_0123456789abcdef.txt", "Südkoreas Präsident Yoon sagte, 300 Soldaten seien gefallen.",
                        dt.date(2025, 1, 13), ACTORS)
    assert d.record["claimant"] == "kr_president_yoon"


def test_a_definite_noun_that_repeats_an_earlier_claimants_noun_points_back_to_it():
    text = ("Westliche Diplomaten haben der Nachrichtenagentur Yonhap mitgeteilt, dass 300 Soldaten gefallen sind. "
            "Die Diplomaten, die anonym sprachen, sagten, 4.000 seien verwundet.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert [(d.claimant_name, d.record["outlet"]) for d in drafts] == [("Westliche Diplomaten", "yonhap")] * 2
    assert "repeats the noun" in drafts[1].why["claimant"]
    # without a definite article the noun stands for itself ("Diplomaten zufolge"), and a name that joins two
    # names ("die Ukraine und der Westen") has no one noun to repeat
    text = ("Westliche Diplomaten sagten, 300 Soldaten seien gefallen. Diplomaten zufolge sind 4.000 verwundet.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert drafts[1].claimant_name == "Diplomaten"
    text = ("Die Regierung und der Westen sagten, 300 Soldaten seien gefallen. Laut der Regierung sind 4.000 verwundet.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert drafts[1].claimant_name == "Regierung"


def test_a_pronoun_after_a_comma_before_a_verb_of_saying_names_the_claimant_before():
    text = ("Der NIS sagte, 300 Soldaten seien gefallen. Genaue Zahlen kann die Behörde nicht nennen, sie erklärt aber, "
            "die Verluste seien hoch.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert [d.record["claimant"] for d in drafts] == ["kr_nis", "kr_nis"]
    assert "pronoun" in drafts[1].why["claimant"]


def test_an_officials_noun_reads_as_any_other_and_its_genitive_names_whom_it_speaks_for():
    # "US-Beamte" is an alias of us_officials: any noun of an unnamed official after the prefix finds it
    for text in ("Nach Einschätzung eines US-Regierungsvertreters sind 300 Soldaten gefallen.",
                 "Laut einem US-Offizier sind 300 Soldaten gefallen.",
                 "Ein hochrangiger Beamter des US-Militärs sagte, 300 Soldaten seien gefallen.",
                 "Ein Vertreter des Nationalen Geheimdienstes sagte, 300 Soldaten seien gefallen."):
        [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
        assert d.record["claimant"] == ("kr_nis" if "Geheimdienst" in text else "us_officials"), text
    # another noun after the prefix is no official ("US-Soldaten" are no officials)
    [d] = draft_records("005_0123456789abcdef.txt", "Laut einem US-Soldaten sind 300 Soldaten gefallen.",
                        dt.date(2025, 1, 13), ACTORS)
    assert d.record["claimant"] != "us_officials"


def test_a_casualty_word_belongs_to_the_nearest_figure_and_the_longest_word_names_the_unit():
    def count(text):
        [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
        return d.record.get("count")
    # the fallen are the 1.000, not the 11.000 to 12.000 soldiers the sentence starts with
    assert count("Von den 11.000 bis 12.000 Soldaten seien 1.000 gefallen, sagte der NIS.") == \
        {"expr": "11.000 bis 12.000", "unit": "soldiers"}
    # "Opfer" are killed or wounded, "Todesopfer" the killed
    assert count("Der NIS sagte, Nordkorea habe mehrere hundert Opfer zu beklagen.") == \
        {"expr": "mehrere hundert", "unit": "killed_or_wounded"}
    assert count("Der NIS sagte, es gebe 300 Todesopfer.") == {"expr": "300", "unit": "killed"}
    # a figure inside an adjective counts no one, and stops no casualty word
    assert count("Neun Soldaten seien während des 120-tägigen Einsatzes gestorben, sagte Kim.") == \
        {"expr": "Neun", "unit": "killed"}


def test_a_clause_with_a_count_of_its_own_is_a_draft_of_its_own():
    text = "Nach Angaben des NIS wurden rund 600 Soldaten getötet und tausende weitere verletzt."
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert [(d.candidate.sentence, d.record["count"]["unit"], d.record["claimant"]) for d in drafts] == [
        ("Nach Angaben des NIS wurden rund 600 Soldaten getötet", "killed", "kr_nis"),
        ("und tausende weitere verletzt.", "wounded", "kr_nis")]
    assert drafts[1].candidate.start == text.index("und tausende")
    # a relative clause stays with the count's noun it describes; the claimant named at the end claims both
    text = ("Von den 11.000 Soldaten, die aus Nordkorea kamen, hätten 4.000 Verluste erlitten, sagte der NIS.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert [d.candidate.sentence for d in drafts] == ["Von den 11.000 Soldaten, die aus Nordkorea kamen",
                                                     "hätten 4.000 Verluste erlitten, sagte der NIS."]
    assert [d.record["claimant"] for d in drafts] == ["kr_nis", "kr_nis"]
    assert [d.count.low for d in drafts] == [11000, 4000]
    # a range is one count
    [d] = draft_records("005_0123456789abcdef.txt", "Zwischen 1.000 und 2.000 Soldaten sind gefallen, sagte der NIS.",
                        dt.date(2025, 1, 13), ACTORS)
    assert (d.count.low, d.count.high) == (1000, 2000)


def test_names_are_found_in_text_that_lost_its_umlauts():
    # scraped text without the marks ("Sudkoreas", "Einschatzungen") finds the actors its names spell with them
    [d] = draft_records("005_0123456789abcdef.txt", "Laut Sudkoreas Nationalem Geheimdienst sind 300 Soldaten gefallen.",
                        dt.date(2025, 1, 13), ACTORS)
    assert d.record["claimant"] == "kr_nis"
    [d] = draft_records("005_0123456789abcdef.txt", "Der sudkoreanische Geheimdienst sagte, 300 Soldaten seien tot.",
                        dt.date(2025, 1, 13), ACTORS)
    assert d.record["claimant"] == "kr_nis"


def test_laut_and_zufolge_are_prepositions_of_attribution_not_verbs_of_saying():
    from timeline.detect import claim_cues
    assert [k for _, _, k in claim_cues("Laut dem NIS kamen sie.")] == ["preposition"]
    assert [k for _, _, k in claim_cues("Dem NIS zufolge kamen sie.")] == ["preposition"]
    # a preposition dates no statement: "am Montag" beside "laut X" dates the event
    [d] = draft_records("005_0123456789abcdef.txt", "Laut dem NIS am Montag kamen 300 Soldaten an.",
                        dt.date(2025, 1, 13), ACTORS)
    assert "stated" not in d.record and d.record["event"] == {"expr": "am Montag"}


def test_every_pattern_of_a_source_reads_the_one_list_of_source_nouns():
    import yaml

    from timeline.language import load_language
    claims = load_language("de").raw["claims"]
    texts = [str(p["pattern"]) for p in claims["attribution"]] + [str(p) for p in claims["patterns"]] + \
        [str(p) for p in claims["continuing_source_patterns"]]
    import re
    for noun in claims["source_nouns"]:  # no pattern spells a source noun of its own
        spelt = re.compile(r"(?<![a-zäöüß])" + noun + r"(?:e|en|n|s|es)?(?![a-zäöüß])")
        assert not any(spelt.search(t.casefold()) for t in texts), noun
    assert yaml.safe_dump(texts).count("{sources}") >= 6
    # so any noun of the list reads in every pattern ("nach Aussagen des NIS", "laut Darstellung des NIS")
    for text in ("Nach Aussagen des NIS sind 300 Soldaten gefallen.", "Laut Darstellung des NIS sind 300 Soldaten "
                 "gefallen.", "Nach südkoreanischen Erkenntnissen sind 300 Soldaten gefallen."):
        [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
        assert d.record["claimant"] in ("kr_nis", "kr_government"), text


def test_the_words_that_shape_a_name_are_read_once_per_language():
    from timeline.attribution import name_words
    words = name_words("de")
    assert words is name_words("de")  # read once, then shared
    assert "der" in words.articles and words.article_list[0] == "der" and "des" in words.genitives
    assert list(words.adjective) == sorted(words.adjective, key=len, reverse=True)  # longest ending first


def test_a_figure_without_a_noun_reads_its_qualifiers_and_fillers_as_a_figure_with_one_does():
    text = "Laut AFP gab Südkorea an, 1.000 Soldaten seien getötet worden, während die Ukraine von insgesamt über 3.000 sprach."
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert drafts[1].record["count"] == {"expr": "insgesamt über 3.000", "unit": "killed"}
    assert (drafts[1].count.low, drafts[1].count.qualifier) == (3000, "more_than")


def test_a_present_subjunctive_after_its_subject_is_reported_speech():
    from timeline.detect import claim_cues
    text = "Der NIS sagte, 300 Soldaten seien gefallen. Die genannte Opferzahl schließe auch Verletzte ein."
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert [d.record["claimant"] for d in drafts] == ["kr_nis", "kr_nis"]  # a candidate, the claimant's speech
    assert "reported" in [k for _, _, k in claim_cues("Nordkorea liefere Waffen.")]
    # an adjective after an article, a number word, a possessor or a preposition is no verb; nor a participle
    for sentence in ("Das nordkoreanische Militär kam.", "Einige nordkoreanische Offiziere kamen.",
                     "Südkoreas amtliche Nachrichtenagentur meldete es.", "Die Armee entsandte im Mai neue Truppen.",
                     "Die in Kursk kämpfende Truppe kam."):
        assert "reported" not in [k for _, _, k in claim_cues(sentence)], sentence


def test_a_fronted_adverbial_before_the_verb_of_saying_names_no_one():
    # the verb stands second after a sentence adverb or an adverbial that ends in one; its subject claims
    text = "Der NIS sagte, 300 Soldaten seien gefallen. Ebenfalls behauptete der NIS, 200 Soldaten seien verletzt."
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert [d.record["claimant"] for d in drafts] == ["kr_nis", "kr_nis"]
    text = "Wenige Tage später teilte der Generalstab von Nordland mit, dass 300 Soldaten getötet worden seien."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert d.claimant_name == "Generalstab von Nordland"


def test_a_name_phrase_that_holds_a_known_alias_finds_its_actor():
    # ", so der Präsident Vorname Name": the name runs on over its capitalised words; an unknown first name
    # before a known surname names the surname's actor
    for text in ("Russland verschleiere 300 Verluste, so der ukrainische Präsident Wassyl Selenskyj.",
                 "Nach Angaben des ukrainischen Präsidenten Wassyl Selenskyj wurden 300 Soldaten getötet."):
        [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
        assert d.record["claimant"] == "ua_zelensky", text


def test_an_unknown_speaker_with_a_role_apposition_is_proposed_by_name():
    # "sagte auch der Chef des X, Y Z.": a sentence adverb may stand between the verb and its subject, and the
    # apposition that ends the sentence names the person the role describes
    text = ("Der NIS sagte, 300 Soldaten seien gefallen. In Nordland würden derzeit 200 Soldaten ausgebildet, "
            "sagte auch der Chef des Heeresgeheimdienstes, Iwan Musterow.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert drafts[1].record["claimant"] not in ACTORS.by_id and drafts[1].claimant_name == "Iwan Musterow"
    # "Y Z, Sprecher des X, erklärte": the person claims (a rank is a role noun), not the actor the role names
    text = ("Der NIS sagte, 300 Soldaten seien gefallen. Oberst Hans Muster, Sprecher des Pentagon, erklärte, "
            "dass 200 Soldaten verletzt worden seien.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert drafts[1].record["claimant"] not in ACTORS.by_id and drafts[1].claimant_name == "Hans Muster"
    # a preposition never stands between the verb and its subject: "warnte vor einer Ausweitung" names no one
    text = "Der NIS sagte, 300 Soldaten seien gefallen, doch 200 Soldaten warnten vor einer möglichen Ausweitung."
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert "Ausweitung" not in " ".join(d.claimant_name for d in drafts)


def test_an_outlet_in_a_wie_clause_with_an_adverb_carries_and_the_main_clause_speaker_claims():
    # "Wie X bereits feststellte, schätzte Y ...": a sentence adverb may stand before the verb of the wie-clause;
    # X carries, the speaker of the main clause (after "schätzte") claims
    text = ("Wie Yonhap bereits feststellte, schätzte der Generalstab von Nordland im November 2024, dass sich etwa "
            "10.000 Soldaten in Kursk aufhielten.")
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert (d.claimant_name, d.record["outlet"]) == ("Generalstab von Nordland", "yonhap")


def test_zitiert_von_names_the_outlet_and_the_same_claimant_named_again_keeps_it():
    text = ("Im Dezember 2024 teilte der Abgeordnete Hans Muster dies der Presse mit, zitiert von der BBC "
            "„mindestens 100 Soldaten“ wurden getötet. Laut Hans Muster wurden auch 300 Soldaten verletzt.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert [(d.claimant_name, d.outlet_name) for d in drafts] == [("Hans Muster", "BBC")] * 2
    # a claimant of its own after one quoted by an outlet brings no outlet along
    text = ("Hans Muster sagte, zitiert von Yonhap, 100 Soldaten seien getötet worden. Der NIS sagte, 300 Soldaten "
            "seien verletzt worden.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert [d.record["outlet"] for d in drafts] == ["yonhap", "article"]


def test_a_casualty_word_after_the_relative_clause_of_the_counts_noun_names_the_unit():
    text = ("Laut dem NIS wurden 3.800 Soldaten, die an der Seite Russlands gegen ukrainische Streitkräfte "
            "kämpften, getötet oder verletzt.")
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert d.record["count"]["unit"] == "killed_or_wounded"
    # a clause without a casualty word after it keeps the noun's unit
    text = "Laut dem NIS wurden 3.800 Soldaten, die an der Seite Russlands kämpfen, nach Kursk verlegt."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert d.record["count"]["unit"] == "soldiers"


def test_a_number_word_with_a_multiplier_is_a_count():
    # "rund tausend", "zweitausend": a multiplier alone or in a compound is a number word like "vier"
    for text, low in (("Laut dem NIS wurden rund tausend Soldaten verletzt.", 1000),
                      ("Laut dem NIS wurden zweitausend Soldaten verletzt.", 2000)):
        [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
        assert (d.count.low, d.record["count"]["unit"]) == (low, "wounded"), text


def test_a_compound_that_opens_with_an_officials_noun_is_no_official():
    # "Militärs" reads as "Beamte", "Militärnachrichtendienstdirektion" (a body no actor is known for) does not
    text = "Die ukrainische Militärnachrichtendienstdirektion meldete, dass 30 Soldaten getötet worden seien."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert d.record["claimant"] not in ACTORS.by_id
    [d] = draft_records("005_0123456789abcdef.txt", "Laut ukrainischen Militärs wurden 30 Soldaten getötet.",
                        dt.date(2025, 1, 13), ACTORS)
    assert d.record["claimant"] == "ua_official_monitor"


def test_a_sentence_adverb_before_the_subject_is_no_part_of_its_name():
    text = "Zuletzt hatte auch die Staatsführung in Kiew von 300 Soldaten aus Nordkorea gesprochen."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert d.record["claimant"] == "ua_government"


def test_a_clause_after_doch_with_a_verb_of_saying_names_the_claimant_of_its_sentence():
    text = "Die Lage in Kursk ist schwer, doch Selenskyj warnte vor einer Ausweitung des Einsatzes im Mai."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert d.record["claimant"] == "ua_zelensky"
    # a clause without a verb of saying names no one
    text = "Die Lage in Kursk ist schwer, doch Selenskyj reiste im Mai nach Kursk."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 13), ACTORS)
    assert d.record["claimant"] == "article"


def test_an_adjective_before_sein_is_no_past_tense():
    # "bereit seien" states what will hold; it is no participle, so the date looks ahead by the news default
    text = "Der NIS rechnet damit, dass 300 Soldaten am 1. November zum Einsatz bereit seien."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2024, 10, 18), ACTORS)
    assert d.event.start == dt.date(2024, 11, 1)


def test_an_open_bound_before_a_date_reads_with_it():
    text = "Der NIS rechnet damit, dass 300 Soldaten ab 1. November zum Einsatz bereit seien."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2024, 10, 18), ACTORS)
    assert (d.event.start, d.event.end) == (dt.date(2024, 11, 1), None)
    text = "Der NIS geht davon aus, dass Nordland bis Dezember 10.000 Soldaten schicken wird."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2024, 10, 23), ACTORS)
    assert (d.event.start, d.event.end) == (dt.date(2024, 10, 23), dt.date(2024, 12, 31))


def test_a_speaker_holds_the_floor_through_reported_speech_until_a_paragraph_of_the_articles_own():
    text = ("Kim Jong-un sagte am Samstag, die Soldaten seien Helden, wie die Nachrichtenagentur KCNA berichtet.\n"
            "Der Machthaber lobt die Truppe. Die Feier dauerte lange. Innerhalb von zwei Monaten hätten sie die "
            "Gegend gesichert.\nDie Grenze ist lang und kaum bewacht.\nDie Soldaten hätten 300 Minen geräumt.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 12, 14), ACTORS)
    assert [(d.record["claimant"], d.record["outlet"]) for d in drafts] == \
        [("kp_kim_jong_un", "kcna")] * 3 + [("article", "article")]
    # the why says how the floor passed, from which sentence
    assert "continues Kim Jong-un's reported speech from sentence 2" in drafts[2].why["claimant"]


def test_a_pronoun_names_the_person_a_sentence_without_a_claim_named_and_a_headline_takes_no_floor():
    text = "Kim Jong-un hat die Rückkehrer empfangen.\n- Er bestätigt, dass sie Minen geräumt haben."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 12, 14), ACTORS)
    assert d.record["claimant"] == "kp_kim_jong_un" and "named last" in d.why["claimant"]
    text = "Lee erklärte, der NIS sei sicher.\nLesen Sie auch\nEr fügte hinzu, dass Kim verhandeln wolle."
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 12, 14), ACTORS)
    assert [d.record["claimant"] for d in drafts] == ["kr_lee_seong_kweon"] * 2


def test_a_wie_clause_that_ends_the_sentence_names_who_says_it():
    [d] = draft_records("005_0123456789abcdef.txt", "Neun Soldaten starben beim Einsatz, wie Kim Jong-un sagt.",
                        dt.date(2025, 12, 14), ACTORS)
    assert d.record["claimant"] == "kp_kim_jong_un" and "as-reported-after" in d.why["claimant"]
    [d] = draft_records("005_0123456789abcdef.txt", "Zwei Soldaten wurden gefangen, wie der Geheimdienst SBU "
                        "anschließend berichtete.", dt.date(2025, 1, 14), ACTORS)
    assert d.claimant_name == "Geheimdienst SBU" and d.record["claimant"] == d.new_claimant.id == "geheimdienst_sbu"


def test_a_sentence_that_points_back_gives_its_speaker_and_outlet_to_the_sentences_before_without_one():
    text = ("Bei den Kämpfen sollen mehr als 500 von ihnen verletzt und mindestens 100 getötet worden sein. "
            "Das jedenfalls schätzt der NIS am Montag, wie die Nachrichtenagentur Yonhap meldete.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    assert [(d.record["claimant"], d.record["outlet"]) for d in drafts[:2]] == [("kr_nis", "yonhap")] * 2
    # across a sentence with no attribution of its own, within the paragraph; never across a paragraph
    text = ("Bei den Kämpfen sollen 500 Soldaten verletzt worden sein. Viele liegen in Lazaretten. "
            "Dies teilte der NIS mit.\nBei den Kämpfen sollen 300 Soldaten gefallen sein.\nDie Front ist lang. "
            "Das schätzt zumindest der NIS.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    assert drafts[0].record["claimant"] == "kr_nis" and drafts[0].candidate.sentence.startswith("Bei")
    assert next(d for d in drafts if "300" in d.candidate.sentence).record["claimant"] == "article"


def test_zitierte_x_einen_bericht_des_y_y_claims_and_x_carries():
    text = "„Es gibt keine Anzeichen mehr für Kämpfe seit Januar“, zitierte die Nachrichtenagentur Yonhap einen Bericht des NIS."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 2, 4), ACTORS)
    assert (d.record["claimant"], d.record["outlet"]) == ("kr_nis", "yonhap") and "cited-report" in d.why["claimant"]
    text = "Die Ukraine hatte am Samstag die Gefangennahme von zwei Soldaten bekanntgegeben."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 12), ACTORS)
    assert d.record["claimant"] == "ua_government" and d.record["stated"] == {"expr": "am Samstag"}


def test_a_persons_name_spelt_apart_by_transliteration_finds_them_and_a_near_miss_of_another_does_not():
    from timeline.attribution import ActorMatcher
    m = ActorMatcher(ACTORS)
    assert [a for _, _, a in m.find("wie Präsident Wolodimir Selenskij berichtete")] == ["ua_zelensky"]
    # hyphen and space apart, one letter apart, and the whole name is one hit (not "Lee" and then "Seong Kwon")
    assert m.find("Laut Lee Seong Kwon schätzt") == [(5, 19, "kr_lee_seong_kweon")]
    # two neighbours swapped by a typo; a short name must match exactly
    assert [a for _, _, a in m.find("Selenskjy schrieb")] == ["ua_zelensky"]
    assert m.find("Selensk sagte") == []
    [d] = draft_records("005_0123456789abcdef.txt", "Niemand solle noch zweifeln, sagt Selenskij.",
                        dt.date(2025, 1, 14), ACTORS)
    assert d.record["claimant"] == "ua_zelensky"


def test_a_name_spelt_as_near_to_two_people_names_neither(tmp_path):
    from timeline.attribution import ActorMatcher
    (tmp_path / "actors.yaml").write_text(
        "actors:\n"
        "  - {id: p_one, name: Andrij Kowalenko, kind: person, country: UA}\n"
        "  - {id: p_two, name: Andrij Kowalenka, kind: person, country: UA}\n", encoding="utf-8")
    m = ActorMatcher(ActorRegistry.from_yaml(tmp_path / "actors.yaml"))
    assert [a for _, _, a in m.find("sagte Andrij Kowalenko")] == ["p_one"]
    assert [a for _, _, a in m.find("sagte Andrij Kowalenku")] == []
    # a near miss of another person (two letters apart) is not theirs
    (tmp_path / "actors.yaml").write_text(
        "actors:\n  - {id: p_one, name: Oleh Kowalenko, kind: person, country: UA}\n", encoding="utf-8")
    m = ActorMatcher(ActorRegistry.from_yaml(tmp_path / "actors.yaml"))
    assert m.find("sagte Olena Kowalczuk") == [] and m.find("sagte Oleh Kowalenka") == [(6, 20, "p_one")]


def test_coordinated_speakers_are_their_joint_actor_or_both_as_written_never_one_of_them(tmp_path):
    sentence = ("Zwei Soldaten wurden gefangen, wie Präsident Wolodimir Selenskij und der Geheimdienst SBU "
                "anschließend berichteten.")
    [d] = draft_records("005_0123456789abcdef.txt", sentence, dt.date(2025, 1, 14), ACTORS)
    assert d.claimant_name == d.new_claimant.name == "Präsident Wolodimir Selenskij und der Geheimdienst SBU"
    assert d.record["claimant"] == "prasident_wolodimir_selenskij_und_der_geheimdienst_sbu"
    assert "both, as written" in d.why["claimant"]
    for text, want in [("Westliche und südkoreanische Geheimdienste gehen davon aus, dass 2.000 Soldaten kämpfen.",
                        "Westliche und südkoreanische Geheimdienste"),
                       ("Nordkorea hat dem NIS und den Ukrainern zufolge 12.000 Soldaten geschickt.",
                        "dem NIS und den Ukrainern")]:
        [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
        assert d.claimant_name == want and d.record["claimant"] == d.new_claimant.id  # proposed since round 10
        assert want.endswith(d.new_claimant.name)
    # with the joint actor in the actors file, whose members the two name: that actor
    actors = tmp_path / "actors.yaml"
    actors.write_text(open("data/actors.yaml", encoding="utf-8").read().rstrip() + "\n"
                      "  - {id: ua_sbu, name: SBU, kind: agency, country: UA, aliases: [Geheimdienst SBU]}\n"
                      "  - {id: ua_zelensky_and_sbu, name: Zelensky and the SBU, kind: office, country: UA,\n"
                      "     members: [ua_zelensky, ua_sbu]}\n", encoding="utf-8")
    [d] = draft_records("005_0123456789abcdef.txt", sentence, dt.date(2025, 1, 14), ActorRegistry.from_yaml(actors))
    assert d.record["claimant"] == "ua_zelensky_and_sbu"


def test_hearsay_without_a_source_continues_the_speaker_of_the_sentence_right_before_in_its_paragraph_only():
    def claimants(text):
        return [(d.record["claimant"], d.record["outlet"])
                for d in draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)]
    said = "Laut Yonhap sagte der NIS, 500 Soldaten seien gefallen."
    # step 3: right after the speaker's sentence, in its paragraph; the carrier of the account carries it too
    assert claimants(f"{said} Weitere 300 dürften verletzt sein.")[1] == ("kr_nis", "yonhap")
    # step 4: after a paragraph break, or after a sentence of the article's own, the article relays it
    assert claimants(f"{said}\nWeitere 300 sollen verletzt sein.")[1] == ("article", "article")
    assert claimants(f"{said} Die Front ist lang. Weitere 300 sollen verletzt sein.")[1] == ("article", "article")
    # step 1 before all: a source named in the hearsay sentence
    assert claimants(f"{said} Laut Kiew sollen 300 verletzt sein.")[1][0] == "ua_government"


def _made_up_actors(tmp_path):
    actors = tmp_path / "actors.yaml"
    actors.write_text(open("data/actors.yaml", encoding="utf-8").read().rstrip() + "\n"
                      "  - {id: x_centre, name: National Centre for Analysis, kind: agency, country: UA,\n"
                      "     aliases: [Nationales Zentrum für Analyse]}\n"
                      "  - {id: x_melnyk, name: Oksana Melnyk, kind: person, country: UA}\n"
                      "  - {id: x_nordkurier, name: Nordkurier, kind: media, country: DE}\n", encoding="utf-8")
    return ActorRegistry.from_yaml(actors)


def test_an_outlet_named_as_the_interview_partner_carries_the_sentence_as_written():
    text = ("Die Leiterin des Nationalen Zentrums für Analyse, Oksana Melnyk, sagte in einem Interview mit dem "
            "Nordkurier, 3.000 Soldaten seien verlegt worden. Kiew bestätigte, 1.000 Soldaten seien im Einsatz.\n"
            "Weitere 2.000 Soldaten würden im Mai folgen, betonte Melnyk.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    # without the actors known: the person of the apposition as written, the partner as written; the speaker's
    # later sentence, after another speaker's, is of the same interview (her name's last word); since round 10
    # the person is the new actor proposed for her, named again by her surname
    assert [(d.claimant_name, d.record["outlet"]) for d in drafts] == [
        ("Oksana Melnyk", "Nordkurier"), ("Kiew", "article"), ("Melnyk", "Nordkurier")]
    assert [d.record["claimant"] for d in drafts] == ["oksana_melnyk", "ua_government", "oksana_melnyk"]


def test_the_interview_partner_carries_what_the_same_speaker_says_later(tmp_path):
    registry = _made_up_actors(tmp_path)
    text = ("Die Leiterin des Nationalen Zentrums für Analyse, Oksana Melnyk, sagte in einem Interview mit dem "
            "Nordkurier, 3.000 Soldaten seien verlegt worden. Kiew bestätigte, 1.000 Soldaten seien im Einsatz.\n"
            "Weitere 2.000 Soldaten würden im Mai folgen, betonte Melnyk.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), registry)
    # the person the role noun describes claims, not the centre she leads; the paper she spoke to carries what
    # she says, later in the article too
    assert [(d.record["claimant"], d.record["outlet"]) for d in drafts] == [
        ("x_melnyk", "x_nordkurier"), ("ua_government", "article"), ("x_melnyk", "x_nordkurier")]
    assert "names 'Nordkurier' as the outlet that carries the speaker" in drafts[2].why["outlet"]
    # told an agency: ", so X der Nachrichtenagentur Y"
    [d] = draft_records("005_0123456789abcdef.txt", "„500 Soldaten sind gefallen“, so der südkoreanische "
                        "Geheimdienst der Nachrichtenagentur AFP.", dt.date(2025, 1, 14), registry)
    assert (d.record["claimant"], d.record["outlet"]) == ("kr_nis", "afp")
    # a known actor of another kind spoken to carries nothing
    [d] = draft_records("005_0123456789abcdef.txt", "Melnyk sagte in einem Gespräch mit Selenskyj, 500 Soldaten "
                        "seien gefallen.", dt.date(2025, 1, 14), registry)
    assert (d.record["claimant"], d.record["outlet"]) == ("x_melnyk", "article")


def test_wie_berichtet_names_no_one_the_sentence_is_the_articles_own():
    text = ("Laut Yonhap sagte der NIS, 500 Soldaten seien gefallen. Wie bereits berichtet, haben ukrainische "
            "Soldaten im Januar zwei Soldaten gefangen genommen.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    assert (drafts[1].record["claimant"], drafts[1].record["outlet"]) == ("article", "article")
    assert "reported it before" in drafts[1].why["claimant"]
    # a claimant of its own after the opener still claims
    [d] = draft_records("005_0123456789abcdef.txt", "Wie berichtet, sagte der NIS, 500 Soldaten seien gefallen.",
                        dt.date(2025, 1, 14), ACTORS)
    assert d.record["claimant"] == "kr_nis"


def test_a_compound_of_a_source_noun_names_the_actor_its_first_part_points_to():
    text = ("Der südkoreanische Geheimdienst sagte, 500 Soldaten seien gefallen. Die Front ist lang.\n"
            "Geheimdienstschätzungen zufolge dienten die Soldaten im Januar in Kursk.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    assert drafts[-1].record["claimant"] == "kr_nis"
    assert "a source of 'Geheimdienst'" in drafts[-1].why["claimant"]
    # a first part that names an actor: that actor
    [d] = draft_records("005_0123456789abcdef.txt", "Laut NIS-Angaben sind im Januar 500 Soldaten gefallen.",
                        dt.date(2025, 1, 14), ACTORS)
    assert d.record["claimant"] == "kr_nis"


def test_any_verb_of_saying_before_x_unter_berufung_auf_y_makes_x_the_carrier():
    [d] = draft_records("005_0123456789abcdef.txt", "Im Januar fielen 300 Soldaten, teilte am Montag Yonhap unter "
                        "Berufung auf den südkoreanischen Geheimdienst mit.", dt.date(2025, 1, 14), ACTORS)
    assert (d.record["claimant"], d.record["outlet"]) == ("kr_nis", "yonhap")
    # the outlet named as the NIS's carrier carries what the NIS says later, after another speaker's sentence
    drafts = draft_records("005_0123456789abcdef.txt", "Im Januar fielen 300 Soldaten, teilte am Montag Yonhap unter "
                           "Berufung auf den südkoreanischen Geheimdienst mit. Kiew bestätigte, 1.000 Soldaten seien "
                           "im Einsatz.\nDer Geheimdienst berichtete außerdem, dass die Soldaten im Mai abzogen.",
                           dt.date(2025, 1, 14), ACTORS)
    assert [(d.record["claimant"], d.record["outlet"]) for d in drafts] == [
        ("kr_nis", "yonhap"), ("ua_government", "article"), ("kr_nis", "yonhap")]
    # a source named afresh may speak on another occasion: the article carries it
    drafts = draft_records("005_0123456789abcdef.txt", "Im Januar fielen 300 Soldaten, teilte am Montag Yonhap unter "
                           "Berufung auf den NIS mit. Kiew bestätigte, 1.000 Soldaten seien im Einsatz.\n"
                           "Dem NIS zufolge zogen die Soldaten im Mai ab.", dt.date(2025, 1, 14), ACTORS)
    assert (drafts[-1].record["claimant"], drafts[-1].record["outlet"]) == ("kr_nis", "article")
    # "erzählte" is a verb of saying
    [d] = draft_records("005_0123456789abcdef.txt", "Im Januar seien 300 Soldaten gefallen, erzählte Selenskyj.",
                        dt.date(2025, 1, 14), ACTORS)
    assert d.record["claimant"] == "ua_zelensky"


def test_a_speaker_before_a_colon_and_a_quoted_line_claims_the_quote():
    text = ("Selenskyj sprach am Montag in Kiew. Er beschrieb ihren Einsatz mit den Worten:\n"
            "„Die Soldaten kämpfen an der Seite der russischen Truppen.“")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    intro = next(d for d in drafts if d.candidate.sentence.startswith("Er beschrieb"))
    assert intro.record["claimant"] == "ua_zelensky"
    # a sentence that ends with a colon before no quotation is no candidate for that alone
    assert not [d for d in draft_records("005_0123456789abcdef.txt", "Die Lage ist so:\nDie Front ist lang.",
                                         dt.date(2025, 1, 14), ACTORS)]
    # the intro is a candidate because the quote follows, whatever its words
    [d, *_] = draft_records("005_0123456789abcdef.txt", "Die Lage beschrieb der Präsident knapp:\n„Die Front "
                            "ist lang.“", dt.date(2025, 1, 14), ACTORS)
    assert d.candidate.sentence.endswith("knapp:")
    [d] = [d for d in draft_records("005_0123456789abcdef.txt", "Die Front war lang:\n„Wir halten.“",
                                    dt.date(2025, 1, 14), ACTORS) if d.candidate.sentence.endswith(":")]
    assert d.why["candidate"] == "claim:quote-intro"


def test_a_pronoun_after_the_verb_of_saying_names_the_speaker_before():
    text = ("Selenskyj sagte am Montag, 500 Soldaten seien gefallen. Die Front ist lang. In einer Ansprache an "
            "Präsident Putin lobte er den Einsatz der Truppen.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    assert drafts[-1].record["claimant"] == "ua_zelensky"
    text = "Selenskyj sprach am Montag in Kiew. Dabei brachte er zum Ausdruck, wie groß die Verluste seien."
    assert draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)[-1].record["claimant"] \
        == "ua_zelensky"


def test_a_speaker_the_actors_file_lacks_is_proposed_as_a_new_actor_and_found_again_by_the_surname():
    from timeline.drafts import new_actors
    from timeline.names import Actor
    text = ("Der moldauische Verteidigungsminister Anatol Nosatii sagte am Montag, 2.000 Soldaten seien "
            "eingetroffen. Er fügte hinzu, weitere 500 Soldaten würden folgen. Die Front ist ruhig. Nosatii "
            "erklärte außerdem, 300 Soldaten seien verwundet worden.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    assert [d.record["claimant"] for d in drafts] == ["anatol_nosatii"] * 3
    [new] = new_actors(drafts)
    assert (new.id, new.name, new.role, new.kind, new.country) == \
        ("anatol_nosatii", "Anatol Nosatii", "moldauische Verteidigungsminister", "person", "")
    assert "proposed as the new actor anatol_nosatii" in drafts[0].why["claimant"]
    assert "proposed in sentence 1" in drafts[2].why["claimant"]
    # the drafts file lists the proposed actor once, as an entry ready for actors.yaml
    body = drafts_yaml("005_0123456789abcdef.txt", drafts)
    assert body.count("- {id: anatol_nosatii, name: \"Anatol Nosatii\", kind: person, country: TODO, "
                      "role: \"moldauische Verteidigungsminister\", aliases: [\"Anatol Nosatii\"]}") == 1
    # the entry reads as an actor of actors.yaml once the curator gives the country
    import yaml
    [entry] = yaml.safe_load(new.snippet().replace("TODO", "MD"))
    actor = ActorRegistry([Actor(**{**entry, "aliases": tuple(entry["aliases"])})]).resolve("Anatol Nosatii")
    assert (actor.id, actor.kind, actor.country, actor.role) == \
        ("anatol_nosatii", "person", "MD", "moldauische Verteidigungsminister")
    # a country's adjective among the role words gives the country; an apposition gives the role
    text = "Olena Marchuk, Sprecherin des ukrainischen Grenzschutzes, sagte, 40 Soldaten seien gefangen."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    assert (d.record["claimant"], d.new_claimant.role, d.new_claimant.country) == \
        ("olena_marchuk", "Sprecherin des ukrainischen Grenzschutzes", "UA")
    # two capitalised words that open with an adjective name no person: no new actor
    text = "Die Vereinigten Staaten sagten am Montag, 2.000 Soldaten seien eingetroffen."
    assert all(d.new_claimant is None for d in draft_records("005_0123456789abcdef.txt", text,
                                                             dt.date(2025, 1, 14), ACTORS))


def test_the_articles_own_outlet_from_its_metadata_or_dateline_carries_nothing_of_its_own():
    text = ("Nordkorea habe 3.000 Soldaten verlegt, berichtete Nordkurier unter Berufung auf den ukrainischen "
            "Geheimdienst.")
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    assert (d.record["claimant"], d.record["outlet"]) == ("ua_intelligence", "Nordkurier")
    # the seed's metadata names Nordkurier as the article's publisher: its own report, carried by the article
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS,
                        meta={"outlet": "Nordkurier", "agencies_cited": []})
    assert (d.record["claimant"], d.record["outlet"]) == ("ua_intelligence", "article")
    assert "the article's own outlet" in d.why["outlet"] and "metadata" in d.why["outlet"]
    # so is the agency of a dateline that opens the text, without metadata
    [d] = draft_records("005_0123456789abcdef.txt", "KIEW (Nordkurier) - " + text, dt.date(2025, 1, 14), ACTORS)
    assert d.record["outlet"] == "article" and "dateline" in d.why["outlet"]
    # the article's own outlet as the speaker: the article's own claim
    own = "Nordkurier berichtete am Montag, 3.000 Soldaten seien verlegt worden."
    assert draft_records("005_0123456789abcdef.txt", own, dt.date(2025, 1, 14), ACTORS)[0].record["claimant"] \
        == "Nordkurier"
    [d] = draft_records("005_0123456789abcdef.txt", own, dt.date(2025, 1, 14), ACTORS, meta={"outlet": "Nordkurier"})
    assert (d.record["claimant"], d.record["outlet"]) == ("article", "article")
    # an agency the article cites that is not its publisher still carries
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS,
                        meta={"outlet": "Kurier", "agencies_cited": ["Nordkurier"]})
    assert d.record["outlet"] == "Nordkurier"


def test_sentences_that_are_no_claim_of_their_own_are_listed_not_drafted():
    text = ("Moldau: 2.000 Soldaten an der Grenze\n"
            "Der Grenzschutz sagte am Montag, 2.000 Soldaten seien eingetroffen. Dies teilte der Sprecher des "
            "Grenzschutzes mit.\n"
            "Rund 2.000 Soldaten verlegt\n"
            "Kürzlich hatte die Regierung ihre Zusammenarbeit mit den Nachbarn ausgebaut. In den letzten Monaten "
            "wuchs der Handel stark.\n"
            "Derzeit stehen 500 Soldaten an der Grenze. Die Lage ist derzeit ruhig.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    drafted = [d.candidate.sentence for d in drafts]
    skipped = {c.sentence: why for c, why in drafts.skipped}
    # a verb of saying that points back gives its speaker to the sentence before: no claim of its own
    assert "Dies teilte der Sprecher des Grenzschutzes mit." in skipped
    # a subheading after the headline (no final mark, no claim cue); the headline itself is drafted
    assert "subheading" in skipped["Rund 2.000 Soldaten verlegt"]
    assert drafted[0] == "Moldau: 2.000 Soldaten an der Grenze"
    # a vague time with no anchor is background; "derzeit" (the present state) is kept
    assert {"Kürzlich hatte die Regierung ihre Zusammenarbeit mit den Nachbarn ausgebaut.",
            "In den letzten Monaten wuchs der Handel stark."} <= set(skipped)
    assert "Die Lage ist derzeit ruhig." in drafted and "Derzeit stehen 500 Soldaten an der Grenze." in drafted
    # ids stay consecutive; the drafts file lists what was not drafted, with why
    assert [d.record["id"] for d in drafts] == [f"r005-{n:02d}" for n in range(1, len(drafts) + 1)]
    body = drafts_yaml("005_0123456789abcdef.txt", drafts)
    assert "# Not drafted: 4 candidate sentence(s)" in body and "Rund 2.000 Soldaten verlegt: a line of its own" in body


def test_draft_lists_the_new_actors_and_score_drafts_counts_a_proposed_actor_in_the_second_figure(tmp_path,
                                                                                                  capsys):
    import pandas as pd

    from timeline.drafts import NewActor
    from timeline.evaluate_drafts import NAMED, NAMED_LABEL, _names_new_actor, format_scores
    from timeline.names import Actor
    article = tmp_path / "article.txt"
    article.write_text("Der moldauische Verteidigungsminister Anatol Nosatii sagte am Montag, 2.000 Soldaten seien "
                       "eingetroffen.\n", encoding="utf-8")
    out = tmp_path / "drafts.yaml"
    assert main(["draft", str(article), "--published", "2025-01-14", "--out", str(out)]) == 0
    assert "proposed 1 new actor(s) the actors file does not know: anatol_nosatii" in capsys.readouterr().out
    assert "#   - {id: anatol_nosatii, name: \"Anatol Nosatii\"" in out.read_text(encoding="utf-8")
    # a proposed actor whose name is an alias of the curated actor counts as named, another does not
    registry = ActorRegistry([Actor("md_nosatii", "Anatol Nosatîi", "person", "MD", aliases=("Anatol Nosatii",))])
    new = NewActor("anatol_nosatii", "Anatol Nosatii", "", "", "person", 1)
    assert _names_new_actor(new, "md_nosatii", registry)
    assert not _names_new_actor(dataclasses.replace(new, name="Ion Popa"), "md_nosatii", registry)
    assert not _names_new_actor(None, "md_nosatii", registry)
    scores = pd.DataFrame({"seed": ["a", "a"], "record_id": ["r1", "r2"], "sentence": [True, True],
                           "claimant": [False, True], "outlet": [True, True], "count": [True, True],
                           "dates": [True, True], "all": [False, True], NAMED: [True, True]})
    assert f"{NAMED_LABEL}: 100.0% (claimant, strict: 50.0%)" in format_scores(scores)


def test_a_body_the_actors_file_lacks_is_proposed_by_its_name_as_written_for_the_curator_to_give_its_kind():
    from timeline.drafts import new_actors
    text = ("Das moldauische Grenzschutzkommando teilte am Montag mit, 2.000 Soldaten seien eingetroffen. Auch die "
            "Lage ist ruhig. Das moldauische Grenzschutzkommando sagte, 300 Soldaten seien verwundet worden.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    claims = [d for d in drafts if d.record.get("count")]
    assert [d.record["claimant"] for d in claims] == ["moldauische_grenzschutzkommando"] * 2
    assert [d.claimant_name for d in claims] == ["moldauische Grenzschutzkommando"] * 2  # the name as written
    [new] = new_actors(drafts)
    assert new.snippet() == ('- {id: moldauische_grenzschutzkommando, name: "moldauische Grenzschutzkommando", '
                             'kind: TODO, country: TODO, aliases: ["moldauische Grenzschutzkommando"]}')
    assert "proposed in sentence 1" in claims[1].why["claimant"]
    # a common noun alone is no name of a body: no proposal
    [d] = draft_records("005_0123456789abcdef.txt", "Angaben zufolge seien 300 Soldaten verwundet worden.",
                        dt.date(2025, 1, 14), ACTORS)
    assert d.new_claimant is None


def test_a_count_of_menschen_takes_its_unit_from_a_casualty_word_beyond_the_relative_clause_of_its_subject():
    # round 11: 'Menschen' is a people noun (soldiers unless a casualty word names another unit); a relative
    # clause that describes the clause's subject does not cut the casualty word before it off; 'verloren' counts
    # the killed or wounded; 'Armeeangehörige' are personnel
    text = ("Die Ministerin sagte, dass die Verluste der moldauischen Einheiten, die im Süden des Landes stehen, "
            "sich auf 2.500 Menschen belaufen. Bis heute haben sie 1.200 Menschen verloren, sagte sie. "
            "Rund 9.000 Menschen kamen. Bis zu 7.000 Armeeangehörige seien entsandt worden, sagte sie.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    assert [(d.record["count"]["expr"], d.record["count"]["unit"]) for d in drafts if d.record.get("count")] == [
        ("2.500", "killed_or_wounded"), ("1.200", "killed_or_wounded"), ("Rund 9.000", "soldiers"),
        ("Bis zu 7.000", "personnel")]


def test_a_role_noun_with_a_countrys_adjective_names_the_latest_person_of_that_country_the_article_named():
    # round 11: Putin is named (as no speaker), then Kim; "Der russische Diktator" is Putin, not Kim (the person
    # named last) nor a new actor "russische Diktator"
    text = ("Im Juni 2024 stattete Wladimir Putin Nordkorea einen Besuch ab. Er traf dort Kim Jong Un. "
            "Der russische Diktator erklärte damals, die Zusammenarbeit werde ausgebaut.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    said = next(d for d in drafts if "Diktator" in d.candidate.sentence)
    assert said.record["claimant"] == "ru_putin" and said.new_claimant is None
    assert "the latest person the sentences before named" in said.why["claimant"]
    # with no country's adjective the role noun names no one of them
    text = "Im Juni 2024 stattete Wladimir Putin Nordkorea einen Besuch ab. Der Diktator erklärte damals, es gehe gut."
    said = next(d for d in draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
                if "erklärte" in d.candidate.sentence)
    assert said.record["claimant"] != "ru_putin"


def test_demnach_gives_the_sentence_the_source_of_the_sentence_before():
    # round 11: the sentence before is the article's (no verb of saying): the first actor it names is the source;
    # a draft of the sentence before gives its claimant; a sentence before that names no actor gives nothing
    text = ("Der südkoreanische Geheimdienst legte am Montag seine Einschätzung vor. Demnach sollen rund 600 "
            "Soldaten gefallen sein. Laut Yonhap sind 2.000 Soldaten eingetroffen. Weitere 300 Soldaten wurden "
            "demnach verwundet. Am Montag trafen 500 Soldaten ein. Demnach wurden 100 Soldaten verwundet.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    by_count = {d.record["count"]["expr"]: d for d in drafts if d.record.get("count")}
    assert by_count["rund 600"].record["claimant"] == "kr_nis"
    assert "'Demnach' points back to the sentence before" in by_count["rund 600"].why["claimant"]
    assert by_count["Weitere 300"].record["claimant"] == "yonhap"
    assert by_count["100"].record["claimant"] == "article"


def test_nach_eigenen_angaben_after_an_object_and_hob_hervor_name_the_subject():
    # round 11: the subject before the auxiliary claims its own account, whatever object stands between; "hob
    # ... hervor" is a verb of saying whose subject claims
    text = ("Das moldauische Grenzschutzkommando hat Kursk nach eigenen Angaben zurückerobert. "
            "Das moldauische Grenzschutzkommando hob am Montag den „Mut“ der Soldaten hervor.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    assert [(d.record["claimant"], d.claimant_name) for d in drafts] == [
        ("moldauische_grenzschutzkommando", "moldauische Grenzschutzkommando")] * 2
    assert "own-account-after-object" in drafts[0].why["claimant"]


def test_war_die_rede_is_unnamed_sources_and_berichtet_after_a_comma_and_bezifferte_name_their_speaker():
    # round 11: "war davon die Rede" names no one (claims: unnamed_source_patterns); ", berichtet X." and "X
    # bezifferte ... auf" are verbs of saying whose speaker claims
    text = ("Zuletzt war davon die Rede, dass 1.000 Soldaten getötet worden sind. Die Entscheidung wurde "
            "getroffen, berichtet die Nachrichtenagentur Yonhap. Generalsekretär Mark Rutte bezifferte die Zahl "
            "der Soldaten auf 3.000.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    assert [d.record["claimant"] for d in drafts] == ["unnamed_sources", "yonhap", "nato_rutte"]


def test_war_x_von_ausgegangen_and_hatte_x_gemeldet_name_their_subject():
    # round 11: "war X noch von ... ausgegangen" (what X assumed) and "hatte X ... gemeldet" name X
    text = ("Im April war der südkoreanische Geheimdienst noch von mindestens 600 getöteten Soldaten ausgegangen. "
            "Bereits am Freitag hatte die moldauische Armee den Abzug von 300 Soldaten gemeldet.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    assert [(d.record["claimant"], d.claimant_name) for d in drafts] == [
        ("kr_nis", "südkoreanische Geheimdienst"), ("moldauische_armee", "moldauische Armee")]
    assert drafts[1].record["stated"] == {"expr": "am Freitag"}


def test_geben_is_a_verb_of_saying_only_with_an_or_bekannt():
    # round 11: "Die Ukraine wolle ... die Möglichkeit geben" is no "geben ... an": the speaker after the verb of
    # saying claims (the role noun names Zelensky, the claimant before)
    text = ("Präsident Selenskyj sagte am Montag, 300 Soldaten seien gefangen. Die Ukraine wolle den Soldaten so die "
            "Möglichkeit geben, zu sprechen, erläuterte der ukrainische Präsident.")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    assert [d.record["claimant"] for d in drafts] == ["ua_zelensky", "ua_zelensky"]


def test_a_paragraph_a_dash_opens_and_a_verb_of_saying_after_a_dash_closes_is_the_speakers_speech():
    # round 11: each sentence of it is a candidate (direct speech, no cue of its own), without the opening dash,
    # claimed by the speaker the close names; a dash that opens a list line without such a close is no speech
    text = ("Am Montag trafen 300 Soldaten ein.\n"
            "— Moskau setzt auf Eskalation. Bis heute sind 500 Soldaten gefallen – sagte Präsident Selenskyj.\n"
            "– Die Lage im Süden bleibt ruhig.\n")
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    speech = [d for d in drafts if "claim:speech" in d.why["candidate"]]
    assert [(d.candidate.sentence, d.record["claimant"]) for d in speech] == [
        ("Moskau setzt auf Eskalation.", "ua_zelensky"), ("Bis heute sind 500 Soldaten gefallen – sagte Präsident Selenskyj.",
                                                          "ua_zelensky")]
    assert text[speech[0].candidate.start:].startswith("Moskau")
    assert "a paragraph a dash opens" in speech[0].why["claimant"]
    assert not any("Süden" in d.candidate.sentence for d in drafts)


def test_a_whole_sentence_in_straight_quotation_marks_is_direct_speech():
    # round 11: scraped pages write " for both marks; a sentence wholly in them is direct speech of the speaker
    # who holds the floor, and a short quotation inside a sentence is not
    text = ('Präsident Selenskyj sagte am Montag, 300 Soldaten seien gefangen. "Die Welt muss die Wahrheit '
            'erfahren, was dort geschieht." Die "bewaffneten" Soldaten kamen an.')
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    assert [(d.candidate.sentence[:12], d.record["claimant"]) for d in drafts] == [
        ("Präsident Se", "ua_zelensky"), ('"Die Welt mu', "ua_zelensky")]
    assert drafts[1].why["candidate"] == "claim:speech"


def test_a_quotation_is_not_cut_at_a_clause_opener_and_kommentierte_names_its_speaker():
    # round 11: ", aber" inside the quotation opens no clause of its own; "kommentierte X" is a verb of saying
    text = ('„Moskau schickt 300 Soldaten, aber sie kämpfen nicht“, kommentierte Selenskyj in einem Video.')
    drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    assert [(d.candidate.sentence, d.record["claimant"]) for d in drafts] == [(text, "ua_zelensky")]


def test_seinen_angaben_nach_names_the_person_the_sentences_before_named():
    # round 11: the sentence has no other cue; the possessive points to Zelensky, named (as no speaker) before
    text = ("Es war nicht der erste Bericht Selenskyjs über Gefangene.\n"
            "Diese Männer waren aber seinen Angaben nach an ihren Verletzungen gestorben.")
    [draft] = draft_records("005_0123456789abcdef.txt", text, dt.date(2025, 1, 14), ACTORS)
    assert draft.record["claimant"] == "ua_zelensky"
    assert draft.why["candidate"] == "claim:construction:seinen Angaben nach"


def test_a_quotation_over_two_sentences_is_the_speaker_its_close_names():
    # round 12: the close "“, sagte X ..." speaks for the sentence that opened the quotation too (found on the
    # seventh and tenth sets); a quotation closed in its own sentence leaves the next one alone
    text = ("Nordkorea hat im Oktober Truppen geschickt. „Der Kreml bezahlt die Truppen. Es geht um 3000 Soldaten“, "
            "sagte Selenskyj in seiner Videobotschaft. „Der Kreml zahlt.“ Im Oktober kamen 500 Soldaten.")
    drafts = _one(text)
    by_quote = {d.record["quote"]: d.record["claimant"] for d in drafts}
    assert by_quote["„Der Kreml bezahlt die Truppen."] == "ua_zelensky"
    assert by_quote["Im Oktober kamen 500 Soldaten."] == "article"


def test_the_present_subjunctive_continues_the_speaker_and_so_x_closes_a_sentence():
    # round 12 (eighth and tenth sets): "könne", "bedeute", "beobachte", "fehle" are the present subjunctive of
    # reported speech, a candidate of the speaker who holds the floor; ", so X." at a sentence's end names X
    text = ("Die Ukraine könne die Berichte bestätigen, so Selenskyj. Die Entsendung bedeute eine Eskalation des "
            "Kriegs. Die Ukraine beobachte die Lage genau. Auch ihnen fehle es an Ausrüstung.")
    by_quote = {d.record["quote"]: (d.record["claimant"], d.why["claimant"]) for d in _one(text)}
    assert by_quote["Die Ukraine könne die Berichte bestätigen, so Selenskyj."][0] == "ua_zelensky"
    for quote in ("Die Entsendung bedeute eine Eskalation des Kriegs.", "Die Ukraine beobachte die Lage genau.",
                  "Auch ihnen fehle es an Ausrüstung."):
        assert by_quote[quote][0] == "ua_zelensky", quote
        assert "continues" in by_quote[quote][1]


def test_a_verb_of_saying_in_the_present_after_the_comma_names_its_subject():
    # round 12 (tenth set): ", warnt der südkoreanische Geheimdienst." as ", berichtet X." before it
    [d] = _one("Nordkorea schicke 12.000 Soldaten in die Ukraine, warnt der südkoreanische Geheimdienst.")
    assert d.record["claimant"] == "kr_nis"
    assert "verb-then-claimant" in d.why["claimant"]
