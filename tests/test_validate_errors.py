"""Bad input, one class at a time: each gets its own clear error, and no record is ever lost.

Every test works on a temporary copy of the dataset (fixture ``dataset_copy``)
whose records are replaced by one known-good record (``good_dataset``); it then
breaks that record in one way and checks the error through the Python loader
(:func:`timeline.load_dataset`) and through the command line
(``python -m timeline validate``): file, line, record, field, value, reason and
hint. Records are YAML only: there is no CSV input, so a CSV syntax error cannot
occur.
"""

from __future__ import annotations

import copy
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from timeline import RecordsInvalid, load_dataset, load_events, load_events_with_errors
from timeline.cli import main
from timeline.records import PLAUSIBLE_YEARS_BEFORE

SEED = "003_777336e2b4043abc.txt"
QUOTE = ("„Wir sehen Beweise dafür, dass nordkoreanische Truppen nach Russland gegangen sind“, erklärte Austin "
         "am Mittwoch während einer Pressekonferenz in Rom.")


def good_record(seed_text: str, rid: str = "r003-90") -> dict:
    return {
        "id": rid,
        "claim_type": "confirmation",
        "stance": "confirms",
        "claimant": "Lloyd Austin",
        "outlet": "article",
        "quote": QUOTE,
        "quote_start": seed_text.index(QUOTE),
        "stated": {"expr": "am Mittwoch"},
        "location": "Rom",
        "summary_en": "Lloyd Austin said that the US sees evidence that North Korean troops have gone to Russia.",
    }


def dump(records: list, seed: str = SEED) -> str:
    return yaml.safe_dump({"seed": seed, "records": records}, allow_unicode=True, sort_keys=False, width=1000)


@pytest.fixture
def good_dataset(dataset_copy: Path) -> Path:
    """The dataset copy with one records file holding one valid record (r003-90); returns the data folder."""
    for f in (dataset_copy / "records").glob("*.yaml"):
        f.unlink()
    text = (dataset_copy.parent / "seeds" / SEED).read_text(encoding="utf-8")
    (dataset_copy / "records" / "test.yaml").write_text(dump([good_record(text)]), encoding="utf-8")
    return dataset_copy


def records_file(data: Path) -> Path:
    return data / "records" / "test.yaml"


def record(data: Path) -> dict:
    return yaml.safe_load(records_file(data).read_text(encoding="utf-8"))["records"][0]


