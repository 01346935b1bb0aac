"""/nahrat — an editor uploads CSV/XLSX files: a dry run shows what would happen, then a load.

Anonymous visitors get a sign-in prompt; both callbacks refuse anyone below
``editor`` themselves (and the request guard refuses them before that).
"""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import Input, Output, State, callback, dcc, html
from flask import current_app

from dashboard import auth, uploads
from dashboard.components.layout import href
from dashboard.i18n import language, translator

dash.register_page(__name__, path="/nahrat", name="Nahrát data", title="KPSS Monitor – Nahrát data")

auth.protect_ids("upload-", auth.EDITOR)

TEXT = {
    "heading": ("Nahrát data", "Upload data"),
    "signin": ("Nahrávat data mohou jen přihlášení editoři.", "Only signed-in editors can upload data."),
    "signin_link": ("Přihlásit se", "Sign in"),
    "drop": ("Přetáhněte sem soubory CSV nebo XLSX, nebo klikněte a vyberte je",
             "Drop CSV or XLSX files here, or click to choose them"),
    "intro": ("Soubory se nejdřív jen zkontrolují (nic se nezapíše). Načtou se až po potvrzení, "
              "celé, nebo vůbec.", "Files are first only checked (nothing is written). They are "
              "loaded after you confirm, whole or not at all."),
    "limit": ("Nejvýše {mb} MB na soubor.", "At most {mb} MB per file."),
    "confirm": ("Načíst do databáze", "Load into the database"),
    "ok": ("Kontrola prošla: soubory lze načíst.", "Check passed: the files can be loaded."),
    "bad": ("Soubory obsahují chyby; nic nebude načteno, dokud je neopravíte.",
            "The files have errors; nothing will be loaded until they are fixed."),
    "loaded": ("Načteno (běh č. {run}): {ins} nových, {upd} změněných, {same} beze změny řádků.",
               "Loaded (run {run}): {ins} new, {upd} changed, {same} unchanged rows."),
    "rejected": ("Nic nebylo načteno:", "Nothing was loaded:"),
    "changed": ("Soubory se od kontroly změnily; nahrajte je a zkontrolujte znovu.",
                "The files changed since the check; upload and check them again."),
    "file": ("Soubor", "File"), "entity": ("Obsah", "Entity"), "inserted": ("Nové", "New"),
    "updated": ("Změněné", "Changed"), "unchanged": ("Beze změny", "Unchanged"),
    "deleted": ("Odstraněné", "Deleted"),
    "severity": ("Druh", "Kind"), "sheet": ("List", "Sheet"), "row": ("Řádek", "Row"),
    "column": ("Sloupec", "Column"), "value": ("Hodnota", "Value"), "message": ("Problém", "Problem"),
    "error": ("chyba", "error"), "warning": ("upozornění", "warning"),
    "more": ("… a {n} dalších", "… and {n} more"),
    "data": ("Přehled načtení na stránce Data", "Loads on the Data page"),
}


_t = translator(TEXT)


def _max_bytes() -> int:
    return current_app.config["KPSS_SETTINGS"].max_upload_mb * 1024 * 1024


def layout(lang: str | None = None, **_query: str) -> html.Div:
    """The upload form for editors; a sign-in prompt for everyone else."""
    lang = language(lang)
    heading = html.H1(_t("heading", lang), className="h3")
    if not auth.has_role(auth.EDITOR):
        return html.Div([heading, dbc.Alert([
            html.Strong(_t("signin", lang)), " ",
            html.A(_t("signin_link", lang), href=href(auth.LOGIN_PATH, lang, next="/nahrat"),
                   id="upload-signin")], color="secondary", id="upload-denied")])
    mb = _max_bytes() // (1024 * 1024)
    return html.Div([
        heading,
        html.P([_t("intro", lang), " ", _t("limit", lang).format(mb=mb)], className="text-muted"),
        dcc.Store(id="upload-lang", data=lang),
        dcc.Store(id="upload-fingerprint"),
        dcc.Upload(html.Div(_t("drop", lang)), id="upload-input", multiple=True,
                   accept=".csv,.txt,.xlsx,.xlsm", max_size=_max_bytes(),
                   className="border border-2 rounded p-4 mb-3 text-center bg-light",
                   style={"borderStyle": "dashed", "cursor": "pointer"}),
        dcc.Loading(html.Div(id="upload-result")),
        html.Button(_t("confirm", lang), id="upload-confirm", disabled=True,
                    className="btn btn-primary my-2"),
        dcc.Loading(html.Div(id="upload-outcome")),
    ])


def _table(rows: list[dict], keys: list[str], lang: str, table_id: str) -> dbc.Table:
    head = html.Thead(html.Tr([html.Th(_t(k, lang)) for k in keys]))
    body = html.Tbody([
        html.Tr([html.Td(_t(row[k], lang) if k == "severity" else str(row[k])) for k in keys],
                className="table-danger" if row.get("severity") == "error" else None)
        for row in rows])
    return dbc.Table([head, body], size="sm", bordered=True, responsive=True, id=table_id)


def result_view(result: uploads.LoadResult, lang: str) -> html.Div:
    """Counts per file and entity, then every problem, for a dry run or a refused load."""
    parts = [dbc.Alert(_t("ok" if result.ok else "bad", lang), color="success" if result.ok
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
            parts.append(html.P(_t("more", lang).format(n=hidden)))
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
    result = uploads.run(uploads.writer_engine(), prepared, user.name, dry_run=True)
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
        return dbc.Alert(_t("changed", lang), color="warning", id="upload-loaded"), True
    user = auth.current_user()
    result = uploads.run(uploads.writer_engine(), prepared, user.name, dry_run=False)
    if result.status != "loaded":
        return html.Div([html.P(_t("rejected", lang)), result_view(result, lang)],
                        id="upload-loaded"), True
    current_app.logger.info("upload by %s loaded as run %s", user.name, result.run_id)
    message = _t("loaded", lang).format(run=result.run_id, ins=result.total("inserted"),
                                        upd=result.total("updated"), same=result.total("unchanged"))
    return dbc.Alert([message, " ", html.A(_t("data", lang), href=href("/data", lang))],
                     color="success", id="upload-loaded"), True
