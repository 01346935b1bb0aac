"""/projekt?id=<registration number or local key> — one project in full.

Header (identity, ORPs, predecessor, the plan it produced), budget by source and
drawdown, every indicator against its target over time with the projection and
the at-risk flag, the key-activity timeline, target groups and organisational
structure. Every section says where its figures come from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import formatting as fmt
from dashboard.components.common import demo_badge, empty_state, export_links, kpi_card
from dashboard.components.grid import grid, money_column, percent_column
from dashboard.components.layout import href
from dashboard.db import Database, get_db
from dashboard.exports import dataset
from dashboard.figures.project import activity_timeline, drawdown_figure, indicator_figure
from dashboard.figures.style import graph_config
from dashboard.i18n import language, t
from dashboard.pages._project_text import BODY_KINDS, lineage_note, tr
from dashboard.queries import project as q
from dashboard.queries.projects import display_name, project_status
from dashboard.rules import AT_RISK, STATUS_LABELS

dash.register_page(__name__, path="/projekt", name="Projekt", title="KPSS Monitor – Projekt")

STATUS_COLOURS = {"at_risk": "danger", "achieved": "success", "on_track": "primary"}
PROJECT_STATUS = {"running": ("probíhá", "running"), "finished": ("ukončen", "finished"),
                  "planned": ("připravuje se", "planned"), "unknown": ("", "")}


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[1 if lang == "en" else 0]


# --- exports: each returns what a section shows ------------------------------------------------

def _project_id(db: Database, args: Mapping[str, str]) -> int | None:
    found = q.project(db, args.get("id", "")) if args.get("id") else None
    return found["id"] if found else None


def _or_empty(db: Database, args: Mapping[str, str], query) -> pd.DataFrame:  # noqa: ANN001
    project_id = _project_id(db, args)
    return query(db, project_id) if project_id is not None else pd.DataFrame()


@dataset("project-budget")
def budget_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """The project's amount and share per funding source, with the derived marks."""
    return _or_empty(db, args, q.funding)


@dataset("project-drawdown")
def drawdown_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """Planned and drawn per year and source, with lineage."""
    return _or_empty(db, args, q.drawdown)


@dataset("project-indicators")
def indicators_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """Each indicator's target, latest value, % of target, projection and status."""
    frame = q.indicator_progress(db, args.get("id", ""))
    if args.get("kod"):
        frame = frame[frame["indicator_code"] == args["kod"]]
    return frame.drop(columns=["project_id"])


@dataset("project-indicator-values")
def indicator_values_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """Reported (cumulative) values behind an indicator chart, with file and row."""
    frame = q.indicator_values(db, args.get("id", ""), args.get("kod") or None)
    return frame.drop(columns=["project_id"], errors="ignore")


@dataset("project-activities")
def activities_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """Key activities with period, goal and outputs."""
    return _or_empty(db, args, q.key_activities)


@dataset("project-target-groups")
def target_groups_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """The project's target groups."""
    return _or_empty(db, args, q.target_groups)


@dataset("project-planning-bodies")
def planning_bodies_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """The organisational structure of the planning."""
    return _or_empty(db, args, q.planning_bodies)


# --- layout --------------------------------------------------------------------------------------

def layout(lang: str | None = None, **query: str) -> html.Div:
    """The project named by ``id`` in the query string; an empty state when there is none."""
    lang = language(lang)
    key = (query.get("id") or "").strip()
    back = html.A(tr("back", lang), href=href("/projekty", lang), className="small")
    if not key:
        return html.Div([back, empty_state(tr("missing_id", lang), tr("unknown_hint", lang),
                                           "project-missing")])
    db = get_db()
    found = q.project(db, key)
    if found is None:
        return html.Div([back, empty_state(tr("unknown", lang).format(key=key), tr("unknown_hint", lang),
                                           "project-missing")])
    today = dt.date.today()
    project_id = found["id"]
    return html.Div([
        back,
        header(db, found, lang, today),
        budget_section(db, found, lang),
        indicators_section(db, found, lang, today),
        activities_section(db, found, lang),
        dbc.Row([
            dbc.Col(groups_section(q.target_groups(db, project_id), key, lang), lg=6),
            dbc.Col(bodies_section(q.planning_bodies(db, project_id), key, lang), lg=6),
        ], className="g-3"),
    ], id="project-page")


