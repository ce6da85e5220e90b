"""The language file: every example of every rule is a test, and the engine spells no word of the language."""

import ast
import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

from timeline import dates, language, numbers
from timeline.dates import READINGS, DateExpressionError, normalise_date
from timeline.language import LanguageError, load_language

DE = load_language("de")
SRC = Path(dates.__file__).resolve().parent


def _day(value):
    if value is None:
        return None
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def _examples():
    for rule in DE.rules:
        for i, ex in enumerate(rule.examples):
            if isinstance(ex, list):
                ex = dict(zip(("expr", "anchor", "start", "end", "precision"), ex))
            yield pytest.param(rule.name, ex, id=f"{rule.name}-{i}-{ex['expr']}")


@pytest.mark.parametrize("rule_name,example", list(_examples()))
def test_every_example_of_the_language_file(rule_name, example):
    expr, anchor = str(example["expr"]), _day(example["anchor"])
    if "error" in example:
        with pytest.raises(DateExpressionError) as info:
            normalise_date(expr, anchor, example.get("sentence"))
        assert example["error"] in info.value.reason
        return
    iv = normalise_date(expr, anchor, example.get("sentence"))
    assert (iv.start, iv.end, iv.precision) == (_day(example["start"]), _day(example["end"]), example["precision"])
    # the rule takes part in the reading (alone, or as one part of a combination)
    assert rule_name in iv.method.removeprefix("rule:").split("+"), iv.method


def test_every_rule_has_an_example_and_a_known_reading():
    for rule in DE.rules:
        assert rule.examples, f"rule {rule.name} has no example"
        assert rule.reads in READINGS, f"rule {rule.name} reads as {rule.reads!r}, which the engine does not know"


def test_every_class_a_reading_needs_has_values_of_the_right_kind():
    assert set(DE.value("month", w) for w in ("januar", "dezember")) == {1, 12}
    assert sorted(set(DE.classes["weekday"].values())) == list(range(7))
    assert set(DE.classes["part"].values()) <= set(DE.conventions["parts"]["month"])
    for spec in DE.classes["named_day"].values():  # every named day resolves in a few years
        for year in (1990, 2024, 2025, 2026):
            assert dates._named_span(spec, year) is not None, spec


def test_conventions_are_complete():
    conv = DE.conventions
    for unit in ("month", "week", "year", "decade", "century"):
        assert {"first", "middle", "last"} <= set(conv["parts"][unit])
    assert set(conv["seasons"]) == set(DE.classes["season"].values())
    assert conv["default_direction"]["other"] in ("past", "future", "nearest")


