"""Who makes a claim and who carries it: attribution patterns and actor names as the language inflects them.

:class:`ActorMatcher` finds the actors of a registry in running text, whatever case ending a word carries
("Südkoreas" finds the actor whose alias is "Südkorea", "des russischen Verteidigungsministeriums" the
alias "russisches Verteidigungsministerium"): each word of four letters or more is compared without the
endings of the language file's ``claims: name_endings``, and the longest alias wins.

:func:`attribute` reads the claimant and the outlet of a sentence from the ``claims: attribution`` patterns
of the language file ("sagte X", "laut X", "X zufolge", "teilte X mit", "berichtete X unter Berufung auf
Y": Y claims, X carries), and says why. A pronoun names the claimant of the sentence before (or, when none
holds the floor, the person named last); a sentence with no attribution is the article's own (or, in direct or
reported speech, the previous claimant's: :class:`timeline.drafts.Floor` carries who that is). A person's name
spelt apart by transliteration ("Selenskij") is found by its spelling key (:func:`spelling_key`).
This module spells no word of any language.

Example:
    >>> from timeline.names import ActorRegistry
    >>> m = ActorMatcher(ActorRegistry.from_yaml())
    >>> [a for _, _, a in m.find("Laut Angaben Südkoreas Nationalen Geheimdienstes kamen sie.")]
    ['kr_nis']
    >>> a = attribute("Weitere 1.000 Ingenieure seien entsandt worden, berichtete die Nachrichtenagentur Yonhap "
    ...               "unter Berufung auf Mitglieder des parlamentarischen Geheimdienstausschusses.", m)
    >>> a.claimant, a.outlet
    ('kr_intelligence_committee', 'yonhap')
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from . import schema
from .language import load_language
from .names import ActorRegistry

__all__ = ["ActorMatcher", "Attribution", "NameWords", "attribute", "default_claimant", "default_outlet", "name_words",
           "stem"]

_WORD = re.compile(r"[\w]+(?:-[\w]+)*")
#: A dateline before the sentence ("Brüssel – Der Präsident ...", "Seoul, 17.10. – ..."): up to four
#: capitalised words or figures, then a dash between spaces. It names a place, never the claimant.
_DATELINE = re.compile(r"^[A-ZÄÖÜ][\w.'-]*(?:[ /,]+[A-ZÄÖÜ\d][\w.'-]*){0,3}\s+[–—-]\s+(?=\S)")
#: A list's bullet before the sentence ("- Er bestätigt, dass ..."): no part of it.
_BULLET = re.compile(r"^[-–—•*]\s+(?=\S)")
#: Two words run together by scraping ("ServiceNach", "Jong-gyuDer"): a capital after three lower-case letters.
_RUN_TOGETHER = re.compile(r"(?<=[^\W\d_A-ZÄÖÜ]{3})(?=[A-ZÄÖÜ][^\W\d_A-ZÄÖÜ]{2})")


@functools.lru_cache(maxsize=8)
def _claims(code: str) -> dict:
    return load_language(code).raw.get("claims") or {}


def not_names(lang: str = "de") -> list[str]:
    """The capitalised words that start a sentence and name no one: ``claims: sentence_adverbs`` and
    ``claims: sentence_prepositions``."""
    claims = _claims(lang)
    return [str(w) for key in ("sentence_adverbs", "sentence_prepositions") for w in claims.get(key) or ()]


@dataclass(frozen=True)
class NameWords:
    """The words of ``claims`` that shape a name, read once per language: articles (``name_articles``, in
    their order and as a set), genitives, sentence adverbs that name no one (:func:`not_names`), adjective and
    possessive endings (longest first), role nouns (``name_titles``)."""

    article_list: tuple[str, ...]
    articles: frozenset[str]
    genitives: frozenset[str]
    not_names: frozenset[str]
    adjective: tuple[str, ...]
    possessive: tuple[str, ...]
    titles: tuple[str, ...]


@functools.lru_cache(maxsize=8)
def name_words(lang: str = "de") -> NameWords:
    claims = _claims(lang)

    def words(key: str) -> list[str]:
        return [str(w) for w in claims.get(key) or ()]
    return NameWords(tuple(words("name_articles")), frozenset(w.casefold() for w in words("name_articles")),
                     frozenset(w.casefold() for w in words("name_genitives")),
                     frozenset(w.casefold() for w in not_names(lang)),
                     tuple(sorted(words("adjective_endings"), key=len, reverse=True)),
                     tuple(words("possessive_endings")), tuple(w.casefold() for w in words("name_titles")))


def stem(word: str, lang: str = "de") -> str:
    """A word without its case ending (lower-cased); words shorter than five letters are kept whole.

    >>> stem("Südkoreas"), stem("russischen"), stem("NIS")
    ('südkorea', 'russisch', 'nis')
    """
    w = word.casefold()
    if len(w) < 5:
        return w
    for ending in sorted(_claims(lang).get("name_endings") or (), key=len, reverse=True):
        if w.endswith(ending) and len(w) - len(ending) >= 4:
            return w[: -len(ending)]
    return w


def _stems(text: str, lang: str) -> list[tuple[int, int, str]]:
    out = []
    for m in _WORD.finditer(text):
        cuts = [m.start(), *(m.start() + c.start() for c in _RUN_TOGETHER.finditer(m.group(0)) if c.start()), m.end()]
        out += [(a, b, stem(text[a:b], lang)) for a, b in zip(cuts, cuts[1:])]
    return out


#: What an official's noun reads as in the matcher (no word of any language has it).
_OFFICIAL = "<official>"


@functools.lru_cache(maxsize=8)
def _unmarked(lang: str) -> dict[int, str]:
    """Letters that scraped text may have lost their marks on ("Einschatzungen" for "Einschätzungen"), each with
    the letter it reads as (``claims: unmarked_letters``): names are compared without the marks."""
    return str.maketrans({str(k): str(v) for k, v in (_claims(lang).get("unmarked_letters") or {}).items()})


def _key_word(word_stem: str, lang: str) -> str:
    """A word's stem as the matcher compares it: an official's noun as any other (:func:`_official`), without
    the marks of ``claims: unmarked_letters``."""
    return _official(word_stem, lang).translate(_unmarked(lang))


def _official(word_stem: str, lang: str) -> str:
    """A word's stem with a noun of ``claims: official_nouns`` (word starts: "Beamte", "Regierungsvertreter",
    "Militärs"), alone or after a country's prefix ("US-Beamte", "US-Militärs"), read as one noun: an unnamed
    official of the country or body, whichever of these words the article uses."""
    claims = _claims(lang)
    starts = tuple(str(w).casefold() for w in claims.get("official_nouns") or ())
    rest = int(claims.get("official_noun_rest", 4))
    prefix, dash, noun = word_stem.rpartition("-")
    # the noun itself, not a compound that opens with it ("Militärnachrichtendienstdirektion" is a body)
    official = any(noun.startswith(w) and len(noun) - len(w) <= rest for w in starts)
    return f"{prefix}{dash}{_OFFICIAL}" if official else word_stem


def spelling_key(name: str, lang: str = "de") -> str:
    """A name as transliteration spells it, whatever the spelling: lower-case, without hyphens and spaces, each
    letter sequence of ``claims: name_spellings: letters`` read as its counterpart.

    >>> spelling_key("Wolodimir Selenskij") == spelling_key("Volodymyr Selenskyj")
    True
    """
    key = re.sub(r"[\s-]+", "", name.casefold())
    letters = (_claims(lang).get("name_spellings") or {}).get("letters") or {}
    for source in sorted(letters, key=len, reverse=True):
        key = key.replace(str(source), str(letters[source]))
    return key


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether two different strings differ by one letter more, less or other, or by two neighbours swapped
    ("Selenskjy" for "Selenskyj")."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    i = 0
    while i < min(len(a), len(b)) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:] or (a[i + 2:] == b[i + 2:] and a[i:i + 2] == b[i:i + 2][::-1])
    return a[i + 1:] == b[i:] if len(a) > len(b) else a[i:] == b[i + 1:]


class ActorMatcher:
    """The actors of a registry, found in text by their names and aliases in any case ending."""

    def __init__(self, registry: ActorRegistry, lang: str = "de", extra: dict[str, str] | None = None):
        self.registry, self.lang = registry, lang
        articles = name_words(lang).articles
        self._aliases: dict[tuple[str, ...], str] = {}
        names = [(n, a.id) for a in registry.by_id.values() for n in (a.name, *a.aliases)]
        names += list((extra or {}).items())
        for name, actor_id in names:
            key = tuple(_key_word(s, lang) for _, _, s in _stems(str(name), lang))
            while key and key[0] in articles:
                key = key[1:]
            if key:
                self._aliases.setdefault(key, actor_id)
        # a country's genitive before a noun says what its adjective says ("Südkoreas Geheimdienst" is the
        # "südkoreanischer Geheimdienst"): an alias that opens with a country's adjective (``claims:
        # country_adjectives``) is also found after the genitive of a one-word name of the actor that speaks for
        # that country ("Südkorea", "Seoul")
        adjectives = {_key_word(str(a).casefold(), lang): str(cc)
                      for cc, adjs in (_claims(lang).get("country_adjectives") or {}).items() for a in adjs}
        countries: dict[str, set[str]] = {}
        for actor in registry.by_id.values():
            if schema.attribute("actor_kind", actor.kind, "speaks_for_country"):
                for n in (actor.name, *actor.aliases):
                    if len(str(n).split()) == 1 and "-" not in str(n):
                        countries.setdefault(actor.country, set()).add(_key_word(stem(str(n), lang), lang))
        for key, actor_id in list(self._aliases.items()):
            country = adjectives.get(key[0]) if len(key) > 1 else None
            for name in sorted(countries.get(country, ())):
                self._aliases.setdefault((name, *key[1:]), actor_id)
        self._longest = max((len(k) for k in self._aliases), default=0)
        # a person is also named by one capitalised word of their display name ("Lee", "Austin"), when no
        # other person's name holds that word (a name of more than three words describes, it names no one)
        words: dict[str, set[str]] = {}
        for actor in registry.by_id.values():
            if schema.attribute("actor_kind", actor.kind, "named_by_one_word") and len(actor.name.split()) <= 3:
                for m in _WORD.finditer(actor.name):
                    if m.group(0)[:1].isupper() and len(m.group(0)) >= 3:
                        words.setdefault(_key_word(stem(m.group(0), lang), lang), set()).add(actor.id)
        for w, ids in words.items():
            if len(ids) == 1:
                self._aliases.setdefault((w,), next(iter(ids)))

        # a person's names as transliteration spells them apart (``claims: name_spellings``), by length
        self._spellings: dict[int, list[tuple[str, str]]] = {}
        for actor in registry.by_id.values():
            if schema.attribute("actor_kind", actor.kind, "named_by_one_word"):
                for n in {actor.name, *actor.aliases}:
                    if all(w[:1].isupper() for w in str(n).split()):
                        key = spelling_key(str(n), lang)
                        if len(key) >= 6:
                            self._spellings.setdefault(len(key), []).append((key, actor.id))

    def _spelt_apart(self, words: list[str]) -> str | None:
        """The one person whose name the capitalised words spell as transliteration varies (see
        :func:`spelling_key`), or None: the same key, or one letter apart for a name of ``edit_from`` letters."""
        if not all(w[:1].isupper() for w in words):
            return None
        reach = int((_claims(self.lang).get("name_spellings") or {}).get("edit_from", 8))
        found = set()
        for key in {spelling_key(" ".join(words), self.lang),
                    spelling_key(" ".join([*words[:-1], stem(words[-1], self.lang)]), self.lang)}:
            for size in (len(key) - 1, len(key), len(key) + 1):
                for other, actor_id in self._spellings.get(size, ()):
                    if other == key or (len(key) >= reach and _one_letter_apart(key, other)):
                        found.add(actor_id)
        return next(iter(found)) if len(found) == 1 else None

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Every actor named in a text: (start, end, actor id), longest names first, without overlaps; a
        person's name that no alias matches may be one spelt apart (:meth:`_spelt_apart`)."""
        words = [(a, b, _key_word(w, self.lang)) for a, b, w in _stems(text, self.lang)]
        hits = []
        i = 0
        while i < len(words):
            exact = next(((n, self._aliases[key]) for n in range(min(self._longest, len(words) - i), 0, -1)
                          if (key := tuple(w[2] for w in words[i:i + n])) in self._aliases), (0, None))
            # a longer name spelt apart wins over a shorter alias it opens with ("Lee Seong Kwon" over "Lee")
            spelt = next(((n, a) for n in range(min(3, len(words) - i), exact[0], -1)
                          if self._spellings and (a := self._spelt_apart([text[x:y] for x, y, _ in words[i:i + n]]))),
                         None)
            n, actor_id = spelt or exact
            if actor_id:
                hits.append((words[i][0], words[i + n - 1][1], actor_id))
                i += n
            else:
                i += 1
        return hits

    def kind(self, actor_id: str) -> str | None:
        actor = self.registry.by_id.get(actor_id)
        return actor.kind if actor else None


