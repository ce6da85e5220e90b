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

__all__ = ["SharedAttr", "events_csv_text", "shared_attrs", "write_events_csv"]

_SCALARS = (str, int, float, bool, type(None))


class SharedAttr(dict):
    """A read-only dict of scalars kept in a frame's ``attrs`` (the case's nouns, the actors' short names): pandas
    deep-copies a frame's ``attrs`` at every operation that makes a new frame (``__finalize__``), which was 8 % of
    a chart's CPU; a dict no one can change can be shared instead of copied. Changing it is a :class:`TypeError`
    (copy it with ``dict(...)`` first).

    >>> import copy
    >>> names = SharedAttr({"National Intelligence Service (South Korea)": "NIS"})
    >>> copy.deepcopy(names) is names, copy.copy(names) is names, names == dict(names)
    (True, True, True)
    >>> names["x"] = "y"
    Traceback (most recent call last):
    TypeError: SharedAttr is read-only (frame.attrs are shared between frames): copy it with dict(...) first
    """

    def __deepcopy__(self, memo):
        return self

    def __copy__(self):
        return self

    def __reduce__(self):
        return type(self), (dict(self),)

    def _read_only(self, *args, **kwargs):
        raise TypeError(f"{type(self).__name__} is read-only (frame.attrs are shared between frames): copy it "
                        "with dict(...) first")

    __setitem__ = __delitem__ = __ior__ = clear = pop = popitem = setdefault = update = _read_only


def shared_attrs(attrs: dict) -> dict:
    """``attrs`` with each dict of scalars in it made a :class:`SharedAttr` (others, and dicts holding lists or
    dicts, are left as they are: pandas copies those).

    >>> a = shared_attrs({"case": {"title": "t"}, "nested": {"k": [1]}, "text_safe": True})
    >>> type(a["case"]).__name__, type(a["nested"]).__name__, a["text_safe"]
    ('SharedAttr', 'dict', True)
    """
    return {k: SharedAttr(v) if type(v) is dict and all(isinstance(x, _SCALARS) for x in v.values()) else v
            for k, v in attrs.items()}


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
