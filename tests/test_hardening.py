"""Issue 13: bad input never crashes, hangs or loses data.

Each test reproduces one class of bad input or fault on a copy of the dataset (fixture ``good_dataset`` of
``test_validate_errors``: one valid record, r003-90, in ``records/test.yaml``) and checks that it now gets a
clean, located error (file, line, record, field, value, reason) or the right result, through the loader and the
command line, while the other errors of the run are still reported.
"""

from __future__ import annotations

import contextlib
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import examples
from timeline import load_dataset
from timeline.errors import ValidationError, short_repr

from test_validate_errors import (QUOTE, SEED, cli, dump, good_dataset, line_of, only_error, record,  # noqa: F401
                                  records_file, write)


def accounted(result) -> bool:
    """Every record read is valid, a draft or rejected; nothing is lost."""
    return result.n_read == result.n_valid + result.n_drafts + result.n_rejected == \
        result.n_valid + result.n_drafts + len(result.rejected_ids)


# --------------------------------------------------------------------------- data loss


@pytest.mark.parametrize("name", ["extra.yml", "extra.YAML", "sub/extra.yaml", "sub/deeper/extra.yml"])
def test_a_records_file_under_another_name_or_in_a_subfolder_is_refused_not_ignored(good_dataset, capsys, name):
    rec = dict(record(good_dataset), id="r003-91")
    path = good_dataset / "records" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(dump([rec, dict(rec, id="r003-92")]), encoding="utf-8")
    result = load_dataset(good_dataset)
    err = only_error(result, file=re.compile(re.escape(name) + "$"), line=None,
                     reason=re.compile(r"not read as a records file.*its 2 record\(s\) rejected"),
                     hint=re.compile(r"records/extra\.yaml"))
    assert result.n_valid == 1 and result.n_rejected == 2 and accounted(result)
    assert err.hint.endswith("records/extra.yaml")
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "1 record(s) valid, 2 rejected" in out
    rc, out = cli(capsys, good_dataset / "records")  # the records folder given itself
    assert rc == 1 and "1 record(s) valid, 2 rejected" in out


def test_a_lone_surrogate_is_a_located_error_and_build_never_sees_it(good_dataset, capsys, tmp_path):
    path = records_file(good_dataset)
    text = path.read_text(encoding="utf-8").replace("location: Rom", 'location: "R\\ud800om"')
    path.write_text(text, encoding="utf-8")
    result = load_dataset(good_dataset)
    only_error(result, line=line_of(path, "location:"), reason=re.compile(r"lone surrogate '\\ud800'.*1 record"),
               hint=re.compile("the character itself"))
    assert result.n_rejected == 1 and accounted(result)
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "lone surrogate" in out


@pytest.mark.parametrize("text, n", [
    # flow style, a duplicate key: the YAML is well formed, its records list is counted from its nodes
    ("seed: {seed}\nrecords: [{{id: a, stance: x}}, {{id: b, id: c}}, {{claim_type: x}}]\n", 3),
    # another key order, no '- id:' line, a syntax error in the second record
    ("seed: {seed}\nrecords:\n- claim_type: x\n  id: a\n- stance: [x\n  id: b\n- {{id: c}}\n", 3),
    # a tag the safe loader refuses
    ("seed: {seed}\nrecords:\n  - !!python/object:os.system {{id: a}}\n  - claim_type: x\n", 2),
])
def test_a_file_that_cannot_be_read_accounts_for_its_records(good_dataset, capsys, text, n):
    path = records_file(good_dataset)
    path.write_text(text.format(seed=SEED), encoding="utf-8")
    result = load_dataset(good_dataset)
    only_error(result, reason=re.compile(rf"its {n} record\(s\) rejected"))
    assert result.n_read == n and result.n_rejected == n and accounted(result)


def test_a_broken_flow_style_file_says_its_records_could_not_be_counted(good_dataset, capsys):
    path = records_file(good_dataset)
    path.write_text(f"seed: {SEED}\nrecords: [{{id: a}}, {{id: [}}]\n", encoding="utf-8")
    result = load_dataset(good_dataset)
    only_error(result, reason=re.compile("how many records it holds cannot be told"))
    assert result.uncounted_files == [result.errors[0].file]
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "the records of 1 unreadable file(s) not counted" in out


def test_an_event_anchored_on_an_omitted_statement_date_is_an_error(good_dataset):
    rec = record(good_dataset)
    del rec["stated"]
    rec["event"] = {"expr": "am Mittwoch", "anchor": "stated"}
    path = write(good_dataset, [rec])
    err = only_error(load_dataset(good_dataset), record_id="r003-90", field="event.anchor", value="stated",
                     reason="'stated' needs a readable stated date")
    assert err.line == line_of(path, "anchor:")


# --------------------------------------------------------------------------- crashes on odd values


def _metadata(data: Path) -> Path:
    return data.parent / "seeds" / SEED.replace(".txt", ".meta.yaml")


def test_a_leap_day_as_publication_date_is_read(good_dataset):
    meta = _metadata(good_dataset)
    text = meta.read_text(encoding="utf-8")
    text = re.sub(r"published_date: .*", "published_date: 2024-02-29", text)
    text = re.sub(r"published_earliest: .*", "published_earliest: 2024-02-29", text)
    text = re.sub(r"published_latest: .*", "published_latest: 2024-03-01", text)
    meta.write_text(text, encoding="utf-8")
    result = load_dataset(good_dataset)
    assert result.errors == [] and result.n_valid == 1
    assert str(result.frame["stated_start"].iloc[0].date()) == "2024-02-28"  # the Wednesday before


@pytest.mark.parametrize("anchor, reason", [
    ("2025-02-30", "not a calendar day"), ("0000-01-01", "not a calendar day"),
    ("0001-01-01", "lies outside the calendar"), ("9999-12-31", "lies outside the calendar")])
