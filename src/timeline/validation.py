"""Validation from the declaration: schema.yaml compiled into JSON Schema, its errors as located messages.

:func:`json_schema` compiles the root section of a dataset file (``files:`` in
schema.yaml: records, seed metadata, actors, not-a-claim list) into a JSON
Schema (draft 2020-12). What the declaration says becomes a keyword: a field's
type, that it is required, its vocabulary (``enum``), a pattern, a field that
``requires`` another; and rules drawn from vocabulary attributes: a claim type
that ``needs_count`` requires ``count``; a ``corrected`` expression requires a
flag whose type ``corrects`` that field. The validator runs with
``iter_errors``, so every problem of a file is found in one pass.

:func:`file_errors` turns each JSON Schema error into a
:class:`~timeline.errors.ValidationError` naming the file, the line (the
error's path through :func:`timeline.reading.line_at`), the entry (a record's
id, an actor's id, ``not_claims[3]``), the field (``stated.expr``,
``flags[0].note``), the value, the reason and a hint. The wording of each
reason lives here, in one place; what a schema cannot say (a quote at its
offset, names resolving, dates and counts reading, plausibility, duplicate ids)
is checked by hand where the data is read.

Extension keywords carry what plain JSON Schema has no word for: ``x-date`` (a
YAML date, not a string) is checked; the others (``x-reason``, ``x-rule``,
``x-vocabulary``, ...) only say how an error is worded, and validators ignore them.

Example:
    >>> from timeline.reading import load_yaml
    >>> doc = load_yaml("seed: s.txt\\nrecords:\\n  - id: r1\\n    stance: nods\\n")
    >>> errors = file_errors(doc, "records", "x.yaml")
    >>> print(errors[0])
    x.yaml:3: record r1: field claim_type: required field missing (hint: What kind of claim.)
    >>> print(next(e for e in errors if e.field == "stance"))
    x.yaml:4: record r1: field stance: value 'nods': not in vocabulary stance (hint: one of: confirms, denies, assesses, forecasts, reports)
"""

from __future__ import annotations

import datetime as dt
import difflib
import functools
import sys
from dataclasses import dataclass
from typing import Any, Callable, Iterator

from . import schema
from .errors import ValidationError, short_repr
from .paths import SCHEMA_FILE, relative
from .reading import line_at

__all__ = ["TODO", "Located", "file_errors", "located_errors", "json_schema", "schema_errors"]

#: The marker ``timeline add-article`` writes into every metadata field a person must fill in.
TODO = "TODO"
#: An ISO day as a string ('2024-10-18'); whether it is a calendar day is checked where it is read.
ISO_DAY = r"^\d{4}-\d\d-\d\d$"
_NOT_EMPTY = r"\S"


@dataclass(frozen=True)
class Located:
    """An error with the path (keys and indices) of what it speaks of, from the file's root."""

    path: tuple
    error: ValidationError


def _id_of(entry: Any) -> str | None:
    """An entry's id where it has a readable one (a text that is not empty)."""
    rid = entry.get("id") if isinstance(entry, dict) else None
    return rid if isinstance(rid, str) and rid else None


#: How error messages name the entries of each file (``files:`` in schema.yaml), and what an entry that is not a
#: mapping is called.
_ENTRY_LABEL: dict[str, Callable[[Any, int], str]] = {
    "records": lambda entry, i: _id_of(entry) or f"#{i + 1}",
    "actors": lambda entry, i: _id_of(entry) or f"actors[{i}]",
    "not_claims": lambda entry, i: f"not_claims[{i}]",
}
_ENTRY_NOT_A_MAPPING = {
    "records": ("record #{n} is not a mapping", "each record starts with '- id:'"),
    "actors": ("an actor must be a mapping {{{fields}}}", None),
    "not_claims": ("an entry must be a mapping {{{fields}}}", None),
}
_FILE_SHAPE = {
    "records": "a records file is a mapping with 'seed' and a list 'records'",
    "seed_metadata": "metadata must be a mapping",
    "actors": "an actors file is a mapping with a list 'actors' (and 'case')",
    "not_claims": "the file is a mapping with a list 'not_claims'",
}


