"""The declared schema (schema.yaml), read once: vocabularies with their attributes, fields, frame columns.

Everything that needs a field list, a vocabulary, an attribute of a vocabulary
value or a dtype asks this module; nothing else restates them. Validation
compiles the same declaration into JSON Schema (:mod:`timeline.validation`).

A vocabulary value's attributes are read with :func:`attribute` (or, for all
values at once, :func:`attributes` and :func:`values_where`): an attribute the
vocabulary declares as required and a value lacks is an error that names both
(:class:`SchemaError`), never a silent default.

>>> "troop_count" in VOCABULARIES["claim_type"]
True
>>> FRAME_COLUMNS[:3]
['record_id', 'seed', 'article_outlet']
>>> attribute("count_unit", "brigades", "label")
'brigades (units, not people)'
>>> qualifier_bounds()["at_least"]
('low', 'best')
"""

from __future__ import annotations

import functools
from typing import Any

from .paths import SCHEMA_FILE, relative
from .reading import load_yaml

__all__ = [
    "SCHEMA", "VOCABULARIES", "VOCABULARY_ATTRIBUTES", "FILES", "RECORD_FIELDS", "SEED_FIELDS", "DATE_EXPR_FIELDS",
    "COUNT_EXPR_FIELDS", "FLAG_FIELDS", "ACTOR_FIELDS", "NOT_CLAIM_FIELDS", "FRAME_COLUMNS", "FRAME_DTYPES",
    "FLAGS_COLUMNS", "FLAGS_DTYPES", "SchemaError", "attribute", "attributes", "values_where", "the_value", "section",
    "precision_order", "qualifier_bounds", "correcting_flag_types", "value_correcting_flag_types", "corrected_fields",
    "data_dictionary_markdown",
]

#: Top-level keys of schema.yaml that are not a section of fields.
_NOT_SECTIONS = ("vocabularies", "files", "frame", "flags_table")


class SchemaError(KeyError):
    """schema.yaml does not declare what code asks of it (a value, an attribute, a section)."""

    def __str__(self) -> str:
        return str(self.args[0])


@functools.lru_cache(maxsize=1)
def _load() -> dict:
    return load_yaml(SCHEMA_FILE.read_text(encoding="utf-8"))


SCHEMA: dict = _load()
VOCABULARIES: dict[str, dict[str, dict]] = {name: spec["values"] for name, spec in SCHEMA["vocabularies"].items()}
VOCABULARY_ATTRIBUTES: dict[str, dict[str, dict]] = {name: spec["attributes"]
                                                     for name, spec in SCHEMA["vocabularies"].items()}
FILES: dict[str, dict] = SCHEMA["files"]
RECORD_FIELDS: dict[str, dict] = SCHEMA["record"]
SEED_FIELDS: dict[str, dict] = SCHEMA["seed_metadata"]
DATE_EXPR_FIELDS: dict[str, dict] = SCHEMA["date_expr"]
COUNT_EXPR_FIELDS: dict[str, dict] = SCHEMA["count_expr"]
FLAG_FIELDS: dict[str, dict] = SCHEMA["flag"]
ACTOR_FIELDS: dict[str, dict] = SCHEMA["actor"]
NOT_CLAIM_FIELDS: dict[str, dict] = SCHEMA["not_claim"]
FRAME_COLUMNS: list[str] = list(SCHEMA["frame"])
FRAME_DTYPES: dict[str, str] = {name: spec["dtype"] for name, spec in SCHEMA["frame"].items()}
FLAGS_COLUMNS: list[str] = list(SCHEMA["flags_table"])
FLAGS_DTYPES: dict[str, str] = {name: spec["dtype"] for name, spec in SCHEMA["flags_table"].items()}


def section(name: str) -> dict[str, dict]:
    """The fields of a section of schema.yaml (a record, a date, a flag, a file, ...)."""
    if name in _NOT_SECTIONS or not isinstance(SCHEMA.get(name), dict):
        raise SchemaError(f"{relative(SCHEMA_FILE)} declares no section {name!r}")
    return SCHEMA[name]


