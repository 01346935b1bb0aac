"""What the upload page shows of a dry run: problems in an order a person reads, counts as numbers."""

from __future__ import annotations

from collections import Counter

from dashboard.uploads import count_rows, problem_rows
from etl.problems import WARNING, Problem
from etl.result import LoadResult


def _problem(row: int, severity: str = "error", file: str = "plneni_indikatoru.csv") -> Problem:
    return Problem(file=file, rule="r", message_cs="česky", message_en="english",
                   severity=severity, row=row)


def test_upl001_errors_first_each_in_file_and_row_order() -> None:
    result = LoadResult(status="rejected", problems=[
        _problem(8), _problem(2, WARNING), _problem(5), _problem(3, file="a_projekty.csv"),
        _problem(4)])
    rows = problem_rows(result, "cs")
    assert [(r["severity"], r["file"], r["row"]) for r in rows] == [
        ("error", "a_projekty.csv", "3"), ("error", "plneni_indikatoru.csv", "4"),
        ("error", "plneni_indikatoru.csv", "5"), ("error", "plneni_indikatoru.csv", "8"),
        ("warning", "plneni_indikatoru.csv", "2")]
    assert {r["message"] for r in rows} == {"česky"}
    assert {r["message"] for r in problem_rows(result, "en")} == {"english"}


def test_upl002_counts_are_grouped_numbers_under_the_entitys_title() -> None:
    result = LoadResult(status="dry-run", counts={
        ("plneni_indikatoru.csv", "plneni_indikatoru"): Counter(inserted=60000, unchanged=3)})
    assert count_rows(result, "cs") == [{
        "file": "plneni_indikatoru.csv", "entity": "Dosažené hodnoty indikátorů",
        "inserted": "60\u00a0000", "updated": "0", "unchanged": "3", "deleted": "0"}]
    assert count_rows(result, "en")[0]["entity"] == "plneni_indikatoru"
    assert count_rows(result, "en")[0]["inserted"] == "60,000"



def test_upl_cbk_counts_show_codes_removed_from_a_codebook(engine) -> None:  # noqa: ANN001
    from etl.load import load_files

    codebook = "kod;nazev;jednotka;obdobi;odstranit\n67010;Počet;osoby;2021–2027;{}\n"
    assert load_files(engine, blobs=[("indikatory.csv", codebook.format("ne").encode())]).ok
    result = load_files(engine, blobs=[("indikatory.csv", codebook.format("ano").encode())])
    rows = count_rows(result, "cs")
    assert [(r["entity"], r["deleted"]) for r in rows] == [("Číselník indikátorů", "1")]
