"""Normalise German count expressions into low, best and high.

"rund 5.000", "mindestens 3.000", "fast 10.000", "Tausende", "zwischen 1.000
und 2.000": each gives a :class:`Count` with a low, a best and a high estimate
following the conventions of one table, :data:`QUALIFIERS`. A bound the
source leaves open is ``None``, never an invented figure: "mindestens 3.000"
has no high, "fast 10.000" no low. The unit (soldiers, killed, ...) is not
read from the expression; the record gives it.

Example:
    >>> parse_count("rund 5.000")
    Count(low=5000, best=5000, high=5000, qualifier='approximately')
    >>> parse_count("mehr als 1.000")
    Count(low=1000, best=1000, high=None, qualifier='more_than')
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

__all__ = ["NUMBER_PATTERN", "NUMBER_WORDS", "QUALIFIERS", "VAGUE_COUNTS", "Count", "CountExpressionError", "parse_number", "parse_count"]


class CountExpressionError(ValueError):
    """A count expression that the qualifier table cannot read."""

    def __init__(self, expression: str, reason: str):
        self.expression = expression
        self.reason = reason
        super().__init__(f"cannot read count expression {expression!r}: {reason}")


@dataclass(frozen=True)
class Count:
    """A reported count: estimates (None where the source leaves a bound open) and its qualifier."""

    low: int | None
    best: int | None
    high: int | None
    qualifier: str


#: The conventions, one row per qualifier: (name, German words, which of low,
#: best and high the figure n fills). A bound the words leave open stays None.
#: Approximate figures ("rund", "etwa") keep n for all three: the source gives
#: no range, and we do not invent one.
QUALIFIERS: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = [
    ("at_least", ("mindestens", "wenigstens", "nicht weniger als"), ("low", "best")),
    ("more_than", ("mehr als", "über", "weit über", "gut"), ("low", "best")),
    ("almost", ("fast", "beinahe", "knapp", "nahezu"), ("best", "high")),
    ("up_to", ("bis zu", "höchstens", "maximal", "weniger als", "unter"), ("best", "high")),
    ("approximately", ("rund", "etwa", "ungefähr", "circa", "ca.", "zirka", "schätzungsweise", "geschätzt"),
     ("low", "best", "high")),
    ("exact", ("",), ("low", "best", "high")),
]

#: Counts given as a word for a magnitude: (low, high); best stays open.
VAGUE_COUNTS = {
    "dutzende": (24, 99),
    "hunderte": (200, 999),
    "tausende": (2_000, 9_999),
    "zehntausende": (20_000, 99_999),
}

#: Words that add nothing to the figure and are dropped before reading.
FILLERS = ("weitere", "weiterer", "zusätzliche", "zusätzlich", "insgesamt", "bereits", "noch", "allein")

_WORDS = {
    "ein": 1, "eine": 1, "einen": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
    "acht": 8, "neun": 9, "zehn": 10, "elf": 11, "zwölf": 12, "zwanzig": 20, "dreißig": 30, "vierzig": 40,
    "fünfzig": 50, "hundert": 100, "tausend": 1000,
}
_SCALE = {"tausend": 1_000, "tsd.": 1_000, "million": 1_000_000, "millionen": 1_000_000, "mio.": 1_000_000}
_NUM = r"\d{1,3}(?:[.\u202f\u00a0 ]\d{3})+|\d+(?:,\d+)?"
#: Public names of the number grammar, for finding counts in running text.
NUMBER_PATTERN = _NUM
NUMBER_WORDS = _WORDS


def parse_number(text: str) -> int:
    """A German number: thousands separated by '.', a thin or plain space; a comma is the decimal mark.

    >>> parse_number("12.000"), parse_number("1,5 Millionen"), parse_number("vier")
    (12000, 1500000, 4)
    """
    s = text.strip().lower()
    m = re.fullmatch(rf"({_NUM})(?:\s*({'|'.join(map(re.escape, _SCALE))}))?", s)
    if m:
        digits = re.sub(r"[.\u202f\u00a0 ]", "", m.group(1)).replace(",", ".")
        value = float(digits) * _SCALE.get(m.group(2) or "", 1)
        if value != int(value):
            raise CountExpressionError(text, "a count must be a whole number")
        return int(value)
    if s in _WORDS:
        return _WORDS[s]
    raise CountExpressionError(text, "not a number")


@functools.lru_cache(maxsize=65536)
def parse_count(expression: str) -> Count:
    """Read a German count expression by the :data:`QUALIFIERS` table.

    Examples:
        >>> parse_count("mindestens 3.000")
        Count(low=3000, best=3000, high=None, qualifier='at_least')
        >>> parse_count("fast 10.000")
        Count(low=None, best=10000, high=10000, qualifier='almost')
        >>> parse_count("Tausende")
        Count(low=2000, best=None, high=9999, qualifier='vague')
        >>> parse_count("zwischen 1.000 und 2.000")
        Count(low=1000, best=None, high=2000, qualifier='range')
        >>> parse_count("viele")
        Traceback (most recent call last):
        ...
        timeline.numbers.CountExpressionError: cannot read count expression 'viele': not a number
    """
    try:
        return _read_count(expression)
    except CountExpressionError as exc:  # a part of the expression failed: name the whole expression
        if exc.expression == expression:
            raise
        if _squash(exc.expression) == _squash(expression):
            raise CountExpressionError(expression, exc.reason) from None
        raise CountExpressionError(expression, f"{exc.reason}: {exc.expression!r}") from None


def _squash(text: str) -> str:
    return " ".join(str(text).split()).strip("„“”\"'‚‘’«» ,.;:").casefold()


def _read_count(expression: str) -> Count:
    if not isinstance(expression, str):
        raise CountExpressionError(repr(expression), "not a text")
    s = " ".join(expression.split()).strip("„“”\"'‚‘’«» ,.;:").lower()
    words = s.split(" ")
    while words and words[0] in FILLERS:
        words = words[1:]
    s = " ".join(words)
    if not s:
        raise CountExpressionError(expression, "empty expression")
    if s in VAGUE_COUNTS:
        low, high = VAGUE_COUNTS[s]
        return Count(low, None, high, "vague")
    m = re.fullmatch(r"zwischen\s+(.+?)\s+(?:und|bis)\s+(.+)", s) or re.fullmatch(r"(.+?)\s*(?:bis|–|-)\s*(.+)", s)
    if m:
        low, high = parse_number(m.group(1)), parse_number(m.group(2))
        if low > high:
            raise CountExpressionError(expression, f"low {low} is above high {high}")
        return Count(low, None, high, "range")
    for name, prefixes, fills in QUALIFIERS:
        for prefix in sorted(prefixes, key=len, reverse=True):
            if prefix and not s.startswith(prefix + " "):
                continue
            n = parse_number(s[len(prefix):].strip())
            return Count(*(n if f in fills else None for f in ("low", "best", "high")), name)
    raise CountExpressionError(expression, "not a number")  # pragma: no cover - "exact" matches all