def _fact(label: str, value: object, fact_id: str) -> html.Div:
    return dbc.Row([dbc.Col(html.Span(label, className="text-muted"), sm=4, lg=3),
                    dbc.Col(value, sm=8, lg=9, id=fact_id)], className="py-1 border-bottom g-2")


def header(db: Database, found: dict, lang: str, today: dt.date) -> html.Div:
    """Name, registration number and the project's facts, with the source of the row."""
    key = found["key"]
    registration: list[object] = [html.Span(key, className="font-monospace")]
    if not found["registration_number_stated"]:
        registration = [t("reg.not_stated", lang), html.Small(f" ({tr('local_key', lang)}: {key})",
                                                              className="text-muted")]
    orps = q.orps(db, found["id"])
    plans = q.plans(db, found["id"])
    followers = q.successors(db, key)
    none = html.Span(tr("none", lang), className="text-muted")
    status = _pick(PROJECT_STATUS[project_status(found["start_date"], found["end_date"], today)], lang)
    period = [fmt.period(found["start_date"], found["end_date"], lang)] \
        if found["start_date"] or found["end_date"] else [none]
    if found["duration_months"]:
        period.append(f" ({found['duration_months']} {tr('months', lang)})")
    if status:
        period += [" ", dbc.Badge(status, color="light", text_color="dark", className="border")]
    orp_links = [html.Span([html.A(r["name"], href=href("/orp", lang, kod=r["code"])),
                            ", " if i < len(orps) - 1 else ""])
                 for i, r in enumerate(orps.to_dict("records"))]
    if found["municipality_count"]:
        orp_links.append(html.Span(f" ({found['municipality_count']} {tr('municipalities', lang)})"))
    facts = [
        _fact(tr("reg", lang), registration, "project-registration"),
        _fact(tr("beneficiary", lang), found["beneficiary"] or none, "project-beneficiary"),
        _fact(tr("programme", lang), " – ".join(v for v in (found["programme_code"], found["programme_name"])
                                                if v) or none, "project-programme"),
        _fact(tr("call", lang), " – ".join(v for v in (found["call_number"], found["call_name"]) if v)
              or none, "project-call"),
        _fact(tr("period", lang), period, "project-period"),
        _fact(tr("orps", lang), orp_links or none, "project-orps"),
    ]
    if found["predecessor_key"]:
        name = found["predecessor_name"] or found["predecessor_key"]
        link = html.A(f"{found['predecessor_key']} – {name}" if found["predecessor_name"] else name,
                      href=href("/projekt", lang, id=found["predecessor_key"])) \
            if found["predecessor_found"] else html.Span([found["predecessor_key"], " ",
                                                          html.Small(tr("not_loaded", lang),
                                                                     className="text-muted")])
        facts.append(_fact(tr("predecessor", lang), link, "project-predecessor"))
    if not followers.empty:
        facts.append(_fact(tr("successors", lang), [
            html.Div(html.A(display_name(r, lang) if (r.get("name") or r.get("short_name")) else r["key"],
                            href=href("/projekt", lang, id=r["key"])))
            for r in followers.to_dict("records")], "project-successors"))
    facts.append(_fact(tr("plans", lang), [
        html.Div(html.A(f"{r['name']}", href=href("/komunitni-plan", lang, plan=r["key"])))
        for r in plans.to_dict("records")] or none, "project-plans"))
    if found["description"]:
        facts.append(_fact(tr("description", lang), html.Span(found["description"], className="small"),
                           "project-description"))
    title = display_name(found, lang)
    return html.Div([
        html.H1(title, className="h3 mt-2", id="project-title"),
        html.Div(found["short_name"], className="text-muted mb-1")
        if found["short_name"] and found["name"] else None,
        html.Div(facts, className="mb-1"),
        lineage_note(found, lang, "project-lineage"),
    ], className="mb-4")


# --- budget ---------------------------------------------------------------------------------------

