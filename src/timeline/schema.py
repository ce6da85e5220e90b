"""The declared schema (schema.yaml), loaded once: vocabularies, record fields, frame columns.

Everything that needs a field list, a vocabulary or a dtype asks this module;
nothing else restates them.

>>> "troop_count" in VOCABULARIES["claim_type"]
True
>>> FRAME_COLUMNS[:3]
['record_id', 'seed', 'article_outlet']
"""

from __future__ import annotations

import functools

import yaml

from .paths import SCHEMA_FILE

__all__ = [
    "SCHEMA", "VOCABULARIES", "RECORD_FIELDS", "SEED_FIELDS", "FRAME_COLUMNS", "FRAME_DTYPES",
    "data_dictionary_markdown",
]


@functools.lru_cache(maxsize=1)
def _load() -> dict:
    with open(SCHEMA_FILE, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


SCHEMA: dict = _load()
VOCABULARIES: dict[str, dict[str, str]] = SCHEMA["vocabularies"]
RECORD_FIELDS: dict[str, dict] = SCHEMA["record"]
SEED_FIELDS: dict[str, dict] = SCHEMA["seed_metadata"]
DATE_EXPR_FIELDS: dict[str, dict] = SCHEMA["date_expr"]
COUNT_EXPR_FIELDS: dict[str, dict] = SCHEMA["count_expr"]
FLAG_FIELDS: dict[str, dict] = SCHEMA["flag"]
FRAME_COLUMNS: list[str] = list(SCHEMA["frame"])
FRAME_DTYPES: dict[str, str] = {name: spec["dtype"] for name, spec in SCHEMA["frame"].items()}


def _table(rows: list[tuple[str, ...]], header: tuple[str, ...]) -> str:
    def esc(s: str) -> str:
        return str(s).replace("|", "\\|").replace("\n", " ")

    out = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(esc(c) for c in row) + " |" for row in rows]
    return "\n".join(out)


def data_dictionary_markdown() -> str:
    """The README's data dictionary, generated from schema.yaml (the test checks the README holds it).

    >>> "| record_id | string |" in data_dictionary_markdown()
    True
    """
    parts = ["### The events frame (`timeline.load_events()`, `data/processed/events.csv`)", ""]
    parts.append(_table([(k, v["dtype"], v["description"]) for k, v in SCHEMA["frame"].items()],
                        ("column", "dtype", "description")))
    for title, key in (("A record (`data/records/*.yaml`)", "record"),
                       ("A date (`stated:`, `event:`)", "date_expr"),
                       ("A count (`count:`)", "count_expr"),
                       ("A flag (`flags:`)", "flag"),
                       ("Seed metadata (`seeds/*.meta.yaml`)", "seed_metadata")):
        parts += ["", f"### {title}", ""]
        parts.append(_table([(k, v["type"], "yes" if v.get("required") else "no",
                              v.get("vocabulary", ""), v["description"]) for k, v in SCHEMA[key].items()],
                            ("field", "type", "required", "vocabulary", "description")))
    parts += ["", "### Vocabularies", ""]
    for name, terms in VOCABULARIES.items():
        parts += [f"**{name}**: " + "; ".join(f"`{k}` {v}" for k, v in terms.items()), ""]
    return "\n".join(parts).rstrip() + "\n"