def test_an_impossible_or_extreme_anchor_is_a_located_error_and_the_others_still_show(good_dataset, capsys,
                                                                                      anchor, reason):
    rec = record(good_dataset)
    other = dict(rec, id="r003-91", stance="nods")
    path = write(good_dataset, [rec, other])
    text = path.read_text(encoding="utf-8").replace(
        "  location: Rom\n", f"  location: Rom\n  event:\n    expr: am Mittwoch\n    anchor: {anchor}\n", 1)
    assert anchor in text
    path.write_text(text, encoding="utf-8")  # unquoted: YAML reads a day, or cannot
    result = load_dataset(good_dataset)
    by_record = {e.record_id: e for e in result.errors}
    assert set(by_record) == {"r003-90", "r003-91"}, [str(e) for e in result.errors]
    assert re.search(reason, by_record["r003-90"].reason)
    assert by_record["r003-90"].field.startswith("event.") and by_record["r003-90"].line
    assert by_record["r003-91"].field == "stance"
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "0 record(s) valid, 2 rejected" in out


def test_an_impossible_unquoted_publication_date_is_a_located_error(good_dataset):
    meta = _metadata(good_dataset)
    meta.write_text(re.sub(r"published_date: .*", "published_date: 2025-02-30", meta.read_text(encoding="utf-8")),
                    encoding="utf-8")
    result = load_dataset(good_dataset)
    err = next(e for e in result.errors if e.field == "published_date")
    assert err.value == "2025-02-30" and err.reason == "must be a date" and err.line == line_of(meta, "published_date")
    assert result.n_rejected == 1 and accounted(result)


@pytest.mark.parametrize("digits", [20, 4301, 10000])
def test_a_huge_integer_is_a_located_error(good_dataset, capsys, digits):
    path = records_file(good_dataset)
    text = re.sub(r"quote_start: \d+", "quote_start: " + "1" * digits, path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    result = load_dataset(good_dataset)
    err = only_error(result, record_id="r003-90", field="quote_start", line=line_of(path, "quote_start"))
    assert len(str(err)) < 400
    rc, out = cli(capsys, good_dataset)
    assert rc == 1 and "quote_start" in out


def test_a_count_beyond_the_frame_is_a_located_error(good_dataset):
    rec = record(good_dataset)
    rec.update(claim_type="troop_count", count={"expr": "1", "corrected": "9223372036854775808 Soldaten",
                                                "unit": "soldiers"},
               flags=[{"type": "corrected_count", "field": "count", "note": "n", "evidence": "e"}])
    write(good_dataset, [rec])
    result = load_dataset(good_dataset)
    errors = [e for e in result.errors if e.field == "count.corrected"]
    assert len(errors) == 1 and errors[0].record_id == "r003-90" and errors[0].line
    assert result.n_rejected == 1 and accounted(result)


def test_nesting_too_deep_is_one_located_error(good_dataset):
    path = records_file(good_dataset)
    path.write_text(f"seed: {SEED}\nrecords:\n  - id: x\n    notes: " + "[" * 1000 + "]" * 1000 + "\n",
                    encoding="utf-8")
    err = only_error(load_dataset(good_dataset), line=4, reason=re.compile("nested more than 50 levels"))
    assert "cannot be told" in err.reason


def test_an_alias_bomb_is_refused_fast(good_dataset):
    import time
    lines = [f"seed: {SEED}", "a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
    path = records_file(good_dataset)
    path.write_text("\n".join(lines + ["records: *a9"]) + "\n", encoding="utf-8")
    assert path.stat().st_size < 1024
    t0 = time.perf_counter()
    result = load_dataset(good_dataset)
    assert time.perf_counter() - t0 < 10
    only_error(result, reason=re.compile("aliases bring in more than 10,000 nodes"))


def test_an_error_message_shows_a_bounded_value():
    bomb: object = ["x"]
    for _ in range(40):
        bomb = [bomb] * 9
    for value in (bomb, "x" * 10 ** 6, 7 ** 10 ** 5, {"k" * 100: list(range(10 ** 5))}):
        text = str(ValidationError("f.yaml", 1, "r1", "notes", value, "wrong"))
        assert len(text) < 200
    assert short_repr(10 ** 5000) == "<an integer of 5001 digits>"
    assert short_repr("Rom") == "'Rom'"


# --------------------------------------------------------------------------- scaling


def _words_quote(n_chars: int) -> str:
    """A quote of about ``n_chars`` made of the seed's own words in another order: in the seed nowhere."""
    import random

    words = (Path(__file__).parents[1] / "seeds" / SEED).read_text(encoding="utf-8").split()
    rng, out, size = random.Random(13), [], 0
    while size < n_chars:
        out.append(rng.choice(words))
        size += len(out[-1]) + 1
    return " ".join(out)


def test_a_huge_quote_not_in_its_seed_gets_a_closest_passage_with_bounded_work(good_dataset):
    from timeline.records import HINT_CANDIDATES, HINT_QUOTE_CHARS, _closest_passage

    seed_text = (good_dataset.parent / "seeds" / SEED).read_text(encoding="utf-8")
    rec = record(good_dataset)
    rec["quote"] = _words_quote(200_000) + " " + QUOTE  # what the seed holds comes last, past the compared part
    write(good_dataset, [rec])
    result = load_dataset(good_dataset)
    error = only_error(result, field="quote", reason=f"quote not found verbatim in seed {SEED}")
    passage = re.fullmatch(r"closest passage: '(.+)'", error.hint).group(1).removesuffix("...")
    assert len(passage) > 40 and passage in " ".join(seed_text.split())
    # the work: linear in the seed, bounded in the quote (its start is compared, with a few stretches)
    works = {}
    for copies, quote_chars in ((1, 2_000), (1, 200_000), (10, 200_000), (20, 200_000)):
        works[copies, quote_chars] = work = {}
        _closest_passage((seed_text + "\n") * copies, _words_quote(quote_chars), work)
        assert work["compared"] <= HINT_CANDIDATES * (HINT_QUOTE_CHARS + 200)
    assert works[1, 200_000]["words"] == works[1, 2_000]["words"] == len(seed_text.split())
    assert works[20, 200_000]["words"] == 2 * works[10, 200_000]["words"] == 20 * works[1, 200_000]["words"]
    assert works[20, 200_000]["votes"] <= 2 * works[10, 200_000]["votes"]


def test_reading_a_large_records_file_never_holds_its_whole_parse_tree():
    """Memory, not time: the reader builds one record at a time, so its peak stays near what it returns (the
    whole-document loader peaks at about three times that, the parse tree of every record at once)."""
    import tracemalloc

    import yaml

    from timeline.reading import _LineLoader, load_yaml

    seed_text = (Path(__file__).parents[1] / "seeds" / SEED).read_text(encoding="utf-8")
    from test_validate_errors import good_record

    text = dump([good_record(seed_text, f"r003-{i:04d}") for i in range(200)])
    peaks = {}
    for name, load in (("streaming", load_yaml), ("whole", lambda t: yaml.load(t, Loader=_LineLoader))):
        tracemalloc.start()
        doc = load(text)
        kept, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert len(doc["records"]) == 200 and doc["records"].item_lines[1] > doc["records"].item_lines[0]
        peaks[name] = peak / kept
        del doc
    assert peaks["streaming"] < 2 < peaks["whole"], peaks


def test_the_closest_passage_is_found_where_the_quote_differs_by_a_word():
    from timeline.records import _closest_passage

    text = (Path(__file__).parents[1] / "seeds" / SEED).read_text(encoding="utf-8")
    quote = QUOTE.replace("Beweise", "Beweis")
    assert _closest_passage(text * 50, quote) == QUOTE
    assert _closest_passage(text, "Völlig andere Wörter") == ""  # shares no word with the seed: no passage


# --------------------------------------------------------------------------- fuzzing the readers



@st.composite
def hostile_documents(draw) -> bytes:
    """Deep, aliased, huge or oddly encoded YAML documents."""
    kind = draw(st.sampled_from(["deep", "aliases", "huge", "encoding", "mixed"]))
    if kind == "deep":
        n = draw(st.integers(1, 3000))
        open_, close = draw(st.sampled_from([("[", "]"), ("{a: ", "}"), ("- ", "")]))
        text = ("x: " + open_ * n + "1" + close * n) if open_ != "- " else \
            "".join("  " * i + "- \n" for i in range(min(n, 400)))
    elif kind == "aliases":
        levels, fan = draw(st.integers(1, 12)), draw(st.integers(1, 12))
        lines = ["a0: &a0 [" + ", ".join(["lol"] * fan) + "]"]
        lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * fan) + "]" for i in range(1, levels)]
        text = "\n".join(lines + [f"records: *a{levels - 1}", f"seed: *a{levels - 1}"])
    elif kind == "huge":
        size = draw(st.integers(1, 1_000_000))
        text = draw(st.sampled_from(["records:\n  - quote: {}\n", "{}: 1\n", "records: [{}]\n"])).format(
            "x" * size)
    elif kind == "encoding":
        text = draw(st.text(max_size=200))
        enc = draw(st.sampled_from(["utf-16", "utf-32", "latin-1", "utf-8-sig", "cp1252"]))
        return text.encode(enc, errors="replace")
    else:
        text = draw(st.text(alphabet=st.sampled_from(list("[]{}&*-:,\"'!?|>#%@`\n \t\\ua0") + ["\ud800", "\x00",
                                                                                           "\x1b", "\ufeff"]),
                            max_size=300))
    return text.encode("utf-8", errors="surrogatepass")


