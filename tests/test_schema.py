"""The one declaration: schema.yaml is whole, code reads it, and nothing in src/ restates a vocabulary.

- every vocabulary value carries the attributes its vocabulary requires (code reads them), and a value that lacks
  one is an error naming the file, the line, the value and the attribute; code that asks for it fails loudly;
- adding a value is one edit of schema.yaml: the charts draw a new stance with no other change;
- the JSON Schemas compiled from it are valid (draft 2020-12);
- no string literal in src/ spells a vocabulary value: the normalisers of dates and counts too read what they
  need by attribute (a precision's unit and EDTF form, a direction's side, a qualifier's form and bounds), and the
  language file's rules name the precision they yield; a new precision or qualifier declared with its attributes
  is read with no change of code.
"""

from __future__ import annotations

import ast
import copy
import dataclasses

import pytest

from chart_frames import frame, row
from timeline import charts, paths, schema, validation
from timeline.charts import CHARTS
from timeline.names import Actor

SRC = paths.PROJECT_ROOT / "src" / "timeline"
#: String literals that are the same word as a vocabulary value but name something else.
NOT_VALUES = {
    ("paths.py", "reports"): "the reports/ folder",
    ("steps.py", "reports"): "the reports/ folder",
    ("summaries.py", "month"): "a column of summaries.figure_sources (the month a figure speaks of)",
    ("coverage.py", "month"): "a word class of the language file (its month names)",
    ("coverage.py", "unquantified"): "a word list of the language file's numbers section (its words for no figure)",
    ("language.py", "day"): "a built-in slot of a language file's patterns (a day of the month)",
    ("language.py", "year"): "a built-in slot of a language file's patterns (a four-digit year)",
    ("devset.py", "week"): "a class of the annotated development set",
    ("devset.py", "range"): "a class of the annotated development set",
    ("timelinejs.py", "year"): "a key of a TimelineJS date object",
    ("timelinejs.py", "month"): "a key of a TimelineJS date object",
    ("timelinejs.py", "day"): "a key of a TimelineJS date object",
    ("dates.py", "other"): "a key of the language file's conventions.default_direction (a recurring expression "
                           "that is not a weekday)",
}


def test_the_declaration_is_whole():
    assert validation.schema_errors() == []


def test_a_value_without_a_required_attribute_is_an_error_that_names_it(monkeypatch):
    confirms = schema.VOCABULARIES["stance"]["confirms"]
    monkeypatch.delitem(confirms, "marker")
    errors = validation.schema_errors()
    assert len(errors) == 1, [str(e) for e in errors]
    err = errors[0]
    assert err.file == "src/timeline/schema.yaml" and err.line == confirms.line
    assert (err.record_id, err.field, err.reason) == ("stance 'confirms'", "marker", "required field missing")
    with pytest.raises(schema.SchemaError, match=r"stance 'confirms' lacks its required attribute 'marker'"):
        schema.attribute("stance", "confirms", "marker")
    # ... and the chart that needs it says so instead of leaving the records out
    with pytest.raises(schema.SchemaError, match="marker"):
        charts.statements(frame(row("a", stance="confirms")))


@pytest.mark.parametrize("vocabulary, value, attribute, bad, reason", [
    ("stance", "denies", "marker", {"symbol": "x", "colour": "purple"}, "not in vocabulary colour_role"),
    ("count_qualifier", "almost", "bounds", ["best", "top"], "not one of: low, best, high"),
    ("precision", "week", "order", "second", "must be an integer"),
    ("flag_type", "corrected_count", "corrects", ["count", "cont"], "not a field of a record"),
    ("colour_role", "affirm", "hex", "#09e", "a colour is #RRGGBB in capitals"),
])
def test_an_attribute_of_the_wrong_kind_is_an_error(monkeypatch, vocabulary, value, attribute, bad, reason):
    monkeypatch.setitem(schema.VOCABULARIES[vocabulary][value], attribute, bad)
    errors = validation.schema_errors()
    assert [e.reason for e in errors] == [reason], [str(e) for e in errors]
    assert errors[0].record_id == f"{vocabulary} {value!r}" and errors[0].field.startswith(attribute)


def test_a_corrected_expression_that_no_flag_type_corrects_is_an_error(monkeypatch):
    monkeypatch.setitem(schema.VOCABULARIES["flag_type"]["corrected_date"], "corrects", ["stated"])
    assert [e.reason for e in validation.schema_errors()] == [
        "no flag type corrects the record field 'event', whose expression may be corrected"]