@dataclass(frozen=True)
class Attribution:
    """The proposed claimant and outlet of a sentence: an actor id, or None with the name as written."""

    claimant: str | None
    claimant_text: str
    outlet: str | None
    outlet_text: str
    why_claimant: str
    why_outlet: str
    #: the attribution pattern that found the claimant ('' for none)
    pattern: str = ""
    #: the attribution pattern that found the outlet ('' for none)
    outlet_pattern: str = ""
    #: the claimant is one named before, pointed back to (a pronoun, a role noun, speech that goes on)
    pointed_back: bool = False


@functools.lru_cache(maxsize=8)
def _patterns(code: str) -> list[tuple[str, str, re.Pattern, str]]:
    claims = _claims(code)
    lang = load_language(code)
    verbs = lang.word_regex([str(v) for v in claims.get("verbs") or ()])
    nobody = lang.word_regex(not_names(code))
    adverbs = lang.word_regex([str(v) for v in claims.get("sentence_adverbs") or ()])
    participles = lang.word_regex([str(v) for v in claims.get("participles") or ()])
    auxiliaries = lang.word_regex([str(v) for v in claims.get("perfect_auxiliaries") or ()])
    pronouns = lang.word_regex([str(v) for v in claims.get("pronouns") or ()])
    possessives = lang.word_regex([str(v) for v in claims.get("possessives") or ()] or ["\0"])
    titles = "|".join(map(re.escape, sorted((str(v) for v in claims.get("name_titles") or ()), key=len, reverse=True)))
    media = lang.word_regex([str(v) for v in claims.get("media_nouns") or ()])
    np = r"[^,.;:„“”()]+"
    out = []
    for p in claims.get("attribution") or ():
        source = (str(p["pattern"]).replace("{np}", np).replace("{verbs}", verbs).replace("{not_names}", nobody)
                  .replace("{sentence_adverbs}", adverbs)
                  .replace("{participles}", participles).replace("{auxiliaries}", auxiliaries)
                  .replace("{pronouns}", pronouns).replace("{possessives}", possessives).replace("{titles}", titles)
                  .replace("{media}", media))
        source = lang.claims_regex(source)
        out.append((str(p["name"]), str(p.get("why", p["name"])), re.compile(source), str(p.get("name_at", "start"))))
    return out


