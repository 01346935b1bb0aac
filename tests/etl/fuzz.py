"""A seeded ETL fuzzer: the good files of ``tests/data/good/`` mutated the ways real and hostile
files go wrong, each loaded under the load contract.

The contract, per case: the load ends with a result (exit 0 or 1), never an exception; a
rejected load leaves every table as it was; an accepted load stores what the file says,
so the same file again changes nothing. ``tests/etl/test_fuzz.py`` runs it on SQLite and
PostgreSQL; ``KPSS_FUZZ_CASES`` and ``KPSS_FUZZ_SEED`` choose a longer run.
"""

from __future__ import annotations

import io
import random
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
import sqlalchemy as sa
from openpyxl.cell.cell import MergedCell

from etl import schema as s
from etl.load import load_files
from etl.result import LoadResult

GOOD = Path(__file__).parent.parent / "data" / "good"
#: Tables a load writes its own record into: they grow with every load, whatever it holds.
RUN_TABLES = ("load_run", "load_file")

NUMBERS = ["9" * 30, "1" + "0" * 20, "-1" + "0" * 19, "99999999999999,9999", "0,000000001",
           "123 456 789 012 345,67", "1e300", "NaN", "inf", "-0", "0,1", "1 000 000,005 Kč",
           "999 999 999 999,99", "2147483648", "-5 %", "1,5E3", "٣", "1\u00a0000", "12,5 %"]
DATES = ["0.0.0000", "31.12.9999", "1.1.0001", "29.2.2019", "-1", "0", "99999", "2958466",
         "1.1.1899", "31.12.1899", "1.13.2020", "2020-02-30", "1. 11. 2017", "45000"]
TEXTS = ["=1+1", "=HYPERLINK(\"http://x\"&A1,\"Klik\")", "+cmd|' /C calc'!A0", "@SUM(A1)",
         "<a href=\"https://x\">x</a>", "Ä›Ĺ™", "\x00", "\u202e", "'; DROP TABLE project; --",
         "x" * 101, "ž" * 600, "\t", "\"", "a\nb"]
WORKBOOK_VALUES: list[object] = [1e300, -1e300, 1e-9, -1, 0.1 + 0.2, 2 ** 63, float("nan"),
                                 "=A1*2", "=1/0", "", None, True, "x" * 140_000]


@dataclass
class Case:
    """One mutated file: how it was made, and its name and bytes."""

    number: int
    mutation: str
    name: str
    data: bytes


@dataclass
class Outcome:
    """What a run of cases gave."""

    seed: int
    cases: int = 0
    outcomes: Counter = field(default_factory=Counter)  # loaded / rejected / failed
    mutations: Counter = field(default_factory=Counter)
    failures: list[dict[str, object]] = field(default_factory=list)
    # per case: its outcome and the places and rules of its errors (compared across databases)
    verdicts: list[tuple] = field(default_factory=list)


def good_files() -> list[Path]:
    """Every good file, in a stable order."""
    return sorted(p for p in GOOD.rglob("*") if p.suffix in (".csv", ".xlsx"))


# -- CSV mutations (text in, text out; rng chooses) --------------------------------------

def _lines(text: str) -> list[str]:
    return text.split("\n")


def _delimiter(text: str) -> str:
    head = text.split("\n", 1)[0]
    return ";" if head.count(";") >= head.count(",") else ","


def _cell_edit(rng: random.Random, text: str, choose: Callable[[random.Random], str]) -> str:
    """One data cell of the text replaced by ``choose(rng)``."""
    lines, delimiter = _lines(text), _delimiter(text)
    data = [i for i, line in enumerate(lines[1:], start=1) if line.strip()]
    if not data:
        return text
    at = rng.choice(data)
    cells = lines[at].split(delimiter)
    cells[rng.randrange(len(cells))] = choose(rng)
    lines[at] = delimiter.join(cells)
    return "\n".join(lines)


def _truncate(rng: random.Random, data: bytes) -> bytes:
    return data[:rng.randrange(len(data))]


def _flip_bytes(rng: random.Random, data: bytes) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 5)):
        out[rng.randrange(len(out))] = rng.randrange(256)
    return bytes(out)


