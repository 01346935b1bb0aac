"""Figures of the ORP page: the boundary map, ranked bars and the plan-coverage grid.

Pure functions of DataFrames (and the boundary GeoJSON). Hover texts are
formatted by ``dashboard.formatting`` so they read as the tables do; colours
come from colour-blind-safe scales (Viridis, Okabe–Ito). Nothing here makes the
browser fetch anything: the map is a geo ``choropleth`` of the boundaries alone, its
base layers hidden (drawn by the partial plotly.js bundle, ``dashboard/static/plotly``).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard import formatting as fmt
from dashboard.figures.style import NO_DATA_COLOUR, Figure, escape_text, figure, plain_layout
from dashboard.i18n import N_, _
from domain.frames import records

#: Okabe & Ito (2008): distinguishable with every common colour-vision deficiency.
OKABE_ITO = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000"]
CONTINUOUS = "Viridis"


@dataclass(frozen=True)
class Metric:
    """A compared figure: its column, its labels and how its values read."""

    column: str
    label: str  # message ids of the catalogs
    unit: str
    kind: str  # money / percent / years / count / change (of a count) / rate (per 1 000)

    def text(self, lang: str) -> str:
        """The label in ``lang``."""
        return _(lang, self.label)

    def unit_text(self, lang: str) -> str:
        """The unit in ``lang``."""
        return _(lang, self.unit)

    def format(self, value: object, lang: str) -> str:
        """One value as text (``–`` where there is none)."""
        if value is None or (isinstance(value, float) and math.isnan(value)):
            return fmt.EMPTY
        if self.kind == "money":
            return fmt.money(value, lang)
        if self.kind == "percent":
            return fmt.percent(value, lang)
        return fmt.number(value, lang, 1 if self.kind == "rate" else 0)

    def plotted(self, value: object) -> float:
        """The value as a chart draws it: shares in per cent (``axis`` adds the sign)."""
        return float(value) * 100 if self.kind == "percent" else float(value)

    def axis(self, lang: str) -> dict:
        """Tick format of an axis or colour bar of this figure."""
        if self.kind == "percent":
            return fmt.percent_axis(lang)
        return {"tickformat": {"years": "d", "count": "d", "rate": ",.1f"}.get(self.kind, ",.0f")}


METRICS: dict[str, Metric] = {
    "rozpocet": Metric("budget_per_inhabitant", N_("Rozpočet projektů na obyvatele"),
                       N_("Kč na obyvatele"), "money"),
    "rozpocet65": Metric("budget_per_inhabitant_65", N_("Rozpočet projektů na obyvatele 65+"),
                         N_("Kč na obyvatele 65+"), "money"),
    "indikatory": Metric("indicator_fulfilment", N_("Plnění indikátorů"),
                         N_("% cílové hodnoty"), "percent"),
    "opatreni": Metric("measures_fulfilled_share", N_("Podíl splněných opatření"),
                       N_("% hodnocených opatření"), "percent"),
    "mezery": Metric("uncovered_year_count", N_("Roky bez komunitního plánu"),
                     N_("počet let"), "years"),
    # The register of social services (etl.rpss_load): registered capacity is the register's
    # maximum, not occupancy; beds only, never added to clients or contacts.
    "kapacita": Metric("beds_per_1000", N_("Registrovaná kapacita pobytových služeb na 1 000 obyvatel"),
                       N_("lůžek na 1 000 obyvatel"), "rate"),
    "kapacita65": Metric("senior_beds_per_1000_65",
                         N_("Registrovaná kapacita pobytových služeb pro seniory na 1 000 obyvatel 65+"),
                         N_("lůžek na 1 000 obyvatel 65+"), "rate"),
    "sluzby": Metric("registered_services", N_("Registrované sociální služby"),
                     N_("počet služeb"), "count"),
    "sluzby_zmena": Metric("services_net_change",
                           N_("Změna počtu registrovaných služeb od dřívějšího stavu registru"),
                           N_("přibylo − ubylo"), "change"),
}
DEFAULT_METRIC = "rozpocet"


def metric(key: str | None) -> Metric:
    """The metric named in the query string, the default for anything else."""
    return METRICS.get(key or "", METRICS[DEFAULT_METRIC])


def _values(frame: pd.DataFrame, column: str) -> pd.Series:
    return pd.to_numeric(frame[column], errors="coerce").astype(float)


def _hover(frame: pd.DataFrame, chosen: Metric, lang: str) -> list[str]:
    no_data = _(lang, "neuvedeno")
    out = []
    for row in records(frame):
        value = chosen.format(row[chosen.column], lang)
        out.append(f"<b>{escape_text(row['orp_name'])}</b> ({escape_text(row['orp_code'])})<br>"
                   f"{chosen.text(lang)}: {value if value != fmt.EMPTY else no_data}<br>"
                   f"{'Obyvatel' if lang != 'en' else 'Inhabitants'}: "
                   f"{fmt.number(row['population'], lang, 0)}")
    return out


# --- Map ----------------------------------------------------------------------

def region_features(geojson: Mapping, codes: Iterable[str]) -> dict:
    """The GeoJSON reduced to the features of ``codes`` (property ``kod_orp``)."""
    wanted = {str(c) for c in codes}
    return {"type": "FeatureCollection",
            "features": [f for f in geojson.get("features", [])
                         if str(f.get("properties", {}).get("kod_orp")) in wanted]}


def _points(geometry: Mapping) -> Iterable[tuple[float, float]]:
    coords = geometry.get("coordinates", [])
    rings = coords if geometry.get("type") == "Polygon" else [r for p in coords for r in p]
    for ring in rings:
        for lon, lat, *_rest in ring:
            yield lon, lat


#: Czechia's extent, for a map with no boundaries to fit.
CZECHIA = ((12.09, 18.86), (48.55, 51.06))


def map_extent(geojson: Mapping, margin: float = 0.03) -> dict:
    """The longitude and latitude ranges of the features, with a margin (a share of each span):
    the map fills its frame with them (plotly's ``fitbounds`` would fit them into a square)."""
    points = [p for f in geojson.get("features", []) for p in _points(f.get("geometry") or {})]
    if points:
        lons, lats = [p[0] for p in points], [p[1] for p in points]
        extent = ((min(lons), max(lons)), (min(lats), max(lats)))
    else:
        extent = CZECHIA

    def padded(low: float, high: float) -> list[float]:
        pad = max(high - low, 0.01) * margin
        return [round(low - pad, 4), round(high + pad, 4)]

    return {"lonaxis": {"range": padded(*extent[0])}, "lataxis": {"range": padded(*extent[1])}}


def orp_map(frame: pd.DataFrame, geojson: Mapping, metric_key: str, lang: str,
            title: str | None = None, years_in_window: int = 14,
            geojson_url: str | None = None) -> Figure:
    """ORP boundaries coloured by the metric; ORPs without a value in grey.

    With ``geojson_url`` (the page's case: ``boundary_file``) the traces name the file the
    browser fetches once, and draw the features their ``locations`` name; without it (a static
    image, a test) each trace carries its own features. Either way ``geojson`` fits the frame.
    """
    chosen = metric(metric_key)
    features = region_features(geojson, frame["orp_code"])
    values = _values(frame, chosen.column)
    has = values.notna()

    def boundaries(codes: pd.Series) -> str | dict:
        return geojson_url or region_features(features, codes)

    traces = []
    if (~has).any():
        missing = frame[~has]
        traces.append({
            "type": "choropleth",
            "geojson": boundaries(missing["orp_code"]),
            "featureidkey": "properties.kod_orp", "locations": list(missing["orp_code"]),
            "z": [0] * len(missing), "colorscale": [[0, NO_DATA_COLOUR], [1, NO_DATA_COLOUR]],
            "showscale": False, "marker": {"line": {"color": "white", "width": 1}},
            "text": _hover(missing, chosen, lang), "hovertemplate": "%{text}<extra></extra>",
            "name": _(lang, "neuvedeno")})
    if has.any():
        shown = frame[has]
        # under the map, across its width: at the side it took half a phone's screen
        colorbar = {"title": {"text": chosen.unit_text(lang), "side": "top"}, "thickness": 12,
                    "orientation": "h", "x": 0, "xanchor": "left", "y": 0, "yanchor": "top",
                    "len": 1, "lenmode": "fraction", **chosen.axis(lang)}
        # Shares run 0–100 %, gaps 0 to every year: the same colour means the same everywhere.
        low, high = {"percent": (0, 100), "years": (0, years_in_window)}.get(chosen.kind,
                                                                            (None, None))
        traces.append({
            "type": "choropleth",
            "geojson": boundaries(shown["orp_code"]),
            "featureidkey": "properties.kod_orp", "locations": list(shown["orp_code"]),
            "z": [chosen.plotted(v) for v in values[has]], "colorscale": CONTINUOUS,
            "colorbar": colorbar,
            **({"zmin": low, "zmax": high} if low is not None else {}),
            "marker": {"line": {"color": "white", "width": 1}, "opacity": 0.9},
            "text": _hover(shown, chosen, lang), "hovertemplate": "%{text}<extra></extra>"})
    # plotly's geo map with its own base layers hidden: only the ORP boundaries are drawn, fitted
    # to the frame (no tiles, no outlines of the world to fetch; the same bundle as the bars)
    chart = figure(traces, {"geo": {"visible": False, "projection": {"type": "mercator"},
                                    **map_extent(features)}})
    return plain_layout(chart, title or chosen.text(lang), lang, 560, bottom=90)


# --- Ranked bars --------------------------------------------------------------

def ranked_bars(frame: pd.DataFrame, metric_key: str, lang: str, limit: int = 40,
                title: str | None = None) -> Figure:
    """ORPs with a value, highest first (at most ``limit``); the axis says the unit."""
    chosen = metric(metric_key)
    values = _values(frame, chosen.column)
    shown = frame.assign(_value=values).dropna(subset=["_value"])
    shown = shown.sort_values(["_value", "orp_name"], ascending=[False, True]).head(limit)
    chart = figure([{
        "type": "bar", "x": [chosen.plotted(v) for v in shown["_value"]],
        "y": [escape_text(n) for n in shown["orp_name"]],
        "orientation": "h", "marker": {"color": OKABE_ITO[0]},
        "text": [chosen.format(v, lang) for v in shown["_value"]], "textposition": "auto",
        "hovertext": _hover(shown, chosen, lang), "hovertemplate": "%{hovertext}<extra></extra>",
        "customdata": list(shown["orp_code"]),
    }], {
        "yaxis": {"autorange": "reversed", "automargin": True},
        "xaxis": {"title": {"text": chosen.unit_text(lang)}, "gridcolor": "#eeeeee",
                  "rangemode": "tozero", **chosen.axis(lang)},
    })
    return plain_layout(chart, title or chosen.text(lang), lang, max(260, 60 + 26 * len(shown)))


# --- Plan coverage ------------------------------------------------------------

def coverage_grid(frame: pd.DataFrame, window: tuple[int, int], lang: str,
                  title: str | None = None) -> Figure:
    """ORPs × years: a year is covered by a community plan or not (the gaps)."""
    years = list(range(window[0], window[1] + 1))
    names = [escape_text(n) for n in frame["orp_name"]]
    gaps = [set(years_list) for years_list in frame["uncovered_year_list"]]
    z = [[0 if year in gap else 1 for year in years] for gap in gaps]
    covered, uncovered = _(lang, "plán platí"), _(lang, "bez plánu")
    text = [[f"{name}, {year}: {covered if cell else uncovered}" for year, cell in zip(years, row,
                                                                                      strict=True)]
            for name, row in zip(names, z, strict=True)]
    traces = [{
        "type": "heatmap", "z": z, "x": years, "y": names, "zmin": 0, "zmax": 1, "xgap": 2, "ygap": 2,
        "text": text, "hovertemplate": "%{text}<extra></extra>", "showscale": False,
        "colorscale": [[0, OKABE_ITO[1]], [0.5, OKABE_ITO[1]], [0.5, OKABE_ITO[0]], [1, OKABE_ITO[0]]],
    }]
    # A legend for the two colours (a heatmap has none of its own).
    for label, colour in ((covered, OKABE_ITO[0]), (uncovered, OKABE_ITO[1])):
        traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "markers", "name": label,
                       "marker": {"size": 12, "symbol": "square", "color": colour}})
    chart = figure(traces, {
        "xaxis": {"title": {"text": "rok" if lang != "en" else "year"}, "dtick": 1, "tickformat": "d",
                  "showgrid": False},
        "yaxis": {"autorange": "reversed", "automargin": True, "showgrid": False},
        "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
    })
    return plain_layout(chart, title or "", lang, max(220, 90 + 24 * len(names)))


def clicked_orp(click: Mapping | None) -> str | None:
    """The ORP code of a click: a map feature's location or a bar's custom data."""
    points = (click or {}).get("points") or []
    if not points:
        return None
    point = points[0]
    code = point.get("location") or point.get("customdata")
    if isinstance(code, list):
        code = code[0] if code else None
    return str(code) if code else None
