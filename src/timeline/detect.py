"""Finding the sentences of an article that may hold a claim, language-neutrally.

A sentence is a *candidate* when it holds a date expression
(:func:`timeline.dates.date_mentions`), a count of people
(:func:`timeline.coverage.count_mentions`) or a *claim cue*: a verb of saying,
reporting, believing, confirming or denying, a preposition of attribution ("laut X"),
an attribution construction, a
subjunctive of reported speech, or direct speech (a quotation, also one that
began in an earlier sentence). Every word and construction comes from the
``sentences`` and ``claims`` sections of the language file
(``src/timeline/lang/<code>.yaml``); this module spells none.

:func:`split_sentences` splits a text into sentences with exact offsets: never
after an abbreviation of the language file, a day's number ("am 18. Oktober")
or inside a number ("5.000"); a line without a final mark is a sentence of its
own (a headline), and no sentence starts or ends with white space.

Example:
    >>> [s for _, _, s in split_sentences("  Am 18. Oktober kam er, z. B. nach Rom. Im Jahr 2024. Ende")]
    ['Am 18. Oktober kam er, z. B. nach Rom.', 'Im Jahr 2024.', 'Ende']
    >>> [name for _, _, name in claim_cues("Austin betonte, dass die USA nichts wissen.")]
    ['verb']
"""

from __future__ import annotations

import functools
import re

from .language import load_language

__all__ = ["split_sentences", "claim_cues", "quoted_spans", "speech_dash_spans", "is_headline"]

#: A sentence ends at . ! ? … (and closing quotation marks) before a space and a capital or an opening quotation
#: mark; or, where scraping dropped the space ("entsenden.Bei einer"), at . ! ? between two lower-case letters
#: and a capitalised word.
_END_RX = re.compile(r"[.!?…][“”\"»’)]*\s+(?=[A-ZÄÖÜ„\"»(\[])|(?<=[a-zäöüß]{2})[.!?](?=[A-ZÄÖÜ][a-zäöüß])")


@functools.lru_cache(maxsize=8)
def _tables(code: str) -> dict:
    lang = load_language(code)
    sent = lang.raw.get("sentences") or {}
    claims = lang.raw.get("claims") or {}
    abbreviations = tuple(sorted((str(a) for a in sent.get("abbreviations") or ()), key=len, reverse=True))
    verbs = [str(v).lower() for v in claims.get("verbs") or ()]
    verb_rx = re.compile(r"(?<![\w-])(?:" + lang.word_regex(verbs) + r")(?![\w-])", re.IGNORECASE) if verbs else None
    prepositions = [str(v).lower() for v in claims.get("attribution_prepositions") or ()]
    preposition_rx = (re.compile(r"(?<![\w-])(?:" + lang.word_regex(prepositions) + r")(?![\w-])", re.IGNORECASE)
                      if prepositions else None)
    patterns = [re.compile(lang.claims_regex(str(p)), re.IGNORECASE) for p in claims.get("patterns") or ()]
    reported = [str(v).lower() for v in claims.get("reported_speech") or ()]
    reported_rx = (re.compile(r"(?<![\w-])(?:" + lang.word_regex(reported) + r")(?![\w-])", re.IGNORECASE)
                   if reported else None)
    # a verb in the second place after a sentence adverb with the ending of the present subjunctive ("Deshalb
    # stelle die Gefangennahme einen Erfolg dar"): reported speech, whatever the verb
    subj = claims.get("subjunctive_after_adverb") or {}
    from .attribution import not_names
    adverbs = not_names(code)
    subjunctive_rx = None
    if subj.get("ending") and adverbs:
        subjunctive_rx = re.compile(r"^(?:" + lang.word_regex(adverbs) + r")\s+((?-i:[^\W\d_A-ZÄÖÜ]+)"
                                    + re.escape(str(subj["ending"])) + r")(?![\w-])", re.IGNORECASE)
    # a verb after its subject with the ending of the present subjunctive ("Die genannte Opferzahl schließe
    # ... ein", "Nordkorea liefere"): the first lower-case word after a capitalised one among the sentence's
    # first words, no comma before it
    after = claims.get("subjunctive_after_subject") or {}
    subject_rx = None
    if after.get("ending"):
        # a capitalised word and the lower-case word after it ending so, among the first words (no comma before)
        subject_rx = re.compile(r"(?<![^\s])((?-i:[A-ZÄÖÜ][\w-]*)) (?=((?-i:[^\W\d_A-ZÄÖÜ]+)"
                                + re.escape(str(after["ending"])) + r")(?![\w-]))")
    # a capitalised word that is an article, a sentence adverb or preposition, a preposition of attribution or a
    # number word is no subject: the word after it is an adjective ("Das nordkoreanische Militär", "Über soziale
    # Medien", "Zwei nordkoreanische Soldaten") or the adverb's rule reads it
    from .numbers import NUMBER_WORDS, VAGUE_COUNTS
    no_subject = {str(w).casefold() for key in ("name_articles", "attribution_prepositions")
                  for w in claims.get(key) or ()} | {w.casefold() for w in not_names(code)}
    no_subject |= {str(w).casefold() for w in (*NUMBER_WORDS, *VAGUE_COUNTS, *(lang.numbers.get("vague_heads") or {}))}
    possessive = tuple(str(e) for e in claims.get("possessive_endings") or ())
    return {"subject_rx": subject_rx, "subject_words": int(after.get("max_words", 4)),
            "adverbs": {w.casefold() for w in adverbs}, "no_subject": no_subject if after.get("ending") else set(),
            "possessive": possessive if after.get("ending") else (),
            "subject_not": (tuple(str(e) for e in after.get("not_endings") or ()),
                            {str(w).casefold() for w in (after.get("not_words") or [])}
                            | {str(w).casefold() for w in subj.get("not_words") or ()}
                            | {str(w).casefold() for w in claims.get("attribution_prepositions") or ()}),
            "abbreviations": abbreviations, "headline_max_words": int(sent.get("headline_max_words", 12)),
            "verb_rx": verb_rx, "preposition_rx": preposition_rx, "patterns": patterns, "reported_rx": reported_rx, "subjunctive_rx": subjunctive_rx,
            "subjunctive_not": (tuple(str(e) for e in subj.get("not_endings") or ()),
                                {str(w).casefold() for w in subj.get("not_words") or ()})}


