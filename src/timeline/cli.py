"""The command line: ``python -m timeline <command>`` (also installed as ``timeline``).

Commands: validate, coverage (sentences no record covers yet), add-article (a new seed
with its stubs), draft, confirm, score-drafts, build (write data/processed/events.csv), docs (the README's
generated sections), run-notebooks, export (every chart to reports/), package (the Frictionless Data Package),
timelinejs (the TimelineJS 3 JSON), viewer (its offline page) and all (the main job).
Every command takes the same ``--data DIR --seeds DIR`` (default: the shipped data/ and seeds/ beside it) and
works on any dataset as on the shipped one: what it writes outside the data (README.md, notebooks/, reports/)
goes beside that dataset's data unless ``--out`` says where, never over the project's own files.
Exit codes: 0 clean, 1 when any record is rejected (coverage: any sentence
uncovered; add-article: the article cannot be added), 2 for a usage error,
3 when export could not write PNG/SVG/PDF (no Chrome or Chromium; the HTML is written) or the
viewer has no TimelineJS library (no npm at set-up), 4 when an output cannot be written (a bad --out, a
read-only folder, a full disk: the message says which and why, and the previous output is left as it was),
130 when interrupted (Ctrl-C; outputs left as they were).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import paths

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
#: export: some formats could not be written (no Chrome/Chromium); the message says how to get them.
EXIT_INCOMPLETE = 3
#: an output (or a seed, for add-article) could not be written: the message names the path and why; what was
#: there before is left as it was (every output is written to a temporary file or folder, then renamed).
EXIT_WRITE = 4
#: interrupted (Ctrl-C): outputs are left as they were.
EXIT_INTERRUPTED = 130


def shown(text: str) -> str:
    """Text for the terminal: control characters (NUL, BEL, ESC, ...) shown as escapes, never sent raw.

    >>> shown("a\\x1b[31mred\\x07 b\\x00")
    'a\\\\x1b[31mred\\\\x07 b\\\\x00'
    """
    return "".join(c if c.isprintable() or c == " " else c.encode("unicode_escape").decode("ascii") for c in text)


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors exit 2 with the usage line, as argparse does
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def cmd_validate(args) -> int:
    from .errors import format_errors
    from .records import load_dataset

    for p in args.paths:
        if not Path(p).exists():
            print(f"timeline validate: no such file or folder: {p}", file=sys.stderr)
            return EXIT_USAGE
    ds = _dataset(args)
    if ds is None:
        return EXIT_USAGE
    if args.paths:  # record files or folders; their dataset's actors and seeds unless --data/--seeds say
        result = load_dataset(args.paths, seeds_dir=args.seeds or (ds.seeds if args.data else None),
                              actors_file=ds.data / "actors.yaml" if args.data else None)
    else:
        result = load_dataset(ds.data, seeds_dir=ds.seeds)
    if result.errors:
        print(format_errors(result.errors))
        print()
    print(f"{result.summary()}.")
    return EXIT_INVALID if (result.errors or result.n_rejected) else EXIT_OK


def cmd_build(args) -> int:
    from .errors import format_errors
    from .frame import write_events_csv
    from .records import load_dataset

    ds = _dataset(args)
    if ds is None:
        return EXIT_USAGE
    result = load_dataset(ds.data, seeds_dir=ds.seeds)
    if result.errors:
        print(format_errors(result.errors), file=sys.stderr)
        print(result.summary(), file=sys.stderr)
        return EXIT_INVALID
    out = write_events_csv(result.frame, Path(args.out) if args.out else ds.events_csv)
    print(f"wrote {paths.relative(out)} ({len(result.frame)} records)")
    return EXIT_OK


def cmd_docs(args) -> int:
    from .docs import README_FILE, update_readme
    from .errors import RecordsInvalid, format_errors

    ds = _dataset(args)
    if ds is None:
        return EXIT_USAGE
    readme = Path(args.out) if args.out else README_FILE if ds.is_project else _out(args, ds, "README.md")
    if readme is None:
        return EXIT_USAGE
    try:
        changed = update_readme(check=args.check, readme=readme, dataset=ds)
    except RecordsInvalid as exc:
        print(format_errors(exc.errors), file=sys.stderr)
        print("timeline docs: the records are not valid: nothing written.", file=sys.stderr)
        return EXIT_INVALID
    except ValueError as exc:  # a README without the generated blocks, or data that would break one
        print(f"timeline docs: {paths.relative(readme)}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    if args.check and changed:
        print(f"{paths.relative(readme)}: the generated sections are stale; run: python -m timeline docs"
              + ("" if ds.is_project else " with the same --data/--seeds/--out"))
    else:
        print(f"{paths.relative(readme)}: " + ("updated" if changed else "up to date"))
    stale = _stale_prose(ds, readme) if readme.is_file() else []
    if stale:
        print("the hand-written prose counts what the data does not bear out (rewrite it):\n  "
              + "\n  ".join(stale), file=sys.stderr)
    return EXIT_INVALID if stale or (args.check and changed) else EXIT_OK


def _stale_prose(ds: paths.Dataset, readme: Path) -> list[str]:
    """The README's (and, for the shipped dataset, docs/ and CITATION.cff's) counts the dataset does not bear out."""
    from .docs import PROSE_FILES, stale_prose
    from .records import load_tables
    from .seeds import load_seeds

    frame = load_tables(ds.data, seeds_dir=ds.seeds).events
    seeds = load_seeds(ds.seeds)
    files = [readme] + ([paths.PROJECT_ROOT / f for f in PROSE_FILES[1:]] if ds.is_project else [])
    return [problem for f in files if f.is_file()
            for problem in stale_prose(f.read_text(encoding="utf-8"), frame, seeds, paths.relative(f))]


def cmd_export(args) -> int:
    from .atomic import check_folder
    from .errors import format_errors
    from .export import export_charts, parse_formats
    from .records import load_dataset

    try:
        formats = parse_formats(args.formats)
    except ValueError as exc:
        print(f"timeline export: {exc}", file=sys.stderr)
        return EXIT_USAGE
    ds = _dataset(args)
    out = _out(args, ds, paths.REPORTS_DIR.name) if ds is not None else None
    if out is None:
        return EXIT_USAGE
    check_folder(out)  # a bad --out is an error before the records are read (main says it)
    result = load_dataset(ds.data, seeds_dir=ds.seeds)
    if result.errors:
        print(format_errors(result.errors), file=sys.stderr)
        print(f"{result.summary()}: nothing exported.", file=sys.stderr)
        return EXIT_INVALID
    done = export_charts(result.frame, out, formats, flags=result.flags)
    if done.message:
        print(f"timeline export: {done.message}", file=sys.stderr)
        return EXIT_INCOMPLETE
    return EXIT_OK


def cmd_package(args) -> int:
    import csv
    import io

    from .errors import RecordsInvalid, format_errors
    from .package import PACKAGE_DIR, write_package

    ds = _dataset(args)
    out = _out(args, ds, paths.relative(PACKAGE_DIR)) if ds is not None else None
    if out is None:
        return EXIT_USAGE
    try:
        pkg = write_package(out, data_dir=ds.data, seeds_dir=ds.seeds)
    except RecordsInvalid as exc:
        print(format_errors(exc.errors), file=sys.stderr)
        print("timeline package: the records are not valid: nothing written.", file=sys.stderr)
        return EXIT_INVALID
    rows = {r["name"]: len(list(csv.reader(io.StringIO(pkg.files[r["path"]].decode("utf-8"))))) - 1
            for r in pkg.descriptor["resources"]}
    print(f"wrote {paths.relative(out)}/datapackage.json: "
          + ", ".join(f"{name} {n}" for name, n in rows.items()) + " rows")
    return EXIT_OK


def cmd_timelinejs(args) -> int:
    from .errors import RecordsInvalid, format_errors
    from .names import ActorRegistry
    from .records import load_events
    from .seeds import load_seeds
    from .timelinejs import TIMELINE_FILE, write_timeline

    ds = _dataset(args)
    out = _out(args, ds, paths.relative(TIMELINE_FILE)) if ds is not None else None
    if out is None:
        return EXIT_USAGE
    try:
        tl = write_timeline(load_events(ds.data, seeds_dir=ds.seeds), out=out, group_by=args.group_by,
                            seeds=load_seeds(ds.seeds), actors=ActorRegistry.from_yaml(ds.data / "actors.yaml"))
    except RecordsInvalid as exc:
        print(format_errors(exc.errors), file=sys.stderr)
        print("timeline timelinejs: the records are not valid: nothing written.", file=sys.stderr)
        return EXIT_INVALID
    print(f"wrote {paths.relative(out)}: {len(tl.document['events'])} slides (one per original claim), "
          f"{len(tl.left_out)} left out")
    for item in tl.left_out:
        print(f"  not shown: {item['claim_key']} (records {', '.join(item['records'])}): {item['why']}")
    return EXIT_OK


def cmd_viewer(args) -> int:
    from .timelinejs import TIMELINE_FILE
    from .viewer import VIEWER_FILE, LibraryMissing, write_viewer

    ds = _dataset(args)
    if ds is None:
        return EXIT_USAGE
    src = Path(args.json) if args.json else ds.output(paths.relative(TIMELINE_FILE))
    if src is None:
        print("timeline viewer: this dataset's data folder is the project's: give --json FILE and --out FILE",
              file=sys.stderr)
        return EXIT_USAGE
    if not src.is_file():
        print(f"timeline viewer: {paths.relative(src)} does not exist: run `python -m timeline timelinejs` first",
              file=sys.stderr)
        return EXIT_USAGE
    out = _out(args, ds, paths.relative(VIEWER_FILE))
    if out is None:
        return EXIT_USAGE
    try:
        written = write_viewer(src, out)
    except LibraryMissing as exc:
        print(f"timeline viewer: {exc}", file=sys.stderr)
        return EXIT_INCOMPLETE
    print(f"wrote {paths.relative(written[0])} and the TimelineJS library beside it ({len(written) - 1} files)")
    return EXIT_OK


def cmd_all(args) -> int:
    from .export import parse_formats
    from .steps import run_main_job

    try:
        formats = tuple(parse_formats(args.formats)) if args.formats else None
    except ValueError as exc:
        print(f"timeline all: {exc}", file=sys.stderr)
        return EXIT_USAGE
    ds = _dataset(args)
    if ds is None:
        return EXIT_USAGE
    if ds.is_project and not args.out:
        run_main_job(force=args.force, export_formats=formats)
        return EXIT_OK
    reports = _out(args, ds, paths.REPORTS_DIR.name)
    if reports is None:
        return EXIT_USAGE
    # another dataset: its README and its executed notebooks beside its data (left out when that is the project's)
    run_main_job(ds.root, force=args.force, export_formats=formats, data=ds.data, seeds=ds.seeds, reports=reports,
                 readme=ds.output("README.md") if not ds.is_project else None,
                 notebooks_out=ds.output("notebooks") if not ds.is_project else None,
                 viewer_lib=paths.PROJECT_ROOT)
    return EXIT_OK


def _dataset(args) -> paths.Dataset | None:
    """The dataset of a command (--data, --seeds; seeds default to seeds/ beside the data), or None (said why)."""
    ds = paths.Dataset.of(args.data, args.seeds)
    for what, folder in (("data", ds.data), ("seeds", ds.seeds)):
        if not folder.is_dir():
            print(f"timeline {args.command}: no such {what} folder: {folder}", file=sys.stderr)
            return None
    return ds


def _out(args, ds: paths.Dataset, name: str) -> Path | None:
    """Where a command writes: --out, else ``name`` beside the dataset's data (the project's own for the shipped
    dataset); None (said why) when that would be the project's file for another dataset."""
    if args.out:
        return Path(args.out)
    out = ds.output(name)
    if out is None:
        print(f"timeline {args.command}: the data folder is the project's but the seeds are not: give --out "
              f"(the default, {name}, is the project's own)", file=sys.stderr)
    return out


