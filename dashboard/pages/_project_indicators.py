"""The indicator section of the project page: one card per indicator with its chart."""

from __future__ import annotations

import datetime as dt

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import formatting as fmt
from dashboard.components.common import demo_badge, empty_state, export_links, status_badge
from dashboard.components.layout import href
from dashboard.db import Database
from dashboard.figures.indicators import status_label
from dashboard.figures.project import indicator_figure
from dashboard.figures.style import graph_config
from dashboard.i18n import _, upload_hint
from dashboard.pages._project_text import lineage_note
from dashboard.queries import project as q
from domain.frames import records
from domain.indicators import AT_RISK, shortfall
from domain.projects import period_over, project_end


def indicators_section(db: Database, found: dict, lang: str, today: dt.date) -> html.Section:
    """One card per indicator: the figures, the chart, the reported values and their source."""
    key = found["key"]
    progress = q.indicator_progress(db, key, today)
    body: list[object] = [html.H2(_(lang, "Indikátory: cíl a dosažené hodnoty"), className="h4")]
    if progress.empty:
        body.append(empty_state(_(lang, "Projekt nemá načtené cíle indikátorů."), upload_hint(lang, _(
            lang, "Cíle patří do souboru cile_indikatoru.csv (dosažené hodnoty do "
                  "plneni_indikatoru.csv):")), "project-no-indicators"))
        return html.Section(body, className="mb-4", id="project-indicators")
    achievements = q.indicator_achievements(db, key)
    targets = q.indicator_targets(db, key).set_index("indicator_code")
    for goal in records(progress):
        code = goal["indicator_code"]
        own = (achievements[achievements["indicator_code"] == code] if not achievements.empty
               else achievements)
        target_row = targets.loc[code].to_dict() if code in targets.index else {}
        body.append(indicator_card(goal, own, target_row, key, lang, today))
    body.append(html.Div([html.Small(_(lang, "Souhrn všech indikátorů projektu (cíl, dosaženo, %, projekce, "
                                             "stav)"), className="text-muted me-2"),
                          export_links("project-indicators", lang, {"id": key})],
                         className="d-flex align-items-center justify-content-end"))
    return html.Section(body, className="mb-4", id="project-indicators")


def _stat(label: str, value: object, stat_id: str) -> dbc.Col:
    return dbc.Col([html.Div(label, className="text-muted small"),
                    html.Div(value, className="fw-semibold", id=stat_id)], xs=6, md=3)


