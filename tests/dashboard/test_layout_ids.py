"""A callback naming a component id no layout has stops the app at start-up."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import dash
import pytest
from dash import Input, Output, _callback

from dashboard import layout_check
from dashboard.app import create_app
from dashboard.config import Settings


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(database_url=f"sqlite:///{tmp_path / 'kpss.sqlite'}", secret_key="test-secret-key")


@pytest.fixture
def extra_callbacks() -> Iterator[None]:
    """Callbacks a test registers are taken out of Dash's global list again afterwards."""
    listed, mapped = list(_callback.GLOBAL_CALLBACK_LIST), dict(_callback.GLOBAL_CALLBACK_MAP)
    yield
    _callback.GLOBAL_CALLBACK_LIST[:] = listed
    _callback.GLOBAL_CALLBACK_MAP.clear()
    _callback.GLOBAL_CALLBACK_MAP.update(mapped)


def test_lid001_every_callback_id_of_the_app_is_in_a_layout(settings: Settings) -> None:
    app = create_app(settings)
    assert layout_check.unknown_ids(app) == []
    assert layout_check.callback_ids(app._callback_list)  # the check saw callbacks at all


def test_lid002_a_mistyped_id_stops_the_start_up(settings: Settings, extra_callbacks: None) -> None:
    dash.callback(Output("plan-filter-rokk", "value"), Input("app-url", "pathname"))(lambda path: path)
    with pytest.raises(layout_check.LayoutError, match="plan-filter-rokk"):
        create_app(settings)


def test_lid003_ids_a_layout_writes_count_and_those_a_callback_names_do_not() -> None:
    source = ('dcc.Input(id="name-box")\nhtml.Div(id=PAGE + "-x")\n'
              'callback(Output("typed-here", "children"), Input("name-box", "value"))\n')
    assert layout_check.written_ids(source) == {"name-box", "-x", "children", "value"}


def test_lid004_outputs_of_one_and_of_many_components() -> None:
    assert layout_check.callback_ids([
        {"output": "app-url.search@0a1b", "inputs": [{"id": "a", "property": "value"}], "state": []},
        {"output": "..b.children...c.data..", "inputs": [{"id": '{"type":"x"}', "property": "v"}]},
    ]) == [("app-url.search@0a1b", "app-url"), ("app-url.search@0a1b", "a"),
           ("..b.children...c.data..", "b"), ("..b.children...c.data..", "c")]