_HOSTILE = settings(deadline=None, derandomize=True, database=None, suppress_health_check=list(HealthCheck))


@settings(_HOSTILE, max_examples=examples(40))
@given(raw=hostile_documents())
def test_the_yaml_reader_survives_hostile_documents_in_bounded_time_and_memory(tmp_path_factory, raw):
    _read_hostile(tmp_path_factory, raw)


@pytest.mark.heavy
@pytest.mark.slow
@settings(_HOSTILE, max_examples=examples(300))
@given(raw=hostile_documents())
def test_the_yaml_reader_survives_many_hostile_documents(tmp_path_factory, raw):
    _read_hostile(tmp_path_factory, raw)


def _read_hostile(tmp_path_factory, raw: bytes) -> None:
    import time
    import tracemalloc

    from timeline.reading import read_yaml
    path = tmp_path_factory.mktemp("fuzz") / "doc.yaml"
    path.write_bytes(raw)
    errors: list = []
    tracemalloc.start()
    t0 = time.perf_counter()
    try:
        readable, _ = read_yaml(path, errors)
        text = "\n".join(str(e) for e in errors)
    finally:
        seconds = time.perf_counter() - t0
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert readable or len(errors) == 1
    assert len(text) < 2000
    assert seconds < 10, seconds
    assert peak < 300 * 2 ** 20, peak  # a 2 MB document may cost a few copies of itself, never gigabytes


# --------------------------------------------------------------------------- atomic outputs


def _disk_full_after(monkeypatch, n_bytes: int = 100):
    """Make every write of timeline.atomic fail with ENOSPC after writing ``n_bytes`` of its data."""
    import errno

    from timeline import atomic

    def full(fh, data):
        fh.write(data[:n_bytes])
        raise OSError(errno.ENOSPC, "No space left on device")
    monkeypatch.setattr(atomic, "_write_all", full)


def test_a_full_disk_leaves_the_previous_events_csv_and_no_temporary_file(tmp_path, monkeypatch):
    from timeline import load_events
    from timeline.frame import write_events_csv

    out = tmp_path / "events.csv"
    out.write_text("the previous content\n", encoding="utf-8")
    _disk_full_after(monkeypatch)
    with pytest.raises(OSError):
        write_events_csv(load_events(), out)
    assert out.read_text(encoding="utf-8") == "the previous content\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.csv"]


