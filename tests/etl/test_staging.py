"""Fact rows staged and merged in SQL give the outcomes, lineage and problems of a row-by-row load."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from etl import schema as s
from etl.load import load_files
from etl.read import detect_encoding

P = "CZ.03.2.63/0.0/0.0/16_063/0007100"
Q = "CZ.03.2.63/0.0/0.0/16_063/0007101"
HEADER = "registracni_cislo;kod_indikatoru;datum;dosazena_hodnota;zprava\n"


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def _projects(folder: Path) -> Path:
    return _write(folder, "a_projekty.csv", "registracni_cislo;nazev;zahajeni;ukonceni\n"
                  f"{P};A;1.1.2018;31.12.2019\n{Q};B;1.1.2018;31.12.2019\n")


def _located(result, rule: str) -> list[tuple[str, int]]:  # noqa: ANN001
    return [(p.file, p.row) for p in result.problems if p.rule == rule]


def test_stage001_a_key_again_in_a_later_file_counts_and_keeps_the_last_change(
        engine: sa.Engine, tmp_path: Path) -> None:
    first = _write(tmp_path, "b_plneni_indikatoru.csv",
                   f"{HEADER}{P};60000;30.6.2018;10,50;Z1\n{P};60000;31.12.2018;8;Z2\n")
    second = _write(tmp_path, "c_plneni_indikatoru.csv",
                    f"{HEADER}{P};60000;30.6.2018;99;Z1\n{P};60000;31.12.2018;8,0;Z2\n")
    result = load_files(engine, [_projects(tmp_path), first, second])
    assert result.ok, [str(p) for p in result.errors]
    assert result.counts[(first.name, "plneni_indikatoru")] == {"inserted": 2}
    assert result.counts[(second.name, "plneni_indikatoru")] == {"updated": 1, "unchanged": 1}
    again = load_files(engine, [second, first])  # first's 10,50 now replaces second's 99
    assert again.counts[(second.name, "plneni_indikatoru")] == {"unchanged": 2}
    assert again.counts[(first.name, "plneni_indikatoru")] == {"updated": 1, "unchanged": 1}
    table = s.indicator_achievement
    with engine.connect() as conn:
        rows = conn.execute(sa.select(table.c.achieved_value, table.c.source_row,
                                      table.c.load_run_id).order_by(table.c.reported_on)).all()
    # The 30.6. row names the row of its last change; the 31.12. row, never changed, the first load.
    assert [(float(v), row, run) for v, row, run in rows] == [
        (10.5, 2, again.run_id), (8.0, 3, result.run_id)]


def test_stage002_duplicates_in_a_sheet_and_falling_values_out_of_date_order(
        engine: sa.Engine, tmp_path: Path) -> None:
    values = _write(tmp_path, "b_plneni_indikatoru.csv", HEADER + "".join(
        f"{line}\n" for line in (
            f"{P};60000;30.6.2018;10,50;Z1",   # 2
            f"{P};60000;31.3.2018;12;Z0",      # 3: dates go back: checked in SQL
            f"{Q};60000;31.3.2018;5",          # 4
            f"{P};60000;31.12.2018;8,000;Z2",  # 5
            f"{Q};60000;30.6.2018;4",          # 6: in date order: checked as it streams
            f"{Q};60000;30.6.2018;4,0",        # 7: the same key and values: no problem
            f"{Q};60000;30.6.2018;3",          # 8: the same key, other values
        )))
    result = load_files(engine, [_projects(tmp_path), values])
    assert _located(result, "key-duplicate") == [(values.name, 8)]
    assert [str(p) for p in result.problems if p.rule == "key-duplicate"][0].count(
        f"stejný klíč {Q}, 60000, 30.6.2018 už je na řádku 6 s jinými hodnotami") == 1
    falling = [(p.row, p.value, p.message_en) for p in result.problems
               if p.rule == "achieved-falling"]
    assert falling == [  # series by first appearance, each by date
        (2, "10,50", "the cumulative value fell from 12"),
        (5, "8,000", "the cumulative value fell from 10.50"),
        (6, "4", "the cumulative value fell from 5"),
        (8, "3", "the cumulative value fell from 4.0"),
    ]
    assert result.status == "rejected"


def test_stage003_replace_keeps_only_the_staged_keys(engine: sa.Engine, tmp_path: Path) -> None:
    full = _write(tmp_path, "b_plneni_indikatoru.csv",
                  f"{HEADER}{P};60000;30.6.2018;1\n{P};60000;31.12.2018;2\n{Q};60000;30.6.2018;1\n")
    assert load_files(engine, [_projects(tmp_path), full]).ok
    less = _write(tmp_path, "c_plneni_indikatoru.csv", f"{HEADER}{P};60000;31.12.2018;2\n")
    result = load_files(engine, [less], replace=True)
    assert result.counts[("--replace", "plneni_indikatoru")] == {"deleted": 1}  # Q is not named
    with engine.connect() as conn:
        assert conn.scalar(sa.select(sa.func.count()).select_from(s.indicator_achievement)) == 2


def test_stage004_garbled_text_found_across_decoding_pieces(monkeypatch) -> None:  # noqa: ANN001
    from etl import read

    monkeypatch.setattr(read, "DECODE_PIECE", 7)
    data = "a;b\nxxxxM\u00c4\u203asto\n".encode()  # "Ä›" straddles two pieces
    encoding, problem = detect_encoding("projekty.csv", data)
    assert encoding is None and problem.rule == "encoding-garbled" and problem.row == 2


def _statements(engine: sa.Engine) -> list[str]:
    """Every statement the engine sends from now on."""
    sent: list[str] = []
    sa.event.listen(engine, "before_cursor_execute",
                    lambda conn, cursor, statement, *rest: sent.append(statement))
    return sent


def _indexes(engine: sa.Engine) -> list[str]:
    return sorted(ix["name"] for ix in sa.inspect(engine).get_indexes("indicator_achievement"))


def test_stage005_a_first_large_insert_builds_the_secondary_index_after(
        engine: sa.Engine, tmp_path: Path) -> None:
    projects = _projects(tmp_path)
    assert load_files(engine, [projects]).ok
    values = _write(tmp_path, "b_plneni_indikatoru.csv", HEADER + "".join(
        f"{P};60000;{day}.1.2019;{day};Z\n" for day in range(1, 29)))
    before = _indexes(engine)
    sent = _statements(engine)
    assert load_files(engine, [values], dry_run=True).status == "dry-run"
    dropped = any(st.lstrip().upper().startswith("DROP INDEX") for st in sent)
    assert dropped == (engine.dialect.name == "sqlite")  # PostgreSQL keeps its indexes
    assert _indexes(engine) == before  # the dry run's rollback gives the index back
    assert load_files(engine, [values]).total("inserted") == 28
    assert _indexes(engine) == before
    sent.clear()
    more = _write(tmp_path, "c_plneni_indikatoru.csv", f"{HEADER}{Q};60000;1.2.2019;1;Z\n")
    assert load_files(engine, [more]).total("inserted") == 1  # 1 new row to 28 stored: kept
    assert not any(st.lstrip().upper().startswith("DROP INDEX") for st in sent)
