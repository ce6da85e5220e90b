"""Who makes a claim and who carries it: attribution patterns and actor names as the language inflects them.

:class:`ActorMatcher` finds the actors of a registry in running text, whatever case ending a word carries
("Südkoreas" finds the actor whose alias is "Südkorea", "des russischen Verteidigungsministeriums" the
alias "russisches Verteidigungsministerium"): each word of four letters or more is compared without the
endings of the language file's ``claims: name_endings``, and the longest alias wins.

:func:`attribute` reads the claimant and the outlet of a sentence from the ``claims: attribution`` patterns
of the language file ("sagte X", "laut X", "X zufolge", "teilte X mit", "berichtete X unter Berufung auf
Y": Y claims, X carries), and says why. A pronoun names the claimant of the sentence before; a sentence
with no attribution is the article's own (or, in direct or reported speech, the previous claimant's).
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

import functools
import re
from dataclasses import dataclass

from . import schema
from .language import load_language
from .names import ActorRegistry

__all__ = ["ActorMatcher", "Attribution", "attribute", "stem"]

_WORD = re.compile(r"[\w]+(?:-[\w]+)*")


@functools.lru_cache(maxsize=8)
def _claims(code: str) -> dict:
    return load_language(code).raw.get("claims") or {}


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
    return [(m.start(), m.end(), stem(m.group(0), lang)) for m in _WORD.finditer(text)]


class ActorMatcher:
    """The actors of a registry, found in text by their names and aliases in any case ending."""

    def __init__(self, registry: ActorRegistry, lang: str = "de", extra: dict[str, str] | None = None):
        self.registry, self.lang = registry, lang
        articles = {str(a).casefold() for a in _claims(lang).get("name_articles") or ()}
        self._aliases: dict[tuple[str, ...], str] = {}
        names = [(n, a.id) for a in registry.by_id.values() for n in (a.name, *a.aliases)]
        names += list((extra or {}).items())
        for name, actor_id in names:
            key = tuple(s for _, _, s in _stems(str(name), lang))
            while key and key[0] in articles:
                key = key[1:]
            if key:
                self._aliases.setdefault(key, actor_id)
        self._longest = max((len(k) for k in self._aliases), default=0)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Every actor named in a text: (start, end, actor id), longest names first, without overlaps."""
        words = _stems(text, self.lang)
        hits = []
        i = 0
        while i < len(words):
            for n in range(min(self._longest, len(words) - i), 0, -1):
                key = tuple(w[2] for w in words[i:i + n])
                if key in self._aliases:
                    hits.append((words[i][0], words[i + n - 1][1], self._aliases[key]))
                    i += n
                    break
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


@functools.lru_cache(maxsize=8)
def _patterns(code: str) -> list[tuple[str, str, re.Pattern]]:
    claims = _claims(code)
    lang = load_language(code)
    verbs = lang.word_regex([str(v) for v in claims.get("verbs") or ()])
    np = r"[^,.;:„“”()]+"
    out = []
    for p in claims.get("attribution") or ():
        source = str(p["pattern"]).replace("{np}", np).replace("{verbs}", verbs)
        out.append((str(p["name"]), str(p.get("why", p["name"])), re.compile(source)))
    return out


def _name_in(span: str, matcher: ActorMatcher, lang: str) -> tuple[str | None, str]:
    """The actor a span names (the first it holds), else the span's name as written (or '' for none)."""
    found = matcher.find(span)
    if found:
        s, e, actor_id = found[0]
        return actor_id, span[s:e]
    articles = {str(a).casefold() for a in _claims(lang).get("name_articles") or ()}
    words = span.split()
    while words and words[0].casefold() in articles:
        words = words[1:]
    # a name as written: its capitalised words and what joins them, at most five words
    name = []
    for w in words[:5]:
        if name and not w[:1].isupper() and not name[-1][:1].isupper():
            break
        name.append(w)
    while name and not name[-1][:1].isupper():
        name.pop()
    return None, " ".join(name)


def default_outlet(lang: str = "de") -> str:
    """The outlet of a claim that names none: the article itself (the language file's ``default_outlet``)."""
    return str(_claims(lang).get("default_outlet", "article"))


def attribute(sentence: str, matcher: ActorMatcher, previous: tuple[str | None, str] | None = None,
              speech: bool = False, lang: str = "de") -> Attribution:
    """The claimant and outlet a sentence names, with why; see the module's description.

    ``previous`` is the claimant of the sentence before (id, name as written); ``speech`` says that the
    sentence is direct or reported speech, so that without a claimant of its own it is the previous one's.
    """
    claims = _claims(lang)
    pronouns = {str(p).casefold() for p in claims.get("pronouns") or ()}
    default_c = str(claims.get("default_claimant", "article"))
    default_o = str(claims.get("default_outlet", "article"))
    claimant = outlet = None
    why_c = why_o = ""
    for name, why, rx in _patterns(lang):
        m = rx.search(sentence)
        if not m:
            continue
        groups = m.groupdict()
        if outlet is None and groups.get("outlet"):
            actor_id, text = _name_in(groups["outlet"], matcher, lang)
            if actor_id or text:
                outlet, why_o = (actor_id, text), f"pattern {name}: {why}"
        if claimant is None and groups.get("claimant"):
            span = groups["claimant"].strip()
            if span.split() and span.split()[0].casefold() in pronouns and previous:
                claimant, why_c = previous, f"pattern {name}: {why}; the pronoun '{span.split()[0]}' names the " \
                                            "claimant of the sentence before"
            else:
                actor_id, text = _name_in(span, matcher, lang)
                if actor_id or text:
                    claimant, why_c = (actor_id, text), f"pattern {name}: {why}"
        if claimant is not None and outlet is not None:
            break
    if claimant is not None and claimant[0] and outlet is None and \
            schema.attribute("actor_kind", matcher.kind(claimant[0]), "carries_own_claims"):
        outlet, why_o = claimant, "the claimant is a news outlet: it carries its own claim"
    if claimant is None:
        if speech and previous:
            claimant, why_c = previous, "direct or reported speech without a claimant of its own: the claimant " \
                                        "of the sentence before"
        else:
            claimant, why_c = (default_c, default_c), "no attribution in the sentence: the article's own claim"
    if outlet is None:
        outlet, why_o = (default_o, default_o), "no outlet named: the article carries the claim"
    if claimant[0] is None:
        why_c += f"; '{claimant[1]}' is no known actor"
    if outlet[0] is None:
        why_o += f"; '{outlet[1]}' is no known actor"
    return Attribution(claimant[0], claimant[1], outlet[0], outlet[1], why_c, why_o)
