"""The date reader against the peers a user would otherwise pick, side by side on the annotated sets.

Peers: dateparser alone (``DateDataParser(languages=["de"])`` with the anchor as its relative base, the
expression as written, its period widened to an interval) and Duckling's German rules
(``pyduckling-native-phihos``, installed by ``make bench`` from the ``bench`` extra; a peer, never a
dependency of the package). Neither takes the sentence; ours does. A peer is right on an item when its
first and last day are the annotation's (for what is not a date: when it finds no date); ours is also
scored with the precision ("full").

    .venv/bin/python benchmarks/peers.py          # both sets, every class
"""

from __future__ import annotations

import calendar
import datetime as dt
import sys
import time
from pathlib import Path

import pandas as pd

from timeline.devset import DEV_SET, CLASSES, Reading, load_dev_set, read_ours, score
from timeline.paths import PROJECT_ROOT

HELD_OUT = PROJECT_ROOT / "tests" / "data" / "dates_heldout.yaml"


def _grain_interval(day: dt.date, grain: str) -> tuple[dt.date, dt.date]:
    if grain in ("week",):
        lo = day - dt.timedelta(days=day.weekday())
        return lo, lo + dt.timedelta(days=6)
    if grain == "month":
        return day.replace(day=1), day.replace(day=calendar.monthrange(day.year, day.month)[1])
    if grain == "quarter":
        q = (day.month - 1) // 3
        last = 3 * q + 3
        return dt.date(day.year, 3 * q + 1, 1), dt.date(day.year, last, calendar.monthrange(day.year, last)[1])
    if grain == "year":
        return dt.date(day.year, 1, 1), dt.date(day.year, 12, 31)
    return day, day


def read_dateparser():
    """dateparser alone, as a user would call it: the expression as written, the anchor as relative base."""
    from dateparser.date import DateDataParser

    parser = DateDataParser(languages=["de"], settings={"PREFER_DAY_OF_MONTH": "first"})

    def read(expression: str, anchor: dt.date, sentence: str | None) -> Reading:
        parser._settings.RELATIVE_BASE = dt.datetime(anchor.year, anchor.month, anchor.day, 12)
        try:
            data = parser.get_date_data(expression)
        except Exception as exc:  # noqa: BLE001 - a peer's failure is a refusal
            return Reading(refused=str(exc))
        if data.date_obj is None:
            return Reading(refused="no date")
        lo, hi = _grain_interval(data.date_obj.date(), data.period or "day")
        return Reading(lo, hi)

    return read


def read_duckling():
    """Duckling's German rules: the longest time entity found in the expression."""
    try:
        from duckling import (Context, default_locale_lang, load_time_zones, parse, parse_dimensions, parse_lang,
                              parse_ref_time)
    except ImportError:
        return None
    zones = load_time_zones("/usr/share/zoneinfo")
    lang = default_locale_lang(parse_lang("DE"))
    dims = parse_dimensions(["time"])

    def day_of(value: dict | None) -> dt.datetime | None:
        return None if not value else dt.datetime.fromisoformat(value["value"][:19])

    def read(expression: str, anchor: dt.date, sentence: str | None) -> Reading:
        ref = int(dt.datetime(anchor.year, anchor.month, anchor.day, 12, tzinfo=dt.timezone.utc).timestamp())
        try:
            found = parse(expression, Context(parse_ref_time(zones, "UTC", ref), lang), dims, False)
        except Exception as exc:  # noqa: BLE001
            return Reading(refused=str(exc))
        if not found:
            return Reading(refused="no date")
        best = max(found, key=lambda e: e["end"] - e["start"])["value"]
        if best.get("type") == "interval":
            lo, hi = day_of(best.get("from")), day_of(best.get("to"))
            # Duckling's interval ends are exclusive
            return Reading(lo.date() if lo else None, (hi - dt.timedelta(seconds=1)).date() if hi else None)
        lo, hi = _grain_interval(day_of(best).date(), best.get("grain", "day"))
        return Reading(lo, hi)

    return read


def comparison(items) -> pd.DataFrame:
    """Per class: items, ours (interval, full), dateparser alone and Duckling (interval), as shares."""
    ours = score(items, read_ours)
    table = ours[["class", "items"]].copy()
    table["ours"] = ours["full_share"]
    table["ours_interval"] = ours["interval_share"]
    table["dateparser"] = score(items, read_dateparser())["interval_share"]
    duck = read_duckling()
    table["duckling"] = score(items, duck)["interval_share"] if duck else float("nan")
    return table


def markdown(table: pd.DataFrame) -> str:
    head = "| class | items | ours | ours (interval only) | dateparser alone | Duckling |\n|---|---:|---:|---:|---:|---:|"
    rows = [f"| {r['class']} | {r['items']} | {r['ours']:.1%} | {r['ours_interval']:.1%} | {r['dateparser']:.1%} | "
            + ("n/a" if pd.isna(r["duckling"]) else f"{r['duckling']:.1%}") + " |" for _, r in table.iterrows()]
    return "\n".join([head, *rows])


def bench_peers(quick: bool = False) -> dict:
    out = {}
    for name, path in (("development set", DEV_SET), ("held-out set", HELD_OUT)):
        if not Path(path).exists():
            print(f"== {name}: {path.name} not found", flush=True)
            continue
        items = load_dev_set(path)
        t0 = time.perf_counter()
        table = comparison(items)
        print(f"== Date reading on the {name} ({path.name}, {len(items)} items; {time.perf_counter() - t0:.1f} s)",
              flush=True)
        if read_duckling() is None:
            print("   Duckling is not installed: pip install -e '.[bench]' (make bench does)", flush=True)
        print(markdown(table), flush=True)
        out[path.stem] = table.to_dict(orient="records")
    return out


if __name__ == "__main__":
    bench_peers("--quick" in sys.argv)
