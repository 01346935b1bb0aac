"""The project and indicator pages' layouts, exports and URL callback, without a browser."""

from __future__ import annotations

from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.app import create_app
from dashboard.config import Settings
from tests.dashboard.page_tree import ids as _ids
from tests.dashboard.page_tree import page_module as _page
from tests.dashboard.page_tree import text as _text
from tests.dashboard.page_tree import walk as _walk

OSTRAVA = "CZ.03.2.63/0.0/0.0/16_063/0006590"
JMK = "local:jmk-planovani-ss"
DEMO_FINISHED = "local:demo-ukazkov"


@pytest.fixture
def app(seeded_db_url: str):  # noqa: ANN201 - a Dash app
    return create_app(Settings(database_url=seeded_db_url))


@pytest.fixture
def pages(app):  # noqa: ANN001, ANN201 - the page modules, once the app has imported them
    return _page("/projekt"), _page("/indikatory")


def test_pl001_ostrava_page_shows_its_public_facts_and_no_demo(app, pages) -> None:  # noqa: ANN001
    project, _ = pages
    with app.server.test_request_context():
        tree = project.layout(id=OSTRAVA)
        ids = _ids(tree)
    assert _text(ids["project-registration"]) == OSTRAVA
    # the date keeps together on one line (non-breaking spaces)
    assert _text(ids["project-indicator-60000-target"]) == "20 (do 31.\u00a010.\u00a02019)"
    # a real project: its stated targets, no generated values, no DEMO anywhere
    assert _text(ids["project-indicator-60000-status"]) == "bez dat"
    assert "status-no_data" in ids["project-indicator-60000-status"].className
    assert "project-indicator-60000-risk" not in ids
    assert "DEMO" not in _text(tree)
    assert "project-no-drawdown" in ids and "project-drawdown-graph" not in ids
    # no reported values: a note where the chart would be, no target line over empty axes
    assert "project-indicator-60000-no-values" in ids and "project-indicator-60000-graph" not in ids
    for section in ("project-activities-graph", "project-groups",
                    "project-bodies", "export-project-indicator-60000-csv",
                    "export-project-budget-xlsx", "project-lineage"):
        assert section in ids, section
    assert "odvozeno" in _text(ids["project-share-eu"])
    assert "odvozeno" not in _text(ids["project-share-beneficiary"])
    assert "projekty.csv" in _text(ids["project-lineage"])
    orp_links = [c for c in _walk(ids["project-orps"]) if getattr(c, "href", None)]
    assert [c.href for c in orp_links] == ["/orp?kod=8119"]
    plan_links = [c.href for c in _walk(ids["project-plans"]) if getattr(c, "href", None)]
    assert plan_links == ["/komunitni-plan?plan=ostrava-kp5"]
    with app.server.test_request_context():
        graph = _ids(project.layout(id=DEMO_FINISHED))["project-indicator-60000-graph"]
    assert graph.config["locale"] == "cs"
    assert go.Figure(graph.figure).layout.separators == ", "


def test_pl002_project_without_indicators_or_drawdown_says_what_to_load(app, pages) -> None:  # noqa: ANN001
    project, _ = pages
    with app.server.test_request_context():
        ids = _ids(project.layout(id=JMK))
    assert "registrační číslo neuvedeno" in _text(ids["project-registration"])
    assert "cile_indikatoru.csv" in _text(ids["project-no-indicators"])
    # what a user can do in the app, not a command
    assert "/nahrat" in _text(ids["project-no-indicators"])
    assert "python -m" not in _text(ids["project-no-indicators"])
    assert "cerpani.csv" in _text(ids["project-no-drawdown"])
    assert "projekty.csv" in _text(ids["project-no-budget"])
    predecessor = [c.href for c in _walk(ids["project-predecessor"]) if getattr(c, "href", None)]
    assert predecessor == ["/projekt?id=" + quote("CZ.1.04/3.1.00/05.00052", safe="")]


