"""Parts the pages about the register of social services share: the table of services and
registered capacity per form and capacity type (under a kind of service on ``/orp?kod=``, under
a target group on ``/cilove-skupiny``), the name of the population a figure divides by, and the
choice of the earlier snapshot the latest is compared with.

Registered capacity is the register's maximum, not occupancy; it is summed only within one form
and capacity type, so each group has a row per form and capacity type.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import formatting as fmt
from dashboard.components.common import dropdown
from dashboard.components.grid import grid, number_column
from dashboard.i18n import _
from dashboard.register_names import code_name
from domain.frames import records

CAPACITY_COLUMNS = ["group", "form", "capacity_type", "services", "capacity"]
COMPARE_ID = "orp-filter-srovnani"
#: The ORP page's own address, which its filters and the comparison write
#: (``components.layout.page_address``).
ORP_ADDRESS = "orp-url"


def capacity_frame(network: pd.DataFrame, group: Callable[[dict], str], lang: str) -> pd.DataFrame:
    """The rows of a network (``queries.services``: form and capacity type with their code-list
    names, services, capacity) under the group ``group(row)`` names; forms and capacity types
    in the page's language where known (``register_names``), their codes where unnamed."""
    rows = records(network)
    return pd.DataFrame({
        "group": [group(r) for r in rows],
        "form": [code_name("form", r["form_name"], r["form_code"], lang) for r in rows],
        "capacity_type": [code_name("capacity", r["capacity_type_name"], r["capacity_type"], lang)
                          for r in rows],
        "services": [int(r["services"]) for r in rows],
        "capacity": [None if r["capacity"] is None or r["capacity"] != r["capacity"]
                     else int(r["capacity"]) for r in rows],
    }, columns=CAPACITY_COLUMNS)


def capacity_grid(grid_id: str, frame: pd.DataFrame, group_header: str, lang: str) -> html.Div:
    """The table of ``capacity_frame``, its first column headed ``group_header``."""
    return grid(grid_id, frame, [
        {"field": "group", "headerName": group_header, "minWidth": 220, "flex": 2},
        {"field": "form", "headerName": _(lang, "Forma"), "minWidth": 130},
        {"field": "capacity_type", "headerName": _(lang, "Druh kapacity"), "minWidth": 150},
        number_column("services", _(lang, "Služby"), lang, minWidth=110),
        number_column("capacity", _(lang, "Registrovaná kapacita"), lang, minWidth=150),
    ], lang)


def population_source(source: dict | None, lang: str) -> str:
    """The population a figure divides by, in words: the 2021 census or ČSÚ's year."""
    if not source or source.get("census"):
        return _(lang, "Sčítání lidu, domů a bytů 2021")
    return _(lang, "ČSÚ, stav k 31. 12. {year}", year=source["year"])


def parse_day(text: object) -> dt.date | None:
    """A day from the address (``2025-01-01``); None for anything else."""
    try:
        return dt.date.fromisoformat(text) if isinstance(text, str) and len(text) == 10 else None
    except ValueError:
        return None


def compare_choice(snapshot: dict | None, lang: str, **col: object) -> list:
    """The drop-down of the earlier snapshots the latest may be compared with (none when only
    one is loaded)."""
    dates = (snapshot or {}).get("earlier_dates") or []
    if not dates:
        return []
    return [dbc.Col([
        dbc.Label(_(lang, "Změna sítě od stavu registru ke dni"), html_for=COMPARE_ID),
        dropdown(lang, id=COMPARE_ID, clearable=False, value=snapshot["earlier_as_of"].isoformat(),
                 options=[{"label": fmt.date(day, lang), "value": day.isoformat()} for day in dates]),
    ], **col)]
