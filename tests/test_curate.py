"""Adding a sixth article and curating a record from it, end to end, on a temporary copy of the dataset.

add-article -> the validator reports the metadata fields still TODO -> fill them in -> curate one record from
the listed candidate sentences -> validate is clean and the record is in the frame -> coverage lists the
sentences still open -> a not-claim entry closes the last one.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest
import yaml

from timeline import load_events
from timeline.cli import main

ARTICLE = (
    "Nordkorea schickt weitere Soldaten\n"
    "Seoul (dpa) - Der südkoreanische Geheimdienst hat am Dienstag mitgeteilt, dass Nordkorea seit Oktober "
    "rund 3.000 Soldaten nach Russland entsandt habe. Das Wetter in Seoul war mild. "
    "Im Sommer sollen weitere Truppen folgen, hieß es in Seoul.\n"
)
SENTENCE = ("Seoul (dpa) - Der südkoreanische Geheimdienst hat am Dienstag mitgeteilt, dass Nordkorea seit Oktober "
            "rund 3.000 Soldaten nach Russland entsandt habe.")
METADATA = {
    "title": "Nordkorea schickt weitere Soldaten",
    "outlet": "dpa",
    "outlet_evidence": "The dateline 'Seoul (dpa)'.",
    "language": "de",
    "published_date": "2024-11-20",
    "published_earliest": "2024-11-20",
    "published_latest": "2024-11-20",
    "published_precision": "day",
    "published_evidence": "A test article; the date is given by the test.",
    "agencies_cited": "[dpa]",
}


def run(capsys, *argv) -> tuple[int, str]:
    rc = main([str(a) for a in argv])
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    return rc, out.out + out.err


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "new_article.txt"
    path.write_bytes(ARTICLE.encode("utf-8"))
    return path


def _next_number(seeds: Path) -> int:
    return max(int(p.name[:3]) for p in seeds.glob("*.txt")) + 1


def test_add_article_and_curate_one_record(dataset_copy: Path, article: Path, capsys):
    data, seeds = dataset_copy, dataset_copy.parent / "seeds"
    n_records_before = len(load_events(data))
    number = _next_number(seeds)
    sha = hashlib.sha256(article.read_bytes()).hexdigest()
    name = f"{number:03d}_{sha[:16]}.txt"

    # 1. add the article
    rc, out = run(capsys, "add-article", article, "--data", data, "--no-drafts")
    assert rc == 0, out
    seed = seeds / name
    assert seed.read_bytes() == article.read_bytes()
    meta_path = seed.with_suffix(".meta.yaml")
    records_path = data / "records" / f"{seed.stem}.yaml"
    meta = yaml.safe_load(meta_path.read_text(encoding="utf-8"))
    assert meta["seed"] == name and meta["sha256"] == sha
    assert meta["published_date"] == "TODO" and meta["agencies_cited"] == ["TODO"]
    stub = records_path.read_text(encoding="utf-8")
    assert yaml.safe_load(stub) == {"seed": name, "records": None}
    offset = ARTICLE.index(SENTENCE)
    assert f"# [{offset:6d}] {SENTENCE}" in stub
    assert "Das Wetter in Seoul war mild." not in stub  # neither a date nor a count of people
    assert f"{number:03d}" in stub and f"- id: r{number:03d}-01" in stub

    # 2. the validator reports every field still TODO, and rejects no record
    rc, out = run(capsys, "validate", data)
    assert rc == 1
    todo = [line for line in out.splitlines() if "not filled in yet (still marked TODO)" in line]
    assert {re.search(r"field (\w+)", line).group(1) for line in todo} == set(METADATA)
    assert f"seed {name} has invalid metadata (see its errors): all 0 record(s) of this file rejected" in out
    n_files = len(list((data / "records").glob("*.yaml")))
    assert out.splitlines()[-1] == (f"{n_records_before} record(s) valid, 0 rejected, {len(METADATA) + 1} error(s), "
                                    f"{n_files} file(s) read.")

    # ... and coverage lists the new article's candidates before its metadata is filled in
    rc, out = run(capsys, "coverage", "--data", data)
    assert rc == 1 and "2 candidate sentence(s) not covered (its metadata is not valid yet)" in out
    assert "note: validation found 11 error(s) and rejected 0 record(s)" in out

    # 3. fill in the metadata
    text = meta_path.read_text(encoding="utf-8")
    for key, value in METADATA.items():
        text, n = re.subn(rf"(?m)^{key}: (\[TODO\]|TODO)$", f"{key}: {value}", text)
        assert n == 1, key
    meta_path.write_text(text, encoding="utf-8")

    # 4. curate one record from the listed sentence
    record = {
        "id": f"r{number:03d}-01", "claim_type": "troop_count", "stance": "reports",
        "claimant": "südkoreanische Geheimdienst", "outlet": "article",
        "quote": SENTENCE, "quote_start": offset,
        "stated": {"expr": "am Dienstag"}, "event": {"expr": "seit Oktober", "anchor": "stated"},
        "count": {"expr": "rund 3.000", "unit": "soldiers"},
        "summary_en": "South Korea's intelligence service said that North Korea had sent about 3,000 soldiers "
                      "to Russia since October.",
    }
    entry = yaml.safe_dump([record], allow_unicode=True, sort_keys=False, width=1000)
    records_path.write_text(stub + "".join(f"  {line}\n" for line in entry.splitlines()), encoding="utf-8")

    # 5. validate is clean and the record is in the frame, read as the stub's candidate said
    rc, out = run(capsys, "validate", data)
    assert rc == 0, out
    frame = load_events(data)
    assert len(frame) == n_records_before + 1
    row = frame.set_index("record_id").loc[f"r{number:03d}-01"]
    assert row["claimant"] == "kr_nis" and row["count_best"] == 3000 and row["seed"] == name
    assert row["stated_start"].date() == dt.date(2024, 11, 19)  # the Tuesday before Wednesday 20 November
    assert row["event_start"].date() == dt.date(2024, 10, 1) and row["event_end"].date() == dt.date(2024, 11, 19)

    # 6. coverage lists what is still open in the new article, and nothing of the curated sentence
    rc, out = run(capsys, "coverage", "--data", data)
    assert rc == 1
    assert f"seeds/{name}: 1 candidate sentence(s) not covered" in out.replace(str(seeds.parent) + "/", "")
    assert "Im Sommer sollen weitere Truppen folgen" in out and "rund 3.000 Soldaten" not in out

    # 7. a not-claim entry closes it
    nc = data / "not_claims.yaml"
    nc.write_text(nc.read_text(encoding="utf-8") + f"  - seed: {name}\n    quote: Im Sommer sollen weitere Truppen "
                  "folgen\n    reason: A test entry.\n", encoding="utf-8")
    rc, out = run(capsys, "coverage", "--data", data)
    assert rc == 0, out
    assert out.startswith("0 uncovered sentence(s)")


def test_add_article_refuses_latin1(dataset_copy: Path, tmp_path: Path, capsys):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Am 3. März kamen 500 Soldaten.".encode("latin-1"))
    before = sorted(p.name for p in (dataset_copy.parent / "seeds").iterdir())
    rc, out = run(capsys, "add-article", path, "--data", dataset_copy)
    assert rc == 1 and "not UTF-8" in out and "re-encode the file as UTF-8" in out
    assert sorted(p.name for p in (dataset_copy.parent / "seeds").iterdir()) == before


def test_add_article_refuses_a_byte_order_mark(dataset_copy: Path, tmp_path: Path, capsys):
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf" + ARTICLE.encode())
    rc, out = run(capsys, "add-article", path, "--data", dataset_copy)
    assert rc == 1 and "byte-order mark" in out


def test_add_article_refuses_an_article_that_is_already_a_seed(dataset_copy: Path, article: Path, capsys):
    assert run(capsys, "add-article", article, "--data", dataset_copy)[0] == 0
    rc, out = run(capsys, "add-article", article, "--data", dataset_copy)
    assert rc == 1 and "this article is already a seed" in out


def test_add_article_usage_errors(dataset_copy: Path, tmp_path: Path, article: Path, capsys):
    rc, out = run(capsys, "add-article", tmp_path / "missing.txt", "--data", dataset_copy)
    assert rc == 2 and "no such file" in out
    rc, out = run(capsys, "add-article", article, "--data", tmp_path / "nodata")
    assert rc == 2 and "no such data folder" in out


def test_coverage_of_the_project_dataset_runs(capsys):
    rc, out = run(capsys, "coverage")
    assert rc in (0, 1)
    assert re.search(r"\d+ uncovered sentence\(s\) in \d+ of \d+ article\(s\)", out)