# --------------------------------------------------------------------------- the validator


def _import_jsonschema():
    """jsonschema, imported without its optional IRI format checker.

    jsonschema registers an "iri" format checker when ``rfc3987_syntax`` is installed (nbformat pulls it in),
    and importing that builds a grammar: about 1.5 s, in every process that validates. The schemas here use no
    format, so the import is skipped while jsonschema loads (later imports of it work as usual).
    """
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        import jsonschema
        return jsonschema
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # an import of it raises ImportError
    try:
        import jsonschema
    finally:
        del sys.modules["rfc3987_syntax"]
    return jsonschema


@functools.lru_cache(maxsize=1)
def _validator_class():
    """Draft 2020-12 with two changes: an integer is an int (not 3.0), and ``x-date`` asks for a YAML date."""
    jsonschema = _import_jsonschema()
    base = jsonschema.Draft202012Validator
    checker = base.TYPE_CHECKER.redefine(
        "integer", lambda _, value: isinstance(value, int) and not isinstance(value, bool))

    def x_date(validator, wanted, instance, subschema):
        if wanted and not (isinstance(instance, dt.date) and not isinstance(instance, dt.datetime)):
            if instance is None and wanted == "optional":
                return
            yield jsonschema.ValidationError(f"{short_repr(instance)} is not a date")

    return jsonschema.validators.extend(base, validators={"x-date": x_date}, type_checker=checker)


@functools.lru_cache(maxsize=None)
def _validator(kind: str):
    return _validator_class()(json_schema(kind))


# --------------------------------------------------------------------------- compiling the declaration


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _noun(section: str) -> str:
    return section.replace("_", " ")


def _field_schema(spec: dict, *, name: str, owner: str, required: bool) -> dict:
    """The JSON Schema of one field (``name`` of section ``owner``)."""
    kind = spec["type"]
    nullable = not required
    out: dict = {"description": spec["description"], "x-required": required}
    if kind == "string":
        out["type"] = ["string", "null"] if nullable else "string"
        checks = [{"pattern": _NOT_EMPTY, "x-reason": "must not be empty"}]
        if "pattern" in spec:  # said of a text that is not empty (an empty one has its message)
            checks.append({"if": {"pattern": _NOT_EMPTY},
                           "then": {"pattern": spec["pattern"], "x-reason": spec["pattern_reason"]}})
        closed = None  # a closed set of words, checked only of a text (anything else has its type error)
        if "vocabulary" in spec:
            closed = {"enum": list(schema.VOCABULARIES[spec["vocabulary"]]), "x-vocabulary": spec["vocabulary"]}
        elif "field_of" in spec:
            closed = {"enum": list(schema.section(spec["field_of"])), "x-field-of": spec["field_of"]}
        elif "enum" in spec:
            closed = {"enum": list(spec["enum"])}
        if closed:
            checks.append({"if": {"type": "string"}, "then": closed})
        out["allOf"] = checks
        out["x-type-reason"] = "must be a string"
    elif kind in ("integer", "boolean"):
        out["type"] = [kind, "null"] if nullable else kind
        out["x-type-reason"] = f"must be {_article(kind)} {kind}"
    elif kind == "date":
        out["x-date"] = "optional" if nullable else True
        out["x-type-reason"] = "must be a date"
        out["x-type-hint"] = "write a day as YYYY-MM-DD, unquoted"
    elif kind == "anchor":
        allowed = [a for a, fields in schema.attributes("anchor", "fields").items() if owner in fields]
        out["anyOf"] = ([{"type": "null"}] if nullable else []) + [
            {"enum": allowed}, {"x-date": True}, {"type": "string", "pattern": ISO_DAY}]
        out["x-anchor"] = allowed
    elif kind == "list":
        items = spec.get("items", "string")
        item_spec = {"type": items, "description": spec["description"]} if isinstance(items, str) else \
            dict(items, description=spec["description"])
        out["type"] = ["array", "null"] if nullable else "array"
        out["items"] = _field_schema(item_spec, name=name, owner=owner, required=True)
        out["items"]["x-required"] = False  # an empty item is a wrong value, not a missing field
        if isinstance(items, str) and isinstance(schema.SCHEMA.get(items), dict):
            fields = ", ".join(schema.section(items))
            out["x-type-reason"] = f"must be a list of {_noun(items)}s {{{fields}}}"
            out["items"]["x-type-reason"] = f"{_article(items)} {_noun(items)} must be a mapping {{{fields}}}"
        else:
            out["x-type-reason"] = "must be a list"
    else:  # a section: a mapping with its own fields
        out.update(_section_schema(kind, owner=name))
        if nullable:
            out["type"] = ["object", "null"]
        out["x-type-reason"] = f"must be {_article(kind)} {_noun(kind)} (a mapping)"
    return out