def budget_section(db: Database, found: dict, lang: str) -> html.Section:
    """KPI cards per source (with “odvozeno” marks) and the drawdown chart and table."""
    key = found["key"]
    funding = q.funding(db, found["id"])
    cards = [dbc.Col(kpi_card(tr("total", lang), fmt.money(found["total_eligible"], lang),
                              _support_note(found, lang), "project-total", lang=lang), md=3)]
    for row in funding.to_dict("records"):
        share = float(row["percent"]) / 100 if row["percent"] is not None else None
        marks: list[object] = [fmt.percent(share, lang)] if share is not None else []
        if row["amount_derived"]:
            marks.append(dbc.Badge(tr("derived", lang), color="light", text_color="dark",
                                   className="ms-1 border derived-mark", title=row["derivation"]
                                   or tr("derived_title", lang)))
        elif row["percent_derived"]:
            marks.append(dbc.Badge(tr("percent_derived", lang), color="light", text_color="dark",
                                   className="ms-1 border derived-mark",
                                   title=row["derivation"] or tr("derived_title", lang)))
        name = row["name_en"] if lang == "en" else row["name"]
        cards.append(dbc.Col(kpi_card(name, fmt.money(row["amount"], lang), marks,
                                      f"project-share-{row['source_code']}", lang=lang), md=3))
    body: list[object] = [html.H2(tr("budget", lang), className="h4")]
    if found["total_eligible"] is None and funding.empty:
        body.append(empty_state(tr("no_budget", lang), tr("no_budget_hint", lang), "project-no-budget"))
    else:
        body += [dbc.Row(cards, className="g-3"),
                 export_links("project-budget", lang, {"id": key}),
                 html.Small(_derivation_text(funding), className="text-muted d-block"),
                 lineage_note(found, lang, "project-budget-lineage")]
    body += [html.H3(tr("drawdown", lang), className="h5 mt-3"), drawdown_block(db, found, lang)]
    return html.Section(body, className="mb-4", id="project-budget")


def _support_note(found: dict, lang: str) -> str | None:
    if found["support_eu_state"] is None:
        return None
    return f"{tr('support', lang)}: {fmt.money(found['support_eu_state'], lang)}"


def _derivation_text(funding: pd.DataFrame) -> str:
    notes = [] if funding.empty else [n for n in funding["derivation"].dropna().unique() if n]
    return " ".join(notes)


def drawdown_block(db: Database, found: dict, lang: str) -> html.Div:
    """The drawdown chart and table, or an empty state naming the file to load."""
    frame = q.drawdown(db, found["id"])
    if frame.empty:
        return empty_state(tr("no_drawdown", lang), tr("no_drawdown_hint", lang), "project-no-drawdown")
    demo = bool(frame["is_demo"].any())
    table = pd.DataFrame({
        "year": frame["year"].astype(str),
        "source": frame["name_en" if lang == "en" else "name"],
        "planned": frame["planned"].map(lambda v: float(v) if v is not None else None),
        "drawn": frame["drawn"].map(lambda v: float(v) if v is not None else None),
    })
    table["share"] = [d / p if p and d is not None else None
                      for p, d in zip(table["planned"], table["drawn"], strict=True)]
    columns = [{"field": "year", "headerName": tr("year", lang), "maxWidth": 110},
               {"field": "source", "headerName": tr("source_fund", lang)},
               money_column("planned", tr("planned", lang), lang),
               money_column("drawn", tr("drawn", lang), lang),
               percent_column("share", tr("drawn_share", lang), lang, maxWidth=160)]
    planned, drawn = _total(frame["planned"]), _total(frame["drawn"])
    summary = html.P([
        f"{tr('sum', lang)}: {tr('drawn', lang).lower()} ", html.Strong(fmt.money(drawn, lang)),
        f" {tr('of_planned', lang)} ", html.Strong(fmt.money(planned, lang)),
        f" ({fmt.percent(drawn / planned, lang)})" if planned and drawn is not None else "",
        demo_badge(lang) if demo else None,
    ], id="project-drawdown-total", className="mb-1")
    return html.Div([
        summary,
        dcc.Graph(id="project-drawdown-graph", figure=drawdown_figure(frame, lang),
                  config=graph_config(lang, "cerpani")),
        grid("project-drawdown-grid", table, columns, lang),
        export_links("project-drawdown", lang, {"id": found["key"]}),
        lineage_note(frame, lang, "project-drawdown-lineage"),
    ])