def _default(spec: dict) -> Any:
    return {"boolean": False, "list": []}.get(spec.get("type"))


def attribute(vocabulary: str, value: str, name: str) -> Any:
    """The attribute ``name`` of one value of a vocabulary; an optional one it does not set gives its default
    (false, an empty list, or None).

    >>> attribute("claim_type", "troop_count", "needs_count"), attribute("claim_type", "denial", "needs_count")
    (True, False)
    >>> attribute("stance", "nods", "marker")
    Traceback (most recent call last):
    ...
    timeline.schema.SchemaError: src/timeline/schema.yaml: 'nods' is not a value of vocabulary stance
    """
    declared = VOCABULARY_ATTRIBUTES.get(vocabulary)
    if declared is None:
        raise SchemaError(f"{relative(SCHEMA_FILE)}: no vocabulary {vocabulary!r}")
    if name not in declared:
        raise SchemaError(f"{relative(SCHEMA_FILE)}: vocabulary {vocabulary} declares no attribute {name!r}")
    values = VOCABULARIES[vocabulary]
    if value not in values:
        raise SchemaError(f"{relative(SCHEMA_FILE)}: {value!r} is not a value of vocabulary {vocabulary}")
    entry = values[value]
    if name in entry:
        return entry[name]
    if declared[name].get("required"):
        raise SchemaError(f"{relative(SCHEMA_FILE)}:{getattr(entry, 'line', '?')}: {vocabulary} {value!r} lacks its "
                          f"required attribute {name!r} ({declared[name]['description']})")
    return _default(declared[name])


def attributes(vocabulary: str, name: str) -> dict[str, Any]:
    """The attribute ``name`` of every value of a vocabulary, in the declaration's order.

    >>> attributes("count_unit", "label")["killed_or_wounded"]
    'killed or wounded (not separated)'
    """
    return {value: attribute(vocabulary, value, name) for value in VOCABULARIES[vocabulary]}


def values_where(vocabulary: str, name: str, equals: Any = True) -> list[str]:
    """The values of a vocabulary whose attribute ``name`` equals ``equals``, in the declaration's order.

    >>> values_where("claim_type", "needs_count")
    ['troop_count', 'casualty_count']
    """
    return [value for value, got in attributes(vocabulary, name).items() if got == equals]


def the_value(vocabulary: str, name: str, equals: Any = True) -> str:
    """The one value of a vocabulary whose attribute ``name`` equals ``equals``: how code singles out a value
    by what it is, never by its spelling. None or several such values is an error that names them.

    >>> the_value("precision", "is_open"), the_value("count_qualifier", "form", "two_figures")
    ('vague', 'range')
    """
    found = values_where(vocabulary, name, equals)
    if len(found) != 1:
        raise SchemaError(f"{relative(SCHEMA_FILE)}: vocabulary {vocabulary} needs exactly one value with {name} "
                          f"{equals!r}, and has {len(found)}" + (f" ({', '.join(found)})" if found else ""))
    return found[0]


def precision_order() -> dict[str, int]:
    """Each precision's rank, finest first (vocabulary precision, attribute order).

    >>> list(precision_order())[:3]
    ['day', 'week', 'month']
    """
    return dict(sorted(attributes("precision", "order").items(), key=lambda kv: kv[1]))


def qualifier_bounds() -> dict[str, tuple[str, ...]]:
    """Which of low, best and high the figure of each count qualifier fills (vocabulary count_qualifier)."""
    return {q: tuple(bounds) for q, bounds in attributes("count_qualifier", "bounds").items()}


def correcting_flag_types(field: str | None = None) -> list[str]:
    """The flag types that correct a value (of ``field``, or of any field): attribute ``corrects``.

    >>> correcting_flag_types("count"), correcting_flag_types("event")
    (['corrected_count'], ['corrected_date'])
    """
    return [t for t, fields in attributes("flag_type", "corrects").items()
            if fields and (field is None or field in fields)]


