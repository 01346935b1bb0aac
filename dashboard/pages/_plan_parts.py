"""Parts of /komunitni-plan shared by its screen and print layouts: texts, legend, grid, changes."""

from __future__ import annotations

from collections.abc import Mapping

import dash_bootstrap_components as dbc
from dash import html

from dashboard import formatting as fmt
from dashboard import plan_review
from dashboard.components.common import export_links
from dashboard.figures import plan as build
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
                     "komentáře řídící skupiny se zobrazí až po přihlášení.",
                     "Only published evaluations are shown. Unpublished evaluations and the steering "
                     "group's internal comments will be shown after sign-in."),
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
    "planned": ("Plánováno", "Planned"), "spent_year": ("Vynaloženo v roce {year}", "Spent in {year}"),
    "spent_to_date": ("Vynaloženo do roku {year}", "Spent up to {year}"),
    "share": ("Podíl z plánu", "Share of plan"),
    "unpublished_years": ("Nezveřejněné roky", "Unpublished years"),
    "kpi_measures": ("Opatření", "Measures"),
    "kpi_fulfilled": ("Splněno v roce {year}", "Fulfilled in {year}"),
    "kpi_fulfilled_note": ("ze {n} zveřejněných hodnocení", "of {n} published evaluations"),
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


def legend(review: plan_review.Review, lang: str) -> html.Div:
    """Every status, then "not published" and "not evaluated", as chips."""
    states = list(review.statuses["code"]) + [build.UNPUBLISHED, build.MISSING]
    return html.Div([html.Span(text("legend", lang), className="small text-muted me-2")] + [
        chip(state, build.status_label(state, review.statuses, lang), f"plan-legend-{state}")
        for state in states], className="plan-legend d-flex flex-wrap align-items-center gap-1 mb-2",
        id="plan-legend")


def status_table(review: plan_review.Review, lang: str) -> html.Div:
    """The measures × years grid as a coloured table (status name and symbol in every cell)."""
    by_key = {(int(r["measure_id"]), int(r["year"])): r for r in review.evaluations.to_dict("records")}
    header = html.Tr([html.Th(text("code", lang)), html.Th(text("measure", lang)),
                      html.Th(text("group", lang))] + [
        html.Th(str(y), className="text-center" + (" selected-year" if y == review.year else ""),
                scope="col") for y in review.years])
    rows = []
    for m in review.shown.to_dict("records"):
        mid = int(m["measure_id"])
        cells = []
        for year in review.years:
            state = review.matrix.at[mid, year]
            style = build.STATUS_STYLE.get(state, build.STATUS_STYLE[build.MISSING])
            evaluation = by_key.get((mid, year))
            content = [html.Span(style["symbol"] + " " if style["symbol"] else "",
                                 **{"aria-hidden": "true"}),
                       build.status_label(state, review.statuses, lang)]
            if evaluation is not None and state != build.UNPUBLISHED and \
                    evaluation["percent_fulfilled"] is not None:
                content += [html.Br(), html.Small(fmt.percent(
                    float(evaluation["percent_fulfilled"]) / 100, lang), className="cell-percent")]
            comment = evaluation["comment"] if evaluation is not None and state != build.UNPUBLISHED \
                else None
            cells.append(html.Td(
                content, id=f"plan-cell-{mid}-{year}",
                className=f"plan-cell status-{state}" + (" selected-year" if year == review.year else ""),
                style={"background": style["background"], "color": style["color"]},
                title=comment if isinstance(comment, str) else None))
        rows.append(html.Tr([
            html.Th(m["code"], scope="row", className="text-nowrap"),
            html.Td([m["name"], html.Div(m["priority"] or "", className="small text-muted")]),
            html.Td(m["target_group"] or fmt.EMPTY, className="small"),
            *cells]))
    return html.Div(html.Table([html.Thead(header), html.Tbody(rows)],
                               className="table table-sm table-bordered plan-grid mb-1",
                               id="plan-grid"), className="table-responsive")


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
    for change in review.changes.to_dict("records"):
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
                     html.Td(fmt.money(r["planned"], lang, decimals=False), className="text-end"),
                     html.Td(fmt.money(r["spent_year"], lang, decimals=False), className="text-end"),
                     html.Td(fmt.money(r["spent_to_date"], lang, decimals=False), className="text-end"),
                     html.Td(fmt.percent(r["share"], lang), className="text-end")])
            for r in review.costs.to_dict("records")]
    return html.Table([html.Thead(html.Tr([html.Th(h) for h in header])), html.Tbody(rows)],
                      className="table table-sm table-bordered", id="plan-costs-table")
