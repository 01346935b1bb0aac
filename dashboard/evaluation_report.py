"""The yearly evaluation report of a community plan ("Vyhodnocení akčního plánu za rok 2021"):
what it says, built once from the steering group's review and written as DOCX or PDF
(``report_docx``, ``report_pdf``).

Two versions: the public one (everyone) is built from the public review, so it holds
no internal comment and nothing of an unpublished evaluation but that it exists (nor of
any evaluation of a year not approved yet, which it says); the
steering group's one (``internal``) holds both and says on every page that it is not
public. Contents: plan, year and approval state; a summary (measures by status, money
planned and spent); per priority and target group the measures with status, % fulfilled,
money and comments; the change since the previous year; the page's charts as images;
the sources of the figures.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from dashboard import chart_images, plan_edit, plan_review
from dashboard import formatting as fmt
from dashboard.db import Database
from dashboard.figures import plan as build
from dashboard.i18n import _
from dashboard.queries import plan as queries
from domain import plan_review as rules
from domain.frames import records
from etl import plan_year


@dataclass
class MeasureRow:
    """One measure's line in the report."""

    code: str
    name: str
    status: str
    percent: str
    planned: str
    spent: str
    comment: str
    internal_comment: str = ""


@dataclass
class Section:
    """The measures of one priority and target group."""

    title: str
    rows: list[MeasureRow]


@dataclass
class Chart:
    """A chart of the page as an image (None where it could not be drawn)."""

    title: str
    png: bytes | None


@dataclass
class Report:
    """Everything the report says, as texts in its language, ready to be written."""

    lang: str
    internal: bool
    title: str
    plan_name: str
    year: int
    state: str
    approved: bool
    facts: list[tuple[str, str]]  # the summary: label, value
    status_rows: list[tuple[str, str, str]]  # status, count this year, count the year before
    sections: list[Section]
    changes: list[tuple[str, str, str, str]]  # measure, before, now, kind
    charts: list[Chart]
    sources: list[str]
    notes: list[str] = field(default_factory=list)
    is_demo: bool = False

    def file_name(self, plan_key: str, fmt_: str) -> str:
        """``vyhodnoceni-<plan>-<year>.docx``; the steering group's version starts ``neverejne-``."""
        stem = f"{'evaluation' if self.lang == 'en' else 'vyhodnoceni'}-{plan_key}-{self.year}"
        prefix = ("not-public-" if self.lang == "en" else "neverejne-") if self.internal else ""
        return f"{prefix}{stem}.{fmt_}"


def _money(value: object, lang: str) -> str:
    return fmt.money(value, lang, context=fmt.PLAN) if value is not None else fmt.EMPTY


def _percent(value: object, lang: str) -> str:
    if value is None or value != value:
        return fmt.EMPTY
    return fmt.percent(float(value) / 100, lang)


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def build_report(db: Database, plan_key: str, year: int, *, internal: bool, lang: str,
                 charts: bool = True) -> Report | None:
    """The report of the plan's year for this audience; None when the plan or the year's
    evaluations do not exist. ``charts`` False leaves the images out (tests of the texts)."""
    review = plan_review.load_review(db, {"plan": plan_key, "rok": str(year)}, internal)
    if review.plan is None or review.year != year:
        return None
    state = review.year_state
    counts = rules.status_counts(review.matrix, year)
    previous = rules.status_counts(review.matrix, year - 1) if year - 1 in review.years else {}
    states = [*review.statuses["code"], rules.UNPUBLISHED, rules.MISSING]
    status_rows = [(build.status_label(s, review.statuses, lang), str(counts.get(s, 0)),
                    str(previous.get(s, 0)) if previous else fmt.EMPTY)
                   for s in states if counts.get(s) or previous.get(s)]
    costs = {int(r["measure_id"]): r for r in records(review.costs)}
    planned = [c["planned"] for c in costs.values() if c["planned"] is not None]
    spent_year = [c["spent_year"] for c in costs.values() if c["spent_year"] is not None]
    spent_to_date = [c["spent_to_date"] for c in costs.values() if c["spent_to_date"] is not None]
    fulfilled = set(review.statuses[review.statuses["counts_as_fulfilled"].astype(bool)]["code"])
    facts = [
        (_(lang, "Opatření"), fmt.number(len(review.shown), lang, digits=0)),
        (_(lang, "Splněno v roce {year}", year=year),
         fmt.number(sum(v for k, v in counts.items() if k in fulfilled), lang, digits=0)),
        (_(lang, "Plánované náklady celkem"), _money(sum(planned, Decimal(0)) if planned else None, lang)),
        (_(lang, "Vynaloženo v roce {year}", year=year),
         _money(sum(spent_year, Decimal(0)) if spent_year else None, lang)),
        (_(lang, "Vynaloženo do roku {year}", year=year),
         _money(sum(spent_to_date, Decimal(0)) if spent_to_date else None, lang)),
    ]
    report = Report(
        lang=lang, internal=internal, title=_(lang, "Vyhodnocení komunitního plánu za rok {year}",
                                              year=year),
        plan_name=review.plan["name"], year=year, state=plan_edit.state_text(state, lang),
        approved=state.approved, facts=facts, status_rows=status_rows,
        sections=_sections(review, costs, lang), changes=_changes(review, lang),
        charts=_charts(review, counts, lang) if charts else [],
        sources=_sources(db, review, year, internal, lang), is_demo=review.is_demo)
    if not state.approved:  # the public's version publishes nothing of a draft year
        report.notes.append(plan_review.draft_note(review, lang) or _(
            lang, "Pracovní verze: vyhodnocení roku {year} zatím nebylo schváleno řídící "
                  "skupinou.", year=year))
    if internal:
        report.notes.append(_(lang, "NEVEŘEJNÉ – pouze pro řídící skupinu. Obsahuje nezveřejněná "
                                    "hodnocení a interní komentáře."))
    if review.is_demo:
        report.notes.append(_(lang, "Údaje označené DEMO jsou vygenerovaná ukázková data, ne "
                                    "skutečné hodnoty."))
    return report


