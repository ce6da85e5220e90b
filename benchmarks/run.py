"""Benchmarks: normalisation at scale, cold load, validation at scale, chart builds, batch export, fuzzing at full
size, the heavy tests and suite time.

Run from the repository root, after the set-up (``make setup``)::

    .venv/bin/python benchmarks/run.py            # the full run (several minutes)
    .venv/bin/python benchmarks/run.py --quick    # a smaller version of each (under a minute)
    .venv/bin/python benchmarks/run.py --quick --only normalisation

Each section returns its figures once; :data:`ROWS` turns them into rows, which
are printed when the section is done and make the table of
benchmarks/README.md (``--table``). The last line of the output is one line of
JSON holding every figure. Benchmarks are not tests: nothing here asserts a
time. The targets are printed beside the figures ("[target ...: yes/NO]").
The one section that is a test run, ``heavy`` (the tests marked heavy, which
``make test`` leaves out), makes the script exit with status 1 when one fails.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from timeline import paths

SECTIONS = ("normalisation", "peers", "load", "validation", "drafts", "charts", "export", "fuzz", "heavy", "suite")
TARGETS = {
    "normalise_1m_s": 5.0,          # 1 M records (dates and counts) in under 5 s
    "per_row_ratio": 300.0,         # at least 300x parsing every row with dateparser
    "export_per_image_s": 0.5,      # under 0.5 s per image after the first
    "export_ratio": 8.0,            # at least 8x one write_image call (one browser start) per image
    "test_command_s": 90.0,         # the whole test command
    "draft_field": 0.80,            # every field of the drafts (leave one seed out) right for >= 80 % of records
    "draft_all": 0.70,              # claimant, count and dates all right for >= 70 %
    "draft_sentence": 0.95,         # candidate sentences: >= 95 % recall ...
    "draft_false_per_article": 1.0,  # ... with <= 1 false candidate per article
}
#: The held-out article the add-article flow is timed on (tests/data/unseen/).
FLOW_ARTICLE = "901_02e59b441ff61f12"
#: Share of rows holding an ISO day, a real expression, an unreadable expression.
ISO_SHARE, ERROR_SHARE, COUNT_MISSING_SHARE = 0.5, 0.001, 0.3
#: The unreadable expressions mixed in (they must surface in the error columns).
BAD_DATES = ("irgendwann", "2025-02-30")
BAD_COUNTS = ("viele",)
ISO_FIRST, ISO_LAST = dt.date(2000, 1, 1), dt.date(2030, 12, 31)


def say(*parts) -> None:
    print(*parts, flush=True)


# --------------------------------------------------------------------------- synthetic records


def date_pool(frame: pd.DataFrame) -> list[tuple[str, dt.date, str]]:
    """Real (expression, anchor, sentence) triples: the curated records' (``frame``, the quote as sentence), the
    development set's (its sentences), and the language file's rule examples read against every seed's date.
    """
    from timeline.dates import RULES
    from timeline.devset import load_dev_set
    from timeline.seeds import load_seeds

    triples: set[tuple[str, dt.date, str]] = set()
    for what in ("stated", "event"):
        sub = frame[frame[f"{what}_expr"].notna()]
        for expr, anchor, quote in zip(sub[f"{what}_expr"], sub[f"{what}_anchor"], sub["quote"]):
            triples.add((str(expr), pd.Timestamp(anchor).date(), str(quote)))
    for item in load_dev_set():
        triples.add((item.expression, item.anchor, item.sentence or ""))
    anchors = sorted({s.published_date for s in load_seeds().values()})
    for *_, example in RULES:
        for anchor in anchors:
            triples.add((example, anchor, ""))
    return sorted(triples)


def count_pool(frame: pd.DataFrame) -> list[str]:
    """Count expressions: the curated records' (``frame``) and the qualifier table's phrasings with many figures."""
    from timeline.numbers import QUALIFIERS, VAGUE_COUNTS

    exprs = set(frame["count_expr"].dropna().astype(str))
    figures = [f"{n:,}".replace(",", ".") for n in (*range(100, 1000, 50), *range(1000, 100_000, 500))]
    for _, words, _ in QUALIFIERS:
        for word in words:
            exprs.update(f"{word} {f}".strip() for f in figures[::7])
    exprs.update(w.capitalize() for w in VAGUE_COUNTS)
    exprs.update(f"zwischen {a} und {b}" for a, b in zip(figures[:40], figures[40:80]))
    return sorted(exprs)


def pools() -> dict:
    """The expression pools the synthetic records are drawn from (JSON-ready)."""
    from timeline import load_events

    frame = load_events()
    return {"dates": [(e, a.isoformat(), t) for e, a, t in date_pool(frame)], "counts": count_pool(frame)}


def synthetic_frame(n: int, pool: dict, seed: int = 0) -> pd.DataFrame:
    """n records: ISO days (many distinct), the real expressions with their anchors, a few unreadable ones."""
    rng = np.random.default_rng(seed)
    dates = pool["dates"]
    anchors = np.array(sorted({a for _, a, _ in dates}), dtype="datetime64[D]")
    kind = rng.random(n)
    iso = kind < ISO_SHARE
    bad = kind > 1 - ERROR_SHARE
    pick = rng.integers(0, len(dates), n)
    exprs = np.array([e for e, _, _ in dates], dtype=object)[pick]
    anchor = np.array([a for _, a, _ in dates], dtype="datetime64[D]")[pick]
    sentence = np.array([t or None for _, _, t in dates], dtype=object)[pick]
    days = (ISO_LAST - ISO_FIRST).days + 1
    iso_days = np.datetime64(ISO_FIRST) + rng.integers(0, days, n).astype("timedelta64[D]")
    exprs[iso] = np.datetime_as_string(iso_days[iso], unit="D").astype(object)
    anchor[iso] = anchors[rng.integers(0, len(anchors), iso.sum())]
    exprs[bad] = np.array(BAD_DATES, dtype=object)[rng.integers(0, len(BAD_DATES), bad.sum())]
    count = np.array(pool["counts"], dtype=object)[rng.integers(0, len(pool["counts"]), n)]
    count[rng.random(n) < COUNT_MISSING_SHARE] = None
    count[rng.random(n) < ERROR_SHARE] = BAD_COUNTS[0]
    sentence[iso | bad] = None
    return pd.DataFrame({
        "date_expr": pd.array(exprs, dtype="string"),
        "date_anchor": anchor.astype("datetime64[s]"),
        "date_sentence": pd.array(sentence, dtype="string"),
        "count_expr": pd.array(count, dtype="string"),
    })


def _normalise(frame: pd.DataFrame) -> tuple[pd.DataFrame, float, float]:
    from timeline.bulk import normalise_counts, normalise_dates

    t0 = time.perf_counter()
    out = normalise_dates(frame, "date_expr", "date_anchor", "date", sentence_col="date_sentence")
    t1 = time.perf_counter()
    out = normalise_counts(out, "count_expr", "count")
    t2 = time.perf_counter()
    return out, t1 - t0, t2 - t1


def _clear_caches() -> None:
    from timeline.dates import _read_cached, direction_cue
    from timeline.numbers import parse_count

    _read_cached.cache_clear()
    direction_cue.cache_clear()
    parse_count.cache_clear()


def worker_normalise(n: int, pool_file: str) -> dict:
    """Run in a fresh process: time and memory of one size (cold, then warm, then traced).

    The pools come from a file, so that nothing (no load_events()) has read a date or
    imported dateparser in this process before the cold run.
    """
    frame = synthetic_frame(n, json.loads(Path(pool_file).read_text(encoding="utf-8")))
    iso = frame["date_expr"].str.fullmatch(r"\d{4}-\d{2}-\d{2}").fillna(False).astype(bool)
    already = "dateparser" in sys.modules
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    c0 = time.process_time()
    out, cold_dates, cold_counts = _normalise(frame)  # cold: dateparser is imported and set up here
    cold_cpu = time.process_time() - c0
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    _clear_caches()
    c0 = time.process_time()
    warm = [_normalise(frame)[1:] for _ in range(3)]  # best of three: the machine may be busy
    warm_cpu = (time.process_time() - c0) / 3
    warm_dates, warm_counts = min(w[0] for w in warm), min(w[1] for w in warm)
    _clear_caches()
    tracemalloc.start()
    _normalise(frame)
    traced_peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return {
        "records": n,
        "distinct_date_keys": int(frame[["date_expr", "date_anchor"]].drop_duplicates().shape[0]),
        "distinct_sentences": int(frame["date_sentence"].nunique()),
        "iso_rows": int(iso.sum()),
        "distinct_iso_days": int(frame.loc[iso, "date_expr"].nunique()),
        "dateparser_imported_before_cold_run": already,
        "distinct_count_exprs": int(frame["count_expr"].nunique()),
        "date_errors": int(out["date_error"].notna().sum()),
        "count_errors": int(out["count_error"].notna().sum()),
        "cold_dates_s": cold_dates, "cold_counts_s": cold_counts, "cold_s": cold_dates + cold_counts,
        "warm_dates_s": warm_dates, "warm_counts_s": warm_counts, "warm_s": warm_dates + warm_counts,
        "cold_cpu_s": cold_cpu, "warm_cpu_s": warm_cpu,
        "rss_before_mb": rss_before, "rss_peak_mb": rss_after, "traced_peak_mb": traced_peak,
    }


_DATEPARSER_SETUP = textwrap.dedent("""
    import datetime, time
    t0 = time.perf_counter()
    import dateparser
    dateparser.parse("18. Oktober", languages=["de"], settings={"RELATIVE_BASE": datetime.datetime(2024, 10, 23)})
    print(time.perf_counter() - t0)