def _swap_columns(rng: random.Random, text: str) -> str:
    lines, delimiter = _lines(text), _delimiter(text)
    for index, line in enumerate(lines):
        cells = line.split(delimiter)
        if len(cells) > 2:
            a, b = rng.sample(range(len(cells)), 2)
            cells[a], cells[b] = cells[b], cells[a]
            lines[index] = delimiter.join(cells)
            break
    return "\n".join(lines)


def _duplicate_row(rng: random.Random, text: str) -> str:
    lines = _lines(text)
    if len(lines) < 3:
        return text
    at = rng.randrange(1, len(lines))
    lines.insert(rng.randrange(1, len(lines) + 1), lines[at])
    return "\n".join(lines)


def _stray(rng: random.Random, text: str) -> str:
    at = rng.randrange(len(text) + 1)
    return text[:at] + rng.choice([";", ",", "\"", "\"\"", "\n", "\r", ";\"", "\t"]) + text[at:]


def _reencode(rng: random.Random, text: str) -> bytes:
    choice = rng.choice(["cp1250", "latin-1-garbled", "utf-16", "utf-8-bom", "cp1252-garbled"])
    if choice == "cp1250":
        return text.encode("cp1250", errors="replace")
    if choice == "utf-16":
        return text.encode("utf-16")
    if choice == "utf-8-bom":
        return text.encode("utf-8-sig")
    page = "latin-1" if choice == "latin-1-garbled" else "cp1252"
    return text.encode("utf-8").decode(page, errors="replace").encode("utf-8")


