"""/nahrat — an editor uploads CSV/XLSX files: a dry run shows what would happen, then a load.
Below, "Návrh z dokumentu": a project's page or a community plan → the draft workbook and its report.

Anonymous visitors get a sign-in prompt; both callbacks refuse anyone below
``editor`` themselves (and the request guard refuses them before that).
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html
from flask import current_app

from dashboard import auth, drafts, uploads
from dashboard.components.layout import href
from dashboard.figures.data import SEVERITIES
from dashboard.i18n import N_, _, language, n_

dash.register_page(__name__, path="/nahrat", name="Nahrát data", title="KPSS Monitor – Nahrát data")

auth.protect_ids("upload-", auth.EDITOR)





def _max_bytes() -> int:
    return current_app.config["KPSS_SETTINGS"].max_upload_mb * 1024 * 1024


def layout(lang: str | None = None, **_query: str) -> html.Div:
    """The upload form for editors; a sign-in prompt for everyone else."""
    lang = language(lang)
    heading = html.H1(_(lang, "Nahrát data"), className="h3")
    if not auth.has_role(auth.EDITOR):
        return html.Div([heading, dbc.Alert([
            html.Strong(_(lang, "Nahrávat data mohou jen přihlášení editoři.")), " ",
            html.A(_(lang, "Přihlásit se"), href=href(auth.LOGIN_PATH, lang, next="/nahrat"),
                   id="upload-signin")], color="secondary", id="upload-denied")])
    mb = _max_bytes() // (1024 * 1024)
    return html.Div([
        heading,
        html.P([_(lang, "Soubory se nejdřív jen zkontrolují (nic se nezapíše). Načtou se až po potvrzení, "
                        "celé, nebo "
                        "vůbec."), " ", _(lang, "Nejvýše {mb} MB na "
                                                "soubor.").format(mb=mb)], className="text-muted"),
        dcc.Store(id="upload-lang", data=lang),
        dcc.Store(id="upload-fingerprint"),
        dcc.Upload(html.Div(_(lang, "Přetáhněte sem soubory CSV nebo XLSX, nebo klikněte a vyberte "
                                    "je")), id="upload-input", multiple=True,
                   accept=".csv,.txt,.xlsx,.xlsm", max_size=_max_bytes(),
                   className="border border-2 rounded p-4 mb-3 text-center bg-light",
                   style={"borderStyle": "dashed", "cursor": "pointer"}),
        dcc.Loading(html.Div(id="upload-result")),
        html.Button(_(lang, "Načíst do databáze"), id="upload-confirm", disabled=True,
                    className="btn btn-primary my-2"),
        dcc.Loading(html.Div(id="upload-outcome")),
        html.H2(_(lang, "Návrh z dokumentu"), className="h5 mt-4"),
        html.P(_(lang, "Ze stránky projektu (HTML, TXT) nebo z komunitního plánu (PDF, DOCX, TXT) připraví "
                       "návrh sešitu v importním formátu a zprávu, odkud je každá hodnota. Nic se nenačte: "
                       "návrh zkontrolujte (žlutá pole jsou návrhy) a nahrajte "
                       "výše."), className="text-muted"),
        dcc.RadioItems(id="upload-draft-kind", value="page", inline=True, className="mb-2",
                       inputClassName="me-1", labelClassName="me-3",
                       options=[{"label": _(lang, "Stránka projektu"), "value": "page"},
                                {"label": _(lang, "Komunitní plán"), "value": "plan"}]),
        dcc.Upload(html.Div(_(lang, "Přetáhněte sem dokument, nebo klikněte a vyberte "
                                    "jej")), id="upload-draft-input", multiple=False,
                   accept=".html,.htm,.txt,.pdf,.docx", max_size=_max_bytes(),
                   className="border border-2 rounded p-4 mb-3 text-center bg-light",
                   style={"borderStyle": "dashed", "cursor": "pointer"}),
        dcc.Download(id="upload-draft-download"),
        dcc.Loading(html.Div(id="upload-draft-report")),
    ])


#: The headers of the result tables, by the key of the column.
HEADERS = {"file": N_("Soubor"), "entity": N_("Obsah"), "inserted": N_("Nové"), "updated": N_("Změněné"),
           "unchanged": N_("Beze změny"), "deleted": N_("Odstraněné"), "severity": N_("Druh"),
           "sheet": N_("List"), "row": N_("Řádek"), "column": N_("Sloupec"), "value": N_("Hodnota"),
           "message": N_("Problém")}


def _table(rows: list[dict], keys: list[str], lang: str, table_id: str) -> dbc.Table:
    head = html.Thead(html.Tr([html.Th(_(lang, HEADERS[k])) for k in keys]))
    body = html.Tbody([
        html.Tr([html.Td(_(lang, SEVERITIES[row[k]]) if k == "severity" else str(row[k])) for k in keys],
                className="table-danger" if row.get("severity") == "error" else None)
        for row in rows])
    return dbc.Table([head, body], size="sm", bordered=True, responsive=True, id=table_id)


def result_view(result: uploads.LoadResult, lang: str) -> html.Div:
    """Counts per file and entity, then every problem, for a dry run or a refused load."""
    parts = [dbc.Alert(_(lang, "Kontrola prošla: soubory lze načíst.") if result.ok
                       else _(lang, "Soubory obsahují chyby; nic nebude načteno, dokud je neopravíte."),
                       color="success" if result.ok
                       else "danger", id="upload-verdict")]
    counts = uploads.count_rows(result, lang)
    if counts:
        deleted = ["deleted"] if any(c["deleted"] != "0" for c in counts) else []
        parts.append(_table(counts, ["file", "entity", "inserted", "updated", "unchanged",
                                     *deleted], lang, "upload-counts"))
    problems = uploads.problem_rows(result, lang)
    if problems:
        sheet = ["sheet"] if any(row["sheet"] for row in problems) else []  # CSV files have none
        parts.append(_table(problems, ["severity", "file", *sheet, "row", "column", "value",
                                       "message"], lang, "upload-problems"))
        hidden = len(result.problems) - len(problems)
        if hidden > 0:
            parts.append(html.P(n_(lang, "… a {n} další", "… a {n} další", hidden)))
    return html.Div(parts)


def _lang(value: object) -> str:
    return value if value in ("cs", "en") else "cs"


@callback(Output("upload-result", "children"), Output("upload-fingerprint", "data"),
          Output("upload-confirm", "disabled"), Output("upload-outcome", "children"),
          Input("upload-input", "contents"), State("upload-input", "filename"),
          State("upload-lang", "data"), prevent_initial_call=True)
def check_files(contents: object, names: object, lang: object):  # noqa: ANN201 - Dash outputs
    """Dry run of the uploaded files: what would be loaded, and every problem."""
    auth.require_role(auth.EDITOR)
    lang = _lang(lang)
    prepared = uploads.prepare(contents, names, _max_bytes())
    user = auth.current_user()
    result = uploads.run(uploads.writer_engine(), prepared, user.name, dry_run=True,
                         sees_internal=auth.has_role(auth.STEERING))
    fingerprint = prepared.fingerprint if result.ok else None
    return result_view(result, lang), fingerprint, not result.ok, None


@callback(Output("upload-outcome", "children", allow_duplicate=True),
          Output("upload-confirm", "disabled", allow_duplicate=True),
          Input("upload-confirm", "n_clicks"), State("upload-input", "contents"),
          State("upload-input", "filename"), State("upload-fingerprint", "data"),
          State("upload-lang", "data"), prevent_initial_call=True)
def load_confirmed(clicks: object, contents: object, names: object, fingerprint: object,
                   lang: object):  # noqa: ANN201 - Dash outputs
    """Load the files the dry run passed; the same files, all or nothing."""
    auth.require_role(auth.EDITOR)
    lang = _lang(lang)
    if not clicks:
        raise dash.exceptions.PreventUpdate
    prepared = uploads.prepare(contents, names, _max_bytes())
    if not isinstance(fingerprint, str) or prepared.fingerprint != fingerprint:
        return dbc.Alert(_(lang, "Soubory se od kontroly změnily; nahrajte je a zkontrolujte "
                                 "znovu."), color="warning", id="upload-loaded"), True
    user = auth.current_user()
    result = uploads.run(uploads.writer_engine(), prepared, user.name, dry_run=False,
                         sees_internal=auth.has_role(auth.STEERING))
    if result.status != "loaded":
        return html.Div([html.P(_(lang, "Nic nebylo načteno:")), result_view(result, lang)],
                        id="upload-loaded"), True
    current_app.logger.info("upload by %s loaded as run %s", user.name, result.run_id)
    # counts after a colon: "1 nových" cannot happen, whatever the three numbers are
    message = _(lang, "Načteno (běh č. {run}), řádky nové: {ins}, změněné: {upd}, beze změny: {same}.",
                run=result.run_id, ins=result.total("inserted"), upd=result.total("updated"),
                same=result.total("unchanged"))
    return dbc.Alert([message, " ", html.A(_(lang, "Přehled načtení na stránce "
                                                   "Data"), href=href("/data", lang))],
                     color="success", id="upload-loaded"), True


def draft_view(outcome: drafts.DraftOutcome, lang: str) -> html.Div:
    """The report of a draft, or why the document could not be read."""
    if outcome.workbook is None:
        reason = outcome.error_cs if lang == "cs" else outcome.error_en
        return html.Div(dbc.Alert(_(lang, "Dokument nelze přečíst: "
                                          "{reason}").format(reason=reason), color="danger",
                                  id="upload-draft-verdict"))
    return html.Div([
        dbc.Alert(_(lang, "Návrh {name} se stahuje; "
                          "zpráva:").format(name=outcome.download_name), color="success",
                  id="upload-draft-verdict"),
        html.Pre(outcome.report, className="small border rounded p-2 bg-light",
                 style={"whiteSpace": "pre-wrap", "maxHeight": "32rem", "overflowY": "auto"}),
    ])


@callback(Output("upload-draft-report", "children"), Output("upload-draft-download", "data"),
          Input("upload-draft-input", "contents"), State("upload-draft-input", "filename"),
          State("upload-draft-kind", "value"), State("upload-lang", "data"), prevent_initial_call=True)
def draft_document(contents: object, name: object, kind: object, lang: object):  # noqa: ANN201
    """A page or plan → the draft workbook to download and the report beside it."""
    auth.require_role(auth.EDITOR)
    lang = _lang(lang)
    outcome = drafts.draft_from_upload(kind, contents, name, _max_bytes())
    download = dcc.send_bytes(outcome.workbook, outcome.download_name) if outcome.workbook else None
    return draft_view(outcome, lang), download