# --- indicators -----------------------------------------------------------------------------------

def _total(column: pd.Series):  # noqa: ANN202 - Decimal or None
    values = [v for v in column if v is not None and v == v]
    return sum(values) if values else None


def indicators_section(db: Database, found: dict, lang: str, today: dt.date) -> html.Section:
    """One card per indicator: the figures, the chart, the reported values and their source."""
    key = found["key"]
    progress = q.indicator_progress(db, key, today)
    body: list[object] = [html.H2(tr("indicators", lang), className="h4")]
    if progress.empty:
        body.append(empty_state(tr("no_indicators", lang), tr("no_indicators_hint", lang),
                                "project-no-indicators"))
        return html.Section(body, className="mb-4", id="project-indicators")
    values = q.indicator_values(db, key)
    targets = q.indicator_targets(db, found["id"]).set_index("indicator_code")
    for goal in progress.to_dict("records"):
        code = goal["indicator_code"]
        own = values[values["indicator_code"] == code] if not values.empty else values
        target_row = targets.loc[code].to_dict() if code in targets.index else {}
        body.append(indicator_card(goal, own, target_row, key, lang, today))
    body.append(export_links("project-indicators", lang, {"id": key}))
    return html.Section(body, className="mb-4", id="project-indicators")


def _stat(label: str, value: object, stat_id: str) -> dbc.Col:
    return dbc.Col([html.Div(label, className="text-muted small"),
                    html.Div(value, className="fw-semibold", id=stat_id)], xs=6, md=3)


def indicator_card(goal: dict, values: pd.DataFrame, target_row: dict, key: str, lang: str,
                   today: dt.date) -> dbc.Card:
    """The indicator's target, latest value, % of target, time elapsed, projection and chart."""
    code, unit = goal["indicator_code"], goal["unit"] or ""
    status = goal["status"]
    label = _pick(STATUS_LABELS[status], lang)
    prefix = f"project-indicator-{code}"
    # Units in the codebook are plural nouns ("osoby"): they go in the label, not after a number.
    target_text = fmt.number(goal["target_value"], lang)
    target_date = target_row.get("target_date") or goal["end_date"]
    if target_date:
        target_text += f" ({tr('by', lang)} {fmt.date(target_date, lang)})"
    latest = fmt.number(goal["latest"], lang)
    if goal["share_of_target"] is not None:
        latest += f" ({fmt.percent(goal['share_of_target'], lang)} {tr('of_target', lang)})"
    stats = dbc.Row([
        _stat(f"{tr('target', lang)} ({unit})" if unit else tr("target", lang), target_text,
              f"{prefix}-target"),
        _stat(tr("latest", lang), latest, f"{prefix}-latest"),
        _stat(tr("elapsed", lang), fmt.percent(goal["elapsed"], lang), f"{prefix}-elapsed"),
        _stat(tr("projection", lang), fmt.number(None if goal["projected"] is None
                                                 else round(goal["projected"], 1), lang),
              f"{prefix}-projection"),
    ], className="g-2 mb-2")
    heading = html.Div([
        html.H3([html.Span(code, className="font-monospace me-2"), goal["indicator_name"]],
                className="h6 mb-1 d-inline"),
        dbc.Badge(label, color=STATUS_COLOURS.get(status, "secondary"), className=f"ms-2 status-{status}",
                  id=f"{prefix}-status"),
        demo_badge(lang) if goal["is_demo"] else None,
    ])
    children: list[object] = [heading]
    if goal["description"]:
        children.append(html.Div(goal["description"], className="small text-muted mb-2"))
    children.append(stats)
    if status == AT_RISK:
        children.append(dbc.Alert(tr("risk_note", lang), color="danger", className="py-1 px-2 small mb-2",
                                  id=f"{prefix}-risk"))
    if values.empty:
        children.append(empty_state(tr("no_values", lang), state_id=f"{prefix}-no-values"))
    children.append(dcc.Graph(id=f"{prefix}-graph", figure=indicator_figure(goal, values, lang, today),
                              config=graph_config(lang, f"indikator-{code}")))
    if not values.empty:
        children.append(html.Details([
            html.Summary(tr("values", lang), className="small"),
            _values_table(values, unit, lang),
        ], className="mb-1"))
    children += [
        lineage_note(target_row, lang, f"{prefix}-target-lineage", tr("target", lang))
        if target_row else None,
        lineage_note(values, lang, f"{prefix}-values-lineage", tr("values", lang))
        if not values.empty else None,
        html.Div([html.A(tr("all_indicators", lang), href=href("/indikatory", lang, kod=code),
                         className="small me-auto"),
                  export_links("project-indicator-values", lang, {"id": key, "kod": code},
                               link_id=f"export-{prefix}")],
                 className="d-flex align-items-center"),
    ]
    return dbc.Card(dbc.CardBody(children), className=f"mb-3 shadow-sm indicator-{status}", id=prefix)