def test_adding_a_stance_is_one_edit(monkeypatch):
    """A stance declared with its marker is drawn by the statements chart with no change of code."""
    monkeypatch.setitem(schema.VOCABULARIES["stance"], "warns",
                        {"description": "warns of something", "marker": {"symbol": "hexagon", "colour": "reject"}})
    assert validation.schema_errors() == []
    fig = charts.statements(frame(row("a", stance="warns"), row("b")))
    drawn = {t.name: list(t.customdata) for t in fig.data if t.meta == "statement"}
    assert drawn == {"warns": ["a"], "reports": ["b"]}
    warns = next(t for t in fig.data if t.name == "warns")
    # the symbol is the stance's (schema.yaml, marker); the colour the actor's, as in every chart
    assert (warns.marker.symbol, warns.marker.color) == ("hexagon", charts.claimant_colours(frame(row("a")))["NIS (test)"])


def test_what_code_reads_is_there():
    """Attributes that point elsewhere point at something: a chart of the registry, a field, an actor field."""
    for claim_type in schema.values_where("claim_type", "needs_count"):
        assert schema.attribute("claim_type", claim_type, "count_chart") in CHARTS, claim_type
    for anchor in schema.VOCABULARIES["anchor"]:  # the dates the loader can read an expression from
        assert schema.attribute("anchor", anchor, "date_of") in ("published", "stated"), anchor
    assert schema.values_where("anchor", "is_default") == ["published"]
    assert {f.name for f in dataclasses.fields(Actor)} == set(schema.ACTOR_FIELDS)
    assert set(charts.statement_markers()) >= set(schema.VOCABULARIES["stance"])


@pytest.mark.parametrize("kind", list(schema.FILES))
def test_the_compiled_json_schemas_are_valid(kind):
    validator = validation._validator_class()
    validator.check_schema(validation.json_schema(kind))
    assert validation.json_schema(kind)["$schema"].endswith("2020-12/schema")


def _declared_names() -> set[str]:
    names = set(schema.FRAME_COLUMNS) | set(schema.FLAGS_COLUMNS)
    for key, section in schema.SCHEMA.items():
        if key not in ("vocabularies", "files", "frame", "flags_table"):
            names |= set(section)
    return names