def _section_schema(name: str, *, owner: str | None = None) -> dict:
    """A mapping with the fields of section ``name``; ``owner`` is the field it stands in (anchors differ)."""
    fields = schema.section(name)
    out: dict = {
        "type": "object",
        "properties": {k: _field_schema(spec, name=k, owner=owner or name, required=bool(spec.get("required")))
                       for k, spec in fields.items()},
        "required": [k for k, spec in fields.items() if spec.get("required")],
        "additionalProperties": False,
    }
    rules = [_requires_rule(k, spec) for k, spec in fields.items() if spec.get("requires")]
    if name == "record":
        rules += _record_rules()
    if rules:
        out["allOf"] = rules
    return out


def _has_value(field: str) -> dict:
    return {"required": [field], "properties": {field: {"not": {"type": "null"}}}}


def _rule(reason: str, *, at: list, depth: int, hint: str | None = None) -> dict:
    return {"reason": reason, "hint": hint, "at": at, "depth": depth}


def _requires_rule(field: str, spec: dict) -> dict:
    """A field that ``requires`` others: when it holds a value, so must they."""
    reason = spec.get("requires_reason") or f"needs {' and '.join(spec['requires'])} beside it"
    need = spec["requires"]
    return {"if": _has_value(field), "then": {
        "required": need, "x-rule": _rule(reason, at=[field], depth=0),
        "properties": {r: {"not": {"type": "null"}, "x-rule": _rule(reason, at=[field], depth=1)} for r in need}}}


def _record_rules() -> list[dict]:
    """Rules of a record drawn from vocabulary attributes: needs_count (claim_type) and corrects (flag_type)."""
    rules = []
    needing = schema.values_where("claim_type", "needs_count")
    if needing:
        reason = "a {claim_type} record needs a count"
        rules.append({"if": {"required": ["claim_type"], "properties": {"claim_type": {"enum": needing}}},
                      "then": {"required": ["count"], "x-rule": _rule(reason, at=["count"], depth=0),
                               "properties": {"count": {"type": "object",
                                                        "x-rule": _rule(reason, at=["count"], depth=1)}}}})
    for field in schema.corrected_fields():
        types = schema.correcting_flag_types(field)
        if not types:  # schema_errors() reports it: nothing could ever satisfy the rule
            continue
        reason = f"a corrected value needs a {' or '.join(types)} flag saying why"
        hint = "add flags: [{type: " + types[0] + ", field: " + field + ", note: ..., evidence: ...}]"
        at = [field, "corrected"]
        rules.append({
            "if": {"required": [field], "properties": {field: {"type": "object", **_has_value("corrected")}}},
            "then": {"required": ["flags"], "x-rule": _rule(reason, at=at, depth=0, hint=hint),
                     "properties": {"flags": {
                         "contains": {"type": "object", "required": ["type"],
                                      "properties": {"type": {"enum": types}}},
                         "x-rule": _rule(reason, at=at, depth=1, hint=hint)}}}})
    return rules


def _todo_guard(field_schema: dict, description: str) -> dict:
    """Wrap a seed metadata field: a value still marked TODO is 'not filled in', not a wrong type."""
    todo = {"type": "string", "pattern": rf"^\s*(?i:{TODO})"}
    return {"description": description, "if": {"anyOf": [todo, {"type": "array", "contains": todo}]},
            "then": {"not": {}, "x-reason": "not filled in yet (still marked TODO)", "x-hint": description},
            "else": field_schema}