""")


def per_row_baseline(rows: int, pool: dict) -> dict:
    """Parse every row of a sample with dateparser (the obvious way), and every count row with parse_count."""
    import dateparser

    from timeline.numbers import parse_count

    sample = synthetic_frame(rows, pool, seed=1)
    exprs = sample["date_expr"].tolist()
    bases = [dt.datetime.combine(pd.Timestamp(a).date(), dt.time()) for a in sample["date_anchor"]]
    for e, b in zip(exprs[:20], bases[:20]):  # warm up: language data loaded before timing
        dateparser.parse(e, languages=["de"], settings={"RELATIVE_BASE": b})
    t0, c0 = time.perf_counter(), time.process_time()
    parsed = [dateparser.parse(e, languages=["de"], settings={"RELATIVE_BASE": b}) for e, b in zip(exprs, bases)]
    t1, c1 = time.perf_counter(), time.process_time()
    counts = [c for c in sample["count_expr"].tolist() if isinstance(c, str)]
    raw_count = parse_count.__wrapped__  # the per-row reading without the cache
    t2 = time.perf_counter()
    for c in counts:
        try:
            raw_count(c)
        except ValueError:
            pass
    t3 = time.perf_counter()
    non_iso = [p for p, e in zip(parsed, exprs) if not e[:4].isdigit()]
    setup = subprocess.run([sys.executable, "-c", _DATEPARSER_SETUP], capture_output=True, text=True, check=True)
    return {
        "dateparser_setup_s": float(setup.stdout.strip().splitlines()[-1]),
        "sample_rows": rows,
        "dateparser_s_per_record": (t1 - t0) / rows,
        "dateparser_cpu_s_per_record": (c1 - c0) / rows,
        "dateparser_read_share": sum(p is not None for p in parsed) / rows,
        "dateparser_read_share_non_iso": sum(p is not None for p in non_iso) / max(1, len(non_iso)),
        "parse_count_s_per_record": (t3 - t2) / rows,
    }


def bench_normalisation(quick: bool, sizes: list[int] | None = None, sample: int | None = None) -> dict:
    sizes = sizes or ([10_000, 100_000] if quick else [10_000, 100_000, 1_000_000])
    say("== Normalisation (dates and counts of synthetic records; fresh process per size)")
    pool = pools()
    base = per_row_baseline(sample or (300 if quick else 2_000), pool)
    results = []
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(pool, fh)
    try:
        for n in sizes:
            r = _run_size(n, fh.name)
            r["cold_records_per_s"] = n / r["cold_s"]
            r["warm_records_per_s"] = n / r["warm_s"]
            r["cold_s_per_1k"] = r["cold_s"] / n * 1000
            r["warm_s_per_1k"] = r["warm_s"] / n * 1000
            per_row = base["dateparser_s_per_record"] * n
            r["per_row_dateparser_s_extrapolated"] = per_row
            r["ratio_vs_per_row_cold"] = (base["dateparser_setup_s"] + per_row) / r["cold_s"]
            r["ratio_vs_per_row_warm"] = per_row / r["warm_s"]
            # CPU seconds: less at the mercy of other work on the machine than wall time
            r["ratio_vs_per_row_warm_cpu"] = base["dateparser_cpu_s_per_record"] * n / r["warm_cpu_s"]
            results.append(r)
    finally:
        os.unlink(fh.name)
    out = {"sizes": results, "per_row": base, "pool": {"date_pairs": len(pool["dates"]),
                                                         "count_expressions": len(pool["counts"])}}
    big = results[-1]
    if big["records"] == 1_000_000:
        out["target_1m_under_5s"] = big["cold_s"] < TARGETS["normalise_1m_s"]
    out["target_ratio_300x"] = big["ratio_vs_per_row_cold"] >= TARGETS["per_row_ratio"]
    if len(results) >= 2:  # time = fixed + marginal x records (least squares over the sizes, warm runs)
        marginal, fixed = np.polyfit([r["records"] for r in results], [r["warm_s"] for r in results], 1)
        out["warm_fit"] = {"fixed_s": float(fixed), "marginal_s_per_1k": float(marginal) * 1000}
    return out


def _run_size(n: int, pool_file: str) -> dict:
    proc = subprocess.run([sys.executable, __file__, "--worker-normalise", str(n), "--pool-file", pool_file],
                          capture_output=True, text=True, cwd=paths.PROJECT_ROOT)
    if proc.returncode:
        raise RuntimeError(f"normalisation worker for {n} records failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _yes(flag) -> str:
    return "not judged here" if flag is None else ("yes" if flag else "NO")


# --------------------------------------------------------------------------- load


_LOAD_CODE = textwrap.dedent("""
    import json, time
    t0 = time.perf_counter()
    import timeline
    t1 = time.perf_counter()
    frame = timeline.load_events()
    t2 = time.perf_counter()
    print(json.dumps({"import_s": t1 - t0, "call_s": t2 - t1, "records": len(frame)}))
