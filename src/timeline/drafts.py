"""Draft records: for each candidate sentence of an article, a record proposed for a curator to review.

:func:`draft_records` turns each candidate sentence (:func:`timeline.coverage.candidate_sentences`) into a
draft: the sentence as the quote with its offset; the claimant and the outlet from the attribution patterns
and the actors' names (:mod:`timeline.attribution`); the statement and the event date expressions, told
apart by where they stand (a date beside a verb of saying, or after 'vom' behind an outlet, dates the
statement; any other the event); the count of people with its qualifier and unit; a claim type and a stance.
Each proposal says why it was made. Who is speaking is carried through the article as one state, the floor
(:class:`Floor`): a speaker named holds it through their reported speech until another is named or the article
takes it back, and a draft whose claimant the floor gave says from which sentence.

A draft is written with ``draft: true`` (:func:`drafts_yaml`). The loader counts drafts apart: they are
neither valid nor rejected, they are not in the frame, and they cover nothing for ``coverage``, until a
curator reviews them and confirms them (:func:`confirm`, ``python -m timeline confirm``), which removes the
mark; then ``validate`` checks them like every record.

Example:
    >>> import datetime as dt
    >>> from timeline.names import ActorRegistry
    >>> text = "„Wir sehen Beweise“, erklärte Austin am Mittwoch. Rund 5.000 Soldaten seien dort, sagte er."
    >>> drafts = draft_records("005_0123456789abcdef.txt", text, dt.date(2024, 10, 23), ActorRegistry.from_yaml())
    >>> [(d.record["claimant"], d.record.get("stated"), d.record.get("count")) for d in drafts]
    [('us_austin', {'expr': 'am Mittwoch'}, None), ('us_austin', None, {'expr': 'Rund 5.000', 'unit': 'soldiers'})]
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_atomic  # drafts are written whole or not at all
from . import schema
from .attribution import (ActorMatcher, _a_name, _name_in, _source_patterns, attribute, default_claimant,
                          default_outlet, name_words, partner_patterns, stem)
from .coverage import _NUMBER_RX, Candidate, candidate_sentences, count_mentions
from .dates import DateExpressionError, DateInterval, date_mentions, normalise_date, open_until
from .detect import claim_cues, is_headline, quoted_spans, speech_dash_spans, split_sentences
from .language import load_language
from .names import Actor, ActorRegistry, name_key, new_actor_id
from .numbers import CountExpressionError, Count, parse_count, range_openers

__all__ = ["Draft", "Drafts", "NewActor", "draft_records", "new_actors", "own_outlets", "drafts_yaml", "confirm",
           "ConfirmError", "TODO_SUMMARY", "write_atomic"]

#: The field that marks a record as a draft.
DRAFT_MARK = "draft"
#: What a draft's summary says until a curator writes it.
TODO_SUMMARY = "TODO: one English sentence saying who claimed what"


@dataclass(frozen=True)
class NewActor:
    """A speaker the actors file does not know, proposed as a new actor: the id derived from the name
    (:func:`timeline.names.new_actor_id`), the name as the article first writes it, the role words beside it, the
    country a country's adjective among them names ('' for none), the kind, and the sentence (from 1) that
    named it."""

    id: str
    name: str
    role: str
    country: str
    kind: str
    sentence: int

    def snippet(self) -> str:
        """The actor as an entry of ``actors.yaml``, ready to paste (a country not given reads TODO)."""
        role = f", role: {json.dumps(self.role, ensure_ascii=False)}" if self.role else ""
        return (f"- {{id: {self.id}, name: {json.dumps(self.name, ensure_ascii=False)}, kind: {self.kind or 'TODO'}, "
                f"country: {self.country or 'TODO'}{role}, aliases: [{json.dumps(self.name, ensure_ascii=False)}]}}")


@dataclass
class Draft:
    """One proposed record, with why each field was proposed, and the readings behind them."""

    record: dict
    why: dict[str, str]
    candidate: Candidate
    stated: DateInterval | None = None
    event: DateInterval | None = None
    count: Count | None = None
    claimant_name: str = ""
    outlet_name: str = ""
    extra: dict = field(default_factory=dict)
    #: the new actor the draft's claimant is, when the actors file does not know the speaker
    new_claimant: NewActor | None = None


def new_actors(drafts: list[Draft]) -> list[NewActor]:
    """The new actors the drafts propose, each once, in the order the article names them."""
    seen: dict[str, NewActor] = {}
    for d in drafts:
        if d.new_claimant is not None:
            seen.setdefault(d.new_claimant.id, d.new_claimant)
    return list(seen.values())


#: What a seed's metadata writes as its outlet when the text names no publisher (schema: seed_metadata, outlet).
UNKNOWN_OUTLET = "unknown"
#: A dateline that opens an article with an agency's mark in brackets ("SEOUL (dpa-AFX) -", "Berlin (dpa) -").
_DATELINE_AGENCY = re.compile(r"^\s*[A-ZÄÖÜ][^\n()]{0,40}?\(([^()\n]{2,20})\)\s*[-–—:]")


def own_outlets(text: str, meta: dict | None) -> dict[str, str]:
    """The names of the article's own outlet, each with where it was read: the seed's metadata ``outlet`` (the
    publisher) and an agency it names in brackets ("finanznachrichten.de (dpa-AFX)"), and the agency of a
    dateline that opens the text ("SEOUL (dpa-AFX) -"). Keys are name keys (:func:`timeline.names.name_key`).

    >>> sorted(own_outlets("SEOUL (dpa-AFX) - Text.", {"outlet": "onvista (dpa-AFX)"}))
    ['dpaafx', 'onvista']
    >>> own_outlets("SEOUL (dpa-AFX) - Text.", None)["dpaafx"]
    "the dateline 'SEOUL (dpa-AFX) -' gives it"
    """
    out: dict[str, str] = {}
    outlet = str((meta or {}).get("outlet") or "").strip()
    if outlet and outlet.casefold() != UNKNOWN_OUTLET:
        for part in re.split(r"[()]", outlet):
            if part.strip():
                out.setdefault(name_key(part.strip()), f"the seed's metadata gives the outlet '{outlet}'")
    dateline = _DATELINE_AGENCY.match(text)
    if dateline:
        for part in dateline.group(1).split("/"):
            if part.strip():
                out.setdefault(name_key(part.strip()), f"the dateline '{dateline.group(0).strip()}' gives it")
    return out


def _own(actor_id: str | None, text: str, own: dict[str, str], registry: ActorRegistry) -> str:
    """Where a claimant or outlet was read as the article's own outlet (see :func:`own_outlets`), or ''."""
    actor = registry.by_id.get(actor_id or "")
    for n in ([text] if text else []) + ([actor.name, *actor.aliases] if actor else []):
        if name_key(n) in own:
            return own[name_key(n)]
    return ""


class Drafts(list):
    """The drafts of an article (a list of :class:`Draft`), with the candidate sentences not drafted and why
    (``skipped``: (candidate, reason)), which :func:`drafts_yaml` lists: nothing is dropped silently."""

    def __init__(self, *args):
        super().__init__(*args)
        self.skipped: list[tuple[Candidate, str]] = []


#: The marks that end a sentence of running text (a line that ends in none of them is a heading or a cut line).
_SENTENCE_END = (".", "!", "?", "…", ":", "“", "”", "\"", "»", "«", ")")


def _subheading(cand: Candidate, text: str) -> bool:
    """Whether a candidate is a line of its own after the first line of the text, that ends in no mark of
    :data:`_SENTENCE_END` and has no claim cue: a subheading ("Mehr als 10.000 Soldaten entsandt"), a byline
    with its date, or a line the excerpt cut; the first line (the headline, which curators do quote) is not."""
    start = text.rfind("\n", 0, cand.start) + 1
    end = text.find("\n", cand.end)
    line = text[start:len(text) if end < 0 else end].strip()
    return bool(text[:start].strip()) and line == cand.sentence.strip() and not line.endswith(_SENTENCE_END) and \
        not any(r.startswith("claim:") for r in cand.reasons)


