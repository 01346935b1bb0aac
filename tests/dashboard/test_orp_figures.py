"""The ORP page's figures, built from small frames: no database, no browser."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.figures import orp as figures
from dashboard.formatting import PLOTLY_SEPARATORS

GEOJSON = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"kod_orp": code, "nazev": name}, "geometry": {
        "type": "Polygon", "coordinates": [[[lon + dx, lat + dy] for dx, dy in
                                            ((0, 0), (0.3, 0), (0.3, 0.2), (0, 0.2), (0, 0))]]}}
    for code, name, lon, lat in (("6201", "Blansko", 16.6, 49.3), ("6203", "Brno", 16.5, 49.1),
                                 ("8119", "Ostrava", 18.2, 49.8))]}


def _frame() -> pd.DataFrame:
    return pd.DataFrame({
        "orp_code": ["6201", "6203"], "orp_name": ["Blansko", "Brno"],
        "population": [56023, 398510], "population_65_plus": [12118, 78309],
        "budget_per_inhabitant": [12.5, None], "budget_per_inhabitant_65": [60.0, None],
        "indicator_fulfilment": [0.5, 0.8], "measures_fulfilled_share": [None, None],
        "uncovered_year_count": [14, 10], "uncovered_year_list": [list(range(2014, 2028)),
                                                                  [2014, 2015, 2016, 2017]],
        "is_demo": [False, True],
    })


def test_orp_fig001_map_draws_the_region_from_the_geojson_offline() -> None:
    fig = go.Figure(figures.orp_map(_frame(), GEOJSON, "rozpocet", "cs"))
    assert all(isinstance(trace, go.Choropleth) for trace in fig.data)
    assert fig.layout.geo.visible is False  # no base map, nothing fetched
    # Blansko has a value; Brno has none and is drawn grey, not left out
    codes = {code: trace for trace in fig.data for code in trace.locations}
    assert set(codes) == {"6201", "6203"}
    assert codes["6203"].showscale is False
    # Ostrava is outside the frame: its boundary is not sent
    sent = {f["properties"]["kod_orp"] for trace in fig.data for f in trace.geojson["features"]}
    assert sent == {"6201", "6203"}
    assert fig.layout.separators == PLOTLY_SEPARATORS["cs"]
    assert fig.layout.title.text == "Rozpočet projektů na obyvatele"
    assert codes["6201"].colorbar.title.text == "Kč na obyvatele"  # the colour bar says the unit


def test_orp_fig009_the_page_map_names_the_boundary_file_and_fits_its_own_orps() -> None:
    fig = figures.orp_map(_frame(), GEOJSON, "rozpocet", "cs", geojson_url="/mapa/hranice.geojson")
    assert [trace["geojson"] for trace in fig["data"]] == ["/mapa/hranice.geojson"] * 2
    assert "coordinates" not in str(fig)  # no polygon travels with the figure
    # the frame still fits Blansko and Brno, not Ostrava that the file also holds
    inline = figures.orp_map(_frame(), GEOJSON, "rozpocet", "cs")
    assert fig["layout"]["geo"]["lonaxis"] == inline["layout"]["geo"]["lonaxis"]
    assert fig["layout"]["geo"]["lonaxis"]["range"][1] < 18


def test_orp_fig002_hover_is_czech_formatted() -> None:
    fig = go.Figure(figures.orp_map(_frame(), GEOJSON, "rozpocet", "cs"))
    text = " ".join(t for trace in fig.data for t in trace.text).replace("\u00a0", " ")
    assert "12,50 Kč" in text and "398 510" in text and "neuvedeno" in text


def test_orp_fig003_ranked_bars_highest_first_with_unit_and_codes() -> None:
    frame = _frame()
    fig = go.Figure(figures.ranked_bars(frame, "indikatory", "en"))
    bar = fig.data[0]
    assert list(bar.y) == ["Brno", "Blansko"]
    assert list(bar.customdata) == ["6203", "6201"]  # a click opens the ORP
    assert fig.layout.xaxis.title.text == "% of the target value"  # the words the indicator page uses
    assert fig.layout.xaxis.tickformat == ",.0f" and fig.layout.xaxis.ticksuffix == "%"
    assert fig.layout.separators == PLOTLY_SEPARATORS["en"]


def test_orp_fig004_ranked_bars_leave_out_orps_without_a_value_and_cap_the_count() -> None:
    assert list(go.Figure(figures.ranked_bars(_frame(), "rozpocet", "cs")).data[0].y) == ["Blansko"]
    many = pd.concat([_frame().assign(orp_name=f"ORP {i}", budget_per_inhabitant=float(i))
                      for i in range(60)])
    assert len(go.Figure(figures.ranked_bars(many, "rozpocet", "cs", limit=40)).data[0].y) == 40


def test_orp_fig005_coverage_grid_marks_the_gaps() -> None:
    fig = go.Figure(figures.coverage_grid(_frame(), (2014, 2027), "cs", "Pokrytí"))
    heat = fig.data[0]
    assert list(heat.x) == list(range(2014, 2028))
    assert heat.z[0] == [0] * 14  # Blansko: no plan in any year
    assert heat.z[1][:4] == [0, 0, 0, 0] and heat.z[1][4:] == [1] * 10
    assert {trace.name for trace in fig.data[1:]} == {"plán platí", "bez plánu"}


@pytest.mark.parametrize(("key", "expected"), [
    ("rozpocet", "budget_per_inhabitant"), ("rozpocet65", "budget_per_inhabitant_65"),
    ("opatreni", "measures_fulfilled_share"), ("nonsense", "budget_per_inhabitant"),
    (None, "budget_per_inhabitant"),
])
def test_orp_fig006_metric_from_the_query_string(key, expected) -> None:  # noqa: ANN001
    assert figures.metric(key).column == expected


def test_orp_fig007_map_draws_only_the_boundaries_filling_the_frame() -> None:
    geo = figures.orp_map(_frame(), GEOJSON, "rozpocet", "cs")["layout"]["geo"]
    # no base layers: nothing for plotly.js to fetch, nothing but the ORPs to see
    assert geo["visible"] is False
    extent = figures.map_extent(figures.region_features(GEOJSON, ["6201", "6203"]))
    assert geo["lonaxis"] == extent["lonaxis"] and geo["lataxis"] == extent["lataxis"]
    (west, east), (south, north) = extent["lonaxis"]["range"], extent["lataxis"]["range"]
    # Blansko and Brno inside with a little room; Ostrava (18.2° E) outside
    assert 16.4 < west < 16.5 and 16.9 < east < 17.0 and 49.0 < south < 49.1 and 49.5 < north < 49.6
    # nothing to fit: the whole country
    assert figures.map_extent({"features": []})["lonaxis"]["range"][0] < 12.1


@pytest.mark.parametrize(("click", "code"), [
    ({"points": [{"location": "8119"}]}, "8119"),
    ({"points": [{"customdata": "6201", "y": "Blansko"}]}, "6201"),
    ({"points": [{"customdata": ["6203"]}]}, "6203"),
    ({"points": []}, None), (None, None),
])
def test_orp_fig008_clicked_code(click, code) -> None:  # noqa: ANN001
    assert figures.clicked_orp(click) == code