def cmd_coverage(args) -> int:
    from .coverage import load_not_claims, uncovered
    from .errors import RecordsInvalid, format_errors
    from .records import load_dataset
    from .reading import read_text
    from .seeds import Seed, load_seeds

    ds = _dataset(args)
    if ds is None:
        return EXIT_USAGE
    data, seeds_dir = ds.data, ds.seeds
    result = load_dataset(data, seeds_dir=seeds_dir)
    seeds = load_seeds(seeds_dir, [])
    for path in sorted(seeds_dir.glob("*.txt")):  # a new seed whose metadata is not filled in yet counts too
        text = read_text(path, []) if path.name not in seeds else None
        if text is not None:
            seeds[path.name] = Seed(path.name, path, text, {})
    seeds = dict(sorted(seeds.items()))
    not_claims_file = data / paths.NOT_CLAIMS_FILE.name
    try:
        not_claims = load_not_claims(not_claims_file, seeds) if not_claims_file.exists() else []
    except RecordsInvalid as exc:
        print(format_errors(exc.errors), file=sys.stderr)
        return EXIT_INVALID
    total = n_articles = 0
    for name, seed in seeds.items():
        open_ = uncovered(seed, result.frame, not_claims)
        if not open_:
            continue
        n_articles += 1
        total += len(open_)
        print(f"{paths.relative(seed.path)}: {len(open_)} candidate sentence(s) not covered"
              + ("" if seed.meta else " (its metadata is not valid yet)"))
        for c in open_:
            print(f"  [{c.start:6d}] {shown(c.sentence)}")
            print(f"           {shown('; '.join(c.reasons))}")
        print()
    print(f"{total} uncovered sentence(s) in {n_articles} of {len(seeds)} article(s); covered by "
          f"{result.n_valid} valid record(s) and {len(not_claims)} not-claim entr{'y' if len(not_claims) == 1 else 'ies'}.")
    if result.errors:
        print(f"note: validation found {len(result.errors)} error(s) and rejected {result.n_rejected} record(s) "
              "(a rejected record covers nothing); run `python -m timeline validate`.")
    return EXIT_INVALID if total or result.errors else EXIT_OK


