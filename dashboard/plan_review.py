"""One plan year as the steering group reviews it: read once, shown on the page and exported.

The page, its CSV/XLSX exports and the meeting workbook all build from
``load_review`` so that they always show the same measures and states. The rules it applies
(grid states, changes, money) are ``domain.plan_review``'s; here they meet the database,
the role and the export's words.

Two audiences: the public (the default) gets what ``queries.plan.evaluations``
returns for the public — no internal comments, no content of evaluations that are not
published (published: marked public and of a year the steering group has approved,
``etl.publication.published``; a draft year shows the public only that its evaluation
is not approved yet, ``draft_note``). The steering group (``sees_internal``: the role, checked on the
server for every request) gets the whole review: unpublished evaluations with
their status and money, and the internal comments. ``?verejne=1`` shows a
steering member the public view (what may be printed or shared).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard import auth, plan_edit
from dashboard.components.layout import href
from dashboard.db import Database
from dashboard.figures import plan as build
from dashboard.i18n import N_, _, data_column
from dashboard.queries import plan as queries
from domain import plan_review as rules
from domain.frames import records
from domain.plan_review import default_plan_key
from etl.plan_year import YearState

#: Query-string parameters of the page (and of its exports).
PUBLIC_VIEW = "verejne"
PARAMS = ("plan", "rok", "priorita", "skupina", PUBLIC_VIEW)


def sees_internal(args: Mapping[str, str]) -> bool:
    """Whether this request gets the steering group's view: the role, unless it asked for the public one."""
    return auth.has_role(auth.STEERING) and args.get(PUBLIC_VIEW) != "1"


@dataclass
class Review:
    """The plan, its filtered measures, the grid, the changes and the money for one year."""

    plan: dict | None
    plans: pd.DataFrame
    statuses: pd.DataFrame
    measures: pd.DataFrame  # every measure of the plan (for the filter options)
    shown: pd.DataFrame  # the measures that pass the filters
    evaluations: pd.DataFrame  # evaluations of the shown measures (masked)
    years: list[int]
    year: int | None
    matrix: pd.DataFrame
    changes: pd.DataFrame
    costs: pd.DataFrame
    priority: str | None
    group: str | None
    internal: bool = False  # the steering group's view: unpublished evaluations and internal comments
    year_state: YearState | None = None  # the year under review: approved (published) or a draft

    @property
    def has_evaluations(self) -> bool:
        """Whether the plan has any evaluation at all (before filtering)."""
        return self.year is not None

    @property
    def approved(self) -> bool:
        """Whether the year under review is approved, and so its public evaluations published."""
        return self.year_state is not None and self.year_state.approved

    @property
    def is_demo(self) -> bool:
        """Whether demo figures are shown."""
        return bool(self.shown["is_demo"].any()) if not self.shown.empty else False


def load_review(db: Database, args: Mapping[str, str], internal: bool = False) -> Review:
    """Everything the page shows for the plan, year and filters in ``args``.

    ``internal`` gives the steering group's view; callers pass ``sees_internal(args)``.
    """
    plans = queries.plans(db)
    key = args.get("plan") or default_plan_key(plans)
    plan = queries.plan(db, key) if key else None
    statuses = queries.statuses(db)
    measures = queries.measures(db, key) if plan else pd.DataFrame()
    all_evaluations = queries.evaluations(db, key, internal=internal) if plan else pd.DataFrame()
    year = rules.choose_year(args.get("rok"), all_evaluations)
    priority, group = args.get("priorita") or None, args.get("skupina") or None
    shown = rules.filter_measures(measures, priority, group) if not measures.empty else measures
    if all_evaluations.empty:
        evaluations = all_evaluations
    else:
        evaluations = all_evaluations[all_evaluations["measure_id"].isin(shown["measure_id"])]
    years = rules.plan_years(plan, all_evaluations)
    empty = year is None or shown.empty
    changes = rules.status_changes(evaluations if not empty else pd.DataFrame(), year or 0, internal)
    if not changes.empty:  # in the order of the grid
        position = {mid: i for i, mid in enumerate(shown["measure_id"])}
        changes = changes.sort_values("measure_id", key=lambda ids: ids.map(position),
                                      ignore_index=True)
    return Review(
        plan=plan, plans=plans, statuses=statuses, measures=measures, shown=shown,
        evaluations=evaluations, years=years, year=year,
        matrix=pd.DataFrame() if empty else rules.status_matrix(shown, evaluations, years, internal),
        changes=changes,
        costs=pd.DataFrame() if empty else rules.costs(shown, evaluations, year, internal),
        priority=priority, group=group, internal=internal,
        year_state=plan_edit.year_state(db, key, year) if plan and year is not None else None,
    )