def corrected_fields() -> list[str]:
    """The record fields whose value is read from an expression that a correction may replace (``corrected``)."""
    return [name for name, spec in RECORD_FIELDS.items()
            if isinstance(SCHEMA.get(spec["type"]), dict) and "corrected" in SCHEMA[spec["type"]]]


def value_correcting_flag_types() -> list[str]:
    """The flag types that correct a normalised value (a count or a date read from the quote): what makes a
    record ``is_corrected``. A flag that corrects the attribution only is a correction, not of a value read.

    >>> value_correcting_flag_types()
    ['corrected_count', 'corrected_date']
    """
    normalised = set(corrected_fields())
    return [t for t, fields in attributes("flag_type", "corrects").items() if normalised & set(fields)]


# --------------------------------------------------------------------------- the data dictionary


def _table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    def esc(s: str) -> str:
        return str(s).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def _type_name(spec: dict) -> str:
    items = spec.get("items")
    if spec["type"] == "list" and items:
        return f"list of {items if isinstance(items, str) else items['type']}"
    return spec["type"]


def _cell(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else ""
    if isinstance(value, list):
        return ", ".join(map(str, value))
    if isinstance(value, dict):
        return ", ".join(f"{k} {v}" for k, v in value.items())
    return "" if value is None else str(value)


#: The sections the README documents, with their headings, in order.
_DOCUMENTED = (
    ("A record (`data/records/*.yaml`)", "record"),
    ("A date (`stated:`, `event:`)", "date_expr"),
    ("A count (`count:`)", "count_expr"),
    ("A flag (`flags:`)", "flag"),
    ("Seed metadata (`seeds/*.meta.yaml`)", "seed_metadata"),
    ("An actor (`data/actors.yaml`, under `actors:`; `case:` holds title and subject)", "actor"),
    ("A not-a-claim entry (`data/not_claims.yaml`, under `not_claims:`)", "not_claim"),
    ("A marker (how the statements chart draws a stance or a claim type)", "marker"),
)


def data_dictionary_markdown() -> str:
    """The README's data dictionary, generated from schema.yaml (the test checks the README holds it).

    >>> "| record_id | string |" in data_dictionary_markdown()
    True
    """
    parts = ["### The events frame (`timeline.load_events()`, `data/processed/events.csv`)", ""]
    parts.append(_table([(k, v["dtype"], v["description"]) for k, v in SCHEMA["frame"].items()],
                        ("column", "dtype", "description")))
    parts += ["", "### The flags table (`timeline.load_tables().flags`, `LoadResult.flags`)", ""]
    parts.append(_table([(k, v["dtype"], v["description"]) for k, v in SCHEMA["flags_table"].items()],
                        ("column", "dtype", "description")))
    for title, key in _DOCUMENTED:
        parts += ["", f"### {title}", ""]
        parts.append(_table([(k, _type_name(v), "yes" if v.get("required") else "no",
                              v.get("vocabulary", ""), v["description"]) for k, v in SCHEMA[key].items()],
                            ("field", "type", "required", "vocabulary", "description")))
    parts += ["", "### Vocabularies", "",
              "Each value with its description and its attributes (what code reads from the declaration)."]
    for name, values in VOCABULARIES.items():
        declared = VOCABULARY_ATTRIBUTES[name]
        parts += ["", f"**{name}**", ""]
        parts += [f"- `{a}`{' (required)' if s.get('required') else ''}: {s['description']}"
                  for a, s in declared.items()]
        parts += [""] if declared else []
        parts.append(_table([(f"`{v}`", entry["description"], *(_cell(attribute(name, v, a)) for a in declared))
                             for v, entry in values.items()], ("value", "description", *declared)))
    return "\n".join(parts).rstrip() + "\n"