def indicator_card(goal: dict, achievements: pd.DataFrame, target_row: dict, key: str,
                   lang: str, today: dt.date) -> dbc.Card:
    """The indicator's target, latest value, % of target, time elapsed, projection and chart."""
    code, unit = goal["indicator_code"], fmt.unit(goal["unit"], lang)
    status = goal["status"]
    label = status_label(status, lang)
    prefix = f"project-indicator-{code}"
    # Units in the codebook are plural nouns ("osoby"): they go in the label, not after a number.
    target_text = fmt.number(goal["target_value"], lang)
    end = project_end(goal["end_date"], goal.get("planned_end_date"))
    end_planned = goal["end_date"] is None and end is not None  # a running project's planned end
    target_date = target_row.get("target_date") or end
    if target_date:
        target_text += f" ({_(lang, 'do')} {fmt.date(target_date, lang)})"
    latest = fmt.number(goal["latest"], lang)
    if goal["share_of_target"] is not None:
        latest += f" ({fmt.percent(goal['share_of_target'], lang)} {_(lang, 'cíle')})"
    finished = period_over(end, today)
    # a finished project has a result, not a forecast
    last = (_stat(_(lang, "Výsledek po skončení projektu"), result_text(goal, lang), f"{prefix}-result")
            if finished
            else _stat(_(lang, "Projekce k plánovanému konci") if end_planned
                       else _(lang, "Projekce ke konci"),
                       fmt.number(None if goal["projected"] is None
                                  else round(goal["projected"], 1), lang),
                       f"{prefix}-projection"))
    stats = dbc.Row([
        _stat(f"{_(lang, 'Cíl')} ({unit})" if unit else _(lang, "Cíl"), target_text,
              f"{prefix}-target"),
        _stat(_(lang, "Dosaženo"), latest, f"{prefix}-latest"),
        _stat(_(lang, "Uplynulá doba projektu"), fmt.percent(goal["elapsed"], lang), f"{prefix}-elapsed"),
        last,
    ], className="g-2 mb-2")
    heading = html.Div([
        html.H3([html.Span(code, className="font-monospace me-2"), goal["indicator_name"]],
                className="h6 mb-1 d-inline"),
        status_badge(label, status, class_name=f"ms-2 status-{status}", badge_id=f"{prefix}-status"),
        demo_badge(lang) if goal["is_demo"] else None,
    ])
    children: list[object] = [heading]
    if goal["description"]:
        children.append(html.Div(goal["description"], className="small text-muted mb-2"))
    children.append(stats)
    if status == AT_RISK:
        children.append(dbc.Alert(risk_text(goal, lang), color="danger", className="py-1 px-2 small mb-2",
                                  id=f"{prefix}-risk"))
    if achievements.empty:
        # no chart of a target line over empty axes: the note says what is missing
        children.append(empty_state(_(lang, "Zatím nejsou načteny žádné dosažené hodnoty. Patří do "
                                            "souboru plneni_indikatoru.csv, který editor nahraje na "
                                            "stránce Nahrát data (/nahrat)."),
                                    state_id=f"{prefix}-no-values"))
    else:
        children.append(dcc.Graph(id=f"{prefix}-graph",
                                  figure=indicator_figure(goal, achievements, lang, today),
                                  config=graph_config(lang, f"indikator-{code}")))
    if not achievements.empty:
        children.append(html.Details([
            html.Summary(_(lang, "Vykázané hodnoty"), className="small"),
            _achievements_table(achievements, unit, lang),
        ], className="mb-1"))
    children += [
        lineage_note(target_row, lang, f"{prefix}-target-lineage", _(lang, "Cíl"))
        if target_row else None,
        lineage_note(achievements, lang, f"{prefix}-values-lineage", _(lang, "Vykázané hodnoty"))
        if not achievements.empty else None,
        html.Div([html.A(_(lang, "Srovnání s ostatními projekty"), href=href("/indikatory", lang, kod=code),
                         className="small me-auto"),
                  export_links("project-indicator-values", lang, {"id": key, "kod": code},
                               link_id=f"export-{prefix}")],
                 className="d-flex align-items-center"),
    ]
    return dbc.Card(dbc.CardBody(children), className=f"mb-3 shadow-sm indicator-{status}", id=prefix)


def result_text(goal: dict, lang: str) -> str:
    """A finished project's result: the target reached, or missed and by how much."""
    gap = shortfall(goal.get("target_value"), goal.get("latest"))
    if gap is None:
        return status_label(goal["status"], lang)
    if gap == 0:
        return _(lang, "cíl splněn")
    return _(lang, "cíl nesplněn, chybí {gap}", gap=fmt.number(round(gap, 1), lang))


def risk_text(goal: dict, lang: str) -> str:
    """Why an indicator is at risk, in numbers: where the trend ends and how much is missing."""
    projected, target = goal.get("projected"), goal.get("target_value")
    end = project_end(goal.get("end_date"), goal.get("planned_end_date"))
    if projected is None or target is None or end is None:
        return _(lang, "Ohroženo: cíl není splněn a projekci nelze spočítat (chybí termín konce nebo "
                       "vykázané hodnoty).")
    return _(lang, "Ohroženo: při dosavadním tempu projekt do {end} dosáhne asi {projected} z cílových "
                   "{target} (chybí {gap}). Projekce je přímka proložená vykázanými hodnotami.").format(
        end=fmt.date(end, lang) if goal.get("end_date") is not None
        else f"{fmt.date(end, lang)} ({_(lang, 'plánované ukončení')})",
        projected=fmt.number(round(projected, 1), lang),
        target=fmt.number(target, lang), gap=fmt.number(round(target - projected, 1), lang))


def _achievements_table(achievements: pd.DataFrame, unit: str, lang: str) -> dbc.Table:
    rows = [html.Tr([html.Td(fmt.date(r["reported_on"], lang)), html.Td(r["report_label"] or fmt.EMPTY),
                     html.Td(f"{fmt.number(r['achieved_value'], lang)} {unit}", className="text-end")])
            for r in records(achievements)]
    return dbc.Table([html.Thead(html.Tr([html.Th(_(lang, "Datum")), html.Th(_(lang, "Zpráva")),
                                          html.Th(_(lang, "Hodnota"), className="text-end")])),
                      html.Tbody(rows)], size="sm", className="mb-1 w-auto")

