"""Parts of /komunitni-plan shared by its screen and print layouts: texts, legend, grid, changes."""

from __future__ import annotations

from collections.abc import Mapping

import dash_bootstrap_components as dbc
from dash import html

from dashboard import auth, plan_review
from dashboard import formatting as fmt
from dashboard.components.common import export_links
from dashboard.components.layout import href
from dashboard.figures import plan as build
from dashboard.frames import records
from dashboard.i18n import choose

TEXT = {
    "heading": ("Komunitní plán", "Community plan"),
    "plan": ("Plán", "Plan"), "year": ("Hodnocený rok", "Year under review"),
    "priority": ("Priorita", "Priority"), "group": ("Cílová skupina", "Target group"),
    "all": ("vše", "all"),
    "no_plans": ("Zatím není načten žádný komunitní plán.", "No community plan is loaded yet."),
    "plans_hint": ("Načtěte soubory komunitni_plany, opatreni a plneni_opatreni (šablony na stránce Data).",
                   "Load komunitni_plany, opatreni and plneni_opatreni files (templates on the Data page)."),
    "unknown": ("Komunitní plán „{key}“ neexistuje.", "There is no community plan “{key}”."),
    "unknown_hint": ("Vyberte plán ze seznamu výše.", "Choose a plan from the list above."),
    "no_evaluations": ("Plán zatím nemá žádné hodnocení plnění opatření.",
                       "This plan has no evaluation of its measures yet."),
    "no_evaluations_hint": ("Hodnocení se načítají souborem plneni_opatreni (šablona na stránce Data).",
                            "Evaluations are loaded with a plneni_opatreni file "
                            "(template on the Data page)."),
    "to_data": ("Šablony a načtená data na stránce Data", "Templates and loaded data on the Data page"),
    "no_match": ("Filtrům neodpovídá žádné opatření.", "No measure matches the filters."),
    "no_match_hint": ("Zrušte filtr priority nebo cílové skupiny.",
                      "Clear the priority or target group filter."),
    "year_missing": ("Rok {asked} nemá hodnocení; zobrazen rok {shown}.",
                     "{asked} has no evaluations; showing {shown}."),
    "private_note": ("Zobrazena jsou jen zveřejněná hodnocení. Nezveřejněná hodnocení a interní "
                     "komentáře vidí po přihlášení členové řídící skupiny.",
                     "Only published evaluations are shown. Members of the steering group see the "
                     "unpublished evaluations and internal comments after signing in."),
    "internal_note": ("Neveřejné zobrazení pro řídící skupinu: obsahuje nezveřejněná hodnocení "
                      "(označená „neveřejné“) a interní komentáře. Tisk ani exporty z tohoto zobrazení "
                      "nesdílejte mimo řídící skupinu.",
                      "Non-public view for the steering group: it includes unpublished evaluations "
                      "(marked “not public”) and internal comments. Do not share printouts or exports "
                      "of this view outside the steering group."),
    "to_public": ("Zobrazit veřejnou verzi", "Show the public version"),
    "public_preview": ("Zobrazujete veřejnou verzi stránky – tak, jak ji vidí veřejnost.",
                       "You are seeing the public version of the page, as the public sees it."),
    "to_internal": ("Zpět na neveřejné zobrazení", "Back to the non-public view"),
    "internal_heading": ("Interní komentáře a nezveřejněná hodnocení {year} (neveřejné)",
                         "Internal comments and unpublished evaluations {year} (not public)"),
    "internal_none": ("V roce {year} nemá žádné ze zobrazených opatření interní komentář ani "
                      "nezveřejněné hodnocení.",
                      "In {year} none of the shown measures has an internal comment or an unpublished "
                      "evaluation."),
    "internal_label": ("Interní:", "Internal:"),
    "private_mark": ("neveřejné", "not public"),
    "private_legend": ("neveřejné hodnocení (vidí jen řídící skupina)",
                       "unpublished evaluation (seen by the steering group only)"),
    "grid": ("Plnění opatření po letech", "Fulfilment of measures by year"),
    "legend": ("Legenda:", "Legend:"),
    "code": ("Kód", "Code"), "measure": ("Opatření", "Measure"),
    "changes": ("Co se změnilo oproti roku {prev}", "What changed since {prev}"),
    "no_changes": ("Oproti roku {prev} se stav žádného opatření nezměnil.",
                   "No measure changed its state since {prev}."),
    "first_year": ("Rok {year} je první hodnocený rok plánu; není s čím srovnávat.",
                   "{year} is the plan's first evaluated year; there is nothing to compare with."),
    "costs": ("Plánované a vynaložené náklady", "Planned and spent money"),
    "costs_note": ("Vynaloženo = součet zveřejněných skutečných nákladů do roku {year} včetně.",
                   "Spent = sum of the published actual costs up to and including {year}."),
    "costs_note_internal": ("Vynaloženo = součet skutečných nákladů do roku {year} včetně, "
                            "i z nezveřejněných hodnocení.",
                            "Spent = sum of the actual costs up to and including {year}, unpublished "
                            "evaluations included."),
    "planned": ("Plánováno", "Planned"), "spent_year": ("Vynaloženo v roce {year}", "Spent in {year}"),
    "spent_to_date": ("Vynaloženo do roku {year}", "Spent up to {year}"),
    "share": ("Podíl z plánu", "Share of plan"),
    "unpublished_years": ("Nezveřejněné roky", "Unpublished years"),
    "kpi_measures": ("Opatření", "Measures"),
    "kpi_fulfilled": ("Splněno v roce {year}", "Fulfilled in {year}"),
    "kpi_fulfilled_note": ("ze {n} zveřejněných hodnocení", "of {n} published evaluations"),
    "kpi_fulfilled_note_internal": ("ze {n} hodnocení vč. nezveřejněných",
                                    "of {n} evaluations, unpublished included"),
    "kpi_unpublished": ("Nezveřejněná hodnocení {year}", "Unpublished evaluations {year}"),
    "kpi_planned": ("Plánované náklady celkem", "Total planned cost"),
    "kpi_spent": ("Vynaloženo do roku {year}", "Spent up to {year}"),
    "print": ("Tisková verze", "Printable version"),
    "print_now": ("Vytisknout", "Print"),
    "back": ("Zpět na interaktivní zobrazení", "Back to the interactive view"),
    "meeting_xlsx": ("Sešit pro jednání (XLSX)", "Meeting workbook (XLSX)"),
    "period": ("Období", "Period"), "orps": ("ORP", "ORPs"),
    "filters": ("Filtry", "Filters"), "none": ("žádné", "none"),
    "printed": ("Vytištěno", "Printed"),
}


