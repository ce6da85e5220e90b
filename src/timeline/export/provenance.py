"""Provenance of an export: the articles the charts are drawn from, the number of records, the data's hash and date.

The articles' titles and dates come from their metadata (``seeds/*.meta.yaml``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

import pandas as pd

__all__ = ["Provenance", "SeedInfo", "provenance"]


@dataclass(frozen=True)
class SeedInfo:
    """One article the charts are drawn from."""

    name: str
    title: str
    outlet: str
    published_date: dt.date
    published_precision: str
    n_records: int


@dataclass(frozen=True)
class Provenance:
    """What the charts are drawn from: the articles, the number of records, the data's hash and date."""

    n_records: int
    data_sha256: str
    seeds: tuple[SeedInfo, ...]

    @property
    def data_date(self) -> dt.date | None:
        """The latest publication date of the articles drawn from (None without records)."""
        return max((s.published_date for s in self.seeds), default=None)

    def summary(self) -> str:
        """One line for the console and the index.

        >>> Provenance(0, "0" * 64, ()).summary()
        '0 records from 0 articles; data SHA-256 000000000000'
        """
        text = (f"{_plural(self.n_records, 'record')} from {_plural(len(self.seeds), 'article')}; "
                f"data SHA-256 {self.data_sha256[:12]}")
        if self.data_date:
            text += f"; latest article published {self.data_date.isoformat()}"
        return text


def _plural(n: int, word: str) -> str:
    """``1 record``, ``2 records``.

    >>> _plural(1, "article"), _plural(0, "article")
    ('1 article', '0 articles')
    """
    return f"{n} {word}{'' if n == 1 else 's'}"


def provenance(frame: pd.DataFrame, seeds: dict | None = None) -> Provenance:
    """The provenance of a frame: its articles with their publication dates, its size and content hash.

    The hash is the SHA-256 of the frame as written to ``data/processed/events.csv``.

    >>> from timeline import load_events
    >>> p = provenance(load_events())
    >>> p.n_records == sum(s.n_records for s in p.seeds), len(p.data_sha256)
    (True, 64)
    """
    from ..frame import events_csv_text
    from ..seeds import load_seeds

    seeds = load_seeds() if seeds is None else seeds
    counts = frame["seed"].value_counts(sort=False) if len(frame) else pd.Series(dtype="int64")
    infos = []
    for name in sorted(counts.index):
        if name not in seeds:
            raise ValueError(f"the frame draws from seed {name!r}, which has no valid metadata in seeds/")
        meta = seeds[name].meta
        infos.append(SeedInfo(name, str(meta["title"]), str(meta["outlet"]), meta["published_date"],
                              str(meta.get("published_precision", "")), int(counts[name])))
    digest = hashlib.sha256(events_csv_text(frame).encode("utf-8")).hexdigest()
    return Provenance(len(frame), digest, tuple(infos))
