"""The data page's tables and the import templates (read back by the real ETL)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pandas as pd
import pytest
import sqlalchemy as sa

from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.db import EXTENSION_KEY, Database
from dashboard.figures import data as tables
from dashboard.queries import loads
from etl import schema as s
from etl.entities import ENTITIES
from etl.load import load_files
from etl.template import HELP_PREFIX, LISTS_SHEET, csv_template, entity_names, template_bytes

WARNING_CSV = ("plan;kod;nazev;priorita;cilova_skupina;planovane_naklady;poznamka_navic\n"
               "ostrava-kp5;9.1;Testovací opatření;1 Dostupnost služeb;I. Podpora seniorům;"
               "10 000 Kč;nic\n").encode()


def test_dat001_template_has_every_entity_with_headers_and_a_help_row(engine: sa.Engine) -> None:
    book = openpyxl.load_workbook(io.BytesIO(template_bytes(engine)))
    assert book.sheetnames == entity_names() + [LISTS_SHEET]
    assert set(entity_names()) == set(ENTITIES)
    for name in entity_names():
        sheet = book[name]
        assert [c.value for c in sheet[1]] == [c.name for c in ENTITIES[name].columns]
        assert str(sheet["A2"].value).startswith(HELP_PREFIX)
        assert sheet.max_row == 2


def test_dat002_csv_template_is_the_header_row() -> None:
    text = csv_template("plneni_opatreni").decode("utf-8-sig")
    assert text.strip().split(";") == [c.name for c in ENTITIES["plneni_opatreni"].columns]


def test_dat003_a_filled_template_loads_and_its_help_row_is_skipped(seeded_engine: sa.Engine) -> None:
    book = openpyxl.load_workbook(io.BytesIO(template_bytes(seeded_engine, ["opatreni"])))
    sheet = book["opatreni"]
    sheet.append(["ostrava-kp5", "9.9", "Opatření ze šablony", "1 Dostupnost služeb",
                  "I. Podpora seniorům", "odbor sociálních věcí", 25000, "test"])
    buffer = io.BytesIO()
    book.save(buffer)
    result = load_files(seeded_engine, blobs=[("sablona.xlsx", buffer.getvalue())])
    assert result.status == "loaded", [str(p) for p in result.problems]
    with seeded_engine.connect() as conn:
        names = set(conn.scalars(sa.select(s.measure.c.name).where(s.measure.c.code == "9.9")))
        help_rows = conn.scalar(sa.select(sa.func.count()).select_from(s.measure)
                                .where(s.measure.c.name.like("Nápověda%")))
    assert names == {"Opatření ze šablony"}
    assert help_rows == 0


def test_dat004_loads_with_files_counts_and_warnings(seeded_engine: sa.Engine) -> None:
    result = load_files(seeded_engine, blobs=[("opatreni_test.csv", WARNING_CSV)], user="novakova")
    assert result.status == "loaded" and result.warnings
    db = Database(seeded_engine)
    runs = loads.load_runs(db)
    files = loads.load_files_of(db, [int(i) for i in runs["id"]])
    frame = tables.runs_frame(runs, files, "cs").set_index("id")
    assert set(frame["dataset"]) >= {"výchozí data ze stránek projektů", "ukázková data (DEMO)",
                                     "soubor uživatele"}
    newest = frame.loc[result.run_id]
    assert newest["user"] == "novakova" and newest["status"] == "načteno"
    assert newest["warnings"] == len(result.warnings) and newest["files"] == 1
    problems = tables.problems_frame(runs, "cs")
    mine = problems[problems["run"] == result.run_id]
    assert list(mine["file"]) == ["opatreni_test.csv"] * len(result.warnings)
    assert "poznamka_navic" in " ".join(str(v) for v in mine[["column", "value", "message"]].values.ravel())
    assert set(mine["severity"]) == {"varování"}
    assert set(tables.problems_frame(runs, "en")["severity"]) == {"warning"}
    counts = tables.files_frame(files).set_index("file_name").loc["opatreni_test.csv"]
    assert (counts["entity"], counts["inserted"], counts["updated"]) == ("opatreni", 1, 0)


@pytest.mark.parametrize(("stored", "lang", "shown"), [
    (dt.datetime(2026, 1, 15, 9, 5), "cs", "15. 1. 2026 10:05"),  # naive = UTC; winter: UTC+1
    (dt.datetime(2026, 7, 1, 22, 30, tzinfo=dt.UTC), "cs", "2. 7. 2026 00:30"),  # summer: UTC+2
    (None, "cs", "–"),
])
def test_dat005_load_times_in_czech_local_time(stored: dt.datetime | None, lang: str, shown: str) -> None:
    assert tables.local_time(stored, lang).replace("\u00a0", " ") == shown


def test_dat006_problems_json_tolerates_junk() -> None:
    runs = pd.DataFrame({"id": [1, 2, 3], "problems": [None, "oops", [{"severity": "error",
                                                                        "file": "a.csv", "row": 3,
                                                                        "message_cs": "špatně",
                                                                        "message_en": "wrong"}, 5]]})
    frame = tables.problems_frame(runs, "en")
    assert frame.to_dict("records") == [{"run": 3, "severity": "error", "file": "a.csv", "sheet": None,
                                         "row": 3, "column": None, "value": None, "message": "wrong"}]


def test_dat007_routes_serve_templates_and_data_exports(seeded_db_url: str) -> None:
    app = create_app(Settings(database_url=seeded_db_url))
    client = app.server.test_client()
    xlsx = client.get("/sablony/import.xlsx")
    assert xlsx.status_code == 200 and xlsx.data[:2] == b"PK"
    assert client.get("/sablony/opatreni.csv").data.decode("utf-8-sig").startswith("plan;kod;nazev")
    assert client.get("/sablony/neexistuje.csv").status_code == 404
    runs = client.get("/export/data-loads.csv").data.decode("utf-8-sig")
    assert "ukázková data (DEMO)" in runs
    files = client.get("/export/data-files.csv").data.decode("utf-8-sig")
    assert "demo_plneni_opatreni.csv" in files and "projekty.csv" in files
    app.server.extensions[EXTENSION_KEY].engine.dispose()


def test_dat008_empty_database_has_no_loads(engine: sa.Engine) -> None:
    runs = loads.load_runs(Database(engine))
    assert runs.empty
    assert tables.runs_frame(runs, pd.DataFrame(), "cs").empty
    assert tables.problems_frame(runs, "cs").empty


def test_dat009_pages_on_an_empty_database_show_empty_states(db_url: str) -> None:
    import json

    import dash
    import plotly

    app = create_app(Settings(database_url=db_url))
    with app.server.test_request_context("/data"):
        data, plan = (json.dumps(json.loads(json.dumps(layout, cls=plotly.utils.PlotlyJSONEncoder)),
                                 ensure_ascii=False)
                      for layout in (dash.page_registry["pages.data"]["layout"](),
                                     dash.page_registry["pages.plan"]["layout"](plan="ostrava-kp5")))
    assert '"data-empty"' in data and "Zatím nebyla načtena žádná data." in data
    assert '"data-template-xlsx"' in data  # templates are offered even before the first load
    assert '"plan-empty"' in plan
    app.server.extensions[EXTENSION_KEY].engine.dispose()


def test_dat010_data_page_lists_the_warnings_of_a_load(seeded_db_url: str,
                                                       seeded_engine: sa.Engine) -> None:
    import json

    import dash
    import plotly

    result = load_files(seeded_engine, blobs=[("opatreni_test.csv", WARNING_CSV)], user="novakova")
    app = create_app(Settings(database_url=seeded_db_url))
    with app.server.test_request_context("/data"):
        layout = dash.page_registry["pages.data"]["layout"](beh=str(result.run_id))
        page = json.dumps(json.loads(json.dumps(layout, cls=plotly.utils.PlotlyJSONEncoder)),
                          ensure_ascii=False)
    assert '"data-problems-grid"' in page and '"data-problems-none"' not in page
    assert result.warnings[0].message_cs in page
    assert "novakova" in page and "opatreni_test.csv" in page
    assert "demo_plneni_opatreni.csv" not in page  # only the chosen load's files
    app.server.extensions[EXTENSION_KEY].engine.dispose()


def test_dat011_help_texts_do_not_repeat_themselves() -> None:
    from etl.template import column_help

    evaluation = ENTITIES["plneni_opatreni"]
    assert column_help(evaluation.column("skutecne_naklady")) == "nepovinné, částka v Kč"
    assert column_help(evaluation.column("verejne")) == "nepovinné, ano / ne (výchozí ne)"
    assert column_help(evaluation.column("rok")) == "povinné, rok, 2020"