def _ends_in_abbreviation(piece: str, abbreviations: tuple[str, ...]) -> bool:
    for a in abbreviations:
        if piece.endswith(a) and (len(piece) == len(a) or not piece[-len(a) - 1].isalnum()):
            return True
    return False


def split_sentences(text: str, lang: str = "de") -> list[tuple[int, int, str]]:
    """The sentences of a text with their offsets: (start, end, sentence), ``text[start:end] == sentence``.

    Splits at line breaks and after . ! ? … (and any closing quotation marks) before a capital letter or an
    opening quotation mark, and where the space after the mark was lost ("entsenden.Bei einer"). A dot after a figure of one or two digits is a day or an ordinal ("18. Oktober",
    "2. Division") and ends nothing; after a year ("im Jahr 2024. Die") it does. A dot after an abbreviation
    of the language file ends nothing.

    >>> [s for _, _, s in split_sentences("„Wir wissen es nicht.“ Dann sprach er. Das 2. Bataillon kam.")]
    ['„Wir wissen es nicht.“', 'Dann sprach er.', 'Das 2. Bataillon kam.']
    >>> split_sentences("Eins.\\r\\n  Zwei")
    [(0, 5, 'Eins.'), (9, 13, 'Zwei')]
    """
    t = _tables(lang)
    out = []
    for m in re.finditer(r"[^\n\r\u2028\u2029\x85]+", text):
        line, base = m.group(0), m.start()
        start = 0
        for b in _END_RX.finditer(line):
            piece = line[start:b.end()].rstrip()
            mark = b.start()
            if line[mark] == "." and re.search(r"(?<![\d.,])\d{1,2}$", line[:mark]):
                continue  # a day or an ordinal
            if line[mark] == "." and re.search(r"(?<!\w)\w$", line[:mark]):
                continue  # a single letter: an initial or part of an abbreviation ("z. B.", "J. Smith")
            if line[mark] == "." and _ends_in_abbreviation(line[start:mark + 1], t["abbreviations"]):
                continue
            _add(out, base + start, piece)
            start = b.end()
        _add(out, base + start, line[start:])
    return out


def _add(out: list, start: int, piece: str) -> None:
    stripped = piece.strip()
    if stripped:
        lead = len(piece) - len(piece.lstrip())
        out.append((start + lead, start + lead + len(stripped), stripped))


def is_headline(sentence: str, lang: str = "de") -> bool:
    """A line without a final mark and with few words: a headline or page furniture.

    >>> is_headline("Die Rolle Nordkoreas im Konflikt"), is_headline("Er kam.")
    (True, False)
    """
    s = sentence.rstrip("“”\"»’) ")
    return not s.endswith((".", "!", "?", "…", ":")) and len(s.split()) <= _tables(lang)["headline_max_words"]


_OPEN, _CLOSE = "„«", "“»"
#: The straight mark that scraped pages write for both ("Die Welt muss die Wahrheit erfahren.")
_STRAIGHT = '"'


def quoted_spans(text: str) -> list[tuple[int, int]]:
    """The spans of direct speech in a text: from an opening quotation mark to its closing one.

    German opens with „ and closes with “ (or » «); a page that writes straight marks opens and closes with ";
    a quotation left open runs to the end of its paragraph.

    >>> text = "Er sagte: „Wir kommen. Bald.“ Dann ging er."
    >>> [text[s:e] for s, e in quoted_spans(text)]
    ['„Wir kommen. Bald.“']
    """
    spans = []
    start = None
    straight = False  # the quotation open was opened by a straight mark ("), which the same mark closes
    for i, ch in enumerate(text):
        if ch == _STRAIGHT and start is None:
            start, straight = i, True
        elif ch == _STRAIGHT and straight:
            spans.append((start, i + 1))
            start, straight = None, False
        elif ch in _OPEN and start is None:
            start = i
        elif ch in _CLOSE and start is not None and not straight:
            spans.append((start, i + 1))
            start = None
        elif ch == "\n" and start is not None:
            spans.append((start, i))
            start, straight = None, False
    if start is not None:
        spans.append((start, len(text)))
    return spans


