"""Files with values beyond what the database holds, or a sheet beyond its bounds, get the problem
list on /nahrat, not HTTP 500 (nor a worker killed for its memory)."""

from __future__ import annotations

import pytest

from tests.conftest import table_snapshot
from tests.etl.test_workbook_bounds import far_cell_workbook
from tests.security.callbacks import body, call, dependencies
from tests.security.files import GOOD_ROW, csv_text, data_url, workbook

BEYOND = {
    "money of 30 digits": ("projekty.csv", csv_text([[*GOOD_ROW[:8], "9" * 30, *GOOD_ROW[9:]]])),
    "money 1 and 20 zeros": ("projekty.xlsx",
                             workbook([[*GOOD_ROW[:8], "1" + "0" * 20, *GOOD_ROW[9:]]])),
    "text over 128 KB": ("projekty.csv", csv_text([[GOOD_ROW[0], "x" * 140_000, *GOOD_ROW[2:]]])),
    "achieved value past NUMERIC(18,4)": (
        "plneni_indikatoru.csv",
        b"registracni_cislo;kod_indikatoru;datum;dosazena_hodnota\n"
        b"CZ.03.2.63/0.0/0.0/16_063/0006540;60000;30.6.2018;123 456 789 012 345,67\n"),
    "one cell at XFD1048576": ("projekty.xlsx", far_cell_workbook("XFD1048576", dimension=False)),
    "unbalanced quote": ("projekty.csv", csv_text([[GOOD_ROW[0], '"Projekt', *GOOD_ROW[2:]],
                                                   GOOD_ROW])),
}


@pytest.mark.parametrize("case", BEYOND)
def test_sec090_values_beyond_bounds_show_problems(secure_app, client_as, case: str) -> None:  # noqa: ANN001
    engine = secure_app.server.extensions["kpss_writer"]
    client = client_as("editor")
    check = next(d for d in dependencies(client) if "upload-result" in d["output"])
    before = table_snapshot(engine)
    name, data = BEYOND[case]
    response = call(client, body(check, {
        ("upload-input", "contents"): [data_url(data)], ("upload-input", "filename"): [name],
        ("upload-lang", "data"): "en"}))
    assert response.status_code == 200
    outputs = response.json["response"]
    assert outputs["upload-confirm"]["disabled"] is True
    shown = str(outputs["upload-result"])
    assert "upload-problems" in shown
    assert any(reason in shown for reason in ("out of range", "longer than", "quote", "beyond"))
    assert table_snapshot(engine) == before
