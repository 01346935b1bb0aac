"""The partial plotly.js bundle: served where dcc.Graph asks for plotly.js, holding every trace
type the pages draw, and asked for early by the pages that draw charts."""

from __future__ import annotations

import json
import re
from urllib.parse import quote

import pytest

from dashboard import page_assets
from dashboard.app import create_app
from dashboard.config import Settings
from etl.demo import RUNNING
from tests.security.callbacks import components

ADDRESS = "/_dash-component-suites/plotly/package_data/plotly.min.js"
#: Views that draw every kind of chart the pages have (the seed and demo data hold them all).
CHART_VIEWS = [("/projekt", f"?id={quote(RUNNING, safe='')}"), ("/indikatory", "?kod=60000"),
               ("/orp", ""), ("/orp", "?kraj=CZ064"), ("/orp", "?kod=8116"),
               ("/cilove-skupiny", "?plan=demo-ukazkov-kp"),
               ("/komunitni-plan", "?plan=demo-ukazkov-kp")]
#: The component behind each kind of code a page may preload.
NEED_OF = {"Graph": "chart", "Dropdown": "dropdown", "AgGrid": "grid"}


@pytest.fixture(scope="module")
def client(_backends):  # noqa: ANN001, ANN201 - a Flask test client
    app = create_app(Settings(database_url=_backends["sqlite"].fresh_url(seeded=True)))
    return app.server.test_client()


def bundled_traces() -> set[str]:
    """The trace types ``entry.js`` registers, and scatter (always in plotly's core)."""
    entry = (page_assets.BUNDLE.parent / "entry.js").read_text()
    return set(re.findall(r"require\('plotly\.js/lib/(\w+)'\)", entry)) - {"core"} | {"scatter"}


def test_plb001_the_graph_gets_the_partial_bundle_compressed_once(client) -> None:  # noqa: ANN001
    plain = client.get(ADDRESS, headers={"Accept-Encoding": "identity"})
    assert plain.status_code == 200
    assert plain.get_data().startswith(b"/* plotly.js v4.1.1")
    assert plain.get_data() == page_assets.BUNDLE.read_bytes()
    squeezed = client.get(ADDRESS, headers={"Accept-Encoding": "gzip, br"})
    assert squeezed.headers["Content-Encoding"] == "br"
    assert len(squeezed.get_data()) < len(plain.get_data()) / 3
    again = client.get(ADDRESS, headers={"If-None-Match": plain.headers["ETag"]})
    assert again.status_code == 304


def test_plb002_chart_pages_ask_for_plotly_early_and_the_shell_does_not(client) -> None:  # noqa: ANN001
    assert f'<link rel="preload" as="script" href="{ADDRESS}">' in client.get("/indikatory").get_data(
        as_text=True)
    assert ADDRESS not in client.get("/neexistuje").get_data(as_text=True)
    assert ADDRESS not in client.get("/data").get_data(as_text=True)


def _page(client, pathname: str, search: str) -> list[dict]:  # noqa: ANN001
    """The components of the page's content, as the page callback sends them."""
    response = client.post("/_dash-update-component", data=json.dumps({
        "output": ".._pages_content.children..._pages_store.data..",
        "outputs": [{"id": "_pages_content", "property": "children"},
                    {"id": "_pages_store", "property": "data"}],
        "inputs": [{"id": "_pages_location", "property": "pathname", "value": pathname},
                   {"id": "_pages_location", "property": "search", "value": search}],
        "changedPropIds": ["_pages_location.pathname"], "state": []}),
        content_type="application/json")
    assert response.status_code == 200, pathname + search
    return list(components(response.json))


def test_plb003_every_chart_the_pages_draw_is_in_the_bundle(client) -> None:  # noqa: ANN001
    drawn: set[str] = set()
    for pathname, search in CHART_VIEWS:
        graphs = [c for c in _page(client, pathname, search) if c["type"] == "Graph"]
        assert graphs, f"{pathname}{search} draws no chart"
        drawn |= {trace.get("type", "scatter") for graph in graphs
                  for trace in (graph["props"].get("figure") or {}).get("data", [])}
    assert {"bar", "heatmap", "choropleth", "scatter"} <= drawn  # the views above draw them all
    assert drawn <= bundled_traces()


def test_plb004_each_page_preloads_what_it_draws_and_no_more(client) -> None:  # noqa: ANN001
    views = [*CHART_VIEWS, ("/", ""), ("/projekty", ""), ("/data", ""), ("/prihlaseni", "")]
    needs: dict[str, set[str]] = {}
    for pathname, search in views:
        needs.setdefault(pathname, set()).update(
            NEED_OF[c["type"]] for c in _page(client, pathname, search) if c["type"] in NEED_OF)
    assert {path: set(found) for path, found in page_assets.PAGE_NEEDS.items()} == {
        path: found for path, found in needs.items() if found}
