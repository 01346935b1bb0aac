"""UI texts in Czech (default) and English, and the choice of language per request."""

from __future__ import annotations

from collections.abc import Callable, Mapping

from flask import has_request_context, request

LANGUAGES = ("cs", "en")
COOKIE = "kpss_lang"

TEXTS: dict[str, tuple[str, str]] = {
    "app.title": ("KPSS Monitor", "KPSS Monitor"),
    "app.tagline": ("Komunitní plánování sociálních služeb a projekty ESF",
                    "Community planning of social services and ESF projects"),
    "nav.overview": ("Přehled", "Overview"),
    "nav.projects": ("Projekty", "Projects"),
    "nav.indicators": ("Indikátory", "Indicators"),
    "nav.orp": ("ORP", "ORPs"),
    "nav.target_groups": ("Cílové skupiny", "Target groups"),
    "nav.plan": ("Komunitní plán", "Community plan"),
    "nav.data": ("Data", "Data"),
    "nav.menu": ("Nabídka", "Menu"),
    "lang.switch": ("English", "Česky"),
    "demo.badge": ("DEMO", "DEMO"),
    "demo.note": ("Údaje označené DEMO jsou vygenerovaná ukázková data, ne skutečné hodnoty.",
                  "Figures marked DEMO are generated sample data, not real values."),
    "empty.value": ("neuvedeno", "not stated"),
    "reg.not_stated": ("registrační číslo neuvedeno", "registration number not stated"),
    "name.not_stated": ("název neuveden", "name not stated"),
    "credit": ("Obyvatelstvo: © ČSÚ, SLDB 2021. Hranice ORP: © ČÚZK, RÚIAN (CC BY 4.0).",
               "Population: © Czech Statistical Office, 2021 census. "
               "ORP boundaries: © ČÚZK, RÚIAN (CC BY 4.0)."),
    "export.csv": ("CSV", "CSV"),
    "export.xlsx": ("XLSX", "XLSX"),
    "export.label": ("Stáhnout data:", "Download data:"),
    "notfound.title": ("Stránka nenalezena", "Page not found"),
    "notfound.text": ("Tato adresa neexistuje.", "This address does not exist."),
    "notfound.home": ("Zpět na přehled", "Back to the overview"),
}


def choose(pair: tuple[str, str], lang: str) -> str:
    """The English half of a (Czech, English) pair for ``en``, the Czech half otherwise."""
    return pair[1] if lang == "en" else pair[0]


def translator(table: Mapping[str, tuple[str, str]]) -> Callable[..., str]:
    """A ``text(key, lang)`` function over one module's table of (Czech, English) texts."""
    def text(key: str, lang: str = "cs") -> str:
        return choose(table[key], lang)
    return text


#: The shared texts (navigation, footer, empty values …).
t = translator(TEXTS)


def language(requested: str | None = None) -> str:
    """The page language: the ``lang`` query parameter, else the cookie, else Czech."""
    if requested in LANGUAGES:
        return requested
    if has_request_context():
        cookie = request.cookies.get(COOKIE)
        if cookie in LANGUAGES:
            return cookie
    return "cs"