@pytest.mark.parametrize("query", [{"id": "CZ.99/0000"}, {}, {"id": "  "}])
def test_pl003_unknown_or_missing_project_is_an_empty_state(app, pages, query) -> None:  # noqa: ANN001
    project, _ = pages
    with app.server.test_request_context():
        ids = _ids(project.layout(**query))
    assert "project-missing" in ids
    assert "project-title" not in ids


def test_pl004_english_project_page(app, pages) -> None:  # noqa: ANN001
    project, _ = pages
    with app.server.test_request_context():
        ids = _ids(project.layout(lang="en", id=OSTRAVA))
    assert _text(ids["project-indicator-60000-status"]) == "no data"
    assert "CZK" in _text(ids["project-total"])
    with app.server.test_request_context():
        demo = _ids(project.layout(lang="en", id=DEMO_FINISHED))
    assert demo["project-indicator-60000-graph"].config["locale"] == "en"


def test_pl005_indicator_page_ranks_projects_for_the_code_in_the_address(app, pages) -> None:  # noqa: ANN001
    _, indicators = pages
    with app.server.test_request_context():
        ids = _ids(indicators.layout(kod="60000"))
    assert ids["indicators-picker"].value == "60000"
    assert [o["value"] for o in ids["indicators-picker"].options] == ["60000", "80500"]
    rows = ids["indicators-grid"].rowData
    assert _text(ids["indicators-at-risk"]) == str(sum(r["status"] == "ohroženo" for r in rows))
    assert len(rows) == 3
    by_status = {r["status"]: r for r in rows}
    # the demo project that ended in 2019 has a result, Ostrava's real one no values
    assert "DEMO – Ukázkov" in by_status["nesplněno"]["project"]
    assert by_status["nesplněno"]["target"] == 20.0
    assert OSTRAVA in by_status["bez dat"]["project"]
    names = {trace.name for trace in go.Figure(ids["indicators-ranking"].figure).data}
    assert "nesplněno" in names
    assert "export-indicator-progress-csv" in ids


def test_pl006_indicator_page_defaults_and_unknown_code(app, pages) -> None:  # noqa: ANN001
    _, indicators = pages
    with app.server.test_request_context():
        assert _ids(indicators.layout())["indicators-picker"].value == "60000"
        ids = _ids(indicators.layout(kod="99999"))
    assert "indicators-unknown" in ids and "indicators-grid" not in ids


def test_pl007_indicator_page_on_an_empty_warehouse(db_url: str) -> None:
    app = create_app(Settings(database_url=db_url))
    project, indicators = _page("/projekt"), _page("/indikatory")
    with app.server.test_request_context():
        assert "indicators-empty" in _ids(indicators.layout(kod="60000"))
        assert "project-missing" in _ids(project.layout(id=OSTRAVA))


def test_pl008_picker_writes_the_code_into_the_address(pages) -> None:  # noqa: ANN001
    _, indicators = pages
    assert indicators.picker_to_url("80500", "cs") == "?kod=80500"
    assert indicators.picker_to_url("80500", "en") == "?kod=80500&lang=en"


def test_pl009_exports_of_the_project_and_indicator_pages(app) -> None:  # noqa: ANN001
    client = app.server.test_client()
    key = quote(DEMO_FINISHED, safe="")
    indicators = client.get(f"/export/project-indicators.csv?id={key}")
    assert indicators.status_code == 200
    text = indicators.data.decode("utf-8-sig")
    assert "60000" in text and "nesplněno" in text and "ohroženo" not in text
    values = client.get(f"/export/project-indicator-values.csv?id={key}&kod=60000").data.decode("utf-8-sig")
    assert "demo_plneni_indikatoru.csv" in values and "80500" not in values
    ostrava = quote(OSTRAVA, safe="")
    for name, of in (("project-budget", ostrava), ("project-drawdown", key),
                     ("project-activities", ostrava), ("project-target-groups", ostrava),
                     ("project-planning-bodies", ostrava)):
        response = client.get(f"/export/{name}.xlsx?id={of}")
        assert response.status_code == 200, name
        assert len(pd.read_excel(pd.io.common.BytesIO(response.data))) > 0, name
    ranking = client.get("/export/indicator-progress.csv?kod=60000").data.decode("utf-8-sig")
    assert OSTRAVA in ranking and DEMO_FINISHED in ranking and "nesplněno" in ranking
    # An unknown project exports an empty file, not an error.
    assert client.get("/export/project-drawdown.csv?id=nope").status_code == 200


