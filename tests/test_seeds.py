"""The seeds are the articles byte for byte, each with valid provenance metadata."""

import datetime as dt
import hashlib

import yaml

from timeline import paths
from timeline.schema import SEED_FIELDS
from timeline.seeds import load_seeds, read_seed_metadata, sentences


def test_every_seed_has_metadata_and_its_hash_matches():
    texts = sorted(paths.SEEDS_DIR.glob("*.txt"))
    assert len(texts) >= 5
    for path in texts:
        meta = yaml.safe_load(path.with_suffix(".meta.yaml").read_text(encoding="utf-8"))
        assert meta["seed"] == path.name
        assert hashlib.sha256(path.read_bytes()).hexdigest() == meta["sha256"], path.name


def test_metadata_passes_the_schema():
    for meta_path in sorted(paths.SEEDS_DIR.glob("*.meta.yaml")):
        meta, errors = read_seed_metadata(meta_path, paths.SEEDS_DIR)
        assert errors == [], [str(e) for e in errors]
        assert set(meta) <= set(SEED_FIELDS)


def test_publication_dates_are_plausible_and_explained():
    seeds = load_seeds()
    for seed in seeds.values():
        m = seed.meta
        assert dt.date(2024, 1, 1) <= m["published_earliest"] <= m["published_date"] <= m["published_latest"]
        assert (m["published_latest"] - m["published_earliest"]).days <= 7
        assert len(m["published_evidence"]) > 80  # says why, not just what


def test_a_changed_seed_fails(tmp_path):
    src = next(iter(sorted(paths.SEEDS_DIR.glob("*.txt"))))
    (tmp_path / src.name).write_bytes(src.read_bytes() + b" ")
    meta_path = tmp_path / src.with_suffix(".meta.yaml").name
    meta_path.write_bytes(src.with_suffix(".meta.yaml").read_bytes())
    meta, errors = read_seed_metadata(meta_path, tmp_path)
    assert meta is None
    assert any(e.field == "sha256" and "has changed" in e.reason for e in errors)


def test_sentences_keep_offsets_and_do_not_split_dates_or_numbers():
    text = load_seeds()["001_ce10d6b5d5891930.txt"].text
    parts = sentences(text)
    for start, end, s in parts:
        assert text[start:end] == s
    assert any(s.startswith("Am Vortag, dem 17. Oktober, hatte") for _, _, s in parts)
    assert not any(s.endswith("17.") for _, _, s in parts)
