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
from dashboard.i18n import N_, _
from domain.frames import records


def chip(state: str, label: str, chip_id: str | None = None) -> html.Span:
    """A status label in its colour, with its symbol (readable in black and white)."""
    style = build.STATUS_STYLE.get(state, build.STATUS_STYLE[build.MISSING])
    symbol = style["symbol"]
    return html.Span([html.Span(symbol, **{"aria-hidden": "true"}), f" {label}" if symbol else label],
                     className=f"status-chip status-{state}", id=chip_id or "",
                     style={"background": style["background"], "color": style["color"]})


def private_mark(lang: str) -> html.Small:
    """The mark of an unpublished evaluation in the steering view."""
    return html.Small(_(lang, "neveřejné"), className="private-mark d-block")


def legend(review: plan_review.Review, lang: str) -> html.Div:
    """Every status, then "not published" and "not evaluated", as chips (and, in the steering
    view, the mark of an unpublished evaluation)."""
    # in the steering view an unpublished evaluation shows its status, marked "neveřejné"
    hidden = [] if review.internal else [build.UNPUBLISHED]
    states = list(review.statuses["code"]) + hidden + [build.MISSING]
    chips = [chip(state, build.status_label(state, review.statuses, lang), f"plan-legend-{state}")
             for state in states]
    if review.internal:
        chips.append(html.Span(_(lang, "neveřejné hodnocení (vidí jen řídící "
                                       "skupina)"), id="plan-legend-private",
                               className="status-chip private-cell"))
    return html.Div([html.Span(_(lang, "Legenda:"), className="small text-muted me-2"), *chips],
                    className="plan-legend d-flex flex-wrap align-items-center gap-1 mb-2",
                    id="plan-legend")


def audience_note(review: plan_review.Review, params: Mapping[str, object] | None,
                  lang: str) -> html.Div | html.P:
    """Who this view is for: the public, the steering group (a warning), or a steering member's
    preview of the public view; with a link between the two views unless ``params`` is None (print)."""
    base = {k: v for k, v in (params or {}).items() if k not in ("lang", plan_review.PUBLIC_VIEW)}
    if review.internal:
        link = html.A(_(lang, "Zobrazit veřejnou verzi"), id="plan-to-public", className="alert-link ms-1",
                      href=href("/komunitni-plan", lang, **base, **{plan_review.PUBLIC_VIEW: "1"}))
        return dbc.Alert([_(lang, "Neveřejné zobrazení pro řídící skupinu: obsahuje nezveřejněná hodnocení "
                                  "(označená „neveřejné“) a interní komentáře. Tisk ani exporty z tohoto "
                                  "zobrazení nesdílejte mimo řídící "
                                  "skupinu."), *([" ", link] if params is not None else [])],
                         color="warning", className="py-2 mb-2", id="plan-internal-note")
    if auth.has_role(auth.STEERING):
        link = html.A(_(lang, "Zpět na neveřejné zobrazení"), href=href("/komunitni-plan", lang, **base),
                      id="plan-to-internal", className="alert-link ms-1")
        return dbc.Alert([_(lang, "Zobrazujete veřejnou verzi stránky – tak, jak ji vidí "
                                  "veřejnost."), *([" ", link] if params is not None else [])],
                         color="info", className="py-2 mb-2", id="plan-public-preview")
    return html.P(_(lang, "Zobrazena jsou jen zveřejněná hodnocení. Nezveřejněná hodnocení a interní "
                          "komentáře vidí po přihlášení členové řídící "
                          "skupiny."), className="small text-muted mb-2", id="plan-private-note")


def costs_note(review: plan_review.Review, lang: str) -> str:
    """What "spent" sums in this view."""
    if review.internal:
        return _(lang, "Vynaloženo = součet skutečných nákladů do roku {year} včetně, i z nezveřejněných "
                       "hodnocení.", year=review.year)
    return _(lang, "Vynaloženo = součet zveřejněných skutečných nákladů do roku {year} včetně.",
             year=review.year)


def status_table(review: plan_review.Review, lang: str) -> html.Div:
    """The measures × years grid as a coloured table (status name and symbol in every cell)."""
    by_key = {(int(r["measure_id"]), int(r["year"])): r for r in records(review.evaluations)}
    header = html.Tr([html.Th(_(lang, "Kód")), html.Th(_(lang, "Opatření")),
                      html.Th(_(lang, "Cílová skupina"))] + [
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
        parts.append(f"{_(lang, 'Interní:')} {evaluation['internal_comment']}")
    return "\n".join(parts) or None


def changes_panel(review: plan_review.Review, lang: str,
                  params: Mapping[str, object] | None = None) -> list:
    """What changed since the previous year; with download links unless ``params`` is None (print)."""
    downloads = [export_links("plan-changes", lang, params)] if params is not None else []
    previous = review.year - 1
    title = html.H2(_(lang, "Co se změnilo oproti roku {prev}", prev=previous), className="h5")
    evaluated_before = previous in set(review.evaluations["year"].astype(int))
    if not evaluated_before:
        return [title, html.P(_(lang, "Rok {year} je první hodnocený rok plánu; není s čím "
                                      "srovnávat.", year=review.year), id="plan-changes-none",
                              className="text-muted")]
    if review.changes.empty:
        return [title, html.P(_(lang, "Oproti roku {prev} se stav žádného opatření "
                                      "nezměnil.", prev=previous), id="plan-changes-none",
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
    columns = (N_("Kód"), N_("Opatření"), N_("Plánováno"), N_("Vynaloženo v roce {year}"),
               N_("Vynaloženo do roku {year}"), N_("Podíl z plánu"))
    header = [_(lang, label, year=review.year) for label in columns]
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
    title = html.H2(_(lang, "Interní komentáře a nezveřejněná hodnocení {year} "
                            "(neveřejné)", year=review.year), className="h5")
    if frame.empty:
        body = [title, html.P(_(lang, "V roce {year} nemá žádné ze zobrazených opatření interní komentář ani "
                                      "nezveřejněné hodnocení.", year=review.year), className="text-muted",
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