@functools.lru_cache(maxsize=8)
def _carrier_patterns(code: str) -> frozenset[str]:
    """The names of the attribution patterns of a preposition of attribution ("laut X", "X zufolge") whose X
    carries the claim when the sentence has a speaker of its own (``carries_when_spoken: true``)."""
    return frozenset(str(p["name"]) for p in _claims(code).get("attribution") or () if p.get("carries_when_spoken"))


@functools.lru_cache(maxsize=8)
def _whole_clause(code: str) -> dict[str, str]:
    return {str(p["name"]): str(p.get("carries_when_spoken")) for p in _claims(code).get("attribution") or ()}


@functools.lru_cache(maxsize=8)
def _addressee_patterns(code: str) -> frozenset[str]:
    """The names of the attribution patterns whose outlet is whom the claimant told (``addressee: true``)."""
    return frozenset(str(p["name"]) for p in _claims(code).get("attribution") or () if p.get("addressee"))


@functools.lru_cache(maxsize=8)
def partner_patterns(code: str) -> frozenset[str]:
    """The names of the attribution patterns whose outlet is the news outlet a speaker spoke to ("in einem
    Interview mit Y", "sagte X der Nachrichtenagentur Y": ``partner: true``): it carries the sentence whether or
    not the pattern reads a claimant, and the speaker's later sentences that name no outlet of their own."""
    return frozenset(str(p["name"]) for p in _claims(code).get("attribution") or () if p.get("partner"))


@functools.lru_cache(maxsize=8)
def _source_patterns(code: str) -> frozenset[str]:
    """The names of the attribution patterns that name a source, not a speaker ("laut X", "nach Angaben des X":
    ``source: true`` or ``carries_when_spoken: true``)."""
    return frozenset(str(p["name"]) for p in _claims(code).get("attribution") or ()
                     if p.get("source") or p.get("carries_when_spoken"))


def _carriers_named(sentence: str, matcher: ActorMatcher, lang: str):
    """Each name a preposition of attribution that may carry (``carries_when_spoken``: "laut X", "X zufolge",
    "Wie X berichtete") gives in a sentence, in the patterns' order: (pattern name, why, match, where the name
    stands, actor id or None, the name as written)."""
    carriers = _carrier_patterns(lang)
    for name, why, rx, name_at in _patterns(lang):
        m = rx.search(sentence) if name in carriers else None
        if not m or not m.group("claimant"):
            continue
        actor_id, text = _name_in(m.group("claimant").strip(), matcher, lang, at_end=name_at == "end")
        if text:
            yield name, why, m, name_at, actor_id, text


def _spoken_through(sentence: str, matcher: ActorMatcher, previous, lang: str, mentioned, earlier):
    """A sentence whose preposition of attribution names one actor and whose verb of saying names another
    ("Zudem erklärte der Soldat laut Yonhap, ...", "Laut Yonhap sagte der NIS, ...", "Kim sagte KCNA zufolge"):
    the speaker claims, the name after the preposition carries. The attribution, or None when there is no
    such pair."""
    for name, why, m, name_at, actor_id, text in _carriers_named(sentence, matcher, lang):
        at = sentence.find(text, m.start("claimant"))
        if at < 0:
            continue
        # the sentence without the preposition and its name: who speaks in what is left
        cut = (m.start(), at + len(text)) if name_at != "end" else (at, m.end())
        if str(_whole_clause(lang).get(name)) == "clause":  # "Wie X berichtete, ...": the clause goes whole
            cut = (m.start(), m.end())
        rest = re.sub(r"\s{2,}", " ", sentence[:cut[0]] + sentence[cut[1]:]).strip()
        rest = re.sub(r"\s+([,.;:])", r"\1", rest)
        who = attribute(rest, matcher, previous, False, lang, mentioned, earlier, _spoken=True)
        if not who.pattern or who.pattern in _source_patterns(lang) or \
                (who.claimant == actor_id if actor_id else who.claimant_text == text) or \
                (who.claimant is None and not who.claimant_text):
            continue
        if _no_one(text, lang):  # "Berichten zufolge sagten die Soldaten": unnamed reports carry nothing
            return dataclasses.replace(who, why_claimant=who.why_claimant + f"; '{text}' names no one who carries it")
        why_o = f"pattern {name}: {why}; the sentence's verb of saying has a speaker of its own " \
                f"('{who.claimant_text}'): '{text}' carries the claim"
        return Attribution(who.claimant, who.claimant_text, actor_id, text, who.why_claimant, why_o, who.pattern)
    return None


def _no_one(text: str, lang: str) -> bool:
    """Whether a name as written is an unnamed source's word alone ("Berichten", ``claims: unnamed_source_names``)."""
    words = {str(w).casefold() for w in _claims(lang).get("unnamed_source_names") or ()}
    return len(text.split()) == 1 and stem(text, lang) in words