def _not_a_claim(cand: Candidate, matcher: ActorMatcher, lang: str, text: str = "") -> str:
    """Why a candidate sentence is no claim of its own ('' when it may be one): its only cues are dates of a rule
    of ``claims: background_date_rules`` (a vague time with no anchor); it is a verb of saying that points back
    to the sentence before and has no date or count (:func:`_points_back`); or it is a subheading, a byline or a
    cut line (:func:`_subheading`)."""
    if text and _subheading(cand, text):
        return "a line of its own after the headline with no final punctuation and no claim cue: a subheading, " \
               "a byline or a line the excerpt cut"
    background = {str(r) for r in _claims(lang).get("background_date_rules") or ()}
    kinds = {r.split(":")[1] for r in cand.reasons if r.startswith("date:")}
    if cand.reasons and all(r.startswith("date:") for r in cand.reasons) and kinds <= background:
        return (f"its only cue is a vague time with no anchor ({', '.join(sorted(kinds))}): background, no claim "
                "(claims: background_date_rules)")
    if cand.reasons and all(r.startswith("claim:") for r in cand.reasons) and \
            _points_back(cand.sentence, matcher, lang) is not None:
        return "it only says who said what the sentence before says: its speaker is given to that sentence"
    return ""


def _role_of(name: str, sentence: str, lang: str) -> str:
    """The role words a sentence gives a person's name: a role noun of ``claims: name_titles`` right before the
    name, with the adjectives and role nouns before it ("der ukrainische Militärgeheimdienstchef Kyrylo
    Budanow": "ukrainische Militärgeheimdienstchef"); else an apposition after it or before it that opens with
    such a noun ("Y Z, Sprecher des X,", "Der Leiter des X, Y Z,"), without its article; else ''."""
    words = name_words(lang)
    at = sentence.find(name)
    if at < 0 or not words.titles:
        return ""

    def title(w: str) -> bool:
        return w.strip(",.;:").casefold().endswith(words.titles)
    before = sentence[:at].split()
    role: list[str] = []
    for w in reversed(before):
        if title(w) or (role and not w[:1].isupper() and w.endswith(words.adjective) and
                        w.casefold() not in words.articles):
            role.insert(0, w)
        else:
            break
    while role and not title(role[-1]):
        role.pop()
    found = [" ".join(role)] if role else []
    after = re.match(r"\s*,\s*([^,;:„“”]+?)\s*(?:,|[.!?]?\s*$)", sentence[at + len(name):])
    ahead = sentence[:at].rstrip()
    before_phrase = ahead[:-1].rsplit(",", 1)[-1].strip() if ahead.endswith(",") and not role else ""
    for phrase in (before_phrase, after.group(1) if after else ""):
        parts = phrase.split()
        # the phrase from its first role noun on, with the adjectives before it ("sagte auch der Chef des X")
        first = next((i for i, w in enumerate(parts[:5]) if title(w)), None)
        if first is None:
            continue
        start = first
        while start and not parts[start - 1][:1].isupper() and parts[start - 1].endswith(words.adjective) and \
                parts[start - 1].casefold() not in words.articles:
            start -= 1
        found.append(" ".join(parts[start:]))
    return ", ".join(found)


def _country_of(role: str, lang: str) -> str:
    """The country a country's adjective (or its prefix: "US-Verteidigungsminister") among role words names."""
    adjectives = {str(a).casefold(): str(cc) for cc, adjs in (_claims(lang).get("country_adjectives") or {}).items()
                  for a in adjs}
    for w in re.findall(r"[\w-]+", role):
        for part in (stem(w, lang), w.casefold().partition("-")[0] if "-" in w else ""):
            if part in adjectives:
                return adjectives[part]
    return ""


def _new_actor(who, sentence: str, here: int, lang: str) -> NewActor | None:
    """The new actor a speaker the actors file does not know is, or None (see ``claims: new_actor_name_word``)."""
    claims = _claims(lang)
    text = who.claimant_text
    word = str(claims.get("new_actor_name_word") or "")
    if who.claimant is not None or not text or not word or not _a_name(text) or \
            not all(re.fullmatch(word, w) for w in text.split()):
        return None
    role = _role_of(text, sentence, lang)
    if not role:
        bare = {str(p) for p in claims.get("new_actor_bare_patterns") or ()}
        endings = tuple(str(e) for e in claims.get("new_actor_not_first_endings") or ())
        if who.pattern not in bare or who.pattern in _source_patterns(lang) or \
                (endings and text.split()[0].endswith(endings)):
            return None
    kinds = schema.values_where("actor_kind", "named_by_one_word")
    return NewActor(new_actor_id(text), text, role, _country_of(role, lang), kinds[0], here)


def _new_body(text: str, here: int, lang: str) -> NewActor | None:
    """A name as written that names no person but may name a body the actors file does not know ("südkoreanische
    Verteidigungsministerium", "Westliche Beamte", "BBC"), as a new actor whose kind is the curator's to give:
    a name of two to eight words, one of them capitalised, or one word in capitals (an acronym); None for one
    word in lower case or with only its first letter capitalised ("Angaben", "Soldaten": a noun, no name), or a
    name that opens with a sentence adverb or preposition (:func:`timeline.attribution.not_names`)."""
    words = name_words(lang)
    parts = text.split()
    while parts and parts[0].casefold() in words.articles:
        parts = parts[1:]
    if not parts or len(parts) > 8 or parts[0].casefold() in words.not_names:
        return None
    acronym = len(parts) == 1 and re.fullmatch(r"[A-ZÄÖÜ]{2,}", parts[0]) is not None
    if not acronym and (len(parts) == 1 or not any(w[:1].isupper() for w in parts)):
        return None
    name = " ".join(parts)
    return NewActor(new_actor_id(name), name, "", _country_of(name, lang), "", here)


@dataclass
class Floor:
    """Who holds the floor at a point of an article: one state carried through its sentences, candidates or not.

    A speaker named in a sentence takes the floor (``speaker``, with the ``outlet`` that carries them, the
    ``sentence`` that named them, counted from 1, and ``how`` they got it) and keeps it through the sentences of
    their reported speech (a subjunctive, a clause cut from the sentence before, a pronoun that points back),
    until another speaker is named or a sentence of the article's own takes it back: an indicative candidate
    with no attribution, or a sentence with no claim cue that opens a new ``paragraph``. ``person`` is the person
    the sentences named last, speaker or not, whom a pronoun names when no speaker holds the floor ("Kim hat die
    Soldaten empfangen. Er bestätigt, dass ..."). Hearsay with no source of its own ("soll", ``claims: hearsay``)
    continues the speaker only right after the ``last`` sentence they held, in its ``paragraph`` (the curation
    rule's step 3, docs/curating.md); else it is the article's."""

    speaker: tuple[str | None, str] | None = None
    outlet: tuple[str | None, str] | None = None
    sentence: int = 0
    how: str = ""
    paragraph: int = 0
    person: tuple[str | None, str] | None = None
    #: the latest sentence the speaker held (named, or continued)
    last: int = 0
    #: the people the sentences named so far (known actors), in order: a role noun with a country's adjective
    #: ("der russische Diktator") names the latest of them it fits
    people: tuple[str, ...] = ()

    def naming(self, person: tuple[str | None, str] | None) -> "Floor":
        """The floor after a sentence that names ``person`` (None: it names no one)."""
        if person is None:
            return self
        people = self.people + (person[0],) if person[0] else self.people
        return dataclasses.replace(self, person=person, people=people)

    def to_article(self, sentence: int, how: str) -> "Floor":
        """The floor back with the article (the person named last is kept)."""
        return dataclasses.replace(self, speaker=None, outlet=None, sentence=sentence, how=how)

    def explain(self, registry: ActorRegistry) -> str:
        """How the floor passed to the current speaker, for a draft's why."""
        actor = registry.by_id.get(self.speaker[0] or "")
        name = actor.name if actor else self.speaker[1]
        written = f" (written '{self.speaker[1]}')" if actor and self.speaker[1] not in actor.name else ""
        return f"continues {name}'s reported speech from sentence {self.sentence}{written}: {self.how}"


def _person(sentence: str, matcher: ActorMatcher) -> tuple[str, str] | None:
    """The first person a sentence names (an actor of a kind ``named_by_one_word``: people), or None."""
    people = [(a, sentence[s:e]) for s, e, a in matcher.find(sentence)
              if schema.attribute("actor_kind", matcher.kind(a), "named_by_one_word")]
    return people[0] if people else None


def _claims(lang: str) -> dict:
    return load_language(lang).raw.get("claims") or {}