def cmd_add_article(args) -> int:
    from .curate import AddArticleError, add_article

    if not Path(args.file).is_file():
        print(f"timeline add-article: no such file: {args.file}", file=sys.stderr)
        return EXIT_USAGE
    ds = _dataset(args)
    if ds is None:
        return EXIT_USAGE
    data, seeds_dir = ds.data, ds.seeds
    published = _day(args.published, "add-article") if args.published else None
    if published is False:
        return EXIT_USAGE
    if published is None and not args.no_drafts:
        import datetime as dt
        published = dt.date.today()
    try:
        added = add_article(args.file, seeds_dir, data, published=None if args.no_drafts else published)
    except AddArticleError as exc:
        print(f"timeline add-article: {exc}", file=sys.stderr)
        return EXIT_INVALID
    print(f"copied the article to {paths.relative(added.seed)}")
    print(f"wrote {paths.relative(added.metadata)}: fill in every field marked TODO")
    if args.no_drafts:
        print(f"wrote {paths.relative(added.records)}: {added.n_candidates} candidate sentence(s) listed, "
              "ready to curate")
    else:
        print(f"wrote {paths.relative(added.records)}: {added.n_candidates} draft record(s) to review "
              f"(dates read against {published})")
        if added.new_actors:
            print(_new_actors_line(added.new_actors))
    print("next: review the drafts; python -m timeline confirm FILE; python -m timeline validate; "
          "python -m timeline coverage (see docs/curating.md)")
    return EXIT_OK