def _name_in(span: str, matcher: ActorMatcher, lang: str, at_end: bool = False) -> tuple[str | None, str]:
    """The actor a span names, else the span's name as written (or '' for none).

    The name stands at the span's start (``at_end``: at its end, as in "X zufolge"): an actor found further
    in ("bestätigte die Entsendung von Truppen aus Nordkorea") is what the claim speaks of, not who makes it;
    at most ``claims: name_lead`` words (articles, adjectives, a title) may come before it (after it, at the
    end). A date expression is no part of a name ("Austin am Mittwoch", "Am 23. Oktober die Vereinigten
    Staaten"); a name as written is its capitalised words and the lower-case words that join them, never a
    word of :func:`not_names` (sentence adverbs such as "Gleichzeitig")."""
    from .dates import date_mentions

    claims = _claims(lang)
    lead = int(claims.get("name_lead", 3))
    # a sentence adverb before the subject is no part of its name ("hatte auch die Regierung in X gesprochen")
    adverbs = {str(w).casefold() for w in claims.get("sentence_adverbs") or ()}
    while not at_end and span.split() and span.split()[0].casefold() in adverbs and span[:1].islower():
        span = span[len(span.split()[0]):].lstrip()
    possessive = name_words(lang).possessive
    adjective = name_words(lang).adjective or ("e",)
    found = [(s, e, a) for s, e, a in matcher.find(span)
             if len((span[e:] if at_end else _before_name(span[:s])).split()) <= (1 if at_end else lead)
             # a possessor before the name it qualifies ("Südkoreas Nationaler Geheimdienst", "Südkoreas amtliche
             # Nachrichtenagentur Yonhap": adjectives may stand between) names no claimant
             and not (span[s:e].endswith(possessive) and
                      re.match(r"(?:\s+[^\W\d_A-ZÄÖÜ]+(?:" + "|".join(map(re.escape, adjective)) + r"))*\s+[A-ZÄÖÜ]",
                               span[e:]))
             and not _possessor_after_noun(span, s, e, lang)]
    if found:
        s, e, actor_id = found[-1] if at_end else found[0]
        return actor_id, span[s:e]
    spoken_for = _official_of(span, matcher, lang)
    if spoken_for:
        return spoken_for
    bracket = re.search(r"\(([^()]*)\)", span)
    if bracket:  # "Südkoreas Nationaler Geheimdienst (NIS)": the brackets may hold a name the actor is known by
        inner = matcher.find(bracket.group(1))
        if inner:
            return inner[0][2], bracket.group(1)[inner[0][0]:inner[0][1]]
        span = span[:bracket.start()] + span[bracket.end():]
    fillers = set(load_language(lang).fillers)
    mentions = sorted(date_mentions(span, lang))
    if mentions and all(w.casefold() in fillers for w in span[:mentions[0][0]].split()):
        end = mentions[0][1]  # a date at the start (with what touches it): the name follows it
        for s, e, _ in mentions[1:]:
            if s <= end + 1 or not span[end:s].strip() or all(w.casefold() in fillers for w in span[end:s].split()):
                end = max(end, e)
        span = span[end:]
        mentions = sorted(date_mentions(span, lang))
    if mentions:  # a date after the name ends it
        span = span[:mentions[0][0]]
    articles, genitives, not_names = name_words(lang).articles, name_words(lang).genitives, name_words(lang).not_names
    joiners = {str(a).casefold() for a in claims.get("name_joiners") or ()} | genitives
    adjective = name_words(lang).adjective
    words = [w.strip("()[]") for w in span.split()]
    while words and words[0].casefold() in articles:
        words = words[1:]
    if at_end:
        words.reverse()
    def joining(w: str) -> bool:  # a joiner, or an adjective (an article is neither: it starts another phrase)
        return w.casefold() in joiners or (w.endswith(adjective) and w.casefold() not in articles)

    def joins(i: int) -> bool:  # a lower-case word that joins: a joiner or an adjective before a capitalised word
        rest = words[i:i + 3]
        return joining(rest[0]) and any(w[:1].isupper() for w in rest[1:]) and \
            all(joining(w) for w in rest[:next(j for j, w in enumerate(rest) if w[:1].isupper())])

    name: list[str] = []
    for i, w in enumerate(words):
        if not w or w.casefold() in not_names or len(name) >= 5:
            break
        if not w[:1].isupper() and (at_end and not joining(w) or not at_end and not joins(i)):
            break
        name.append(w)
    if at_end:
        name.reverse()
    while name and not name[0][:1].isupper() and not (name[0].endswith(adjective) and
                                                     name[0].casefold() not in articles):
        name = name[1:]
    while name and not name[-1][:1].isupper():
        name.pop()
    return None, _without_title(name, lang)


def _before_name(text: str) -> str:
    """What stands before a known name, without the capitalised words right before it: a first name or a role
    noun the drafter does not know is part of the name's phrase ("des ukrainischen Präsidenten Wassyl
    Selenskyj": an unknown first name and a known surname name the surname's actor), not a lead word."""
    words = text.split()
    while words and re.fullmatch(r"[A-ZÄÖÜ][\w'-]+", words[-1]):
        words.pop()
    return " ".join(words)


def _official_of(span: str, matcher: ActorMatcher, lang: str) -> tuple[str, str] | None:
    """The actor an unnamed official speaks for: a noun of ``claims: official_nouns`` among the span's first
    words, then a genitive (``claims: name_genitives``) that names an actor ("ein hochrangiger Beamter des
    US-Militärs", "Vertreter des NIS"): (actor id, the official as written), or None."""
    claims = _claims(lang)
    genitives = name_words(lang).genitives
    words = list(re.finditer(r"\S+", span))
    for i, w in enumerate(words[:int(claims.get("name_lead", 3)) + 1]):
        if i + 1 < len(words) and words[i + 1].group(0).casefold() in genitives and \
                _official(stem(w.group(0).strip(",.;:"), lang), lang).endswith(_OFFICIAL):
            rest = span[words[i + 1].end():]
            hits = [(s, e, a) for s, e, a in matcher.find(rest) if len(rest[:s].split()) <= 1]
            if hits:
                return hits[0][2], span[w.start():words[i + 1].end() + hits[0][1]]
    return None


def _possessor_after_noun(span: str, s: int, e: int, lang: str) -> bool:
    """Whether the name at span[s:e] is a possessor in the genitive after the noun it qualifies ("gab Schoigu
    die Entscheidung Pjöngjangs bekannt"): it ends in a possessive ending its alias does not have, and a
    capitalised noun with an article stands right before it. A possessor never names the claimant, except
    after a noun of a source (``claims: source_nouns``: "nach Angaben Südkoreas")."""
    claims = _claims(lang)
    possessive = name_words(lang).possessive
    word = span[s:e].split()[-1]
    if not word.endswith(possessive) or stem(word, lang) == word.casefold():
        return False
    articles = name_words(lang).articles
    before = span[:s].split()
    if len(before) < 2 or not before[-1][:1].isupper() or before[-2].casefold() not in articles:
        return False
    sources = tuple(str(x).casefold() for x in claims.get("source_nouns") or ())
    return not before[-1].casefold().startswith(sources)