def _date_expressions(sentence: str, lang: str) -> list[tuple[int, int, str]]:
    """The date expressions of a sentence: the mentions merged where they touch or where a word of
    ``claims: date_joiners`` joins them ("im Juli oder August"), with a leading filler word ("am", "im") or
    open bound ("ab 1. November", "bis Dezember") where the expression reads with it."""
    lang_data = load_language(lang)
    # a filler ("am", "im") or an open bound ("ab", "bis": ``claims: date_bounds``) reads with the expression
    fillers = set(lang_data.fillers) | {str(w).casefold() for w in _claims(lang).get("date_bounds") or ()}
    joiners = {str(w).casefold() for w in _claims(lang).get("date_joiners") or ()}
    spans: list[list[int]] = []
    for s, e, _name in date_mentions(sentence, lang):
        gap = sentence[spans[-1][1]:s].strip(" ") if spans else None
        if spans and s <= spans[-1][1] + 1 and not gap:
            spans[-1][1] = max(spans[-1][1], e)
        elif spans and gap and gap.casefold() in joiners and s > spans[-1][1]:
            # the joined expression, tried before its parts (which are read when it is not a date)
            spans.insert(len(spans) - 1, [spans[-1][0], e])
            spans.append([s, e])
        else:
            spans.append([s, e])
    out = []
    for s, e in spans:
        before = re.search(r"([\w.]+) $", sentence[:s])
        starts = [before.start(1), s] if before and before.group(1).casefold() in fillers else [s]
        out += [(st, e, sentence[st:e]) for st in starts[:1]] if starts else []
        if len(starts) > 1:
            out.append((s, e, sentence[s:e]))
    return out


def _read_date(expr: str, anchor: dt.date, sentence: str) -> DateInterval | None:
    try:
        return normalise_date(expr, anchor, sentence)
    except (DateExpressionError, ValueError):
        return None


def _perfect_auxiliaries(sentence: str, lang: str) -> list[tuple[int, int]]:
    """The auxiliaries of a perfect tense of saying ("hatte am Montag gesagt", ``claims: perfect_auxiliaries``
    with a word of ``claims: participles`` later in the clause): a date beside the auxiliary dates the statement.

    >>> _perfect_auxiliaries("Selenskyj hatte am Montag gesagt, dass ...", "de")
    [(10, 15)]
    """
    lang_data = load_language(lang)
    claims = _claims(lang)
    aux = [str(w) for w in claims.get("perfect_auxiliaries") or ()]
    participles = [str(w) for w in claims.get("participles") or ()]
    if not aux or not participles:
        return []
    rx = re.compile(r"(?<![\w-])(?:" + lang_data.word_regex(aux) + r")(?![\w-])[^,;:„“”]*?(?<![\w-])(?:"
                    + lang_data.word_regex(participles) + r")(?![\w-])", re.IGNORECASE)
    out = []
    for m in rx.finditer(sentence):
        word = re.match(r"[\w]+", m.group(0))
        out.append((m.start(), m.start() + word.end()))
    return out


def _dates(sentence: str, published: dt.date, lang: str, outlet: str = "") -> tuple[dict, dict]:
    """The statement and event expressions of a sentence: ({'expr', 'iv', 'why'} or {}) for each.

    A date beside a verb of saying (within ``claims: stated_reach`` words, no comma between) or inside a
    construction of saying ("gab ... am Freitag bekannt") dates the statement, unless it ends after the
    publication (a statement is never dated after its article) or the cue is a preposition of attribution
    ("laut", "zufolge"). A date after a word of ``claims: outlet_date_after`` right behind the sentence's
    outlet ("Laut AFP vom 24. Dezember") dates the outlet's report: it dates neither the statement nor the event, and the draft says so. Any
    other date dates the event."""
    claims = _claims(lang)
    reach = int(claims.get("stated_reach", 3))
    outlet_words = {str(w).casefold() for w in claims.get("outlet_date_after") or ()}
    cues = claim_cues(sentence, lang)
    verbs = [(s, e) for s, e, kind in cues if kind == "verb"]
    constructions = [(s, e) for s, e, kind in cues if kind == "construction"]
    verbs += _perfect_auxiliaries(sentence, lang)
    relatives = _relative_clauses(sentence, lang)
    stated: dict = {}
    event: dict = {}
    notes: list[str] = []
    seen_end = -1
    opens_end: int | None = None  # the end of the dates that open the sentence
    last: tuple[str | None, int] | None = None  # where the date before went (stated, event or None) and its end
    for s, e, expr in _date_expressions(sentence, lang):
        if s < seen_end:
            continue  # the same expression without its filler word, or a part of a joined one
        iv = _read_date(expr, published, sentence)
        if iv is None:
            continue
        seen_end = e
        before = re.search(r"([\w.]+)\s*$", sentence[:s])
        lead = expr.split()[0] if expr.split()[0].casefold() in outlet_words else (before.group(1) if before else "")
        # an apposition ("Am Vortag, dem 17. Oktober") explains the date before it: it takes that date's place
        # (after a comma, or in brackets: "am Montag (4. November)")
        apposition = last is not None and re.fullmatch(r"\s*[,(]\s*", sentence[last[1]:s]) is not None
        # a date that opens the sentence (with its apposition: "Am Vortag, dem 17. Oktober, hatte ...") dates a
        # verb of saying of the same clause, however far it stands
        opening = not sentence[:s].strip() or (opens_end is not None and
                                               re.fullmatch(r"\s*,\s*", sentence[opens_end:s]) is not None)
        opens_end = e if opening else None
        clause_verb = [v for v in verbs if opening and v[0] >= e and "," not in sentence[e:v[0]].lstrip(", ")]
        by_verb = [v for v in verbs if (0 <= v[0] - e and len(sentence[e:v[0]].split()) <= reach
                                        and "," not in sentence[e:v[0]])
                   or (0 <= s - v[1] and len(sentence[v[1]:s].split()) <= reach and "," not in sentence[v[1]:s])]
        by_verb += [c for c in constructions if c[0] <= s and e <= c[1]] + clause_verb
        # a date that ends the sentence after the claimant of a verb of saying and its apposition ("sagte der
        # Sprecher ..., John Kirby, am Mittwoch"): what stands between names the claimant, the date dates
        # the statement
        if not by_verb and not sentence[e:].strip(" .!?\"“”«»") and sentence[:s].rstrip().endswith(","):
            between = [v for v in verbs if v[1] <= s and len(sentence[v[1]:s].split()) <= 4 * reach
                       and not any(c in sentence[v[1]:s] for c in "\"„“”«»")]
            by_verb = between[-1:]
        # a date after a verb of saying and the name that follows it ("berichtete die New York Times am 23.
        # Dezember unter Berufung auf ..."): what stands between names who speaks, the date dates the statement
        if not by_verb:
            by_verb = [v for v in verbs if v[1] <= s and _a_name_between(sentence[v[1]:s], lang)][-1:]
        past = iv.end is not None and iv.end <= published
        if apposition and last[0] in ("stated", "event") and (last[0] == "event" or past):
            # the apposition takes the place of the date it explains; opening the sentence, with a verb of
            # saying in its clause, it dates the statement
            old = (stated if last[0] == "stated" else event).copy()
            (stated if last[0] == "stated" else event).clear()
            to_stated = last[0] == "stated" or (opening and clause_verb and past and not stated)
            target = stated if to_stated else event
            target.update({"expr": expr, "iv": iv, "why": (f"opens the sentence, whose verb of saying is "
                                                            f"'{sentence[clause_verb[0][0]:clause_verb[0][1]]}': "
                                                            "it dates the statement" if to_stated and clause_verb
                                                            else old["why"])
                           + f"; '{expr}' after a comma explains '{old['expr']}' and takes its place"})
            last = ("stated" if to_stated else "event", e)
            continue
        last = (None, e)
        if lead.casefold() in outlet_words and outlet and sentence[:s].rstrip().endswith(outlet):
            notes.append(f"'{expr}' after '{lead}' dates the outlet's report, not the claim: "
                         "the statement was made on or before it")
        elif by_verb and not stated and past:
            v = by_verb[0]
            stated = {"expr": expr, "iv": iv, "why": f"stands beside the verb of saying '{sentence[v[0]:v[1]]}': "
                                                        "it dates the statement"}
            last = ("stated", e)
        elif not event and any(a <= s < b for a, b in relatives):
            notes.append(f"'{expr}' stands in a relative clause: it describes the clause's noun, not the claim")
        elif not event:
            event = {"expr": expr, "iv": iv, "why": "no verb of saying beside it: it dates what the claim speaks of"}
            last = ("event", e)
    if notes and not stated:
        stated = {"note": "; ".join(notes)}
    return stated, event


