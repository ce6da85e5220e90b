"""Write the events frame as a committed, reviewable CSV.

The CSV is deterministic (sorted rows, fixed column order, ISO dates, '\\n'
line ends), so a change of data or normalisation shows as a readable diff.
"""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd

from .atomic import write_atomic
from .paths import EVENTS_CSV

__all__ = ["events_csv_text", "write_events_csv"]


def events_csv_text(frame: pd.DataFrame) -> str:
    """The frame as CSV text: ISO dates, empty cells for missing values.

    >>> from timeline import load_events
    >>> events_csv_text(load_events()).splitlines()[0].startswith("record_id,seed,")
    True
    """
    out = frame.copy()
    for col in out.columns:
        if str(out[col].dtype).startswith("datetime64"):
            out[col] = out[col].dt.strftime("%Y-%m-%d")
    buf = io.StringIO()
    out.to_csv(buf, index=False, lineterminator="\n")
    return buf.getvalue()


def write_events_csv(frame: pd.DataFrame, path: Path | str | None = None) -> Path:
    """Write :func:`events_csv_text` to ``path`` (default ``data/processed/events.csv``)."""
    path = Path(path) if path else EVENTS_CSV
    write_atomic(path, events_csv_text(frame))  # whole or not at all: an error leaves the old file
    return path
