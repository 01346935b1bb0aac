"""Projects with their funding split and ORPs."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

import pandas as pd
import sqlalchemy as sa

from dashboard.db import Database
from dashboard.i18n import N_
from domain.collation import sort_key
from domain.projects import project_end, project_end_sql, project_status
from etl import schema as s
from etl.textfold import fold, fold_text

SHARE_COLUMNS = {"eu": "eu_amount", "state": "state_amount", "beneficiary": "beneficiary_amount"}


def _share(source: str) -> sa.ScalarSelect:
    return (sa.select(s.project_funding.c.amount)
            .where(s.project_funding.c.project_id == s.project.c.id,
                   s.project_funding.c.source_code == source)
            .scalar_subquery())


def _share_derived(source: str) -> sa.ScalarSelect:
    return (sa.select(s.project_funding.c.amount_derived)
            .where(s.project_funding.c.project_id == s.project.c.id,
                   s.project_funding.c.source_code == source)
            .scalar_subquery())


def projects_statement() -> sa.Select:
    """One row per project: identity, programme (and its period) and call, dates, total and the
    three shares."""
    p = s.project
    return (
        sa.select(
            p.c.id, p.c.key, p.c.registration_number_stated, p.c.name, p.c.short_name,
            p.c.beneficiary, p.c.programme_code,
            s.programme.c.period.label("programme_period"), s.call.c.number.label("call_number"),
            p.c.start_date, p.c.end_date, p.c.planned_end_date, p.c.total_eligible,
            p.c.support_eu_state,
            *[_share(src).label(col) for src, col in SHARE_COLUMNS.items()],
            _share_derived("eu").label("shares_derived"),
            p.c.predecessor_key, p.c.description, p.c.source, p.c.is_demo,
        )
        .select_from(p.outerjoin(s.call, s.call.c.id == p.c.call_id)
                     .outerjoin(s.programme, s.programme.c.code == p.c.programme_code))
        .order_by(p.c.start_date.desc().nulls_last(), p.c.key)
    )


def project_orps_statement() -> sa.Select:
    """Project id, ORP code, ORP name and region for every covered ORP."""
    return (
        sa.select(s.project_orp.c.project_id, s.orp.c.code.label("orp_code"),
                  s.orp.c.name.label("orp_name"), s.orp.c.region_nuts3)
        .join(s.orp, s.orp.c.code == s.project_orp.c.orp_code)
        .order_by(s.project_orp.c.project_id, s.orp.c.code)
    )


# Not in the query cache: pickling these thousands of rows (Decimals, dates, lists)
# costs more than computing them; the pages that show them cache their layout.
def projects(db: Database, today: dt.date | None = None) -> pd.DataFrame:
    """All projects with ORP codes (a list), region codes and a status by today's date."""
    frame = db.frame(projects_statement())
    _attach_orps(frame, db.rows(project_orps_statement()))
    frame["regions"] = inherited_regions(frame)
    frame["status"] = [project_status(start, project_end(end, planned), today)
                       for start, end, planned in zip(frame["start_date"], frame["end_date"],
                                                      frame["planned_end_date"], strict=True)]
    return frame


def _attach_orps(frame: pd.DataFrame, rows: list) -> None:
    """Add each project's ORP codes and names (lists) and regions (sorted) from ORP rows."""
    codes: dict[int, list[str]] = {}
    names: dict[int, list[str]] = {}
    regions: dict[int, set[str]] = {}
    # plain rows, not a pandas group-by with a Python function per project
    for row in rows:
        codes.setdefault(row["project_id"], []).append(row["orp_code"])
        names.setdefault(row["project_id"], []).append(row["orp_name"])
        regions.setdefault(row["project_id"], set()).add(row["region_nuts3"])
    frame["orp_codes"] = [codes.get(i, []) for i in frame["id"]]
    frame["orp_names"] = [names.get(i, []) for i in frame["id"]]
    frame["regions"] = [sorted(regions.get(i, ())) for i in frame["id"]]


def inherited_regions(frame: pd.DataFrame) -> list[list[str]]:
    """Each project's regions; a project that covers no ORP (its page names none, as for
    South Moravia's 2011–2013 project) takes those of the projects that continue it.
    ``region_condition`` is the same rule in SQL."""
    followers: dict[str, set[str]] = {}
    for predecessor, regions in zip(frame["predecessor_key"], frame["regions"], strict=True):
        if isinstance(predecessor, str) and predecessor:
            followers.setdefault(predecessor, set()).update(regions)
    return [regions if regions else sorted(followers.get(key, ()))
            for key, regions in zip(frame["key"], frame["regions"], strict=True)]


