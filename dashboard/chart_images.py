"""Plotly figures as PNG images for documents (the evaluation report), drawn offline.

kaleido 1.x drives the machine's own Chromium (Debian's ``chromium`` package); no
internet is needed. One export server is started for the process on first use and
kept: a fresh browser per image costs seconds, a kept one a fraction of a second.
Where kaleido or Chromium is missing or fails, ``png`` gives None and the document
says that the chart is left out; its figures are in the document's tables anyway.
"""

from __future__ import annotations

import atexit
import logging
import threading

from plotly.graph_objects import Figure

log = logging.getLogger(__name__)
_lock = threading.Lock()
_server: dict[str, bool] = {}  # "started" once the export server runs, "failed" if it cannot


def _start() -> bool:
    """Start kaleido's export server once per process; False when it cannot run here."""
    if "started" in _server or "failed" in _server:
        return "started" in _server
    try:
        import kaleido

        kaleido.start_sync_server(silence_warnings=True)
    except Exception as error:  # noqa: BLE001 - no kaleido, no browser: documents go without charts
        log.warning("chart images are not available: %s", error)
        _server["failed"] = True
        return False
    _server["started"] = True
    atexit.register(_stop)
    return True


def _stop() -> None:
    try:
        import kaleido

        kaleido.stop_sync_server(silence_warnings=True)
    except Exception:  # noqa: BLE001, S110 - the process is ending anyway
        pass


def png(figure: Figure | dict, width: int = 900, height: int | None = None) -> bytes | None:
    """The figure as a PNG image (twice the pixels, for print), or None where it cannot be drawn."""
    chart = figure if isinstance(figure, Figure) else Figure(figure)
    height = height or int(chart.layout.height or 450)
    with _lock:  # one export server, one image at a time
        if not _start():
            return None
        try:
            return chart.to_image(format="png", width=width, height=height, scale=2)
        except Exception as error:  # noqa: BLE001 - a failed image leaves the document without it
            log.warning("a chart image failed: %s", error)
            return None