""")


def bench_load(quick: bool) -> dict:
    say("== Load: load_events() cold, in a fresh process")
    runs = []
    for _ in range(2 if quick else 5):
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-c", _LOAD_CODE], capture_output=True, text=True,
                              cwd=paths.PROJECT_ROOT)
        wall = time.perf_counter() - t0
        if proc.returncode:
            raise RuntimeError(f"load_events() failed in a fresh process:\n{proc.stderr}")
        r = json.loads(proc.stdout.strip().splitlines()[-1])
        r["wall_s"] = wall
        runs.append(r)
    out = {k: statistics.median(r[k] for r in runs) for k in ("wall_s", "import_s", "call_s")}
    out.update(records=runs[0]["records"], runs=len(runs))
    return out


# --------------------------------------------------------------------------- drafts


def _scores(scores) -> dict:
    from timeline.evaluate_drafts import FIELDS, NAMED

    cands = scores.attrs["candidates"]
    return {"records": len(scores), "articles": len(cands),
            **{f: float(scores[f].mean()) for f in (*FIELDS, NAMED)},
            "drafts": sum(n for n, _ in cands.values()), "false": sum(f for _, f in cands.values())}


def _run(args: list[str], cwd: Path) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "timeline", *args], capture_output=True, text=True, cwd=cwd)
    wall = time.perf_counter() - t0
    if proc.returncode:
        raise RuntimeError(f"timeline {' '.join(args)} failed:\n{proc.stdout}{proc.stderr}")
    return wall, proc.stdout.strip().splitlines()[-1]


def _review(drafts_file: Path, curated_file: Path, text: str) -> int:
    """What a curator does to the drafts of a held-out article, done from its curated records: each draft takes
    the curated record of its sentence (fields and summary), a draft of no record's sentence is deleted. Returns
    the number of fields the review changed (the summaries not counted)."""
    import yaml

    from timeline.detect import split_sentences

    doc = yaml.safe_load(drafts_file.read_text(encoding="utf-8"))
    curated = yaml.safe_load(curated_file.read_text(encoding="utf-8"))["records"]
    sentences = split_sentences(text)
    fields = ("claim_type", "stance", "claimant", "outlet", "quote", "quote_start", "stated", "event", "count")
    changed, kept = 0, []
    for draft in doc["records"]:
        span = next(((s, e) for s, e, _ in sentences if s <= draft["quote_start"] < e), None)
        want = next((r for r in curated if span and span[0] <= r["quote_start"] < span[1]), None)
        if want is None:
            changed += 1  # deleted
            continue
        for key in fields:
            changed += draft.get(key) != want.get(key)
            if want.get(key) is None:
                draft.pop(key, None)
            else:
                draft[key] = want[key]
        draft["summary_en"] = want["summary_en"]
        kept.append(draft)
    doc["records"] = kept

    class Indented(yaml.SafeDumper):  # "records:\n  - id: ...": the layout confirm reads
        def increase_indent(self, flow=False, indentless=False):
            return super().increase_indent(flow, False)

    drafts_file.write_text(yaml.dump(doc, Dumper=Indented, allow_unicode=True, sort_keys=False, width=10_000),
                           encoding="utf-8")
    return changed


#: The held-out sets the drafts benchmark scores, in the order they were curated: folder name under tests/data/
#: (the first is ``evaluate_drafts.UNSEEN_DIR``), ordinal, what the set is to the rules now, and whether it is
#: scored a second time with its own actors known (``--with-actors``). A set curated for the next round is
#: listed before it exists and skipped until then.
HELD_OUT_SETS = (
    ("unseen", "first", "development data since the third round", False),
    ("heldout2", "second", "development data since the fourth round", False),
    ("heldout3", "third", "development data since the fifth round", False),
    ("heldout4", "fourth", "development data since the sixth round", True),
    ("heldout5", "fifth", "development data since the seventh round", True),
    ("heldout6", "sixth", "development data since the eighth round", True),
    ("heldout7", "seventh", "development data since the ninth round", True),
    ("heldout8", "eighth", "development data since the tenth round", True),
    ("heldout9", "ninth", "development data since the eleventh round", True),
    ("heldout10", "tenth", "development data since the twelfth round", True),
    # curated apart while round 12 was written, to measure it: scored once its folder exists (never tuned on)
    ("heldout11", "eleventh", "never tuned on", True),
)


def bench_drafts(quick: bool) -> dict:
    """The drafts' scores (leave one seed out; the held-out articles) and the add-article flow, command by
    command, on a held-out article in a copy of the dataset."""
    import shutil

    import yaml

    from timeline.evaluate_drafts import HELDOUT2_DIR, UNSEEN_DIR, format_scores, score_drafts, score_unseen

    say("== Drafts: scores against the curated records, and add-article to a validated article")
    t0 = time.perf_counter()
    seeds = score_drafts()
    out = {"seeds": _scores(seeds), "seeds_s": time.perf_counter() - t0}
    say(format_scores(seeds))
    for key, ordinal, status, actors_too in HELD_OUT_SETS:
        folder = UNSEEN_DIR if key == "unseen" else HELDOUT2_DIR.parent / key
        if not folder.is_dir():  # a set being curated for the next round is printed once it exists
            say(f"{ordinal} held-out set (tests/data/{key}/): not there yet, skipped")
            continue
        for with_actors in (False, True) if actors_too else (False,):
            t = time.perf_counter()
            scores = score_unseen(folder, with_actors=with_actors)
            name = key + ("_actors" if with_actors else "")
            out.update({name: _scores(scores), name + "_s": time.perf_counter() - t})
            say(f"{ordinal} held-out set, the drafter knowing its actors too (--with-actors):" if with_actors
                else f"{ordinal} held-out set (tests/data/{key}/, {status}):")
            say(format_scores(scores))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        shutil.copytree(paths.DATA_DIR / "records", root / "data" / "records")
        for name in ("actors.yaml", "not_claims.yaml"):
            shutil.copy(paths.DATA_DIR / name, root / "data" / name)
        shutil.copytree(paths.SEEDS_DIR, root / "seeds")
        source = UNSEEN_DIR / "seeds" / f"{FLOW_ARTICLE}.txt"
        meta = yaml.safe_load((UNSEEN_DIR / "seeds" / f"{FLOW_ARTICLE}.meta.yaml").read_text(encoding="utf-8"))
        shutil.copy(source, root / "article.txt")
        flow = {}
        flow["add-article"], said = _run(["add-article", "article.txt", "--data", "data", "--seeds", "seeds",
                                          "--published", str(meta["published_date"])], root)
        stem = sorted((root / "seeds").glob("*.txt"))[-1].stem
        new_meta = root / "seeds" / f"{stem}.meta.yaml"
        filled = yaml.safe_load(new_meta.read_text(encoding="utf-8"))
        filled.update({k: v for k, v in meta.items() if k not in ("seed", "sha256")})
        new_meta.write_text(yaml.safe_dump(filled, allow_unicode=True, sort_keys=False), encoding="utf-8")
        records = root / "data" / "records" / f"{stem}.yaml"
        changed = _review(records, UNSEEN_DIR / "records" / f"{FLOW_ARTICLE}.yaml", source.read_text(encoding="utf-8"))
        flow["confirm"], _ = _run(["confirm", str(records.relative_to(root))], root)
        flow["validate"], valid = _run(["validate", "data", "--seeds", "seeds"], root)
        flow["coverage"], covered = _run(["coverage", "--data", "data", "--seeds", "seeds"], root)
    out["flow"] = {"article": FLOW_ARTICLE, "commands_s": flow, "total_s": sum(flow.values()),
                   "fields_changed": changed, "validate": valid, "coverage": covered}
    return out


# --------------------------------------------------------------------------- validation

VALIDATION_SIZES = (1_000, 10_000, 100_000)
#: The quote of the closest-passage hint: this many characters of the seeds' words in another order.
HINT_QUOTE_CHARS = 1_000_000


def synthetic_dataset(folder: Path, n: int) -> Path:
    """A copy of data/ and seeds/ in ``folder`` whose records are the curated valid ones again and again under
    new ids, ``n`` in all, one records file per seed as the dataset lays them out; returns its data folder."""
    import copy
    import shutil

    import yaml

    shutil.copytree(paths.DATA_DIR, folder / "data", ignore=shutil.ignore_patterns("processed"))
    shutil.copytree(paths.SEEDS_DIR, folder / "seeds")
    base = []
    for f in sorted((folder / "data" / "records").glob("*.yaml")):
        doc = yaml.safe_load(f.read_text(encoding="utf-8"))
        base += [(doc["seed"], r) for r in doc["records"] if not r.get("draft")]
        f.unlink()
    by_seed: dict[str, list] = {}
    for k in range(n):
        seed, rec = base[k % len(base)]
        rec = copy.deepcopy(rec)  # no shared objects: YAML would write them as aliases
        rec["id"], rec["claim_key"] = f"x{k:07d}", rec.get("claim_key") or rec["id"]
        by_seed.setdefault(seed, []).append(rec)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    for seed, recs in by_seed.items():
        (folder / "data" / "records" / f"{Path(seed).stem}.yaml").write_text(
            yaml.dump({"seed": seed, "records": recs}, Dumper=dumper, allow_unicode=True, sort_keys=False,
                      width=1000), encoding="utf-8")
    return folder / "data"


def worker_validate(data_dir: str) -> dict:
    """Run in a fresh process: ``load_dataset`` (what ``timeline validate`` and ``build`` run) on one dataset:
    its time and the process's peak RSS (``ru_maxrss``), before and after the call."""
    from timeline import load_dataset

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    result = load_dataset(Path(data_dir))
    seconds = time.perf_counter() - t0
    rss_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"records": result.n_read, "valid": result.n_valid, "errors": len(result.errors), "s": seconds,
            "ms_per_record": seconds / max(1, result.n_read) * 1000, "rss_before_mb": rss_before,
            "rss_peak_mb": rss_peak, "kb_per_record": (rss_peak - rss_before) * 1024 / max(1, result.n_read)}


