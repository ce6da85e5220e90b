"""The one declaration: schema.yaml is whole, code reads it, and nothing in src/ restates a vocabulary.

- every vocabulary value carries the attributes its vocabulary requires (code reads them), and a value that lacks
  one is an error naming the file, the line, the value and the attribute; code that asks for it fails loudly;
- adding a value is one edit of schema.yaml: the charts draw a new stance with no other change;
- the JSON Schemas compiled from it are valid (draft 2020-12);
- no string literal in src/ spells a vocabulary value, outside the normalisers of dates and counts (whose
  spellings are tied to the declaration by the last tests here until they read it themselves).
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
#: The normalisers of dates and counts produce precision and qualifier values by rule (issue 11 rewrites them and
#: makes numbers.py read the qualifier bounds): their spellings are checked against the declaration below.
NORMALISERS = {"dates.py", "numbers.py", "bulk.py"}
#: String literals that are the same word as a vocabulary value but name something else.
NOT_VALUES = {
    ("paths.py", "reports"): "the reports/ folder",
    ("steps.py", "reports"): "the reports/ folder",
    ("summaries.py", "month"): "a column of summaries.figure_sources (the month a figure speaks of)",
    ("coverage.py", "month"): "a word class of the language file (its month names)",
    ("language.py", "day"): "a built-in slot of a language file's patterns (a day of the month)",
    ("language.py", "year"): "a built-in slot of a language file's patterns (a four-digit year)",
    ("devset.py", "week"): "a class of the annotated development set",
    ("devset.py", "range"): "a class of the annotated development set",
    ("timelinejs.py", "year"): "a key of a TimelineJS date object",
    ("timelinejs.py", "month"): "a key of a TimelineJS date object",
    ("timelinejs.py", "day"): "a key of a TimelineJS date object",
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
        if path.name in NORMALISERS:
            continue
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


# --------------------------------------------------------------------------- until issue 11 reads the declaration


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