@functools.lru_cache(maxsize=None)
def json_schema(kind: str) -> dict:
    """The JSON Schema of a dataset file (``records``, ``seed_metadata``, ``actors``, ``not_claims``).

    >>> s = json_schema("records")
    >>> stance = s["properties"]["records"]["items"]["properties"]["stance"]
    >>> stance["type"], stance["allOf"][-1]["then"]["enum"][:2]
    ('string', ['confirms', 'denies'])
    """
    spec = schema.FILES[kind]
    root = _section_schema(spec["section"])
    if kind == "seed_metadata":
        root["properties"] = {k: _todo_guard(s, s["description"]) for k, s in root["properties"].items()}
    root["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    root["x-type-reason"] = _FILE_SHAPE[kind]
    entries = spec.get("entries")
    if entries:
        items = root["properties"][entries]
        items["x-type-reason"] = _FILE_SHAPE[kind]
        reason, hint = _ENTRY_NOT_A_MAPPING[kind]
        fields = ", ".join(schema.section(schema.SCHEMA[spec["section"]][entries]["items"]))
        items["items"]["x-type-reason"] = reason.replace("{{{fields}}}", "{" + fields + "}")
        items["items"]["x-type-hint"] = hint
    return root


# --------------------------------------------------------------------------- errors as messages


def _closest(value: Any, choices: list, cutoff: float) -> str | None:
    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1, cutoff=cutoff)
    return close[0] if close else None


def _lookup(doc: Any, path: tuple) -> Any:
    node = doc
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return None
    return node


def _messages(err, doc) -> Iterator[tuple[tuple, Any, str, str | None]]:
    """(path, value, reason, hint) for one JSON Schema error; some errors speak of several fields."""
    path = tuple(err.absolute_path)
    sub = err.schema if isinstance(err.schema, dict) else {}
    rule = sub.get("x-rule")
    if rule:
        base = path[:len(path) - rule["depth"]]
        at = base + tuple(rule["at"])
        values = _lookup(doc, base)
        reason = rule["reason"].format_map(_Fill(values if isinstance(values, dict) else {}))
        yield at, _lookup(doc, at), reason, rule["hint"]
        return
    instance = err.instance
    if err.validator == "additionalProperties":
        known = list(sub.get("properties", {}))
        for key in instance:
            if key not in known:
                close = _closest(key, known, 0.6)
                yield (path + (key,), instance[key], "unknown field",
                       f"did you mean {close!r}?" if close else f"known fields: {', '.join(known)}")
        return
    if err.validator == "required":  # one error per missing field; the caller drops the repeats
        for key in (k for k in err.validator_value if k not in instance):
            yield (path + (key,), None, "required field missing",
                   sub.get("properties", {}).get(key, {}).get("description"))
        return
    if err.validator in ("type", "x-date", "anyOf") and instance is None and sub.get("x-required"):
        yield path, None, "required field missing", sub.get("description")
        return
    if err.validator in ("type", "x-date"):
        hint = sub.get("x-type-hint")
        if sub.get("type") in ("string", ["string", "null"]) and isinstance(instance, (int, float)) \
                and not isinstance(instance, bool):
            hint = "quote it: YAML reads 10.000 as the number 10.0"
        reason = sub.get("x-type-reason") or f"must be of type {err.validator_value}"
        n = path[-1] + 1 if path and isinstance(path[-1], int) else 0
        yield path, instance, reason.replace("{n}", str(n)), hint
        return
    if err.validator == "enum":
        if "x-vocabulary" in sub:
            name = sub["x-vocabulary"]
            terms = list(schema.VOCABULARIES[name])
            close = _closest(instance, terms, 0.5)
            yield (path, instance, f"not in vocabulary {name}",
                   f"did you mean {close!r}?" if close else f"one of: {', '.join(terms)}")
        elif "x-field-of" in sub:
            fields = list(schema.section(sub["x-field-of"]))
            close = _closest(instance, fields, 0.5)
            yield (path, instance, f"not a field of a {_noun(sub['x-field-of'])}",
                   f"did you mean {close!r}?" if close else f"one of: {', '.join(fields)}")
        else:
            yield path, instance, "not one of: " + ", ".join(map(str, err.validator_value)), None
        return
    if "x-anchor" in sub:
        terms = [repr(a) + (" (the default)" if schema.attribute("anchor", a, "is_default") else "")
                 for a in sub["x-anchor"]] + ["an ISO date (YYYY-MM-DD)"]
        hint = ", ".join(terms[:-1]) + ", or " + terms[-1] if len(terms) > 1 else terms[0]
        yield path, instance, "not an anchor" if isinstance(instance, str) else "must be an anchor", hint
        return
    if "x-reason" in sub:
        yield path, instance, sub["x-reason"], sub.get("x-hint")
        return
    yield path, instance, err.message, None


