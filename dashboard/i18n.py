"""UI texts in Czech (default) and English, and the choice of language per request.

One mechanism for every text the pages show: the Czech text is the message id in the code,
marked with ``_(lang, "…")`` (or ``n_(lang, "1 …", "{n} …", n)`` where the words follow a
number, ``N_("…")`` where a text is only named now and translated where it is shown).
``make messages`` collects them into ``dashboard/translations/messages.pot`` and updates the
catalogs ``dashboard/translations/{cs,en}/LC_MESSAGES/messages.po``; the English catalog
translates every message, the Czech one gives the three Czech plural forms (1 projekt,
2 projekty, 5 projektů) that a Czech message id cannot carry by itself.

The language is an argument, not a global: one process serves both languages at once.
The catalogs are compiled once per process, in memory, from the ``.po`` files (nothing to
build, nothing binary in the repository); a lookup is then one dict get.
"""

from __future__ import annotations

import gettext as _gettext
import io
from functools import cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from flask import has_request_context, request

LANGUAGES = ("cs", "en")
COOKIE = "kpss_lang"
TRANSLATIONS = Path(__file__).parent / "translations"
DOMAIN = "messages"

#: The marking functions and the positions of their message ids (``None``: the first), read by
#: ``dashboard/i18n_extract.py`` for ``make messages`` and by the catalog tests.
KEYWORDS = {"_": (2,), "n_": (2, 3), "N_": None}


def catalog_path(lang: str) -> Path:
    """The ``.po`` file of one language."""
    return TRANSLATIONS / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def catalog(lang: str) -> _gettext.GNUTranslations:
    """The compiled catalog of ``lang`` (Czech for anything else), made once per process."""
    lang = lang if lang in LANGUAGES else "cs"
    with catalog_path(lang).open("rb") as po:
        messages = read_po(po, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, messages)
    compiled.seek(0)
    return _gettext.GNUTranslations(compiled)


def _(lang: str, message: str, **values: object) -> str:
    """``message`` (Czech) in ``lang``; ``{name}`` placeholders filled from ``values``."""
    text = catalog(lang).gettext(message)
    return text.format(**values) if values else text


def n_(lang: str, singular: str, plural: str, count: int, **values: object) -> str:
    """The form of ``singular``/``plural`` (Czech) that goes with the number ``count``, in ``lang``.

    ``{n}`` in the text is ``count`` unless ``values`` gives another ``n``.
    """
    text = catalog(lang).ngettext(singular, plural, count)
    return text.format(**{"n": count, **values})


def N_(message: str) -> str:  # noqa: N802 - the gettext convention for "marked, not translated yet"
    """Marks ``message`` for the catalogs; it is translated where it is shown, by ``_``."""
    return message


#: How a user adds data a page lacks, in the app: pages say this, never a command or a setting.
UPLOAD_HINT = N_("editor jej nahraje na stránce Nahrát data (/nahrat), šablonu najdete na stránce Data.")


def upload_hint(lang: str, where: str) -> str:
    """``where`` (the file the data goes in, already in ``lang``) followed by ``UPLOAD_HINT``."""
    return f"{where} {_(lang, UPLOAD_HINT)}"


def data_column(column: str, lang: str) -> str:
    """The frame's column that holds ``column`` in ``lang`` (``name`` / ``name_en``).

    Names the database stores in both languages (statuses, canonical target groups, funding
    sources) are data, loaded with the codebooks, not catalog texts.
    """
    return f"{column}_en" if lang == "en" else column


def language(requested: str | None = None) -> str:
    """The page language: the ``lang`` query parameter, else the cookie, else Czech."""
    if requested in LANGUAGES:
        return requested
    if has_request_context():
        cookie = request.cookies.get(COOKIE)
        if cookie in LANGUAGES:
            return cookie
    return "cs"
