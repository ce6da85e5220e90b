"""The committed export data/processed/events.csv is current: regenerate it with `python -m timeline build`."""

from __future__ import annotations

import pandas as pd

from timeline import load_events, paths
from timeline.frame import events_csv_text


def test_events_csv_is_current():
    committed = paths.EVENTS_CSV.read_text(encoding="utf-8")
    current = events_csv_text(load_events())
    assert committed == current, (
        f"{paths.relative(paths.EVENTS_CSV)} is stale: run `python -m timeline build` and commit the diff")


def test_events_csv_has_one_row_per_record_in_frame_order():
    frame = pd.read_csv(paths.EVENTS_CSV, dtype=str, keep_default_na=False)
    events = load_events()
    assert list(frame.columns) == list(events.columns)
    assert list(frame["record_id"]) == list(events["record_id"])


def test_build_writes_the_same_bytes(tmp_path):
    from timeline.cli import main

    out = tmp_path / "events.csv"
    assert main(["build", "--out", str(out)]) == 0
    assert out.read_bytes() == paths.EVENTS_CSV.read_bytes()