class _Fill(dict):
    """Fills a reason's {placeholders} from a mapping, leaving unknown ones as they are."""

    def __missing__(self, key):
        return "{" + key + "}"


def located_errors(doc: Any, kind: str, where: str) -> list[Located]:
    """Every error of a document of one kind of dataset file, located, in the order of the file."""
    entries = schema.FILES[kind].get("entries")
    label_of = _ENTRY_LABEL.get(kind)
    out: list[Located] = []
    seen: set = set()
    for err in _validator(kind).iter_errors(doc):
        for path, value, reason, hint in _messages(err, doc):
            label, parts = None, path
            if entries and path[:1] == (entries,) and len(path) >= 2 and isinstance(path[1], int):
                label, parts = label_of(doc[entries][path[1]], path[1]), path[2:]
            field = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p))
                            for i, p in enumerate(parts)) or None
            error = ValidationError(where, line_at(doc, path), label, field, value, reason, hint)
            if (path, reason) not in seen:
                seen.add((path, reason))
                out.append(Located(path, error))
    out.sort(key=lambda e: (e.error.line or 0, e.error.field or ""))
    return out


def file_errors(doc: Any, kind: str, where: str) -> list[ValidationError]:
    """:func:`located_errors` without the paths."""
    return [e.error for e in located_errors(doc, kind, where)]


# --------------------------------------------------------------------------- the declaration itself


def _vocabulary_value_schema(vocabulary: str) -> dict:
    attributes = dict(schema.VOCABULARY_ATTRIBUTES[vocabulary])
    fields = {"description": {"type": "string", "required": True, "description": "What the value means."},
              **attributes}
    out = {"type": "object",
           "properties": {k: _field_schema(s, name=k, owner=vocabulary, required=bool(s.get("required")))
                          for k, s in fields.items()},
           "required": [k for k, s in fields.items() if s.get("required")],
           "additionalProperties": False,
           "x-type-reason": "a vocabulary value is a mapping {description, and its attributes}"}
    rules = [_requires_rule(k, s) for k, s in attributes.items() if s.get("requires")]
    if rules:  # an attribute that needs another beside it (a precision's unit needs its EDTF form)
        out["allOf"] = rules
    return out


def schema_errors() -> list[ValidationError]:
    """What is wrong with schema.yaml itself: a vocabulary value without an attribute its vocabulary requires
    (code reads it), an attribute of the wrong type, a corrected expression that no flag type corrects, a chart
    or a colour that is not there. Empty when the declaration is whole.

    >>> schema_errors()
    []
    """
    where = relative(SCHEMA_FILE)
    out: list[ValidationError] = []
    vocabularies = schema.SCHEMA["vocabularies"]
    for name in vocabularies:
        validator = _validator_class()({"type": "object", "additionalProperties": _vocabulary_value_schema(name)})
        values = vocabularies[name]["values"]
        for err in validator.iter_errors(values):
            for path, value, reason, hint in _messages(err, values):
                field = ".".join(str(p) for p in path[1:]) or None
                out.append(ValidationError(where, line_at(values, path), f"{name} {path[0]!r}" if path else name,
                                           field, value, reason, hint))
    for field in schema.corrected_fields():
        if not schema.correcting_flag_types(field):
            out.append(ValidationError(where, line_at(schema.SCHEMA, ("vocabularies", "flag_type")), "flag_type",
                                       "corrects", None, f"no flag type corrects the record field {field!r}, whose "
                                       "expression may be corrected", f"add {field} to a flag type's corrects"))
    return out