def _sections(review: plan_review.Review, costs: dict, lang: str) -> list[Section]:
    """The measures by priority, then target group, in the order of the page's grid."""
    current = {int(r["measure_id"]): r for r in records(review.evaluations)
               if int(r["year"]) == review.year}
    hidden = plan_review.unpublished_keys(review)
    sections: dict[tuple[str, str], list[MeasureRow]] = {}
    for m in records(review.shown):
        mid = int(m["measure_id"])
        evaluation = current.get(mid)
        state = review.matrix.at[mid, review.year]
        label = build.status_label(state, review.statuses, lang)
        if review.internal and (mid, review.year) in hidden:
            label = plan_review.private_label(label, lang)
        visible = evaluation is not None and state != rules.UNPUBLISHED
        cost = costs.get(mid, {})
        row = MeasureRow(
            code=m["code"], name=m["name"], status=label,
            percent=_percent(evaluation["percent_fulfilled"], lang) if visible else fmt.EMPTY,
            planned=_money(cost.get("planned"), lang),
            spent=_money(cost.get("spent_year"), lang) if visible else fmt.EMPTY,
            comment=_text(evaluation["comment"]) if visible else "",
            internal_comment=_text(evaluation.get("internal_comment")) if visible and review.internal
            else "")
        key = (m["priority"] or _(lang, "bez priority"), m["target_group"] or _(lang, "bez cílové skupiny"))
        sections.setdefault(key, []).append(row)
    return [Section(f"{priority} – {group}", rows) for (priority, group), rows in sections.items()]


def _changes(review: plan_review.Review, lang: str) -> list[tuple[str, str, str, str]]:
    names = review.shown.set_index("measure_id") if not review.shown.empty else None
    return [(f"{names.loc[c['measure_id']]['code']} {names.loc[c['measure_id']]['name']}",
             build.status_label(c["previous"], review.statuses, lang),
             build.status_label(c["current"], review.statuses, lang),
             build.change_label(c["kind"], lang)) for c in records(review.changes)]


def _charts(review: plan_review.Review, counts: dict[str, int], lang: str) -> list[Chart]:
    return [
        Chart(_(lang, "Opatření podle stavu v roce {year}", year=review.year),
              chart_images.png(build.status_count_figure(counts, review.statuses, lang), width=800)),
        Chart(_(lang, "Plánované a vynaložené náklady"),
              chart_images.png(build.cost_figure(review.costs, review.year, lang), width=900)),
    ]


def _sources(db: Database, review: plan_review.Review, year: int, internal: bool,
             lang: str) -> list[str]:
    """The plan's own source, each load of the year's evaluations and the sources they state."""
    found = []
    if review.plan.get("source"):
        found.append(_(lang, "Komunitní plán: {source}", source=review.plan["source"]))
    frame = queries.evaluation_sources(db, review.plan["key"], year, internal=internal)
    runs: dict[int, list[str]] = {}
    for row in records(frame):
        if row["load_run_id"] is not None:
            run = int(row["load_run_id"])
            files = runs.setdefault(run, [])
            if row["file_name"] and row["file_name"] not in files:
                files.append(row["file_name"])
    details = {int(r["load_run_id"]): r for r in records(frame) if r["load_run_id"] is not None}
    for run, files in runs.items():
        row = details[run]
        when = plan_year.local_time(row["at"]) if row["at"] is not None else fmt.EMPTY
        found.append(_(lang, "Načtení dat č. {run} ({when}, {user}): {files}", run=run, when=when,
                       user=row["user_name"] or fmt.EMPTY, files=", ".join(files) or fmt.EMPTY))
    stated = sorted({s for s in frame["source"] if isinstance(s, str) and s}) if not frame.empty else []
    found += [_(lang, "Zdroj uvedený u hodnocení: {source}", source=s) for s in stated]
    found.append(_(lang, "Sestaveno v KPSS Monitor dne {day}.", day=fmt.date(dt.date.today(), lang)))
    return found
