"""The steering group's review of a community plan drawn and named: grid styles, status and
change words, the target-group filter's options and the cost chart.

The rules (grid states, changes, money) are ``domain.plan_review``'s; the states and change
kinds are imported here because their styles and words are keyed by them.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from dashboard import formatting as fmt
from dashboard.figures.style import PLAIN_TEMPLATE, STATUS_PALETTE, Figure, figure, wrap_label
from dashboard.i18n import N_, _, data_column
from domain.plan_review import DROPPED, IMPROVED, MISSING, NEW, PUBLICATION, UNPUBLISHED, WORSENED

#: The colours of the one status palette (``STATUS_PALETTE``) and a symbol, so that the grid
#: reads in black and white too.
STATUS_SYMBOLS = {"fulfilled": "✔", "partly": "◐", "ongoing": "↻", "not_fulfilled": "✘",
                  "not_started": "○"}
STATUS_STYLE: dict[str, dict[str, str]] = {
    **{status: {**STATUS_PALETTE[status], "symbol": symbol}
       for status, symbol in STATUS_SYMBOLS.items()},
    UNPUBLISHED: {"background": "#FFFFFF", "color": "#555555", "symbol": ""},
    MISSING: {"background": "#FFFFFF", "color": "#767676", "symbol": ""},
}

#: The words of the grid states that are not a status (message ids of the catalogs).
STATUS_TEXT = {UNPUBLISHED: N_("nezveřejněno"), MISSING: N_("bez hodnocení")}

#: The words of the change kinds (message ids of the catalogs).
CHANGE_TEXT = {
    IMPROVED: N_("zlepšení"), WORSENED: N_("zhoršení"), NEW: N_("nově hodnoceno"),
    DROPPED: N_("bez hodnocení"), PUBLICATION: N_("změna zveřejnění"),
}


def change_label(kind: str, lang: str) -> str:
    """Czech or English name of a change kind (improved, worsened, …)."""
    return _(lang, CHANGE_TEXT[kind])


def status_label(state: str, statuses: pd.DataFrame, lang: str) -> str:
    """Czech or English name of a status code, or of the unpublished / missing state."""
    if state in STATUS_TEXT:
        return _(lang, STATUS_TEXT[state])
    # a list's index, not a filtered frame: the grid asks once per cell (a frame cost 1 ms each)
    codes = statuses["code"].tolist()
    if state not in codes:
        return state
    return str(statuses[data_column("name", lang)].iat[codes.index(state)])


def group_options(measures: pd.DataFrame, lang: str) -> list[dict[str, str]]:
    """Target-group filter options: each canonical group, then the plan's own names under it."""
    options: list[dict[str, str]] = []
    known = measures.dropna(subset=["canonical_code"]).sort_values(["canonical_order", "target_group"])
    for code, rows in known.groupby("canonical_code", sort=False):
        name = rows.iloc[0][data_column("canonical_name", lang)]
        options.append({"label": str(name), "value": str(code)})
        for local in dict.fromkeys(rows["target_group"]):
            if local and local != rows.iloc[0]["canonical_name"]:
                options.append({"label": f"\u2003↳ {local}", "value": str(local)})
    return options


def cost_figure(frame: pd.DataFrame, year: int, lang: str) -> Figure:
    """Horizontal bars per measure: planned cost against money spent up to ``year``."""
    labels = [wrap_label(f"{c} {n}" if len(n) < 48 else f"{c} {n[:45]}…")
              for c, n in zip(frame["code"], frame["name"], strict=True)]
    planned = [float(v) if v is not None else None for v in frame["planned"]]
    spent = [float(v) if v is not None else None for v in frame["spent_to_date"]]
    names = (_(lang, "Plánované náklady"), _(lang, "Vynaloženo do roku {year}", year=year))
    traces = [{"type": "bar", "y": labels, "x": values, "name": name, "orientation": "h",
               "marker": {"color": colour},
               "customdata": [fmt.money(v, lang, context=fmt.PLAN) for v in raw],
               "hovertemplate": "%{y}<br>" + name + ": %{customdata}<extra></extra>"}
              for name, values, raw, colour in (
                  (names[0], planned, frame["planned"], "#999999"),
                  (names[1], spent, frame["spent_to_date"], "#0072B2"))]
    return figure(traces, {
        "barmode": "group", "separators": fmt.PLOTLY_SEPARATORS.get(lang, ", "),
        "template": PLAIN_TEMPLATE,
        "height": max(240, 60 + 46 * len(frame)), "margin": {"l": 10, "r": 10, "t": 10, "b": 40},
        # above the bars: below them it sat on the axis title at some heights
        "legend": {"orientation": "h", "x": 0, "y": 1, "yanchor": "bottom"}, "plot_bgcolor": "white",
        "xaxis": {"title": {"text": _(lang, "Kč")}, "gridcolor": "#E5E5E5",
                  "tickformat": ",.0f"},
        "yaxis": {"autorange": "reversed", "automargin": True},
    })


def status_count_figure(counts: Mapping[str, int], statuses: pd.DataFrame, lang: str) -> Figure:
    """Horizontal bars: how many measures are in each state in the year (status order, then
    not published and not evaluated), each in its status colour."""
    states = [*statuses["code"], UNPUBLISHED, MISSING]
    shown = [state for state in states if counts.get(state)]
    labels = [status_label(state, statuses, lang) for state in shown]
    colours = [STATUS_STYLE[state]["background"] if state in STATUS_SYMBOLS else "#BBBBBB"
               for state in shown]
    return figure([{"type": "bar", "orientation": "h", "y": labels, "x": [counts[s] for s in shown],
                    "marker": {"color": colours, "line": {"color": "#555555", "width": 1}},
                    "text": [str(counts[s]) for s in shown], "textposition": "outside",
                    "hovertemplate": "%{y}: %{x}<extra></extra>"}], {
        "template": PLAIN_TEMPLATE, "height": max(200, 60 + 40 * len(shown)),
        "margin": {"l": 10, "r": 30, "t": 10, "b": 40}, "plot_bgcolor": "white", "showlegend": False,
        "xaxis": {"title": {"text": _(lang, "opatření")},
                  "gridcolor": "#E5E5E5", "dtick": 1},
        "yaxis": {"autorange": "reversed", "automargin": True},
    })
