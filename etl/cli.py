"""``python -m etl``: load files, list past loads, set up a database.

Exit codes (a contract for people and cron): 0 loaded (or would load, with
--dry-run); 1 rejected, nothing written; 2 usage error.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import sqlalchemy as sa

from etl import schema as s
from etl.database import make_engine, migrate
from etl.extract import command as extract_command
from etl.load import load_files
from etl.result import INSERTED, UNCHANGED, UPDATED, LoadResult


def build_parser() -> argparse.ArgumentParser:
    """The command line's arguments."""
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__.splitlines()[0])
    parser.add_argument("--database", help="database URL (default: DATABASE_URL or the SQLite file)")
    commands = parser.add_subparsers(dest="command", required=True)

    load = commands.add_parser("load", help="validate and load CSV/XLSX files or folders")
    load.add_argument("paths", nargs="+", type=Path)
    load.add_argument("--dry-run", action="store_true", help="validate and count, write nothing")
    load.add_argument("--user", help="who loads (recorded on the load run)")
    load.add_argument("--replace", action="store_true",
                      help="full replace: delete rows of the named projects and plans the files omit")
    load.add_argument("--database", dest="database_sub", help=argparse.SUPPRESS)

    for name, what in (("load-dotaceeu", "a DotaceEU 'Seznam operací' XLSX (2014–20 or 2021–27)"),
                       ("load-ms2014", "MS2014+ open data SeznamProjektu.xml"),
                       ("load-ms2021", "MS2021+ open data SeznamOperaci_21_27.xml")):
        national = commands.add_parser(name, help=f"load {what}")
        national.add_argument("path", type=Path)
        national.add_argument("--call", help="only projects of this call (výzva), e.g. 63")
        national.add_argument("--programme", help="only projects of this programme (OPZ, OPZ+, 03)")
        national.add_argument("--dry-run", action="store_true", help="validate and count, write nothing")
        national.add_argument("--user", help="who loads (recorded on the load run)")
        national.add_argument("--database", dest="database_sub", help=argparse.SUPPRESS)

    rpss = commands.add_parser("load-rpss", help="load the register of social services (rpss.json) "
                                                 "as a dated snapshot")
    rpss.add_argument("path", type=Path)
    rpss.add_argument("--codebooks", type=Path,
                      help="folder of the register's code lists (druhy-socialni-sluzby.json, …)")
    rpss.add_argument("--as-of", type=_day, help="the day the file describes (default today)")
    rpss.add_argument("--dry-run", action="store_true", help="validate and count, write nothing")
    rpss.add_argument("--user", help="who loads (recorded on the load run)")
    rpss.add_argument("--database", dest="database_sub", help=argparse.SUPPRESS)

    population = commands.add_parser(
        "load-population", help="load ČSÚ's yearly population by ORP and age (data set 130181)")
    population.add_argument("path", type=Path)
    population.add_argument("--year", type=_year,
                            help="the year the file describes (default: the file's casref_do)")
    population.add_argument("--dry-run", action="store_true", help="validate and count, write nothing")
    population.add_argument("--user", help="who loads (recorded on the load run)")
    population.add_argument("--database", dest="database_sub", help=argparse.SUPPRESS)

    template = commands.add_parser("template", help="write the empty import workbook with drop-downs")
    template.add_argument("out", type=Path)
    template.add_argument("--database", dest="database_sub", help=argparse.SUPPRESS)

    runs = commands.add_parser("runs", help="list past loads")
    runs.add_argument("--database", dest="database_sub", help=argparse.SUPPRESS)
    commands.add_parser("migrate", help="create or upgrade the schema")
    init = commands.add_parser("init", help="migrate and load reference, seed and demo data")
    init.add_argument("--no-demo", action="store_true", help="skip the demo data set")

    demo = commands.add_parser("demo", help="generate and load DEMO-labelled data")
    demo.add_argument("--scale", choices=["seed", "national", "large"], default="seed",
                      help="seed: on top of the seed projects; national: all 206 ORPs, 2 000 "
                           "projects; large: national with 1 000 000 achieved values")
    demo.add_argument("--keep", type=Path, help="write the generated files into this folder")
    extract_command.add_parser(commands)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if args.command in extract_command.EXTRACTORS:  # reads documents, writes a draft; needs no database
        return extract_command.run(args)
    url = getattr(args, "database_sub", None) or args.database
    engine = make_engine(url, writer=True)
    try:
        if args.command == "load":
            migrate(engine)
            result = load_files(engine, args.paths, user=args.user, dry_run=args.dry_run,
                                replace=args.replace)
            print_result(result)
            return 0 if result.ok else 1
        if args.command in NATIONAL_READERS:
            return load_national(engine, args)
        if args.command == "load-rpss":
            return load_register(engine, args)
        if args.command == "load-population":
            return load_population_file(engine, args)
        if args.command == "template":
            from etl.template import write_template

            migrate(engine)
            print(f"written: {write_template(engine, args.out)}")
            return 0
        if args.command == "runs":
            print_runs(engine)
            return 0
        if args.command == "migrate":
            migrate(engine)
            return 0
        if args.command == "demo":
            migrate(engine)
            result = run_demo(engine, args.scale, args.keep)
            print_result(result)
            return 0 if result.ok else 1
        if args.command == "init":
            from etl.provision import ensure_database

            done = ensure_database(engine, demo=not args.no_demo)
            print("loaded: " + (", ".join(done) if done else "nothing new (already loaded)"))
            return 0
    finally:
        engine.dispose()
    return 2


