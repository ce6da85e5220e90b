"""A language's words and rules, read from its data file (``src/timeline/lang/<code>.yaml``).

The date and count readers never spell a word of any language: month names,
weekdays, relative words, prepositions, dayparts, named days, qualifiers,
number words, tense cues and the rule patterns that combine them all live in
one declarative file per language, beside this language-neutral loader. (This
is how dateparser keeps ``de.yaml`` apart from its parser.)

A file has these parts:

``classes``
    Word classes: a mapping of words to values (``month: {januar: 1, ...}``),
    optionally with ``endings`` that any word of the class may take
    (``letzt`` + ``e``, ``en``, ``er``, ...). A rule names a class in braces.
``rules``
    An ordered list of rules. Each has a ``name``, a ``pattern`` (a regular
    expression over the cleaned, lower-cased expression, in which ``{class}``,
    ``{class:slot}`` and the built-in slots stand for words), what it
    ``reads`` as (a language-neutral reading of :mod:`timeline.dates`), the
    ``precision`` it yields (a value of the vocabulary precision of
    ``schema.yaml``; for the readings that do not take it from their parts or
    their unit), fixed ``args`` for that reading, and ``examples``: each
    example is a test.
``fillers``
    Words that may stand in front of an expression without changing it
    ("am", "im", "noch"); they are dropped one at a time until a rule matches.
``tense``
    Cue words and patterns that say whether a sentence speaks of the past or
    the future (see :func:`timeline.dates.direction_cue`).
``macros``
    Pieces of patterns used by several rules, written ``{@name}`` in a pattern.
``patterns``
    Named patterns the engine uses beside the rules (what a part of a range
    leaves to the other part: a bare day, a month, a year at the end).
``conventions``
    The spans and defaults that are conventions, not grammar (parts of a
    month, seasons, the span of "kürzlich").
``numbers``
    Number words, scale words, qualifiers and vague quantities for
    :mod:`timeline.numbers`.

Built-in slots (language-neutral): ``{day}`` 1-31, ``{monthnum}`` 1-12,
``{year}`` a four-digit year, ``{year2}`` two digits, ``{anyyear}`` one to four
digits, ``{int}`` digits, ``{num}`` digits or a number word of the language,
``{clock}`` a clock time, and ``{expr}`` a sub-expression that is read
recursively.

Example:
    >>> de = load_language("de")
    >>> de.value("month", "jänner"), de.value("rel", "vergangenen")
    (1, -1)
    >>> rule = de.rule("weekday")
    >>> rule.match("mittwoch").group(0)
    'mittwoch'
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

__all__ = ["LANG_DIR", "Language", "LanguageError", "Rule", "load_language", "BUILTIN_SLOTS"]

#: Where the language files live.
LANG_DIR = Path(__file__).resolve().parent / "lang"

#: The built-in slots a pattern may use, and what they match.
BUILTIN_SLOTS: dict[str, str] = {
    "day": r"(?:[12]\d|3[01]|0?[1-9])(?!\d)",
    "monthnum": r"(?:1[0-2]|0?[1-9])(?!\d)",
    "year": r"1\d{3}|2\d{3}",
    "year2": r"\d{2}",
    "anyyear": r"\d{1,4}",
    "int": r"\d{1,3}",
    "clock": r"(?:[01]?\d|2[0-4])(?:[.:][0-5]\d)?",
    "expr": r".+?",
}
_SLOT_RE = re.compile(r"\{(\w+)(?::(\w+))?\}")
_MACRO_RE = re.compile(r"\{@(\w+)\}")


class LanguageError(ValueError):
    """A language file that cannot be used: names the file, the place and the problem."""


@dataclass(frozen=True)
class Rule:
    """One rule of a language file, compiled.

    ``slots`` maps each regex group to (slot name, class or built-in slot).
    """

    name: str
    pattern: str
    reads: str
    args: dict
    examples: tuple
    regex: re.Pattern
    slots: dict[str, tuple[str, str]]
    mention: bool = True
    precision: str | None = None

    def match(self, text: str) -> re.Match | None:
        return self.regex.fullmatch(text)

    @property
    def recursive(self) -> bool:
        return any(kind == "expr" for _, kind in self.slots.values())


@dataclass
class Language:
    """The compiled data of one language."""

    code: str
    path: Path
    classes: dict[str, dict[str, Any]]
    rules: list[Rule]
    fillers: tuple[str, ...]
    tense: dict
    conventions: dict
    numbers: dict
    macros: dict = field(default_factory=dict)
    patterns: dict[str, re.Pattern] = field(default_factory=dict)
    raw: dict = field(repr=False, default_factory=dict)

    def value(self, cls: str, word: str):
        """The value of a word (in any of its forms) in a class."""
        return self._forms[cls][word]

    def rule(self, name: str) -> Rule:
        for rule in self.rules:
            if rule.name == name:
                return rule
        raise KeyError(name)

    def class_regex(self, cls: str) -> str:
        """An alternation of every form of the words of a class, longest first."""
        forms = sorted(self._forms[cls], key=lambda w: (-len(w), w))
        return "|".join(re.escape(f).replace(r"\ ", " ") for f in forms)

    def word_regex(self, words) -> str:
        return "|".join(re.escape(w).replace(r"\ ", " ") for w in sorted(words, key=lambda w: (-len(w), w)))

    def claims_regex(self, source: str) -> str:
        """A regular expression of the ``claims`` section with ``{sources}`` spelt out: a noun of a source
        (``claims: source_nouns``, word starts) in any ending ("Angaben", "Einschätzung", "Erkenntnissen"), the
        one list every pattern of a source refers to."""
        nouns = [str(w) for w in (self.raw.get("claims") or {}).get("source_nouns") or ()]
        return source.replace("{sources}", r"(?:" + self.word_regex(nouns) + r")\w*") if nouns else source

    def claims_words(self, key: str) -> tuple[str, ...]:
        """A word list of the ``claims`` section (word starts, lower case) in which ``{sources}`` stands for the
        nouns of a source (``claims: source_nouns``), so that a list that holds them refers to the one list
        instead of copying it. An entry with another placeholder is an error naming it."""
        claims = self.raw.get("claims") or {}
        out: list[str] = []
        for word in claims.get(key) or ():
            word = str(word).casefold()
            if word == "{sources}":
                out += [str(n).casefold() for n in claims.get("source_nouns") or ()]
            elif "{" in word:
                raise LanguageError(f"{self.path.name}: claims.{key} holds {word!r}: the one placeholder of a "
                                    "word list is {sources} (the nouns of claims.source_nouns)")
            else:
                out.append(word)
        return tuple(dict.fromkeys(out))

    def __post_init__(self):
        self._forms: dict[str, dict[str, Any]] = {}


def _forms(cls: str, spec, where: str) -> dict[str, Any]:
    """Every form of every word of a class: the word itself, and with each ending the class allows."""
    if not isinstance(spec, dict):
        raise LanguageError(f"{where}: class {cls!r} must be a mapping of words to values")
    endings = [""]
    words = spec
    if "words" in spec:
        words = spec["words"]
        endings = [""] + [str(e) for e in (spec.get("endings") or [])]
    forms: dict[str, Any] = {}
    for word, value in words.items():
        word = str(word).lower()
        for ending in endings:
            forms.setdefault(word + ending, value)
    return forms


def _compile(rule: dict, lang: Language, where: str, number_re: str) -> Rule:
    for key in ("name", "pattern", "reads"):
        if key not in rule:
            raise LanguageError(f"{where}: rule {rule.get('name', '?')!r} has no {key!r}")
    slots: dict[str, tuple[str, str]] = {}
    counter = iter(range(10_000))

    def repl(m: re.Match) -> str:
        kind, slot = m.group(1), m.group(2) or m.group(1)
        group = f"g{next(counter)}"
        slots[group] = (slot, kind)
        if kind == "num":
            return f"(?P<{group}>{number_re})"
        if kind in BUILTIN_SLOTS:
            return f"(?P<{group}>{BUILTIN_SLOTS[kind]})"
        if kind not in lang._forms:
            raise LanguageError(f"{where}: rule {rule['name']!r} names an unknown class {kind!r}")
        return f"(?P<{group}>{lang.class_regex(kind)})"

    def macro(m: re.Match) -> str:
        if m.group(1) not in lang.macros:
            raise LanguageError(f"{where}: rule {rule['name']!r} names an unknown macro {m.group(1)!r}")
        return lang.macros[m.group(1)]

    source = _SLOT_RE.sub(repl, _MACRO_RE.sub(macro, str(rule["pattern"])))
    try:
        regex = re.compile(source)
    except re.error as exc:
        raise LanguageError(f"{where}: rule {rule['name']!r}: bad pattern ({exc})") from None
    examples = tuple(rule.get("examples") or ())
    args = dict(rule.get("args") or {})
    precision = rule.get("precision")
    if precision is not None:
        from .schema import VOCABULARIES

        if precision not in VOCABULARIES["precision"]:
            raise LanguageError(f"{where}: rule {rule['name']!r} yields precision {precision!r}, which is not a value "
                                f"of the vocabulary precision of schema.yaml ({', '.join(VOCABULARIES['precision'])})")
        args["precision"] = precision  # what its reading gives the interval
    return Rule(rule["name"], rule["pattern"], rule["reads"], args, examples, regex, slots,
                bool(rule.get("mention", True)), precision)


def number_word_regex(numbers: dict) -> str:
    """A compound number word: one or more number atoms, possibly joined ("zwei|hundert|fünf|und|zwanzig")."""
    atoms = list((numbers.get("atoms") or {})) + list((numbers.get("multipliers") or {}))
    joiners = list(numbers.get("joiners") or [])
    alternation = "|".join(re.escape(a) for a in sorted(set(atoms + joiners), key=lambda w: (-len(w), w)))
    return rf"\d+(?:[.,]\d+)?|(?:{alternation})+"


@functools.lru_cache(maxsize=8)
def load_language(code: str = "de", path: str | None = None) -> Language:
    """Read and compile a language file (cached): ``lang/<code>.yaml`` or the file at ``path``."""
    file = Path(path) if path else LANG_DIR / f"{code}.yaml"
    where = file.name
    try:
        text = file.read_text(encoding="utf-8")
        try:  # libyaml reads the 60 KB file in a tenth of the time (every process that reads dates reads it)
            doc = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - safe
        except yaml.YAMLError:
            doc = yaml.safe_load(text)  # the error again, in the words of PyYAML's own parser
    except (OSError, yaml.YAMLError) as exc:
        raise LanguageError(f"{where}: cannot read the language file: {exc}") from None
    if not isinstance(doc, dict):
        raise LanguageError(f"{where}: a language file is a mapping")
    lang = Language(code=doc.get("language", code), path=file, classes=doc.get("classes") or {}, rules=[],
                    fillers=tuple(str(f).lower() for f in doc.get("fillers") or ()), tense=doc.get("tense") or {},
                    conventions=doc.get("conventions") or {}, numbers=doc.get("numbers") or {},
                    macros={k: str(v) for k, v in (doc.get("macros") or {}).items()}, raw=doc)
    lang._forms = {cls: _forms(cls, spec, where) for cls, spec in lang.classes.items()}
    number_re = number_word_regex(lang.numbers)
    for name, template in (doc.get("patterns") or {}).items():
        lang.patterns[name] = _compile({"name": name, "pattern": template, "reads": "pattern"}, lang, where,
                                       number_re).regex
    names = set()
    for rule in doc.get("rules") or []:
        compiled = _compile(rule, lang, where, number_re)
        if compiled.name in names:
            raise LanguageError(f"{where}: two rules named {compiled.name!r}")
        names.add(compiled.name)
        lang.rules.append(compiled)
    return lang
