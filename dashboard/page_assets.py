"""The code a page needs before it can draw: plotly.js (our partial bundle) and the lazily
loaded parts of the component libraries, asked for early.

Dash loads plotly.js and the code of charts, dropdowns and grids only when the first callback
has returned a layout that holds one: a second wave of downloads, after the first, which the
visitor waits for. The page's own address already says what it will show, so its index asks
for that code at once (``<link rel="preload">``), beside the app's scripts; the component
loads it from the cache when it mounts.

plotly.js itself: ``dcc.Graph`` asks for it at an address the renderer names
(``…/plotly/package_data/plotly.min.js``: the whole bundle, 4.8 MB). That address serves the
bundle in ``static/plotly`` instead, built of the trace types the pages draw (its README says
how), compressed beforehand with brotli for the browsers that accept it.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import dash
from flask import Response, request

BUNDLE = Path(__file__).parent / "static" / "plotly" / "plotly-kpss.min.js"
SUITES = "_dash-component-suites/"
#: The component code by what a page shows (addresses below ``_dash-component-suites/``).
CODE = {
    "chart": ("plotly/package_data/plotly.min.js", "dash/dcc/async-graph.js"),
    "dropdown": ("dash/dcc/async-dropdown.js",),
    "grid": ("dash_ag_grid/async-community.js",),
}
#: What each page shows as it opens, by path (every view of it; a view without one of these
#: only fetches a little early what it would not use). One table: a page that starts
#: drawing a chart, a dropdown or a grid belongs here.
PAGE_NEEDS = {
    "/": ("dropdown",),
    "/projekty": ("dropdown", "grid"),
    "/projekt": ("chart", "grid"),
    "/indikatory": ("chart", "dropdown", "grid"),
    "/orp": ("chart", "dropdown", "grid"),
    "/cilove-skupiny": ("chart", "dropdown", "grid"),
    "/komunitni-plan": ("chart", "dropdown", "grid"),
    "/data": ("dropdown", "grid"),
}


def preload_links(prefix: str, pathname: str) -> str:
    """``<link rel="preload">`` tags for the code the page at ``pathname`` draws with."""
    key = "/" + pathname[len(prefix):].strip("/") if pathname.startswith(prefix) else pathname
    paths = [path for need in PAGE_NEEDS.get(key, ()) for path in CODE[need]]
    return "".join(f'<link rel="preload" as="script" href="{prefix}{SUITES}{path}">' for path in paths)


def init_app(app: dash.Dash) -> None:
    """Serve the partial plotly.js bundle, and add the preload tags to every page's index."""
    prefix = app.config.requests_pathname_prefix
    address = f"{prefix}{SUITES}{CODE['chart'][0]}"
    plain = BUNDLE.read_bytes()
    brotli_file = BUNDLE.with_name(BUNDLE.name + ".br")
    compressed = brotli_file.read_bytes() if brotli_file.exists() else None
    etag = hashlib.sha256(plain).hexdigest()[:32]

    @app.server.before_request
    def plotly_bundle() -> Response | None:
        if request.path != address:
            return None
        if etag in request.if_none_match:
            response = Response(status=304)
        elif compressed is not None and "br" in request.accept_encodings:
            # already compressed, at the highest level (flask-compress leaves it alone)
            response = Response(compressed, mimetype="text/javascript")
            response.headers["Content-Encoding"] = "br"
        else:
            response = Response(plain, mimetype="text/javascript")
        # asked again on each visit (the address never changes), answered 304 while unchanged
        response.set_etag(etag)
        response.headers["Cache-Control"] = "no-cache"
        response.vary.add("Accept-Encoding")
        return response

    interpolate = app.interpolate_index

    def interpolate_index(**kwargs: str) -> str:
        kwargs["css"] = kwargs.get("css", "") + preload_links(prefix, request.path)
        return interpolate(**kwargs)

    app.interpolate_index = interpolate_index
