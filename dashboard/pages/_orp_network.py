"""/orp?kod=8119 — the ORP's network of registered social services (the latest RPSS snapshot).

A section of its own, beside the ORP's projects and plans: per kind, form and capacity type the
services and their registered capacity, then each service with its target groups and provider.
Registered capacity is the register's maximum, not occupancy or free places.
"""

from __future__ import annotations

import datetime as dt

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html

from dashboard import formatting as fmt
from dashboard.components.common import demo_badge, empty_state
from dashboard.components.grid import grid, number_column
from dashboard.components.layout import page_address
from dashboard.db import Database
from dashboard.i18n import N_, _, data_column
from dashboard.pages._register_parts import ORP_ADDRESS, capacity_frame, capacity_grid, compare_choice
from dashboard.queries import services as queries
from dashboard.register_names import code_name
from domain.frames import records

#: Why a service counts in the ORP (``basis`` of ``queries.orp_services``).
BASIS = {"facility": N_("zařízení v ORP"), "field": N_("terénní, působí zde")}


def _capacity_text(capacities: list[tuple], lang: str) -> str:
    """``40 × počet lůžek (pobytové)``, one per form and capacity type, comma-separated."""
    return ", ".join(
        f"{fmt.number(number, lang, 0)} × {code_name('capacity', type_name, type_code, lang)} "
        f"({code_name('form', form_name, form_code, lang)})"
        for form_code, form_name, type_code, type_name, number in capacities)


