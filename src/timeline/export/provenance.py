"""Provenance of an export: the articles the charts are drawn from, the number of records, the data's hash and date.

Everything comes from the events frame itself (its ``seed``, ``article_title``,
``article_outlet``, ``published`` and ``published_precision`` columns), so that
the charts of any dataset state their own provenance.
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


def provenance(frame: pd.DataFrame) -> Provenance:
    """The provenance of a frame: its articles with their titles and publication dates, its size and content hash.

    The hash is the SHA-256 of the frame as written to ``data/processed/events.csv``.

    >>> from timeline import load_events
    >>> p = provenance(load_events())
    >>> p.n_records == sum(s.n_records for s in p.seeds), len(p.data_sha256)
    (True, 64)
    """
    from ..frame import events_csv_text

    infos = []
    # a publisher that is an actor by the one name the charts write (its short form where declared, review 9 major 7)
    shorts = dict(frame.attrs.get("short_names") or {})
    for name, rows in frame.groupby("seed", sort=True):
        first = rows.iloc[0]
        outlet = str(first["article_outlet"])
        infos.append(SeedInfo(str(name), str(first["article_title"]), shorts.get(outlet, outlet),
                              pd.Timestamp(first["published"]).date(), str(first["published_precision"]), len(rows)))
    digest = hashlib.sha256(events_csv_text(frame).encode("utf-8")).hexdigest()
    return Provenance(len(frame), digest, tuple(infos))