def text(text_key: str, lang: str, **values: object) -> str:
    """The page text ``text_key`` in ``lang``, with ``{placeholders}`` filled."""
    return choose(TEXT[text_key], lang).format(**values)



def chip(state: str, label: str, chip_id: str | None = None) -> html.Span:
    """A status label in its colour, with its symbol (readable in black and white)."""
    style = build.STATUS_STYLE.get(state, build.STATUS_STYLE[build.MISSING])
    symbol = style["symbol"]
    return html.Span([html.Span(symbol, **{"aria-hidden": "true"}), f" {label}" if symbol else label],
                     className=f"status-chip status-{state}", id=chip_id or "",
                     style={"background": style["background"], "color": style["color"]})


def private_mark(lang: str) -> html.Small:
    """The mark of an unpublished evaluation in the steering view."""
    return html.Small(text("private_mark", lang), className="private-mark d-block")


def legend(review: plan_review.Review, lang: str) -> html.Div:
    """Every status, then "not published" and "not evaluated", as chips (and, in the steering
    view, the mark of an unpublished evaluation)."""
    # in the steering view an unpublished evaluation shows its status, marked "neveřejné"
    hidden = [] if review.internal else [build.UNPUBLISHED]
    states = list(review.statuses["code"]) + hidden + [build.MISSING]
    chips = [chip(state, build.status_label(state, review.statuses, lang), f"plan-legend-{state}")
             for state in states]
    if review.internal:
        chips.append(html.Span(text("private_legend", lang), id="plan-legend-private",
                               className="status-chip private-cell"))
    return html.Div([html.Span(text("legend", lang), className="small text-muted me-2"), *chips],
                    className="plan-legend d-flex flex-wrap align-items-center gap-1 mb-2",
                    id="plan-legend")