def _a_name_between(words: str, lang: str) -> bool:
    """Whether the words between a verb of saying and a date are a name: articles (``claims: name_articles``),
    adjectives and capitalised words only, at most six, at least one capitalised ("die New York Times")."""
    articles, adjective = name_words(lang).articles, name_words(lang).adjective
    parts = words.split()
    return 0 < len(parts) <= 6 and not re.search(r"[,;:„“”\"«»()]", words) and \
        any(w[:1].isupper() for w in parts) and \
        all(w.casefold() in articles or w[:1].isupper() or w.endswith(adjective) for w in parts)


def _relative_clauses(sentence: str, lang: str) -> list[tuple[int, int]]:
    """The relative clauses of a sentence that forecast nothing: from a comma and a word of ``claims:
    relative_pronouns`` that a date does not follow (", dem 17. Oktober" explains a date) to the next clause
    break, when no future word of the tense section stands in them.

    >>> _relative_clauses("Soldaten, die seit dem Sommer Gebiete kontrollieren, kamen.", "de")
    [(8, 51)]
    """
    lang_data = load_language(lang)
    pronouns = [str(w) for w in _claims(lang).get("relative_pronouns") or ()]
    if not pronouns:
        return []
    ahead = schema.the_value("direction", "side", "after")  # the tense section of the direction that looks ahead
    future = {str(w).casefold() for w in (lang_data.tense.get(ahead) or {}).get("words") or ()}
    breaks = re.compile(str(lang_data.tense.get("clause_breaks") or "[,;:]"))
    dates = date_mentions(sentence, lang)
    out = []
    for m in re.finditer(r",\s+(?:" + lang_data.word_regex(pronouns) + r")\s+", sentence):
        stop = breaks.search(sentence, m.end())
        end = stop.start() if stop else len(sentence.rstrip(" .!?"))
        if any(s <= m.end() + 1 and e >= end - 1 for s, e, _n in dates):
            continue  # a date's apposition (", dem 17. Oktober"), no relative clause
        if not any(w.casefold().strip(".,;:!?") in future for w in sentence[m.end():end].split()):
            out.append((m.start(), end))
    return out


def _qualified_start(sentence: str, start: int, lang: str) -> int:
    """Where a figure's expression starts, with the qualifiers and fillers in front of it (``numbers:
    qualifiers``, ``numbers: fillers``: "insgesamt rund 15.000", "mehr als 1.000"). A qualifier that means
    "about" after a noun of knowledge (``claims: about_words`` after ``claims: about_after``: "Erkenntnisse über
    3.000 Soldaten") is no qualifier of the figure."""
    numbers = load_language(lang).numbers
    lead = {str(w).casefold() for q in (numbers.get("qualifiers") or {}).values() for w in q}
    lead |= {str(w).casefold() for w in numbers.get("fillers") or ()}
    about = {str(w).casefold() for w in _claims(lang).get("about_words") or ()}
    knowledge = load_language(lang).claims_words("about_after")
    changed = True
    while changed:
        changed = False
        for w in sorted(lead, key=lambda w: (-len(w), w)):
            m = re.search(r"(?<!\w)" + re.escape(w) + r"\s+$", sentence[:start], re.IGNORECASE)
            before = sentence[:m.start()].split()[-1:] if m else []
            if m and w in about and before and before[0].casefold().startswith(knowledge):
                break
            if m:
                start, changed = m.start(), True
                break
    return start


def _count(sentence: str, lang: str) -> dict:
    """The first count of people of a sentence: {'expr', 'unit', 'value', 'why'} or {}."""
    mentions = count_mentions(sentence)
    if not mentions:
        return {}
    lo, hi, words = mentions[0]
    number = _NUMBER_RX.search(sentence, lo, hi)
    if number is None:
        return _numberless(sentence[lo:hi], lang)
    start = _qualified_start(sentence, number.start(), lang)
    expr = sentence[start:number.end()].strip("„“”\"")
    try:
        value = parse_count(expr, lang)
    except CountExpressionError:
        return {}
    # a range of two figures ("schätzungsweise 10.000 bis 12.000", "zwischen 1.000 und 2.000") is one count:
    # the first figure with the figures after it in the mention (and the word that opens a range form of
    # ``numbers: range`` before it), as long as they read as one range
    openers = range_openers(lang)
    opener = re.search(r"(?<!\w)(\w+)\s+$", sentence[:start])
    starts = [start] + ([opener.start(1)] if opener and opener.group(1).casefold() in openers else [])
    for later in _NUMBER_RX.finditer(sentence, number.end(), hi):
        for first in starts:
            longer = sentence[first:later.end()].strip("„“”\"")
            try:
                wider = parse_count(longer, lang)
            except CountExpressionError:
                continue
            if wider.qualifier != value.qualifier and wider.low is not None and wider.high is not None:
                expr, value = longer, wider
    # a casualty word near the figure, up to the next figure, whose own words they are ("Von den 11.000 bis
    # 12.000 Soldaten seien 1.000 gefallen": the fallen are the 1.000)
    expr_end = end_of(expr, start, sentence)
    figures = [_NUMBER_RX.search(sentence, a, b) for a, b, _ in mentions]
    after = min((f.start() for f in figures if f is not None and f.start() >= expr_end), default=None)
    # a relative clause that describes the count's noun ("3.800 Soldaten, die an der Seite Russlands kämpften,
    # getötet oder verletzt") does not put the casualty word after it out of reach: the reach starts after it
    reach = next((end for s, end in _relative_clauses(sentence, lang) if hi <= s <= hi + 1), hi)
    window = sentence[lo:min(len(sentence), reach + 60, after if after and after > hi else len(sentence))].casefold()
    # a casualty word may also stand before the mention in its clause ("die Zahl der Todesopfer und Verletzten
    # der Truppen auf über 3.000"); a relative clause that describes the clause's subject does not end the clause
    # ("die Verluste der Streitkräfte, die auf der Seite Russlands kämpfen, sich auf 4.000 Menschen belaufen")
    clause_start = sentence.rfind(",", 0, lo)
    for s, end in _relative_clauses(sentence, lang):
        if clause_start >= 0 and end <= clause_start + 1 and not sentence[end:clause_start].strip(" ,"):
            clause_start = sentence.rfind(",", 0, s)
    clause_before = sentence[clause_start + 1:lo].casefold()
    unit, why_unit = None, ""
    units = _claims(lang).get("units") or {}
    casualty = set(schema.values_where("count_unit", "named_after_figure"))  # looked for around the figure, first
    # a casualty word anywhere near the figure, the longest found ("Todesopfer" before "Opfer")
    hits = [(len(str(w)), -i, name, str(w)) for i, name in enumerate(u for u in units if u in casualty)
            for w in units[name] if str(w).casefold() in window or str(w).casefold() in clause_before]
    if hits:
        _, _, unit, hit = max(hits)
        why_unit = f"'{hit}' near the figure"
    for name in [u for u in units if u not in casualty] if unit is None else ():
        # another unit's words starting in the mention (they may run on after its noun: "10.000 Soldaten und
        # technisches Personal")
        hit = next((w for w in units[name] if 0 <= window.find(str(w).casefold()) < hi - lo), None)
        if hit:
            unit, why_unit = name, f"'{hit}' near the figure"
            break
    if unit is None:
        return {}
    return {"expr": expr, "unit": unit, "value": value,
            "why": f"the count '{words}' ({value.qualifier}, {value.low}..{value.high}); unit {unit}: {why_unit}"}


def end_of(expr: str, start: int, sentence: str) -> int:
    """Where a count's expression that starts at ``start`` ends in its sentence."""
    at = sentence.find(expr, start)
    return at + len(expr) if at >= 0 else start


def _elliptic_count(clause: str, unit: str, lang: str) -> dict:
    """A bare figure in a clause whose noun stands in the clause before ("..., während die Ukraine von über
    3.000 sprach"): the count in the unit of the clause before, or {}."""
    for m in _NUMBER_RX.finditer(clause):
        if re.fullmatch(r"(?:19|20)\d\d", m.group(0)) or not re.search(r"\d", m.group(0)):
            continue  # a year, or a number word ("die beiden Länder"): only a written figure stands alone
        expr = clause[_qualified_start(clause, m.start(), lang):m.end()]
        try:
            value = parse_count(expr, lang)
        except CountExpressionError:
            continue
        return {"expr": expr, "unit": unit, "value": value,
                "why": f"the figure '{expr}' has no noun of its own: it counts what the clause before counts ({unit})"}
    return {}


