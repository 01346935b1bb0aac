"""Chart of the indicator page: projects ranked by their % of one indicator's target.

Pure: a DataFrame of ``queries.indicators.progress`` rows (plus a ``label`` column
naming each project) in, a figure (plain dicts, ``style.figure``) out.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from dashboard import formatting as fmt
from dashboard.figures.style import OKABE_ITO, STATUS_COLOURS, Figure, base_layout, escape_text, figure
from dashboard.i18n import N_, _
from domain.indicators import ACHIEVED, AT_RISK, MISSED, NO_DATA, NO_TARGET, ON_TRACK

#: Order of the statuses in the legend: the one that needs action first.
STATUS_ORDER = ("at_risk", "missed", "on_track", "achieved", "no_data", "no_target")

#: Each status of an indicator (``domain.indicators``) in words (Czech message ids of the
#: catalogs; ``status_label`` in a language).
STATUS_LABELS = {
    ACHIEVED: N_("splněno"), ON_TRACK: N_("podle plánu"), AT_RISK: N_("ohroženo"),
    MISSED: N_("nesplněno"), NO_DATA: N_("bez dat"), NO_TARGET: N_("bez cíle"),
}


def status_label(status: str, lang: str) -> str:
    """The status in words in ``lang`` (an unknown status as it is)."""
    return _(lang, STATUS_LABELS[status]) if status in STATUS_LABELS else status



def ranked(frame: pd.DataFrame) -> pd.DataFrame:
    """Projects from the highest % of target to the lowest; those without data last."""
    share = pd.to_numeric(frame["share_of_target"], errors="coerce")
    return frame.assign(_share=share.fillna(-1.0)) \
        .sort_values(["_share", "label"], ascending=[False, True], kind="stable") \
        .drop(columns="_share").reset_index(drop=True)


#: At national scale a chart of thousands of bars is unreadable: it shows at most this many.
CHART_LIMIT = 50


def chart_rows(frame: pd.DataFrame, limit: int = CHART_LIMIT) -> pd.DataFrame:
    """The projects the chart shows: all of them, or the ``limit`` lowest % of target (ranked)."""
    rows = ranked(frame)
    if len(rows) <= limit:
        return rows
    return rows.iloc[-limit:].reset_index(drop=True)


def wrap_label(label: str, width: int = 38) -> str:
    """A long project name on up to three lines, so the bars keep most of the width (escaped:
    wrapped first, so that no line break falls inside an escaped character)."""
    lines = textwrap.wrap(str(label), width)
    if len(lines) > 3:
        lines = lines[:3]
        lines[2] = lines[2][: width - 1].rstrip() + "…"
    return "<br>".join(escape_text(line) for line in lines)


def ranking_figure(frame: pd.DataFrame, code: str, lang: str = "cs",
                   limit: int = CHART_LIMIT) -> Figure:
    """Horizontal bars of % of target per project, coloured by status, best at the top."""
    rows = chart_rows(frame, limit)
    rows = rows.assign(label=rows["label"].map(wrap_label))
    traces = []
    unit = ""
    if not rows.empty and "unit" in rows:
        unit = escape_text(fmt.unit(rows["unit"].iloc[0], lang))
    for status in STATUS_ORDER:
        part = rows[rows["status"] == status]
        if part.empty:
            continue
        shares = [float(s) * 100 if s is not None and s == s else 0.0 for s in part["share_of_target"]]
        label = status_label(status, lang)
        traces.append({
            "type": "bar", "y": list(part["label"]), "x": shares, "orientation": "h", "name": label,
            "marker": {"color": STATUS_COLOURS[status]},
            "text": [fmt.percent(s, lang) if s is not None and s == s else label
                     for s in part["share_of_target"]],
            "textposition": "outside", "cliponaxis": False,
            "hovertext": [f"{lab}<br>{_(lang, 'dosaženo')} {fmt.number(v, lang)} {_(lang, 'z')} "
                          f"{fmt.number(t, lang)} {unit} ({fmt.percent(s, lang)}) · {label}"
                          for lab, v, t, s in zip(part["label"], part["latest"], part["target_value"],
                                                  part["share_of_target"], strict=True)],
            "hovertemplate": "%{hovertext}<extra></extra>"})
    elapsed = rows[rows["elapsed"].notna()] if "elapsed" in rows else rows.iloc[0:0]
    if not elapsed.empty:
        traces.append({
            "type": "scatter", "y": list(elapsed["label"]),
            "x": [float(e) * 100 for e in elapsed["elapsed"]], "mode": "markers",
            "name": _(lang, "uplynulá doba projektu"),
            "marker": {"symbol": "line-ns", "size": 22,
                       "line": {"width": 3, "color": OKABE_ITO["black"]}, "color": OKABE_ITO["black"]},
            "hovertext": [f"{_(lang, 'uplynulá doba projektu')}: {fmt.percent(e, lang)}"
                      for e in elapsed["elapsed"]],
            "hovertemplate": "%{hovertext}<extra></extra>"})
    top = max([100.0] + [float(s) * 100 for s in rows["share_of_target"] if s is not None and s == s])
    chart = figure(traces, {
        "shapes": [{"type": "line", "x0": 100, "x1": 100, "yref": "paper", "y0": 0, "y1": 1,
                    "line": {"color": OKABE_ITO["grey"], "width": 1, "dash": "dash"}}],
        "xaxis": {"title": {"text": _(lang, "% cílové hodnoty")}, **fmt.percent_axis(lang),
                  "range": [0, top * 1.15]},
        "yaxis": {"autorange": "reversed", "automargin": True, "categoryorder": "array",
                  "categoryarray": list(rows["label"])},
        "barmode": "overlay", "bargap": 0.5,
    })
    return base_layout(chart, _(lang, "{code}: plnění cíle podle projektů").format(code=code), lang,
                       height=max(200, 130 + 44 * len(rows)))
