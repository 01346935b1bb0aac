"""The ORP boundaries for the browser: one file, at an address that changes with its content.

The map's traces name this address instead of carrying the polygons. Carried, they made the
figure of ``/orp`` 387 KB of JSON (124 KB compressed), built, cached and sent again for every
measure, region and visitor. Named, plotly.js fetches the file once and keeps it for the
page's life (``window.PlotlyGeoAssets``, so moving between measures fetches nothing), and the
browser's cache keeps it across visits: the address holds a hash of the content, so the answer
may be kept for a year and a replaced file gets a new address.

Only ``kod_orp`` of each feature's properties is sent: the map finds features by it
(``featureidkey``) and takes every word of its hover from the page's data.
"""

from __future__ import annotations

import functools
import gzip
import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import brotli
from flask import Blueprint, Response, abort, current_app, request

from dashboard.queries import orp as queries

#: The address prefix; responses under it are public files (``security.STATIC_PREFIXES``).
PREFIX = "/mapa/"
blueprint = Blueprint("boundary_file", __name__)


@dataclass(frozen=True)
class Served:
    """The file as sent: its version (a hash of the plain bytes) and its encodings."""

    version: str
    plain: bytes
    encoded: dict[str, bytes]


def _configured_path() -> str | Path | None:
    return getattr(current_app.config.get("KPSS_SETTINGS"), "boundary_file", None)


def boundaries_and_url() -> tuple[dict | None, str | None]:
    """The configured boundary GeoJSON and the address the browser fetches it from (both None
    when no readable file is configured)."""
    path = _configured_path()
    geojson = queries.boundaries(path) if path else None
    if geojson is None:
        return None, None
    served = _served(path)
    return geojson, f"{PREFIX}hranice-orp-{served.version}.geojson" if served else None


def _served(path: str | Path) -> Served | None:
    try:
        stamp = Path(path).stat().st_mtime_ns
    except OSError:
        return None
    return _encode(str(path), stamp)


@functools.lru_cache(maxsize=4)
def _encode(path: str, stamp: int) -> Served | None:
    # Keyed by modification time too, as the parsed file is: a replaced file is encoded again.
    geojson = queries.boundaries(path)
    if geojson is None:
        return None
    slim = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"kod_orp": (f.get("properties") or {}).get("kod_orp")},
         "geometry": f.get("geometry")} for f in geojson["features"]]}
    plain = json.dumps(slim, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    # compressed once, at the highest levels (flask-compress leaves an encoded answer alone)
    return Served(hashlib.sha256(plain).hexdigest()[:16], plain,
                  {"br": brotli.compress(plain, quality=11), "gzip": gzip.compress(plain, 9)})


@blueprint.route(f"{PREFIX}hranice-orp-<version>.geojson")
def boundary_file(version: str) -> Response:
    """The boundaries of the version the address names; 404 for any other version."""
    path = _configured_path()
    served = _served(path) if path else None
    if served is None or version != served.version:
        abort(404)
    encoding = next((name for name in served.encoded if name in request.accept_encodings), None)
    response = Response(served.encoded[encoding] if encoding else served.plain,
                        mimetype="application/geo+json")
    if encoding:
        response.headers["Content-Encoding"] = encoding
    response.vary.add("Accept-Encoding")
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return response
