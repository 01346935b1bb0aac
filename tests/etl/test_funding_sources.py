"""Funding sources are a codebook like indicators: loaded, renamed and removed by a sheet."""

from __future__ import annotations

import sqlalchemy as sa

from etl import schema as s
from etl.load import load_files
from etl.reference import load_reference
from etl.template import entity_names
from tests.etl.codebook_files import PROJECT, PROJECTS, workbook

HEADER = ("kod", "nazev", "nazev_en", "zdroj")
REGION = ("kraj", "Rozpočet kraje", "", "usnesení rady kraje")
DRAWDOWN = [("registracni_cislo", "rok", "zdroj_financovani", "planovano", "cerpano"),
            (PROJECT, "2023", "Rozpočet kraje", "100 000,00 Kč", "40 000,00 Kč"),
            (PROJECT, "2023", "SR", "200 000,00 Kč", "90 000,00 Kč"),
            (PROJECT, "2024", "ESF", "300 000,00 Kč", "")]
REMOVE = ("kod", "nazev", "odstranit")


def load(engine: sa.Engine, name: str, **sheets: list[tuple]):  # noqa: ANN201 - a LoadResult
    return load_files(engine, blobs=[(name, workbook(**sheets))])


def source_row(engine: sa.Engine, code: str) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(sa.select(s.funding_source).where(s.funding_source.c.code == code)
                           ).mappings().first()
    return dict(row) if row else None


def drawdown_sources(engine: sa.Engine) -> list[tuple[int, str]]:
    with engine.connect() as conn:
        return sorted(conn.execute(sa.select(s.drawdown.c.year, s.drawdown.c.source_code)).all())


def counts(engine: sa.Engine) -> dict[str, int]:
    with engine.connect() as conn:
        return {t.name: conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                for t in s.metadata.sorted_tables if t.name not in ("load_run", "load_file")}


def test_fsc001_a_new_source_loads_with_the_drawdown_that_uses_it_and_the_aliases_still_work(
        engine: sa.Engine) -> None:
    result = load(engine, "rozpocet.xlsx", zdroje_financovani=[HEADER, REGION], projekty=PROJECTS,
                  cerpani=DRAWDOWN)
    assert result.ok, [str(p) for p in result.errors]
    assert result.counts[("rozpocet.xlsx", "zdroje_financovani")]["inserted"] == 1
    row = source_row(engine, "kraj")
    # no English name given: the Czech one stands for it
    assert (row["name"], row["name_en"], row["source"]) == (
        "Rozpočet kraje", "Rozpočet kraje", "usnesení rady kraje")
    assert (row["load_run_id"], row["source_row"]) == (result.run_id, 2)
    assert drawdown_sources(engine) == [(2023, "kraj"), (2023, "state"), (2024, "eu")]
    again = load(engine, "rozpocet.xlsx", zdroje_financovani=[HEADER, REGION], projekty=PROJECTS,
                 cerpani=DRAWDOWN)
    assert again.ok and again.total("inserted") == again.total("updated") == 0


def test_fsc002_a_source_named_like_an_alias_is_itself(engine: sa.Engine) -> None:
    # ``kraj`` is what municipal files write for the beneficiary's share, until a codebook says
    # otherwise
    drawdown = [DRAWDOWN[0], (PROJECT, "2023", "kraj", "1 000,00 Kč", "")]
    assert load(engine, "a.xlsx", projekty=PROJECTS, cerpani=drawdown).ok
    assert drawdown_sources(engine) == [(2023, "beneficiary")]
    assert load(engine, "b.xlsx", zdroje_financovani=[HEADER, REGION], projekty=PROJECTS,
                cerpani=drawdown).ok
    assert drawdown_sources(engine) == [(2023, "beneficiary"), (2023, "kraj")]


def test_fsc003_renaming_is_an_update_with_lineage_that_the_shipped_codebook_keeps(
        engine: sa.Engine) -> None:
    renamed = [HEADER, ("state", "Státní rozpočet ČR", "State budget of the Czech Republic", "MF")]
    result = load(engine, "oprava.xlsx", zdroje_financovani=renamed)
    assert result.ok and result.counts[("oprava.xlsx", "zdroje_financovani")]["updated"] == 1
    load_reference(engine)
    row = source_row(engine, "state")
    assert (row["name"], row["name_en"], row["load_run_id"], row["source_row"]) == (
        "Státní rozpočet ČR", "State budget of the Czech Republic", result.run_id, 2)
    # the new name reads as the code in the same load and in later ones
    drawdown = [DRAWDOWN[0], (PROJECT, "2023", "Státní rozpočet ČR", "1 000,00 Kč", "")]
    assert load(engine, "c.xlsx", projekty=PROJECTS, cerpani=drawdown).ok
    assert drawdown_sources(engine) == [(2023, "state")]


def test_fsc004_a_source_that_data_uses_cannot_be_removed(engine: sa.Engine) -> None:
    assert load(engine, "rozpocet.xlsx", zdroje_financovani=[HEADER, REGION], projekty=PROJECTS,
                cerpani=DRAWDOWN).ok
    before = counts(engine)
    result = load(engine, "ciselnik.xlsx", zdroje_financovani=[REMOVE, ("kraj", "x", "ano")])
    assert [(p.rule, p.sheet, p.row, p.column, p.value) for p in result.errors] == [
        ("code-in-use", "zdroje_financovani", 2, "odstranit", "kraj")]
    assert "zdrojů financování" in result.errors[0].message_cs
    assert "drawdown" in result.errors[0].message_en
    assert counts(engine) == before and source_row(engine, "kraj") is not None


def test_fsc005_the_share_sources_are_always_in_use(engine: sa.Engine) -> None:
    # a project's podil_eu, podil_sr and podil_prijemce columns write them
    result = load(engine, "ciselnik.xlsx", zdroje_financovani=[REMOVE, ("eu", "EU", "ano")])
    assert [p.rule for p in result.errors] == ["code-in-use"]
    assert source_row(engine, "eu") is not None


def test_fsc006_an_unused_source_is_removed_and_rows_naming_it_are_refused(
        engine: sa.Engine) -> None:
    assert load(engine, "a.xlsx", zdroje_financovani=[HEADER, REGION]).ok
    result = load(engine, "b.xlsx", zdroje_financovani=[REMOVE, ("kraj", "x", "ano")])
    assert result.ok and result.counts[("b.xlsx", "zdroje_financovani")]["deleted"] == 1
    assert source_row(engine, "kraj") is None
    before = counts(engine)
    drawdown = [DRAWDOWN[0], (PROJECT, "2023", "Rozpočet kraje", "1 000,00 Kč", "")]
    result = load(engine, "c.xlsx", projekty=PROJECTS, cerpani=drawdown)
    assert [(p.rule, p.sheet, p.row) for p in result.errors] == [
        ("unknown-zdroj_financovani", "cerpani", 2)]
    assert "zdroje_financovani" in result.errors[0].message_cs
    assert counts(engine) == before


def test_fsc007_the_template_offers_the_sheet_among_the_codebooks() -> None:
    assert entity_names()[:4] == ["programy", "vyzvy", "indikatory", "zdroje_financovani"]