def test_pl010_lineage_note_names_file_rows_and_load(app) -> None:  # noqa: ANN001
    from dashboard.pages._project_text import lineage_note

    one = lineage_note({"source": "stránka projektu 001", "file_name": "projekty.csv", "load_run_id": 1,
                        "source_row": 3, "is_demo": False}, "cs")
    assert _text(one) == "Zdroj: stránka projektu 001 · projekty.csv, řádek 3 (načtení č. 1)"
    rows = pd.DataFrame({"source": ["DEMO"] * 3, "file_name": ["demo_cerpani.csv"] * 3,
                         "load_run_id": [2, 2, 2], "source_row": [2, 3, 4], "is_demo": [True] * 3})
    many = lineage_note(rows, "cs")
    assert _text(many).startswith("Zdroj: DEMO · demo_cerpani.csv, řádky 2–4 (načtení č. 2)")
    assert any(getattr(c, "className", "") and "demo-badge" in c.className for c in _walk(many))
    gaps = lineage_note(rows.assign(source_row=[2, 5, 9], is_demo=False), "en")
    assert _text(gaps) == "Source: DEMO · demo_cerpani.csv, rows 2, 5, 9 (load no. 2)"
    # A row typed in by hand (no load run) still names its source.
    manual = lineage_note({"source": "zápis", "file_name": None, "load_run_id": None,
                           "source_row": None, "is_demo": False}, "cs")
    assert _text(manual) == "Zdroj: zápis"


def test_pl011_risk_text_says_how_much_is_missing(app) -> None:  # noqa: ANN001
    import datetime as dt

    from dashboard.pages._project_indicators import risk_text

    goal = {"projected": 15.04, "target_value": 20.0, "end_date": dt.date(2019, 10, 31)}
    assert risk_text(goal, "cs").replace("\u00a0", " ").startswith(
        "Ohroženo: při dosavadním tempu projekt do 31. 10. 2019 dosáhne asi 15 z cílových 20 (chybí 5)")
    assert "(5 short)" in risk_text(goal, "en")
    assert "nelze spočítat" in risk_text({**goal, "projected": None}, "cs")


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_pl012_every_seed_project_renders(app, pages, seeded_engine, lang) -> None:  # noqa: ANN001
    import sqlalchemy as sa

    from etl import schema as s

    project, _ = pages
    with seeded_engine.connect() as conn:
        keys = list(conn.execute(sa.select(s.project.c.key)).scalars())
    assert len(keys) >= 7
    with app.server.test_request_context():
        for key in keys:
            ids = _ids(project.layout(lang=lang, id=key))
            assert "project-title" in ids, key
            assert {"project-budget", "project-indicators", "project-activities"} <= set(ids), key


def test_pl013_lineage_links_the_load_run_to_the_data_page(app) -> None:  # noqa: ANN001
    from dashboard.pages._project_text import lineage_note

    note = lineage_note({"source": "x", "file_name": "projekty.csv", "load_run_id": 7, "source_row": 2,
                         "is_demo": False}, "en")
    assert [c.href for c in _walk(note) if getattr(c, "href", None)] == ["/data?beh=7&lang=en"]


def test_pl014_a_finished_project_shows_its_result_not_a_projection(app, pages) -> None:  # noqa: ANN001
    project, _ = pages
    with app.server.test_request_context():
        ids = _ids(project.layout(id=DEMO_FINISHED))
        english = _ids(project.layout(id=DEMO_FINISHED, lang="en"))
    assert _text(ids["project-indicator-60000-status"]) == "nesplněno"
    assert _text(ids["project-indicator-60000-result"]) == "cíl nesplněn, chybí 3"
    assert _text(english["project-indicator-60000-result"]) == "target missed by 3"
    assert _text(ids["project-indicator-80500-result"]) == "cíl splněn"
    for gone in ("project-indicator-60000-projection", "project-indicator-60000-risk"):
        assert gone not in ids, gone
    names = [trace.name or "" for trace in go.Figure(ids["project-indicator-60000-graph"].figure).data]
    assert not any("projekce" in name for name in names)
    assert "DEMO" in _text(ids["project-indicator-60000"])


