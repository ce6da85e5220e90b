"""Read count expressions into low, best and high.

"rund 5.000", "mindestens 3.000", "fast 10.000", "Tausende", "zwischen 1.000
und 2.000", "einige hundert", "zweitausendfünfhundert": each gives a
:class:`Count` with a low, a best and a high estimate and a qualifier. A bound
the source leaves open is ``None``, never an invented figure: "mindestens
3.000" has no high, "fast 10.000" no low, and a claim without a figure
("zahlreiche Tote") has none at all. The unit (soldiers, killed, ...) is not
read from the expression; the record gives it.

The words (number words, scales, qualifiers, vague quantities) live in the
language file (``src/timeline/lang/de.yaml``, section ``numbers``); the
qualifiers are the vocabulary ``count_qualifier`` of ``schema.yaml``, whose
attributes say what each one reads (``form``: a figure after the qualifier's
words, a figure alone, two figures, a word for a magnitude, no figure) and
which bounds its figure fills (``bounds``). This module holds only the
arithmetic: a qualifier declared with its form and bounds, and given words in
the language file, is read with no change here. The conventions are in
``docs/dates-and-numbers.md``.

Example:
    >>> parse_count("rund 5.000")
    Count(low=5000, best=5000, high=5000, qualifier='approximately')
    >>> parse_count("mehr als 1.000")
    Count(low=1000, best=1000, high=None, qualifier='more_than')
    >>> parse_count("einige hundert")
    Count(low=200, best=None, high=999, qualifier='vague')
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .language import Language, LanguageError, load_language
from .schema import qualifier_bounds, the_value

__all__ = ["NUMBER_PATTERN", "NUMBER_WORDS", "QUALIFIERS", "VAGUE_COUNTS", "Count", "range_openers",
           "CountExpressionError", "parse_number", "parse_count", "magnitude_gloss"]


class CountExpressionError(ValueError):
    """A count expression that cannot be read, with the reason."""

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


_BOUNDS = ("low", "best", "high")


@dataclass(frozen=True)
class _Qualifiers:
    """The qualifiers as the engine reads them (vocabulary count_qualifier): the one of each form but a
    qualified figure, and which bounds each one fills."""

    bare: str  # a figure alone ("5.000")
    two: str  # two figures ("zwischen 1.000 und 2.000")
    magnitude: str  # a word for a magnitude ("Tausende")
    none: str  # no figure ("zahlreiche")
    fills: dict[str, tuple[str, ...]]

    def count(self, name: str, low=None, best=None, high=None) -> Count:
        """A count of qualifier ``name`` with the bounds it fills; the others stay open."""
        fills = self.fills[name]
        return Count(*(v if b in fills else None for b, v in zip(_BOUNDS, (low, best, high))), name)


@functools.lru_cache(maxsize=1)
def _qualifiers() -> _Qualifiers:
    def of(form: str) -> str:
        return the_value("count_qualifier", "form", form)

    return _Qualifiers(of("bare_figure"), of("two_figures"), of("magnitude"), of("no_figure"),
                       {name: tuple(bounds) for name, bounds in qualifier_bounds().items()})
_MAX_DIGITS = 15  # a count of people has no more; longer digit strings are refused, not converted


def _lang(lang: Language | str | None) -> Language:
    return lang if isinstance(lang, Language) else load_language(lang or "de")


@functools.lru_cache(maxsize=8)
def _tables(code: str):
    lang = load_language(code)
    n = lang.numbers
    q = _qualifiers()
    atoms = {str(k).lower(): v for k, v in (n.get("atoms") or {}).items()}
    multipliers = {str(k).lower(): v for k, v in (n.get("multipliers") or {}).items()}
    joiners = [str(j).lower() for j in n.get("joiners") or []]
    word_re = re.compile("(?:" + lang.word_regex(list(atoms) + list(multipliers) + joiners) + ")")
    scales = {str(k).lower(): v for k, v in (n.get("scales") or {}).items()}
    qualifiers = [(name, tuple(str(w).lower() for w in words)) for name, words in (n.get("qualifiers") or {}).items()]
    for name, _ in qualifiers:
        if name not in q.fills or name in (q.bare, q.two, q.magnitude, q.none):
            raise LanguageError(f"{lang.path.name}: numbers.qualifiers names {name!r}, which is no qualifier of a "
                                "figure in schema.yaml (vocabulary count_qualifier, form qualified_figure)")
    # The words of the qualifiers that give no single figure stand under their names: numbers.<qualifier>.
    vague = {str(k).lower(): tuple(v) for k, v in (n.get(q.magnitude) or {}).items()}
    heads = {str(k).lower(): tuple(v) for k, v in (n.get("vague_heads") or {}).items()}
    vague_scales = {str(k).lower(): v for k, v in (n.get("vague_scales") or {}).items()}
    fillers = tuple(str(f).lower() for f in n.get("fillers") or ())
    # an unquantified word in any case ending ("hohe Verluste", "hoher Verluste", "hohen Verlusten")
    unquantified = re.compile(rf"(?:\w+ )*(?:{unquantified_regex(code)})(?: \w+)*")
    people = tuple(str(w).lower() for w in n.get("people_nouns") or ())
    not_counts = {k: tuple(str(w).lower() for w in v) for k, v in (n.get("not_counts") or {}).items()}
    fractions = {str(k).lower(): v for k, v in (n.get("fractions") or {}).items()}
    return atoms, multipliers, joiners, word_re, scales, qualifiers, vague, heads, vague_scales, fillers, \
        unquantified, people, not_counts, fractions


def adjective_stem(word: str, endings) -> str:
    """A word without the longest of ``endings`` it ends in, where at least three letters stay ("hohen" ->
    "hoh", "zahlreichen" -> "zahlreich"); the word itself when it ends in none.

    >>> adjective_stem("zahlreichen", ["e", "en", "er"]), adjective_stem("viel", ["e", "en"])
    ('zahlreich', 'viel')
    """
    for ending in sorted(endings, key=len, reverse=True):
        if ending and word.endswith(ending) and len(word) - len(ending) >= 3:
            return word[: -len(ending)]
    return word


@functools.lru_cache(maxsize=8)
def unquantified_regex(code: str = "de", phrases: bool = True) -> str:
    """The words of a count without a figure (``numbers: unquantified``), the one reading of them that the count
    reader and the candidate finder share: each word as its stem (:func:`adjective_stem`) with any adjective
    ending of ``claims: adjective_endings`` or none ("hohe", "hoher", "hohen"; "zahlreiche", "zahlreichen"),
    a phrase of several words as written (left out with ``phrases=False``). Lower case, longest first.

    >>> import re
    >>> rx = re.compile(unquantified_regex("de"))
    >>> [bool(rx.fullmatch(w)) for w in ("hoher", "zahlreichem", "zahlreichenr", "eine reihe")]
    [True, True, False, True]
    """
    lang = load_language(code)
    endings = sorted({str(e).lower() for e in (lang.raw.get("claims") or {}).get("adjective_endings") or ()},
                     key=len, reverse=True)
    tail = "(?:" + "|".join(map(re.escape, endings)) + ")?" if endings else ""
    forms = set()
    for word in lang.numbers.get(_qualifiers().none) or ():
        word = " ".join(str(word).lower().split())
        if " " in word:
            if phrases:
                forms.add(re.escape(word))
        elif word[-1:].isalpha():
            forms.add(re.escape(adjective_stem(word, endings)) + tail)
        else:
            forms.add(re.escape(word))
    return "|".join(sorted(forms, key=lambda f: (-len(f), f))) or "(?!)"


@functools.lru_cache(maxsize=8)
def count_not_year_words(code: str = "de") -> tuple[str, ...]:
    """The words before a figure that looks like a year that make it a count ("rund 2000 von ihnen"): the words
    of ``numbers: qualifiers`` but those of ``count_not_year_after: except`` (prepositions of time: "gegen
    2020"), and the words of its ``extra``. Lower case, longest first; a word of ``except`` that is no qualifier
    word, or a word of ``extra`` that is one already, is an error naming it.

    >>> words = count_not_year_words("de")
    >>> "rund" in words, "zumindest" in words, "gegen" in words, "weitere" in words
    (True, True, False, True)
    """
    lang = load_language(code)
    spec = lang.numbers.get("count_not_year_after") or {}
    where = f"{lang.path.name}: numbers.count_not_year_after"
    if not isinstance(spec, dict) or set(spec) - {"except", "extra"}:
        raise LanguageError(f"{where} is a mapping of 'except' (qualifier words that do not make a count) and "
                            f"'extra' (words that do, besides the qualifier words), not {spec!r}")
    qualified = [w for _, words in _tables(code)[5] for w in words]
    but = [" ".join(str(w).lower().split()) for w in spec.get("except") or ()]
    extra = [" ".join(str(w).lower().split()) for w in spec.get("extra") or ()]
    for word in but:
        if word not in qualified:
            raise LanguageError(f"{where}: except names {word!r}, which is no word of numbers.qualifiers")
    for word in extra:
        if word in qualified:
            raise LanguageError(f"{where}: extra names {word!r}, which numbers.qualifiers holds already")
    words = dict.fromkeys([w for w in qualified if w not in but] + extra)
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


@functools.lru_cache(maxsize=8)
def range_openers(code: str = "de") -> frozenset[str]:
    """The words that open a range form of the language file, before its first figure ("zwischen", "von").

    >>> sorted(range_openers("de"))
    ['von', 'zwischen']
    """
    return frozenset(m.group(1).casefold() for t in load_language(code).numbers.get(_qualifiers().two) or []
                     for m in [re.match(r"(\w+) \{a\}", str(t))] if m)


@functools.lru_cache(maxsize=8)
def _range_res(code: str) -> list[re.Pattern]:
    """The range forms of the language file ("zwischen {a} und {b}", "{a} bis {b}", "{a}-{b}"), compiled:
    a space in a form stands for one or more spaces, a form without spaces allows them around its sign."""
    out = []
    for template in load_language(code).numbers.get(_qualifiers().two) or []:
        template = str(template)
        parts = re.split(r"(\{[ab]\})", template)
        source = ""
        for part in parts:
            if part == "{a}":
                source += "(?P<a>.+?)"
            elif part == "{b}":
                source += "(?P<b>.+)"
            elif " " in part:
                source += r"\s+".join(re.escape(w) for w in part.split(" "))
            elif part:
                source += rf"\s*{re.escape(part)}\s*"
        out.append(re.compile(source))
    return out


#: What separates groups of three digits: a point, a space (thin, no-break or plain) or, as Swiss German writes
#: thousands, an apostrophe (straight or typographic: "12'000").
_GROUP = "[.\u202f\u00a0 '\u2019]"
_DIGITS = rf"\d{{1,3}}(?:{_GROUP}\d{{3}})+|\d+(?:,\d+)?"


def _word_value(word: str, code: str) -> float | None:
    """The value of a (compound) number word, or None: "zweitausendfünfhundert" is 2500."""
    atoms, multipliers, joiners, word_re, *_ = _tables(code)
    tokens = word_re.findall(word)
    if not tokens or "".join(tokens) != word or all(t in joiners for t in tokens):
        return None
    total, current = 0.0, 0.0
    for t in tokens:
        if t in joiners:
            continue
        if t in multipliers:
            m = multipliers[t]
            if m >= 1000:
                total += (current or 1) * m
                current = 0
            else:
                current = (current or 1) * m
        else:
            current += atoms[t]
    return total + current


def parse_number(text: str, lang: Language | str | None = None, fractions: bool = False) -> int | float:
    """A number: digits in German notation ("12.000", "12 000", "1,5 Millionen") or number words ("zwölf",
    "eine halbe Million").

    ``.``, a space or (Swiss) an apostrophe separates thousands and ``,`` is the decimal mark. A count is a whole number, so where a
    figure would otherwise not be whole, groups of three after commas are thousands ("186,000"); before a
    scale word, one or two digits after a point are decimals ("1.3 Millionen"). With ``fractions`` (for
    dates: "vor anderthalb Jahren") a fraction is returned as it is.

    >>> parse_number("12.000"), parse_number("1,5 Millionen"), parse_number("vier"), parse_number("zweitausend")
    (12000, 1500000, 4, 2000)
    >>> parse_number("eine halbe Million"), parse_number("186,000"), parse_number("1.3 Millionen")
    (500000, 186000, 1300000)
    >>> parse_number("12'000"), parse_number("12\u2019000")
    (12000, 12000)
    """
    language = _lang(lang)
    tables = _tables(language.code)
    scales, fraction_words = tables[4], tables[-1]
    s = " ".join(str(text).split()).lower()
    words = s.split(" ")
    scale = 1
    if len(words) > 1 and words[-1] in scales:
        scale, words = scales[words[-1]], words[:-1]
    figure = " ".join(words)
    value: float | None = None
    if re.fullmatch(rf"\d{{1,3}}(?:{_GROUP}\d{{3}})+", figure):  # thousands in groups
        value = float(re.sub(_GROUP, "", figure))
    elif re.fullmatch(r"\d+,\d+", figure):
        if scale == 1 and not fractions and re.fullmatch(r"\d{1,3}(?:,\d{3})+", figure):
            value = float(figure.replace(",", ""))  # "186,000": a count is whole, so these are thousands
        else:
            value = float(figure.replace(",", "."))
    elif scale != 1 and re.fullmatch(r"\d+\.\d{1,2}", figure):  # "1.3 Millionen"
        value = float(figure)
    elif re.fullmatch(r"\d+", figure):
        value = float(figure)
    elif figure:
        value = _words_figure(words, language.code, fraction_words)
    if value is not None and len(str(int(value))) > _MAX_DIGITS:
        raise CountExpressionError(text, f"more than {_MAX_DIGITS} digits: not a count")
    if value is None:
        raise CountExpressionError(text, "not a number")
    value *= scale
    if fractions:
        return int(value) if value == int(value) else value
    if value != int(value):
        raise CountExpressionError(text, "a count must be a whole number")
    return int(value)


def _words_figure(words: list[str], code: str, fraction_words: dict) -> float | None:
    """The value of number words: one (compound) word, possibly with a fraction after it ("eine halbe")."""
    value: float | None = None
    for w in words:
        if w in fraction_words:
            value = (value if value is not None else 1) * fraction_words[w]
            continue
        v = _word_value(w, code)
        if v is None or value is not None:
            return None
        value = v
    return value


@functools.lru_cache(maxsize=65536)
def parse_count(expression: str, lang: str = "de") -> Count:
    """Read a count expression by the qualifier table of the language file.

    Examples:
        >>> parse_count("mindestens 3.000")
        Count(low=3000, best=3000, high=None, qualifier='at_least')
        >>> parse_count("fast 10.000")
        Count(low=None, best=10000, high=10000, qualifier='almost')
        >>> parse_count("Tausende")
        Count(low=2000, best=None, high=9999, qualifier='vague')
        >>> parse_count("zwischen 1.000 und 2.000")
        Count(low=1000, best=None, high=2000, qualifier='range')
        >>> parse_count("zahlreiche")
        Count(low=None, best=None, high=None, qualifier='unquantified')
        >>> parse_count("30 Prozent")
        Traceback (most recent call last):
        ...
        timeline.numbers.CountExpressionError: cannot read count expression '30 Prozent': a percentage, not a count of people
    """
    try:
        return _read_count(expression, lang)
    except CountExpressionError as exc:  # a part of the expression failed: name the whole expression
        if exc.expression == expression:
            raise
        if _squash(exc.expression) == _squash(expression):
            raise CountExpressionError(expression, exc.reason) from None
        raise CountExpressionError(expression, f"{exc.reason}: {exc.expression!r}") from None


def _squash(text: str) -> str:
    return " ".join(str(text).split()).strip("„“”\"'‚‘’«» ,.;:").casefold()


_NOT_COUNT_REASON = {"percent": "a percentage, not a count of people", "money": "money, not a count of people"}


def _read_count(expression: str, code: str) -> Count:
    if not isinstance(expression, str):
        raise CountExpressionError(repr(expression), "not a text")
    (atoms, multipliers, joiners, word_re, scales, qualifiers, vague, heads, vague_scales, fillers, unquantified,
     people, not_counts, _fractions) = _tables(code)
    q = _qualifiers()
    s = " ".join(expression.split()).strip("„“”\"'‚‘’«» ,;:").lower().rstrip(".")
    if len(s) > 200:
        raise CountExpressionError(expression[:60] + "...", "longer than 200 characters: not a count expression")
    for kind, words in not_counts.items():
        if any(re.search(rf"(?<!\w){re.escape(w)}(?!\w)" if w[0].isalnum() else re.escape(w), s) for w in words):
            raise CountExpressionError(expression, _NOT_COUNT_REASON.get(kind, f"{kind}, not a count of people"))
    if re.match(r"^\d{1,3}\.\s+[^\d\s]", s):
        raise CountExpressionError(expression, "an ordinal (a unit's number), not a count")
    words = s.split(" ")
    changed = True
    while words and changed:  # fillers in front ("weitere", "insgesamt"), people nouns behind ("Soldaten")
        changed = False
        for f in sorted(fillers, key=len, reverse=True):
            fw = f.split(" ")
            if words[:len(fw)] == fw and len(words) > len(fw):
                words, changed = words[len(fw):], True
                break
        if len(words) > 1 and any(words[-1].startswith(p) for p in people):
            words, changed = words[:-1], True
    s = " ".join(words)
    if not s:
        raise CountExpressionError(expression, "empty expression")
    if s in vague:
        low, high = vague[s]
        return q.count(q.magnitude, low=low, high=high)
    for head, (lo_n, hi_n) in sorted(heads.items(), key=lambda kv: -len(kv[0])):
        if s == head:
            return q.count(q.magnitude, low=lo_n, high=hi_n)
        for scale_word, scale in vague_scales.items():
            if s == f"{head} {scale_word}":
                return q.count(q.magnitude, low=lo_n * scale, high=(hi_n + 1) * scale - 1)
    m = None
    for rx in _range_res(code):
        m = rx.fullmatch(s)
        if m:
            break
    if m and not re.fullmatch(_DIGITS, s):
        left, right = _unqualified(m.group("a").strip(), qualifiers), _unqualified(m.group("b").strip(), qualifiers)
        if left.endswith("-"):  # "drei- bis fünftausend": the left side takes the right's multiplier
            tail = next((mw for mw in sorted(multipliers, key=len, reverse=True) if right.endswith(mw)), "")
            left = left[:-1] + tail
        right_words = right.split(" ")
        if len(right_words) == 2 and right_words[1] in scales and " " not in left:  # "3 bis 5 Millionen"
            left = f"{left} {right_words[1]}"
        low, high = parse_number(left, code), parse_number(right, code)
        if low > high:
            raise CountExpressionError(expression, f"low {low} is above high {high}")
        return q.count(q.two, low=low, high=high)
    for name, prefixes in sorted(qualifiers + [(q.bare, ("",))], key=lambda qw: -max(len(p) for p in qw[1])):
        for prefix in sorted(prefixes, key=len, reverse=True):
            if prefix and not (s.startswith(prefix + " ") or (prefix.endswith(".") and s.startswith(prefix)
                                                               and s[len(prefix):][:1].isdigit())):
                continue
            rest = _unqualified(s[len(prefix):].strip(), qualifiers)  # "bis zu fast 100.000": the first
            if name != q.bare and not rest:
                continue
            try:
                n = parse_number(rest, code)
            except CountExpressionError as exc:
                if exc.reason != "not a number":  # a number, but not a count ("1,5"): say so
                    raise
                if rest in vague and name != q.bare:  # "mehr als Tausende": the magnitude's bounds, qualified
                    low, high = vague[rest]
                    qualified = q.count(name, low=low, high=high)
                    return q.count(q.magnitude, low=qualified.low, high=qualified.high)
                if prefix:
                    raise
                break
            return q.count(name, low=n, best=n, high=n)
    if unquantified.fullmatch(s) or \
            any(w.startswith(p) for w in s.split(" ") for p in people):
        return q.count(q.none)
    raise CountExpressionError(expression, "not a number")


def _unqualified(text: str, qualifiers) -> str:
    """The text without the qualifier words in front of its figure."""
    words = sorted({w for _, ws in qualifiers for w in ws}, key=len, reverse=True)
    changed = True
    while changed:
        changed = False
        for w in words:
            if text.startswith(w + " ") and len(text) > len(w) + 1:
                text, changed = text[len(w) + 1:].strip(), True
                break
    return text


@functools.lru_cache(maxsize=8)
def _glosses(code: str) -> dict[tuple[int, int], str]:
    """The language file's glosses of its words for a magnitude (numbers.vague_glosses), by the low and high
    those words read as; a gloss of a word the magnitude table does not hold is an error."""
    lang = load_language(code)
    vague = _tables(code)[6]
    out: dict[tuple[int, int], str] = {}
    for word, gloss in (lang.numbers.get("vague_glosses") or {}).items():
        key = str(word).lower()
        if key not in vague:
            raise LanguageError(f"{lang.path.name}: numbers.vague_glosses glosses {word!r}, which numbers."
                                f"{_qualifiers().magnitude} does not hold")
        low, high = vague[key]
        out[(int(low), int(high))] = str(gloss)
    return out


def magnitude_gloss(low, high, lang: str = "de") -> str | None:
    """What a word for a magnitude read as ``low``–``high`` means ('thousands' for 2,000–9,999), from the
    language file's numbers.vague_glosses; None for a range no such word reads as.

    >>> magnitude_gloss(2000, 9999), magnitude_gloss(200, 999), magnitude_gloss(1000, 2000)
    ('thousands', 'hundreds', None)
    """
    try:
        return _glosses(lang).get((int(low), int(high)))
    except (TypeError, ValueError):
        return None


def _derived(code: str = "de"):
    atoms, *_rest = _tables(code)
    vague = _tables(code)[6]
    qualifiers = _tables(code)[5]
    words = {w: int(v) for w, v in atoms.items() if float(v) == int(v)}
    q = _qualifiers()
    table = [(name, words_, q.fills[name]) for name, words_ in qualifiers] + [(q.bare, ("",), q.fills[q.bare])]
    return words, {w: v for w, v in vague.items()}, table


#: Number words of the default language (word -> value), for finding counts in running text.
#: VAGUE_COUNTS: words for a magnitude -> (low, high). QUALIFIERS: (name, words, bounds filled).
NUMBER_WORDS, VAGUE_COUNTS, QUALIFIERS = _derived()
#: The digits of a German number, for finding counts in running text.
NUMBER_PATTERN = _DIGITS
