"""Drafts: proposed records per candidate sentence, counted apart until confirmed; the leave-one-seed-out score."""

from __future__ import annotations

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
