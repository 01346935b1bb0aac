"""Figure builders of the project and indicator pages, on small DataFrames (no database, no browser)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.figures import indicators as indicator_figures
from dashboard.figures import project as project_figures
from dashboard.figures.indicators import chart_rows, ranked, wrap_label
from dashboard.figures.style import SOURCE_COLOURS, STATUS_COLOURS, graph_config

D = dt.date


# The charts are plain dicts; read through go.Figure, plotly validates every property on the way.

def drawdown_figure(*args: object, **kwargs: object) -> go.Figure:
    return go.Figure(project_figures.drawdown_figure(*args, **kwargs))


def indicator_figure(*args: object, **kwargs: object) -> go.Figure:
    return go.Figure(project_figures.indicator_figure(*args, **kwargs))


def activity_timeline(*args: object, **kwargs: object) -> go.Figure:
    return go.Figure(project_figures.activity_timeline(*args, **kwargs))


def ranking_figure(*args: object, **kwargs: object) -> go.Figure:
    return go.Figure(indicator_figures.ranking_figure(*args, **kwargs))


def _drawdown() -> pd.DataFrame:
    rows = []
    for year in (2018, 2019):
        for code, name, planned, drawn in (("eu", "EU (ESF)", "850", "800"),
                                           ("state", "Státní rozpočet", "100", "90"),
                                           ("beneficiary", "Příjemce", "50", None)):
            rows.append({"year": year, "source_code": code, "name": name, "name_en": name.upper(),
                         "planned": Decimal(planned), "drawn": Decimal(drawn) if drawn else None})
    return pd.DataFrame(rows)


def test_pf001_drawdown_stacks_planned_and_drawn_per_year_by_source() -> None:
    figure = drawdown_figure(_drawdown(), "cs")
    assert [t.name for t in figure.data] == ["EU (ESF)", "Státní rozpočet", "Příjemce"]
    eu = figure.data[0]
    assert list(eu.x[0]) == ["2018", "2018", "2019", "2019"]
    assert list(eu.x[1]) == ["plánováno", "čerpáno", "plánováno", "čerpáno"]
    assert list(eu.y) == [850.0, 800.0, 850.0, 800.0]
    # A missing drawn figure stays missing: never a made-up zero.
    assert figure.data[2].y[1] is None
    assert eu.marker.color == SOURCE_COLOURS["eu"]
    assert figure.layout.barmode == "stack"
    assert figure.layout.separators == ", "
    assert figure.layout.yaxis.title.text == "Kč"
    assert "plánováno a čerpáno" in figure.layout.title.text
    assert "850,00\u00a0Kč" in eu.hovertext[0]


def test_pf002_drawdown_in_english_uses_english_names_and_separators() -> None:
    figure = drawdown_figure(_drawdown(), "en")
    assert figure.data[0].name == "EU (ESF)".upper()
    assert figure.layout.separators == ".,"
    assert figure.layout.yaxis.title.text == "CZK"


def _goal(**changes: object) -> dict:
    goal = {"indicator_code": "60000", "unit": "osoby", "start_date": D(2017, 11, 1),
            "end_date": D(2019, 10, 31), "target_value": 20.0, "projected": 15.04,
            "status": "at_risk", "latest": 11.0}
    return {**goal, **changes}


def _values(*pairs: tuple[dt.date, int]) -> pd.DataFrame:
    return pd.DataFrame({"reported_on": [d for d, _ in pairs],
                         "achieved_value": [Decimal(v) for _, v in pairs],
                         "report_label": [f"ZoR {i}" for i, _ in enumerate(pairs, 1)]})


def test_pf003_indicator_has_achieved_line_target_line_and_dashed_projection() -> None:
    values = _values((D(2018, 4, 30), 4), (D(2018, 10, 31), 8), (D(2019, 4, 30), 11))
    figure = indicator_figure(_goal(), values, "cs", today=D(2026, 1, 1))
    achieved, target, projection = figure.data
    assert list(achieved.y) == [4.0, 8.0, 11.0]
    assert achieved.name == "dosaženo (kumulativně)"
    assert list(target.y) == [20.0, 20.0]
    assert list(target.x) == [D(2017, 11, 1), D(2019, 10, 31)]
    assert target.name == "cíl 20"
    assert list(projection.x) == [D(2019, 4, 30), D(2019, 10, 31)]
    assert projection.y[1] == pytest.approx(15.04)
    assert projection.line.dash == "dash"
    assert projection.line.color == STATUS_COLOURS["at_risk"]
    assert "ohroženo" in figure.layout.title.text and "60000" in figure.layout.title.text
    assert figure.layout.yaxis.title.text == "osoby"
    assert figure.layout.yaxis.range[1] > 20
    # The project is over: an end-of-project line, no "today" line.
    assert [a.text for a in figure.layout.annotations] == ["konec projektu"]


def test_pf004_indicator_without_values_shows_the_target_only() -> None:
    figure = indicator_figure(_goal(projected=None, status="no_data", latest=None), _values(), "en",
                              today=D(2018, 6, 1))
    assert [t.name for t in figure.data] == ["target 20"]
    assert sorted(a.text for a in figure.layout.annotations) == ["project end", "today"]


def test_pf005_no_projection_line_when_the_last_value_is_at_the_end() -> None:
    values = _values((D(2018, 4, 30), 4), (D(2019, 10, 31), 20))
    figure = indicator_figure(_goal(projected=20.0, status="achieved"), values, "cs")
    assert len(figure.data) == 2


def test_pf006_timeline_draws_dated_activities_only() -> None:
    frame = pd.DataFrame({
        "code": ["KA1", "KA2", "KA 03"],
        "name": ["Koordinace", "Nový plán rozvoje sociálních služeb na území statutárního města", "Bez dat"],
        "start_date": [D(2017, 11, 1), D(2017, 11, 1), None],
        "end_date": [D(2019, 10, 31), D(2018, 10, 31), None],
    })
    figure = activity_timeline(frame, "cs")
    bar = figure.data[0]
    assert len(bar.y) == 2
    assert bar.y[0] == "KA1 Koordinace"
    # shortened to 48 characters, then wrapped so that a phone keeps room for the bars
    assert bar.y[1].endswith("…") and len(bar.y[1].replace("<br>", " ")) <= 48
    assert all(len(line) <= 26 for line in bar.y[1].split("<br>"))
    # From the first day to the end of the last day.
    assert bar.x[1] == (pd.Timestamp("2018-11-01") - pd.Timestamp("2017-11-01")).total_seconds() * 1000
    assert figure.layout.xaxis.type == "date"
    assert "1. 11. 2017 – 31. 10. 2018" in bar.hovertext[1].replace("\u00a0", " ")


def test_pf007_timeline_of_undated_activities_is_empty() -> None:
    frame = pd.DataFrame({"code": ["KA 02"], "name": ["Spolupráce"], "start_date": [None],
                          "end_date": [None]})
    assert activity_timeline(frame, "cs").data == ()


def _progress() -> pd.DataFrame:
    return pd.DataFrame({
        "label": ["Ostrava", "Nový Jičín", "Pelhřimov", "Zábřeh"],
        "share_of_target": [0.55, 1.2, None, 0.8], "status": ["at_risk", "achieved", "no_data",
                                                               "on_track"],
        "elapsed": [1.0, 1.0, None, 0.5], "latest": [11.0, 24.0, None, 8.0],
        "target_value": [20.0, 20.0, 10.0, 10.0], "unit": ["osoby"] * 4,
    })


def test_pf008_ranking_orders_by_share_and_keeps_input_unchanged() -> None:
    frame = _progress()
    before = frame.copy()
    assert list(ranked(frame)["label"]) == ["Nový Jičín", "Zábřeh", "Ostrava", "Pelhřimov"]
    pd.testing.assert_frame_equal(frame, before)


def test_pf009_ranking_bars_coloured_by_status_with_elapsed_marks() -> None:
    figure = ranking_figure(_progress(), "60000", "cs")
    bars = {t.name: t for t in figure.data if t.type == "bar"}
    assert list(bars) == ["ohroženo", "podle plánu", "splněno", "bez dat"]
    assert bars["ohroženo"].marker.color == STATUS_COLOURS["at_risk"]
    assert list(bars["ohroženo"].x) == [pytest.approx(55.0)]
    assert list(bars["ohroženo"].text) == ["55\u00a0%"]
    assert list(bars["bez dat"].x) == [0.0]
    marks = [t for t in figure.data if t.type == "scatter"][0]
    assert marks.name == "uplynulá doba projektu"
    assert sorted(marks.x) == [50.0, 100.0, 100.0]
    assert list(figure.layout.yaxis.categoryarray) == ["Nový Jičín", "Zábřeh", "Ostrava", "Pelhřimov"]
    assert figure.layout.xaxis.range[1] >= 120
    assert figure.layout.xaxis.ticksuffix == "\u00a0%"  # as fmt.percent writes it
    assert figure.layout.title.text == "60000: plnění cíle podle projektů"


def test_pf010_graph_config_names_the_locale() -> None:
    assert graph_config("cs", "x")["locale"] == "cs"
    assert graph_config("en", "x")["locale"] == "en"


def test_pf011_chart_at_national_scale_shows_the_lowest_fulfilment_only() -> None:
    frame = pd.DataFrame({
        "label": [f"Projekt {i:03}" for i in range(120)],
        "share_of_target": [i / 100 for i in range(120)], "status": ["on_track"] * 120,
        "elapsed": [0.5] * 120, "latest": [float(i) for i in range(120)],
        "target_value": [100.0] * 120, "unit": ["osoby"] * 120,
    })
    assert list(chart_rows(frame, 3)["label"]) == ["Projekt 002", "Projekt 001", "Projekt 000"]
    figure = ranking_figure(frame, "60000", "cs", limit=50)
    assert len(figure.data[0].y) == 50
    assert "Projekt 049" in figure.data[0].y and "Projekt 050" not in figure.data[0].y


def test_pf012_long_project_names_wrap_on_the_axis() -> None:
    name = "Efektivní systém plánování sociálních služeb v Novém Jičíně prostřednictvím komunitního " \
           "plánování II. a ještě mnohem delší dovětek, který se už nevejde"
    wrapped = wrap_label(name)
    assert wrapped.count("<br>") == 2 and wrapped.endswith("…")
    assert wrap_label("Ostrava") == "Ostrava"


def test_pf013_a_line_mixing_demo_and_loaded_values_marks_each_point_s_source() -> None:
    values = _values((D(2018, 4, 30), 4), (D(2018, 10, 31), 8), (D(2019, 4, 30), 11)).assign(
        is_demo=[True, True, False], file_name=["demo_plneni_indikatoru.csv"] * 2
        + ["plneni_indikatoru.csv"])
    achieved = indicator_figure(_goal(), values, "cs", today=D(2026, 1, 1)).data[0]
    assert list(achieved.marker.symbol) == ["diamond-open", "diamond-open", "circle"]
    assert [text.rsplit(" · ", 1)[1] for text in achieved.hovertext] == [
        "DEMO", "DEMO", "plneni_indikatoru.csv"]
    # one source: one shape, the source still named in the hover
    loaded = indicator_figure(_goal(), values.assign(is_demo=False), "cs", today=D(2026, 1, 1)).data[0]
    assert loaded.marker.symbol is None
    assert loaded.hovertext[0].endswith("· demo_plneni_indikatoru.csv")


def test_pf012_drawdown_mixing_sources_marks_each_bars_origin() -> None:
    frame = _drawdown().assign(is_demo=False, file_name="cerpani.csv")
    frame.loc[frame["year"] == 2019, ["is_demo", "file_name"]] = [True, None]
    figure = drawdown_figure(frame, "en")
    eu = next(t for t in figure.data if t.name == "EU (ESF)")
    # 2018 planned, 2018 drawn, 2019 planned, 2019 drawn
    assert list(eu.marker.pattern.shape) == ["", "", "/", "/"]
    assert eu.hovertext[0].endswith("· cerpani.csv") and eu.hovertext[2].endswith("· DEMO")
    # one origin only: no hatching, and the hover still names it
    plain = drawdown_figure(_drawdown().assign(is_demo=False, file_name="cerpani.csv"), "en")
    assert not plain.data[0].marker.pattern.shape and plain.data[0].hovertext[0].endswith("cerpani.csv")