def write(data: Path, records: list, seed: str = SEED) -> Path:
    path = records_file(data)
    path.write_text(dump(records, seed), encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return i
    raise AssertionError(f"{needle!r} not in {path}")


def cli(capsys, *args) -> tuple[int, str]:
    rc = main(["validate", *map(str, args)])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return rc, out.out + out.err


def only_error(result, **expected):
    """The one error of a result, checked field by field (a value of a regex pattern is searched)."""
    assert len(result.errors) == 1, [str(e) for e in result.errors]
    err = result.errors[0]
    for key, want in expected.items():
        got = getattr(err, key)
        if isinstance(want, re.Pattern):
            assert got is not None and want.search(str(got)), (key, got, want)
        else:
            assert got == want, (key, got, want)
    return err


def test_the_good_dataset_is_valid(good_dataset, capsys):
    result = load_dataset(good_dataset)
    assert result.errors == [] and result.n_valid == 1 and result.n_rejected == 0
    rc, out = cli(capsys, good_dataset)
    assert rc == 0
    assert out.strip() == "1 record(s) valid, 0 rejected, 0 error(s), 1 file(s) read."


# --------------------------------------------------------------------------- syntax and encoding


def test_yaml_syntax_error_names_its_line(good_dataset, capsys):
    path = records_file(good_dataset)
    lines = path.read_text(encoding="utf-8").splitlines()
    n = line_of(path, "location:")
    lines[n - 1] = '    location: "Rom'  # an unterminated string
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = load_dataset(good_dataset)
    err = only_error(result, file=re.compile(r"records/test\.yaml$"), reason=re.compile("YAML syntax error"))
    assert err.line is not None and abs(err.line - n) <= 1
    assert "1 record(s) rejected" in err.reason
    assert result.n_read == 1 and result.n_rejected == 1 and result.n_valid == 0
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "YAML syntax error" in out and "0 record(s) valid, 1 rejected" in out


def test_byte_order_mark_is_rejected(good_dataset, capsys):
    path = records_file(good_dataset)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    result = load_dataset(good_dataset)
    only_error(result, line=1, reason=re.compile("byte-order mark"), hint=re.compile("without BOM"))
    assert result.n_rejected == 1
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "byte-order mark" in out


def test_latin1_file_is_rejected_with_its_line(good_dataset, capsys):
    rec = record(good_dataset)
    rec["location"] = "München"
    path = write(good_dataset, [rec])
    text = path.read_text(encoding="utf-8").replace("„", '"').replace("“", '"')
    path.write_bytes(text.encode("latin-1"))
    result = load_dataset(good_dataset)
    err = only_error(result, reason=re.compile("not UTF-8"), hint=re.compile("re-encode"))
    assert err.line == first_non_ascii_line(path)
    assert result.n_rejected == 1
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "not UTF-8" in out


def first_non_ascii_line(path: Path) -> int:
    return next(i for i, line in enumerate(path.read_bytes().split(b"\n"), 1) if any(b > 127 for b in line))


def test_a_python_tag_is_refused_by_the_safe_loader(good_dataset, tmp_path, capsys):
    marker = tmp_path / "pwned"
    path = records_file(good_dataset)
    text = path.read_text(encoding="utf-8")
    text = text.replace("location: Rom", f"location: !!python/object/apply:os.system ['touch {marker}']")
    path.write_text(text, encoding="utf-8")
    result = load_dataset(good_dataset)
    err = only_error(result, reason=re.compile(r"YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' is not "
                                               r"allowed"), hint=re.compile("safe loader"))
    assert err.line == line_of(path, "location:")
    assert not marker.exists()
    assert result.n_rejected == 1
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "is not allowed" in out and not marker.exists()


# --------------------------------------------------------------------------- structure


def test_missing_required_field(good_dataset, capsys):
    rec = record(good_dataset)
    del rec["summary_en"]
    write(good_dataset, [rec])
    result = load_dataset(good_dataset)
    only_error(result, record_id="r003-90", field="summary_en", reason="required field missing")
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "record r003-90: field summary_en: required field missing" in out


def test_unknown_field_suggests_the_right_name(good_dataset, capsys):
    rec = record(good_dataset)
    rec["locaton"] = rec.pop("location")
    path = write(good_dataset, [rec])
    result = load_dataset(good_dataset)
    only_error(result, field="locaton", value="Rom", reason="unknown field", hint="did you mean 'location'?",
               line=line_of(path, "locaton:"))
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "did you mean 'location'?" in out


def test_a_typo_in_a_vocabulary_term_suggests_the_term(good_dataset):
    rec = record(good_dataset)
    rec["claim_type"] = "confirmaton"
    write(good_dataset, [rec])
    only_error(load_dataset(good_dataset), field="claim_type", reason="not in vocabulary claim_type",
               hint="did you mean 'confirmation'?")


def test_duplicate_record_id(good_dataset, capsys):
    rec = record(good_dataset)
    path = write(good_dataset, [rec, copy.deepcopy(rec)])
    result = load_dataset(good_dataset)
    err = only_error(result, record_id="r003-90", field="id", reason=re.compile(r"duplicate record id \(first in "
                                                                                r".*test\.yaml:3\)"))
    assert err.line == [i for i, l in enumerate(path.read_text().splitlines(), 1) if "id: r003-90" in l][1]
    assert result.n_valid == 1 and result.n_rejected == 1
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "duplicate record id" in out


def test_a_record_that_is_not_a_mapping(good_dataset):
    rec = record(good_dataset)
    write(good_dataset, [rec, "just a sentence"])
    result = load_dataset(good_dataset)
    only_error(result, record_id="#2", reason="record #2 is not a mapping")
    assert result.n_valid == 1 and result.n_rejected == 1


def test_a_wrong_type_says_what_is_expected(good_dataset):
    rec = record(good_dataset)
    rec["quote_start"] = "vorne"
    write(good_dataset, [rec])
    only_error(load_dataset(good_dataset), field="quote_start", value="vorne", reason="must be an integer")


def _troops_without_count(rec):
    rec["claim_type"] = "troop_count"


def _corrected_without_flag(rec):
    rec["stated"] = {"expr": "am Mittwoch", "corrected": "am Dienstag"}


def _correction_without_expr(rec):
    rec["stated"] = {"expr": None, "corrected": "am Dienstag"}
    rec["flags"] = [{"type": "corrected_date", "field": "stated", "note": "n", "evidence": "e"}]


@pytest.mark.parametrize("change, field, value, reason, hint, needle", [
    (_troops_without_count, "count", None, "a troop_count record needs a count", None, "id: r003-90"),
    (_corrected_without_flag, "stated.corrected", "am Dienstag", "a corrected value needs a corrected_date flag "
     "saying why", "add flags: [{type: corrected_date, field: stated, note: ..., evidence: ...}]", "corrected:"),
    (_correction_without_expr, "stated.corrected", "am Dienstag",
     "a correction needs the expression it corrects (expr)", None, "corrected:"),
    (lambda r: r.update(stated={"expr": "am Mittwoch", "anchor": "gestern"}), "stated.anchor", "gestern",
     "not an anchor", "'published' (the default), or an ISO date (YYYY-MM-DD)", "anchor:"),
    (lambda r: r.update(stated={"expr": "am Mittwoch", "anchor": "2024-02-30"}), "stated.anchor", "2024-02-30",
     "not a calendar day", None, "anchor:"),
    (lambda r: r.update(id="r003 90"), "id", "r003 90", "an id may hold letters, digits, '_', '-' and '.' only",
     None, "id: r003 90"),
    (lambda r: r.update(location="  "), "location", "  ", "must not be empty", None, "location:"),
    (lambda r: r.update(flags=[{"type": "unverified", "field": "claimant ", "note": "n", "evidence": "e"}]),
     "flags[0].field", "claimant ", "not a field of a record", "did you mean 'claimant'?", "field: 'claimant '"),
])
def test_what_the_schema_says_beyond_types(good_dataset, capsys, change, field, value, reason, hint, needle):
    """Rules the schema holds (from vocabulary attributes and field declarations), each with its own message."""
    rec = record(good_dataset)
    change(rec)
    path = write(good_dataset, [rec])
    err = only_error(load_dataset(good_dataset), field=field, value=value, reason=reason, hint=hint)
    assert err.line == line_of(path, needle)
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and reason in out


def test_an_event_anchored_on_an_unreadable_statement_date(good_dataset):
    rec = record(good_dataset)
    rec["stated"] = {"expr": "während einer Pressekonferenz"}
    rec["event"] = {"expr": "am Mittwoch", "anchor": "stated"}
    path = write(good_dataset, [rec])
    errors = {e.field: e for e in load_dataset(good_dataset).errors}
    assert set(errors) == {"stated.expr", "event.anchor"}
    assert errors["event.anchor"].reason == "'stated' needs a readable stated date"
    assert errors["event.anchor"].line == [i for i, l in enumerate(path.read_text().splitlines(), 1)
                                           if "anchor:" in l][0]


# --------------------------------------------------------------------------- dates


def test_unparseable_date_expression(good_dataset, capsys):
    rec = record(good_dataset)
    rec["stated"] = {"expr": "während einer Pressekonferenz"}  # in the quote, but not a date
    write(good_dataset, [rec])
    result = load_dataset(good_dataset)
    only_error(result, field="stated.expr", value="während einer Pressekonferenz",
               reason=re.compile("cannot read the date expression: no rule matches"), hint=re.compile("rules of src/timeline/lang/de.yaml"))
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "cannot read the date expression" in out


def test_an_interval_that_ends_before_it_starts(good_dataset, capsys):
    """A record expresses an interval by its expression; read reversed, it is rejected, never swapped."""
    rec = record(good_dataset)
    rec["event"] = {"expr": "am Mittwoch", "corrected": "zwischen Ende und Anfang Oktober"}
    rec["flags"] = [{"type": "corrected_date", "field": "event", "note": "test", "evidence": "test"}]
    write(good_dataset, [rec])
    result = load_dataset(good_dataset)
    only_error(result, field="event.corrected", value="zwischen Ende und Anfang Oktober",
               reason="cannot read the date expression: the interval ends (2024-10-10) before it starts (2024-10-21)")
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "ends (2024-10-10) before it starts (2024-10-21)" in out


def test_a_date_outside_the_plausible_range_of_its_article(good_dataset, capsys):
    rec = record(good_dataset)
    rec["stated"] = {"expr": "am Mittwoch", "anchor": "2014-01-01"}  # a Wednesday ten years before publication
    write(good_dataset, [rec])
    result = load_dataset(good_dataset)
    only_error(result, field="stated.expr", value="am Mittwoch",
               reason=re.compile(rf"reads as 2014-01-01, outside the plausible range of its article "
                                 rf"\(2019-10-23 to 2024-10-23: on or before publication\)"),
               hint=re.compile("anchor"))
    assert PLAUSIBLE_YEARS_BEFORE == 5
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "outside the plausible range" in out


def test_a_date_expression_not_in_the_quote(good_dataset):
    rec = record(good_dataset)
    rec["stated"] = {"expr": "am Donnerstag"}
    write(good_dataset, [rec])
    only_error(load_dataset(good_dataset), field="stated.expr", reason="date expression not found in the record's quote")


# --------------------------------------------------------------------------- names


def test_unknown_claimant_suggests_the_closest_names(good_dataset, capsys):
    rec = record(good_dataset)
    rec["claimant"] = "Lloyd Austn"
    write(good_dataset, [rec])
    result = load_dataset(good_dataset)
    only_error(result, field="claimant", value="Lloyd Austn", reason=re.compile("unknown name"),
               hint=re.compile(r"closest: Lloyd Austin \(us_"))
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "closest: Lloyd Austin" in out


def test_unknown_outlet(good_dataset):
    rec = record(good_dataset)
    rec["outlet"] = "CNNN"
    write(good_dataset, [rec])
    only_error(load_dataset(good_dataset), field="outlet", value="CNNN", reason=re.compile("unknown name"),
               hint=re.compile("CNN"))


# --------------------------------------------------------------------------- counts


def count_record(data: Path, expr: str, corrected: str | None = None) -> dict:
    rec = record(data)
    rec["claim_type"] = "troop_count"
    rec["count"] = {"expr": expr, "unit": "soldiers"}
    if corrected:
        rec["count"]["corrected"] = corrected
        rec["flags"] = [{"type": "corrected_count", "field": "count", "note": "test", "evidence": "test"}]
    return rec


def test_a_count_that_is_not_a_number(good_dataset, capsys):
    write(good_dataset, [count_record(good_dataset, "Beweise")])
    result = load_dataset(good_dataset)
    only_error(result, field="count.expr", value="Beweise", reason="cannot read the count: not a number",
               hint=re.compile("numbers section of src/timeline/lang/de.yaml"))
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "cannot read the count: not a number" in out


def test_a_count_whose_low_is_above_its_high(good_dataset, capsys):
    write(good_dataset, [count_record(good_dataset, "Truppen", corrected="zwischen 3.000 und 1.000")])
    result = load_dataset(good_dataset)
    only_error(result, field="count.corrected", value="zwischen 3.000 und 1.000",
               reason="cannot read the count: low 3000 is above high 1000")
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "low 3000 is above high 1000" in out


def test_an_unquoted_count_is_read_by_yaml_as_a_number(good_dataset):
    path = write(good_dataset, [count_record(good_dataset, "Truppen")])
    path.write_text(path.read_text(encoding="utf-8").replace("expr: Truppen", "expr: 10.000"), encoding="utf-8")
    only_error(load_dataset(good_dataset), field="count.expr", value=10.0, reason="must be a string",
               hint=re.compile("quote it"))


def test_what_a_count_measures_is_a_term_of_its_vocabulary(good_dataset, capsys):
    """A count's measure (a total, a further number, a planned one) is validated like every vocabulary term; a
    record that names none measures the default (a total), one that names one keeps it in the frame."""
    rec = count_record(good_dataset, "Truppen")
    rec["count"]["measures"] = "incremnt"
    write(good_dataset, [rec])
    only_error(load_dataset(good_dataset), field="count.measures", value="incremnt",
               reason="not in vocabulary count_measure", hint="did you mean 'increment'?")
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "not in vocabulary count_measure" in out
    named, plain = count_record(good_dataset, "Truppen"), count_record(good_dataset, "Truppen")
    named["count"]["measures"], plain["id"] = "increment", "r003-91"
    write(good_dataset, [named, plain])
    assert load_events(good_dataset).set_index("record_id")["count_measure"].to_dict() == {
        "r003-90": "increment", "r003-91": "total"}


# --------------------------------------------------------------------------- quotes and seeds


def test_quote_not_found_shows_the_closest_passage(good_dataset, capsys):
    rec = record(good_dataset)
    rec["quote"] = rec["quote"].replace("Beweise", "Beweis")
    write(good_dataset, [rec])
    result = load_dataset(good_dataset)
    only_error(result, field="quote", reason=f"quote not found verbatim in seed {SEED}",
               hint=re.compile(r"closest passage: '„Wir sehen Beweise dafür"))
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "closest passage" in out


def test_quote_at_a_wrong_offset_says_where_it_stands(good_dataset):
    rec = record(good_dataset)
    right = rec["quote_start"]
    rec["quote_start"] = right + 3
    write(good_dataset, [rec])
    only_error(load_dataset(good_dataset), field="quote_start", value=right + 3,
               hint=f"the quote stands at offset {right}")


def test_unknown_seed(good_dataset, capsys):
    rec = record(good_dataset)
    write(good_dataset, [rec], seed="003_777336e2b4043abd.txt")
    result = load_dataset(good_dataset)
    only_error(result, field="seed", line=1, reason="unknown seed: all 1 record(s) of this file rejected",
               hint=re.compile(f"did you mean '{SEED}'"))
    assert result.n_rejected == 1 and result.rejected_ids == ["r003-90"]
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "unknown seed" in out


def test_a_seed_whose_bytes_changed(good_dataset, capsys):
    seed = good_dataset.parent / "seeds" / SEED
    seed.write_bytes(seed.read_bytes().replace("Beweise".encode(), "Belege".encode(), 1))
    result = load_dataset(good_dataset)
    assert len(result.errors) == 2, [str(e) for e in result.errors]
    meta_err = next(e for e in result.errors if e.field == "sha256")
    assert meta_err.file.endswith("003_777336e2b4043abc.meta.yaml") and meta_err.line == 2
    assert re.search("has changed since its metadata was written", meta_err.reason)
    assert meta_err.hint == "seeds are never edited: restore the original bytes"
    rec_err = next(e for e in result.errors if e.field == "seed")
    assert rec_err.reason == f"seed {SEED} has invalid metadata (see its errors): all 1 record(s) of this file rejected"
    assert result.n_rejected == 1
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "has changed" in out


def test_metadata_still_marked_todo(good_dataset):
    meta = good_dataset.parent / "seeds" / "003_777336e2b4043abc.meta.yaml"
    text = meta.read_text(encoding="utf-8")
    text = re.sub(r"(?m)^outlet: .*$", "outlet: TODO", text)
    text = re.sub(r"(?m)^outlet_evidnce_typo: .*$", "", text)
    meta.write_text(text + "outlet_evidnce: x\n", encoding="utf-8")
    result = load_dataset(good_dataset)
    by_field = {e.field: e for e in result.errors}
    assert by_field["outlet"].reason == "not filled in yet (still marked TODO)"
    assert by_field["outlet"].line == line_of(meta, "outlet: TODO")
    assert by_field["outlet_evidnce"].hint == "did you mean 'outlet_evidence'?"


def test_a_missing_metadata_field_says_what_it_holds(good_dataset):
    meta = good_dataset.parent / "seeds" / "003_777336e2b4043abc.meta.yaml"
    meta.write_text(re.sub(r"(?m)^language: .*\n", "", meta.read_text(encoding="utf-8")), encoding="utf-8")
    result = load_dataset(good_dataset)
    err = next(e for e in result.errors if e.file.endswith(".meta.yaml"))
    assert (err.field, err.reason, err.line) == ("language", "required field missing", 1)
    assert err.hint == "BCP 47 language tag of the text (de)."  # the field's description, from schema.yaml
    assert result.n_rejected == 1


# --------------------------------------------------------------------------- the files around the records


def test_an_invalid_actors_file_is_an_error_not_a_traceback(good_dataset, capsys):
    actors = good_dataset / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("kind: agency", "kind: [agency", 1),
                      encoding="utf-8")
    result = load_dataset(good_dataset)
    assert any(e.file.endswith("actors.yaml") and "YAML syntax error" in e.reason and e.line for e in result.errors)
    assert any(e.field == "seed" and "actors cannot be read" in e.reason for e in result.errors)
    assert result.n_rejected == 1
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "actors.yaml" in out