#: The dashes that open a paragraph of direct speech ("— Putin setzt ... – sagte der Präsident.")
_SPEECH_DASHES = "—–"


def speech_dash_spans(text: str, lang: str = "de") -> list[tuple[int, int]]:
    """The paragraphs of direct speech that a dash opens and a dash before a verb of saying closes, as some
    outlets write a speech: "— Putin setzt auf Aggression. Er verdoppelt sie. ... – sagte der Präsident." From
    the opening dash to the end of the line; a dash at the start of a line with no such close (a list) is none.

    >>> text = "Er sprach.\\n— Wir kommen. Bald sind wir da – sagte er.\\n– Punkt eins."
    >>> [text[s:e] for s, e in speech_dash_spans(text)]
    ['— Wir kommen. Bald sind wir da – sagte er.']
    """
    verb_rx = _tables(lang)["verb_rx"]
    if verb_rx is None:
        return []
    out = []
    for m in re.finditer(r"(?m)^[" + _SPEECH_DASHES + r"] +\S[^\n]*", text):
        close = re.search(r"[" + _SPEECH_DASHES + r"] +(\S+)", m.group(0)[1:])
        if close and verb_rx.fullmatch(close.group(1).strip(",.")):
            out.append((m.start(), m.end()))
    return out


def claim_cues(sentence: str, lang: str = "de", *, quoted: bool = False) -> list[tuple[int, int, str]]:
    """What in a sentence marks a claim: (start, end, kind), kind one of verb, preposition (of attribution:
    "laut", "zufolge"), construction, reported, speech.

    ``quoted`` says that the sentence lies in direct speech that began before it. A quotation of a few words
    inside a sentence ("als „unbegründet“") is direct speech only with a verb or other cue beside it; a whole
    sentence in quotation marks is direct speech on its own. Headlines hold no claim cue.

    >>> [k for _, _, k in claim_cues("Dies deute auf eine Eskalation hin.")]
    ['reported']
    >>> [k for _, _, k in claim_cues("„Was sie genau dort tun, wird sich noch zeigen.“")]
    ['speech']
    >>> claim_cues("Die Rolle Nordkoreas im Konflikt")
    []
    """
    if is_headline(sentence, lang):
        return []
    t = _tables(lang)
    out = []
    if t["verb_rx"]:
        out += [(m.start(), m.end(), "verb") for m in t["verb_rx"].finditer(sentence)]
    if t["preposition_rx"]:
        out += [(m.start(), m.end(), "preposition") for m in t["preposition_rx"].finditer(sentence)]
    for rx in t["patterns"]:
        out += [(m.start(), m.end(), "construction") for m in rx.finditer(sentence) if m.end() > m.start()]
    if t["reported_rx"]:
        out += [(m.start(), m.end(), "reported") for m in t["reported_rx"].finditer(sentence)]
    if t["subjunctive_rx"]:
        m = t["subjunctive_rx"].match(sentence.lstrip())
        lead = len(sentence) - len(sentence.lstrip())
        not_endings, not_words = t["subjunctive_not"]
        if m and not m.group(1).casefold().endswith(not_endings) and m.group(1).casefold() not in not_words:
            out.append((lead + m.start(1), lead + m.end(1), "reported"))
    if t["subject_rx"] and not any(k == "reported" for _, _, k in out):
        head = re.split(r"[,;:„“\"]", sentence)[0]
        not_endings, not_words = t["subject_not"]
        first = head.split()[:1]
        for m in t["subject_rx"].finditer(head if first and first[0].casefold() not in t["adverbs"] else ""):
            if len(head[:m.start()].split()) > t["subject_words"]:
                break
            # before a capitalised word, the word is an adjective ("im Mai neue Truppen", "Südkoreas amtliche
            # Nachrichtenagentur"), unless the subject opens the sentence ("Nordkorea liefere Waffen")
            adjective = re.match(r"\s+[A-ZÄÖÜ]", head[m.end(2):]) is not None and \
                (head[:m.start()].strip() != "" or m.group(1).endswith(t["possessive"] or ("\0",)))
            if adjective or m.group(1).casefold() in t["no_subject"]:
                continue  # look further
            if not m.group(2).casefold().endswith(not_endings) and m.group(2).casefold() not in not_words:
                out.append((m.start(2), m.end(2), "reported"))
            break
    spans = quoted_spans(sentence)
    long_quote = any(len(sentence[s:e].split()) >= 4 for s, e in spans)
    if quoted or (long_quote and (out or sentence.lstrip().startswith((*_OPEN, _STRAIGHT)))):
        out.append((0, len(sentence), "speech"))
    return sorted(set(out))
