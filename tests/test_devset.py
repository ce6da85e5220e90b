"""The date and count readers on real German news text nobody tuned the rules on first.

tests/data/dates_dev.yaml: 358 date expressions from stored news pages (1958-2026, Germany, Austria,
Switzerland), annotated by docs/dates-and-numbers.md before any rule was written; tests/data/counts_dev.yaml:
count expressions from the same kind of pages. Each miss is printed (pytest -s, or on failure).
"""

import pytest
import yaml

from timeline.devset import CLASSES, DEV_SET, load_dev_set, misses, read_ours, score
from timeline.numbers import CountExpressionError, parse_count
from timeline.paths import PROJECT_ROOT

#: What the development set must read right: in all, and in every class (the issue's targets).
OVERALL, PER_CLASS = 0.95, 0.85


@pytest.fixture(scope="module")
def items():
    return load_dev_set()


def test_the_set_covers_every_class_with_enough_items(items):
    assert len(items) >= 250
    table = score(items, read_ours)
    counts = dict(zip(table["class"], table["items"]))
    assert all(counts.get(c, 0) >= 25 for c in CLASSES), counts


def test_the_development_set_reads_right(items):
    table = score(items, read_ours)
    lines = misses(items)
    print(f"\n{DEV_SET.name}: {len(items) - len(lines)} of {len(items)} right\n" + table.to_string(index=False))
    for line in lines:
        print("miss:", line)
    overall = table.loc[table["class"] == "all", "full_share"].item()
    weak = table[(table["class"] != "all") & (table["full_share"] < PER_CLASS)]
    assert overall >= OVERALL and weak.empty, "\n".join(lines)


def test_the_readings_do_not_depend_on_the_order_of_reading(items):
    """The caches hold what was read: reading the set backwards gives the same table."""
    assert score(items, read_ours).equals(score(list(reversed(items)), read_ours))


def _count_items():
    return yaml.safe_load((PROJECT_ROOT / "tests" / "data" / "counts_dev.yaml").read_text(encoding="utf-8"))


def test_the_count_development_set_reads_right():
    """The figures (positives); the negatives ("40" before "Prozent") are judged with their sentence by the
    detector, since the expression alone cannot say it is not a count."""
    positives = [i for i in _count_items() if "error" not in i]
    wrong = []
    for item in positives:
        want = (item.get("low"), item.get("best"), item.get("high"), item.get("qualifier"))
        try:
            c = parse_count(str(item["expression"]))
            got = (c.low, c.best, c.high, c.qualifier)
        except CountExpressionError as exc:
            got = ("refused", exc.reason)
        if got != want:
            wrong.append(f"{item['id']} {item['expression']!r}: expected {want}, got {got}")
    print(f"\ncounts_dev.yaml: {len(positives) - len(wrong)} of {len(positives)} figures right")
    for line in wrong:
        print("miss:", line)
    assert len(wrong) <= 0.05 * len(positives), "\n".join(wrong)


def test_the_readme_states_the_current_score(items):
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    right = len(items) - len(misses(items))
    assert f"gets {right} of {len(items)} right" in readme, "update the README's development-set figure"


def test_the_second_set_reads_right():
    """tests/data/dates_heldout.yaml: 187 expressions from pages the development set does not use, annotated by a
    second annotator without seeing the reader. Scored untouched first (85.6 %), then its misses were fixed by
    class; it guards against regressions now (the aim for unseen text is 90 %)."""
    items = load_dev_set(PROJECT_ROOT / "tests" / "data" / "dates_heldout.yaml")
    table = score(items, read_ours)
    lines = misses(items)
    print("\ndates_heldout.yaml:\n" + table.to_string(index=False))
    for line in lines:
        print("miss:", line)
    assert table.loc[table["class"] == "all", "full_share"].item() >= 0.90, "\n".join(lines)
