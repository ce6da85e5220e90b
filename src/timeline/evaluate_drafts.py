"""Scoring the drafts against the curated records, leaving one seed out at a time.

For each seed, the drafter knows only the actors that the *other* seeds' records name, by the names those
records write and the actors' display names (not the aliases of actors.yaml, which were written with every
seed in view). Each curated record is matched with the draft of the sentence its quote starts in; per field:

- sentence: a draft exists for the sentence;
- claimant, outlet: the draft names the curated actor (by id, or, for a name the drafter does not know,
  by a name that is the actor's display name or the record's written name, or the last word of either);
- count: the same low, best and high and the same unit (or no count in either);
- dates: the same statement interval and the same event interval (as the loader reads them);
- all: claimant, count and dates all match.

``python -m timeline score-drafts`` prints the table; the benchmark prints it too.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from .drafts import draft_records
from .names import Actor, ActorRegistry, name_key
from .records import load_dataset
from .seeds import load_seeds

__all__ = ["FIELDS", "score_drafts", "format_scores"]

FIELDS = ("sentence", "claimant", "outlet", "count", "dates", "all")


@dataclass
class _Known:
    registry: ActorRegistry
    names: dict[str, str]


def _learnt(frame: pd.DataFrame, written: dict[str, tuple[str, str]], full: ActorRegistry, seed: str) -> _Known:
    """The actors the other seeds' records name, with the names they write."""
    others = frame[frame["seed"] != seed]
    ids = set(others["claimant"]) | set(others["outlet"]) | {"article"}
    actors = [Actor(a.id, a.name, a.kind, a.country, a.role, None, ()) for a in full.by_id.values() if a.id in ids]
    names = {}
    for rid in others["record_id"]:
        for fld in ("claimant", "outlet"):
            text, actor_id = written.get((rid, fld), (None, None))
            if text and name_key(text) != name_key(actor_id):
                names[text] = actor_id
    return _Known(ActorRegistry(actors), names)


def _written_names(data_dir=None) -> dict[tuple[str, str], tuple[str, str]]:
    import yaml

    from .records import record_files
    full = ActorRegistry.from_yaml(None if data_dir is None else f"{data_dir}/actors.yaml")
    out = {}
    for path in record_files(data_dir):
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for rec in doc.get("records") or []:
            for fld in ("claimant", "outlet"):
                try:
                    out[(rec["id"], fld)] = (str(rec[fld]), full.resolve(str(rec[fld])).id)
                except Exception:  # noqa: BLE001 - an unreadable record is the validator's to report
                    pass
    return out


def _same_actor(proposed_id, proposed_text, want_id, written, full: ActorRegistry) -> bool:
    if proposed_id:
        return proposed_id == want_id
    if not proposed_text:
        return False
    keys = {name_key(full.by_id[want_id].name), name_key(written or "")}
    keys |= {name_key(k.split()[-1]) for k in (full.by_id[want_id].name, written or "") if k.split()}
    return name_key(proposed_text) in keys


def score_drafts(data_dir=None, seeds_dir=None) -> pd.DataFrame:
    """One row per curated record: seed, record id and whether each field of its draft matches."""
    result = load_dataset(data_dir, seeds_dir=seeds_dir) if data_dir else load_dataset(seeds_dir=seeds_dir)
    frame = result.frame
    seeds = load_seeds(seeds_dir)
    full = ActorRegistry.from_yaml(None if data_dir is None else f"{data_dir}/actors.yaml")
    written = _written_names(data_dir)
    rows = []
    for name, seed in sorted(seeds.items()):
        known = _learnt(frame, written, full, name)
        drafts = draft_records(name, seed.text, seed.published_date, known.registry, extra_names=known.names)
        for rec in frame[frame["seed"] == name].itertuples():
            start = int(rec.quote_start)
            d = next((d for d in drafts if d.candidate.start <= start < d.candidate.end), None)
            row = {"seed": name, "record_id": rec.record_id}
            if d is None:
                row.update({f: False for f in FIELDS})
                rows.append(row)
                continue
            row["sentence"] = True
            row["claimant"] = _same_actor(d.record["claimant"] if d.record["claimant"] in full.by_id and
                                          d.record["claimant"] in known.registry.by_id else None,
                                          d.claimant_name, rec.claimant, written.get((rec.record_id, "claimant"),
                                                                                      ("", ""))[0], full)
            row["outlet"] = _same_actor(d.record["outlet"] if d.record["outlet"] in known.registry.by_id else None,
                                        d.outlet_name, rec.outlet,
                                        written.get((rec.record_id, "outlet"), ("", ""))[0], full)
            want = (None if pd.isna(rec.count_low) else int(rec.count_low),
                    None if pd.isna(rec.count_best) else int(rec.count_best),
                    None if pd.isna(rec.count_high) else int(rec.count_high),
                    None if pd.isna(rec.count_unit) else rec.count_unit)
            got = ((d.count.low, d.count.best, d.count.high, d.record["count"]["unit"]) if d.count
                   else (None, None, None, None))
            row["count"] = want == got
            day = lambda v: None if pd.isna(v) else pd.Timestamp(v).date()  # noqa: E731
            row["dates"] = ((day(rec.stated_start), day(rec.stated_end)) == (d.stated.start, d.stated.end)
                            and (day(rec.event_start), day(rec.event_end)) == (d.event.start, d.event.end))
            row["all"] = row["claimant"] and row["count"] and row["dates"]
            rows.append(row)
    return pd.DataFrame(rows, columns=["seed", "record_id", *FIELDS])


def format_scores(scores: pd.DataFrame) -> str:
    """The share of records whose draft matches, per field and seed, and over all."""
    lines = [f"{'seed':28} {'records':>7} " + " ".join(f"{f:>9}" for f in FIELDS)]
    for seed, group in [*scores.groupby("seed"), ("all", scores)]:
        lines.append(f"{seed:28} {len(group):7d} " + " ".join(f"{100 * group[f].mean():8.1f}%" for f in FIELDS))
    return "\n".join(lines)