def test_an_actor_with_an_unknown_kind(good_dataset):
    actors = good_dataset / "actors.yaml"
    actors.write_text(actors.read_text(encoding="utf-8").replace("kind: agency", "kind: agnecy", 1), encoding="utf-8")
    result = load_dataset(good_dataset)
    err = next(e for e in result.errors if e.file.endswith("actors.yaml"))
    assert (err.field, err.value, err.reason) == ("kind", "agnecy", "not in vocabulary actor_kind")
    assert "field kind: value 'agnecy': not in vocabulary actor_kind" in str(err)  # the old text's words, and more:
    assert err.line == line_of(actors, "kind: agnecy") and err.hint == "did you mean 'agency'?" and err.record_id
    assert result.n_valid == 0 and result.n_rejected == 1


def test_a_duplicate_key_in_seed_metadata_is_refused_not_silently_kept(good_dataset, capsys):
    """A second published_date used to re-anchor every record of the article without a word."""
    meta = good_dataset.parent / "seeds" / "003_777336e2b4043abc.meta.yaml"
    meta.write_text(meta.read_text(encoding="utf-8") + "published_date: 2025-10-23\n", encoding="utf-8")
    result = load_dataset(good_dataset)
    err = next(e for e in result.errors if e.file.endswith(".meta.yaml"))
    assert err.reason == "duplicate key 'published_date'" and err.hint == "each key once per mapping"
    assert err.line == len(meta.read_text(encoding="utf-8").splitlines())  # the second one
    assert any(e.field == "seed" and "has invalid metadata" in e.reason for e in result.errors)
    assert result.n_valid == 0 and result.n_rejected == 1
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "duplicate key 'published_date'" in out


