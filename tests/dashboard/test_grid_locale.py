"""Grids carry Czech texts for their own controls on Czech pages, AG Grid's English otherwise."""

from __future__ import annotations

import pandas as pd

from dashboard.components.grid import grid, paged_grid
from dashboard.components.grid_locale import CZECH_GRID_TEXT


def test_grd001_czech_grids_get_czech_control_texts() -> None:
    frame = pd.DataFrame({"a": [1]})
    for made in (grid("g", frame, [{"field": "a"}], "cs"), paged_grid("p", [{"field": "a"}], "cs")):
        text = made.dashGridOptions["localeText"]
        assert text["page"] == "Stránka" and text["of"] == "z" and text["contains"] == "Obsahuje"
    for made in (grid("g", frame, [{"field": "a"}], "en"), paged_grid("p", [{"field": "a"}], "en")):
        assert "localeText" not in made.dashGridOptions


def test_grd002_every_filter_option_the_pages_offer_has_a_czech_name() -> None:
    offered = {"contains", "notContains", "equals", "notEqual", "startsWith", "endsWith",
               "lessThan", "greaterThan", "lessThanOrEqual", "greaterThanOrEqual", "inRange",
               "blank", "notBlank"}
    assert offered <= CZECH_GRID_TEXT.keys()
    assert all(v.strip() for v in CZECH_GRID_TEXT.values())
