"""Validation errors: each names the file, the line, the record, the field, the value and what is wrong."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["ValidationError", "RecordsInvalid", "format_errors"]


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
            value = repr(self.value)
            parts.append(f"value {value if len(value) <= 80 else value[:77] + '...'}")
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
