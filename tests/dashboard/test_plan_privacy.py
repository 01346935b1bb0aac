"""Internal comments and unpublished evaluations never reach the page, its callbacks or exports.

Secrets with unique texts are planted in the seeded database: an unpublished
evaluation with a status, percentage, money and comments, and an internal
comment on a published evaluation. Then every surface of /komunitni-plan is
searched for them.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from decimal import Decimal

import dash
import openpyxl
import plotly
import pytest
import sqlalchemy as sa

from dashboard.app import create_app
from dashboard.config import Settings
from etl import schema as s

INTERNAL_SECRET = "INTERNÍ-TAJNÉ-4821"
HIDDEN_COMMENT = "KOMENTÁŘ-NEZVEŘEJNĚNÉHO-7391"
INTERNAL_ON_PUBLIC = "INTERNÍ-U-ZVEŘEJNĚNÉHO-5512"
HIDDEN_COST = Decimal("987654.32")
SECRETS = (INTERNAL_SECRET, HIDDEN_COMMENT, INTERNAL_ON_PUBLIC, "987654", "987 654", "987\u00a0654")


def _plant(engine: sa.Engine) -> dict[str, object]:
    """Make one unpublished and one published Ostrava evaluation carry unique secrets."""
    e, m, p = s.measure_evaluation, s.measure, s.community_plan
    with engine.begin() as conn:
        rows = conn.execute(
            sa.select(e.c.id, e.c.is_public, e.c.year, m.c.id.label("measure_id"), m.c.code)
            .join(m, m.c.id == e.c.measure_id).join(p, p.c.id == m.c.plan_id)
            .where(p.c.key == "demo-ukazkov-kp").order_by(e.c.year.desc(), m.c.code)).mappings().all()
        hidden = next(r for r in rows if not r["is_public"])
        public = next(r for r in rows if r["is_public"] and r["year"] == hidden["year"])
        conn.execute(e.update().where(e.c.id == hidden["id"]).values(
            status_code="partly", percent_fulfilled=Decimal("37"), actual_cost=HIDDEN_COST,
            comment=HIDDEN_COMMENT, internal_comment=INTERNAL_SECRET))
        conn.execute(e.update().where(e.c.id == public["id"]).values(
            internal_comment=INTERNAL_ON_PUBLIC))
    return dict(hidden)


@pytest.fixture
def planted(seeded_db_url: str, seeded_engine: sa.Engine) -> Iterator[tuple[dash.Dash, dict]]:
    """The app over a seeded database with secrets planted; the unpublished row."""
    hidden = _plant(seeded_engine)
    app = create_app(Settings(database_url=seeded_db_url))
    yield app, hidden
    from dashboard.db import EXTENSION_KEY

    app.server.extensions[EXTENSION_KEY].engine.dispose()


def _assert_clean(text: str, where: str) -> None:
    for secret in SECRETS:
        assert secret not in text, f"{secret!r} leaked into {where}"


def _layout_json(app: dash.Dash, query: dict[str, str]) -> str:
    with app.server.test_request_context("/komunitni-plan"):
        layout = dash.page_registry["pages.plan"]["layout"](**query)
        # Plotly's encoder escapes accents (\u00cd); decode so that Czech secrets are found.
        return json.dumps(json.loads(json.dumps(layout, cls=plotly.utils.PlotlyJSONEncoder)),
                          ensure_ascii=False)


def _find(node: object, component_id: str) -> dict | None:
    if isinstance(node, dict):
        if node.get("props", {}).get("id") == component_id:
            return node
        children = node.get("props", {}).get("children") if "props" in node else None
        return _find(children, component_id) if children is not None else None
    if isinstance(node, list):
        for child in node:
            found = _find(child, component_id)
            if found:
                return found
    return None


def _text(node: object) -> str:
    if isinstance(node, str):
        return node
    if isinstance(node, dict):
        return _text(node.get("props", {}).get("children"))
    if isinstance(node, list):
        return "".join(_text(c) for c in node)
    return ""


QUERIES = [
    {"plan": "demo-ukazkov-kp"}, {"plan": "demo-ukazkov-kp", "lang": "en"},
    {"plan": "demo-ukazkov-kp", "tisk": "1"}, {"plan": "demo-ukazkov-kp", "skupina": "dusevni"},
]


@pytest.mark.parametrize("query", QUERIES)
def test_prv001_page_shows_unpublished_cell_without_status(planted, query: dict) -> None:  # noqa: ANN001
    app, hidden = planted
    for year in (hidden["year"], hidden["year"] + 1):
        text = _layout_json(app, {**query, "rok": str(year)})
        _assert_clean(text, f"the page {query}")
        cell = _find(json.loads(text), f"plan-cell-{hidden['measure_id']}-{hidden['year']}")
        if cell is None:  # filtered out by the target group
            continue
        label = "not published" if query.get("lang") == "en" else "nezveřejněno"
        assert label in _text(cell)
        assert "status-unpublished" in cell["props"]["className"]
        assert "title" not in cell["props"] or cell["props"]["title"] is None
        assert "37" not in _text(cell)


def _router_json(app: dash.Dash, search: str) -> str:
    client = app.server.test_client()
    client.get("/")  # the pages router callback is set up on the first request
    dependencies = client.get("/_dash-dependencies").get_json()
    router = next(d for d in dependencies if "_pages_content.children" in d["output"])
    payload = {
        "output": router["output"],
        "outputs": [{"id": "_pages_content", "property": "children"},
                    {"id": "_pages_store", "property": "data"}],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": "/komunitni-plan"},
                   {"id": "_pages_location", "property": "search", "value": search}],
        "changedPropIds": ["_pages_location.search"], "state": [],
    }
    response = client.post("/_dash-update-component", json=payload)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_prv002_callback_json_carries_no_secret(planted) -> None:  # noqa: ANN001
    app, hidden = planted
    for search in ("?plan=demo-ukazkov-kp", f"?plan=demo-ukazkov-kp&rok={hidden['year']}",
                   f"?plan=demo-ukazkov-kp&rok={hidden['year']}&tisk=1"):
        body = _router_json(app, search)
        assert "plan-grid" in body
        _assert_clean(json.dumps(json.loads(body), ensure_ascii=False), search)


def _xlsx_text(body: bytes) -> str:
    book = openpyxl.load_workbook(io.BytesIO(body))
    return "\n".join(str(cell.value) for sheet in book for row in sheet.iter_rows() for cell in row
                     if cell.value is not None)


@pytest.mark.parametrize("name", ["plan-grid", "plan-changes", "plan-costs"])
def test_prv003_exports_carry_no_secret(planted, name: str) -> None:  # noqa: ANN001
    app, hidden = planted
    client = app.server.test_client()
    for year in (hidden["year"], hidden["year"] + 1):
        query = f"?plan=demo-ukazkov-kp&rok={year}"
        csv = client.get(f"/export/{name}.csv{query}")
        assert csv.status_code == 200
        _assert_clean(csv.data.decode("utf-8-sig"), f"{name}.csv")
        xlsx = client.get(f"/export/{name}.xlsx{query}")
        assert xlsx.status_code == 200
        _assert_clean(_xlsx_text(xlsx.data), f"{name}.xlsx")


def test_prv004_meeting_workbook_marks_unpublished_and_carries_no_secret(planted) -> None:  # noqa: ANN001
    app, hidden = planted
    url = f"/export/plan-meeting.xlsx?plan=demo-ukazkov-kp&rok={hidden['year']}"
    response = app.server.test_client().get(url)
    assert response.status_code == 200
    _assert_clean(_xlsx_text(response.data), "the meeting workbook")
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    grid = book.worksheets[0]
    assert "komunitní plán" in str(grid["A1"].value)
    header = [c.value for c in grid[5]]
    row = next(r for r in grid.iter_rows(min_row=6, values_only=True) if r[0] == hidden["code"])
    assert row[header.index(str(hidden["year"]))] == "nezveřejněno"
    assert [ws.title for ws in book.worksheets] == ["Plnění opatření", "Změny", "Náklady"]


def test_prv005_grid_export_marks_unpublished(planted) -> None:  # noqa: ANN001
    app, hidden = planted
    body = app.server.test_client().get("/export/plan-grid.csv?plan=demo-ukazkov-kp").data.decode("utf-8-sig")
    lines = [line.split(";") for line in body.splitlines()]
    header, rows = lines[0], {line[0]: line for line in lines[1:]}
    assert rows[hidden["code"]][header.index(str(hidden["year"]))] == "nezveřejněno"