def _numberless(words: str, lang: str) -> dict:
    """A casualty claim without a figure ("hohe Verluste"): the count {'expr', 'unit', 'value', 'why'}, whose
    qualifier is unquantified (no bound), or {} when the words read as no such count."""
    try:
        value = parse_count(words, lang)
    except CountExpressionError:
        return {}
    if schema.attribute("count_qualifier", value.qualifier, "bounds"):
        return {}  # a figure: not a claim without one
    units = _claims(lang).get("units") or {}
    casualty = [u for u in units if u in set(schema.values_where("count_unit", "named_after_figure"))]
    unit = next((u for u in casualty if any(str(w).casefold() in words.casefold() for w in units[u])), None)
    if unit is None:
        return {}
    return {"expr": words, "unit": unit, "value": value,
            "why": f"a casualty claim without a figure: '{words}' (unquantified: no low, best or high); unit {unit}"}


def _claim_type(sentence: str, count: dict, lang: str) -> tuple[str, str, str]:
    if count:
        kind = schema.attribute("count_unit", count["unit"], "claim_type")
        return kind, schema.attribute("claim_type", kind, "draft_stance"), f"a count of {count['unit']}"
    for rule in _claims(lang).get("claim_types") or ():
        m = re.search(str(rule["pattern"]), sentence, re.IGNORECASE)
        if m:
            word = m.group(0)
            return str(rule["type"]), str(rule["stance"]), (f"'{word}' in the sentence" if str(rule["pattern"]) != "."
                                                            else "no other cue: the default")
    default = schema.values_where("claim_type", "is_draft_default")[0]
    return default, schema.attribute("claim_type", default, "draft_stance"), "no cue: the default"


def clauses(cand: Candidate, lang: str = "de") -> list[Candidate]:
    """A candidate sentence cut where a clause of its own begins: after a comma at a word of ``claims:
    clause_openers`` ("..., während die Ukraine von über 3.000 sprach"), or at a word of ``claims:
    clause_joiners`` ("und") when what follows has a claim cue of its own ("und Satellitenbildern zufolge hat
    ..."). Each part holds a claim cue, a date or a count, else it stays with the part before.

    >>> c = Candidate(0, 60, "Nordkorea bestritt es, doch ein Beamter erklärte später das.", ())
    >>> [(p.start, p.sentence) for p in clauses(c)]
    [(0, 'Nordkorea bestritt es'), (23, 'doch ein Beamter erklärte später das.')]
    """
    claims = _claims(lang)
    openers = [str(w) for w in claims.get("clause_openers") or ()]
    joiners = [str(w) for w in claims.get("clause_joiners") or ()]
    if not openers and not joiners:
        return [cand]
    text = cand.sentence
    cuts = []
    if openers:
        cuts += [m.start(1) for m in re.finditer(r",\s+(" + "|".join(map(re.escape, openers)) + r")\s", text)]
    if joiners:
        for m in re.finditer(r"\s(" + "|".join(map(re.escape, joiners)) + r")\s", text):
            if any(kind in ("verb", "preposition", "construction") for _, _, kind in claim_cues(text[m.end():].rstrip(" ,.") + ".",
                                                                                 lang)):
                cuts.append(m.start(1))
    quotes = quoted_spans(text)
    parts, start = [], 0
    for cut in sorted(set(cuts)):
        if any(a < cut < b for a, b in quotes):
            continue  # a clause of a quotation stays in it: the speaker's words are one claim
        head = text[start:cut].rstrip(" ,")
        tail = text[cut:]
        # a part is no headline: it is read with a final mark, so that its cues count
        if all(claim_cues(t.rstrip(" ,.") + ".", lang) or date_mentions(t, lang) or count_mentions(t)
               for t in (head, tail)):
            parts.append((start, head))
            start = cut
    parts.append((start, text[start:]))
    if len(parts) == 1:
        return [cand]
    out = []
    for offset, part in parts:
        reasons = tuple(r for r in cand.reasons if r.split(":")[-1] in part) or cand.reasons
        out.append(Candidate(cand.start + offset, cand.start + offset + len(part), part, reasons))
    return out


def count_clauses(cand: Candidate, lang: str = "de") -> list[Candidate]:
    """A clause cut once more where a count of its own begins: between the noun of one count and the figure of
    the next, at the first comma (after a relative clause that describes the first count's noun: ", die aus
    Nordkorea geschickt wurden,") or word of ``claims: count_clause_joiners`` ("rund 600 Soldaten getötet und
    tausende weitere verletzt"). A range ("zwischen 1.000 und 2.000 Soldaten") is one count and stays whole.
    The parts carry the reason ``clause:count``.

    >>> c = Candidate(0, 61, "Rund 600 Soldaten wurden getötet und tausende weitere verletzt.", ())
    >>> [p.sentence for p in count_clauses(c)]
    ['Rund 600 Soldaten wurden getötet', 'und tausende weitere verletzt.']
    """
    text = cand.sentence
    joiners = [str(w) for w in _claims(lang).get("count_clause_joiners") or ()]
    pronouns = [str(w) for w in _claims(lang).get("relative_pronouns") or ()]
    mentions = []  # (figure start, end of the mention): one per figure, in order
    for lo, hi, _words in count_mentions(text):
        figure = _NUMBER_RX.search(text, lo, hi)
        if figure and not any(f == figure.start() for f, _ in mentions):
            mentions.append((figure.start(), hi))
    mentions.sort()
    cuts = []
    for (_, end), (figure, _) in zip(mentions, mentions[1:]):
        if figure < end:
            continue  # the second figure is inside the first count's words: a range, one count
        gap = text[end:figure]
        cut = None
        for m in re.finditer(r",\s+|\s(?:" + "|".join(map(re.escape, joiners or ["\0"])) + r")\s", gap):
            if m.group(0).startswith(",") and pronouns and re.match(
                    r"(?:" + "|".join(map(re.escape, pronouns)) + r")\s", gap[m.end():]):
                continue  # a relative clause describes the noun before: it stays with it
            cut = end + (m.end() if m.group(0).startswith(",") else m.start() + 1)
            break
        if cut is not None and text[:cut].strip(" ,") and text[cut:].strip():
            cuts.append(cut)
    if not cuts:
        return [cand]
    out, start = [], 0
    for cut in cuts + [len(text)]:
        part = text[start:cut].rstrip(" ,") if cut < len(text) else text[start:]
        out.append(Candidate(cand.start + start, cand.start + start + len(part), part,
                             (*cand.reasons, "clause:count")))
        start = cut
    return out


def _points_back(sentence: str, matcher: ActorMatcher, lang: str):
    """The attribution of a sentence that says who said what came before it, or None: a word of ``claims:
    forward_references``, any words of ``claims: forward_reference_fillers`` ("Das jedenfalls schätzt der NIS",
    "Dies teilte Kiew mit") and a verb of saying, a construction of saying or the auxiliary of a perfect tense of
    saying ("Das hat der Präsident ... mitgeteilt"). The claimant is the subject after the verb; a news outlet the
    sentence names further on ("..., wie die Agentur Yonhap meldete") carries."""
    claims = _claims(lang)
    words = [str(w) for w in claims.get("forward_references") or ()]
    if not words:
        return None
    language = load_language(lang)
    fillers = [str(w) for w in claims.get("forward_reference_fillers") or ()]
    opener = re.match(r"(?:" + language.word_regex(words) + r")\s+(?:(?:" + language.word_regex(fillers) +
                      r")\s+)*(\w+)" if fillers else r"(?:" + language.word_regex(words) + r")\s+(\w+)",
                      sentence, re.IGNORECASE)
    cues = claim_cues(sentence, lang) if opener else []
    if not opener or not any(k == "verb" and st == opener.start(1) for st, _, k in cues) and \
            not any(k == "construction" and st <= opener.start(1) < en for st, en, k in cues) \
            and not any(st == opener.start(1) for st, _ in _perfect_auxiliaries(sentence, lang)):
        return None
    who = attribute(sentence, matcher, None, False, lang)
    subject = re.split(r"[,;:]", sentence[opener.end(1):], maxsplit=1)[0]
    actor_id, said = _name_in(subject, matcher, lang)
    if actor_id and actor_id != who.claimant:
        who = dataclasses.replace(who, claimant=actor_id, claimant_text=said,
                                  why_claimant=f"'{said}', the subject after '{opener.group(0)}', said it")
    if who.claimant == default_claimant(lang) or not (who.claimant or who.claimant_text):
        return None
    rest = sentence[opener.end(1) + len(subject):]
    carrier = next(((a, rest[st:en]) for st, en, a in matcher.find(rest) if a != who.claimant and
                    schema.attribute("actor_kind", matcher.kind(a), "carries_own_claims")), None)
    if carrier and who.outlet == default_outlet(lang):
        who = dataclasses.replace(who, outlet=carrier[0], outlet_text=carrier[1],
                                  why_outlet=f"the news outlet '{carrier[1]}' the sentence after names carries it")
    return who