def audience_note(review: plan_review.Review, params: Mapping[str, object] | None,
                  lang: str) -> html.Div | html.P:
    """Who this view is for: the public, the steering group (a warning), or a steering member's
    preview of the public view; with a link between the two views unless ``params`` is None (print)."""
    base = {k: v for k, v in (params or {}).items() if k not in ("lang", plan_review.PUBLIC_VIEW)}
    if review.internal:
        link = html.A(text("to_public", lang), id="plan-to-public", className="alert-link ms-1",
                      href=href("/komunitni-plan", lang, **base, **{plan_review.PUBLIC_VIEW: "1"}))
        return dbc.Alert([text("internal_note", lang), *([" ", link] if params is not None else [])],
                         color="warning", className="py-2 mb-2", id="plan-internal-note")
    if auth.has_role(auth.STEERING):
        link = html.A(text("to_internal", lang), href=href("/komunitni-plan", lang, **base),
                      id="plan-to-internal", className="alert-link ms-1")
        return dbc.Alert([text("public_preview", lang), *([" ", link] if params is not None else [])],
                         color="info", className="py-2 mb-2", id="plan-public-preview")
    return html.P(text("private_note", lang), className="small text-muted mb-2", id="plan-private-note")


def costs_note(review: plan_review.Review, lang: str) -> str:
    """What "spent" sums in this view."""
    return text("costs_note_internal" if review.internal else "costs_note", lang, year=review.year)


def status_table(review: plan_review.Review, lang: str) -> html.Div:
    """The measures × years grid as a coloured table (status name and symbol in every cell)."""
    by_key = {(int(r["measure_id"]), int(r["year"])): r for r in records(review.evaluations)}
    header = html.Tr([html.Th(text("code", lang)), html.Th(text("measure", lang)),
                      html.Th(text("group", lang))] + [
        html.Th(str(y), className="text-center" + (" selected-year" if y == review.year else ""),
                scope="col") for y in review.years])
    hidden = plan_review.unpublished_keys(review) if review.internal else set()
    rows = []
    for m in records(review.shown):
        mid = int(m["measure_id"])
        cells = []
        for year in review.years:
            state = review.matrix.at[mid, year]
            style = build.STATUS_STYLE.get(state, build.STATUS_STYLE[build.MISSING])
            evaluation = by_key.get((mid, year))
            private = (mid, year) in hidden
            content = [html.Span(style["symbol"] + " " if style["symbol"] else "",
                                 **{"aria-hidden": "true"}),
                       build.status_label(state, review.statuses, lang)]
            if evaluation is not None and state != build.UNPUBLISHED and \
                    evaluation["percent_fulfilled"] is not None:
                content += [html.Br(), html.Small(fmt.percent(
                    float(evaluation["percent_fulfilled"]) / 100, lang), className="cell-percent")]
            if private:
                content.append(private_mark(lang))
            classes = f"plan-cell status-{state}" + (" selected-year" if year == review.year else "") \
                + (" private-cell" if private else "")
            cells.append(html.Td(
                content, id=f"plan-cell-{mid}-{year}", className=classes,
                style={"background": style["background"], "color": style["color"]},
                title=_cell_title(evaluation, state, review.internal, lang)))
        rows.append(html.Tr([
            html.Th(m["code"], scope="row", className="text-nowrap"),
            html.Td([m["name"], html.Div(m["priority"] or "", className="small text-muted")]),
            html.Td(m["target_group"] or fmt.EMPTY, className="small"),
            *cells]))
    return html.Div(html.Table([html.Thead(header), html.Tbody(rows)],
                               className="table table-sm table-bordered plan-grid mb-1",
                               id="plan-grid"), className="table-responsive")