def _hint() -> dict:
    """The hint of a quote not in its seed: a 1 MB quote made of the seeds' words in another order."""
    import random

    from timeline.records import _closest_passage, _near_miss

    text = "\n".join(p.read_text(encoding="utf-8") for p in sorted(paths.SEEDS_DIR.glob("*.txt")))
    words, rng, quote, size = text.split(), random.Random(13), [], 0
    while size < HINT_QUOTE_CHARS:
        quote.append(rng.choice(words))
        size += len(quote[-1]) + 1
    quote_text = " ".join(quote)
    out = {"quote_chars": len(quote_text), "seed_chars": len(text)}
    for name, seed_text in (("seeds", text), ("seeds_x20", (text + "\n") * 20)):
        work: dict = {}
        t0 = time.perf_counter()
        hint = _near_miss(seed_text, quote_text) or _closest_passage(seed_text, quote_text, work)
        out[name] = {"s": time.perf_counter() - t0, "seed_chars": len(seed_text), "work": work,
                     "passage_chars": len(hint)}
    return out


def bench_validation(quick: bool) -> dict:
    say("== Validation: load_dataset on synthetic datasets, each in a fresh process; the closest-passage hint")
    sizes = VALIDATION_SIZES[:2] if quick else VALIDATION_SIZES
    out: dict = {"sizes": []}
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            data = synthetic_dataset(Path(tmp), n)
            proc = subprocess.run([sys.executable, __file__, "--worker-validate", str(data)], capture_output=True,
                                  text=True, cwd=paths.PROJECT_ROOT)
            if proc.returncode:
                raise RuntimeError(f"validation worker for {n} records failed:\n{proc.stderr}")
            out["sizes"].append(json.loads(proc.stdout.strip().splitlines()[-1]))
    out["hint"] = _hint()
    return out


# --------------------------------------------------------------------------- charts


def bench_charts(quick: bool) -> dict:
    """CPU milliseconds of one build of each chart (``CHARTS[name].build(frame, flags)``) from the project's
    records at each size, the best of several builds (a build is a tenth to a half of a second: the best is
    the one least disturbed by other work on the machine)."""
    say("== Charts: one build of each chart from the project's records, at the column, phone and slide sizes "
        "(CPU ms, best of " + ("2" if quick else "7") + ")")
    from timeline import load_tables
    from timeline.charts import CHARTS, PHONE_WIDTH

    frame, flags = load_tables()
    # the sizes: the report column, the phone version of a page, the slide (a chart with a slide layout)
    sizes = {"column": {}, "phone": {"width": PHONE_WIDTH}, "slide": {"slide": True}}
    repeats = 2 if quick else 7
    out: dict = {"repeats": repeats, "ms": {}}
    for name, spec in (list(CHARTS.items())[:1] if quick else CHARTS.items()):
        out["ms"][name] = {}
        for size, kw in sizes.items():
            if size == "slide" and not spec.slide:
                continue  # drawn as its column figure at the slide's size
            best = float("inf")
            for _ in range(repeats):
                t0 = time.process_time()
                spec.build(frame, flags, **kw)
                best = min(best, time.process_time() - t0)
            out["ms"][name][size] = best * 1000
    out["total_ms"] = sum(ms for sizes in out["ms"].values() for ms in sizes.values())
    return out


# --------------------------------------------------------------------------- export


def _figures(quick: bool) -> tuple[dict, list]:
    """The chart registry to export (all charts; the first only with --quick) and (name, figure, w, h)."""
    from timeline import load_tables
    from timeline.charts import CHARTS
    from timeline.export import _static_size

    charts = dict(list(CHARTS.items())[:1]) if quick else dict(CHARTS)
    frame, flags = load_tables()
    figures = []
    for name, spec in charts.items():
        fig = spec.build(frame, flags)
        figures.append((name, fig, *_static_size(fig, spec)))
    return charts, figures


def _cpu() -> float:
    """CPU seconds of this process and of its children that have ended (the browsers kaleido started)."""
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _per_call(figures: list, formats: tuple[str, ...], folder: Path, limit: int | None) -> list[float]:
    """One plain plotly.io.write_image per image: kaleido starts a browser for each call."""
    import plotly.io as pio

    from timeline.export import PNG_SCALE

    times = []
    jobs = [(name, fig, w, h, fmt) for fmt in formats for name, fig, w, h in figures][:limit]
    for name, fig, w, h, fmt in jobs:
        t0 = time.perf_counter()
        pio.write_image(fig, folder / f"{name}.{fmt}", format=fmt, width=w, height=h,
                        scale=PNG_SCALE if fmt == "png" else 1)
        times.append(time.perf_counter() - t0)
    return times


def _sync_server(figures: list, formats: tuple[str, ...], folder: Path) -> dict:
    """kaleido.start_sync_server() once, then plain write_image per image (the other one-browser way)."""
    import kaleido
    import plotly.io as pio

    from timeline.export import PNG_SCALE

    import warnings

    warnings.filterwarnings("ignore", message="The kopts argument is ignored")
    t0 = time.perf_counter()
    kaleido.start_sync_server(silence_warnings=True, mathjax=False)
    start = time.perf_counter() - t0
    times = []
    try:
        for fmt in formats:
            for name, fig, w, h in figures:
                t1 = time.perf_counter()
                pio.write_image(fig, folder / f"{name}.{fmt}", format=fmt, width=w, height=h,
                                scale=PNG_SCALE if fmt == "png" else 1)
                times.append(time.perf_counter() - t1)
    finally:
        kaleido.stop_sync_server(silence_warnings=True)
    return {"start_s": start, "image_s": times, "total_s": start + sum(times)}