def _named_after(text: str, sentences: list[tuple[int, int, str]], end: int, matcher: ActorMatcher, lang: str,
                 reach: int = 1):
    """The claimant that a sentence after a candidate names for it, or None: "... eingetroffen. Das teilte
    der ukrainische Präsident Selenskyj mit." (:func:`_points_back`). With ``reach`` above 1 the sentence that
    points back may stand further on, when each sentence between has no attribution of its own and no line
    break stands between (it gives its speaker to the sentences before it that have none). The attribution and
    the sentence that points back."""
    following = [(s, e, t) for s, e, t in sentences if s >= end]
    if not following:
        return None
    start = following[0][0]
    if text[end:start].strip():  # a clause of the candidate's sentence follows: look after the sentence
        whole = next(((s, e, t) for s, e, t in sentences if s < end <= e), None)
        following = [(s, e, t) for s, e, t in following if whole is None or s >= whole[1]]
        if not following or (whole and text[end:whole[1]].strip(" ,.;:") and reach == 1):
            return None
    gap = end
    for s, e, sentence in following[:reach]:
        broken = "\n" in text[gap:s]
        if broken and gap != end:  # the speaker of another paragraph gives nothing back
            return None
        who = _points_back(sentence, matcher, lang)
        if who is not None:
            return who, sentence
        if broken or attribute(sentence, matcher, None, False, lang).claimant != default_claimant(lang):
            return None
        gap = e
    return None


def _back_reference(sentence: str, here: int, sentences: list[tuple[int, int, str]], drafts: list[Draft],
                    matcher: ActorMatcher, lang: str):
    """The speaker a sentence with no attribution of its own points back to with an adverb of ``claims:
    back_reference_adverbs`` ("Demnach sollen rund 600 Soldaten gefallen sein", "Etwa 600 wurden demnach
    getötet"): the claimant of the draft of the sentence right before (``here`` counts from 1), when it is not
    the article's; else the first actor that sentence names ("Der Geheimdienst nennt Zahlen.", "Der Geheimdienst
    legte am Montag seine Einschätzung vor."); None when it names none. ((id, name as written), why, outlet or
    None), or None."""
    words = {str(w).casefold() for w in _claims(lang).get("back_reference_adverbs") or ()}
    adverb = next((w for w in re.findall(r"[\w-]+", sentence) if w.casefold() in words), None)
    if adverb is None or here < 2:
        return None
    start, end, before = sentences[here - 2]
    held = [d for d in drafts if d.candidate.start < end and start < d.candidate.end]
    if held and held[-1].record["claimant"] != default_claimant(lang):
        last = held[-1]
        actor = last.record["claimant"] if last.record["claimant"] in matcher.registry.by_id else None
        outlet = (last.record["outlet"] if last.record["outlet"] in matcher.registry.by_id else None,
                  last.outlet_name)
        return ((actor, last.claimant_name), f"'{adverb}' points back to the sentence before, whose claimant is "
                                             f"'{last.claimant_name}'", outlet)
    found = matcher.find(before)
    if not found:
        return None
    s, e, actor = found[0]
    return ((actor, before[s:e]), f"'{adverb}' points back to the sentence before, which names '{before[s:e]}' "
                                  "first: its source", None)


def _spoken_by(who, named, why: str, lang):
    """``who`` claimed by the speaker ``named`` (the attribution of the sentence closing the speech it sits in), its
    why saying so; the outlet too where ``who`` has only the article's."""
    who = dataclasses.replace(who, claimant=named.claimant, claimant_text=named.claimant_text,
                              why_claimant=f"{why}: {named.why_claimant}")
    if who.outlet == default_outlet(lang) and named.outlet != default_outlet(lang):
        who = dataclasses.replace(who, outlet=named.outlet, outlet_text=named.outlet_text,
                                  why_outlet=named.why_outlet)
    return who


