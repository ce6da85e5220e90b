"""Print every curated record whose draft misses a field, draft beside curated record (a development aid).

    python scripts/diag_misses.py tests/data/heldout4 [--with-actors]
    python scripts/diag_misses.py --seeds          (leave one seed out, as score-drafts does)

Never point it at a held-out set that measures the current round."""
import sys
from pathlib import Path

from timeline.drafts import draft_records
from timeline.evaluate_drafts import _learnt, _score_article, _written_names, load_unseen
from timeline.names import ActorRegistry
from timeline.records import load_dataset
from timeline.seeds import load_seeds


def show(name, drafts, cur, known_ids, written, full):
    rows = _score_article(name, drafts, cur, known_ids, written, full)
    for rec, row in zip(cur.itertuples(), rows):
        missed = [f for f in ("sentence", "claimant", "outlet", "count", "dates") if not row.get(f)]
        if not missed:
            continue
        d = next((d for d in drafts if d.candidate.start <= int(rec.quote_start) < d.candidate.end), None)
        print(f"--- {rec.record_id} miss: {missed}")
        print("   Q:", rec.quote[:300])
        print("   cur: claimant", rec.claimant, "outlet", rec.outlet, "count", rec.count_low, rec.count_best,
              rec.count_high, rec.count_unit, "stated", rec.stated_start, rec.stated_end, "event", rec.event_start,
              rec.event_end)
        if d:
            count = (d.count.low, d.count.best, d.count.high, d.record["count"]["unit"]) if d.count else None
            print("   got: claimant", d.record["claimant"], repr(d.claimant_name), "outlet", d.record["outlet"],
                  repr(d.outlet_name), "count", count, "stated", d.stated.start, d.stated.end, "event",
                  d.event.start, d.event.end)


args = sys.argv[1:]
if args and args[0] == "--seeds":
    result = load_dataset()
    frame = result.frame
    full = ActorRegistry.from_yaml()
    written = _written_names()
    for name, seed in sorted(load_seeds().items()):
        known = _learnt(frame, written, full, name)
        drafts = draft_records(name, seed.text, seed.published_date, known.registry, extra_names=known.names,
                               meta=seed.meta)
        show(name, drafts, frame[frame["seed"] == name], known.registry.by_id, written, full)
else:
    folder = Path(args[0])
    result, full = load_unseen(folder)
    written = _written_names(folder, full, folder / "records")
    drafter = full if "--with-actors" in args else ActorRegistry.from_yaml()
    for name, seed in sorted(load_seeds(folder / "seeds").items()):
        drafts = draft_records(name, seed.text, seed.published_date, drafter, meta=seed.meta)
        show(name, drafts, result.frame[result.frame["seed"] == name], drafter.by_id, written, full)
