"""The programme-period filter (``?obdobi=2021-2027``) shared by the overview, /projekty and
/indikatory: its value read from the address, written back, and its select.

Indicators of two periods come from two codebooks (NČI 2014+ and 2021+) and are never
added up together; a project's period is that of its programme.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from dash import dcc
from dash.exceptions import PreventUpdate

from dashboard.components.common import dropdown
from dashboard.components.layout import href
from dashboard.i18n import _
from etl.parse import ParseError, parse_period

PARAM = "obdobi"


def chosen_period(query: Mapping[str, object]) -> str | None:
    """The period the address asks for (``2014-2020`` or ``2014–2020``), as stored; None for
    no period or one the product does not know."""
    value = query.get(PARAM)
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return parse_period(value)
    except ParseError:
        return None


def url_value(period: str | None) -> str:
    """The period as the address writes it (a plain hyphen: ``2021-2027``); empty for none."""
    return period.replace("–", "-") if period else ""


def period_label(lang: str) -> str:
    """The select's label."""
    return _(lang, "Programové období")


def period_select(component_id: str, periods: Iterable[str], chosen: str | None,
                  lang: str) -> dcc.Dropdown:
    """A select of ``periods`` (stored form) with "all periods" first; values in the URL form."""
    options = [{"label": _(lang, "všechna období"), "value": ""}] + [
        {"label": period, "value": url_value(period)} for period in periods]
    return dropdown(lang, id=component_id, options=options, value=url_value(chosen),
                    clearable=False)


def period_search(period: object, shown: object, lang: str) -> str:
    """The address's query for a period picked in the select (other filters dropped: a code
    of one period means nothing in another).

    Only a change counts: the select also reports its value when the page draws it, and
    answering that would drop the rest of the address (``kod``).
    """
    period = period if isinstance(period, str) else ""
    if period == (shown if isinstance(shown, str) else ""):
        raise PreventUpdate
    return href("", lang, **{PARAM: period or None})