def region_condition(nuts3: str) -> sa.ColumnElement[bool]:
    """Projects covering an ORP of the region, and those without an ORP that a project
    covering one continues (``inherited_regions``)."""
    p, po = s.project, s.project_orp
    covering = (sa.select(po.c.project_id).join(s.orp, s.orp.c.code == po.c.orp_code)
                .where(s.orp.c.region_nuts3 == nuts3))
    follower = p.alias("follower")
    continued = sa.select(follower.c.predecessor_key).where(follower.c.id.in_(covering),
                                                            follower.c.predecessor_key.is_not(None))
    return sa.or_(p.c.id.in_(covering),
                  sa.and_(p.c.key.in_(continued), ~p.c.id.in_(sa.select(po.c.project_id))))


def filter_projects(frame: pd.DataFrame, query: Mapping[str, str]) -> pd.DataFrame:
    """Projects matching the query-string filters (obdobi as stored, program, vyzva, kraj, orp,
    stav)."""
    mask = pd.Series(True, index=frame.index)
    if query.get("obdobi"):
        mask &= frame["programme_period"] == query["obdobi"]
    if query.get("program"):
        mask &= frame["programme_code"] == query["program"]
    if query.get("vyzva"):
        mask &= frame["call_number"] == query["vyzva"]
    if query.get("kraj"):
        mask &= frame["regions"].apply(lambda r: query["kraj"] in r)
    if query.get("orp"):
        mask &= frame["orp_codes"].apply(lambda c: query["orp"] in c)
    if query.get("stav"):
        mask &= frame["status"] == query["stav"]
    return frame[mask]


#: The words of each project status (message ids of the catalogs).
STATUS_LABELS = {"running": N_("probíhá"), "finished": N_("ukončen"), "planned": N_("připravuje se"),
                 "unknown": N_("termíny neuvedeny")}


def display_name(row: dict | pd.Series, lang: str = "cs") -> str:
    """The project's name, else its short name, else the opening words of its page's own
    description marked as such (``descriptive_label``), else a label saying none is stated."""
    from dashboard.i18n import _

    for field in ("name", "short_name"):
        value = row.get(field)
        if isinstance(value, str) and value:
            return value
    label = descriptive_label(row.get("description"))
    if label:
        return f"{label} ({_(lang, 'název neuveden, popis ze stránky projektu')})"
    return f"({_(lang, 'název neuveden')})"


#: A descriptive label longer than this is cut at a word and ends with "…".
LABEL_LENGTH = 140


def descriptive_label(description: object) -> str | None:
    """The first clause of a project's description, for a project whose page states no name.

    Words the page itself uses, not a name made up for it; the caller marks it as a
    description. None without a description.
    """
    if not isinstance(description, str) or not description.strip():
        return None
    clause = re.split(r"[:;,.](?:\s|$)", description.strip(), maxsplit=1)[0].strip()
    if len(clause) > LABEL_LENGTH:
        clause = clause[:LABEL_LENGTH].rsplit(" ", 1)[0] + "…"
    return clause or None


# --- One page of the list, filtered and sorted by the database -------------------

#: Grid columns the database can sort and filter on, and their expressions.
SORTABLE = {
    "registration": s.project.c.key,
    "name": sa.func.coalesce(s.project.c.name, s.project.c.short_name),
    "beneficiary": s.project.c.beneficiary,
    "programme": s.project.c.programme_code,
    "call": s.call.c.number,
    "period": s.project.c.start_date,
    "total": s.project.c.total_eligible,
    "support": s.project.c.support_eu_state,
}
#: Grid columns shown in Kč and stored in haléře.
MONEY_FIELDS = ("total", "support")
TEXT_FILTERS = {"contains", "notContains", "equals", "notEqual", "startsWith", "endsWith"}
NUMBER_FILTERS = {"equals": "__eq__", "notEqual": "__ne__", "greaterThan": "__gt__",
                  "greaterThanOrEqual": "__ge__", "lessThan": "__lt__", "lessThanOrEqual": "__le__"}


