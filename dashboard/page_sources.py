"""The public pages the seed data came from, named by their titles instead of their file ids.

A seed row names its page as ``stránka projektu 001_01670f45324abb5c`` (the id of the
saved copy). ``data/reference/stranky_projektu.csv`` is the reviewed table of those
pages: the title each states, what kind of page it is and its web address where one is
known (the saved copies carry none, so none is given rather than guessed).
"""

from __future__ import annotations

import re
from functools import lru_cache

from dash import html

from dashboard.i18n import N_, _, data_column
from etl.reference import REFERENCE_DIR, read_csv

PAGES_FILE = REFERENCE_DIR / "stranky_projektu.csv"
#: How a seed row names the page it came from.
PAGE_SOURCE = re.compile(r"stránka projektu ([0-9a-f]{3}_[0-9a-f]{16})")
#: The source the demo data states (``etl.demo.DEMO_SOURCE``), shown in the page's language.
DEMO_SOURCE = N_("DEMO – vygenerovaná ukázková data, ne skutečné hodnoty")


@lru_cache(maxsize=1)
def pages() -> dict[str, dict[str, str]]:
    """The reviewed pages by id: ``nazev``, ``druh`` (``druh_en``), ``adresa``, ``poznamka``."""
    return {row["stranka"]: row for row in read_csv(PAGES_FILE)}


def source_parts(source: str, lang: str) -> list[object]:
    """``source`` with each page id replaced by the page's title (a link where its address is
    known); an id the table does not know stays as it is. The demo data's stated source is
    shown in ``lang``."""
    if source == DEMO_SOURCE:
        return [_(lang, DEMO_SOURCE)]
    parts: list[object] = []
    position = 0
    for match in PAGE_SOURCE.finditer(source):
        page = pages().get(match.group(1))
        if page is None:
            continue
        parts.append(source[position:match.start()])
        title = f"{page[data_column('druh', lang)]} „{page['nazev']}“"
        if page["adresa"]:
            parts.append(html.A(title, href=page["adresa"], target="_blank", rel="noopener"))
        else:
            parts += [title, f" ({_(lang, 'adresa neuvedena')})"]
        position = match.end()
    parts.append(source[position:])
    return [p for p in parts if p != ""]
