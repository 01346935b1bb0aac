"""Codebooks as data: indicators, programmes and calls load like any other sheet."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from etl import schema as s
from etl.load import load_files
from etl.parse import ParseError, parse_period
from tests.etl.codebook_files import CODEBOOK, PROJECT, PROJECTS, TARGETS, VALUES, full_workbook, workbook


def load(engine: sa.Engine, *blobs: tuple[str, bytes]):  # noqa: ANN201 - a LoadResult
    return load_files(engine, blobs=list(blobs))


def indicator_row(engine: sa.Engine, code: str) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(s.indicator).where(s.indicator.c.code == code)).mappings().first()
    return dict(row) if row else None


def table_counts(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                for t in s.metadata.sorted_tables if t.name not in ("load_run", "load_file")}


def test_cbk001_a_new_code_loads_with_the_targets_and_values_that_use_it(engine: sa.Engine) -> None:
    result = load(engine, ("projekt.xlsx", full_workbook()))
    assert result.ok, [str(p) for p in result.errors]
    assert result.counts[("projekt.xlsx", "indikatory")]["inserted"] == 1
    row = indicator_row(engine, "67010")
    assert (row["name"], row["unit"], row["period"], row["source"]) == (
        "Počet podpořených osob", "osoby", "2021–2027", "NČI 2021+")
    assert (row["load_run_id"], row["source_row"]) == (result.run_id, 2)
    with engine.connect() as conn:
        values = conn.scalars(sa.select(s.indicator_achievement.c.achieved_value)
                              .where(s.indicator_achievement.c.indicator_code == "67010")).all()
        progress = conn.execute(sa.select(s.indicator_progress.c.latest_value)
                                .where(s.indicator_progress.c.indicator_code == "67010")).scalar_one()
    assert sorted(float(v) for v in values) == [15.0, 40.0]
    assert progress == 40.0


def test_cbk002_csv_files_carry_the_codebook_in_the_same_run(engine: sa.Engine) -> None:
    def csv(rows: list[tuple]) -> bytes:
        return "\n".join(";".join(r) for r in rows).encode()

    result = load(engine, ("plneni_indikatoru.csv", csv(VALUES)), ("projekty.csv", csv(PROJECTS)),
                  ("cile_indikatoru.csv", csv(TARGETS)), ("indikatory.csv", csv(CODEBOOK)))
    assert result.ok, [str(p) for p in result.errors]
    assert indicator_row(engine, "67010")["period"] == "2021–2027"


def test_cbk003_an_unknown_code_is_refused_saying_how_to_add_it(engine: sa.Engine) -> None:
    before = table_counts(engine)
    result = load(engine, ("projekt.xlsx", workbook(projekty=PROJECTS, cile_indikatoru=TARGETS,
                                                    plneni_indikatoru=VALUES)))
    assert not result.ok
    problems = [p for p in result.errors if p.rule == "unknown-kod_indikatoru"]
    assert [(p.sheet, p.row) for p in problems] == [
        ("cile_indikatoru", 2), ("plneni_indikatoru", 2), ("plneni_indikatoru", 3)]
    assert problems[0].message_cs.startswith("Kód 67010 není v číselníku indikátorů. "
                                             "Přidejte ho na list „indikatory“ (kód, název, "
                                             "jednotka, období)")
    assert "Add it on a sheet “indikatory”" in problems[0].message_en
    assert table_counts(engine) == before


def test_cbk004_a_code_that_data_uses_cannot_be_removed(engine: sa.Engine) -> None:
    removal = [(*CODEBOOK[0], "odstranit"), (*CODEBOOK[1], "ano")]
    # rows beside the removal of their own code are rows of an unknown code
    result = load(engine, ("projekt.xlsx", full_workbook(removal)))
    assert {p.rule for p in result.errors} == {"unknown-kod_indikatoru"}
    assert load(engine, ("projekt.xlsx", full_workbook())).ok
    before = table_counts(engine)
    result = load(engine, ("ciselnik.xlsx", workbook(indikatory=removal)))
    assert [(p.rule, p.sheet, p.row, p.column, p.value) for p in result.errors] == [
        ("code-in-use", "indikatory", 2, "odstranit", "67010")]
    assert "nelze odstranit" in result.errors[0].message_cs
    assert table_counts(engine) == before
    assert indicator_row(engine, "67010") is not None


def test_cbk005_an_unused_code_is_removed_once(engine: sa.Engine) -> None:
    assert load(engine, ("ciselnik.xlsx", workbook(indikatory=CODEBOOK))).ok
    removal = [(*CODEBOOK[0], "odstranit"), (*CODEBOOK[1], "ano")]
    result = load(engine, ("ciselnik.xlsx", workbook(indikatory=removal)))
    assert result.ok and result.counts[("ciselnik.xlsx", "indikatory")]["deleted"] == 1
    assert indicator_row(engine, "67010") is None
    again = load(engine, ("ciselnik.xlsx", workbook(indikatory=removal)))
    assert again.ok and again.total("unchanged") == 1 and again.total("deleted") == 0


def test_cbk006_renaming_a_code_is_an_update_with_lineage_and_a_reload_changes_nothing(
        engine: sa.Engine) -> None:
    first = load(engine, ("projekt.xlsx", full_workbook()))
    same = load(engine, ("projekt.xlsx", full_workbook()))
    assert same.ok and same.total("inserted") == same.total("updated") == 0
    assert indicator_row(engine, "67010")["load_run_id"] == first.run_id
    renamed = [CODEBOOK[0], ("67010", "Počet podpořených osob celkem", "osoby", "2021–2027",
                             "NČI 2021+, 2024")]
    result = load(engine, ("oprava.xlsx", workbook(indikatory=renamed)))
    assert result.counts[("oprava.xlsx", "indikatory")]["updated"] == 1
    row = indicator_row(engine, "67010")
    assert (row["name"], row["load_run_id"], row["source_row"]) == (
        "Počet podpořených osob celkem", result.run_id, 2)


def test_cbk007_programmes_and_calls_load_before_the_projects_that_name_them(
        engine: sa.Engine) -> None:
    programmes = [("kod", "nazev", "obdobi"), ("JAK", "Jan Amos Komenský", "2021–27")]
    calls = [("program", "cislo", "nazev"), ("JAK", "02_22_001", "Rovné příležitosti")]
    projects = [("registracni_cislo", "nazev", "program", "vyzva"),
                (PROJECT, "Projekt JAK", "JAK", "02_22_001")]
    result = load(engine, ("jak.xlsx", workbook(projekty=projects, vyzvy=calls,
                                                programy=programmes)))
    assert result.ok, [str(p) for p in result.errors]
    with engine.connect() as conn:
        programme = conn.execute(sa.select(s.programme).where(s.programme.c.code == "JAK")
                                 ).mappings().one()
        call = conn.execute(sa.select(s.call).where(s.call.c.programme_code == "JAK")).mappings().one()
        project_call = conn.scalar(sa.select(s.project.c.call_id).where(s.project.c.key == PROJECT))
    assert (programme["period"], programme["load_run_id"]) == ("2021–2027", result.run_id)
    assert (call["name"], call["id"]) == ("Rovné příležitosti", project_call)


def test_cbk008_a_call_of_an_unknown_programme_and_a_bad_period_are_refused(
        engine: sa.Engine) -> None:
    calls = [("program", "cislo"), ("XYZ", "7")]
    codebook = [CODEBOOK[0], ("67010", "Počet", "osoby", "2022", None)]
    result = load(engine, ("spatne.xlsx", workbook(vyzvy=calls, indikatory=codebook)))
    assert sorted((p.rule, p.sheet, p.column) for p in result.errors) == [
        ("unknown-program", "vyzvy", "program"), ("value-period", "indikatory", "obdobi")]


@pytest.mark.parametrize(("text", "period"), [
    ("2014–2020", "2014–2020"), ("2014-2020", "2014–2020"), ("2021 – 2027", "2021–2027"),
    ("2021-27", "2021–2027"), ("2007/2013", "2007–2013")])
def test_cbk009_periods_as_users_write_them(text: str, period: str) -> None:
    assert parse_period(text) == period


@pytest.mark.parametrize("text", ["2022", "2014–2021", "2020-2027", "OPZ+"])
def test_cbk010_what_is_not_a_period(text: str) -> None:
    with pytest.raises(ParseError):
        parse_period(text)


def test_cbk011_a_target_from_another_periods_codebook_is_reported(engine: sa.Engine) -> None:
    opz = [PROJECTS[0], (PROJECT, "Projekt OPZ", "OPZ", "1.1.2023", "31.12.2025", None)]
    result = load(engine, ("projekt.xlsx", workbook(indikatory=CODEBOOK, projekty=opz,
                                                    cile_indikatoru=TARGETS)))
    assert result.ok
    assert [(p.rule, p.sheet, p.row, p.value) for p in result.warnings] == [
        ("indicator-period", "cile_indikatoru", 2, "67010")]
    assert "období 2021–2027, projekt patří do období 2014–2020" in result.warnings[0].message_cs
    # the same project under OPZ+ (2021–2027) is in the code's period: nothing to say
    assert not load(engine, ("projekt.xlsx", full_workbook())).warnings


def test_cbk012_the_shipped_codebook_never_undoes_a_users_change(engine: sa.Engine) -> None:
    from etl.reference import load_reference

    renamed = [CODEBOOK[0], ("60000", "Celkový počet účastníků (osoby)", "osoby", "2014–2020", None)]
    assert load(engine, ("oprava.xlsx", workbook(indikatory=renamed))).ok
    load_reference(engine)  # as every start of the app does
    assert indicator_row(engine, "60000")["name"] == "Celkový počet účastníků (osoby)"
    assert indicator_row(engine, "80500")["period"] == "2014–2020"  # untouched rows stay shipped
