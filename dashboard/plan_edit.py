"""Recording a year's evaluations on the plan page, without the page: the form's values for the
role asking, saving through the ETL, and the year's state and history in words.

The page's callbacks only unpack their inputs and call these. What the form shows follows
the marks of ``queries.plan.evaluations``: an editor sees the public fields of an evaluation
marked public (of a draft year too: editors record the drafts, though the page shows them
the year as the public sees it until it is approved), and of one marked not public nothing
but that it exists; the steering group sees it all. Saving is
``etl.evaluation_edit.save_evaluation`` (every rule of a file load, the lock of an approved
year, the row version).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

import pandas as pd
import sqlalchemy as sa

from dashboard import formatting as fmt
from dashboard.db import Database
from dashboard.i18n import N_, _, data_column
from dashboard.queries import plan as queries
from etl import plan_year
from etl.database import lock_timed_out
from etl.evaluation_edit import EvaluationEdit, save_evaluation

# The form's fields, each with the import column whose rules it goes through.
FORM_COLUMNS = {"status": "stav", "percent": "plneni_procent", "cost": "skutecne_naklady",
                "comment": "komentar", "internal": "interni_komentar", "public": "verejne"}


@dataclass
class FormValues:
    """What the edit form shows for one measure and year, for the role asking."""

    status: str | None = None
    percent: str = ""
    cost: str = ""
    comment: str = ""
    internal: str = ""
    public: bool = False
    version: int = 0
    hidden: bool = False  # an unpublished evaluation the role may not read: shown empty


@dataclass
class SaveOutcome:
    """A save's result: done, or the messages saying why not (each naming its field)."""

    ok: bool
    messages: list[str] = field(default_factory=list)
    run_id: int | None = None


def edit_years(plan: dict, evaluated: list[int]) -> list[int]:
    """The years one may record: the plan's period and every year already evaluated."""
    years = set(evaluated)
    start, end = plan.get("period_from"), plan.get("period_to")
    if start and end and 0 <= end - start <= 30:
        years |= set(range(int(start), int(end) + 1))
    return sorted(years)


def _number_text(value: object) -> str:
    """A stored percentage as a Czech user types it (``62,5``: decimal comma, no zeros at the end)."""
    if value is None:
        return ""
    number = Decimal(value).normalize()
    text = format(number, "f") if number == number.to_integral_value() else str(number)
    return text.replace(".", ",")


def form_values(db: Database, plan_key: str, code: str, year: int, *, internal: bool) -> FormValues:
    """The stored evaluation as the form shows it to this role (``internal``: the steering group)."""
    stored = queries.stored_evaluation(db, plan_key, code, year)
    if stored is None:
        return FormValues()
    version = int(stored["row_version"])
    if not internal and not stored["is_public"]:
        return FormValues(version=version, hidden=True)
    return FormValues(status=stored["status_code"], percent=_number_text(stored["percent_fulfilled"]),
                      cost=fmt.amount_input(stored["actual_cost"]), comment=stored["comment"] or "",
                      internal=(stored["internal_comment"] or "") if internal else "",
                      public=bool(stored["is_public"]), version=version)


