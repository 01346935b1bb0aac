"""English names of the register of social services' code lists (kinds of service, forms,
capacity types), for English pages.

The register's code lists name their codes in Czech only. ``data/reference/rpss_nazvy_en.csv``
gives the English name of each Czech name (the kinds of service of Act 108/2006, §§ 37–70, as
the Act's English translations name them), matched by the Czech name, case and spaces aside:
the names are the Act's, while not every code of the register is known here. A name the table
does not list stays in Czech, as the register gives it.
"""

from __future__ import annotations

import functools

from dashboard.formatting import EMPTY
from etl.reference import REFERENCE_DIR, read_csv

NAMES_FILE = REFERENCE_DIR / "rpss_nazvy_en.csv"


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


@functools.cache
def english_names() -> dict[tuple[str, str], str]:
    """(code list, Czech name folded) → English name, from the reference table."""
    return {(r["ciselnik"], _key(r["nazev_v_registru"])): r["nazev_en"]
            for r in read_csv(NAMES_FILE) if r["nazev_en"]}


def code_name(list_name: str, name: object, code: object, lang: str) -> str:
    """A code's name on a page in ``lang``: the English name where the table gives one, the
    register's Czech name otherwise, the code itself where the code list names none."""
    if not isinstance(name, str) or not name.strip():
        return EMPTY if code is None or code != code else str(code)
    if lang == "en":
        return english_names().get((list_name, _key(name)), name)
    return name
