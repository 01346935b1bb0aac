"""Charts of the project page: drawdown by year and source, an indicator over time, the KA timeline.

Pure functions: DataFrames (as the queries return them) in, a figure (plain dicts, ``style.figure``) out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import pandas as pd

from dashboard import formatting as fmt
from dashboard.figures.indicators import status_label
from dashboard.figures.style import (
    OKABE_ITO,
    SOURCE_COLOURS,
    STATUS_COLOURS,
    Figure,
    base_layout,
    escape_text,
    figure,
    merge,
    wrap_label,
)
from dashboard.i18n import _, data_column
from domain.projects import project_end


def _float(value: object) -> float | None:
    if value is None or (isinstance(value, float) and value != value):
        return None
    return float(value)


def drawdown_figure(frame: pd.DataFrame, lang: str = "cs") -> Figure:
    """Per year two stacked bars, planned and drawn, each split by funding source."""
    traces = []
    years = sorted(frame["year"].unique()) if not frame.empty else []
    kinds = [("planned", _(lang, "plánováno")), ("drawn", _(lang, "čerpáno"))]
    x = [[str(y) for y in years for _ in kinds], [label for _ in years for _, label in kinds]]
    origins = pd.Series(point_sources(frame, lang), index=frame.index, dtype=object)
    demo = frame["is_demo"].fillna(False).astype(bool) if "is_demo" in frame else origins == ""
    # loaded and generated figures in one chart: each bar says its origin, and DEMO bars are hatched
    mixed = bool(demo.any()) and not bool(demo.all())
    for source, rows in frame.groupby("source_code", sort=False):
        by_year = rows.set_index("year")
        origin, hatched = origins[rows.index].set_axis(rows["year"]), demo[rows.index].set_axis(rows["year"])
        name = escape_text(rows[data_column("name", lang)].iloc[0])
        values, hover, shapes = [], [], []
        for year in years:
            known = year in by_year.index
            note = f" · {escape_text(origin[year])}" if known and origin[year] else ""
            for column, label in kinds:
                amount = by_year[column].get(year) if known else None
                values.append(_float(amount))
                hover.append(f"{name} · {year} · {label}: {fmt.money(amount, lang)}{note}")
                shapes.append("/" if known and hatched[year] else "")
        marker = {"color": SOURCE_COLOURS.get(source, OKABE_ITO["grey"])}
        if mixed:
            marker["pattern"] = {"shape": shapes, "fillmode": "overlay", "fgcolor": "white"}
        traces.append({
            "type": "bar", "x": x, "y": values, "name": name, "marker": marker,
            "hovertext": hover, "hovertemplate": "%{hovertext}<extra></extra>"})
    # Legend in source order (EU, state, beneficiary), not in the stacking order.
    chart = figure(traces, {
        "barmode": "stack", "bargap": 0.25, "legend": {"traceorder": "normal"},
        "yaxis": {"title": {"text": _(lang, "Kč")}, "tickformat": ",.0f", "rangemode": "tozero"},
        "xaxis": {"title": {"text": _(lang, "Rok")}},
    })
    return base_layout(chart, _(lang, "Rozpočet podle let: plánováno a čerpáno podle zdroje"), lang)


def point_sources(values: pd.DataFrame, lang: str) -> list[str]:
    """Each reported value's source as the chart names it: DEMO for generated values, else the
    file it was loaded from (empty where neither is known)."""
    demo = values["is_demo"].fillna(False).astype(bool) if "is_demo" in values \
        else pd.Series(False, index=values.index)
    files = values["file_name"] if "file_name" in values else pd.Series(None, index=values.index)
    return [_(lang, "DEMO") if is_demo else (str(name) if isinstance(name, str) else "")
            for is_demo, name in zip(demo, files, strict=True)]


def indicator_figure(goal: Mapping[str, object], values: pd.DataFrame, lang: str = "cs",
                     today: dt.date | None = None) -> Figure:
    """Achieved values as a line, the target as a horizontal line, the projection dashed.

    ``goal`` is one row of ``queries.indicators.progress``; ``values`` the reported
    values of that project and indicator (``reported_on``, ``achieved_value``).
    """
    unit = escape_text(fmt.unit(goal.get("unit"), lang))
    start = goal.get("start_date")
    end = project_end(goal.get("end_date"), goal.get("planned_end_date"))
    target, projected = _float(goal.get("target_value")), _float(goal.get("projected"))
    status = str(goal.get("status") or "no_data")
    chart = figure([])
    traces = chart["data"]
    dates = list(values["reported_on"]) if not values.empty else []
    achieved = [float(v) for v in values["achieved_value"]] if not values.empty else []
    labels = list(values["report_label"]) if "report_label" in values and not values.empty \
        else [None] * len(dates)
    if dates:
        marker: dict[str, object] = {"size": 8}
        sources = point_sources(values, lang)
        demo_flags = values["is_demo"].fillna(False).astype(bool) if "is_demo" in values else []
        if len(set(demo_flags)) > 1:
            # demo and loaded values in one line: each point shows its source by shape too
            marker["symbol"] = ["diamond-open" if demo else "circle" for demo in demo_flags]
        traces.append({
            "type": "scatter", "x": dates, "y": achieved, "mode": "lines+markers",
            "name": _(lang, "dosaženo (kumulativně)"),
            "line": {"color": OKABE_ITO["blue"], "width": 3}, "marker": marker,
            "hovertext": [f"{fmt.date(d, lang)}{f' ({escape_text(lab)})' if lab else ''}: "
                          f"{fmt.number(v, lang)}{f' · {escape_text(source)}' if source else ''}"
                          for d, v, lab, source in zip(dates, achieved, labels, sources, strict=True)],
            "hovertemplate": "%{hovertext}<extra></extra>"})
    span = [d for d in (start, end) if d is not None] or dates
    if target is not None and span:
        left, right = min(span + dates), max(span + dates)
        traces.append({
            "type": "scatter", "x": [left, right], "y": [target, target], "mode": "lines",
            "name": f"{_(lang, 'cíl')} {fmt.number(target, lang)}",
            "line": {"color": OKABE_ITO["black"], "width": 2},
            "hovertemplate": f"{_(lang, 'cíl')}: {fmt.number(target, lang)} ({unit})<extra></extra>"})
    if projected is not None and dates and end is not None and end > dates[-1]:
        traces.append({
            "type": "scatter", "x": [dates[-1], end], "y": [achieved[-1], projected],
            "mode": "lines+markers",
            "name": f"{_(lang, 'projekce ke konci projektu')} ({fmt.number(round(projected, 1), lang)})",
            "line": {"color": STATUS_COLOURS.get(status, OKABE_ITO["grey"]), "width": 2,
                     "dash": "dash"},
            "marker": {"symbol": ["circle-open", "diamond"], "size": [1, 10]},
            "hovertemplate": (f"{_(lang, 'projekce ke konci projektu')} {fmt.date(end, lang)}: "
                              f"{fmt.number(round(projected, 1), lang)}<extra></extra>")})
    if end is not None:
        _vertical(chart, end, _(lang, "konec projektu"))
    today = today or dt.date.today()
    if start is not None and end is not None and start <= today <= end:
        _vertical(chart, today, _(lang, "dnes"))
    top = max([v for v in (target, projected, *achieved) if v is not None] or [1.0])
    yaxis = {"title": {"text": unit}, "rangemode": "tozero", "range": [0, top * 1.18],
             "tickformat": ",~f"}
    if top <= 10 and all(float(v).is_integer() for v in (target, *achieved) if v is not None):
        # Counts of people or documents: whole-number ticks, no "0,5 dokumentu".
        yaxis["dtick"] = 1
    merge(chart["layout"], {"yaxis": yaxis, "xaxis": {"title": {"text": _(lang, "Datum")},
                                                      "tickformat": "%-m/%Y"}})
    title = _(lang, "{code}: dosaženo vs. cíl").format(code=goal.get("indicator_code"))
    label = status_label(status, lang)
    chart = base_layout(chart, f"{title} — {label}", lang, height=320)
    # the legend just under the plot area (paper), above the axis' dates
    return merge(chart, {"layout": {"legend": {"yref": "paper", "y": -0.25, "yanchor": "top", "x": 0,
                                               "xanchor": "left"},
                                    "margin": {"b": 10, "t": 40}}})


def _vertical(chart: Figure, when: dt.date, label: str) -> None:
    """A thin vertical line with a label at the top (dates kept as dates, not strings)."""
    chart["layout"].setdefault("shapes", []).append({
        "type": "line", "x0": when, "x1": when, "yref": "paper", "y0": 0, "y1": 1,
        "line": {"color": OKABE_ITO["grey"], "width": 1, "dash": "dot"}})
    chart["layout"].setdefault("annotations", []).append({
        "x": when, "yref": "paper", "y": 1, "text": label, "showarrow": False, "xanchor": "right",
        "yanchor": "top", "font": {"size": 11, "color": "#555"}})


def activity_timeline(frame: pd.DataFrame, lang: str = "cs") -> Figure:
    """A bar from start to end for every key activity with both dates (codes on the y axis)."""
    dated = frame[frame["start_date"].notna() & frame["end_date"].notna()] if not frame.empty \
        else frame
    chart = figure([])
    if not dated.empty:
        starts = [pd.Timestamp(d) for d in dated["start_date"]]
        # The end date is the last day of the activity: the bar runs to its end.
        ends = [pd.Timestamp(d) + pd.Timedelta(days=1) for d in dated["end_date"]]
        labels = [wrap_label(_short(f"{c} {n}", 48))
                  for c, n in zip(dated["code"], dated["name"], strict=True)]
        chart["data"].append({
            "type": "bar", "y": labels, "base": starts,
            "x": [(e - s).total_seconds() * 1000 for s, e in zip(starts, ends, strict=True)],
            "orientation": "h", "marker": {"color": OKABE_ITO["blue"]}, "showlegend": False,
            "hovertext": [f"{escape_text(f'{c} {n}')}<br>{fmt.period(s, e, lang)}"
                          for c, n, s, e in zip(dated["code"], dated["name"], dated["start_date"],
                                                dated["end_date"], strict=True)],
            "hovertemplate": "%{hovertext}<extra></extra>"})
        chart["layout"].update(
            yaxis={"autorange": "reversed", "automargin": True},
            xaxis={"type": "date", "title": {"text": _(lang, "Datum")}, "tickformat": "%-m/%Y"})
    return base_layout(chart, _(lang, "Harmonogram klíčových aktivit"), lang,
                       height=max(220, 90 + 44 * len(dated)))


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