def test_pl015_names_not_codes_for_sources_and_follow_up_projects(app, pages) -> None:  # noqa: ANN001
    from dashboard.pages._project_text import lineage_note

    note = lineage_note({"source": "stránka projektu 001_01670f45324abb5c", "file_name": "projekty.csv",
                         "load_run_id": 1, "source_row": 3, "is_demo": False}, "cs")
    assert _text(note) == ("Zdroj: stránka projektu „Společné plánování udržitelné sítě sociálních "
                           "služeb v Ostravě“ (adresa neuvedena) · projekty.csv, řádek 3 (načtení č. 1)")
    assert "001_01670f45324abb5c" not in _text(note)
    english = lineage_note({"source": "stránka projektu 004_dee8901c5f24663c"}, "en")
    assert _text(english).startswith("Source: community plan presentation „2.komunitní plán")
    project, _ = pages
    with app.server.test_request_context():
        ids = _ids(project.layout(id="CZ.1.04/3.1.00/05.00052"))
    follow_up = _text(ids["project-successors"])
    assert follow_up.startswith("Systémová podpora procesu plánování dostupnosti sociálních služeb")
    assert "název neuveden" in follow_up and "local:" not in follow_up


def test_pl016_a_value_loaded_for_a_real_project_carries_no_demo_mark(app, pages, seeded_engine,
                                                                      tmp_path) -> None:  # noqa: ANN001
    from etl.load import load_files

    path = tmp_path / "plneni_indikatoru.csv"
    path.write_text("registracni_cislo;kod_indikatoru;datum;dosazena_hodnota;zdroj\n"
                    f"{OSTRAVA};60000;30.4.2019;12;zpráva o realizaci\n", encoding="utf-8")
    assert load_files(seeded_engine, [path], dataset="user").status == "loaded"
    project, _ = pages
    with app.server.test_request_context():
        tree = project.layout(id=OSTRAVA)
    ids = _ids(tree)
    assert "12 (60\xa0% cíle)" in _text(ids["project-indicator-60000-latest"])
    assert "DEMO" not in _text(tree)
    assert "project-indicator-60000-graph" in ids


def test_pl017_a_stated_support_shows_as_what_it_is_and_the_rest_as_not_stated(app, pages) -> None:  # noqa: ANN001
    """Zábřeh's page states only the support (EU + state): the page shows it under that
    name, and the total and the shares as not stated; the list has it in its own column."""
    from dashboard.db import Database
    from dashboard.queries.projects import project_page

    project, _ = pages
    with app.server.test_request_context():
        ids = _ids(project.layout(id="local:zabreh-kpss-2012"))
    assert "project-no-budget" not in ids
    support = _text(ids["project-support"]).replace("\xa0", " ")
    assert "Podpora EU + státní rozpočet" in support and "1 899 493,20 Kč" in support
    assert "neuvádí" in support
    assert "neuvedeno" in _text(ids["project-total"])
    projects = _page("/projekty")
    assert "support" in [c["field"] for c in projects.grid_columns("cs")]
    db = Database(app.server.extensions["kpss_db"].engine)
    page, _ = project_page(db, {}, 0, 50, [{"colId": "support", "sort": "desc"}])
    rows = projects.table_frame(page, "cs")
    zabreh = rows[rows["key"] == "local:zabreh-kpss-2012"].iloc[0]
    assert zabreh["support"] == 1899493.20 and pd.isna(zabreh["total"])
    stated = [v for v in rows["support"] if v is not None and v == v]
    assert stated == sorted(stated, reverse=True) and len(stated) >= 2
