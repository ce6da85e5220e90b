"""Publish the dataset as a Frictionless Data Package: ``datapackage.json`` plus one CSV per table.

``python -m timeline package [--out DIR]`` (part of ``make all``) writes, into one folder
(default ``reports/package/``):

- ``events.csv``: the events frame, exactly as ``data/processed/events.csv`` (one row per record;
  dates keep their interval, precision, EDTF string, method and cue; counts keep low, best, high,
  the qualifier and the verbatim expression);
- ``flags.csv``: one row per flag (record, position, type, field, note, evidence);
- ``actors.csv``: the canonical claimants and outlets of ``data/actors.yaml``;
- ``articles.csv``: each article's metadata with the evidence for its outlet and date;
- ``not_claims.csv``: the sentences that carry a date or a count but are not claims, with the reason;
- ``precision.csv``: the codebook of precision levels, mapped to UCDP GED ``date_prec`` and ACLED
  ``time_precision``;
- ``datapackage.json``: a Table Schema per CSV, generated from ``src/timeline/schema.yaml``
  (descriptions, types, enum constraints from the vocabularies, primary and foreign keys), the
  licence of the curation, the terms of the sources, and the provenance (the data's SHA-256, the
  software's version, the date of the data: the latest publication date, never the wall clock);
- ``CITATION.cff``: how to cite the dataset and the software (a copy of the repository's).

The bytes depend on the data only: two runs give identical folders. The folder is written whole or
not at all: everything goes to a temporary folder beside it, which then replaces the old one.

Example:
    >>> pkg = build_package()
    >>> [r["name"] for r in pkg.descriptor["resources"]]
    ['events', 'flags', 'actors', 'articles', 'not_claims', 'precision']
    >>> pkg.descriptor["resources"][0]["schema"]["primaryKey"]
    ['record_id']
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import paths
from .schema import FRAME_DTYPES, SCHEMA, VOCABULARIES

__all__ = ["PACKAGE_DIR", "precision_codes", "Package", "build_package", "write_package", "read_events",
           "flag_rows"]

#: Where ``python -m timeline package`` writes by default (beside the charts).
PACKAGE_DIR = paths.REPORTS_DIR / "package"
CITATION_FILE = paths.PROJECT_ROOT / "CITATION.cff"

#: The licence of the curation (records, normalisation, actors, codebook). The quotes are not covered.
CURATION_LICENSE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0 International (the curation: records, normalised dates and "
             "counts, actors, flags, codebook)",
}
SOURCES_TERMS = (
    "The quotes are short verbatim excerpts of third-party news articles (listed under 'sources' and in "
    "articles.csv), reproduced to document who claimed what; their copyright stays with the publishers and "
    "the licence of this package does not extend to them. The full texts are not part of the package."
)

def precision_codes() -> dict[str, tuple[int | None, int | None, str]]:
    """Each precision level as UCDP GED (date_prec) and ACLED (time_precision) users know it, with the
    codebook's note: attributes of the vocabulary precision in schema.yaml."""
    from . import schema

    return {p: (schema.attribute("precision", p, "ucdp_date_prec"),
                schema.attribute("precision", p, "acled_time_precision"),
                schema.attribute("precision", p, "codebook_note")) for p in VOCABULARIES["precision"]}


# Columns of the events frame whose values come from a vocabulary (schema.yaml's frame declares dtypes only).
_EVENT_VOCABULARIES = {
    "published_precision": "precision", "claim_type": "claim_type", "stance": "stance",
    "claimant_kind": "actor_kind", "stated_precision": "precision", "event_precision": "precision",
    "count_unit": "count_unit", "count_measure": "count_measure", "count_scope": "count_scope",
}
_EVENT_ACTOR_KEYS = ("claimant", "claimant_group", "outlet", "subject")
_TYPES = {"string": "string", "Int64": "integer", "boolean": "boolean", "date": "date", "integer": "integer",
          "list": "string"}

# actors.yaml is described by its header comment, not by schema.yaml: its columns are declared here.
_ACTOR_FIELDS = {
    "id": ("string", "Canonical actor id (what events.claimant, events.outlet and events.subject hold)."),
    "name": ("string", "Display name."),
    "kind": ("string", "Kind of actor (vocabulary actor_kind)."),
    "country": ("string", "ISO 3166 alpha-2 code of the actor's country, or an organisation code "
                          "(NATO, UN, EU, INTL)."),
    "role": ("string", "A person's role."),
    "member_of": ("string", "The institution a person speaks for (an actor id)."),
    "aliases": ("string", "The names the articles use for the actor, '; '-separated."),
}
_FLAG_EXTRA = {"record_id": ("string", "The record the flag belongs to (events.record_id)."),
               "position": ("integer", "The flag's place in the record's list of flags (1, 2, ...).")}