def _blank(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def save(engine: sa.Engine, user: str, *, internal: bool, plan_key: str, code: str, year: int,
         values: dict[str, object], version: int, lang: str) -> SaveOutcome:
    """Save the form (``values`` by FORM_COLUMNS name) as ``user``; ``internal``: they may read
    internal data. Every refusal comes back in words, naming the field."""
    percent = _blank(values.get("percent"))
    if percent is not None and not percent.endswith("%"):
        percent += " %"  # the field is in per cent: "0,5" is half a per cent, not a share
    edit = EvaluationEdit(plan=plan_key, code=code, year=year,
                          status=_blank(values.get("status")) or "",
                          percent=percent, actual_cost=_blank(values.get("cost")),
                          comment=_blank(values.get("comment")),
                          internal_comment=_blank(values.get("internal")),
                          public=bool(values.get("public")), version=version)
    try:
        result = save_evaluation(engine, edit, user, sees_internal=internal)
    except sa.exc.OperationalError as error:
        if not lock_timed_out(error):
            raise
        return SaveOutcome(False, [_(lang, "Databáze je právě zaneprázdněná načítáním dat; nic "
                                           "nebylo uloženo. Zkuste to za chvíli.")])
    if result.ok:
        return SaveOutcome(True, run_id=result.run_id)
    return SaveOutcome(False, [problem_text(p.column, p.value, p.message_en if lang == "en"
                                            else p.message_cs, lang) for p in result.errors])


def problem_text(column: str | None, value: str | None, message: str, lang: str) -> str:
    """``Plnění (%): 120: procento mimo 0–100``: the field as the form names it, then why."""
    parts = []
    if column:
        parts.append(_(lang, FIELD_LABELS[column]) if column in FIELD_LABELS else column)
    if value:
        parts.append(value)
    return ": ".join([*parts, message])


# The form's label of each import column.
FIELD_LABELS = {"stav": N_("Stav"), "plneni_procent": N_("Plnění (%)"),
                "skutecne_naklady": N_("Skutečné náklady (Kč)"), "komentar": N_("Komentář pro veřejnost"),
                "interni_komentar": N_("Interní komentář"), "verejne": N_("Zveřejnit"),
                "rok": N_("Rok"), "kod": N_("Opatření")}


# --- the year's state and history ----------------------------------------------------

def state_text(state: plan_year.YearState, lang: str) -> str:
    """``schválil(a) jana, 7.12.2026 3:20``, ``zatím neschváleno``, or who reopened it and when."""
    last = state.last
    if last is None:
        return _(lang, "zatím neschváleno")
    when = plan_year.local_time(last.at)
    if state.approved:
        return _(lang, "schválil(a) {user}, {when}", user=last.user, when=when)
    return _(lang, "znovu otevřel(a) {user}, {when}", user=last.user, when=when)


def year_state(db: Database, plan_key: str, year: int) -> plan_year.YearState:
    """The state of the plan's year, read now (never cached: an approval is not a load)."""
    with db.engine.connect() as conn:
        return plan_year.year_state(conn, plan_key, year)


def lock_text(db: Database, plan_key: str, year: int, lang: str) -> str | None:
    """Why the year's evaluations cannot change now (who approved it, when), or None."""
    state = year_state(db, plan_key, year)
    if not state.approved:
        return None
    cs, en = plan_year.locked_message(plan_key, year, state.last.user, state.last.at)
    return en if lang == "en" else cs


# The evaluation's columns as the history names them: the form's labels.
FIELD_NAMES = {"status_code": FIELD_LABELS["stav"], "percent_fulfilled": FIELD_LABELS["plneni_procent"],
               "actual_cost": FIELD_LABELS["skutecne_naklady"], "comment": FIELD_LABELS["komentar"],
               "internal_comment": FIELD_LABELS["interni_komentar"],
               "is_public": FIELD_LABELS["verejne"]}


def edit_rows(db: Database, edits: pd.DataFrame, lang: str) -> list[dict]:
    """Edits made on the page (``queries.plan.page_edits``) in words: the field as the form
    names it, a status by its name, a missing value as a dash."""
    names = {row["code"]: row[data_column("name", lang)]
             for row in queries.statuses(db).to_dict("records")}
    rows = []
    for edit in edits.to_dict("records"):
        # a missing value comes back from the frame as None or NaN
        before, after = (v if isinstance(v, str) and v else None for v in (edit["before"], edit["after"]))
        if edit["field"] == "status_code":
            before, after = names.get(before, before), names.get(after, after)
        rows.append({"at": plan_year.aware(edit["at"]), "user": edit["user_name"],
                     "plan": edit["plan_key"], "code": edit["measure_code"], "year": int(edit["year"]),
                     "field": _(lang, FIELD_NAMES.get(edit["field"], edit["field"])),
                     "before": before or "–", "after": after or "–"})
    return rows


def history_frame(db: Database, plan_key: str, *, signed_in: bool, internal: bool,
                  lang: str) -> pd.DataFrame:
    """Approvals, reopenings and (for signed-in users) edits made on the page, newest first.

    A reopening's reason and the edits are for signed-in users; the edits of internal
    comments and of unpublished evaluations for the steering group only.
    """
    columns = ["when", "user", "year", "what"]  # headers: dashboard.export_columns
    rows = []
    with db.engine.connect() as conn:
        events = plan_year.history(conn, plan_key)
    for event in events:
        if event.action == plan_year.APPROVE:
            what = _(lang, "schválil(a) vyhodnocení roku")
        elif signed_in:
            what = _(lang, "znovu otevřel(a) rok; důvod: {reason}", reason=event.reason)
        else:
            what = _(lang, "znovu otevřel(a) rok")
        rows.append((event.at, event.user, event.year, what))
    if signed_in:
        for edit in edit_rows(db, queries.page_edits(db, plan_key, internal=internal), lang):
            what = _(lang, "opatření {code}, {field}: {before} → {after}", code=edit["code"],
                     field=edit["field"], before=edit["before"], after=edit["after"])
            rows.append((edit["at"], edit["user"], edit["year"], what))
    rows.sort(key=lambda row: row[0], reverse=True)
    return pd.DataFrame([(plan_year.local_time(at), *rest) for at, *rest in rows], columns=columns)
