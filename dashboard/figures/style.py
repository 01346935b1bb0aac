"""What every chart shares: the colour-blind-safe palette and the base layout.

Okabe–Ito colours (Okabe & Ito 2008) stay distinguishable for the common
colour-vision deficiencies; status colours never carry meaning alone (the
status is also written in the legend, hover and tables).
"""

from __future__ import annotations

import html
import textwrap

import plotly.graph_objects as go
import plotly.io as pio

from dashboard.formatting import PLOTLY_SEPARATORS

OKABE_ITO = {
    "orange": "#E69F00", "sky": "#56B4E9", "green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7", "black": "#000000",
    "grey": "#999999",
}
SOURCE_COLOURS = {"eu": OKABE_ITO["blue"], "state": OKABE_ITO["orange"],
                  "beneficiary": OKABE_ITO["green"]}
NO_DATA_COLOUR = "#d9d9d9"

#: The one status palette of every page, chart, badge and workbook: a colour per status and a
#: text colour readable on it. Reached is green, on the way blue, failed vermillion, whether
#: it is an indicator of a project or a measure of a community plan; no figure is grey.
STATUS_PALETTE: dict[str, dict[str, str]] = {
    # an indicator of a project
    "achieved": {"background": OKABE_ITO["green"], "color": "#000000"},
    "on_track": {"background": OKABE_ITO["blue"], "color": "#FFFFFF"},
    "at_risk": {"background": OKABE_ITO["vermillion"], "color": "#000000"},
    # a finished project's result short of its target: apart from "at risk", which can
    # still be made up
    "missed": {"background": OKABE_ITO["purple"], "color": "#000000"},
    # a measure of a community plan, by its evaluation
    "fulfilled": {"background": OKABE_ITO["green"], "color": "#000000"},
    "partly": {"background": OKABE_ITO["sky"], "color": "#000000"},
    "ongoing": {"background": OKABE_ITO["blue"], "color": "#FFFFFF"},
    "not_fulfilled": {"background": OKABE_ITO["vermillion"], "color": "#000000"},
    "not_started": {"background": OKABE_ITO["orange"], "color": "#000000"},
    # no figure to judge by
    "no_data": {"background": NO_DATA_COLOUR, "color": "#000000"},
    "no_target": {"background": NO_DATA_COLOUR, "color": "#000000"},
    "none": {"background": NO_DATA_COLOUR, "color": "#000000"},
}
STATUS_COLOURS = {status: style["background"] for status, style in STATUS_PALETTE.items()}


def status_style(status: str | None) -> dict[str, str]:
    """Background and text colour of a status (grey for one without a figure or unknown)."""
    return STATUS_PALETTE.get(status or "none", STATUS_PALETTE["none"])


def _slim(name: str) -> go.layout.Template:
    """A plotly template with its layout and the defaults of the trace types the charts use.

    The whole template (defaults for some 40 trace types) would be copied into every
    figure, and sent with it: about 10 ms and 4 KB per chart.
    """
    whole = pio.templates[name]
    return go.layout.Template(layout=whole.layout, data={
        kind: whole.data[kind] for kind in ("bar", "scatter", "heatmap", "choropleth")})


# In the JSON form a figure carries them in: converted once, not for every chart.
TEMPLATE = _slim("plotly_white").to_plotly_json()
PLAIN_TEMPLATE = _slim("plotly").to_plotly_json()  # plotly's default look, for the charts that keep it
FONT = ('system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif')

Figure = dict  # {"data": [trace, ...], "layout": {...}}: what dcc.Graph sends to plotly.js


def escape_text(value: object) -> str:
    """Text from the data as plotly must get it: shown as written, never read as markup.

    Plotly renders a subset of HTML in every text it draws (titles, tick labels, legends,
    hover texts, annotations): a name holding ``<a href=…>`` would become a live link,
    ``<b>`` or ``<br>`` would format. Every name, code or unit that comes from a loaded
    file passes through here before it goes into a figure (as a category too: the tick
    labels are the category values); the figures' own ``<br>`` and ``<b>`` stay outside.
    """
    return html.escape("" if value is None else str(value), quote=False)


def figure(data: list[dict], layout: dict | None = None) -> Figure:
    """A chart as the plain dicts plotly.js reads (each trace names its ``type``).

    Building a ``go.Figure`` validates every property as it is set: 5 to 20 ms a chart,
    most of an uncached page. The charts are built as dicts instead; the tests read each
    through ``go.Figure``, which rejects any property plotly does not know.
    """
    return {"data": data, "layout": layout or {}}


def merge(target: dict, updates: dict) -> dict:
    """``updates`` written into ``target`` key by key, nested dicts merged (as plotly's
    ``update_layout`` does); returns ``target``."""
    for key, value in updates.items():
        if isinstance(value, dict) and isinstance(target.get(key), dict):
            merge(target[key], value)
        else:
            target[key] = value
    return target


def wrap_label(text: str, width: int = 26) -> str:
    """A long category name over several lines (``<br>``), so that on a phone the names of a
    horizontal bar chart leave room for its bars; each line escaped (``escape_text``)."""
    lines = textwrap.wrap("" if text is None else str(text), width, break_long_words=False)
    return "<br>".join(escape_text(line) for line in lines) or escape_text(text)


def base_layout(chart: Figure, title: str, lang: str, height: int = 360) -> Figure:
    """Title (escaped: it may name data), language separators, font and margins shared by every chart."""
    merge(chart["layout"], {
        "title": {"text": escape_text(title), "x": 0, "xanchor": "left", "font": {"size": 15}},
        "separators": PLOTLY_SEPARATORS.get(lang, PLOTLY_SEPARATORS["cs"]),
        "font": {"family": FONT, "size": 12},
        "template": TEMPLATE, "height": height,
        "margin": {"l": 10, "r": 10, "t": 50, "b": 10},
        # under the chart: above it, on a phone, it runs into the title
        "legend": {"orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom",
                   "xanchor": "left", "x": 0},
        "hoverlabel": {"namelength": -1},
    })
    return chart


def plain_layout(chart: Figure, title: str, lang: str, height: int, bottom: int = 40) -> Figure:
    """Title, language separators, font and margins of the charts that keep plotly's default
    look (``PLAIN_TEMPLATE``: the ORP and target-group pages); the title is escaped."""
    merge(chart["layout"], {
        "title": {"text": escape_text(title), "x": 0, "xanchor": "left", "font": {"size": 15}},
        "separators": PLOTLY_SEPARATORS.get(lang, PLOTLY_SEPARATORS["cs"]),
        "height": height, "margin": {"l": 10, "r": 10, "t": 50, "b": bottom},
        "paper_bgcolor": "white", "plot_bgcolor": "white", "font": {"family": "system-ui, sans-serif"},
        "template": PLAIN_TEMPLATE,
    })
    return chart


def graph_config(lang: str, name: str) -> dict:
    """dcc.Graph config: the page language's locale (served from assets), PNG export name."""
    return {"locale": lang, "displaylogo": False, "responsive": True,
            "toImageButtonOptions": {"filename": name, "format": "png", "scale": 2},
            "modeBarButtonsToRemove": ["select2d", "lasso2d"]}