_NOT_CLAIM_FIELDS = {
    "seed": ("string", "The article (articles.seed)."),
    "quote": ("string", "A verbatim part of the sentence, exactly as in the article."),
    "reason": ("string", "Why the sentence is not a claim."),
}
_LIST_SEP = "; "
#: Frame columns that hold an empty text, not a missing value, where a record has none (no flags).
_EMPTY_IS_TEXT = ("flags", "flag_notes")


@dataclass(frozen=True)
class Package:
    """A data package in memory: the descriptor and the bytes of each file, by file name."""

    descriptor: dict
    files: dict[str, bytes]


# --------------------------------------------------------------------------- tables


def _csv_bytes(header: list[str], rows: list[list]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v.isoformat() if isinstance(v, dt.date) else v for v in row])
    return buf.getvalue().encode("utf-8")


def flag_rows(frame: pd.DataFrame, flags: pd.DataFrame) -> list[dict]:
    """One row per flag of the records in ``frame``: record_id, position, type, field, note, evidence, from the
    loader's flags table (:func:`timeline.load_tables`), in record and flag order."""
    wanted = set(frame["record_id"])
    rows, position = [], {}
    for r in flags.itertuples(index=False):
        if r.record_id not in wanted:
            continue
        position[r.record_id] = position.get(r.record_id, 0) + 1
        rows.append({"record_id": r.record_id, "position": position[r.record_id], "type": r.flag_type,
                     "field": None if pd.isna(r.field) else r.field, "note": r.note, "evidence": r.evidence})
    return rows


def _field(name: str, type_: str, description: str, vocabulary: str | None = None, required: bool = False) -> dict:
    out = {"name": name, "type": _TYPES.get(type_, "string"), "description": description}
    if type_ == "date":
        out["format"] = "%Y-%m-%d"
    constraints = {}
    if required:
        constraints["required"] = True
    if vocabulary:
        constraints["enum"] = list(VOCABULARIES[vocabulary])
    if constraints:
        out["constraints"] = constraints
    return out


def _events_schema() -> dict:
    fields = []
    for name, spec in SCHEMA["frame"].items():
        dtype = spec["dtype"]
        type_ = "date" if dtype.startswith("datetime64") else dtype
        f = _field(name, type_, spec["description"], _EVENT_VOCABULARIES.get(name),
                   required=name in ("record_id", "seed", "claimant", "outlet", "quote", "claim_key"))
        if type_ == "boolean":
            f.update(trueValues=["True"], falseValues=["False"])
        fields.append(f)
    fks = [{"fields": "seed", "reference": {"resource": "articles", "fields": "seed"}}]
    fks += [{"fields": c, "reference": {"resource": "actors", "fields": "id"}} for c in _EVENT_ACTOR_KEYS]
    fks += [{"fields": c, "reference": {"resource": "precision", "fields": "precision"}}
            for c in ("published_precision", "stated_precision", "event_precision")]
    return {"fields": fields, "missingValues": [""], "primaryKey": ["record_id"], "foreignKeys": fks}


def _flags_schema() -> dict:
    fields = [_field(n, t, d, required=True) for n, (t, d) in _FLAG_EXTRA.items()]
    fields += [_field(n, s["type"], s["description"], s.get("vocabulary"), s.get("required", False))
               for n, s in SCHEMA["flag"].items()]
    return {"fields": fields, "missingValues": [""], "primaryKey": ["record_id", "position"],
            "foreignKeys": [{"fields": "record_id", "reference": {"resource": "events", "fields": "record_id"}}]}


def _actors_schema() -> dict:
    fields = [_field(n, t, d, "actor_kind" if n == "kind" else None, n in ("id", "name", "kind"))
              for n, (t, d) in _ACTOR_FIELDS.items()]
    return {"fields": fields, "missingValues": [""], "primaryKey": ["id"],
            "foreignKeys": [{"fields": "member_of", "reference": {"resource": "", "fields": "id"}}]}


