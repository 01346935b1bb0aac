"""Figures of the target-group page: money per group and the measures' latest status.

Pure functions of the DataFrames from ``dashboard.queries.target_groups``;
Okabe–Ito colours, Czech separators, hover texts from ``dashboard.formatting``.
"""

from __future__ import annotations

import pandas as pd

from dashboard import formatting as fmt
from dashboard.figures.orp import OKABE_ITO
from dashboard.figures.style import (
    NO_DATA_COLOUR,
    STATUS_COLOURS,
    Figure,
    escape_text,
    figure,
    merge,
    plain_layout,
    wrap_label,
)
from dashboard.i18n import N_, _, data_column
from domain.frames import records

NOT_EVALUATED = N_("bez veřejného hodnocení")
COST_LABELS = {"planned_cost": N_("Plánované náklady"),
               "actual_cost": N_("Skutečné náklady (veřejná hodnocení)")}


def _name(row: dict, lang: str) -> str:
    return row[data_column("canonical_name", lang)]


def _shown(names: list[str]) -> list[str]:
    """Names as the chart shows them (categories and hover texts): escaped."""
    return [escape_text(n) for n in names]


def _layout(chart: Figure, title: str, lang: str, height: int, xaxis: dict) -> Figure:
    merge(plain_layout(chart, title, lang, height, bottom=90)["layout"], {
        # at the bottom, under the axis title: above the plot it runs into the title and tool bar
        "legend": {"orientation": "h", "yref": "container", "y": 0.01, "yanchor": "bottom", "x": 0,
                   "xanchor": "left"},
        "xaxis": xaxis,
        "yaxis": {"autorange": "reversed", "automargin": True},
    })
    return chart


def cost_bars(summary: pd.DataFrame, lang: str, title: str) -> Figure:
    """Planned and actual cost per canonical group, side by side (Kč)."""
    raw = [_name(r, lang) for r in records(summary)]
    names = _shown(raw)
    traces = []
    for column, colour in (("planned_cost", OKABE_ITO[0]), ("actual_cost", OKABE_ITO[1])):
        values = [None if v is None or v != v else float(v) for v in summary[column]]
        label = _(lang, COST_LABELS[column])
        traces.append({
            "type": "bar", "x": values, "y": [wrap_label(n) for n in raw], "orientation": "h",
            "name": label,
            "marker": {"color": colour},
            "hovertext": [f"{n}<br>{label}: {fmt.money(v, lang, context=fmt.PLAN)}"
                          for n, v in zip(names, values, strict=True)],
            "hovertemplate": "%{hovertext}<extra></extra>",
        })
    chart = figure(traces, {"barmode": "group"})
    return _layout(chart, title, lang, max(300, 120 + 52 * len(names)), {
        "title": {"text": _(lang, "Kč")}, "tickformat": ",.0f",
        "gridcolor": "#eeeeee", "rangemode": "tozero"})


def status_bars(counts: pd.DataFrame, statuses: pd.DataFrame, groups: pd.DataFrame, lang: str,
                title: str) -> Figure:
    """Measures per canonical group stacked by their latest public status."""
    order = [_name(r, lang) for r in records(groups)]
    extra = [n for n in counts[data_column("canonical_name", lang)] if n not in order]
    order += list(dict.fromkeys(extra))
    catalogue = [(r["code"], r[data_column("name", lang)])
                 for r in records(statuses)]
    catalogue.append(("none", _(lang, NOT_EVALUATED)))
    traces = []
    name_column = data_column("canonical_name", lang)
    for code, label in catalogue:
        mine = counts[counts["status_code"] == code].set_index(name_column)["measures"]
        if mine.empty:
            continue
        values = [int(mine.get(n, 0)) for n in order]
        label = escape_text(label)
        traces.append({
            "type": "bar", "x": values, "y": [wrap_label(n) for n in order], "orientation": "h",
            "name": label,
            "marker": {"color": STATUS_COLOURS.get(code, NO_DATA_COLOUR)},
            "hovertext": [f"{n}<br>{label}: {fmt.number(v, lang, 0)}"
                          for n, v in zip(_shown(order), values, strict=True)],
            "hovertemplate": "%{hovertext}<extra></extra>",
        })
    chart = figure(traces, {"barmode": "stack", "legend": {"traceorder": "normal"}})
    largest = int(counts.groupby(name_column)["measures"].sum().max()) if not counts.empty else 0
    return _layout(chart, title, lang, max(300, 120 + 40 * len(order)), {
        "title": {"text": "počet opatření" if lang != "en" else "number of measures"},
        **({"dtick": 1} if largest <= 12 else {}), "tickformat": "d", "gridcolor": "#eeeeee",
        "rangemode": "tozero"})
