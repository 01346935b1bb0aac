"""Names from loaded files are shown as written in every chart, never read by plotly as markup.

Plotly renders ``<a href>``, ``<b>`` and ``<br>`` in every text it draws; a project or
measure name holding a link would become a live link. The seeded database gets such a
name in every named thing a chart shows; then every chart of every page is read from
the page's own callback response (categories, ticks, legends, hovers and titles alike).
"""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import plotly.graph_objects as go
import pytest
import sqlalchemy as sa

from bench.pages import page_body
from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.figures import orp as orp_figures
from dashboard.figures.style import escape_text
from etl import schema as s
from etl.database import make_engine

LINK = '<a href="//x">'  # short enough for every code column
ESCAPED = escape_text(LINK)
OSTRAVA = "CZ.03.2.63/0.0/0.0/16_063/0006590"
DEMO = "local:demo-ukazkov"  # the demo project: drawdown and achieved values
#: Every chart of the pages, and the address that shows it (the map needs a boundary file).
CHARTS = {
    "orp-chart": ("/orp", ""), "orp-coverage": ("/orp", ""),
    "orp-detail-coverage": ("/orp", "?kod=8119"),
    "indicators-ranking": ("/indikatory", "?kod=60000"),
    "project-drawdown-graph": ("/projekt", f"?id={DEMO}"),
    "project-activities-graph": ("/projekt", f"?id={OSTRAVA}"),
    "project-indicator-graph": ("/projekt", f"?id={DEMO}"),
    "tg-costs": ("/cilove-skupiny", ""), "tg-status": ("/cilove-skupiny", ""),
    "plan-costs-chart": ("/komunitni-plan", "?plan=demo-ukazkov-kp"),
}


def test_esc001_escape_text_keeps_text_and_drops_markup() -> None:
    assert escape_text('<a href="https://x">Klik</a> & <b>') == \
        '&lt;a href="https://x"&gt;Klik&lt;/a&gt; &amp; &lt;b&gt;'
    assert escape_text("Ostrava – Jih") == "Ostrava – Jih" and escape_text(None) == ""
    assert escape_text(8119) == "8119"


def _mark_every_name(url: str) -> None:
    """A link before every name, code, unit and label a chart can show."""
    engine = make_engine(url, writer=True)
    marked = lambda column: sa.literal(LINK) + column  # noqa: E731 - one expression per column
    with engine.begin() as conn:
        for table, columns in (
                (s.project, ("name", "short_name")), (s.orp, ("name",)), (s.measure, ("name", "code")),
                (s.key_activity, ("name", "code")), (s.funding_source, ("name", "name_en")),
                (s.indicator, ("unit", "name")), (s.indicator_achievement, ("report_label",)),
                (s.canonical_target_group, ("name", "name_en")),
                (s.measure_status, ("name", "name_en")), (s.target_group, ("local_name",))):
            conn.execute(table.update().values({c: marked(table.c[c]) for c in columns}))
        conn.execute(s.indicator_achievement.update().where(s.indicator_achievement.c.report_label.is_(None))
                     .values(report_label=LINK))
    engine.dispose()


def _graphs(tree: object) -> Iterator[tuple[str, dict]]:
    if isinstance(tree, dict):
        props = tree.get("props")
        if tree.get("type") == "Graph" and isinstance(props, dict) and props.get("figure"):
            yield str(props.get("id")), props["figure"]
        for value in tree.values():
            yield from _graphs(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from _graphs(value)


def _texts(tree: object) -> Iterator[str]:
    if isinstance(tree, str):
        yield tree
    elif isinstance(tree, dict):
        for value in tree.values():
            yield from _texts(value)
    elif isinstance(tree, list):
        for value in tree:
            yield from _texts(value)


def _assert_escaped(name: str, chart: dict) -> None:
    texts = list(_texts(chart))
    assert not [t for t in texts if "<a " in t or "</a>" in t], name
    assert any(ESCAPED in t for t in texts), f"{name}: no marked name reached the chart"
    go.Figure(chart)  # still a figure plotly accepts


@pytest.mark.parametrize("lang", ["cs", "en"])
def test_esc002_every_chart_shows_marked_names_as_text(seeded_db_url: str, lang: str) -> None:
    _mark_every_name(seeded_db_url)
    app = create_app(Settings(database_url=seeded_db_url))
    client = app.server.test_client()
    found: dict[str, dict] = {}
    for pathname, search in dict.fromkeys(CHARTS.values()):
        query = f"{search}&lang={lang}" if search else f"?lang={lang}"
        response = client.post("/_dash-update-component", data=page_body(pathname, query),
                               headers={"Content-Type": "application/json", "Origin": "http://localhost"})
        assert response.status_code == 200, (pathname, search)
        for graph_id, chart in _graphs(response.get_json()):
            found[graph_id.replace("project-ind-0-graph", "project-indicator-graph")] = chart
    for name in CHARTS:
        chart = next((c for i, c in found.items() if i.startswith(name.removesuffix("-graph"))), None)
        assert chart is not None, f"{name} not on its page: {sorted(found)}"
    for name, chart in found.items():
        _assert_escaped(name, chart)
    # the category axes: the tick labels are the escaped values themselves
    categories = [v for trace in found["tg-costs"]["data"] for v in trace["y"]]
    assert categories and all(v.startswith(ESCAPED) for v in categories)
    app.server.extensions["kpss_db"].engine.dispose()


def test_esc003_the_map_shows_marked_orp_names_as_text() -> None:
    frame = pd.DataFrame({
        "orp_code": ["6201", "6203"], "orp_name": [LINK + "Blansko", LINK + "Brno"],
        "population": [56023, 398510], "budget_per_inhabitant": [12.5, None],
    })
    geojson = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"kod_orp": code},
         "geometry": {"type": "Polygon", "coordinates": [[[16, 49], [16.3, 49], [16.3, 49.2], [16, 49]]]}}
        for code in ("6201", "6203")]}
    chart = orp_figures.orp_map(frame, geojson, "rozpocet", "cs", title=LINK + "Jihomoravský kraj")
    _assert_escaped("orp-map", chart)
    assert ESCAPED in chart["layout"]["title"]["text"]
    assert sum(t.count(ESCAPED) for t in _texts(chart)) >= 3  # both names and the title