def draft_note(review: Review, lang: str) -> str | None:
    """What the public is told of a year not approved yet (its evaluations are not published,
    however they are marked); None for an approved year and in the steering view."""
    if review.internal or review.year is None or review.approved:
        return None
    return _(lang, "Vyhodnocení roku {year} zatím nebylo schváleno a zveřejněno. Hodnocení tohoto "
                   "roku se zobrazí, až je schválí řídící skupina.", year=review.year)


def unpublished_keys(review: Review) -> set[tuple[int, int]]:
    """(measure id, year) of every unpublished evaluation of the shown measures."""
    if review.evaluations.empty:
        return set()
    hidden = review.evaluations[~review.evaluations["is_public"].astype(bool)]
    return {(int(m), int(y)) for m, y in zip(hidden["measure_id"], hidden["year"], strict=True)}


def unpublished_count(review: Review) -> int:
    """How many of the shown measures' evaluations of the year under review are not published."""
    return sum(1 for _, year in unpublished_keys(review) if year == review.year)


def header(key: str, lang: str) -> str:
    """The title of the review tables' column ``key`` (``COLUMNS``) in ``lang``."""
    return _(lang, COLUMNS[key])


def filter_labels(review: Review, lang: str) -> list[str]:
    """The active filters in words (``Cílová skupina: Senioři``), for titles and printouts."""
    labels = []
    if review.priority:
        labels.append(f"{header('priority', lang)}: {review.priority}")
    if review.group:
        name = review.group
        canonical = review.measures[review.measures["canonical_code"] == review.group] \
            if not review.measures.empty else review.measures
        if not canonical.empty:
            name = canonical.iloc[0][data_column("canonical_name", lang)]
        labels.append(f"{header('group', lang)}: {name}")
    return labels


#: The columns of the review's tables (message ids of the catalogs); their exports
#: (``dashboard.export_columns``) take their headers from here.
COLUMNS = {
    "code": N_("Kód"), "measure": N_("Opatření"), "priority": N_("Priorita"),
    "group": N_("Cílová skupina"), "canonical": N_("Kanonická cílová skupina"),
    "previous": N_("Předchozí rok"), "current": N_("Hodnocený rok"), "change": N_("Změna"),
    "comment": N_("Veřejný komentář"), "planned": N_("Plánované náklady (Kč)"),
    "spent_year": N_("Vynaloženo v roce (Kč)"),
    "spent_to_date": N_("Vynaloženo celkem do roku (Kč)"),
    "share": N_("Podíl vynaloženého z plánu"), "unpublished": N_("Nezveřejněná hodnocení (roky)"),
    "internal": N_("Interní komentář (neveřejné)"), "published": N_("Zveřejněno"),
    "state": N_("Stav"),
}


def _measure_columns(measures: pd.DataFrame, lang: str) -> dict[str, list]:
    canonical = data_column("canonical_name", lang)
    return {
        header("code", lang): list(measures["code"]),
        header("measure", lang): list(measures["name"]),
        header("priority", lang): list(measures["priority"]),
        header("group", lang): list(measures["target_group"]),
        header("canonical", lang): list(measures[canonical]),
    }


def cell_label(review: Review, measure_id: int, year: int, lang: str,
               hidden: set[tuple[int, int]]) -> str:
    """A grid cell in words: the status, "nezveřejněno", or — in the steering view — the status
    of an unpublished evaluation (one of ``hidden``, see ``unpublished_keys``) marked "(neveřejné)"."""
    label = build.status_label(review.matrix.at[measure_id, year], review.statuses, lang)
    if review.internal and (measure_id, year) in hidden:
        return private_label(label, lang)
    return label


def private_label(label: str, lang: str) -> str:
    """A status label marked as the steering view's unpublished evaluation."""
    return f"{label} ({_(lang, 'neveřejné')})"


def grid_frame(review: Review, lang: str) -> pd.DataFrame:
    """The measures × years grid with status names ("nezveřejněno" where not public)."""
    if review.matrix.empty:
        return pd.DataFrame(columns=list(_measure_columns(review.shown.iloc[0:0], lang)))
    data = _measure_columns(review.shown, lang)
    hidden = unpublished_keys(review)
    for year in review.years:
        data[str(year)] = [cell_label(review, int(mid), year, lang, hidden)
                           for mid in review.shown["measure_id"]]
    return pd.DataFrame(data)