def service_frame(services: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The service list's rows, names in the page's language where known."""
    rows = records(services)
    return pd.DataFrame({
        "kind": [code_name("kind", r["kind_name"], r["kind_code"], lang) for r in rows],
        "form": [", ".join(code_name("form", name, code, lang) for code, name in r["forms"])
                 or fmt.EMPTY for r in rows],
        "groups": [", ".join(en if lang == "en" and en else cs for cs, en in r["target_groups"])
                   or fmt.EMPTY for r in rows],
        "capacity": [_capacity_text(r["capacities"], lang) or fmt.EMPTY for r in rows],
        "provider": [f"{r['provider_name'] or fmt.EMPTY} (IČO {r['provider_ico'] or fmt.EMPTY})"
                     for r in rows],
        "counted": [_(lang, BASIS[r["basis"]]) for r in rows],
    }, columns=["kind", "form", "groups", "capacity", "provider", "counted"])


def _change(db: Database, code: str, lang: str, earlier: dt.date | None) -> list:
    """The services added and ended in the ORP since the earlier snapshot chosen (the one
    before the latest by default), and the choice of it; nothing with one snapshot only."""
    snapshot, totals = queries.register_totals(db, earlier)
    if snapshot is None or snapshot["earlier_as_of"] is None:
        return []
    mine = totals[totals["orp_code"] == code]
    added, ended = ((int(mine.iloc[0][c]) if len(mine) and mine.iloc[0][c] == mine.iloc[0][c]
                     else 0) for c in ("added", "ended"))
    return [
        dcc.Store(id="orp-query", data={"params": {"kod": code}, "lang": lang}),
        page_address(ORP_ADDRESS),
        dbc.Row(compare_choice(snapshot, lang, md=6), className="g-2 mb-2"),
        html.P(_(lang, "Od stavu ke dni {day}: přibylo služeb {added}, ubylo {ended}.",
                 day=fmt.date(snapshot["earlier_as_of"], lang), added=added, ended=ended),
               className="small mb-2", id="orp-network-change")]


def group_frame(groups: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per canonical group, the plans' measures beside the registered services."""
    return pd.DataFrame({"group": groups[data_column("name", lang)],
                         "measures": groups["measures"], "services": groups["services"]})


def _kinds(db: Database, snapshot_id: int, code: str, lang: str) -> list:
    """The plan measures naming a kind of service, beside the registered services of that kind."""
    measures = queries.orp_measure_kinds(db, snapshot_id, code)
    if measures.empty:
        return []
    rows = records(measures)
    unknown = _(lang, "není v číselníku druhů")
    frame = pd.DataFrame({
        "measure": [f"{r['code']} {r['name']} ({r['plan_name']})" for r in rows],
        "named": [code_name("kind", r["kind_name"], r["kind_code"], lang)
                  if isinstance(r["kind_name"], str) else f"{r['service_kind']} – {unknown}"
                  for r in rows],
        "services": pd.Series([None if r["services"] is None or r["services"] != r["services"]
                               else int(r["services"]) for r in rows], dtype=object),
    })
    columns = [
        {"field": "measure", "headerName": _(lang, "Opatření"), "minWidth": 260, "flex": 2},
        {"field": "named", "headerName": _(lang, "Druh podle plánu"), "minWidth": 200, "flex": 1},
        number_column("services", _(lang, "Služby"), lang, minWidth=110),
    ]
    return [html.H3(_(lang, "Opatření plánů, která jmenují druh služby"), className="h6 mt-3"),
            grid("orp-kinds-grid", frame, columns, lang)]


def network_card(db: Database, code: str, lang: str, earlier: dt.date | None = None) -> dbc.Card:
    """The section: the network by kind, form and capacity type, and the list of services."""
    heading = html.H2(_(lang, "Síť registrovaných sociálních služeb"), className="h5 d-inline")
    snapshot = queries.latest_snapshot(db)
    if snapshot is None:
        return dbc.Card(dbc.CardBody([heading, empty_state(
            _(lang, "Registr poskytovatelů sociálních služeb zatím není načten."),
            _(lang, "Načítá jej správce aplikace ze souboru, který ministerstvo práce a sociálních věcí "
                    "denně zveřejňuje."), "orp-network-none")]),
            className="shadow-sm mb-3", id="orp-network")
    network = queries.network(db, snapshot["id"], orp=code)
    title = html.Div([heading, *([demo_badge(lang)] if snapshot["is_demo"] else [])],
                     className="mb-1")
    note = html.P(_(lang, "Registr poskytovatelů sociálních služeb (MPSV), stav ke dni {day}. Kapacita je "
                          "registrovaná (nejvýše přípustná), ne obsazenost ani volná místa; různé druhy "
                          "kapacity (lůžka, klienti, kontakty) se nesčítají.",
                    day=fmt.date(snapshot["as_of"], lang)),
                  className="small text-muted mb-2", id="orp-network-note")
    note = html.Div([note, *_change(db, code, lang, earlier)])
    if network.empty:
        return dbc.Card(dbc.CardBody([title, note, empty_state(
            _(lang, "V této ORP se podle registru nepočítá žádná služba."), state_id="orp-network-empty")]),
            className="shadow-sm mb-3", id="orp-network")
    listed = [
        {"field": "kind", "headerName": _(lang, "Druh služby"), "minWidth": 200, "flex": 2},
        {"field": "form", "headerName": _(lang, "Forma"), "minWidth": 100},
        {"field": "groups", "headerName": _(lang, "Cílové skupiny"), "minWidth": 200, "flex": 1},
        {"field": "capacity", "headerName": _(lang, "Registrovaná kapacita"), "minWidth": 170},
        {"field": "provider", "headerName": _(lang, "Poskytovatel"), "minWidth": 240, "flex": 2},
        {"field": "counted", "headerName": _(lang, "Započtena"), "minWidth": 150},
    ]
    services = queries.orp_services(db, snapshot["id"], code)
    return dbc.Card(dbc.CardBody([
        title, note,
        capacity_grid("orp-network-grid", capacity_frame(
            network, lambda r: code_name("kind", r["kind_name"], r["kind_code"], lang), lang),
            _(lang, "Druh služby"), lang),
        html.H3(_(lang, "Plán a síť podle cílových skupin"), className="h6 mt-3"),
        grid("orp-groups-grid", group_frame(queries.orp_groups(db, snapshot["id"], code), lang), [
            {"field": "group", "headerName": _(lang, "Cílová skupina"), "minWidth": 240, "flex": 2},
            number_column("measures", _(lang, "Opatření plánů ORP"), lang, minWidth=150),
            number_column("services", _(lang, "Služby"), lang, minWidth=110),
        ], lang),
        *_kinds(db, snapshot["id"], code, lang),
        html.H3(_(lang, "Služby"), className="h6 mt-3"),
        grid("orp-services-grid", service_frame(services, lang), listed, lang),
        html.A(_(lang, "Data (CSV)"), href=f"/api/v1/services?orp={code}&format=csv",
               className="small", id="orp-network-export"),
    ]), className="shadow-sm mb-3", id="orp-network")