def draft_records(seed_name: str, text: str, published: dt.date, actors: ActorRegistry, lang: str = "de",
                  first_number: int = 1, extra_names: dict[str, str] | None = None,
                  meta: dict | None = None) -> Drafts:
    """A draft record for each candidate sentence of an article (see the module's description). ``meta`` is the
    seed's metadata as :func:`timeline.seeds.load_seeds` reads it (``Seed.meta``), when it is filled in: its
    outlet is the article's own (:func:`own_outlets`)."""
    matcher = ActorMatcher(actors, lang, extra_names)
    own = own_outlets(text, meta)
    number = seed_name.split("_", 1)[0]  # 000 ... 999, then 1000: never cut to three digits
    drafts: Drafts = Drafts()
    floor = Floor()
    proposed: dict[str, NewActor] = {}  # the new actors proposed so far, by id
    default_c = default_claimant(lang)
    mentioned: list[str] = []  # the actors the sentence before names
    named_before: list[tuple[str | None, str]] = []  # the claimants of the drafts so far, with their names
    # the outlet a pattern named as the one that carries each speaker ("in einem Interview mit Y", "teilte Y
    # unter Berufung auf X mit"), with the sentence that named it
    partners: dict[str, tuple[str | None, str, int, bool]] = {}  # (id, name as written, sentence, partner)
    sentences = split_sentences(text, lang)
    dashes = speech_dash_spans(text, lang)
    quotes = quoted_spans(text)
    parts = [(c, p) for whole in candidate_sentences(text) for p in clauses(whole, lang)
             for c in count_clauses(p, lang)]
    # each sentence's paragraph (a line break before it opens one)
    paragraphs = list(itertools.accumulate(
        int(k == 0 or "\n" in text[sentences[k - 1][1]:sentences[k][0]]) for k in range(len(sentences))))

    def sentence_of(pos: int) -> int:
        return max((k for k, (st, _, _) in enumerate(sentences) if st <= pos), default=0)
    walked = 0  # the sentences the floor has passed through
    for cand, parent in parts:
        if (skip := _not_a_claim(cand, matcher, lang, text)):
            drafts.skipped.append((cand, skip))
            continue
        i = len(drafts)
        here = sentence_of(cand.start)
        # the floor passes through the sentences before the candidate's that no candidate holds
        for k in range(walked, here):
            if any(d.candidate.start < sentences[k][1] and sentences[k][0] < d.candidate.end for d in drafts):
                continue
            if is_headline(sentences[k][2], lang):
                continue  # a headline or page furniture ("Lesen Sie auch") neither speaks nor takes the floor
            if paragraphs[k] != paragraphs[k - 1] and k and floor.speaker is not None:
                floor = floor.to_article(k + 1, f"sentence {k + 1} opens a paragraph of the article's own")
            floor = floor.naming(_person(sentences[k][2], matcher))
        walked = max(walked, here)
        here += 1  # counted from 1 in a why
        previous, previous_outlet = floor.speaker or (default_c, default_c), floor.outlet or (default_c, default_c)
        if not drafts:
            previous = previous_outlet = None
        hearsay = {str(w).casefold() for w in _claims(lang).get("hearsay") or ()}
        speech = any(r.startswith("claim:speech") or r.startswith("claim:reported") and
                     r.split(":", 2)[-1].casefold() not in hearsay for r in cand.reasons)
        # hearsay whose only claim cue is a word of ``claims: hearsay``
        cues = [r for r in cand.reasons if r.startswith("claim:")]
        bare_hearsay = bool(cues) and all(r.startswith("claim:reported:") and r.split(":", 2)[-1].casefold() in hearsay
                                          for r in cues)
        # a clause cut at a count of its own is attributed as the clause it was cut from ("Von den 11.000 Soldaten
        # seien 1.000 gefallen, 3.000 seien verwundet, schreibt die BBC": the BBC claims both)
        read = parent.sentence
        opener = re.match(r"(?:" + "|".join(map(re.escape, [str(w) for w in _claims(lang).get("clause_openers") or ()]))
                          + r")\s+", read) if _claims(lang).get("clause_openers") else None
        who = attribute(read[opener.end():] if opener else read, matcher, previous, speech, lang,
                        mentioned, [c for c, _ in named_before if c in matcher.registry.by_id], previous_outlet,
                        earlier_named=named_before, referent=floor.person, people=floor.people)
        continued = speech and floor.speaker is not None and (who.claimant, who.claimant_text) == floor.speaker \
            and not who.pattern
        if continued:
            who = dataclasses.replace(who, why_claimant=floor.explain(matcher.registry))
        after = _named_after(text, sentences, cand.end, matcher, lang)
        if after is None and who.claimant == default_c:
            # a sentence further on that points back gives its speaker to the sentences before it that have none
            after = _named_after(text, sentences, cand.end, matcher, lang, reach=3)
        if after:
            named, sentence_after = after
            who = dataclasses.replace(who, claimant=named.claimant, claimant_text=named.claimant_text,
                                      why_claimant=f"the sentence after names who said it ('{sentence_after}'): "
                                                   + named.why_claimant)
            if who.outlet == default_outlet(lang) and named.outlet != default_outlet(lang):
                who = dataclasses.replace(who, outlet=named.outlet, outlet_text=named.outlet_text,
                                          why_outlet=named.why_outlet)
        def speaker_of(sentence: str):
            """The attribution of a sentence that closes the speech this candidate sits in (a dash's paragraph, a
            quotation over several sentences), read with what the floor knows here."""
            return attribute(sentence, matcher, previous, True, lang, mentioned,
                             [c for c, _ in named_before if c in matcher.registry.by_id], previous_outlet,
                             earlier_named=named_before, referent=floor.person, people=floor.people)

        dash = next(((a, b) for a, b in dashes if a <= cand.start < b), None)
        if who.claimant == default_c and dash and not who.pattern:
            # "— Putin setzt auf Aggression. ... – sagte der Präsident.": the speaker that the verb of saying after
            # the closing dash names speaks the whole paragraph
            close = [t for st, en, t in sentences if cand.end <= en <= dash[1]][-1:]
            named = speaker_of(close[0]) if close else None
            if named is not None and named.pattern and named.claimant != default_c:
                who = _spoken_by(who, named, f"direct speech in a paragraph a dash opens; its close ('{close[0]}') "
                                             "names who speaks", lang)
        quote = next(((a, b) for a, b in quotes if a <= cand.start < b and b > cand.end), None)
        if quote and not who.pattern:
            # "„Das Volk sollte ... verlieren. Und das kann ... werden“, sagte Selenskyj in seiner Videobotschaft.":
            # a quotation that runs on past the candidate's sentence is the speaker's whom its close names
            close = next(((st, en, t) for st, en, t in sentences if st < quote[1] <= en), None)
            named = speaker_of(close[2]) if close and text[quote[1]:close[1]].strip(" ,.;") else None
            if named is not None and named.pattern and named.claimant != default_c:
                who = _spoken_by(who, named, f"a quotation its sentence opens closes in a later one ('{close[2]}'), "
                                             "which names who speaks", lang)
        if who.claimant == default_c and bare_hearsay and floor.speaker is not None and floor.last >= here - 1 \
                and floor.paragraph == paragraphs[here - 1]:
            # hearsay right after a sentence of the speaker's, in the same paragraph, continues their account
            who = dataclasses.replace(
                who, claimant=floor.speaker[0], claimant_text=floor.speaker[1],
                why_claimant=f"hearsay with no source of its own right after sentence {floor.last}, in the same "
                             f"paragraph: {floor.explain(matcher.registry).replace('reported speech', 'account')}")
            if who.outlet == default_outlet(lang) and floor.outlet and floor.outlet[0] != default_outlet(lang):
                who = dataclasses.replace(who, outlet=floor.outlet[0], outlet_text=floor.outlet[1],
                                          why_outlet=f"the outlet that carries the account continued "
                                                     f"('{floor.outlet[1]}') carries it too")
            continued = True
        if who.claimant == default_c and not who.pattern and (back := _back_reference(
                read, here, sentences, drafts, matcher, lang)):
            # "Demnach sollen rund 600 Soldaten gefallen sein": the source is the speaker of the sentence before
            who = dataclasses.replace(who, claimant=back[0][0], claimant_text=back[0][1], why_claimant=back[1])
            if who.outlet == default_outlet(lang) and back[2] and back[2][0] != default_outlet(lang):
                who = dataclasses.replace(who, outlet=back[2][0], outlet_text=back[2][1],
                                          why_outlet=f"the outlet of the sentence before ('{back[2][1]}') carries "
                                                     "what it points back to")
        same_sentence = bool(drafts) and drafts[-1].candidate.end <= cand.start and \
            not text[drafts[-1].candidate.end:cand.start].strip(" ,") and \
            not drafts[-1].candidate.sentence.rstrip().endswith((".", "!", "?", "…", "“", "”", "\""))
        if same_sentence and who.outlet == default_outlet(lang) and \
                drafts[-1].record["outlet"] != default_outlet(lang):
            # a clause of the sentence whose first clause names the outlet ("Laut AFP ... gab Südkorea an, ...,
            # während die Ukraine von über 3.000 sprach"): the outlet carries the whole sentence
            before = drafts[-1]
            who = dataclasses.replace(who, outlet=before.record["outlet"] if before.record["outlet"] in
                                      matcher.registry.by_id else None, outlet_text=before.outlet_name,
                                      why_outlet=f"the clause before, of the same sentence, names the outlet "
                                                 f"'{before.outlet_name}': it carries the whole sentence")
        # the article's own outlet (its publisher, its dateline's agency) carries nothing of its own: "...,
        # berichtet Ukrinform." on Ukrinform's page is the article's report (the curated rule: claimant vs outlet)
        if own and who.outlet not in (default_outlet(lang),) and (where := _own(who.outlet, who.outlet_text, own,
                                                                                  matcher.registry)):
            who = dataclasses.replace(who, outlet=default_outlet(lang), outlet_text=default_outlet(lang),
                                      why_outlet=f"'{who.outlet_text}' is the article's own outlet ({where}): the "
                                                 "article carries the claim")
        if own and who.claimant != default_c and (where := _own(who.claimant, who.claimant_text, own,
                                                                 matcher.registry)):
            who = dataclasses.replace(who, claimant=default_c, claimant_text=default_c,
                                      why_claimant=f"'{who.claimant_text}' is the article's own outlet ({where}): "
                                                   "the sentence is the article's own claim")
        # a speaker the actors file does not know: a new actor proposed (once), whom the matcher knows from now
        # on, so that a later mention by the surname alone and the floor name the same actor
        new: NewActor | None = proposed.get(who.claimant or "")
        found = new is not None  # the matcher found a person proposed before
        if who.claimant is None and who.claimant_text:
            new = next((a for a in proposed.values() if a.kind and name_key(a.name) == name_key(who.claimant_text)),
                       None) or _new_actor(who, read, here, lang)
            if new is not None and new.id not in proposed and new.id not in matcher.registry.by_id:
                try:
                    registry = ActorRegistry([*matcher.registry.by_id.values(),
                                              Actor(new.id, new.name, new.kind, new.country, role=new.role or None)],
                                             matcher.registry.case, path=matcher.registry.path)
                except ValueError:
                    new = None  # the name clashes with an actor's: left as written
                else:
                    proposed[new.id] = new
                    matcher = ActorMatcher(registry, lang, extra_names)
            if new is not None and new.id in proposed:
                role = f", role '{new.role}'" if new.role else ""
                country = f", country {new.country}" if new.country else ""
                who = dataclasses.replace(who, claimant=new.id, why_claimant=who.why_claimant + (
                    f"; proposed as the new actor {new.id} ('{new.name}'{role}{country}): add it to the actors "
                    "file (the snippet at the top)" if new.sentence == here else
                    f"; the new actor {new.id} proposed in sentence {new.sentence}"))
            else:
                new = None
        if new is None and who.claimant is None and who.claimant_text:
            # a body: proposed too, by its name as written (the drafter does not learn it: a body's words are
            # common nouns, which would name it wherever they stand)
            new = next((a for a in proposed.values() if not a.kind and name_key(a.name) == name_key(
                who.claimant_text)), None) or _new_body(who.claimant_text, here, lang)
            if new is not None:
                proposed.setdefault(new.id, new)
                new = proposed[new.id]
        if found:
            who = dataclasses.replace(who, why_claimant=who.why_claimant + f"; '{who.claimant_text}' names the new "
                                                                            f"actor {new.id} proposed in sentence "
                                                                            f"{new.sentence}")
        speaker_key = who.claimant or who.claimant_text
        if who.outlet_pattern and speaker_key and who.claimant != default_c and \
                (who.outlet or who.outlet_text) != speaker_key:
            partners[speaker_key] = (who.outlet, who.outlet_text, here, who.outlet_pattern in partner_patterns(lang))
        elif who.outlet == default_outlet(lang) and who.claimant != default_c and (told := next(
                (v for k, v in partners.items() if (k == speaker_key or who.claimant is None and speaker_key
                 and k.endswith(" " + speaker_key)) and (v[3] or who.pointed_back)), None)):
            # an outlet named before as the one that carries the speaker: what the speaker says later in the
            # article, naming no outlet of its own, Y carries too: the whole interview after "erklärte X in
            # einem Interview mit Y" (a pattern marked partner), a report's later sentences that point back to
            # its source ("Der Geheimdienst erklärte" after "teilte Y unter Berufung auf den Geheimdienst mit");
            # not a source named afresh ("Dem NIS zufolge"), which may be another occasion. A name as written
            # matches by its last words ("Budanow" after "Kyrylo Budanow")
            who = dataclasses.replace(who, outlet=told[0], outlet_text=told[1],
                                      why_outlet=f"sentence {told[2]} names '{told[1]}' as the outlet that carries "
                                                 "the speaker: it "
                                                 "carries what they say later in the article too")
        stated, event = _dates(cand.sentence, published, lang,
                               who.outlet_text if who.outlet != default_outlet(lang) else "")
        count = _count(cand.sentence, lang)
        if not count and drafts and drafts[-1].candidate.end <= cand.start and \
                not text[drafts[-1].candidate.end:cand.start].strip(" ,") and drafts[-1].record.get("count"):
            count = _elliptic_count(cand.sentence, drafts[-1].record["count"]["unit"], lang)
        claim_type, stance, why_type = _claim_type(cand.sentence, count, lang)
        if new is not None and who.claimant is None:
            why_body = (f"; proposed as the new actor {new.id} ('{new.name}'): add it to the actors file (the "
                        "snippet at the top), or write the id of the actor it names" if new.sentence == here else
                        f"; the new actor {new.id} proposed in sentence {new.sentence}")
            who = dataclasses.replace(who, why_claimant=who.why_claimant + why_body)
        rec: dict = {"id": f"r{number}-{first_number + i:02d}", DRAFT_MARK: True, "claim_type": claim_type,
                     "stance": stance, "claimant": (new.id if new is not None and who.claimant is None else None)
                     or who.claimant or who.claimant_text or "TODO",
                     "outlet": who.outlet or who.outlet_text or "TODO", "quote": cand.sentence,
                     "quote_start": cand.start}
        why = {"candidate": "; ".join(cand.reasons), "claim_type": why_type, "stance": why_type,
               "claimant": who.why_claimant, "outlet": who.why_outlet}
        if stated.get("expr"):
            rec["stated"] = {"expr": stated["expr"]}
            why["stated"] = stated["why"] + f" (reads {stated['iv'].edtf})"
        elif stated:
            why["stated"] = stated["note"]
        if event:
            rec["event"] = {"expr": event["expr"]}
            why["event"] = event["why"] + f" (reads {event['iv'].edtf})"
        if count:
            rec["count"] = {"expr": count["expr"], "unit": count["unit"]}
            why["count"] = count["why"]
        rec["summary_en"] = TODO_SUMMARY
        stated_iv = stated["iv"] if stated.get("expr") else open_until(published)
        event_iv = event["iv"] if event else open_until(stated_iv.end or published)
        drafts.append(Draft(rec, why, cand, stated_iv, event_iv, count.get("value"), who.claimant_text,
                            who.outlet_text, new_claimant=new))
        if who.claimant != default_c and who.claimant_text:
            named_before.append((who.claimant, who.claimant_text))
        if who.claimant == default_c:
            floor = floor.to_article(here, f"sentence {here} is the article's own")
        elif (who.claimant or who.claimant_text) and not continued:
            floor = dataclasses.replace(floor, speaker=(who.claimant, who.claimant_text),
                                        outlet=(who.outlet, who.outlet_text), sentence=here,
                                        how=f"named in sentence {here}" if who.pattern else who.why_claimant)
        if who.claimant != default_c:
            floor = dataclasses.replace(floor, last=here, paragraph=paragraphs[here - 1])
        kind = matcher.kind(who.claimant or "")
        person = (who.claimant, who.claimant_text) if kind and schema.attribute("actor_kind", kind, "named_by_one_word") \
            else _person(cand.sentence, matcher)
        if person:
            floor = floor.naming(person)
        mentioned = [a for _, _, a in matcher.find(cand.sentence)]
    return drafts