def _year_rows(review: Review) -> dict[int, dict]:
    """The evaluations of the year under review, by measure id."""
    if review.year is None or review.evaluations.empty:
        return {}
    current = review.evaluations[review.evaluations["year"] == review.year]
    return {int(r["measure_id"]): r for r in records(current)}


def _text(value: object) -> str:
    return value if isinstance(value, str) else ""


def changes_frame(review: Review, lang: str) -> pd.DataFrame:
    """Measures whose state changed in the year under review, with the public comment
    (and, in the steering view, the internal one)."""
    names = review.shown.set_index("measure_id") if not review.shown.empty else None
    current = _year_rows(review)
    rows = []
    for change in records(review.changes):
        measure = names.loc[change["measure_id"]]
        evaluation = current.get(int(change["measure_id"]), {})
        visible = review.internal or bool(evaluation.get("is_public"))
        row = {
            header("code", lang): measure["code"],
            header("measure", lang): measure["name"],
            header("previous", lang): build.status_label(change["previous"], review.statuses, lang),
            header("current", lang): build.status_label(change["current"], review.statuses, lang),
            header("change", lang): build.change_label(change["kind"], lang),
            header("comment", lang): _text(evaluation.get("comment")) if visible else "",
        }
        if review.internal:
            row[header("internal", lang)] = _text(evaluation.get("internal_comment"))
        rows.append(row)
    keys = ("code", "measure", "previous", "current", "change", "comment") + (
        ("internal",) if review.internal else ())
    return pd.DataFrame(rows, columns=[header(k, lang) for k in keys])


def internal_frame(review: Review, lang: str) -> pd.DataFrame:
    """The steering view's own table: every shown measure whose evaluation of the year under
    review is unpublished or carries an internal comment. Empty for the public."""
    keys = ("code", "measure", "state", "published", "comment", "internal")
    columns = [header(k, lang) for k in keys]
    if not review.internal or review.shown.empty:
        return pd.DataFrame(columns=columns)
    current = _year_rows(review)
    rows = []
    for m in records(review.shown):
        evaluation = current.get(int(m["measure_id"]))
        if evaluation is None or (evaluation["is_public"] and not _text(evaluation["internal_comment"])):
            continue
        state = rules.cell_state(evaluation, reveal=True)
        rows.append([m["code"], m["name"], build.status_label(state, review.statuses, lang),
                     _(lang, "ano") if evaluation["is_public"] else _(lang, "ne"),
                     _text(evaluation["comment"]), _text(evaluation["internal_comment"])])
    return pd.DataFrame(rows, columns=columns)


def costs_frame(review: Review, lang: str) -> pd.DataFrame:
    """Planned against spent money per measure (numbers stay numbers for spreadsheets)."""
    keys = ("code", "measure", "planned", "spent_year", "spent_to_date", "share", "unpublished")
    if review.costs.empty:
        return pd.DataFrame(columns=[header(k, lang) for k in keys])
    c = review.costs

    def number(values: pd.Series) -> list[float | None]:
        return [None if v is None or v != v else float(v) for v in values]

    return pd.DataFrame({
        header("code", lang): c["code"], header("measure", lang): c["name"],
        header("planned", lang): number(c["planned"]),
        header("spent_year", lang): number(c["spent_year"]),
        header("spent_to_date", lang): number(c["spent_to_date"]),
        header("share", lang): number(c["share"]),
        header("unpublished", lang): c["unpublished_years"],
    })


def filters_query(plan: str | None, year: str | None, priority: str | None, group: str | None,
                  lang: str | None, changed: str | None,
                  shown: Mapping[str, str] | None = None) -> str | None:
    """The address's query string for the chosen filters; a new plan drops the others.

    None when the filters are those the page already shows (``shown``): a dropdown
    reports its value once more when it mounts, and that must not reload the page.
    """
    values = {k: v if isinstance(v, str) else None
              for k, v in {"plan": plan, "rok": year, "priorita": priority, "skupina": group}.items()}
    if not isinstance(shown, Mapping):
        shown = None  # a store that does not hold what the page put there is ignored
    if shown is not None and all((values[k] or "") == (shown.get(k) or "") for k in values):
        return None
    if changed == "plan-filter-plan":
        values = {"plan": plan}
    query = {k: v for k, v in values.items() if v}
    if shown is not None and shown.get(PUBLIC_VIEW) == "1":
        query[PUBLIC_VIEW] = "1"  # a steering member previewing the public view stays in it
    return href("", lang, **query)