def run_demo(engine: sa.Engine, scale: str, keep: Path | None) -> LoadResult:
    """Generate the demo data of ``scale`` and load it through the ETL as data set ``demo``."""
    import tempfile

    from etl.demo import approve_demo_years, load_demo
    from etl.demo_scale import generate

    if scale == "seed":
        return load_demo(engine)
    with tempfile.TemporaryDirectory(prefix="kpss-demo-") as tmp:
        folder = keep or Path(tmp)
        generate(folder, scale)
        result = load_files(engine, [folder], dataset="demo")
    if result.ok:  # published, as the small demo's years are
        approve_demo_years(engine)
    return result


# command → (module, function) of its reader; imported only when the command runs.
NATIONAL_READERS = {
    "load-dotaceeu": ("etl.sources.dotaceeu", "read_dotaceeu"),
    "load-ms2014": ("etl.sources.ms2014", "read_ms2014"),
    "load-ms2021": ("etl.sources.ms2021", "read_ms2021"),
}


def load_national(engine: sa.Engine, args: argparse.Namespace) -> int:
    """``load-dotaceeu`` / ``load-ms2014`` / ``load-ms2021``: read the national file, then the
    usual validate and load."""
    import importlib

    from etl.load import load_read_result
    from etl.sources.common import Selection

    if not args.path.is_file():
        print(f"file not found: {args.path}", file=sys.stderr)
        return 2
    selection = Selection(call=args.call, programme=args.programme)
    module, function = NATIONAL_READERS[args.command]
    read = getattr(importlib.import_module(module), function)
    migrate(engine)
    result = load_read_result(engine, read(args.path, selection), dataset="national",
                              user=args.user, dry_run=args.dry_run)
    print_result(result)
    return 0 if result.ok else 1


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"not a date YYYY-MM-DD: {text!r}") from exc


def _year(text: str) -> int:
    if not (text.isdigit() and len(text) == 4):
        raise argparse.ArgumentTypeError(f"not a year YYYY: {text!r}")
    return int(text)


def load_population_file(engine: sa.Engine, args: argparse.Namespace) -> int:
    """``load-population``: ČSÚ's population of one year by ORP and age."""
    from etl.population_load import load_population

    if not args.path.is_file():
        print(f"file not found: {args.path}", file=sys.stderr)
        return 2
    migrate(engine)
    result = load_population(engine, args.path, year=args.year, user=args.user,
                             dry_run=args.dry_run)
    print_result(result)
    return 0 if result.ok else 1


def load_register(engine: sa.Engine, args: argparse.Namespace) -> int:
    """``load-rpss``: the register of social services as a dated snapshot."""
    from etl.rpss_load import load_rpss

    for path in (args.path, args.codebooks):
        if path is not None and not path.exists():
            print(f"not found: {path}", file=sys.stderr)
            return 2
    migrate(engine)
    result = load_rpss(engine, args.path, codebooks=args.codebooks, as_of=args.as_of,
                       user=args.user, dry_run=args.dry_run)
    print_result(result)
    return 0 if result.ok else 1


def print_result(result: LoadResult, out=None) -> None:  # noqa: ANN001 - a text stream
    """The summary people read: counts per file and entity, then every problem."""
    out = out or sys.stdout  # looked up at call time, so that a redirected stdout is honoured
    print(f"status: {result.status}", file=out)
    for (file_name, entity), counts in sorted(result.counts.items()):
        deleted = f", deleted {counts['deleted']}" if counts["deleted"] else ""
        print(f"  {file_name} [{entity}]: inserted {counts[INSERTED]}, updated {counts[UPDATED]}, "
              f"unchanged {counts[UNCHANGED]}{deleted}", file=out)
    for problem in result.problems:
        print(f"  {problem}", file=out)
    print(f"{len(result.errors)} errors, {len(result.warnings)} warnings", file=out)


def print_runs(engine: sa.Engine, out=None) -> None:  # noqa: ANN001
    """One line per past load, newest first."""
    out = out or sys.stdout
    with engine.connect() as conn:
        runs = conn.execute(sa.select(s.load_run).order_by(s.load_run.c.id.desc())).mappings()
        for run in runs:
            files = conn.execute(sa.select(s.load_file.c.file_name).where(
                s.load_file.c.load_run_id == run["id"]).distinct()).scalars().all()
            print(f"{run['id']:>5}  {run['started_at']:%Y-%m-%d %H:%M}  {run['dataset']:<9} "
                  f"{run['status']:<9} {run['user_name'] or '-':<12} {', '.join(files)}", file=out)