def test_a_duplicate_key_in_the_actors_file_is_refused(good_dataset):
    actors = good_dataset / "actors.yaml"
    text = actors.read_text(encoding="utf-8").replace("    kind: agency\n", "    kind: agency\n    kind: office\n", 1)
    actors.write_text(text, encoding="utf-8")
    result = load_dataset(good_dataset)
    err = next(e for e in result.errors if e.file.endswith("actors.yaml"))
    assert (err.reason, err.line) == ("duplicate key 'kind'", line_of(actors, "kind: office"))
    assert any(e.field == "seed" and "actors cannot be read" in e.reason for e in result.errors)
    assert result.n_rejected == 1


@pytest.mark.parametrize("change, actor, field, value, reason, hint, needle", [
    (lambda t: t.replace("    role: White House", "    rol: White House", 1), "us_kirby", "rol",
     "White House National Security Communications Adviser", "unknown field", "did you mean 'role'?", "rol:"),
    (lambda t: t.replace("member_of: us_white_house", "member_of: us_whitehouse", 1), "us_kirby", "member_of",
     "us_whitehouse", "member_of 'us_whitehouse' is not an actor id", "institution", "us_whitehouse"),
    (lambda t: t.replace("aliases: [John Kirby, Kirby, Sprecher Kirby]", "aliases: [John Kirby, Kirby, Austin]", 1),
     "us_austin", "aliases[1]", "Austin", "alias 'Austin' names both 'us_kirby' and 'us_austin'", "one actor",
     "aliases: [Lloyd Austin, Austin"),
])
def test_an_actor_error_names_its_line_actor_and_field(good_dataset, change, actor, field, value, reason, hint,
                                                        needle):
    actors = good_dataset / "actors.yaml"
    actors.write_text(change(actors.read_text(encoding="utf-8")), encoding="utf-8")
    result = load_dataset(good_dataset)
    err = next(e for e in result.errors if e.file.endswith("actors.yaml"))
    assert (err.record_id, err.field, err.value, err.reason) == (actor, field, value, reason)
    assert hint in err.hint and err.line == line_of(actors, needle)
    assert result.n_valid == 0 and result.n_rejected == 1