def _joint_actor(span: str, matcher: ActorMatcher, lang: str) -> tuple[str | None, str, str]:
    """A joint claimant: two names joined by a word of ``claims: joint_joiners`` ("der Ukraine und der USA",
    "ukrainischen und westlichen", "südkoreanischer und westlicher Geheimdienste", where the first takes the
    noun of the second). The actor of ``actors.yaml`` whose ``members`` are the actors the two parts name, else
    the first part's actor: (actor id or None, the name as written, why)."""
    claims = _claims(lang)
    joiners = [str(w) for w in claims.get("joint_joiners") or ()]
    if not joiners:
        return None, "", ""
    articles = name_words(lang).article_list
    art = r"(?:(?:" + "|".join(map(re.escape, articles)) + r") )?"
    # a part: its article, adjectives, then a word and up to three capitalised words ("Präsident Wolodimir
    # Selenskij", "der ukrainische Geheimdienst SBU"); the pair opens the span, or ends it ("Seit X dem NIS und
    # den Ukrainern zufolge")
    part = art + r"(?:[^\W\d_A-ZÄÖÜ][\w-]* ){0,2}?[\w-]+(?: [A-ZÄÖÜ][\w-]*){0,3}"
    pair = r"(" + part + r") (?:" + "|".join(map(re.escape, joiners)) + r") (" + part + r")"
    with_article = r"(?:" + "|".join(map(re.escape, articles)) + r") " + part[len(art):]
    m = re.match(r"\s*" + pair + r"(?=\s|$)", span) or re.search(
        r"(?<=\s)(" + with_article + r") (?:" + "|".join(map(re.escape, joiners)) + r") (" + with_article + r")\s*$",
        span)
    if not m:
        return None, "", ""
    if re.search(r"(?<![\w-])[^\W\d_A-ZÄÖÜ][\w-]* (?:" + "|".join(map(re.escape, articles)) + r") ", m.group(1)):
        return None, "", ""  # a verb before its object ("trugen die X und Y bei") opens no name
    whole = matcher.find(m.group(0).strip())
    if len(whole) == 1 and whole[0][1] - whole[0][0] >= len(m.group(0).strip()) - len(m.group(1).split()[0]) - 1:
        # the pair is a name of one actor ("Das Weiße Haus und das Pentagon" as an alias)
        return whole[0][2], m.group(0).strip(), f"'{m.group(0).strip()}' is a name of one actor"
    first, second = m.group(1), m.group(2)
    noun = second.split()[-1] if len(second.split()) > 1 and second.split()[-1][:1].isupper() else ""
    if noun and not first.split()[-1][:1].isupper():
        first = f"{first} {noun}"  # "südkoreanischer (Geheimdienste) und westlicher Geheimdienste"
    parts = [_candidates(p, matcher, lang) for p in (first, second)]
    if not any(parts) or not all(c or re.search(r"(?<![\w-])[A-ZÄÖÜ]", p) for c, p in zip(parts, (first, second))):
        return None, "", ""  # a part neither names an actor nor is a name
    for actor in matcher.registry.by_id.values():
        members = set(actor.members)
        if len(members) == len(parts) and all(c & members for c in parts) and                 members <= set().union(*parts):
            return actor.id, m.group(0).strip(), f"'{m.group(0).strip()}' names the joint actor of its members " \
                                                 f"({', '.join(actor.members)})"
    if len(parts[0]) == 1 and parts[0] == parts[1]:
        return None, "", ""  # one actor twice is no pair
    # never just one of them: the name of both, for the curator to add as a joint actor
    return None, m.group(0).strip(), f"'{m.group(0).strip()}' names several speakers, and no joint actor has them " \
                                     "as members: both, as written"


def _candidates(part: str, matcher: ActorMatcher, lang: str) -> set[str]:
    """The actors one part of a joint claimant may name: an actor named in it; else the actor its country's
    adjective names; else the actors one of whose names opens with its first word ("westlichen" for
    "westliche Staaten")."""
    found = matcher.find(part)
    if found:
        return {found[0][2]}
    country_id, _ = _country_actor(part, matcher, lang)
    if country_id:
        return {country_id}
    articles = name_words(lang).articles
    words = [w for w in part.split() if w.casefold() not in articles]
    if not words:
        return set()
    first = stem(words[0], lang)
    return {a.id for a in matcher.registry.by_id.values() for n in (a.name, *a.aliases)
            if n.split() and stem(n.split()[0], lang) == first}


def _country_actor(span: str, matcher: ActorMatcher, lang: str) -> tuple[str | None, str]:
    """The actor a country's adjective names (``claims: country_adjectives``): standing alone ("ukrainischen"
    of "nach ukrainischen Angaben"), the one actor of that country whose kind speaks for the country (schema
    ``actor_kind``: ``speaks_for_country``); before a word of ``claims: state_media_words`` ("nordkoreanischer
    Staatsmedien"), the one actor of that country marked ``state_media``; before a word of ``claims:
    government_words`` or as its compound ("ukrainische Regierung", "US-Regierung"), the first again. (None, '')
    when there is no such actor, or more than one."""
    claims = _claims(lang)
    articles = name_words(lang).articles
    words = [w for w in re.findall(r"[\w-]+", span)]
    while words and words[0].casefold() in articles:
        words = words[1:]
    if not words:
        return None, ""
    government = {str(w).casefold() for w in claims.get("government_words") or ()}
    shown = " ".join(words[:2])
    prefix, _, noun = words[0].partition("-")
    if noun and stem(noun, lang) in government and "-" not in noun:  # "US-Regierung"
        words, shown = [prefix, noun], words[0]
    first = stem(words[0], lang)
    country = next((str(cc) for cc, adjs in (claims.get("country_adjectives") or {}).items()
                    for a in adjs if first == str(a).casefold()), None)
    if country is None:
        return None, ""
    state_media = {str(w).casefold() for w in claims.get("state_media_words") or ()}
    actors = [a for a in matcher.registry.by_id.values() if a.country == country]
    if len(words) == 1 or stem(words[1], lang) in government:
        found = [a for a in actors if schema.attribute("actor_kind", a.kind, "speaks_for_country")]
    elif stem(words[1], lang) in state_media:
        found = [a for a in actors if a.state_media]
    else:
        return None, ""
    return (found[0].id, shown) if len(found) == 1 else (None, "")


def _source_inside(span: str, matcher: ActorMatcher, lang: str) -> tuple[str | None, str]:
    """The actor an unnamed source belongs to: a span that opens with a word of ``claims: unnamed_source_names``
    and a word of ``claims: source_prepositions`` before an actor ("Eine Quelle aus dem ukrainischen
    Geheimdienst", "Quellen im Verteidigungsministerium") names that actor; else (None, '')."""
    claims = _claims(lang)
    articles = name_words(lang).articles
    nouns = {str(w).casefold() for w in claims.get("unnamed_source_names") or ()}
    prepositions = {str(w).casefold() for w in claims.get("source_prepositions") or ()}
    words = span.split()
    while words and words[0].casefold() in articles:
        words = words[1:]
    if len(words) < 3 or stem(words[0], lang) not in nouns or words[1].casefold() not in prepositions:
        return None, ""
    rest = " ".join(words[2:])
    found = [(s, e, a) for s, e, a in matcher.find(rest) if len(rest[:s].split()) <= 2]
    return (found[0][2], rest[found[0][0]:found[0][1]]) if found else (None, "")


def _titled(span: str, lang: str) -> bool:
    """Whether a span opens with a role noun (``claims: name_titles``) after its articles and adjectives."""
    titles, articles, adjective = name_words(lang).titles, name_words(lang).articles, name_words(lang).adjective
    for w in span.split()[:4]:
        if w.casefold() in articles or (not w[:1].isupper() and w.endswith(adjective)):
            continue
        return bool(titles) and w.casefold().endswith(titles)
    return False


def _a_name(span: str) -> bool:
    """Whether a span is a person's name as written: two or three capitalised words."""
    words = span.split()
    return 2 <= len(words) <= 3 and all(re.fullmatch(r"[A-ZÄÖÜ][\w'-]+", w) for w in words)


