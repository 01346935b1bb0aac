"""Write tests/data/bad/: one small file per way a municipal file goes wrong.

The files are committed; this script documents how the ones that are hard to
type (code pages, NUL bytes, workbooks) were made, and rebuilds them:
``python tests/data/make_bad_files.py``. What each must be rejected for is in
tests/etl/test_bad_files.py.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl

BAD = Path(__file__).parent / "bad"
OSTRAVA = "CZ.03.2.63/0.0/0.0/16_063/0006590"  # seed project, 1.11.2017–31.10.2019
NEW = "CZ.03.2.63/0.0/0.0/16_063/0009999"
NEVER_LOADED = "CZ.03.2.63/0.0/0.0/16_063/0008888"

PROJECT_HEADER = ("registracni_cislo;nazev;program;vyzva;orp;zahajeni;ukonceni;"
                  "celkove_zpusobile_vydaje;podil_eu;podil_sr;podil_prijemce")
ACHIEVED_HEADER = "registracni_cislo;kod_indikatoru;datum;dosazena_hodnota;zprava"
DRAWDOWN_HEADER = "registracni_cislo;rok;zdroj_financovani;planovano;cerpano"
EVALUATION_HEADER = "plan;kod;rok;stav;plneni_procent;skutecne_naklady;verejne"


def project(**changes: str) -> str:
    """One valid new project row with some cells changed."""
    row = {"registracni_cislo": NEW, "nazev": "Plánování sociálních služeb", "program": "OPZ",
           "vyzva": "63", "orp": "8119", "zahajeni": "1. 1. 2018", "ukonceni": "31. 12. 2019",
           "celkove_zpusobile_vydaje": "1 000 000,00 Kč", "podil_eu": "85 %", "podil_sr": "10 %",
           "podil_prijemce": "5 %"}
    row.update(changes)
    return f"{PROJECT_HEADER}\n" + ";".join(row.values()) + "\n"


def achieved(*rows: str) -> str:
    """A plneni_indikatoru file with the given data rows."""
    return ACHIEVED_HEADER + "\n" + "".join(r + "\n" for r in rows)


GOOD_ACHIEVED = f"{OSTRAVA};60000;31.3.2018;5;ZoR 1"

TEXT_FILES: dict[str, str] = {
    "01_cile_indikatoru_missing_column.csv":
        f"registracni_cislo;kod_indikatoru;vychozi_hodnota\n{OSTRAVA};60000;0\n",
    "02_projekty_no_header.csv": f"{NEW};Plánování;OPZ\n",
    "03_plneni_indikatoru_missing_value.csv": achieved(GOOD_ACHIEVED, f"{OSTRAVA};60000;30.6.2018;;ZoR 2"),
    "04_plneni_indikatoru_not_a_number.csv": achieved(f"{OSTRAVA};60000;30.6.2018;dvanáct;ZoR 2"),
    "05_plneni_indikatoru_not_a_date.csv": achieved(f"{OSTRAVA};60000;červen 2018;7;ZoR 2"),
    "06_plneni_indikatoru_no_such_date.csv": achieved(f"{OSTRAVA};60000;31.2.2019;7;ZoR 2"),
    "07_cerpani_negative_money.csv":
        f"{DRAWDOWN_HEADER}\n{OSTRAVA};2018;eu;100 000,00 Kč;-1 000,00 Kč\n",
    "08_cerpani_three_decimals.csv": f"{DRAWDOWN_HEADER}\n{OSTRAVA};2018;eu;100 000,125;0\n",
    "09_cerpani_money_text.csv": f"{DRAWDOWN_HEADER}\n{OSTRAVA};2018;eu;sto tisíc Kč;0\n",
    "10_projekty_shares_sum.csv": project(podil_eu="850 000,00 Kč", podil_sr="100 000,00 Kč",
                                          podil_prijemce="40 000,00 Kč"),
    "11_projekty_percent_sum.csv": project(podil_prijemce="10 %"),
    "12_projekty_share_inconsistent.csv": project(podil_prijemce="50 000,00 Kč (6 %)"),
    "13_projekty_start_after_end.csv": project(zahajeni="1. 1. 2020", ukonceni="31. 12. 2019"),
    "14_klicove_aktivity_start_after_end.csv":
        f"registracni_cislo;kod;nazev;od;do\n{OSTRAVA};KA9;Evaluace;1.6.2019;1.1.2019\n",
    "15_komunitni_plany_period_reversed.csv":
        "plan;nazev;orp;obdobi_od;obdobi_do\nnovy-plan;Plán;8119;2023;2020\n",
    "16_plneni_indikatoru_unknown_indicator.csv": achieved(f"{OSTRAVA};99999;30.6.2018;7;ZoR 2"),
    "17_projekty_unknown_orp.csv": project(orp='"8119; Atlantida"'),
    "18_opatreni_unknown_plan.csv": "plan;kod;nazev\nneexistujici-plan;1.1;Opatření\n",
    "19_plneni_opatreni_unknown_measure.csv":
        f"{EVALUATION_HEADER}\nostrava-kp5;9.99;2020;splněno;100 %;0;ano\n",
    "20_plneni_opatreni_unknown_status.csv":
        f"{EVALUATION_HEADER}\nostrava-kp5;1.1;2020;hotovo;100 %;0;ano\n",
    "21_opatreni_unknown_target_group.csv":
        "plan;kod;nazev;cilova_skupina\nostrava-kp5;1.1;Opatření;Marťané\n",
    "22_cilove_skupiny_unknown_canonical.csv":
        "plan;nazev;kanonicka_skupina\nostrava-kp5;X. Nová skupina;Dospělí bez přívlastku\n",
    "23_projekty_bad_registration_number.csv": project(registracni_cislo="CZ.03/63/0006590"),
    "24_projekty_bad_predecessor.csv": PROJECT_HEADER + ";predchozi_projekt\n"
        + project().splitlines()[1] + ";CZ.1.04/3.1.00\n",
    "25_plneni_indikatoru_duplicate_key.csv": achieved(GOOD_ACHIEVED, f"{OSTRAVA};60000;31.3.2018;6;ZoR 1"),
    "26_cile_indikatoru_unknown_project.csv":
        f"registracni_cislo;kod_indikatoru;cilova_hodnota\n{NEVER_LOADED};60000;10\n",
    "27_cerpani_unknown_funding_source.csv": f"{DRAWDOWN_HEADER}\n{OSTRAVA};2018;loterie;0;0\n",
    "28_projekty_unknown_programme.csv": project(program="IROP 2030"),
    "34_plneni_opatreni_duplicate_column.csv":
        "plan;kod;rok;stav;status\nostrava-kp5;1.1;2020;splněno;splněno\n",
    "35_cerpani_year_out_of_range.csv": f"{DRAWDOWN_HEADER}\n{OSTRAVA};1890;eu;0;0\n",
    "36_plneni_opatreni_not_a_percentage.csv":
        f"{EVALUATION_HEADER}\nostrava-kp5;1.1;2020;splněno;hodně;0;ano\n",
    "37_plneni_opatreni_percent_over_100.csv":
        f"{EVALUATION_HEADER}\nostrava-kp5;1.1;2020;splněno;120 %;0;ano\n",
    "38_plneni_opatreni_not_yes_no.csv":
        f"{EVALUATION_HEADER}\nostrava-kp5;1.1;2020;splněno;100 %;0;možná\n",
    "39_projekty_months_not_whole.csv": PROJECT_HEADER + ";doba_trvani_mesice\n"
        + project().splitlines()[1] + ";24,5\n",
    "40_projekty_percent_without_total.csv": project(celkove_zpusobile_vydaje=""),
    "41_projekty_support_sum.csv": PROJECT_HEADER + ";podpora_eu_sr\n"
        + project().splitlines()[1] + ";999 000,00 Kč\n",
    "42_komunitni_plany_unknown_project.csv":
        f"plan;nazev;obdobi_od;obdobi_do;registracni_cislo\nnovy-plan;Plán;2020;2023;{NEVER_LOADED}\n",
    "43_plneni_indikatoru_blank_required.csv": achieved(f"{OSTRAVA};   ;30.6.2018;7;ZoR 2"),
    "44_plneni_indikatoru_missing_column_english.csv":
        f"registration_number;indicator_code;date;report\n{OSTRAVA};60000;31.3.2018;ZoR 1\n",
    "45_projekty_negative_share.csv": project(celkove_zpusobile_vydaje="-1 000 000,00 Kč",
                                               podil_eu="-850 000,00", podil_sr="-100 000,00",
                                               podil_prijemce="-50 000,00"),
    "46_klicove_aktivity_bad_registration_number.csv":
        "registracni_cislo;kod;nazev\nprojekt Ostrava;KA1;Analýza\n",
    "47_plneni_indikatoru_title_rows_then_bad_date.csv":
        "Plnění indikátorů projektu Ostrava\nstav k 30. 6. 2018\n\n"
        + achieved(GOOD_ACHIEVED, f"{OSTRAVA};60000;2018-06-31;7;ZoR 2"),
}

# Mojibake: Czech text saved as UTF-8, opened with the wrong code page and saved again.
MOJIBAKE = {
    "29_projekty_garbled_utf8_as_cp1250.csv": "cp1250",
    "30_projekty_garbled_utf8_as_latin1.csv": "latin-1",
}


def _garbled(text: str, wrong: str) -> bytes:
    return text.encode("utf-8").decode(wrong, errors="replace").encode("utf-8")


def workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    """An XLSX with the given sheets and rows."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name, rows in sheets.items():
        sheet = book.create_sheet(name)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def binary_files() -> dict[str, bytes]:
    """Files that are not plain UTF-8 text."""
    files = {name: _garbled(project(nazev="Plánování služeb: Třinec, Frýdek-Místek, kavárna Café"), wrong)
             for name, wrong in MOJIBAKE.items()}
    files["31_projekty_empty.csv"] = b"\n\n  \n"
    files["32_seznam.csv"] = project().encode("utf-8")  # the name names no entity
    files["33_projekty_not_a_workbook.xlsx"] = project().encode("utf-8")
    files["48_plneni_indikatoru_nul_bytes.csv"] = achieved(GOOD_ACHIEVED).encode("utf-16-le")
    files["49_projekty_unknown_encoding.csv"] = project().encode("cp1250").replace(
        "á".encode("cp1250"), b"\x81")  # 0x81 means nothing in UTF-8 or Windows-1250
    files["50_workbook_unknown_sheets.xlsx"] = workbook({"List1": [["a", "b"], [1, 2]]})
    files["51_workbook_bad_date.xlsx"] = workbook({"plneni_indikatoru": [
        ["Registrační číslo", "Kód indikátoru", "Datum", "Dosažená hodnota"],
        [OSTRAVA, "60000", "31.3.2018", 5],
        [OSTRAVA, "60000", "30.13.2018", 7],
    ]})
    files["52_workbook_garbled_header_row_text.xlsx"] = workbook({"projekty": [
        ["Registrační číslo", "Název", "Program"],
        [NEW, "PlĂˇnovĂˇnĂ­ sociĂˇlnĂ­ch sluĹľeb", "OPZ"],
    ]})
    return files


def main() -> None:
    """Rebuild every bad file."""
    BAD.mkdir(exist_ok=True)
    for old in BAD.iterdir():
        old.unlink()
    for name, text in TEXT_FILES.items():
        (BAD / name).write_text(text, encoding="utf-8")
    for name, data in binary_files().items():
        (BAD / name).write_bytes(data)


if __name__ == "__main__":
    main()