def test_a_missing_seeds_folder(good_dataset, tmp_path, capsys):
    missing = tmp_path / "no_such_seeds"
    result = load_dataset(good_dataset, seeds_dir=missing)
    assert any(e.reason == "seeds folder not found" for e in result.errors)
    assert result.n_rejected == 1
    rc, out = cli(capsys, good_dataset, "--seeds", missing)
    assert rc == 2 and "no such seeds folder" in out


def test_a_missing_path_is_a_usage_error(tmp_path, capsys):
    rc, out = cli(capsys, tmp_path / "nothing.yaml")
    assert rc == 2 and "no such file or folder" in out


def test_an_unknown_option_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["validate", "--sedes", "x"])
    assert exc.value.code == 2
    assert "unrecognized arguments" in capsys.readouterr().err


# --------------------------------------------------------------------------- all errors at once, nothing lost


FIVE = {
    "r003-91": ("claimant", "Lloyd Austn"),
    "r003-92": ("locaton", "Rom"),
    "r003-93": ("stated", {"expr": "während einer Pressekonferenz"}),
    "r003-94": ("quote", QUOTE.replace("Beweise", "Beweis")),
    "r003-95": ("count", {"expr": "Beweise", "unit": "soldiers"}),
}


def five_errors(data: Path) -> Path:
    """A records file with a valid record and five records, each with a different error."""
    good = record(data)
    recs = [good]
    for rid, (key, value) in FIVE.items():
        rec = copy.deepcopy(good)
        rec["id"] = rid
        if key == "locaton":
            del rec["location"]
        rec[key] = value
        if key == "count":
            rec["claim_type"] = "troop_count"
        recs.append(rec)
    return write(data, recs)