def bench_export(quick: bool) -> dict:
    say("== Export: charts x PNG, SVG, PDF with one browser (timeline.export) against one write_image call "
        "(a browser start) per image")
    from timeline.export import STATIC_FORMATS, export_charts, find_browser

    if find_browser() is None:
        say("   no Chrome/Chromium found: export not measured")
        return {"browser": None}
    charts, figures = _figures(quick)
    formats = tuple(STATIC_FORMATS)
    out: dict = {"charts": len(charts), "formats": list(formats), "images": len(charts) * len(formats)}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        t0, c0 = time.perf_counter(), _cpu()
        result = export_charts(out_dir=folder / "batch", formats=formats, charts=charts, echo=None)
        wall, batch_cpu = time.perf_counter() - t0, _cpu() - c0
        written = [p for p in result.written if p.suffix.lstrip(".") in formats]
        images = [result.seconds[p] for p in written]
        batch_images_s = (result.browser_start_seconds or 0.0) + sum(images)
        after_first = images[1:] or images
        slowest = max(written[1:] or written, key=lambda p: result.seconds[p])
        by_format = {f: statistics.mean(result.seconds[p] for p in written if p.suffix == f".{f}") for f in formats}
        out["one_browser"] = {
            "wall_s": wall, "browser_start_s": result.browser_start_seconds, "first_image_s": images[0],
            "per_image_after_first_mean_s": statistics.mean(after_first),
            "per_image_after_first_median_s": statistics.median(after_first),
            "per_image_after_first_max_s": max(after_first), "slowest_image": slowest.name,
            "per_image_by_format_mean_s": by_format, "images_s": batch_images_s, "cpu_s": batch_cpu,
            "per_image_including_start_s": batch_images_s / len(images),
        }
        b = out["one_browser"]
        (folder / "per_call").mkdir()
        limit = 1 if quick else None
        c0 = _cpu()
        per_call = _per_call(figures, formats, folder / "per_call", limit)
        per_call_cpu = (_cpu() - c0) / len(per_call)
        per_call_mean = statistics.mean(per_call)
        per_call_all = per_call_mean * len(images)
        out["per_call"] = {"measured_images": len(per_call), "per_image_mean_s": per_call_mean,
                           "per_image_min_s": min(per_call), "measured_s": sum(per_call),
                           "all_images_s": per_call_all, "extrapolated": len(per_call) < len(images),
                           "cpu_s_per_image": per_call_cpu, "all_images_cpu_s": per_call_cpu * len(images)}
        if not quick:
            (folder / "sync").mkdir()
            sync = _sync_server(figures, formats, folder / "sync")
            out["kaleido_sync_server"] = {
                "start_s": sync["start_s"], "total_s": sync["total_s"],
                "per_image_after_first_mean_s": statistics.mean(sync["image_s"][1:] or sync["image_s"]),
                "first_image_s": sync["image_s"][0]}
    out["ratio_vs_per_call"] = per_call_all / batch_images_s
    # CPU seconds (browsers included): the same comparison, less at the mercy of other work on the machine
    out["ratio_vs_per_call_cpu"] = out["per_call"]["all_images_cpu_s"] / b["cpu_s"]
    judged = not quick  # three images cannot show the cost after the first, nor the ratio over all charts
    out["target_per_image_under_0_5s"] = b["per_image_after_first_mean_s"] < TARGETS["export_per_image_s"] \
        if judged else None
    out["every_image_after_first_under_0_5s"] = b["per_image_after_first_max_s"] < TARGETS["export_per_image_s"] \
        if judged else None
    out["target_ratio_8x"] = out["ratio_vs_per_call"] >= TARGETS["export_ratio"] if judged else None
    return out


# --------------------------------------------------------------------------- suite


def _floor_notebook(folder: Path) -> Path:
    import nbformat

    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("1 + 1", execution_count=1)
    cell.outputs = [nbformat.v4.new_output("execute_result", {"text/plain": "2"}, execution_count=1)]
    nb.cells = [cell]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = folder / "floor.ipynb"
    nbformat.write(nb, path)
    return path


def _pytest(args: list[str], cwd: Path, full: bool = False) -> tuple:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", *args], capture_output=True, text=True, cwd=cwd)
    wall = time.perf_counter() - t0
    tail = (proc.stdout.strip().splitlines() or [""])[-1].strip("= ")
    return (wall, proc.returncode, tail, proc.stdout) if full else (wall, proc.returncode, tail)


def bench_suite(quick: bool) -> dict:
    say("== Suite: strict nbval over the notebooks, against the floor (a one-cell notebook: kernel start)")
    out: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        _floor_notebook(Path(tmp))
        floors = [_pytest(["--nbval", "floor.ipynb", "-p", "no:cacheprovider", "-q"], Path(tmp))
                  for _ in range(1 if quick else 3)]
    if any(rc for _, rc, _ in floors):
        raise RuntimeError(f"the floor notebook failed under nbval: {floors[0][2]}")
    out["floor_s"] = statistics.median(t for t, _, _ in floors)
    notebooks = sorted(p.relative_to(paths.PROJECT_ROOT).as_posix() for p in paths.NOTEBOOKS_DIR.glob("*.ipynb"))
    if quick:  # the smallest notebook only
        notebooks = sorted(notebooks, key=lambda p: (paths.PROJECT_ROOT / p).stat().st_size)[:1]
    out["notebooks"] = notebooks
    if not notebooks:
        say("   no notebooks yet: nothing to measure against the floor")
        return out
    runs = {"serial": [], "xdist_2": ["-n", "2", "--dist", "loadfile"]}  # loadfile: a notebook's cells stay together
    if quick:  # one notebook: two workers cannot help it
        runs.pop("xdist_2")
    for name, extra in runs.items():
        t, rc, tail = _pytest(["--nbval", *notebooks, "-p", "no:cacheprovider", "-q", *extra], paths.PROJECT_ROOT)
        out[f"{name}_s"], out[f"{name}_exit"], out[f"{name}_result"] = t, rc, tail
        out[f"{name}_floors"] = t / out["floor_s"]
    if not quick:
        cmd = [*TEST_COMMAND, "-p", "no:cacheprovider", "--durations=0", "-q", "-rf"]
        t, rc, tail, stdout = _pytest(cmd, paths.PROJECT_ROOT, full=True)
        files = _seconds_per_file(stdout)
        failed = sorted(set(re.findall(r"^FAILED (\S+)", stdout, re.M)))
        out.update(test_command_s=t, test_command_exit=rc, test_command_result=tail, test_command_failed=failed,
                   target_test_command_under_90s=t < TARGETS["test_command_s"],
                   test_command_slowest_files=dict(list(files.items())[:8]),
                   test_command_busy_s=sum(files.values()))
    return out


#: What ``make test`` runs (the Makefile's ``test`` target, after ``python -m pytest``): the heavy tests left out.
TEST_COMMAND = ("-n", "2", "--dist", "loadfile", "--no-loadscope-reorder", "-m", "not heavy", "tests",
                "src/timeline", "--nbval", "notebooks")
#: The heavy tests (marker ``heavy`` of pyproject.toml), as ``make test`` would run them.
HEAVY_COMMAND = ("-n", "2", "--dist", "loadfile", "--no-loadscope-reorder", "-m", "heavy", "tests")


