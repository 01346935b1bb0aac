"""Sections of the project page: key activities, target groups, organisational structure."""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import formatting as fmt
from dashboard.components.common import empty_state, export_links
from dashboard.db import Database
from dashboard.export_columns import BODY_KINDS
from dashboard.figures.project import activity_timeline
from dashboard.figures.style import graph_config
from dashboard.i18n import N_, _, upload_hint
from dashboard.pages._project_text import lineage_note
from dashboard.queries import project as q
from domain.frames import records


def activities_section(db: Database, found: dict, lang: str) -> html.Section:
    """The timeline of dated key activities, and a list of every activity with goal and outputs."""
    frame = q.key_activities(db, found["key"])
    body: list[object] = [html.H2(_(lang, "Klíčové aktivity"), className="h4")]
    if frame.empty:
        body.append(empty_state(_(lang, "Klíčové aktivity nejsou načteny."), upload_hint(lang, _(
            lang, "Klíčové aktivity patří do souboru klicove_aktivity.csv:")),
                                "project-no-activities"))
        return html.Section(body, className="mb-4", id="project-activities")
    dated = frame["start_date"].notna() & frame["end_date"].notna()
    if dated.any():
        body.append(dcc.Graph(id="project-activities-graph", figure=activity_timeline(frame, lang),
                              config=graph_config(lang, "klicove-aktivity")))
    if (~dated).any() and dated.any():
        body.append(html.Div(_(lang, "Bez uvedených termínů:"), className="small text-muted"))
    items = []
    for row in records(frame):
        detail = [html.Div([html.Strong(f"{_(lang, label)}: "), row[f]], className="small")
                  for label, f in ((N_("Cíl"), "goal"), (N_("Výstupy"), "outputs")) if row[f]]
        when = fmt.period(row["start_date"], row["end_date"], lang)
        summary = [html.Span(row["code"], className="font-monospace me-2"), row["name"],
                   html.Span(f" · {when}", className="text-muted small") if when != fmt.EMPTY else None]
        items.append(dbc.ListGroupItem(
            html.Details([html.Summary(summary), *detail]) if detail else html.Div(summary)))
    body += [dbc.ListGroup(items, flush=True, id="project-activity-list"),
             export_links("project-activities", lang, {"id": found["key"]}),
             lineage_note(frame, lang, "project-activities-lineage")]
    return html.Section(body, className="mb-4", id="project-activities")


def groups_section(frame: pd.DataFrame, key: str, lang: str) -> html.Section:
    """The target groups the project names, with their descriptions."""
    body: list[object] = [html.H2(_(lang, "Cílové skupiny projektu"), className="h5")]
    if frame.empty:
        body.append(empty_state(_(lang, "Cílové skupiny projektu nejsou načteny."), upload_hint(lang, _(
            lang, "Cílové skupiny patří do souboru cilove_skupiny_projektu.csv:")), "project-no-groups"))
    else:
        body += [dbc.ListGroup([dbc.ListGroupItem([html.Div(r["name"], className="fw-semibold"),
                                                   html.Div(r["description"] or "", className="small")])
                                for r in records(frame)], flush=True, id="project-groups"),
                 export_links("project-target-groups", lang, {"id": key}),
                 lineage_note(frame, lang)]
    return html.Section(body, className="mb-4", id="project-target-groups")


def bodies_section(frame: pd.DataFrame, key: str, lang: str) -> html.Section:
    """Steering and working groups, platforms and forums of the planning process."""
    body: list[object] = [html.H2(_(lang, "Organizační struktura plánování"), className="h5")]
    if frame.empty:
        body.append(empty_state(_(lang, "Organizační struktura není načtena."), upload_hint(lang, _(
            lang, "Organizační struktura patří do souboru organizacni_struktura.csv:")),
                                "project-no-bodies"))
    else:
        items = []
        for r in records(frame):
            tags = [_(lang, BODY_KINDS[r["kind"]])] if r["kind"] in BODY_KINDS else []
            if r["meetings_public"] is not None:
                tags.append(_(lang, "jednání veřejná") if r["meetings_public"]
                            else _(lang, "jednání neveřejná"))
            if r["local_target_group"]:
                tags.append(r["local_target_group"])
            items.append(dbc.ListGroupItem([
                html.Div([html.Span(r["name"], className="fw-semibold"),
                          *[dbc.Badge(tag, color="light", text_color="dark", className="ms-1 border")
                            for tag in tags]]),
                html.Div(r["description"] or "", className="small")]))
        body += [dbc.ListGroup(items, flush=True, id="project-bodies"),
                 export_links("project-planning-bodies", lang, {"id": key}),
                 lineage_note(frame, lang)]
    return html.Section(body, className="mb-4", id="project-planning-bodies")