def _without_title(name: list[str], lang: str) -> str:
    """A name as written without the role noun before a person's name (``claims: name_titles``): "ukrainische
    Präsident Wolodymyr Selenskyj" is "Wolodymyr Selenskyj"; a name run together with the next word by
    scraping ("Kim Jong-gyuDer") ends where the next word starts."""
    titles = name_words(lang).titles
    for i, w in enumerate(name[:-1]):
        rest = name[i + 1:]
        if titles and w.casefold().endswith(titles) and all(r[:1].isupper() for r in rest):
            name = rest
            break
    text = " ".join(name)
    cut = next((m.start() + c.start() for m in _WORD.finditer(text)
                for c in _RUN_TOGETHER.finditer(m.group(0)) if c.start()), None)
    return text[:cut] if cut else text


def _source_compound(name: str, lang: str) -> str | None:
    """The first part of a compound of a source noun (``claims: source_nouns``) written as one word, with or
    without a hyphen ("Geheimdienstschätzungen" -> "Geheimdienst", "HUR-Angaben" -> "HUR"), or None when the
    name is no such compound (more than one word, the source noun alone, or another word)."""
    if len(name.split()) != 1:
        return None
    word = name.casefold()
    for noun in sorted((str(n).casefold() for n in _claims(lang).get("source_nouns") or ()), key=len, reverse=True):
        at = word.rfind(noun)
        if at < 0 or len(word) - at - len(noun) > 3:
            continue  # not this noun, or not at the word's end (with a case ending at most)
        first = name[:at].rstrip("-")
        return first if at and len(first) >= 2 else None  # the noun alone ("Einschätzungen") is no compound
    return None


def _pointed_back(kinds: list[str], matcher: ActorMatcher, earlier: list[str],
                  mentioned: str | list[str] | None) -> tuple[str, str] | None:
    """The actor a role noun standing alone points back to ("Die Agentur sagte", "die Behörde", ``claims:
    back_references`` with the actor kinds it fits): the latest claimant before whose kind fits; else the
    last actor of a fitting kind that the sentence before names; else (a role noun of no kind) the last actor
    the sentence before names. (actor id, why) or None."""
    named = [mentioned] if isinstance(mentioned, str) else list(mentioned or [])
    if not kinds:
        return (named[-1], "the actor the sentence before names") if named else None
    for actor_id in reversed(earlier):
        if matcher.kind(actor_id) in kinds:
            return actor_id, f"the latest claimant before of a kind it fits ({', '.join(kinds)})"
    for actor_id in reversed(named):
        if matcher.kind(actor_id) in kinds:
            return actor_id, f"the last actor of a kind it fits ({', '.join(kinds)}) the sentence before names"
    return None


def _role_back(text: str, matcher: ActorMatcher, earlier: list[str], lang: str,
               people: tuple[str, ...] | list[str] = ()) -> str | None:
    """The actor a role noun standing alone names ("so der ukrainische Präsident", after Selenskyj's quote):
    a name as written whose last word is a role noun (``claims: name_titles``) and whose other words are
    adjectives is the latest claimant before of a kind of ``claims: role_kinds`` (a person), of the country a
    country's adjective among them names (``claims: country_adjectives``); else, when such an adjective stands
    among them, the latest person the sentences before named (``people``, speaker or not) who fits the same way
    ("Im Juni stattete Wladimir Putin ... einen Besuch ab. ... Kims Truppen ... Der russische Diktator erklärte
    damals": Putin); None when there is none."""
    claims = _claims(lang)
    titles, adjective = name_words(lang).titles, name_words(lang).adjective
    words = text.split()
    if not titles or not words or len(words) > 3 or not words[-1].casefold().endswith(titles) or \
            not all(not w[:1].isupper() and w.endswith(adjective) for w in words[:-1]):
        return None
    country = next((str(cc) for w in words[:-1] for cc, adjs in (claims.get("country_adjectives") or {}).items()
                    if stem(w, lang) in {str(a).casefold() for a in adjs}), None)
    kinds = {str(k) for k in claims.get("role_kinds") or ()}
    for actor_id in reversed(earlier):
        actor = matcher.registry.by_id.get(actor_id)
        if actor and actor.kind in kinds and (country is None or actor.country == country):
            return actor_id
    for actor_id in reversed(people if country is not None else ()):
        actor = matcher.registry.by_id.get(actor_id)
        if actor and actor.kind in kinds and actor.country == country:
            return actor_id
    return None


def _same_head(text: str, sentence: str, earlier: list[tuple[str | None, str]],
               lang: str) -> tuple[str | None, str] | None:
    """The earlier claimant a definite noun points back to by repeating its noun in another case or number
    ("Die Beamten sagten" after "Westliche Beamte", "der Soldat" after "einer der gefangenen Soldaten"): a
    claimant that is one capitalised noun after a definite article (``claims: definite_articles``, adjectives may
    stand between) is the latest earlier claimant whose name as written holds more words than that one, one of
    them a capitalised word of the same stem, and joins no two names (``claims: joint_joiners``); else None."""
    claims = _claims(lang)
    words = text.split()
    definite = [str(a) for a in claims.get("definite_articles") or ()]
    if len(words) != 1 or not words[0][:1].isupper() or not definite or not re.search(
            r"(?<![\w-])(?i:" + "|".join(map(re.escape, definite)) + r")(?: [^\W\d_A-ZÄÖÜ][\w-]*)* "
            + re.escape(words[0]) + r"(?![\w-])", sentence):
        return None
    joiners = {str(w).casefold() for w in claims.get("joint_joiners") or ()}
    key = stem(words[0], lang)
    for actor_id, name in reversed(earlier):
        parts = re.findall(r"[\w]+", name or "")
        if len(parts) > 1 and not any(w.casefold() in joiners for w in parts) and \
                any(w[:1].isupper() and stem(w, lang) == key for w in parts):
            return actor_id, name
    return None


def default_claimant(lang: str = "de") -> str:
    """The claimant of a claim that names none: the article itself (the language file's ``default_claimant``)."""
    return _claims_word(lang, "default_claimant")


def default_outlet(lang: str = "de") -> str:
    """The outlet of a claim that names none: the article itself (the language file's ``default_outlet``)."""
    return _claims_word(lang, "default_outlet")


def _claims_word(lang: str, key: str) -> str:
    """A value of the language file's ``claims`` that the drafter cannot do without, or a LanguageError."""
    value = _claims(lang).get(key)
    if not value:
        from .language import LanguageError
        raise LanguageError(f"{load_language(lang).path.name}: claims.{key} is missing: the actor id of a claim "
                            "that names none (such as article)")
    return str(value)


