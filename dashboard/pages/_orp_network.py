"""/orp?kod=8119 — the ORP's network of registered social services (the latest RPSS snapshot).

A section of its own, beside the ORP's projects and plans: per kind, form and capacity type the
services and their registered capacity, then each service with its target groups and provider.
Registered capacity is the register's maximum, not occupancy or free places.
"""

from __future__ import annotations

import dash_bootstrap_components as dbc
import pandas as pd
from dash import html

from dashboard import formatting as fmt
from dashboard.components.common import demo_badge, empty_state
from dashboard.components.grid import grid, number_column
from dashboard.db import Database
from dashboard.i18n import N_, _
from dashboard.queries import services as queries
from domain.frames import records

#: Why a service counts in the ORP (``basis`` of ``queries.orp_services``).
BASIS = {"facility": N_("zařízení v ORP"), "field": N_("terénní, působí zde")}


def _name(name: object, code: object) -> str:
    return name if isinstance(name, str) and name else str(code) if code is not None else fmt.EMPTY


def summary_frame(network: pd.DataFrame) -> pd.DataFrame:
    """The summary table's rows: names where the code lists give them, codes otherwise."""
    rows = records(network)
    return pd.DataFrame({
        "kind": [_name(r["kind_name"], r["kind_code"]) for r in rows],
        "form": [_name(r["form_name"], r["form_code"]) for r in rows],
        "capacity_type": [_name(r["capacity_type_name"], r["capacity_type"]) for r in rows],
        "services": [int(r["services"]) for r in rows],
        "capacity": [None if r["capacity"] is None or r["capacity"] != r["capacity"]
                     else int(r["capacity"]) for r in rows],
    }, columns=["kind", "form", "capacity_type", "services", "capacity"])


def service_frame(services: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The service list's rows."""
    rows = records(services)
    return pd.DataFrame({
        "kind": [_name(r["kind_name"], r["kind_code"]) for r in rows],
        "form": [r["forms"] or fmt.EMPTY for r in rows],
        "groups": [r["target_groups"] or fmt.EMPTY for r in rows],
        "capacity": [r["capacity"] or fmt.EMPTY for r in rows],
        "provider": [f"{r['provider_name'] or fmt.EMPTY} (IČO {r['provider_ico'] or fmt.EMPTY})"
                     for r in rows],
        "counted": [_(lang, BASIS[r["basis"]]) for r in rows],
    }, columns=["kind", "form", "groups", "capacity", "provider", "counted"])


def _change(db: Database, code: str, lang: str) -> list[html.P]:
    """The services added and ended in the ORP since the snapshot before the latest, if any."""
    snapshot, totals = queries.register_totals(db)
    if snapshot is None or snapshot["earlier_as_of"] is None:
        return []
    mine = totals[totals["orp_code"] == code]
    added, ended = ((int(mine.iloc[0][c]) if len(mine) and mine.iloc[0][c] == mine.iloc[0][c]
                     else 0) for c in ("added", "ended"))
    return [html.P(_(lang, "Od stavu ke dni {day}: přibylo služeb {added}, ubylo {ended}.",
                     day=fmt.date(snapshot["earlier_as_of"], lang), added=added, ended=ended),
                   className="small mb-2", id="orp-network-change")]


def group_frame(groups: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Per canonical group, the plans' measures beside the registered services."""
    return pd.DataFrame({"group": groups["name_en" if lang == "en" else "name"],
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
        "named": [r["kind_name"] if isinstance(r["kind_name"], str)
                  else f"{r['service_kind']} – {unknown}" for r in rows],
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


def network_card(db: Database, code: str, lang: str) -> dbc.Card:
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
    note = html.Div([note, *_change(db, code, lang)])
    if network.empty:
        return dbc.Card(dbc.CardBody([title, note, empty_state(
            _(lang, "V této ORP se podle registru nepočítá žádná služba."), state_id="orp-network-empty")]),
            className="shadow-sm mb-3", id="orp-network")
    summary = [
        {"field": "kind", "headerName": _(lang, "Druh služby"), "minWidth": 220, "flex": 2},
        {"field": "form", "headerName": _(lang, "Forma"), "minWidth": 130},
        {"field": "capacity_type", "headerName": _(lang, "Druh kapacity"), "minWidth": 150},
        number_column("services", _(lang, "Služby"), lang, minWidth=110),
        number_column("capacity", _(lang, "Registrovaná kapacita"), lang, minWidth=150),
    ]
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
        grid("orp-network-grid", summary_frame(network), summary, lang),
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
