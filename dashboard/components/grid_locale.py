"""The Czech texts of the grids' own controls: pagination, filter menus, sorting, loading.

AG Grid shows English ("Page 1 of 3", "Contains", "Loading...") unless it is given
``localeText``. These are AG Grid's Czech translations (``@ag-grid-community/locale``
35.3.1, AG_GRID_LOCALE_CZ; MIT licence, copyright AG GRID LTD) of the keys a community
grid of this app can show, so that a page does not carry the whole locale (~30 KB).
Changed: "to" is "až" ("1 až 50 z 120" reads as Czech; the original "do" does not).
"""

from __future__ import annotations

CZECH_GRID_TEXT: dict[str, str] = {
    "filterOoo": "Filtr...",
    "equals": "Rovná se",
    "notEqual": "Nerovná se",
    "blank": "Prázdný",
    "notBlank": "Není prázdný",
    "empty": "Vyberte jednu",
    "lessThan": "Méně než",
    "greaterThan": "Více než",
    "lessThanOrEqual": "Méně než nebo rovno",
    "greaterThanOrEqual": "Více než nebo rovno",
    "inRange": "Mezi",
    "inRangeStart": "Od",
    "inRangeEnd": "Do",
    "contains": "Obsahuje",
    "notContains": "Neobsahuje",
    "startsWith": "Začíná na",
    "endsWith": "Končí na",
    "before": "Před",
    "after": "Po",
    "andCondition": "A",
    "orCondition": "NEBO",
    "applyFilter": "Použít",
    "resetFilter": "Obnovit",
    "clearFilter": "Vymazat",
    "cancelFilter": "Zrušit",
    "textFilter": "Textový filtr",
    "numberFilter": "Číselný filtr",
    "dateFilter": "Datumový filtr",
    "minValueValidation": "Musí být větší nebo rovno ${variable}",
    "maxValueValidation": "Musí být menší nebo rovno ${variable}",
    "strictMinValueValidation": "Musí být větší než ${variable}",
    "strictMaxValueValidation": "Musí být menší než ${variable}",
    "invalidDate": "Neplatné datum",
    "invalidNumber": "Neplatné číslo",
    "loadingOoo": "Načítání...",
    "loadingError": "CHYBA",
    "noRowsToShow": "Žádné řádky k zobrazení",
    "noMatchingRows": "Žádné odpovídající řádky",
    "sortAscending": "Třídit vzestupně",
    "sortDescending": "Třídit sestupně",
    "sortUnSort": "Zrušit třídění",
    "more": "Více",
    "to": "až",
    "of": "z",
    "page": "Stránka",
    "pageLastRowUnknown": "?",
    "nextPage": "Další stránka",
    "lastPage": "Poslední stránka",
    "firstPage": "První stránka",
    "previousPage": "Předchozí stránka",
    "pageSizeSelectorLabel": "Velikost stránky:",
    "ariaPageSizeSelectorLabel": "Velikost stránky",
    "ariaColumn": "Sloupec",
    "ariaColumnFiltered": "Sloupec filtrován",
    "ariaFilterActive": "Filtr aktivní",
    "ariaFilterColumnsInput": "Vstup filtru sloupců",
    "ariaFilterFromValue": "Filtrovat od hodnoty",
    "ariaFilterInput": "Vstup filtru",
    "ariaFilterList": "Seznam filtrů",
    "ariaFilterToValue": "Filtrovat do hodnoty",
    "ariaFilterValue": "Hodnota filtru",
    "ariaFilterMenuOpen": "Otevřít nabídku filtru",
    "ariaFilteringOperator": "Operátor filtrování",
    "ariaFilterColumn": "Stiskněte CTRL ENTER pro otevření filtru",
    "ariaMenuColumn": "Stiskněte ALT DOLŮ pro otevření nabídky sloupce",
    "ariaSortableColumn": "Stiskněte ENTER pro třídění",
    "ariaSearch": "Hledat",
    "ariaLabelDialog": "Dialog",
    "ariaLabelColumnMenu": "Nabídka sloupců",
    "ariaLabelColumnFilter": "Filtr sloupců",
    "ariaHidden": "skryto",
    "ariaVisible": "viditelné",
}


def grid_text(lang: str) -> dict[str, str] | None:
    """``localeText`` for a grid in ``lang``; None keeps AG Grid's own English."""
    return CZECH_GRID_TEXT if lang == "cs" else None
