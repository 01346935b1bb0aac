"""The ORP and target-group pages rendered on the server (no browser), and their exports."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator

import dash
import pytest

from dashboard.app import create_app
from dashboard.config import Settings
from tests.dashboard.page_tree import render as _render


@pytest.fixture
def app(seeded_db_url: str) -> Iterator[dash.Dash]:
    app = create_app(Settings(database_url=seeded_db_url))
    yield app
    app.server.extensions["kpss_db"].engine.dispose()


def _csv(app: dash.Dash, url: str) -> list[dict[str, str]]:
    response = app.server.test_client().get(url)
    assert response.status_code == 200
    return list(csv.DictReader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))


def test_orp_lay001_orp_without_projects_has_a_clear_empty_state(app) -> None:  # noqa: ANN001
    page = _render(app, "/orp", kod="2101")
    assert "orp-no-projects" in page and "Pro tuto ORP nejsou načteny žádné projekty." in page
    assert "orp-no-plans" in page


def test_orp_lay002_unknown_orp_code_says_so(app) -> None:  # noqa: ANN001
    page = _render(app, "/orp", kod="9999")
    assert "orp-unknown" in page and "9999" in page


def test_orp_lay003_unknown_region_and_figure_fall_back(app) -> None:  # noqa: ANN001
    page = _render(app, "/orp", kraj="XX", ukazatel="nonsense")
    assert "orp-grid" in page
    assert "'value': ''" in page  # the region dropdown shows the whole country


def test_orp_lay004_bars_without_a_boundary_file(seeded_db_url: str) -> None:
    app = create_app(Settings(database_url=seeded_db_url, boundary_file=None))
    page = _render(app, "/orp", kraj="CZ080")
    assert "orp-bars" in page and "orp-map" not in page
    assert "podle počtu obyvatel" in page  # the split rule is stated on the page
    assert "KPSS_" not in page
    # a figure no ORP of the region has draws no empty axes: the note says what is missing
    empty = _render(app, "/orp", kraj="CZ064")  # no project there states a budget
    assert "orp-no-values" in empty and "orp-chart-empty" in empty
    assert "'data': []" in empty
    app.server.extensions["kpss_db"].engine.dispose()


def test_orp_lay006_the_map_works_out_of_the_box(app) -> None:  # noqa: ANN001
    """The shipped ORP boundaries are the default: the page draws the choropleth."""
    from dashboard.config import DEFAULT_BOUNDARY_FILE
    from etl.reference import REFERENCE_DIR, read_csv

    assert Settings(database_url="sqlite://").boundary_file == DEFAULT_BOUNDARY_FILE
    assert Settings.from_env({}).boundary_file == DEFAULT_BOUNDARY_FILE
    geojson = json.loads(DEFAULT_BOUNDARY_FILE.read_text(encoding="utf-8"))
    codes = {f["properties"]["kod_orp"] for f in geojson["features"]}
    assert codes == {r["kod_orp"] for r in read_csv(REFERENCE_DIR / "orp.csv")}
    page = _render(app, "/orp", kraj="CZ064")
    assert "orp-map" in page and "orp-bars" not in page


def test_orp_lay007_the_map_names_its_boundary_file_instead_of_carrying_it(app) -> None:  # noqa: ANN001
    """The polygons go to the browser once, as a file it keeps, not in every figure."""
    import gzip

    from dashboard.config import DEFAULT_BOUNDARY_FILE

    page = _render(app, "/orp")
    address = re.search(r"/mapa/hranice-orp-[0-9a-f]{16}\.geojson", page).group(0)
    assert "coordinates" not in page and len(page) < 200_000  # the file alone is 320 KB
    client = app.server.test_client()
    response = client.get(address, headers={"Accept-Encoding": "gzip, br"})
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    assert response.headers["Content-Encoding"] == "br"
    assert "immutable" in response.headers["Cache-Control"]
    plain = client.get(address, headers={"Accept-Encoding": "gzip"})
    sent = json.loads(gzip.decompress(plain.data))
    shipped = json.loads(DEFAULT_BOUNDARY_FILE.read_text(encoding="utf-8"))
    # the shapes as shipped, with only the key the map finds them by
    assert [f["geometry"] for f in sent["features"]] == [f["geometry"] for f in shipped["features"]]
    assert {key for f in sent["features"] for key in f["properties"]} == {"kod_orp"}
    # another version is not this file: a stale address is 404, not other shapes
    assert client.get("/mapa/hranice-orp-0000000000000000.geojson").status_code == 404


def test_orp_lay005_exports_of_the_orp_page(app) -> None:  # noqa: ANN001
    rows = _csv(app, "/export/orp-comparison.csv?kraj=CZ064")
    assert len(rows) == 21 and {r["Kód kraje"] for r in rows} == {"CZ064"}
    coverage = _csv(app, "/export/orp-plan-coverage.csv?kraj=CZ080")
    ostrava = [r for r in coverage if r["Kód ORP"] == "8119"]
    assert [r["Rok"] for r in ostrava if r["Pokryto komunitním plánem"] == "ano"] == \
        ["2019", "2020", "2021", "2022"]
    one = _csv(app, "/export/orp-plan-coverage.csv?kod=7113")
    assert len(one) == 14 and {r["ORP"] for r in one} == {"Zábřeh"}
    assert _csv(app, "/export/orp-plan-coverage.csv?kod=9999") == []
    projects = _csv(app, "/export/orp-projects.csv?kod=8119")
    assert [r["Registrační číslo / klíč"] for r in projects] == ["CZ.03.2.63/0.0/0.0/16_063/0006590"]
    plans = _csv(app, "/export/orp-plans.csv?kod=7113")
    assert [r["Klíč plánu"] for r in plans] == ["zabreh-kp1", "zabreh-kp2"]
    response = app.server.test_client().get("/export/orp-comparison.xlsx?kraj=CZ064")
    assert response.status_code == 200 and response.data[:2] == b"PK"


def test_tg_lay001_target_group_page_and_its_exports(app) -> None:  # noqa: ANN001
    page = _render(app, "/cilove-skupiny", plan="demo-ukazkov-kp")
    assert "VI. Podpora prevence kriminality a závislostí" in page
    assert "demo-badge" in page
    assert "tg-unknown-plan" in _render(app, "/cilove-skupiny", plan="neni")
    mapping = _csv(app, "/export/target-groups-mapping.csv?plan=demo-ukazkov-kp")
    assert len(mapping) == 6
    summary = _csv(app, "/export/target-groups.csv")
    assert len(summary) >= 7
    measures = _csv(app, "/export/target-groups-status.csv?plan=demo-prikladov-kp")
    assert measures and {r["Klíč plánu"] for r in measures} == {"demo-prikladov-kp"}
    # a public export: the steering group's internal comments are never in it
    assert not any("nterní" in column for column in measures[0])
