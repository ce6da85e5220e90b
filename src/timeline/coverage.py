"""Completeness: which sentences of a seed carry a date or a count of people, and which of them no record covers.

A *candidate* is a sentence of a seed (split by :func:`timeline.seeds.sentences`)
that mentions a date (the patterns of :data:`timeline.dates.MENTION_PATTERNS`:
month names, weekdays, seasons, half-years, Anfang/Mitte/Ende, derzeit,
kürzlich, morgen, Vortag, seit, years, "im nächsten Jahr", "in den kommenden
Monaten") or a count of people (a number or count word of
:mod:`timeline.numbers` near a people noun of :data:`PEOPLE_NOUNS`). Every
candidate must be covered by the quote of a record (their offsets overlap) or
be listed in ``data/not_claims.yaml`` with a reason; :func:`uncovered` returns
those that are neither.

Example:
    >>> [c.reasons for c in candidate_sentences("Es regnet. Seit Mai sind 5.000 Soldaten dort.")]
    [('date:since:Seit', 'date:month:Mai', 'count:5.000 Soldaten')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pandas as pd

from .dates import date_mentions
from .detect import claim_cues, quoted_spans, speech_dash_spans, split_sentences
from .errors import RecordsInvalid, ValidationError
from .language import load_language
from .numbers import NUMBER_PATTERN, NUMBER_WORDS, VAGUE_COUNTS, count_not_year_words, unquantified_regex
from .paths import NOT_CLAIMS_FILE, relative
from .reading import line_at, read_yaml
from .seeds import Seed, load_seeds, sentences
from .validation import located_errors

__all__ = ["PEOPLE_NOUNS", "COUNT_WINDOW_WORDS", "Candidate", "NotClaim", "candidate_sentences", "count_mentions",
           "load_not_claims", "uncovered"]

_LANG = load_language("de")
#: Word stems that make a number a count of people (or of the units people serve in), from the language
#: file: matched at the start of a word, case-insensitively, so that "soldat" finds Soldaten.
PEOPLE_NOUNS = tuple(_LANG.numbers["people_nouns"])
#: At most this many words may stand between a number and its people noun.
COUNT_WINDOW_WORDS = 4
#: Number words that are also articles ("ein Vertreter") do not make a count.
_ARTICLE_WORDS = tuple(_LANG.numbers["article_words"])

#: A vague head before a scale is one count word too ("mehrere tausend", "einige hundert").
_VAGUE_PHRASES = [f"{re.escape(str(h))} {re.escape(str(sc))}" for h in _LANG.numbers.get("vague_heads") or {}
                  for sc in _LANG.numbers.get("vague_scales") or {}]
_COUNT_WORDS = sorted([w for w in NUMBER_WORDS if w not in _ARTICLE_WORDS and NUMBER_WORDS[w] > 1]
                      + list(VAGUE_COUNTS) + _VAGUE_PHRASES, key=len, reverse=True)
_MONTH_RE = _LANG.class_regex("month") + "|" + _LANG.class_regex("month_short")
#: A number word with a multiplier in it, alone or compounded ("tausend", "rund tausend", "zweitausend",
#: "dreihundert"), its parts joined or not ("zweihundertundfünfzig", "dreitausendfünfhundert",
#: "zweitausendundeins": ``numbers: joiners``), ending in a part, never a joiner: the number words' reader
#: parses it.
_atoms = _LANG.word_regex([str(w) for w in _LANG.numbers.get("atoms") or {}])
_multipliers = _LANG.word_regex([str(w) for w in _LANG.numbers.get("multipliers") or {}])
_joiners = _LANG.word_regex([str(w) for w in _LANG.numbers.get("joiners") or ()])
_part = f"(?:{_atoms}|{_multipliers})"
_MULTIPLIED = (f"(?:(?:{_atoms})(?:{_joiners})?)*(?:{_multipliers})(?:(?:{_joiners})?{_part})*"
               if _multipliers and _joiners else
               f"(?:{_atoms})*(?:{_multipliers})(?:{_atoms}|{_multipliers})*" if _multipliers else "")
_NUMBER_RX = re.compile(
    r"(?<![\w.,])(?:" + NUMBER_PATTERN + r")(?![\w,]|\.\d)(?!\.\s*(?:" + _MONTH_RE + r"))"
    + r"|(?<!\w)(?:" + "|".join(_COUNT_WORDS) + r")(?!\w)"
    + (r"|(?<!\w)(?:" + _MULTIPLIED + r")(?!\w)" if _MULTIPLIED else ""),
    re.IGNORECASE,
)
_YEAR_RX = re.compile(r"(?:19|20)\d\d")
#: Words beside a figure that make it no count of people (percentages, money, ages; "Nr. 44" before it).
_NOT_COUNT_AFTER = [str(w).lower() for words in (_LANG.numbers.get("not_counts") or {}).values() for w in words]
_NOT_COUNT_BEFORE = [str(w).lower() for w in _LANG.numbers.get("not_count_before") or ()]


def _word_rx(words: list[str]) -> re.Pattern:
    return re.compile("|".join(rf"(?<!\w){re.escape(w)}(?!\w)" if w[0].isalnum() else re.escape(w)
                               for w in sorted(words, key=len, reverse=True)) or r"(?!)", re.IGNORECASE)


_NOT_AFTER_RX = re.compile(r"^[\s-]*(?:" + _word_rx(_NOT_COUNT_AFTER).pattern + r")", re.IGNORECASE)
_NOT_BEFORE_RX = re.compile(r"(?:" + _word_rx(_NOT_COUNT_BEFORE).pattern + r")\s*$", re.IGNORECASE)
_PEOPLE_RX = re.compile(r"(?<!\w)(?:" + "|".join(PEOPLE_NOUNS) + r")\w*", re.IGNORECASE)
_CLAIMS = _LANG.raw.get("claims") or {}
#: A casualty claim without a figure ("hohe Verluste", "schwere Verluste", "zahlreiche Tote"): a word of the
#: language file's ``numbers: unquantified`` in any adjective ending (read as the count reader reads it:
#: :func:`timeline.numbers.unquantified_regex`), at most one word, a ``claims: casualty_words`` noun.
_NUMBERLESS_RX = re.compile(
    r"(?<!\w)(?:" + unquantified_regex("de", phrases=False) + r")"
    + r"\s+(?:\w+\s+)?(?:" + "|".join(re.escape(str(w)) for w in _CLAIMS.get("casualty_words") or ()) + r")\w*",
    re.IGNORECASE) if _LANG.numbers.get("unquantified") and _CLAIMS.get("casualty_words") else None
_WORD_RX = re.compile(r"[\w.,-]+")


@dataclass(frozen=True)
class Candidate:
    """A sentence that carries a date expression or a count of people, with its offsets in the seed."""

    start: int
    end: int
    sentence: str
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class NotClaim:
    """A candidate sentence that is not a claim: a verbatim part of it and why it is not one."""

    seed: str
    quote: str
    reason: str
    line: int | None = None


def counted_year(text: str, start: int, lang: str = "de") -> bool:
    """Whether the figure at ``start`` that looks like a year is a count: a word of ``numbers:
    count_not_year_after`` stands right before it ("rund 2000 von ihnen"): a qualifier word or one of its
    ``extra``, never one of its ``except`` (:func:`timeline.numbers.count_not_year_words`)."""
    words = count_not_year_words(lang)
    return bool(words) and re.search(r"(?<![\w-])(?:" + "|".join(map(re.escape, words))
                                     + r")\s+$", text[:start], re.IGNORECASE) is not None


def count_mentions(sentence: str) -> list[tuple[int, int, str]]:
    """Counts of people in a sentence: (start, end, text from number to noun).

    A number (German grammar of :mod:`timeline.numbers`, not a day of a month
    nor a year) or a count word ("Tausende", "vier") within
    :data:`COUNT_WINDOW_WORDS` words of a people noun, before or after it.
    A bare 19xx/20xx is read as a year, not a count: its sentence is a
    candidate by the date rule "year" all the same.

    >>> [m[2] for m in count_mentions("Weitere 1.000 nordkoreanische Ingenieure seien entsandt worden")]
    ['1.000 nordkoreanische Ingenieure']
    >>> [m[2] for m in count_mentions("mehr als 1.000 Soldaten getötet, während die Ukraine von über 3.000 sprach")]
    ['1.000 Soldaten']
    >>> count_mentions("Am 17. Oktober im Jahr 2024 sprach er über Soldaten")
    []
    >>> count_mentions("Die Verluste hatte das Infanterieregiment Nr. 44, 40 Prozent der Soldaten.")
    []

    A casualty claim without a figure is a count too ("numberless"), so that its sentence is a candidate:

    >>> [m[2] for m in count_mentions("Die Einheiten müssen offenbar hohe Verluste hinnehmen.")]
    ['hohe Verluste']
    """
    words = [(m.start(), m.end()) for m in _WORD_RX.finditer(sentence)]

    def word_index(pos: int) -> int:
        return next((i for i, (s, e) in enumerate(words) if s <= pos < e), -1)

    people = [(m.start(), m.end(), word_index(m.start())) for m in _PEOPLE_RX.finditer(sentence)]
    out = []
    for m in _NUMBER_RX.finditer(sentence):
        if _YEAR_RX.fullmatch(m.group(0)) and not counted_year(sentence, m.start()):
            continue
        if _NOT_AFTER_RX.match(sentence[m.end():m.end() + 20]) or _NOT_BEFORE_RX.search(sentence[:m.start()]):
            continue  # "14 000 Mark", "5 Prozent", "73-jährigen", "Nr. 44": no count of people
        if re.match(r"-[^\W\d_A-ZÄÖÜ]", sentence[m.end():m.end() + 2]):
            continue  # a figure in an adjective ("des 120-tägigen Einsatzes"): it counts no people
        i = word_index(m.start())
        near = [p for p in people if 0 < abs(p[2] - i) <= COUNT_WINDOW_WORDS + 1]
        if near:
            p = min(near, key=lambda p: abs(p[2] - i))
            lo, hi = min(m.start(), p[0]), max(m.end(), p[1])
            out.append((lo, hi, sentence[lo:hi]))
    if not out and _NUMBERLESS_RX is not None:
        out += [(m.start(), m.end(), m.group(0)) for m in _NUMBERLESS_RX.finditer(sentence)]
    return out


# what follows a sentence that introduces a quotation: space, then a quotation mark of any style
_QUOTE_INTRO = re.compile(r"\s*[„“”«»\"]")


def candidate_sentences(text: str) -> list[Candidate]:
    """The sentences of a text that carry a date expression, a count of people or a claim cue.

    Each reason names what was found: ``date:<pattern>:<words>``, ``count:<words>`` or
    ``claim:<kind>:<words>`` (:func:`timeline.detect.claim_cues`; ``claim:speech`` for direct speech).

    >>> text = "Lesen Sie auch. Am Vortag, dem 17. Oktober, sprach er. Rund 5.000 Militärangehörige."
    >>> [(c.start, c.sentence) for c in candidate_sentences(text)]
    [(16, 'Am Vortag, dem 17. Oktober, sprach er.'), (55, 'Rund 5.000 Militärangehörige.')]
    >>> candidate_sentences("Die Delegation besucht den Rat.")
    []
    >>> [c.reasons for c in candidate_sentences("Austin betonte, dass die USA es nicht wissen.")]
    [('claim:verb:betonte',)]
    """
    out = []
    quotes = quoted_spans(text)
    # a paragraph of direct speech that a dash opens and a verb of saying after a dash closes: each of its
    # sentences, the first too, is direct speech
    dashes = speech_dash_spans(text)
    for start, end, sentence in split_sentences(text):
        reasons = [f"date:{name}:{sentence[s:e]}" for s, e, name in date_mentions(sentence)]
        reasons += [f"count:{words}" for _, _, words in count_mentions(sentence)]
        inside = any(qs < start < qe for qs, qe in quotes) or any(qs <= start < qe for qs, qe in dashes)
        # (direct speech that began in an earlier sentence, or in a dash's paragraph)
        reasons += [f"claim:{kind}" if kind == "speech" else f"claim:{kind}:{sentence[s:e]}"
                    for s, e, kind in claim_cues(sentence, quoted=inside)]
        if not reasons and not inside and _QUOTE_INTRO.match(text, end) and sentence.rstrip().endswith(":"):
            # "Er beschrieb ihren Einsatz mit den Worten:" before a quoted line: a speaker introduces a quote
            reasons.append("claim:quote-intro")
        if reasons and any(qs == start for qs, _ in dashes):
            # the opening dash is no part of the quote
            lead = len(sentence) - len(sentence[1:].lstrip())
            start, sentence = start + lead, sentence[lead:]
        if reasons:
            out.append(Candidate(start, end, sentence, tuple(dict.fromkeys(reasons))))
    return out


def _spans(seed_name: str, frame_or_records: pd.DataFrame | Iterable[dict]) -> list[tuple[int, int]]:
    if isinstance(frame_or_records, pd.DataFrame):
        rows = frame_or_records[frame_or_records["seed"] == seed_name]
        return [(int(s), int(e)) for s, e in zip(rows["quote_start"], rows["quote_end"])]
    spans = []
    for rec in frame_or_records:
        if rec.get("seed", seed_name) != seed_name:
            continue
        start = int(rec["quote_start"])
        end = int(rec["quote_end"]) if rec.get("quote_end") is not None else start + len(rec["quote"])
        spans.append((start, end))
    return spans


def uncovered(seed: Seed | str, frame_or_records: pd.DataFrame | Iterable[dict],
              not_claims: Iterable[NotClaim | dict]) -> list[Candidate]:
    """The candidate sentences of a seed that no record quote overlaps and no not-claim entry lists.

    Args:
        seed: a :class:`~timeline.seeds.Seed`, or a seed's file name (read from ``seeds/``).
        frame_or_records: the events frame (columns seed, quote_start, quote_end),
            or records as dicts with quote_start and quote (and seed, where
            records of several seeds are mixed).
        not_claims: entries with seed and quote; one covers a candidate whose
            sentence contains its quote.

    >>> seed = load_seeds()["003_777336e2b4043abc.txt"]
    >>> first = [c for c in uncovered(seed, [], []) if c.sentence.startswith("Dies ist")][0]
    >>> first.sentence[:40]
    'Dies ist die erste offizielle Bestätigun'
    >>> first in uncovered(seed, [{"quote_start": first.start + 4, "quote": "US"}], [])
    False
    >>> first in uncovered(seed, [], [{"seed": seed.name, "quote": "erste offizielle Bestätigung"}])
    False
    >>> first in uncovered(seed, [], [{"seed": "other.txt", "quote": "erste offizielle Bestätigung"}])
    True
    """
    if isinstance(seed, str):
        seed = load_seeds()[seed]
    spans = _spans(seed.name, frame_or_records)
    listed = [n.quote if isinstance(n, NotClaim) else n["quote"] for n in not_claims
              if (n.seed if isinstance(n, NotClaim) else n["seed"]) == seed.name]
    return [c for c in candidate_sentences(seed.text)
            if not any(s < c.end and c.start < e for s, e in spans)
            and not any(q in c.sentence for q in listed)]


def load_not_claims(path: Path | str | None = None, seeds: dict[str, Seed] | None = None) -> list[NotClaim]:
    """Read and check the not-a-claim list (default ``data/not_claims.yaml``).

    Each entry is ``{seed, quote, reason}``: the seed must exist, the quote must
    stand verbatim in it, the reason must be given. Raises
    :class:`~timeline.errors.RecordsInvalid` with every problem at once.

    >>> entries = load_not_claims()
    >>> all(e.quote in load_seeds()[e.seed].text for e in entries)
    True
    """
    path = Path(path) if path else NOT_CLAIMS_FILE
    where = relative(path)
    seeds = seeds if seeds is not None else load_seeds()
    errors: list[ValidationError] = []
    readable, doc = read_yaml(path, errors)
    if not readable:
        raise RecordsInvalid(errors)
    problems = located_errors(doc, "not_claims", where)
    errors += [p.error for p in problems]
    if not (isinstance(doc, dict) and isinstance(doc.get("not_claims"), list)):
        raise RecordsInvalid(errors)
    bad = {p.path[1] for p in problems if len(p.path) >= 2}
    out = []
    for i, entry in enumerate(doc["not_claims"]):
        if i in bad:
            continue
        label, line = f"not_claims[{i}]", line_at(doc, ("not_claims", i))
        seed = seeds.get(entry["seed"])
        if seed is None:
            errors.append(ValidationError(where, line_at(doc, ("not_claims", i, "seed")), label, "seed",
                                          entry["seed"], "unknown seed", "seeds: " + ", ".join(sorted(seeds))))
            continue
        if entry["quote"] not in seed.text:
            errors.append(ValidationError(where, line_at(doc, ("not_claims", i, "quote")), label, "quote",
                                          entry["quote"], f"quote not found verbatim in seed {seed.name}"))
            continue
        out.append(NotClaim(entry["seed"], entry["quote"], entry["reason"], line))
    if errors:
        raise RecordsInvalid(errors)
    return out