def _day(text: str, command: str):
    import datetime as dt
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        print(f"timeline {command}: --published {text!r}: not a day (YYYY-MM-DD)", file=sys.stderr)
        return False


def _new_actors_line(proposed) -> str:
    """What add-article and draft say of the new actors the drafts propose."""
    return (f"proposed {len(proposed)} new actor(s) the actors file does not know: "
            f"{', '.join(a.id for a in proposed)} (each listed atop the file as an actors.yaml entry to check and "
            "paste)")


def cmd_draft(args) -> int:
    from .curate import drafts_stub
    from .drafts import write_atomic
    from .names import ActorRegistry
    from .seeds import read_seed_metadata, read_text

    ds = _dataset(args)
    if ds is None:
        return EXIT_USAGE
    data, seeds_dir = ds.data, ds.seeds
    seed_path = Path(args.seed) if Path(args.seed).is_file() else seeds_dir / Path(args.seed).name
    if not seed_path.is_file() or seed_path.suffix != ".txt":
        print(f"timeline draft: no such seed: {args.seed}", file=sys.stderr)
        return EXIT_USAGE
    errors: list = []
    text = read_text(seed_path, errors)
    if text is None:
        print(f"timeline draft: {errors[0]}", file=sys.stderr)
        return EXIT_INVALID
    published = _day(args.published, "draft") if args.published else None
    if published is False:
        return EXIT_USAGE
    sidecar = seed_path.with_suffix(".meta.yaml")
    meta = read_seed_metadata(sidecar, seed_path.parent)[0] if sidecar.is_file() else None
    if published is None:
        if meta is None:
            print(f"timeline draft: {seed_path.name}: its metadata is not valid yet; give --published YYYY-MM-DD "
                  "(the anchor of its dates)", file=sys.stderr)
            return EXIT_INVALID
        published = meta["published_date"]
    out = Path(args.out) if args.out else data / "records" / f"{seed_path.stem}.yaml"
    if out.exists() and not args.out:
        import yaml
        try:
            doc = yaml.safe_load(out.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError:
            doc = {"records": ["?"]}
        if doc.get("records"):
            print(f"timeline draft: {paths.relative(out)} holds {len(doc['records'])} record(s) already; "
                  "give --out FILE to write the drafts elsewhere", file=sys.stderr)
            return EXIT_INVALID
    try:
        actors = ActorRegistry.from_yaml(data / "actors.yaml")
    except (OSError, ValueError, TypeError) as exc:
        print(f"timeline draft: {paths.relative(data / 'actors.yaml')}: {exc}", file=sys.stderr)
        return EXIT_INVALID
    body, n, proposed = drafts_stub(seed_path.name, text, published, actors, meta)
    write_atomic(out, body)
    if proposed:
        print(_new_actors_line(proposed))
    print(f"wrote {paths.relative(out)}: {n} draft record(s) to review (dates read against {published})")
    return EXIT_OK


def cmd_confirm(args) -> int:
    from .drafts import ConfirmError, confirm

    ds = _dataset(args)
    if ds is None:
        return EXIT_USAGE
    file = Path(args.file)
    if not file.is_file() and (ds.data / "records" / file.name).is_file():  # a file name of the dataset's records
        file = ds.data / "records" / file.name
    if not file.is_file():
        print(f"timeline confirm: no such file: {args.file}", file=sys.stderr)
        return EXIT_USAGE
    try:
        done = confirm(file, args.ids or None)
    except ConfirmError as exc:
        print(f"timeline confirm: {exc}", file=sys.stderr)
        return EXIT_INVALID
    options = "" if ds.is_project else f" --data {shown(str(ds.data))} --seeds {shown(str(ds.seeds))}"
    print(f"{paths.relative(file)}: confirmed {len(done)} draft(s); next: python -m timeline validate{options}")
    return EXIT_OK


def cmd_score_drafts(args) -> int:
    from .errors import RecordsInvalid, format_errors
    from .evaluate_drafts import UNSEEN_DIR, format_scores, score_drafts, score_unseen

    if args.unseen:
        folder = UNSEEN_DIR if args.unseen is True else Path(args.unseen)
        knows = ("data/actors.yaml and the folder's actors.yaml" if args.with_actors else "data/actors.yaml")
        print(f"Drafts of the held-out articles ({paths.relative(folder)}) against their curated records "
              f"(the drafter knows {knows}):")
        print(format_scores(score_unseen(folder, with_actors=args.with_actors)))
        return EXIT_OK
    ds = _dataset(args)
    if ds is None:
        return EXIT_USAGE
    data, seeds_dir = ds.data, ds.seeds
    try:
        scores = score_drafts(data, seeds_dir)
    except RecordsInvalid as exc:
        print(format_errors(exc.errors), file=sys.stderr)
        print("timeline score-drafts: the dataset is not valid: nothing scored.", file=sys.stderr)
        return EXIT_INVALID
    print("Drafts against the curated records, each seed left out (actors learnt from the other seeds):")
    print(format_scores(scores))
    return EXIT_OK


def cmd_run_notebooks(args) -> int:
    from .notebooks import notebook_paths, run_notebooks, run_on_dataset

    nbs = [Path(p) for p in args.notebooks] or notebook_paths()
    missing = [p for p in nbs if not p.exists()]
    if missing or not nbs:
        print(f"timeline run-notebooks: no such notebook: {', '.join(map(str, missing)) or 'notebooks/NN_*.ipynb'}",
              file=sys.stderr)
        return EXIT_USAGE
    ds = _dataset(args)
    if ds is None:
        return EXIT_USAGE
    if ds.is_project and not args.out:
        run_notebooks(nbs)  # the committed notebooks, in place
        return EXIT_OK
    out = _out(args, ds, "notebooks")
    if out is None:
        return EXIT_USAGE
    try:
        run_on_dataset(ds.data, ds.seeds, out, nbs)
    except ValueError as exc:
        print(f"timeline run-notebooks: {exc}", file=sys.stderr)
        return EXIT_USAGE
    return EXIT_OK


def _dataset_options() -> argparse.ArgumentParser:
    """The options every command shares: which dataset it works on."""
    common = argparse.ArgumentParser(add_help=False)
    group = common.add_argument_group("dataset (every command)")
    group.add_argument("--data", metavar="DIR", help="the dataset folder: records/, actors.yaml, not_claims.yaml "
                                                     "(default: data/)")
    group.add_argument("--seeds", metavar="DIR", help="the articles and their metadata (default: seeds/ beside "
                                                      "the data)")
    return common


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="timeline", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    common = [_dataset_options()]

    def command(name: str, func, help: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help, parents=common)
        p.set_defaults(func=func)
        return p

    p = command("validate", cmd_validate, "validate record files against the schema and the seeds")
    p.add_argument("paths", nargs="*", help="record files or dataset folders (default: the --data folder)")
    command("coverage", cmd_coverage, "per article, the sentences with a date or a count that no record covers")
    p = command("add-article", cmd_add_article, "copy a new article into the seeds with its metadata and records "
                                                "stubs")
    p.add_argument("file", help="the article as UTF-8 text")
    p.add_argument("--published", help="the publication date (YYYY-MM-DD) the drafts' dates are read against "
                                       "(default: today)")
    p.add_argument("--no-drafts", action="store_true", help="list the candidate sentences only, no drafts")
    p = command("draft", cmd_draft, "write a draft record for each candidate sentence of a seed")
    p.add_argument("seed", help="the seed (its file name in the seeds folder, or a path)")
    p.add_argument("--out", help="where to write (default: <data>/records/<stem>.yaml, if it holds no records)")
    p.add_argument("--published", help="anchor of the dates (default: the seed's published_date)")
    p = command("confirm", cmd_confirm, "remove the draft flag of reviewed drafts (all of a file, or the ids given)")
    p.add_argument("file", help="a records file (a path, or its name in <data>/records/)")
    p.add_argument("ids", nargs="*", help="record ids (default: every draft of the file)")
    p = command("score-drafts", cmd_score_drafts, "score the drafts against the curated records, leaving one seed out")
    p.add_argument("--unseen", nargs="?", const=True, metavar="DIR",
                   help="score held-out articles instead (default tests/data/unseen/; DIR: another such folder, "
                        "e.g. tests/data/heldout2/)")
    p.add_argument("--with-actors", action="store_true",
                   help="with --unseen: the drafter also knows the folder's actors.yaml (as after a curator "
                        "adds the article's new actors)")
    p = command("build", cmd_build, "write the normalised frame to <data>/processed/events.csv")
    p.add_argument("--out", help="output CSV (default: <data>/processed/events.csv)")
    p = command("docs", cmd_docs, "regenerate the README's generated sections (sources, dataset, corrections, "
                                  "data dictionary)")
    p.add_argument("--check", action="store_true", help="only check; exit 1 when stale")
    p.add_argument("--out", help="the README to write (default: README.md beside the data: the project's for the "
                                 "shipped dataset; started anew when it does not exist)")
    p = command("run-notebooks", cmd_run_notebooks, "execute every notebook (the shipped dataset: in place, their "
                                                    "outputs are committed; another: copies into --out)")
    p.add_argument("notebooks", nargs="*", help="notebooks to run (default: notebooks/NN_*.ipynb)")
    p.add_argument("--out", help="folder for the executed copies (default: in place for the shipped dataset, "
                                 "notebooks/ beside the data for another)")
    p = command("export", cmd_export, "write every chart to reports/ as HTML, PNG, SVG and PDF, with index.html")
    p.add_argument("--out", help="output folder (default: reports/ beside the data)")
    p.add_argument("--formats", default="html,png,svg,pdf", help="comma-separated (default: html,png,svg,pdf)")
    p = command("package", cmd_package, "write the Frictionless Data Package (datapackage.json and CSVs) to "
                                        "reports/package/")
    p.add_argument("--out", help="output folder (default: reports/package/ beside the data); replaced whole")
    p = command("timelinejs", cmd_timelinejs, "write the claims as TimelineJS 3 JSON to reports/timelinejs.json")
    p.add_argument("--out", help="output file (default: reports/timelinejs.json beside the data)")
    p.add_argument("--group-by", default="institution", choices=["institution", "country"],
                   help="group slides by the claimant's institution (default) or country")
    p = command("viewer", cmd_viewer, "write reports/timeline.html, an offline TimelineJS page for the JSON, "
                                      "with the library (from npm, installed by make setup) beside it")
    p.add_argument("--json", help="the TimelineJS JSON (default: reports/timelinejs.json beside the data)")
    p.add_argument("--out", help="the page (default: reports/timeline.html beside the data)")
    p = command("all", cmd_all, "the main job, incremental: run each step whose inputs changed, skip the rest")
    p.add_argument("--force", action="store_true", help="run every step")
    p.add_argument("--out", help="the reports folder (default: reports/ beside the data)")
    p.add_argument("--formats", help="the export's formats, comma-separated (default: html,png,svg,pdf)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if callable(getattr(sys.stdout, "reconfigure", None)):
        # progress lines reach a pipe (`| tee log`, a supervising process) as they are printed, not at exit
        sys.stdout.reconfigure(line_buffering=True)
    try:
        return args.func(args)
    except OSError as exc:  # a bad --out, a read-only folder, a full disk: a message, never a traceback
        where = exc.filename if exc.filename is not None else "an output"
        where = paths.relative(Path(where)) if isinstance(where, (str, Path)) and where != "an output" else where
        print(f"timeline {args.command}: cannot write {where}: {exc.strerror or exc} "
              "(nothing was half-written: what was there before is left as it was)", file=sys.stderr)
        return EXIT_WRITE
    except KeyboardInterrupt:
        print(f"timeline {args.command}: interrupted; outputs are left as they were", file=sys.stderr)
        return EXIT_INTERRUPTED
