"""Hand-written prose that counts articles, publishers or records (README.md, docs/, CITATION.cff) agrees with the
data: a sixth article in a copy of the dataset makes each such sentence stale, and ``docs --check`` says which."""

from __future__ import annotations

import hashlib

import pytest
import yaml

from timeline import load_tables, paths
from timeline.cli import main
from timeline.docs import PROSE_FILES, stale_prose
from timeline.seeds import load_seeds


def test_the_prose_counts_what_the_data_holds():
    frame, seeds = load_tables().events, load_seeds()
    problems = [p for name in PROSE_FILES
                for p in stale_prose((paths.PROJECT_ROOT / name).read_text(encoding="utf-8"), frame, seeds, name)]
    assert problems == []


@pytest.fixture
def six_articles(dataset_copy):
    """The copy with a sixth article: seed 003's text with a line added, its metadata and its records renamed."""
    seeds = dataset_copy.parent / "seeds"
    old = "003_777336e2b4043abc"
    text = (seeds / f"{old}.txt").read_bytes() + "\nEin weiterer Absatz.\n".encode("utf-8")
    sha = hashlib.sha256(text).hexdigest()
    new = f"005_{sha[:16]}"
    (seeds / f"{new}.txt").write_bytes(text)
    meta = yaml.safe_load((seeds / f"{old}.meta.yaml").read_text(encoding="utf-8"))
    meta.update(seed=f"{new}.txt", sha256=sha)
    (seeds / f"{new}.meta.yaml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False),
                                            encoding="utf-8")
    records = (dataset_copy / "records" / f"{old}.yaml").read_text(encoding="utf-8")
    (dataset_copy / "records" / f"{new}.yaml").write_text(records.replace(old, new).replace("r003-", "r005-"),
                                                         encoding="utf-8")
    return dataset_copy


def test_a_sixth_article_leaves_no_count_unnoticed(six_articles, capsys):
    frame, seeds = load_tables(six_articles).events, load_seeds(six_articles.parent / "seeds")
    assert len(seeds) == 6 and frame["seed"].nunique() == 6
    readme = (paths.PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    problems = stale_prose(readme, frame, seeds)
    said = {p.split(": ", 2)[1] for p in problems}
    assert {"'five articles'", "'Five German news texts'", "'Three of the five publishers are unknown'",
            "'Five articles'"} <= said, problems
    assert "'Two texts are German translations'" not in said  # the sixth is no translation: still true
    assert all("the data says" in p for p in problems)
    curating = stale_prose((paths.PROJECT_ROOT / "docs/curating.md").read_text(encoding="utf-8"), frame, seeds)
    assert {"'the other four seeds'", "'five seeds'", "'73 record'", "'73 record(s)'"} <= \
        {p.split(": ", 2)[1] for p in curating}, curating
    cff = stale_prose((paths.PROJECT_ROOT / "CITATION.cff").read_text(encoding="utf-8"), frame, seeds)
    assert [p.split(": ", 2)[1] for p in cff] == ["'five German-language news articles'"]

    # docs --check on the copy's README (the project's text) says so, beside the stale generated sections
    (six_articles.parent / "README.md").write_bytes(readme.encode("utf-8"))
    assert main(["docs", "--data", str(six_articles), "--check"]) == 1
    out = capsys.readouterr()
    assert "the generated sections are stale" in out.out
    assert "the hand-written prose counts what the data does not bear out" in out.err
    assert "README.md:9: 'five articles': the data says 6 (articles)" in out.err