def _cell_title(evaluation: Mapping[str, object] | None, state: str, internal: bool,
                lang: str) -> str | None:
    """The cell's tooltip: the public comment, and in the steering view the internal one."""
    if evaluation is None or state == build.UNPUBLISHED:
        return None
    parts = [evaluation["comment"]] if isinstance(evaluation["comment"], str) else []
    if internal and isinstance(evaluation.get("internal_comment"), str):
        parts.append(f"{text('internal_label', lang)} {evaluation['internal_comment']}")
    return "\n".join(parts) or None


def changes_panel(review: plan_review.Review, lang: str,
                  params: Mapping[str, object] | None = None) -> list:
    """What changed since the previous year; with download links unless ``params`` is None (print)."""
    downloads = [export_links("plan-changes", lang, params)] if params is not None else []
    previous = review.year - 1
    title = html.H2(text("changes", lang, prev=previous), className="h5")
    evaluated_before = previous in set(review.evaluations["year"].astype(int))
    if not evaluated_before:
        return [title, html.P(text("first_year", lang, year=review.year), id="plan-changes-none",
                              className="text-muted")]
    if review.changes.empty:
        return [title, html.P(text("no_changes", lang, prev=previous), id="plan-changes-none",
                              className="text-muted"), *downloads]
    names = review.shown.set_index("measure_id")
    items = []
    for change in records(review.changes):
        measure = names.loc[change["measure_id"]]
        kind = change["kind"]
        badge_colour = {build.IMPROVED: "primary", build.WORSENED: "danger"}.get(kind, "secondary")
        items.append(html.Li([
            html.Div([html.Strong(f"{measure['code']} "), measure["name"]]),
            html.Div([
                chip(change["previous"], build.status_label(change["previous"], review.statuses, lang)),
                html.Span(" → ", className="mx-1", **{"aria-label": "→"}),
                chip(change["current"], build.status_label(change["current"], review.statuses, lang)),
                dbc.Badge(build.change_label(kind, lang), color=badge_colour,
                          className=f"ms-2 change-{kind}"),
            ], className="mt-1"),
        ], className="list-group-item", id=f"plan-change-{change['measure_id']}"))
    return [title, html.Ul(items, className="list-group list-group-flush", id="plan-changes"),
            *downloads]


def costs_table(review: plan_review.Review, lang: str) -> html.Table:
    """Planned against spent money per measure as a plain table (the print layout)."""
    columns = ("code", "measure", "planned", "spent_year", "spent_to_date", "share")
    header = [text(k, lang, year=review.year) for k in columns]
    rows = [html.Tr([html.Td(r["code"]), html.Td(r["name"]),
                     html.Td(fmt.money(r["planned"], lang, context=fmt.PLAN), className="text-end"),
                     html.Td(fmt.money(r["spent_year"], lang, context=fmt.PLAN), className="text-end"),
                     html.Td(fmt.money(r["spent_to_date"], lang, context=fmt.PLAN), className="text-end"),
                     html.Td(fmt.percent(r["share"], lang), className="text-end")])
            for r in records(review.costs)]
    return html.Table([html.Thead(html.Tr([html.Th(h) for h in header])), html.Tbody(rows)],
                      className="table table-sm table-bordered", id="plan-costs-table")


def internal_panel(review: plan_review.Review, lang: str,
                   params: Mapping[str, object] | None) -> dbc.Card:
    """The steering view's table of internal comments and unpublished evaluations of the year
    under review; with download links unless ``params`` is None (print). Only for ``review.internal``."""
    frame = plan_review.internal_frame(review, lang)
    title = html.H2(text("internal_heading", lang, year=review.year), className="h5")
    if frame.empty:
        body = [title, html.P(text("internal_none", lang, year=review.year), className="text-muted",
                              id="plan-internal-none")]
    else:
        table = html.Table([
            html.Thead(html.Tr([html.Th(c) for c in frame.columns])),
            html.Tbody([html.Tr([html.Td(v) for v in row]) for row in frame.itertuples(index=False)]),
        ], className="table table-sm table-bordered mb-1", id="plan-internal-table")
        body = [title, html.Div(table, className="table-responsive")]
        if params is not None:
            body.append(export_links("plan-internal", lang, params))
    return dbc.Card(dbc.CardBody(body), className="shadow-sm border-warning internal-panel",
                    id="plan-internal")
