"""/projekt?id=<registration number or local key> — one project in full.

Header (identity, ORPs, predecessor, the plan it produced), budget by source and
drawdown, every indicator against its target over time with the projection and
the at-risk flag, the key-activity timeline, target groups and organisational
structure. Every section says where its figures come from.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

import dash
import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import formatting as fmt
from dashboard.cache import cached_layout
from dashboard.components.common import demo_badge, empty_state, export_links, kpi_card
from dashboard.components.grid import grid, money_column, percent_column
from dashboard.components.layout import href
from dashboard.db import Database, get_db
from dashboard.exports import dataset
from dashboard.figures.project import drawdown_figure
from dashboard.figures.style import graph_config
from dashboard.i18n import _, data_column, language, upload_hint
from dashboard.pages._project_details import activities_section, bodies_section, groups_section
from dashboard.pages._project_indicators import indicators_section
from dashboard.pages._project_text import lineage_note
from dashboard.queries import project as q
from dashboard.queries.projects import STATUS_LABELS, display_name
from domain.frames import records
from domain.projects import project_end, project_status

dash.register_page(__name__, path="/projekt", name="Projekt", title="KPSS Monitor – Projekt")



# --- exports: each returns what a section shows ------------------------------------------------

def _section_export(query: Callable[[Database, str], pd.DataFrame]) -> Callable[..., pd.DataFrame]:
    """The export of what ``query`` reads of the project the address names (``id``: its key);
    no columns when it names none."""
    def export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
        project_key = args.get("id", "")
        if not project_key or q.project(db, project_key) is None:
            return pd.DataFrame()
        return query(db, project_key)
    return export


# The sections whose export is their query as it is (every query takes the project's key).
for _name, _query in {"project-budget": q.funding, "project-drawdown": q.drawdown,
                      "project-activities": q.key_activities,
                      "project-target-groups": q.target_groups,
                      "project-planning-bodies": q.planning_bodies}.items():
    dataset(_name)(_section_export(_query))


@dataset("project-indicators")
def indicators_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """Each indicator's target, latest value, % of target, projection and status."""
    frame = q.indicator_progress(db, args.get("id", ""))
    if args.get("kod"):
        frame = frame[frame["indicator_code"] == args["kod"]]
    return frame.drop(columns=["project_id"])


@dataset("project-indicator-values")
def indicator_achievements_export(db: Database, args: Mapping[str, str]) -> pd.DataFrame:
    """Reported (cumulative) values behind an indicator chart, with file and row."""
    frame = q.indicator_achievements(db, args.get("id", ""), args.get("kod") or None)
    return frame.drop(columns=["project_id"], errors="ignore")


# --- layout --------------------------------------------------------------------------------------

@cached_layout("project", reads=("id",))
def layout(lang: str | None = None, **query: str) -> html.Div:
    """The project named by ``id`` in the query string; an empty state when there is none."""
    lang = language(lang)
    key = (query.get("id") or "").strip()
    back = html.A(_(lang, "← Všechny projekty"), href=href("/projekty", lang), className="small")
    if not key:
        return html.Div([back, empty_state(_(lang, "Není zadán žádný "
                                                   "projekt."), _(lang, "Zkontrolujte registrační číslo v "
                                                                        "adrese, nebo projekt vyberte ze "
                                                                        "seznamu projektů."),
                                           "project-missing")])
    db = get_db()
    found = q.project(db, key)
    if found is None:
        return html.Div([back, empty_state(_(lang, "Projekt „{key}“ nebyl "
                                                   "nalezen.").format(key=key), _(lang, "Zkontrolujte "
                                                                                        "registrační číslo v "
                                                                                        "adrese, nebo "
                                                                                        "projekt vyberte ze "
                                                                                        "seznamu projektů."),
                                           "project-missing")])
    today = dt.date.today()
    return html.Div([
        back,
        header(db, found, lang, today),
        budget_section(db, found, lang),
        indicators_section(db, found, lang, today),
        activities_section(db, found, lang),
        dbc.Row([
            dbc.Col(groups_section(q.target_groups(db, key), key, lang), lg=6),
            dbc.Col(bodies_section(q.planning_bodies(db, key), key, lang), lg=6),
        ], className="g-3"),
    ], id="project-page")


def _fact(label: str, value: object, fact_id: str) -> html.Div:
    return dbc.Row([dbc.Col(html.Span(label, className="text-muted"), sm=4, lg=3),
                    dbc.Col(value, sm=8, lg=9, id=fact_id)], className="py-1 border-bottom g-2")


