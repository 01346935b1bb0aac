"""The data page's tables as pure functions: load runs, their files, their problems."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import pandas as pd

from dashboard import formatting as fmt
from dashboard.i18n import N_, _
from domain.frames import records

SYSTEM_USER = N_("systém")  # loads started by the CLI without a user name

LOCAL_TIME = ZoneInfo("Europe/Prague")

#: What each kind of load run brought (the ``dataset`` of ``load_run``).
DATASETS = {
    "reference": N_("referenční data"),
    "seed": N_("výchozí data ze stránek projektů"),
    "demo": N_("ukázková data (DEMO)"),
    "demo-rpss": N_("ukázkový registr sociálních služeb (DEMO)"),
    "national": N_("národní otevřená data"),
    "user": N_("soubor uživatele"),
    "page": N_("úprava na stránce Komunitní plán"),
}
STATUSES = {
    "loaded": N_("načteno"), "rejected": N_("odmítnuto"), "failed": N_("selhalo"),
    "running": N_("probíhá"), "dry-run": N_("zkouška bez zápisu"),
}
#: A problem's severity in words; the upload page says the same.
SEVERITIES = {"error": N_("chyba"), "warning": N_("varování")}


def _pick(message: str | None, fallback: str, lang: str) -> str:
    return fallback if message is None else _(lang, message)


def local_time(value: dt.datetime | None, lang: str) -> str:
    """A load time in Czech local time: ``23. 11. 2026 10:15`` (stored UTC; naive means UTC)."""
    if value is None or value != value:
        return fmt.EMPTY
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    local = value.astimezone(LOCAL_TIME)
    return f"{fmt.date(local.date(), lang)} {local:%H:%M}"


def problem_list(problems: object) -> list[dict]:
    """The problems stored on a load run (a JSON list of dicts; None or junk → empty)."""
    if not isinstance(problems, list):
        return []
    return [p for p in problems if isinstance(p, dict)]


def runs_frame(runs: pd.DataFrame, files: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The load runs table: display texts, counts of errors, warnings and files."""
    file_counts = files.groupby("load_run_id")["file_name"].nunique() if not files.empty else {}
    rows = []
    for r in records(runs):
        problems = problem_list(r["problems"])
        status = "dry-run" if r.get("dry_run") and r["status"] == "loaded" else r["status"]
        rows.append({
            "id": int(r["id"]),
            "dataset": _pick(DATASETS.get(r["dataset"]), r["dataset"], lang),
            "user": r["user_name"] or _pick(SYSTEM_USER, "", lang),
            "started": local_time(r["started_at"], lang),
            "finished": local_time(r["finished_at"], lang),
            "status": _pick(STATUSES.get(status), status, lang),
            "errors": sum(1 for p in problems if p.get("severity", "error") == "error"),
            "warnings": sum(1 for p in problems if p.get("severity") == "warning"),
            "files": int(file_counts.get(r["id"], 0)) if len(file_counts) else 0,
        })
    return pd.DataFrame(rows, columns=["id", "dataset", "user", "started", "finished", "status",
                                       "errors", "warnings", "files"])


def problems_frame(runs: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Every stored warning and error, one row each, with its place in the file."""
    rows = []
    for r in records(runs):
        for p in problem_list(r["problems"]):
            severity = p.get("severity", "error")
            rows.append({
                "run": int(r["id"]), "severity": _pick(SEVERITIES.get(severity), severity, lang),
                "file": p.get("file"), "sheet": p.get("sheet"), "row": p.get("row"),
                "column": p.get("column"), "value": p.get("value"),
                "message": p.get("message_en" if lang == "en" else "message_cs"),
            })
    return pd.DataFrame(rows, columns=["run", "severity", "file", "sheet", "row", "column", "value",
                                       "message"])


def files_frame(files: pd.DataFrame) -> pd.DataFrame:
    """Files of the loads with their per-entity counts."""
    columns = ["load_run_id", "file_name", "entity", "sheet", "rows", "inserted", "updated",
               "unchanged"]
    return files[columns].copy() if not files.empty else pd.DataFrame(columns=columns)


def run_query(run: str | None, lang: str | None, shown: str | None = None) -> str | None:
    """The address's query string for the chosen load; None when that load is already shown."""
    if (run or "") == (shown or ""):
        return None
    query = {"beh": run} if run else {}
    if lang == "en":
        query["lang"] = "en"
    return "?" + urlencode(query) if query else ""