def _articles_schema() -> dict:
    fields = []
    for n, s in SCHEMA["seed_metadata"].items():
        desc = s["description"] + (" ('; '-separated)" if s["type"] == "list" else "")
        fields.append(_field(n, s["type"], desc, s.get("vocabulary"), s.get("required", False)))
    return {"fields": fields, "missingValues": [""], "primaryKey": ["seed"],
            "foreignKeys": [{"fields": "published_precision",
                             "reference": {"resource": "precision", "fields": "precision"}}]}


def _not_claims_schema() -> dict:
    return {"fields": [_field(n, t, d, required=True) for n, (t, d) in _NOT_CLAIM_FIELDS.items()],
            "missingValues": [""], "primaryKey": ["seed", "quote"],
            "foreignKeys": [{"fields": "seed", "reference": {"resource": "articles", "fields": "seed"}}]}


def _precision_schema() -> dict:
    return {"fields": [
        _field("precision", "string", "A precision level of the dataset (vocabulary precision).", "precision", True),
        _field("description", "string", "What the level means here.", required=True),
        _field("ucdp_date_prec", "integer", "The UCDP GED date_prec level that fits (1 day, 2 a span of 2-6 "
                                            "days, 3 a week, 4 a month, 5 up to a year); empty: none fits."),
        _field("acled_time_precision", "integer", "The ACLED time_precision level that fits (1 day, 2 a week, "
                                                  "3 a month); empty: none fits."),
        _field("note", "string", "How the levels correspond."),
    ], "missingValues": [""], "primaryKey": ["precision"]}