def test_a_full_disk_leaves_no_truncated_plotly_js(tmp_path, monkeypatch):
    import plotly.graph_objects as go

    from timeline.export.formats import write_html

    fig = go.Figure(go.Scatter(x=[1, 2], y=[3, 4]))
    (tmp_path / "plotly.min.js").write_text("// an older copy\n", encoding="utf-8")
    _disk_full_after(monkeypatch, 1000)
    with pytest.raises(OSError):
        write_html(fig, "example", tmp_path)
    assert (tmp_path / "plotly.min.js").read_text(encoding="utf-8") == "// an older copy\n"
    assert not (tmp_path / "example.html").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["plotly.min.js"]


@contextlib.contextmanager
def _mounted(folder: Path, *args: str):
    """``mount ARGS FOLDER`` for the block (a real file system: a small tmpfs, a read-only bind mount), then
    unmounted; the test is skipped, with the reason, where this process may not mount (not root, no mount)."""
    import os
    import shutil
    import subprocess

    if os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a file system needs root and mount(8); the monkeypatched test of this class runs")
    folder.mkdir(parents=True, exist_ok=True)
    proc = subprocess.run(["mount", *args, str(folder)], capture_output=True, text=True)
    if proc.returncode:
        pytest.skip(f"cannot mount here ({proc.stderr.strip()}); the monkeypatched test of this class runs")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@contextlib.contextmanager
def _full_disk(folder: Path, size: str = "1m"):
    """A tmpfs of ``size`` at ``folder``, filled up to its last block when the block starts."""
    with _mounted(folder, "-t", "tmpfs", "-o", f"size={size}", "tmpfs"):
        def fill():
            try:
                with open(folder / ".filler", "ab", buffering=0) as fh:
                    while True:
                        fh.write(b"\0" * 4096)
            except OSError:
                pass
        yield folder, fill


def _cannot_write(err: str, command: str, what: str) -> bool:
    return "Traceback" not in err and re.search(rf"timeline {command}: cannot write .*{what}", err) is not None


@pytest.mark.heavy
def test_build_and_export_on_a_really_full_disk_keep_the_previous_output(tmp_path, capsys):
    import errno

    from timeline import load_tables
    from timeline.charts import CHARTS
    from timeline.cli import EXIT_WRITE, main
    from timeline.export import export_charts

    with _full_disk(tmp_path / "disk", "2m") as (disk, fill):
        (disk / "events.csv").write_text("the previous content\n", encoding="utf-8")
        old = {"index.html": "the previous index", "plotly.min.js": "// an older copy\n"}
        (disk / "reports").mkdir()
        for name, text in old.items():
            (disk / "reports" / name).write_text(text, encoding="utf-8")
        fill()
        assert main(["build", "--out", str(disk / "events.csv")]) == EXIT_WRITE
        assert _cannot_write(capsys.readouterr().err, "build", "events.csv: No space left on device")
        (disk / ".filler").unlink()  # room for a chart's page, not for plotly.min.js (4.8 MB)
        events, flags = load_tables()
        with pytest.raises(OSError) as exc:  # the command says it as build did (one handler for every command)
            export_charts(events, disk / "reports", "html", flags=flags, charts={"deployments": CHARTS[
                "deployments"]}, echo=None)
        assert exc.value.errno == errno.ENOSPC and exc.value.filename == str(disk / "reports" / "plotly.min.js")
        assert (disk / "events.csv").read_text(encoding="utf-8") == "the previous content\n"
        assert {p.name: p.read_text(encoding="utf-8") for p in (disk / "reports").iterdir()} == old
        assert sorted(p.name for p in disk.iterdir()) == ["events.csv", "reports"]  # no temporary file or copy


def _article(dataset: Path) -> Path:
    src = dataset.parent / "incoming" / "a.txt"
    src.parent.mkdir()
    src.write_text(ARTICLE.format(n=5) * 200, encoding="utf-8")
    return src


def _folder_state(*folders: Path) -> dict:
    from timeline.curate import LOCK_NAME

    return {p: p.read_bytes() for f in folders for p in sorted(f.rglob("*")) if p.is_file() and p.name != LOCK_NAME}


def test_add_article_with_a_read_only_seeds_folder_is_a_clean_error(dataset_copy, capsys):
    from timeline.cli import EXIT_WRITE, main

    seeds, src = dataset_copy.parent / "seeds", _article(dataset_copy)
    before = _folder_state(seeds, dataset_copy)
    with _mounted(seeds, "--bind", str(seeds)):
        with _mounted(seeds, "-o", "remount,bind,ro"):
            rc = main(["add-article", str(src), "--data", str(dataset_copy), "--no-drafts"])
            err = capsys.readouterr().err
            assert rc == EXIT_WRITE and _cannot_write(err, "add-article", "seeds/.* Read-only file system"), err
    assert _folder_state(seeds, dataset_copy) == before


def test_add_article_on_a_really_full_disk_writes_nothing(dataset_copy, capsys):
    import shutil

    from timeline.cli import EXIT_WRITE, main

    seeds, src = dataset_copy.parent / "seeds", _article(dataset_copy)
    shutil.move(seeds, dataset_copy.parent / "seeds-copy")
    with _full_disk(seeds) as (_, fill):
        for f in (dataset_copy.parent / "seeds-copy").iterdir():
            shutil.copy2(f, seeds / f.name)
        (seeds / ".add-article.lock").touch()
        fill()
        (seeds / ".filler").unlink()
        (seeds / ".filler").write_bytes(b"\0" * (1024 ** 2 - sum(f.stat().st_size for f in seeds.iterdir())
                                                 - 40 * 4096))
        fill()
        before = _folder_state(dataset_copy) | {p.name: p.read_bytes() for p in seeds.iterdir()}
        rc = main(["add-article", str(src), "--data", str(dataset_copy), "--no-drafts"])
        err = capsys.readouterr().err
        assert rc == EXIT_WRITE and _cannot_write(err, "add-article", "seeds/.*No space left on device"), err
        assert _folder_state(dataset_copy) | {p.name: p.read_bytes() for p in seeds.iterdir()} == before