def _code_strings(path: Path) -> list[str]:
    """The string constants of a module's code, without its docstrings (which hold the examples)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in docstrings]


def _language_words() -> set[str]:
    """Every word of the language file: the words of its classes, fillers, number words, qualifiers, cues."""
    raw = yaml.safe_load((SRC / "lang" / "de.yaml").read_text(encoding="utf-8"))
    texts: list[str] = []
    for spec in raw["classes"].values():
        texts += list((spec.get("words") if "words" in spec else spec).keys())
    texts += raw["fillers"]
    n = raw["numbers"]
    for key in ("atoms", "multipliers", "scales", "vague", "vague_heads", "vague_scales"):
        texts += list(n[key].keys())
    for key in ("joiners", "fillers", "unquantified", "people_nouns", "article_words", "range"):
        texts += n[key]
    texts += [w for words in n["qualifiers"].values() for w in words]
    texts += [w for words in n["not_counts"].values() for w in words]
    claims = raw["claims"]
    for key in ("verbs", "reported_speech", "pronouns", "name_articles", "casualty_words", "outlet_date_after",
                "date_joiners", "name_joiners", "sentence_adverbs", "sentence_prepositions",
                "attribution_prepositions"):
        texts += claims[key]
    texts += [w for words in claims["units"].values() for w in words]
    texts += [w for w in raw["sentences"]["abbreviations"]] + raw["numbers"]["not_count_before"]
    for part in raw["tense"].values():
        if isinstance(part, dict):
            texts += part.get("words", []) + part.get("not_past", [])
    words = {w for t in texts for w in re.findall(r"[a-zäöüß]{4,}", str(t).lower())}
    # English codes the file maps its words to ("winter" -> winter), and English homographs ("Start")
    codes = {str(v) for spec in raw["classes"].values()
             for v in (spec.get("words") if "words" in spec else spec).values() if isinstance(v, str)}
    # English homographs: "Start", and "quote", a field of the record schema (German "Quote")
    return words - codes - {"start", "quote"}


@pytest.mark.parametrize("module", ["dates.py", "numbers.py", "language.py", "detect.py", "attribution.py", "drafts.py", "evaluate_drafts.py"])
def test_the_engine_spells_no_word_of_the_language(module):
    german = _language_words()
    found = {w for s in _code_strings(SRC / module) for w in re.findall(r"[a-zäöüß]{4,}", s.lower()) if w in german}
    assert not found, f"{module} spells words of the language file: {sorted(found)}"


def test_a_broken_language_file_names_the_problem(tmp_path):
    bad = tmp_path / "xx.yaml"
    bad.write_text("classes: {}\nrules:\n  - {name: a, pattern: '{nosuch}', reads: day}\n", encoding="utf-8")
    with pytest.raises(LanguageError, match="unknown class 'nosuch'"):
        load_language("xx", str(bad))


def test_adding_a_synonym_is_one_line_of_data(tmp_path):
    text = (SRC / "lang" / "de.yaml").read_text(encoding="utf-8")
    extended = text.replace("    januar: 1\n", "    januar: 1\n    hartung: 1\n", 1)
    path = tmp_path / "de.yaml"
    path.write_text(extended, encoding="utf-8")
    lang = load_language("de", str(path))
    assert lang.rule("month").match("hartung 2025") is not None
    assert DE.rule("month").match("hartung 2025") is None


def test_number_words_come_from_the_language_file():
    assert numbers.parse_number("zweitausendfünfhundert") == 2500
    assert numbers.parse_number("einundzwanzig") == 21
    assert numbers.parse_number("dreihunderttausend") == 300_000
    assert language.number_word_regex(DE.numbers)


def test_the_nouns_of_knowledge_are_the_nouns_of_a_source_and_the_words_after_them():
    """claims.about_after refers to claims.source_nouns ({sources}) instead of copying four of them (issue 14): every
    noun of a source is a noun of knowledge, so "Aussagen über 3.000 Soldaten" counts 3.000, as "Erkenntnisse über"
    does."""
    import datetime as dt

    from timeline.drafts import draft_records
    from timeline.names import ActorRegistry

    lang = load_language("de")
    claims = lang.raw["claims"]
    knowledge = lang.claims_words("about_after")
    assert set(claims["source_nouns"]) <= set(knowledge)
    assert not set(claims["source_nouns"]) & {w for w in claims["about_after"] if w != "{sources}"}  # no copy
    text = "Die USA hatten berichtet, es gebe Aussagen über 3.000 Soldaten aus Nordkorea in Russland."
    [d] = draft_records("005_0123456789abcdef.txt", text, dt.date(2024, 12, 24), ActorRegistry.from_yaml())
    assert (d.record["count"]["expr"], d.count.low, d.count.best, d.count.high) == ("3.000", 3000, 3000, 3000)


def test_a_placeholder_other_than_sources_in_a_word_list_is_an_error(monkeypatch):
    lang = load_language("de")
    monkeypatch.setitem(lang.raw["claims"], "about_after", ["{quellen}", "daten"])
    with pytest.raises(LanguageError, match=r"claims.about_after holds '\{quellen\}'"):
        lang.claims_words("about_after")