def test_every_error_of_every_file_at_once(good_dataset, capsys):
    five_errors(good_dataset)
    other = good_dataset / "records" / "other.yaml"
    other.write_text("seed: nope.txt\nrecords:\n  - id: x1\n  - id: x2\n", encoding="utf-8")
    result = load_dataset(good_dataset)
    assert {e.record_id for e in result.errors if e.file.endswith("test.yaml")} == set(FIVE)
    assert any(e.file.endswith("other.yaml") for e in result.errors)
    assert result.n_read == 8 and result.n_valid == 1 and result.n_rejected == 7
    rc, out = cli(capsys, good_dataset)
    assert rc == 1
    lines = out.strip().splitlines()
    assert lines[-1] == "1 record(s) valid, 7 rejected, 6 error(s), 2 file(s) read."
    for rid in FIVE:
        assert any(f"record {rid}:" in line for line in lines)


def test_the_five_error_file_on_the_command_line(good_dataset):
    """Through the installed console script in a fresh process: no traceback, exit 1, a line per error."""
    path = five_errors(good_dataset)
    script = Path(sys.executable).with_name("timeline")
    proc = subprocess.run([str(script), "validate", str(path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1, proc.stderr
    assert "Traceback" not in proc.stdout + proc.stderr
    out = proc.stdout.splitlines()
    assert out[-1] == "1 record(s) valid, 5 rejected, 5 error(s), 1 file(s) read."
    assert len([l for l in out if "test.yaml:" in l]) == 5


def _ids_in(path: Path) -> list[str]:
    """Record ids of a file read independently of timeline (plain yaml.safe_load)."""
    return [r.get("id") for r in yaml.safe_load(path.read_text(encoding="utf-8"))["records"]]


def test_every_record_ends_up_in_the_frame_or_the_error_list(good_dataset):
    five_errors(good_dataset)
    rec = record(good_dataset)
    rec["id"] = "r003-99"
    (good_dataset / "records" / "unknown_seed.yaml").write_text(dump([rec], seed="nope.txt"), encoding="utf-8")
    broken = good_dataset / "records" / "broken.yaml"
    broken.write_text(dump([dict(rec, id="r003-98"), dict(rec, id="r003-97")]).replace("stance:", "stance: [", 1),
                      encoding="utf-8")
    ids_in = []
    for f in sorted((good_dataset / "records").glob("*.yaml")):
        if f != broken:
            ids_in += _ids_in(f)
    n_in = len(ids_in) + 2  # the broken file holds two records (its text shows two '- id:')
    result = load_dataset(good_dataset)
    assert result.n_read == n_in
    assert result.n_valid + result.n_rejected == n_in
    assert result.n_rejected == len(result.rejected_ids)
    assert sorted(result.frame["record_id"].tolist() + [r for r in result.rejected_ids if r.startswith("r")
                                                        ]) == sorted(ids_in)
    assert any(r.startswith("data/") or "broken.yaml#" in r for r in result.rejected_ids)


def test_the_real_dataset_loses_no_record():
    from timeline import paths

    ids_in = [i for f in sorted(paths.RECORDS_DIR.glob("*.yaml")) for i in _ids_in(f)]
    result = load_dataset()
    assert result.n_read == len(ids_in)
    assert result.n_valid + result.n_rejected == len(ids_in)


def test_lenient_and_strict_modes(good_dataset):
    five_errors(good_dataset)
    frame, errors = load_events_with_errors(good_dataset)
    assert frame["record_id"].tolist() == ["r003-90"]
    assert {e.record_id for e in errors} == set(FIVE)
    with pytest.raises(RecordsInvalid) as exc:
        load_events(good_dataset)
    assert exc.value.errors == errors
    text = str(exc.value)
    assert text.startswith("5 validation error(s):")
    for rid in FIVE:
        assert f"record {rid}" in text


def test_strict_mode_returns_the_frame_when_clean(good_dataset):
    frame = load_events(good_dataset)
    assert frame["record_id"].tolist() == ["r003-90"]
    assert str(frame.loc[0, "stated_start"].date()) == "2024-10-23"


def test_the_example_in_the_curating_guide_is_current(good_dataset, capsys):
    """docs/curating.md shows the validator's output for the five-error file: it must be what the validator says."""
    from timeline import paths

    path = five_errors(good_dataset)
    path = path.rename(path.with_name(SEED.replace(".txt", ".yaml")))
    rc, out = cli(capsys, path)
    assert rc == 1
    out = out.replace(str(good_dataset.parent.resolve()) + "/", "")
    guide = (paths.PROJECT_ROOT / "docs" / "curating.md").read_text(encoding="utf-8")
    block = re.search(r"with five\ndifferent errors:\n\n```\n(.*?)```", guide, re.S)
    assert block, "the example block of docs/curating.md"
    assert block.group(1) == out


@pytest.mark.parametrize("change, what", [
    (lambda q: q.replace("Beweise dafür", "Beweise\u00a0dafür"), "spacing or Unicode form"),
    (lambda q: q.replace("für", "fu\u0308r"), "spacing or Unicode form"),  # a decomposed ü
    (lambda q: q.replace("„", '"').replace("“", '"'), "quotation marks"),
])
def test_a_quote_that_differs_only_invisibly_says_so(good_dataset, change, what):
    rec = record(good_dataset)
    rec["quote"] = change(rec["quote"])
    write(good_dataset, [rec])
    only_error(load_dataset(good_dataset), field="quote", reason=re.compile("quote not found verbatim"),
               hint=re.compile(rf"^the quote differs from the seed only in {re.escape(what)}.*: copy it from the "
                               rf"seed as it stands$"))


def test_the_records_folder_itself_can_be_validated(good_dataset, capsys):
    rc, out = cli(capsys, good_dataset / "records")
    assert rc == 0 and out.strip() == "1 record(s) valid, 0 rejected, 0 error(s), 1 file(s) read."


def test_a_count_scope_outside_its_vocabulary_is_rejected_with_the_terms(good_dataset, capsys):
    """What a figure counts beyond its unit (count.scope) is a term of the vocabulary count_scope: any other value
    is an error naming the field, the value and the terms, never dropped or shown as written."""
    rec = count_record(good_dataset, "Truppen", corrected="10.000")
    rec["count"]["scope"] = "at_the_front"
    write(good_dataset, [rec])
    only_error(load_dataset(good_dataset), field="count.scope", value="at_the_front",
               reason="not in vocabulary count_scope", hint=re.compile("near_border.*present.*sent|sent"))
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "not in vocabulary count_scope" in out