def _scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in value.items()) + "}"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def _comment(text: str) -> str:
    return re.sub("[\r\n\x85\u2028\u2029]", " ", text)


def drafts_yaml(seed_name: str, drafts: list[Draft], header: list[str] | None = None) -> str:
    """A records file holding drafts, each field followed by why it was proposed (as a comment)."""
    out = list(header or [f"# Draft records of seeds/{seed_name}, written by `python -m timeline draft`.",
                          "# Review each draft: correct what is wrong, write summary_en, delete what is no claim;",
                          "# then `python -m timeline confirm FILE` removes the draft flag and `validate` checks them."])
    proposed = new_actors(drafts)
    if proposed:
        out += [f"# New actors: {len(proposed)} speaker(s) the actors file does not know, proposed as new actors (the",
                "# drafts' claimant is the id). Check each, then paste it under `actors:` in the actors file (without",
                "# the '# '; a country TODO is yours to give, and other spellings go to aliases), or, if it names an",
                "# actor the file has, write that actor's id in the drafts instead:"]
        out += [f"#   {_comment(a.snippet())}" for a in proposed]
    skipped = getattr(drafts, "skipped", [])
    if skipped:
        out.append(f"# Not drafted: {len(skipped)} candidate sentence(s) read as no claim of their own (cover or list "
                   "them in not_claims.yaml as usual):")
        out += [f"#   [{c.start}] {_comment(c.sentence)}: {_comment(why)}" for c, why in skipped]
    out += [f"seed: {seed_name}", "records:"]
    if not drafts:
        out[-1] = "records: []"
    for d in drafts:
        first = True
        out.append(f"  # candidate: {_comment(d.why['candidate'])}")
        for key, value in d.record.items():
            out.append(f"{'  - ' if first else '    '}{key}: {_scalar(value)}")
            if key in d.why:
                out.append(f"    # why: {_comment(d.why[key])}")
            first = False
    return "\n".join(out) + "\n"


class ConfirmError(ValueError):
    """Drafts that cannot be confirmed: names the file, the record and why."""


_ID_LINE = re.compile(r"^  - id: *[\"']?([^\"'\s#]+)")
_MARK_LINE = re.compile(r"^    " + DRAFT_MARK + r": *true *$")


def confirm(path: Path | str, ids: list[str] | None = None) -> list[str]:
    """Remove the draft mark of the named drafts of a records file (all its drafts without ``ids``).

    A draft whose summary still says TODO is not confirmed: the error names it. Returns the confirmed ids.
    """
    path = Path(path)
    lines = path.read_text(encoding="utf-8").split("\n")
    current, out, done, todo = None, [], [], []
    marks: dict[str, int] = {}
    for line in lines:
        m = _ID_LINE.match(line)
        if m:
            current = m.group(1)
        if current and _MARK_LINE.match(line) and (ids is None or current in ids):
            marks[current] = len(out)
        if current and line.startswith("    summary_en:") and "TODO" in line and (ids is None or current in ids):
            todo.append(current)
        out.append(line)
    missing = [i for i in ids or [] if i not in marks]
    problems = [f"{path}: record {i}: no draft of this id" for i in missing]
    problems += [f"{path}: record {i}: field summary_en: still TODO: write the summary before confirming"
                 for i in todo if i in marks]
    if problems:
        raise ConfirmError("\n".join(problems))
    for rid in marks:
        done.append(rid)
    drop = set(marks.values())
    write_atomic(path, "\n".join(line for i, line in enumerate(out) if i not in drop))
    return done