def attribute(sentence: str, matcher: ActorMatcher, previous: tuple[str | None, str] | None = None,
              speech: bool = False, lang: str = "de", mentioned: str | list[str] | None = None,
              earlier: list[str] | None = None, previous_outlet: tuple[str | None, str] | None = None,
              _spoken: bool = False, earlier_named: list[tuple[str | None, str]] | None = None,
              referent: tuple[str | None, str] | None = None, people: tuple[str, ...] = ()) -> Attribution:
    """The claimant and outlet a sentence names, with why; see the module's description.

    ``previous`` is the claimant of the sentence before (id, name as written); ``speech`` says that the
    sentence is direct or reported speech, so that without a claimant of its own it is the previous one's.
    ``mentioned`` are the actors the sentence before names (in order), ``earlier`` the claimants of the
    sentences before (in order): a claimant written as a role noun that points back ("Die Agentur schätzte",
    ``claims: back_references``) is the latest of them whose kind the role noun fits (:func:`_pointed_back`).
    ``previous_outlet`` is the outlet of the sentence before (id, name as written): a claimant carried over from
    the sentence before (a pronoun, speech that goes on, a source that goes on) brings its outlet along when the
    sentence names none ("Wie Yonhap berichtete, ... Erst bei seiner Ankunft habe er gemerkt, ...").
    ``earlier_named`` are the claimants of the sentences before (id or None, name as written), in order: a
    claimant that is one noun no actor is known for, the head noun of an earlier claimant's name ("Die Beamten
    sagten" after "Westliche Beamte haben ... mitgeteilt"), is that claimant (:func:`_same_head`). ``people`` are
    the people (actor ids) the sentences before named, speaker or not, in order: a role noun alone with a country's
    adjective names the latest of them it fits when no earlier claimant does (:func:`_role_back`).
    """
    claims = _claims(lang)
    dateline = _DATELINE.match(sentence) or _BULLET.match(sentence)
    if dateline:
        sentence = sentence[dateline.end():]
    # "Wie berichtet, ...": the article reported it before; the opener names no one (``claims: own_report_openers``)
    own_report = next((m for m in (re.match(str(rx), sentence) for rx in claims.get("own_report_openers") or ())
                       if m), None)
    if own_report:
        sentence = sentence[own_report.end():].lstrip()
    pronouns = {str(p).casefold() for p in [*(claims.get("pronouns") or ()), *(claims.get("possessives") or ())]}
    default_c, default_o = default_claimant(lang), default_outlet(lang)
    claimant = outlet = None
    why_c = why_o = ""
    described = False  # the claimant is described by its country, not named
    carried = False  # the claimant is the one of the sentence before
    found_by = written_by = ""  # the pattern that found the claimant (the name as written)
    outlet_by = ""  # the pattern that found the outlet
    written = None  # the first claimant that is a name as written, kept until no pattern finds a known actor
    for name, why, rx, name_at in _patterns(lang):
        m = rx.search(sentence)
        if not m:
            continue
        groups = m.groupdict()
        told = groups.get("outlet") or groups.get("outlet2")
        if outlet is None and told:
            actor_id, text = _name_in(told, matcher, lang)
            if name in partner_patterns(lang) and actor_id and \
                    not schema.attribute("actor_kind", matcher.kind(actor_id), "carries_own_claims"):
                if text.casefold() == told.strip().casefold():
                    continue  # the one spoken to is a known actor but no news outlet ("im Gespräch mit Putin")
                # a known name inside a longer one ("Japan" in "The Japan Times") is not whom the speaker told
                actor_id, text = None, told.strip()
            if name in _addressee_patterns(lang) and (
                    (actor_id and not schema.attribute("actor_kind", matcher.kind(actor_id), "carries_own_claims"))
                    or not _name_in(groups.get("claimant") or "", matcher, lang)[1]):
                continue  # whom the claimant told is no outlet ("hat Putin mitgeteilt"), or no one told it
            if actor_id or text:
                outlet, why_o = (actor_id, text), f"pattern {name}: {why}"
                outlet_by = name
        if claimant is None and groups.get("claimant"):
            span = groups["claimant"].strip()
            pointed = previous if previous and previous[0] != default_c else None
            if span.split() and span.split()[0].casefold() in pronouns and (previous or referent):
                claimant, why_c = (pointed or previous, f"pattern {name}: {why}; the pronoun '{span.split()[0]}' "
                                                        "names the claimant of the sentence before") \
                    if pointed or not referent else \
                    (referent, f"pattern {name}: {why}; the pronoun '{span.split()[0]}' names the person the "
                               f"sentences before named last ('{referent[1]}')")
                found_by = name
                carried = True
            else:
                actor_id, text = _source_inside(span, matcher, lang)
                joint_id, joint_text, joint_why = _joint_actor(span, matcher, lang) if not actor_id else (None, "", "")
                if actor_id:
                    why += f"; an unnamed source inside '{text}' speaks for it"
                elif joint_id:
                    actor_id, text, why = joint_id, joint_text, why + "; " + joint_why
                elif joint_text:
                    text, why = joint_text, why + "; " + joint_why
                else:
                    actor_id, text = _name_in(span, matcher, lang, at_end=name_at == "end")
                if not actor_id and not joint_text:
                    country_id, said = _country_actor(span, matcher, lang)
                    if country_id:
                        actor_id, text, why = country_id, said, why + f"; '{said}' names the country's actor"
                        described = True  # no outlet is named: "Staatsmedien" says which, not where
                # an apposition between commas, or one that ends the sentence ("sagte der Chef des X, Y Z.")
                apposition = re.match(r"\s*,([^,.;:]+)(?:,|[.!?]?\s*$)", sentence[m.end("claimant"):])
                if apposition and not apposition.group(0).rstrip().endswith(",") and not _a_name(apposition.group(1)):
                    apposition = None  # what ends the sentence after a comma is a clause ("..., dass Kim ..."), no name
                person_role = False
                if actor_id and apposition and apposition.group(0).rstrip().endswith(",") and \
                        _titled(span, lang) and _a_name(apposition.group(1)) and \
                        not schema.attribute("actor_kind", matcher.kind(actor_id) or "", "named_by_one_word"):
                    # "Der Leiter des X, Y Z, erklärte": the role noun describes the person of the apposition,
                    # who claims; the body the role names (X) is whom they speak for, not the claimant
                    person_id, said = _name_in(apposition.group(1), matcher, lang)
                    actor_id, text = person_id, said or apposition.group(1).strip()
                    why += f"; the apposition '{apposition.group(1).strip()}' names the person the role noun " \
                           "describes"
                    person_role = True
                if person_role:
                    pass
                elif not actor_id and text and apposition and _a_name(text) and _titled(apposition.group(1), lang):
                    # "Y Z, Sprecher des X, erklärte": the person claims; the role says whom they speak for, and
                    # an actor the role names is not the claimant
                    why += f"; the apposition '{apposition.group(1).strip()}' gives the role of the person"
                elif not actor_id and text and apposition:  # "der koreanische Geheimdienst, der NIS, gab ..."
                    actor_id, said = _name_in(apposition.group(1), matcher, lang)
                    if actor_id:
                        text, why = said, why + f"; the apposition '{apposition.group(1).strip()}' names it"
                    elif _titled(span, lang) and _a_name(apposition.group(1)):
                        # "Der Leiter des Zentrums ..., Andriy Kovalenko, schrieb": the role, then the person
                        text = apposition.group(1).strip()
                        why += f"; the apposition '{text}' names the person the role noun describes"
                    else:
                        actor_id = None
                if person_role:
                    claimant, why_c = (actor_id, text), f"pattern {name}: {why}"
                    found_by = name
                elif actor_id and written is not None and outlet is not None and actor_id == outlet[0]:
                    pass  # "berichtete X unter Berufung auf Y": X carries; Y claims, though no actor is known for it
                elif actor_id:
                    claimant, why_c = (actor_id, text), f"pattern {name}: {why}"
                    found_by = name
                elif text and written is None:
                    written = (None, text), f"pattern {name}: {why}"
                    written_by = name
        if claimant is not None and outlet is not None:
            break
    if claimant is None and written is not None:
        claimant, why_c = written
        found_by = written_by
    backs = {str(w).casefold(): [str(k) for k in kinds or ()] for w, kinds in
             (claims.get("back_references") or {}).items()}
    if claimant is not None and claimant[0] is None and len(claimant[1].split()) == 1 \
            and stem(claimant[1], lang) in backs:
        back = _pointed_back(backs[stem(claimant[1], lang)], matcher, earlier or [], mentioned)
        if back:
            claimant, why_c = (back[0], claimant[1]), why_c + f"; '{claimant[1]}' points back to {back[1]}"
            carried = True
    compound = _source_compound(claimant[1], lang) if claimant is not None and claimant[0] is None else None
    if compound is not None:
        # "Geheimdienstschätzungen zufolge", "HUR-Angaben": a compound of a source noun names the actor its first
        # part names, or the latest claimant before of the kind the first part (a role noun) fits; else it stays
        # as written for the curator (an alias may name it: "US-Quellen")
        found = [a for _, _, a in matcher.find(compound)]
        back = _pointed_back(backs[stem(compound, lang)], matcher, earlier or [], mentioned) \
            if not found and stem(compound, lang) in backs else None
        if found:
            claimant, why_c = (found[0], claimant[1]), why_c + f"; '{claimant[1]}' is a source of '{compound}'"
        elif back:
            claimant, why_c = (back[0], claimant[1]), why_c + f"; '{claimant[1]}' is a source of '{compound}', " \
                                                              f"which points back to {back[1]}"
            carried = True
    if claimant is not None and claimant[0] is None and not carried:
        head = _same_head(claimant[1], sentence, earlier_named or [], lang)
        if head:
            claimant, why_c = head, why_c + f"; '{claimant[1]}' repeats the noun of the earlier claimant " \
                                            f"'{head[1]}': it points back to it"
            carried = True
    if claimant is not None and claimant[0] is None:
        role = _role_back(claimant[1], matcher, earlier or [], lang, people)
        if role:
            whom = "the latest claimant before" if role in (earlier or []) else \
                "the latest person the sentences before named"
            claimant, why_c = (role, claimant[1]), why_c + f"; '{claimant[1]}' is a role noun alone: {whom}, " \
                                                          "whom it fits (kind and country)"
            carried = True
    unnamed = str(claims.get("unnamed_claimant", ""))
    if unnamed in matcher.registry.by_id:
        if claimant is not None and claimant[0] is None and _no_one(claimant[1], lang):
            claimant, why_c = (unnamed, claimant[1]), why_c + f"; '{claimant[1]}' names no one: unnamed sources"
        elif claimant is None and not (speech and previous):
            hit = next((m for m in (re.search(str(rx), sentence, re.I)
                                    for rx in claims.get("unnamed_source_patterns") or ()) if m), None)
            if hit:
                claimant, why_c = (unnamed, hit.group(0)), f"'{hit.group(0)}' without a claimant: unnamed sources"
    # a claimant known only by a name learnt elsewhere (``extra_names``: no kind in the registry) is no outlet
    if claimant is not None and claimant[0] and outlet is None and not described and \
            matcher.kind(claimant[0]) is not None and \
            schema.attribute("actor_kind", matcher.kind(claimant[0]), "carries_own_claims"):
        outlet, why_o = claimant, "the claimant is a news outlet: it carries its own claim"
    if claimant is None and previous:
        hit = next((m for m in (re.search(str(rx), sentence, re.I)
                                for rx in map(load_language(lang).claims_regex,
                                              map(str, claims.get("continuing_source_patterns") or ()))) if m), None)
        if hit:
            claimant, why_c = previous, f"'{hit.group(0)}': the source of the sentence before goes on"
            carried = True
    if claimant is None and not _spoken:
        # "..., doch Y warnte vor ...": a clause of its own after a comma and a word of ``claims: clause_openers``
        # whose verb of saying has a subject: that subject claims
        openers = [str(w) for w in claims.get("clause_openers") or ()]
        cut = re.search(r",\s+(?:" + "|".join(map(re.escape, openers)) + r")\s+(?=\S)", sentence) if openers else None
        if cut:
            who = attribute(sentence[cut.end():], matcher, previous, False, lang, mentioned, earlier, _spoken=True)
            if who.pattern and who.pattern not in _source_patterns(lang) and who.claimant_text and \
                    who.claimant != default_c:
                claimant, why_c = (who.claimant, who.claimant_text), \
                    f"the clause after '{cut.group(0).strip(', ')}' has a verb of saying: {who.why_claimant}"
                found_by = who.pattern
    if claimant is None and own_report:
        claimant, why_c = (default_c, default_c), f"'{own_report.group(0).strip(' ,')}': the article reported it " \
                                                  "before, and the sentence names no claimant: the article's own"
    if claimant is None:
        if speech and previous:
            claimant, why_c = previous, "direct or reported speech without a claimant of its own: the claimant " \
                                        "of the sentence before"
            carried = True
        else:
            claimant, why_c = (default_c, default_c), "no attribution in the sentence: the article's own claim"
    # the claimant of the sentence before, named again ("... teilte X mit, zitiert von der BBC. Laut X wurden ..."),
    # speaks through the same outlet when the sentence names none
    again = previous is not None and claimant is not None and claimant[0] != default_c and (
        claimant == previous or (claimant[0] is not None and claimant[0] == previous[0]))
    if outlet is None and (carried or again) and previous_outlet and previous_outlet[1] and \
            previous_outlet[0] != default_o:
        outlet, why_o = previous_outlet, "the claimant is carried over from before, and no outlet is named: " \
                                         f"the outlet of the sentence before ('{previous_outlet[1]}') carries it too"
    if outlet is None:
        outlet, why_o = (default_o, default_o), "no outlet named: the article carries the claim"
    if claimant[0] is None:
        why_c += f"; '{claimant[1]}' is no known actor"
    if outlet[0] is None:
        why_o += f"; '{outlet[1]}' is no known actor"
    if not _spoken and found_by in _carrier_patterns(lang) and outlet[0] in (default_o, claimant[0]) and \
            not outlet_by:
        # "Zudem erklärte der NIS laut Yonhap": a speaker of its own beside the preposition
        through = _spoken_through(sentence, matcher, previous, lang, mentioned, earlier)
        if through is not None:
            return through
    elif not _spoken and found_by and found_by not in _source_patterns(lang) and outlet[0] == default_o:
        # "Zudem erklärte der NIS laut Yonhap": the speaker's pattern read the preposition into its span
        for name, why, _, _, actor_id, text in _carriers_named(sentence, matcher, lang):
            if (actor_id, text) != claimant and text not in claimant[1] and not _no_one(text, lang):
                outlet, why_o = (actor_id, text), f"pattern {name}: {why}; the verb of saying has a speaker " \
                                                  f"of its own ('{claimant[1]}'): '{text}' carries the claim"
                break
    return Attribution(claimant[0], claimant[1], outlet[0], outlet[1], why_c, why_o, found_by, outlet_by, carried)
