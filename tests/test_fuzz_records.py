"""Property-based tests of the loader: whatever a records file holds, no exception escapes and no record is lost.

Records are built from a valid one with random fields replaced by random YAML
values (text, numbers, lists, mappings, None), deleted, or misspelt; files are
also filled with random text. :func:`timeline.load_dataset` must return, every
record must be valid or rejected, and each rejected record must have an error.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fuzzing import examples
from timeline import load_dataset, paths
from timeline.schema import COUNT_EXPR_FIELDS, DATE_EXPR_FIELDS, RECORD_FIELDS

#: Thousands of generated examples: seconds, not milliseconds; `make test` runs them, `make test-unit` does not.
pytestmark = pytest.mark.slow

SEED = "003_777336e2b4043abc.txt"
QUOTE = ("„Wir sehen Beweise dafür, dass nordkoreanische Truppen nach Russland gegangen sind“, erklärte Austin "
         "am Mittwoch während einer Pressekonferenz in Rom.")

FUZZ = settings(deadline=None, derandomize=True, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    shutil.copytree(paths.SEEDS_DIR, root / "seeds")
    (root / "data" / "records").mkdir(parents=True)
    shutil.copy(paths.ACTORS_FILE, root / "data" / "actors.yaml")
    return root / "data"


def _good(i: int, seed_text: str) -> dict:
    return {
        "id": f"r003-{i:02d}", "claim_type": "troop_count", "stance": "reports", "claimant": "Lloyd Austin",
        "outlet": "article", "quote": QUOTE, "quote_start": seed_text.index(QUOTE),
        "stated": {"expr": "am Mittwoch"}, "count": {"expr": "Beweise", "unit": "soldiers",
                                                     "corrected": "rund 5.000"},
        "flags": [{"type": "corrected_count", "field": "count", "note": "n", "evidence": "e"}],
        "summary_en": "A test record.",
    }


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=False),
                    st.text(max_size=20), st.dates(), st.sampled_from(["am Mittwoch", "Tausende", "published",
                                                                       "stated", "CNN", "TODO", ""]))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=6)
keys = st.sampled_from(list(RECORD_FIELDS) + ["claimnt", "quote_end", "notes"])
nested_keys = st.sampled_from([f"stated.{k}" for k in DATE_EXPR_FIELDS] + [f"event.{k}" for k in DATE_EXPR_FIELDS]
                              + [f"count.{k}" for k in COUNT_EXPR_FIELDS] + ["flags.0.type", "flags.0.note"])
mutation = st.one_of(st.tuples(st.just("set"), keys, values), st.tuples(st.just("del"), keys, st.none()),
                     st.tuples(st.just("set"), nested_keys, values))


def _apply(rec: dict, op: tuple) -> None:
    kind, key, value = op
    *path, last = key.split(".")
    target = rec
    for p in path:
        target = target[int(p)] if isinstance(target, list) else target.get(p)
        if not isinstance(target, (dict, list)):
            return
    if isinstance(target, list):
        return
    if kind == "del":
        target.pop(last, None)
    else:
        target[last] = value


@settings(FUZZ, max_examples=examples(60))
@given(mutations=st.lists(st.lists(mutation, max_size=3), min_size=1, max_size=4))
def test_mutated_records_are_valid_or_rejected_with_an_error(data_dir, mutations):
    text = (data_dir.parent / "seeds" / SEED).read_text(encoding="utf-8")
    recs = []
    for i, ops in enumerate(mutations):
        rec = _good(i, text)
        for op in ops:
            _apply(rec, op)
        recs.append(rec)
    path = data_dir / "records" / "fuzz.yaml"
    path.write_text(yaml.safe_dump({"seed": SEED, "records": recs}, allow_unicode=True), encoding="utf-8")
    result = load_dataset(data_dir)
    assert result.n_read == len(recs)
    assert result.n_valid + result.n_rejected == len(recs)
    assert len(result.rejected_ids) == result.n_rejected
    if result.n_rejected:
        assert result.errors
    labelled = {e.record_id for e in result.errors}
    for rid in result.rejected_ids:  # each rejected record has an error naming it (or the whole file)
        assert None in labelled or any(label and (rid == label or rid.endswith(label)) for label in labelled), \
            (rid, [str(e) for e in result.errors])
    for i, ops in enumerate(mutations):
        if not ops:
            assert f"r003-{i:02d}" in set(result.frame["record_id"]) or any(
                e.field == "id" and e.record_id == f"r003-{i:02d}" for e in result.errors)


@settings(FUZZ, max_examples=examples(60))
@given(body=st.one_of(st.text(max_size=200), st.binary(max_size=200),
                      st.text(alphabet=st.sampled_from(list("-: \n[]{}'\"!&*|>#%@`id")), max_size=120)))
def test_any_file_content_gives_errors_not_exceptions(data_dir, body):
    path = data_dir / "records" / "fuzz.yaml"
    if isinstance(body, bytes):
        path.write_bytes(body)
    else:
        path.write_text(body, encoding="utf-8")
    result = load_dataset(data_dir)
    assert result.n_valid + result.n_rejected == result.n_read
    assert result.n_valid == 0
    if result.n_read:
        assert result.errors