# --------------------------------------------------------------------------- the package


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def build_package(frame: pd.DataFrame | None = None, *, data_dir: Path | str | None = None,
                  seeds: dict | None = None, flags: pd.DataFrame | None = None,
                  seeds_dir: Path | str | None = None) -> Package:
    """The package in memory (nothing written): descriptor and file bytes. Default: the project's data (the seeds
    default to ``seeds/`` beside the data folder)."""
    from . import __version__
    from .coverage import load_not_claims
    from .export import provenance
    from .frame import events_csv_text
    from .names import ActorRegistry
    from .records import load_tables
    from .seeds import load_seeds

    data_dir = Path(data_dir) if data_dir else paths.DATA_DIR
    seeds_dir = Path(seeds_dir) if seeds_dir else data_dir.parent / "seeds"
    seeds = load_seeds(seeds_dir) if seeds is None else seeds
    if frame is None or flags is None:
        tables = load_tables(data_dir, seeds_dir=seeds_dir)
        frame = tables.events if frame is None else frame
        flags = tables.flags if flags is None else flags
    actors = ActorRegistry.from_yaml(data_dir / "actors.yaml")
    not_claims_file = data_dir / "not_claims.yaml"
    not_claims = load_not_claims(not_claims_file, seeds) if not_claims_file.exists() else []
    prov = provenance(frame)

    files: dict[str, bytes] = {"events.csv": events_csv_text(frame).encode("utf-8")}
    flag_fields = [*_FLAG_EXTRA, *SCHEMA["flag"]]
    files["flags.csv"] = _csv_bytes(flag_fields, [[r[k] for k in flag_fields] for r in flag_rows(frame, flags)])
    files["actors.csv"] = _csv_bytes(list(_ACTOR_FIELDS), [
        [a.id, a.name, a.kind, a.country, a.role, a.member_of, _LIST_SEP.join(a.aliases)]
        for a in actors.by_id.values()])
    seed_fields = list(SCHEMA["seed_metadata"])
    files["articles.csv"] = _csv_bytes(seed_fields, [
        [_LIST_SEP.join(v) if isinstance(v := seeds[name].meta.get(k), list) else v for k in seed_fields]
        for name in sorted(seeds)])
    files["not_claims.csv"] = _csv_bytes(list(_NOT_CLAIM_FIELDS), [[n.seed, n.quote, n.reason] for n in not_claims])
    files["precision.csv"] = _csv_bytes(
        ["precision", "description", "ucdp_date_prec", "acled_time_precision", "note"],
        [[p, VOCABULARIES["precision"][p]["description"] if isinstance(VOCABULARIES["precision"][p], dict)
          else VOCABULARIES["precision"][p], *precision_codes()[p]] for p in VOCABULARIES["precision"]])

    resources = []
    for name, title, description, schema in (
        ("events", "Claims", "One row per record: a claim in an article, with its verbatim German quote, who "
                             "made it and who carried it, when it was said and when what it speaks of happened "
                             "(intervals with precision and EDTF), and counts with open bounds.", _events_schema()),
        ("flags", "Flags", "One row per flag: corrections and caveats of a record, each with its evidence.",
         _flags_schema()),
        ("actors", "Actors", "Canonical claimants and outlets.", _actors_schema()),
        ("articles", "Articles", "The articles the records come from: metadata and the evidence for their "
                                 "outlet and publication date.", _articles_schema()),
        ("not_claims", "Not claims", "Sentences with a date or a count of people that are not claims, with the "
                                     "reason (the completeness check's list).", _not_claims_schema()),
        ("precision", "Precision codebook", "The precision levels, mapped to UCDP GED date_prec and ACLED "
                                            "time_precision.", _precision_schema()),
    ):
        data = files[f"{name}.csv"]
        resources.append({
            "name": name, "path": f"{name}.csv", "profile": "tabular-data-resource", "title": title,
            "description": description, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "bytes": len(data), "hash": f"sha256:{_sha256(data)}", "schema": schema,
        })
    case = actors.case or {}
    data_date = prov.data_date.isoformat() if prov.data_date else None
    descriptor = {
        "profile": "tabular-data-package",
        "name": "timeline-claims",
        "title": f"Claims in German news reporting: {case.get('title', 'timeline')}",
        "description": "Hand-curated claims from German-language news articles: who claimed what, when and "
                       "through whom. A row is a claim, never a fact. " + SOURCES_TERMS,
        "version": __version__,
        "keywords": ["claims", "news", "timeline", "provenance", "uncertain dates"],
        "licenses": [CURATION_LICENSE],
        "sources": [{"title": f"{s.outlet}: {s.title} ({s.published_date.isoformat()})",
                     **({"path": seeds[s.name].meta["url"]} if seeds[s.name].meta.get("url") else {})}
                    for s in prov.seeds],
        "sources_terms": SOURCES_TERMS,
        "provenance": {
            "data_sha256": prov.data_sha256,
            "data_sha256_of": "events.csv (the same bytes as data/processed/events.csv)",
            "data_date": data_date,
            "data_date_means": "the latest publication date of the articles drawn from",
            "software": "timeline",
            "software_version": __version__,
            "records": prov.n_records,
            "articles": len(prov.seeds),
        },
        "resources": resources,
    }
    files["datapackage.json"] = (json.dumps(descriptor, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if CITATION_FILE.is_file():
        files["CITATION.cff"] = CITATION_FILE.read_bytes()
    return Package(descriptor, files)


def replace_dir(files: dict[str, bytes], out_dir: Path) -> None:
    """Write ``files`` as the whole content of ``out_dir``: into a temporary folder beside it, then swap it in.

    A failure before the swap leaves the old folder as it was; no run leaves a half-written one.
    """
    out_dir = Path(out_dir)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.", dir=out_dir.parent))
    try:
        for name, data in files.items():
            (tmp / name).write_bytes(data)
        old = None
        if out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old.", dir=out_dir.parent))
            os.replace(out_dir, old / out_dir.name)
        os.replace(tmp, out_dir)
        if old is not None:
            shutil.rmtree(old)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_package(out_dir: Path | str | None = None, frame: pd.DataFrame | None = None, **kwargs) -> Package:
    """Build the package and write it to ``out_dir`` (default ``reports/package/``), whole or not at all."""
    pkg = build_package(frame, **kwargs)
    replace_dir(pkg.files, Path(out_dir) if out_dir else PACKAGE_DIR)
    return pkg


def read_events(package_dir: Path | str | None = None) -> pd.DataFrame:
    """The events resource of a written package as the typed events frame (what :func:`load_events` returns)."""
    from .records import to_frame

    package_dir = Path(package_dir) if package_dir else PACKAGE_DIR
    raw = pd.read_csv(package_dir / "events.csv", dtype=str, keep_default_na=False)
    rows = []
    for rec in raw.to_dict("records"):
        row = {}
        for col, dtype in FRAME_DTYPES.items():
            v = rec[col]
            if v == "":
                row[col] = "" if col in _EMPTY_IS_TEXT else None
            elif dtype == "Int64":
                row[col] = int(v)
            elif dtype == "boolean":
                row[col] = {"True": True, "False": False}[v]
            elif dtype.startswith("datetime64"):
                row[col] = dt.date.fromisoformat(v)
            else:
                row[col] = v
        rows.append(row)
    return to_frame(rows)