def test_add_article_that_fails_half_way_removes_what_it_wrote(dataset_copy, monkeypatch, capsys):
    """The fallback that always runs: the metadata stub's write fails (ENOSPC, then EROFS) after the seed was
    copied; the copied seed is removed again."""
    import errno
    import os

    from timeline import curate
    from timeline.cli import EXIT_WRITE, main

    seeds, src = dataset_copy.parent / "seeds", _article(dataset_copy)
    before = _folder_state(seeds, dataset_copy)
    real = curate.write_atomic
    for code in (errno.ENOSPC, errno.EROFS):
        def fail_on_metadata(path, data, code=code, **kwargs):
            if path.name.endswith(".meta.yaml"):
                raise OSError(code, os.strerror(code), str(path))
            real(path, data, **kwargs)
        monkeypatch.setattr(curate, "write_atomic", fail_on_metadata)
        rc = main(["add-article", str(src), "--data", str(dataset_copy), "--no-drafts"])
        assert rc == EXIT_WRITE and "Traceback" not in capsys.readouterr().err
        assert _folder_state(seeds, dataset_copy) == before


def test_the_readme_is_replaced_whole(tmp_path, monkeypatch):
    from timeline import docs

    readme = tmp_path / "README.md"
    stale = docs.README_FILE.read_text(encoding="utf-8").replace("- records: ", "- records: STALE ", 1)
    readme.write_text(stale, encoding="utf-8")
    monkeypatch.setattr(docs, "README_FILE", readme)
    _disk_full_after(monkeypatch)
    with pytest.raises(OSError):
        docs.update_readme()
    assert readme.read_text(encoding="utf-8") == stale
    assert [p.name for p in tmp_path.iterdir()] == ["README.md"]


def test_an_interrupted_export_leaves_the_previous_export_intact(tmp_path, monkeypatch):
    from timeline import export, load_tables
    from timeline.charts import CHARTS

    events, flags = load_tables()
    out = tmp_path / "reports"
    charts = {k: CHARTS[k] for k in ("casualties", "source_flow")}  # two cheap charts: all eight, tests/test_export.py
    export.export_charts(events, out, "html", flags=flags, charts=charts, echo=None)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    assert "index.html" in before and "casualties.html" in before and len(before) >= 3

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(export, "write_index", interrupted)  # after every chart page is written
    with pytest.raises(KeyboardInterrupt):  # other data: other bytes
        export.export_charts(events.iloc[:-1], out, "html", flags=flags, charts=charts, echo=None)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no staging folder left either


#: A process that swaps a folder in (timeline.atomic loaded from its file: no pandas, a fast start) and is
#: SIGKILLed at the point named by argv[2]: "before" the swap, "after" it (before the old copy is removed),
#: "between" the two renames of the fallback for systems without an atomic exchange.
_KILLED_SWAP = """
import importlib.util, os, signal, sys
spec = importlib.util.spec_from_file_location("atomic", sys.argv[3])
atomic = importlib.util.module_from_spec(spec)
spec.loader.exec_module(atomic)
folder, where = sys.argv[1], sys.argv[2]
real_exchange, real_rename = atomic._exchange, os.rename
def kill():
    os.kill(os.getpid(), signal.SIGKILL)
def exchange(a, b):
    if where == "before":
        kill()
    if where == "between":
        return False
    done = real_exchange(a, b)
    if where == "after":
        kill()
    return done
renames = []
def rename(a, b):
    real_rename(a, b)
    renames.append(b)
    if where == "between" and len(renames) == 1:
        kill()
atomic._exchange, atomic.os.rename = exchange, rename
with atomic.staged_folder(folder) as stage:
    for name in ("index.html", "deployments.html", "plotly.min.js"):
        atomic.write_atomic(os.path.join(stage, name), "dataset B " + name)
    os.unlink(os.path.join(stage, "old-only.html"))
"""


def _dataset(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text(encoding="utf-8") for p in folder.iterdir()}


