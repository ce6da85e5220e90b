"""The Frictionless Data Package: valid by the standard's own library, faithful to load_events(), deterministic,
written whole or not at all."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest

from timeline import load_events, paths
from timeline.package import build_package, precision_codes, read_events, write_package
from timeline.schema import SCHEMA, VOCABULARIES

import frictionless  # noqa: E402  (test-only dependency, pinned in pyproject.toml [test])


@pytest.fixture(scope="module")
def package_dir(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pkg") / "package"
    write_package(out)
    return out


def _errors(descriptor: Path) -> list[str]:
    report = frictionless.validate(str(descriptor))
    return [f"{task.name}: {e.type}: {e.message}" for task in report.tasks for e in task.errors] + \
        [f"package: {e.type}: {e.message}" for e in report.errors]


def _rows(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_the_package_validates_with_frictionless(package_dir):
    assert _errors(package_dir / "datapackage.json") == []
    names = [r["name"] for r in json.loads((package_dir / "datapackage.json").read_text())["resources"]]
    assert names == ["events", "flags", "actors", "articles", "not_claims", "precision"]


def test_validation_catches_a_claimant_that_is_no_actor_and_a_value_outside_its_vocabulary(package_dir, tmp_path):
    for column, value, error in (("claimant", "nobody_known", "foreign-key"), ("claim_type", "rumour", "constraint-error")):
        copy = tmp_path / column
        copy.mkdir()
        for f in package_dir.iterdir():
            (copy / f.name).write_bytes(f.read_bytes())
        frame = pd.read_csv(copy / "events.csv", dtype=str, keep_default_na=False)
        frame.loc[0, column] = value
        (copy / "events.csv").write_text(frame.to_csv(index=False, lineterminator="\n"), encoding="utf-8")
        descriptor = json.loads((copy / "datapackage.json").read_text())
        for r in descriptor["resources"]:
            r.pop("hash"), r.pop("bytes")  # only the data check is under test here
        (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
        errors = _errors(copy / "datapackage.json")
        assert any(error in e for e in errors), errors


def test_the_package_loads_back_as_load_events(package_dir):
    expected = load_events()
    pd.testing.assert_frame_equal(read_events(package_dir), expected)
    # and read by frictionless itself, by the Table Schema: the same values
    resource = frictionless.Package(str(package_dir / "datapackage.json")).get_resource("events")
    rows = resource.read_rows()
    assert [r["record_id"] for r in rows] == list(expected["record_id"])
    for row, (_, rec) in zip(rows, expected.iterrows()):
        for col in ("event_start", "event_end", "count_low", "count_best", "count_high", "is_corrected",
                    "event_precision", "event_edtf", "count_qualifier", "count_expr", "quote"):
            want = rec[col]
            want = None if pd.isna(want) else want.date() if isinstance(want, pd.Timestamp) else want
            assert row[col] == want, (rec["record_id"], col, row[col], want)


def test_events_keep_open_ends_intervals_and_the_events_csv_bytes(package_dir):
    assert (package_dir / "events.csv").read_bytes() == paths.EVENTS_CSV.read_bytes()
    frame = read_events(package_dir)
    assert frame["event_start"].isna().any(), "an 'on or before' date keeps its open start"
    assert {"stated_cue", "event_cue", "count_qualifier", "event_edtf"} <= set(frame.columns)


def test_flags_one_row_per_flag_with_evidence(package_dir):
    rows = _rows((package_dir / "flags.csv").read_bytes())
    frame = load_events()
    n_flags = sum(len([t for t in str(v).split("; ") if t]) for v in frame["flags"].fillna(""))
    assert len(rows) == n_flags > 0
    assert all(r["evidence"] and r["note"] and r["type"] in VOCABULARIES["flag_type"] for r in rows)
    corrected = [r for r in rows if r["type"] == "corrected_count"]
    assert corrected and corrected[0]["record_id"] == "r001-03" and corrected[0]["field"] == "count"


def test_schemas_come_from_schema_yaml():
    descriptor = build_package().descriptor
    res = {r["name"]: r for r in descriptor["resources"]}
    events = {f["name"]: f for f in res["events"]["schema"]["fields"]}
    assert list(events) == list(SCHEMA["frame"])
    assert all(events[n]["description"] == s["description"] for n, s in SCHEMA["frame"].items())
    assert events["claim_type"]["constraints"]["enum"] == list(VOCABULARIES["claim_type"])
    assert events["event_precision"]["constraints"]["enum"] == list(VOCABULARIES["precision"])
    assert events["event_end"]["type"] == "date" and events["count_best"]["type"] == "integer"
    flags = {f["name"]: f for f in res["flags"]["schema"]["fields"]}
    assert flags["type"]["constraints"]["enum"] == list(VOCABULARIES["flag_type"])
    assert {"fields": "claimant", "reference": {"resource": "actors", "fields": "id"}} in \
        res["events"]["schema"]["foreignKeys"]
    assert {"fields": "record_id", "reference": {"resource": "events", "fields": "record_id"}} in \
        res["flags"]["schema"]["foreignKeys"]
    articles = [f["name"] for f in res["articles"]["schema"]["fields"]]
    assert articles == list(SCHEMA["seed_metadata"]) and "published_evidence" in articles


def test_precision_codebook_covers_every_level_with_ucdp_and_acled(package_dir):
    assert list(precision_codes()) == list(VOCABULARIES["precision"])  # quarter, decade, century included
    rows = {r["precision"]: r for r in _rows((package_dir / "precision.csv").read_bytes())}
    assert (rows["day"]["ucdp_date_prec"], rows["day"]["acled_time_precision"]) == ("1", "1")
    assert (rows["month"]["ucdp_date_prec"], rows["month"]["acled_time_precision"]) == ("4", "3")
    assert rows["century"]["ucdp_date_prec"] == "" and rows["quarter"]["ucdp_date_prec"] == "5"


def test_licence_sources_terms_and_provenance_without_the_wall_clock():
    from timeline import __version__
    from timeline.export import provenance

    d = build_package().descriptor
    assert d["licenses"][0]["name"] == "CC-BY-4.0" and "copyright stays with the publishers" in d["sources_terms"]
    prov = provenance(load_events())
    assert d["provenance"]["data_sha256"] == prov.data_sha256
    assert d["provenance"]["data_date"] == prov.data_date.isoformat()
    assert d["provenance"]["software_version"] == __version__ and d["version"] == __version__
    assert len(d["sources"]) == 5


def test_two_writes_are_byte_identical(tmp_path, package_dir):
    write_package(tmp_path / "again")
    first = {p.name: p.read_bytes() for p in package_dir.iterdir()}
    second = {p.name: p.read_bytes() for p in (tmp_path / "again").iterdir()}
    assert first == second and "datapackage.json" in first


def test_a_failed_write_leaves_the_old_package_whole(tmp_path, monkeypatch):
    out = tmp_path / "package"
    write_package(out)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    calls = []

    def failing(self, data):
        calls.append(self.name)
        if len(calls) == 3:
            raise OSError("disk full")
        return Path.write_text(self, data.decode("utf-8"), encoding="utf-8")

    monkeypatch.setattr(Path, "write_bytes", failing)
    with pytest.raises(OSError, match="disk full"):
        write_package(out)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["package"], "no temporary folder left behind"


def test_the_command_writes_the_package(tmp_path):
    from timeline.cli import main

    assert main(["package", "--out", str(tmp_path / "p")]) == 0
    assert (tmp_path / "p" / "datapackage.json").is_file()
