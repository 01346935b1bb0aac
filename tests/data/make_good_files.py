"""Write tests/data/good/: the same facts in every encoding and layout offices produce.

Each folder holds one project with its plan, written one way: UTF-8 with
``;``; UTF-8 with BOM and ``,``; Windows-1250 with title and blank rows;
English headers with ISO dates; and an XLSX workbook with a merged title,
real Excel dates, numbers and an Excel serial date. Loading any of them must
give exactly the same rows (tests/etl/test_good_files.py). Rebuild with
``python tests/data/make_good_files.py``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import openpyxl

GOOD = Path(__file__).parent / "good"
P = "CZ.03.2.63/0.0/0.0/16_063/0007001"
D = dt.date


class Pct(Decimal):
    """A percentage in the canonical rows."""


# entity → (Czech headers, English headers, rows of typed values)
FACTS: dict[str, tuple[list[str], list[str], list[list[object]]]] = {
    "projekty": (
        ["Registrační číslo", "Název", "Příjemce", "Program", "Výzva", "ORP", "Zahájení",
         "Ukončení", "Celkové způsobilé výdaje", "Podíl EU", "Podíl SR", "Podíl příjemce"],
        ["registration_number", "name", "beneficiary", "programme", "call", "orp_codes", "start",
         "end", "total", "share_eu", "share_state", "share_beneficiary"],
        [[P, "Plánování sociálních služeb v Čeladné", "Obec Čeladná", "OPZ", "63", "8119",
          D(2017, 11, 1), D(2019, 10, 31), Decimal("1234567.80"), Pct(85), Pct(10),
          Decimal("61728.39")]],
    ),
    "klicove_aktivity": (
        ["Registrační číslo", "Kód", "Název", "Od", "Do"],
        ["registration_number", "code", "name", "from", "to"],
        [[P, "KA1", "Řízení projektu", D(2017, 11, 1), D(2019, 10, 31)],
         [P, "KA2", "Tvorba plánu – analýza potřeb", D(2018, 1, 1), D(2018, 12, 31)]],
    ),
    "cile_indikatoru": (
        ["Registrační číslo", "Kód indikátoru", "Cílová hodnota", "Datum cíle"],
        ["registration_number", "indicator_code", "target", "target_date"],
        [[P, "60000", Decimal(20), D(2019, 10, 31)], [P, "80500", Decimal(1), D(2019, 10, 31)]],
    ),
    "plneni_indikatoru": (
        ["Registrační číslo", "Kód indikátoru", "Datum", "Dosažená hodnota", "Zpráva"],
        ["registration_number", "indicator_code", "date", "achieved_value", "report"],
        [[P, "60000", D(2018, 6, 30), Decimal(5), "ZoR 1"],
         [P, "60000", D(2018, 12, 31), Decimal("12.5"), "ZoR 2"],
         [P, "60000", D(2019, 6, 30), Decimal(1250), "ZoR 3"],
         [P, "80500", D(2019, 10, 31), Decimal(1), "ZZoR"]],
    ),
    "cerpani": (
        ["Registrační číslo", "Rok", "Zdroj financování", "Plánováno", "Čerpáno"],
        ["registration_number", "year", "funding_source", "planned", "drawn"],
        [[P, 2018, "eu", Decimal("500000.00"), Decimal("450000.50")],
         [P, 2018, "státní rozpočet", Decimal("58823.53"), Decimal("0.00")]],
    ),
    "komunitni_plany": (
        ["Plán", "Název", "ORP", "Období od", "Období do", "Registrační číslo"],
        ["plan_key", "name", "orp_codes", "period_from", "period_to", "registration_number"],
        [["celadna-kp1", "Komunitní plán Čeladné 2019–2022", "8119", 2019, 2022, P]],
    ),
    "cilove_skupiny": (
        ["Plán", "Název", "Kanonická skupina"],
        ["plan_key", "local_name", "canonical_group"],
        [["celadna-kp1", "Senioři v obci", "Senioři"]],
    ),
    "opatreni": (
        ["Plán", "Kód", "Název", "Priorita", "Cílová skupina", "Plánované náklady"],
        ["plan_key", "code", "name", "priority", "target_group", "planned_cost"],
        [["celadna-kp1", "1.1", "Terénní pečovatelská služba", "1 Dostupnost", "Senioři v obci",
          Decimal("100000.00")]],
    ),
    "plneni_opatreni": (
        ["Plán", "Kód", "Rok", "Stav", "Plnění procent", "Skutečné náklady", "Komentář", "Veřejné"],
        ["plan_key", "code", "year", "status", "percent_fulfilled", "actual_cost", "comment",
         "public"],
        [["celadna-kp1", "1.1", 2020, "částečně splněno", Pct(70), Decimal("65432.10"),
          "Služba rozšířena o víkendy", True]],
    ),
}


def _grouped(amount: Decimal, space: str) -> str:
    whole, _, cents = f"{amount:.2f}".partition(".")
    return f"{int(whole):,}".replace(",", space) + "," + cents


def czech(value: object, *, space: str = " ", suffix: str = " Kč", date: str = "{d.day}.{d.month}.{d.year}",
          percent: str = "{} %", yes: str = "ano") -> str:
    """A canonical value as a Czech office writes it, in one of several styles."""
    if isinstance(value, Pct):
        return percent.format(int(value))
    if isinstance(value, Decimal):
        if value == value.to_integral() and value.as_tuple().exponent == 0:
            return _grouped(value, space).split(",")[0]
        if value.as_tuple().exponent == -2:  # money
            return _grouped(value, space) + suffix
        return str(value).replace(".", ",")
    if isinstance(value, dt.date):
        return date.format(d=value)
    if isinstance(value, bool):
        return yes if value else "ne"
    return str(value)


def write_csv(path: Path, header: list[str], rows: list[list[str]], *, encoding: str,
              delimiter: str, above: list[str] = (), blank_between: bool = False) -> None:
    """One CSV file, optionally with title rows above the header and blank rows between."""
    out = io.StringIO()
    for line in above:
        out.write(line + "\r\n")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(row)
        if blank_between:
            out.write("\r\n")
    path.write_bytes(out.getvalue().encode(encoding))


Formatter = Callable[[object], str]

CSV_VARIANTS: dict[str, tuple[dict, Formatter, bool]] = {
    # folder: (csv options, formatter, English headers?)
    "utf8_semicolon": ({"encoding": "utf-8", "delimiter": ";"}, czech, False),
    "utf8_bom_comma": (
        {"encoding": "utf-8-sig", "delimiter": ","},
        lambda v: czech(v, space="\u00a0", suffix=" CZK", date="{d.day}. {d.month}. {d.year}",
                        percent="{}%"), False),
    "cp1250_title_rows": (
        {"encoding": "cp1250", "delimiter": ";", "above": ["Přehled za ORP Frýdek-Místek", ";;"],
         "blank_between": True},
        lambda v: czech(v, space="\u00a0", date="{d:%d.%m.%Y}", suffix="Kč", yes="Ano"), False),
    "english_iso": (
        {"encoding": "utf-8", "delimiter": ","},
        lambda v: czech(v, space="\u202f", suffix=" CZK", date="{d:%Y-%m-%d}",
                        percent="{}%", yes="yes"), True),
}


def write_workbook(path: Path) -> None:
    """All entities as sheets: a merged title above each header, real dates and numbers."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for entity, (headers, _english, rows) in FACTS.items():
        sheet = book.create_sheet(entity)
        sheet.append([f"Export – {entity}"])
        sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
        sheet.append(headers)
        for index, row in enumerate(rows):
            cells: list[object] = []
            for value in row:
                if isinstance(value, Pct):
                    cells.append(float(value) / 100)  # Excel's 85 % is the number 0.85
                elif isinstance(value, bool):
                    cells.append("ano" if value else "ne")
                elif isinstance(value, Decimal):
                    cells.append(int(value) if value == value.to_integral() else float(value))
                elif isinstance(value, dt.date) and index == 1:
                    cells.append((value - dt.date(1899, 12, 30)).days)  # a date typed as its serial
                else:
                    cells.append(value)
            sheet.append(cells)
        for cell in sheet[3]:
            if isinstance(cell.value, dt.date):
                cell.number_format = "d.m.yyyy"
    book.save(path)


def main() -> None:
    """Rebuild every good variant."""
    for folder, (options, formatter, english) in CSV_VARIANTS.items():
        target = GOOD / folder
        target.mkdir(parents=True, exist_ok=True)
        for entity, (czech_headers, english_headers, rows) in FACTS.items():
            write_csv(target / f"{entity}.csv", english_headers if english else czech_headers,
                      [[formatter(v) for v in row] for row in rows], **options)
    (GOOD / "xlsx").mkdir(parents=True, exist_ok=True)
    write_workbook(GOOD / "xlsx" / "kpss_export.xlsx")


if __name__ == "__main__":
    main()