def bench_heavy(quick: bool) -> dict:
    """The tests marked heavy (pyproject.toml: a browser or JupyterLab, the full static export, subprocesses, the
    nbval regression net), which ``make test`` leaves out, on two workers: wall and CPU time (of the pytest
    processes and every process they started that has ended), the counts of tests passed, failed and skipped, and
    each test's seconds. A test, not a measurement: any failure makes the script exit 1. --quick runs them all
    too (an end-to-end test has no smaller version)."""
    say("== Heavy: the end-to-end tests make test leaves out (pytest -m heavy, two workers)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_") and k != "PYTHONDONTWRITEBYTECODE"}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", *HEAVY_COMMAND, "-p", "no:cacheprovider", "-q", "-rfEs",
                           "--durations=0", "--durations-min=0"],
                          capture_output=True, text=True, cwd=paths.PROJECT_ROOT, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    tail = (proc.stdout.strip().splitlines() or [""])[-1].strip("= ")
    counts = {f"n_{kind}": sum(int(n) for n in re.findall(rf"(\d+) {kind}", tail))
              for kind in ("passed", "failed", "skipped", "error")}  # "error" counts "errors" too
    tests: dict[str, float] = {}
    for m in re.finditer(r"^([\d.]+)s (?:setup|call|teardown)\s+(\S+)", proc.stdout, re.M):
        tests[m.group(2)] = tests.get(m.group(2), 0.0) + float(m.group(1))
    failed = sorted(set(re.findall(r"^(?:FAILED|ERROR) (\S+)", proc.stdout, re.M)))
    if proc.returncode:  # what failed and why: pytest's failure reports, before its durations
        report = proc.stdout.split("= slowest", 1)[0]
        say(report[max(0, report.find("= FAILURES =") - 30):][-8000:] if "= FAILURES =" in report else report[-4000:],
            proc.stderr[-2000:])
    return {"wall_s": wall, "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            "exit": proc.returncode, "result": tail, "failed": failed, "tests_s": tests, **counts}


def _seconds_per_file(durations: str) -> dict[str, float]:
    """Sum pytest's --durations lines by file, slowest first."""
    total: dict[str, float] = {}
    for m in re.finditer(r"^([\d.]+)s (?:setup|call|teardown)\s+([^:\s]+)", durations, re.M):
        total[m.group(2)] = total.get(m.group(2), 0.0) + float(m.group(1))
    return dict(sorted(total.items(), key=lambda kv: -kv[1]))


# --------------------------------------------------------------------------- property tests at full size

#: The property-based tests the suite runs at a share of their examples (tests/fuzzing.py); here at full size.
FUZZ_TESTS = ("tests/test_fuzz_normalisers.py", "tests/test_fuzz_records.py",
              "tests/test_hardening.py::test_the_yaml_reader_survives_hostile_documents_in_bounded_time_and_memory",
              "tests/test_hardening.py::test_the_yaml_reader_survives_many_hostile_documents")


def _fuzz_run(scale: float) -> dict:
    """The property tests in one pytest process at ``scale`` times their full example count: wall and CPU time
    (the process's, from the rusage of ended children), outcome, and each test's seconds."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "TIMELINE_FUZZ"))}
    env["TIMELINE_FUZZ_SCALE"] = str(scale)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", *FUZZ_TESTS, "-p", "no:cacheprovider", "-p", "no:randomly",
                           "-p", "no:xdist", "-q", "-rf", "--durations=0", "--durations-min=0"],
                          capture_output=True, text=True, cwd=paths.PROJECT_ROOT, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    tests = {}
    for m in re.finditer(r"^([\d.]+)s call\s+(\S+)", proc.stdout, re.M):
        tests[m.group(2)] = float(m.group(1))
    return {"scale": scale, "wall_s": wall, "exit": proc.returncode,
            "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime),
            "result": (proc.stdout.strip().splitlines() or [""])[-1].strip("= "),
            "failed": sorted(set(re.findall(r"^FAILED (\S+)", proc.stdout, re.M))), "tests_s": tests}


def bench_fuzz(quick: bool) -> dict:
    """The property tests at full size (what the suite ran before it took a share), and at the suite's share.

    The same tests and assertions as in the suite, only more generated examples: a failure here is a bug the
    suite's smaller sample missed. --quick runs the suite's share only."""
    sys.path.insert(0, str(paths.PROJECT_ROOT / "tests"))
    from fuzzing import SUITE_SCALE

    say("== Fuzz: the property-based tests at full size, against the share the test suite runs")
    out: dict = {"suite": _fuzz_run(SUITE_SCALE)}
    if not quick:
        out["full"] = _fuzz_run(1.0)
    return out


# --------------------------------------------------------------------------- machine and main


def machine() -> dict:
    from importlib.metadata import version

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = next((int(line.split()[1]) // 1024 for line in Path("/proc/meminfo").read_text().splitlines()
                if line.startswith("MemTotal")), None)
    pkgs = ("pandas", "numpy", "plotly", "kaleido", "dateparser", "nbval", "pytest", "pytest-xdist", "ipykernel")
    chromium = subprocess.run(["chromium", "--version"], capture_output=True, text=True).stdout.strip() \
        if Path("/usr/bin/chromium").exists() else None
    return {"nproc": os.cpu_count(), "cpu": cpu, "memory_mb": mem, "python": platform.python_version(),
            "platform": platform.platform(), "chromium": chromium,
            "packages": {p: version(p) for p in pkgs}}


@dataclass(frozen=True)
class Row:
    """One figure of a run: what is measured, the figure, the target it is held against and whether it is met."""

    measure: str
    figure: str
    target: str = ""
    met: bool | None = None


def _rows_normalisation(n: dict) -> list[Row]:
    rows = []
    if "pool" in n:
        rows.append(Row("expressions the synthetic records are drawn from",
                        f"{n['pool']['date_pairs']} real (expression, anchor, sentence) triples, "
                        f"{n['pool']['count_expressions']} "
                        f"count expressions; {ISO_SHARE:.0%} ISO days from {ISO_FIRST} to {ISO_LAST}, "
                        f"{ERROR_SHARE:.1%} unreadable"))
    for r in n["sizes"]:
        largest = r is n["sizes"][-1]
        million = r["records"] == 1_000_000
        rows += [
            Row(f"normalise {r['records']:,} records (dates + counts), cold / warm",
                f"{r['cold_s']:.3f} s / {r['warm_s']:.3f} s ({r['warm_records_per_s']:,.0f} records/s warm)",
                "< 5 s" if million else "", r["cold_s"] < TARGETS["normalise_1m_s"] if million else None),
            Row(f"· cold: dates / counts ({r['records']:,})",
                f"{r['cold_dates_s']:.3f} s / {r['cold_counts_s']:.3f} s"),
            Row(f"· s per 1k records, cold / warm ({r['records']:,})",
                f"{r['cold_s_per_1k'] * 1000:.2f} ms / {r['warm_s_per_1k'] * 1000:.2f} ms", "linear"),
            Row(f"· peak memory ({r['records']:,}): process RSS / traced by the call",
                f"{r['rss_peak_mb']:.0f} MB (frame built: {r['rss_before_mb']:.0f} MB) / {r['traced_peak_mb']:.0f} MB"),
            Row(f"· distinct (expression, anchor) keys; errors surfaced ({r['records']:,})",
                f"{r['distinct_date_keys']:,}; {r['date_errors']} dates, {r['count_errors']} counts"),
            Row(f"· against dateparser on every row ({r['records']:,}), both cold / both warm",
                f"{r['ratio_vs_per_row_cold']:,.0f}x / {r['ratio_vs_per_row_warm']:,.0f}x (CPU time, warm: "
                f"{r.get('ratio_vs_per_row_warm_cpu', float('nan')):,.0f}x)",
                ">= 300x (largest size)" if largest else "",
                r["ratio_vs_per_row_cold"] >= TARGETS["per_row_ratio"] if largest else None),
        ]
    base = n["per_row"]
    rows.append(Row("dateparser per row (sample)", f"{base['dateparser_s_per_record'] * 1000:.3f} ms per record, "
                    f"{base['dateparser_setup_s']:.2f} s import; read {base['dateparser_read_share_non_iso']:.0%} of "
                    f"the non-ISO rows ({base['sample_rows']:,} rows); parse_count per row "
                    f"{base['parse_count_s_per_record'] * 1e6:.1f} µs"))
    if n.get("warm_fit"):
        rows.append(Row("warm cost fit", f"{n['warm_fit']['fixed_s']:.3f} s + "
                        f"{n['warm_fit']['marginal_s_per_1k'] * 1000:.3f} ms per 1k records"))
    return rows


def _rows_load(ld: dict) -> list[Row]:
    return [Row(f"load_events() cold, fresh process ({ld['records']} records)",
                f"{ld['wall_s']:.2f} s wall; import timeline {ld['import_s']:.2f} s; the call {ld['call_s']:.3f} s "
                f"(median of {ld['runs']})")]


def _rows_validation(v: dict) -> list[Row]:
    rows = [Row(f"validate {r['records']:,} records (load_dataset, fresh process)",
                f"{r['s']:.2f} s ({r['ms_per_record']:.2f} ms per record); peak RSS {r['rss_peak_mb']:.0f} MB "
                f"({r['rss_before_mb']:.0f} MB before the call: {r['kb_per_record']:.1f} KB per record); "
                f"{r['valid']:,} valid, {r['errors']} errors", "linear")
            for r in v["sizes"]]
    h = v["hint"]
    for name in ("seeds", "seeds_x20"):
        r = h[name]
        rows.append(Row(f"closest-passage hint, a {h['quote_chars']:,}-character quote not in a seed of "
                        f"{r['seed_chars']:,} characters", f"{r['s']:.3f} s (seed words read "
                        f"{r['work'].get('words', 0):,}, votes {r['work'].get('votes', 0):,}, characters compared "
                        f"{r['work'].get('compared', 0):,})", "linear in the seed, bounded in the quote"))
    return rows


def _rows_charts(c: dict) -> list[Row]:
    rows = [Row(f"chart build {name}: " + " / ".join(sizes), " / ".join(f"{ms:.0f} ms" for ms in sizes.values()))
            for name, sizes in c["ms"].items()]
    return rows + [Row("· every chart at every size, one build each", f"{c['total_ms']:.0f} ms of CPU")]


def _rows_export(e: dict) -> list[Row]:
    if not e.get("one_browser"):
        return [Row("export", "not measured: no Chrome/Chromium found")]
    b, c = e["one_browser"], e["per_call"]
    rows = [
        Row(f"export {e['images']} images ({e['charts']} charts x PNG, SVG, PDF), one browser",
            f"{b['images_s']:.2f} s (browser start {b['browser_start_s']:.2f} s, first image {b['first_image_s']:.2f} s"
            f"; whole call {b['wall_s']:.2f} s)"),
        Row("· per image after the first: mean / slowest",
            f"{b['per_image_after_first_mean_s']:.3f} s / {b['per_image_after_first_max_s']:.3f} s "
            f"({b['slowest_image']})", "< 0.5 s", e.get("target_per_image_under_0_5s")),
        Row("· per image by format (mean)",
            ", ".join(f"{f} {t:.3f} s" for f, t in b["per_image_by_format_mean_s"].items())),
        Row("· one write_image call per image", f"{c['per_image_mean_s']:.2f} s per image (min "
            f"{c['per_image_min_s']:.2f} s), {c['all_images_s']:.1f} s for all"
            + (f" (measured on {c['measured_images']}, extrapolated)" if c["extrapolated"] else "")),
        Row("· one browser against a browser per image, wall (CPU time incl. browsers)",
            f"{e['ratio_vs_per_call']:.1f}x ({e.get('ratio_vs_per_call_cpu', float('nan')):.1f}x)", ">= 8x",
            e.get("target_ratio_8x")),
    ]
    if e.get("kaleido_sync_server"):
        k = e["kaleido_sync_server"]
        rows.append(Row("· reference: kaleido.start_sync_server() + write_image",
                        f"{k['total_s']:.2f} s ({k['per_image_after_first_mean_s']:.3f} s per image after the first)"))
    return rows


def _rows_suite(su: dict) -> list[Row]:
    rows = [Row("floor: one-cell notebook under nbval",
                f"{su['floor_s']:.2f} s (pytest start, kernel start, one cell)")]
    for name, label in (("serial", "one process"), ("xdist_2", "-n 2 --dist loadfile")):
        if f"{name}_s" in su:
            rows.append(Row(f"strict nbval, {len(su['notebooks'])} notebooks, {label}",
                            f"{su[f'{name}_s']:.1f} s = {su[f'{name}_floors']:.1f}x the floor "
                            f"({su[f'{name}_result']})"))
    if "test_command_s" in su:
        failed = su.get("test_command_failed") or []
        rows.append(Row("the whole test command (make test)", f"{su['test_command_s']:.1f} s "
                        f"({su['test_command_result']})" + (f"; failed: {', '.join(failed)}" if failed else ""),
                        "< 90 s", su["target_test_command_under_90s"]))
        files = sorted(su["test_command_slowest_files"].items(), key=lambda kv: -kv[1])[:4]
        rows.append(Row("· slowest test files (each on one worker)", ", ".join(f"`{f}` {t:.1f} s" for f, t in files)
                        + (f"; all tests {su['test_command_busy_s']:.0f} s of work" if "test_command_busy_s" in su
                           else "")))
    return rows


def _rows_fuzz(f: dict) -> list[Row]:
    rows = []
    for key, label in (("full", "property tests at full size (TIMELINE_FUZZ_SCALE=1)"),
                       ("suite", "· the same at the test suite's share")):
        if key not in f:
            continue
        r = f[key]
        slowest = sorted(r["tests_s"].items(), key=lambda kv: -kv[1])[:2]
        rows.append(Row(label, f"{r['wall_s']:.1f} s, {r['cpu_s']:.1f} s CPU ({r['result']}; scale {r['scale']:g})"
                        + (f"; failed: {', '.join(r['failed'])}" if r["failed"] else "")
                        + ("; slowest: " + ", ".join(f"`{t.split('::')[-1]}` {s:.1f} s" for t, s in slowest)
                           if slowest else ""), "every test passes", r["exit"] == 0))
    return rows


def _rows_heavy(h: dict) -> list[Row]:
    ran = h["n_passed"] + h["n_failed"] + h["n_error"]
    rows = [Row("the heavy tests (pytest -m heavy, 2 workers; not in make test)",
                f"{ran} tests ({h['result']}); {h['wall_s']:.1f} s wall, {h['cpu_s']:.1f} s CPU"
                + (f"; failed: {', '.join(h['failed'])}" if h["failed"] else ""), "every test passes",
                h["exit"] == 0)]
    slowest = sorted(h["tests_s"].items(), key=lambda kv: -kv[1])[:3]
    if slowest:
        rows.append(Row("· slowest heavy tests", ", ".join(f"`{t.split('::')[-1]}` {s:.1f} s" for t, s in slowest)))
    return rows


def _rows_drafts(d: dict) -> list[Row]:
    rows = []
    labels = [("seeds", "leave one seed out")]
    for key, ordinal, status, actors_too in HELD_OUT_SETS:
        labels.append((key, f"{ordinal} held-out set ({status})"))
        if actors_too:
            labels.append((key + "_actors", f"{ordinal} held-out set, its actors known"))
    for key, label in labels:
        if key not in d:
            continue
        sc = d[key]
        fields = ", ".join(f"{f} {sc[f]:.1%}" for f in ("claimant", "outlet", "count", "dates"))
        every = min(sc[f] for f in ("claimant", "outlet", "count", "dates"))
        per_article = sc["false"] / sc["articles"]
        rows += [
            Row(f"drafts, {label}: {sc['records']} records of {sc['articles']} articles", fields + f" ({d[key + '_s']:.1f} s)",
                ">= 80 % each" if key == "seeds" else "", every >= TARGETS["draft_field"] if key == "seeds" else None),
            Row("· claimant, count and dates all right", f"{sc['all']:.1%}", ">= 70 %" if key == "seeds" else "",
                sc["all"] >= TARGETS["draft_all"] if key == "seeds" else None),
            Row("· claimant named, counting a proposed new actor whose name is an alias of the curated actor",
                f"{sc['claimant_named']:.1%} (strict {sc['claimant']:.1%})" if "claimant_named" in sc else "n/a",
                "", None),
            Row("· candidate sentences: recall; false candidates per article",
                f"{sc['sentence']:.1%}; {per_article:.1f} ({sc['false']} of {sc['drafts']} drafts)",
                ">= 95 %; <= 1" if key == "seeds" else "",
                (sc["sentence"] >= TARGETS["draft_sentence"] and per_article <= TARGETS["draft_false_per_article"])
                if key == "seeds" else None),
        ]
    f = d["flow"]
    rows.append(Row(f"add-article to a validated article ({f['article']}, commands only)",
                    ", ".join(f"{c} {t:.1f} s" for c, t in f["commands_s"].items()) + f"; {f['total_s']:.1f} s in all; "
                    f"the review changed {f['fields_changed']} field(s) besides the summaries; {f['validate']}"))
    return rows


#: The rows of each section's figures: the one place that formats them, for the console and for the README.
def _rows_peers(p: dict) -> list[Row]:
    """The date reader beside dateparser alone and Duckling on each annotated set: in all (every class is in
    the table benchmarks/peers.py prints)."""
    out = []
    for name, table in p.items():
        if not isinstance(table, list):
            continue
        total = next(r for r in table if r["class"] == "all")
        weakest = min((r for r in table if r["class"] != "all"), key=lambda r: r["ours"])
        duck = "n/a" if total["duckling"] != total["duckling"] else f"{total['duckling']:.1%}"
        out.append(Row(f"date reading on {name}.yaml ({total['items']} items): ours / dateparser alone / Duckling",
                       f"{total['ours']:.1%} / {total['dateparser']:.1%} / {duck} (weakest class of ours: "
                       f"{weakest['class']} {weakest['ours']:.1%})"))
    return out


ROWS = {"normalisation": _rows_normalisation, "peers": _rows_peers, "load": _rows_load,
        "validation": _rows_validation, "drafts": _rows_drafts, "charts": _rows_charts, "export": _rows_export,
        "fuzz": _rows_fuzz, "heavy": _rows_heavy,
        "suite": _rows_suite}


def rows(results: dict) -> list[Row]:
    """Every figure of a run (its JSON), section by section, as rows."""
    return [row for name, make in ROWS.items() if results.get(name) for row in make(results[name])]


def console_lines(section_rows: list[Row]) -> list[str]:
    """Rows as the console shows them while the benchmarks run."""
    return [f"   {r.measure}: {r.figure}" + (f" [target {r.target}: {_yes(r.met)}]" if r.target else "")
            for r in section_rows]


def markdown_table(results: dict) -> str:
    """The figures of one run (its JSON) as the Markdown table of benchmarks/README.md."""
    body = [f"| {r.measure} | {r.figure} | {r.target} | {'' if r.met is None else ('yes' if r.met else '**no**')} |"
            for r in rows(results)]
    loads = [f"{k} {v['load_average_1min'][0]}-{v['load_average_1min'][1]}" for k, v in results.items()
             if isinstance(v, dict) and "load_average_1min" in v]
    head = ["| measure | figure | target | met |", "|---|---|---|---|"]
    return "\n".join(head + body) + "\n\nLoad average (1 min) before-after each section: " + "; ".join(loads) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smaller version of each (under a minute in all)")
    parser.add_argument("--only", default=",".join(SECTIONS), help=f"comma-separated sections: {', '.join(SECTIONS)}")
    parser.add_argument("--sizes", type=lambda t: [int(x) for x in t.split(",")],
                        help="normalisation: comma-separated frame sizes (default 10000,100000,1000000)")
    parser.add_argument("--sample", type=int, help="normalisation: rows parsed one by one with dateparser")
    parser.add_argument("--table", metavar="JSON", help="print the README table of a saved run's JSON line and exit")
    parser.add_argument("--worker-normalise", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--pool-file", help=argparse.SUPPRESS)
    parser.add_argument("--worker-validate", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.table:
        text = [line for line in Path(args.table).read_text(encoding="utf-8").splitlines() if line.startswith("{")][-1]
        print(markdown_table(json.loads(text)), end="")
        return 0
    if args.worker_validate:
        print(json.dumps(worker_validate(args.worker_validate)))
        return 0
    if args.worker_normalise:
        print(json.dumps(worker_normalise(args.worker_normalise, args.pool_file)))
        return 0
    sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = [s for s in sections if s not in SECTIONS]
    if unknown:
        parser.error(f"unknown section(s) {', '.join(unknown)}: choose from {', '.join(SECTIONS)}")
    results: dict = {"quick": args.quick, "machine": machine(), "targets": TARGETS}
    m = results["machine"]
    say(f"Machine: {m['nproc']} cores, {m['cpu']}, {m['memory_mb']} MB, Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in m["packages"].items()))
    from peers import bench_peers

    bench = {"normalisation": lambda q: bench_normalisation(q, args.sizes, args.sample), "peers": bench_peers,
             "load": bench_load, "validation": bench_validation, "drafts": bench_drafts, "charts": bench_charts,
             "export": bench_export,
             "fuzz": bench_fuzz, "heavy": bench_heavy, "suite": bench_suite}
    t0 = time.perf_counter()
    for name in sections:
        load_before = os.getloadavg()[0]
        results[name] = bench[name](args.quick)
        for line in console_lines(ROWS[name](results[name])):
            say(line)
        # Other work on the machine shows in the times: keep the load beside the figures.
        results[name]["load_average_1min"] = [round(load_before, 2), round(os.getloadavg()[0], 2)]
        say(f"   (load average over 1 min, before and after: {load_before:.2f}, {os.getloadavg()[0]:.2f})")
    results["total_s"] = time.perf_counter() - t0
    say(f"== Done in {results['total_s']:.1f} s")
    print(json.dumps(results, sort_keys=True, default=str))
    if "heavy" in results and results["heavy"]["exit"] != 0:
        say(f"== A heavy test failed ({results['heavy']['result']}): exit status 1")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