def test_a_folder_that_is_a_mount_point_is_replaced_file_by_file(tmp_path):
    from timeline import atomic

    with _mounted(tmp_path / "reports", "-t", "tmpfs", "-o", "size=1m", "tmpfs") as folder:
        (folder / "old-only.html").write_text("old", encoding="utf-8")
        (folder / "index.html").write_text("old", encoding="utf-8")
        with atomic.staged_folder(folder) as stage:
            assert stage.parent == folder  # same file system: the files are renamed, not copied
            atomic.write_atomic(stage / "index.html", "new")
            (stage / "old-only.html").unlink()
        assert _dataset(folder) == {"index.html": "new"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


def test_the_export_and_the_incremental_export_swap_their_folder_in_one_step(tmp_path, monkeypatch):
    from timeline import atomic, export, load_tables
    from timeline.charts import CHARTS
    from timeline.export_incremental import export_changed_charts

    events, flags = load_tables()
    out = tmp_path / "reports"
    charts = {k: CHARTS[k] for k in ("source_flow",)}  # the cheapest chart to build (the first costs 0.5 s a build)
    export.export_charts(events, out, "html", flags=flags, charts=charts, echo=None)
    before = _dataset(out)
    swaps = []
    real = atomic._exchange

    def exchange(a, b):
        assert _dataset(Path(b)) == before  # up to the one step, the folder is the previous export, whole
        swaps.append(b)
        return real(a, b)
    monkeypatch.setattr(atomic, "_exchange", exchange)
    export.export_charts(events.iloc[:-1], out, "html", flags=flags, charts=charts, echo=None)
    assert len(swaps) == 1 and _dataset(out) != before
    before = _dataset(out)
    export_changed_charts(events, out, flags, ("html",), charts=charts, echo=lambda _: None)
    assert len(swaps) == 2 and _dataset(out)["index.html"] != before["index.html"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


@pytest.mark.parametrize("where", ["before", "after", "between"])
def test_an_export_folder_killed_at_the_swap_holds_exactly_one_dataset(tmp_path, where):
    import signal
    import subprocess
    import sys

    from timeline import atomic

    folder = tmp_path / "reports"
    folder.mkdir()
    old = {name: "dataset A " + name for name in ("index.html", "deployments.html", "plotly.min.js",
                                                  "old-only.html")}
    for name, text in old.items():
        (folder / name).write_text(text, encoding="utf-8")
    new = {name: "dataset B " + name for name in ("index.html", "deployments.html", "plotly.min.js")}
    proc = subprocess.run([sys.executable, "-c", _KILLED_SWAP, str(folder), where, atomic.__file__],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    if where == "between":  # the fallback left no folder for a moment; the next run puts the old one back
        assert not folder.exists()
        with atomic.staged_folder(folder):
            assert _dataset(folder) == old
    assert _dataset(folder) == (new if where == "after" else old)
    with atomic.staged_folder(folder):  # the next run removes what the killed one left beside the folder
        pass
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


def test_a_swapped_folder_keeps_other_files_links_and_unchanged_files(tmp_path):
    from timeline import atomic

    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "same.html").write_text("same", encoding="utf-8")
    (folder / "sub" / "notes.txt").write_text("mine", encoding="utf-8")
    (folder / "link").symlink_to("same.html")
    inode = (folder / "same.html").stat().st_ino
    with atomic.staged_folder(folder, keep_unchanged=True) as stage:
        atomic.write_atomic(stage / "same.html", "same")
        atomic.write_atomic(stage / "new.html", "new")
        assert (folder / "same.html").read_text(encoding="utf-8") == "same" and not (folder / "new.html").exists()
    assert (folder / "same.html").stat().st_ino == inode  # the same bytes: the old file, untouched
    assert (folder / "sub" / "notes.txt").read_text(encoding="utf-8") == "mine"
    assert (folder / "link").resolve() == (folder / "same.html").resolve()
    assert (folder / "new.html").read_text(encoding="utf-8") == "new"
    import os

    umask = os.umask(0o022)
    try:
        with atomic.staged_folder(tmp_path / "fresh") as stage:  # a first export: the folder as mkdir makes it
            atomic.write_atomic(stage / "index.html", "x")
    finally:
        os.umask(umask)
    assert (tmp_path / "fresh").stat().st_mode & 0o777 == 0o755
    (tmp_path / "fresh" / "index.html").unlink()
    (tmp_path / "fresh").rmdir()
    with pytest.raises(ValueError), atomic.staged_folder(folder) as stage:
        atomic.write_atomic(stage / "new.html", "never seen")
        raise ValueError
    assert (folder / "new.html").read_text(encoding="utf-8") == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["reports"]


@pytest.mark.parametrize("args", [["export", "--formats", "html", "--out", "{file}"],
                                  ["export", "--formats", "html", "--out", "{file}/below"],
                                  ["build", "--out", "{file}/below/events.csv"],
                                  ["timelinejs", "--out", "{file}/below.json"],
                                  ["package", "--out", "{file}/below"]])
def test_a_bad_out_path_is_a_clean_error(tmp_path, capsys, args):
    from timeline.cli import EXIT_WRITE, main

    file = tmp_path / "a-file"
    file.write_text("x", encoding="utf-8")
    rc = main([a.format(file=file) for a in args])
    out = capsys.readouterr()
    assert rc == EXIT_WRITE, out
    assert "Traceback" not in out.err and re.search(rf"timeline {args[0]}: cannot write .*a-file", out.err)
    assert file.read_text(encoding="utf-8") == "x"
    assert "exporting" not in out.out  # refused before any record is read or chart built (it took 3 s)


@pytest.mark.heavy
@pytest.mark.slow
@pytest.mark.browser
def test_ctrl_c_stops_the_static_export_within_a_second_and_keeps_the_previous_export(tmp_path, static_export):
    import shutil
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "reports"
    # PNG only: no HTML pages, so no phone versions built before the browser starts (a second and a half)
    cmd = [sys.executable, "-m", "timeline", "export", "--formats", "png", "--out", str(out)]
    assert static_export.returncode == 0, static_export.stderr[-2000:]
    shutil.copytree(static_export.out, out)  # the previous export: the session's full one (every format)
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    # A suite started in the background (`make test &`, `nohup`, some CI runners) inherits SIGINT ignored, and an
    # export started from it would too: Python installs no KeyboardInterrupt handler for a SIGINT ignored at its
    # start, so the export ran to its end (rc 0). It is started as from a terminal, with SIGINT at its default.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)  # a handler: reset to the default by exec
    try:
        proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    finally:
        signal.signal(signal.SIGINT, previous)
    try:
        for line in proc.stdout:  # wait until the browser draws
            if "started the browser" in line:
                break
        assert proc.poll() is None, "the export's progress reached the pipe only when it had finished"
        proc.send_signal(signal.SIGINT)
        t0 = time.perf_counter()
        rc = proc.wait(timeout=30)
        seconds = time.perf_counter() - t0
    finally:
        proc.kill()
    err = proc.stderr.read()
    assert rc == 130 and "interrupted" in err and "Traceback" not in err, err
    assert seconds < 1.5, seconds
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


# --------------------------------------------------------------------------- add-article

ARTICLE = "Am 18. Oktober sagte der Geheimdienst, {n} Soldaten seien entsandt worden.\n"


def test_two_add_article_runs_at_once_take_two_numbers(dataset_copy):
    import threading

    from timeline.curate import add_article

    seeds, src = dataset_copy.parent / "seeds", dataset_copy.parent / "incoming"
    src.mkdir()
    files = []
    for n in range(8):
        files.append(src / f"a{n}.txt")
        files[-1].write_text(ARTICLE.format(n=1000 + n), encoding="utf-8")
    files.append(files[0])  # the same article twice at once: one seed, one refusal
    done, refused = [], []

    def add(path):
        try:
            done.append(add_article(path, seeds, dataset_copy, published=None).seed.name)
        except ValueError as exc:
            refused.append(str(exc))
    threads = [threading.Thread(target=add, args=(f,)) for f in files]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    numbers = [name.split("_")[0] for name in done]
    assert len(done) == 8 and len(set(numbers)) == 8 and sorted(numbers) == [f"{n:03d}" for n in range(5, 13)]
    assert len(refused) == 1 and "already a seed" in refused[0]


def test_numbers_past_999_do_not_collide(dataset_copy):
    from timeline.curate import add_article

    seeds = dataset_copy.parent / "seeds"
    (seeds / "999_0123456789abcdef.txt").write_text("x", encoding="utf-8")
    src = dataset_copy.parent / "a.txt"
    src.write_text(ARTICLE.format(n=5), encoding="utf-8")
    added = add_article(src, seeds, dataset_copy)
    assert added.seed.name.startswith("1000_")
    assert "r1000-01" in added.records.read_text(encoding="utf-8")
    src.write_text(ARTICLE.format(n=6), encoding="utf-8")
    assert add_article(src, seeds, dataset_copy).seed.name.startswith("1001_")


def test_a_half_done_add_article_is_resumed_by_running_it_again(dataset_copy, capsys):
    from timeline.cli import main

    src = dataset_copy.parent / "a.txt"
    src.write_text(ARTICLE.format(n=5), encoding="utf-8")
    args = ["add-article", str(src), "--data", str(dataset_copy), "--no-drafts"]
    assert main(args) == 0
    seed = next((dataset_copy.parent / "seeds").glob("005_*.txt"))
    stub = dataset_copy / "records" / f"{seed.stem}.yaml"
    stub_text = stub.read_text(encoding="utf-8")
    stub.unlink()  # killed after the seed and its metadata were written
    capsys.readouterr()
    assert main(args) == 0
    assert stub.read_text(encoding="utf-8") == stub_text
    assert sorted(p.name for p in (dataset_copy.parent / "seeds").glob("005_*")) == [
        seed.name.replace(".txt", ".meta.yaml"), seed.name]
    assert main(args) == 1 and "already a seed" in capsys.readouterr().err


def test_add_article_never_writes_through_a_link(dataset_copy, tmp_path, capsys):
    from timeline.cli import main
    from timeline.curate import seed_name_for

    src = dataset_copy.parent / "a.txt"
    src.write_text(ARTICLE.format(n=5), encoding="utf-8")
    name = seed_name_for(src.read_bytes(), dataset_copy.parent / "seeds")
    outside = tmp_path / "outside.yaml"
    (dataset_copy / "records" / name.replace(".txt", ".yaml")).symlink_to(outside)  # dangling
    rc = main(["add-article", str(src), "--data", str(dataset_copy), "--no-drafts"])
    assert rc == 1 and "a link" in capsys.readouterr().err
    assert not outside.exists()


# --------------------------------------------------------------------------- security


@pytest.mark.parametrize("value, reason", [("/dev/zero", "not a path"), ("../data/actors.yaml", "not a path"),
                                           ("/etc/hostname", "not a path"), ("link.txt", "a link out of")])
def test_a_seed_field_names_only_a_file_in_the_seeds_folder(good_dataset, value, reason):
    meta = _metadata(good_dataset)
    (meta.parent / "link.txt").symlink_to("/etc/hostname")
    meta.write_text(re.sub(r"^seed: .*$", f"seed: {value}", meta.read_text(encoding="utf-8"), flags=re.M),
                    encoding="utf-8")
    result = load_dataset(good_dataset)
    errors = [e for e in result.errors if e.file.endswith(meta.name)]
    assert len(errors) == 1 and errors[0].field == "seed" and reason in errors[0].reason
    assert errors[0].line == line_of(meta, "seed:") and "SHA-256" not in str(errors[0])
    link_errors = [e for e in result.errors if e.file.endswith("link.txt")]
    assert len(link_errors) == 1 and "a link out of the seeds folder" in link_errors[0].reason


def test_markup_from_the_data_is_escaped_for_the_readme_and_an_end_marker_is_refused():
    from timeline import docs

    hostile = '<script>alert(1)</script> <img src=x onerror=alert(1)> [click](javascript:alert(1)) a|b'
    cell = docs._cell(hostile)
    assert "<" not in cell and ">" not in cell and "](" not in cell.replace("\\](", "")
    assert cell.count("\\|") == 1 and "&lt;script&gt;" in cell
    assert docs._url("javascript:alert(1)") == "javascript:alert(1)"  # text, not a link
    assert docs._url("https://example.org/a?b=1") == "<https://example.org/a?b=1>"
    assert not docs._url("https://x.org/<script>").startswith("<")
    text = f"a\n{docs._start('dataset')}\nold\n{docs._end('dataset')}\n"
    with pytest.raises(ValueError, match="comment marker"):
        docs.render_readme(text, {"dataset": lambda: "- a note with <!-- dataset:end --> inside\n"})


def test_coverage_shows_control_characters_escaped(dataset_copy, capsys):
    from timeline.cli import main

    seed = dataset_copy.parent / "seeds" / "009_0123456789abcdef.txt"
    seed.write_text("Am 18. Oktober sagte er\x1b[2J\x07, 1.500 Soldaten\x00 seien entsandt worden.\n",
                    encoding="utf-8")
    main(["coverage", "--data", str(dataset_copy)])
    out = capsys.readouterr().out
    assert "009_0123456789abcdef.txt" in out and "\\x1b[2J\\x07" in out and "\\x00" in out
    assert not any(c in out for c in "\x1b\x07\x00")


@pytest.mark.parametrize("drafts", [True, False])
def test_add_article_with_control_characters_writes_stubs_the_validator_reads(dataset_copy, capsys, drafts):
    from timeline.cli import main

    src = dataset_copy.parent / "a.txt"
    src.write_text("Am 18. Oktober sagte er\x1b[2J\x07, 1.500 Soldaten\x00 seien entsandt worden.\n",
                   encoding="utf-8")
    args = ["add-article", str(src), "--data", str(dataset_copy), "--published", "2024-10-20"]
    assert main(args + ([] if drafts else ["--no-drafts"])) == 0
    out = capsys.readouterr()
    assert not any(c in out.out + out.err for c in "\x1b\x07\x00")
    seed = next((dataset_copy.parent / "seeds").glob("005_*.txt"))
    stubs = [seed.with_suffix(".meta.yaml"), dataset_copy / "records" / f"{seed.stem}.yaml"]
    assert all("\\x1b[2J\\x07" in p.read_text(encoding="utf-8") or "\\u001b[2J\\u0007" in p.read_text(
        encoding="utf-8") for p in stubs)
    errors = [e for e in load_dataset(dataset_copy).errors if e.file.endswith(tuple(p.name for p in stubs))]
    assert errors and not [e for e in errors if "YAML" in e.reason or "character" in e.reason], errors
    assert all("TODO" in str(e) or "draft" in str(e) or "seed" in (e.field or "") for e in errors), errors


# --------------------------------------------------------------------------- network


_ADDRESS = re.compile(r'sa_family=AF_INET6?, .*?(?:sin_addr=inet_addr\("([^"]+)"\)|inet_pton\(AF_INET6, "([^"]+)")')
_CALL = re.compile(r"^(\d+)\s+(?:<\.\.\. )?(\w+)(?: resumed>|\()(\d+)?")


def _leaves_loopback(line: str) -> bool:
    import ipaddress
    found = _ADDRESS.search(line)
    if not found:
        return False
    ip = ipaddress.ip_address(found.group(1) or found.group(2))
    mapped = getattr(ip, "ipv4_mapped", None)
    return not (ip.is_loopback or (mapped is not None and mapped.is_loopback) or ip.is_unspecified)


def outgoing_packets(log: str) -> list[str]:
    """The calls of an ``strace -f`` log of the socket calls and the writes (conftest.py) that send a packet out of
    loopback: a TCP connect() to an outside address, a send to one, or a write or send on a UDP socket connected
    to one.
    A UDP connect() alone sends nothing (Chromium asks the kernel that way which route IPv6 would take): it is
    allowed, as long as nothing is written on that socket before it is closed.

    >>> outgoing_packets('1 socket(AF_INET, SOCK_STREAM, IPPROTO_IP) = 3\\n'
    ...     '1 connect(3, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("1.2.3.4")}, 16) = 0')
    ['1 connect(3, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("1.2.3.4")}, 16) = 0']
    """
    kinds: dict[tuple[str, str], str] = {}
    probes: set[tuple[str, str]] = set()
    pending: dict[str, str] = {}  # a socket() call strace shows in two parts
    out = []
    for line in log.splitlines():
        call = _CALL.match(line)
        if not call:
            continue
        tid, name, fd = call.groups()
        if name == "socket" and "<unfinished" in line:
            pending[tid] = "udp" if "SOCK_DGRAM" in line else "other"
        elif name == "socket":
            new_fd = line.rsplit("=", 1)[-1].strip()
            kinds[(tid, new_fd)] = pending.pop(tid, None) if "resumed>" in line else (
                "udp" if "SOCK_DGRAM" in line else "other")
            probes.discard((tid, new_fd))
        elif name == "connect" and _leaves_loopback(line):
            if kinds.get((tid, fd)) == "udp":
                probes.add((tid, fd))
            else:
                out.append(line)
        elif name == "close":
            probes.discard((tid, fd))
        elif name in ("sendto", "sendmsg", "sendmmsg") and _leaves_loopback(line):
            out.append(line)
        elif name in ("write", "sendto", "sendmsg", "sendmmsg", "writev") and (tid, fd) in probes:
            out.append(line)
    return out


@pytest.mark.heavy
@pytest.mark.slow
@pytest.mark.browser
def test_no_packet_leaves_loopback_during_the_static_export(static_export):
    """System level: every process of the export (Python, kaleido's Chromium and its helpers) traced by strace;
    no packet to an address outside loopback, so no DNS query and no request leaves the machine. The export is
    the session's one full export (fixture ``static_export``), which the export tests read too."""
    import os

    if static_export.trace is None:
        if os.environ.get("CI"):
            pytest.fail("strace is needed (Debian: apt-get install -y strace)")
        pytest.skip("strace is not installed (Debian: apt-get install -y strace)")
    assert static_export.returncode == 0, static_export.stderr[-2000:]
    assert len(list(static_export.out.glob("*.png"))) >= 7  # the browser did draw
    text = static_export.trace.read_text(encoding="utf-8", errors="replace")
    assert "connect(" in text  # the trace saw the network calls (the browser's own sockets)
    leaving = outgoing_packets(text)
    assert leaving == [], "\n".join(leaving[:20])


def test_the_exported_html_has_no_button_that_sends_data_away(tmp_path):
    import json

    import plotly.graph_objects as go

    from timeline.export.formats import write_html

    page = write_html(go.Figure(go.Scatter(x=[1], y=[2])), "example", tmp_path).read_text(encoding="utf-8")
    config = json.loads(re.search(r'Plotly\.newPlot\(\s*"example",\s*\[.*?\],\s*\{.*?\},\s*(\{.*?\})\s*\)',
                                  page, re.S).group(1))
    assert config["showSendToCloud"] is False and "sendDataToCloud" in config["modeBarButtonsToRemove"]
    assert not config.get("showLink") and not config.get("showEditInChartStudio")  # plotly.js: off by default
    assert config["toImageButtonOptions"]["format"] == "png"  # download as PNG stays
    assert "toImage" not in config["modeBarButtonsToRemove"]
