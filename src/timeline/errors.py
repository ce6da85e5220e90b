"""Validation errors: each names the file, the line, the record, the field, the value and what is wrong."""

from __future__ import annotations

import reprlib
from dataclasses import dataclass
from typing import Any

__all__ = ["ValidationError", "RecordsInvalid", "format_errors", "short_repr"]

#: How many characters of a value an error message shows.
VALUE_CHARS = 80
_BOUNDED = reprlib.Repr()
_BOUNDED.maxlevel, _BOUNDED.maxdict, _BOUNDED.maxlist, _BOUNDED.maxtuple, _BOUNDED.maxset = 3, 6, 6, 6, 6
_BOUNDED.maxstring = _BOUNDED.maxother = _BOUNDED.maxlong = VALUE_CHARS


def _digits(value: int) -> int:
    """How many decimal digits an integer has, without printing it (Python refuses beyond 4,300)."""
    value = abs(value)
    digits = max(1, int((value.bit_length() - 1) * 0.30102999566398120))
    while value >= 10 ** digits:
        digits += 1
    return digits


def short_repr(value: Any, limit: int = VALUE_CHARS) -> str:
    """The repr of a value, at most ``limit`` characters, at a cost bounded whatever the value holds.

    A text is cut before its repr is taken, a container shows its first items a few levels deep, and an integer
    too long to print says how long it is.

    >>> short_repr("abc"), short_repr(10 ** 5000), len(short_repr("x" * 10 ** 6))
    ("'abc'", '<an integer of 5001 digits>', 80)
    >>> bomb = ["x"]
    >>> for _ in range(30):
    ...     bomb = [bomb] * 9
    >>> len(short_repr(bomb)) <= 80
    True
    """
    if isinstance(value, bool) or value is None:
        text = repr(value)
    elif isinstance(value, int):
        text = repr(value) if value.bit_length() < 1000 else f"<an integer of {_digits(value)} digits>"
    elif isinstance(value, str):
        text = repr(value[: limit + 1])
    elif isinstance(value, (dict, list, tuple, set, frozenset)):
        text = _BOUNDED.repr(value)
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."


@dataclass(frozen=True)
class ValidationError:
    """One problem in one place. ``line`` is 1-based; ``hint`` says how to fix it."""

    file: str
    line: int | None
    record_id: str | None
    field: str | None
    value: Any
    reason: str
    hint: str | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        parts = [where]
        if self.record_id:
            parts.append(f"record {self.record_id}")
        if self.field:
            parts.append(f"field {self.field}")
        if self.value is not None:
            parts.append(f"value {short_repr(self.value)}")
        text = ": ".join(parts) + f": {self.reason}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text


class RecordsInvalid(ValueError):
    """Raised by the strict loader: carries every error of every file at once."""

    def __init__(self, errors: list[ValidationError]):
        self.errors = list(errors)
        super().__init__(f"{len(self.errors)} validation error(s):\n" + format_errors(self.errors))


def format_errors(errors: list[ValidationError]) -> str:
    """One line per error, in file and line order."""
    ordered = sorted(errors, key=lambda e: (e.file, e.line or 0, e.record_id or "", e.field or ""))
    return "\n".join(str(e) for e in ordered)