def status_condition(status: str, today: dt.date) -> sa.ColumnElement[bool] | None:
    """``domain.projects.project_status`` as a condition on the project's dates; None for an
    unknown status (parity test: ``tests/dashboard/test_projects_paging.py``, ``test_pag001``)."""
    start = s.project.c.start_date
    end = project_end_sql(s.project.c.end_date, s.project.c.planned_end_date)
    planned = sa.and_(start.is_not(None), start > today)
    finished = sa.and_(sa.not_(planned), end.is_not(None), end < today)
    unknown = sa.and_(start.is_(None), end.is_(None))
    return {
        "planned": planned, "finished": finished, "unknown": unknown,
        "running": sa.and_(sa.not_(unknown), sa.not_(planned.self_group()),
                           sa.not_(finished.self_group())),
    }.get(status)


def _text_condition(column: sa.ColumnElement, kind: str, value: str) -> sa.ColumnElement[bool]:
    """A grid text filter: case and Czech diacritics ignored ("ricany" finds "Říčany")."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    pattern = {"contains": f"%{escaped}%", "notContains": f"%{escaped}%", "startsWith": f"{escaped}%",
               "endsWith": f"%{escaped}", "equals": escaped, "notEqual": escaped}[kind]
    matches = fold(sa.func.coalesce(column, "")).like(fold_text(pattern), escape="\\")
    return sa.not_(matches) if kind in ("notContains", "notEqual") else matches


def grid_conditions(filter_model: dict | None) -> list[sa.ColumnElement[bool]]:
    """AG Grid's filter model as conditions (text and number filters on ``SORTABLE`` columns).

    Filters on other columns, or of other kinds, are not applied: the grid offers none.
    """
    conditions = []
    for field, spec in (filter_model or {}).items():
        column = SORTABLE.get(field)
        if column is None or not isinstance(spec, dict):
            continue
        kind, value = spec.get("type"), spec.get("filter")
        if spec.get("filterType") == "text" and kind in TEXT_FILTERS and isinstance(value, str):
            conditions.append(_text_condition(column, kind, value))
        elif spec.get("filterType") == "number" and isinstance(value, int | float):
            if field in MONEY_FIELDS:  # shown in Kč, stored in haléře
                column = sa.type_coerce(column, sa.BigInteger) / 100.0
            if kind in NUMBER_FILTERS:
                conditions.append(getattr(column, NUMBER_FILTERS[kind])(value))
            elif kind == "inRange" and isinstance(spec.get("filterTo"), int | float):
                conditions.append(column.between(value, spec["filterTo"]))
    return conditions


def in_period(period: str) -> sa.ColumnElement[bool]:
    """The project belongs to the programme period ``period`` (``2021–2027``): its programme's.

    A project without a programme has no period and belongs to none.
    """
    return s.project.c.programme_code.in_(
        sa.select(s.programme.c.code).where(s.programme.c.period == period))


def filtered_statement(query: dict[str, str], filter_model: dict | None = None,
                       today: dt.date | None = None) -> sa.Select:
    """``projects_statement`` narrowed by the page's filters (obdobi, program, vyzva, kraj, orp,
    stav) and the grid's column filters."""
    today = today or dt.date.today()
    p, po = s.project, s.project_orp
    statement = projects_statement()
    if query.get("obdobi"):
        statement = statement.where(in_period(query["obdobi"]))
    if query.get("program"):
        statement = statement.where(p.c.programme_code == query["program"])
    if query.get("vyzva"):
        statement = statement.where(s.call.c.number == query["vyzva"])
    if query.get("kraj"):
        statement = statement.where(region_condition(query["kraj"]))
    if query.get("orp"):
        statement = statement.where(p.c.id.in_(
            sa.select(po.c.project_id).where(po.c.orp_code == query["orp"])))
    if query.get("stav"):
        condition = status_condition(query["stav"], today)
        statement = statement.where(condition if condition is not None else sa.false())
    for condition in grid_conditions(filter_model):
        statement = statement.where(condition)
    return statement


def _count(db: Database, statement: sa.Select) -> int:
    return int(db.scalar(sa.select(sa.func.count()).select_from(statement.order_by(None).subquery()))
               or 0)


def project_count(db: Database, query: dict[str, str], today: dt.date | None = None) -> int:
    """How many projects pass the page's filters (without reading any of them)."""
    return _count(db, filtered_statement(query, None, today or dt.date.today()))