def _vocabulary_literals() -> list[str]:
    """Every string literal of src/timeline that spells a vocabulary value (docstrings and trace tags aside)."""
    values = {v: name for name, terms in schema.VOCABULARIES.items() for v in terms}
    names = _declared_names()
    found = []
    for path in sorted(SRC.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        skip = {id(node.body[0].value) for node in ast.walk(tree)
                if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
                and node.body and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        skip |= {id(kw.value) for node in ast.walk(tree) if isinstance(node, ast.Call)
                 for kw in node.keywords if kw.arg == "meta"}  # a plotly trace's tag, not a value
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip
                    and node.value in values and node.value not in names
                    and (path.name, node.value) not in NOT_VALUES):
                found.append(f"{path.relative_to(SRC)}:{node.lineno}: {node.value!r} (vocabulary "
                             f"{values[node.value]})")
    return found


def test_no_vocabulary_value_is_spelled_in_src():
    assert _vocabulary_literals() == []


def test_the_literal_check_finds_a_restated_value(tmp_path, monkeypatch):
    """The check above can fail: a module that compares with a stance is found."""
    module = tmp_path / "timeline"
    module.mkdir()
    (module / "extra.py").write_text('def f(row):\n    """Docstrings may say confirms."""\n'
                                     '    return row["stance"] == "confirms"\n', encoding="utf-8")
    monkeypatch.setattr("test_schema.SRC", module)
    assert _vocabulary_literals() == ["extra.py:3: 'confirms' (vocabulary stance)"]


def test_the_frame_row_must_hold_every_declared_column():
    from timeline.records import to_frame

    good = row("a")
    assert len(to_frame([good])) == 1
    with pytest.raises(ValueError, match=r"missing claimant_group_name"):
        to_frame([{k: v for k, v in good.items() if k != "claimant_group_name"}])
    with pytest.raises(ValueError, match=r"not declared: colour"):
        to_frame([dict(good, colour="red")])


# --------------------------------------------------------------------------- what the normalisers export agrees with it


def test_the_date_normaliser_spells_the_declared_precisions_in_order():
    from timeline.dates import PRECISIONS

    assert list(PRECISIONS) == list(schema.precision_order())


def test_the_count_normaliser_fills_the_declared_bounds():
    from timeline.numbers import QUALIFIERS, parse_count

    bounds = schema.qualifier_bounds()
    for name, _, fills in QUALIFIERS:
        assert tuple(fills) == bounds[name], name
    for expression in ("Tausende", "zwischen 1.000 und 2.000"):
        count = parse_count(expression)
        filled = tuple(b for b in ("low", "best", "high") if getattr(count, b) is not None)
        assert filled == bounds[count.qualifier], expression


def test_the_declaration_is_not_changed_by_reading_it():
    before = copy.deepcopy(schema.SCHEMA)
    schema.attributes("claim_type", "marker")
    validation.json_schema.cache_clear()
    validation.json_schema("records")
    assert schema.SCHEMA == before


# --------------------------------------------------------------------------- the normalisers read the declaration


@pytest.fixture
def fresh_normalisers():
    """The date and count normalisers cache what they read of the declaration and the language file: the test
    calls this to have them read it afresh, and they do again after it (monkeypatch undoes its changes)."""
    from timeline import dates, numbers

    caches = (dates._precision_unit, dates._read_cached, dates._language, dates._prefixes, numbers._qualifiers,
              numbers._tables, numbers._range_res, numbers.parse_count)

    def refresh():
        for cache in caches:
            cache.cache_clear()

    refresh()
    yield refresh
    refresh()


def test_a_precision_read_as_a_unit_needs_its_unit_and_form(monkeypatch, fresh_normalisers):
    import datetime as dt

    from timeline.dates import normalise_date

    anchor = dt.date(2024, 10, 23)
    assert normalise_date("vor drei Wochen", anchor).precision == "week"
    week = schema.VOCABULARIES["precision"]["week"]
    monkeypatch.delitem(week, "edtf")
    # the declaration's own check names it ...
    assert [(e.record_id, e.field, e.reason) for e in validation.schema_errors()] == [
        ("precision 'week'", "unit_days", "needs edtf beside it")]
    # ... and so does the engine, instead of writing an EDTF string of its own
    fresh_normalisers()
    with pytest.raises(schema.SchemaError, match=r"precision 'week' is a calendar unit and declares no edtf"):
        normalise_date("vor drei Wochen", anchor)
    monkeypatch.delitem(week, "unit_days")
    fresh_normalisers()
    with pytest.raises(schema.SchemaError, match=r"precision 'week' is read as a calendar unit and declares none"):
        normalise_date("vor drei Wochen", anchor)


def test_the_open_precision_and_the_directions_are_singled_out_by_attribute(monkeypatch):
    monkeypatch.setitem(schema.VOCABULARIES["precision"]["century"], "is_open", True)
    with pytest.raises(schema.SchemaError, match=r"exactly one value with is_open True, and has 2 \(century, vague\)"):
        schema.the_value("precision", "is_open")
    monkeypatch.setitem(schema.VOCABULARIES["direction"]["future"], "side", "before")
    with pytest.raises(schema.SchemaError, match=r"direction needs exactly one value with side 'after', and has 0"):
        schema.the_value("direction", "side", "after")


def test_a_rule_names_the_precision_its_reading_yields(tmp_path, monkeypatch):
    from timeline import dates, language

    de = language.load_language("de")
    dates.check_rules(de)  # the shipped file is whole
    weekday = de.rule("weekday")
    monkeypatch.setattr(de, "rules", [dataclasses.replace(weekday, precision=None)])
    with pytest.raises(language.LanguageError, match=r"rule 'weekday' names no precision"):
        dates.check_rules(de)
    (tmp_path / "xx.yaml").write_text(
        "language: xx\nrules:\n  - {name: heute, pattern: heute, reads: now, precision: moment}\n", encoding="utf-8")
    with pytest.raises(language.LanguageError, match=r"yields precision 'moment', which is not a value"):
        language.load_language("xx", str(tmp_path / "xx.yaml"))


def test_a_new_precision_with_its_attributes_is_read_without_a_change_of_code(tmp_path, monkeypatch,
                                                                                fresh_normalisers):
    """A fortnight declared in schema.yaml (its order, unit and EDTF form) and named by a language file's unit
    word: counted spans get its period and precision, and a range of it and a day takes the coarser one."""
    import datetime as dt

    from timeline import language
    from timeline.dates import normalise_date

    monkeypatch.setitem(schema.VOCABULARIES["precision"], "fortnight", {
        "description": "known to a fortnight", "order": 25, "unit_days": 14, "edtf": "{start}/{end}",
        "codebook_note": "Two weeks."})
    assert validation.schema_errors() == []
    fresh_normalisers()
    (tmp_path / "xx.yaml").write_text("""language: xx
classes:
  unit: {tag: day, fortnacht: fortnight}
numbers:
  atoms: {zwei: 2}
rules:
  - {name: ago, pattern: "vor {num} {unit}", reads: ago}
  - {name: iso-day, pattern: "{year}-{monthnum}-{day}", reads: calendar_day, precision: day}
  - {name: range, pattern: "{expr:a} bis {expr:b}", reads: span}
""", encoding="utf-8")
    monkeypatch.setattr(language, "LANG_DIR", tmp_path)
    try:
        anchor = dt.date(2024, 10, 23)  # a Wednesday; fortnights run from Monday 1 January of year 1
        iv = normalise_date("vor zwei fortnacht", anchor, lang="xx")
        assert (iv.start, iv.end, iv.precision, iv.edtf) == (
            dt.date(2024, 9, 16), dt.date(2024, 9, 29), "fortnight", "2024-09-16/2024-09-29")
        assert (dt.date(2024, 9, 16).toordinal() - 1) % 14 == 0  # 28 days back is 25 September, in this one
        both = normalise_date("2024-09-01 bis vor zwei fortnacht", anchor, lang="xx")
        assert (both.start, both.end, both.precision) == (dt.date(2024, 9, 1), dt.date(2024, 9, 29), "fortnight")
    finally:
        language.load_language.cache_clear()


def test_a_new_qualifier_with_its_bounds_is_read_without_a_change_of_code(monkeypatch, fresh_normalisers):
    """A qualifier declared with its form and bounds, given words in the language file: numbers.py fills the
    bounds the declaration names and leaves the others open."""
    from timeline.language import load_language
    from timeline.numbers import Count, parse_count

    monkeypatch.setitem(schema.VOCABULARIES["count_qualifier"], "not_more_than", {
        "description": "not more than (nicht mehr als): a ceiling, no best figure", "bounds": ["high"],
        "form": "qualified_figure"})
    assert validation.schema_errors() == []
    qualifiers = load_language("de").numbers["qualifiers"]
    monkeypatch.setitem(qualifiers, "up_to", [w for w in qualifiers["up_to"] if w != "nicht mehr als"])
    monkeypatch.setitem(qualifiers, "not_more_than", ["nicht mehr als"])
    fresh_normalisers()
    assert parse_count("nicht mehr als 5.000") == Count(None, None, 5000, "not_more_than")
    assert parse_count("bis zu 5.000") == Count(None, 5000, 5000, "up_to")  # the others as before


def test_the_count_normaliser_needs_each_form_and_known_qualifiers(monkeypatch, fresh_normalisers):
    from timeline.language import LanguageError, load_language
    from timeline.numbers import parse_count

    monkeypatch.setitem(load_language("de").numbers["qualifiers"], "roughly", ["grob gesagt"])
    fresh_normalisers()
    with pytest.raises(LanguageError, match=r"numbers.qualifiers names 'roughly', which is no qualifier of a figure"):
        parse_count("grob gesagt 300")
    monkeypatch.delitem(load_language("de").numbers["qualifiers"], "roughly")
    monkeypatch.setitem(schema.VOCABULARIES["count_qualifier"]["range"], "form", "magnitude")
    fresh_normalisers()
    with pytest.raises(schema.SchemaError, match=r"exactly one value with form 'two_figures', and has 0"):
        parse_count("zwischen 1.000 und 2.000")


def test_what_a_figure_counts_is_declared_once_and_referenced_by_name():
    """count.scope (issue 15) is one vocabulary, count_scope, whose every term has the phrase a label writes; the
    record field and the events frame's column name it, and neither restates its terms."""
    terms = schema.VOCABULARIES["count_scope"]
    assert terms and all(schema.attribute("count_scope", t, "phrase") for t in terms)
    assert schema.SCHEMA["count_expr"]["scope"]["vocabulary"] == "count_scope"
    assert "count_scope" in schema.SCHEMA["frame"]
    text = (SRC / "schema.yaml").read_text(encoding="utf-8")
    assert sum(line.startswith("  count_scope:") for line in text.splitlines()) == 2  # the vocabulary, the column