def header(db: Database, found: dict, lang: str, today: dt.date) -> html.Div:
    """Name, registration number and the project's facts, with the source of the row."""
    key = found["key"]
    facts = _identity_facts(found, q.orps(db, key), lang, today) + _relation_facts(
        found, q.plans(db, key), q.successors(db, key), lang)
    return html.Div([
        html.H1([display_name(found, lang), demo_badge(lang) if found["is_demo"] else None],
                className="h3 mt-2", id="project-title"),
        html.Div(found["short_name"], className="text-muted mb-1")
        if found["short_name"] and found["name"] else None,
        html.Div(facts, className="mb-1"),
        lineage_note(found, lang, "project-lineage"),
    ], className="mb-4")


def _none(lang: str) -> html.Span:
    return html.Span(_(lang, "neuvedeno"), className="text-muted")


def _identity_facts(found: dict, orps: pd.DataFrame, lang: str, today: dt.date) -> list[html.Div]:
    """Registration number, beneficiary, programme, call, period and the ORPs covered."""
    key = found["key"]
    registration: list[object] = [html.Span(key, className="font-monospace")]
    if not found["registration_number_stated"]:
        registration = [_(lang, "registrační číslo "
                                "neuvedeno"), html.Small(f" ({_(lang, 'místní klíč')}: {key})",
                                                              className="text-muted")]
    planned = found.get("planned_end_date")
    end = project_end(found["end_date"], planned)
    state = project_status(found["start_date"], end, today)
    # without dates the period line already says "neuvedeno": no badge repeating it
    status = _(lang, STATUS_LABELS[state]) if state != "unknown" else ""
    period = [fmt.period(found["start_date"], end, lang)] \
        if found["start_date"] or end else [_none(lang)]
    if found["end_date"] is None and planned:  # a running project: status and projections use it
        period.append(f" ({_(lang, 'plánované ukončení, skutečné zatím není uvedeno')})")
    if found["duration_months"]:
        period.append(f" ({found['duration_months']} {_(lang, 'měsíců')})")
    if planned and found["end_date"] and planned != found["end_date"]:  # it ended otherwise
        period.append(f" ({_(lang, 'plánované ukončení')} {fmt.date(planned, lang)})")
    if status:
        period += [" ", dbc.Badge(status, color="light", text_color="dark", className="border")]
    orp_links: list[object] = [
        html.Span([html.A(r["name"], href=href("/orp", lang, kod=r["code"])),
                   ", " if i < len(orps) - 1 else ""]) for i, r in enumerate(records(orps))]
    if found["municipality_count"]:
        orp_links.append(html.Span(f" ({found['municipality_count']} {_(lang, 'obcí')})"))
    programme = " – ".join(v for v in (found["programme_code"], found["programme_name"]) if v)
    call = " – ".join(v for v in (found["call_number"], found["call_name"]) if v)
    return [
        _fact(_(lang, "Registrační číslo"), registration, "project-registration"),
        _fact(_(lang, "Příjemce"), found["beneficiary"] or _none(lang), "project-beneficiary"),
        _fact(_(lang, "Program"), programme or _none(lang), "project-programme"),
        _fact(_(lang, "Výzva"), call or _none(lang), "project-call"),
        _fact(_(lang, "Období realizace"), period, "project-period"),
        _fact(_(lang, "Pokrytá ORP"), orp_links or _none(lang), "project-orps"),
    ]


def _relation_facts(found: dict, plans: pd.DataFrame, followers: pd.DataFrame,
                    lang: str) -> list[html.Div]:
    """Predecessor and follow-up projects, the community plan produced, the description."""
    facts = []
    predecessor = found["predecessor_key"]
    if predecessor and found["predecessor_found"]:
        text = f"{predecessor} – {found['predecessor_name']}" if found["predecessor_name"] else predecessor
        facts.append(_fact(_(lang, "Předchozí projekt"),
                           html.A(text, href=href("/projekt", lang, id=predecessor)), "project-predecessor"))
    elif predecessor:
        facts.append(_fact(_(lang, "Předchozí projekt"), [predecessor, " ", html.Small(
            _(lang, "(není načten)"), className="text-muted")], "project-predecessor"))
    if not followers.empty:
        facts.append(_fact(_(lang, "Navazující projekt"), [
            html.Div(html.A(display_name(r, lang), href=href("/projekt", lang, id=r["key"])))
            for r in records(followers)], "project-successors"))
    facts.append(_fact(_(lang, "Komunitní plán vytvořený projektem"), [
        html.Div(html.A(r["name"], href=href("/komunitni-plan", lang, plan=r["key"])))
        for r in records(plans)] or _none(lang), "project-plans"))
    if found["description"]:
        facts.append(_fact(_(lang, "Popis"), html.Span(found["description"], className="small"),
                           "project-description"))
    return facts


# --- budget ---------------------------------------------------------------------------------------