def project_page(db: Database, query: dict[str, str], start: int, end: int,
                 sort_model: list[dict] | None = None, filter_model: dict | None = None,
                 today: dt.date | None = None) -> tuple[pd.DataFrame, int]:
    """Rows ``start``–``end`` of the filtered, sorted list (with ORPs and status) and the count."""
    today = today or dt.date.today()
    statement = filtered_statement(query, filter_model, today)
    total = _count(db, statement)
    order = []
    for item in sort_model or []:
        column = SORTABLE.get(item.get("colId"))
        if column is not None:
            order.append(column.desc().nulls_last() if item.get("sort") == "desc"
                         else column.asc().nulls_last())
    if order:  # the default order breaks ties, so that pages never overlap
        statement = statement.order_by(None).order_by(*order, s.project.c.start_date.desc().nulls_last(),
                                                      s.project.c.key)
    start = max(0, int(start))
    frame = db.frame(statement.offset(start).limit(max(0, min(int(end), start + 500) - start)))
    _attach_orps(frame, db.rows(project_orps_statement().where(
        s.project_orp.c.project_id.in_([int(i) for i in frame["id"]]))))
    frame["status"] = [project_status(a, project_end(b, c), today) for a, b, c in
                       zip(frame["start_date"], frame["end_date"], frame["planned_end_date"],
                           strict=True)]
    return frame, total


def project_totals(db: Database, period: str | None = None) -> dict[str, object]:
    """Totals over the projects that state them (Decimal Kč, None where none does); counts of
    projects, of those stating a total, and of the ORPs they cover; whether a share was derived;
    how many projects are demo and their total (``demo_projects``, ``demo_total``).
    ``period``: only the projects of that programme period.

    Summed by the database in whole haléře, so exactly as a sum of the Decimals would be.
    """
    p, f, po = s.project, s.project_funding, s.project_orp
    chosen = in_period(period) if period else sa.true()
    of_chosen = sa.select(p.c.id).where(chosen)

    def share(source: str) -> sa.ScalarSelect:
        return sa.select(sa.func.sum(f.c.amount)).where(
            f.c.source_code == source, *([f.c.project_id.in_(of_chosen)] if period else [])
        ).scalar_subquery()

    orps = sa.select(sa.func.count(sa.distinct(po.c.orp_code)))
    derived = sa.exists().where(f.c.source_code == "eu", f.c.amount_derived.is_(True))
    if period:
        orps = orps.where(po.c.project_id.in_(of_chosen))
        derived = derived.where(f.c.project_id.in_(of_chosen))
    row = db.rows(sa.select(
        sa.func.sum(p.c.total_eligible).label("total"),
        share("eu").label("eu"), share("state").label("state"),
        share("beneficiary").label("beneficiary"),
        sa.func.count().label("projects"), sa.func.count(p.c.total_eligible).label("with_total"),
        orps.scalar_subquery().label("orps"), derived.label("derived"),
        sa.func.count().filter(p.c.is_demo.is_(True)).label("demo_projects"),
        sa.func.sum(p.c.total_eligible).filter(p.c.is_demo.is_(True)).label("demo_total"),
    ).where(chosen))[0]
    return {**dict(row), "projects": int(row["projects"]), "with_total": int(row["with_total"]),
            "orps": int(row["orps"]), "derived": bool(row["derived"]),
            "demo_projects": int(row["demo_projects"] or 0)}


def project_periods(db: Database) -> list[str]:
    """The programme periods of the projects' programmes, oldest first."""
    return sorted(r["period"] for r in db.rows(
        sa.select(s.programme.c.period).distinct()
        .join(s.project, s.project.c.programme_code == s.programme.c.code)))


def filter_choices(db: Database) -> dict[str, object]:
    """What the list's filters offer: the regions of the ORPs projects cover (code and name,
    by name), the programmes, their periods and the calls projects name (each sorted), and
    how many projects there are.

    Three small distinct lists instead of every project with its ORPs, which is all the
    page used them for.
    """
    p, links = s.project, s.project_orp

    def distinct(statement: sa.Select) -> list:
        return sorted(r["v"] for r in db.rows(statement.distinct()) if r["v"] is not None)

    return {
        "projects": int(db.scalar(sa.select(sa.func.count()).select_from(p)) or 0),
        "regions": sorted(({"value": r["nuts3"], "label": r["name"]} for r in db.rows(
            sa.select(s.region.c.nuts3, s.region.c.name).where(s.region.c.nuts3.in_(
                sa.select(s.orp.c.region_nuts3).join(links, links.c.orp_code == s.orp.c.code))))),
            key=lambda region: sort_key(region["label"])),  # in Czech alphabetical order
        "programmes": distinct(sa.select(p.c.programme_code.label("v"))),
        "periods": project_periods(db),
        "calls": distinct(sa.select(s.call.c.number.label("v"))
                          .join(p, p.c.call_id == s.call.c.id)),
    }
