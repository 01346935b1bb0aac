"""Every page, rendered on the server in Czech and in English, shows no UI word of the other language.

The words to look for come from the catalogs: an English translation's words must not appear on
a Czech page, a Czech message's words with diacritics not on an English one. Data values (names
of projects, municipalities, measures … as the database holds them) legitimately stay as loaded
and are taken out first, and so are the few words both languages share.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import dash
import pytest
import sqlalchemy as sa
from babel.messages.pofile import read_po

from dashboard.app import create_app
from dashboard.config import Settings
from dashboard.i18n import catalog_path
from dashboard.page_sources import pages
from etl.entities import ENTITIES

WORD = re.compile(r"[^\W\d_]{3,}")

#: Reviewed: words that are the same UI word in both languages, or names that stay Czech.
SHARED = {
    "demo", "orp", "esf", "kpss", "monitor", "czk", "opz", "lzz", "nči", "sldb", "xlsx", "csv",
    "data", "ČSÚ".lower(), "čúzk", "rúian", "česky", "english", "role", "editor", "plotly",
    # the national programme and place names the English texts cite
    "zaměstnanost", "olomoucký", "jihomoravský", "moravskoslezský",
}


def _words(text: str) -> set[str]:
    """The words of ``text``, placeholders (``{num_selected}``) left out."""
    return {w.lower() for w in WORD.findall(re.sub(r"\{\w+\}", " ", text))}


def _vocabulary() -> tuple[set[str], set[str]]:
    """(English UI words, Czech UI words with diacritics) from the catalogs."""
    with catalog_path("en").open("rb") as po:
        messages = [m for m in read_po(po, locale="en") if m.id]
    czech, english = set(), set()
    for m in messages:
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        czech |= {w for i in ids for w in _words(i)}
        english |= {w for s in strings for w in _words(s)}
    accented = {w for w in czech if re.search(r"[^a-z]", w)}
    # a word both languages write alike (Region / region …) is no leak either way
    return english - czech - SHARED, accented - english - SHARED


def _data_words(url: str) -> set[str]:
    """Every word of every text value in the database: names and codes stay as loaded."""
    engine = sa.create_engine(url)
    words: set[str] = set()
    try:
        meta = sa.MetaData()
        meta.reflect(engine)
        with engine.connect() as conn:
            for table in meta.sorted_tables:
                texts = [c for c in table.columns if isinstance(c.type, sa.String | sa.Text)]
                if not texts:
                    continue
                for row in conn.execute(sa.select(*texts)):
                    for value in row:
                        if isinstance(value, str):
                            words |= _words(value)
    finally:
        engine.dispose()
    # the import format's file, sheet and column names are a contract, the same in both languages
    for name, entity in ENTITIES.items():
        words |= _words(name) | {w for c in entity.columns for w in _words(c.name)}
    # the titles of the seed's source pages are quoted as each page states them (reference data)
    for page in pages().values():
        words |= _words(page["nazev"])
    return words


#: Keys whose value is text a user reads, and keys that hold such keys further down.
UI_TEXT = ("children", "title", "placeholder", "label", "alt", "headerName", "headerTooltip")
FIGURE_TEXT = ("text", "name", "hovertemplate", "hovertext")  # in a figure; an input's name is no text
UI_MAPS = ("labels", "localeText")  # every value is a text
UI_HOLDERS = ("options", "columnDefs", "layout", "data", "xaxis", "yaxis", "annotations", "legend",
              "colorbar", "figure", "dashGridOptions", "props")


def _texts(node: object, figure: bool = False) -> Iterator[str]:
    """The texts a user sees in a rendered component tree (children, labels, grid headers,
    dropdown texts and options, figure titles and hovers), not ids, styles or addresses."""
    if isinstance(node, str):
        yield node
    elif isinstance(node, list | tuple):
        for item in node:
            yield from _texts(item, figure)
    elif hasattr(node, "to_plotly_json"):
        yield from _texts(node.to_plotly_json(), figure)
    elif isinstance(node, dict):
        for key, value in node.items():
            if key in UI_MAPS and isinstance(value, dict):
                yield from _texts(list(value.values()), figure)
            elif key in UI_TEXT or key in UI_HOLDERS or (figure and key in FIGURE_TEXT):
                yield from _texts(value, figure or key == "figure")


@pytest.fixture
def app(seeded_db_url: str) -> Iterator[dash.Dash]:
    app = create_app(Settings(database_url=seeded_db_url))
    yield app
    app.server.extensions["kpss_db"].engine.dispose()


def _addresses(url: str) -> list[tuple[str, dict[str, str]]]:
    """Every page, and each project, plan and one ORP of each kind of the seeded data."""
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            projects = [r[0] for r in conn.execute(sa.text("SELECT key FROM project"))]
            plans = [r[0] for r in conn.execute(sa.text("SELECT key FROM community_plan"))]
            orps = [r[0] for r in conn.execute(sa.text("SELECT DISTINCT orp_code FROM project_orp"))]
    finally:
        engine.dispose()
    pages = [(p["path"], {}) for p in dash.page_registry.values()]
    return (pages + [("/projekt", {"id": key}) for key in projects]
            + [("/komunitni-plan", {"plan": key}) for key in plans]
            + [("/cilove-skupiny", {"plan": key}) for key in plans[:1]]
            + [("/orp", {"kod": code}) for code in orps[:3]] + [("/orp", {"kraj": "CZ064"})])


def _components(node: object) -> Iterator[object]:
    if isinstance(node, list | tuple):
        for item in node:
            yield from _components(item)
    elif hasattr(node, "to_plotly_json"):
        yield node
        yield from _components(getattr(node, "children", None))


def _page_text(app: dash.Dash, path: str, query: dict[str, str], lang: str) -> str:
    page = next(p for p in dash.page_registry.values() if p["path"] == path)
    with app.server.test_request_context(path):
        layout = page["layout"](lang=lang, **query)
    # a dropdown's own texts are set in the browser unless given: "Search" on a Czech page
    unlabelled = ["Search" for c in _components(layout)
                  if isinstance(c, dash.dcc.Dropdown) and not getattr(c, "labels", None)]
    return "\n".join([*_texts(layout), *unlabelled])


def test_leak001_no_page_shows_a_word_of_the_other_language(app, seeded_db_url) -> None:  # noqa: ANN001
    english, czech = _vocabulary()
    data = _data_words(seeded_db_url)
    leaks = []
    for path, query in _addresses(seeded_db_url):
        for lang, foreign in (("cs", english), ("en", czech)):
            shown = _words(_page_text(app, path, query, lang)) - data
            if found := sorted(shown & foreign):
                leaks.append(f"{path} {query} [{lang}]: {', '.join(found)}")
    assert not leaks, "\n".join(leaks)


def test_leak002_the_check_sees_a_leak(app, seeded_db_url) -> None:  # noqa: ANN001
    """The word lists and the walk catch the leaks the issue names (no test that cannot fail)."""
    english, czech = _vocabulary()
    data = _data_words(seeded_db_url)
    assert "search" in english and "načtení" in czech
    from dashboard.components.common import dropdown
    shown = _words("\n".join(_texts(dash.html.Div([dropdown("cs", id="x", options=["a"])])))) - data
    assert "hledat" in shown and not shown & english
    leaked = _words("\n".join(_texts(dash.html.Div(dash.html.Span("Zdroj: 3 řádky (načtení č. 2)"))))) - data
    assert leaked & czech