def budget_section(db: Database, found: dict, lang: str) -> html.Section:
    """KPI cards per source (with “odvozeno” marks) and the drawdown chart and table."""
    key = found["key"]
    funding = q.funding(db, found["key"])
    total, support = found["total_eligible"], found["support_eu_state"]
    cards = [dbc.Col(kpi_card(_(lang, "Celkové způsobilé výdaje"),
                              fmt.money(total, lang) if total is not None else _none(lang),
                              _support_note(found, lang) if total is not None else None,
                              "project-total", lang=lang), md=3)]
    if total is None and support is not None:
        # the page states only the support (EU + state budget): shown as what it is
        cards.append(dbc.Col(kpi_card(_(lang, "Podpora EU + státní rozpočet"), fmt.money(support, lang),
                                      _(lang, "celkové výdaje a podíly zdrojů stránka neuvádí")
                                      if funding.empty else None,
                                      "project-support", lang=lang), md=3))
    for row in records(funding):
        share = float(row["percent"]) / 100 if row["percent"] is not None else None
        marks: list[object] = [fmt.percent(share, lang)] if share is not None else []
        if row["amount_derived"]:
            marks.append(dbc.Badge(_(lang, "odvozeno"), color="light", text_color="dark",
                                   className="ms-1 border derived-mark", title=row["derivation"]
                                   or _(lang, "Částka není uvedena ve zdroji, je vypočtena pravidlem.")))
        elif row["percent_derived"]:
            marks.append(dbc.Badge(_(lang, "podíl odvozen"), color="light", text_color="dark",
                                   className="ms-1 border derived-mark",
                                   title=row["derivation"] or _(lang, "Částka není uvedena ve zdroji, je "
                                                                      "vypočtena pravidlem.")))
        name = row[data_column("name", lang)]
        cards.append(dbc.Col(kpi_card(name, fmt.money(row["amount"], lang), marks,
                                      f"project-share-{row['source_code']}", lang=lang), md=3))
    body: list[object] = [html.H2(_(lang, "Rozpočet podle zdrojů"), className="h4")]
    if total is None and support is None and funding.empty:
        body.append(empty_state(_(lang, "Rozpočet projektu není uveden."), upload_hint(lang, _(
            lang, "Rozpočet patří do sloupců celkove_zpusobile_vydaje, podil_eu, podil_sr, "
                  "podil_prijemce souboru projekty.csv:")), "project-no-budget"))
    else:
        body += [dbc.Row(cards, className="g-3"),
                 export_links("project-budget", lang, {"id": key}),
                 html.Small(_derivation_text(funding), className="text-muted d-block"),
                 lineage_note(found, lang, "project-budget-lineage")]
    body += [html.H3(_(lang, "Čerpání rozpočtu podle "
                             "let"), className="h5 mt-3"), drawdown_block(db, found, lang)]
    return html.Section(body, className="mb-4", id="project-budget")


def _support_note(found: dict, lang: str) -> str | None:
    if found["support_eu_state"] is None:
        return None
    return f"{_(lang, 'Podpora EU + státní rozpočet')}: {fmt.money(found['support_eu_state'], lang)}"


def _derivation_text(funding: pd.DataFrame) -> str:
    notes = [] if funding.empty else [n for n in funding["derivation"].dropna().unique() if n]
    return " ".join(notes)


def drawdown_block(db: Database, found: dict, lang: str) -> html.Div:
    """The drawdown chart and table, or an empty state naming the file to load."""
    frame = q.drawdown(db, found["key"])
    if frame.empty:
        return empty_state(_(lang, "Čerpání (plánováno a čerpáno podle let) není načteno."),
                           upload_hint(lang, _(lang, "Čerpání patří do souboru cerpani.csv "
                                                     "(registracni_cislo, rok, zdroj_financovani, "
                                                     "planovano, cerpano):")), "project-no-drawdown")
    demo = bool(frame["is_demo"].any())
    table = pd.DataFrame({
        "year": frame["year"].astype(str),
        "source": frame[data_column("name", lang)],
        "planned": frame["planned"].map(lambda v: float(v) if v is not None else None),
        "drawn": frame["drawn"].map(lambda v: float(v) if v is not None else None),
    })
    table["share"] = [d / p if p and d is not None else None
                      for p, d in zip(table["planned"], table["drawn"], strict=True)]
    columns = [{"field": "year", "headerName": _(lang, "Rok"), "maxWidth": 110},
               {"field": "source", "headerName": _(lang, "Zdroj financování")},
               money_column("planned", _(lang, "Plánováno"), lang),
               money_column("drawn", _(lang, "Čerpáno"), lang),
               percent_column("share", _(lang, "Čerpáno z plánu"), lang, maxWidth=160)]
    planned, drawn = _total(frame["planned"]), _total(frame["drawn"])
    summary = html.P([
        f"{_(lang, 'Celkem')}: {_(lang, 'Čerpáno').lower()} ", html.Strong(fmt.money(drawn, lang)),
        f" {_(lang, 'z plánovaných')} ", html.Strong(fmt.money(planned, lang)),
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


def _total(column: pd.Series):  # noqa: ANN202 - Decimal or None
    values = [v for v in column if v is not None and v == v]
    return sum(values) if values else None