def _text_of(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


CSV_MUTATIONS: dict[str, Callable[[random.Random, bytes], bytes]] = {
    "truncate": _truncate,
    "flip-bytes": _flip_bytes,
    "swap-columns": lambda r, d: _swap_columns(r, _text_of(d)).encode(),
    "blank-cell": lambda r, d: _cell_edit(r, _text_of(d), lambda _r: "").encode(),
    "huge-cell": lambda r, d: _cell_edit(
        r, _text_of(d), lambda r2: r2.choice(["x", "9", "ž", " "]) * r2.choice([150_000, 2_000_000])
    ).encode(),
    "extreme-number": lambda r, d: _cell_edit(r, _text_of(d), lambda r2: r2.choice(NUMBERS)).encode(),
    "extreme-date": lambda r, d: _cell_edit(r, _text_of(d), lambda r2: r2.choice(DATES)).encode(),
    "odd-text": lambda r, d: _cell_edit(r, _text_of(d), lambda r2: r2.choice(TEXTS)).encode(),
    "wrong-encoding": lambda r, d: _reencode(r, _text_of(d)),
    "duplicate-row": lambda r, d: _duplicate_row(r, _text_of(d)).encode(),
    "stray-character": lambda r, d: _stray(r, _text_of(d)).encode(),
}


# -- workbook mutations --------------------------------------------------------------------

def _workbook_mutation(rng: random.Random, data: bytes) -> tuple[str, bytes]:
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = rng.choice(book.worksheets)
    kind = rng.choice(["cell", "cell", "cell", "far-cell", "delete-row", "swap-header", "merge"])
    if kind == "far-cell":
        sheet[rng.choice(["XFD1048576", "Z300000", "GS10", "A200001", "HH2"])] = 1
    elif kind == "delete-row" and sheet.max_row > 1:
        sheet.delete_rows(rng.randint(1, sheet.max_row))
    elif kind == "swap-header" and sheet.max_column > 1:
        a, b = rng.sample(range(1, sheet.max_column + 1), 2)
        first, second = sheet.cell(1, a), sheet.cell(1, b)
        if not isinstance(first, MergedCell) and not isinstance(second, MergedCell):
            first.value, second.value = second.value, first.value
    elif kind == "merge" and sheet.max_row > 2:
        row = rng.randint(2, sheet.max_row)
        sheet.merge_cells(start_row=row, start_column=1, end_row=min(row + 2, sheet.max_row),
                          end_column=2)
    else:
        kind = "cell"
        cell = sheet.cell(rng.randint(1, max(sheet.max_row, 1) + 1),
                          rng.randint(1, max(sheet.max_column, 1)))
        if not isinstance(cell, MergedCell):  # writing into a merged cell's shadow raises
            value = rng.choice(WORKBOOK_VALUES + NUMBERS + DATES + TEXTS)
            if isinstance(value, str):
                value = value.replace("\x00", "")  # openpyxl refuses control characters
            try:
                cell.value = value
            except (ValueError, TypeError):  # a character openpyxl cannot store
                cell.value = "x"
            if rng.random() < 0.3:
                cell.number_format = "d.m.yyyy"
    out = io.BytesIO()
    book.save(out)
    return f"workbook-{kind}", out.getvalue()


def make_case(number: int, seed: int, files: list[Path]) -> Case:
    """Case ``number`` of the run with ``seed``: the same every time."""
    rng = random.Random(f"{seed}:{number}")
    workbooks = [p for p in files if p.suffix == ".xlsx"]
    # A quarter of the cases are workbooks, though the good files hold few of them.
    path = rng.choice(workbooks if workbooks and rng.random() < 0.25 else files)
    data = path.read_bytes()
    if path.suffix == ".xlsx":
        mutation, mutated = _workbook_mutation(rng, data)
    else:
        mutation = rng.choice(sorted(CSV_MUTATIONS))
        mutated = CSV_MUTATIONS[mutation](rng, data)
        if rng.random() < 0.2:  # now and then two at once
            second = rng.choice(sorted(CSV_MUTATIONS))
            mutated = CSV_MUTATIONS[second](rng, mutated) if mutated else mutated
            mutation = f"{mutation}+{second}"
    return Case(number, mutation, f"{path.parent.name}/{path.name}", mutated)


# -- the contract ---------------------------------------------------------------------------

def snapshot(engine: sa.Engine, skip: tuple[str, ...] = RUN_TABLES) -> dict[str, list[tuple]]:
    """Every row of every table but the load's own records, sorted."""
    with engine.connect() as conn:
        return {table.name: sorted(map(tuple, conn.execute(sa.select(table))), key=repr)
                for table in s.metadata.sorted_tables if table.name not in skip}


def verdict(result: LoadResult) -> tuple:
    """What a load decided, as both databases must decide it alike: its errors' places and rules."""
    return result.ok, sorted((p.file, p.sheet or "", p.row or 0, p.column or "", p.rule)
                             for p in result.errors)


def check_case(engine: sa.Engine, case: Case) -> tuple[str, str | None, tuple | None]:
    """('loaded' | 'rejected' | 'failed', what broke the contract or None, the load's verdict)."""
    loaded: list[LoadResult] = []
    status, broken = _check(engine, case, loaded)
    return status, broken, verdict(loaded[0]) if loaded else None


def _check(engine: sa.Engine, case: Case, loaded: list[LoadResult]) -> tuple[str, str | None]:
    """The contract for one case; the first load's result goes to ``loaded``."""
    before = snapshot(engine)
    blobs = [(Path(case.name).name, case.data)]
    try:
        result = load_files(engine, blobs=blobs, dataset="user")
    except Exception:  # noqa: BLE001 - a traceback is the failure being looked for
        return "failed", traceback.format_exc(limit=8)
    loaded.append(result)
    if not result.ok:
        after = snapshot(engine)
        return "rejected", None if after == before else "a rejected load changed the database"
    after = snapshot(engine)
    try:
        again = load_files(engine, blobs=blobs, dataset="user")
    except Exception:  # noqa: BLE001
        return "failed", "the second load raised:\n" + traceback.format_exc(limit=8)
    changed = again.total("inserted") + again.total("updated")
    if not again.ok or changed or snapshot(engine) != after:
        return "failed", (f"the same file again changed {changed} rows (ok={again.ok}): "
                          f"{[str(p) for p in again.errors][:3]}")
    return "loaded", None


def run(engine: sa.Engine, cases: int, seed: int) -> Outcome:
    """Make and check ``cases`` cases; what happened to each."""
    files = good_files()
    outcome = Outcome(seed=seed)
    for number in range(cases):
        case = make_case(number, seed, files)
        status, broken, decided = check_case(engine, case)
        outcome.verdicts.append(decided)
        outcome.cases += 1
        outcome.outcomes["failed" if broken else status] += 1
        outcome.mutations[case.mutation.split("+")[0]] += 1
        if broken:
            outcome.failures.append({"case": number, "file": case.name,
                                     "mutation": case.mutation, "problem": broken[-2000:]})
    return outcome