def _values_table(values: pd.DataFrame, unit: str, lang: str) -> dbc.Table:
    rows = [html.Tr([html.Td(fmt.date(r["reported_on"], lang)), html.Td(r["report_label"] or fmt.EMPTY),
                     html.Td(f"{fmt.number(r['achieved_value'], lang)} {unit}", className="text-end")])
            for r in values.to_dict("records")]
    return dbc.Table([html.Thead(html.Tr([html.Th(tr("date", lang)), html.Th(tr("report", lang)),
                                          html.Th(tr("value", lang), className="text-end")])),
                      html.Tbody(rows)], size="sm", className="mb-1 w-auto")


# --- activities, target groups, organisational structure -------------------------------------------

def activities_section(db: Database, found: dict, lang: str) -> html.Section:
    """The timeline of dated key activities, and a list of every activity with goal and outputs."""
    frame = q.key_activities(db, found["id"])
    body: list[object] = [html.H2(tr("activities", lang), className="h4")]
    if frame.empty:
        body.append(empty_state(tr("no_activities", lang), tr("no_activities_hint", lang),
                                "project-no-activities"))
        return html.Section(body, className="mb-4", id="project-activities")
    dated = frame["start_date"].notna() & frame["end_date"].notna()
    if dated.any():
        body.append(dcc.Graph(id="project-activities-graph", figure=activity_timeline(frame, lang),
                              config=graph_config(lang, "klicove-aktivity")))
    if (~dated).any() and dated.any():
        body.append(html.Div(tr("undated", lang), className="small text-muted"))
    items = []
    for row in frame.to_dict("records"):
        detail = [html.Div([html.Strong(f"{tr(k, lang)}: "), row[f]], className="small")
                  for k, f in (("goal", "goal"), ("outputs", "outputs")) if row[f]]
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
    body: list[object] = [html.H2(tr("groups", lang), className="h5")]
    if frame.empty:
        body.append(empty_state(tr("no_groups", lang), tr("no_groups_hint", lang), "project-no-groups"))
    else:
        body += [dbc.ListGroup([dbc.ListGroupItem([html.Div(r["name"], className="fw-semibold"),
                                                   html.Div(r["description"] or "", className="small")])
                                for r in frame.to_dict("records")], flush=True, id="project-groups"),
                 export_links("project-target-groups", lang, {"id": key}),
                 lineage_note(frame, lang)]
    return html.Section(body, className="mb-4", id="project-target-groups")


def bodies_section(frame: pd.DataFrame, key: str, lang: str) -> html.Section:
    """Steering and working groups, platforms and forums of the planning process."""
    body: list[object] = [html.H2(tr("bodies", lang), className="h5")]
    if frame.empty:
        body.append(empty_state(tr("no_bodies", lang), tr("no_bodies_hint", lang), "project-no-bodies"))
    else:
        items = []
        for r in frame.to_dict("records"):
            tags = [_pick(BODY_KINDS[r["kind"]], lang)] if r["kind"] in BODY_KINDS else []
            if r["meetings_public"] is not None:
                tags.append(tr("public" if r["meetings_public"] else "non_public", lang))
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
